package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"frontdesk/data"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func findSerials(t *testing.T, s *Store, q string) []string {
	t.Helper()
	p, err := s.List(data.System, Query{Kind: "visitor", Text: q})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range p.Records {
		out = append(out, r.Serial)
	}
	return out
}

// Fresh records are found by every kind of search before the indexer ran, and the same after it.
func TestFreshRecordsAreFoundBeforeAndAfterIndexing(t *testing.T) {
	s, _ := openTemp(t)
	clerk := data.Actor{Login: "c", Name: "陈佳", Role: data.RoleClerk}
	in := visitorInput()
	first, err := s.Create(clerk, "visitor", in)
	if err != nil {
		t.Fatal(err)
	}
	in.Values["visitor_name"], in.Values["phone"] = "欧阳娜娜", "13900004321"
	second, err := s.Create(clerk, "visitor", in)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Pending(); n != 2 {
		t.Fatalf("pending = %d; want 2 (a save writes no tokens)", n)
	}
	queries := map[string][]string{"欧阳": {second.Serial}, "4321": {second.Serial}, "张伟": {first.Serial},
		"3-2-1201": {second.Serial, first.Serial}, strings.ToLower(first.Serial): {first.Serial}}
	check := func(when string) {
		for q, want := range queries {
			if got := findSerials(t, s, q); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: search %q = %v; want %v", when, q, got, want)
			}
		}
	}
	check("fresh")
	// A fresh record corrected before indexing is indexed as it is now.
	in.Values["visitor_name"] = "欧阳明"
	if _, err := s.Update(clerk, "visitor", second.ID, second.Version, in); err != nil {
		t.Fatal(err)
	}
	queries["欧阳"] = []string{second.Serial}
	queries["娜娜"] = nil
	check("fresh, corrected")
	if n, err := s.IndexPending(indexBatch); n != 2 || err != nil {
		t.Fatalf("indexed %d, %v", n, err)
	}
	if n, _ := s.Pending(); n != 0 {
		t.Fatalf("pending after indexing = %d", n)
	}
	check("indexed")
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check: %v %v", err, probs)
	}
	// An indexed record corrected: its tokens follow at once.
	in.Values["visitor_name"] = "司马光"
	if _, err := s.Update(clerk, "visitor", second.ID, second.Version+1, in); err != nil {
		t.Fatal(err)
	}
	if got := findSerials(t, s, "司马"); len(got) != 1 {
		t.Errorf("corrected indexed record: %v", got)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check: %v %v", err, probs)
	}
}

// The background indexer writes the tokens soon after a save; a clean close leaves nothing fresh.
func TestIndexerRunsAfterSavesAndCloseFlushes(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Create(data.System, "visitor", visitorInput()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, _ := s.Pending()
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the indexer did not index the saved record")
		}
		time.Sleep(50 * time.Millisecond)
	}
	for i := 0; i < 3; i++ {
		if _, err := s.Create(data.System, "visitor", visitorInput()); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Pending(); n != 0 {
		t.Fatalf("after a clean close %d records are fresh", n)
	}
}

// Migration 2→3 marks every record of an older store as indexed; a damaged token index is found.
func TestTokenMarkMigrationAndCheck(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.Create(data.System, "visitor", visitorInput())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Back to schema 2, as a store written by the program before the indexer.
	db, err := bolt.Open(filepath.Join(dir, DBFileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		tx.Bucket(bucketMeta).Put(keySchema, u64(2))
		return tx.Bucket(bucketForms).Bucket([]byte("visitor")).Delete(keyTokUpTo)
	})
	db.Close()
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var upto uint64
	s.db.View(func(tx *bolt.Tx) error {
		upto = binary.BigEndian.Uint64(tx.Bucket(bucketForms).Bucket([]byte("visitor")).Get(keyTokUpTo))
		return nil
	})
	if upto != rec.ID {
		t.Fatalf("mark after migration = %d; want %d", upto, rec.ID)
	}
	// A token of an indexed record lost: check says so.
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketTok).Delete(idxKey([]byte("张"), rec.ID))
	})
	probs, err := s.Check()
	if err != nil || len(probs) != 1 || !strings.Contains(probs[0].Message, "搜索词索引缺失") {
		t.Fatalf("check: %v %+v", err, probs)
	}
	s.Close()
}

