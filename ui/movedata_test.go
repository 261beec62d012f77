package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"frontdesk/data/store"
)

// moveFolders makes the old per-user folder with a store of one administrator, and names the new
// machine-wide one (not made yet); the move runs in place.
func moveFolders(t *testing.T) (old, dst string) {
	t.Helper()
	test.NewTempApp(t)
	run := moveRun
	moveRun = func(f func()) { f() }
	t.Cleanup(func() { moveRun = run })
	old = filepath.Join(t.TempDir(), "Roaming", "Frontdesk")
	s, err := store.Open(old, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetupAdmin("admin", "管理员", testPassword); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return old, filepath.Join(t.TempDir(), "ProgramData", "Frontdesk")
}

// The first start with the data in the old folder: the window names both folders, 迁移数据 moves the
// data, and the store opens in the new folder; the old one keeps its data with a note.
func TestTheFirstStartOffersToMoveTheOldFoldersDataAndOpensTheNewOne(t *testing.T) {
	old, dst := moveFolders(t)
	w := test.NewWindow(nil)
	opened := ""
	ShowMoveData(w, old, dst, func(dir string) { opened = dir })
	text := labelsOf(t, w.Content())
	if !strings.Contains(text, old) || !strings.Contains(text, dst) || !strings.Contains(text, "原来的文件夹保留不删") {
		t.Errorf("the offer reads:\n%s", text)
	}
	test.Tap(findButton(w.Content(), "迁移数据"))
	if opened != dst {
		t.Fatalf("opened %q; want the new folder %q (%s)", opened, dst, labelsOf(t, w.Content()))
	}
	s, err := store.Open(dst, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.HasAccounts() {
		t.Error("the moved store lacks its accounts")
	}
	if _, err := os.Stat(filepath.Join(old, store.MovedNoteName)); err != nil {
		t.Errorf("the old folder has no note: %v", err)
	}
}

// 暂不迁移 opens the old folder this once; the next start asks again.
func TestNotMovingTheDataOpensTheOldFolderAndAsksAgainNextTime(t *testing.T) {
	old, dst := moveFolders(t)
	w := test.NewWindow(nil)
	opened := ""
	ShowMoveData(w, old, dst, func(dir string) { opened = dir })
	test.Tap(findButton(w.Content(), "暂不迁移（这次仍用原来的文件夹）"))
	if opened != old {
		t.Fatalf("opened %q; want the old folder", opened)
	}
	if !store.DataToMove(old, dst) {
		t.Error("the move is not offered at the next start")
	}
}

// A move that cannot be done (the old store open in another program) says why, keeps the old folder in
// use and offers 重试.
func TestAFailedMoveSaysWhyAndLeavesTheOldFolderInUse(t *testing.T) {
	old, dst := moveFolders(t)
	held, err := store.Open(old, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	w := test.NewWindow(nil)
	opened := ""
	ShowMoveData(w, old, dst, func(dir string) { opened = dir })
	test.Tap(findButton(w.Content(), "迁移数据"))
	if opened != "" {
		t.Fatalf("opened %q after a failed move", opened)
	}
	text := labelsOf(t, w.Content())
	for _, want := range []string{"迁移没有完成", "正被另一个程序使用", "原来的文件夹仍在使用"} {
		if !strings.Contains(text, want) {
			t.Errorf("the screen does not say %q:\n%s", want, text)
		}
	}
	if findButton(w.Content(), "重试") == nil {
		t.Error("no 重试 after a failed move")
	}
	if _, err := os.Stat(filepath.Join(dst, store.DBFileName)); !os.IsNotExist(err) {
		t.Errorf("the new folder holds a store after a failed move (%v)", err)
	}
}
