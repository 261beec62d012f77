package duty

import (
	"errors"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

func splitLines(s string) []string { return strings.Split(s, "\n") }

func stringsContains(s, sub string) bool { return strings.Contains(s, sub) }

func rosterInput(month string, lines ...data.Row) data.Input {
	in := formtest.Fields("month", month, "author", "王主管")
	in.Tables["lines"] = lines
	return in
}

// The roster's rules: a line's date in its month, once; one shift a day for a person (the shifts
// overlap); only the desk's people.
func TestRosterRules(t *testing.T) {
	env := formtest.FakeEnv{"staff": "陈佳,李晓梅,王丽君,周敏,王主管"}
	tests := []struct {
		name  string
		lines []data.Row
		field string
	}{
		{"a good line", []data.Row{{"date": "2027-01-04", "early": "陈佳", "middle": "李晓梅", "late": "王丽君"}}, ""},
		{"a date of another month", []data.Row{{"date": "2027-02-01", "early": "陈佳"}}, "lines[0].date"},
		{"a date twice", []data.Row{{"date": "2027-01-04", "early": "陈佳"}, {"date": "2027-01-04", "late": "周敏"}}, "lines[1].date"},
		{"one person on two shifts", []data.Row{{"date": "2027-01-04", "early": "陈佳", "late": "陈佳"}}, "lines[0].late"},
		{"someone not on the staff", []data.Row{{"date": "2027-01-04", "early": "张三"}}, "lines[0].early"},
	}
	for _, tc := range tests {
		errs := rosterRules(env, rosterInput("2027-01", tc.lines...))
		if tc.field == "" && len(errs) > 0 || tc.field != "" && errs[tc.field] == "" {
			t.Errorf("%s: %v; want a message on %q", tc.name, errs, tc.field)
		}
	}
	// With no accounts yet (a store being set up) the people are not checked.
	if errs := rosterRules(formtest.FakeEnv{}, rosterInput("2027-01", data.Row{"date": "2027-01-04", "early": "张三"})); len(errs) > 0 {
		t.Errorf("no accounts: %v", errs)
	}
}

// The roster's life: due before the 25th of the month before, submitted (late marked, not refused),
// approved by the manager alone, or sent back with the reason; approved, it is fixed.
func TestRosterLife(t *testing.T) {
	f := FormRoster
	env := formtest.FakeEnv{}
	r := &data.Record{Kind: "roster", Serial: "PB-1", Status: data.StatusActive, State: "draft",
		Values: map[string]string{"month": "2027-01"}, Tables: map[string][]data.Row{"lines": staffedMonth("2027-01")}}
	d, ok := f.Deadline(r, env)
	if !ok || !d.At.Equal(formtest.At("2026-12-25 00:00")) || d.Label != "报经理" {
		t.Fatalf("deadline %v %s", d.At, d.Label)
	}
	if left, late := d.Left(formtest.At("2026-12-26 09:00")); !late || left != "超时 33:00" {
		t.Errorf("on the 26th: %s", left)
	}
	if _, _, err := f.TakeStep(r, "submit", data.NewInput(), formtest.TClerk, formtest.At("2026-12-20 10:00"), env); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a clerk submitted the roster: %v", err)
	}
	onTime := formtest.Take(t, f, r, "submit", data.NewInput(), formtest.TSupervisor, "2026-12-24 18:00", env)
	if onTime.State != "submitted" || onTime.Values["late_note"] != "" {
		t.Errorf("on time: %s %q", onTime.State, onTime.Values["late_note"])
	}
	late := formtest.Take(t, f, r, "submit", data.NewInput(), formtest.TSupervisor, "2026-12-27 10:00", env)
	if late.Values["late_note"] == "" {
		t.Errorf("a late roster is not marked late")
	}
	for _, a := range []data.Actor{formtest.TClerk, formtest.TSupervisor} {
		if _, _, err := f.TakeStep(onTime, "approve", data.NewInput(), a, formtest.At("2026-12-25 10:00"), env); !errors.Is(err, data.ErrForbidden) {
			t.Errorf("%s approved the roster: %v", a.Name, err)
		}
	}
	if _, _, err := f.TakeStep(onTime, "return", data.NewInput(), formtest.TManager, formtest.At("2026-12-25 10:00"), env); err == nil {
		t.Errorf("sent back without a reason")
	}
	back := formtest.Take(t, f, onTime, "return", formtest.Fields("returned_reason", "元旦当天缺晚班"), formtest.TManager, "2026-12-25 10:00", env)
	if back.State != "draft" || back.Values["returned_reason"] != "元旦当天缺晚班" {
		t.Errorf("sent back: %s %v", back.State, back.Values)
	}
	ok2 := formtest.Take(t, f, onTime, "approve", data.NewInput(), formtest.TManager, "2026-12-25 10:00", env)
	if ok2.State != "approved" || ok2.Values["approved_by"] != "刘经理" || !f.State(ok2).Fixed {
		t.Errorf("approved: %s %v", ok2.State, ok2.Values)
	}
	// An empty roster is not submitted.
	empty := &data.Record{Kind: "roster", Status: data.StatusActive, State: "draft", Values: map[string]string{"month": "2027-01"}}
	if _, _, err := f.TakeStep(empty, "submit", data.NewInput(), formtest.TSupervisor, formtest.At("2026-12-20 10:00"), env); err == nil {
		t.Errorf("an empty roster was submitted")
	}
}

