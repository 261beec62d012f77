package store

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// deadPID is the number of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	c := exec.Command("true")
	if err := c.Run(); err != nil {
		t.Skipf("cannot run a process: %v", err)
	}
	return c.Process.Pid
}

// A file the program writes is made new beside its target, never through a link or a file standing at
// any name it uses: a link at the old temporary name (x.pdf.tmp) and a link at the target itself leave
// what they point at as it was (#27 item 4.1).
func TestWriteFileNeverFollowsALink(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	victim := filepath.Join(elsewhere, DBFileName)
	os.WriteFile(victim, []byte("the data file"), 0o600)
	target := filepath.Join(dir, "x.pdf")
	if err := os.Symlink(victim, target+".tmp"); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(target, []byte("%PDF-1.4 first")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "the data file" {
		t.Fatalf("a link at x.pdf.tmp was followed: the file it points at holds %q", b)
	}
	if fi, err := os.Lstat(target + ".tmp"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link x.pdf.tmp was not left as it was: %v", err)
	}
	// A link at the target's own name is replaced by the file, not written through.
	other := filepath.Join(dir, "y.pdf")
	os.Symlink(victim, other)
	if err := WriteFile(other, []byte("%PDF-1.4 second")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "the data file" {
		t.Fatalf("a link at the target was followed: %q", b)
	}
	if fi, _ := os.Lstat(other); !fi.Mode().IsRegular() {
		t.Errorf("y.pdf is still a link")
	}
	for _, name := range []string{"x.pdf", "y.pdf"} {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); len(b) < 5 || string(b[:5]) != "%PDF-" {
			t.Errorf("%s holds %q", name, b)
		}
	}
	// Nothing of the writes is left beside them.
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	// The key files and the anchor are written the same way.
	key := filepath.Join(dir, "a-密钥.age")
	os.Symlink(victim, key)
	if err := writeWhole(key, []byte("key")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "the data file" {
		t.Fatalf("a link at a key file's name was followed: %q", b)
	}
}

// What a killed export, print, month pack or draft left (#27 item 4.3) is removed by the next write to
// that folder: the program's own temporary files, by their names, once the process named in them is
// gone, and the x.pdf.tmp of earlier versions once an hour old. A living process's temporary file, a
// file of the user's that only looks alike, and a link are left alone.
func TestTheNextWriteRemovesKilledWritesLeftovers(t *testing.T) {
	dir := t.TempDir()
	dead, alive := deadPID(t), os.Getppid()
	hourAgo := time.Now().Add(-2 * time.Hour)
	files := map[string]bool{ // name → removed by the next write
		fmt.Sprintf(".x.pdf.frontdesk-%d-1234.tmp", dead):        true,
		fmt.Sprintf(".月报.xlsx.frontdesk-%d-99.tmp", dead):        true,
		fmt.Sprintf(".x.pdf.frontdesk-%d-1234.tmp", alive):       false,
		fmt.Sprintf(".x.pdf.frontdesk-%d-1234.tmp", os.Getpid()): false,
		"old.pdf.tmp":  true, // an earlier version's, two hours old
		"new.xlsx.tmp": false,
		"我的笔记.tmp":     false,
		"x.pdf":        false,
		".hidden.tmp":  false,
	}
	for name := range files {
		os.WriteFile(filepath.Join(dir, name), []byte("part"), 0o600)
	}
	os.Chtimes(filepath.Join(dir, "old.pdf.tmp"), hourAgo, hourAgo)
	os.Chtimes(filepath.Join(dir, "我的笔记.tmp"), hourAgo, hourAgo)
	link := fmt.Sprintf(".y.pdf.frontdesk-%d-1.tmp", dead)
	os.Symlink(filepath.Join(dir, "x.pdf"), filepath.Join(dir, link))
	if err := WriteFile(filepath.Join(dir, "z.pdf"), []byte("%PDF-")); err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		_, err := os.Lstat(filepath.Join(dir, name))
		if gone := os.IsNotExist(err); gone != removed {
			t.Errorf("%s: removed %v; want %v", name, gone, removed)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, link)); err != nil {
		t.Errorf("a link named like a leftover was removed: %v", err)
	}
}

// A killed backup's .part file stays on the stick no longer than the next backup there (#27 item 4.3):
// the program's own by its name once its process is gone, an earlier version's once an hour old; the
// part of a backup running now (a living process) is left alone.
func TestTheNextBackupRemovesAKilledBackupsPart(t *testing.T) {
	s := storeWithRecords(t, 2)
	usb := t.TempDir()
	dead, alive := deadPID(t), os.Getppid()
	name := BackupFileName(DefaultPropertyName, time.Now())
	parts := map[string]bool{ // name → removed by the next backup
		fmt.Sprintf(".%s.frontdesk-%d-123456.part", name, dead):                             true,
		fmt.Sprintf(".%s.frontdesk-%d-123456.part", KeyFileFor(name), dead):                 true,
		"." + name + "-2914087324.part":                                                     true, // an earlier version's, two hours old
		fmt.Sprintf(".%s.frontdesk-%d-123456.part", name, alive):                            false,
		"." + BackupFileName(DefaultPropertyName, time.Now().Add(time.Minute)) + "-77.part": false, // an earlier version's, written to now
	}
	twoHours := time.Now().Add(-2 * time.Hour)
	for p := range parts {
		os.WriteFile(filepath.Join(usb, p), make([]byte, 4096), 0o600)
		if p == "."+name+"-2914087324.part" {
			os.Chtimes(filepath.Join(usb, p), twoHours, twoHours)
		}
	}
	if _, err := s.Backup(manager, usb, nil); err != nil {
		t.Fatal(err)
	}
	for p, removed := range parts {
		_, err := os.Lstat(filepath.Join(usb, p))
		if gone := os.IsNotExist(err); gone != removed {
			t.Errorf("%s: removed %v; want %v", p, gone, removed)
		}
	}
	// The backup's own part is gone too: only the two left alone are there beside the backup.
	if list, _ := Backups(usb); len(list) != 1 {
		t.Errorf("after the backup: %v", list)
	}
	if hidden, _ := filepath.Glob(filepath.Join(usb, ".*")); len(hidden) != 2 {
		t.Errorf("after the backup, hidden files: %v", hidden)
	}
}

// A backup killed half-way (SIGKILL, as a pulled plug or the task manager ends it) leaves its part on
// the stick; the next backup there removes it (#27 item 4.3).
func TestAKilledBackupsPartGoesWithTheNextBackup(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir, usb := t.TempDir(), t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 30; i++ {
		mustCreate(t, s, clerk, "visitor", visitorInput())
	}
	if err := s.SetBackupPassphrase(manager, testPass); err != nil {
		t.Fatal(err)
	}
	s.Close()
	var parts []string
	for try := 0; try < 10 && len(parts) == 0; try++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBackupChild$")
		cmd.Env = append(os.Environ(), "FRONTDESK_BACKUP_CHILD="+dir, "FRONTDESK_BACKUP_TO="+usb)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(300+100*try) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		parts, _ = filepath.Glob(filepath.Join(usb, ".*"+partExt))
	}
	if len(parts) == 0 {
		t.Fatal("no kill left a part file: the test proved nothing")
	}
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Backup(manager, usb, nil); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(usb, ".*")); len(left) != 0 {
		t.Errorf("after the next backup, left on the stick: %v (killed: %v)", left, parts)
	}
}