// Search answers what a scan of every record would, for common and rare terms, whichever way it
// takes (verifying every candidate, or walking the dates for a common name), indexed or fresh.
func TestSearchAgreesWithAFullScan(t *testing.T) {
	s, now := openTemp(t)
	clerk := data.Actor{Login: "c", Name: "陈佳", Role: data.RoleClerk}
	names := []string{"张伟", "张伟", "张伟", "王芳", "张伟明", "李娜", "张伟", "欧阳娜娜"}
	var all []*data.Record
	base := *now
	for i := 0; i < 120; i++ {
		in := visitorInput()
		in.Values["visitor_name"] = names[i%len(names)]
		in.Values["phone"] = fmt.Sprintf("139%08d", i%17)
		// Entry times out of ID order now and then, as a late registration of an earlier visit is.
		*now = base.Add(time.Duration(i) * time.Hour)
		at := base.Add(time.Duration(i)*time.Hour - time.Duration(i%5)*3*time.Hour)
		in.Values["entry_time"] = at.Format(data.LayoutDateTime)
		in.Values["consent_time"] = at.Format(data.LayoutDateTime)
		r, err := s.Create(clerk, "visitor", in)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
		if i == 80 {
			s.IndexPendingAll() // the older ones indexed, the newer fresh
		}
	}
	f := testFormVisitor
	expect := func(q string, limit int, from, to time.Time) []string { return scanSearch(f, all, q, limit, from, to) }
	day := func(d int) time.Time { return time.Date(2026, 11, 27+d, 0, 0, 0, 0, data.Shanghai) }
	for _, q := range []string{"张伟", "伟", "欧阳", "娜娜", "0005", "3-2-1201", "王芳"} {
		for _, limit := range []int{1, 3, 10, 200} {
			for _, rng := range [][2]time.Time{{}, {day(1), day(3)}} {
				p, err := s.List(clerk, Query{Kind: "visitor", Text: q, Limit: limit, From: rng[0], To: rng[1]})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, r := range p.Records {
					got = append(got, r.Serial)
				}
				if want := expect(q, limit, rng[0], rng[1]); strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("%q limit %d range %v: got %v\nwant %v", q, limit, rng, got, want)
				}
			}
		}
	}
}