// The roster warns of days nobody is on and of too many days in a row.
func TestRosterWarnings(t *testing.T) {
	var lines []data.Row
	for d := 1; d <= 28; d++ {
		lines = append(lines, data.Row{"date": formtest.At("2027-02-01 00:00").AddDate(0, 0, d-1).Format(data.LayoutDate), "early": "陈佳", "middle": "李晓梅"})
	}
	lines = lines[:27] // 2月28日: nobody
	in := rosterInput("2027-02", lines...)
	if err := rosterWarnings(formtest.FakeEnv{}, &in, formtest.At("2027-01-20 10:00")); err != nil {
		t.Fatal(err)
	}
	if w := in.Values["warnings"]; w != "无人值班：2月1日（晚班、夜班），2月2日（晚班、夜班），2月3日（晚班、夜班），2月4日（晚班、夜班），2月5日（晚班、夜班）等（共28天）；连续上班超过6天：李晓梅、陈佳" {
		t.Errorf("warnings: %q", w)
	}
}

// A log entry to follow up stays open across shifts until someone closes it with the result; one
// escalated goes to the supervisor, who answers, and back to the desk.
func TestDutyLogLife(t *testing.T) {
	f := FormDutyLog
	env := formtest.FakeEnv{}
	entry := &data.Record{Kind: "duty_log", Serial: "ZB-1", Status: data.StatusActive, Values: map[string]string{"time": "2026-11-27 09:00", "status": "跟进中"}}
	if s := f.NewState(entry); s != "follow" {
		t.Fatalf("an entry to follow up starts %s", s)
	}
	done := &data.Record{Values: map[string]string{"status": "已处理"}}
	if s := f.NewState(done); s != "done" {
		t.Fatalf("an entry dealt with starts %s", s)
	}
	entry.State = "follow"
	// The early shift follows up, the late shift follows up again: still open, still on the list.
	r := formtest.Take(t, f, entry, "follow", formtest.Fields("follow_note", "已通知工程部"), formtest.TClerk, "2026-11-27 14:00", env)
	r = formtest.Take(t, f, r, "follow", formtest.Fields("follow_note", "工程部明日上门"), data.Actor{Login: "z", Name: "周敏", Role: data.RoleClerk}, "2026-11-27 19:00", env)
	if _, open := f.Open(r); !open || r.State != "follow" {
		t.Fatalf("after two shifts: %s", r.State)
	}
	r = formtest.Take(t, f, r, "escalate", formtest.Fields("escalated_to", "客户服务主管", "question", "需加急"), formtest.TClerk, "2026-11-28 09:00", env)
	if r.State != "sup" {
		t.Fatalf("escalated: %s", r.State)
	}
	if _, _, err := f.TakeStep(r, "answer", formtest.Fields("answer", "同意"), formtest.TClerk, formtest.At("2026-11-28 09:30"), env); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a clerk answered for the supervisor: %v", err)
	}
	r = formtest.Take(t, f, r, "answer", formtest.Fields("answer", "同意加急"), formtest.TSupervisor, "2026-11-28 09:30", env)
	if _, _, err := f.TakeStep(r, "close", data.NewInput(), formtest.TClerk, formtest.At("2026-11-28 10:00"), env); err == nil {
		t.Errorf("closed without the result")
	}
	r = formtest.Take(t, f, r, "close", formtest.Fields("result", "已修复"), formtest.TClerk, "2026-11-28 16:00", env)
	if r.State != "done" || r.Values["closed_by"] != "陈佳" {
		t.Fatalf("closed: %s %v", r.State, r.Values)
	}
	for _, want := range []string{"已通知工程部", "周敏：工程部明日上门", "上报客户服务主管：需加急", "王主管 批示：同意加急"} {
		if !strings.Contains(r.Values["followups"], want) {
			t.Errorf("the log lacks %q:\n%s", want, r.Values["followups"])
		}
	}
}

