package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"frontdesk/data"
	fastjson "github.com/goccy/go-json"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Errors of the record operations; Message turns them into Chinese.
var (
	ErrNotFound     = errors.New("record not found")
	ErrVoided       = errors.New("record is voided")
	ErrReasonNeeded = errors.New("a reason is needed")
	ErrConflict     = errors.New("record changed by someone else")
	ErrSealed       = errors.New("record is sealed: correct it by an amendment")
)

const timeKeyLayout = "20060102T150405Z"

// timeKey is a moment as the time index keys it: 16 bytes whatever the date (a year before 1 or
// after 9999 would write 17 and fall outside every range; such a date is clamped into the key).
func timeKey(t time.Time) []byte {
	t = t.UTC()
	if lo := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC); t.Before(lo) {
		t = lo
	} else if hi := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC); t.After(hi) {
		t = hi
	}
	return []byte(t.Format(timeKeyLayout))
}

// rawTimeKey is how an earlier version keyed a moment, whatever its width: the entry to remove when a
// record saved with a date out of reason is corrected.
func rawTimeKey(t time.Time) []byte { return []byte(t.UTC().Format(timeKeyLayout)) }

func idxKey(prefix []byte, id uint64) []byte {
	k := make([]byte, 0, len(prefix)+9)
	k = append(k, prefix...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, id)
}

func formBucket(tx *bolt.Tx, kind string) (*bolt.Bucket, error) {
	b := tx.Bucket(bucketForms).Bucket([]byte(kind))
	if b == nil {
		return nil, fmt.Errorf("form %q: %w", kind, data.ErrUnknownForm)
	}
	return b, nil
}

// Create validates and saves a new record, giving it the next serial of its kind and day.
func (s *Store) Create(by data.Actor, kind string, in data.Input) (*data.Record, error) {
	return s.CreateTimed(by, kind, in, 0)
}

// CreateTimed is Create for an entry screen that timed the registration (opened → saved), so the month's
// summary can show how long registrations take (R1.3).
func (s *Store) CreateTimed(by data.Actor, kind string, in data.Input, took time.Duration) (*data.Record, error) {
	f, ok := data.FormByKey(kind)
	if !ok {
		return nil, fmt.Errorf("form %q: %w", kind, data.ErrUnknownForm)
	}
	if err := f.MayWrite(by, in); err != nil {
		return nil, err
	}
	if errs := data.HandlerError(f, by, data.Input{}, in); errs != nil {
		return nil, errs
	}
	var rec *data.Record
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		rec, err = s.createTimed(tx, by, kind, in, s.now(), took, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.kickIndexer()
	return rec, nil
}

// validate is Validate plus the form's rules that depend on the manager's settings and its check
// against the household registry; old is the record as saved before an edit (nil for a new one).
func (s *Store) validate(f *data.Form, in data.Input, now time.Time, env data.Env, old *data.Record) (data.Input, data.FieldErrors) {
	norm, errs := data.Validate(f, in, now)
	for k, m := range f.RegistryErrors(env, norm, old) {
		if _, ok := errs[k]; !ok {
			errs[k] = m
		}
	}
	if f.Rules != nil {
		for k, m := range f.Rules(env, norm) {
			if _, ok := errs[k]; !ok {
				errs[k] = m
			}
		}
	}
	if f.CheckAt != nil {
		for k, m := range f.CheckAt(env, norm, now) {
			if _, ok := errs[k]; !ok {
				errs[k] = m
			}
		}
	}
	// One record a period: after the form's own rules, whose words on its period are the more exact.
	for k, m := range f.PeriodErrors(env, norm) {
		if _, ok := errs[k]; !ok {
			errs[k] = m
		}
	}
	return norm, errs
}

// Draft is one record of a batch: its input, the moment it was made and by whom.
type Draft struct {
	Kind  string
	Input data.Input
	At    time.Time
	By    data.Actor
	Took  time.Duration // how long the registration took, when timed
	// Steps are taken on the new record, in order, each at its own moment (a slip released at the gate).
	Steps []DraftStep
}

// DraftStep is one step of a batch record's life.
type DraftStep struct {
	Key   string
	Input data.Input
	// Fields, when set, gives the step's fields from the record as saved (a slip's code, read off the
	// printed paper in life).
	Fields func(r *data.Record, env data.Env) data.Input
	At     time.Time
	By     data.Actor
}

// CreateBatch saves many records in one transaction, all or none. It is the program's own path for demo
// and scale data, so it checks validation but not permissions.
func (s *Store) CreateBatch(drafts []Draft) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		first := map[string]uint64{}
		for i, d := range drafts {
			// A batch is bulk work nobody waits on at the desk: its tokens go in with it.
			rec, err := s.createTimed(tx, d.By, d.Kind, d.Input, d.At, d.Took, true)
			if err != nil {
				return fmt.Errorf("batch record %d (%s): %w", i+1, d.Kind, err)
			}
			if first[d.Kind] == 0 {
				first[d.Kind] = rec.ID
			}
			if len(d.Steps) == 0 {
				continue
			}
			f, _ := data.FormByKey(d.Kind)
			fb, _ := formBucket(tx, d.Kind)
			for _, st := range d.Steps {
				in := st.Input
				if st.Fields != nil {
					in = st.Fields(rec, txEnv{tx})
				}
				nr, changes, err := f.TakeStep(rec, st.Key, in, st.By, st.At, txEnv{tx})
				if err != nil {
					return fmt.Errorf("batch record %d (%s) step %s: %w", i+1, d.Kind, st.Key, err)
				}
				if err := saveChange(tx, fb, f, nr, st.Key, changes, st.By, st.At); err != nil {
					return err
				}
				rec = nr
			}
		}
		// The batch's records are indexed; where nothing older was fresh, the mark moves past them.
		for kind, id := range first {
			fb, _ := formBucket(tx, kind)
			if tokUpTo(fb) == id-1 {
				if err := fb.Put(keyTokUpTo, u64(fb.Bucket(bucketRec).Sequence())); err != nil {
					return fmt.Errorf("index mark of %s: %w", kind, err)
				}
			}
		}
		return nil
	})
}

