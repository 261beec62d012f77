package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"frontdesk/data"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestCreateGetUpdateVoid(t *testing.T) {
	s, _ := openTemp(t)
	rec, err := s.Create(clerk, "visitor", visitorInput())
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if rec.Serial != "LF-20261127-001" {
		t.Errorf("serial = %q; want LF-20261127-001", rec.Serial)
	}
	got, err := s.BySerial(clerk, "lf-20261127-001")
	if err != nil || got.Values["visitor_name"] != "张伟" || got.Values["plate"] != "粤B12345" {
		t.Fatalf("BySerial = %+v, %v", got, err)
	}
	in := got.Input()
	in.Values["exit_time"] = "2026-11-27 10:15"
	upd, err := s.Update(clerk, "visitor", got.ID, got.Version, in)
	if err != nil || upd.Version != 2 || upd.Values["exit_time"] != "2026-11-27 10:15" {
		t.Fatalf("Update = %+v, %v", upd, err)
	}
	if _, err := s.Update(clerk, "visitor", got.ID, got.Version, in); !errors.Is(err, ErrConflict) {
		t.Errorf("stale update: err = %v; want ErrConflict", err)
	}
	if _, err := s.Void(supervisor, rec.Serial, "  "); !errors.Is(err, ErrReasonNeeded) {
		t.Errorf("void without reason: %v", err)
	}
	v, err := s.Void(supervisor, rec.Serial, "重复登记")
	if err != nil || !v.Voided() || v.VoidReason != "重复登记" {
		t.Fatalf("Void = %+v, %v", v, err)
	}
	if _, err := s.Void(supervisor, rec.Serial, "again"); !errors.Is(err, ErrVoided) {
		t.Errorf("second void: %v; want ErrVoided", err)
	}
	if _, err := s.Update(clerk, "visitor", got.ID, 0, in); !errors.Is(err, ErrVoided) {
		t.Errorf("update of voided: %v; want ErrVoided", err)
	}
	// A voided record stays listed.
	page, err := s.List(clerk, Query{Kind: "visitor"})
	if err != nil || len(page.Records) != 1 || !page.Records[0].Voided() {
		t.Errorf("List after void = %+v, %v", page, err)
	}
	hist, err := s.History("visitor", got.ID)
	if err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, e := range hist {
		acts = append(acts, e.Action+":"+e.User)
	}
	if strings.Join(acts, ",") != "create:陈佳,update:陈佳,void:王主管" {
		t.Errorf("history = %v", acts)
	}
	if c := hist[1].Changes; len(c) != 1 || c[0].Field != "exit_time" || c[0].New != "2026-11-27 10:15" {
		t.Errorf("update changes = %+v", c)
	}
	if c := hist[0].Changes; strings.Contains(fmt.Sprint(c), "11010519491231002X") {
		t.Errorf("audit trail holds a full ID number: %v", c)
	}
}

func TestInvalidSavesNothing(t *testing.T) {
	s, _ := openTemp(t)
	in := visitorInput()
	in.Values["doc_no"] = "110105194912310021" // wrong check digit
	_, err := s.Create(clerk, "visitor", in)
	var fe data.FieldErrors
	if !errors.As(err, &fe) || !strings.Contains(fe["doc_no"], "校验位") {
		t.Fatalf("Create with bad ID: %v", err)
	}
	if n, _ := s.Count("visitor"); n != 0 {
		t.Errorf("records after refused save = %d; want 0", n)
	}
	if tail, _ := s.AuditTail(5); len(tail) != 0 {
		t.Errorf("audit entries after refused save = %d", len(tail))
	}
	// The refused save did not use up a serial number either.
	rec, err := s.Create(clerk, "visitor", visitorInput())
	if err != nil || rec.Serial != "LF-20261127-001" {
		t.Errorf("first good save = %v, %v", rec, err)
	}
	if !strings.Contains(Message(err), "") || !strings.Contains(Message(fe), "校验位") {
		t.Errorf("Message(%v) lacks the field message", fe)
	}
}

