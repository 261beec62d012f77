package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

func inputOf(kv ...string) data.Input {
	in := data.NewInput()
	for i := 0; i+1 < len(kv); i += 2 {
		in.Values[kv[i]] = kv[i+1]
	}
	return in
}

// A record whose rules name its maker is refused to everyone else, saying who makes it; a refusal says
// the real reason (the culture plan's confirmation is not the fee schedule's).
func TestOnlyItsMakerMakesARecord(t *testing.T) {
	s, now := openTemp(t)
	*now = time.Date(2026, 12, 5, 9, 0, 0, 0, data.Shanghai) // a year's culture plan is made in the December before
	plan := inputOf("month", "2026-11", "author", "陈佳")
	plan.Tables["sessions"] = []data.Row{{"date": "2026-11-30", "topic": "礼仪", "trainer": "王主管"}}
	if _, err := s.Create(clerk, "training", plan); !errors.Is(err, data.ErrForbidden) || !strings.Contains(Message(err), "客户服务主管") {
		t.Errorf("a clerk's training plan: %v (%s)", err, Message(err))
	}
	culture := inputOf("year", "2027", "plan_date", "2026-12-05", "budget", "100.00", "author", "王主管")
	culture.Tables["activities"] = []data.Row{{"month": "1", "name": "新春游园会", "budget": "100.00"}}
	if _, err := s.Create(clerk, "culture", culture); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a clerk's culture plan: %v", err)
	}
	r := mustCreate(t, s, supervisor, "culture", culture)
	_, err := step(s, clerk, r.Serial, "confirm", "committee_by", "业委会主任")
	if msg := Message(err); !errors.Is(err, data.ErrForbidden) || strings.Contains(msg, "收费价格") || !strings.Contains(msg, "业委会") {
		t.Errorf("a clerk confirming the culture plan: %v (%s)", err, msg)
	}
}

// A kind that is one a period refuses a second record of the period, naming the first.
func TestOneRecordAPeriod(t *testing.T) {
	s, _ := openTemp(t)
	plan := inputOf("month", "2026-11", "author", "王主管")
	for _, d := range []string{"2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27"} {
		plan.Tables["sessions"] = append(plan.Tables["sessions"], data.Row{"date": d, "topic": "礼仪", "trainer": "王主管"})
	}
	first := mustCreate(t, s, supervisor, "training", plan)
	plan.Values["author"] = "刘经理"
	if _, err := s.Create(manager, "training", plan); !strings.Contains(fieldErrs(err)["month"], first.Serial) {
		t.Errorf("a second training plan for November: %v", err)
	}
	// Changed in place, the first is still accepted: it is not a second of itself.
	edit := first.Input()
	edit.Tables["sessions"][0]["topic"] = "投诉处理流程"
	if _, err := s.Update(supervisor, "training", first.ID, first.Version, edit); err != nil {
		t.Errorf("the plan edited in place: %v", err)
	}
	if _, err := s.Void(supervisor, first.Serial, "重做"); err != nil {
		t.Fatal(err)
	}
	plan.Values["author"] = "王主管"
	mustCreate(t, s, supervisor, "training", plan)
}

// A month before the desk's first record is neither asked for, nor counted, nor recorded.
func TestAMonthBeforeTheFirstRecord(t *testing.T) {
	s, now := openTemp(t)
	mustCreate(t, s, clerk, "visitor", visitorInput()) // the desk's first record: 2026-11-27
	if _, err := s.Create(supervisor, "log_sign", inputOf("month", "2026-10")); !strings.Contains(fieldErrs(err)["month"], "还没有记录") {
		t.Errorf("the sign-off of October, before the first record: %v", err)
	}
	*now = time.Date(2026, 12, 2, 9, 0, 0, 0, data.Shanghai)
	due, err := s.Due(supervisor, *now)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range due {
		if m.Serial == "" && strings.Contains(m.State, "10月") {
			t.Errorf("October is asked for: %+v", m)
		}
	}
	oct := data.MonthOf(time.Date(2026, 10, 15, 0, 0, 0, 0, data.Shanghai), *now)
	for _, row := range data.Board(s, oct) {
		if row.Figure.Verdict != data.VerdictNone {
			t.Errorf("October's %s: %s %s", row.Measure.Name, row.Figure.Value, row.Figure.Verdict)
		}
	}
}

// The inspector of a check kind named after a role is that role: a supervisor does not record the
// manager's spot check; a kind that is none is said as such, not as a refusal.
func TestCheckKindsNamedAfterARole(t *testing.T) {
	s, _ := openTemp(t)
	check := func(kind, inspector string) data.Input {
		return inputOf("time", "2026-11-27 09:00", "kind", kind, "inspector", inspector, "checked_staff", "陈佳",
			"item", "前台环境", "result", "合格")
	}
	if _, err := s.Create(supervisor, "quality", check("经理抽查", "王主管")); !errors.Is(err, data.ErrForbidden) || !strings.Contains(Message(err), "物业服务中心经理") {
		t.Errorf("the supervisor's 经理抽查: %v (%s)", err, Message(err))
	}
	if _, err := s.Create(manager, "quality", check("经理抽查", "刘经理")); err != nil {
		t.Errorf("the manager's own spot check: %v", err)
	}
	if _, err := s.Create(clerk, "quality", check("乱写的类型", "陈佳")); fieldErrs(err)["kind"] == "" || errors.Is(err, data.ErrForbidden) {
		t.Errorf("an unknown kind: %v", err)
	}
}

// The same leave is asked once for a shift.
func TestLeaveAskedOnceAShift(t *testing.T) {
	s, _ := dutyStore(t)
	first := mustCreate(t, s, clerk, "leave", leaveInput())
	if _, err := s.Create(clerk, "leave", leaveInput()); !strings.Contains(fieldErrs(err)["shift"], first.Serial) {
		t.Errorf("the same leave twice: %v", err)
	}
	if _, err := s.Create(clerk, "leave", leaveInput("shift", "中班")); err != nil && fieldErrs(err)["shift"] != "" && strings.Contains(fieldErrs(err)["shift"], first.Serial) {
		t.Errorf("another shift refused as the same: %v", err)
	}
}
