package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fakeEnv is the store as the rules see it: settings and a fixed secret.
type fakeEnv map[string]string

func (e fakeEnv) Setting(k, def string) string {
	if v, ok := e[k]; ok {
		return v
	}
	return def
}
func (e fakeEnv) Secret(string) ([]byte, error) {
	return []byte("0123456789abcdef0123456789abcdef"), nil
}
func (e fakeEnv) Records(string, time.Time, time.Time) ([]*Record, error) { return nil, nil }
func (e fakeEnv) Open(time.Time) ([]Matter, error)                        { return nil, nil }
func (e fakeEnv) Has(string, time.Time, time.Time) (bool, error)          { return false, nil }
func (e fakeEnv) Units() ([]Unit, error)                                  { return nil, nil }
func (e fakeEnv) Owner(string) (Owner, bool, error)                       { return Owner{}, false, nil }
func (e fakeEnv) Timings(string, time.Time, time.Time) ([]Timing, error)  { return nil, nil }
func (e fakeEnv) Staff() []string {
	if v, ok := e["staff"]; ok {
		return strings.Split(v, ",")
	}
	return nil
}

var (
	tClerk      = Actor{Login: "c", Name: "陈佳", Role: RoleClerk}
	tSupervisor = Actor{Login: "s", Name: "王主管", Role: RoleSupervisor}
	tManager    = Actor{Login: "m", Name: "刘经理", Role: RoleManager}
	tAdmin      = Actor{Login: "a", Name: "管理员", Role: RoleAdmin}
)

func at(s string) time.Time {
	t, ok := ParseLocal(TypeDateTime, s)
	if !ok {
		panic(s)
	}
	return t
}

func permit(start, end string) *Record {
	return &Record{Kind: "hotwork", Serial: "DH-20261127-001", Status: StatusActive, State: "applied",
		Values: map[string]string{"start": start, "end": end},
		Tables: map[string][]Row{"workers": {{"name": "赵六", "cert_expiry": "2027-06-30"}}}}
}

func fields(kv ...string) Input {
	in := NewInput()
	for i := 0; i+1 < len(kv); i += 2 {
		in.Values[kv[i]] = kv[i+1]
	}
	return in
}

