package store

import (
	"encoding/binary"
	"fmt"
	"frontdesk/data"
	"time"

	bolt "go.etcd.io/bbolt"
)

// MonthSummary counts a month's records from the time indexes (keys only) and reads just the complaints
// and visitors it must look into.
func (s *Store) MonthSummary(by data.Actor, month time.Time) (data.Summary, error) {
	m := month.In(data.Shanghai)
	from := time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, data.Shanghai)
	return s.Summarize(by, from, from.AddDate(0, 1, 0))
}

// DaySummary is Summarize for one day (the visitor list's footer: today's registrations).
func (s *Store) DaySummary(by data.Actor, day time.Time) (data.Summary, error) {
	d := day.In(data.Shanghai)
	from := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, data.Shanghai)
	return s.Summarize(by, from, from.AddDate(0, 0, 1))
}

// Generation names the store's state: it changes with every save (the last committed transaction),
// so a figure computed at one generation holds until the next.
func (s *Store) Generation() uint64 {
	var g uint64
	_ = s.db.View(func(tx *bolt.Tx) error {
		g = uint64(tx.ID())
		return nil
	})
	return g
}

// Summarize covers the records dated from (inclusive) to to (exclusive).
func (s *Store) Summarize(by data.Actor, from, to time.Time) (data.Summary, error) {
	if err := by.Need(data.PermRecordRead); err != nil {
		return data.Summary{}, err
	}
	sum := data.Summary{Month: from, Counts: map[string]int{}}
	lo, hi := timeKey(from), timeKey(to)
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, f := range data.Forms() {
			fb, err := formBucket(tx, f.Key)
			if err != nil {
				return err
			}
			c := fb.Bucket(bucketTime).Cursor()
			n := 0
			for k, _ := c.Seek(lo); k != nil && string(k[:16]) < string(hi); k, _ = c.Next() {
				n++
				if f.Summarize == nil {
					continue
				}
				r, err := getRecord(fb, binary.BigEndian.Uint64(k[len(k)-8:]))
				if err != nil {
					return err
				}
				if !r.Voided() {
					f.Summarize(r, &sum)
				}
			}
			sum.Counts[f.Key] = n
			sum.Total += n
		}
		return nil
	})
	if err != nil {
		return sum, fmt.Errorf("month summary %s: %w", from.Format(data.LayoutMonth), err)
	}
	sum.Finish()
	return sum, nil
}
