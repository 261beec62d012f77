package store

import (
	"errors"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
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
	got, err := step(s, supervisor, r.Serial, "read", "entry_1", "已阅", "opinion", "已阅，漏水请工程部今日回复")
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
	adm := deskAccounts(t, s)
	approveRoster(t, s, "2026-11", data.Row{"date": "2026-11-27", "early": "陈佳", "middle": "周敏"})
	*now = time.Date(2026, 11, 27, 7, 20, 0, 0, data.Shanghai)
	got, err := s.Arrive(clerk)
	if err != nil || len(got) != 1 || got[0].Values["result"] != duty.ArrivedLate || got[0].Values["late_min"] != "5" || got[0].CreatedBy != "陈佳" {
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
	if ns := noShows(); len(ns) != 1 || ns[0] != "未到岗（11月27日 中班 周敏）" {
		t.Fatalf("no-shows = %v", ns)
	}
	in := data.NewInput()
	in.Values = map[string]string{"date": "2026-11-27", "shift": "中班", "person": "周敏", "note": "未请假未到岗，已安排顶岗"}
	if _, err := s.Create(clerk, "attendance", in); err == nil {
		t.Error("a clerk recorded another's no-show")
	}
	if rec := mustCreate(t, s, supervisor, "attendance", in); rec.Values["result"] != duty.ArrivedNot {
		t.Errorf("no-show recorded as %q", rec.Values["result"])
	}
	if ns := noShows(); len(ns) != 0 {
		t.Errorf("still due: %v", ns)
	}
}

// An arrival cannot be made on time afterwards: the login's record is fixed (no edit, no void by the
// clerk), a second record for the same shift is refused, an arrival typed later is a claim the
// supervisor confirms; the supervisor corrects with a reason, and the grade follows.
func TestArrivalCannotBeRewritten(t *testing.T) {
	s, now := openTemp(t)
	deskAccounts(t, s)
	approveRoster(t, s, "2026-11", data.Row{"date": "2026-11-27", "early": "陈佳", "middle": "周敏"})
	*now = time.Date(2026, 11, 27, 8, 5, 0, 0, data.Shanghai)
	got, err := s.Arrive(clerk)
	if err != nil || len(got) != 1 || got[0].State != "recorded" || got[0].Values["late_min"] != "50" {
		t.Fatalf("arrival = %+v, %v", got, err)
	}
	a := got[0]
	edit := a.Input()
	edit.Values["arrived"] = "2026-11-27 07:10"
	if _, err := s.Update(clerk, "attendance", a.ID, a.Version, edit); err == nil {
		t.Error("the clerk edited the login's arrival")
	}
	if _, err := s.Void(clerk, a.Serial, "录错了"); err == nil {
		t.Error("the clerk voided the login's arrival")
	}
	again := data.NewInput()
	again.Values = map[string]string{"date": "2026-11-27", "shift": "早班", "person": "陈佳", "arrived": "2026-11-27 07:00"}
	if _, err := s.Create(clerk, "attendance", again); err == nil {
		t.Error("a second arrival for the same shift was saved")
	}
	// 周敏 types her arrival an hour later: a claim, on the supervisor's list until confirmed.
	*now = time.Date(2026, 11, 27, 10, 30, 0, 0, data.Shanghai)
	claim := data.NewInput()
	claim.Values = map[string]string{"date": "2026-11-27", "shift": "中班", "person": "周敏", "arrived": "2026-11-27 09:10", "note": "忘记登录"}
	c, err := s.Create(clerk2, "attendance", claim)
	if err != nil || c.State != "claimed" || c.Values["result"] != duty.ArrivedOnTime {
		t.Fatalf("claim = %+v, %v", c, err)
	}
	if _, err := step(s, clerk2, c.Serial, "confirm"); err == nil {
		t.Error("the clerk confirmed her own claim")
	}
	// The supervisor checks and corrects it: she came at 09:40.
	fixed, err := step(s, supervisor, c.Serial, "correct", "arrived", "2026-11-27 09:40", "correction", "门岗登记 09:40 到")
	if err != nil || fixed.State != "recorded" || fixed.Values["result"] != duty.ArrivedLate || fixed.Values["late_min"] != "25" || fixed.Values["confirmed_by"] != "王主管" {
		t.Fatalf("corrected = %+v, %v", fixed, err)
	}
	if _, err := step(s, supervisor, a.Serial, "correct", "arrived", "", "correction", ""); err == nil {
		t.Error("a correction without its reason")
	}
}

// One reading a day and one signature a month, for a month begun (this month from the 25th); the
// month's figures count the days read, and are counted again at the signature.
func TestLogReadingRules(t *testing.T) {
	s, now := openTemp(t)
	log := data.NewInput()
	log.Values = map[string]string{"time": "2026-11-27 09:00", "shift": "早班", "event_type": "报修", "urgency": "一般",
		"summary": "2-1-802 漏水，已通知工程部", "status": "已处理", "clerk": "陈佳"}
	mustCreate(t, s, clerk, "duty_log", log)
	day := data.NewInput()
	day.Values["day"] = "2026-11-27"
	rd := mustCreate(t, s, clerk, "log_read", day)
	if _, err := s.Create(supervisor, "log_read", day); err == nil {
		t.Error("a second reading of the same day")
	}
	month := func(m string) error {
		in := data.NewInput()
		in.Values["month"] = m
		_, err := s.Create(supervisor, "log_sign", in)
		return err
	}
	if month("2026-12") == nil {
		t.Error("a month not begun sent for signing")
	}
	*now = time.Date(2026, 11, 24, 9, 0, 0, 0, data.Shanghai)
	if month("2026-11") == nil {
		t.Error("this month sent for signing before the 25th")
	}
	*now = time.Date(2026, 11, 28, 16, 0, 0, 0, data.Shanghai)
	mustCreate(t, s, clerk, "duty_log", func() data.Input { l := log; l.Values["time"] = "2026-11-28 09:00"; return l }())
	in := data.NewInput()
	in.Values["month"] = "2026-11"
	sg := mustCreate(t, s, supervisor, "log_sign", in)
	if sg.Values["entries"] != "2" || sg.Values["days_read"] != "0/2" {
		t.Errorf("month = %v (a reading still waiting is not a day read)", sg.Values)
	}
	if month("2026-11") == nil {
		t.Error("a second signature of the month")
	}
	if _, err := step(s, supervisor, rd.Serial, "read", "entry_1", "已阅", "opinion", "已阅"); err != nil {
		t.Fatal(err)
	}
	signed, err := step(s, supervisor, sg.Serial, "sign", "opinion", "已阅")
	if err != nil || signed.Values["days_read"] != "1/2" {
		t.Errorf("signed = %v, %v", signed.Values, err)
	}
}

// An entry to follow up is handed over at every shift change until someone closes it: gathered at the
// early shift's handover and the middle shift's, gone from the evening's once closed.
func TestOpenLogEntryCarriedAcrossShifts(t *testing.T) {
	s, now := openTemp(t)
	log := data.NewInput()
	log.Values = map[string]string{"time": "2026-11-27 09:00", "shift": "早班", "event_type": "报修", "urgency": "一般",
		"summary": "2-1-802 漏水，已通知工程部", "status": "跟进中", "clerk": "陈佳"}
	entry := mustCreate(t, s, clerk, "duty_log", log)
	gathered := func() bool {
		t.Helper()
		ms, err := duty.HandoverMatters(s, *now)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Serial == entry.Serial {
				return true
			}
		}
		return false
	}
	*now = time.Date(2026, 11, 27, 15, 20, 0, 0, data.Shanghai)
	if !gathered() {
		t.Fatal("the early shift's handover lacks the entry")
	}
	if _, err := step(s, clerk2, entry.Serial, "follow", "follow_note", "工程部明早上门"); err != nil {
		t.Fatal(err)
	}
	*now = time.Date(2026, 11, 27, 17, 20, 0, 0, data.Shanghai)
	if !gathered() {
		t.Fatal("the middle shift's handover lacks the entry followed up")
	}
	if _, err := step(s, clerk2, entry.Serial, "close", "result", "已修复，业主确认"); err != nil {
		t.Fatal(err)
	}
	*now = time.Date(2026, 11, 27, 19, 50, 0, 0, data.Shanghai)
	if gathered() {
		t.Error("a closed entry is still handed over")
	}
}

