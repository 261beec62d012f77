package store

import (
	"bufio"
	"errors"
	"fmt"
	"frontdesk/data"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
)

// A backup is the store's file as one bbolt read transaction saw it (a consistent hot copy, taken while
// the program runs), its free pages blank, encrypted with age to the store's backup key (backupkey.go),
// so a lost USB stick exposes nothing. Its key file beside it and the passphrase open it, in this
// program or with `age -d -i`.

// Errors of backup, verify and restore; Message says them in Chinese.
var (
	ErrNoPassphrase   = errors.New("no backup passphrase set")
	ErrBadPassphrase  = errors.New("wrong backup passphrase")
	ErrBackupDamaged  = errors.New("backup file damaged or cut off")
	ErrRestoreTarget  = errors.New("restore target holds a store")
	ErrWeakPassphrase = errors.New("backup passphrase too short")
)

// BackupExt ends every backup file's name.
const BackupExt = ".age"

const (
	settingBackupPassphrase = "backup_passphrase"
	// SettingAutoBackupHours and SettingAutoBackupKeep steer the local automatic backups.
	SettingAutoBackupHours = "auto_backup_hours"
	SettingAutoBackupKeep  = "auto_backup_keep"
	DefaultAutoBackupHours = 4
	DefaultAutoBackupKeep  = 10
	minPassphraseLen       = 8
)

// scryptWorkFactor is age's scrypt cost (2^18 ≈ 1 s); tests lower it to keep the suite quick.
var scryptWorkFactor = 18

// BackupInfo describes a backup that was written or checked.
type BackupInfo struct {
	Path       string
	Size       int64
	Counts     map[string]int
	Records    int
	Households int
	Schema     int
	Took       time.Duration
	// Head is the audit chain's newest entry in the backup: an anchor of the store as it was.
	Head Anchor
	// Problems are what check found in the store the backup was taken from: the backup holds it
	// faithfully (age authenticates every byte), damage and all.
	Problems []Problem
}

// ErrBackupOfDamagedStore means a backup that decrypts whole, of a store check finds problems in: a
// faithful copy of a damaged store, not a damaged copy.
var ErrBackupOfDamagedStore = errors.New("backup of a damaged store")

// DamagedStoreError names the problems of the store a backup was taken from.
type DamagedStoreError struct{ Problems []Problem }

func (e *DamagedStoreError) Error() string {
	return fmt.Sprintf("%v: %d problems, first %s", ErrBackupOfDamagedStore, len(e.Problems), e.Problems[0])
}
func (e *DamagedStoreError) Unwrap() error { return ErrBackupOfDamagedStore }

// Chinese says what is wrong, and that the stick is not to blame.
func (e *DamagedStoreError) Chinese() string {
	var b strings.Builder
	fmt.Fprintf(&b, "备份文件完整无损，但备份时的数据文件本身有问题（共 %d 处）：", len(e.Problems))
	firstProblems(&b, e.Problems)
	b.WriteString("\n请在“检查数据”中查看，更正或作废这些记录；在此之前的备份可能更完好。")
	return b.String()
}

// firstProblems writes the first three of a check's problems a line each, and …… for the rest.
func firstProblems(b *strings.Builder, probs []Problem) {
	for i, p := range probs {
		if i == 3 {
			b.WriteString("\n……")
			return
		}
		b.WriteString("\n" + p.String())
	}
}

// DamagedSuffix marks the name of a backup taken from a damaged store, so it stands out on the stick.
const DamagedSuffix = "-数据有问题"

