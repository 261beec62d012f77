package desk

import (
	"frontdesk/data"
)

// FormMessage declares 《留言条》.
var FormMessage = &data.Form{
	Key: "message", Name: "留言条", Prefix: "LY", Group: data.GroupDesk, Rule: "R10.1",
	DateKey: "time", Retention: "1年",
	ListColumns: []string{"from_name", "to_name", "unit", "time", "delivered_time"},
	Fields: []data.Field{
		{Key: "from_name", Label: "留言人", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames},
		{Key: "from_phone", Label: "留言人电话", Type: data.TypePhone, Search: true},
		{Key: "to_name", Label: "收件人", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames},
		{Key: "unit", Label: "收件人房号", Type: data.TypeUnit, Search: true},
		{Key: "content", Label: "留言内容", Type: data.TypeMultiline, Required: true, Max: 500, Samples: []string{"快递已放前台，请下班后来取。", "请回电确认周六上门维修时间。", "您的钥匙已交前台保管。"}},
		{Key: "time", Label: "留言时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow, Past: true},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
		{Key: "delivered", Label: "是否已转达", Type: data.TypeBool, Auto: true},
		{Key: "delivered_time", Label: "转达时间", Type: data.TypeDateTime, Auto: true},
		{Key: "delivered_way", Label: "转达方式", Type: data.TypeText, Auto: true},
		{Key: "delivered_by", Label: "转达人", Type: data.TypePerson, Auto: true},
	},
	Flow: messageFlow,
}

// The life of a 留言条: open until delivered, by the end of the day it was left.
var messageFlow = &data.Flow{
	States: []data.State{
		{Key: "pending", Name: "待转达", Open: true, Who: data.Who{Perm: data.PermRecordWrite}},
		{Key: "delivered", Name: "已转达"},
	},
	Initial:   "pending",
	StepsOnly: true,
	Steps: []data.Step{{Key: "deliver", Name: "转达", From: []string{"pending"}, To: "delivered", Perm: data.PermRecordWrite, By: "delivered_by",
		Fields: []data.Field{
			{Key: "delivered_time", Label: "转达时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow},
			{Key: "delivered_way", Label: "转达方式", Type: data.TypeChoice, Required: true, Choices: []string{"电话", "当面", "短信/微信", "张贴/投递"}},
		},
		Check: func(c *data.StepContext) error {
			t, err := data.NotAfterNow(c, "delivered_time", "转达时间")
			if err != nil {
				return err
			}
			if left, ok := data.ParseLocal(data.TypeDateTime, c.Record.Values["time"]); ok && t.Before(left) {
				return data.FieldErrors{"delivered_time": "转达时间不能早于留言时间"}
			}
			return nil
		},
		Apply: func(c *data.StepContext) { c.Record.Values["delivered"] = "是" }}},
	Clocks: []data.Clock{{States: []string{"pending"}, Label: "转达", From: "time", EndOfDay: true}},
	// Messages left before the form had a life were passed on at the desk; the old 是否已转达 was a
	// box seldom ticked, so it does not make years of messages due.
	Derive:     func(r *data.Record) string { return "delivered" },
	OpenFilter: "只看待转达",
	Handover:   true,
}
