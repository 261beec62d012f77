package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"frontdesk/data"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
	bolt "go.etcd.io/bbolt"
)

func init() {
	scryptWorkFactor = 10 // the real cost (2^18) takes a second per backup; the format is the same
}

const testPass = "备份密码-2026"

func storeWithRecords(t *testing.T, n int) *Store {
	t.Helper()
	s, _ := openTemp(t)
	for i := 0; i < n; i++ {
		if _, err := s.Create(clerk, "visitor", visitorInput()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.PutHousehold(clerk, Household{Unit: "3-2-1201", Owner: "李娜", Occupied: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetBackupPassphrase(manager, testPass); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBackupVerifyRestoreRoundTrip(t *testing.T) {
	s := storeWithRecords(t, 5)
	usb := t.TempDir()
	var last, total int64
	info, err := s.Backup(manager, usb, func(d, tot int64) { last, total = d, tot })
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if info.Counts["visitor"] != 5 || info.Households != 1 || last != total || total == 0 {
		t.Errorf("info = %+v, progress %d/%d", info, last, total)
	}
	if !strings.HasPrefix(filepath.Base(info.Path), "城市假日花园客户服务中心-备份-20261127-093000") {
		t.Errorf("name = %s", filepath.Base(info.Path))
	}
	if entries, _ := os.ReadDir(usb); len(entries) != 2 {
		t.Errorf("files on the stick: %v; want the backup and its key file", entries)
	}
	if _, err := os.Stat(KeyFileFor(info.Path)); err != nil {
		t.Errorf("key file beside the backup: %v", err)
	}
	v, err := VerifyBackup(info.Path, testPass, t.TempDir())
	if err != nil || v.Records != 5 {
		t.Fatalf("Verify = %+v, %v", v, err)
	}
	if _, err := VerifyBackup(info.Path, "wrong-passphrase", t.TempDir()); !errors.Is(err, ErrBadPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	// Restore into a new folder, never over a store.
	dst := filepath.Join(t.TempDir(), "restored")
	if _, err := RestoreBackup(info.Path, testPass, dst); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dst, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := r.Count("visitor"); n != 5 {
		t.Errorf("restored %d visitors", n)
	}
	r.Close()
	if _, err := RestoreBackup(info.Path, testPass, dst); !errors.Is(err, ErrRestoreTarget) {
		t.Errorf("restore over a store: %v", err)
	}
	if _, err := s.Backup(clerk, usb, nil); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk backs up: %v", err)
	}
}

// The file is a standard age file: what `age -d -i KEYFILE BACKUP` does (the key file is an age file
// encrypted to the passphrase whose content is an identity file) gives back a bbolt file that passes
// check (#12 item 7, the emergency path).
func TestBackupIsAPlainAgeFile(t *testing.T) {
	s := storeWithRecords(t, 2)
	info, err := s.Backup(manager, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(info.Path)
	if !bytes.HasPrefix(raw, []byte("age-encryption.org/v1\n-> X25519 ")) {
		t.Fatalf("header = %q", raw[:40])
	}
	keyFile, err := os.ReadFile(KeyFileFor(info.Path))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(keyFile, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
		t.Fatalf("key file = %q", keyFile[:40])
	}
	sid, _ := age.NewScryptIdentity(testPass)
	kr, err := age.Decrypt(armor.NewReader(bytes.NewReader(keyFile)), sid)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := age.ParseIdentities(kr)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(raw), ids...)
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(t.TempDir(), "plain.db")
	f, _ := os.Create(plain)
	if _, err := f.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	f.Close()
	db, err := bolt.Open(plain, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			t.Errorf("bbolt check: %v", err)
		}
		return nil
	})
}

// The store keeps no passphrase (#12 item 7): neither the store's file nor a backup holds it in any
// form; a backup needs no secret; verify and restore need the passphrase, with the key file beside the
// backup or the store's own key; a backup whose key is nowhere says so.
func TestTheStoreKeepsNoPassphrase(t *testing.T) {
	s := storeWithRecords(t, 2)
	usb := t.TempDir()
	info, err := s.Backup(manager, usb, nil)
	if err != nil {
		t.Fatal(err)
	}
	dbRaw, _ := os.ReadFile(s.Path())
	plain := decryptWithKeyFile(t, info.Path, testPass)
	for name, b := range map[string][]byte{"store": dbRaw, "backup": plain} {
		if bytes.Contains(b, []byte(testPass)) {
			t.Errorf("the passphrase is in the %s", name)
		}
		if bytes.Contains(b, []byte("AGE-SECRET-KEY-")) {
			t.Errorf("an unprotected identity is in the %s", name)
		}
	}
	if !s.HasBackupKey() || len(s.BackupKey()) == 0 {
		t.Error("no key after the passphrase was set")
	}
	// The key file gone: the store's key opens it; without either it is said what is missing.
	key, _ := os.ReadFile(KeyFileFor(info.Path))
	os.Remove(KeyFileFor(info.Path))
	if _, err := VerifyBackup(info.Path, testPass, t.TempDir(), s.BackupKey()); err != nil {
		t.Errorf("verify with the store's key: %v", err)
	}
	if _, err := VerifyBackup(info.Path, testPass, t.TempDir()); !errors.Is(err, ErrNoBackupKey) || !strings.Contains(Message(err), "密钥文件") {
		t.Errorf("verify without a key: %v", err)
	}
	if _, err := VerifyBackup(info.Path, "wrong-passphrase", t.TempDir(), s.BackupKey()); !errors.Is(err, ErrBadPassphrase) {
		t.Errorf("wrong passphrase with the store's key: %v", err)
	}
	// A key file cut short, or chosen in place of the backup, is said to be what it is.
	os.WriteFile(KeyFileFor(info.Path), key[:len(key)/2], 0o600)
	if _, err := VerifyBackup(info.Path, testPass, t.TempDir()); !errors.Is(err, ErrKeyFileDamaged) || !strings.Contains(Message(err), "已损坏") {
		t.Errorf("verify with a cut key file: %v", err)
	}
	os.WriteFile(KeyFileFor(info.Path), key, 0o600)
	if _, err := VerifyBackup(KeyFileFor(info.Path), testPass, t.TempDir()); !errors.Is(err, ErrIsKeyFile) || !strings.Contains(Message(err), "密钥文件") {
		t.Errorf("verify of the key file: %v", err)
	}
	// A new passphrase makes a new key: later backups need it, earlier ones keep theirs.
	if err := s.SetBackupPassphrase(manager, "新的备份密码-2027"); err != nil {
		t.Fatal(err)
	}
	later := s.now().Add(time.Minute)
	s.now = func() time.Time { return later }
	next, err := s.Backup(manager, usb, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyBackup(next.Path, "新的备份密码-2027", t.TempDir()); err != nil {
		t.Errorf("later backup, new passphrase: %v", err)
	}
	if _, err := VerifyBackup(next.Path, testPass, t.TempDir(), s.BackupKey()); !errors.Is(err, ErrBadPassphrase) {
		t.Errorf("later backup, old passphrase: %v", err)
	}
	if _, err := VerifyBackup(info.Path, testPass, t.TempDir(), s.BackupKey()); err != nil {
		t.Errorf("earlier backup, its passphrase: %v", err)
	}
	if list, _ := Backups(usb); len(list) != 2 {
		t.Errorf("backups listed: %v (key files are not backups)", list)
	}
}

// A store of an older version kept the passphrase in plain text: opening it makes the key from it and
// removes it, and the next backup opens with that passphrase and holds no trace of it (#12 item 7).
func TestAPlaintextPassphraseIsSealedAtOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	const old = "旧版本的明文密码-1234"
	for i := 0; i < 30; i++ {
		mustCreate(t, s, clerk, "visitor", visitorInput())
	}
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(settingBackupPassphrase), []byte(old))
	})
	for i := 0; i < 30; i++ {
		mustCreate(t, s, clerk, "visitor", visitorInput())
	}
	s.Close()
	s, err = Open(dir, Options{Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Setting(settingBackupPassphrase, "") != "" || !s.HasBackupKey() {
		t.Fatal("the plaintext passphrase is still set, or no key was made")
	}
	if tail, _ := s.AuditTail(1); len(tail) != 1 || tail[0].User != "程序升级" {
		t.Errorf("audit of the upgrade: %+v", tail)
	}
	dbRaw, _ := os.ReadFile(s.Path())
	if !bytes.Contains(dbRaw, []byte(old)) {
		t.Log("the freed page was already reused; the backup is still checked")
	}
	info, err := s.Backup(manager, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(decryptWithKeyFile(t, info.Path, old), []byte(old)) {
		t.Error("the backup carries the removed passphrase in a free page")
	}
}

// Free pages are left out of a backup: a value deleted from the store is in the file's free pages,
// never in the backup, and the backup is a store that passes check.
func TestABackupLeavesFreePagesOut(t *testing.T) {
	s := storeWithRecords(t, 5)
	secret := []byte(strings.Repeat("已删除的个人信息", 200)) // its own overflow pages
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketSettings).Put([]byte("scratch"), secret) })
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketSettings).Delete([]byte("scratch")) })
	dbRaw, _ := os.ReadFile(s.Path())
	if !bytes.Contains(dbRaw, secret) {
		t.Fatal("the deleted value is not in the file's free pages; the test proves nothing")
	}
	info, err := s.Backup(manager, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(decryptWithKeyFile(t, info.Path, testPass), secret) {
		t.Error("the backup carries a deleted value")
	}
	if info.Records != 5 || len(info.Problems) != 0 {
		t.Errorf("backup = %+v", info)
	}
}

