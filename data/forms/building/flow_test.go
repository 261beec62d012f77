package building

import (
	"errors"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// Every transition of the hot-work permit, and the refusals of each step: wrong state, wrong role,
// missing or wrong fields, the rules of the step.
func TestHotWorkTransitions(t *testing.T) {
	f := FormHotWork
	env := formtest.FakeEnv{}
	tests := []struct {
		name    string
		from    string // state before
		life    map[string]string
		start   string
		step    string
		by      data.Actor
		in      data.Input
		now     string
		to      string // state after; "" when refused
		refusal error  // errors.Is target, or nil with a FieldErrors key in field
		field   string
	}{
		{"supervisor approves work in hours", "applied", nil, "2026-11-27 10:00", "approve", formtest.TSupervisor, formtest.Fields(), "2026-11-27 09:30", "approved", nil, ""},
		{"clerk may not approve", "applied", nil, "2026-11-27 10:00", "approve", formtest.TClerk, formtest.Fields(), "2026-11-27 09:30", "", data.ErrForbidden, ""},
		{"supervisor's approval of evening work waits for the manager", "applied", nil, "2026-11-27 17:00", "approve", formtest.TSupervisor, formtest.Fields(), "2026-11-27 09:30", "manager", nil, ""},
		{"manager approves evening work at once", "applied", nil, "2026-11-27 17:00", "approve", formtest.TManager, formtest.Fields(), "2026-11-27 09:30", "approved", nil, ""},
		{"supervisor may not give the manager's approval", "manager", nil, "2026-11-27 17:00", "approve_manager", formtest.TSupervisor, formtest.Fields(), "2026-11-27 09:30", "", data.ErrForbidden, ""},
		{"manager completes the approval", "manager", nil, "2026-11-27 17:00", "approve_manager", formtest.TManager, formtest.Fields(), "2026-11-27 09:30", "approved", nil, ""},
		{"approve twice", "approved", nil, "2026-11-27 10:00", "approve", formtest.TSupervisor, formtest.Fields(), "2026-11-27 09:30", "", data.ErrStepState, ""},
		{"reject needs a reason", "applied", nil, "2026-11-27 10:00", "reject", formtest.TSupervisor, formtest.Fields(), "2026-11-27 09:30", "", nil, "rejected_reason"},
		{"reject", "manager", nil, "2026-11-27 17:00", "reject", formtest.TSupervisor, formtest.Fields("rejected_reason", "无监火人"), "2026-11-27 09:30", "rejected", nil, ""},
		{"end of work", "approved", nil, "2026-11-27 10:00", "end_work", formtest.TClerk, formtest.Fields(), "2026-11-27 11:00", "ended", nil, ""},
		{"end before approval", "applied", nil, "2026-11-27 10:00", "end_work", formtest.TClerk, formtest.Fields(), "2026-11-27 11:00", "", data.ErrStepState, ""},
		{"close during the fire watch", "ended", map[string]string{"ended_at": "2026-11-27 11:00"}, "2026-11-27 10:00", "close", formtest.TClerk,
			formtest.Fields("closed_by", "王主管", "no_embers", "是"), "2026-11-27 11:29", "", nil, "closed_at"},
		{"close without 'no embers'", "ended", map[string]string{"ended_at": "2026-11-27 11:00"}, "2026-11-27 10:00", "close", formtest.TClerk,
			formtest.Fields("closed_by", "王主管", "no_embers", "否"), "2026-11-27 11:30", "", nil, "no_embers"},
		{"close without inspector", "ended", map[string]string{"ended_at": "2026-11-27 11:00"}, "2026-11-27 10:00", "close", formtest.TClerk,
			formtest.Fields("no_embers", "是"), "2026-11-27 11:30", "", nil, "closed_by"},
		{"close 30 minutes after the end", "ended", map[string]string{"ended_at": "2026-11-27 11:00"}, "2026-11-27 10:00", "close", formtest.TClerk,
			formtest.Fields("closed_by", "王主管", "no_embers", "是"), "2026-11-27 11:30", "closed", nil, ""},
		{"close while work goes on", "approved", nil, "2026-11-27 10:00", "close", formtest.TClerk,
			formtest.Fields("closed_by", "王主管", "no_embers", "是"), "2026-11-27 11:00", "", nil, "closed_at"},
		{"close after the planned end without an end step", "approved", nil, "2026-11-27 10:00", "close", formtest.TClerk,
			formtest.Fields("closed_by", "王主管", "no_embers", "是"), "2026-11-27 12:31", "closed", nil, ""},
		{"an administrator holds no record permission", "applied", nil, "2026-11-27 10:00", "approve", formtest.TAdmin, formtest.Fields(), "2026-11-27 09:30", "", data.ErrForbidden, ""},
		{"no such step", "applied", nil, "2026-11-27 10:00", "fly", formtest.TManager, formtest.Fields(), "2026-11-27 09:30", "", data.ErrUnknownStep, ""},
	}
	for _, tt := range tests {
		end := strings.Replace(tt.start, tt.start[11:13], map[string]string{"10": "12", "17": "19"}[tt.start[11:13]], 1)
		r := formtest.Permit(tt.start, end)
		r.State = tt.from
		r.Life = map[string]string{"approved_at": "x"}
		for k, v := range tt.life {
			r.Life[k] = v
		}
		got, changes, err := f.TakeStep(r, tt.step, tt.in, tt.by, formtest.At(tt.now), env)
		switch {
		case tt.to != "":
			if err != nil || got.State != tt.to {
				t.Errorf("%s: state %v, %v; want %s", tt.name, got, err, tt.to)
				continue
			}
			if r.State != tt.from {
				t.Errorf("%s: the original record changed", tt.name)
			}
			if len(changes) == 0 || changes[len(changes)-1].Field != "状态" {
				t.Errorf("%s: changes %v do not record the state", tt.name, changes)
			}
		case tt.field != "":
			var fe data.FieldErrors
			if !errors.As(err, &fe) || fe[tt.field] == "" {
				t.Errorf("%s: err = %v; want a message for %s", tt.name, err, tt.field)
			}
		default:
			if !errors.Is(err, tt.refusal) {
				t.Errorf("%s: err = %v; want %v", tt.name, err, tt.refusal)
			}
		}
	}
}

func TestOpenEntryAndMatter(t *testing.T) {
	r := formtest.Permit("2026-11-27 10:00", "2026-11-27 12:00")
	e, open := FormHotWork.Open(r)
	if !open || e.State != "applied" || e.Who != "客户服务主管或物业服务中心经理" {
		t.Fatalf("open entry = %+v %v", e, open)
	}
	m := FormHotWork.Matter(e, formtest.TSupervisor, formtest.At("2026-11-27 09:30"), formtest.FakeEnv{})
	// Due approved by the start of the work (10:00): half an hour left.
	if !m.Mine || m.State != HotApplied || len(m.Next) != 2 || m.Minutes == nil || *m.Minutes != 30 {
		t.Errorf("matter for the supervisor = %+v", m)
	}
	if m := FormHotWork.Matter(e, formtest.TClerk, formtest.At("2026-11-27 09:30"), formtest.FakeEnv{}); m.Mine {
		t.Error("the clerk is not who approves")
	}
	r.State = "closed"
	if _, open := FormHotWork.Open(r); open {
		t.Error("a closed permit is open")
	}
	// Overdue first, then the nearest deadline, then those without one.
	five, minus := 5, -30
	ms := []data.Matter{{Serial: "c"}, {Serial: "b", Minutes: &five}, {Serial: "a", Minutes: &minus}}
	data.SortMatters(ms)
	if ms[0].Serial != "a" || ms[1].Serial != "b" || ms[2].Serial != "c" {
		t.Errorf("order = %v %v %v", ms[0].Serial, ms[1].Serial, ms[2].Serial)
	}
}

// A permit printed before its approval, or turned down, is marked so; an approved one is not.
func TestHotWorkPaperValidity(t *testing.T) {
	for state, want := range map[string]string{"applied": "未批准·不得动火", "manager": "未批准·不得动火", "rejected": "已驳回·不得动火", "approved": "", "closed": ""} {
		r := formtest.Permit("2026-11-27 09:00", "2026-11-27 12:00")
		r.State = state
		if got := FormHotWork.Print.Invalid(r, formtest.At("2026-11-27 08:00")); got != want {
			t.Errorf("%s: %q; want %q", state, got, want)
		}
	}
}
