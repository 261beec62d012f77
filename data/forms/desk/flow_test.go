package desk

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

func TestDeadlines(t *testing.T) {
	env := formtest.FakeEnv{}
	v := &data.Record{Kind: "visitor", Status: data.StatusActive, Values: map[string]string{"entry_time": "2026-11-27 09:00"}}
	d, ok := FormVisitor.Deadline(v, env)
	if !ok || !d.At.Equal(formtest.At("2026-11-27 13:00")) {
		t.Fatalf("visitor deadline = %v %v; want 13:00 (4 hours)", d, ok)
	}
	if left, late := d.Left(formtest.At("2026-11-27 11:48")); left != "剩余 1:12" || late {
		t.Errorf("left = %q %v", left, late)
	}
	if left, late := d.Left(formtest.At("2026-11-27 13:25")); left != "超时 0:25" || !late {
		t.Errorf("overdue = %q %v", left, late)
	}
	if st, late := FormVisitor.Status(v, formtest.At("2026-11-27 13:25"), env); st != "逗留超时" || !late {
		t.Errorf("status = %q %v", st, late)
	}
	// The manager's setting overrides the length.
	if d, _ := FormVisitor.Deadline(v, formtest.FakeEnv{SettingOverstayHours: "8"}); !d.At.Equal(formtest.At("2026-11-27 17:00")) {
		t.Errorf("with 8 hours: %v", d.At)
	}
	// A slip is valid to the end of its day; released, it has no deadline.
	s := &data.Record{Kind: "release", Status: data.StatusActive, Values: map[string]string{"valid_until": "2026-11-27"}}
	if d, ok := FormRelease.Deadline(s, env); !ok || !d.At.Equal(formtest.At("2026-11-28 00:00")) {
		t.Errorf("slip deadline = %v", d.At)
	}
	if SlipStatus(s, formtest.At("2026-11-28 00:01")) != SlipExpired {
		t.Errorf("slip after its day: %s", SlipStatus(s, formtest.At("2026-11-28 00:01")))
	}
	s.Life = map[string]string{"released_at": "2026-11-27 10:00"}
	if _, ok := FormRelease.Deadline(s, env); ok {
		t.Error("a released slip has a deadline")
	}
	// A clock in working days over 国庆 2026, and over a year the calendar does not know.
	f := &data.Form{Key: "t", Fields: []data.Field{{Key: "done", Type: data.TypeDateTime}}, Flow: &data.Flow{
		States: []data.State{{Key: "wait", Name: "待回访", Open: true}}, Initial: "wait",
		Clocks: []data.Clock{{States: []string{"wait"}, From: "done", WorkingDays: 2, Label: "回访"}}}}
	r := &data.Record{Status: data.StatusActive, Values: map[string]string{"done": "2026-09-30 16:00"}}
	if d, _ := f.Deadline(r, env); !d.At.Equal(formtest.At("2026-10-10 00:00")) || !d.Known {
		t.Errorf("over 国庆: %v %v; want the end of 10-09", d.At, d.Known)
	}
	r.Values["done"] = "2035-03-01 10:00"
	if d, _ := f.Deadline(r, env); d.Known || d.Year != 2035 || !strings.Contains(data.CalendarGap(d.Year), "2035年") {
		t.Errorf("unknown year: %+v", d)
	}
}