// Every prefix of what a desk types, over enough records to fill many search zones, with dates out
// of ID order both ways (a late registration of an old visit; a record edited to a later date), some
// records fresh and the rest indexed, in whole and in date ranges, at several page sizes: the search
// answers exactly what a scan of every record would.
func TestSearchPrefixesAgreeWithAFullScan(t *testing.T) {
	s, now := openTemp(t)
	names := []string{"张伟", "王芳", "张伟明", "李娜", "欧阳娜娜", "王小芳"}
	plates := []string{"粤B12345", "京A·8K3J9", "粤B1Q886", "沪C77777", ""}
	units := []string{"5-2-501", "5-2-502", "3-2-1201", "15-1-101"}
	base := time.Date(2026, 11, 1, 8, 0, 0, 0, data.Shanghai)
	var drafts []Draft
	for i := 0; i < 1400; i++ {
		at := base.Add(time.Duration(i) * 23 * time.Minute)
		entry := at
		if i%97 == 5 {
			entry = at.AddDate(0, 0, -6) // registered late
		}
		in := visitorInput()
		in.Values["visitor_name"] = names[(i*7)%len(names)]
		in.Values["phone"] = fmt.Sprintf("138%08d", (i*7919)%100000)
		in.Values["plate"] = plates[i%len(plates)]
		in.Values["host_unit"] = units[(i/3)%len(units)]
		in.Values["entry_time"] = entry.Format(data.LayoutDateTime)
		in.Values["consent_time"] = entry.Format(data.LayoutDateTime)
		drafts = append(drafts, Draft{Kind: "visitor", Input: in, At: at, By: clerk})
	}
	if err := s.CreateBatch(drafts); err != nil {
		t.Fatal(err)
	}
	// A few saved one by one at the desk, left fresh.
	*now = base.Add(1400 * 23 * time.Minute)
	for i := 0; i < 5; i++ {
		in := visitorInput()
		in.Values["entry_time"] = now.Add(-time.Duration(i) * time.Hour).Format(data.LayoutDateTime)
		in.Values["consent_time"] = in.Values["entry_time"]
		if _, err := s.Create(clerk, "visitor", in); err != nil {
			t.Fatal(err)
		}
	}
	var all []*data.Record
	load := func() {
		all = nil
		for id := uint64(1); id <= 1405; id++ {
			r, err := s.Get(clerk, "visitor", id)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, r)
		}
	}
	f := testFormVisitor
	expect := func(q string, limit int, from, to time.Time) []string { return scanSearch(f, all, q, limit, from, to) }
	var queries []string
	for _, typed := range []string{"粤B12345", "京A·8K3", "张伟明", "王小芳", "13800001234", "5-2-501", "15-1-101",
		"LF-20261105-003", "20261112-01", "沪C7", "Q88", "欧阳娜娜", "IO", "99999"} {
		r := []rune(typed)
		for i := 1; i <= len(r); i++ {
			queries = append(queries, string(r[:i]))
		}
	}
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, data.Shanghai) }
	compare := func(when string) {
		load()
		compared := 0
		for _, q := range queries {
			for _, limit := range []int{1, 50, 200} {
				for _, rng := range [][2]time.Time{{}, {day(8), day(12)}, {day(20), {}}} {
					p, err := s.List(supervisor, Query{Kind: "visitor", Text: q, Limit: limit, From: rng[0], To: rng[1]})
					if err != nil {
						t.Fatal(err)
					}
					var got []string
					for _, r := range p.Records {
						got = append(got, r.Serial)
					}
					want := expect(q, limit, rng[0], rng[1])
					if strings.Join(got, ",") != strings.Join(want, ",") {
						t.Errorf("%s: %q limit %d range %v: got %d %v\nwant %d %v", when, q, limit, rng, len(got), got, len(want), want)
					}
					compared += len(want)
				}
			}
		}
		if compared < 10000 {
			t.Fatalf("%s: only %d rows compared: the test data finds too little", when, compared)
		}
	}
	compare("dates nearly in ID order")
	// An early record moved to a late date: its zone widens, and it still comes first.
	early, err := s.Get(clerk, "visitor", 3)
	if err != nil {
		t.Fatal(err)
	}
	in := data.Input{Values: map[string]string{}, Tables: early.Tables}
	for k, v := range early.Values {
		in.Values[k] = v
	}
	in.Values["entry_time"] = now.Add(-30 * time.Minute).Format(data.LayoutDateTime)
	in.Values["consent_time"] = in.Values["entry_time"]
	if _, err := s.Update(supervisor, "visitor", 3, early.Version, in); err != nil {
		t.Fatal(err)
	}
	compare("an early record moved late")
}

