package store

import (
	"errors"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/building"
)

// A permit that needs the manager (work begun before 08:00), approved after its start: by the manager
// alone, one reason serves both approvals; by the supervisor and then the manager, each gives their
// own. A reason of blanks is no reason. Both are printed.
func TestAttackHotWorkManagerApprovesLate(t *testing.T) {
	s, _ := openTemp(t) // 2026-11-27 09:30, a Friday
	early := hotInput("2026-11-27 07:00", "2026-11-27 12:00")
	r := mustCreate(t, s, clerk, "hotwork", early)
	if why := building.HotWorkNeedsManager(r); why == "" {
		t.Fatal("work from 07:00 does not need the manager")
	}
	blank := data.NewInput()
	blank.Values["late_reason"] = "　　  "
	_, err := s.Step(manager, r.Serial, "approve", blank)
	var fe data.FieldErrors
	if !errors.As(err, &fe) || fe["late_reason"] == "" {
		t.Fatalf("the manager approved late with a blank reason: %v", err)
	}
	in := data.NewInput()
	in.Values["late_reason"] = "７点未动火，推迟至１０点"
	got, err := s.Step(manager, r.Serial, "approve", in)
	if err != nil {
		t.Fatalf("manager approves late: %v", err)
	}
	if got.State != "approved" || got.Life["manager_by"] != manager.Name || got.Life["late_reason"] == "" {
		t.Fatalf("after the manager's approval: state %s, life %v", got.State, got.Life)
	}
	if steps, _, _ := s.Steps(manager, got.Serial); len(steps) > 0 {
		for _, st := range steps {
			if st.Key == "approve_manager" {
				t.Error("the manager is asked to approve a second time")
			}
		}
	}

	// The supervisor approves late, then the manager: each says why.
	r2 := mustCreate(t, s, clerk, "hotwork", early)
	in.Values["late_reason"] = "工程主管到场确认尚未动火"
	if got, err = s.Step(supervisor, r2.Serial, "approve", in); err != nil || got.State != "manager" {
		t.Fatalf("supervisor approves late: %v, state %v", err, got)
	}
	if _, err := s.Step(manager, r2.Serial, "approve_manager", data.NewInput()); !errors.As(err, &fe) || fe["manager_late_reason"] == "" {
		t.Fatalf("the manager approved late without a reason: %v", err)
	}
	mi := data.NewInput()
	mi.Values["manager_late_reason"] = "经理电话确认后补批"
	got, err = s.Step(manager, r2.Serial, "approve_manager", mi)
	if err != nil || got.State != "approved" {
		t.Fatalf("manager approves: %v", err)
	}
	notes := strings.Join(building.HotWorkNotes(got, testToday), "\n")
	for _, want := range []string{"补批原因：工程主管到场确认尚未动火", "补批原因：经理电话确认后补批"} {
		if !strings.Contains(notes, want) {
			t.Errorf("the permit does not print %q:\n%s", want, notes)
		}
	}
	// A clerk may not approve, late or not.
	r3 := mustCreate(t, s, clerk, "hotwork", early)
	if _, err := s.Step(clerk, r3.Serial, "approve", in); err == nil {
		t.Error("a clerk approved a hot-work permit")
	}
}

// 全部离场 with nothing to sign out, with a serial given twice, and with a visitor voided meanwhile:
// nothing fails, each visitor is signed out once, the voided one not at all.
func TestAttackStepAllOddLists(t *testing.T) {
	s, _ := openTemp(t)
	exit := data.NewInput()
	exit.Values["exit_time"] = "２０２６－１１－２７　０９：２５"
	if done, err := s.StepAll(clerk, nil, "checkout_all", exit); err != nil || len(done) != 0 {
		t.Errorf("nobody on site: %d, %v", len(done), err)
	}
	in := visitorInput()
	in.Values["consent_time"], in.Values["entry_time"] = "2026-11-27 09:00", "2026-11-27 09:00"
	a := mustCreate(t, s, clerk, "visitor", in)
	b := mustCreate(t, s, clerk, "visitor", in)
	if _, err := s.Void(clerk, b.Serial, "重复登记，作废"); err != nil {
		t.Fatal(err)
	}
	done, err := s.StepAll(clerk, []string{a.Serial, strings.ToLower(a.Serial), b.Serial}, "checkout_all", exit)
	if err != nil || len(done) != 1 {
		t.Fatalf("StepAll: %d changed, %v; want 1", len(done), err)
	}
	got, _ := s.BySerial(clerk, a.Serial)
	if got.Values["exit_time"] != "2026-11-27 09:25" {
		t.Errorf("exit_time stored %q", got.Values["exit_time"])
	}
	h, _ := s.History("visitor", a.ID)
	n := 0
	for _, e := range h {
		if e.Action == "checkout_all" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d 全部离场 entries in the trail; want 1", n)
	}
	vb, _ := s.BySerial(clerk, b.Serial)
	if vb.Values["exit_time"] != "" {
		t.Errorf("the voided visitor was signed out: %q", vb.Values["exit_time"])
	}
}
