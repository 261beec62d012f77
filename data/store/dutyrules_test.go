package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
)

// dutyStore is a store with the desk's accounts and an approved roster of November: 陈佳 early,
// 周敏 middle, 王丽君 late on the 28th and 29th.
func dutyStore(t *testing.T) (*Store, *time.Time) {
	t.Helper()
	s, now := openTemp(t)
	deskAccounts(t, s, data.Actor{Login: "wlj", Name: "王丽君", Role: data.RoleClerk})
	approveRoster(t, s, "2026-11",
		data.Row{"date": "2026-11-28", "early": "陈佳", "middle": "周敏", "late": "王丽君"},
		data.Row{"date": "2026-11-29", "early": "陈佳", "middle": "周敏"})
	return s, now
}

func leaveInput(kv ...string) data.Input {
	in := data.NewInput()
	in.Values = map[string]string{"kind": duty.LeaveKindLeave, "person": "陈佳", "date": "2026-11-29", "shift": "早班", "reason": "家中有事"}
	for i := 0; i+1 < len(kv); i += 2 {
		in.Values[kv[i]] = kv[i+1]
	}
	return in
}

// Leave decided is the supervisor's to withdraw; a cover already on an overlapping shift, or a second
// approval of the same shift, is refused; a stand-in stays within the shift's hours.
func TestLeaveApprovalRules(t *testing.T) {
	s, _ := dutyStore(t)
	own := mustCreate(t, s, clerk, "leave", leaveInput())
	if _, err := s.Void(clerk, own.Serial, "不请了"); err != nil {
		t.Errorf("the clerk withdrew her own request not yet decided: %v", err)
	}
	lv := mustCreate(t, s, clerk, "leave", leaveInput())
	// 周敏 is on the middle shift that day: every default shift overlaps the early one.
	if _, err := step(s, supervisor, lv.Serial, "approve", "cover", "周敏"); fieldErrs(err)["cover"] == "" {
		t.Errorf("a cover on an overlapping shift: %v", err)
	}
	if _, err := step(s, supervisor, lv.Serial, "approve", "cover", "王丽君"); err != nil {
		t.Fatalf("王丽君 rests on the 29th: %v", err)
	}
	if _, err := s.Void(clerk, lv.Serial, "不请了"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("the clerk voided an approved leave: %v", err)
	}
	// A second request for the same shift cannot be approved: 陈佳 is no longer on it.
	if _, err := s.Create(clerk, "leave", leaveInput("kind", duty.LeaveKindSwap, "partner", "王丽君")); fieldErrs(err)["shift"] == "" {
		t.Errorf("a second request for a shift no longer the person's: %v", err)
	}
	stand := leaveInput("kind", duty.LeaveKindStand, "partner", "王丽君", "stand_from", "16:00", "stand_to", "18:00", "date", "2026-11-28", "shift", "中班", "person", "周敏", "emergency", "是")
	if _, err := s.Create(clerk2, "leave", stand); fieldErrs(err)["stand_from"] == "" {
		t.Errorf("a stand-in past the shift's end: %v", err)
	}
}

// Arrivals: no no-show before the shift begins; a correction keeps to the shift's window, and a
// correction to 未到岗 clears the time.
func TestArrivalCorrectionRules(t *testing.T) {
	s, now := dutyStore(t)
	*now = time.Date(2026, 11, 28, 8, 0, 0, 0, data.Shanghai)
	noShow := data.NewInput()
	noShow.Values = map[string]string{"date": "2026-11-28", "shift": "晚班", "person": "王丽君"}
	if _, err := s.Create(supervisor, "attendance", noShow); fieldErrs(err)["arrived"] == "" {
		t.Errorf("a no-show before the shift began: %v", err)
	}
	got, err := s.Arrive(clerk)
	if err != nil || len(got) != 1 {
		t.Fatalf("arrival: %v %v", got, err)
	}
	a := got[0]
	if _, err := step(s, supervisor, a.Serial, "correct", "arrived", "2026-11-27 07:00", "correction", "监控"); fieldErrs(err)["arrived"] == "" {
		t.Errorf("a correction to the day before: %v", err)
	}
	fixed, err := step(s, supervisor, a.Serial, "correct", "arrived", "", "correction", "实际未到岗，系他人代登")
	if err != nil || fixed.Values["arrived"] != "" || fixed.Values["result"] != duty.ArrivedNot {
		t.Errorf("corrected to a no-show: %v %v", fixed, err)
	}
}