// decryptWithKeyFile opens a backup as `age -d -i KEYFILE` does.
func decryptWithKeyFile(t *testing.T, path, pass string) []byte {
	t.Helper()
	key, err := os.ReadFile(KeyFileFor(path))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := openBackupKey(key, pass)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	r, err := age.Decrypt(bytes.NewReader(raw), ids...)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := out.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestCutOrAlteredBackupIsRefused(t *testing.T) {
	s := storeWithRecords(t, 3)
	info, err := s.Backup(manager, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(info.Path)
	dir := t.TempDir()
	cases := map[string][]byte{
		"cut in half":    raw[:len(raw)/2],
		"last byte gone": raw[:len(raw)-1],
		"byte flipped":   flip(raw, len(raw)*2/3),
		"header flipped": flip(raw, 30),
		"empty":          {},
	}
	for name, b := range cases {
		p := filepath.Join(dir, name+BackupExt)
		os.WriteFile(p, b, 0o600)
		os.WriteFile(KeyFileFor(p), s.BackupKey(), 0o600)
		_, err := VerifyBackup(p, testPass, t.TempDir())
		if err == nil {
			t.Errorf("%s: verify passed", name)
			continue
		}
		if !errors.Is(err, ErrBackupDamaged) && !errors.Is(err, ErrBadPassphrase) {
			t.Errorf("%s: err = %v", name, err)
		}
		if m := Message(err); !strings.Contains(m, "损坏") && !strings.Contains(m, "密码不正确") {
			t.Errorf("%s: message %q", name, m)
		}
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte{}, b...)
	c[i] ^= 0x5a
	return c
}

// A full stick: the backup fails with a Chinese message, leaves no file under a backup's name, and the
// earlier backup on the stick is untouched.
func TestBackupToAFullStick(t *testing.T) {
	stick := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", stick).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v: %s)", err, out)
	}
	defer exec.Command("umount", stick).Run()
	earlier := filepath.Join(stick, "旧的-备份-20261101-080000.age")
	os.WriteFile(earlier, []byte("an earlier backup"), 0o600)
	s := storeWithRecords(t, 50) // the store is larger than the stick
	_, err := s.Backup(manager, stick, nil)
	if err == nil {
		t.Fatal("backup to a full stick reported success")
	}
	if m := Message(err); !strings.Contains(m, "空间不足") {
		t.Errorf("message = %q", m)
	}
	entries, _ := os.ReadDir(stick)
	if len(entries) != 1 {
		t.Errorf("stick holds %d files after the failure; want only the earlier backup", len(entries))
	}
	if b, _ := os.ReadFile(earlier); string(b) != "an earlier backup" {
		t.Error("earlier backup changed")
	}
}

