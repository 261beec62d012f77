package supervision

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// The manager's spot checks of the desk (D17) are counted month by month, each nonconformity with its
// cause analysed and the improvement required: a row of the board.
func TestManagerSpotChecksCounted(t *testing.T) {
	m := formtest.MeasureNamed(t, "quality_manager_spot")
	running := data.Month{From: formtest.November.From, To: formtest.November.To, Now: formtest.At("2026-11-10 09:00")}
	tests := []struct {
		name    string
		month   data.Month
		build   func(e *formtest.RecEnv)
		value   string
		verdict data.Verdict
		behind  string
	}{
		{"two checks, the failed one analysed", formtest.November, func(e *formtest.RecEnv) {
			e.Add("quality", "time", "2026-11-05 10:00", "kind", "经理抽查", "inspector", "刘经理", "checked_staff", "周敏", "result", CheckPass)
			e.Add("quality", "time", "2026-11-19 15:00", "kind", "经理抽查", "inspector", "刘经理", "checked_staff", "陈佳", "result", CheckFail,
				"finding", "值班记录漏记", "cause", "交班前未核对记录", "correction", "交班前逐条核对")
			e.Add("quality", "time", "2026-11-06 10:00", "kind", "主管抽查", "result", CheckPass) // the supervisor's count apart
		}, "2 次", data.VerdictMet, ""},
		{"a nonconformity with no cause", formtest.November, func(e *formtest.RecEnv) {
			e.Add("quality", "time", "2026-11-19 15:00", "kind", "经理抽查", "checked_staff", "陈佳", "result", CheckFail, "finding", "值班记录漏记")
		}, "1 次", data.VerdictMissed, "ZJ-001"},
		{"none in a month over", formtest.November, func(e *formtest.RecEnv) {
			e.Add("quality", "time", "2026-11-06 10:00", "kind", "主管抽查", "result", CheckPass)
		}, "0 次", data.VerdictMissed, ""},
		{"none yet in a month under way", running, func(e *formtest.RecEnv) {}, "0 次", data.VerdictNear, ""},
	}
	for _, tt := range tests {
		e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
		tt.build(e)
		fig, err := m.Of(e, tt.month)
		if err != nil {
			t.Fatal(err)
		}
		if fig.Value != tt.value || fig.Verdict != tt.verdict || tt.behind != "" && !strings.Contains(formtest.SerialsOf(fig.Behind), tt.behind) {
			t.Errorf("%s: %q %s (%s) %v; want %q %s %s", tt.name, fig.Value, fig.Verdict, fig.Detail, fig.Behind, tt.value, tt.verdict, tt.behind)
		}
	}
}

// A month with no spot check of the manager's yet is on his 今日待办, and his alone; the line starts a
// 经理抽查.
func TestManagerSpotCheckPrompted(t *testing.T) {
	f, _ := data.FormByKey("quality")
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	e.Add("quality", "time", "2026-12-02 10:00", "kind", "主管抽查", "result", CheckPass)
	ms, err := f.ExpectedMatters(e, formtest.TManager, formtest.At("2026-12-08 09:00"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || !ms[0].Mine || !strings.Contains(ms[0].State, "经理抽查") || ms[0].Fill["kind"] != "经理抽查" || !ms[0].Deadline.Equal(formtest.At("2027-01-01 00:00")) {
		t.Fatalf("the manager's prompt: %+v", ms)
	}
	if ms, _ := f.ExpectedMatters(e, formtest.TSupervisor, formtest.At("2026-12-08 09:00")); len(ms) != 0 {
		t.Errorf("on the supervisor's list: %+v", ms)
	}
	e.Add("quality", "time", "2026-12-07 16:00", "kind", "经理抽查", "result", CheckPass)
	if ms, _ := f.ExpectedMatters(e, formtest.TManager, formtest.At("2026-12-08 09:00")); len(ms) != 0 {
		t.Errorf("prompted after a check: %+v", ms)
	}
}

// A nonconformity the manager finds has its cause analysed and the improvement required (D17).
func TestManagerSpotCheckCause(t *testing.T) {
	f, _ := data.FormByKey("quality")
	in := formtest.Fields("time", "2026-11-19 15:00", "kind", "经理抽查", "inspector", "刘经理", "checked_staff", "陈佳", "item", "值班记录",
		"result", CheckFail, "finding", "值班记录漏记")
	if errs := f.Check(in); errs["cause"] == "" {
		t.Errorf("a nonconformity without its cause: %v", errs)
	}
	in.Values["cause"] = "交班前未核对记录"
	if errs := f.Check(in); errs["correction"] == "" {
		t.Errorf("a nonconformity without the improvement: %v", errs)
	}
	in.Values["correction"] = "交班前逐条核对"
	if errs := f.Check(in); len(errs) > 0 {
		t.Errorf("analysed: %v", errs)
	}
}
