package duty

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// The desk is staffed day and night (R4.3): the rules' day shifts and a night shift from the evening to
// the next morning cover the whole day, and the setting refuses hours that leave the desk empty.
func TestShiftsCoverTheDay(t *testing.T) {
	got, msg := ParseShiftHours(DefaultShiftHours)
	var parts []string
	for _, s := range got {
		parts = append(parts, s.Name+s.Hours())
	}
	if msg != "" || strings.Join(parts, " ") != "早班07:30-15:30 中班09:30-17:30 晚班12:00-20:00 夜班20:00-07:30" {
		t.Fatalf("the rules' shifts: %v %q", parts, msg)
	}
	night, _ := ShiftNamed(formtest.FakeEnv{}, "夜班")
	from, to := night.On(formtest.Day("2026-12-01"))
	if !from.Equal(formtest.At("2026-12-01 20:00")) || !to.Equal(formtest.At("2026-12-02 07:30")) {
		t.Errorf("the night of 12-01 runs %v–%v", from, to)
	}
	tests := []struct{ in, msg string }{
		{DefaultShiftHours, ""},
		{"早班 07:30-15:30；中班 09:30-17:30；晚班 12:00-20:00", "请写明夜班的时间"},
		{"早班 07:30-15:30；中班 09:30-17:30；晚班 12:00-20:00；夜班 21:00-07:30", "20:00-21:00"},
		{"早班 08:00-16:00；中班 09:30-17:30；晚班 12:00-20:00；夜班 20:00-07:30", "07:30-08:00"},
		{"早班 07:00-15:00；中班 09:00-17:00；晚班 15:00-23:00；夜班 23:00-07:00", ""},
		{"早班 15:30-07:30；中班 09:30-17:30；晚班 12:00-20:00；夜班 20:00-07:30", "早班的下班时间应晚于上班时间"},
	}
	for _, tc := range tests {
		msg := settingShiftHours.Check(tc.in)
		if (tc.msg == "") != (msg == "") || !strings.Contains(msg, tc.msg) {
			t.Errorf("Check(%q) = %q; want %q", tc.in, msg, tc.msg)
		}
	}
	// Hours set before the desk had a night shift keep the day's shifts as set; the night runs from
	// the last one's end to the first one's start.
	old := formtest.FakeEnv{SettingShiftHours: "早班 08:00-16:00；中班 10:00-18:00；晚班 13:00-21:00"}
	if s, _ := ShiftNamed(old, "早班"); s.Hours() != "08:00-16:00" {
		t.Errorf("an earlier setting's 早班: %s", s.Hours())
	}
	if s, ok := ShiftNamed(old, "夜班"); !ok || s.Hours() != "21:00-08:00" {
		t.Errorf("an earlier setting's 夜班: %s %v", s.Hours(), ok)
	}
}

// nightEnv holds December 2026's approved roster, every shift staffed on the 1st and the 2nd.
func nightEnv() formtest.MemEnv {
	roster := &data.Record{Kind: "roster", Serial: "PB-1", Status: data.StatusActive, State: "approved",
		Values: map[string]string{"month": "2026-12"}, Tables: map[string][]data.Row{"lines": {
			{"date": "2026-12-01", "early": "陈佳", "middle": "李晓梅", "late": "王丽君", "night": "周敏"},
			{"date": "2026-12-02", "early": "赵静", "middle": "孙磊", "late": "陈佳", "night": "李晓梅"},
		}}}
	return formtest.MemEnv{FakeEnv: formtest.FakeEnv{}, Recs: map[string][]*data.Record{"roster": {roster}}}
}