func TestSerialsUniqueUnderConcurrency(t *testing.T) {
	s, _ := openTemp(t)
	const workers, each = 8, 25
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				rec, err := s.Create(clerk, "visitor", visitorInput())
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if seen[rec.Serial] {
					t.Errorf("serial %s issued twice", rec.Serial)
				}
				seen[rec.Serial] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != workers*each || !seen["LF-20261127-200"] {
		t.Errorf("serials = %d; want %d ending at 200", len(seen), workers*each)
	}
}

func TestSerialNeverReusedAfterVoidAndPerDay(t *testing.T) {
	s, now := openTemp(t)
	a := mustCreate(t, s, clerk, "visitor", visitorInput())
	s.Void(supervisor, a.Serial, "错误")
	b := mustCreate(t, s, clerk, "visitor", visitorInput())
	if b.Serial != "LF-20261127-002" {
		t.Errorf("after void: %s; want 002", b.Serial)
	}
	*now = now.Add(24 * time.Hour)
	c := mustCreate(t, s, clerk, "visitor", visitorInput())
	if c.Serial != "LF-20261128-001" {
		t.Errorf("next day: %s; want LF-20261128-001", c.Serial)
	}
}

func TestLockTimeout(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Open(dir, Options{Timeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v; want ErrLocked", err)
	}
	if m := Message(err); !strings.Contains(m, "已在运行") {
		t.Errorf("Message = %q", m)
	}
}

func TestMigrations(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Schema(); v != SchemaVersion() {
		t.Errorf("schema = %d; want %d", v, SchemaVersion())
	}
	// A store from a newer program is refused, not damaged.
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, u64(uint64(SchemaVersion()+1))) })
	s.Close()
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrTooNew) {
		t.Errorf("open newer store: %v; want ErrTooNew", err)
	}
	// Reopening an up-to-date store keeps its records.
	dir2 := t.TempDir()
	s2, _ := Open(dir2, Options{})
	s2.Create(clerk, "visitor", visitorInput())
	s2.Close()
	s3, err := Open(dir2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	if n, _ := s3.Count("visitor"); n != 1 {
		t.Errorf("after reopen: %d records", n)
	}
}

func TestListDateRangeAndSearch(t *testing.T) {
	s, now := openTemp(t)
	people := []struct{ name, phone, plate, unit string }{
		{"张伟", "13812345678", "粤B12345", "3-2-1201"},
		{"欧阳娜娜", "13900005678", "粤A9K77Z", "1-1-101"},
		{"王芳", "13711112222", "", "8-2-1102"},
	}
	for day := 0; day < 3; day++ {
		for _, p := range people {
			in := visitorInput()
			in.Values["visitor_name"], in.Values["phone"], in.Values["host_unit"] = p.name, p.phone, p.unit
			in.Values["plate"] = p.plate
			in.Values["entry_time"] = now.Format(data.LayoutDateTime)
			if _, err := s.Create(clerk, "visitor", in); err != nil {
				t.Fatal(err)
			}
		}
		*now = now.Add(24 * time.Hour)
	}
	d := func(s string) time.Time { t, _ := time.ParseInLocation(data.LayoutDate, s, data.Shanghai); return t }
	tests := []struct {
		q        Query
		want     int
		wantMore bool
	}{
		{Query{}, 9, false},
		{Query{From: d("2026-11-28"), To: d("2026-11-28")}, 3, false},
		{Query{From: d("2026-11-28")}, 6, false},
		{Query{To: d("2026-11-27")}, 3, false},
		{Query{Limit: 4}, 4, true},
		{Query{Text: "张"}, 3, false},
		{Query{Text: "阳娜"}, 3, false},       // any part of a name
		{Query{Text: "5678"}, 6, false},     // last 4 digits of a phone
		{Query{Text: "9k7"}, 3, false},      // any part of a plate, any case
		{Query{Text: "3-2-1201"}, 3, false}, // a unit
		{Query{Text: "8-2"}, 3, false},      // too short to index: scanned and verified
		{Query{Text: "LF-20261128-002"}, 1, false},
		{Query{Text: "张伟 1234"}, 0, false}, // the whole query must appear in one piece
		{Query{Text: "李四"}, 0, false},
		{Query{Text: "5678", From: d("2026-11-29")}, 2, false},
	}
	for _, tt := range tests {
		tt.q.Kind = "visitor"
		page, err := s.List(clerk, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Records) != tt.want || page.More != tt.wantMore {
			t.Errorf("List(%+v) = %d records (more %v); want %d (more %v)", tt.q, len(page.Records), page.More, tt.want, tt.wantMore)
		}
		for i := 1; i < len(page.Records); i++ {
			if page.Records[i].Date(testFormVisitor).After(page.Records[i-1].Date(testFormVisitor)) {
				t.Errorf("List(%+v) not newest first", tt.q)
			}
		}
	}
	// Editing a record moves it in the indexes.
	page, _ := s.List(clerk, Query{Kind: "visitor", Text: "王芳"})
	r := page.Records[0]
	in := r.Input()
	in.Values["visitor_name"] = "王芳芳"
	in.Values["phone"] = "13700009999"
	if _, err := s.Update(clerk, "visitor", r.ID, r.Version, in); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.List(clerk, Query{Kind: "visitor", Text: "2222"}); len(p.Records) != 2 {
		t.Errorf("old phone (last 4 digits) found %d times; want the 2 unchanged records", len(p.Records))
	}
	if p, _ := s.List(clerk, Query{Kind: "visitor", Text: "13711112222"}); len(p.Records) != 2 {
		t.Errorf("old phone in full found %d times; want 2", len(p.Records))
	}
	if p, _ := s.List(clerk, Query{Kind: "visitor", Text: "9999"}); len(p.Records) != 1 {
		t.Errorf("new phone found %d times; want 1", len(p.Records))
	}
}

