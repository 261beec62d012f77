package desk

import (
	"strconv"
	"time"

	"frontdesk/data"
)

var consentWays = []string{"电话", "当面", "业主陪同", "预约"}

// FormVisitor declares 《来人来访登记表》.
var FormVisitor = &data.Form{
	Measures: visitorMeasures,
	Key:      "visitor", Name: "来人来访登记表", Short: "来访登记", Prefix: "LF", Group: data.GroupDesk, Rule: "R1.3 R1.4",
	Settings: []data.Setting{settingOverstayHours},
	DateKey:  "entry_time", Retention: "1年",
	Repeat: &data.Repeat{Keys: []string{"doc_type", "doc_no"}, Show: []string{"visitor_name", "entry_time", "host_unit"},
		Within: 24 * time.Hour, Step: "checkout"},
	// The register keeps the paper form's columns: the household visited and who there agreed, how and
	// when (R1.4), the plate, how many came and the clerk; the window's list shows fewer.
	ListColumns: []string{"visitor_name", "doc_type", "doc_no", "phone", "plate", "visitors", "host_unit", "host_name", "purpose",
		"consent_by", "consent_way", "consent_time", "entry_time", "exit_time", "clerk"},
	ScreenColumns: []string{"visitor_name", "host_unit", "entry_time", "exit_time", "purpose"},
	Fields: []data.Field{
		{Key: "visitor_name", Label: "来访人姓名", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames},
		{Key: "doc_type", Label: "证件类型", Type: data.TypeChoice, Required: true, Choices: data.DocTypes, Default: data.DocResidentID},
		{Key: "doc_no", Label: "证件号码", Type: data.TypeIDNumber, Required: true, DocTypeKey: "doc_type"},
		{Key: "phone", Label: "联系电话", Type: data.TypePhone, Required: true, Search: true},
		{Key: "plate", Label: "车牌号", Type: data.TypePlate, Search: true},
		{Key: "visitors", Label: "同行人数", Type: data.TypeInt, Min: 1, Max: 50, Default: "1"},
		{Key: "host_unit", Label: "被访房号", Type: data.TypeUnit, Required: true, Search: true},
		{Key: "host_name", Label: "被访业户", Type: data.TypePerson, Search: true, Samples: data.SampleNames, Fill: data.FillOwner},
		{Key: "purpose", Label: "来访事由", Type: data.TypeText, Required: true, Max: 50, Samples: []string{"探亲访友", "送货", "维修上门", "看房", "家政服务", "快递"},
			Picks: []string{"访友", "快递", "外卖", "装修", "看房", "维修", "家政服务"}},
		{Key: "consent_by", Label: "业户确认人", Type: data.TypePerson, Required: true, Samples: data.SampleNames, Fill: data.FillOwner},
		{Key: "consent_way", Label: "确认方式", Type: data.TypeChoice, Required: true, Choices: consentWays},
		{Key: "consent_time", Label: "确认时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow},
		{Key: "entry_time", Label: "进入时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow},
		{Key: "exit_time", Label: "离开时间", Type: data.TypeDateTime},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
		{Key: "note", Label: "备注", Type: data.TypeText, Max: 100},
	},
	// R1.4: a visitor is admitted only after the household agreed, so who agreed and how are required.
	Recall:    []string{"visitor_name", "doc_type", "doc_no", "phone", "plate", "host_unit", "host_name", "purpose"},
	Check:     data.EndNotBefore(data.TypeDateTime, "entry_time", "exit_time", "离开时间不能早于进入时间"),
	Flow:      visitorFlow,
	Summarize: summarizeVisitor,
	Timed:     true,
	Card:      &data.CardFill{Name: "visitor_name", DocType: "doc_type", Number: "doc_no"},
	// Two lines, each short enough for one line of the entry screen.
	Notice: "个人信息告知：依据《居民身份证法》第十三条、《个人信息保护法》第二十八和二十九条，经来访人同意读取证件。\n" +
		"证件信息仅用于来访登记和小区安全管理；不读取、不保存照片和住址，证件号码除登记时外一律打码，保存1年。",
}

// checkoutAt refuses a leaving time before the visitor came in or still to come.
func checkoutAt(c *data.StepContext) error {
	exit, _ := data.ParseLocal(data.TypeDateTime, c.Values.Get("exit_time"))
	if entry, ok := data.ParseLocal(data.TypeDateTime, c.Before.Values["entry_time"]); ok && exit.Before(entry) {
		return data.FieldErrors{"exit_time": "离开时间早于 " + c.Before.Values["visitor_name"] + " 的进入时间 " + c.Before.Values["entry_time"] + "，请填之后的时间"}
	}
	if exit.After(c.Now.Add(time.Minute)) {
		return data.FieldErrors{"exit_time": "离开时间不能晚于现在"}
	}
	return nil
}

// SettingOverstayHours is how long a visitor may stay before the list shows 逗留超时.
const (
	SettingOverstayHours = "overstay_hours"
	DefaultOverstayHours = 4
)

var settingOverstayHours = data.Setting{Key: SettingOverstayHours, Label: "访客逗留超过（小时）标红", Unit: "小时",
	Default: strconv.Itoa(DefaultOverstayHours), Min: 1, Max: 72}

// A visitor is on site from entry until the leaving is recorded (F2 at the list, or 离开时间 typed).
var visitorFlow = &data.Flow{
	States: []data.State{
		{Key: "on_site", Name: "在场", Open: true, Who: data.Who{Perm: data.PermRecordWrite}, Late: "逗留超时"},
		{Key: "left", Name: "已离开"},
	},
	Initial: "on_site",
	Steps: []data.Step{{Key: "checkout", Name: "离开登记", From: []string{"on_site"}, To: "left", Perm: data.PermRecordWrite,
		At: "exit_time", Shortcut: "F2"},
		// At the end of the day the desk signs out, in one action, every visitor it saw leave without a
		// word; the trail records each under this step's name.
		{Key: "checkout_all", Name: "全部离场", From: []string{"on_site"}, To: "left", Perm: data.PermRecordWrite, Bulk: true,
			Hint:   "把仍在场的访客一次登记为已离开，每条记录的历史中记为“全部离场”。离开时间填访客离开或最后确认不在场的时间。",
			Fields: []data.Field{{Key: "exit_time", Label: "离开时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow}},
			Check:  checkoutAt}},
	Clocks: []data.Clock{{States: []string{"on_site"}, Label: "离开", From: "entry_time", Length: DefaultOverstayHours * time.Hour,
		Setting: SettingOverstayHours, Reads: "逗留 %s 后超时"}},
	Derive: func(r *data.Record) string {
		if r.Values["exit_time"] != "" {
			return "left"
		}
		return "on_site"
	},
	OpenFilter: "只看在场",
	Handover:   true,
}

// summarizeVisitor: how long the registration took (R1.3).
func summarizeVisitor(r *data.Record, sum *data.Summary) { sum.AddEntrySeconds(r.EntrySeconds) }
