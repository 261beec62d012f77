package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"frontdesk/data/forms/building"
	"frontdesk/data/forms/desk"

	"frontdesk/data"

	bolt "go.etcd.io/bbolt"
)

// A step is audited like any change, refused whole on any failure, and moves the open-matter index.
func TestStepIsAuditedAndIndexed(t *testing.T) {
	s, now := openTemp(t)
	v, err := s.Create(clerk, "visitor", visitorInput())
	if err != nil {
		t.Fatal(err)
	}
	due, err := s.Due(clerk, *now)
	if err != nil || len(due) != 1 || due[0].Serial != v.Serial || due[0].State != "在场" || !due[0].Mine {
		t.Fatalf("due after the visit = %+v, %v", due, err)
	}
	// Measured against a later moment, the visit is overdue (4 hours after 09:30).
	if late, _ := s.Due(clerk, now.Add(5*time.Hour)); !late[0].Overdue || *late[0].Minutes != -60 || late[0].State != "逗留超时" {
		t.Errorf("five hours later = %+v", late[0])
	}
	// Refused: an administrator; nothing is written.
	if _, err := step(s, admin, v.Serial, "checkout"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("admin checkout: %v", err)
	}
	if h, _ := s.History("visitor", v.ID); len(h) != 1 {
		t.Errorf("a refused step left %d history entries", len(h))
	}
	*now = now.Add(20 * time.Minute)
	out, err := step(s, clerk, v.Serial, "checkout")
	if err != nil || out.State != "left" || out.Values["exit_time"] != "2026-11-27 09:50" {
		t.Fatalf("checkout = %+v, %v", out, err)
	}
	h, _ := s.History("visitor", v.ID)
	if len(h) != 2 || h[1].Action != "checkout" || ActionText(h[1].Action) != "离开登记" || h[1].User != clerk.Name {
		t.Errorf("history = %+v", h)
	}
	if due, _ := s.Due(clerk, *now); len(due) != 0 {
		t.Errorf("due after checkout = %+v", due)
	}
	// Typing 离开时间 back out by an edit puts the visitor on site again, and into the index.
	in := out.Input()
	delete(in.Values, "exit_time")
	if _, err := s.Update(clerk, "visitor", v.ID, 0, in); err != nil {
		t.Fatal(err)
	}
	if open, _ := s.OpenRecords(clerk, "visitor"); len(open) != 1 {
		t.Errorf("open after the edit: %d", len(open))
	}
	// Voided, it is no open matter.
	if _, err := s.Void(clerk, v.Serial, "重复登记"); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.Due(clerk, *now); len(due) != 0 {
		t.Errorf("due after void = %+v", due)
	}
}

func TestStepsListsWhatThePersonMayDo(t *testing.T) {
	s, _ := openTemp(t)
	p, err := s.Create(clerk, "hotwork", hotInput("2026-11-27 10:00", "2026-11-27 12:00"))
	if err != nil {
		t.Fatal(err)
	}
	keys := func(by data.Actor) []string {
		views, _, err := s.Steps(by, p.Serial)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, v := range views {
			out = append(out, v.Key)
		}
		return out
	}
	if got := keys(clerk); len(got) != 0 {
		t.Errorf("clerk's steps on an application: %v", got)
	}
	if got := keys(supervisor); len(got) != 2 || got[0] != "approve" || got[1] != "reject" {
		t.Errorf("supervisor's steps: %v", got)
	}
}

// A store made before the flows (schema 3, no open index, no states in the records) migrates: every
// slip and permit keeps its state, and every open matter is in the index.
func TestMigrationOfAStoreBeforeFlows(t *testing.T) {
	dir := t.TempDir()
	clock := time.Date(2026, 11, 27, 9, 30, 0, 0, data.Shanghai)
	s, err := Open(dir, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	v := mustCreate(t, s, clerk, "visitor", visitorInput())
	p := mustCreate(t, s, clerk, "hotwork", hotInput("2026-11-27 10:00", "2026-11-27 12:00"))
	if _, err := step(s, supervisor, p.Serial, "approve"); err != nil {
		t.Fatal(err)
	}
	// Make it look as version 3 wrote it.
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketOpen); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(3))
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
	if n, _ := s.Schema(); n != SchemaVersion() {
		t.Errorf("schema %d; want %d", n, SchemaVersion())
	}
	// The two open records, and next month's roster, expected from the 20th and not yet made (after the
	// line saying the store has no backup, first).
	due, err := s.Due(manager, clock)
	if len(due) > 0 && due[0].Kind == BackupMatterKind {
		due = due[1:]
	}
	for i, m := range due {
		if m.Kind == "quality" && m.Serial == "" {
			due = append(due[:i:i], due[i+1:]...) // the month's spot check of the manager's, prompted (D17)
			break
		}
	}
	if err != nil || len(due) != 3 || due[0].Serial != "" || due[0].State != "待编制（2026年12月）" || !due[0].Overdue {
		t.Fatalf("due after migration = %+v, %v", due, err)
	}
	got, _ := s.BySerial(clerk, p.Serial)
	if building.HotWorkStatus(got, clock) != building.HotApproved {
		t.Errorf("permit after migration: %s", building.HotWorkStatus(got, clock))
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after migration: %v %v", probs, err)
	}
	_ = v
}

