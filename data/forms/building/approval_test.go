package building

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// A permit is approved before its work begins: applied for, and awaiting the manager, it is due by the
// work's start, on the approver's list from then on, and overdue once the work was to begin.
func TestHotWorkApprovalDueByTheStart(t *testing.T) {
	f := FormHotWork
	for _, state := range []string{"applied", "manager"} {
		r := formtest.Permit("2026-11-27 17:00", "2026-11-27 19:00")
		r.State = state
		d, ok := f.Deadline(r, nil)
		if !ok || !d.At.Equal(formtest.At("2026-11-27 17:00")) || d.Label != "审批" {
			t.Errorf("%s: due %v %q %v; want 11-27 17:00 审批", state, d.At, d.Label, ok)
		}
		e, _ := f.Open(r)
		m := f.Matter(e, formtest.TManager, formtest.At("2026-11-27 16:00"), nil)
		if m.Minutes == nil || *m.Minutes != 60 || m.Overdue || !m.Mine {
			t.Errorf("%s at 16:00: %+v", state, m)
		}
		if st := f.StandingAt(r, formtest.At("2026-11-27 17:05"), nil); !st.Late {
			t.Errorf("%s after the start: %+v", state, st)
		}
	}
	// On the manager's list it comes before a callback due later in the day.
	permit := formtest.Permit("2026-11-27 17:00", "2026-11-27 19:00")
	permit.State = "manager"
	e, _ := f.Open(permit)
	later := 300
	ms := []data.Matter{{Serial: "WX-1", Kind: "repair", Minutes: &later}, f.Matter(e, formtest.TManager, formtest.At("2026-11-27 16:00"), nil)}
	data.SortMatters(ms)
	if ms[0].Serial != permit.Serial {
		t.Errorf("the permit awaiting the manager sits below a later callback: %v", ms)
	}
}

// Whoever applied for a permit at the desk does not approve it (D8), nor its manager's approval.
func TestHotWorkNotApprovedByItsMaker(t *testing.T) {
	f := FormHotWork
	r := formtest.Permit("2026-11-27 10:00", "2026-11-27 12:00")
	r.CreatedBy = "王主管"
	_, _, err := f.TakeStep(r, "approve", data.NewInput(), formtest.TSupervisor, formtest.At("2026-11-27 09:00"), formtest.FakeEnv{})
	var refusal *data.StepRefusal
	if !errorsAs(err, &refusal) || !strings.Contains(refusal.Chinese(), "王主管") {
		t.Errorf("the supervisor approved the permit he applied for: %v", err)
	}
	for _, st := range f.StepsNow(r, formtest.TSupervisor) {
		if st.Key == "approve" {
			t.Error("the maker is offered 批准")
		}
	}
	formtest.Take(t, f, r, "approve", data.NewInput(), formtest.TManager, "2026-11-27 09:00", formtest.FakeEnv{})
	evening := formtest.Permit("2026-11-27 17:00", "2026-11-27 19:00")
	evening.State, evening.CreatedBy = "manager", "刘经理"
	if _, _, err := f.TakeStep(evening, "approve_manager", data.NewInput(), formtest.TManager, formtest.At("2026-11-27 09:00"), formtest.FakeEnv{}); err == nil {
		t.Error("the manager gave the manager's approval of his own application")
	}
}

// A worker is listed once: two lines of one certificate are one person written twice.
func TestHotWorkWorkerOnce(t *testing.T) {
	in := formtest.Fields("start", "2026-11-27 10:00", "end", "2026-11-27 12:00", "cleared", "是")
	in.Tables["workers"] = []data.Row{{"name": "赵六", "cert_no": "T1234", "cert_expiry": "2027-06-30"}, {"name": "赵六", "cert_no": "T1234", "cert_expiry": "2027-06-30"}}
	if errs := FormHotWork.Check(in); !strings.Contains(errs["workers[1].cert_no"], "第1行") {
		t.Errorf("a worker listed twice: %v", errs)
	}
	in.Tables["workers"][1]["cert_no"] = "T5678"
	if errs := FormHotWork.Check(in); errs["workers[1].cert_no"] != "" {
		t.Errorf("two namesakes with their own certificates: %v", errs)
	}
}

func errorsAs(err error, target **data.StepRefusal) bool {
	r, ok := err.(*data.StepRefusal)
	if ok {
		*target = r
	}
	return ok
}
