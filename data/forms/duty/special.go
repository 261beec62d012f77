package duty

import (
	"strconv"
	"time"

	"frontdesk/data"
)

// FormSpecialReport declares 《特别事项报告》.
var FormSpecialReport = &data.Form{
	Key: "special", Name: "特别事项报告", Short: "特别事项", Prefix: "TB", Group: data.GroupDuty, Rule: "D5 R10.1",
	DateKey: "time", Retention: "3年", Settings: []data.Setting{settingSpecialAckHours},
	Signatures:    []string{"报告人", "客户服务主管", "物业服务中心经理"},
	ListColumns:   []string{"time", "title", "location", "level", "reporter"},
	ScreenColumns: []string{"time", "title", "location", "level"},
	Fields: []data.Field{
		{Key: "title", Label: "事项", Type: data.TypeText, Required: true, Max: 50, Search: true, Samples: []string{"地库积水", "电梯困人", "高空抛物", "消防报警误报"}},
		{Key: "time", Label: "发生时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow, Past: true},
		{Key: "location", Label: "地点", Type: data.TypeText, Required: true, Max: 50, Samples: []string{"3栋地下车库", "5栋2单元电梯", "中心花园"}},
		{Key: "level", Label: "级别", Type: data.TypeChoice, Required: true, Choices: []string{"一般", "较大", "重大"}},
		{Key: "description", Label: "经过", Type: data.TypeMultiline, Required: true, Max: 2000, Samples: []string{"暴雨导致地库入口积水约10厘米，已设置围挡并抽水。"}},
		{Key: "measures", Label: "已采取措施", Type: data.TypeMultiline, Required: true, Max: 2000, Samples: []string{"通知工程部抽水，秩序部引导车辆绕行。"}},
		{Key: "reported_to", Label: "报告对象", Type: data.TypeChoice, Required: true, Choices: []string{"客户服务主管", "物业服务中心经理", "公司"}},
		{Key: "reporter", Label: "报告人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
		{Key: "instruction", Label: "经理批示", Type: data.TypeMultiline, Auto: true},
		{Key: "ack_by", Label: "批示人", Type: data.TypePerson, Auto: true},
		{Key: "ack_at", Label: "批示时间", Type: data.TypeDateTime, Auto: true},
	},
	Flow: specialFlow,
}

// SettingSpecialAckHours is how long the manager has to acknowledge a special report.
const (
	SettingSpecialAckHours = "special_ack_hours"
	DefaultSpecialAckHours = 24
)

var settingSpecialAckHours = data.Setting{Key: SettingSpecialAckHours, Label: "特别事项经理批示时限（小时）", Unit: "小时",
	Default: strconv.Itoa(DefaultSpecialAckHours), Min: 1, Max: 72}

// The life of a 特别事项报告: it goes to the manager (D5), who acknowledges it and gives an instruction.
var specialFlow = &data.Flow{
	States: []data.State{
		{Key: "pending", Name: "待经理批示", Open: true, Who: data.Who{Perm: data.PermMajorMatter}},
		{Key: "acked", Name: "已批示"},
	},
	Initial:   "pending",
	StepsOnly: true,
	Steps: []data.Step{{Key: "ack", Name: "经理批示", From: []string{"pending"}, To: "acked", Perm: data.PermMajorMatter, By: "ack_by", At: "ack_at",
		Fields: []data.Field{{Key: "instruction", Label: "经理批示", Type: data.TypeMultiline, Required: true, Max: 1000, Samples: []string{"同意处理方案，请工程部明日复查。"}}}}},
	Clocks: []data.Clock{{States: []string{"pending"}, Label: "经理批示", From: "time", Length: DefaultSpecialAckHours * time.Hour, Setting: SettingSpecialAckHours}},
	// Reports written before the form had a life went to the manager on paper.
	Derive:     func(r *data.Record) string { return "acked" },
	OpenFilter: "只看待批示",
	Handover:   true,
}
