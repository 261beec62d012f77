package service

import (
	"frontdesk/data"
)

// FormRepair declares 《维修单》.
var FormRepair = &data.Form{
	Measures: serviceMeasures("repair", "维修"),
	Key:      "repair", Name: "维修单", Prefix: "WX", Group: data.GroupService, Rule: "R3.1 R3.2 R5.2",
	Settings: []data.Setting{settingRevisitWorkingDays},
	DateKey:  "report_time", Retention: "3年", Flow: serviceFlow("report_time", "appointment"),
	Signatures:  []string{"维修人员", "业主验收（签字）"},
	ListColumns: []string{"unit", "contact", "category", "appointment", "worker", "fee"},
	Fields: append([]data.Field{
		{Key: "unit", Label: "房号", Type: data.TypeUnit, Required: true, Search: true},
		{Key: "contact", Label: "联系人", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames, Fill: data.FillOwner},
		{Key: "phone", Label: "联系电话", Type: data.TypePhone, Required: true, Search: true, Fill: data.FillOwnerPhone},
		{Key: "category", Label: "维修类别", Type: data.TypeChoice, Required: true, Choices: []string{"水", "电", "门窗", "燃气", "管道疏通", "公共设施", "其他"}},
		{Key: "description", Label: "报修内容", Type: data.TypeMultiline, Required: true, Max: 500, Samples: []string{"厨房水龙头漏水", "卫生间地漏堵塞", "客厅插座无电", "入户门锁芯损坏"}},
		{Key: "report_time", Label: "报修时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow, Past: true},
		{Key: "appointment", Label: "约定上门时间", Type: data.TypeDateTime, Required: true, Hint: "与业户约定的上门时间，如 2026-11-27 14:00"},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
	}, serviceLife...),
	Check: data.Combine(
		data.EndNotBefore(data.TypeDateTime, "report_time", "appointment", "约定上门时间不能早于报修时间"),
		data.NotLaterThan("report_time", "appointment", 0, 6, "约定上门时间不能晚于报修时间半年以上")),
}

// FormCleaning declares 《清洁服务委托单》.
var FormCleaning = &data.Form{
	Measures: serviceMeasures("cleaning", "清洁服务"),
	Key:      "cleaning", Name: "清洁服务委托单", Short: "清洁委托", Prefix: "QJ", Group: data.GroupService, Rule: "R3.1 R3.2 R5.2",
	Settings: []data.Setting{settingRevisitWorkingDays},
	DateKey:  "service_time", Retention: "3年", Flow: serviceFlow("order_time", "service_time"),
	Signatures:  []string{"委托人（签字）", "服务人员", "经办人"},
	ListColumns: []string{"unit", "contact", "service", "service_time", "worker", "fee"},
	Fields: append([]data.Field{
		{Key: "unit", Label: "房号", Type: data.TypeUnit, Required: true, Search: true},
		{Key: "contact", Label: "委托人", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames, Fill: data.FillOwner},
		{Key: "phone", Label: "联系电话", Type: data.TypePhone, Required: true, Search: true, Fill: data.FillOwnerPhone},
		{Key: "service", Label: "服务项目", Type: data.TypeChoice, Required: true, Choices: []string{"日常保洁", "开荒保洁", "玻璃清洗", "地毯清洗", "油烟机清洗", "其他"}},
		{Key: "area", Label: "面积（平方米）", Type: data.TypeInt, Min: 1, Max: 2000},
		{Key: "order_time", Label: "委托时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow, Past: true},
		{Key: "service_time", Label: "约定服务时间", Type: data.TypeDateTime, Required: true},
		{Key: "requirements", Label: "具体要求", Type: data.TypeMultiline, Max: 300, Samples: []string{"重点清洁厨房", "需自带清洁工具"}},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
	}, serviceLife...),
	Check: data.Combine(
		data.EndNotBefore(data.TypeDateTime, "order_time", "service_time", "约定服务时间不能早于委托时间"),
		data.NotLaterThan("order_time", "service_time", 0, 6, "约定服务时间不能晚于委托时间半年以上")),
}

// FormFees declares 《收费价格一览表》.
var FormFees = &data.Form{
	Key: "fees", Name: "收费价格一览表", Short: "收费价格", Prefix: "SF", Group: data.GroupService, Rule: "R3.2",
	DateKey: "effective", Retention: "长期", Stamp: true,
	Signatures:  []string{"编制", "审核", "物业服务中心经理"},
	ListColumns: []string{"title", "effective", "approved_by"},
	Fields: []data.Field{
		{Key: "title", Label: "价目表名称", Type: data.TypeText, Required: true, Max: 50, Search: true, Samples: []string{"有偿维修服务收费标准", "家政保洁服务收费标准"}},
		{Key: "effective", Label: "执行日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
		{Key: "items", Label: "收费项目", Type: data.TypeTable, Required: true, Max: 60, Columns: []data.Field{
			{Key: "item", Label: "服务项目", Type: data.TypeText, Required: true, Max: 30, Samples: []string{"更换水龙头", "疏通下水道", "更换灯具", "更换门锁", "日常保洁"}},
			{Key: "unit", Label: "计价单位", Type: data.TypeText, Required: true, Max: 10, Samples: []string{"次", "个", "小时", "平方米"}},
			{Key: "price", Label: "单价（元）", Type: data.TypeMoney, Required: true},
			{Key: "note", Label: "说明", Type: data.TypeText, Max: 40, Samples: []string{"不含材料费", "材料业主自备"}},
		}},
		{Key: "approved_by", Label: "批准人", Type: data.TypePerson, Auto: true},
		{Key: "approved_at", Label: "批准时间", Type: data.TypeDateTime, Auto: true},
	},
	Flow:  feesFlow,
	Check: uniqueFeeItems,
}
