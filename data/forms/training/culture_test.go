package training

import (
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// The year's culture plan: in force once the manager records the owners' committee's confirmation of
// its costs; each activity of it evaluated once; a revision names a plan of the same year and, once
// confirmed, is the plan in force.
func TestCulturePlanLife(t *testing.T) {
	f, _ := data.FormByKey("culture")
	plan := &data.Record{Kind: "culture", Serial: "WH-20261210-001", Status: data.StatusActive,
		Values: map[string]string{"year": "2027", "plan_date": "2026-12-10"},
		Tables: map[string][]data.Row{"activities": {{"month": "1", "name": "新春游园会", "budget": "3000.00"}, {"month": "6", "name": "端午包粽子", "budget": "800.00"}}}}
	plan.State = f.NewState(plan)
	if plan.State != "proposed" || !f.State(plan).Open {
		t.Fatalf("a new plan is %s", plan.State)
	}
	now := formtest.At("2026-12-15 10:00")
	if _, _, err := f.TakeStep(plan, "confirm", formtest.Fields("committee_by", "业委会主任"), formtest.TSupervisor, now, formtest.FakeEnv{}); err == nil {
		t.Error("the supervisor recorded the committee's confirmation")
	}
	if _, _, err := f.TakeStep(plan, "evaluate", formtest.Fields("activity", "新春游园会", "held_on", "2027-01-20", "people", "200", "effect", "好"), formtest.TClerk, now, formtest.FakeEnv{}); err == nil {
		t.Error("a plan not in force was evaluated")
	}
	inForce, _, err := f.TakeStep(plan, "confirm", formtest.Fields("committee_by", "业委会主任"), formtest.TManager, now, formtest.FakeEnv{})
	if err != nil || inForce.State != "in_force" || inForce.Values["committee_ok"] != "是" || inForce.Values["committee_by"] != "业委会主任" {
		t.Fatalf("confirmed: %v %v", err, inForce)
	}
	later := formtest.At("2027-01-21 10:00")
	if _, _, err := f.TakeStep(inForce, "evaluate", formtest.Fields("activity", "元宵灯会", "held_on", "2027-01-20", "people", "200", "effect", "好"), formtest.TClerk, later, formtest.FakeEnv{}); formtest.ErrText(err, "activity") == "" {
		t.Errorf("an activity not in the plan was evaluated: %v", err)
	}
	ev, _, err := f.TakeStep(inForce, "evaluate", formtest.Fields("activity", "新春游园会", "held_on", "2027-01-20", "people", "200", "effect", "参与踊跃"), formtest.TClerk, later, formtest.FakeEnv{})
	if err != nil || ev.Values["evaluations"] != "新春游园会（2027-01-20 举办，参加约 200 人）：参与踊跃" {
		t.Fatalf("evaluated: %v %v", err, ev.Values["evaluations"])
	}
	if _, _, err := f.TakeStep(ev, "evaluate", formtest.Fields("activity", "新春游园会", "held_on", "2027-01-21", "people", "20", "effect", "再评"), formtest.TClerk, later, formtest.FakeEnv{}); formtest.ErrText(err, "activity") == "" {
		t.Errorf("an activity evaluated twice: %v", err)
	}

	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	old := e.Add("culture", "year", "2027", "committee_ok", "是", "committee_at", "2026-12-15 10:00")
	if errs := formCulturePlan.PeriodErrors(e, formtest.Fields("year", "2028", "revises", old.Serial)); errs["revises"] == "" {
		t.Error("a revision of another year's plan was accepted")
	}
	if errs := formCulturePlan.PeriodErrors(e, formtest.Fields("year", "2027", "revises", "WH-20990101-001")); errs["revises"] == "" {
		t.Error("a revision of no plan was accepted")
	}
	if errs := formCulturePlan.PeriodErrors(e, formtest.Fields("year", "2027", "revises", old.Serial)); errs != nil {
		t.Errorf("a revision: %v", errs)
	}
	rev := e.Add("culture", "year", "2027", "revises", old.Serial)
	if got := CultureInForce(e.Recs["culture"], "2027"); got != old {
		t.Errorf("an unconfirmed revision took the plan's place")
	}
	rev.Values["committee_ok"], rev.Values["committee_at"] = "是", "2027-03-01 09:00"
	if got := CultureInForce(e.Recs["culture"], "2027"); got != rev {
		t.Errorf("a confirmed revision is not in force")
	}
}

// An activity is evaluated once it is held, in the plan's year; one of the same name in another month
// is another; a second plan for a year is a revision of the first.
func TestCultureRules(t *testing.T) {
	f, _ := data.FormByKey("culture")
	plan := &data.Record{Kind: "culture", Serial: "WH-20261210-001", Status: data.StatusActive, State: "in_force",
		Values: map[string]string{"year": "2027", "committee_ok": "是"},
		Tables: map[string][]data.Row{"activities": {{"month": "9", "name": "亲子运动会"}, {"month": "10", "name": "亲子运动会"}}}}
	now := formtest.At("2027-10-20 10:00")
	for _, tt := range []struct{ day, field string }{{"2027-10-25", "held_on"}, {"2026-10-10", "held_on"}} {
		if _, _, err := f.TakeStep(plan, "evaluate", formtest.Fields("activity", "亲子运动会", "held_on", tt.day, "people", "50", "effect", "好"), formtest.TClerk, now, formtest.FakeEnv{}); formtest.ErrText(err, tt.field) == "" {
			t.Errorf("held %s: %v", tt.day, err)
		}
	}
	sep, _, err := f.TakeStep(plan, "evaluate", formtest.Fields("activity", "亲子运动会", "held_on", "2027-09-18", "people", "50", "effect", "好"), formtest.TClerk, now, formtest.FakeEnv{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.TakeStep(sep, "evaluate", formtest.Fields("activity", "亲子运动会", "held_on", "2027-10-16", "people", "60", "effect", "好"), formtest.TClerk, now, formtest.FakeEnv{}); err != nil {
		t.Errorf("October's 亲子运动会 after September's: %v", err)
	}
	if _, _, err := f.TakeStep(sep, "evaluate", formtest.Fields("activity", "亲子运动会", "held_on", "2027-09-25", "people", "60", "effect", "好"), formtest.TClerk, now, formtest.FakeEnv{}); formtest.ErrText(err, "activity") == "" {
		t.Errorf("September's evaluated twice: %v", err)
	}
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	e.Add("culture", "year", "2027")
	if errs := formCulturePlan.PeriodErrors(e, formtest.Fields("year", "2027")); errs["revises"] == "" {
		t.Error("a second plan for 2027 that revises nothing was accepted")
	}
	if errs := formCulturePlan.PeriodErrors(e, formtest.Fields("year", "2028")); errs != nil {
		t.Errorf("the first plan for 2028: %v", errs)
	}
}