// TestBackupChild backs up again and again, slowly, until it is killed: the child of
// TestAKilledBackupsPartGoesWithTheNextBackup; run on its own it does nothing.
func TestBackupChild(t *testing.T) {
	dir := os.Getenv("FRONTDESK_BACKUP_CHILD")
	if dir == "" {
		t.Skip("child of TestAKilledBackupsPartGoesWithTheNextBackup")
	}
	s, err := Open(dir, Options{Timeout: 5 * time.Second})
	if err != nil {
		os.Exit(3)
	}
	for {
		if _, err := s.Backup(manager, os.Getenv("FRONTDESK_BACKUP_TO"), func(done, total int64) { time.Sleep(20 * time.Millisecond) }); err != nil {
			os.Exit(3)
		}
	}
}

// A step taken while a backup runs does not spoil the backup (#27 item 4.2): a writing open, which
// removes the work folders killed verifies left, removes none a living process is checking in. Here
// the backups (to a stick, and the window's automatic ones) run while other opens come and go, as a
// console command's does while the window backs up.
func TestOpensDuringBackupsLeaveTheBackupsWhole(t *testing.T) {
	s := storeWithRecords(t, 40)
	dir := filepath.Dir(s.Path())
	stop := make(chan struct{})
	opens := make(chan int, 1)
	go func() {
		n := 0
		defer func() { opens <- n }()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if o, err := Open(dir, Options{Timeout: time.Millisecond}); err == nil {
				o.Close()
			}
			n++
		}
	}()
	usb := t.TempDir()
	var failed []string
	for i := 0; i < 12; i++ {
		var info BackupInfo
		var err error
		if i%2 == 0 {
			info, err = s.Backup(manager, usb, nil)
		} else {
			info, err = s.AutoBackup(LocalBackupDir(dir), 100)
		}
		switch {
		case err != nil:
			failed = append(failed, Message(err))
		case len(info.Problems) > 0 || strings.Contains(info.Path, DamagedSuffix):
			failed = append(failed, "数据有问题："+info.Problems[0].String())
		}
	}
	close(stop)
	n := <-opens
	if len(failed) > 0 {
		t.Errorf("%d of 12 backups spoilt by %d opens beside them: %v", len(failed), n, failed)
	}
	if n == 0 {
		t.Fatal("no open ran beside the backups")
	}
}
