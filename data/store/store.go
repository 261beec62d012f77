// Package store keeps the records the model (package data) declares in one bbolt file: records and
// their indexes, the open-matter index, the audit chain, accounts, settings, the household registry,
// backup, search and import.
package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"frontdesk/data"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// DBFileName is the store's file inside the data folder.
const DBFileName = "frontdesk.db"

// Bucket names, named once. Every bucket is created at open in one transaction.
var (
	bucketMeta        = []byte("meta")
	bucketSettings    = []byte("settings")
	bucketForms       = []byte("forms")   // one nested bucket per form kind, holding the buckets below
	bucketRec         = []byte("rec")     // ID (8 bytes BE) → record JSON
	bucketTime        = []byte("time")    // timekey + 0x00 + ID → nil
	bucketTok         = []byte("tok")     // token + 0x00 + ID → nil
	bucketText        = []byte("text")    // ID → timekey + normalised search text (verifies candidates without JSON)
	bucketSerials     = []byte("serials") // kind + "|" + YYYYMMDD [+ "|" + issuer] → last number issued (8 bytes BE)
	bucketSerialIndex = []byte("serial")  // serial → kind + 0x00 + ID
	bucketAudit       = []byte("audit")   // seq (8 bytes BE) → audit entry JSON
	bucketAuditRec    = []byte("auditrec")
	bucketHouseholds  = []byte("households") // normalised unit → household JSON
	bucketOpen        = []byte("open")       // kind + 0x00 + ID → data.OpenEntry (encodeOpen): every open matter
	keySchema         = []byte("schema")
)

// ErrLocked means another copy of the program holds the store.
var ErrLocked = errors.New("store is locked by another process")

// Store is the front desk's embedded database.
type Store struct {
	db   *bolt.DB
	path string
	now  func() time.Time
	// serials issues serial numbers inside a saving transaction.
	serials func(tx *bolt.Tx) data.Serials
	// The background indexer of fresh records (fresh.go); nil channels for a read-only store.
	kick chan struct{}
	// zones caches each form's search zones between saves (zones.go).
	zones                zoneCache
	indexStop, indexDone chan struct{}
	// anchor is the audit chain's head as kept outside the file (anchor.go); nil when none is kept.
	anchor    *Anchor
	anchorBad bool // the anchor file is there but not one
	anchorMu  sync.Mutex
	// faulted is set once bbolt met a fault of the file (a data file changed under the program): its
	// write lock may be held for good by the transaction that met it (closeFaulted).
	faulted atomic.Bool
}

// Options tune Open; the zero value is what the programs use.
type Options struct {
	// Timeout is how long to wait for another process's lock before giving up.
	Timeout time.Duration
	// Now replaces the clock (tests, demo data).
	Now func() time.Time
	// ReadOnly opens without taking the write lock (check, verify).
	ReadOnly bool
	// Issuer is the code this desk's serials carry when more than one desk issues them (data.Serials);
	// empty for the estate's one desk.
	Issuer string
	// Progress, when set, hears how an upgrade that rewrites the search index is getting on (the only
	// long work an Open may do, once, on a big store).
	Progress RebuildProgress
}

// ErrIssuer means an issuer code that is not one capital letter.
var ErrIssuer = errors.New("issuer code must be one capital letter")