func TestCheckFindsDirectEdits(t *testing.T) {
	s, _ := openTemp(t)
	for i := 0; i < 3; i++ {
		if _, err := s.Create(clerk, "visitor", visitorInput()); err != nil {
			t.Fatal(err)
		}
	}
	if probs, err := s.Check(); err != nil || len(probs) != 0 {
		t.Fatalf("clean store: %v %v", probs, err)
	}
	// Someone changes a record's bytes with a bbolt tool, bypassing the program.
	s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketRec)
		var r data.Record
		json.Unmarshal(b.Get(u64(2)), &r)
		r.Values["purpose"] = "改过的事由"
		raw, _ := json.Marshal(r)
		return b.Put(u64(2), raw)
	})
	probs, err := s.Check()
	if err != nil || len(probs) != 1 || !strings.Contains(probs[0].String(), "第2条") || !strings.Contains(probs[0].String(), "程序外被改动") {
		t.Fatalf("Check after direct edit = %v, %v", probs, err)
	}
	if quick, err := s.QuickCheck(); err != nil || len(quick) != 1 || !strings.Contains(quick[0].String(), "第2条") {
		t.Fatalf("QuickCheck after direct edit = %v, %v", quick, err)
	}
	// Put it back so the cleanup check passes, then break the audit chain instead.
	s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketRec)
		var r data.Record
		json.Unmarshal(b.Get(u64(2)), &r)
		r.Values["purpose"] = "探亲访友"
		raw, _ := json.Marshal(r)
		b.Put(u64(2), raw)
		a := tx.Bucket(bucketAudit)
		var e AuditEntry
		json.Unmarshal(a.Get(u64(1)), &e)
		e.User = "别人"
		raw, _ = json.Marshal(e)
		return a.Put(u64(1), raw)
	})
	probs, _ = s.Check()
	if len(probs) == 0 || !strings.Contains(probs[0].String(), "审计记录 #1") {
		t.Fatalf("Check after audit edit = %v", probs)
	}
	if quick, _ := s.QuickCheck(); len(quick) == 0 {
		t.Fatal("QuickCheck misses an edited audit entry")
	}
	s.db.Update(func(tx *bolt.Tx) error {
		a := tx.Bucket(bucketAudit)
		var e AuditEntry
		json.Unmarshal(a.Get(u64(1)), &e)
		e.User = "陈佳"
		raw, _ := json.Marshal(e)
		return a.Put(u64(1), raw)
	})
}