// A handover waits for the incoming person until their shift has begun, not half an hour after it was
// written: the evening handed to the next morning is due at the morning's start (R4.3, D11).
func TestHandoverDeadlineFollowsTheNextShift(t *testing.T) {
	tests := []struct {
		name, at, from, out, to, in string
		takeover, due               string
		notLateAt                   string
	}{
		{"the evening to the next morning", "2026-12-01 19:50", "晚班", "王丽君", "早班", "赵静", "2026-12-02 07:30", "2026-12-02 08:00", "2026-12-02 06:30"},
		{"the evening to the night", "2026-12-01 19:50", "晚班", "王丽君", "夜班", "周敏", "2026-12-01 20:00", "2026-12-01 20:30", "2026-12-01 20:10"},
		{"the night to the morning", "2026-12-02 07:20", "夜班", "周敏", "早班", "赵静", "2026-12-02 07:30", "2026-12-02 08:00", "2026-12-02 07:50"},
		{"to a shift already on", "2026-12-01 15:20", "早班", "陈佳", "中班", "李晓梅", "2026-12-01 15:20", "2026-12-01 15:50", "2026-12-01 15:40"},
	}
	for _, tc := range tests {
		env := nightEnv()
		in := handoverInput("time", tc.at, "from_shift", tc.from, "outgoing", tc.out, "to_shift", tc.to, "incoming", tc.in)
		if errs := handoverRules(env, in); len(errs) > 0 {
			t.Errorf("%s: refused %v", tc.name, errs)
		}
		if err := computeHandover(env, &in, formtest.At(tc.at)); err != nil {
			t.Fatal(err)
		}
		if in.Get("takeover") != tc.takeover {
			t.Errorf("%s: taken over at %q; want %s", tc.name, in.Get("takeover"), tc.takeover)
		}
		r := &data.Record{Kind: HandoverKey, Serial: "JJ-1", Status: data.StatusActive, State: "waiting", Values: in.Values}
		d, ok := formHandover.Deadline(r, env)
		if !ok || !d.At.Equal(formtest.At(tc.due)) {
			t.Errorf("%s: due %v; want %s", tc.name, d.At, tc.due)
		}
		if st := formHandover.StandingAt(r, formtest.At(tc.notLateAt), env); st.Late {
			t.Errorf("%s: at %s already %s %s", tc.name, tc.notLateAt, st.Name, st.Left)
		}
	}
	// A handover saved before the take-over was recorded keeps its half hour from its time.
	old := &data.Record{Kind: HandoverKey, Serial: "JJ-0", Status: data.StatusActive, State: "waiting", Values: map[string]string{"time": "2026-12-01 15:20"}}
	if d, ok := formHandover.Deadline(old, nil); !ok || !d.At.Equal(formtest.At("2026-12-01 15:50")) {
		t.Errorf("an earlier handover is due %v", d.At)
	}
}

// The night is handed over the next morning by the one who worked it, to the morning's person; a new
// handover at that hour is filled so.
func TestNightHandover(t *testing.T) {
	env := nightEnv()
	in := handoverInput("time", "2026-12-02 07:20", "from_shift", "夜班", "outgoing", "周敏", "to_shift", "早班", "incoming", "赵静")
	if errs := handoverRules(env, in); len(errs) > 0 {
		t.Errorf("the night handed over: %v", errs)
	}
	in = handoverInput("time", "2026-12-02 07:20", "from_shift", "夜班", "outgoing", "李晓梅", "to_shift", "早班", "incoming", "赵静")
	if errs := handoverRules(env, in); !strings.Contains(errs["outgoing"], "12月1日没有排夜班") {
		t.Errorf("the night handed over by the next night's person: %v", errs)
	}
	for _, tc := range []struct{ now, out, from, to, incoming string }{
		{"2026-12-01 19:50", "王丽君", "晚班", "夜班", "周敏"},
		{"2026-12-02 07:15", "周敏", "夜班", "早班", "赵静"},
	} {
		p := formtest.Fields("outgoing", tc.out)
		prefillHandover(env, &p, formtest.At(tc.now))
		if p.Get("from_shift") != tc.from || p.Get("to_shift") != tc.to || p.Get("incoming") != tc.incoming {
			t.Errorf("%s: %s → %s %s; want %s → %s %s", tc.now, p.Get("from_shift"), p.Get("to_shift"), p.Get("incoming"), tc.from, tc.to, tc.incoming)
		}
	}
}

// fullMonth is a roster line for every day of February 2027, every shift staffed, six people in turn.
func fullMonth() []data.Row {
	people := []string{"陈佳", "李晓梅", "王丽君", "周敏", "赵静", "孙磊"}
	var lines []data.Row
	for d := formtest.Day("2027-02-01"); d.Month() == 2; d = d.AddDate(0, 0, 1) {
		row := data.Row{"date": d.Format(data.LayoutDate)}
		for k, sh := range rosterShifts {
			row[sh.Key] = people[(d.Day()+6-k)%6]
		}
		lines = append(lines, row)
	}
	return lines
}

