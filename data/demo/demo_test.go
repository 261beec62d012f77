package demo

import (
	"testing"
	"time"

	"frontdesk/data"
	dutyforms "frontdesk/data/forms/duty"
	"frontdesk/data/forms/formtest"
	"frontdesk/data/store"
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

// The demo is the first thing a buyer sees: a month of it holds every kind of record, each made by
// someone whose record it may be and within its rules, and the store passes its check.
func TestDemoHoldsEveryKindWithinItsRules(t *testing.T) {
	for _, end := range []string{"2026-12-08 20:00", "2026-11-27 20:00"} {
		s, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return formtest.At(end) }})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Fill(s, 1, formtest.At(end), 30, nil); err != nil {
			t.Fatalf("demo to %s: %v", end, err)
		}
		for _, f := range data.Forms() {
			recs, err := s.Records(f.Key, time.Time{}, formtest.At(end).AddDate(1, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) == 0 {
				t.Errorf("demo to %s: no %s", end, f.Title())
			}
			for _, r := range recs {
				maker, ok := staff[r.CreatedBy]
				if !ok {
					t.Errorf("%s made by %q, no one of the desk", r.Serial, r.CreatedBy)
					continue
				}
				if err := f.MayWrite(maker, r.Input()); err != nil {
					t.Errorf("%s made by %s, who may not: %v", r.Serial, maker.Name, err)
				}
			}
		}
		if probs, err := s.Check(); err != nil || len(probs) > 0 {
			t.Errorf("demo to %s: check %v %v", end, probs, err)
		}
		for _, who := range []string{"陈佳", "王主管", "刘经理"} {
			if _, err := s.Due(staff[who], formtest.At(end)); err != nil {
				t.Errorf("%s's due list: %v", who, err)
			}
		}
		s.Close()
	}
}
