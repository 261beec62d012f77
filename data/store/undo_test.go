package store

import (
	"errors"
	"testing"
	"time"
)

// A step taken back within the minute puts the record as it was (fields, life, state, open matters),
// and the trail keeps the step and its undoing; only the one who took it may, only while it is the
// record's last change, and only within the minute.
func TestUndoStepPutsTheRecordBackAndIsAudited(t *testing.T) {
	s, now := openTemp(t)
	v, err := s.Create(clerk, "visitor", visitorInput())
	if err != nil {
		t.Fatal(err)
	}
	*now = now.Add(20 * time.Minute)
	out, err := step(s, clerk, v.Serial, "checkout")
	if err != nil || out.State != "left" || out.Values["exit_time"] == "" {
		t.Fatalf("checkout = %+v, %v", out, err)
	}
	// Another person may not take it back, nor anyone with an older version of the record.
	var refused *UndoRefusedError
	if _, err := s.UndoStep(clerk2, out.Serial, out.Version); !errors.As(err, &refused) {
		t.Errorf("another clerk's undo: %v", err)
	}
	if _, err := s.UndoStep(clerk, out.Serial, v.Version); !errors.Is(err, ErrConflict) {
		t.Errorf("undo of an older version: %v", err)
	}
	*now = now.Add(30 * time.Second)
	back, err := s.UndoStep(clerk, out.Serial, out.Version)
	if err != nil {
		t.Fatalf("undo: %v", err)
	}
	if back.State != v.State || back.Values["exit_time"] != "" || back.Version != out.Version+1 {
		t.Errorf("undone = state %q, exit %q, version %d", back.State, back.Values["exit_time"], back.Version)
	}
	for k, want := range v.Values {
		if back.Values[k] != want {
			t.Errorf("undone %s = %q; want %q", k, back.Values[k], want)
		}
	}
	if open, _ := s.OpenRecords(clerk, "visitor"); len(open) != 1 {
		t.Errorf("open after the undo: %d", len(open))
	}
	h, _ := s.History("visitor", v.ID)
	if len(h) != 3 || h[1].Action != "checkout" || h[2].Action != ActionUndo || h[2].Login != clerk.Login || ActionText(h[2].Action) != "撤销上一步办理" {
		t.Fatalf("history = %+v", h)
	}
	undone := map[string]string{}
	for _, c := range h[2].Changes {
		undone[c.Field] = c.Old + "→" + c.New
	}
	if undone["exit_time"] != out.Values["exit_time"]+"→" || undone["状态"] != "已离开→在场" {
		t.Errorf("the undoing's changes = %v", h[2].Changes)
	}
	// The undoing is not a step: nothing more to take back.
	if _, err := s.UndoStep(clerk, back.Serial, back.Version); !errors.As(err, &refused) {
		t.Errorf("undo of an undo: %v", err)
	}
	// A step more than a minute old stays.
	again, err := step(s, clerk, v.Serial, "checkout")
	if err != nil {
		t.Fatal(err)
	}
	*now = now.Add(UndoWithin + time.Second)
	if _, err := s.UndoStep(clerk, again.Serial, again.Version); !errors.As(err, &refused) || Message(err) == "" {
		t.Errorf("undo after the minute: %v", err)
	}
	if r, _ := s.BySerial(clerk, v.Serial); r.State != "left" {
		t.Errorf("a refused undo changed the record: %s", r.State)
	}
}