func TestSettings(t *testing.T) {
	s, _ := openTemp(t)
	if got := s.Setting(SettingPropertyName, DefaultPropertyName); got != DefaultPropertyName {
		t.Errorf("default = %q", got)
	}
	if err := s.SetSetting(manager, SettingPropertyName, "阳光花园客服中心"); err != nil {
		t.Fatal(err)
	}
	if got := s.Setting(SettingPropertyName, ""); got != "阳光花园客服中心" {
		t.Errorf("after set = %q", got)
	}
}

func TestCompactToKeepsEverything(t *testing.T) {
	s, _ := openTemp(t)
	for i := 0; i < 30; i++ {
		mustCreate(t, s, clerk, "visitor", visitorInput())
	}
	dir := t.TempDir()
	before, after, err := s.CompactTo(manager, dir)
	if err != nil || before == 0 || after == 0 {
		t.Fatalf("CompactTo = %d, %d, %v", before, after, err)
	}
	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n, _ := c.Count("visitor"); n != 30 {
		t.Errorf("compacted copy holds %d visitors", n)
	}
	if probs, err := c.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check of the compacted copy: %v %v", err, probs)
	}
	if _, _, err := s.CompactTo(clerk, t.TempDir()); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk compacts: %v", err)
	}
	// The copy is plaintext: the administrator, who may not read the records, may not take it; the
	// manager's is in the audit trail (#12 item 10).
	if _, _, err := s.CompactTo(admin, t.TempDir()); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("administrator compacts: %v", err)
	}
	tail, _ := s.AuditTail(1)
	if len(tail) != 1 || tail[0].Action != ActionCompact || tail[0].User != manager.Name || !strings.Contains(tail[0].Changes[0].New, filepath.Base(dir)) {
		t.Errorf("audit of the copy: %+v", tail)
	}
}

func TestCheckOutOnce(t *testing.T) {
	s, _ := openTemp(t)
	rec := mustCreate(t, s, clerk, "visitor", visitorInput())
	s.MarkPrinted(clerk, rec.Serial) // a printed record still takes its check-out
	out, err := step(s, clerk, rec.Serial, "checkout")
	if err != nil || out.Values["exit_time"] != "2026-11-27 09:30" {
		t.Fatalf("CheckOut = %+v, %v", out, err)
	}
	if _, err := step(s, clerk, rec.Serial, "checkout"); !errors.Is(err, data.ErrStepState) {
		t.Errorf("second check-out: %v", err)
	}
	msg := mustCreate(t, s, clerk, "message", func() data.Input {
		in := data.NewInput()
		in.Values = map[string]string{"from_name": "张伟", "to_name": "李娜", "content": "x", "time": "2026-11-27 09:00", "clerk": "陈佳"}
		return in
	}())
	if _, err := step(s, clerk, msg.Serial, "checkout"); err == nil {
		t.Error("checked out a message")
	}
	if _, err := step(s, admin, rec.Serial, "checkout"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("admin checks out: %v", err)
	}
}

// An empty or cut-short data file is damage, said in Chinese, and the file is left as it is: never a
// fresh store in its place, never a crash (#12 item 4). A new store appears whole or not at all.
func TestEmptyOrCutShortFileIsDamage(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, DBFileName+".new")); !os.IsNotExist(err) {
		t.Errorf("the new store's temporary file is left: %v", err)
	}
	for i := 0; i < 300; i++ {
		if _, err := s.Create(clerk, "visitor", visitorInput()); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	path := filepath.Join(dir, DBFileName)
	full, _ := os.ReadFile(path)
	for _, size := range []int{0, 4096, len(full) / 2} {
		if err := os.WriteFile(path, full[:size], 0o600); err != nil {
			t.Fatal(err)
		}
		for _, ro := range []bool{false, true} {
			s, err := Open(dir, Options{ReadOnly: ro})
			if err == nil {
				s.Close()
				t.Errorf("size %d read-only %v: opened", size, ro)
				continue
			}
			if m := Message(err); !errors.Is(err, ErrStoreDamaged) || strings.ContainsAny(m, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("size %d read-only %v: %v → %q", size, ro, err, m)
			}
			if b, _ := os.ReadFile(path); len(b) != size {
				t.Fatalf("size %d: the file became %d bytes", size, len(b))
			}
		}
	}
}