// migrations upgrade the store one schema version at a time; migrations[i] takes version i to i+1.
// Append only: a released migration is never edited.
var migrations = []func(tx *bolt.Tx) error{
	// 0 → 1: the initial layout.
	func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMeta, bucketSettings, bucketForms, bucketSerials, bucketSerialIndex, bucketAudit, bucketAuditRec, bucketHouseholds} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return fmt.Errorf("create bucket %s: %w", b, err)
			}
		}
		return nil
	},
	// 1 → 2: accounts.
	func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketAccounts)
		return err
	},
	// 2 → 3: search tokens written after the save (fresh.go). Every record so far has its tokens.
	func(tx *bolt.Tx) error {
		return tx.Bucket(bucketForms).ForEachBucket(func(k []byte) error {
			fb := tx.Bucket(bucketForms).Bucket(k)
			return fb.Put(keyTokUpTo, u64(fb.Bucket(bucketRec).Sequence()))
		})
	},
	// 3 → 4: the forms' lives (data/flow.go). Every open matter of the records so far goes into the open
	// index; the records keep their bytes (their state is what their life so far implies), so the audit
	// chain's record hashes stay true.
	func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketOpen); err != nil {
			return err
		}
		if err := ensureFormBuckets(tx); err != nil {
			return err
		}
		return indexOpenMatters(tx)
	},
	// 4 → 5: search by every keystroke (zones.go): each block of records gets its zone, and the search
	// tokens are written anew, now any part of a phone or unit, from every record's search-text entry.
	func(tx *bolt.Tx) error {
		return tx.Bucket(bucketForms).ForEachBucket(func(k []byte) error {
			fb := tx.Bucket(bucketForms).Bucket(k)
			if fb.Bucket(bucketText) == nil {
				return nil // a form's buckets are made whole at the end of the migrations
			}
			if err := buildZones(fb); err != nil {
				return err
			}
			return startRebuild(fb, tx.DB().Info().PageSize)
		})
	},
	// 5 → 6: accounts, settings and the household registry under the audit chain (seal.go): what they
	// hold is sealed in one audit entry, from which every later change is sealed.
	func(tx *bolt.Tx) error {
		return sealBaseline(tx, time.Now())
	},
	// 6 → 7: complaints, service orders, messages, special reports, fee schedules and the month's
	// reports have lives: their open matters go into the open index. As at 3 → 4 the records keep
	// their bytes; their state is what their typed fields imply.
	func(tx *bolt.Tx) error {
		if err := ensureFormBuckets(tx); err != nil {
			return err
		}
		return indexOpenMatters(tx)
	},
	// 7 → 8: the roster and the duty log have lives: their open matters go into the open index.
	func(tx *bolt.Tx) error {
		if err := ensureFormBuckets(tx); err != nil {
			return err
		}
		return indexOpenMatters(tx)
	},
	// 8 → 9: the manager's spot check of the duty log is a new form; questionnaires, quality checks,
	// training plans and culture plans have lives: their open matters (a culture plan the committee has
	// not confirmed) go into the open index. Only forms with no entry yet are read.
	func(tx *bolt.Tx) error {
		if err := ensureFormBuckets(tx); err != nil {
			return err
		}
		return indexNewLives(tx)
	},
	// 9 → 10: clocks on states that had none (a hot-work permit is due approved by its start): every
	// open matter's entry is written again from its record, so its deadline starts where it now does.
	// Only the open matters are read.
	reindexOpen,
}

// reindexOpen writes every entry of the open-matter index again from its record: its state, the start
// of its clock and who acts next.
func reindexOpen(tx *bolt.Tx) error {
	type entry struct {
		kind string
		id   uint64
	}
	var all []entry
	c := tx.Bucket(bucketOpen).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) >= 10 {
			all = append(all, entry{string(k[:len(k)-9]), binary.BigEndian.Uint64(k[len(k)-8:])})
		}
	}
	for _, e := range all {
		f, ok := data.FormByKey(e.kind)
		fb := tx.Bucket(bucketForms).Bucket([]byte(e.kind))
		if !ok || fb == nil {
			continue // said by the check
		}
		r, err := getRecord(fb, e.id)
		if errors.Is(err, ErrNotFound) {
			continue // said by the check
		}
		if err != nil {
			return err
		}
		r.ID = e.id
		if err := putOpen(tx, f, r); err != nil {
			return err
		}
	}
	return nil
}

// SchemaVersion is the version a freshly opened store has after its migrations.
func SchemaVersion() int { return len(migrations) }

