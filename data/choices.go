package data

// Choices and sample values that forms of several groups share, named once.

// Urgency is how urgent a complaint or a duty-log matter is.
var Urgency = []string{"一般", "紧急", "特急"}

// SampleNames feed the example and demo generators with people's names (Field.Samples).
var SampleNames = []string{"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴霞", "徐强", "孙丽", "马超", "朱琳", "胡军", "郭婷", "何涛", "林晓燕", "罗成", "高秀英"}

// SampleClerks are the desk's people in examples and demo records.
var SampleClerks = []string{"李晓梅", "陈佳", "王丽君", "周敏"}
