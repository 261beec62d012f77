package forms

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
	"frontdesk/data/forms/formtest"
	"frontdesk/data/forms/service"
	"frontdesk/data/forms/supervision"
)

// Months built with known figures: each measure's value, verdict and what is behind it.
func TestMeasuresOnKnownMonths(t *testing.T) {
	running := formtest.November
	running.Now = formtest.At("2026-11-20 10:00")
	tests := []struct {
		name, key string
		month     data.Month
		build     func(e *formtest.RecEnv)
		value     string
		verdict   data.Verdict
		behind    string
	}{
		{"registrations over 60 s", "visitor_60s", formtest.November, func(e *formtest.RecEnv) {
			for _, s := range []float64{30, 45, 61, 0} {
				e.Add("visitor", "entry_time", "2026-11-05 10:00").EntrySeconds = s
			}
			e.Add("visitor", "entry_time", "2026-10-31 10:00").EntrySeconds = 90 // another month
		}, "66.7%", data.VerdictMissed, "LF-003"},
		{"every registration in time", "visitor_60s", formtest.November, func(e *formtest.RecEnv) {
			e.Add("visitor", "entry_time", "2026-11-05 10:00").EntrySeconds = 20
		}, "100%", data.VerdictMet, ""},
		{"no registrations timed", "visitor_60s", formtest.November, func(e *formtest.RecEnv) {}, "—", data.VerdictNone, ""},

		{"complaints answered late or not at all", "complaint_reply", formtest.November, func(e *formtest.RecEnv) {
			e.Add("complaint", "received", "2026-11-03 10:00", "validity", service.ComplaintValid, "reply_time", "2026-11-03 11:30")
			e.Add("complaint", "received", "2026-11-04 10:00", "validity", service.ComplaintValid, "reply_time", "2026-11-04 12:01")
			e.Add("complaint", "received", "2026-11-04 10:00", "validity", service.ComplaintInvalid, "reply_time", "2026-11-06 12:00")
			e.Add("complaint", "received", "2026-11-05 10:00", "validity", "待确认")
			e.Add("complaint", "received", "2026-12-02 08:00", "validity", service.ComplaintValid) // not yet due at 09:00
		}, "33.3%", data.VerdictMissed, "TS-002,TS-004"},
		{"the reply hours set", "complaint_reply", formtest.November, func(e *formtest.RecEnv) {
			e.FakeEnv = formtest.FakeEnv{service.SettingComplaintReplyHours: "3"}
			e.Add("complaint", "received", "2026-11-04 10:00", "validity", service.ComplaintValid, "reply_time", "2026-11-04 12:59")
		}, "100%", data.VerdictMet, ""},

		{"valid complaints revisited", "complaint_revisited", formtest.November, func(e *formtest.RecEnv) {
			e.Add("complaint", "received", "2026-11-09 10:00", "validity", service.ComplaintValid, "done_time", "2026-11-10 10:00", "revisit_time", "2026-11-16 10:00")
			e.Add("complaint", "received", "2026-11-19 10:00", "validity", service.ComplaintValid, "done_time", "2026-11-20 10:00")
			e.Add("complaint", "received", "2026-11-30 10:00", "validity", service.ComplaintValid, "done_time", "2026-11-30 16:00") // due 12-02 24:00
			e.Add("complaint", "received", "2026-10-30 10:00", "validity", service.ComplaintValid, "done_time", "2026-11-02 10:00", "revisit_time", "2026-11-03 10:00")
			e.Add("complaint", "received", "2026-11-09 10:00", "validity", service.ComplaintInvalid, "done_time", "2026-11-10 10:00")
		}, "66.7%", data.VerdictMissed, "TS-002"},
		{"revisits within 2 working days", "complaint_revisit_2wd", formtest.November, func(e *formtest.RecEnv) {
			// Done on Tuesday 11-10: due by the end of Thursday 11-12.
			e.Add("complaint", "received", "2026-11-09 10:00", "validity", service.ComplaintValid, "done_time", "2026-11-10 10:00", "revisit_time", "2026-11-12 23:59")
			e.Add("complaint", "received", "2026-11-09 10:00", "validity", service.ComplaintValid, "done_time", "2026-11-10 10:00", "revisit_time", "2026-11-13 00:01")
		}, "50.0%", data.VerdictMissed, "TS-002"},
		{"a repair done before the National Day holiday", "repair_revisit_2wd", data.Month{From: formtest.At("2026-09-01 00:00"), To: formtest.At("2026-10-01 00:00"), Now: formtest.At("2026-10-20 00:00")}, func(e *formtest.RecEnv) {
			// Done 09-30: the holiday runs to 10-07, so the 2nd working day is 10-09.
			e.Add("repair", "report_time", "2026-09-29 10:00", "done_time", "2026-09-30 10:00", "revisit_time", "2026-10-09 18:00")
		}, "100%", data.VerdictMet, ""},

		{"5% of households visited", "hh_visit_5pct", formtest.November, func(e *formtest.RecEnv) {
			for i := 0; i < 40; i++ {
				e.UnitList = append(e.UnitList, data.Unit{Unit: fmt.Sprintf("1-1-%d", 101+i)})
			}
			e.Add("hh_visit", "unit", "1-1-101", "date", "2026-11-02")
			e.Add("hh_visit", "unit", "1-1-101", "date", "2026-11-03") // the same unit twice counts once
			e.Add("hh_visit", "unit", "1-1-102", "date", "2026-11-09")
		}, "5.0%", data.VerdictMet, ""},
		{"too few households visited", "hh_visit_5pct", formtest.November, func(e *formtest.RecEnv) {
			for i := 0; i < 3; i++ {
				e.UnitList = append(e.UnitList, data.Unit{Unit: fmt.Sprintf("1-1-%d", 101+i)})
			}
			e.Add("hh_visit", "unit", "1-1-103", "date", "2026-09-02")
			e.Add("hh_visit", "unit", "1-1-102", "date", "2026-10-02")
		}, "0.0%", data.VerdictMissed, "1-1-101 从未走访,1-1-103 上次走访 2026-09-02,1-1-102 上次走访 2026-10-02"},
		{"a month under way", "hh_visit_5pct", running, func(e *formtest.RecEnv) {
			e.UnitList = []data.Unit{{Unit: "1-1-101"}}
		}, "0.0%", data.VerdictNear, "1-1-101 从未走访"},

		{"spot checks a week", "quality_3_week", formtest.November, func(e *formtest.RecEnv) {
			// Weeks ending in November 2026: to 11-01, 11-08, 11-15, 11-22, 11-29.
			for _, d := range []string{"2026-10-27", "2026-10-29", "2026-11-01", "2026-11-02", "2026-11-03", "2026-11-08",
				"2026-11-09", "2026-11-10", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-23", "2026-11-24", "2026-11-25"} {
				e.Add("quality", "time", d+" 10:00", "kind", "主管抽查")
			}
			e.Add("quality", "time", "2026-11-11 10:00", "kind", supervision.SelfCheck)
			e.Add("quality", "time", "2026-11-12 10:00", "kind", "经理抽查")
			e.Add("quality", "time", "2026-11-13 10:00", "kind", "交接班检查") // the daily handover check counts apart
		}, "4 / 5 周", data.VerdictMissed, "11-09至11-15 只抽查 2 次"},

		{"arrivals on time", "attendance_on_time", formtest.November, func(e *formtest.RecEnv) {
			for _, res := range []string{duty.ArrivedOnTime, duty.ArrivedOnTime, duty.ArrivedOnTime, duty.ArrivedLate, ""} {
				e.Add(duty.KeyAttendance, "date", "2026-11-05", "result", res, "late_min", "20")
			}
		}, "75.0%", data.VerdictMissed, "KQ-004"},

		{"the roster submitted before the 25th", "roster_by_25", formtest.November, func(e *formtest.RecEnv) {
			e.Add(duty.KeyRoster, "month", "2026-12", "submitted_at", "2026-11-24 18:00")
		}, "11-24 已报经理", data.VerdictMet, ""},
		{"the roster submitted late", "roster_by_25", formtest.November, func(e *formtest.RecEnv) {
			e.Add(duty.KeyRoster, "month", "2026-12", "submitted_at", "2026-11-25 09:00")
			e.Add(duty.KeyRoster, "month", "2026-11", "submitted_at", "2026-10-20 09:00")
		}, "11-25 才报经理", data.VerdictMissed, "PB-001"},
		{"the roster not yet due", "roster_by_25", running, func(e *formtest.RecEnv) {}, "尚未报经理", data.VerdictNear, ""},

		{"each day's log read", "log_read_daily", formtest.November, func(e *formtest.RecEnv) {
			for _, d := range []string{"2026-11-02", "2026-11-03", "2026-11-04"} {
				e.Add("duty_log", "time", d+" 10:00")
			}
			e.Add(supervision.KeyLogRead, "day", "2026-11-02", "read_at", "2026-11-02 20:00")
			e.Add(supervision.KeyLogRead, "day", "2026-11-03", "read_at", "2026-11-03 20:00")
			e.Add(supervision.KeyLogRead, "day", "2026-11-04") // handed in, not signed
		}, "66.7%", data.VerdictMissed, "2026-11-04 的值班记录未在当日查阅签字"},
		{"a day's log read the next day", "log_read_daily", formtest.November, func(e *formtest.RecEnv) {
			e.Add("duty_log", "time", "2026-11-02 10:00")
			e.Add("duty_log", "time", "2026-11-03 10:00")
			e.Add(supervision.KeyLogRead, "day", "2026-11-02", "read_at", "2026-11-02 23:59")
			e.Add(supervision.KeyLogRead, "day", "2026-11-03", "read_at", "2026-11-04 08:30")
		}, "50.0%", data.VerdictMissed, "2026-11-03 的值班记录未在当日查阅签字"},
		{"the month's log signed by its end", "log_sign_monthly", formtest.November, func(e *formtest.RecEnv) {
			e.Add(supervision.KeyLogSign, "month", "2026-11", "read_at", "2026-11-30 10:00")
		}, "11-30 已签阅", data.VerdictMet, ""},
		{"the month's log signed after it", "log_sign_monthly", formtest.November, func(e *formtest.RecEnv) {
			e.Add(supervision.KeyLogSign, "month", "2026-11", "read_at", "2026-12-01 10:00")
		}, "12-01 才签阅", data.VerdictMissed, "QY-001"},

		{"the month's complaint report signed by the 5th", "complaint_month_signed", formtest.November, func(e *formtest.RecEnv) {
			e.Add("complaint_month", "month", "2026-11", "signed_at", "2026-12-01 16:00", "signed_by", "王主管")
		}, "12-01 已签署", data.VerdictMet, ""},
		{"the complaint report not signed, still in time", "complaint_month_signed", formtest.November, func(e *formtest.RecEnv) {
			e.Add("complaint_month", "month", "2026-11")
		}, "尚未签署", data.VerdictNear, ""},
		{"the manager's sample signed by the 10th", "log_sample_20pct", formtest.November, func(e *formtest.RecEnv) {
			e.Add("duty_log", "time", "2026-11-03 10:00")
			e.Add(supervision.KeyLogSample, "month", "2026-11", "population", "170", "size", "34", "signed_at", "2026-12-08 10:00", "conclusion", supervision.SampleConforming)
		}, "12-08 已签字", data.VerdictMet, ""},
		{"the manager's sample signed late", "log_sample_20pct", data.Month{From: formtest.At("2026-10-01 00:00"), To: formtest.At("2026-11-01 00:00"), Now: formtest.At("2026-12-02 09:00")}, func(e *formtest.RecEnv) {
			e.Add(supervision.KeyLogSample, "month", "2026-10", "population", "170", "size", "34", "signed_at", "2026-11-11 00:30")
		}, "11-11 才签字", data.VerdictMissed, "CC-001"},
		{"no sample of a month with a duty log", "log_sample_20pct", data.Month{From: formtest.At("2026-10-01 00:00"), To: formtest.At("2026-11-01 00:00"), Now: formtest.At("2026-12-02 09:00")}, func(e *formtest.RecEnv) {
			e.Add("duty_log", "time", "2026-10-03 10:00")
		}, "未抽查", data.VerdictMissed, ""},
		{"no sample needed without a duty log", "log_sample_20pct", formtest.November, func(e *formtest.RecEnv) {}, "—", data.VerdictNone, ""},
		{"quality checks passed", "quality_pass", formtest.November, func(e *formtest.RecEnv) {
			e.Add("quality", "time", "2026-11-05 10:00", "result", supervision.CheckPass)
			e.Add("quality", "time", "2026-11-06 10:00", "result", supervision.CheckFail, "checked_staff", "周敏", "item", "值班记录", "finding", "漏记")
			e.Add("quality", "time", "2026-10-31 10:00", "result", supervision.CheckFail)
		}, "50.0%", data.VerdictMissed, "ZJ-002"},
		{"a cleaning revisited late", "cleaning_revisit_2wd", formtest.November, func(e *formtest.RecEnv) {
			e.Add("cleaning", "service_time", "2026-11-10 09:00", "done_time", "2026-11-10 11:00", "revisit_time", "2026-11-16 10:00")
		}, "0.0%", data.VerdictMissed, "QJ-001"},
		{"training plan made in time", "training_plan", formtest.November, func(e *formtest.RecEnv) {
			e.Add("training", "month", "2026-11", "pass_rate", "95").CreatedAt = formtest.At("2026-10-30 10:00")
		}, "10-30 已制定", data.VerdictMet, ""},
		{"training pass rate short", "training_pass", formtest.November, func(e *formtest.RecEnv) {
			e.Add("training", "month", "2026-11", "pass_rate", "95")
		}, "95.0%", data.VerdictMissed, "PX-001"},
		{"no training plan", "training_plan", formtest.November, func(e *formtest.RecEnv) {}, "未制定", data.VerdictMissed, ""},

		{"December: next year's culture plan to make", "culture_plan", data.Month{From: formtest.At("2026-12-01 00:00"), To: formtest.At("2027-01-01 00:00"), Now: formtest.At("2026-12-02 00:00")}, func(e *formtest.RecEnv) {
			e.Add("culture", "year", "2026", "plan_date", "2025-12-10", "committee_ok", "是")
		}, "尚未制定", data.VerdictNear, ""},
		{"the year's culture plan, costs not confirmed", "culture_plan", formtest.November, func(e *formtest.RecEnv) {
			e.Add("culture", "year", "2026", "plan_date", "2025-12-10", "committee_ok", "否")
		}, "费用待业委会确认", data.VerdictNear, "WH-001"},

		{"questionnaires half back", "survey_return", formtest.November, func(e *formtest.RecEnv) {
			e.Add("survey", "title", "下半年满意度调查", "handout", "2026-11-02", "collect", "2026-11-23", "occupied", "300", "distributed", "300", "returned", "160")
		}, "53.3%", data.VerdictMet, ""},
		{"questionnaires still coming back", "survey_return", running, func(e *formtest.RecEnv) {
			e.Add("survey", "title", "下半年满意度调查", "handout", "2026-11-02", "collect", "2026-11-23", "occupied", "300", "distributed", "300", "returned", "100")
		}, "33.3%", data.VerdictNear, "WJ-001"},
		{"questionnaires not to every occupied unit", "survey_return", formtest.November, func(e *formtest.RecEnv) {
			e.Add("survey", "title", "下半年满意度调查", "handout", "2026-11-02", "collect", "2026-11-23", "occupied", "300", "distributed", "250", "returned", "200")
		}, "80.0%", data.VerdictMissed, "WJ-001"},
		{"a round handed out too late", "survey_return", formtest.November, func(e *formtest.RecEnv) {
			e.Add("survey", "title", "上半年满意度调查", "handout", "2026-06-20", "collect", "2026-07-10", "occupied", "300", "distributed", "300", "returned", "200")
		}, "本半年未发放", data.VerdictMissed, ""},
		{"the first half's round late", "survey_return", data.Month{From: formtest.At("2026-06-01 00:00"), To: formtest.At("2026-07-01 00:00"), Now: formtest.At("2026-07-02 00:00")}, func(e *formtest.RecEnv) {
			e.Add("survey", "title", "上半年满意度调查", "handout", "2026-06-03", "collect", "2026-06-24", "occupied", "300", "distributed", "300", "returned", "200")
		}, "发放过晚", data.VerdictMissed, "WJ-001"},
		{"no questionnaire in the half-year", "survey_return", formtest.November, func(e *formtest.RecEnv) {
			e.Add("survey", "title", "上半年", "handout", "2026-05-02", "occupied", "300", "distributed", "300", "returned", "200")
		}, "本半年未发放", data.VerdictMissed, ""},
	}
	// Every row of the board has a month of known figures here, or a test of its own.
	tested := map[string]bool{"quality_handover_daily": true, "training_weekly": true, "culture_eval": true, "quality_manager_spot": true}
	for _, tt := range tests {
		tested[tt.key] = true
	}
	for _, m := range data.Measures() {
		if !tested[m.Key] {
			t.Errorf("no month of known figures for %s (%s)", m.Key, m.Name)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
			tt.build(e)
			fig, err := formtest.MeasureNamed(t, tt.key).Of(e, tt.month)
			if err != nil {
				t.Fatal(err)
			}
			if fig.Value != tt.value || fig.Verdict != tt.verdict {
				t.Errorf("%s: %q %s (%s); want %q %s", tt.key, fig.Value, fig.Verdict, fig.Detail, tt.value, tt.verdict)
			}
			if tt.behind != "" && formtest.SerialsOf(fig.Behind) != tt.behind {
				t.Errorf("%s behind: %q; want %q", tt.key, formtest.SerialsOf(fig.Behind), tt.behind)
			}
		})
	}
}

