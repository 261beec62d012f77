package demo

import (
	"testing"

	dutyforms "frontdesk/data/forms/duty"
	"frontdesk/data/forms/formtest"
)

// An example entry of the duty log is written in the shift under way at its time (D4, R10.4): 05:43
// is the night's, 19:35 the evening's, whatever the seed.
func TestDutyLogExampleInItsShift(t *testing.T) {
	f := dutyforms.FormDutyLog
	for seed := int64(1); seed <= 40; seed++ {
		for _, at := range []string{"2026-12-08 05:43", "2026-12-07 19:35", "2026-12-07 12:10", "2026-12-07 23:59"} {
			in := New(seed, nil).Example(f, formtest.At(at), "陈佳", 1)
			if errs := f.Rules(formtest.FakeEnv{}, in); len(errs) > 0 {
				t.Fatalf("seed %d at %s: %s %s: %v", seed, at, in.Values["time"], in.Values["shift"], errs)
			}
		}
	}
	if in := New(1, nil).Example(f, formtest.At("2026-12-08 05:43"), "陈佳", 1); in.Values["shift"] != dutyforms.NightShift {
		t.Errorf("05:43 is written in %s", in.Values["shift"])
	}
}