func TestAutoBackupKeepsTheNewest(t *testing.T) {
	s, now := openTemp(t)
	dir := t.TempDir()
	if _, err := s.AutoBackup(dir, 3); !errors.Is(err, ErrNoPassphrase) {
		t.Fatalf("without a passphrase: %v", err)
	}
	if err := s.SetBackupPassphrase(manager, "short"); !errors.Is(err, ErrWeakPassphrase) {
		t.Errorf("weak passphrase: %v", err)
	}
	if err := s.SetBackupPassphrase(manager, testPass); err != nil {
		t.Fatal(err)
	}
	if tail, _ := s.AuditTail(1); strings.Contains(fmt.Sprint(tail), testPass) {
		t.Error("the passphrase is in the audit trail")
	}
	for i := 0; i < 5; i++ {
		mustCreate(t, s, clerk, "visitor", visitorInput())
		if _, err := s.AutoBackup(dir, 3); err != nil {
			t.Fatal(err)
		}
		*now = now.Add(4 * time.Hour)
	}
	list, _ := Backups(dir)
	if len(list) != 3 {
		t.Fatalf("kept %d backups; want 3", len(list))
	}
	newest, _ := VerifyBackup(list[0], testPass, t.TempDir())
	if newest.Records != 5 {
		t.Errorf("newest backup holds %d records; want 5", newest.Records)
	}
}