// createTimed writes a new record in tx; withTokens writes its search tokens too, instead of leaving
// them to the indexer.
func (s *Store) createTimed(tx *bolt.Tx, by data.Actor, kind string, in data.Input, at time.Time, took time.Duration, withTokens bool) (*data.Record, error) {
	f, ok := data.FormByKey(kind)
	if !ok {
		return nil, fmt.Errorf("form %q: %w", kind, data.ErrUnknownForm)
	}
	if errs := data.TypedAuto(f, in, nil); errs != nil {
		return nil, errs
	}
	norm, errs := s.validate(f, in, at, txEnv{tx}, nil)
	if len(errs) > 0 {
		return nil, errs
	}
	if f.Compute != nil {
		if err := f.Compute(txEnv{tx}, &norm, at); err != nil {
			return nil, err
		}
	}
	fb, err := formBucket(tx, kind)
	if err != nil {
		return nil, err
	}
	id, err := fb.Bucket(bucketRec).NextSequence()
	if err != nil {
		return nil, fmt.Errorf("next id of %s: %w", kind, err)
	}
	serial, err := s.serials(tx).Next(f, at)
	if err != nil {
		return nil, err
	}
	at = at.UTC()
	rec := &data.Record{ID: id, Kind: kind, Serial: serial, Values: norm.Values, Tables: norm.Tables, Status: data.StatusActive,
		CreatedAt: at, CreatedBy: by.Name, CreatedLogin: by.Login, UpdatedAt: at, UpdatedBy: by.Name, Version: 1,
		EntrySeconds: float64(took.Milliseconds()) / 1000}
	if f.Flow != nil {
		rec.State = f.NewState(rec)
	}
	if len(rec.Tables) == 0 {
		rec.Tables = nil
	}
	raw, err := putRecord(fb, f, rec)
	if err != nil {
		return nil, err
	}
	if err := tx.Bucket(bucketSerialIndex).Put([]byte(serial), idxKey([]byte(kind), id)); err != nil {
		return nil, fmt.Errorf("index serial %s: %w", serial, err)
	}
	if err := addIndexes(fb, f, rec, withTokens); err != nil {
		return nil, err
	}
	if err := putOpen(tx, f, rec); err != nil {
		return nil, err
	}
	// The record itself holds what was created; the entry says who and when, and seals the bytes. A
	// record saved against the registry says why in the entry too, where the review of the trail reads it.
	var changes []data.Change
	if why := f.RegistryOverride(norm); why != "" {
		changes = []data.Change{{Field: f.Registry.Reason, New: why}}
	}
	return rec, appendAudit(tx, AuditEntry{Time: at, User: by.Name, Login: by.Login, Action: ActionCreate, Kind: kind, RecordID: id,
		Serial: serial, Changes: changes, RecordHash: hashBytes(raw)})
}

// dayCounters is the store's Serials: one counter per form, issuer and day, in the saving transaction.
type dayCounters struct {
	tx     *bolt.Tx
	issuer string
}

