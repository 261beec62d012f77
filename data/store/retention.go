package store

import (
	"encoding/binary"
	"fmt"
	"frontdesk/data"
	"os"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

func retentionKey(kind string) string { return "retention." + kind }

// RetentionMonths is the manager's setting for a form, else its default.
func (s *Store) RetentionMonths(kind string) int {
	f, ok := data.FormByKey(kind)
	if !ok {
		return 0
	}
	return retentionMonths(s, f)
}

func retentionMonths(env data.Env, f *data.Form) int {
	if n, err := strconv.Atoi(env.Setting(retentionKey(f.Key), "")); err == nil && n >= 0 {
		return n
	}
	return f.DefaultRetentionMonths()
}

// SetRetentionMonths sets how long a form's personal fields are kept (manager only); 0 keeps them for good.
func (s *Store) SetRetentionMonths(by data.Actor, kind string, months int) error {
	if err := by.Need(data.PermRetention); err != nil {
		return err
	}
	if _, ok := data.FormByKey(kind); !ok || months < 0 || months > 1200 {
		return fmt.Errorf("retention of %s: %w", kind, ErrAccountInvalid)
	}
	return s.setSetting(by, retentionKey(kind), strconv.Itoa(months))
}

// personal says whether a field holds personal information to be removed at the end of retention:
// names, phones, ID numbers and plates (the unit stays: it is the estate's, not the person's).
func personal(fl data.Field) bool {
	switch fl.Type {
	case data.TypePerson, data.TypePhone, data.TypeIDNumber, data.TypePlate:
		return fl.Default != data.DefaultUser // the clerk's own name is staff data, not the visitor's
	}
	return false
}

// PurgeCount is how many records of a form are past their retention with personal fields to remove.
type PurgeCount struct {
	Kind   string
	Count  int
	Before time.Time // records dated before this
}

// PurgePreview lists what a purge would remove, for the manager to see before it runs.
func (s *Store) PurgePreview(by data.Actor) ([]PurgeCount, error) {
	if err := by.Need(data.PermRetention); err != nil {
		return nil, err
	}
	var out []PurgeCount
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, f := range data.Forms() {
			pc, err := s.purgeKind(tx, f, nil, nil)
			if err != nil {
				return err
			}
			if pc.Count > 0 {
				out = append(out, pc)
			}
		}
		return nil
	})
	return out, err
}

// Purge removes the personal fields of every record past its form's retention and writes one audit entry
// per form saying what was purged and when. The records themselves stay (serials, dates, contents).
func (s *Store) Purge(by data.Actor) ([]PurgeCount, error) {
	if err := by.Need(data.PermRetention); err != nil {
		return nil, err
	}
	var out []PurgeCount
	now := s.now().UTC()
	purged := map[string]bool{}
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, f := range data.Forms() {
			pc, err := s.purgeKind(tx, f, &by, purged)
			if err != nil {
				return err
			}
			if pc.Count == 0 {
				continue
			}
			out = append(out, pc)
			if err := appendAudit(tx, AuditEntry{Time: now, User: by.Name, Login: by.Login, Action: ActionPurge, Kind: f.Key,
				Changes: []data.Change{{Field: "records", New: strconv.Itoa(pc.Count)}, {Field: "before", New: pc.Before.In(data.Shanghai).Format(data.LayoutDate)}}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("purge: %w", err)
	}
	// The drafts go with them: a week old, or of a record cleared (drafts.go).
	list, err := s.purgedDrafts(purged)
	if err != nil {
		return out, fmt.Errorf("purge drafts: %w", err)
	}
	for _, d := range list {
		os.Remove(d.Path)
	}
	return out, nil
}

// purgeKind counts (by == nil) or purges the expired records of one form, walking only the time index
// below the cut-off; serials, when given, hears the serial of each.
func (s *Store) purgeKind(tx *bolt.Tx, f *data.Form, by *data.Actor, serials map[string]bool) (PurgeCount, error) {
	months := retentionMonths(txEnv{tx}, f)
	pc := PurgeCount{Kind: f.Key}
	if months == 0 {
		return pc, nil
	}
	now := s.now().In(data.Shanghai)
	pc.Before = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, data.Shanghai).AddDate(0, -months, 0)
	cut := timeKey(pc.Before)
	fb, err := formBucket(tx, f.Key)
	if err != nil {
		return pc, err
	}
	var ids []uint64
	c := fb.Bucket(bucketTime).Cursor()
	for k, _ := c.First(); k != nil && string(k[:16]) < string(cut); k, _ = c.Next() {
		ids = append(ids, binary.BigEndian.Uint64(k[len(k)-8:]))
	}
	for _, id := range ids {
		r, err := getRecord(fb, id)
		if err != nil {
			return pc, err
		}
		if r.Purged {
			continue
		}
		pc.Count++
		if serials != nil {
			serials[r.Serial] = true
		}
		if by == nil {
			continue
		}
		if err := removeIndexes(fb, f, r); err != nil {
			return pc, err
		}
		for _, fl := range f.Fields {
			if personal(fl) {
				delete(r.Values, fl.Key)
			}
			if fl.Type == data.TypeTable {
				for _, row := range r.Tables[fl.Key] {
					for _, col := range fl.Columns {
						if personal(col) {
							delete(row, col.Key)
						}
					}
				}
			}
		}
		r.Purged = true
		r.Version++
		raw, err := putRecord(fb, f, r)
		if err != nil {
			return pc, err
		}
		if err := addIndexes(fb, f, r, false); err != nil {
			return pc, err
		}
		if err := appendAudit(tx, AuditEntry{Time: s.now().UTC(), User: by.Name, Login: by.Login, Action: ActionPurge, Kind: f.Key,
			RecordID: r.ID, Serial: r.Serial, RecordHash: hashBytes(raw)}); err != nil {
			return pc, err
		}
	}
	return pc, nil
}