// The crash test: a child process saves records as fast as it can and prints each serial after its save
// returned; the parent kills it (SIGKILL) at a random moment, reopens the store, and every printed serial
// must be there, the store passing check. FRONTDESK_CRASH_CYCLES sets the number of kills (default 25).
func TestKillDuringSavesLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	cycles := 25
	if n, err := strconv.Atoi(os.Getenv("FRONTDESK_CRASH_CYCLES")); err == nil {
		cycles = n
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	acked := map[string]bool{}
	for c := 0; c < cycles; c++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), "FRONTDESK_CRASH_DIR="+dir)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1<<16)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		time.Sleep(time.Duration(40+rng.Intn(200)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for l := range lines {
			if strings.HasPrefix(l, "LF-") {
				acked[l] = true
			}
		}
		s, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("cycle %d: reopen after kill: %v", c, err)
		}
		for serial := range acked {
			if _, err := s.BySerial(clerk, serial); err != nil {
				t.Fatalf("cycle %d: %s was saved, then lost: %v", c, serial, err)
			}
		}
		if probs, err := s.Check(); err != nil || len(probs) > 0 {
			t.Fatalf("cycle %d: check after kill: %v %v", c, err, probs)
		}
		s.Close()
	}
	t.Logf("%d kill cycles, %d acknowledged saves, none lost", cycles, len(acked))
	if len(acked) == 0 {
		t.Fatal("the child saved nothing: the test proved nothing")
	}
}

// TestCrashChild is the child process of the crash test; run on its own it does nothing.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("FRONTDESK_CRASH_DIR")
	if dir == "" {
		t.Skip("child of TestKillDuringSavesLosesNothing")
	}
	s, err := Open(dir, Options{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	for {
		rec, err := s.Create(clerk, "visitor", visitorInput())
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(3)
		}
		fmt.Println(rec.Serial) // only after the commit returned
	}
}

func FuzzVerifyBackup(f *testing.F) {
	f.Add([]byte("age-encryption.org/v1\n-> scrypt abc 10\nxyz\n--- abc\n"))
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte{0xff}, 100))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "x.age")
		os.WriteFile(p, b, 0o600)
		if _, err := VerifyBackup(p, testPass, t.TempDir()); err == nil {
			t.Fatal("random bytes verified as a backup")
		}
	})
}

