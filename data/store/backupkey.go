package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"filippo.io/age"
	"filippo.io/age/armor"
	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// The backup key. The store keeps no passphrase: when the manager sets one, an age X25519 identity is
// made; the store keeps its public recipient, which is all a backup needs, and the identity only
// encrypted with the passphrase (age's passphrase-protected identity file). Every backup is encrypted to
// the recipient, so backing up asks nothing; verify and restore ask for the passphrase, which opens the
// identity. The protected identity is written beside every backup as its key file, so a backup can be
// opened on any computer, with this program or with age itself:
//
//	age -d -i 城市假日花园客户服务中心-备份-20261201-093015-密钥.age -o frontdesk.db 城市假日花园客户服务中心-备份-20261201-093015.age

const (
	settingBackupRecipient = "backup_recipient"
	settingBackupKey       = "backup_key"
	// KeyFileSuffix ends the name of a backup's key file: the backup's name without .age, and this.
	KeyFileSuffix = "-密钥" + BackupExt
	// maxKeyFile bounds what is read as a key file (a real one is under 1 KB).
	maxKeyFile = 64 << 10
)

// maxScryptWorkFactor is the most scrypt work a key file or an old backup may ask for: what this program
// writes (2^18). A made-up file asking for more would take gigabytes of memory to be refused.
const maxScryptWorkFactor = 18

// ErrNotABackup means a path that is not a backup file at all (a folder, a pipe, the data file).
var ErrNotABackup = errors.New("not a backup file")

// ErrNoPassphraseGiven means verify or restore without a passphrase.
var ErrNoPassphraseGiven = errors.New("no passphrase given")

// ErrKeyMismatch means the key file beside a backup opened, but is another backup's.
var ErrKeyMismatch = fmt.Errorf("the key file beside the backup is another's, or its header is damaged: %w", ErrBackupDamaged)

// ErrKeyFileDamaged means the key file beside a backup is there but cut or altered.
var ErrKeyFileDamaged = errors.New("the backup's key file is damaged")

// ErrIsKeyFile means a key file was given where a backup was asked for.
var ErrIsKeyFile = errors.New("a key file, not a backup")

// ErrNoBackupKey means a backup encrypted to a key that is not at hand: its key file is not beside it
// and the store's key is another one.
var ErrNoBackupKey = errors.New("the backup's key file is missing")

// KeyFileFor names the key file beside a backup.
func KeyFileFor(backup string) string {
	return strings.TrimSuffix(backup, BackupExt) + KeyFileSuffix
}

// newBackupKey makes an identity and returns its recipient and the identity encrypted with pass, as an
// armored age file (what `age -p` writes for an identity file, so `age -d -i` takes it).
func newBackupKey(pass string, now time.Time) (recipient string, key []byte, err error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", nil, err
	}
	rcpt, err := age.NewScryptRecipient(pass)
	if err != nil {
		return "", nil, err
	}
	rcpt.SetWorkFactor(scryptWorkFactor)
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, rcpt)
	if err != nil {
		return "", nil, err
	}
	fmt.Fprintf(w, "# 前台台账备份密钥，%s 设置\n# public key: %s\n%s\n", now.In(data.Shanghai).Format(data.LayoutDateTime), id.Recipient(), id)
	if err := w.Close(); err != nil {
		return "", nil, err
	}
	if err := aw.Close(); err != nil {
		return "", nil, err
	}
	return id.Recipient().String(), buf.Bytes(), nil
}

// openBackupKey decrypts a protected identity with pass: ErrBadPassphrase when pass does not open it.
func openBackupKey(key []byte, pass string) ([]age.Identity, error) {
	sid, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, ErrBadPassphrase
	}
	sid.SetMaxWorkFactor(maxScryptWorkFactor)
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(key)), sid)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		if errors.As(err, &nomatch) || strings.Contains(err.Error(), "incorrect passphrase") {
			return nil, ErrBadPassphrase
		}
		return nil, fmt.Errorf("%w: key file: %v", ErrBackupDamaged, err)
	}
	plain, err := io.ReadAll(io.LimitReader(r, maxKeyFile))
	if err != nil {
		return nil, fmt.Errorf("%w: key file: %v", ErrBackupDamaged, err)
	}
	ids, err := age.ParseIdentities(bytes.NewReader(plain))
	if err != nil {
		return nil, fmt.Errorf("%w: key file: %v", ErrBackupDamaged, err)
	}
	return ids, nil
}