// Every transition of the hot-work permit, and the refusals of each step: wrong state, wrong role,
// missing or wrong fields, the rules of the step.
func TestHotWorkTransitions(t *testing.T) {
	f := formHotWork
	env := fakeEnv{}
	tests := []struct {
		name    string
		from    string // state before
		life    map[string]string
		start   string
		step    string
		by      Actor
		in      Input
		now     string
		to      string // state after; "" when refused
		refusal error  // errors.Is target, or nil with a FieldErrors key in field
		field   string
	}{
		{"supervisor approves work in hours", "applied", nil, "2026-11-27 10:00", "approve", tSupervisor, fields(), "2026-11-27 09:30", "approved", nil, ""},
		{"clerk may not approve", "applied", nil, "2026-11-27 10:00", "approve", tClerk, fields(), "2026-11-27 09:30", "", ErrForbidden, ""},
		{"supervisor's approval of evening work waits for the manager", "applied", nil, "2026-11-27 17:00", "approve", tSupervisor, fields(), "2026-11-27 09:30", "manager", nil, ""},
		{"manager approves evening work at once", "applied", nil, "2026-11-27 17:00", "approve", tManager, fields(), "2026-11-27 09:30", "approved", nil, ""},
		{"supervisor may not give the manager's approval", "manager", nil, "2026-11-27 17:00", "approve_manager", tSupervisor, fields(), "2026-11-27 09:30", "", ErrForbidden, ""},
		{"manager completes the approval", "manager", nil, "2026-11-27 17:00", "approve_manager", tManager, fields(), "2026-11-27 09:30", "approved", nil, ""},
		{"approve twice", "approved", nil, "2026-11-27 10:00", "approve", tSupervisor, fields(), "2026-11-27 09:30", "", ErrStepState, ""},
		{"reject needs a reason", "applied", nil, "2026-11-27 10:00", "reject", tSupervisor, fields(), "2026-11-27 09:30", "", nil, "rejected_reason"},
		{"reject", "manager", nil, "2026-11-27 17:00", "reject", tSupervisor, fields("rejected_reason", "无监火人"), "2026-11-27 09:30", "rejected", nil, ""},
		{"end of work", "approved", nil, "2026-11-27 10:00", "end_work", tClerk, fields(), "2026-11-27 11:00", "ended", nil, ""},
		{"end before approval", "applied", nil, "2026-11-27 10:00", "end_work", tClerk, fields(), "2026-11-27 11:00", "", ErrStepState, ""},
		{"close during the fire watch", "ended", map[string]string{"ended_at": "2026-11-27 11:00"}, "2026-11-27 10:00", "close", tClerk,
			fields("closed_by", "王主管", "no_embers", "是"), "2026-11-27 11:29", "", nil, "closed_at"},
		{"close without 'no embers'", "ended", map[string]string{"ended_at": "2026-11-27 11:00"}, "2026-11-27 10:00", "close", tClerk,
			fields("closed_by", "王主管", "no_embers", "否"), "2026-11-27 11:30", "", nil, "no_embers"},
		{"close without inspector", "ended", map[string]string{"ended_at": "2026-11-27 11:00"}, "2026-11-27 10:00", "close", tClerk,
			fields("no_embers", "是"), "2026-11-27 11:30", "", nil, "closed_by"},
		{"close 30 minutes after the end", "ended", map[string]string{"ended_at": "2026-11-27 11:00"}, "2026-11-27 10:00", "close", tClerk,
			fields("closed_by", "王主管", "no_embers", "是"), "2026-11-27 11:30", "closed", nil, ""},
		{"close while work goes on", "approved", nil, "2026-11-27 10:00", "close", tClerk,
			fields("closed_by", "王主管", "no_embers", "是"), "2026-11-27 11:00", "", nil, "closed_at"},
		{"close after the planned end without an end step", "approved", nil, "2026-11-27 10:00", "close", tClerk,
			fields("closed_by", "王主管", "no_embers", "是"), "2026-11-27 12:31", "closed", nil, ""},
		{"an administrator holds no record permission", "applied", nil, "2026-11-27 10:00", "approve", tAdmin, fields(), "2026-11-27 09:30", "", ErrForbidden, ""},
		{"no such step", "applied", nil, "2026-11-27 10:00", "fly", tManager, fields(), "2026-11-27 09:30", "", ErrUnknownStep, ""},
	}
	for _, tt := range tests {
		end := strings.Replace(tt.start, tt.start[11:13], map[string]string{"10": "12", "17": "19"}[tt.start[11:13]], 1)
		r := permit(tt.start, end)
		r.State = tt.from
		r.Life = map[string]string{"approved_at": "x"}
		for k, v := range tt.life {
			r.Life[k] = v
		}
		got, changes, err := f.TakeStep(r, tt.step, tt.in, tt.by, at(tt.now), env)
		switch {
		case tt.to != "":
			if err != nil || got.State != tt.to {
				t.Errorf("%s: state %v, %v; want %s", tt.name, got, err, tt.to)
				continue
			}
			if r.State != tt.from {
				t.Errorf("%s: the original record changed", tt.name)
			}
			if len(changes) == 0 || changes[len(changes)-1].Field != "状态" {
				t.Errorf("%s: changes %v do not record the state", tt.name, changes)
			}
		case tt.field != "":
			var fe FieldErrors
			if !errors.As(err, &fe) || fe[tt.field] == "" {
				t.Errorf("%s: err = %v; want a message for %s", tt.name, err, tt.field)
			}
		default:
			if !errors.Is(err, tt.refusal) {
				t.Errorf("%s: err = %v; want %v", tt.name, err, tt.refusal)
			}
		}
	}
}