// Open opens (creating if needed) the store in the data folder dir.
func Open(dir string, opt Options) (*Store, error) {
	if opt.Timeout == 0 {
		opt.Timeout = 700 * time.Millisecond
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if !data.ValidIssuer(opt.Issuer) {
		return nil, fmt.Errorf("open store: %q: %w", opt.Issuer, ErrIssuer)
	}
	if !opt.ReadOnly {
		if err := makeDataDir(dir); err != nil {
			return nil, err
		}
	}
	path := filepath.Join(dir, DBFileName)
	if !opt.ReadOnly {
		removeLeftovers(dir)
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.Size() == 0:
		// Never a fresh store in place of a data file, even an empty one: a new store is only ever
		// made under another name and moved into place whole (createStore), so an empty file is damage.
		return nil, fmt.Errorf("open store %s: empty file: %w", path, ErrStoreDamaged)
	case errors.Is(err, fs.ErrNotExist) && !opt.ReadOnly:
		if err := createStore(path, opt.Timeout); err != nil {
			return nil, err
		}
	case errors.Is(err, fs.ErrNotExist):
		// Read only, nothing to read: the folder (the machine-wide default on a new PC) holds no store yet.
		return nil, fmt.Errorf("open store %s: %w", path, ErrNoStore)
	case err != nil:
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db, err := openBolt(path, &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly})
	if err != nil {
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return nil, fmt.Errorf("open store %s: %w", path, ErrLocked)
		case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrVersionMismatch),
			strings.Contains(err.Error(), "file size too small"):
			return nil, fmt.Errorf("open store %s: %w: %w", path, ErrStoreDamaged, err)
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}

	anchor, anchorBad := readAnchorFile(dir)
	s := &Store{db: db, path: path, now: opt.Now, anchor: anchor, anchorBad: anchorBad,
		serials: func(tx *bolt.Tx) data.Serials { return dayCounters{tx: tx, issuer: opt.Issuer} }}
	if !opt.ReadOnly {
		if err := s.migrate(opt.Progress); err != nil {
			db.Close()
			return nil, err
		}
		if err := s.finishRebuilds(opt.Progress); err != nil {
			db.Close()
			return nil, err
		}
		if err := s.sealPassphrase(); err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: seal the backup passphrase: %w", path, err)
		}
		s.kick, s.indexStop, s.indexDone = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
		go s.indexLoop(s.indexStop, s.indexDone)
		s.kickIndexer() // records left fresh by a crash
	}
	s.loadHolidays()
	return s, nil
}

// openBolt is bolt.Open on a file whose meta pages were read first: a file cut short before the pages
// its newest valid meta page counts is damage, said before bbolt reads past its end. A panic or
// memory fault of bbolt's on a damaged file (its free list read from wherever the meta page says)
// becomes ErrStoreDamaged too, though then the file stays locked until the process ends.
func openBolt(path string, o *bolt.Options) (db *bolt.DB, err error) {
	if err := precheckFile(path); err != nil {
		return nil, err
	}
	defer survivingFaults(&err)()
	db, err = bolt.Open(path, 0o600, o)
	if err != nil {
		return nil, err
	}
	var bad []uint64
	var terr error
	if err := db.View(func(tx *bolt.Tx) error {
		bad, _, terr = treeFaults(tx, path, false)
		return nil
	}); err == nil && terr == nil && len(bad) > 0 {
		db.Close()
		return nil, fmt.Errorf("page tree broken at page %d: %w", bad[0], ErrStoreDamaged)
	}
	return db, nil
}

// precheckFile reads bbolt's two meta pages (magic, version, checksum) and compares the newest valid
// one's page count with the file's size.
func precheckFile(path string) error {
	_, _, err := readMeta(path)
	return err
}

// readMeta is precheckFile's reading: the newest valid meta page's page size and page count.
func readMeta(path string) (pageSize, pgid uint64, err error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, 0, nil // bbolt makes it (createStore)
		}
		return 0, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	type meta struct{ pageSize, root, freelist, pgid, txid uint64 }
	read := func(off int64) (meta, bool) {
		b := make([]byte, 16+64)
		if _, err := f.ReadAt(b, off); err != nil {
			return meta{}, false
		}
		m := b[16:]
		le := binary.LittleEndian
		if le.Uint32(m[0:]) != 0xED0CDAED || le.Uint32(m[4:]) != 2 {
			return meta{}, false
		}
		h := fnv.New64a()
		h.Write(m[:56])
		if h.Sum64() != le.Uint64(m[56:]) {
			return meta{}, false
		}
		return meta{uint64(le.Uint32(m[8:])), le.Uint64(m[16:]), le.Uint64(m[32:]), le.Uint64(m[40:]), le.Uint64(m[48:])}, true
	}
	m0, ok0 := read(0)
	ps := m0.pageSize
	if !ok0 || ps < 1024 || ps > 1<<16 {
		ps = uint64(os.Getpagesize())
	}
	m1, ok1 := read(int64(ps))
	m, ok := m0, ok0
	if ok1 && (!ok0 || m1.txid > m0.txid) {
		m, ok = m1, true
	}
	const noFreelist = ^uint64(0)
	switch {
	case !ok:
		return 0, 0, fmt.Errorf("check %s: no valid meta page: %w", path, ErrStoreDamaged)
	case m.pageSize < 1024 || m.pageSize > 1<<16 || m.pgid < 2 || m.root >= m.pgid || m.freelist != noFreelist && m.freelist >= m.pgid:
		return 0, 0, fmt.Errorf("check %s: meta page out of bounds: %w", path, ErrStoreDamaged)
	case uint64(fi.Size()) < m.pgid*m.pageSize:
		return 0, 0, fmt.Errorf("check %s: %d bytes of %d: %w", path, fi.Size(), m.pgid*m.pageSize, ErrStoreDamaged)
	}
	return m.pageSize, m.pgid, nil
}

