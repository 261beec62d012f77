package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/building"

	"github.com/6tail/lunar-go/HolidayUtil"
)

func hotInput(start, end string) data.Input {
	in := data.NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "company": "恒泰建筑装饰公司", "leader": "王强", "leader_phone": "13812345678",
		"location": "阳台护栏", "content": "焊接阳台护栏", "method": "电焊", "watcher": "李四", "extinguishers": "2", "extinguisher_kg": "4",
		"cleared": "是", "cylinders": "是", "sparks": "是", "isolated": "不适用", "ppe": "是", "start": start, "end": end, "clerk": "陈佳"}
	in.Tables["workers"] = []data.Row{{"name": "赵六", "cert_no": "T440301198805123456", "cert_expiry": "2027-06-30"}}
	return in
}

func TestHotWorkRefusals(t *testing.T) {
	s, _ := openTemp(t)
	tests := []struct {
		name   string
		change func(in *data.Input)
		key    string
		want   string
	}{
		{"ends before it starts", func(in *data.Input) { in.Values["end"] = "2026-11-27 08:00" }, "end", "不能早于开始"},
		{"longer than allowed", func(in *data.Input) { in.Values["end"] = "2026-11-28 09:00" }, "end", "最长10小时"},
		{"expired certificate", func(in *data.Input) { in.Tables["workers"][0]["cert_expiry"] = "2026-11-01" }, data.RowKey("workers", 0, "cert_expiry"), "已过期"},
		{"combustibles not cleared", func(in *data.Input) { in.Values["cleared"] = "否" }, "cleared", "可燃物"},
		{"precaution missing", func(in *data.Input) { in.Values["sparks"] = "否" }, "sparks", "未落实"},
		{"small extinguisher", func(in *data.Input) { in.Values["extinguisher_kg"] = "2" }, "extinguisher_kg", "3到50"},
		{"no workers", func(in *data.Input) { in.Tables["workers"] = nil }, "workers", "至少"},
	}
	for _, tt := range tests {
		in := hotInput("2026-11-27 09:00", "2026-11-27 12:00")
		tt.change(&in)
		_, err := s.Create(clerk, "hotwork", in)
		var fe data.FieldErrors
		if !errors.As(err, &fe) || !strings.Contains(fe[tt.key], tt.want) {
			t.Errorf("%s: err = %v; want %s containing %q", tt.name, err, tt.key, tt.want)
		}
	}
	if n, _ := s.Count("hotwork"); n != 0 {
		t.Errorf("%d permits saved from bad input", n)
	}
}

