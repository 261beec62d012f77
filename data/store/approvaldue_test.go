package store

import (
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// A hot-work permit applied for today is due approved by its start: on the supervisor's list, and once
// the supervisor approved evening work, on the manager's, ahead of the day's callbacks; a store from
// before the clock is upgraded so, and passes its check.
func TestHotWorkApprovalOnTheApproversList(t *testing.T) {
	dir := t.TempDir()
	clock := time.Date(2026, 11, 27, 9, 30, 0, 0, data.Shanghai)
	s, err := Open(dir, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	deskAccounts(t, s)
	permit := mustCreate(t, s, clerk, "hotwork", hotInput("2026-11-27 18:30", "2026-11-27 20:30"))
	// As version 9 left it: an application had no clock, its entry no start.
	err = s.db.Update(func(tx *bolt.Tx) error {
		e, _ := data.FormByKey("hotwork")
		entry, _ := e.Open(permit)
		entry.Start = time.Time{}
		if err := tx.Bucket(bucketOpen).Put(openKey("hotwork", permit.ID), encodeOpen(entry)); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(9))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(dir, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	find := func(by data.Actor) *data.Matter {
		due, err := s.Due(by, clock)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range due {
			if m.Serial == permit.Serial {
				if i > 0 && m.Minutes != nil && due[0].Minutes != nil && *due[0].Minutes > *m.Minutes {
					t.Errorf("%s: the permit is not in its place: %+v first", by.Name, due[0])
				}
				return &due[i]
			}
		}
		return nil
	}
	if m := find(supervisor); m == nil || !m.Mine || m.Label != "审批" || !m.Deadline.Equal(time.Date(2026, 11, 27, 18, 30, 0, 0, data.Shanghai)) {
		t.Fatalf("the application on the supervisor's list: %+v", m)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after the upgrade: %v %v", probs, err)
	}
	if _, err := step(s, supervisor, permit.Serial, "approve"); err != nil {
		t.Fatal(err)
	}
	if m := find(manager); m == nil || !m.Mine || m.State != "待经理审批" || m.Minutes == nil || *m.Minutes != 9*60 {
		t.Errorf("the manager's approval on his list: %+v", m)
	}
}