func (c dayCounters) Next(f *data.Form, at time.Time) (string, error) {
	b := c.tx.Bucket(bucketSerials)
	key := []byte(f.Key + "|" + data.SerialDay(at))
	if c.issuer != "" {
		key = append(key, "|"+c.issuer...)
	}
	var n uint64
	if v := b.Get(key); len(v) == 8 {
		n = binary.BigEndian.Uint64(v)
	}
	n++
	serial := data.FormatSerial(f, at, c.issuer, n)
	if c.tx.Bucket(bucketSerialIndex).Get([]byte(serial)) != nil {
		// The counter was set back outside the program: a serial is never issued twice.
		return "", fmt.Errorf("serial %s: %w", serial, ErrSerialTaken)
	}
	if err := b.Put(key, u64(n)); err != nil {
		return "", fmt.Errorf("serial counter of %s: %w", f.Key, err)
	}
	return serial, nil
}

// appendOnly is the fill of buckets written in key order (records by ID, the audit trail): bbolt's
// default of half-full pages doubles their size for nothing, as nothing is inserted between keys.
const appendOnly = 0.95

func putRecord(fb *bolt.Bucket, f *data.Form, rec *data.Record) ([]byte, error) {
	raw, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", rec.Serial, err)
	}
	b := fb.Bucket(bucketRec)
	b.FillPercent = appendOnly
	if err := b.Put(u64(rec.ID), raw); err != nil {
		return nil, fmt.Errorf("write %s: %w", rec.Serial, err)
	}
	return raw, nil
}

// addIndexes writes a record's time and search-text entries, and its search tokens when asked or when
// the record is older than the token index mark (a fresh one's tokens are the indexer's, fresh.go).
func addIndexes(fb *bolt.Bucket, f *data.Form, rec *data.Record, withTokens bool) error {
	tk := timeKey(rec.Date(f))
	tb := fb.Bucket(bucketTime)
	tb.FillPercent = appendOnly // records arrive in time order at a desk
	if err := tb.Put(idxKey(tk, rec.ID), nil); err != nil {
		return fmt.Errorf("time index of %s: %w", rec.Serial, err)
	}
	text := append(append([]byte{}, tk...), searchText(f, rec)...)
	xb := fb.Bucket(bucketText)
	xb.FillPercent = appendOnly
	if err := xb.Put(u64(rec.ID), text); err != nil {
		return fmt.Errorf("search text of %s: %w", rec.Serial, err)
	}
	if err := widenZone(fb, rec.ID, tk, rec.Serial); err != nil {
		return fmt.Errorf("search zone of %s: %w", rec.Serial, err)
	}
	if err := widenGrams(fb, rec.ID, string(text[16:])); err != nil {
		return fmt.Errorf("search zone of %s: %w", rec.Serial, err)
	}
	if !withTokens && rec.ID > tokUpTo(fb) {
		return nil
	}
	return putTokens(fb, f, rec)
}

// putTokens writes a record's search tokens.
func putTokens(fb *bolt.Bucket, f *data.Form, rec *data.Record) error {
	tok := fb.Bucket(bucketTok)
	for _, t := range recordTokens(f, rec) {
		if err := tok.Put(idxKey([]byte(t), rec.ID), nil); err != nil {
			return fmt.Errorf("search index of %s: %w", rec.Serial, err)
		}
	}
	return nil
}

func removeIndexes(fb *bolt.Bucket, f *data.Form, rec *data.Record) error {
	for _, tk := range [][]byte{timeKey(rec.Date(f)), rawTimeKey(rec.Date(f))} {
		if err := fb.Bucket(bucketTime).Delete(idxKey(tk, rec.ID)); err != nil {
			return fmt.Errorf("drop time index of %s: %w", rec.Serial, err)
		}
	}
	tok := fb.Bucket(bucketTok)
	for _, t := range recordTokens(f, rec) {
		if err := tok.Delete(idxKey([]byte(t), rec.ID)); err != nil {
			return fmt.Errorf("drop search index of %s: %w", rec.Serial, err)
		}
	}
	return nil
}

func getRecord(fb *bolt.Bucket, id uint64) (*data.Record, error) {
	raw := fb.Bucket(bucketRec).Get(u64(id))
	if raw == nil {
		return nil, ErrNotFound
	}
	r, err := decodeRecord(raw)
	if err != nil {
		return nil, fmt.Errorf("decode record %d: %w", id, err)
	}
	return r, nil
}

// decodeRecord reads a stored record. It decodes with goccy/go-json, which reads the same JSON as the
// standard library (a test holds the two to the same answers, on damaged bytes too) in half the time:
// the month's board and a year of its rates read every record of the months they measure.
func decodeRecord(raw []byte) (*data.Record, error) {
	var r data.Record
	if err := fastjson.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRecordDamaged, err)
	}
	return &r, nil
}