// A leave or swap is asked at least a day ahead (an emergency is marked), never after its shift began;
// a stand-in lasts at most 4 hours; the supervisor approves another's request and names the cover.
func TestLeaveRules(t *testing.T) {
	now := formtest.At("2026-12-01 10:00")
	env := formtest.FakeEnv{"staff": "陈佳,李晓梅,王丽君,周敏,王主管"}
	ask := func(kv ...string) data.FieldErrors {
		in := formtest.Fields(append([]string{"kind", LeaveKindLeave, "person", "陈佳", "date", "2026-12-03", "shift", "早班", "reason", "家中有事"}, kv...)...)
		_, errs := data.Validate(formLeave, in, now)
		for k, m := range leaveRules(env, in) {
			errs[k] = m
		}
		for k, m := range leaveAt(env, in, now) {
			errs[k] = m
		}
		return errs
	}
	tests := []struct {
		name  string
		kv    []string
		field string
	}{
		{"two days ahead", nil, ""},
		{"tomorrow 07:30: under a day", []string{"date", "2026-12-02"}, "emergency"},
		{"tomorrow, marked an emergency", []string{"date", "2026-12-02", "emergency", "是"}, ""},
		{"today's shift, already begun", []string{"date", "2026-12-01", "emergency", "是"}, "date"},
		{"a swap without the colleague", []string{"kind", LeaveKindSwap}, "partner"},
		{"a swap with oneself", []string{"kind", LeaveKindSwap, "partner", "陈佳"}, "partner"},
		{"a swap with someone not on the staff", []string{"kind", LeaveKindSwap, "partner", "张三"}, "partner"},
		{"a stand-in of 3 hours", []string{"kind", LeaveKindStand, "partner", "周敏", "stand_from", "12:00", "stand_to", "15:00"}, ""},
		{"a stand-in of 5 hours", []string{"kind", LeaveKindStand, "partner", "周敏", "stand_from", "10:00", "stand_to", "15:00"}, "stand_to"},
		{"a stand-in without its hours", []string{"kind", LeaveKindStand, "partner", "周敏"}, "stand_to"},
	}
	for _, tc := range tests {
		errs := ask(tc.kv...)
		if tc.field == "" && len(errs) > 0 || tc.field != "" && errs[tc.field] == "" {
			t.Errorf("%s: %v; want a message on %q", tc.name, errs, tc.field)
		}
	}
	// The day ahead counts from the shift's start as set: with 早班 from 11:00, tomorrow's is a day and
	// an hour away.
	env[SettingShiftHours] = "早班 11:00-19:00\n中班 09:30-17:30\n晚班 12:00-20:00"
	if errs := ask("date", "2026-12-02"); len(errs) > 0 {
		t.Errorf("with 早班 from 11:00: %v", errs)
	}
	delete(env, SettingShiftHours)
	r := &data.Record{Kind: "leave", Serial: "QB-1", Status: data.StatusActive, State: "asked",
		Values: map[string]string{"kind": LeaveKindLeave, "person": "王主管", "date": "2026-12-03", "shift": "早班"}}
	if _, _, err := formLeave.TakeStep(r, "approve", formtest.Fields("cover", "陈佳"), formtest.TSupervisor, now, env); err == nil {
		t.Errorf("the supervisor approved their own leave")
	}
	r.Values["person"] = "陈佳"
	if _, _, err := formLeave.TakeStep(r, "approve", data.NewInput(), formtest.TSupervisor, now, env); err == nil {
		t.Errorf("a leave approved with nobody to cover")
	}
	if _, _, err := formLeave.TakeStep(r, "approve", formtest.Fields("cover", "陈佳"), formtest.TSupervisor, now, env); err == nil {
		t.Errorf("the person covers their own leave")
	}
	if _, _, err := formLeave.TakeStep(r, "approve", formtest.Fields("cover", "周敏"), formtest.TClerk, now, env); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a clerk approved a leave: %v", err)
	}
	ok := formtest.Take(t, formLeave, r, "approve", formtest.Fields("cover", "周敏"), formtest.TSupervisor, "2026-12-01 10:00", env)
	if ok.State != "approved" || ok.Values["cover"] != "周敏" || ok.Values["decided_by"] != "王主管" {
		t.Errorf("approved: %s %v", ok.State, ok.Values)
	}
	swap := &data.Record{Kind: "leave", Serial: "QB-2", Status: data.StatusActive, State: "asked",
		Values: map[string]string{"kind": LeaveKindSwap, "person": "陈佳", "partner": "李晓梅", "date": "2026-12-03", "shift": "早班"}}
	if s := formtest.Take(t, formLeave, swap, "approve", data.NewInput(), formtest.TSupervisor, "2026-12-01 10:00", env); s.Values["cover"] != "李晓梅" {
		t.Errorf("a swap's cover is the colleague: %v", s.Values)
	}
	if d, _ := formLeave.Deadline(r, env); !d.At.Equal(formtest.At("2026-12-03 07:30")) {
		t.Errorf("decided before the day's first shift: %v", d.At)
	}
}

