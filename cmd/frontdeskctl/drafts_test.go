package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/data/store"
)

// purge covers the window's drafts (#27 item 4.6): a draft older than a week is listed, and removed
// with -yes; a recent one stays.
func TestPurgeRemovesOldDrafts(t *testing.T) {
	dir := accountsDir(t)
	t.Setenv("FRONTDESK_USER", "manager")
	put := func(name string, saved time.Time) string {
		b, _ := json.Marshal(map[string]any{"login": "clerk", "form": "visitor", "saved_at": saved,
			"input": map[string]any{"values": map[string]string{"visitor_name": "钱多多", "doc_no": "110105194912310020"}}})
		p := filepath.Join(store.DraftsDir(dir), name)
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, b, 0o600)
		return p
	}
	old := put("old.json", time.Now().Add(-8*24*time.Hour))
	recent := put("recent.json", time.Now().Add(-time.Hour))
	code, out, e := ctl(t, "", "-data", dir, "purge")
	if code != 0 || !strings.Contains(out, "草稿：1 份") || !strings.Contains(out, "-yes") {
		t.Fatalf("purge: %d %q %q", code, out, e)
	}
	if _, err := os.Stat(old); err != nil {
		t.Fatalf("the preview removed the draft: %v", err)
	}
	code, out, e = ctl(t, "", "-data", dir, "purge", "-yes")
	if code != 0 || !strings.Contains(out, "删除草稿 1 份") {
		t.Fatalf("purge -yes: %d %q %q", code, out, e)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the week-old draft outlived the purge: %v", err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("the purge removed a draft of an hour ago: %v", err)
	}
}