// SetBackupPassphrase makes a new backup key protected by pass (the manager's, chosen once) and keeps
// its recipient, so every later backup, automatic ones included, is encrypted to it. Backups taken
// before keep their own key files, opened by the passphrase of their time. The audit trail records that
// the passphrase was set, never anything of it.
func (s *Store) SetBackupPassphrase(by data.Actor, pass string) error {
	if err := by.Need(data.PermBackup); err != nil {
		return err
	}
	if utf8.RuneCountInString(strings.TrimSpace(pass)) < minPassphraseLen {
		return ErrWeakPassphrase
	}
	rcpt, key, err := newBackupKey(pass, s.now())
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		return putBackupKey(tx, rcpt, key, AuditEntry{Time: s.now().UTC(), User: by.Name, Login: by.Login, Action: ActionSetting})
	})
}

func putBackupKey(tx *bolt.Tx, rcpt string, key []byte, audit AuditEntry) error {
	b := tx.Bucket(bucketSettings)
	names := [][]byte{[]byte(settingBackupRecipient), []byte(settingBackupKey), []byte(settingBackupPassphrase)}
	old := make([][]byte, len(names))
	for i, k := range names {
		old[i] = bytes.Clone(b.Get(k))
	}
	if err := b.Put([]byte(settingBackupRecipient), []byte(rcpt)); err != nil {
		return err
	}
	if err := b.Put([]byte(settingBackupKey), key); err != nil {
		return err
	}
	if err := b.Delete([]byte(settingBackupPassphrase)); err != nil {
		return err
	}
	audit.Changes = []data.Change{{Field: settingBackupPassphrase, New: "（已设置）"}}
	for i, k := range names {
		if old[i] != nil || b.Get(k) != nil {
			audit.Seals = append(audit.Seals, sealOf(tx, bucketSettings, k, old[i]))
		}
	}
	return appendAudit(tx, audit)
}

// sealPassphrase turns the plaintext passphrase an older version kept into a backup key protected by
// it, and removes the plaintext: opening the store is the upgrade. Backups never carry the removed
// value (writeEncrypted leaves free pages out).
func (s *Store) sealPassphrase() error {
	var pass string
	if err := s.db.View(func(tx *bolt.Tx) error {
		pass = string(tx.Bucket(bucketSettings).Get([]byte(settingBackupPassphrase)))
		return nil
	}); err != nil || pass == "" {
		return err
	}
	rcpt, key, err := newBackupKey(pass, s.now())
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if string(tx.Bucket(bucketSettings).Get([]byte(settingBackupPassphrase))) != pass {
			return nil // changed meanwhile by another process
		}
		return putBackupKey(tx, rcpt, key, AuditEntry{Time: s.now().UTC(), User: "程序升级", Action: ActionSetting})
	})
}

// HasBackupKey says whether the manager has set the backup passphrase.
func (s *Store) HasBackupKey() bool { return s.Setting(settingBackupRecipient, "") != "" }

// BackupKey is the store's protected identity (nil when none was set): verify and restore try it when a
// backup's key file is not beside it.
func (s *Store) BackupKey() []byte {
	if k := s.Setting(settingBackupKey, ""); k != "" {
		return []byte(k)
	}
	return nil
}