// createStore makes a new, empty store at path: written under another name and moved into place
// whole, so that a data file is never an empty file the program left.
func createStore(path string, timeout time.Duration) error {
	tmp := path + ".new"
	os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return fmt.Errorf("create store %s: %w", path, err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("create store %s: %w", path, err)
	}
	if _, err := os.Stat(path); err == nil {
		os.Remove(tmp) // another process made it meanwhile
		return nil
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("create store %s: %w", path, err)
	}
	return nil
}

// migrate brings the store to this program's schema. A store already there is only read: opening it
// writes nothing, so a command that only reads leaves the data file as it was.
func (s *Store) migrate(progress RebuildProgress) error {
	current, older := false, false
	err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		b := meta.Get(keySchema)
		if len(b) != 8 || int(binary.BigEndian.Uint64(b)) != len(migrations) {
			// A store with records of an earlier version: its upgrade may take a while, said at once.
			older = len(b) == 8 && binary.BigEndian.Uint64(b) > 0 && int(binary.BigEndian.Uint64(b)) < len(migrations)
			return nil
		}
		current = formBucketsComplete(tx)
		return nil
	})
	if err != nil || current {
		return err
	}
	if older && progress != nil {
		progress(0, 0)
	}
	for {
		done := false
		err := s.db.Update(func(tx *bolt.Tx) error {
			v := 0
			if meta := tx.Bucket(bucketMeta); meta != nil {
				if b := meta.Get(keySchema); len(b) == 8 {
					v = int(binary.BigEndian.Uint64(b))
				}
			}
			if v > len(migrations) {
				return fmt.Errorf("store schema %d is newer than this program (%d): %w", v, len(migrations), ErrTooNew)
			}
			if meta := tx.Bucket(bucketMeta); v < sealSchema && meta != nil && meta.Get(keySealSeq) != nil {
				// A store sealed by schema 6 or later that says it is older: its version was set back
				// outside the program. Upgrading it again would seal what was changed; it is damage.
				return fmt.Errorf("store schema %d, yet sealed: %w", v, ErrSchemaSetBack)
			}
			if v == len(migrations) {
				done = true
				return ensureFormBuckets(tx)
			}
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("migrate schema %d→%d: %w", v, v+1, err)
			}
			return tx.Bucket(bucketMeta).Put(keySchema, u64(uint64(v+1)))
		})
		if err != nil || done {
			return err
		}
	}
}

// ErrTooNew means the store was written by a newer program.
var ErrTooNew = errors.New("store written by a newer version")

// formBucketsComplete says whether every declared form has its buckets.
func formBucketsComplete(tx *bolt.Tx) bool {
	forms := tx.Bucket(bucketForms)
	if forms == nil {
		return false
	}
	for _, f := range data.Forms() {
		fb := forms.Bucket([]byte(f.Key))
		if fb == nil {
			return false
		}
		for _, name := range [][]byte{bucketRec, bucketTime, bucketTok, bucketText, bucketZone, bucketGrams} {
			if fb.Bucket(name) == nil {
				return false
			}
		}
	}
	return true
}

// ensureFormBuckets creates the buckets of every declared form, so a form added in a new version
// has its buckets before anything reads them.
func ensureFormBuckets(tx *bolt.Tx) error {
	forms := tx.Bucket(bucketForms)
	for _, f := range data.Forms() {
		if fb := forms.Bucket([]byte(f.Key)); fb != nil {
			// A form's bucket that lost one of its own (damage) gets it back empty, so nothing reads a
			// bucket that is not there; check then names what is missing from it.
			for _, name := range [][]byte{bucketRec, bucketTime, bucketTok, bucketText} {
				if _, err := fb.CreateBucketIfNotExists(name); err != nil {
					return fmt.Errorf("create bucket %s/%s: %w", f.Key, name, err)
				}
			}
			if fb.Bucket(bucketZone) == nil || fb.Bucket(bucketGrams) == nil {
				// Zones lost (or a form from before them): built again from the search-text entries.
				if err := buildZones(fb); err != nil {
					return fmt.Errorf("search zones of %s: %w: %w", f.Key, ErrIndexIncomplete, err)
				}
			}
			continue
		}
		fb, err := forms.CreateBucket([]byte(f.Key))
		if err != nil {
			return fmt.Errorf("create buckets of %s: %w", f.Key, err)
		}
		if err := fb.Put(keyTokUpTo, u64(0)); err != nil {
			return fmt.Errorf("index mark of %s: %w", f.Key, err)
		}
		for _, name := range [][]byte{bucketRec, bucketTime, bucketTok, bucketText, bucketZone, bucketGrams} {
			if _, err := fb.CreateBucket(name); err != nil {
				return fmt.Errorf("create bucket %s/%s: %w", f.Key, name, err)
			}
		}
	}
	return nil
}