// Migration 4→5 gives an older store its zones and writes its search tokens anew (any part of a
// phone or unit), dropping the tokens of the old kinds; after it, opening the store writes nothing.
func TestZoneMigrationAndReadOnlyOpen(t *testing.T) {
	dir := t.TempDir()
	clock := time.Date(2026, 11, 27, 9, 30, 0, 0, data.Shanghai)
	s, err := Open(dir, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 600; i++ {
		in := visitorInput()
		in.Values["phone"] = fmt.Sprintf("139%08d", i)
		if _, err := s.Create(clerk, "visitor", in); err != nil {
			t.Fatal(err)
		}
		if i == 400 {
			s.IndexPendingAll()
		}
	}
	// Make it look as version 4 wrote it: no zones, tokens of the old kinds, the newest not indexed.
	err = s.db.Update(func(tx *bolt.Tx) error {
		fb := tx.Bucket(bucketForms).Bucket([]byte("visitor"))
		if err := fb.DeleteBucket(bucketZone); err != nil {
			return err
		}
		tok := fb.Bucket(bucketTok)
		c := tok.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return err
			}
		}
		if err := tok.Put(idxKey([]byte("#0123"), 5), nil); err != nil {
			return err
		}
		if err := fb.Put(keyTokUpTo, u64(401)); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(4))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A backup taken before the upgrade is such a store: checked as it is (read-only, no upgrade), it
	// is not held against the indexes of now.
	ro, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if probs, err := ro.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check of the older store: %v %v", err, probs)
	}
	ro.Close()
	// Rebuild in many small passes and transactions.
	defer func(r, x int) { rebuildRange, rebuildTx = r, x }(rebuildRange, rebuildTx)
	rebuildRange, rebuildTx = 500, 70
	var reports [][2]int
	s, err = Open(dir, Options{Now: func() time.Time { return clock }, Progress: func(done, total int) { reports = append(reports, [2]int{done, total}) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) < 10 || reports[0] != [2]int{0, 0} || reports[len(reports)-1][0] != reports[len(reports)-1][1] {
		t.Errorf("progress reports %v (the first says at once that an upgrade runs)", reports)
	}
	// A power cut in the middle of the rebuild: the mark stands at a range, the keys from it on are
	// not written. The next Open goes on from the mark.
	s.db.Update(func(tx *bolt.Tx) error {
		fb := tx.Bucket(bucketForms).Bucket([]byte("visitor"))
		c := fb.Bucket(bucketTok).Cursor()
		for k, _ := c.Seek([]byte("3")); k != nil; k, _ = c.Seek([]byte("3")) {
			c.Delete()
		}
		return fb.Put(keyRebuild, []byte{'2', 0, 0, 0, 0, 0, 0, 0, 0, 0})
	})
	s.Close()
	s, err = Open(dir, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Schema(); n != SchemaVersion() {
		t.Errorf("schema %d; want %d", n, SchemaVersion())
	}
	if n, _ := s.Pending(); n != 0 {
		t.Errorf("%d records left without tokens", n)
	}
	s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketTok).Get(idxKey([]byte("#0123"), 5)) != nil {
			t.Error("a token of the old kind survived")
		}
		return nil
	})
	for q, want := range map[string]int{"1390000012": 10, "00000599": 1, "3-2-12": 600, "张伟": 600} {
		p, err := s.List(clerk, Query{Kind: "visitor", Text: q, Limit: 1000})
		if err != nil || len(p.Records) != want {
			t.Errorf("%q after migration: %d records, %v; want %d", q, len(p.Records), err, want)
		}
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after migration: %v %v", probs, err)
	}
	s.Close()

	// An up-to-date store is only read by opening, listing, searching and closing it.
	before, err := os.ReadFile(filepath.Join(dir, DBFileName))
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "张", "1390", "LF-2026"} {
		if _, err := s.List(clerk, Query{Kind: "visitor", Text: q, Limit: 50}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	after, _ := os.ReadFile(filepath.Join(dir, DBFileName))
	if !bytes.Equal(before, after) {
		t.Error("opening and searching an up-to-date store changed its file")
	}
}

// A zone that no longer covers its records (changed outside the program) is reported by check, and a
// search still finds every record: a block without a zone is taken to hold any date.
func TestDamagedZonesCostSpeedNotRecords(t *testing.T) {
	s, _ := openTemp(t)
	var last *data.Record
	for i := 0; i < 3; i++ {
		r, err := s.Create(clerk, "visitor", visitorInput())
		if err != nil {
			t.Fatal(err)
		}
		last = r
	}
	narrow := zone{}
	copy(narrow.minTK[:], "20000101T000000Z")
	copy(narrow.maxTK[:], "20000101T000000Z")
	copy(narrow.minDay[:], "20000101")
	copy(narrow.maxDay[:], "20000101")
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketZone).Put(u64(0), narrow.encode())
	})
	probs, err := s.Check()
	if err != nil || len(probs) != 3 || !strings.Contains(probs[0].Message, "搜索分段索引") {
		t.Fatalf("check: %v %+v", err, probs)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketZone).Delete(u64(0))
	})
	for _, q := range []string{"张伟", "LF-2026", "3-2"} {
		if p, err := s.List(clerk, Query{Kind: "visitor", Text: q}); err != nil || len(p.Records) != 3 || p.Records[0].ID != last.ID {
			t.Errorf("%q with the zone gone: %d records, %v", q, len(p.Records), err)
		}
	}
	// Built again from the search-text entries (as migration 4→5 and an open of a store without its
	// zones do), the zones satisfy check again.
	s.db.Update(func(tx *bolt.Tx) error {
		return buildZones(tx.Bucket(bucketForms).Bucket([]byte("visitor")))
	})
}