// StoreBackupKey reads the protected identity of the store in dir, if it opens at once (not when the
// window holds it, nor when it is damaged): the console's verify and restore try it as well.
func StoreBackupKey(dir string) []byte {
	if _, err := os.Stat(filepath.Join(dir, DBFileName)); err != nil {
		return nil
	}
	s, err := Open(dir, Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	if err != nil {
		return nil
	}
	defer s.Close()
	return s.BackupKey()
}

// writeWhole writes a small file whole (writeNew): a backup's key file before the backup appears under
// its name, the anchor at every move. Two writers never share a temporary file.
func writeWhole(path string, b []byte) error { return writeNew(path, b) }

// backupIdentities are the identities a backup may be opened with: the passphrase itself (backups of
// older versions were encrypted to it), and the key in the key file beside the backup and the keys
// given, each opened with the passphrase.
func backupIdentities(path, pass string, keys [][]byte) keyring {
	var kr keyring
	sid, err := age.NewScryptIdentity(pass)
	if err != nil {
		kr.badPass = true
		return kr
	}
	sid.SetMaxWorkFactor(maxScryptWorkFactor)
	kr.ids = append(kr.ids, sid)
	// The key file beside the backup first (its own), then the keys given.
	var own []byte
	if fi, err := os.Stat(KeyFileFor(path)); err == nil && !fi.Mode().IsRegular() {
		own = []byte{} // a folder or a pipe in its place: not a key file
	} else if f, err := os.Open(KeyFileFor(path)); err == nil {
		own, _ = io.ReadAll(io.LimitReader(f, maxKeyFile))
		f.Close()
	}
	blobs := [][]byte{own}
	for _, k := range keys {
		if len(k) > 0 && !containsBlob(blobs, k) {
			blobs = append(blobs, k)
		}
	}
	for i, b := range blobs {
		if b == nil {
			continue
		}
		got, err := openBackupKey(b, pass)
		switch {
		case errors.Is(err, ErrBadPassphrase):
			kr.badPass = true
		case err == nil:
			kr.ids = append(kr.ids, got...)
			kr.ownKey = kr.ownKey || i == 0
		case i == 0:
			kr.keyDamaged = true
		}
	}
	return kr
}

// keyring is what a backup may be opened with. badPass says a key was at hand that the passphrase did
// not open, so a backup no identity matches is blamed on the passphrase; ownKey that the key file
// beside the backup opened, so a backup it does not match is damaged (its header), not keyless.
type keyring struct {
	ids        []age.Identity
	badPass    bool
	ownKey     bool
	keyDamaged bool // the key file beside the backup is there but not a key file (cut, altered)
}

func containsBlob(list [][]byte, b []byte) bool {
	for _, x := range list {
		if bytes.Equal(x, b) {
			return true
		}
	}
	return false
}

// freePageScrubber passes tx.WriteTo's copy of the store through, with the pages free in that copy
// written as zeros: what was deleted (a passphrase an older version kept, personal data cleared by the
// retention rule, an old version of any record) stays out of the backup. The free pages are those in
// the free list of the copy's own meta page, read from the file as the copy was; pages freed by later
// saves are still in use in the copy and are written as they are.
type freePageScrubber struct {
	w        io.Writer
	file     string
	pageSize int
	off      int64
	free     map[uint64]bool
	ready    bool
}

const boltMagic = 0xED0CDAED

func (z *freePageScrubber) Write(b []byte) (int, error) {
	if !z.ready && z.off == 0 && len(b) >= 64 {
		z.ready = true
		z.free = readFreeList(z.file, b, z.pageSize)
	}
	if len(z.free) == 0 {
		n, err := z.w.Write(b)
		z.off += int64(n)
		return n, err
	}
	written := 0
	ps := int64(z.pageSize)
	for len(b) > 0 {
		id := uint64(z.off / ps)
		n := int(min(int64(len(b)), ps-z.off%ps))
		chunk := b[:n]
		if z.free[id] {
			chunk = make([]byte, n)
		}
		m, err := z.w.Write(chunk)
		written += m
		z.off += int64(m)
		if err != nil {
			return written, err
		}
		b = b[n:]
	}
	return written, nil
}

// readFreeList reads the free list the meta page meta points to, from the file; nil when anything about
// it is not as expected (then nothing is scrubbed).
func readFreeList(file string, meta []byte, pageSize int) map[uint64]bool {
	le := binary.LittleEndian
	// page header (16 bytes), then magic, version, page size, flags, root bucket (16), free list page.
	if le.Uint32(meta[16:]) != boltMagic || int(le.Uint32(meta[24:])) != pageSize {
		return nil
	}
	flp, high := le.Uint64(meta[48:]), le.Uint64(meta[56:])
	if flp < 2 || flp >= high {
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, pageSize)
	if _, err := f.ReadAt(head, int64(flp)*int64(pageSize)); err != nil {
		return nil
	}
	const freelistPage = 0x10
	if le.Uint64(head) != flp || le.Uint16(head[8:]) != freelistPage {
		return nil
	}
	count, overflow := uint64(le.Uint16(head[10:])), uint64(le.Uint32(head[12:]))
	if flp+overflow >= high {
		return nil
	}
	page := head
	if overflow > 0 {
		page = make([]byte, (1+overflow)*uint64(pageSize))
		if _, err := f.ReadAt(page, int64(flp)*int64(pageSize)); err != nil {
			return nil
		}
	}
	start := uint64(16)
	if count == 0xFFFF {
		count, start = le.Uint64(page[16:]), 24
	}
	if start+count*8 > uint64(len(page)) {
		return nil
	}
	free := make(map[uint64]bool, count)
	for i := uint64(0); i < count; i++ {
		id := le.Uint64(page[start+i*8:])
		if id < 2 || id >= high || id == flp {
			return nil
		}
		free[id] = true
	}
	return free
}
