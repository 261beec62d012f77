package duty

import (
	"errors"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// The 15-minute rule at each shift's start (D11): a quarter of an hour early is on time, a minute
// later is late, and no arrival is a no-show; the shifts' hours come from the settings.
func TestArrivalGrading(t *testing.T) {
	env := dutyEnv()
	tests := []struct {
		shift, arrived, result, late string
	}{
		{"早班", "2026-12-01 07:15", ArrivedOnTime, ""},
		{"早班", "2026-12-01 07:16", ArrivedLate, "1"},
		{"早班", "2026-12-01 05:00", ArrivedOnTime, ""},
		{"中班", "2026-12-01 09:15", ArrivedOnTime, ""},
		{"中班", "2026-12-01 09:15:30", ArrivedLate, "1"},
		{"中班", "2026-12-01 09:45", ArrivedLate, "30"},
		{"晚班", "2026-12-01 11:45", ArrivedOnTime, ""},
		{"晚班", "2026-12-01 12:00", ArrivedLate, "15"},
		{"晚班", "", ArrivedNot, ""},
	}
	for _, tc := range tests {
		in := formtest.Fields("date", "2026-12-01", "shift", tc.shift, "person", "陈佳", "arrived", tc.arrived)
		if strings.Count(tc.arrived, ":") == 2 {
			// seconds are not typed; grade the moment itself
			res, late, _ := arrivalOf(env, formtest.At("2026-12-01 00:00"), tc.shift, "陈佳", formtest.At(tc.arrived[:16]).Add(30e9), true)
			if res != tc.result || (late > 0) != (tc.late != "") {
				t.Errorf("%s %s: %s %d", tc.shift, tc.arrived, res, late)
			}
			continue
		}
		if err := formAttendance.Compute(env, &in, formtest.At("2026-12-01 20:00")); err != nil {
			t.Fatal(err)
		}
		if in.Values["result"] != tc.result || in.Values["late_min"] != tc.late {
			t.Errorf("%s %s: %s %s; want %s %s", tc.shift, tc.arrived, in.Values["result"], in.Values["late_min"], tc.result, tc.late)
		}
	}
	// Shift hours changed in the settings move the mark.
	moved := dutyEnv()
	moved.FakeEnv[SettingShiftHours] = "早班 08:00-16:00\n中班 09:30-17:30\n晚班 12:00-20:00"
	in := formtest.Fields("date", "2026-12-01", "shift", "早班", "person", "陈佳", "arrived", "2026-12-01 07:40")
	if err := formAttendance.Compute(moved, &in, formtest.At("2026-12-01 20:00")); err != nil || in.Values["result"] != ArrivedOnTime {
		t.Errorf("with 早班 from 08:00, 07:40 is %s (%v)", in.Values["result"], err)
	}
}

// Refused: a person not on the shift by the roster, an arrival outside the shift, a clerk recording
// somebody else or a no-show; allowed: the person on an approved swap, the supervisor recording.
func TestAttendanceRulesAndAccess(t *testing.T) {
	rules := []struct {
		name   string
		leaves []*data.Record
		kv     []string
		field  string
	}{
		{"on the roster", nil, []string{"person", "陈佳", "arrived", "2026-12-01 07:10"}, ""},
		{"not on the shift", nil, []string{"person", "周敏", "arrived", "2026-12-01 07:10"}, "person"},
		{"on an approved swap", []*data.Record{leaveRec("approved", LeaveKindSwap, "陈佳", "早班", "周敏")}, []string{"person", "周敏", "arrived", "2026-12-01 07:10"}, ""},
		{"on a swap nobody approved", []*data.Record{leaveRec("asked", LeaveKindSwap, "陈佳", "早班", "周敏")}, []string{"person", "周敏", "arrived", "2026-12-01 07:10"}, "person"},
		{"long before the shift", nil, []string{"person", "陈佳", "arrived", "2026-12-01 04:00"}, "arrived"},
		{"after the shift", nil, []string{"person", "陈佳", "arrived", "2026-12-01 15:30"}, "arrived"},
	}
	for _, tc := range rules {
		in := formtest.Fields(append([]string{"date", "2026-12-01", "shift", "早班"}, tc.kv...)...)
		errs := formAttendance.CheckAt(dutyEnv(tc.leaves...), in, formtest.At("2026-12-01 20:00"))
		if tc.field == "" && errs != nil || tc.field != "" && errs[tc.field] == "" {
			t.Errorf("%s: %v", tc.name, errs)
		}
	}
	access := []struct {
		name string
		a    data.Actor
		kv   []string
		ok   bool
	}{
		{"a clerk's own arrival", formtest.TClerk, []string{"person", "陈佳", "arrived", "2026-12-01 07:10"}, true},
		{"a clerk records another", formtest.TClerk, []string{"person", "周敏", "arrived", "2026-12-01 07:10"}, false},
		{"a clerk records a no-show", formtest.TClerk, []string{"person", "陈佳"}, false},
		{"the supervisor records a no-show", formtest.TSupervisor, []string{"person", "周敏"}, true},
		{"the administrator", formtest.TAdmin, []string{"person", "管理员", "arrived", "2026-12-01 07:10"}, false},
	}
	for _, tc := range access {
		err := formAttendance.MayWrite(tc.a, formtest.Fields(append([]string{"date", "2026-12-01", "shift", "早班"}, tc.kv...)...))
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
		if tc.name == "the administrator" && !errors.Is(err, data.ErrForbidden) {
			t.Errorf("administrator: %v", err)
		}
	}
	// A clerk sees their own arrivals only; the supervisor and the manager see all.
	other := &data.Record{Kind: KeyAttendance, Status: data.StatusActive, Values: map[string]string{"person": "周敏", "result": ArrivedLate}}
	own := &data.Record{Kind: KeyAttendance, Status: data.StatusActive, Values: map[string]string{"person": "陈佳", "result": ArrivedOnTime}}
	if formAttendance.MayRead(formtest.TClerk, other) || !formAttendance.MayRead(formtest.TClerk, own) {
		t.Error("a clerk reads another's arrival, or not their own")
	}
	if !formAttendance.MayRead(formtest.TSupervisor, other) || !formAttendance.MayRead(formtest.TManager, other) {
		t.Error("the supervisor or the manager cannot read an arrival")
	}
}

// The login's arrival and the no-shows on the supervisor's list.
func TestArrivalAtLoginAndNoShows(t *testing.T) {
	env := dutyEnv()
	if ins, _ := arriveAtLogin(env, formtest.TClerk, formtest.At("2026-12-01 07:05")); len(ins) != 1 || ins[0].Values["shift"] != "早班" || ins[0].Values["arrived"] != "2026-12-01 07:05" {
		t.Errorf("陈佳 at 07:05: %v", ins)
	}
	if ins, _ := arriveAtLogin(env, formtest.TClerk, formtest.At("2026-12-01 15:40")); len(ins) != 0 {
		t.Errorf("after the shift: %v", ins)
	}
	zm := data.Actor{Login: "z", Name: "周敏", Role: data.RoleClerk}
	if ins, _ := arriveAtLogin(env, zm, formtest.At("2026-12-01 10:00")); len(ins) != 0 {
		t.Errorf("周敏 rests on the 1st: %v", ins)
	}
	var got []string
	exp, err := expectArrivals(env, formtest.At("2026-12-01 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range exp {
		got = append(got, e.State)
	}
	if strings.Join(got, "|") != "未到岗（12月1日 早班 陈佳）|未到岗（12月1日 中班 李晓梅）" {
		t.Errorf("no-shows at 10:00: %v", got)
	}
	env.Recs[KeyAttendance] = []*data.Record{{Kind: KeyAttendance, Serial: "KQ-20261201-001", Status: data.StatusActive, Values: map[string]string{"date": "2026-12-01", "shift": "早班", "person": "陈佳", "arrived": "2026-12-01 07:05"}}}
	if ins, _ := arriveAtLogin(env, formtest.TClerk, formtest.At("2026-12-01 09:00")); len(ins) != 0 {
		t.Errorf("a second login: %v", ins)
	}
	got = nil
	exp, err = expectArrivals(env, formtest.At("2026-12-01 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range exp {
		got = append(got, e.State)
	}
	if strings.Join(got, "|") != "未到岗（12月1日 中班 李晓梅）" {
		t.Errorf("after 陈佳 arrived: %v", got)
	}
}

// An approved stand-in moves the arrivals: 周敏 covering 王丽君's first three hours of the 晚班 is due at
// 11:45, and 王丽君 at 14:45; neither is a no-show before their time.
func TestStandInMovesTheArrival(t *testing.T) {
	stand := leaveRec("approved", LeaveKindStand, "王丽君", "晚班", "周敏")
	stand.Values["stand_from"], stand.Values["stand_to"] = "12:00", "15:00"
	env := dutyEnv(stand)
	grade := func(person, arrived string) string {
		in := formtest.Fields("date", "2026-12-01", "shift", "晚班", "person", person, "arrived", arrived)
		if err := formAttendance.Compute(env, &in, formtest.At("2026-12-01 20:00")); err != nil {
			t.Fatal(err)
		}
		return in.Values["result"] + in.Values["late_min"]
	}
	for _, c := range []struct{ person, arrived, want string }{
		{"周敏", "2026-12-01 11:45", ArrivedOnTime}, {"周敏", "2026-12-01 11:50", ArrivedLate + "5"},
		{"王丽君", "2026-12-01 14:40", ArrivedOnTime}, {"王丽君", "2026-12-01 14:50", ArrivedLate + "5"},
	} {
		if got := grade(c.person, c.arrived); got != c.want {
			t.Errorf("%s at %s: %s; want %s", c.person, c.arrived, got, c.want)
		}
	}
	noShows := func(now string) string {
		exp, err := expectArrivals(env, formtest.At(now))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range exp {
			if strings.Contains(e.State, "晚班") {
				out = append(out, e.State)
			}
		}
		return strings.Join(out, "|")
	}
	if got := noShows("2026-12-01 13:00"); got != "未到岗（12月1日 晚班 周敏）" {
		t.Errorf("at 13:00: %q", got)
	}
	if got := noShows("2026-12-01 15:10"); got != "未到岗（12月1日 晚班 王丽君）|未到岗（12月1日 晚班 周敏）" {
		t.Errorf("at 15:10: %q", got)
	}
}

// The correction dialog starts with the time as recorded, so correcting the reason alone never wipes it.
func TestCorrectionStartsWithTheRecordedTime(t *testing.T) {
	st, _ := formAttendance.Flow.StepByKey("correct")
	r := &data.Record{Kind: KeyAttendance, Status: data.StatusActive, State: "recorded", Values: map[string]string{"arrived": "2026-12-01 07:22"}}
	for _, fl := range st.FieldsNow(formtest.FakeEnv{}, r, formtest.At("2026-12-01 10:00")) {
		if fl.Key == "arrived" && data.DefaultValue(fl, formtest.At("2026-12-01 10:00"), "王主管") != "2026-12-01 07:22" {
			t.Errorf("the dialog starts with %q", data.DefaultValue(fl, formtest.At("2026-12-01 10:00"), "王主管"))
		}
	}
}