// staffedMonth is a line for every day of the month, every shift staffed, five people in turn.
func staffedMonth(month string) []data.Row {
	people := []string{"陈佳", "李晓梅", "王丽君", "周敏", "赵静"}
	m, _ := data.ParseLocal(data.TypeMonth, month)
	var lines []data.Row
	for d := m; d.Month() == m.Month(); d = d.AddDate(0, 0, 1) {
		row := data.Row{"date": d.Format(data.LayoutDate)}
		for k, sh := range rosterShifts {
			row[sh.Key] = people[(d.Day()+k)%len(people)]
		}
		lines = append(lines, row)
	}
	return lines
}

// A new roster starts as next month with a line a day, the latest roster's people rotated along; a
// person no longer on the staff is left out; with no roster before, the days alone.
func TestPrefillRoster(t *testing.T) {
	env := dutyEnv()
	env.FakeEnv["staff"] = "陈佳,李晓梅,王丽君,周敏,赵静"
	in := data.NewInput()
	prefillRoster(env, &in, formtest.At("2026-12-18 10:00"))
	lines := in.Tables["lines"]
	if in.Values["month"] != "2027-01" || len(lines) != 31 || lines[0]["date"] != "2027-01-01" || lines[30]["date"] != "2027-01-31" {
		t.Fatalf("prefilled %s with %d lines: %v", in.Values["month"], len(lines), lines[:1])
	}
	for i, l := range lines {
		if l["early"] == "" || l["night"] == "" || l["early"] == l["middle"] || l["middle"] == l["late"] || l["early"] == l["late"] || l["late"] == l["night"] {
			t.Fatalf("line %d: %v", i+1, l)
		}
	}
	if errs := rosterRules(env, in); len(errs) > 0 {
		t.Errorf("the prefilled roster is refused: %v", errs)
	}
	in2 := data.NewInput()
	rosterWarnings(env, &in, formtest.At("2026-12-18 10:00"))
	if w := in.Values["warnings"]; w != "" {
		t.Errorf("the rotation warns: %s", w)
	}
	env.FakeEnv["staff"] = "陈佳,李晓梅,王丽君"
	prefillRoster(env, &in2, formtest.At("2026-12-18 10:00"))
	for _, l := range in2.Tables["lines"] {
		if l["early"] == "周敏" || l["middle"] == "周敏" || l["late"] == "周敏" {
			t.Fatalf("a person no longer on the staff is rostered: %v", l)
		}
	}
	empty := data.NewInput()
	prefillRoster(formtest.MemEnv{FakeEnv: formtest.FakeEnv{}}, &empty, formtest.At("2026-02-03 10:00"))
	if len(empty.Tables["lines"]) != 31 || empty.Tables["lines"][0]["early"] != "" {
		t.Errorf("with no roster before: %d lines, %v", len(empty.Tables["lines"]), empty.Tables["lines"][0])
	}
}