// ErrRecordDamaged is a stored record that does not read as a record: damage, said as such.
var ErrRecordDamaged = errors.New("stored record damaged")

// Get returns one record.
func (s *Store) Get(by data.Actor, kind string, id uint64) (*data.Record, error) {
	if err := by.Need(data.PermRecordRead); err != nil {
		return nil, err
	}
	var rec *data.Record
	err := s.db.View(func(tx *bolt.Tx) error {
		fb, err := formBucket(tx, kind)
		if err != nil {
			return err
		}
		rec, err = getRecord(fb, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("get %s %d: %w", kind, id, err)
	}
	if f, ok := data.FormByKey(rec.Kind); !ok || !f.MayRead(by, rec) {
		return nil, readRefused(f, by)
	}
	return rec, nil
}

// BySerial finds a record by its serial number (any kind).
func (s *Store) BySerial(by data.Actor, serial string) (*data.Record, error) {
	rec, err := s.bySerial(serial)
	if err != nil {
		return nil, err
	}
	if f, ok := data.FormByKey(rec.Kind); !ok || !f.MayRead(by, rec) {
		return nil, fmt.Errorf("find %s: %w", serial, readRefused(f, by))
	}
	return rec, nil
}

func (s *Store) bySerial(serial string) (*data.Record, error) {
	serial = strings.ToUpper(strings.TrimSpace(serial))
	var rec *data.Record
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSerialIndex).Get([]byte(serial))
		if len(v) < 10 {
			return ErrNotFound
		}
		kind := string(v[:len(v)-9])
		fb, err := formBucket(tx, kind)
		if err != nil {
			return err
		}
		rec, err = getRecord(fb, binary.BigEndian.Uint64(v[len(v)-8:]))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find %s: %w", serial, err)
	}
	return rec, nil
}

// Update validates and saves a corrected record. version is the version the editor started from;
// a record changed meanwhile is refused rather than overwritten.
func (s *Store) Update(by data.Actor, kind string, id uint64, version int, in data.Input) (*data.Record, error) {
	return s.change(by, kind, id, version, in, "")
}

// Amend corrects a sealed record: the new values replace the old, and the amendment keeps what the
// record said before, the reason, who and when.
func (s *Store) Amend(by data.Actor, kind string, id uint64, version int, in data.Input, reason string) (*data.Record, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 200 {
		return nil, fmt.Errorf("amend %s %d: %w", kind, id, ErrReasonNeeded)
	}
	return s.change(by, kind, id, version, in, reason)
}

