package supervision

import (
	"fmt"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
)

// Reading the duty log (D7, R2.1): the supervisor reads each day's log the same day and signs the month
// at its end. The desk hands the day's log in (送阅) or the supervisor opens it; either way the record
// waits for the supervisor's signature, and the day's figures are counted again when it is signed. A
// day with entries and no reading is on the supervisor's due list until read; the month is from the
// 25th, and overdue once it has ended unsigned. Days before the desk's first reading are not asked
// for (a store upgraded to this version starts with today).

// LogReadDays is how many days back a day's unread log stays on the due list.
const LogReadDays = 14

// MonthSignFrom is the day of the month from which the month's log may be signed and is due.
const MonthSignFrom = 25

// The reading forms' keys, named here so the functions their declarations hold can use them.
const (
	KeyLogRead = "log_read"
	KeyLogSign = "log_sign"
)

// logDays counts the duty log's entries in [from, to) day by day, and those still to follow.
func logDays(env data.Env, from, to time.Time) (perDay map[string]int, entries, open int, err error) {
	recs, err := env.Records(duty.FormDutyLog.Key, from, to)
	if err != nil {
		return nil, 0, 0, err
	}
	perDay = map[string]int{}
	for _, r := range recs {
		perDay[r.Date(duty.FormDutyLog).In(data.Shanghai).Format(data.LayoutDate)]++
		if duty.FormDutyLog.State(r).Open {
			open++
		}
	}
	return perDay, len(recs), open, nil
}

// computeLogRead counts the day's entries and lists them, as they stand: what the supervisor reads.
func computeLogRead(env data.Env, in *data.Input, _ time.Time) error {
	d, ok := data.ParseLocal(data.TypeDate, in.Get("day"))
	if !ok {
		return nil
	}
	_, n, open, err := logDays(env, d, d.AddDate(0, 0, 1))
	if err != nil {
		return err
	}
	in.Values["entries"], in.Values["following"] = fmt.Sprint(n), fmt.Sprint(open)
	entries, err := dayEntries(env, in.Get("day"))
	if err != nil {
		return err
	}
	var rows []data.Row
	for _, e := range entries {
		t, _ := e.At("time")
		rows = append(rows, data.Row{"e_no": e.Serial, "e_time": t.In(data.Shanghai).Format(data.LayoutTime), "e_shift": e.Values["shift"],
			"e_type": e.Values["event_type"], "e_summary": e.Values["summary"], "e_state": duty.FormDutyLog.State(e).Name, "e_clerk": e.Values["clerk"]})
	}
	if in.Tables == nil {
		in.Tables = map[string][]data.Row{}
	}
	if len(rows) == 0 {
		delete(in.Tables, "day_log")
	} else {
		in.Tables["day_log"] = rows
	}
	return nil
}

// dayEntries are the duty log's entries of a day, oldest first.
func dayEntries(env data.Env, day string) ([]*data.Record, error) {
	d, ok := data.ParseLocal(data.TypeDate, day)
	if !ok || env == nil {
		return nil, nil
	}
	return env.Records(duty.FormDutyLog.Key, d, d.AddDate(0, 0, 1))
}

// What the supervisor says of each entry read (D7).
const (
	LogSeen     = "已阅"
	LogAskAbout = "有疑问"
)

func entryKey(i int) string { return fmt.Sprintf("entry_%d", i+1) }

// readFields are the signature's fields: each of the day's entries as it stands now, to be read one by
// one (已阅, or 有疑问 with the question in the opinion), then the opinion.
func readFields(env data.Env, r *data.Record, _ time.Time) []data.Field {
	var fields []data.Field
	if r != nil {
		entries, _ := dayEntries(env, r.Values["day"])
		for i, e := range entries {
			t, _ := e.At("time")
			label := fmt.Sprintf("%s %s %s：%s（%s）%s", t.In(data.Shanghai).Format(data.LayoutTime), e.Values["shift"], e.Values["event_type"],
				e.Values["summary"], duty.FormDutyLog.State(e).Name, e.Serial)
			fields = append(fields, data.Field{Key: entryKey(i), Label: label, Type: data.TypeChoice, Required: true,
				Choices: []string{LogSeen, LogAskAbout}, Default: LogSeen})
		}
	}
	return append(fields, data.Field{Key: "opinion", Label: "查阅意见（有疑问的逐条写明）", Type: data.TypeMultiline, Max: 500, Default: "已阅",
		Samples: []string{"记录完整，跟进事项请下一班继续落实。"}})
}

