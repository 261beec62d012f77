package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// sealedStore is a closed store in a folder with an administrator, a clerk, a setting, a unit of the
// registry and a few records: what a tool outside the program finds.
func sealedStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir, Options{Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	adm, err := s.SetupAdmin("admin", "管理员", "admin-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAccount(adm, "chenjia", "陈佳", data.RoleClerk, "clerk-pass-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(admin, SettingPropertyName, "城市假日花园"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutHousehold(clerk, Household{Unit: "3-2-1201", Owner: "李娜", Occupied: true}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		mustCreate(t, s, clerk, "visitor", visitorInput())
	}
	// A wrong password counts in the account without an audit entry: not a change of the account.
	if _, err := s.Authenticate("chenjia", "wrong-pass-1"); !errors.Is(err, ErrBadLogin) {
		t.Fatal(err)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check of the untouched store: %v %v", err, probs)
	}
	s.Close()
	return dir
}

// rawEdit changes the file as a tool outside the program would.
func rawEdit(t *testing.T, dir string, edit func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, DBFileName), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(edit); err != nil {
		t.Fatal(err)
	}
}

func problemsOf(t *testing.T, dir string) (full, quick string) {
	t.Helper()
	s, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p1, err1 := s.Check()
	p2, err2 := s.QuickCheck()
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return joinProblems(p1), joinProblems(p2)
}

func joinProblems(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// Accounts, settings and the registry are under the chain (#12 item 16): an entry changed, written or
// deleted in the file is named by check and noticed by the start-up check; a raised role grants
// nothing; with every account deleted, setup-admin is refused.
func TestAccountsSettingsAndRegistryAreSealed(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(tx *bolt.Tx) error
		place string
		what  string
	}{
		{"role raised", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketAccounts)
			return b.Put([]byte("chenjia"), []byte(strings.Replace(string(b.Get([]byte("chenjia"))), `"role":"clerk"`, `"role":"manager"`, 1)))
		}, "账户 chenjia", "在程序外被改动"},
		{"account added", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketAccounts)
			return b.Put([]byte("intruder"), []byte(strings.Replace(string(b.Get([]byte("admin"))), `"login":"admin"`, `"login":"intruder"`, 1)))
		}, "账户 intruder", "没有审计记录"},
		{"account deleted", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketAccounts).Delete([]byte("chenjia"))
		}, "账户 chenjia", "在程序外被删除"},
		{"setting changed", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSettings).Put([]byte(SettingPropertyName), []byte("别的小区"))
		}, "设置 property_name", "在程序外被改动"},
		{"unit changed", func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketHouseholds)
			return b.Put([]byte("3-2-1201"), []byte(strings.Replace(string(b.Get([]byte("3-2-1201"))), "李娜", "王五", 1)))
		}, "业户档案 3-2-1201", "在程序外被改动"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := sealedStore(t)
			rawEdit(t, dir, c.edit)
			full, quick := problemsOf(t, dir)
			if !strings.Contains(full, c.place+"：") || !strings.Contains(full, c.what) {
				t.Errorf("check:\n%s", full)
			}
			if !strings.Contains(quick, "在程序外被改动") {
				t.Errorf("start-up check:\n%s", quick)
			}
		})
	}
}

func TestARaisedRoleGrantsNothing(t *testing.T) {
	dir := sealedStore(t)
	rawEdit(t, dir, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		return b.Put([]byte("chenjia"), []byte(strings.Replace(string(b.Get([]byte("chenjia"))), `"role":"clerk"`, `"role":"manager"`, 1)))
	})
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Authenticate("chenjia", "clerk-pass-1"); !errors.Is(err, ErrAccountsTampered) || !strings.Contains(Message(err), "用备份恢复") {
		t.Errorf("login with a raised role: %v", err)
	}
}

