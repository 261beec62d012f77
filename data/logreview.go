package data

import (
	"fmt"
	"time"
)

// Reading the duty log (D7, R2.1): the supervisor reads each day's log the same day and signs the month
// at its end. The desk hands the day's log in (送阅) or the supervisor opens it; either way the record
// waits for the supervisor's signature. A day with entries and no reading is on the supervisor's due
// list until read; the month is from the 25th, and overdue once it has ended unsigned.

// LogReadDays is how many days back a day's unread log stays on the due list.
const LogReadDays = 14

// The reading forms' keys, named here so the functions their declarations hold can use them.
const (
	keyLogRead = "log_read"
	keyLogSign = "log_sign"
)

func dayStart(t time.Time) time.Time {
	d := t.In(Shanghai)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, Shanghai)
}

func monthStart(t time.Time) time.Time {
	d := t.In(Shanghai)
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, Shanghai)
}

// countLog counts the duty log's entries in [from, to) and those still to follow.
func countLog(env Env, from, to time.Time) (entries, open int) {
	recs, err := env.Records(formDutyLog.Key, from, to)
	if err != nil {
		return 0, 0
	}
	for _, r := range recs {
		if st := formDutyLog.State(r); st.Open {
			open++
		}
	}
	return len(recs), open
}

func computeLogRead(env Env, in *Input, _ time.Time) error {
	d, ok := ParseLocal(TypeDate, in.Get("day"))
	if !ok {
		return nil
	}
	n, open := countLog(env, d, d.AddDate(0, 0, 1))
	in.Values["entries"], in.Values["following"] = fmt.Sprint(n), fmt.Sprint(open)
	return nil
}

// expectLogReads are the days of the last two weeks with entries and no reading.
func expectLogReads(env Env, now time.Time) []Expected {
	var out []Expected
	today := dayStart(now)
	for back := LogReadDays - 1; back >= 0; back-- {
		d := today.AddDate(0, 0, -back)
		next := d.AddDate(0, 0, 1)
		if reads, err := env.Records(keyLogRead, d, next); err != nil || len(reads) > 0 {
			continue
		}
		n, _ := countLog(env, d, next)
		if n == 0 {
			continue
		}
		out = append(out, Expected{State: fmt.Sprintf("待查阅（%s，%d条）", d.Format("1月2日"), n), Who: Who{Perm: PermSignReport}, Label: "查阅", At: next})
	}
	return out
}

var formLogRead = &Form{
	Key: keyLogRead, Name: "值班记录查阅", Prefix: "CY", Group: GroupDuty, Rule: "D7",
	DateKey: "day", Retention: "3年", Compute: computeLogRead,
	Signatures:  []string{"客户服务主管（查阅签字）"},
	ListColumns: []string{"day", "entries", "following", "reader"},
	Fields: []Field{
		{Key: "day", Label: "值班日期", Type: TypeDate, Required: true, Default: DefaultToday, Past: true},
		{Key: "entries", Label: "当日记录（条）", Type: TypeInt, Auto: true},
		{Key: "following", Label: "其中仍在跟进", Type: TypeInt, Auto: true},
		{Key: "note", Label: "送阅说明", Type: TypeMultiline, Max: 500, Samples: []string{"今日记录共一页，漏水一事仍在跟进。"}},
		{Key: "opinion", Label: "查阅意见", Type: TypeMultiline, Auto: true},
		{Key: "reader", Label: "查阅人", Type: TypePerson, Auto: true},
		{Key: "read_at", Label: "查阅时间", Type: TypeDateTime, Auto: true},
	},
	Flow: &Flow{
		States: []State{
			{Key: "waiting", Name: "待查阅", Open: true, Who: Who{Perm: PermSignReport}, Late: "逾期未查阅"},
			{Key: "read", Name: "已查阅", Fixed: true},
		},
		Initial: "waiting", StepsOnly: true,
		Steps: []Step{{Key: "read", Name: "查阅签字", From: []string{"waiting"}, To: "read", Perm: PermSignReport, By: "reader", At: "read_at",
			Hint: "主管当日查阅值班记录并签字",
			Fields: []Field{{Key: "opinion", Label: "查阅意见", Type: TypeMultiline, Max: 500, Default: "已阅",
				Samples: []string{"记录完整，跟进事项请下一班继续落实。"}}}}},
		Clocks: []Clock{{States: []string{"waiting"}, Label: "查阅", From: "day", EndOfDay: true}},
	},
}