// A date out of reason is refused; one an earlier version saved (year 0000, a 17-byte time key) makes
// check fail, and correcting the record makes the store whole again (#12 item 2).
func TestADateOutOfReasonIsRefusedAndOneSavedBeforeCanBeCorrected(t *testing.T) {
	s, now := openTemp(t)
	for _, bad := range []string{"0000-01-01 00:00", "9999-12-31 23:59", now.AddDate(0, 0, 3).Format(data.LayoutDateTime), now.AddDate(-3, 0, 0).Format(data.LayoutDateTime)} {
		in := visitorInput()
		in.Values["entry_time"] = bad
		_, err := s.Create(clerk, "visitor", in)
		var fe data.FieldErrors
		if !errors.As(err, &fe) || !strings.Contains(fe["entry_time"], "合理范围") {
			t.Errorf("entry %s: %v", bad, err)
		}
	}
	if k := timeKey(time.Date(0, 1, 1, 0, 0, 0, 0, data.Shanghai)); len(k) != 16 {
		t.Errorf("time key of year 0: %q", k)
	}
	r, err := s.Create(clerk, "visitor", visitorInput())
	if err != nil {
		t.Fatal(err)
	}
	// As an earlier version saved it: the record, its raw time key, its search text and audit entry.
	f := testFormVisitor
	err = s.db.Update(func(tx *bolt.Tx) error {
		fb := tx.Bucket(bucketForms).Bucket([]byte("visitor"))
		if err := removeIndexes(fb, f, r); err != nil {
			return err
		}
		r.Values["entry_time"] = "0000-01-01 00:00"
		raw, err := putRecord(fb, f, r)
		if err != nil {
			return err
		}
		tk := rawTimeKey(r.Date(f))
		fb.Bucket(bucketTime).Put(idxKey(tk, r.ID), nil)
		fb.Bucket(bucketText).Put(u64(r.ID), append(tk, searchText(f, r)...))
		return appendAudit(tx, AuditEntry{Time: now.UTC(), User: clerk.Name, Login: clerk.Login, Action: ActionUpdate, Kind: "visitor",
			RecordID: r.ID, Serial: r.Serial, RecordHash: hashBytes(raw)})
	})
	if err != nil {
		t.Fatal(err)
	}
	if probs, _ := s.Check(); len(probs) == 0 {
		t.Fatal("check found nothing wrong with a year-0 record")
	}
	in := r.Input()
	in.Values["entry_time"] = "2026-11-27 09:30"
	if _, err := s.Update(supervisor, "visitor", r.ID, r.Version, in); err != nil {
		t.Fatalf("correcting it: %v", err)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("after the correction: %v %v", err, probs)
	}
	if p, _ := s.List(clerk, Query{Kind: "visitor", From: *now, To: *now}); len(p.Records) != 1 {
		t.Errorf("the corrected record in today's list: %d", len(p.Records))
	}
}

