package store

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	fastjson "github.com/goccy/go-json"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// The store's side of the forms' lives (data/flow.go): steps run in one transaction with their audit
// entry, and every open matter sits in one index (bucketOpen), so the due lists are a lookup.

// txEnv is what a form's rules read of the store (data.Env), from inside the transaction that runs
// them: a rule never opens a transaction of its own inside another (bbolt can deadlock a read beside a
// write in one goroutine, and a write inside a write always does).
type txEnv struct{ tx *bolt.Tx }

func (e txEnv) Setting(key, def string) string {
	if v := e.tx.Bucket(bucketSettings).Get([]byte(key)); v != nil {
		return string(v)
	}
	return def
}

// Secret returns a named secret of the store, made at first use (in a write transaction) and kept in
// the settings, so a slip's code cannot be made up without the desk's data.
func (e txEnv) Secret(name string) ([]byte, error) {
	b := e.tx.Bucket(bucketSettings)
	if v := b.Get([]byte(name)); v != nil {
		return hex.DecodeString(string(v))
	}
	if !e.tx.Writable() {
		return nil, fmt.Errorf("secret %s: %w", name, ErrNotFound)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := b.Put([]byte(name), []byte(hex.EncodeToString(key))); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	// Under seal as every setting: the trail says it was made, never anything of it.
	if err := appendAudit(e.tx, AuditEntry{Time: time.Now().UTC(), User: "程序", Action: ActionSetting,
		Changes: []data.Change{{Field: name, New: "（已生成）"}}, Seals: []Seal{sealOf(e.tx, bucketSettings, []byte(name), nil)}}); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	return key, nil
}

// Secret returns a named secret of the store, making it at first use (only then in a write
// transaction: a print reads it without a commit).
func (s *Store) Secret(name string) ([]byte, error) {
	var key []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		key, err = txEnv{tx}.Secret(name)
		return err
	})
	if err == nil || !errors.Is(err, ErrNotFound) {
		return key, err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		var err error
		key, err = txEnv{tx}.Secret(name)
		return err
	})
	return key, err
}

// openKey is kind + 0x00 + ID: the open-matter index groups a form's open records.
func openKey(kind string, id uint64) []byte { return idxKey([]byte(kind), id) }

// putOpen writes or removes the record's entry in the open-matter index, inside the caller's transaction.
func putOpen(tx *bolt.Tx, f *data.Form, r *data.Record) error {
	if f.Flow == nil {
		return nil
	}
	b := tx.Bucket(bucketOpen)
	key := openKey(f.Key, r.ID)
	e, open := f.Open(r)
	if !open {
		if b.Get(key) == nil {
			return nil
		}
		return b.Delete(key)
	}
	if err := b.Put(key, encodeOpen(e)); err != nil {
		return fmt.Errorf("open matter %s: %w", r.Serial, err)
	}
	return nil
}

// An open-matter entry is kept as its fields joined by 0x1f (serial, state, the clock's start in Unix
// seconds or empty, "p" when who is a person, who; who last, as the one typed by a person): a due list
// decodes thousands of them, and this is a split where JSON was half of the list's time.
const openSep = 0x1f

func encodeOpen(e data.OpenEntry) []byte {
	start := ""
	if !e.Start.IsZero() {
		start = strconv.FormatInt(e.Start.Unix(), 10)
	}
	person := ""
	if e.WhoPerson {
		person = "p"
	}
	return []byte(strings.Join([]string{e.Serial, e.State, start, person, e.Who}, string(rune(openSep))))
}

func decodeOpen(v []byte) (data.OpenEntry, error) {
	parts := bytes.SplitN(v, []byte{openSep}, 5)
	if len(parts) != 5 {
		return data.OpenEntry{}, fmt.Errorf("open matter entry has %d parts: %w", len(parts), ErrStoreDamaged)
	}
	e := data.OpenEntry{Serial: string(parts[0]), State: string(parts[1]), WhoPerson: len(parts[3]) > 0, Who: string(parts[4])}
	if len(parts[2]) > 0 {
		sec, err := strconv.ParseInt(string(parts[2]), 10, 64)
		if err != nil {
			return data.OpenEntry{}, fmt.Errorf("open matter start %q: %w", parts[2], ErrStoreDamaged)
		}
		e.Start = time.Unix(sec, 0).UTC()
	}
	return e, nil
}

// indexOpenMatters builds the open-matter index of every record of every form with a life, for the
// migration of stores made before the index.
func indexOpenMatters(tx *bolt.Tx) error {
	return indexOpenMattersOf(tx, func(*data.Form) bool { return true })
}