// Bytes flipped in a copy of the store (a failing disk): opening fails or check reports it; the program
// never carries on silently with damaged data.
func TestFlippedBytesAreNoticed(t *testing.T) {
	src := storeWithRecords(t, 40)
	raw, err := os.ReadFile(src.Path())
	if err != nil {
		t.Fatal(err)
	}
	pageSize := 4096
	noticed := 0
	trials := 0
	for page := 2; page*pageSize < len(raw); page++ {
		for _, off := range []int{16, 100, 2000} {
			trials++
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, DBFileName), flip(raw, page*pageSize+off), 0o600)
			s, err := Open(dir, Options{ReadOnly: true})
			if err != nil {
				noticed++
				continue
			}
			probs, cerr := func() (p []Problem, err error) {
				defer func() {
					if r := recover(); r != nil {
						err = fmt.Errorf("panic: %v", r)
					}
				}()
				return s.Check()
			}()
			s.Close()
			if cerr != nil || len(probs) > 0 {
				noticed++
			}
		}
	}
	// A flip in free pages or unused page space changes nothing stored; those go unnoticed by design.
	t.Logf("%d of %d copies with a byte flipped anywhere noticed", noticed, trials)
	// A flip that changes any record the store reads must always be found. (The file also holds stale
	// copies in freed pages; flipping those changes nothing stored.)
	live := readRecords(src.db)
	needle := []byte(`"visitor_name":"张伟"`)
	hits := 0
	for i := bytes.Index(raw, needle); i >= 0; {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, DBFileName), flip(raw, i+len(needle)-3), 0o600)
		s, err := Open(dir, Options{ReadOnly: true})
		if err == nil {
			changed := false
			for id, b := range liveRecords(t, filepath.Join(dir, DBFileName)) {
				changed = changed || !bytes.Equal(b, live[id])
			}
			if changed {
				hits++
				if probs, cerr := s.Check(); cerr == nil && len(probs) == 0 {
					t.Errorf("a byte flipped inside a stored record at offset %d went unnoticed", i)
				}
			}
			s.Close()
		}
		next := bytes.Index(raw[i+1:], needle)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	t.Logf("%d flips changed a stored record; all noticed", hits)
	if hits < 40 {
		t.Fatalf("%d flips changed a stored record; want one per record (40)", hits)
	}
}

// liveRecords reads the visitor records' stored bytes of a store file, as the store sees them.
func liveRecords(t *testing.T, path string) map[uint64][]byte {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return map[uint64][]byte{}
	}
	defer db.Close()
	return readRecords(db)
}

func readRecords(db *bolt.DB) map[uint64][]byte {
	out := map[uint64][]byte{}
	db.View(func(tx *bolt.Tx) error {
		defer func() { recover() }() // a flipped page may not be readable at all
		b := tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketRec)
		return b.ForEach(func(k, v []byte) error {
			out[binary.BigEndian.Uint64(k)] = append([]byte{}, v...)
			return nil
		})
	})
	return out
}

// A backup a newer version took is said to be one by verify and restore, before anything is restored
// (#12 item 5).
func TestBackupOfANewerVersionIsSaidSo(t *testing.T) {
	s := storeWithRecords(t, 2)
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, u64(uint64(SchemaVersion()+1)))
	}); err != nil {
		t.Fatal(err)
	}
	// What a newer version's backup holds: its store, encrypted as every backup is.
	var plain, enc bytes.Buffer
	s.db.View(func(tx *bolt.Tx) error { _, err := tx.WriteTo(&plain); return err })
	rcpt, _ := age.NewScryptRecipient(testPass)
	w, _ := age.Encrypt(&enc, rcpt)
	w.Write(plain.Bytes())
	w.Close()
	path := filepath.Join(t.TempDir(), "newer.age")
	if err := os.WriteFile(path, enc.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyBackup(path, testPass, t.TempDir()); !errors.Is(err, ErrBackupTooNew) || !strings.Contains(Message(err), "更新版本") {
		t.Errorf("verify: %v", err)
	}
	dst := filepath.Join(t.TempDir(), "restored")
	if _, err := RestoreBackup(path, testPass, dst); !errors.Is(err, ErrBackupTooNew) {
		t.Errorf("restore: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dst, DBFileName)); err == nil {
		t.Error("a backup of a newer version was restored")
	}
	// The store under test goes back to this version's schema, for the check at its end.
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, u64(uint64(SchemaVersion()))) })
}

// An audit entry rewritten with its own hash made anew still breaks the chain: the next entry's link
// to it no longer holds, and check and the start-up check say so (#12 item 21).
func TestARewrittenAuditEntryBreaksTheChain(t *testing.T) {
	s := storeWithRecords(t, 3)
	var key, orig []byte
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		k, v := b.Cursor().Last()
		k, v = b.Cursor().Seek(u64(binary.BigEndian.Uint64(k) - 1))
		key, orig = append([]byte{}, k...), append([]byte{}, v...)
		var e AuditEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return err
		}
		e.User = "别人"
		e.Hash = e.computeHash()
		raw, _ := json.Marshal(e)
		return b.Put(k, raw)
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, check := range map[string]func() ([]Problem, error){"check": s.Check, "start-up check": s.QuickCheck} {
		probs, err := check()
		found := false
		for _, p := range probs {
			found = found || strings.Contains(p.Message, "审计记录断开")
		}
		if err != nil || !found {
			t.Errorf("%s: %v %v", name, err, probs)
		}
	}
	// The entry as it was, for the check at the end of the test.
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketAudit).Put(key, orig) })
}

