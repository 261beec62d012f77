package duty

import (
	"errors"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// Whoever drafts a roster does not approve it (D8): the manager who drafted and submitted his own roster
// is refused the approval and not offered it; one the supervisor drafted he approves.
func TestRosterNotApprovedByItsMaker(t *testing.T) {
	own := &data.Record{Kind: KeyRoster, Serial: "PB-1", Status: data.StatusActive, State: "draft", CreatedBy: "刘经理",
		Values: map[string]string{"month": "2027-01", "author": "刘经理"}, Tables: map[string][]data.Row{"lines": staffedMonth("2027-01")}}
	env := formtest.FakeEnv{}
	submitted := formtest.Take(t, FormRoster, own, "submit", data.NewInput(), formtest.TManager, "2026-12-20 10:00", env)
	_, _, err := FormRoster.TakeStep(submitted, "approve", data.NewInput(), formtest.TManager, formtest.At("2026-12-21 10:00"), env)
	var refusal *data.StepRefusal
	if !errors.As(err, &refusal) || !strings.Contains(refusal.Chinese(), "刘经理 是这份《排班表》的") {
		t.Errorf("the manager approved the roster he drafted: %v", err)
	}
	for _, st := range FormRoster.StepsNow(submitted, formtest.TManager) {
		if st.Key == "approve" {
			t.Error("the roster's maker is offered 经理批准")
		}
	}
	// Drafted under the supervisor's name by the manager: still his own.
	named := *submitted
	named.CreatedBy = "王主管"
	named.Values = map[string]string{"month": "2027-01", "author": "刘经理"}
	if _, _, err := FormRoster.TakeStep(&named, "approve", data.NewInput(), formtest.TManager, formtest.At("2026-12-21 10:00"), env); err == nil {
		t.Error("the manager approved a roster naming him its author")
	}
	theirs := *submitted
	theirs.CreatedBy, theirs.Values = "王主管", map[string]string{"month": "2027-01", "author": "王主管"}
	if r := formtest.Take(t, FormRoster, &theirs, "approve", data.NewInput(), formtest.TManager, "2026-12-21 10:00", env); r.State != "approved" {
		t.Errorf("the supervisor's roster: %s", r.State)
	}
}

// The person asking for leave neither approves nor refuses it, and is not offered either.
func TestLeaveNotDecidedByTheOneAsking(t *testing.T) {
	r := &data.Record{Kind: "leave", Serial: "QB-1", Status: data.StatusActive, State: "asked",
		Values: map[string]string{"kind": LeaveKindLeave, "person": "王主管", "date": "2026-12-03", "shift": "早班"}}
	for _, step := range []struct {
		key string
		in  data.Input
	}{{"approve", formtest.Fields("cover", "陈佳")}, {"refuse", formtest.Fields("refused_reason", "人手不足")}} {
		if _, _, err := formLeave.TakeStep(r, step.key, step.in, formtest.TSupervisor, formtest.At("2026-12-01 10:00"), formtest.FakeEnv{}); err == nil {
			t.Errorf("the supervisor took %s on his own request", step.key)
		}
	}
	if steps := formLeave.StepsNow(r, formtest.TSupervisor); len(steps) != 0 {
		t.Errorf("the one asking is offered %v", steps)
	}
}
