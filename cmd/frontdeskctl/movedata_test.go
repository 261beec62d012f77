package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data/store"
)

// move-data moves a store into the data folder, checked, and leaves the note in the old folder; a
// second run has nothing to move.
func TestMoveDataMovesTheOldFolderIntoTheDataFolder(t *testing.T) {
	old, dst := filepath.Join(t.TempDir(), "Frontdesk"), filepath.Join(t.TempDir(), "Frontdesk")
	s, err := store.Open(old, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, e := ctl(t, "", "-data", dst, "move-data", "-from", old)
	if code != 0 || !strings.Contains(out, "迁移完成") || !strings.Contains(out, dst) {
		t.Fatalf("move-data: %d %q %q", code, out, e)
	}
	if _, err := os.Stat(filepath.Join(dst, store.DBFileName)); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(old, store.MovedNoteName)); err != nil {
		t.Error(err)
	}
	if code, _, e := ctl(t, "", "-data", dst, "move-data", "-from", old); code != 1 || !strings.Contains(e, "没有需要迁移的数据") {
		t.Errorf("move-data again: %d %q", code, e)
	}
}