// Close stops the indexer, indexes what is still fresh (a clean shutdown leaves nothing for the next
// start), and releases the store and its lock.
//
// Deferred by a caller that a fault of the data file is unwinding (bbolt panics on a file changed or
// cut under it, and the console's guard turns that into the message of damage), Close waits for
// nothing and writes nothing (closeFaulted), and the fault goes on to the guard.
func (s *Store) Close() error {
	if r := recover(); r != nil {
		s.faulted.Store(true)
		s.closeFaulted()
		panic(r)
	}
	if s.faulted.Load() {
		s.closeFaulted()
		return fmt.Errorf("close store %s: %w", s.path, ErrStoreDamaged)
	}
	if s.indexStop != nil {
		close(s.indexStop)
		<-s.indexDone
		s.indexStop = nil
		s.IndexPendingAll()
		s.advanceAnchor() // best effort: an anchor not moved on is an older one, still true
	}
	return s.db.Close()
}

// closeFaulted ends a store whose file faulted: a transaction that met the fault in its start keeps
// bbolt's write lock (and its lock of the memory map) for good, so the indexer is told to stop without
// being waited for, nothing is indexed or moved on, and the file is not closed: its lock goes when the
// process ends, which, for the console, is at once.
func (s *Store) closeFaulted() {
	if s.indexStop != nil {
		close(s.indexStop)
		s.indexStop = nil
	}
}

// ReadOnly says whether the store was opened for reading only.
func (s *Store) ReadOnly() bool { return s.indexStop == nil }

// Path is the store's file.
func (s *Store) Path() string { return s.path }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// Schema returns the stored schema version.
func (s *Store) Schema() (int, error) {
	v := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta).Get(keySchema); len(b) == 8 {
			v = int(binary.BigEndian.Uint64(b))
		}
		return nil
	})
	return v, err
}

// Setting reads a setting; def when unset.
func (s *Store) Setting(key, def string) string {
	v := def
	_ = s.db.View(func(tx *bolt.Tx) error {
		v = txEnv{tx}.Setting(key, def)
		return nil
	})
	return v
}

// SetSetting writes a setting and records the change in the audit trail.
func (s *Store) SetSetting(by data.Actor, key, value string) error {
	if err := by.Need(data.PermSettings); err != nil {
		return err
	}
	if decl, ok := data.SettingByKey(key); ok {
		if msg := decl.Problem(value); msg != "" {
			return data.FieldErrors{key: decl.Label + "：" + msg}
		}
	}
	return s.setSetting(by, key, value)
}

func (s *Store) setSetting(by data.Actor, key, value string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		oldRaw := bytes.Clone(b.Get([]byte(key)))
		old := string(oldRaw)
		if old == value && oldRaw != nil {
			return nil
		}
		if err := b.Put([]byte(key), []byte(value)); err != nil {
			return fmt.Errorf("save setting %s: %w", key, err)
		}
		return appendAudit(tx, AuditEntry{Time: s.now().UTC(), User: by.Name, Login: by.Login, Action: ActionSetting,
			Changes: []data.Change{{Field: key, Old: old, New: value}}, Seals: []Seal{sealOf(tx, bucketSettings, []byte(key), oldRaw)}})
	})
}

// Settings keys.
const (
	SettingPropertyName = "property_name"
	SettingLockMinutes  = "lock_minutes" // idle minutes before the screen locks itself; 0 never
	// SettingSetupSteps keeps the steps of the guided first start done or skipped ("names:done,admin:done"),
	// written by the administrator; unset on a store set up before the guided start.
	SettingSetupSteps = "setup_steps"
	// SettingBackupFolder is the U盘 folder chosen at the first start, offered first for a backup.
	SettingBackupFolder = "backup_folder"
)

// DefaultLockMinutes locks an unattended desk after ten minutes.
const DefaultLockMinutes = 10

// DefaultPropertyName is printed on slips until the manager sets the estate's name.
const DefaultPropertyName = "城市假日花园客户服务中心"

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}