func (s *Store) change(by data.Actor, kind string, id uint64, version int, in data.Input, reason string) (*data.Record, error) {
	f, ok := data.FormByKey(kind)
	if !ok {
		return nil, fmt.Errorf("form %q: %w", kind, data.ErrUnknownForm)
	}
	if err := f.MayWrite(by, in); err != nil {
		return nil, err
	}
	if reason != "" {
		if err := by.Need(data.PermRecordAmend); err != nil {
			return nil, err
		}
	}
	now := s.now()
	before, err := s.beforeEdit(f, id, reason)
	if err != nil {
		return nil, err
	}
	norm, errs := s.validate(f, in, now, withoutRecord{Env: s, kind: kind, id: id}, before)
	if len(errs) > 0 {
		return nil, errs
	}
	var rec *data.Record
	err = s.db.Update(func(tx *bolt.Tx) error {
		fb, err := formBucket(tx, kind)
		if err != nil {
			return err
		}
		old, err := getRecord(fb, id)
		if err != nil {
			return err
		}
		e := edit{f: f, by: by, old: old, in: in, norm: norm, reason: reason, now: now}
		if err := e.refusal(tx, version, before); err != nil {
			return err
		}
		rec, err = e.save(tx, fb)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("update %s %d: %w", kind, id, err)
	}
	return rec, nil
}

// beforeEdit reads the record as saved before an edit, for the forms whose rules ask: a record no
// longer edited says so before its fields are checked (a fixed record's rules, one approved roster a
// month, would otherwise refuse the edit for the wrong reason), and the registry check asks whether
// the edit touches what was checked when it was made.
func (s *Store) beforeEdit(f *data.Form, id uint64, reason string) (*data.Record, error) {
	if f.Flow == nil && f.Registry == nil {
		return nil, nil
	}
	var before *data.Record
	var fixed error
	if err := s.db.View(func(tx *bolt.Tx) error {
		fb, err := formBucket(tx, f.Key)
		if err != nil {
			return err
		}
		old, err := getRecord(fb, id)
		if err != nil {
			return nil // said by the transaction that saves
		}
		before = old
		if f.Flow != nil && !old.Voided() && f.State(old).Fixed {
			fixed = &data.FixedError{State: f.State(old).Name, Form: f.Title()}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if fixed != nil && reason == "" {
		return nil, fixed
	}
	return before, nil
}

// edit is one change of a saved record, inside the transaction that saves it.
type edit struct {
	f        *data.Form
	by       data.Actor
	old      *data.Record
	in, norm data.Input
	reason   string // an amendment's reason; empty for an edit
	now      time.Time
}

// refusal says why the edit may not be saved (nil when it may): voided, another's handler, changed
// since it was opened, sealed, a field the program fills typed, its life fixed or guarded, the registry.
func (e *edit) refusal(tx *bolt.Tx, version int, before *data.Record) error {
	f, old := e.f, e.old
	if old.Voided() {
		return ErrVoided
	}
	if errs := data.HandlerError(f, e.by, old.Input(), e.norm); errs != nil {
		return errs
	}
	if version != 0 && old.Version != version {
		return ErrConflict
	}
	if old.Sealed && e.reason == "" {
		return ErrSealed
	}
	if errs := data.TypedAuto(f, e.in, old); errs != nil {
		return errs
	}
	if f.Flow != nil {
		if st := f.State(old); st.Fixed {
			return &data.FixedError{State: st.Name, Form: f.Title()}
		}
	}
	if errs := data.GuardError(f, e.by, old, e.norm); errs != nil {
		return errs
	}
	if before == nil || before.Version != old.Version {
		// Changed since it was read before (an edit from the console names no version).
		if errs := f.RegistryErrors(txEnv{tx}, e.norm, old); len(errs) > 0 {
			return errs
		}
	}
	return nil
}

// save writes the edited record with its indexes and its audit entry; an edit that changes nothing
// writes nothing and gives the record as it was.
func (e *edit) save(tx *bolt.Tx, fb *bolt.Bucket) (*data.Record, error) {
	f, old, norm := e.f, e.old, e.norm
	// What the record's life recorded stays; what is computed is computed again.
	for _, fl := range f.Fields {
		if !fl.Auto {
			continue
		}
		if v, ok := old.Values[fl.Key]; ok {
			norm.Values[fl.Key] = v
		}
		if rows, ok := old.Tables[fl.Key]; ok {
			norm.Tables[fl.Key] = rows
		}
	}
	if f.Compute != nil {
		if err := f.Compute(txEnv{tx}, &norm, e.now); err != nil {
			return nil, err
		}
	}
	changes := diff(f, old.Input(), norm)
	if len(changes) == 0 {
		return old, nil
	}
	if err := removeIndexes(fb, f, old); err != nil {
		return nil, err
	}
	nr, action := e.edited(norm, changes)
	raw, err := putRecord(fb, f, &nr)
	if err != nil {
		return nil, err
	}
	if err := addIndexes(fb, f, &nr, false); err != nil {
		return nil, err
	}
	if !old.Date(f).Equal(nr.Date(f)) {
		// A date moved: its block's zone is made exact again, so one mistyped date, corrected,
		// leaves no trace on the speed of every later search.
		if err := rezone(fb, block(old.ID)); err != nil {
			return nil, err
		}
	}
	if err := putOpen(tx, f, &nr); err != nil {
		return nil, err
	}
	if e.reason != "" {
		changes = append(changes, data.Change{Field: "reason", New: e.reason})
	}
	return &nr, appendAudit(tx, AuditEntry{Time: e.now.UTC(), User: e.by.Name, Login: e.by.Login, Action: action, Kind: f.Key,
		RecordID: old.ID, Serial: nr.Serial, Changes: changes, RecordHash: hashBytes(raw)})
}

// edited is the record as the edit leaves it, with the audit action it is recorded under.
func (e *edit) edited(norm data.Input, changes []data.Change) (data.Record, string) {
	f, old := e.f, e.old
	nr := *old
	nr.Values, nr.Tables = norm.Values, norm.Tables
	// What a record holds that its form no longer declares (a free 处理状态 of before) stays.
	for k, v := range old.Values {
		if _, declared := f.Field(k); !declared {
			nr.Values[k] = v
		}
	}
	if len(nr.Tables) == 0 {
		nr.Tables = nil
	}
	nr.UpdatedAt, nr.UpdatedBy, nr.Version = e.now.UTC(), e.by.Name, old.Version+1
	action := ActionUpdate
	if e.reason != "" {
		action = ActionAmend
		nr.Amendments = append(append([]data.Amendment{}, old.Amendments...), data.Amendment{At: e.now.UTC(), By: e.by.Name, Login: e.by.Login, Reason: e.reason, Changes: changes})
	}
	switch {
	case f.Flow == nil:
	case f.Flow.StepsOnly && old.State == "" && f.Flow.Derive != nil:
		// A record of before its form's life: it keeps the state its fields implied, from now on
		// as its own, and only steps move it.
		nr.State = f.State(old).Key
	case f.Flow.StepsOnly && f.Flow.Start != nil && old.State != "" && old.State == f.Flow.Start(old):
		// Still where its intake put it, no step having moved it: an edit of the intake moves it as
		// the intake would have (a check corrected to 不合格 waits for its follow-up).
		if st := f.Flow.Start(&nr); st != "" {
			nr.State = st
		}
	case !f.Flow.StepsOnly && f.Flow.Derive != nil:
		// A life that follows a field the clerk may type (a visitor's 离开时间) follows the edit.
		nr.State = f.Flow.Derive(&nr)
	}
	return nr, action
}

// Void marks a record 作废 with a reason. The record stays, visible as voided.
// Voiding a printed (signed) record, someone else's, or one a step of its life has moved on (a leave
// approved, a handover signed), needs the supervisor; a clerk may void their own record before it is
// printed or acted on (a slip typed wrongly and never handed out).
func (s *Store) Void(by data.Actor, serial, reason string) (*data.Record, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 200 {
		return nil, fmt.Errorf("void %s: %w", serial, ErrReasonNeeded)
	}
	return s.modify(serial, func(f *data.Form, r *data.Record, now time.Time, _ data.Env) (string, []data.Change, error) {
		if r.Voided() {
			return "", nil, ErrVoided
		}
		own := r.CreatedLogin == by.Login && !r.Sealed && f.Untouched(r) && by.Can(data.PermVoidOwnUnsealed)
		if !own && !by.Can(data.PermVoidAny) {
			return "", nil, &data.ForbiddenError{Actor: by, Perm: data.PermVoidAny}
		}
		if !f.MayRead(by, r) {
			return "", nil, readRefused(f, by)
		}
		if p := f.FixedBy(r); p != "" {
			// What the manager approved is withdrawn by whoever may approve it, no one else.
			if err := by.Need(p); err != nil {
				return "", nil, err
			}
		}
		r.Status, r.VoidReason, r.VoidedBy = data.StatusVoid, reason, by.Name
		t := now.UTC()
		r.VoidedAt = &t
		return ActionVoid, []data.Change{{Field: "status", Old: data.StatusActive, New: data.StatusVoid}, {Field: "void_reason", New: reason}}, nil
	}, by)
}

// MarkPrinted counts a print of the record, seals it, and returns it with the new count (1 = first).
func (s *Store) MarkPrinted(by data.Actor, serial string) (*data.Record, error) {
	if err := by.Need(data.PermRecordPrint); err != nil {
		return nil, err
	}
	return s.modify(serial, func(f *data.Form, r *data.Record, now time.Time, _ data.Env) (string, []data.Change, error) {
		if !f.MayRead(by, r) {
			return "", nil, readRefused(f, by)
		}
		r.Printed++
		r.Sealed = true
		return ActionPrint, []data.Change{{Field: "printed", Old: fmt.Sprint(r.Printed - 1), New: fmt.Sprint(r.Printed)}}, nil
	}, by)
}

// modify changes a record's bookkeeping (not its form values) in one transaction with its audit entry.
func (s *Store) modify(serial string, change func(*data.Form, *data.Record, time.Time, data.Env) (string, []data.Change, error), by data.Actor) (*data.Record, error) {
	serial = strings.ToUpper(strings.TrimSpace(serial))
	now := s.now()
	var rec *data.Record
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		rec, err = modifyIn(tx, serial, now, change, by)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", serial, err)
	}
	return rec, nil
}

// modifyIn reads a record by serial, changes it and writes it back with its audit entry, inside the
// caller's transaction.
func modifyIn(tx *bolt.Tx, serial string, now time.Time, change func(*data.Form, *data.Record, time.Time, data.Env) (string, []data.Change, error), by data.Actor) (*data.Record, error) {
	v := tx.Bucket(bucketSerialIndex).Get([]byte(serial))
	if len(v) < 10 {
		return nil, ErrNotFound
	}
	kind := string(v[:len(v)-9])
	f, ok := data.FormByKey(kind)
	if !ok {
		return nil, data.ErrUnknownForm
	}
	fb, err := formBucket(tx, kind)
	if err != nil {
		return nil, err
	}
	r, err := getRecord(fb, binary.BigEndian.Uint64(v[len(v)-8:]))
	if err != nil {
		return nil, err
	}
	action, changes, err := change(f, r, now, txEnv{tx})
	if err != nil {
		return nil, err
	}
	if action == "" {
		return nil, nil // nothing to change
	}
	return r, saveChange(tx, fb, f, r, action, changes, by, now)
}

// saveChange writes a record changed by a step of its life or of its bookkeeping, with its open-matter
// entry and its audit entry, inside the caller's transaction.
func saveChange(tx *bolt.Tx, fb *bolt.Bucket, f *data.Form, r *data.Record, action string, changes []data.Change, by data.Actor, now time.Time) error {
	r.UpdatedAt, r.UpdatedBy, r.Version = now.UTC(), by.Name, r.Version+1
	raw, err := putRecord(fb, f, r)
	if err != nil {
		return err
	}
	if err := putOpen(tx, f, r); err != nil {
		return err
	}
	return appendAudit(tx, AuditEntry{Time: now.UTC(), User: by.Name, Login: by.Login, Action: action, Kind: f.Key, RecordID: r.ID,
		Serial: r.Serial, Changes: changes, RecordHash: hashBytes(raw)})
}

// Query selects records of one kind for a list.
type Query struct {
	Kind string
	// From and To bound the record date, inclusive, as days in the desk's zone; zero means open.
	From, To time.Time
	// Text searches names, phones, units, plates and the serial: any part of them.
	Text  string
	Limit int
}

// Page is one page of a list, newest first.
type Page struct {
	Records []*data.Record
	More    bool // more records match than the limit
}

func (q Query) bounds() (lo, hi []byte) {
	lo = []byte("00000000T000000Z")
	hi = []byte("99999999T999999Z")
	if !q.From.IsZero() {
		d := q.From.In(data.Shanghai)
		lo = timeKey(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, data.Shanghai))
	}
	if !q.To.IsZero() {
		d := q.To.In(data.Shanghai)
		hi = timeKey(time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, data.Shanghai))
	}
	return lo, hi
}

// List returns the newest records matching the query. It reads only the date range's index keys, or the
// posting lists of the query's tokens, never the whole form.
func (s *Store) List(by data.Actor, q Query) (Page, error) {
	return s.ListContext(context.Background(), by, q)
}

// ListContext is List that gives up when ctx is done (a newer keystroke in the search box), with
// ctx's error.
func (s *Store) ListContext(ctx context.Context, by data.Actor, q Query) (Page, error) {
	if err := by.Need(data.PermRecordRead); err != nil {
		return Page{}, err
	}
	if q.Limit <= 0 {
		q.Limit = 200
	}
	f, ok := data.FormByKey(q.Kind)
	if !ok {
		return Page{}, fmt.Errorf("list %s: %w", q.Kind, data.ErrUnknownForm)
	}
	if !f.ReadsAll(by) {
		// The form shows this person only some records (a clerk: the checks of their own work): filter
		// the (small) list record by record.
		want := q.Limit
		q.Limit = 1 << 30
		page, err := s.list(ctx, f, q)
		if err != nil {
			return page, err
		}
		var own []*data.Record
		for _, r := range page.Records {
			if f.MayRead(by, r) {
				own = append(own, r)
			}
		}
		page.More = len(own) > want
		page.Records = own[:min(len(own), want)]
		return page, nil
	}
	return s.list(ctx, f, q)
}

func (s *Store) list(ctx context.Context, f *data.Form, q Query) (Page, error) {
	var page Page
	err := s.db.View(func(tx *bolt.Tx) error {
		fb, err := formBucket(tx, q.Kind)
		if err != nil {
			return err
		}
		lo, hi := q.bounds()
		var ids []uint64
		if strings.TrimSpace(q.Text) == "" {
			ids = scanRange(fb, lo, hi, q.Limit+1, nil)
		} else {
			ids, err = s.search(ctx, tx, fb, f, q, lo, hi)
			if err != nil {
				return err
			}
		}
		if len(ids) > q.Limit {
			page.More = true
			ids = ids[:q.Limit]
		}
		for i, id := range ids {
			if i&63 == 63 && ctx.Err() != nil {
				return ctx.Err()
			}
			r, err := getRecord(fb, id)
			if err != nil {
				return err
			}
			page.Records = append(page.Records, r)
		}
		return nil
	})
	if err != nil {
		return Page{}, fmt.Errorf("list %s: %w", q.Kind, err)
	}
	return page, nil
}

// scanRange walks the time index from the newest key below hi down to lo, keeping IDs that pass keep.
func scanRange(fb *bolt.Bucket, lo, hi []byte, limit int, keep func(id uint64) bool) []uint64 {
	var ids []uint64
	c := fb.Bucket(bucketTime).Cursor()
	k, _ := c.Seek(hi)
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && bytes.Compare(k[:16], lo) >= 0; k, _ = c.Prev() {
		id := binary.BigEndian.Uint64(k[len(k)-8:])
		if keep == nil || keep(id) {
			ids = append(ids, id)
			if len(ids) >= limit {
				break
			}
		}
	}
	return ids
}

// search finds the newest records of the query, walking candidates downwards from the top ID
// (walk.go): the posting lists of the query's tokens, the serials it may be the start of, the records
// newer than the token index, and a serial typed in full. A query with no token (one or two letters or
// digits) reads every record's search text from the newest: a common one (a digit) ends at once, a
// rare one reads to the end.
func (s *Store) search(ctx context.Context, tx *bolt.Tx, fb *bolt.Bucket, f *data.Form, q Query, lo, hi []byte) ([]uint64, error) {
	norm := searchNormalize(q.Text)
	text := fb.Bucket(bucketText)
	zm := s.zones.get(tx, f.Key, fb)
	start := zm.startBelow(hi, fb.Bucket(bucketRec).Sequence())
	var subs []stream
	all := false
	if days, ok := serialDays(f, norm); ok {
		switch key, whole := serialKeyPrefix(f, norm); {
		case days == [2]string{}:
			all = true // the form's letters: every serial starts so
		case whole:
			// The day and part of the number: the few serials in the serial index under that prefix.
			subs = append(subs, serialsUnder(tx, q.Kind, key))
		default:
			subs = append(subs, &textScan{c: text.Cursor(), blocks: zm.dayBlocks(days[0], days[1])})
		}
	}
	tok := fb.Bucket(bucketTok)
	toks := queryTokens(q.Text)
	if len(toks) == 0 {
		// One or two letters or digits: any field may hold them.
		all = true
	} else {
		lists := make(allOf, len(toks))
		for i, t := range toks {
			lists[i] = newPostingList(tok, t)
		}
		subs = append(subs, lists)
	}
	if all {
		return walk(ctx, text, zm, &textScan{c: text.Cursor(), keep: gramFilter(fb, norm)}, start, lo, hi, norm, q.Limit+1)
	}
	if fresh := freshIDs(fb); len(fresh) > 0 {
		subs = append(subs, idList(fresh))
	}
	// A serial number typed in full finds its record through the serial index, whatever its shape.
	if v := tx.Bucket(bucketSerialIndex).Get([]byte(strings.ToUpper(strings.TrimSpace(q.Text)))); len(v) > 9 && string(v[:len(v)-9]) == q.Kind {
		subs = append(subs, idList{binary.BigEndian.Uint64(v[len(v)-8:])})
	}
	return walk(ctx, text, zm, &anyOf{subs: subs}, start, lo, hi, norm, q.Limit+1)
}

// Count returns how many records of a kind are stored (voided included).
func (s *Store) Count(kind string) (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		fb, err := formBucket(tx, kind)
		if err != nil {
			return err
		}
		n = fb.Bucket(bucketRec).Stats().KeyN
		return nil
	})
	return n, err
}

