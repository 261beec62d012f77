package outreach

import (
	"frontdesk/data"
)

// formHouseholdVisit declares 《业户访问记录表》.
var formHouseholdVisit = &data.Form{
	Pack:     data.PackList,
	Measures: householdVisitMeasures,
	Key:      "hh_visit", Name: "业户访问记录表", Short: "业户访问", Prefix: "ZF", Group: data.GroupVisits, Rule: "R5.1",
	DateKey: "date", Retention: "3年",
	ListColumns: []string{"unit", "name", "date", "way", "visitor"},
	Fields: []data.Field{
		{Key: "unit", Label: "房号", Type: data.TypeUnit, Required: true, Search: true},
		{Key: "name", Label: "受访业户", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames, Fill: data.FillOwner},
		{Key: "date", Label: "走访日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
		{Key: "way", Label: "走访方式", Type: data.TypeChoice, Required: true, Choices: []string{"上门", "电话", "约见"}},
		{Key: "opinions", Label: "业户意见及建议", Type: data.TypeMultiline, Max: 1000, Samples: []string{"希望增加儿童游乐设施", "对保洁服务满意", "建议夜间加强巡逻"}},
		{Key: "follow_up", Label: "跟进情况", Type: data.TypeText, Max: 200, Samples: []string{"已反馈至工程部", "无需跟进"}},
		{Key: "visitor", Label: "走访人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
	},
}