// A step's rules read the store's settings and secrets inside the step's own transaction: releasing a
// slip whose code was never made yet (never printed) answers at once, and does not wait on itself.
func TestStepRulesReadTheStepsTransaction(t *testing.T) {
	s, _ := openTemp(t)
	registerSlipOwner(t, s)
	rec, err := s.Create(clerk, "release", slipInput())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := step(s, clerk, rec.Serial, "release", "released_by", "门卫老张", "code", "AAAA-BBBB")
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, desk.ErrSlipCode) {
			t.Errorf("release with a made-up code = %v; want the code refused", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the step is still waiting after 10 s: a transaction opened inside another")
	}
	// The secret made inside the step is the one the print uses.
	code, err := desk.SlipCode(s, rec)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := step(s, clerk, rec.Serial, "release", "released_by", "门卫老张", "code", code); err != nil {
		t.Errorf("release with the printed code: %v", err)
	}
}

// Serials come from one allocator: per form and Shanghai day, and with the issuer's code when a second
// desk issues them, so two desks never issue the same serial.
func TestSerialsPerIssuerAndShanghaiDay(t *testing.T) {
	at := time.Date(2026, 12, 1, 2, 0, 0, 0, data.Shanghai) // 18:00 UTC the day before
	open := func(issuer string) *Store {
		s, err := Open(t.TempDir(), Options{Now: func() time.Time { return at }, Issuer: issuer})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	in := visitorInput()
	in.Values["consent_time"], in.Values["entry_time"] = "2026-12-01 01:58", "2026-12-01 02:00"
	for _, tt := range []struct{ issuer, want string }{{"", "LF-20261201-001"}, {"G", "LF-20261201-G001"}} {
		r, err := open(tt.issuer).Create(clerk, "visitor", in)
		if err != nil || r.Serial != tt.want {
			t.Errorf("issuer %q: serial %v, %v; want %s", tt.issuer, r, err, tt.want)
		}
	}
	if _, err := Open(t.TempDir(), Options{Issuer: "gate"}); !errors.Is(err, ErrIssuer) {
		t.Errorf("issuer code \"gate\": %v", err)
	}
}

// check finds an open-matter index that disagrees with the records.
func TestCheckFindsAWrongOpenIndex(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Create(clerk, "visitor", visitorInput())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketOpen).Delete(openKey("visitor", v.ID)) }); err != nil {
		t.Fatal(err)
	}
	probs, err := s.Check()
	s.Close()
	if err != nil || len(probs) != 1 || !strings.Contains(fmt.Sprint(probs), "待办索引缺少") {
		t.Errorf("check = %v, %v; want the missing open matter", probs, err)
	}
}

func TestOpenEntryEncoding(t *testing.T) {
	for _, e := range []data.OpenEntry{
		{Serial: "LF-20261127-001", State: "on_site", Start: time.Date(2026, 11, 27, 1, 30, 0, 0, time.UTC), Who: "前台值班员或客户服务主管"},
		{Serial: "TS-20261127-002", State: "reply", Who: "陈\x1f佳", WhoPerson: true}, // a separator inside a typed name
	} {
		got, err := decodeOpen(encodeOpen(e))
		if err != nil || got.Serial != e.Serial || got.State != e.State || !got.Start.Equal(e.Start) || got.Who != e.Who || got.WhoPerson != e.WhoPerson {
			t.Errorf("round trip of %+v = %+v, %v", e, got, err)
		}
	}
	if _, err := decodeOpen([]byte("garbage")); !errors.Is(err, ErrStoreDamaged) {
		t.Errorf("a damaged entry: %v", err)
	}
}