func TestSetupAdminAfterAccountsWereDeleted(t *testing.T) {
	dir := sealedStore(t)
	rawEdit(t, dir, func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketAccounts); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketAccounts)
		return err
	})
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.HasAccounts() {
		t.Fatal("accounts still there")
	}
	if _, err := s.SetupAdmin("me", "我", "owner-pass-1"); !errors.Is(err, ErrAccountsTampered) {
		t.Errorf("setup-admin over deleted accounts: %v", err)
	}
	if probs, _ := s.Check(); !strings.Contains(joinProblems(probs), "账户 admin：在程序外被删除") {
		t.Errorf("check: %v", probs)
	}
}

// A store of the version before the seals: the upgrade seals what it holds in one entry, check passes,
// and a later change in the file is found.
func TestTheUpgradeSealsWhatIsThere(t *testing.T) {
	dir := sealedStore(t)
	// As the version before left it: no seals in the chain (each entry's hash and link made anew),
	// no mark, schema 5.
	rawEdit(t, dir, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		prev := ""
		var keys, vals [][]byte
		b.ForEach(func(k, v []byte) error {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			e.Seals, e.State, e.Prev = nil, "", prev
			e.Hash = e.computeHash()
			prev = e.Hash
			raw, _ := json.Marshal(e)
			keys, vals = append(keys, append([]byte{}, k...)), append(vals, raw)
			return nil
		})
		for i := range keys {
			if err := b.Put(keys[i], vals[i]); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketMeta).Delete(keySealSeq); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(5))
	})
	os.Remove(anchorPath(dir)) // the version before kept no anchor
	s, err := Open(dir, Options{Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	tail, _ := s.AuditTail(1)
	if len(tail) != 1 || tail[0].Action != ActionSeal || len(tail[0].Seals) != 4 {
		t.Errorf("upgrade entry: %+v", tail)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after the upgrade: %v %v", err, probs)
	}
	if _, err := s.Authenticate("chenjia", "clerk-pass-1"); err != nil {
		t.Errorf("login after the upgrade: %v", err)
	}
	s.Close()
	rawEdit(t, dir, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(SettingPropertyName), []byte("别的小区"))
	})
	if full, _ := problemsOf(t, dir); !strings.Contains(full, "设置 property_name：在程序外被改动") {
		t.Errorf("check after a change in the file:\n%s", full)
	}
}

// cutTail removes the newest visitor record as a careful tool would: the record, its serial, date and
// search entries, its audit entries, and the day's counter set back.
func cutTail(t *testing.T, dir string) string {
	t.Helper()
	var serial string
	rawEdit(t, dir, func(tx *bolt.Tx) error {
		fb := tx.Bucket(bucketForms).Bucket([]byte("visitor"))
		k, v := fb.Bucket(bucketRec).Cursor().Last()
		id := binary.BigEndian.Uint64(k)
		var r data.Record
		if err := json.Unmarshal(v, &r); err != nil {
			return err
		}
		serial = r.Serial
		f := mustForm("visitor")
		fb.Bucket(bucketRec).Delete(k)
		fb.Bucket(bucketText).Delete(k)
		fb.Bucket(bucketTime).Delete(idxKey(timeKey(r.Date(f)), id))
		for _, tok := range recordTokens(f, &r) {
			fb.Bucket(bucketTok).Delete(idxKey([]byte(tok), id))
		}
		tx.Bucket(bucketSerialIndex).Delete([]byte(serial))
		key, n, _ := counterOf("visitor", serial)
		tx.Bucket(bucketSerials).Put(key, u64(n-1))
		audit := tx.Bucket(bucketAudit)
		for {
			k, v := audit.Cursor().Last()
			var e AuditEntry
			json.Unmarshal(v, &e)
			if e.RecordID != id || e.Kind != "visitor" {
				break
			}
			audit.Delete(k)
			tx.Bucket(bucketAuditRec).Delete(auditRecKey("visitor", id, e.Seq))
			audit.SetSequence(e.Seq - 1)
		}
		return nil
	})
	return serial
}

