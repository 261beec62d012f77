package store

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// oldFolder is a data folder as the per-user default held it: a store with a visitor, a draft, a local
// backup in a subfolder and a settings file.
func oldFolder(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "AppData", "Frontdesk")
	now := time.Date(2026, 11, 27, 9, 30, 0, 0, time.Local)
	s, err := Open(dir, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, clerk, "visitor", visitorInput())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		filepath.Join(DraftsFolder, "visitor-chenjia.json"): `{"visitor_name":"李四"}`,
		filepath.Join("本地备份", "frontdesk-2026-11-26.age"):   "age-encryption.org/v1 …",
		"窗口设置.json": `{"width":1366}`,
	} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func visitors(t *testing.T, dir string) int {
	t.Helper()
	s, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return n["visitor"]
}

// The whole folder moves: the store (checked, the same records), the drafts and the backups; the old
// folder keeps its files and gets a note naming the new place, and is not offered again.
func TestMoveDataCopiesTheWholeFolderChecksItAndNotesWhereItWent(t *testing.T) {
	old := oldFolder(t)
	dst := filepath.Join(t.TempDir(), "ProgramData", "Frontdesk")
	if !DataToMove(old, dst) {
		t.Fatal("the old folder's store is not offered for a move")
	}
	var last, total int64
	if err := MoveData(old, dst, func(d, t int64) { last, total = d, t }); err != nil {
		t.Fatal(err)
	}
	if last == 0 || last != total {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	if n := visitors(t, dst); n != 1 {
		t.Errorf("the moved store holds %d visitors; want 1", n)
	}
	for _, name := range []string{"窗口设置.json", filepath.Join(DraftsFolder, "visitor-chenjia.json"), filepath.Join("本地备份", "frontdesk-2026-11-26.age")} {
		a, errA := os.ReadFile(filepath.Join(old, name))
		b, errB := os.ReadFile(filepath.Join(dst, name))
		if errA != nil || errB != nil || string(a) != string(b) {
			t.Errorf("%s: not copied as it was (%v, %v)", name, errA, errB)
		}
	}
	note, err := os.ReadFile(filepath.Join(old, MovedNoteName))
	if err != nil || !strings.Contains(string(note), dst) {
		t.Errorf("the old folder's note: %q, %v; want it to name %s", note, err, dst)
	}
	if n := visitors(t, old); n != 1 {
		t.Errorf("the old folder's store: %d visitors; want it kept as it was", n)
	}
	if DataToMove(old, dst) {
		t.Error("a moved folder is offered again")
	}
	left, _ := filepath.Glob(filepath.Join(dst, workPrefix+"*"))
	if len(left) > 0 {
		t.Errorf("work folders left in the new folder: %v", left)
	}
}

// failingWriter takes limit bytes, then fails as a full disk or a pulled cable would.
type failingWriter struct {
	f     *os.File
	limit int64
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > w.limit {
		n, _ := w.f.Write(p[:w.limit])
		w.limit = 0
		return n, errors.New("disk full")
	}
	w.limit -= int64(len(p))
	return w.f.Write(p)
}

func (w *failingWriter) Close() error { return w.f.Close() }

// A copy cut short, in the store file or in a draft after it: nothing of it is in use. The new folder
// holds no store, the old one no note, so the old one stays the data folder and the next start offers
// the move again, which then goes through.
func TestAMoveCutShortLeavesTheOldFolderInUseAndIsOfferedAgain(t *testing.T) {
	for _, cut := range []int64{4096, 1 << 20} {
		old := oldFolder(t)
		dst := filepath.Join(t.TempDir(), "Frontdesk")
		var budget int64 = cut
		err := moveData(old, dst, nil, func(path string) (io.WriteCloser, error) {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				return nil, err
			}
			w := &failingWriter{f: f, limit: budget}
			budget = 10 // every later file fails at once
			return w, nil
		})
		if err == nil {
			t.Fatalf("cut at %d: the move did not fail", cut)
		}
		if _, err := os.Stat(filepath.Join(dst, DBFileName)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("cut at %d: the new folder holds a store (%v)", cut, err)
		}
		if _, err := os.Stat(filepath.Join(old, MovedNoteName)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("cut at %d: the old folder is marked moved", cut)
		}
		if left, _ := filepath.Glob(filepath.Join(dst, workPrefix+"*")); len(left) > 0 {
			t.Errorf("cut at %d: the half copy is left: %v", cut, left)
		}
		if !DataToMove(old, dst) {
			t.Errorf("cut at %d: the move is not offered again", cut)
		}
		if n := visitors(t, old); n != 1 {
			t.Errorf("cut at %d: the old store holds %d visitors", cut, n)
		}
		if err := MoveData(old, dst, nil); err != nil {
			t.Fatalf("cut at %d: the move again: %v", cut, err)
		}
		if n := visitors(t, dst); n != 1 {
			t.Errorf("cut at %d: moved again, %d visitors", cut, n)
		}
	}
}

// Only a store not moved goes to a folder without one.
func TestDataToMoveOnlyAStoreNotMovedIntoAFolderWithoutOne(t *testing.T) {
	withStore := oldFolder(t)
	empty := t.TempDir()
	noted := oldFolder(t)
	if err := os.WriteFile(filepath.Join(noted, MovedNoteName), []byte("已迁移"), 0o600); err != nil {
		t.Fatal(err)
	}
	taken := oldFolder(t)
	for _, tt := range []struct {
		name     string
		old, dst string
		want     bool
	}{
		{"old store, new folder missing", withStore, filepath.Join(empty, "Frontdesk"), true},
		{"old store, new folder empty", withStore, empty, true},
		{"no old store", empty, filepath.Join(empty, "x"), false},
		{"old folder marked moved", noted, filepath.Join(empty, "y"), false},
		{"new folder holds a store", withStore, taken, false},
		{"the same folder", withStore, withStore, false},
		{"no old folder on this system", "", empty, false},
	} {
		if got := DataToMove(tt.old, tt.dst); got != tt.want {
			t.Errorf("%s: %v; want %v", tt.name, got, tt.want)
		}
	}
	if err := MoveData(empty, filepath.Join(empty, "z"), nil); !errors.Is(err, ErrMoveNothing) {
		t.Errorf("moving nothing: %v", err)
	}
}

// A folder opened to be read that holds no store (the new default folder on a PC where the window never
// ran) says so, rather than a missing file's or a wrong folder's words.
func TestReadingAFolderWithoutAStoreSaysThereIsNoneYet(t *testing.T) {
	for _, dir := range []string{filepath.Join(t.TempDir(), "Frontdesk"), t.TempDir()} {
		_, err := Open(dir, Options{ReadOnly: true})
		if !errors.Is(err, ErrNoStore) || !strings.Contains(Message(err), "还没有数据文件") {
			t.Errorf("%s: %v (%s)", dir, err, Message(err))
		}
	}
}
