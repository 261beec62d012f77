package training

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// A year's plan is made in December of the year before (R8.1): before it is refused, after it the plan
// is taken and marked late; a revision is made within its year; nothing is dated ahead of the day.
func TestCulturePlanMadeInDecember(t *testing.T) {
	tests := []struct {
		name, year, date, revises, now string
		field, late                    string
	}{
		{"in December", "2027", "2026-12-10", "", "2026-12-10 10:00", "", ""},
		{"in November", "2027", "2026-11-20", "", "2026-11-20 10:00", "plan_date", ""},
		{"dated ahead", "2027", "2026-12-20", "", "2026-12-10 10:00", "plan_date", ""},
		{"late, in the year itself", "2027", "2027-01-05", "", "2027-01-05 10:00", "", "逾期制定：应在2026年12月制定"},
		{"after its year", "2027", "2028-01-05", "", "2028-01-05 10:00", "plan_date", ""},
		{"a revision in the year", "2027", "2027-06-01", "WH-20261210-001", "2027-06-01 10:00", "", ""},
		{"a revision before December", "2027", "2026-10-01", "WH-20261210-001", "2026-10-01 10:00", "plan_date", ""},
	}
	for _, tc := range tests {
		in := formtest.Fields("year", tc.year, "plan_date", tc.date, "revises", tc.revises, "budget", "3000.00", "author", "王主管")
		errs := formCulturePlan.CheckAt(formtest.FakeEnv{}, in, formtest.At(tc.now))
		if (tc.field == "") != (len(errs) == 0) || tc.field != "" && errs[tc.field] == "" {
			t.Errorf("%s: %v; want a message on %q", tc.name, errs, tc.field)
		}
		if tc.field != "" {
			continue
		}
		if err := formCulturePlan.Compute(formtest.FakeEnv{}, &in, formtest.At(tc.now)); err != nil {
			t.Fatal(err)
		}
		if in.Values["late_note"] != tc.late {
			t.Errorf("%s: late %q; want %q", tc.name, in.Values["late_note"], tc.late)
		}
	}
	if errs := formCulturePlan.CheckAt(formtest.FakeEnv{}, formtest.Fields("year", "2027", "plan_date", "2026-11-20"), formtest.At("2026-11-20 10:00")); !strings.Contains(errs["plan_date"], "2026年12月") {
		t.Errorf("the refusal says when: %v", errs)
	}
}

// planInForce is the year's plan in force: 中秋晚会 in September evaluated, 重阳敬老 in October not,
// 迎新年联欢会 in December still ahead.
func planInForce() *formtest.RecEnv {
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	plan := e.Add("culture", "year", "2026", "plan_date", "2025-12-15", "committee_ok", "是", "committee_at", "2025-12-28 10:00",
		"evaluations", "中秋晚会（2026-09-15 举办，参加约 200 人）：参与踊跃")
	plan.State = "in_force"
	plan.Tables = map[string][]data.Row{"activities": {{"month": "9", "name": "中秋晚会", "budget": "5000.00"},
		{"month": "10", "name": "重阳敬老", "budget": "1200.00"}, {"month": "12", "name": "迎新年联欢会", "budget": "3000.00"}}}
	return e
}

// An activity held and never evaluated is an open matter on the supervisor's 今日待办 (R8.4): the line
// opens the plan, its step the evaluation, due by the 10th of the month after.
func TestCultureActivityToEvaluate(t *testing.T) {
	e := planInForce()
	plan := e.Recs["culture"][0]
	ms, err := formCulturePlan.ExpectedMatters(e, formtest.TSupervisor, formtest.At("2026-11-20 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 {
		t.Fatalf("to evaluate: %+v", ms)
	}
	m := ms[0]
	if m.Serial != plan.Serial || strings.Join(m.Next, "") != "活动评估" || !m.Mine || !strings.Contains(m.State, "重阳敬老") ||
		!m.Deadline.Equal(formtest.At("2026-11-11 00:00")) || !m.Overdue {
		t.Errorf("the line: %+v", m)
	}
	if ms, _ := formCulturePlan.ExpectedMatters(e, formtest.TClerk, formtest.At("2026-11-20 10:00")); len(ms) != 0 {
		t.Errorf("on the clerk's list: %+v", ms)
	}
	plan.Values["evaluations"] += "\n重阳敬老（2026-10-25 举办，参加约 80 人）：老人参与多"
	if ms, _ := formCulturePlan.ExpectedMatters(e, formtest.TSupervisor, formtest.At("2026-11-20 10:00")); len(ms) != 0 {
		t.Errorf("evaluated, still due: %+v", ms)
	}
}

// The board has a row for the activities' evaluation: the month's activities evaluated, or which not.
func TestCultureEvaluationOnTheBoard(t *testing.T) {
	m := formtest.MeasureNamed(t, "culture_eval")
	e := planInForce()
	oct := data.Month{From: formtest.At("2026-10-01 00:00"), To: formtest.At("2026-11-01 00:00"), Now: formtest.At("2026-11-20 10:00")}
	fig, err := m.Of(e, oct)
	if err != nil {
		t.Fatal(err)
	}
	if fig.Verdict != data.VerdictMissed || !strings.Contains(formtest.SerialsOf(fig.Behind), e.Recs["culture"][0].Serial) {
		t.Errorf("October: %+v", fig)
	}
	sep := data.Month{From: formtest.At("2026-09-01 00:00"), To: formtest.At("2026-10-01 00:00"), Now: formtest.At("2026-11-20 10:00")}
	if fig, _ := m.Of(e, sep); fig.Verdict != data.VerdictMet {
		t.Errorf("September: %+v", fig)
	}
	if fig, _ := m.Of(e, formtest.November); fig.Verdict != data.VerdictNone {
		t.Errorf("a month without activities: %+v", fig)
	}
}