// Arrive records what a person's login at the desk makes (their arrival for the shift), in one
// transaction with its audit entries; nothing when the rules expect nothing.
func (s *Store) Arrive(a data.Actor) ([]*data.Record, error) {
	if !a.Can(data.PermRecordWrite) {
		return nil, nil
	}
	now := s.now()
	// Asked in a read first: a login with nothing to record writes nothing.
	asks := func(tx *bolt.Tx) (map[string][]data.Input, error) {
		out := map[string][]data.Input{}
		for _, f := range data.Forms() {
			if f.AtLogin == nil {
				continue
			}
			ins, err := f.AtLogin(txEnv{tx}, a, now)
			if err != nil {
				return nil, err
			}
			if len(ins) > 0 {
				out[f.Key] = ins
			}
		}
		return out, nil
	}
	var todo map[string][]data.Input
	if err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		todo, err = asks(tx)
		return err
	}); err != nil || len(todo) == 0 {
		if err != nil {
			return nil, fmt.Errorf("arrival of %s: %w", a.Login, err)
		}
		return nil, nil
	}
	var out []*data.Record
	err := s.db.Update(func(tx *bolt.Tx) error {
		todo, err := asks(tx) // again, in the writing transaction: another login may have recorded it
		if err != nil {
			return err
		}
		for _, f := range data.Forms() {
			for _, in := range todo[f.Key] {
				if err := f.MayWrite(a, in); err != nil {
					continue
				}
				r, err := s.createTimed(tx, a, f.Key, in, now, 0, false)
				if err != nil {
					return err
				}
				out = append(out, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("arrival of %s: %w", a.Login, err)
	}
	if len(out) > 0 {
		s.kickIndexer()
	}
	return out, nil
}