// checkRead: a question asked of an entry is written in the opinion.
func checkRead(c *data.StepContext) error {
	opinion := strings.TrimSpace(c.Values.Get("opinion"))
	for i := range readFields(c.Env, c.Record, c.Now) {
		if c.Values.Get(entryKey(i)) == LogAskAbout && (opinion == "" || opinion == LogSeen) {
			return data.FieldErrors{"opinion": "有疑问的记录请在查阅意见中写明问了什么"}
		}
	}
	return nil
}

// applyRead counts and lists the day's entries again as they stand at the signature, writes what the
// supervisor said of each into its line (the step's per-entry keys are not kept), and says how late a
// reading signed after its day was.
func applyRead(c *data.StepContext) {
	in := data.Input{Values: c.Record.Values, Tables: c.Record.Tables}
	if err := computeLogRead(c.Env, &in, c.Now); err != nil {
		return
	}
	c.Record.Values, c.Record.Tables = in.Values, in.Tables
	for i, row := range c.Record.Tables["day_log"] {
		row["e_ack"] = c.Values.Get(entryKey(i))
		delete(c.Record.Life, entryKey(i))
		delete(c.Record.Values, entryKey(i))
	}
	delete(c.Record.Values, "late_note")
	if day, ok := data.ParseLocal(data.TypeDate, c.Record.Values["day"]); ok {
		if d, ok := c.Form.DeadlineFrom("waiting", day, c.Env); ok && c.Now.After(d.At) {
			c.Record.Values["late_note"] = fmt.Sprintf("逾期查阅：应于%s，迟了%s", data.DueText(d.At, "签阅"), lateBy(c.Now.Sub(d.At)))
		}
	}
}

// lateBy says how long after its deadline something was done: 9小时12分, 2天3小时.
func lateBy(d time.Duration) string {
	mins := int(d / time.Minute)
	switch {
	case mins >= 48*60:
		return fmt.Sprintf("%d天%d小时", mins/(24*60), mins%(24*60)/60)
	case mins >= 60:
		return fmt.Sprintf("%d小时%d分", mins/60, mins%60)
	}
	return fmt.Sprintf("%d分钟", max(mins, 1))
}

// readingsFrom is the first day the desk's readings are asked for: the day of its first reading, or
// today when it has none yet.
func readingsFrom(env data.Env, today time.Time) (time.Time, error) {
	for back := LogReadDays - 1; back > 0; back-- {
		d := today.AddDate(0, 0, -back)
		any, err := env.Has(KeyLogRead, time.Time{}, d.AddDate(0, 0, 1))
		if err != nil {
			return today, err
		}
		if any {
			return d, nil
		}
	}
	return today, nil
}

// expectLogReads are the days of the last two weeks with entries and no reading.
func expectLogReads(env data.Env, now time.Time) ([]data.Expected, error) {
	var out []data.Expected
	today := data.DayStart(now)
	first, err := readingsFrom(env, today)
	if err != nil {
		return nil, err
	}
	for d := first; !d.After(today); d = d.AddDate(0, 0, 1) {
		next := d.AddDate(0, 0, 1)
		read, err := env.Has(KeyLogRead, d, next)
		if err != nil {
			return nil, err
		}
		if read {
			continue
		}
		_, n, _, err := logDays(env, d, next)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			continue
		}
		out = append(out, data.Expected{State: fmt.Sprintf("待查阅（%s，%d条）", d.Format("1月2日"), n), Who: data.Who{Perm: data.PermReadDutyLog}, Label: "查阅", At: next,
			Fill: map[string]string{"day": d.Format(data.LayoutDate)}})
	}
	return out, nil
}

// logReadRules: one reading a day.
func logReadRules(env data.Env, in data.Input, _ time.Time) data.FieldErrors {
	d, ok := data.ParseLocal(data.TypeDate, in.Get("day"))
	if !ok {
		return nil
	}
	recs, err := env.Records(KeyLogRead, d, d.AddDate(0, 0, 1))
	if err == nil && len(recs) > 0 {
		return data.FieldErrors{"day": fmt.Sprintf("%s的值班记录已送阅（%s），不要重复", d.Format("1月2日"), recs[0].Serial)}
	}
	return nil
}

// prefillLogRead proposes the earliest day still unread, or today.
func prefillLogRead(env data.Env, in *data.Input, now time.Time) {
	if exp, err := expectLogReads(env, now); err == nil && len(exp) > 0 {
		in.Values["day"] = exp[0].At.AddDate(0, 0, -1).Format(data.LayoutDate)
	}
}