// A serial is numbered by the desk's day in Shanghai: a record made at 02:00 on 12-01 (18:00 UTC the day
// before) is the first of 12-01 (#12 item 22).
func TestSerialDayIsShanghaisDay(t *testing.T) {
	s, now := openTemp(t)
	*now = time.Date(2026, 12, 1, 2, 0, 0, 0, data.Shanghai)
	in := visitorInput()
	in.Values["entry_time"], in.Values["consent_time"] = "2026-12-01 02:00", "2026-12-01 01:58"
	r, err := s.Create(clerk, "visitor", in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Serial != "LF-20261201-001" {
		t.Errorf("serial at 02:00 on 12-01: %s", r.Serial)
	}
}

// 经办人 is the person logged in: a clerk cannot name another; a supervisor entering for a clerk
// may, and the record keeps who entered it; an edit by a colleague keeps the name it had (#12 item 11).
func TestHandlerIsThePersonLoggedIn(t *testing.T) {
	s, _ := openTemp(t)
	in := visitorInput()
	in.Values["clerk"] = "周敏"
	if _, err := s.Create(clerk, "visitor", in); !hasFieldError(err, "clerk") {
		t.Errorf("a clerk names another as 经办人: %v", err)
	}
	r, err := s.Create(supervisor, "visitor", in)
	if err != nil || r.Values["clerk"] != "周敏" || r.CreatedBy != supervisor.Name {
		t.Fatalf("a supervisor enters for 周敏: %+v %v", r, err)
	}
	edit := r.Input()
	edit.Values["purpose"] = "送货"
	if r, err = s.Update(clerk, "visitor", r.ID, r.Version, edit); err != nil {
		t.Fatalf("a colleague's edit keeping 经办人: %v", err)
	}
	edit = r.Input()
	edit.Values["clerk"] = "李娜"
	if _, err := s.Update(clerk, "visitor", r.ID, r.Version, edit); !hasFieldError(err, "clerk") {
		t.Errorf("a clerk changes 经办人 to a third person: %v", err)
	}
}

// check survives a data file with any byte changed: it names damage, never crashes. A branch page
// whose element points a key past the file made bbolt's own check, in a goroutine of its own, read
// there and end the program.
func TestCheckSurvivesByteFlips(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 120; i++ {
		in := visitorInput()
		in.Values["visitor_name"] = []string{"张伟", "王芳", "李娜", "欧阳娜娜"}[i%4]
		mustCreate(t, s, clerk, "visitor", in)
	}
	s.Close()
	base, _ := os.ReadFile(filepath.Join(dir, DBFileName))
	ps := os.Getpagesize()
	check := func(b []byte) bool {
		d := t.TempDir()
		os.WriteFile(filepath.Join(d, DBFileName), b, 0o600)
		ro, err := Open(d, Options{ReadOnly: true})
		if err != nil {
			return true
		}
		defer ro.Close()
		probs, err := ro.Check()
		return err != nil || len(probs) > 0
	}
	branches := 0
	inTree := reachedPages(t, filepath.Join(dir, DBFileName))
	for off := 2 * ps; off+ps <= len(base); off += ps {
		if binary.LittleEndian.Uint16(base[off+8:]) != 0x01 || binary.LittleEndian.Uint16(base[off+10:]) == 0 || !inTree.has(uint64(off/ps)) {
			continue // not a branch page, or an old copy in a free page (damage there changes nothing)
		}
		branches++
		b := append([]byte{}, base...)
		binary.LittleEndian.PutUint32(b[off+16:], 0x7ffffff0) // the first key, far past the file
		if !check(b) {
			t.Errorf("a branch page at %d pointing past the file: no damage found", off/ps)
		}
	}
	if branches == 0 {
		t.Fatal("no branch page in the test store")
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 60; i++ {
		b := append([]byte{}, base...)
		b[r.Intn(len(b))] ^= byte(1 + r.Intn(255))
		check(b)
	}
}

// A record's search-text entry cut to two bytes is that record's problem, not the whole file's; a
// record that is not JSON is said in Chinese as damage.
func TestCheckNamesAShortTextEntryAndDamageIsChinese(t *testing.T) {
	s, _ := openTemp(t)
	rec := mustCreate(t, s, clerk, "visitor", visitorInput())
	var orig []byte
	s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketText)
		orig = append([]byte{}, b.Get(u64(rec.ID))...)
		return b.Put(u64(rec.ID), []byte("ab"))
	})
	probs, err := s.Check()
	if err != nil || !strings.Contains(joinProblems(probs), rec.Serial+"：搜索索引与记录不符") {
		t.Errorf("check: %v %v", err, probs)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketText).Put(u64(rec.ID), orig)
	})
	var r data.Record
	jerr := json.Unmarshal([]byte("B{"), &r)
	if m := Message(fmt.Errorf("list visitor: decode record 830: %w", jerr)); !strings.Contains(m, "已损坏") || strings.Contains(m, "invalid") {
		t.Errorf("message: %q", m)
	}
}
