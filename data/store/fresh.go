package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"frontdesk/data"
	"math"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The search tokens of a new record are written after its save, not in it. A visitor has about twenty
// tokens, each a key at its own place in a bucket of millions, so writing them in the save dirtied
// some forty pages of the ten-year store for one record, and the clerk waited on all of them being
// written and synced. Now a save writes the record, its time and search-text entries (all appended at
// the end of their buckets) and the audit entry; the indexer adds the tokens of the records saved
// since its last run, a batch in one transaction, in the background.
//
// Search stays exact meanwhile: each form's bucket keeps keyTokUpTo, the highest ID up to which every
// record has its tokens, and a query also verifies every newer ("fresh") record's search text, which
// is a few hundred short entries at most.

// keyTokUpTo, in a form's bucket: every record with an ID up to this one has its search tokens.
// A store from before the indexer has no such key: all its records were indexed in their saves, and
// migration 2→3 records that.
var keyTokUpTo = []byte("tok_upto")

func tokUpTo(fb *bolt.Bucket) uint64 {
	if v := fb.Get(keyTokUpTo); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return math.MaxUint64
}

// indexBatch is how many records one indexer transaction takes. A record's tokens land on some twenty
// random pages of the ten-year index (about 0.45 ms a record, BenchmarkIndexPending), and a save
// waits for the indexer's transaction to end, so a batch is kept to a few milliseconds.
const indexBatch = 8

// errNothingFresh rolls back an indexer transaction that found nothing to do: a commit, even an
// empty one, writes and syncs a meta page.
var errNothingFresh = errors.New("nothing fresh")

// IndexPending adds the search tokens of up to limit fresh records, in one transaction, and returns
// how many it indexed.
func (s *Store) IndexPending(limit int) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		forms := tx.Bucket(bucketForms)
		for _, f := range data.Forms() {
			fb := forms.Bucket([]byte(f.Key))
			if fb == nil {
				continue
			}
			upto := tokUpTo(fb)
			if upto == math.MaxUint64 {
				continue
			}
			c := fb.Bucket(bucketRec).Cursor()
			last := upto
			for k, raw := c.Seek(u64(upto + 1)); k != nil && n < limit; k, raw = c.Next() {
				var r data.Record
				if err := json.Unmarshal(raw, &r); err != nil {
					return fmt.Errorf("index %s record %d: %w", f.Key, binary.BigEndian.Uint64(k), err)
				}
				if err := putTokens(fb, f, &r); err != nil {
					return err
				}
				last = binary.BigEndian.Uint64(k)
				n++
			}
			if last != upto {
				if err := fb.Put(keyTokUpTo, u64(last)); err != nil {
					return fmt.Errorf("index mark of %s: %w", f.Key, err)
				}
			}
		}
		if n == 0 {
			return errNothingFresh
		}
		return nil
	})
	if errors.Is(err, errNothingFresh) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("index fresh records: %w", err)
	}
	return n, nil
}

// IndexPendingAll indexes every fresh record now, a batch a transaction, and returns how many
// (Close, benchmarks and tests; the program otherwise leaves this to the indexer).
func (s *Store) IndexPendingAll() int { return s.indexAll(nil) }

// indexAll indexes batch after batch until a short batch took the last fresh records, or stop is
// closed. An error leaves the records fresh: search still finds them, and the next run retries.
func (s *Store) indexAll(stop <-chan struct{}) int {
	total := 0
	for {
		n, err := s.IndexPending(indexBatch)
		total += n
		if err != nil || n < indexBatch {
			return total
		}
		select {
		case <-stop:
			return total
		default:
		}
	}
}

// Pending is the number of fresh records whose tokens are not yet written.
func (s *Store) Pending() (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, f := range data.Forms() {
			fb := tx.Bucket(bucketForms).Bucket([]byte(f.Key))
			if fb == nil {
				continue
			}
			if upto := tokUpTo(fb); upto != math.MaxUint64 {
				c := fb.Bucket(bucketRec).Cursor()
				for k, _ := c.Seek(u64(upto + 1)); k != nil; k, _ = c.Next() {
					n++
				}
			}
		}
		return nil
	})
	return n, err
}

// freshIDs are the records newer than the token index, newest last.
func freshIDs(fb *bolt.Bucket) []uint64 {
	upto := tokUpTo(fb)
	if upto == math.MaxUint64 {
		return nil
	}
	var ids []uint64
	c := fb.Bucket(bucketText).Cursor()
	for k, _ := c.Seek(u64(upto + 1)); k != nil; k, _ = c.Next() {
		ids = append(ids, binary.BigEndian.Uint64(k))
	}
	return ids
}

// indexDelay is how long the indexer waits after a save, so that a burst of saves is one batch.
const indexDelay = 2 * time.Second

// indexLoop is the background indexer: after a save (kick) it waits indexDelay, then indexes every
// fresh record, a batch a transaction, so a save waiting for the write lock waits for one batch at most.
// It runs until stop is closed; the channels are handed over when it starts, since a faulted Close
// clears the store's field while the loop may still be running.
func (s *Store) indexLoop(stop, done chan struct{}) {
	defer close(done)
	// A damaged page met here, in a goroutine of the store's own, must not end the program: the
	// indexer stops, the records stay fresh (search still finds them), and check names the damage.
	debug.SetPanicOnFault(true)
	defer func() {
		if recover() != nil {
			s.faulted.Store(true) // Close waits on no lock the faulted transaction may keep
		}
	}()
	for {
		select {
		case <-stop:
			return
		case <-s.kick:
		}
		select {
		case <-stop:
			return
		case <-time.After(indexDelay):
		}
		s.indexAll(stop)
	}
}

// kickIndexer tells the indexer that records were saved; it never blocks a save.
func (s *Store) kickIndexer() {
	if s.kick == nil {
		return
	}
	select {
	case s.kick <- struct{}{}:
	default:
	}
}