// indexNewLives builds the open-matter index of the forms that have no entry in it yet: those that
// gained a life since the index was built. Every other form's entries are kept whole by each save, so
// an upgrade reads a few small forms, not ten years of the visitor log.
func indexNewLives(tx *bolt.Tx) error {
	return indexOpenMattersOf(tx, func(f *data.Form) bool {
		prefix := append([]byte(f.Key), 0)
		k, _ := tx.Bucket(bucketOpen).Cursor().Seek(prefix)
		return k == nil || !bytes.HasPrefix(k, prefix)
	})
}

func indexOpenMattersOf(tx *bolt.Tx, which func(*data.Form) bool) error {
	for _, f := range data.Forms() {
		if f.Flow == nil || !which(f) {
			continue
		}
		fb := tx.Bucket(bucketForms).Bucket([]byte(f.Key))
		if fb == nil {
			continue
		}
		err := fb.Bucket(bucketRec).ForEach(func(k, v []byte) error {
			var r data.Record
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode %s %d: %w", f.Key, binary.BigEndian.Uint64(k), err)
			}
			return putOpen(tx, f, &r)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// StepView is a step the person may take now, with the fields it asks.
type StepView struct {
	Key      string       `json:"key"`
	Name     string       `json:"name"`
	To       string       `json:"to"`
	Hint     string       `json:"hint,omitempty"`
	Shortcut string       `json:"shortcut,omitempty"`
	Fields   []data.Field `json:"fields"`
}

// Steps lists the steps the person may take on the record now (its state, their role), with its record.
func (s *Store) Steps(by data.Actor, serial string) ([]StepView, *data.Record, error) {
	rec, err := s.BySerial(by, serial)
	if err != nil {
		return nil, nil, err
	}
	f, ok := data.FormByKey(rec.Kind)
	if !ok {
		return nil, nil, data.ErrUnknownForm
	}
	var out []StepView
	for _, st := range f.StepsNow(rec, by) {
		target := ""
		switch {
		case st.To == "" && st.Next != nil:
			target = "视情况而定"
		case st.To == "":
			target = f.State(rec).Name
		default:
			to, _ := f.Flow.StateByKey(st.To)
			target = to.Name
		}
		fields := st.FieldsNow(s, rec, s.now())
		if fields == nil {
			fields = []data.Field{}
		}
		out = append(out, StepView{Key: st.Key, Name: st.Name, To: target, Hint: st.Hint, Shortcut: st.Shortcut, Fields: fields})
	}
	return out, rec, nil
}

// Step takes one step of a record's life for the person: the state, the permission, the step's fields
// and rules are checked, and the record, its open-matter entry and the audit entry are written in one
// transaction, or nothing is. A step is allowed on a printed (sealed) record: it adds to the record's
// life and changes none of what was signed.
func (s *Store) Step(by data.Actor, serial, step string, in data.Input) (*data.Record, error) {
	if err := by.Need(data.PermRecordRead); err != nil {
		return nil, err
	}
	return s.modify(serial, func(f *data.Form, r *data.Record, now time.Time, env data.Env) (string, []data.Change, error) {
		if !f.MayRead(by, r) {
			return "", nil, readRefused(f, by)
		}
		nr, changes, err := f.TakeStep(r, step, in, by, now, env)
		if err != nil {
			return "", nil, err
		}
		*r = *nr
		return step, changes, nil
	}, by)
}

// StepAll takes a bulk step (Step.Bulk) on several records with the same fields, in one transaction:
// all of them or none (every visitor still on site signed out at the end of the day). A record that has
// left the step's starting state meanwhile (signed out at another desk) is passed over. It returns the
// records changed; an error names the record it is about.
func (s *Store) StepAll(by data.Actor, serials []string, step string, in data.Input) ([]*data.Record, error) {
	if err := by.Need(data.PermRecordRead); err != nil {
		return nil, err
	}
	now := s.now()
	var done []*data.Record
	err := s.db.Update(func(tx *bolt.Tx) error {
		done = nil
		for _, serial := range serials {
			serial = strings.ToUpper(strings.TrimSpace(serial))
			r, err := modifyIn(tx, serial, now, func(f *data.Form, r *data.Record, now time.Time, env data.Env) (string, []data.Change, error) {
				if !f.MayRead(by, r) {
					return "", nil, readRefused(f, by)
				}
				var st data.Step
				ok := f.Flow != nil
				if ok {
					st, ok = f.Flow.StepByKey(step)
				}
				if !ok || !st.Bulk {
					return "", nil, fmt.Errorf("%s %s: %w", f.Key, step, data.ErrUnknownStep)
				}
				if r.Voided() || !slices.Contains(st.From, f.State(r).Key) {
					return "", nil, nil // no longer open: passed over
				}
				nr, changes, err := f.TakeStep(r, step, in, by, now, env)
				if err != nil {
					return "", nil, err
				}
				*r = *nr
				return step, changes, nil
			}, by)
			if err != nil {
				return fmt.Errorf("%s: %w", serial, err)
			}
			if r != nil {
				done = append(done, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return done, nil
}

// Due lists every open matter the person may see, measured against at: overdue first.
func (s *Store) Due(by data.Actor, at time.Time) ([]data.Matter, error) {
	if err := by.Need(data.PermRecordRead); err != nil {
		return nil, err
	}
	var out, backup []data.Matter
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = openMatters(tx, &by, at)
		if err != nil {
			return err
		}
		if by.Can(data.PermBackup) {
			if b := s.backupState(tx); b.stale(at) {
				backup = []data.Matter{b.matter(at)}
			}
		}
		if by.Can(data.PermSettings) {
			if m, ok := holidayMatter(at); ok {
				out = append(out, m)
			}
		}
		env := txEnv{tx}
		// The records the rules expect and nobody has made yet: only to those who make them.
		for _, f := range data.Forms() {
			ms, err := f.ExpectedMatters(env, by, at)
			if err != nil {
				return err
			}
			for _, m := range ms {
				if m.Mine {
					out = append(out, m)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("due: %w", err)
	}
	data.SortMatters(out)
	// A store without a backup of the last day comes before everything: the records themselves are at
	// stake.
	return append(backup, out...), nil
}

// openMatters reads the open-matter index: the matters the person may see, or every one for nobody
// in particular (by nil: what a handover gathers).
func openMatters(tx *bolt.Tx, by *data.Actor, at time.Time) ([]data.Matter, error) {
	b := tx.Bucket(bucketOpen)
	out := make([]data.Matter, 0, b.Stats().KeyN)
	env := &memoEnv{Env: txEnv{tx}, settings: map[string]string{}}
	who := data.Actor{}
	if by != nil {
		who = *by
	}
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		kind := string(k[:len(k)-9])
		f, ok := data.FormByKey(kind)
		if !ok || f.Flow == nil {
			continue
		}
		e, err := decodeOpen(v)
		if err != nil {
			return nil, fmt.Errorf("open matter %q: %w", k, err)
		}
		if by != nil && !f.ReadsAll(*by) {
			// The form shows each person only some records: ask the record.
			fb, err := formBucket(tx, kind)
			if err != nil {
				return nil, err
			}
			r, err := getRecord(fb, binary.BigEndian.Uint64(k[len(k)-8:]))
			if err != nil || !f.MayRead(*by, r) {
				continue
			}
		}
		out = append(out, f.Matter(e, who, at, env))
	}
	return out, nil
}

// Open lists every open matter at at (data.Env).
func (e txEnv) Open(at time.Time) ([]data.Matter, error) { return openMatters(e.tx, nil, at) }

// memoEnv reads each setting once for a whole due list (the clocks' lengths), not once a matter.
type memoEnv struct {
	data.Env
	settings map[string]string
}

func (m *memoEnv) Setting(key, def string) string {
	v, ok := m.settings[key]
	if !ok {
		v = m.Env.Setting(key, "\x00")
		m.settings[key] = v
	}
	if v == "\x00" {
		return def
	}
	return v
}

// OpenRecords returns the open records of one form, newest first (the list's 只看在场).
func (s *Store) OpenRecords(by data.Actor, kind string) ([]*data.Record, error) {
	f, ok := data.FormByKey(kind)
	if !ok {
		return nil, fmt.Errorf("form %q: %w", kind, data.ErrUnknownForm)
	}
	if err := by.Need(data.PermRecordRead); err != nil {
		return nil, err
	}
	var out []*data.Record
	err := s.db.View(func(tx *bolt.Tx) error {
		fb, err := formBucket(tx, kind)
		if err != nil {
			return err
		}
		prefix := append([]byte(kind), 0)
		c := tx.Bucket(bucketOpen).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
			r, err := getRecord(fb, binary.BigEndian.Uint64(k[len(prefix):]))
			if err != nil {
				return err
			}
			if f.MayRead(by, r) {
				out = append(out, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", kind, err)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// readRefused is the refusal of a record the form's access rule hides from the person.
func readRefused(f *data.Form, by data.Actor) error {
	p := data.PermRecordRead
	if f.Access != nil && f.Access.ReadAll != "" {
		p = f.Access.ReadAll
	}
	return &data.ForbiddenError{Actor: by, Perm: p}
}

// Staff are the names of the enabled accounts that may keep records (data.Env).
func (e txEnv) Staff() []string {
	var out []string
	b := e.tx.Bucket(bucketAccounts)
	if b == nil {
		return nil
	}
	_ = b.ForEach(func(k, v []byte) error {
		var a Account
		if json.Unmarshal(v, &a) == nil && !a.Disabled && a.Actor().Can(data.PermRecordWrite) {
			out = append(out, a.Name)
		}
		return nil
	})
	return out
}

// Units are the registry's households (data.Env).
func (e txEnv) Units() ([]data.Unit, error) {
	var out []data.Unit
	err := e.tx.Bucket(bucketHouseholds).ForEach(func(k, v []byte) error {
		var h Household
		if err := json.Unmarshal(v, &h); err != nil {
			return fmt.Errorf("household %s: %w", k, err)
		}
		out = append(out, data.Unit{Unit: h.Unit, Occupied: h.Occupied})
		return nil
	})
	return out, err
}

// Units are the registry's households (data.Env).
func (s *Store) Units() ([]data.Unit, error) {
	var out []data.Unit
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = txEnv{tx}.Units()
		return err
	})
	return out, err
}

// Staff are the desk's people (data.Env).
func (s *Store) Staff() []string {
	var out []string
	_ = s.db.View(func(tx *bolt.Tx) error {
		out = txEnv{tx}.Staff()
		return nil
	})
	return out
}

// Open lists every open matter at at (data.Env).
func (s *Store) Open(at time.Time) ([]data.Matter, error) {
	var out []data.Matter
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = openMatters(tx, nil, at)
		return err
	})
	return out, err
}

// Records are a form's records dated in [from, to), oldest first, voided ones left out (data.Env).
func (e txEnv) Records(kind string, from, to time.Time) ([]*data.Record, error) {
	var out []*data.Record
	err := e.eachDated(kind, from, to, func(r *data.Record) bool {
		out = append(out, r)
		return true
	})
	return out, err
}

// Timings are how long each registration of a timed form dated in [from, to) took, voided ones left
// out, oldest first (data.Env). Only the serial, the status and the seconds are read of each record,
// so a month of a busy visitor log is read in a fraction of the time of its records.
func (e txEnv) Timings(kind string, from, to time.Time) ([]data.Timing, error) {
	var out []data.Timing
	var light struct {
		Serial       string  `json:"serial"`
		Status       string  `json:"status"`
		EntrySeconds float64 `json:"entry_seconds"`
		CreatedBy    string  `json:"created_by"`
	}
	err := e.eachDatedRaw(kind, from, to, func(id uint64, k, raw []byte) (bool, error) {
		light.Serial, light.Status, light.EntrySeconds, light.CreatedBy = "", "", 0, ""
		if err := fastjson.Unmarshal(raw, &light); err != nil {
			return false, fmt.Errorf("decode record %d: %w: %v", id, ErrRecordDamaged, err)
		}
		if light.Status == data.StatusVoid {
			return true, nil
		}
		at, err := time.Parse(timeKeyLayout, string(k[:16]))
		if err != nil {
			return false, fmt.Errorf("time index of record %d: %w", id, err)
		}
		out = append(out, data.Timing{Serial: light.Serial, At: at, Seconds: light.EntrySeconds, By: light.CreatedBy})
		return true, nil
	})
	return out, err
}

// Has says whether the form has a record dated in [from, to) that is not voided (data.Env): it
// stops at the first.
func (e txEnv) Has(kind string, from, to time.Time) (bool, error) {
	found := false
	err := e.eachDated(kind, from, to, func(*data.Record) bool {
		found = true
		return false
	})
	return found, err
}

// FirstRecord is the date of the store's earliest record of any form, by the forms' time indexes.
func (e txEnv) FirstRecord() (time.Time, bool) {
	var first time.Time
	found := false
	forms := e.tx.Bucket(bucketForms)
	for _, f := range data.Forms() {
		fb := forms.Bucket([]byte(f.Key))
		if fb == nil || fb.Bucket(bucketTime) == nil {
			continue
		}
		k, _ := fb.Bucket(bucketTime).Cursor().First()
		if len(k) < len(timeKeyLayout) {
			continue
		}
		t, err := time.Parse(timeKeyLayout, string(k[:len(timeKeyLayout)]))
		if err == nil && (!found || t.Before(first)) {
			first, found = t, true
		}
	}
	return first, found
}

// eachDated walks a form's records dated in [from, to) by the time index, oldest first, voided ones
// left out, while fn says go on.
func (e txEnv) eachDated(kind string, from, to time.Time, fn func(*data.Record) bool) error {
	return e.eachDatedRaw(kind, from, to, func(id uint64, _ []byte, raw []byte) (bool, error) {
		r, err := decodeRecord(raw)
		if err != nil {
			return false, fmt.Errorf("decode record %d: %w", id, err)
		}
		return r.Voided() || fn(r), nil
	})
}

// eachDatedRaw walks a form's stored records dated in [from, to) by the time index, oldest first, as
// their ID, time key and bytes (valid only inside the transaction), while fn says go on.
func (e txEnv) eachDatedRaw(kind string, from, to time.Time, fn func(id uint64, key, raw []byte) (bool, error)) error {
	fb, err := formBucket(e.tx, kind)
	if err != nil {
		return err
	}
	lo, hi := []byte("00000000T000000Z"), timeKey(to)
	if !from.IsZero() {
		lo = timeKey(from)
	}
	c := fb.Bucket(bucketTime).Cursor()
	for k, _ := c.Seek(lo); k != nil && string(k[:16]) < string(hi); k, _ = c.Next() {
		id := binary.BigEndian.Uint64(k[len(k)-8:])
		raw := fb.Bucket(bucketRec).Get(u64(id))
		if raw == nil {
			return fmt.Errorf("record %d of the time index: %w", id, ErrNotFound)
		}
		more, err := fn(id, k, raw)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// Timings are how long each registration of a timed form dated in [from, to) took (data.Env).
func (s *Store) Timings(kind string, from, to time.Time) ([]data.Timing, error) {
	var out []data.Timing
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = txEnv{tx}.Timings(kind, from, to)
		return err
	})
	return out, err
}

// Has says whether the form has any record dated in [from, to), voided ones left out (data.Env).
func (s *Store) Has(kind string, from, to time.Time) (bool, error) {
	var found bool
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		found, err = txEnv{tx}.Has(kind, from, to)
		return err
	})
	return found, err
}

// FirstRecord is the date of the store's earliest record (data.Env).
func (s *Store) FirstRecord() (time.Time, bool) {
	var first time.Time
	var ok bool
	_ = s.db.View(func(tx *bolt.Tx) error {
		first, ok = txEnv{tx}.FirstRecord()
		return nil
	})
	return first, ok
}

// Records are a form's records dated in [from, to), oldest first, voided ones left out: what the
// window asks when it shows a step's fields (data.Env). It checks no permission: what it returns
// feeds a rule or a choice, never a screen of its own.
func (s *Store) Records(kind string, from, to time.Time) ([]*data.Record, error) {
	var out []*data.Record
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = txEnv{tx}.Records(kind, from, to)
		return err
	})
	return out, err
}

// Compute validates a record's input and works out its computed fields from the store as it is now,
// without saving anything: what a report would say if saved (the window's preview, the benchmarks).
func (s *Store) Compute(by data.Actor, kind string, in data.Input) (data.Input, error) {
	f, ok := data.FormByKey(kind)
	if !ok {
		return in, fmt.Errorf("form %q: %w", kind, data.ErrUnknownForm)
	}
	if err := by.Need(data.PermRecordRead); err != nil {
		return in, err
	}
	now := s.now()
	var out data.Input
	err := s.db.View(func(tx *bolt.Tx) error {
		if errs := data.TypedAuto(f, in, nil); errs != nil {
			return errs
		}
		norm, errs := s.validate(f, in, now, txEnv{tx}, nil)
		if len(errs) > 0 {
			return errs
		}
		if f.Compute != nil {
			if err := f.Compute(txEnv{tx}, &norm, now); err != nil {
				return err
			}
		}
		out = norm
		return nil
	})
	return out, err
}

// withoutRecord is the store as an edit of a record is checked against: the record itself left out, so
// a rule of one record a day (a reading, a handover of a shift) does not find the record being edited.
type withoutRecord struct {
	data.Env
	kind string
	id   uint64
}

func (e withoutRecord) Records(kind string, from, to time.Time) ([]*data.Record, error) {
	rs, err := e.Env.Records(kind, from, to)
	if err != nil || kind != e.kind {
		return rs, err
	}
	out := make([]*data.Record, 0, len(rs))
	for _, r := range rs {
		if r.ID != e.id {
			out = append(out, r)
		}
	}
	return out, nil
}

func (e withoutRecord) Has(kind string, from, to time.Time) (bool, error) {
	if kind != e.kind {
		return e.Env.Has(kind, from, to)
	}
	rs, err := e.Records(kind, from, to)
	return len(rs) > 0, err
}
