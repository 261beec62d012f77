package duty

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/service"
)

// The duty desk's records (D1–D15): the 《排班表》's life is drafted by the supervisor, due before the
// 25th of the month before, submitted, approved by the manager alone or sent back.

// Shift lines of the roster and the hours they cover (D2): the rules' three day shifts overlap, and the
// night shift takes the desk from the evening to the next morning (R4.3). One person works one a day.
var rosterShifts = []struct{ Key, Label string }{{"early", "早班 07:30-15:30"}, {"middle", "中班 09:30-17:30"}, {"late", "晚班 12:00-20:00"}, {"night", "夜班 20:00-07:30"}}

// keyRoster names the form where its own rules read the rosters before.
const (
	KeyRoster = "roster"
	keyLeave  = "leave"
)

// MaxDaysInARow is how many days in a row a roster may give one person before it warns.
const MaxDaysInARow = 6

// rosterDue is the roster's deadline: before the 25th of the month before the month it covers.
func rosterDue(month time.Time) time.Time {
	m := month.In(data.Shanghai)
	return time.Date(m.Year(), m.Month()-1, 25, 0, 0, 0, 0, data.Shanghai)
}

// rosterRules are the roster's rules: each line's date in the month, one shift a day for a person, and
// only the desk's people on it.
func rosterRules(env data.Env, in data.Input) data.FieldErrors {
	errs := data.FieldErrors{}
	month, ok := data.ParseLocal(data.TypeMonth, in.Get("month"))
	staff := deskPeople(env)
	seen := map[string]int{}
	for i, line := range in.Tables["lines"] {
		d, okd := data.ParseLocal(data.TypeDate, line["date"])
		if ok && okd && (d.Before(month) || !d.Before(month.AddDate(0, 1, 0))) {
			errs[data.RowKey("lines", i, "date")] = fmt.Sprintf("第%d行 日期不在%s", i+1, month.Format("2006年1月"))
			continue
		}
		if j, dup := seen[line["date"]]; dup {
			errs[data.RowKey("lines", i, "date")] = fmt.Sprintf("第%d行 日期与第%d行重复", i+1, j+1)
			continue
		}
		seen[line["date"]] = i
		on := map[string]string{}
		for _, sh := range rosterShifts {
			p := line[sh.Key]
			if p == "" {
				continue
			}
			if len(staff) > 0 && !staff[p] {
				errs[data.RowKey("lines", i, sh.Key)] = fmt.Sprintf("%s %s 不是本中心的值班人员（没有账户，也不在后台支援人员中）", lineDay(i, d, okd), p)
				continue
			}
			if other, twice := on[p]; twice {
				errs[data.RowKey("lines", i, sh.Key)] = fmt.Sprintf("%s %s 同一天排了%s和%s：一人一天只值一班", lineDay(i, d, okd), p, other, shiftName(sh.Label))
				continue
			}
			on[p] = shiftName(sh.Label)
		}
	}
	return errs
}

// lineDay names a roster's line by its day (12月3日), as the grid and the wall sheet show it; a line
// without a date by its number.
func lineDay(i int, d time.Time, ok bool) string {
	if ok {
		return d.Format("1月2日")
	}
	return fmt.Sprintf("第%d行", i+1)
}

// approvedRoster is the serial of an approved roster of the month other than the one named ("" when
// there is none).
func approvedRoster(env data.Env, month, except string) string {
	m, ok := data.ParseLocal(data.TypeMonth, month)
	if !ok {
		return ""
	}
	rs, err := env.Records(KeyRoster, m, m.AddDate(0, 1, 0))
	if err != nil {
		return ""
	}
	for _, r := range rs {
		if r.State == "approved" && r.Serial != except {
			return r.Serial
		}
	}
	return ""
}

