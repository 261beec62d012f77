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