// The duty log is the desk's own (D6): the administrator, who keeps the accounts and the backups,
// can neither list, open nor search it, nor the readings and handovers that quote it.
func TestDutyLogConfidential(t *testing.T) {
	s, _ := openTemp(t)
	log := data.NewInput()
	log.Values = map[string]string{"time": "2026-11-27 09:00", "shift": "早班", "event_type": "投诉", "urgency": "一般",
		"summary": "3-2-1201 业主投诉邻居", "status": "已处理", "clerk": "陈佳"}
	entry := mustCreate(t, s, clerk, "duty_log", log)
	day := data.NewInput()
	day.Values["day"] = "2026-11-27"
	reading := mustCreate(t, s, clerk, "log_read", day)
	for _, kind := range []string{"duty_log", "log_read", "handover"} {
		if _, err := s.List(admin, Query{Kind: kind}); !errors.Is(err, data.ErrForbidden) {
			t.Errorf("the administrator lists %s: %v", kind, err)
		}
		if _, err := s.List(admin, Query{Kind: kind, Text: "3-2-1201"}); !errors.Is(err, data.ErrForbidden) {
			t.Errorf("the administrator searches %s: %v", kind, err)
		}
	}
	for _, serial := range []string{entry.Serial, reading.Serial} {
		if _, err := s.BySerial(admin, serial); err == nil {
			t.Errorf("the administrator opens %s", serial)
		}
	}
	for _, a := range []data.Actor{clerk, supervisor, manager} {
		if _, err := s.BySerial(a, entry.Serial); err != nil {
			t.Errorf("%s cannot open the log: %v", a.Name, err)
		}
	}
}