// A tail cut off the file no longer passes check (#12 item 17): the head kept outside the file is
// missing from it; reopening and closing the store does not move the anchor over the cut; a printed
// anchor is compared by check -anchor.
func TestCuttingOffTheTailIsFound(t *testing.T) {
	dir := sealedStore(t)
	s, _ := Open(dir, Options{ReadOnly: true})
	head, _ := s.Head()
	s.Close()
	if kept := readAnchor(dir); kept == nil || *kept != head {
		t.Fatalf("anchor kept at close: %v; head %v", kept, head)
	}
	serial := cutTail(t, dir)
	full, quick := problemsOf(t, dir)
	for name, text := range map[string]string{"check": full, "start-up check": quick} {
		if !strings.Contains(text, "截尾") {
			t.Errorf("%s after the cut:\n%s", name, text)
		}
	}
	// Saving again after the cut: the serial is issued anew, and the anchor stays where it was.
	s, err := Open(dir, Options{Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	rec := mustCreate(t, s, clerk, "visitor", visitorInput())
	if rec.Serial != serial {
		t.Logf("serial after the cut: %s (cut %s)", rec.Serial, serial)
	}
	s.Close()
	if full, _ := problemsOf(t, dir); !strings.Contains(full, "不符") && !strings.Contains(full, "截尾") {
		t.Errorf("check after saving over the cut:\n%s", full)
	}
	if kept := readAnchor(dir); kept == nil || *kept != head {
		t.Errorf("the anchor moved over the cut: %v", kept)
	}
	// A printed anchor, compared by hand: the one of the untouched store finds the rewrite.
	s, _ = Open(dir, Options{ReadOnly: true})
	defer s.Close()
	printed, ok := ParseAnchor(head.String())
	if !ok {
		t.Fatalf("printed anchor %q does not parse", head.String())
	}
	if probs, _ := s.CheckAgainst(printed); len(probs) == 0 {
		t.Error("check -anchor passed on a rewritten chain")
	}
}

// A day's counter set back below a serial it issued is found: it would issue that serial again.
func TestACounterSetBackIsFound(t *testing.T) {
	dir := sealedStore(t)
	rawEdit(t, dir, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSerials).Put([]byte("visitor|"+data.SerialDay(testToday)), u64(1))
	})
	if full, _ := problemsOf(t, dir); !strings.Contains(full, "计数器被改回") {
		t.Errorf("check:\n%s", full)
	}
}