// rosterMonthRule: a roster is for this month (a late one) or a month to come, and for a month with no
// approved roster yet; the person drafting it is one of the desk's people.
func rosterMonthRule(env data.Env, in data.Input, now time.Time) data.FieldErrors {
	errs := data.FieldErrors{}
	if m, ok := data.ParseLocal(data.TypeMonth, in.Get("month")); ok {
		if m.Before(data.MonthStart(now)) {
			errs["month"] = "这个月已经过去，不能再编制排班表"
		} else if other := approvedRoster(env, in.Get("month"), ""); other != "" {
			errs["month"] = fmt.Sprintf("%s已有批准的排班表（%s）；变更请通过请假、调班申请", m.Format("2006年1月"), other)
		}
	}
	if a := data.Normalize(data.TypePerson, in.Get("author")); a != "" {
		if staff := deskPeople(env); staff != nil && !staff[a] {
			errs["author"] = a + " 不是本中心的人员（没有账户）"
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// uncovered lists the days of the roster's month with a shift nobody is on, each as the desk says it
// (2月2日 for a day with nobody at all, 2月10日夜班 for one shift): the desk is staffed day and night
// (D2, R4.3).
func uncovered(in data.Input) []string {
	month, ok := data.ParseLocal(data.TypeMonth, in.Get("month"))
	if !ok {
		return nil
	}
	byDate := map[string]data.Row{}
	for _, l := range in.Tables["lines"] {
		byDate[l["date"]] = l
	}
	var out []string
	for d := month; d.Before(month.AddDate(0, 1, 0)); d = d.AddDate(0, 0, 1) {
		line := byDate[d.Format(data.LayoutDate)]
		var empty []string
		for _, sh := range rosterShifts {
			if line[sh.Key] == "" {
				empty = append(empty, shiftName(sh.Label))
			}
		}
		switch {
		case len(empty) == len(rosterShifts):
			out = append(out, d.Format("1月2日"))
		case len(empty) > 0:
			out = append(out, d.Format("1月2日")+"（"+strings.Join(empty, "、")+"）")
		}
	}
	return out
}

// shiftName is a roster column's shift: 早班 of 早班 07:30-15:30.
func shiftName(label string) string { return label[:strings.Index(label, " ")] }

// uncoveredText names the first days uncovered and how many there are.
func uncoveredText(days []string) string {
	const first = 5
	if len(days) <= first {
		return strings.Join(days, "，")
	}
	return fmt.Sprintf("%s等（共%d天）", strings.Join(days[:first], "，"), len(days))
}

// rosterWarnings says what the roster leaves uncovered and who works too many days in a row: a draft
// may still have gaps (it is refused only when submitted), shown on the roster and printed.
func rosterWarnings(env data.Env, in *data.Input, now time.Time) error {
	month, ok := data.ParseLocal(data.TypeMonth, in.Get("month"))
	if !ok {
		return nil
	}
	byDate := map[string]data.Row{}
	for _, l := range in.Tables["lines"] {
		byDate[l["date"]] = l
	}
	var warn []string
	run := map[string]int{}
	long := map[string]bool{}
	for d := month; d.Before(month.AddDate(0, 1, 0)); d = d.AddDate(0, 0, 1) {
		line := byDate[d.Format(data.LayoutDate)]
		working := map[string]bool{}
		for _, sh := range rosterShifts {
			if p := line[sh.Key]; p != "" {
				working[p] = true
			}
		}
		for p := range run {
			if !working[p] {
				run[p] = 0
			}
		}
		for p := range working {
			run[p]++
			if run[p] > MaxDaysInARow {
				long[p] = true
			}
		}
	}
	if empty := uncovered(*in); len(empty) > 0 {
		warn = append(warn, "无人值班："+uncoveredText(empty))
	}
	var names []string
	for p := range long {
		names = append(names, p)
	}
	sort.Strings(names)
	if len(names) > 0 {
		warn = append(warn, fmt.Sprintf("连续上班超过%d天：%s", MaxDaysInARow, strings.Join(names, "、")))
	}
	if len(warn) == 0 {
		delete(in.Values, "warnings")
		return nil
	}
	in.Values["warnings"] = strings.Join(warn, "；")
	return nil
}

var rosterFlow = &data.Flow{
	States: []data.State{
		{Key: "draft", Name: "待报经理", Open: true, Who: data.Who{Perm: data.PermApproveLeave}},
		{Key: "submitted", Name: "待经理审批", Open: true, Who: data.Who{Perm: data.PermApproveRoster}},
		{Key: "approved", Name: "已批准", Fixed: true},
	},
	Initial:   "draft",
	StepsOnly: true,
	Steps: []data.Step{
		{Key: "submit", Name: "报经理", From: []string{"draft"}, To: "submitted", Perm: data.PermApproveLeave, At: "submitted_at",
			Hint: "下月排班表应在本月25日前报经理审批；逾期报送的照常报送，并注明逾期。",
			Check: func(c *data.StepContext) error {
				if len(c.Record.Tables["lines"]) == 0 {
					return data.FieldErrors{"lines": "排班表还没有排班"}
				}
				// The desk is staffed day and night: every shift of every day has somebody.
				if empty := uncovered(c.Record.Input()); len(empty) > 0 {
					return data.FieldErrors{"lines": "还有无人值班的班次，排满后才能报经理：" + uncoveredText(empty)}
				}
				return nil
			},
			Apply: func(c *data.StepContext) {
				if m, ok := data.ParseLocal(data.TypeMonth, c.Record.Values["month"]); ok && !c.Now.Before(rosterDue(m)) {
					c.Record.Values["late_note"] = "逾期报送：应在" + data.DueText(rosterDue(m), "报经理")
				}
			}},
		// Whoever drafted the roster does not approve it (D8).
		{Key: "approve", Name: "经理批准", Decides: true, From: []string{"submitted"}, To: "approved", Perm: data.PermApproveRoster, By: "approved_by", At: "approved_at",
			NotBy: []string{data.Maker, "author"},
			Hint:  "批准后排班表只能通过已批准的请假、调班变更。",
			Check: func(c *data.StepContext) error {
				if other := approvedRoster(c.Env, c.Record.Values["month"], c.Record.Serial); other != "" {
					return &data.StepRefusal{Message: fmt.Sprintf("这个月已有批准的排班表（%s）；变更请通过请假、调班申请", other)}
				}
				return nil
			}},
		{Key: "return", Name: "退回修改", Decides: true, From: []string{"submitted"}, To: "draft", Perm: data.PermApproveRoster, At: "returned_at",
			Fields: []data.Field{{Key: "returned_reason", Label: "退回原因", Type: data.TypeText, Required: true, Max: 200}}},
	},
	Clocks: []data.Clock{{States: []string{"draft"}, Label: "报经理", From: "month", Due: rosterDue}},
	// Rosters saved before the roster had a life: as their typed approval said.
	Derive: func(r *data.Record) string {
		switch r.Values["approval"] {
		case "已批准":
			return "approved"
		case "退回修改":
			return "draft"
		}
		return "submitted"
	},
	OpenFilter: "只看未批准",
}

// FormRoster declares 《排班表》.
var FormRoster = &data.Form{
	Measures: rosterMeasures,
	Key:      KeyRoster, Name: "排班表", Prefix: "PB", Group: data.GroupDuty, Rule: "D1 D2 D8",
	DateKey: "month", Retention: "3年", Flow: rosterFlow, Rules: rosterRules, Compute: rosterWarnings, Prefill: prefillRoster,
	MadeBy: data.PermMakeRoster, OnePer: &data.OnePer{Key: "month"},
	Settings: []data.Setting{settingShiftHours, settingSupportStaff},
	CheckAt:  rosterMonthRule,
	Expected: expectRoster, ExpectedBy: data.PermApproveLeave,
	// The approved roster goes on the wall: a row a person, a column a day.
	Print: &data.Print{Layout: data.PrintMonthGrid, Grid: rosterGrid,
		Changes: rosterChanges},
	Signatures:  []string{"客户服务主管（拟定）", "物业服务中心经理（审批）"},
	ListColumns: []string{"month", "author", "submitted_at", "approved_by", "late_note"},
	Fields: []data.Field{
		{Key: "month", Label: "排班月份", Type: data.TypeMonth, Required: true},
		{Key: "author", Label: "拟定人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: []string{"王主管"}},
		{Key: "lines", Label: "排班", Type: data.TypeTable, Required: true, Max: 31, Grid: rosterGrid, Columns: []data.Field{
			{Key: "date", Label: "日期", Type: data.TypeDate, Required: true},
			{Key: "early", Label: "早班 07:30-15:30", Type: data.TypePerson, Samples: data.SampleClerks},
			{Key: "middle", Label: "中班 09:30-17:30", Type: data.TypePerson, Samples: data.SampleClerks},
			{Key: "late", Label: "晚班 12:00-20:00", Type: data.TypePerson, Samples: data.SampleClerks},
			{Key: "night", Label: "夜班 20:00-07:30", Type: data.TypePerson, Samples: data.SampleClerks},
		}},
		{Key: "warnings", Label: "提示", Type: data.TypeText, Auto: true},
		{Key: "submitted_at", Label: "报经理时间", Type: data.TypeDateTime, Auto: true},
		{Key: "late_note", Label: "逾期", Type: data.TypeText, Auto: true},
		{Key: "returned_reason", Label: "退回原因", Type: data.TypeText, Auto: true},
		{Key: "approved_by", Label: "批准人", Type: data.TypePerson, Auto: true},
		{Key: "approved_at", Label: "批准时间", Type: data.TypeDateTime, Auto: true},
		// Typed by hand before the roster had a life.
		{Key: "submitted", Label: "报经理日期", Type: data.TypeDate, Auto: true},
		{Key: "approval", Label: "经理审批", Type: data.TypeText, Auto: true},
	},
}

// The life of an entry of the 《客户服务中心值班记录表》 (D4, D5, D15): one dealt with at once is
// done; one to follow up stays open, whichever shift it passes to, until someone closes it with the
// result; what is beyond the desk goes to the supervisor, a major matter to the manager, who answer.
var dutyLogFlow = &data.Flow{
	States: []data.State{
		{Key: "follow", Name: "跟进中", Open: true, Who: data.Who{Perm: data.PermRecordWrite}},
		{Key: "sup", Name: "已上报主管", Open: true, Who: data.Who{Perm: data.PermComplaintDecide}},
		{Key: "mgr", Name: "已上报经理", Open: true, Who: data.Who{Perm: data.PermMajorMatter}},
		{Key: "done", Name: "已办结"},
	},
	Initial:   "follow",
	StepsOnly: true,
	Start: func(r *data.Record) string {
		if r.Values["status"] == "已处理" {
			return "done"
		}
		return "follow"
	},
	Steps: []data.Step{
		{Key: "follow", Name: "跟进", From: []string{"follow"}, Perm: data.PermRecordWrite,
			Fields: []data.Field{{Key: "follow_note", Label: "跟进情况", Type: data.TypeMultiline, Required: true, Max: 500}},
			Apply: func(c *data.StepContext) {
				data.AppendLog(c.Record, "followups", fmt.Sprintf("%s %s：%s", data.Stamp(c.Now), c.Actor.Name, c.Values.Get("follow_note")))
				delete(c.Record.Life, "follow_note")
			}},
		{Key: "close", Name: "办结", Decides: true, From: []string{"follow"}, To: "done", Perm: data.PermRecordWrite, By: "closed_by", At: "closed_at",
			Fields: []data.Field{{Key: "result", Label: "处理结果", Type: data.TypeMultiline, Required: true, Max: 1000}}},
		service.EscalateStep([]string{"follow"}, "followups", data.Field{Key: "question", Label: "请示事项", Type: data.TypeText, Required: true, Max: 200}),
		answerStep("answer", "sup", data.PermComplaintDecide),
		answerStep("answer_major", "mgr", data.PermMajorMatter),
	},
	Clocks: []data.Clock{{States: []string{"sup", "mgr"}, Label: "批示", From: "escalated_at", Length: service.DefaultComplaintReplyHours * time.Hour, Setting: service.SettingComplaintReplyHours}},
	// Entries written before the log had a life were followed up on paper: none is made due now.
	Derive:     func(r *data.Record) string { return "done" },
	OpenFilter: "只看跟进中",
	Handover:   true,
}

// answerStep is the supervisor's or the manager's answer to what the desk escalated: back to the desk
// to follow up.
func answerStep(key, from string, perm data.Perm) data.Step {
	return data.Step{Key: key, Name: "批示", From: []string{from}, To: "follow", Perm: perm,
		Fields: []data.Field{{Key: "answer", Label: "批示意见", Type: data.TypeText, Required: true, Max: 200}},
		Apply: func(c *data.StepContext) {
			data.AppendLog(c.Record, "followups", fmt.Sprintf("%s %s 批示：%s", data.Stamp(c.Now), c.Actor.Name, c.Values.Get("answer")))
			delete(c.Record.Life, "answer")
		}}
}

// dutyLogShift: an entry is written in the shift it happened in (D4, R10.4): its time lies within the
// shift's hours, the night's after midnight too.
func dutyLogShift(env data.Env, in data.Input) data.FieldErrors {
	t, ok := data.ParseLocal(data.TypeDateTime, in.Get("time"))
	sh, okS := ShiftNamed(env, in.Get("shift"))
	if !ok || !okS {
		return nil
	}
	if _, within := sh.DayOf(t); within {
		return nil
	}
	return data.FieldErrors{"shift": fmt.Sprintf("%s 不在%s（%s）内；这个时间当班的是%s", t.Format("15:04"), sh.Name, sh.Hours(), strings.Join(ShiftsAt(env, t), "、"))}
}

// ShiftsAt are the shifts under way at t, in the roster's order.
func ShiftsAt(env data.Env, t time.Time) []string {
	var out []string
	for _, sh := range ShiftsOf(env) {
		if _, ok := sh.DayOf(t); ok {
			out = append(out, sh.Name)
		}
	}
	return out
}

// ShiftOf is the shift a person writes in at t: the one under way they are on by the roster, else the
// latest begun of those under way.
func ShiftOf(env data.Env, person string, t time.Time) string {
	name, began := "", time.Time{}
	for _, sh := range ShiftsOf(env) {
		day, ok := sh.DayOf(t)
		if !ok {
			continue
		}
		if env == nil {
			// no store to ask: the shift alone
		} else if duty, err := DutyOn(env, day); err == nil && duty.Rostered && duty.Has(sh.Name, person) {
			return sh.Name
		}
		if start, _ := sh.On(day); name == "" || start.After(began) {
			name, began = sh.Name, start
		}
	}
	return name
}

// prefillDutyLog starts a new entry in the shift of the person writing it.
func prefillDutyLog(env data.Env, in *data.Input, now time.Time) {
	if in.Values["shift"] == "" {
		in.Values["shift"] = ShiftOf(env, in.Values["clerk"], now)
	}
}

// FormDutyLog declares 《客户服务中心值班记录表》.
var FormDutyLog = &data.Form{
	Key: "duty_log", Name: "客户服务中心值班记录表", Short: "值班记录", Prefix: "ZB", Group: data.GroupDuty, Rule: "D4 D5 D6 D7 D15 R2.1",
	DateKey: "time", Retention: "3年", Flow: dutyLogFlow, Rules: dutyLogShift, Prefill: prefillDutyLog,
	Settings:      []data.Setting{settingShiftHours, service.ReplyHoursSetting},
	Signatures:    []string{"值班员", "客户服务主管（查阅签字）"},
	ListColumns:   []string{"time", "shift", "event_type", "summary", "urgency", "clerk"},
	ScreenColumns: []string{"time", "shift", "event_type", "summary", "urgency"},
	Internal:      "内部资料 注意保密：仅供本中心员工查阅，不得外传",
	RegisterSign:  "客户服务主管（月度查阅）",
	Fields: []data.Field{
		{Key: "time", Label: "时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow, Past: true},
		{Key: "shift", Label: "班次", Type: data.TypeChoice, Required: true, Choices: shifts},
		{Key: "event_type", Label: "事项类别", Type: data.TypeChoice, Required: true, Choices: []string{"来电", "来访", "报修", "投诉", "咨询", "巡查", "突发事件", "其他"}},
		{Key: "unit", Label: "房号", Type: data.TypeUnit, Search: true},
		{Key: "summary", Label: "事项摘要", Type: data.TypeText, Required: true, Max: 60, Search: true, Samples: []string{"业主来电咨询停车月卡办理", "3栋电梯困人，已通知维保", "快递柜故障报修"}},
		{Key: "detail", Label: "详细记录", Type: data.TypeMultiline, Max: 1000, Samples: []string{"已登记并通知工程部跟进，预计明日修复。"}},
		{Key: "urgency", Label: "轻重缓急", Type: data.TypeChoice, Required: true, Choices: data.Urgency, Default: "一般"},
		{Key: "notified", Label: "通知/上报", Type: data.TypeChoice, Choices: []string{"无需", "工程部", "秩序部", "客户服务主管", "物业服务中心经理"}},
		{Key: "status", Label: "登记时处理状态", Type: data.TypeChoice, Required: true, Choices: []string{"已处理", "跟进中", "待交接"}, Default: "已处理",
			Hint: "跟进中的事项一直列在待办中，交给下一班，直到办结"},
		{Key: "clerk", Label: "值班员", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
		{Key: "followups", Label: "跟进记录", Type: data.TypeMultiline, Auto: true},
		{Key: "escalated_to", Label: "上报给", Type: data.TypeText, Auto: true},
		{Key: "result", Label: "处理结果", Type: data.TypeMultiline, Auto: true},
		{Key: "closed_by", Label: "办结人", Type: data.TypePerson, Auto: true},
		{Key: "closed_at", Label: "办结时间", Type: data.TypeDateTime, Auto: true},
	},
}

// Kinds of a 请假/调班申请 (D8, R7).
const (
	LeaveKindLeave = "请假"
	LeaveKindSwap  = "调班"
	LeaveKindStand = "顶岗"
	// MaxStandInHours is the longest a stand-in (顶岗) may last (R7).
	MaxStandInHours = 4
)

// shiftStart is when a shift begins on a day, by the shift hours set (D2); an unknown shift name, the
// day's start.
func shiftStart(env data.Env, day time.Time, shift string) time.Time {
	if sh, ok := ShiftNamed(env, shift); ok {
		start, _ := sh.On(day)
		return start
	}
	return data.DayStart(day)
}

// parseClock reads a time of day (09:30).
func parseClock(v string) (time.Time, bool) {
	t, err := time.Parse(data.LayoutTime, v)
	return t, err == nil
}

// leaveAt is the rule of the moment: asked at least a day before the shift begins, unless marked as an
// emergency (and never after the shift began).
func leaveAt(env data.Env, in data.Input, now time.Time) data.FieldErrors {
	day, ok := data.ParseLocal(data.TypeDate, in.Get("date"))
	if !ok {
		return nil
	}
	start := shiftStart(env, day, in.Get("shift"))
	if sh, ok := ShiftNamed(env, in.Get("shift")); ok && in.Get("kind") == LeaveKindStand {
		// The hours stood in are the shift's own (the night's, after midnight, the next morning's).
		s, e := sh.On(day)
		f, ok1 := parseClock(in.Get("stand_from"))
		t, ok2 := parseClock(in.Get("stand_to"))
		if ok1 {
			start = sh.At(day, f)
		}
		if ok1 && ok2 && (sh.At(day, f).Before(s) || sh.At(day, t).After(e)) {
			return data.FieldErrors{"stand_from": fmt.Sprintf("顶岗时间应在%s的上下班时间（%s–%s）之内", sh.Name, s.Format("15:04"), e.Format("15:04"))}
		}
	}
	switch {
	case !now.Before(start):
		return data.FieldErrors{"date": "这个班已经开始，不能再申请；请联系客户服务主管"}
	case start.Sub(now) < 24*time.Hour && in.Get("emergency") != "是":
		return data.FieldErrors{"emergency": "请至少提前一天申请；确有急事的，请勾选“紧急申请”"}
	}
	return nil
}

// leaveCheck holds the rules across the request's fields: a swap or stand-in names the colleague, not
// oneself; a stand-in gives its hours, at most 4.
func leaveCheck(in data.Input) data.FieldErrors {
	kind := in.Get("kind")
	if (kind == LeaveKindSwap || kind == LeaveKindStand) && in.Get("partner") == "" {
		return data.FieldErrors{"partner": "调班、顶岗须写明对方"}
	}
	if p := in.Get("partner"); p != "" && p == in.Get("person") {
		return data.FieldErrors{"partner": "对方不能是本人"}
	}
	if kind == LeaveKindStand {
		from, ok1 := parseClock(in.Get("stand_from"))
		to, ok2 := parseClock(in.Get("stand_to"))
		if ok1 && ok2 && in.Get("shift") == NightShift && !to.After(from) {
			to = to.Add(24 * time.Hour) // a stand-in in the night, past midnight
		}
		switch {
		case !ok1 || !ok2:
			return data.FieldErrors{"stand_to": "顶岗请写明起止时间"}
		case !to.After(from):
			return data.FieldErrors{"stand_to": "顶岗结束时间应晚于开始时间"}
		case to.Sub(from) > MaxStandInHours*time.Hour:
			return data.FieldErrors{"stand_to": fmt.Sprintf("顶岗最长%d小时", MaxStandInHours)}
		}
	}
	return nil
}

// leaveRules: the person asking is on that shift by the approved roster (when the month has one), and
// the colleague named is one of the desk's people.
func leaveRules(env data.Env, in data.Input) data.FieldErrors {
	if errs := leaveOnce(env, in); errs != nil {
		return errs
	}
	if day, ok := data.ParseLocal(data.TypeDate, in.Get("date")); ok {
		person, shift := data.Normalize(data.TypePerson, in.Get("person")), in.Get("shift")
		if duty, err := DutyOn(env, day); err == nil && duty.Rostered && person != "" && shift != "" && !duty.Has(shift, person) {
			return data.FieldErrors{"shift": fmt.Sprintf("%s %s不在%s的排班上（以批准的排班表为准），无需请假或调班", person, day.Format("1月2日"), shift)}
		}
	}
	p := in.Get("partner")
	if p == "" {
		return nil
	}
	staff := deskPeople(env)
	if staff == nil || staff[p] {
		return nil
	}
	return data.FieldErrors{"partner": p + " 不是本中心的值班人员（没有账户，也不在后台支援人员中）"}
}

var leaveFlow = &data.Flow{
	States: []data.State{
		{Key: "asked", Name: "待审批", Open: true, Who: data.Who{Perm: data.PermApproveLeave}},
		{Key: "approved", Name: "已批准"},
		{Key: "refused", Name: "未批准"},
	},
	Initial:   "asked",
	StepsOnly: true,
	Steps: []data.Step{
		// Nobody decides their own request (D8).
		{Key: "approve", Name: "批准", Decides: true, From: []string{"asked"}, To: "approved", Perm: data.PermApproveLeave, By: "decided_by", At: "decided_at",
			NotBy:  []string{"person"},
			Hint:   "请假须安排顶班人员；调班、顶岗的对方即顶班人员。",
			Fields: []data.Field{coverField}, FieldsFor: coverFields,
			Check: func(c *data.StepContext) error {
				v := c.Record.Values
				cover := c.Values.Get("cover")
				if cover == "" {
					cover = v["partner"]
				}
				if cover == "" {
					return data.FieldErrors{"cover": "请安排顶班人员"}
				}
				if cover == v["person"] {
					return data.FieldErrors{"cover": "顶班人员不能是申请人本人"}
				}
				if staff := deskPeople(c.Env); staff != nil && !staff[cover] {
					return data.FieldErrors{"cover": cover + " 不是本中心的值班人员（没有账户，也不在后台支援人员中）"}
				}
				return coverClash(c.Env, c.Record, cover)
			},
			Apply: func(c *data.StepContext) {
				if c.Record.Values["cover"] == "" {
					c.Record.Values["cover"] = c.Record.Values["partner"]
				}
			}},
		{Key: "refuse", Name: "不批准", Decides: true, From: []string{"asked"}, To: "refused", Perm: data.PermApproveLeave, By: "decided_by", At: "decided_at", NotBy: []string{"person"},
			Fields: []data.Field{{Key: "refused_reason", Label: "不批准的原因", Type: data.TypeText, Required: true, Max: 200}}},
	},
	Clocks: []data.Clock{{States: []string{"asked"}, Label: "审批", From: "date", Due: func(day time.Time) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), 7, 30, 0, 0, data.Shanghai)
	}}},
	OpenFilter: "只看待审批",
}

// formLeave declares 《请假/调班申请》.
var formLeave = &data.Form{
	Key: keyLeave, Name: "请假/调班申请", Short: "请假调班", Prefix: "QB", Group: data.GroupDuty, Rule: "D8 R7",
	DateKey: "date", Retention: "3年", Flow: leaveFlow, Check: leaveCheck, CheckAt: leaveAt, Rules: leaveRules,
	Signatures:  []string{"申请人", "客户服务主管（审批）"},
	ListColumns: []string{"person", "kind", "date", "shift", "partner", "cover"},
	Fields: []data.Field{
		{Key: "kind", Label: "申请类别", Type: data.TypeChoice, Required: true, Choices: []string{LeaveKindLeave, LeaveKindSwap, LeaveKindStand}},
		{Key: "person", Label: "申请人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Search: true, Samples: data.SampleClerks},
		{Key: "date", Label: "日期", Type: data.TypeDate, Required: true},
		{Key: "shift", Label: "班次", Type: data.TypeChoice, Required: true, Choices: shifts},
		{Key: "stand_from", Label: "顶岗开始", Type: data.TypeTime, Hint: "顶岗时填写，如 12:00"},
		{Key: "stand_to", Label: "顶岗结束", Type: data.TypeTime, Hint: "顶岗最长4小时"},
		{Key: "partner", Label: "调班/顶岗对方", Type: data.TypePerson, Search: true, Samples: data.SampleClerks, Options: CoverOptions},
		{Key: "reason", Label: "事由", Type: data.TypeText, Required: true, Max: 100, Samples: []string{"家中有事", "看病", "与同事调班"}},
		{Key: "emergency", Label: "紧急申请（不足一天）", Type: data.TypeBool},
		{Key: "cover", Label: "顶班人员", Type: data.TypePerson, Auto: true},
		{Key: "decided_by", Label: "审批人", Type: data.TypePerson, Auto: true},
		{Key: "decided_at", Label: "审批时间", Type: data.TypeDateTime, Auto: true},
		{Key: "refused_reason", Label: "不批准的原因", Type: data.TypeText, Auto: true},
	},
}

func init() { data.Register(formLeave) }

// prefillRoster starts the roster the rules expect first (this month's if it is missing, else next
// month's): a line for every day and, when the latest roster had more people than shifts, its people
// rotated (each shift one place along a day, everyone resting in turn), for the supervisor to change;
// otherwise the days alone.
func prefillRoster(env data.Env, in *data.Input, now time.Time) {
	next := data.MonthStart(now).AddDate(0, 1, 0)
	if m, ok := data.ParseLocal(data.TypeMonth, in.Values["month"]); ok {
		next = m // the month asked for (a line of the due list)
	} else if months, err := rosterMonths(env, now); err == nil && len(months) > 0 {
		next = months[0] // this month's, when it is the one missing
	}
	in.Values["month"] = next.Format(data.LayoutMonth)
	var people []string
	rosters, _ := env.Records(KeyRoster, next.AddDate(0, -3, 0), next)
	if n := len(rosters); n > 0 {
		// The latest approved roster, or the latest at all.
		last := rosters[n-1]
		for i := n - 1; i >= 0; i-- {
			if rosters[i].State == "approved" {
				last = rosters[i]
				break
			}
		}
		seen := map[string]bool{}
		staff := env.Staff()
		for _, line := range last.Tables["lines"] {
			for _, sh := range rosterShifts {
				if p := line[sh.Key]; p != "" && !seen[p] && (len(staff) == 0 || slices.Contains(staff, p)) {
					seen[p] = true
					people = append(people, p)
				}
			}
		}
	}
	in.Tables["lines"] = nil
	for d := next; d.Before(next.AddDate(0, 1, 0)); d = d.AddDate(0, 0, 1) {
		row := data.Row{"date": d.Format(data.LayoutDate)}
		if len(people) > len(rosterShifts) {
			// More people than shifts: each moves on a shift a day (early, middle, late, night) and
			// rests after the night, never too many days in a row.
			n := len(people)
			for k, sh := range rosterShifts {
				row[sh.Key] = people[((d.Day()-1-k)%n+n)%n]
			}
		}
		in.Tables["lines"] = append(in.Tables["lines"], row)
	}
}

// rosterMonths are the months whose roster the rules expect and the store lacks: next month's from the
// 20th (due before the 25th), and this month's, overdue, if the desk kept a roster last month and has
// none for this one; the earliest first.
func rosterMonths(env data.Env, now time.Time) ([]time.Time, error) {
	this := data.MonthStart(now)
	var out []time.Time
	has := func(m time.Time) (bool, error) { return env.Has(KeyRoster, m, m.AddDate(0, 1, 0)) }
	now1, err := has(this)
	if err != nil {
		return nil, err
	}
	if !now1 {
		last, err := has(this.AddDate(0, -1, 0))
		if err != nil {
			return nil, err
		}
		if last {
			out = append(out, this)
		}
	}
	if now.In(data.Shanghai).Day() >= RosterFrom {
		next, err := has(this.AddDate(0, 1, 0))
		if err != nil {
			return nil, err
		}
		if !next {
			out = append(out, this.AddDate(0, 1, 0))
		}
	}
	return out, nil
}

// RosterFrom is the day of the month from which next month's roster is on the due list.
const RosterFrom = 20

func expectRoster(env data.Env, now time.Time) ([]data.Expected, error) {
	months, err := rosterMonths(env, now)
	if err != nil {
		return nil, err
	}
	var out []data.Expected
	for _, m := range months {
		out = append(out, data.Expected{State: "待编制（" + m.Format("2006年1月") + "）", Who: data.Who{Perm: data.PermApproveLeave}, Label: "报经理", At: rosterDue(m),
			Fill: map[string]string{"month": m.Format(data.LayoutMonth)}})
	}
	return out, nil
}

// rosterChanges are the approved leave, swaps and stand-ins of an approved roster's month, in date
// order: the only way it changes once approved (D8), printed under it.
func rosterChanges(env data.Env, r *data.Record) ([]string, error) {
	if r.State != "approved" {
		return nil, nil
	}
	m, ok := data.ParseLocal(data.TypeMonth, r.Values["month"])
	if !ok {
		return nil, nil
	}
	leaves, err := env.Records(keyLeave, m, m.AddDate(0, 1, 0))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range leaves {
		if l.State != "approved" {
			continue
		}
		v := l.Values
		d, _ := data.ParseLocal(data.TypeDate, v["date"])
		what := fmt.Sprintf("%s %s：%s %s", d.Format("1月2日"), v["shift"], v["person"], v["kind"])
		switch {
		case v["kind"] == LeaveKindStand:
			what = fmt.Sprintf("%s %s：%s–%s 由 %s 为 %s 顶岗", d.Format("1月2日"), v["shift"], v["stand_from"], v["stand_to"], v["cover"], v["person"])
		case v["cover"] != "":
			what += "，由 " + v["cover"] + " 接替"
		}
		if v["decided_by"] != "" {
			what += "，" + v["decided_by"] + " 批准"
		}
		out = append(out, what+"（"+l.Serial+"）")
	}
	if len(out) > 0 {
		out = append([]string{"批准后的变更（以请假/调班申请为准）："}, out...)
	}
	return out, nil
}

// coverClash refuses an approval that would put the cover on two shifts at once, or approve a second
// change of the same person's shift: the day's duty as approved so far decides.
func coverClash(env data.Env, r *data.Record, cover string) error {
	v := r.Values
	// The hours the cover takes: the stand-in's, or the whole shift.
	day, from, to, ok := coverHours(env, func(k string) string { return v[k] })
	if !ok {
		return nil
	}
	leaves, err := env.Records(keyLeave, data.DayStart(day), data.DayStart(day).AddDate(0, 0, 1))
	if err != nil {
		return err
	}
	for _, l := range leaves {
		if l.Serial != r.Serial && l.State == "approved" && l.Values["person"] == v["person"] && l.Values["shift"] == v["shift"] {
			return &data.StepRefusal{Message: fmt.Sprintf("%s %s %s已有批准的%s（%s），不能再批准一份", v["person"], day.Format("1月2日"), v["shift"], l.Values["kind"], l.Serial)}
		}
	}
	duty, err := DutyOn(env, day)
	if err != nil || !duty.Rostered {
		return err
	}
	if other, busy := busyDuring(env, duty, day, cover, from, to); busy {
		s, e := other.On(day)
		return data.FieldErrors{"cover": fmt.Sprintf("%s 当天已在%s（%s–%s），与要顶的时间重叠；请另选顶班人员", cover, other.Name, s.Format("15:04"), e.Format("15:04"))}
	}
	return nil
}

var shifts = []string{"早班", "中班", "晚班", NightShift}
