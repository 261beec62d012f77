package store

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// The fast decoder reads every record as the standard library does: on records of every shape, and
// on thousands of damaged copies of them it never panics, reads what the standard library reads and
// refuses what it refuses, and a copy refused is said to the user as damage.
func TestDecodeRecordAsTheStandardLibrary(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 30, 0, 0, data.Shanghai)
	voided := at.Add(time.Hour)
	recs := []*data.Record{
		{ID: 7, Kind: "visitor", Serial: "LF-20261127-001", Values: map[string]string{"visitor_name": "欧阳娜娜", "note": "引号\"与\\反斜杠\n换行\u2028"},
			Status: data.StatusActive, CreatedAt: at, UpdatedAt: at, Version: 2, EntrySeconds: 41.5},
		{ID: 8, Kind: "release", Serial: "FX-20261127-001", Values: map[string]string{"unit": "3-2-1201"},
			Tables: map[string][]data.Row{"items": {{"name": "冰箱", "qty": "1"}, {"name": "纸箱", "qty": "12"}}},
			Status: data.StatusVoid, VoidReason: "重复", VoidedBy: "王主管", VoidedAt: &voided, CreatedAt: at, Sealed: true,
			Amendments: []data.Amendment{{At: at, By: "王主管", Reason: "改正", Changes: []data.Change{{Field: "unit", Old: "3-2-1202", New: "3-2-1201"}}}},
			Life:       map[string]string{"released_at": "2026-11-27 10:00"}, State: "released", Printed: 3},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, rec := range recs {
		raw, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		var want data.Record
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		got, err := decodeRecord(raw)
		if err != nil || !reflect.DeepEqual(*got, want) || got.Values["note"] != rec.Values["note"] || !got.CreatedAt.Equal(rec.CreatedAt) {
			t.Fatalf("decoded %+v, %v\nwant %+v", got, err, want)
		}
		for i := 0; i < 5000; i++ {
			bad := append([]byte(nil), raw...)
			for n := 1 + rng.IntN(3); n > 0; n-- {
				bad[rng.IntN(len(bad))] = byte(rng.IntN(256))
			}
			if rng.IntN(4) == 0 {
				bad = bad[:rng.IntN(len(bad))]
			}
			var std data.Record
			stdErr := json.Unmarshal(bad, &std)
			fast, fastErr := func() (r *data.Record, err error) {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("the decoder panicked on %q: %v", bad, p)
					}
				}()
				return decodeRecord(bad)
			}()
			if stdErr == nil && fastErr == nil && !reflect.DeepEqual(*fast, std) {
				t.Fatalf("damaged %q read differently:\n%+v\n%+v", bad, *fast, std)
			}
			if stdErr == nil && fastErr != nil {
				t.Fatalf("damaged %q: the standard library reads it, the decoder refuses: %v", bad, fastErr)
			}
			if stdErr != nil && fastErr == nil {
				t.Fatalf("damaged %q: the decoder reads what the standard library refuses (%v)", bad, stdErr)
			}
			if fastErr != nil && (!errors.Is(fastErr, ErrRecordDamaged) || !strings.Contains(Message(fastErr), "损坏")) {
				t.Fatalf("damaged %q: %v says %q", bad, fastErr, Message(fastErr))
			}
		}
	}
}