// verify runs the whole check on what it decrypted: a correctly encrypted backup of a store with a
// record changed outside the program is refused (#12 item 24).
func TestVerifyChecksTheWholeStore(t *testing.T) {
	s := storeWithRecords(t, 3)
	var plain, enc bytes.Buffer
	s.db.View(func(tx *bolt.Tx) error { _, err := tx.WriteTo(&plain); return err })
	damaged := filepath.Join(t.TempDir(), "damaged.db")
	os.WriteFile(damaged, plain.Bytes(), 0o600)
	db, err := bolt.Open(damaged, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketRec)
		k, v := rb.Cursor().First()
		return rb.Put(k, bytes.Replace(v, []byte("张伟"), []byte("李四"), 1))
	})
	db.Close()
	raw, _ := os.ReadFile(damaged)
	rcpt, _ := age.NewScryptRecipient(testPass)
	w, _ := age.Encrypt(&enc, rcpt)
	w.Write(raw)
	w.Close()
	path := filepath.Join(t.TempDir(), "damaged.age")
	os.WriteFile(path, enc.Bytes(), 0o600)
	if _, err := VerifyBackup(path, testPass, t.TempDir()); !errors.Is(err, ErrBackupOfDamagedStore) || !strings.Contains(Message(err), "第1条") {
		t.Errorf("verify of a damaged store: %v", err)
	}
}

// A damaged store is still backed up: the backup is a faithful copy, named so that it stands out, and
// what is wrong is said of the store, not of the stick; verify says the same of it (#12 item 3).
func TestADamagedStoreIsStillBackedUp(t *testing.T) {
	s := storeWithRecords(t, 3)
	var key, orig []byte
	s.db.Update(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketRec)
		k, v := rb.Cursor().First()
		key, orig = append([]byte{}, k...), append([]byte{}, v...)
		return rb.Put(k, bytes.Replace(v, []byte("张伟"), []byte("李四"), 1))
	})
	usb := t.TempDir()
	info, err := s.Backup(manager, usb, nil)
	if err != nil || len(info.Problems) == 0 || !strings.HasSuffix(info.Path, DamagedSuffix+BackupExt) {
		t.Fatalf("backup of a damaged store: %+v %v", info, err)
	}
	if list, _ := Backups(usb); len(list) != 1 {
		t.Errorf("backups on the stick: %v", list)
	}
	_, err = VerifyBackup(info.Path, testPass, t.TempDir())
	if m := Message(err); !errors.Is(err, ErrBackupOfDamagedStore) || !strings.Contains(m, "备份文件完整无损") || strings.Contains(m, "U盘") {
		t.Errorf("verify: %q", m)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketRec).Put(key, orig)
	})
}

// Nothing decrypted outlives verify: it decrypts into a folder of its own in the data folder (not
// the system's temp folder), removes it, and a folder a killed verify left is removed when the store
// next opens (#12 item 6).
func TestVerifyLeavesNoPlaintext(t *testing.T) {
	s := storeWithRecords(t, 2)
	info, err := s.Backup(manager, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	data := t.TempDir()
	if _, err := VerifyBackup(info.Path, testPass, data); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{tmp, data} {
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("left in %s: %v", dir, left)
		}
	}
	// As a verify killed half-way leaves it: the next verify, and the store's next open, remove it at
	// once, its process being gone; a living process's is left alone (a backup checking its file).
	killed := filepath.Join(data, fmt.Sprintf("%sverify-%d-123", workPrefix, deadPID(t)))
	living := filepath.Join(data, fmt.Sprintf("%sverify-%d-456", workPrefix, os.Getppid()))
	earlier := filepath.Join(data, workPrefix+"verify-789") // an earlier version's: no process in its name
	plant := func(dirs ...string) {
		for _, d := range dirs {
			os.MkdirAll(d, 0o700)
			os.WriteFile(filepath.Join(d, DBFileName), []byte("plaintext"), 0o600)
		}
	}
	plant(killed, living, earlier)
	if _, err := VerifyBackup(info.Path, testPass, data); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed); err == nil {
		t.Error("a verify left a killed verify's copy")
	}
	if _, err := os.Stat(living); err != nil {
		t.Errorf("a verify removed a living process's work folder: %v", err)
	}
	if _, err := os.Stat(earlier); err != nil {
		t.Errorf("a verify removed an earlier version's work folder of a minute ago: %v", err)
	}
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(earlier, old, old)
	plant(killed)
	o, err := Open(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	for _, d := range []string{killed, earlier} {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s is still there after an open: %v", filepath.Base(d), err)
		}
	}
	if _, err := os.Stat(living); err != nil {
		t.Errorf("an open removed a living process's work folder: %v", err)
	}
}

