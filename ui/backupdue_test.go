package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"frontdesk/data"
	"frontdesk/data/store"
)

// The manager of a store with no backup (#27 item 4.5): the first line of 今日待办 is red and says no
// passphrase is set, and opens 备份与恢复; the board's first row is red; setting the passphrase there
// takes the first backup at once, after which the line is gone and the row green.
func TestNoBackupIsTheManagersFirstLineUntilThePassphraseIsSet(t *testing.T) {
	h := newHarnessAs(t, "liu")
	td, ok := h.sh.Current().(*todayScreen)
	if !ok {
		t.Fatalf("the manager's first screen is %T", h.sh.Current())
	}
	if len(td.lines) == 0 || td.lines[0].Kind != store.BackupMatterKind || !td.lines[0].Overdue || !strings.Contains(todayCell(td.lines[0], 4), "尚未设置备份密码") {
		t.Fatalf("the manager's 今日待办 starts %+v", td.lines)
	}
	if r := boardRows(t, h); len(r) == 0 || r[0].Measure.Key != "backup" || r[0].Figure.Verdict != data.VerdictMissed {
		t.Fatalf("the board starts %+v", r)
	}
	h.sh.Show(navToday)
	td = h.sh.Current().(*todayScreen)
	h.key(fyne.KeyReturn) // opens the first line
	s, ok := h.sh.Current().(*backupScreen)
	if !ok {
		t.Fatalf("the backup line opened %T", h.sh.Current())
	}
	h.win.Canvas().Focus(s.pass1)
	h.typeText("usb-pass-1234")
	h.key(fyne.KeyReturn)
	h.typeText("usb-pass-1234")
	h.key(fyne.KeyReturn)
	if !h.store.HasBackupKey() {
		t.Fatalf("passphrase not set: %q", s.passStatus.Text)
	}
	<-h.sh.backupDone
	list, _ := store.Backups(store.LocalBackupDir(h.sh.dataDir))
	if len(list) != 1 || !strings.Contains(s.local.Text, filepath.Base(list[0])) {
		t.Fatalf("the first backup at once: %v, the screen says %q", list, s.local.Text)
	}
	if !strings.Contains(h.sh.message.Text, "已完成第一次备份") {
		t.Errorf("the status line says %q", h.sh.message.Text)
	}
	h.sh.Show(navToday)
	td = h.sh.Current().(*todayScreen)
	for _, m := range td.lines {
		if m.Kind == store.BackupMatterKind {
			t.Errorf("backed up a moment ago, still on 今日待办: %+v", m)
		}
	}
	if r := boardRows(t, h); len(r) == 0 || r[0].Measure.Key != "backup" || r[0].Figure.Verdict != data.VerdictMet {
		t.Errorf("after the first backup the board starts %+v", r)
	}
}

// boardRows shows the board and waits for its rows.
func boardRows(t *testing.T, h *harness) []data.BoardRow {
	t.Helper()
	h.sh.Show(navBoard)
	b := h.sh.Current().(*boardScreen)
	b.rows = nil
	b.refresh()
	waitFor(t, func() bool {
		var n int
		fyne.DoAndWait(func() { n = len(b.rows) })
		return n > 0
	})
	return b.rows
}

// The window's automatic backup is not spoilt by steps taken beside it (#27 item 4.2): console commands
// opening the store to write while it runs (each removing the work folders of killed verifies) leave
// the folder the backup checks its file in.
func TestTheWindowsAutomaticBackupBesideConsoleSteps(t *testing.T) {
	h := newHarnessAs(t, "liu")
	if err := h.store.SetBackupPassphrase(h.sh.actor, "usb-pass-1234"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := h.store.Create(h.sh.actor, "message", messageInput()); err != nil {
			t.Fatal(err)
		}
	}
	stop, opened := make(chan struct{}), make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				opened <- n
				return
			default:
			}
			if o, err := store.Open(h.sh.dataDir, store.Options{Timeout: time.Millisecond}); err == nil {
				o.Close()
			}
			n++
		}
	}()
	const runs = 8
	for i := 0; i < runs; i++ {
		h.sh.message.SetText("")
		h.sh.autoBackupNow(nil)
		if msg := h.sh.message.Text; msg != "" {
			t.Errorf("automatic backup %d: %s", i, msg)
		}
	}
	close(stop)
	if n := <-opened; n == 0 {
		t.Fatal("no open ran beside the backups")
	}
	list, _ := store.Backups(store.LocalBackupDir(h.sh.dataDir))
	for _, p := range list {
		if strings.Contains(p, store.DamagedSuffix) {
			t.Errorf("saved as damaged: %s", filepath.Base(p))
		}
	}
	if len(list) != runs {
		t.Errorf("%d backups of %d", len(list), runs)
	}
	if left, _ := filepath.Glob(filepath.Join(h.sh.dataDir, ".frontdesk-work-*")); len(left) != 0 {
		t.Errorf("work folders left: %v", left)
	}
}