// A store of schema 8 migrates: the culture plans awaiting the committee (a life they did not have)
// go into the open index, so 今日待办 lists them and the data check finds the index whole.
func TestMigrationToCulturePlansWithALife(t *testing.T) {
	dir := t.TempDir()
	clock := time.Date(2026, 12, 10, 9, 30, 0, 0, data.Shanghai)
	s, err := Open(dir, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	in := data.NewInput()
	in.Values = map[string]string{"year": "2027", "plan_date": "2026-12-10", "budget": "3800.00", "author": "王主管"}
	in.Tables["activities"] = []data.Row{{"month": "1", "name": "新春游园会", "budget": "3000.00"}, {"month": "6", "name": "端午包粽子", "budget": "800.00"}}
	plan := mustCreate(t, s, supervisor, "culture", in)
	// As version 8 left it: the plan had no life, so nothing of it in the open index.
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketOpen); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(bucketOpen); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(8))
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
	due, err := s.Due(manager, clock)
	found := false
	for _, m := range due {
		found = found || m.Serial == plan.Serial
	}
	if err != nil || !found {
		t.Errorf("the plan awaiting the committee is not due after the upgrade: %+v %v", due, err)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check after the upgrade: %v %v", probs, err)
	}
}

// The end of the day: every visitor still on site signed out at one time, in one transaction, each with
// the bulk step in its trail; a time before one of them came in refuses all of them, naming that one.
func TestStepAllSignsOutTheVisitorsOnSite(t *testing.T) {
	s, now := openTemp(t)
	var serials []string
	for i, entry := range []string{"2026-11-27 08:00", "2026-11-27 09:00", "2026-11-27 09:20"} {
		in := visitorInput()
		in.Values["visitor_name"] = []string{"甲", "乙", "丙"}[i]
		in.Values["consent_time"], in.Values["entry_time"] = entry, entry
		serials = append(serials, mustCreate(t, s, clerk, "visitor", in).Serial)
	}
	// 乙 left at the gate already.
	if _, err := s.Step(clerk, serials[1], "checkout", data.NewInput()); err != nil {
		t.Fatal(err)
	}
	at := func(v string) data.Input {
		in := data.NewInput()
		in.Values["exit_time"] = v
		return in
	}
	_, err := s.StepAll(clerk, serials, "checkout_all", at("2026-11-27 09:10"))
	var fe data.FieldErrors
	if !errors.As(err, &fe) || !strings.Contains(fe["exit_time"], "丙") || !strings.Contains(err.Error(), serials[2]) {
		t.Fatalf("a time before 丙 came in: %v", err)
	}
	if open, _ := s.OpenRecords(clerk, "visitor"); len(open) != 2 {
		t.Fatalf("a refused sign-out changed records: %d still on site; want 2", len(open))
	}
	if _, err := s.StepAll(clerk, serials, "checkout_all", at("2026-11-27 09:40")); !errors.As(err, &fe) {
		t.Fatalf("a time still to come: %v", err)
	}
	if _, err := s.StepAll(clerk, serials, "checkout", at("2026-11-27 09:25")); !errors.Is(err, data.ErrUnknownStep) {
		t.Errorf("a step that is not a bulk one: %v", err)
	}
	done, err := s.StepAll(clerk, serials, "checkout_all", at("2026-11-27 09:25"))
	if err != nil || len(done) != 2 {
		t.Fatalf("StepAll: %d changed, %v; want 2", len(done), err)
	}
	if open, _ := s.OpenRecords(clerk, "visitor"); len(open) != 0 {
		t.Errorf("still on site: %d", len(open))
	}
	for i, serial := range serials {
		r, _ := s.BySerial(clerk, serial)
		want := "2026-11-27 09:25"
		if i == 1 {
			want = now.Format(data.LayoutDateTime) // 乙's own leaving stays
		}
		if r.Values["exit_time"] != want {
			t.Errorf("%s exit_time = %q; want %q", serial, r.Values["exit_time"], want)
		}
		h, _ := s.History("visitor", r.ID)
		if i != 1 && h[len(h)-1].Action != "checkout_all" {
			t.Errorf("%s trail ends with %q", serial, h[len(h)-1].Action)
		}
	}
	if _, err := s.StepAll(data.Actor{Login: "x", Name: "无权", Role: ""}, serials, "checkout_all", at("2026-11-27 09:25")); err == nil {
		t.Error("a person without rights signed visitors out")
	}
}