// One approved roster a month, none for a month gone, drafted by one of the desk's people.
func TestRosterMonthRules(t *testing.T) {
	s, _ := dutyStore(t)
	in := data.NewInput()
	in.Values["month"], in.Values["author"] = "2026-11", "王主管"
	in.Tables["lines"] = []data.Row{{"date": "2026-11-30", "early": "陈佳"}}
	if _, err := s.Create(supervisor, "roster", in); fieldErrs(err)["month"] == "" {
		t.Errorf("a second roster for a month with an approved one: %v", err)
	}
	in.Values["month"], in.Tables["lines"] = "2026-10", []data.Row{{"date": "2026-10-30", "early": "陈佳"}}
	if _, err := s.Create(supervisor, "roster", in); fieldErrs(err)["month"] == "" {
		t.Errorf("a roster for a month gone: %v", err)
	}
	in.Values["month"], in.Values["author"], in.Tables["lines"] = "2026-12", "张三", []data.Row{{"date": "2026-12-01", "early": "陈佳"}}
	if _, err := s.Create(supervisor, "roster", in); fieldErrs(err)["author"] == "" {
		t.Errorf("drafted by a stranger: %v", err)
	}
	// One roster a month: a second draft for December is refused, naming the first; the first is
	// submitted and approved.
	in.Values["author"] = "王主管"
	in.Tables["lines"] = staffedLines(t, s, "2026-12", data.Row{"date": "2026-12-01", "early": "陈佳"})
	a := mustCreate(t, s, supervisor, "roster", in)
	if _, err := s.Create(supervisor, "roster", in); !strings.Contains(fieldErrs(err)["month"], a.Serial) {
		t.Errorf("a second roster for December: %v", err)
	}
	if _, err := step(s, supervisor, a.Serial, "submit"); err != nil {
		t.Fatal(err)
	}
	if _, err := step(s, manager, a.Serial, "approve"); err != nil {
		t.Fatal(err)
	}
}

// One handover of a shift; the waiting handover can still be edited (its own rules do not find it
// twice).
func TestHandoverOncePerShift(t *testing.T) {
	s, now := dutyStore(t)
	*now = time.Date(2026, 11, 28, 15, 25, 0, 0, data.Shanghai)
	ho := func(at, from, to, in string) data.Input {
		h := data.NewInput()
		h.Values = map[string]string{"time": at, "from_shift": from, "outgoing": "陈佳", "to_shift": to, "incoming": in}
		h.Tables["items"] = []data.Row{{"item": "对讲机", "qty": "2"}, {"item": "钥匙", "qty": "12"}, {"item": "备用金", "qty": "500"}, {"item": "代收快递", "qty": "3"}}
		return h
	}
	first := mustCreate(t, s, clerk, "handover", ho("2026-11-28 15:20", "早班", "中班", "周敏"))
	if _, err := s.Create(clerk, "handover", ho("2026-11-28 15:22", "早班", "中班", "周敏")); fieldErrs(err)["from_shift"] == "" {
		t.Errorf("the early shift handed over twice: %v", err)
	}
	edit := first.Input()
	edit.Values["pending"] = "2-1-802 漏水，工程部明早上门"
	if _, err := s.Update(clerk, "handover", first.ID, first.Version, edit); err != nil {
		t.Errorf("the waiting handover cannot be edited: %v", err)
	}
}