// Every measure has its own key, a Chinese name and target, and what the board shows of it names no
// rule code.
func TestBoardTexts(t *testing.T) {
	code := regexp.MustCompile(`\b[RD]\d+`)
	seen := map[string]bool{}
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	for _, row := range data.Board(e, formtest.November) {
		m := row.Measure
		if seen[m.Key] || m.Name == "" || m.Target == "" || m.Rule == "" {
			t.Errorf("measure %+v", m)
		}
		seen[m.Key] = true
		for _, s := range []string{m.Name, m.Target, row.Figure.Value, row.Figure.Detail, row.Figure.Verdict.Chinese()} {
			if code.MatchString(s) {
				t.Errorf("%s shows a rule code: %q", m.Key, s)
			}
		}
	}
	if len(seen) < 15 {
		t.Errorf("the board has %d rows", len(seen))
	}
}

// The complaints of a month, week by week (Monday to Sunday) as the chart draws them: the weeks that
// touch the month, each with those answered in time and those late.
func TestComplaintWeeks(t *testing.T) {
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	e.Add("complaint", "received", "2026-11-01 10:00", "validity", service.ComplaintValid, "reply_time", "2026-11-01 11:00")
	e.Add("complaint", "received", "2026-11-03 10:00", "validity", service.ComplaintValid, "reply_time", "2026-11-03 11:30")
	e.Add("complaint", "received", "2026-11-04 10:00", "validity", service.ComplaintValid, "reply_time", "2026-11-04 12:01")
	e.Add("complaint", "received", "2026-11-30 10:00", "validity", service.ComplaintValid)
	fig, err := formtest.MeasureNamed(t, "complaint_reply").Of(e, formtest.November)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range fig.Weeks {
		got = append(got, fmt.Sprintf("%s:%d/%d", w.Label, w.Met, w.Short))
	}
	want := "10-26至11-01:1/0 11-02至11-08:1/1 11-09至11-15:0/0 11-16至11-22:0/0 11-23至11-29:0/0 11-30至12-06:0/1"
	if strings.Join(got, " ") != want {
		t.Errorf("weeks %v\nwant %s", got, want)
	}
}

