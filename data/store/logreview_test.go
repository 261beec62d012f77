package store

import (
	"errors"
	"testing"
	"time"

	"frontdesk/data"
)

// The day's log on the supervisor's due list until read, in the store: the clerk hands it in, the
// supervisor alone signs it, and the line leaves the list; the clerk's list never shows it.
func TestLogReadingInStore(t *testing.T) {
	s, now := openTemp(t)
	log := data.NewInput()
	log.Values = map[string]string{"time": "2026-11-27 09:00", "shift": "早班", "event_type": "报修", "urgency": "一般",
		"summary": "2-1-802 漏水，已通知工程部", "status": "跟进中", "clerk": "陈佳"}
	if _, err := s.Create(clerk, "duty_log", log); err != nil {
		t.Fatal(err)
	}
	expected := func(by data.Actor) []data.Matter {
		t.Helper()
		ms, err := s.Due(by, *now)
		if err != nil {
			t.Fatal(err)
		}
		var out []data.Matter
		for _, m := range ms {
			if m.Kind == "log_read" {
				out = append(out, m)
			}
		}
		return out
	}
	if ms := expected(supervisor); len(ms) != 1 || ms[0].Serial != "" || ms[0].State != "待查阅（11月27日，1条）" || ms[0].Overdue {
		t.Fatalf("supervisor's due = %+v", ms)
	}
	if ms := expected(clerk); len(ms) != 0 {
		t.Errorf("the clerk's due list shows the reading: %+v", ms)
	}
	// The clerk hands the day's log in: now a record waits for the supervisor.
	*now = time.Date(2026, 11, 27, 17, 0, 0, 0, data.Shanghai)
	in := data.NewInput()
	in.Values["day"], in.Values["note"] = "2026-11-27", "漏水一事仍在跟进"
	r := mustCreate(t, s, clerk, "log_read", in)
	if r.Values["entries"] != "1" || r.Values["following"] != "1" || r.State != "waiting" {
		t.Fatalf("handed in = %s %v", r.State, r.Values)
	}
	if ms := expected(supervisor); len(ms) != 1 || ms[0].Serial != r.Serial {
		t.Fatalf("after handing in = %+v", ms)
	}
	if _, err := step(s, clerk, r.Serial, "read", "opinion", "已阅"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("the clerk signed the reading: %v", err)
	}
	// Read the next morning: late, and said so.
	*now = time.Date(2026, 11, 28, 8, 30, 0, 0, data.Shanghai)
	if ms := expected(supervisor); len(ms) != 1 || !ms[0].Overdue || ms[0].State != "逾期未查阅" {
		t.Errorf("the next morning = %+v", ms)
	}
	got, err := step(s, supervisor, r.Serial, "read", "opinion", "已阅，漏水请工程部今日回复")
	if err != nil || got.State != "read" || got.Values["reader"] != "王主管" {
		t.Fatalf("read = %+v, %v", got, err)
	}
	if ms := expected(supervisor); len(ms) != 0 {
		t.Errorf("still due after reading: %+v", ms)
	}
}

// A login's arrival in the store: recorded once, audited under the person; the no-show of a rostered
// person stays on the supervisor's due list until recorded.
func TestArriveInStore(t *testing.T) {
	s, now := openTemp(t)
	adm, err := s.SetupAdmin("admin", "管理员", "pass-1234")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []data.Actor{clerk, clerk2, supervisor, manager} {
		if _, err := s.CreateAccount(adm, a.Login, a.Name, a.Role, "pass-1234"); err != nil {
			t.Fatal(err)
		}
	}
	in := data.NewInput()
	in.Values["month"], in.Values["author"] = "2026-11", "王主管"
	in.Tables["lines"] = []data.Row{{"date": "2026-11-27", "early": "陈佳", "middle": "周敏"}}
	r := mustCreate(t, s, supervisor, "roster", in)
	for _, st := range []struct {
		by  data.Actor
		key string
	}{{supervisor, "submit"}, {manager, "approve"}} {
		if _, err := step(s, st.by, r.Serial, st.key); err != nil {
			t.Fatal(err)
		}
	}
	*now = time.Date(2026, 11, 27, 7, 20, 0, 0, data.Shanghai)
	got, err := s.Arrive(clerk)
	if err != nil || len(got) != 1 || got[0].Values["result"] != data.ArrivedLate || got[0].Values["late_min"] != "5" || got[0].CreatedBy != "陈佳" {
		t.Fatalf("arrival = %+v, %v", got, err)
	}
	if again, err := s.Arrive(clerk); err != nil || len(again) != 0 {
		t.Errorf("a second login recorded %d, %v", len(again), err)
	}
	if none, err := s.Arrive(adm); err != nil || len(none) != 0 {
		t.Errorf("the administrator's login recorded %d, %v", len(none), err)
	}
	noShows := func() []string {
		ms, err := s.Due(supervisor, *now)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			if m.Kind == "attendance" {
				out = append(out, m.State)
			}
		}
		return out
	}
	*now = time.Date(2026, 11, 27, 9, 40, 0, 0, data.Shanghai)
	if ns := noShows(); len(ns) != 1 || ns[0] != "未到岗（中班 周敏）" {
		t.Fatalf("no-shows = %v", ns)
	}
	in = data.NewInput()
	in.Values = map[string]string{"date": "2026-11-27", "shift": "中班", "person": "周敏", "note": "未请假未到岗，已安排顶岗"}
	if _, err := s.Create(clerk, "attendance", in); err == nil {
		t.Error("a clerk recorded another's no-show")
	}
	if rec := mustCreate(t, s, supervisor, "attendance", in); rec.Values["result"] != data.ArrivedNot {
		t.Errorf("no-show recorded as %q", rec.Values["result"])
	}
	if ns := noShows(); len(ns) != 0 {
		t.Errorf("still due: %v", ns)
	}
}