// An approved roster prints the approved leave, swaps and stand-ins of its month under it; a request
// not approved changes nothing.
func TestRosterChanges(t *testing.T) {
	stand := leaveRec("approved", LeaveKindStand, "王丽君", "晚班", "周敏")
	stand.Values["stand_from"], stand.Values["stand_to"], stand.Values["decided_by"] = "12:00", "15:00", "王主管"
	env := dutyEnv(leaveRec("approved", LeaveKindLeave, "陈佳", "早班", "周敏"), leaveRec("asked", LeaveKindSwap, "李晓梅", "中班", "周敏"), stand)
	roster := env.Recs["roster"][0]
	lines, err := rosterChanges(env, roster)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{"批准后的变更", "12月1日 早班：陈佳 请假，由 周敏 接替", "12月1日 晚班：12:00–15:00 由 周敏 为 王丽君 顶岗，王主管 批准"} {
		if !strings.Contains(got, want) {
			t.Errorf("changes lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "李晓梅") {
		t.Errorf("a swap nobody approved is printed:\n%s", got)
	}
	if draft, _ := rosterChanges(env, env.Recs["roster"][1]); len(draft) != 0 {
		t.Errorf("a draft roster prints changes: %v", draft)
	}
}

// The back-office support staff set by the manager (D2) may be rostered and cover a leave without an
// account; anyone else still may not.
func TestSupportStaffOnTheRoster(t *testing.T) {
	env := formtest.FakeEnv{"staff": "陈佳,李晓梅,王丽君,周敏"}
	in := formtest.Fields("month", "2026-12", "author", "王主管")
	in.Tables["lines"] = []data.Row{{"date": "2026-12-01", "early": "陈佳", "middle": "赵会计"}}
	if errs := rosterRules(env, in); errs[data.RowKey("lines", 0, "middle")] == "" {
		t.Errorf("a name with no account and not support staff: %v", errs)
	}
	env[SettingSupportStaff] = "赵会计、钱出纳"
	if errs := rosterRules(env, in); len(errs) > 0 {
		t.Errorf("support staff refused on the roster: %v", errs)
	}
	if errs := leaveRules(env, formtest.Fields("kind", LeaveKindSwap, "person", "陈佳", "partner", "钱出纳")); len(errs) > 0 {
		t.Errorf("support staff refused as the partner: %v", errs)
	}
	if errs := leaveRules(env, formtest.Fields("kind", LeaveKindSwap, "person", "陈佳", "partner", "孙保安")); errs["partner"] == "" {
		t.Error("a stranger accepted as the partner")
	}
	for _, s := range []data.Setting{settingSupportStaff} {
		if s.Key == SettingSupportStaff {
			if s.Check("赵会计、赵会计") == "" || s.Check("") != "" || s.Check("一个非常非常非常长的名字呀") == "" {
				t.Error("the support staff setting's check")
			}
		}
	}
}

// A request for a shift the person is not on by the approved roster is refused, naming the shift.
func TestLeaveForAShiftNotRostered(t *testing.T) {
	env := dutyEnv()
	env.FakeEnv["staff"] = "陈佳,李晓梅,王丽君,周敏"
	if errs := leaveRules(env, formtest.Fields("kind", LeaveKindLeave, "person", "陈佳", "date", "2026-12-01", "shift", "早班")); len(errs) > 0 {
		t.Errorf("陈佳's own 早班: %v", errs)
	}
	if errs := leaveRules(env, formtest.Fields("kind", LeaveKindLeave, "person", "陈佳", "date", "2026-12-01", "shift", "晚班")); !strings.Contains(errs["shift"], "不在晚班的排班上") {
		t.Errorf("a shift 陈佳 is not on: %v", errs)
	}
	if errs := leaveRules(env, formtest.Fields("kind", LeaveKindLeave, "person", "陈佳", "date", "2027-01-05", "shift", "晚班")); len(errs) > 0 {
		t.Errorf("a month without an approved roster: %v", errs)
	}
}