// A restore starts the anchor anew from the restored chain: restoring an older backup over a store
// that went on is not a tail cut.
func TestARestoreStartsTheAnchorAnew(t *testing.T) {
	dir := sealedStore(t)
	s, err := Open(dir, Options{Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetBackupPassphrase(manager, testPass); err != nil {
		t.Fatal(err)
	}
	info, err := s.Backup(manager, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		mustCreate(t, s, clerk, "visitor", visitorInput())
	}
	s.Close()
	if kept := readAnchor(dir); kept == nil || kept.Seq <= info.Head.Seq {
		t.Fatalf("anchor %v; backup's head %v", kept, info.Head)
	}
	os.Rename(filepath.Join(dir, DBFileName), filepath.Join(dir, DBFileName+".aside"))
	if _, err := RestoreBackup(info.Path, testPass, dir); err != nil {
		t.Fatal(err)
	}
	if kept := readAnchor(dir); kept == nil || *kept != info.Head {
		t.Errorf("anchor after the restore: %v; want %v", kept, info.Head)
	}
	if full, quick := problemsOf(t, dir); full != "" || quick != "" {
		t.Errorf("after the restore:\n%s\n%s", full, quick)
	}
}

func TestParseAnchor(t *testing.T) {
	for in, want := range map[string]Anchor{
		"12345:3f9a0c1d2e4b5a69":       {12345, "3f9a0c1d2e4b5a69"},
		"第 12345 条 · 3F9A0C1D2E4B5A69": {12345, "3f9a0c1d2e4b5a69"},
		"12345：3f9a0c1d":               {12345, "3f9a0c1d"},
	} {
		if got, ok := ParseAnchor(in); !ok || got != want {
			t.Errorf("ParseAnchor(%q) = %v %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "12345", "12345:3f9a", "0:3f9a0c1d", "x:3f9a0c1d", "12345:3f9a0c1g", "1:2:3f9a0c1d"} {
		if _, ok := ParseAnchor(bad); ok {
			t.Errorf("ParseAnchor(%q) accepted", bad)
		}
	}
}

// The compacted copy holds its own audit entry: put in place of the file, check passes with the
// anchor kept outside it. An earlier file put in place on purpose is reported until the administrator
// sets the anchor anew, which is audited.
func TestACompactedCopyInPlaceAndReanchor(t *testing.T) {
	dir := sealedStore(t)
	s, err := Open(dir, Options{Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir()
	if _, _, err := s.CompactTo(manager, copyDir); err != nil {
		t.Fatal(err)
	}
	s.Close()
	earlier, _ := os.ReadFile(filepath.Join(dir, DBFileName))
	compacted, _ := os.ReadFile(filepath.Join(copyDir, DBFileName))
	os.WriteFile(filepath.Join(dir, DBFileName), compacted, 0o600)
	if full, quick := problemsOf(t, dir); full != "" || quick != "" {
		t.Errorf("the compacted copy in place:\n%s\n%s", full, quick)
	}
	// Work goes on; then the file from before it is put back on purpose.
	s, _ = Open(dir, Options{Now: func() time.Time { return testToday }})
	mustCreate(t, s, clerk, "visitor", visitorInput())
	s.Close()
	os.WriteFile(filepath.Join(dir, DBFileName), earlier, 0o600)
	full, _ := problemsOf(t, dir)
	if !strings.Contains(full, "reanchor") || !strings.Contains(full, AnchorFileName) {
		t.Errorf("an earlier file in place:\n%s", full)
	}
	s, _ = Open(dir, Options{Now: func() time.Time { return testToday }})
	if _, _, err := s.Reanchor(clerk); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk reanchors: %v", err)
	}
	old, now, err := s.Reanchor(admin)
	if err != nil || old.Seq == 0 || now.Seq == 0 {
		t.Fatalf("reanchor: %v %v %v", old, now, err)
	}
	if tail, _ := s.AuditTail(1); tail[0].Action != ActionReanchor || !strings.Contains(tail[0].Changes[0].Old, fmt.Sprint(old.Seq)) {
		t.Errorf("audit of the reanchor: %+v", tail[0])
	}
	s.Close()
	if full, quick := problemsOf(t, dir); full != "" || quick != "" {
		t.Errorf("after the reanchor:\n%s\n%s", full, quick)
	}
}

// A backup and the start-up check at once (as the window starts them), and two backups at once:
// the anchor is read and written one at a time, and ends at the head.
func TestAnchorUnderConcurrentBackups(t *testing.T) {
	s := storeWithRecords(t, 3)
	usb1, usb2 := t.TempDir(), t.TempDir()
	done := make(chan error, 3)
	go func() { _, err := s.Backup(manager, usb1, nil); done <- err }()
	go func() { _, err := s.Backup(manager, usb2, nil); done <- err }()
	go func() { _, err := s.QuickCheck(); done <- err }()
	for i := 0; i < 3; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	head, _ := s.Head()
	if kept := readAnchor(filepath.Dir(s.Path())); kept == nil || *kept != head {
		t.Errorf("anchor %v, head %v", kept, head)
	}
	if left, _ := filepath.Glob(filepath.Join(LocalBackupDir(filepath.Dir(s.Path())), "*.part")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// What an attack on the new checks tried (#12 items 16, 17): a sealed store's schema version set back,
// a counter set back, the accounts deleted with the seal mark, the anchor file garbled.
func TestASealedStoreWhoseVersionIsSetBack(t *testing.T) {
	for _, v := range [][]byte{u64(5), []byte("x"), nil} {
		dir := sealedStore(t)
		rawEdit(t, dir, func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketAccounts)
			b.Put([]byte("chenjia"), []byte(strings.Replace(string(b.Get([]byte("chenjia"))), `"role":"clerk"`, `"role":"manager"`, 1)))
			if v == nil {
				return tx.Bucket(bucketMeta).Delete(keySchema)
			}
			return tx.Bucket(bucketMeta).Put(keySchema, v)
		})
		if _, err := Open(dir, Options{}); !errors.Is(err, ErrSchemaSetBack) || !strings.Contains(Message(err), "版本号被改回") {
			t.Errorf("schema %q: open: %v", v, err)
		}
		s, err := Open(dir, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		probs, _ := s.Check()
		if text := joinProblems(probs); !strings.Contains(text, "版本号与内容不符") || !strings.Contains(text, "账户 chenjia") {
			t.Errorf("schema %q: check:\n%s", v, text)
		}
		if _, err := s.Authenticate("chenjia", "clerk-pass-1"); !errors.Is(err, ErrAccountsTampered) {
			t.Errorf("schema %q: the raised role logs in: %v", v, err)
		}
		s.Close()
	}
}

func TestACounterSetBackIssuesNothingTwice(t *testing.T) {
	dir := sealedStore(t)
	rawEdit(t, dir, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSerials).Put([]byte("visitor|"+data.SerialDay(testToday)), u64(1))
	})
	s, err := Open(dir, Options{Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if probs, _ := s.QuickCheck(); !strings.Contains(joinProblems(probs), "编号计数器被改回") {
		t.Errorf("start-up check: %v", probs)
	}
	if _, err := s.Create(clerk, "visitor", visitorInput()); !errors.Is(err, ErrSerialTaken) || !strings.Contains(Message(err), "已经发出过") {
		t.Errorf("save over a set-back counter: %v", err)
	}
	if n, _ := s.Count("visitor"); n != 3 {
		t.Errorf("%d visitors; want the 3 from before", n)
	}
}

func TestSetupAdminAfterAccountsAndTheSealMarkWereDeleted(t *testing.T) {
	dir := sealedStore(t)
	rawEdit(t, dir, func(tx *bolt.Tx) error {
		tx.DeleteBucket(bucketAccounts)
		tx.CreateBucket(bucketAccounts)
		return tx.Bucket(bucketMeta).Delete(keySealSeq)
	})
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SetupAdmin("evil", "坏人", "owner-pass-1"); !errors.Is(err, ErrAccountsTampered) {
		t.Errorf("setup-admin: %v", err)
	}
}

func TestAGarbledAnchorFileIsSaidAndKept(t *testing.T) {
	for name, garble := range map[string]func(p string){
		"empty":   func(p string) { os.WriteFile(p, nil, 0o600) },
		"garbage": func(p string) { os.WriteFile(p, []byte("你好"), 0o600) },
		"huge":    func(p string) { os.WriteFile(p, make([]byte, 10000), 0o600) },
		"folder":  func(p string) { os.Remove(p); os.Mkdir(p, 0o700) },
	} {
		dir := sealedStore(t)
		p := anchorPath(dir)
		garble(p)
		s, err := Open(dir, Options{Now: func() time.Time { return testToday }})
		if err != nil {
			t.Fatal(err)
		}
		for what, check := range map[string]func() ([]Problem, error){"check": s.Check, "start-up check": s.QuickCheck} {
			if probs, _ := check(); !strings.Contains(joinProblems(probs), "无法与数据文件核对") {
				t.Errorf("%s: %s: %v", name, what, probs)
			}
		}
		mustCreate(t, s, clerk, "visitor", visitorInput())
		s.Close() // the close does not write over it
		if _, bad := readAnchorFile(dir); !bad {
			t.Errorf("%s: written over at close", name)
		}
		s, _ = Open(dir, Options{Now: func() time.Time { return testToday }})
		tail, _ := s.AuditTail(1)
		_, _, err = s.Reanchor(admin)
		switch name {
		case "folder":
			if after, _ := s.AuditTail(1); !errors.Is(err, ErrAnchorNotAFile) || after[0].Seq != tail[0].Seq {
				t.Errorf("reanchor over a folder: %v, audited %v", err, after[0].Action)
			}
		default:
			if probs, _ := s.Check(); err != nil || len(probs) > 0 {
				t.Errorf("%s: reanchor: %v %v", name, err, probs)
			}
		}
		s.Close()
	}
}
