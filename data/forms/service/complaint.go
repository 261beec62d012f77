package service

import (
	"fmt"
	"strconv"
	"time"

	"frontdesk/data"
)

// The life of a 顾客投诉处理记录表 (R4.1–R4.6, D5): 听好、问好、记录好 (the intake, with the validity the
// clerk proposes) → 答复 within 2 hours of receipt, day and night (R4.3–R4.5), with the next reply time
// agreed when it is not settled on the spot → 跟进, each follow-up with the next reply time agreed → 处理
// 完毕 → 回访 (every valid complaint, R4.6) → 关闭. An invalid complaint is closed once answered. An
// unsatisfied revisit goes to the supervisor, who reopens it or escalates it; what is beyond the
// clerk's authority goes to the supervisor, a major matter to the manager (D5), who takes it on.

// Complaint validities. One not yet decided is handled as valid (answered, revisited) until the
// supervisor decides.
const (
	ComplaintValid     = "有效投诉"
	ComplaintInvalid   = "无效投诉"
	ComplaintUndecided = "待确认"
)

// Settings of the complaint and service clocks.
const (
	SettingComplaintReplyHours = "complaint_reply_hours"
	DefaultComplaintReplyHours = 2
	SettingRevisitWorkingDays  = "revisit_working_days"
	DefaultRevisitWorkingDays  = 2
)

// The rules set both deadlines (R4.4: a reply within 2 hours; R5.2: a revisit within 2 working days):
// the manager may set them shorter, never longer.
var (
	ReplyHoursSetting = data.Setting{Key: SettingComplaintReplyHours, Label: "投诉答复时限（小时）", Unit: "小时",
		Default: strconv.Itoa(DefaultComplaintReplyHours), Min: 1, Max: DefaultComplaintReplyHours}
	settingRevisitWorkingDays = data.Setting{Key: SettingRevisitWorkingDays, Label: "服务完成后回访时限（工作日）", Unit: "个工作日",
		Default: strconv.Itoa(DefaultRevisitWorkingDays), Min: 1, Max: DefaultRevisitWorkingDays}
)

// Satisfactions of a revisit.
var satisfactions = []string{"满意", "基本满意", "不满意"}

// Unsatisfied is the revisit's answer that sends a complaint back to the supervisor.
const Unsatisfied = "不满意"

var replyWays = []string{"电话", "当面", "微信", "短信", "书面"}

func complaintValid(r *data.Record) bool { return r.Values["validity"] != ComplaintInvalid }

// revisitOwed marks a complaint answered as valid and decided invalid after: the household was told it
// would be dealt with, and R4.6's revisit is owed all the same.
const revisitOwed = "revisit_owed"

// needsRevisit says whether the complaint is closed only by its revisit: a valid one, or one answered
// as valid before it was decided invalid.
func needsRevisit(r *data.Record) bool { return complaintValid(r) || r.Life[revisitOwed] != "" }

// nextReplyAhead checks the next reply time agreed with the household: after now, after the reply.
func nextReplyAhead(c *data.StepContext, key string) error {
	t, ok := data.ParseLocal(data.TypeDateTime, c.Values.Get(key))
	if !ok {
		return nil
	}
	if !t.After(c.Now) {
		return data.FieldErrors{key: "约定下次回复时间已过，请填写以后的时间"}
	}
	return nil
}

// EscalateStep is 上报 (D5): what is beyond the desk to the supervisor (state sup), a major matter to
// the manager (mgr); what is asked goes into the record's log field, and the state it left from is
// remembered, to go back to once the escalated person acts.
func EscalateStep(from []string, log string, ask data.Field) data.Step {
	return data.Step{Key: "escalate", Name: "上报", From: from, Perm: data.PermRecordWrite, At: "escalated_at",
		Hint: "超出本人权限的上报客户服务主管，重大事项上报物业服务中心经理。",
		Fields: []data.Field{
			{Key: "escalated_to", Label: "上报给", Type: data.TypeChoice, Required: true, Choices: []string{data.RoleSupervisor.Chinese(), data.RoleManager.Chinese()}},
			ask,
		},
		Apply: func(c *data.StepContext) {
			c.Record.Life["escalated_from"] = c.From
			data.AppendLog(c.Record, log, fmt.Sprintf("%s %s 上报%s：%s", data.Stamp(c.Now), c.Actor.Name, c.Values.Get("escalated_to"), c.Values.Get(ask.Key)))
			delete(c.Record.Life, ask.Key)
		},
		Next: func(c *data.StepContext) string {
			if c.Values.Get("escalated_to") == data.RoleManager.Chinese() {
				return "mgr"
			}
			return "sup"
		}}
}