func TestStepRecordsWhoAndWhen(t *testing.T) {
	r := permit("2026-11-27 17:00", "2026-11-27 19:00")
	got, _, err := formHotWork.TakeStep(r, "approve", NewInput(), tManager, at("2026-11-27 09:30"), fakeEnv{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Life["approved_by"] != "刘经理" || got.Life["approved_at"] != "2026-11-27 09:30" || got.Life["manager_by"] != "刘经理" {
		t.Errorf("life = %v", got.Life)
	}
	// A step that writes a form field (the visitor's 离开时间) writes it in the field's own format.
	v := &Record{Kind: "visitor", Status: StatusActive, Values: map[string]string{"entry_time": "2026-11-27 09:00"}}
	out, _, err := formVisitor.TakeStep(v, "checkout", NewInput(), tClerk, at("2026-11-27 10:15"), fakeEnv{})
	if err != nil || out.Values["exit_time"] != "2026-11-27 10:15" || out.State != "left" || formVisitor.State(out).Name != "已离开" {
		t.Errorf("checkout = %+v, %v", out, err)
	}
	// A voided record takes no step.
	v.Status = StatusVoid
	if _, _, err := formVisitor.TakeStep(v, "checkout", NewInput(), tClerk, at("2026-11-27 10:15"), fakeEnv{}); !errors.Is(err, ErrStepState) {
		t.Errorf("step on a voided record: %v", err)
	}
}

func TestDeadlines(t *testing.T) {
	env := fakeEnv{}
	v := &Record{Kind: "visitor", Status: StatusActive, Values: map[string]string{"entry_time": "2026-11-27 09:00"}}
	d, ok := formVisitor.Deadline(v, env)
	if !ok || !d.At.Equal(at("2026-11-27 13:00")) {
		t.Fatalf("visitor deadline = %v %v; want 13:00 (4 hours)", d, ok)
	}
	if left, late := d.Left(at("2026-11-27 11:48")); left != "剩余 1:12" || late {
		t.Errorf("left = %q %v", left, late)
	}
	if left, late := d.Left(at("2026-11-27 13:25")); left != "超时 0:25" || !late {
		t.Errorf("overdue = %q %v", left, late)
	}
	if st, late := formVisitor.Status(v, at("2026-11-27 13:25"), env); st != "逗留超时" || !late {
		t.Errorf("status = %q %v", st, late)
	}
	// The manager's setting overrides the length.
	if d, _ := formVisitor.Deadline(v, fakeEnv{SettingOverstayHours: "8"}); !d.At.Equal(at("2026-11-27 17:00")) {
		t.Errorf("with 8 hours: %v", d.At)
	}
	// A slip is valid to the end of its day; released, it has no deadline.
	s := &Record{Kind: "release", Status: StatusActive, Values: map[string]string{"valid_until": "2026-11-27"}}
	if d, ok := formRelease.Deadline(s, env); !ok || !d.At.Equal(at("2026-11-28 00:00")) {
		t.Errorf("slip deadline = %v", d.At)
	}
	if SlipStatus(s, at("2026-11-28 00:01")) != SlipExpired {
		t.Errorf("slip after its day: %s", SlipStatus(s, at("2026-11-28 00:01")))
	}
	s.Life = map[string]string{"released_at": "2026-11-27 10:00"}
	if _, ok := formRelease.Deadline(s, env); ok {
		t.Error("a released slip has a deadline")
	}
	// A clock in working days over 国庆 2026, and over a year the calendar does not know.
	f := &Form{Key: "t", Fields: []Field{{Key: "done", Type: TypeDateTime}}, Flow: &Flow{
		States: []State{{Key: "wait", Name: "待回访", Open: true}}, Initial: "wait",
		Clocks: []Clock{{States: []string{"wait"}, From: "done", WorkingDays: 2, Label: "回访"}}}}
	r := &Record{Status: StatusActive, Values: map[string]string{"done": "2026-09-30 16:00"}}
	if d, _ := f.Deadline(r, env); !d.At.Equal(at("2026-10-10 00:00")) || !d.Known {
		t.Errorf("over 国庆: %v %v; want the end of 10-09", d.At, d.Known)
	}
	r.Values["done"] = "2035-03-01 10:00"
	if d, _ := f.Deadline(r, env); d.Known || d.Year != 2035 || !strings.Contains(CalendarGap(d.Year), "2035年") {
		t.Errorf("unknown year: %+v", d)
	}
}

func TestOpenEntryAndMatter(t *testing.T) {
	r := permit("2026-11-27 10:00", "2026-11-27 12:00")
	e, open := formHotWork.Open(r)
	if !open || e.State != "applied" || e.Who != "客户服务主管或物业服务中心经理" {
		t.Fatalf("open entry = %+v %v", e, open)
	}
	m := formHotWork.Matter(e, tSupervisor, at("2026-11-27 09:30"), fakeEnv{})
	if !m.Mine || m.State != HotApplied || len(m.Next) != 2 || m.Minutes != nil {
		t.Errorf("matter for the supervisor = %+v", m)
	}
	if m := formHotWork.Matter(e, tClerk, at("2026-11-27 09:30"), fakeEnv{}); m.Mine {
		t.Error("the clerk is not who approves")
	}
	r.State = "closed"
	if _, open := formHotWork.Open(r); open {
		t.Error("a closed permit is open")
	}
	// Overdue first, then the nearest deadline, then those without one.
	five, minus := 5, -30
	ms := []Matter{{Serial: "c"}, {Serial: "b", Minutes: &five}, {Serial: "a", Minutes: &minus}}
	SortMatters(ms)
	if ms[0].Serial != "a" || ms[1].Serial != "b" || ms[2].Serial != "c" {
		t.Errorf("order = %v %v %v", ms[0].Serial, ms[1].Serial, ms[2].Serial)
	}
}

// Records saved before the forms had flows keep their state: it is what their life so far implies.
func TestLegacyStateIsDerived(t *testing.T) {
	tests := []struct {
		f    *Form
		r    *Record
		want string
	}{
		{formRelease, &Record{Life: map[string]string{"released_at": "x"}}, SlipReleased},
		{formRelease, &Record{Life: map[string]string{"released_at": "x", "archived_at": "y"}}, SlipArchived},
		{formHotWork, &Record{Values: map[string]string{"start": "2026-11-27 17:00", "end": "2026-11-27 19:00"}, Life: map[string]string{"approved_at": "x"}}, HotAwaitManager},
		{formHotWork, &Record{Life: map[string]string{"approved_at": "x", "closed_at": "y"}}, HotClosed},
		{formVisitor, &Record{Values: map[string]string{"exit_time": "2026-11-27 10:00"}}, "已离开"},
		{formVisitor, &Record{Values: map[string]string{}}, "在场"},
	}
	for _, tt := range tests {
		tt.r.Status = StatusActive
		if got := tt.f.State(tt.r).Name; got != tt.want {
			t.Errorf("%s %v: %s; want %s", tt.f.Key, tt.r.Life, got, tt.want)
		}
	}
}

// Every flow is well formed: its steps leave from and reach declared states, its clocks run in
// declared states from a field or a step's record, and each open state says who acts.
func TestFlowsAreWellDeclared(t *testing.T) {
	for _, f := range Forms() {
		fl := f.Flow
		if fl == nil {
			continue
		}
		if _, ok := fl.StateByKey(fl.Initial); !ok {
			t.Errorf("%s: initial state %q undeclared", f.Key, fl.Initial)
		}
		recorded := map[string]bool{}
		for _, st := range fl.Steps {
			if st.Name == "" || st.Perm == "" {
				t.Errorf("%s step %s: no name or permission", f.Key, st.Key)
			}
			states := st.From
			if st.To != "" {
				states = append([]string{st.To}, st.From...)
			}
			for _, s := range states {
				if _, ok := fl.StateByKey(s); !ok {
					t.Errorf("%s step %s: state %q undeclared", f.Key, st.Key, s)
				}
			}
			recorded[st.At] = true
		}
		for _, s := range fl.States {
			if s.Open && s.Who.Perm == "" && s.Who.Field == "" {
				t.Errorf("%s state %s: open, but nobody acts", f.Key, s.Key)
			}
		}
		for _, c := range fl.Clocks {
			if _, isField := f.Field(c.From); !isField && !recorded[c.From] {
				t.Errorf("%s clock %s: starts at %q, neither a field nor a step's time", f.Key, c.Label, c.From)
			}
		}
	}
}

// A permit printed before its approval, or turned down, is marked so; an approved one is not.
func TestHotWorkPaperValidity(t *testing.T) {
	for state, want := range map[string]string{"applied": "未批准·不得动火", "manager": "未批准·不得动火", "rejected": "已驳回·不得动火", "approved": "", "closed": ""} {
		r := permit("2026-11-27 09:00", "2026-11-27 12:00")
		r.State = state
		if got := formHotWork.Print.Invalid(r, at("2026-11-27 08:00")); got != want {
			t.Errorf("%s: %q; want %q", state, got, want)
		}
	}
}
