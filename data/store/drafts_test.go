package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// putDraftFile writes a draft as the window does, saved at the time given.
func putDraftFile(t *testing.T, dataDir, name, login, kind, serial string, saved time.Time) string {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"login": login, "form": kind, "serial": serial, "saved_at": saved,
		"input": map[string]any{"values": map[string]string{"visitor_name": "钱多多", "phone": "13812345678"}}})
	path := filepath.Join(dataDir, "草稿", name)
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// The purge of expired personal data covers the drafts (#27 item 4.6): a draft older than the week a
// draft is kept, and a draft of a record whose personal data the purge removes (restored, it would
// put them back), are removed with it and counted in its preview; a recent draft of another record
// stays.
func TestThePurgeCoversDrafts(t *testing.T) {
	s, now := openTemp(t)
	dir := filepath.Dir(s.Path())
	old := visitorInput()
	old.Values["entry_time"], old.Values["consent_time"] = "2025-10-01 10:00", "2025-10-01 10:00"
	expired := mustCreate(t, s, clerk, "visitor", old)
	recent := mustCreate(t, s, clerk, "visitor", visitorInput())
	stale := putDraftFile(t, dir, "a.json", "chenjia", "visitor", "", now.Add(-8*24*time.Hour))
	ofExpired := putDraftFile(t, dir, "b.json", "chenjia", "visitor", expired.Serial, now.Add(-time.Hour))
	kept := putDraftFile(t, dir, "c.json", "chenjia", "visitor", recent.Serial, now.Add(-time.Hour))
	if n, err := s.DraftsToPurge(manager); err != nil || n != 2 {
		t.Errorf("drafts the purge would remove: %d %v; want 2", n, err)
	}
	if _, err := s.DraftsToPurge(clerk); err == nil {
		t.Error("a clerk was told of the purge")
	}
	if _, err := s.Purge(manager); err != nil {
		t.Fatal(err)
	}
	for path, gone := range map[string]bool{stale: true, ofExpired: true, kept: false} {
		if _, err := os.Stat(path); os.IsNotExist(err) != gone {
			t.Errorf("%s: removed %v; want %v", filepath.Base(path), os.IsNotExist(err), gone)
		}
	}
	// Nothing else to purge, and drafts gone a week later all the same.
	*now = now.Add(8 * 24 * time.Hour)
	if n, _ := s.DraftsToPurge(manager); n != 1 {
		t.Errorf("a week on, drafts to purge: %d; want 1", n)
	}
	if _, err := s.Purge(manager); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kept); !os.IsNotExist(err) {
		t.Errorf("a week-old draft outlived the purge: %v", err)
	}
}

// Drafts older than a week are removed by RemoveOldDrafts (the window's start), whoever wrote them;
// files that are no drafts are left alone.
func TestOldDraftsAreRemovedAtStart(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	old := putDraftFile(t, dir, "old.json", "zhoumin", "visitor", "", now.Add(-7*24*time.Hour-time.Minute))
	young := putDraftFile(t, dir, "young.json", "zhoumin", "visitor", "", now.Add(-6*24*time.Hour))
	other := filepath.Join(dir, "草稿", "说明.txt")
	os.WriteFile(other, []byte("not a draft"), 0o600)
	if n := RemoveOldDrafts(dir, now); n != 1 {
		t.Errorf("removed %d; want 1", n)
	}
	for path, gone := range map[string]bool{old: true, young: false, other: false} {
		if _, err := os.Stat(path); os.IsNotExist(err) != gone {
			t.Errorf("%s: removed %v; want %v", filepath.Base(path), os.IsNotExist(err), gone)
		}
	}
}