// formLogRead declares 《值班记录查阅》.
var formLogRead = &data.Form{
	Measures: logReadMeasures,
	Key:      KeyLogRead, Name: "值班记录查阅", Short: "值班查阅", Prefix: "CY", Group: data.GroupDuty, Rule: "D7",
	DateKey: "day", Retention: "3年", Compute: computeLogRead, CheckAt: logReadRules, Prefill: prefillLogRead,
	ExpectedBy:  data.PermReadDutyLog,
	OnePer:      &data.OnePer{Key: "day"},
	Signatures:  []string{"客户服务主管（查阅签字）"},
	ListColumns: []string{"day", "entries", "following", "reader"},
	Fields: []data.Field{
		{Key: "day", Label: "值班日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday, Past: true},
		{Key: "entries", Label: "当日记录（条）", Type: data.TypeInt, Auto: true},
		{Key: "following", Label: "其中仍在跟进", Type: data.TypeInt, Auto: true},
		{Key: "day_log", Label: "当日值班记录", Type: data.TypeTable, Auto: true, Columns: []data.Field{
			{Key: "e_no", Label: "编号", Type: data.TypeText},
			{Key: "e_time", Label: "时间", Type: data.TypeText},
			{Key: "e_shift", Label: "班次", Type: data.TypeText},
			{Key: "e_type", Label: "类别", Type: data.TypeText},
			{Key: "e_summary", Label: "事项摘要", Type: data.TypeText},
			{Key: "e_state", Label: "状态", Type: data.TypeText},
			{Key: "e_clerk", Label: "值班员", Type: data.TypeText},
			{Key: "e_ack", Label: "查阅", Type: data.TypeText},
		}},
		{Key: "note", Label: "送阅说明", Type: data.TypeMultiline, Max: 500, Samples: []string{"今日记录共一页，漏水一事仍在跟进。"}},
		{Key: "opinion", Label: "查阅意见", Type: data.TypeMultiline, Auto: true},
		{Key: "reader", Label: "查阅人", Type: data.TypePerson, Auto: true},
		{Key: "read_at", Label: "查阅时间", Type: data.TypeDateTime, Auto: true},
		{Key: "late_note", Label: "逾期", Type: data.TypeText, Auto: true},
	},
	Flow: &data.Flow{
		States: []data.State{
			// Handed in as it is: the day's figures are the log's, counted again at the signature.
			{Key: "waiting", Name: "待查阅", Open: true, Who: data.Who{Perm: data.PermReadDutyLog}, Late: "逾期未查阅", Fixed: true},
			{Key: "read", Name: "已查阅", Fixed: true},
		},
		Initial: "waiting", StepsOnly: true,
		Steps: []data.Step{{Key: "read", Name: "查阅签字", From: []string{"waiting"}, To: "read", Perm: data.PermReadDutyLog, By: "reader", At: "read_at",
			Hint:      "主管当日查阅值班记录并签字：逐条阅读当日的记录，有疑问的标出并写明",
			FieldsFor: readFields, Check: checkRead, Apply: applyRead}},
		Clocks: []data.Clock{{States: []string{"waiting"}, Label: "查阅", From: "day", EndOfDay: true}},
	},
}

func computeLogSign(env data.Env, in *data.Input, _ time.Time) error {
	m, ok := data.ParseLocal(data.TypeMonth, in.Get("month"))
	if !ok {
		return nil
	}
	end := m.AddDate(0, 1, 0)
	perDay, n, open, err := logDays(env, m, end)
	if err != nil {
		return err
	}
	reads, err := env.Records(KeyLogRead, m, end)
	if err != nil {
		return err
	}
	read := 0
	for _, r := range reads {
		if r.State == "read" && perDay[r.Values["day"]] > 0 {
			read++
		}
	}
	in.Values["entries"], in.Values["following"], in.Values["days_read"] = fmt.Sprint(n), fmt.Sprint(open), fmt.Sprintf("%d/%d", read, len(perDay))
	return nil
}

// expectLogSigns: last month until it is signed, and this month from the 25th; none for a month
// before the desk's first reading.
func expectLogSigns(env data.Env, now time.Time) ([]data.Expected, error) {
	var out []data.Expected
	this := data.MonthStart(now)
	months := []time.Time{this.AddDate(0, -1, 0)}
	if now.In(data.Shanghai).Day() >= MonthSignFrom {
		months = append(months, this)
	}
	for _, m := range months {
		end := m.AddDate(0, 1, 0)
		// Not yet sent for signing, the desk reads its log already, and the month has a log.
		due := true
		for _, ask := range []struct {
			kind     string
			from, to time.Time
			want     bool
		}{{KeyLogSign, m, end, false}, {KeyLogRead, time.Time{}, end, true}, {duty.FormDutyLog.Key, m, end, true}} {
			has, err := env.Has(ask.kind, ask.from, ask.to)
			if err != nil {
				return nil, err
			}
			due = due && has == ask.want
		}
		if due {
			out = append(out, data.Expected{State: "待签阅（" + m.Format("2006年1月") + "）", Who: data.Who{Perm: data.PermReadDutyLog}, Label: "月度签阅", At: end,
				Fill: map[string]string{"month": m.Format(data.LayoutMonth)}})
		}
	}
	return out, nil
}

// logSignRules: one signature a month, for a month begun, and this month only from the 25th.
func logSignRules(env data.Env, in data.Input, now time.Time) data.FieldErrors {
	m, ok := data.ParseLocal(data.TypeMonth, in.Get("month"))
	if !ok {
		return nil
	}
	this := data.MonthStart(now)
	switch {
	case m.After(this):
		return data.FieldErrors{"month": "这个月还没有开始"}
	case m.Equal(this) && now.In(data.Shanghai).Day() < MonthSignFrom:
		return data.FieldErrors{"month": fmt.Sprintf("本月的值班记录%d日起才能签阅", MonthSignFrom)}
	}
	if recs, err := env.Records(KeyLogSign, m, m.AddDate(0, 1, 0)); err == nil && len(recs) > 0 {
		return data.FieldErrors{"month": fmt.Sprintf("%s的值班记录已送签（%s），不要重复", m.Format("2006年1月"), recs[0].Serial)}
	}
	return nil
}

// prefillLogSign proposes last month before the 25th, this month from it.
func prefillLogSign(_ data.Env, in *data.Input, now time.Time) {
	m := data.MonthStart(now)
	if now.In(data.Shanghai).Day() < MonthSignFrom {
		m = m.AddDate(0, -1, 0)
	}
	in.Values["month"] = m.Format(data.LayoutMonth)
}

// formLogSign declares 《值班记录月度签阅》.
var formLogSign = &data.Form{
	Pack:     data.PackRecord,
	Measures: logSignMeasures,
	Key:      KeyLogSign, Name: "值班记录月度签阅", Short: "月度签阅", Prefix: "QY", Group: data.GroupDuty, Rule: "R2.1",
	DateKey: "month", Retention: "3年", Compute: computeLogSign, CheckAt: logSignRules, Prefill: prefillLogSign,
	ExpectedBy:  data.PermReadDutyLog,
	OnePer:      &data.OnePer{Key: "month"},
	Signatures:  []string{"客户服务主管"},
	ListColumns: []string{"month", "entries", "days_read", "reader"},
	Fields: []data.Field{
		{Key: "month", Label: "月份", Type: data.TypeMonth, Required: true, Default: data.DefaultMonth},
		{Key: "entries", Label: "本月记录（条）", Type: data.TypeInt, Auto: true},
		{Key: "following", Label: "其中仍在跟进", Type: data.TypeInt, Auto: true},
		{Key: "days_read", Label: "当日查阅（天）", Type: data.TypeText, Auto: true},
		{Key: "note", Label: "送阅说明", Type: data.TypeMultiline, Max: 500, Samples: []string{"本月值班记录已装订成册。"}},
		{Key: "opinion", Label: "签阅意见", Type: data.TypeMultiline, Auto: true},
		{Key: "reader", Label: "签阅人", Type: data.TypePerson, Auto: true},
		{Key: "read_at", Label: "签阅时间", Type: data.TypeDateTime, Auto: true},
	},
	Flow: &data.Flow{
		States: []data.State{
			{Key: "waiting", Name: "待签阅", Open: true, Who: data.Who{Perm: data.PermReadDutyLog}, Late: "逾期未签阅", Fixed: true},
			{Key: "signed", Name: "已签阅", Fixed: true},
		},
		Initial: "waiting", StepsOnly: true,
		Steps: []data.Step{{Key: "sign", Name: "月度签阅", From: []string{"waiting"}, To: "signed", Perm: data.PermReadDutyLog, By: "reader", At: "read_at",
			Hint: "主管每月签阅值班记录",
			Fields: []data.Field{{Key: "opinion", Label: "签阅意见", Type: data.TypeMultiline, Max: 500, Default: "已阅",
				Samples: []string{"本月值班记录完整，个别跟进事项已督促办结。"}}},
			Apply: data.RecountStep(computeLogSign)}},
		Clocks: []data.Clock{{States: []string{"waiting"}, Label: "签阅", From: "month", Due: func(m time.Time) time.Time { return data.MonthStart(m).AddDate(0, 1, 0) }}},
	},
}

func init() {
	formLogRead.Expected = expectLogReads
	formLogSign.Expected = expectLogSigns
	data.Register(formLogRead)
	data.Register(formLogSign)
}