// A roster is submitted only when every shift of every day has somebody (D1, D2, R4.3); a draft says
// what is still uncovered.
func TestRosterCoversEveryShift(t *testing.T) {
	draft := func(lines []data.Row) *data.Record {
		return &data.Record{Kind: KeyRoster, Serial: "PB-1", Status: data.StatusActive, State: "draft",
			Values: map[string]string{"month": "2027-02", "author": "王主管"}, Tables: map[string][]data.Row{"lines": lines}}
	}
	env := formtest.FakeEnv{}
	one := []data.Row{{"date": "2027-02-01", "early": "陈佳", "middle": "李晓梅", "late": "王丽君", "night": "周敏"}}
	_, _, err := FormRoster.TakeStep(draft(one), "submit", data.NewInput(), formtest.TSupervisor, formtest.At("2027-01-20 10:00"), env)
	if msg := formtest.ErrText(err, "lines"); !strings.Contains(msg, "2月2日") || !strings.Contains(msg, "共27天") {
		t.Errorf("a roster of 1 day in 28 submitted: %v", err)
	}
	noNight := fullMonth()
	delete(noNight[9], "night")
	_, _, err = FormRoster.TakeStep(draft(noNight), "submit", data.NewInput(), formtest.TSupervisor, formtest.At("2027-01-20 10:00"), env)
	if msg := formtest.ErrText(err, "lines"); !strings.Contains(msg, "2月10日（夜班）") {
		t.Errorf("a night with nobody submitted: %v", err)
	}
	if r := formtest.Take(t, FormRoster, draft(fullMonth()), "submit", data.NewInput(), formtest.TSupervisor, "2027-01-20 10:00", env); r.State != "submitted" {
		t.Errorf("a full roster: %s", r.State)
	}
	in := rosterInput("2027-02", one...)
	if err := rosterWarnings(env, &in, formtest.At("2027-01-20 10:00")); err != nil {
		t.Fatal(err)
	}
	if w := in.Values["warnings"]; !strings.HasPrefix(w, "无人值班：2月2日，2月3日") || !strings.Contains(w, "共27天") {
		t.Errorf("the draft's warning: %q", w)
	}
	in = rosterInput("2027-02", fullMonth()...)
	if err := rosterWarnings(env, &in, formtest.At("2027-01-20 10:00")); err != nil || in.Values["warnings"] != "" {
		t.Errorf("a full roster warns %q %v", in.Values["warnings"], err)
	}
}

// An entry of the duty log is written in the shift it happened in (D4, R10.4): its time lies within the
// shift's hours, the night's after midnight too.
func TestDutyLogTimeWithinItsShift(t *testing.T) {
	tests := []struct{ at, shift, msg string }{
		{"2026-12-01 19:35", "早班", "07:30-15:30"},
		{"2026-12-01 19:35", "晚班", ""},
		{"2026-12-02 05:43", "晚班", "夜班"},
		{"2026-12-02 05:43", "夜班", ""},
		{"2026-12-01 22:10", "夜班", ""},
		{"2026-12-01 07:40", "早班", ""},
	}
	for _, tc := range tests {
		errs := FormDutyLog.Rules(formtest.FakeEnv{}, formtest.Fields("time", tc.at, "shift", tc.shift))
		if (tc.msg == "") != (errs["shift"] == "") || !strings.Contains(errs["shift"], tc.msg) {
			t.Errorf("%s %s: %v; want %q", tc.at, tc.shift, errs, tc.msg)
		}
	}
	// A new entry starts in the shift the person is on now.
	in := formtest.Fields("clerk", "周敏", "time", "2026-12-01 22:10")
	FormDutyLog.Prefill(nightEnv(), &in, formtest.At("2026-12-01 22:10"))
	if in.Get("shift") != "夜班" {
		t.Errorf("a new entry at 22:10 starts in %q", in.Get("shift"))
	}
}

// The night's person logging in is recorded for the night begun that evening, even after midnight.
func TestNightArrival(t *testing.T) {
	zhou := data.Actor{Login: "z", Name: "周敏", Role: data.RoleClerk}
	for _, at := range []string{"2026-12-01 19:40", "2026-12-02 01:10"} {
		ins, err := arriveAtLogin(nightEnv(), zhou, formtest.At(at))
		if err != nil || len(ins) != 1 || ins[0].Values["date"] != "2026-12-01" || ins[0].Values["shift"] != NightShift {
			t.Errorf("周敏 logging in at %s: %v %v", at, ins, err)
		}
	}
}
