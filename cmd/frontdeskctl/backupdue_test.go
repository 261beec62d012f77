package main

import (
	"encoding/json"
	"strings"
	"testing"

	"frontdesk/data/store"
)

// Until the manager sets the backup passphrase there is no backup at all: the manager's due list says
// so first, and the board has it as a red row; setting the passphrase takes the first backup at once,
// into the data folder's backups, and the line goes (#27 item 4.5).
func TestSettingThePassphraseTakesTheFirstBackup(t *testing.T) {
	dir := accountsDir(t)
	t.Setenv("FRONTDESK_USER", "manager")
	due := func() []struct{ Kind, Form, State string } {
		t.Helper()
		code, out, e := ctl(t, "", "-data", dir, "due", "-json")
		var ms []struct{ Kind, Form, State string }
		if code != 0 || json.Unmarshal([]byte(out), &ms) != nil {
			t.Fatalf("due -json: %d %s %s", code, out, e)
		}
		return ms
	}
	if ms := due(); len(ms) == 0 || ms[0].Kind != store.BackupMatterKind || !strings.Contains(ms[0].State, "尚未设置备份密码") {
		t.Errorf("no passphrase: the manager's due list starts %+v", ms)
	}
	if code, out, _ := ctl(t, "", "-data", dir, "due"); code != 0 || !strings.Contains(out, "尚未设置备份密码") {
		t.Errorf("no passphrase: due says %q", out)
	}
	if code, out, e := ctl(t, "", "-data", dir, "compliance", "-json"); code != 0 || !strings.Contains(out, `"key": "backup"`) || !strings.Contains(out, "尚未设置备份密码") {
		t.Errorf("no passphrase: compliance %d %s %s", code, out, e)
	}
	t.Setenv("FRONTDESK_BACKUP_PASSPHRASE", "backup-pass-1")
	code, out, e := ctl(t, "", "-data", dir, "backup-passphrase")
	if code != 0 || !strings.Contains(out, "已设置备份密码") || !strings.Contains(out, "第一份备份") {
		t.Fatalf("backup-passphrase: %d %q %q", code, out, e)
	}
	if list, _ := store.Backups(store.LocalBackupDir(dir)); len(list) != 1 {
		t.Errorf("after the passphrase was set, local backups: %v", list)
	}
	for _, m := range due() {
		if m.Kind == store.BackupMatterKind {
			t.Errorf("backed up a moment ago, and still on the due list: %+v", m)
		}
	}
}