func computeLogSign(env Env, in *Input, _ time.Time) error {
	m, ok := ParseLocal(TypeMonth, in.Get("month"))
	if !ok {
		return nil
	}
	end := m.AddDate(0, 1, 0)
	n, open := countLog(env, m, end)
	days, read := 0, 0
	reads, _ := env.Records(keyLogRead, m, end)
	seen := map[string]bool{}
	for _, r := range reads {
		seen[r.Values["day"]] = true
	}
	for d := m; d.Before(end); d = d.AddDate(0, 0, 1) {
		if c, _ := countLog(env, d, d.AddDate(0, 0, 1)); c > 0 {
			days++
			if seen[d.Format(LayoutDate)] {
				read++
			}
		}
	}
	in.Values["entries"], in.Values["following"], in.Values["days_read"] = fmt.Sprint(n), fmt.Sprint(open), fmt.Sprintf("%d/%d", read, days)
	return nil
}

// expectLogSigns: last month until it is signed, and this month from the 25th.
func expectLogSigns(env Env, now time.Time) []Expected {
	var out []Expected
	this := monthStart(now)
	months := []time.Time{this.AddDate(0, -1, 0)}
	if now.In(Shanghai).Day() >= 25 {
		months = append(months, this)
	}
	for _, m := range months {
		end := m.AddDate(0, 1, 0)
		if signs, err := env.Records(keyLogSign, m, end); err != nil || len(signs) > 0 {
			continue
		}
		if recs, err := env.Records(formDutyLog.Key, m, end); err != nil || len(recs) == 0 {
			continue
		}
		out = append(out, Expected{State: "待签阅（" + m.Format("2006年1月") + "）", Who: Who{Perm: PermSignReport}, Label: "月度签阅", At: end})
	}
	return out
}

var formLogSign = &Form{
	Key: keyLogSign, Name: "值班记录月度签阅", Prefix: "QY", Group: GroupDuty, Rule: "R2.1",
	DateKey: "month", Retention: "3年", Compute: computeLogSign,
	Signatures:  []string{"客户服务主管"},
	ListColumns: []string{"month", "entries", "days_read", "reader"},
	Fields: []Field{
		{Key: "month", Label: "月份", Type: TypeMonth, Required: true, Default: DefaultMonth},
		{Key: "entries", Label: "本月记录（条）", Type: TypeInt, Auto: true},
		{Key: "following", Label: "其中仍在跟进", Type: TypeInt, Auto: true},
		{Key: "days_read", Label: "当日查阅（天）", Type: TypeText, Auto: true},
		{Key: "note", Label: "送阅说明", Type: TypeMultiline, Max: 500, Samples: []string{"本月值班记录已装订成册。"}},
		{Key: "opinion", Label: "签阅意见", Type: TypeMultiline, Auto: true},
		{Key: "reader", Label: "签阅人", Type: TypePerson, Auto: true},
		{Key: "read_at", Label: "签阅时间", Type: TypeDateTime, Auto: true},
	},
	Flow: &Flow{
		States: []State{
			{Key: "waiting", Name: "待签阅", Open: true, Who: Who{Perm: PermSignReport}, Late: "逾期未签阅"},
			{Key: "signed", Name: "已签阅", Fixed: true},
		},
		Initial: "waiting", StepsOnly: true,
		Steps: []Step{{Key: "sign", Name: "月度签阅", From: []string{"waiting"}, To: "signed", Perm: PermSignReport, By: "reader", At: "read_at",
			Hint: "主管每月签阅值班记录",
			Fields: []Field{{Key: "opinion", Label: "签阅意见", Type: TypeMultiline, Max: 500, Default: "已阅",
				Samples: []string{"本月值班记录完整，个别跟进事项已督促办结。"}}}}},
		Clocks: []Clock{{States: []string{"waiting"}, Label: "签阅", From: "month", Due: func(m time.Time) time.Time { return monthStart(m).AddDate(0, 1, 0) }}},
	},
}

// expectRoster: next month's roster from the 20th, due before the 25th; and this month's, overdue, if
// the desk kept a roster last month and has none for this one.
func expectRoster(env Env, now time.Time) []Expected {
	var out []Expected
	this := monthStart(now)
	has := func(m time.Time) bool {
		rs, err := env.Records(formRoster.Key, m, m.AddDate(0, 1, 0))
		return err != nil || len(rs) > 0
	}
	var months []time.Time
	if !has(this) && has(this.AddDate(0, -1, 0)) {
		months = append(months, this)
	}
	if now.In(Shanghai).Day() >= 20 && !has(this.AddDate(0, 1, 0)) {
		months = append(months, this.AddDate(0, 1, 0))
	}
	for _, m := range months {
		out = append(out, Expected{State: "待编制（" + m.Format("2006年1月") + "）", Who: Who{Perm: PermApproveLeave}, Label: "报经理", At: rosterDue(m)})
	}
	return out
}

func init() {
	formRoster.Expected = expectRoster
	formLogRead.Expected = expectLogReads
	formLogSign.Expected = expectLogSigns
	register(formLogRead)
	register(formLogSign)
}
