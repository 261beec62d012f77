package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// backupLine is the due list's line about backups, if there is one.
func backupLine(t *testing.T, s *Store, by data.Actor, at time.Time) (data.Matter, bool) {
	t.Helper()
	due, err := s.Due(by, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range due {
		if m.Kind == "backup" {
			return m, true
		}
	}
	return data.Matter{}, false
}

// backupRow is the board's row about backups, if there is one.
func backupRow(t *testing.T, s *Store, month time.Time) (data.BoardRow, bool) {
	t.Helper()
	rows, err := s.Compliance(manager, month)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Measure.Key == "backup" {
			return r, true
		}
	}
	return data.BoardRow{}, false
}

// A store without a backup of the last day says so (#27 item 4.5): a red line first on the manager's
// 今日待办, and a red row on the board, from before the passphrase is set (no backup can be taken at
// all) until a backup is taken, and again once the newest is a day old.
func TestNoBackupOfTheLastDayIsARedLine(t *testing.T) {
	s, now := openTemp(t)
	mustCreate(t, s, clerk, "visitor", visitorInput())
	m, ok := backupLine(t, s, manager, *now)
	if !ok || !m.Overdue || !m.Mine || !strings.Contains(m.State, "尚未设置备份密码") || m.Form == "" {
		t.Fatalf("no passphrase: the manager's line %+v (%v)", m, ok)
	}
	if due, _ := s.Due(manager, *now); due[0].Kind != "backup" {
		t.Errorf("the backup line is not first: %+v", due[0])
	}
	if _, ok := backupLine(t, s, clerk, *now); ok {
		t.Error("a clerk, who cannot back up, has the backup line")
	}
	r, ok := backupRow(t, s, *now)
	if !ok || r.Figure.Verdict != data.VerdictMissed || r.Measure.Name == "" || r.Measure.Target == "" || r.Figure.Value == "" {
		t.Fatalf("no passphrase: the board's row %+v (%v)", r, ok)
	}
	if err := s.SetBackupPassphrase(manager, testPass); err != nil {
		t.Fatal(err)
	}
	if m, ok := backupLine(t, s, manager, *now); !ok || !strings.Contains(m.State, "没有备份") {
		t.Errorf("a passphrase and no backup yet: %+v (%v)", m, ok)
	}
	if _, err := s.Backup(manager, t.TempDir(), nil); err != nil {
		t.Fatal(err)
	}
	if m, ok := backupLine(t, s, manager, *now); ok {
		t.Errorf("backed up a moment ago, and still the line %+v", m)
	}
	if r, ok := backupRow(t, s, *now); !ok || r.Figure.Verdict != data.VerdictMet {
		t.Errorf("backed up a moment ago: the row %+v (%v)", r, ok)
	}
	// A day on, without another backup.
	*now = now.Add(25 * time.Hour)
	m, ok = backupLine(t, s, manager, *now)
	if !ok || !m.Overdue || !strings.Contains(m.State, "11月27日 09:30") {
		t.Errorf("a day since the last backup: %+v (%v)", m, ok)
	}
	if r, ok := backupRow(t, s, *now); !ok || r.Figure.Verdict != data.VerdictMissed {
		t.Errorf("a day since the last backup: the row %+v (%v)", r, ok)
	}
	// A month that is over is not measured by backups taken since.
	if _, ok := backupRow(t, s, now.AddDate(0, -1, 0)); ok {
		t.Error("last month's board has a backup row")
	}
	// An automatic backup counts the same.
	if _, err := s.AutoBackup(LocalBackupDir(filepath.Dir(s.Path())), 10); err != nil {
		t.Fatal(err)
	}
	if m, ok := backupLine(t, s, manager, *now); ok {
		t.Errorf("after an automatic backup: %+v", m)
	}
	// A store of an earlier version kept no note of its backups: the newest in its local folder counts.
	s2, now2 := openTemp(t)
	s2.SetBackupPassphrase(manager, testPass)
	local := LocalBackupDir(filepath.Dir(s2.Path()))
	os.MkdirAll(local, 0o700)
	os.WriteFile(filepath.Join(local, BackupFileName(DefaultPropertyName, now2.Add(-3*time.Hour))), []byte("age"), 0o600)
	if m, ok := backupLine(t, s2, manager, *now2); ok {
		t.Errorf("a local backup of three hours ago: %+v", m)
	}
	if m, ok := backupLine(t, s2, manager, now2.Add(22*time.Hour)); !ok || !strings.Contains(m.State, "11月27日 06:30") {
		t.Errorf("a local backup of a day ago: %+v (%v)", m, ok)
	}
}