// What an attack on backups tried (#12 item 7): backups in the same second, a made-up file asking for
// a huge scrypt cost, a pipe, no passphrase, another backup's key file, a passphrase of spaces.
func TestBackupsInTheSameSecondAndOddFiles(t *testing.T) {
	s := storeWithRecords(t, 2)
	usb := t.TempDir()
	var paths []string
	for i := 0; i < 3; i++ {
		info, err := s.Backup(manager, usb, nil)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, info.Path)
	}
	list, _ := Backups(usb)
	if len(list) != 3 || list[0] != paths[2] || list[2] != paths[0] {
		t.Errorf("backups in one second: %v; written %v", list, paths)
	}
	for _, p := range paths {
		if _, err := VerifyBackup(p, testPass, t.TempDir()); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
	// Another backup's key file beside it: said to be another's.
	other := storeWithRecords(t, 1)
	oinfo, err := other.Backup(manager, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	okey, _ := os.ReadFile(KeyFileFor(oinfo.Path))
	os.WriteFile(KeyFileFor(paths[0]), okey, 0o600)
	if _, err := VerifyBackup(paths[0], testPass, t.TempDir()); !errors.Is(err, ErrKeyMismatch) || !strings.Contains(Message(err), "不是这个备份的") {
		t.Errorf("another's key file: %v", err)
	}
	if _, err := VerifyBackup(paths[1], "", t.TempDir()); !errors.Is(err, ErrNoPassphraseGiven) {
		t.Errorf("no passphrase: %v", err)
	}
	if _, err := VerifyBackup(usb, testPass, t.TempDir()); !errors.Is(err, ErrNotABackup) {
		t.Errorf("a folder: %v", err)
	}
	if _, err := VerifyBackup(s.Path(), testPass, t.TempDir()); !errors.Is(err, ErrNotABackup) {
		t.Errorf("the data file: %v", err)
	}
	pipe := filepath.Join(t.TempDir(), "x-备份-20261127-093000.age")
	if err := syscall.Mkfifo(pipe, 0o600); err == nil {
		if _, err := VerifyBackup(pipe, testPass, t.TempDir()); !errors.Is(err, ErrNotABackup) {
			t.Errorf("a pipe: %v", err)
		}
	}
	// A made-up file asking for scrypt cost 2^22 (4 GB of memory) is refused before any work.
	// (Its header says 22; made with 10, as making it with 22 would cost the test what it guards.)
	var enc bytes.Buffer
	rcpt, _ := age.NewScryptRecipient(testPass)
	rcpt.SetWorkFactor(10)
	w, _ := age.Encrypt(&enc, rcpt)
	w.Close()
	costly := filepath.Join(t.TempDir(), "costly.age")
	raw := enc.Bytes()
	line := bytes.Index(raw, []byte(" 10\n"))
	if line < 0 {
		t.Fatalf("header: %q", raw[:60])
	}
	raw = append(append(append([]byte{}, raw[:line]...), []byte(" 22\n")...), raw[line+4:]...)
	os.WriteFile(costly, raw, 0o600)
	start := time.Now()
	// Refused for its cost, not after the work (which ends in a wrong-passphrase verdict).
	if _, err := VerifyBackup(costly, testPass, t.TempDir()); !errors.Is(err, ErrBackupDamaged) || errors.Is(err, ErrBadPassphrase) {
		t.Errorf("a file asking for scrypt cost 22: %v", err)
	}
	t.Logf("refused in %v", time.Since(start))
	if err := s.SetBackupPassphrase(manager, "          "); !errors.Is(err, ErrWeakPassphrase) {
		t.Errorf("a passphrase of spaces: %v", err)
	}
}
