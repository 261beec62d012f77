package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/data/store"
)

// demoDir is a data folder with the demo accounts and one visit, and the visit's serial.
func demoDir(t *testing.T) (dir, serial string) {
	t.Helper()
	dir = accountsDir(t)
	_, ex, _ := ctl(t, "", "-data", dir, "example", "visitor")
	code, out, e := ctl(t, ex, "-data", dir, "add", "visitor", "-json", "-")
	if code != 0 {
		t.Fatalf("add: %d %s", code, e)
	}
	return dir, strings.TrimSpace(out)
}

// ctlWithin runs a command and fails the test when it has not ended within d (a hang).
func ctlWithin(t *testing.T, d time.Duration, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code      int
		out, errs string
	}
	done := make(chan result, 1)
	go func() {
		var out, errw bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errw)
		done <- result{code, out.String(), errw.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.errs
	case <-time.After(d):
		t.Fatalf("%v has not ended after %v", args, d)
	}
	return 0, "", ""
}

// A file the program writes goes through a temporary file of its own, made new in the target folder:
// a link standing where the old temporary name was (x.pdf.tmp → the data file) is never followed, so
// the data file stays the store, and the link is left alone (#27 item 4.1).
func TestOutputNeverFollowsALinkAtItsTemporaryName(t *testing.T) {
	dir, serial := demoDir(t)
	db := filepath.Join(dir, store.DBFileName)
	out := t.TempDir()
	for _, name := range []string{"x.pdf", "x.xlsx"} {
		if err := os.Symlink(db, filepath.Join(out, name+".tmp")); err != nil {
			t.Fatal(err)
		}
		code, _, e := ctlWithin(t, 30*time.Second, "-data", dir, "print", serial, "-o", filepath.Join(out, name))
		if code != 0 {
			t.Errorf("print -o %s: exit %d, %q", name, code, e)
		}
		if after, _ := os.ReadFile(db); bytes.HasPrefix(after, []byte("%PDF-")) || bytes.HasPrefix(after, []byte("PK")) {
			t.Fatalf("print -o %s beside a link named %s.tmp wrote over the data file", name, name)
		}
		if fi, err := os.Lstat(filepath.Join(out, name)); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("%s is not a file of its own: %v", name, err)
		}
		if fi, err := os.Lstat(filepath.Join(out, name+".tmp")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link %s.tmp was not left as it was: %v", name, err)
		}
	}
	if code, o, e := ctl(t, "", "-data", dir, "check"); code != 0 {
		t.Errorf("check after the prints: %d %s %s", code, o, e)
	}
}

// A data file changed under a command (written over by another program while the command has it
// open) ends the command with the message of damage, in Chinese, instead of a hang with the file
// held open (#27 item 4.1): bbolt met the change inside a write transaction's start, which keeps its
// write lock for good, and the command's closing of the store waited on it.
func TestADataFileChangedUnderACommandIsDamageNotAHang(t *testing.T) {
	dir, serial := demoDir(t)
	db := filepath.Join(dir, store.DBFileName)
	t.Setenv("FRONTDESK_USER", "manager")
	_, ex, _ := ctl(t, "", "-data", dir, "example", "visitor")
	exFile := filepath.Join(t.TempDir(), "visitor.json")
	os.WriteFile(exFile, []byte(ex), 0o600)
	for _, over := range []struct {
		name string
		with func() []byte
	}{
		{"a PDF", func() []byte { return []byte("%PDF-1.4\n" + strings.Repeat("x", 3000)) }},
		{"nothing", func() []byte { return nil }},
	} {
		for _, args := range [][]string{{"print", serial, "-o", filepath.Join(t.TempDir(), "x.pdf")}, {"add", "visitor", "-json", exFile}, {"due"}} {
			copyDir := t.TempDir()
			b, _ := os.ReadFile(db)
			os.WriteFile(filepath.Join(copyDir, store.DBFileName), b, 0o600)
			openedHook = func(d string) { os.WriteFile(filepath.Join(d, store.DBFileName), over.with(), 0o600) }
			code, _, e := ctlWithin(t, 30*time.Second, append([]string{"-data", copyDir}, args...)...)
			openedHook = nil
			if code != 1 || !strings.Contains(e, "损坏") || strings.Contains(e, "goroutine") || strings.Contains(e, "panic") {
				t.Errorf("%v over a data file changed into %s: exit %d, %q", args, over.name, code, e)
			}
		}
	}
}