// acceptStep is the escalated person taking a complaint on: the supervisor what went to the supervisor,
// the manager what went to the manager. It goes back to where it was, theirs to act on.
func acceptStep(key, from string, perm data.Perm) data.Step {
	return data.Step{Key: key, Name: "接手处理", From: []string{from}, Perm: perm, By: "handler",
		Fields: []data.Field{{Key: "accept_note", Label: "处理意见", Type: data.TypeText, Required: true, Max: 200}},
		Apply: func(c *data.StepContext) {
			data.AppendLog(c.Record, "escalations", fmt.Sprintf("%s %s 接手：%s", data.Stamp(c.Now), c.Actor.Name, c.Values.Get("accept_note")))
			delete(c.Record.Life, "accept_note")
		},
		Next: func(c *data.StepContext) string {
			if from := c.Record.Life["escalated_from"]; from != "" {
				return from
			}
			return "follow"
		}}
}

var complaintFlow = &data.Flow{
	States: []data.State{
		{Key: "reply", Name: "待答复", Open: true, Who: data.Who{Perm: data.PermRecordWrite}},
		{Key: "follow", Name: "跟进中", Open: true, Who: data.Who{Field: "handler", Perm: data.PermRecordWrite}},
		{Key: "revisit", Name: "待回访", Open: true, Who: data.Who{Perm: data.PermRecordWrite}},
		{Key: "unhappy", Name: "回访不满意", Open: true, Who: data.Who{Perm: data.PermComplaintDecide}},
		{Key: "sup", Name: "已上报主管", Open: true, Who: data.Who{Perm: data.PermComplaintDecide}},
		{Key: "mgr", Name: "已上报经理", Open: true, Who: data.Who{Perm: data.PermMajorMatter}},
		{Key: "closed", Name: "已关闭"},
	},
	Initial:   "reply",
	StepsOnly: true,
	Steps: []data.Step{
		{Key: "reply", Name: "答复", From: []string{"reply"}, To: "follow", Perm: data.PermRecordWrite, By: "handler",
			Hint: "有效投诉须在接报后2小时内答复；未能当场处理完毕的，须与业户约定下次回复时间。无效投诉由值班人员在2小时内答复后关闭。",
			Fields: []data.Field{
				{Key: "reply_time", Label: "答复时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow},
				{Key: "reply_way", Label: "答复方式", Type: data.TypeChoice, Required: true, Choices: replyWays},
				{Key: "reply_content", Label: "答复内容", Type: data.TypeMultiline, Required: true, Max: 500, Samples: []string{"已联系施工方，今晚起22:00后停止作业。", "已通知工程部，明天上午检修。"}},
				{Key: "settled", Label: "已当场处理完毕", Type: data.TypeBool},
				{Key: "next_reply", Label: "约定下次回复时间", Type: data.TypeDateTime},
			},
			Check: func(c *data.StepContext) error {
				reply, err := data.NotAfterNow(c, "reply_time", "答复时间")
				if err != nil {
					return err
				}
				if recv, ok := data.ParseLocal(data.TypeDateTime, c.Record.Values["received"]); ok && reply.Before(recv) {
					return data.FieldErrors{"reply_time": "答复时间不能早于接报时间"}
				}
				if complaintValid(c.Record) && c.Values.Get("settled") != "是" && c.Values.Get("next_reply") == "" {
					return data.FieldErrors{"next_reply": "未当场处理完毕的有效投诉，须与业户约定下次回复时间"}
				}
				return nextReplyAhead(c, "next_reply")
			},
			Apply: func(c *data.StepContext) {
				if c.Values.Get("settled") == "是" || !complaintValid(c.Record) {
					c.Record.Values["result"] = c.Values.Get("reply_content")
					c.Record.Values["done_time"] = c.Values.Get("reply_time")
				}
				if !complaintValid(c.Record) {
					c.Record.Values["closed_time"] = c.Values.Get("reply_time")
				}
				if c.Values.Get("settled") == "是" {
					delete(c.Record.Values, "next_reply") // nothing more to agree: it was settled
				}
			},
			Next: func(c *data.StepContext) string {
				switch {
				case !complaintValid(c.Record):
					return "closed"
				case c.Values.Get("settled") == "是":
					return "revisit"
				}
				return "follow"
			}},
		{Key: "follow", Name: "跟进", From: []string{"follow"}, Perm: data.PermRecordWrite,
			Hint: "记录本次跟进，并与业户约定下次回复时间。",
			Fields: []data.Field{
				{Key: "follow_note", Label: "跟进情况", Type: data.TypeMultiline, Required: true, Max: 500, Samples: []string{"工程部已更换配件，待观察两天。"}},
				{Key: "next_reply", Label: "约定下次回复时间", Type: data.TypeDateTime, Required: true},
			},
			Check: func(c *data.StepContext) error { return nextReplyAhead(c, "next_reply") },
			Apply: func(c *data.StepContext) {
				data.AppendLog(c.Record, "followups", fmt.Sprintf("%s %s：%s（约定下次回复 %s）", data.Stamp(c.Now), c.Actor.Name,
					c.Values.Get("follow_note"), c.Values.Get("next_reply")))
				delete(c.Record.Life, "follow_note")
			}},
		{Key: "finish", Name: "处理完毕", From: []string{"follow"}, Perm: data.PermRecordWrite, At: "done_time",
			Fields: []data.Field{{Key: "result", Label: "处理结果", Type: data.TypeMultiline, Required: true, Max: 1000, Samples: []string{"已更换地库照明灯，业主确认已亮。"}}},
			Apply: func(c *data.StepContext) {
				if !needsRevisit(c.Record) {
					c.Record.Values["closed_time"] = data.Stamp(c.Now)
				}
			},
			Next: func(c *data.StepContext) string {
				if needsRevisit(c.Record) {
					return "revisit"
				}
				return "closed"
			}},
		{Key: "revisit", Name: "回访", From: []string{"revisit"}, Perm: data.PermRecordWrite, By: "revisit_by",
			Hint: "有效投诉100%回访。业户不满意的，转客户服务主管决定重新处理或上报。",
			Fields: []data.Field{
				{Key: "revisit_time", Label: "回访时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow},
				{Key: "satisfaction", Label: "满意度", Type: data.TypeChoice, Required: true, Choices: satisfactions},
				{Key: "revisit", Label: "业户意见", Type: data.TypeText, Max: 200, Samples: []string{"业主表示满意", "业主认可处理结果"}},
			},
			Check: func(c *data.StepContext) error {
				t, err := data.NotAfterNow(c, "revisit_time", "回访时间")
				if err != nil {
					return err
				}
				if done, ok := data.ParseLocal(data.TypeDateTime, c.Record.Values["done_time"]); ok && t.Before(done) {
					return data.FieldErrors{"revisit_time": "回访时间不能早于处理完毕时间"}
				}
				return nil
			},
			Apply: func(c *data.StepContext) {
				if c.Values.Get("satisfaction") != Unsatisfied {
					c.Record.Values["closed_time"] = c.Values.Get("revisit_time")
				}
			},
			Next: func(c *data.StepContext) string {
				if c.Values.Get("satisfaction") == Unsatisfied {
					return "unhappy"
				}
				return "closed"
			}},
		{Key: "close", Name: "关闭", Decides: true, From: []string{"follow"}, To: "closed", Perm: data.PermRecordWrite, At: "closed_time",
			When: func(r *data.Record) bool { return !needsRevisit(r) },
			Check: func(c *data.StepContext) error {
				if needsRevisit(c.Record) && c.Record.Values["satisfaction"] == "" {
					return data.FieldErrors{"closed_time": "有效投诉须回访后才能关闭（回访率100%）"}
				}
				return nil
			}},
		{Key: "decide", Name: "认定性质", From: []string{"reply", "follow", "revisit", "unhappy", "sup", "mgr", "closed"}, Perm: data.PermComplaintDecide,
			Hint: "主管认定投诉有效或无效，并写明理由。已关闭的无效投诉认定为有效的，须回访。",
			// A closed complaint is decided again only when it was closed as invalid (it then needs its
			// revisit); a valid one closed has had it.
			When: func(r *data.Record) bool { return r.State != "closed" || r.Values["validity"] == ComplaintInvalid },
			Fields: []data.Field{
				{Key: "validity", Label: "投诉性质", Type: data.TypeChoice, Required: true, Choices: []string{ComplaintValid, ComplaintInvalid}},
				{Key: "validity_reason", Label: "认定理由", Type: data.TypeText, Required: true, Max: 200},
			},
			Check: func(c *data.StepContext) error {
				if c.From == "closed" && c.Before.Values["validity"] != ComplaintInvalid {
					return data.FieldErrors{"validity": "这件有效投诉已回访并关闭，不能再认定"}
				}
				if c.Values.Get("validity") == c.Before.Values["validity"] {
					return data.FieldErrors{"validity": "投诉性质没有改变"}
				}
				return nil
			},
			// An invalid complaint needs no revisit: once dealt with, it is closed. One closed as invalid
			// and found valid is open again: to its revisit if it was dealt with, else to follow-up.
			// Decided invalid after it was answered as valid, it still owes its revisit (R4.6): the
			// decision is recorded with its reason and never closes it.
			Apply: func(c *data.StepContext) {
				v := c.Record.Values
				if c.Values.Get("validity") == ComplaintInvalid && complaintValid(c.Before) && c.Before.Values["reply_time"] != "" {
					c.Record.Life[revisitOwed] = "是"
				}
				switch {
				case c.Values.Get("validity") == ComplaintInvalid && v["done_time"] != "" && !needsRevisit(c.Record):
					v["closed_time"] = data.Stamp(c.Now)
				case c.From == "closed":
					delete(v, "closed_time")
				}
			},
			Next: func(c *data.StepContext) string {
				v := c.Record.Values
				switch {
				case c.Values.Get("validity") == ComplaintInvalid && v["done_time"] != "" && needsRevisit(c.Record):
					return "revisit"
				case c.Values.Get("validity") == ComplaintInvalid && v["done_time"] != "":
					return "closed"
				case c.From == "closed" && v["done_time"] != "":
					return "revisit"
				case c.From == "closed":
					return "follow"
				}
				return ""
			}},
		{Key: "reopen", Name: "重新处理", From: []string{"unhappy"}, To: "follow", Perm: data.PermComplaintDecide, At: "reopened_at",
			Fields: []data.Field{
				{Key: "reopen_reason", Label: "处理意见", Type: data.TypeText, Required: true, Max: 200},
				{Key: "next_reply", Label: "约定下次回复时间", Type: data.TypeDateTime, Required: true},
			},
			Check: func(c *data.StepContext) error { return nextReplyAhead(c, "next_reply") },
			Apply: func(c *data.StepContext) {
				v := c.Record.Values
				data.AppendLog(c.Record, "followups", fmt.Sprintf("%s %s：回访不满意（%s），重新处理：%s", data.Stamp(c.Now), c.Actor.Name, v["revisit"], c.Values.Get("reopen_reason")))
				for _, k := range []string{"done_time", "revisit_time", "revisit_by", "satisfaction", "revisit"} {
					delete(v, k)
				}
				delete(c.Record.Life, "reopen_reason")
			}},
		EscalateStep([]string{"reply", "follow", "unhappy"}, "escalations", data.Field{Key: "escalate_reason", Label: "上报原因", Type: data.TypeText, Required: true, Max: 200}),
		acceptStep("accept", "sup", data.PermComplaintDecide),
		acceptStep("accept_major", "mgr", data.PermMajorMatter),
	},
	Clocks: []data.Clock{
		{States: []string{"reply"}, Label: "答复", From: "received", Length: DefaultComplaintReplyHours * time.Hour, Setting: SettingComplaintReplyHours},
		{States: []string{"follow"}, Label: "约定回复", From: "next_reply"},
		{States: []string{"revisit"}, Label: "回访", From: "done_time", WorkingDays: DefaultRevisitWorkingDays, Setting: SettingRevisitWorkingDays},
		{States: []string{"unhappy"}, Label: "主管决定", From: "revisit_time", WorkingDays: 1},
		{States: []string{"sup", "mgr"}, Label: "接手", From: "escalated_at", Length: DefaultComplaintReplyHours * time.Hour, Setting: SettingComplaintReplyHours},
	},
	// Complaints recorded before the form had a life: where their typed status and fields stand.
	Derive: func(r *data.Record) string {
		v := r.Values
		switch {
		case v["status"] == "已关闭" || v["status"] == "已回访" || v["revisit"] != "":
			return "closed"
		case v["reply_time"] == "" && v["status"] != "已回复" && v["status"] != "跟进中":
			return "reply"
		case v["validity"] == ComplaintInvalid:
			return "closed"
		case v["result"] != "" && complaintValid(r):
			return "revisit"
		}
		return "follow"
	},
	OpenFilter: "只看未关闭",
	Handover:   true,
}

// complaintFields are the fields of the complaint record: the intake typed at the desk, then what its
// life records (Auto), in the order of the paper form.
var complaintFields = []data.Field{
	{Key: "unit", Label: "房号", Type: data.TypeUnit, Required: true, Search: true},
	{Key: "complainant", Label: "投诉人", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames, Fill: data.FillOwner},
	{Key: "phone", Label: "联系电话", Type: data.TypePhone, Required: true, Search: true, Fill: data.FillOwnerPhone},
	{Key: "channel", Label: "投诉方式", Type: data.TypeChoice, Required: true, Choices: complaintChannels},
	{Key: "category", Label: "投诉类别", Type: data.TypeChoice, Required: true, Choices: complaintCategories},
	{Key: "received", Label: "接报时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow, Past: true},
	{Key: "content", Label: "投诉内容（听好、问好）", Type: data.TypeMultiline, Required: true, Max: 1000, Samples: []string{"楼上夜间装修噪音影响休息。", "地库照明损坏多日未修。", "快递被放在门口丢失。"}},
	{Key: "validity", Label: "投诉性质", Type: data.TypeChoice, Required: true, Choices: []string{ComplaintValid, ComplaintInvalid, ComplaintUndecided},
		Default: ComplaintValid, ChangedBy: "decide", Hint: "值班员提出，客户服务主管认定"},
	{Key: "urgency", Label: "轻重缓急", Type: data.TypeChoice, Required: true, Choices: data.Urgency, Default: "一般"},
	{Key: "clerk", Label: "记录人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
	{Key: "validity_reason", Label: "性质认定理由", Type: data.TypeText, Auto: true},
	{Key: "handler", Label: "跟进人", Type: data.TypePerson, Auto: true},
	{Key: "reply_time", Label: "答复时间", Type: data.TypeDateTime, Auto: true},
	{Key: "reply_way", Label: "答复方式", Type: data.TypeChoice, Choices: replyWays, Auto: true},
	{Key: "reply_content", Label: "答复内容", Type: data.TypeMultiline, Auto: true},
	{Key: "next_reply", Label: "约定下次回复时间", Type: data.TypeDateTime, Auto: true},
	{Key: "followups", Label: "跟进记录（跟进好）", Type: data.TypeMultiline, Auto: true},
	{Key: "escalations", Label: "上报记录", Type: data.TypeMultiline, Auto: true},
	{Key: "escalated_to", Label: "上报给", Type: data.TypeText, Auto: true},
	{Key: "result", Label: "处理结果", Type: data.TypeMultiline, Auto: true},
	{Key: "done_time", Label: "处理完毕时间", Type: data.TypeDateTime, Auto: true},
	{Key: "revisit_time", Label: "回访时间", Type: data.TypeDateTime, Auto: true},
	{Key: "revisit_by", Label: "回访人", Type: data.TypePerson, Auto: true},
	{Key: "satisfaction", Label: "满意度", Type: data.TypeChoice, Choices: satisfactions, Auto: true},
	{Key: "revisit", Label: "业户意见（回访好）", Type: data.TypeText, Auto: true},
	{Key: "closed_time", Label: "关闭时间", Type: data.TypeDateTime, Auto: true},
}

var (
	complaintChannels   = []string{"来访", "电话", "微信", "书面", "其他"}
	complaintCategories = []string{"服务态度", "维修", "安全", "环境卫生", "噪音", "停车", "收费", "其他"}
)

// ReplyHours is the length of the complaint reply clock: the manager's setting, else 2 hours.
func ReplyHours(env data.Env) int {
	if env != nil {
		if n := data.AtoiOr0(env.Setting(SettingComplaintReplyHours, "")); n > 0 {
			return n
		}
	}
	return DefaultComplaintReplyHours
}

// ComplaintReply says when a complaint was first answered (ok false if not yet) and how long it took.
func ComplaintReply(r *data.Record) (replied time.Time, took time.Duration, ok bool) {
	recv, ok1 := data.ParseLocal(data.TypeDateTime, r.Values["received"])
	reply, ok2 := data.ParseLocal(data.TypeDateTime, r.Values["reply_time"])
	if !ok1 || !ok2 {
		return time.Time{}, 0, false
	}
	return reply, reply.Sub(recv), true
}

// durationText is a length of time as the report prints it: 3小时25分.
func durationText(d time.Duration) string {
	m := int(d / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d分", m)
	}
	if m%60 == 0 {
		return fmt.Sprintf("%d小时", m/60)
	}
	return fmt.Sprintf("%d小时%d分", m/60, m%60)
}

// FormComplaint declares 《顾客投诉处理记录表》.
var FormComplaint = &data.Form{
	Measures: complaintMeasures,
	Key:      "complaint", Name: "顾客投诉处理记录表", Short: "投诉处理", Prefix: "TS", Group: data.GroupService, Rule: "R4.1–R4.6",
	Settings: []data.Setting{ReplyHoursSetting, settingRevisitWorkingDays},
	DateKey:  "received", Retention: "3年", Summarize: summarizeComplaint, Flow: complaintFlow,
	Signatures:    []string{"记录人", "处理人", "客户服务主管"},
	ListColumns:   []string{"unit", "complainant", "category", "urgency", "received", "validity", "handler"},
	ScreenColumns: []string{"unit", "complainant", "category", "urgency", "received", "validity"},
	Fields:        complaintFields,
}

// summarizeComplaint: answered within 2 hours of receipt (R4.4, R4.5); valid ones revisited (R4.6).
func summarizeComplaint(r *data.Record, sum *data.Summary) {
	sum.Complaints++
	recv, ok1 := data.ParseLocal(data.TypeDateTime, r.Values["received"])
	reply, ok2 := data.ParseLocal(data.TypeDateTime, r.Values["reply_time"])
	switch {
	case !ok1 || !ok2:
		sum.NotReplied++
	case reply.Sub(recv) <= 2*time.Hour:
		sum.RepliedIn2h++
	default:
		sum.RepliedLate++
	}
	if r.Values["validity"] == "有效投诉" {
		sum.Valid++
		if r.Values["satisfaction"] != "" || r.Values["revisit"] != "" || r.Values["status"] == "已回访" || r.Values["status"] == "已关闭" {
			sum.ValidRevisited++
		}
	}
}
