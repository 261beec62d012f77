package store

import (
	"encoding/binary"
	"fmt"
	"frontdesk/data"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Summary is a month at the desk: how many records of each form, how complaints were answered (R4.4–R4.6)
// and how long visitor registrations took (R1.3: at most 60 seconds a person).
type Summary struct {
	Month  time.Time
	Counts map[string]int
	Total  int
	// Complaints: received, answered within 2 hours of receipt, answered later, not answered yet, and the
	// valid ones revisited.
	Complaints, RepliedIn2h, RepliedLate, NotReplied, Valid, ValidRevisited int
	// Registrations timed (screen opened → saved): count, median seconds, how many over 60 s.
	Timed, Over60 int
	MedianSeconds float64
}

// MonthSummary counts a month's records from the time indexes (keys only) and reads just the complaints
// and visitors it must look into.
func (s *Store) MonthSummary(by data.Actor, month time.Time) (Summary, error) {
	m := month.In(data.Shanghai)
	from := time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, data.Shanghai)
	return s.Summarize(by, from, from.AddDate(0, 1, 0))
}

// DaySummary is Summarize for one day (the visitor list's footer: today's registrations).
func (s *Store) DaySummary(by data.Actor, day time.Time) (Summary, error) {
	d := day.In(data.Shanghai)
	from := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, data.Shanghai)
	return s.Summarize(by, from, from.AddDate(0, 0, 1))
}

// Summarize covers the records dated from (inclusive) to to (exclusive).
func (s *Store) Summarize(by data.Actor, from, to time.Time) (Summary, error) {
	if err := by.Need(data.PermRecordRead); err != nil {
		return Summary{}, err
	}
	sum := Summary{Month: from, Counts: map[string]int{}}
	lo, hi := timeKey(from), timeKey(to)
	var secs []float64
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
				if f.Key != "complaint" && f.Key != "visitor" {
					continue
				}
				r, err := getRecord(fb, binary.BigEndian.Uint64(k[len(k)-8:]))
				if err != nil {
					return err
				}
				if r.Voided() {
					continue
				}
				if f.Key == "visitor" {
					if r.EntrySeconds > 0 {
						secs = append(secs, r.EntrySeconds)
					}
					continue
				}
				sum.complaint(r)
			}
			sum.Counts[f.Key] = n
			sum.Total += n
		}
		return nil
	})
	if err != nil {
		return sum, fmt.Errorf("month summary %s: %w", from.Format(data.LayoutMonth), err)
	}
	sum.Timed = len(secs)
	if len(secs) > 0 {
		sort.Float64s(secs)
		sum.MedianSeconds = secs[len(secs)/2]
		for _, v := range secs {
			if v > 60 {
				sum.Over60++
			}
		}
	}
	return sum, nil
}

func (sum *Summary) complaint(r *data.Record) {
	sum.Complaints++
	recv, ok1 := data.ParseLocal(data.TypeDateTime, r.Values["received"])
	reply, ok2 := data.ParseLocal(data.TypeDateTime, r.Values["reply_time"])
	switch {
	case !ok1 || !ok2:
		sum.NotReplied++
	case reply.Sub(recv) <= 2*time.Hour:
		sum.RepliedIn2h++
	default:
		sum.RepliedLate++
	}
	if r.Values["validity"] == "有效投诉" {
		sum.Valid++
		if r.Values["revisit"] != "" || r.Values["status"] == "已回访" || r.Values["status"] == "已关闭" {
			sum.ValidRevisited++
		}
	}
}
