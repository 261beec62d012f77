package building

import (
	"frontdesk/data"
)

// The declarations of every record the front desk keeps (REQUIREMENTS.md R10.1–R10.3, plus the roster,
// the shift handover and the quality check of D1, D12–D14 and D18–D19). The entry screens, lists,
// search, export and the default print layout are all derived from these.

// Common choices, named once.
var yesNoNA = []string{"是", "否", "不适用"}

var hotMethods = []string{"电焊", "气割", "切割打磨", "熔焊", "其他"}

// formConstruction declares 《施工许可证》.
var formConstruction = &data.Form{
	Key: "construction", Name: "施工许可证", Prefix: "SX", Group: data.GroupConstruction, Rule: "R10.1",
	DateKey: "start_date", Retention: "长期", Stamp: true,
	Signatures:  []string{"业主（签字）", "施工负责人（签字）", "客服中心审批（签字）"},
	ListColumns: []string{"unit", "owner_name", "company", "start_date", "end_date"},
	Fields: []data.Field{
		{Key: "unit", Label: "房号", Type: data.TypeUnit, Required: true, Search: true},
		{Key: "owner_name", Label: "业主姓名", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames, Fill: data.FillOwner},
		{Key: "owner_phone", Label: "业主电话", Type: data.TypePhone, Required: true, Search: true, Fill: data.FillOwnerPhone},
		{Key: "company", Label: "施工单位", Type: data.TypeText, Required: true, Max: 50, Search: true, Samples: []string{"鑫家装饰工程有限公司", "美居装修队", "业主自行装修", "恒泰建筑装饰公司"}},
		{Key: "leader", Label: "施工负责人", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames},
		{Key: "leader_phone", Label: "负责人电话", Type: data.TypePhone, Required: true},
		{Key: "content", Label: "施工内容", Type: data.TypeMultiline, Required: true, Max: 500, Samples: []string{"厨房卫生间防水及墙面翻新", "全屋水电改造及吊顶", "更换入户门及窗户"}},
		{Key: "start_date", Label: "施工开始日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
		{Key: "end_date", Label: "施工结束日期", Type: data.TypeDate, Required: true},
		{Key: "hours", Label: "施工时间", Type: data.TypeText, Default: "08:00-12:00, 14:00-18:00", Max: 40},
		{Key: "deposit", Label: "装修押金（元）", Type: data.TypeMoney},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
	},
	Check: data.EndNotBefore(data.TypeDate, "start_date", "end_date", "结束日期不能早于开始日期"),
}

// formWorkers declares 《施工人员登记本》.
var formWorkers = &data.Form{
	Key: "workers", Name: "施工人员登记本", Short: "施工人员", Prefix: "SG", Group: data.GroupConstruction, Rule: "R10.1",
	DateKey: "date", Retention: "长期",
	ListColumns: []string{"worker_name", "id_no", "phone", "unit", "company", "date"},
	Fields: []data.Field{
		{Key: "worker_name", Label: "施工人员姓名", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames},
		{Key: "id_no", Label: "身份证号", Type: data.TypeIDNumber, Required: true},
		{Key: "phone", Label: "联系电话", Type: data.TypePhone, Required: true, Search: true},
		{Key: "unit", Label: "施工房号", Type: data.TypeUnit, Required: true, Search: true},
		{Key: "company", Label: "施工单位", Type: data.TypeText, Required: true, Max: 50, Search: true, Samples: []string{"鑫家装饰工程有限公司", "美居装修队", "恒泰建筑装饰公司"}},
		{Key: "trade", Label: "工种", Type: data.TypeChoice, Required: true, Choices: []string{"水电工", "木工", "泥瓦工", "油漆工", "电焊工", "杂工", "其他"}},
		{Key: "pass_no", Label: "出入证号", Type: data.TypeText, Max: 20, Samples: []string{"C-0012", "C-0045", "C-0101"}},
		{Key: "date", Label: "登记日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
		{Key: "valid_until", Label: "出入证有效期至", Type: data.TypeDate},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
	},
	Check: data.EndNotBefore(data.TypeDate, "date", "valid_until", "有效期不能早于登记日期"),
}

// formRenoExtension declares 《装修延期申请表》.
var formRenoExtension = &data.Form{
	Key: "reno_ext", Name: "装修延期申请表", Short: "装修延期", Prefix: "YQ", Group: data.GroupConstruction, Rule: "R10.1",
	DateKey: "apply_date", Retention: "长期", Stamp: true,
	Signatures:  []string{"业主（签字）", "施工单位（签字）", "客服中心意见（签字）"},
	ListColumns: []string{"unit", "owner_name", "orig_end", "new_end", "approval"},
	Fields: []data.Field{
		{Key: "unit", Label: "房号", Type: data.TypeUnit, Required: true, Search: true},
		{Key: "owner_name", Label: "业主姓名", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames, Fill: data.FillOwner},
		{Key: "owner_phone", Label: "业主电话", Type: data.TypePhone, Required: true, Search: true, Fill: data.FillOwnerPhone},
		{Key: "company", Label: "施工单位", Type: data.TypeText, Required: true, Max: 50, Samples: []string{"鑫家装饰工程有限公司", "美居装修队"}},
		{Key: "orig_end", Label: "原定完工日期", Type: data.TypeDate, Required: true},
		{Key: "new_end", Label: "申请延期至", Type: data.TypeDate, Required: true},
		{Key: "reason", Label: "延期原因", Type: data.TypeMultiline, Required: true, Max: 300, Samples: []string{"定制橱柜到货延迟", "春节停工", "防水闭水试验未通过需返工"}},
		{Key: "apply_date", Label: "申请日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
		{Key: "approval", Label: "审批结果", Type: data.TypeChoice, Choices: []string{"待审批", "同意", "不同意"}, Default: "待审批"},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
	},
	Check: func(in data.Input) data.FieldErrors {
		s, ok1 := data.ParseLocal(data.TypeDate, in.Get("orig_end"))
		e, ok2 := data.ParseLocal(data.TypeDate, in.Get("new_end"))
		if ok1 && ok2 && !e.After(s) {
			return data.FieldErrors{"new_end": "延期日期应晚于原定完工日期"}
		}
		return nil
	},
}