// The month's per-person table for the appraisal: each person's registrations over 60 seconds, late
// replies (against the handler named, else the person who took the complaint), late arrivals and
// failed checks; the desk's people listed with nothing against them too.
func TestAppraisal(t *testing.T) {
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	for _, v := range []struct {
		by   string
		secs float64
	}{{"陈佳", 75}, {"陈佳", 61}, {"周敏", 90}, {"周敏", 30}, {"王丽君", 20}} {
		r := e.Add("visitor", "entry_time", "2026-11-05 10:00")
		r.EntrySeconds, r.CreatedBy = v.secs, v.by
	}
	e.Add("complaint", "received", "2026-11-04 10:00", "validity", service.ComplaintValid, "reply_time", "2026-11-04 12:30", "clerk", "陈佳", "handler", "周敏")
	e.Add("complaint", "received", "2026-11-06 10:00", "validity", service.ComplaintValid, "clerk", "陈佳")
	e.Add(duty.KeyAttendance, "date", "2026-11-05", "person", "周敏", "result", duty.ArrivedLate, "late_min", "20")
	e.Add(duty.KeyAttendance, "date", "2026-11-06", "person", "陈佳", "result", duty.ArrivedOnTime)
	e.Add("quality", "time", "2026-11-05 10:00", "kind", "主管抽查", "checked_staff", "周敏", "result", "不合格", "item", "值班记录", "finding", "漏记")
	e.Add("quality", "time", "2026-11-06 10:00", "kind", "主管抽查", "checked_staff", "陈佳", "result", "合格", "item", "仪容仪表")
	a := data.AppraisalOf(data.Board(e, formtest.November), []string{"陈佳", "周敏", "王丽君", "李晓梅"})
	if strings.Join(a.Columns, ",") != "登记超过60秒,投诉超时答复,迟到或未到岗,检查不合格" {
		t.Fatalf("columns %v", a.Columns)
	}
	want := map[string]string{"陈佳": "[2 1 0 0]", "周敏": "[1 1 1 1]", "王丽君": "[0 0 0 0]", "李晓梅": "[0 0 0 0]"}
	if len(a.People) != 4 {
		t.Errorf("people %v", a.People)
	}
	for p, w := range want {
		if got := fmt.Sprint(a.Counts[p]); got != w {
			t.Errorf("%s: %s; want %s", p, got, w)
		}
	}
}
