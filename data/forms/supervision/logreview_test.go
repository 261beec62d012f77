package supervision

import (
	"errors"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
	"frontdesk/data/forms/formtest"
)

func dutyEntry(when, state string) *data.Record {
	return &data.Record{Kind: "duty_log", Serial: "ZB-1", Status: data.StatusActive, State: state, Values: map[string]string{"time": when}}
}

// The reading of the log: the day's entries counted when it is handed in, the supervisor alone signs,
// and a signed reading is fixed.
func TestLogReadLife(t *testing.T) {
	env := formtest.MemEnv{FakeEnv: formtest.FakeEnv{}, Recs: map[string][]*data.Record{"duty_log": {
		dutyEntry("2026-12-01 08:10", "done"), dutyEntry("2026-12-01 11:00", "follow"), dutyEntry("2026-12-02 08:00", "done")}}}
	in := formtest.Fields("day", "2026-12-01")
	if err := formLogRead.Compute(env, &in, formtest.At("2026-12-01 18:00")); err != nil {
		t.Fatal(err)
	}
	if in.Values["entries"] != "2" || in.Values["following"] != "1" {
		t.Errorf("counted %v", in.Values)
	}
	r := &data.Record{Kind: KeyLogRead, Serial: "CY-1", Status: data.StatusActive, State: formLogRead.NewState(&data.Record{}), Values: in.Values}
	if r.State != "waiting" || !formLogRead.State(r).Open {
		t.Fatalf("a new reading is %q", r.State)
	}
	if d, ok := formLogRead.Deadline(r, env); !ok || !d.At.Equal(formtest.At("2026-12-02 00:00")) {
		t.Errorf("deadline %v %v; want the end of the day read", d, ok)
	}
	for _, a := range []data.Actor{formtest.TClerk, formtest.TAdmin} {
		if _, _, err := formLogRead.TakeStep(r, "read", formtest.Fields("opinion", "已阅"), a, formtest.At("2026-12-01 18:00"), env); !errors.Is(err, data.ErrForbidden) {
			t.Errorf("%s read the log for the supervisor: %v", a.Name, err)
		}
	}
	nr := formtest.Take(t, formLogRead, r, "read", formtest.Fields("entry_1", LogSeen, "entry_2", LogSeen, "opinion", "已阅"), formtest.TSupervisor, "2026-12-01 18:05", env)
	if nr.State != "read" || nr.Values["reader"] != "王主管" || nr.Values["read_at"] != "2026-12-01 18:05" || nr.Values["opinion"] != "已阅" {
		t.Errorf("read = %s %v", nr.State, nr.Values)
	}
	if !formLogRead.State(nr).Fixed {
		t.Error("a signed reading can still be edited")
	}
}

// What the rules expect and nobody has made: unread days with entries, the month to sign, the roster.
func TestExpectedRecords(t *testing.T) {
	reading := func(day string) *data.Record {
		return &data.Record{Kind: KeyLogRead, Status: data.StatusActive, State: "read", Values: map[string]string{"day": day}}
	}
	roster := func(month string) *data.Record {
		return &data.Record{Kind: "roster", Status: data.StatusActive, State: "approved", Values: map[string]string{"month": month}}
	}
	// A desk that reads its log: a reading on 11月20日.
	earlier := reading("2026-11-20")
	log := func(recs ...*data.Record) map[string][]*data.Record {
		return map[string][]*data.Record{"duty_log": recs, KeyLogRead: {earlier}}
	}
	tests := []struct {
		name string
		now  string
		recs map[string][]*data.Record
		form *data.Form
		want []string // state @ deadline
	}{
		{"a day with entries and no reading", "2026-12-02 10:00", log(dutyEntry("2026-12-01 09:00", "done"), dutyEntry("2026-12-01 10:00", "done")),
			formLogRead, []string{"待查阅（12月1日，2条）@2026-12-02 00:00"}},
		{"a day read", "2026-12-02 10:00", map[string][]*data.Record{"duty_log": {dutyEntry("2026-12-01 09:00", "done")}, KeyLogRead: {earlier, reading("2026-12-01")}},
			formLogRead, nil},
		{"a day without entries", "2026-12-02 10:00", log(), formLogRead, nil},
		{"an unread day older than two weeks", "2026-12-20 10:00", log(dutyEntry("2026-12-01 09:00", "done")), formLogRead, nil},
		{"today's log, due tonight", "2026-12-01 10:00", log(dutyEntry("2026-12-01 09:00", "done")),
			formLogRead, []string{"待查阅（12月1日，1条）@2026-12-02 00:00"}},
		{"a desk that never read: today only", "2026-12-02 10:00", map[string][]*data.Record{"duty_log": {dutyEntry("2026-12-01 09:00", "done"), dutyEntry("2026-12-02 09:00", "done")}},
			formLogRead, []string{"待查阅（12月2日，1条）@2026-12-03 00:00"}},
		{"last month unsigned", "2026-12-02 10:00", log(dutyEntry("2026-11-30 09:00", "done")),
			formLogSign, []string{"待签阅（2026年11月）@2026-12-01 00:00"}},
		{"last month, before the desk's first reading", "2026-12-02 10:00", map[string][]*data.Record{"duty_log": {dutyEntry("2026-11-30 09:00", "done")}},
			formLogSign, nil},
		{"this month from the 25th", "2026-12-25 10:00", log(dutyEntry("2026-12-01 09:00", "done")),
			formLogSign, []string{"待签阅（2026年12月）@2027-01-01 00:00"}},
		{"this month before the 25th", "2026-12-24 10:00", log(dutyEntry("2026-12-01 09:00", "done")), formLogSign, nil},
		{"next month's roster before the 20th", "2026-12-19 10:00", map[string][]*data.Record{"roster": {roster("2026-12")}}, duty.FormRoster, nil},
		{"next month's roster from the 20th", "2026-12-20 08:00", map[string][]*data.Record{"roster": {roster("2026-12")}},
			duty.FormRoster, []string{"待编制（2027年1月）@2026-12-25 00:00"}},
		{"next month's roster made", "2026-12-26 08:00", map[string][]*data.Record{"roster": {roster("2026-12"), roster("2027-01")}}, duty.FormRoster, nil},
		{"this month's roster missing after last month's", "2026-12-05 08:00", map[string][]*data.Record{"roster": {roster("2026-11")}},
			duty.FormRoster, []string{"待编制（2026年12月）@2026-11-25 00:00"}},
		{"a desk that keeps no roster", "2026-12-05 08:00", nil, duty.FormRoster, nil},
	}
	for _, tc := range tests {
		env := formtest.MemEnv{FakeEnv: formtest.FakeEnv{}, Recs: tc.recs}
		var got []string
		ms, err := tc.form.ExpectedMatters(env, formtest.TSupervisor, formtest.At(tc.now))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			got = append(got, m.State+"@"+m.Deadline.In(data.Shanghai).Format(data.LayoutDateTime))
			if !m.Mine || m.Serial != "" || strings.Join(m.Next, "") != "新建" {
				t.Errorf("%s: %+v", tc.name, m)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: expected %q; want %q", tc.name, got, tc.want)
		}
	}
	// The clerk is not the one to make them.
	env := formtest.MemEnv{FakeEnv: formtest.FakeEnv{}, Recs: map[string][]*data.Record{"duty_log": {dutyEntry("2026-12-01 09:00", "done")}}}
	if ms, err := formLogRead.ExpectedMatters(env, formtest.TClerk, formtest.At("2026-12-01 10:00")); err != nil || len(ms) != 0 {
		t.Errorf("the clerk's view: %+v", ms)
	}
}