func TestHotWorkNeedsManager(t *testing.T) {
	var makeUp string
	for e := HolidayUtil.GetHolidaysByYear(2026).Front(); e != nil; e = e.Next() {
		if h := e.Value.(*HolidayUtil.Holiday); h.IsWork() {
			makeUp = h.GetDay()
			break
		}
	}
	if makeUp == "" {
		t.Fatal("the calendar has no make-up workday in 2026")
	}
	tests := []struct {
		start, end, want string
	}{
		{"2026-11-27 09:00", "2026-11-27 12:00", ""},     // a Friday, in hours
		{"2026-11-27 17:00", "2026-11-27 19:00", "工作时间"}, // into the evening
		{"2026-11-27 07:00", "2026-11-27 09:00", "工作时间"}, // before 08:00
		{"2026-11-28 09:00", "2026-11-28 12:00", "周末"},   // a Saturday
		{"2026-10-01 09:00", "2026-10-01 11:00", "国庆"},   // National Day
		{makeUp + " 09:00", makeUp + " 11:00", ""},       // a make-up workday is a working day
	}
	for _, tt := range tests {
		r := &data.Record{Values: map[string]string{"start": tt.start, "end": tt.end}}
		got := building.HotWorkNeedsManager(r)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s–%s: %q; want containing %q", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestHotWorkLife(t *testing.T) {
	s, now := openTemp(t) // 2026-11-27 09:30, a Friday
	inHours, err := s.Create(clerk, "hotwork", hotInput("2026-11-27 10:00", "2026-11-27 12:00"))
	if err != nil {
		t.Fatal(err)
	}
	if st := building.HotWorkStatus(inHours, *now); st != building.HotApplied {
		t.Fatalf("new permit: %s", st)
	}
	if _, err := step(s, clerk, inHours.Serial, "approve"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk approves: %v", err)
	}
	r, err := step(s, supervisor, inHours.Serial, "approve")
	if err != nil || building.HotWorkStatus(r, *now) != building.HotApproved || r.Life["approved_by"] != "王主管" {
		t.Fatalf("supervisor approves: %+v %v", r.Life, err)
	}
	// Out of hours: the supervisor's approval is not enough; the manager's completes it.
	evening := mustCreate(t, s, clerk, "hotwork", hotInput("2026-11-27 17:00", "2026-11-27 19:00"))
	r, _ = step(s, supervisor, evening.Serial, "approve")
	if st := building.HotWorkStatus(r, *now); st != building.HotAwaitManager {
		t.Errorf("evening permit after the supervisor: %s; want 待经理审批", st)
	}
	if _, err := step(s, supervisor, evening.Serial, "approve"); !errors.Is(err, data.ErrStepState) {
		t.Errorf("supervisor approves again: %v", err)
	}
	if _, err := step(s, supervisor, evening.Serial, "approve_manager"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("supervisor approves out-of-hours work: %v", err)
	}
	if r, err = step(s, manager, evening.Serial, "approve_manager"); err != nil || building.HotWorkStatus(r, *now) != building.HotApproved {
		t.Errorf("manager approves: %+v %v", r.Life, err)
	}
	// At work, then ended: the fire watch holds the close for 30 minutes.
	*now = time.Date(2026, 11, 27, 11, 0, 0, 0, data.Shanghai)
	if st := building.HotWorkStatus(inHours, *now); st != building.HotApproved {
		got, _ := s.BySerial(clerk, inHours.Serial)
		if st = building.HotWorkStatus(got, *now); st != building.HotWorking {
			t.Errorf("at 11:00: %s; want 作业中", st)
		}
	}
	if _, err := step(s, clerk, inHours.Serial, "end_work"); err != nil {
		t.Fatal(err)
	}
	*now = now.Add(20 * time.Minute)
	_, err = step(s, clerk, inHours.Serial, "close", "closed_by", "王主管", "no_embers", "是")
	var fe data.FieldErrors
	if !errors.As(err, &fe) || !strings.Contains(fe["closed_at"], "11:30 以后") {
		t.Errorf("close after 20 minutes: %v", err)
	}
	*now = now.Add(11 * time.Minute)
	if _, err := step(s, clerk, inHours.Serial, "close", "closed_by", "王主管", "no_embers", "否"); err == nil {
		t.Error("closed without 'no embers found'")
	}
	r, err = step(s, clerk, inHours.Serial, "close", "closed_by", "王主管", "no_embers", "是")
	if err != nil || building.HotWorkStatus(r, *now) != building.HotClosed || r.Life["closed_by"] != "王主管" {
		t.Fatalf("close: %+v %v", r.Life, err)
	}
	// The evening permit is past its end and not closed at 20:00: overdue.
	*now = time.Date(2026, 11, 27, 20, 0, 0, 0, data.Shanghai)
	ev, _ := s.BySerial(clerk, evening.Serial)
	if !building.HotWorkOverdue(ev, *now) || building.HotWorkOverdue(r, *now) {
		t.Error("overdue flags wrong")
	}
	// Rejecting.
	third := mustCreate(t, s, clerk, "hotwork", hotInput("2026-11-27 10:00", "2026-11-27 11:00"))
	if _, err := step(s, supervisor, third.Serial, "reject", "rejected_reason", " "); !hasFieldError(err, "rejected_reason") {
		t.Errorf("reject without reason: %v", err)
	}
	if r, err := step(s, supervisor, third.Serial, "reject", "rejected_reason", "现场未配备灭火器"); err != nil || building.HotWorkStatus(r, *now) != building.HotRejected {
		t.Errorf("reject: %v", err)
	}
}

// A permit approved after its work was to begin says why: the step asks 补批原因 with a warning, and
// refuses without it (#17).
func TestHotWorkApprovedLateNeedsAReason(t *testing.T) {
	s, _ := openTemp(t) // 2026-11-27 09:30
	late := mustCreate(t, s, clerk, "hotwork", hotInput("2026-11-27 09:00", "2026-11-27 12:00"))
	steps, _, err := s.Steps(supervisor, late.Serial)
	if err != nil {
		t.Fatal(err)
	}
	var asked []data.Field
	for _, st := range steps {
		if st.Key == "approve" {
			asked = st.Fields
		}
	}
	if len(asked) != 1 || asked[0].Key != "late_reason" || !strings.Contains(asked[0].Hint, "已过") {
		t.Fatalf("approve asks %+v; want the late reason with a warning", asked)
	}
	_, err = s.Step(supervisor, late.Serial, "approve", data.NewInput())
	var fe data.FieldErrors
	if !errors.As(err, &fe) || fe["late_reason"] == "" {
		t.Fatalf("approved late without a reason: %v", err)
	}
	in := data.NewInput()
	in.Values["late_reason"] = "作业推迟到10点，尚未动火"
	got, err := s.Step(supervisor, late.Serial, "approve", in)
	if err != nil || got.Life["late_reason"] != "作业推迟到10点，尚未动火" || got.State != "approved" {
		t.Fatalf("approve with a reason: %v %+v", err, got)
	}
	if notes := strings.Join(building.HotWorkNotes(got, testToday), "\n"); !strings.Contains(notes, "补批原因：作业推迟到10点") {
		t.Errorf("the permit's notes do not say why it was approved late:\n%s", notes)
	}
	// A permit approved before its work asks nothing more.
	early := mustCreate(t, s, clerk, "hotwork", hotInput("2026-11-27 10:00", "2026-11-27 12:00"))
	if _, err := s.Step(supervisor, early.Serial, "approve", data.NewInput()); err != nil {
		t.Errorf("approve in time: %v", err)
	}
}

// An approved permit is what was approved: an edit of its place, workers or times is refused (a change
// is a new application); its later steps still go.
func TestApprovedHotWorkIsFixed(t *testing.T) {
	s, _ := openTemp(t)
	in := hotInput("2026-11-27 10:00", "2026-11-27 12:00")
	p := mustCreate(t, s, clerk, "hotwork", in)
	if _, err := s.Step(supervisor, p.Serial, "approve", data.NewInput()); err != nil {
		t.Fatal(err)
	}
	in.Values["location"] = "厨房燃气管道"
	_, err := s.Update(clerk, "hotwork", p.ID, 1, in)
	var fixed *data.FixedError
	if !errors.As(err, &fixed) {
		t.Fatalf("edit of an approved permit: %v", err)
	}
	if got, _ := s.BySerial(clerk, p.Serial); got.Values["location"] != "阳台护栏" {
		t.Errorf("the place changed to %q", got.Values["location"])
	}
	if _, err := s.Step(clerk, p.Serial, "end_work", data.NewInput()); err != nil {
		t.Errorf("end of work on the approved permit: %v", err)
	}
}
