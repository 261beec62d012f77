package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// Compliance is the month's board: every measure of every form worked out of the records as they
// stand now, in one read of the store.
func (s *Store) Compliance(by data.Actor, month time.Time) ([]data.BoardRow, error) {
	if err := by.Need(data.PermCompliance); err != nil {
		return nil, err
	}
	var rows []data.BoardRow
	err := s.db.View(func(tx *bolt.Tx) error {
		m := data.MonthOf(month, s.now())
		rows = data.Board(&memoEnv{Env: txEnv{tx}, settings: map[string]string{}}, m)
		if !m.Over() {
			// The month under way: whether the store has a backup of the last day, first.
			rows = append([]data.BoardRow{s.backupState(tx).row(m.Now)}, rows...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("compliance: %w", err)
	}
	return rows, nil
}

// TrendPoint is one month of a key rate.
type TrendPoint struct {
	Month   time.Time
	Rate    float64 // -1: nothing to measure that month
	Value   string
	Verdict data.Verdict
}

// Trends are the key rates (the measures marked Trend) for the n months up to and including month,
// oldest first, by measure key.
func (s *Store) Trends(by data.Actor, month time.Time, n int) (map[string][]TrendPoint, error) {
	if err := by.Need(data.PermCompliance); err != nil {
		return nil, err
	}
	out := map[string][]TrendPoint{}
	last := data.MonthOf(month, s.now())
	err := s.db.View(func(tx *bolt.Tx) error {
		env := &memoEnv{Env: txEnv{tx}, settings: map[string]string{}}
		for i := n - 1; i >= 0; i-- {
			m := data.MonthOf(last.From.AddDate(0, -i, 0), s.now())
			for _, ms := range data.Measures() {
				if !ms.Trend {
					continue
				}
				fig, err := ms.Of(env, m)
				if err != nil {
					return err
				}
				out[ms.Key] = append(out[ms.Key], TrendPoint{Month: m.From, Rate: fig.Rate, Value: fig.Value, Verdict: fig.Verdict})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("trends: %w", err)
	}
	return out, nil
}