// BackupFileName names a backup by the estate and the time: 城市假日花园客户服务中心-备份-20261127-093015.age.
func BackupFileName(property string, t time.Time) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>| `, r) || r < 32 {
			return -1
		}
		return r
	}, property)
	if clean == "" {
		clean = "Frontdesk"
	}
	return clean + "-备份-" + t.In(data.Shanghai).Format("20060102-150405") + BackupExt
}

// Backup writes an encrypted hot copy of the store into dir (a USB stick's folder, or the local backup
// folder) and reports it only after the file was written, flushed to the device, renamed into place,
// reopened, decrypted and checked. A failure at any step (a stick pulled out, a full stick, a write error)
// leaves no file under the backup's name and earlier backups untouched. progress, if not nil, is told the
// bytes written so far and the total.
//
// Backing up needs no secret: the backup is encrypted to the store's recipient, and to a second key made
// for this backup alone and held only in memory, with which the written file is decrypted and checked;
// the key file is written beside it. Until the manager has set the passphrase there is no recipient
// (ErrNoPassphrase).
func (s *Store) Backup(by data.Actor, dir string, progress func(done, total int64)) (BackupInfo, error) {
	if err := by.Need(data.PermBackup); err != nil {
		return BackupInfo{}, err
	}
	return s.backup(dir, progress)
}

func (s *Store) backup(dir string, progress func(done, total int64)) (BackupInfo, error) {
	start := time.Now()
	var rcptText, key string
	if err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		rcptText, key = string(b.Get([]byte(settingBackupRecipient))), string(b.Get([]byte(settingBackupKey)))
		return nil
	}); err != nil {
		return BackupInfo{}, err
	}
	if rcptText == "" || key == "" {
		return BackupInfo{}, ErrNoPassphrase
	}
	rcpt, err := age.ParseX25519Recipient(rcptText)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("backup recipient: %w: %v", ErrBackupDamaged, err)
	}
	check, err := age.GenerateX25519Identity()
	if err != nil {
		return BackupInfo{}, err
	}
	name := BackupFileName(s.Setting(SettingPropertyName, DefaultPropertyName), s.now())
	final := filepath.Join(dir, name)
	// What a killed backup left on the stick (its part file, a key file's) goes before this one comes.
	RemoveTempLeftovers(dir)
	part, err := createOwnTemp(final, partExt)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("back up to %s: %w", dir, err)
	}
	tmp := part.Name()
	if err := s.writeEncrypted(part, progress, rcpt, check.Recipient()); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("back up to %s: %w", dir, err)
	}
	info, err := verifyWith(tmp, filepath.Dir(s.path), []age.Identity{check})
	var damaged *DamagedStoreError
	switch {
	case errors.As(err, &damaged):
		// The store itself has problems: the backup is still taken (it may be the best copy there is),
		// under a name that says so; the caller shows the problems.
		final = strings.TrimSuffix(final, BackupExt) + DamagedSuffix + BackupExt
	case err != nil:
		os.Remove(tmp) // never leave a file that looks like a backup but is not one
		return BackupInfo{}, fmt.Errorf("back up to %s: check of the written file: %w", dir, err)
	}
	final = freeName(final) // two backups in one second: the second gets a name of its own
	if err := writeWhole(KeyFileFor(final), []byte(key)); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("back up to %s: key file: %w", dir, err)
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		os.Remove(KeyFileFor(final))
		return BackupInfo{}, fmt.Errorf("back up to %s: %w", dir, err)
	}
	syncDir(dir)
	info.Path = final
	info.Took = time.Since(start)
	s.noteBackup()
	s.advanceAnchor()
	return info, nil
}

func (s *Store) writeEncrypted(f *os.File, progress func(done, total int64), to ...age.Recipient) error {
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	aw, err := age.Encrypt(bw, to...)
	if err != nil {
		return err
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		scrub := &freePageScrubber{w: aw, file: s.path, pageSize: tx.DB().Info().PageSize}
		_, err := tx.WriteTo(&progressWriter{w: scrub, total: tx.Size(), progress: progress})
		return err
	})
	if err != nil {
		return err
	}
	if err := aw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	// Flushed to the device before the rename: a stick pulled out after "done" still has the whole file.
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// freeName is path, or path with -2, -3… before its extension, whichever names neither a backup nor
// a key file that is there already.
func freeName(path string) string {
	stem := strings.TrimSuffix(path, BackupExt)
	for i := 1; ; i++ {
		p := path
		if i > 1 {
			p = fmt.Sprintf("%s-%d%s", stem, i, BackupExt)
		}
		_, err1 := os.Lstat(p)
		_, err2 := os.Lstat(KeyFileFor(p))
		if errors.Is(err1, fs.ErrNotExist) && errors.Is(err2, fs.ErrNotExist) {
			return p
		}
	}
}

type progressWriter struct {
	w        io.Writer
	done     int64
	total    int64
	progress func(done, total int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.done += int64(n)
	if p.progress != nil {
		p.progress(p.done, p.total)
	}
	return n, err
}

// syncDir makes a rename durable where the system allows it (not on Windows, where it is not needed).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// decryptTo decrypts a backup into dir/frontdesk.db and checks it: bbolt's consistency, the audit chain,
// the record hashes and indexes, exactly as check does.
func decryptTo(path, dir string, kr keyring) (BackupInfo, error) {
	info := BackupInfo{Path: path}
	f, err := os.Open(path)
	if err != nil {
		return info, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		info.Size = st.Size()
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return info, ErrNotABackup
	}
	r, err := age.Decrypt(bufio.NewReader(f), kr.ids...)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		switch {
		case strings.Contains(err.Error(), "incorrect passphrase"):
			return info, ErrBadPassphrase // a backup of an older version, encrypted to the passphrase
		case errors.As(err, &nomatch) && kr.badPass:
			return info, ErrBadPassphrase
		case errors.As(err, &nomatch) && kr.keyDamaged:
			return info, ErrKeyFileDamaged
		case errors.As(err, &nomatch) && !kr.ownKey:
			return info, ErrNoBackupKey
		case errors.As(err, &nomatch):
			return info, ErrKeyMismatch
		}
		return info, fmt.Errorf("%w: %v", ErrBackupDamaged, err)
	}
	dbPath := filepath.Join(dir, DBFileName)
	out, err := os.OpenFile(dbPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return info, err
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return info, fmt.Errorf("%w: %v", ErrBackupDamaged, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return info, err
	}
	if err := out.Close(); err != nil {
		return info, err
	}
	s, err := Open(dir, Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return info, fmt.Errorf("%w: %v", ErrBackupDamaged, err)
	}
	defer s.Close()
	// A backup written by a newer version would restore and then not open: said first.
	if v, err := s.Schema(); err == nil && v > SchemaVersion() {
		return info, fmt.Errorf("backup schema %d, this program %d: %w", v, SchemaVersion(), ErrBackupTooNew)
	}
	probs, err := s.Check()
	if err != nil {
		return info, fmt.Errorf("%w: %v", ErrBackupDamaged, err)
	}
	info.Counts, _ = s.Counts()
	for _, n := range info.Counts {
		info.Records += n
	}
	info.Households, _ = s.HouseholdCount()
	info.Schema, _ = s.Schema()
	info.Head, _ = s.Head()
	if len(probs) > 0 {
		// age authenticated every byte of it: this is the store as it was, problems included.
		info.Problems = probs
		return info, &DamagedStoreError{probs}
	}
	return info, nil
}

// workPrefix starts the folders verify and restore decrypt into; the store's writing open, and every
// verify, removes those a killed process left behind.
const workPrefix = ".frontdesk-work-"

// A work folder is named after what it is for, its process and a random number
// (.frontdesk-work-verify-4242-817263), so that one is removed only once its process is gone: a
// writing open beside a running backup (a console step while the window backs up) leaves the folder
// the backup is checking its file in.
var workOwner = regexp.MustCompile(`^\.frontdesk-work-[a-z]+-(\d+)-\d+$`)

// makeWorkDir makes a work folder of this process in parent; kind ends in a dash (verify-, restore-).
func makeWorkDir(parent, kind string) (string, error) {
	return os.MkdirTemp(parent, workPrefix+kind+strconv.Itoa(os.Getpid())+"-")
}

// removeLeftovers removes from dir the work folders, with the decrypted copies in them, of verifies
// and restores whose process is gone (or a day old: no check takes that long); one of an earlier
// version, whose name holds no process, once it is an hour old.
func removeLeftovers(dir string) {
	left, _ := filepath.Glob(filepath.Join(dir, workPrefix+"*"))
	for _, p := range left {
		fi, err := os.Lstat(p)
		if err != nil || !fi.IsDir() {
			continue
		}
		if m := workOwner.FindStringSubmatch(filepath.Base(p)); m != nil {
			if !ownerGone(m[1], fi.ModTime()) {
				continue
			}
		} else if time.Since(fi.ModTime()) < earlierLeftoverAge {
			continue
		}
		os.RemoveAll(p)
	}
}

// ErrBackupTooNew means a backup taken by a newer version of the program.
var ErrBackupTooNew = errors.New("backup written by a newer version")

// VerifyBackup decrypts a backup into a temporary folder, checks it and reports what it holds. A cut,
// altered or wrongly encrypted file is an error.
//
// The decrypted copy is made in a folder of its own inside dataDir (owner-only, beside the store it is
// a copy of, never in the system's temp folder where it would outlive a killed process): removed when
// the check ends, and any left by a killed verify is removed the next time the store opens.
//
// The passphrase opens the key file beside the backup, or any of keys (the store's own, BackupKey);
// a backup of an older version was encrypted to the passphrase itself.
func VerifyBackup(path, pass, dataDir string, keys ...[]byte) (BackupInfo, error) {
	if err := backupPathOK(path, pass); err != nil {
		return BackupInfo{}, fmt.Errorf("verify %s: %w", filepath.Base(path), err)
	}
	info, err := decryptIn(path, dataDir, "verify-", backupIdentities(path, pass, keys))
	if err != nil {
		return info, fmt.Errorf("verify %s: %w", filepath.Base(path), err)
	}
	return info, nil
}

// verifyWith is VerifyBackup with the identities at hand (the backup's own check key).
func verifyWith(path, dataDir string, ids []age.Identity) (BackupInfo, error) {
	return decryptIn(path, dataDir, "verify-", keyring{ids: ids, ownKey: true})
}

func decryptIn(path, dataDir, kind string, kr keyring) (BackupInfo, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return BackupInfo{}, err
	}
	removeLeftovers(dataDir)
	tmp, err := makeWorkDir(dataDir, kind)
	if err != nil {
		return BackupInfo{}, err
	}
	defer os.RemoveAll(tmp)
	return decryptTo(path, tmp, kr)
}

// RestoreBackup restores a backup into dir, which must hold no store: an empty or new data folder. The
// file is decrypted and checked beside the target first, then moved into place.
func RestoreBackup(path, pass, dir string, keys ...[]byte) (BackupInfo, error) {
	if err := backupPathOK(path, pass); err != nil {
		return BackupInfo{}, fmt.Errorf("restore %s: %w", filepath.Base(path), err)
	}
	if _, err := os.Stat(filepath.Join(dir, DBFileName)); err == nil {
		return BackupInfo{}, fmt.Errorf("restore into %s: %w", dir, ErrRestoreTarget)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return BackupInfo{}, err
	}
	tmp, err := makeWorkDir(dir, "restore-")
	if err != nil {
		return BackupInfo{}, err
	}
	defer os.RemoveAll(tmp)
	info, err := decryptTo(path, tmp, backupIdentities(path, pass, keys))
	if err != nil {
		return info, fmt.Errorf("restore %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(filepath.Join(tmp, DBFileName), filepath.Join(dir, DBFileName)); err != nil {
		return info, fmt.Errorf("restore into %s: %w", dir, err)
	}
	syncDir(dir)
	// The restored chain is the one to follow from now on: its head is the anchor.
	if info.Head.Seq > 0 {
		writeAnchor(dir, info.Head, time.Now())
	} else {
		os.Remove(anchorPath(dir))
	}
	return info, nil
}

// backupPathOK refuses what is not a backup before anything is read or decrypted: a key file, a
// folder, a pipe (which would be waited on for ever), and no passphrase at all.
func backupPathOK(path, pass string) error {
	if strings.HasSuffix(path, KeyFileSuffix) {
		return ErrIsKeyFile
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() || filepath.Base(path) == DBFileName {
		return ErrNotABackup
	}
	if pass == "" {
		return ErrNoPassphraseGiven
	}
	return nil
}

// LocalBackupDir is where automatic backups go: beside the store, so a broken stick is not the only copy.
func LocalBackupDir(dataDir string) string { return filepath.Join(dataDir, "backups") }

// AutoBackup writes a backup into dir and keeps only the newest keep backups there (with their key
// files). It does nothing (ErrNoPassphrase) until the manager has set a passphrase.
func (s *Store) AutoBackup(dir string, keep int) (BackupInfo, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return BackupInfo{}, err
	}
	info, err := s.backup(dir, nil)
	if err != nil {
		return info, err
	}
	return info, pruneBackups(dir, keep)
}

// BackupLocal takes an automatic backup now, into the data folder's backup folder, keeping as many as
// the settings say: at start-up and every few hours, and at once when the passphrase is set, so the
// store is never without a backup from then on.
func (s *Store) BackupLocal() (BackupInfo, error) {
	keep, err := strconv.Atoi(s.Setting(SettingAutoBackupKeep, ""))
	if err != nil || keep < 1 {
		keep = DefaultAutoBackupKeep
	}
	return s.AutoBackup(LocalBackupDir(filepath.Dir(s.path)), keep)
}

// Backups lists the backup files in a folder, newest first.
func Backups(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), BackupExt) && !strings.HasSuffix(e.Name(), KeyFileSuffix) &&
			strings.Contains(e.Name(), "-备份-") && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	// The name ends in the date and time, so the newest sorts last.
	sort.Slice(out, func(i, j int) bool { return backupStamp(out[i]) > backupStamp(out[j]) })
	return out, nil
}

// backupStamp orders backups: the date and time in the name, then the -2, -3… of a second backup
// in the same second (the mark of a damaged store's backup set aside).
func backupStamp(path string) string {
	name := strings.TrimSuffix(filepath.Base(path), BackupExt)
	name = strings.Replace(name, DamagedSuffix, "", 1)
	if i := strings.LastIndex(name, "-备份-"); i >= 0 {
		name = name[i+len("-备份-"):]
	}
	stamp, n := name, 1
	if len(name) > 15 && name[15] == '-' {
		if k, err := strconv.Atoi(name[16:]); err == nil {
			stamp, n = name[:15], k
		}
	}
	return fmt.Sprintf("%s#%06d", stamp, n)
}

func pruneBackups(dir string, keep int) error {
	if keep <= 0 {
		return nil
	}
	list, err := Backups(dir)
	if err != nil {
		return err
	}
	for _, p := range list[min(keep, len(list)):] {
		if err := os.Remove(p); err != nil {
			return err
		}
		os.Remove(KeyFileFor(p))
	}
	return nil
}
