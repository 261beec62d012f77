package forms

import (
	"errors"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/building"
	"frontdesk/data/forms/desk"
	"frontdesk/data/forms/formtest"
)

func TestStepRecordsWhoAndWhen(t *testing.T) {
	r := formtest.Permit("2026-11-27 17:00", "2026-11-27 19:00")
	got, _, err := building.FormHotWork.TakeStep(r, "approve", data.NewInput(), formtest.TManager, formtest.At("2026-11-27 09:30"), formtest.FakeEnv{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Life["approved_by"] != "刘经理" || got.Life["approved_at"] != "2026-11-27 09:30" || got.Life["manager_by"] != "刘经理" {
		t.Errorf("life = %v", got.Life)
	}
	// A step that writes a form field (the visitor's 离开时间) writes it in the field's own format.
	v := &data.Record{Kind: "visitor", Status: data.StatusActive, Values: map[string]string{"entry_time": "2026-11-27 09:00"}}
	out, _, err := desk.FormVisitor.TakeStep(v, "checkout", data.NewInput(), formtest.TClerk, formtest.At("2026-11-27 10:15"), formtest.FakeEnv{})
	if err != nil || out.Values["exit_time"] != "2026-11-27 10:15" || out.State != "left" || desk.FormVisitor.State(out).Name != "已离开" {
		t.Errorf("checkout = %+v, %v", out, err)
	}
	// A voided record takes no step.
	v.Status = data.StatusVoid
	if _, _, err := desk.FormVisitor.TakeStep(v, "checkout", data.NewInput(), formtest.TClerk, formtest.At("2026-11-27 10:15"), formtest.FakeEnv{}); !errors.Is(err, data.ErrStepState) {
		t.Errorf("step on a voided record: %v", err)
	}
}

// Records saved before the forms had flows keep their state: it is what their life so far implies.
func TestLegacyStateIsDerived(t *testing.T) {
	tests := []struct {
		f    *data.Form
		r    *data.Record
		want string
	}{
		{desk.FormRelease, &data.Record{Life: map[string]string{"released_at": "x"}}, desk.SlipReleased},
		{desk.FormRelease, &data.Record{Life: map[string]string{"released_at": "x", "archived_at": "y"}}, desk.SlipArchived},
		{building.FormHotWork, &data.Record{Values: map[string]string{"start": "2026-11-27 17:00", "end": "2026-11-27 19:00"}, Life: map[string]string{"approved_at": "x"}}, building.HotAwaitManager},
		{building.FormHotWork, &data.Record{Life: map[string]string{"approved_at": "x", "closed_at": "y"}}, building.HotClosed},
		{desk.FormVisitor, &data.Record{Values: map[string]string{"exit_time": "2026-11-27 10:00"}}, "已离开"},
		{desk.FormVisitor, &data.Record{Values: map[string]string{}}, "在场"},
	}
	for _, tt := range tests {
		tt.r.Status = data.StatusActive
		if got := tt.f.State(tt.r).Name; got != tt.want {
			t.Errorf("%s %v: %s; want %s", tt.f.Key, tt.r.Life, got, tt.want)
		}
	}
}

// Every flow is well formed: its steps leave from and reach declared states, its clocks run in
// declared states from a field or a step's record, and each open state says who acts.
func TestFlowsAreWellDeclared(t *testing.T) {
	for _, f := range data.Forms() {
		fl := f.Flow
		if fl == nil {
			continue
		}
		if _, ok := fl.StateByKey(fl.Initial); !ok {
			t.Errorf("%s: initial state %q undeclared", f.Key, fl.Initial)
		}
		recorded := map[string]bool{}
		for _, st := range fl.Steps {
			if st.Name == "" || st.Perm == "" {
				t.Errorf("%s step %s: no name or permission", f.Key, st.Key)
			}
			states := st.From
			if st.To != "" {
				states = append([]string{st.To}, st.From...)
			}
			for _, s := range states {
				if _, ok := fl.StateByKey(s); !ok {
					t.Errorf("%s step %s: state %q undeclared", f.Key, st.Key, s)
				}
			}
			recorded[st.At] = true
		}
		for _, s := range fl.States {
			if s.Open && s.Who.Perm == "" && s.Who.Field == "" {
				t.Errorf("%s state %s: open, but nobody acts", f.Key, s.Key)
			}
		}
		for _, c := range fl.Clocks {
			if _, isField := f.Field(c.From); !isField && !recorded[c.From] {
				t.Errorf("%s clock %s: starts at %q, neither a field nor a step's time", f.Key, c.Label, c.From)
			}
		}
	}
}