func TestRebuildFill(t *testing.T) {
	for _, c := range []struct {
		keys, old uint64
		want      float64
	}{
		{800, 1000, 0.8}, // the new index fills the old one's room
		{2000, 1000, 1},  // bigger than the old: full pages
		{100, 1000, 0.5}, // much smaller: never emptier than bbolt's default
		{100, 0, 1},      // no old index
	} {
		if got := rebuildFill(c.keys, c.old); got != c.want {
			t.Errorf("rebuildFill(%d, %d) = %v; want %v", c.keys, c.old, got, c.want)
		}
	}
}

// A date typed far ahead widens its block's zone, and every search walks down to it; corrected, the
// zone is exact again.
func TestACorrectedDateNarrowsItsZone(t *testing.T) {
	s, now := openTemp(t)
	var ids []uint64
	for i := 0; i < 5; i++ {
		r, err := s.Create(clerk, "visitor", visitorInput())
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	maxOf := func() string {
		var z zone
		s.db.View(func(tx *bolt.Tx) error {
			z, _ = decodeZone(tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketZone).Get(u64(0)))
			return nil
		})
		return string(z.maxTK[:])
	}
	want := maxOf()
	edit := func(entry string) {
		r, err := s.Get(clerk, "visitor", ids[1])
		if err != nil {
			t.Fatal(err)
		}
		in := r.Input()
		in.Values["entry_time"], in.Values["consent_time"] = entry, entry
		if _, err := s.Update(supervisor, "visitor", r.ID, r.Version, in); err != nil {
			t.Fatal(err)
		}
	}
	*now = now.AddDate(0, 0, 2)
	edit(now.Add(time.Hour).Format(data.LayoutDateTime)) // a slip of the finger: two days on
	if maxOf() == want {
		t.Fatal("the zone did not take in the later date")
	}
	edit("2026-11-27 09:30")
	if got := maxOf(); got != want {
		t.Errorf("zone max after the correction %s; want %s", got, want)
	}
}

// A form that lost one of its buckets (damage) opens without a crash: the bucket comes back empty,
// a search answers, and the message of an unfinished index is Chinese.
func TestAFormMissingABucketOpens(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Create(clerk, "visitor", visitorInput()); err != nil {
		t.Fatal(err)
	}
	s.IndexPendingAll()
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketForms).Bucket([]byte("visitor")).DeleteBucket(bucketText)
	})
	s.Close()
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.List(clerk, Query{Kind: "visitor", Text: "张伟"}); err != nil {
		t.Fatal(err)
	}
	if m := Message(fmt.Errorf("rebuild: %w: %w", ErrIndexIncomplete, errors.New("boom"))); strings.ContainsAny(m, "abcdefghijklmnopqrstuvwxyz") {
		t.Errorf("message %q", m)
	}
}

// scanSearch is what a search must answer, by a scan of every record: the newest limit records dated
// in [from, to] whose search text matches q, newest first.
func scanSearch(f *data.Form, all []*data.Record, q string, limit int, from, to time.Time) []string {
	var hits []*data.Record
	for _, r := range all {
		d := r.Date(f)
		if (!from.IsZero() && d.Before(from)) || (!to.IsZero() && !d.Before(to.AddDate(0, 0, 1))) {
			continue
		}
		if matches(searchText(f, r), searchNormalize(q)) {
			hits = append(hits, r)
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		di, dj := hits[i].Date(f), hits[j].Date(f)
		if !di.Equal(dj) {
			return di.After(dj)
		}
		return hits[i].ID > hits[j].ID
	})
	var out []string
	for i, r := range hits {
		if i == limit {
			break
		}
		out = append(out, r.Serial)
	}
	return out
}
