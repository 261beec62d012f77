package training

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// A session held is recorded with who attended and who did not pass: the desk's people, each once, on a
// day of the plan's month not ahead of today; the month's pass rate is the share of attendances passed.
func TestTrainingSessions(t *testing.T) {
	f, _ := data.FormByKey("training")
	env := formtest.FakeEnv{"staff": "陈佳,周敏,李晓梅,王丽君"}
	r := &data.Record{Kind: "training", Serial: "PX-20261101-001", Status: data.StatusActive, State: "running", Values: map[string]string{"month": "2026-11"}}
	now := formtest.At("2026-11-20 18:00")
	for _, tt := range []struct {
		kv    []string
		field string
	}{
		{[]string{"day", "2026-10-29", "topic", "礼仪", "attended", "陈佳"}, "day"},
		{[]string{"day", "2026-11-26", "topic", "礼仪", "attended", "陈佳"}, "day"},
		{[]string{"day", "2026-11-05", "topic", "礼仪", "attended", "陈佳、张三"}, "attended"},
		{[]string{"day", "2026-11-05", "topic", "礼仪", "attended", "陈佳 陈佳"}, "attended"},
		{[]string{"day", "2026-11-05", "topic", "礼仪", "attended", "陈佳、周敏", "failed", "李晓梅"}, "failed"},
	} {
		if _, _, err := f.TakeStep(r, "session", formtest.Fields(tt.kv...), formtest.TSupervisor, now, env); formtest.ErrText(err, tt.field) == "" {
			t.Errorf("%v: %v; want a message on %s", tt.kv, err, tt.field)
		}
	}
	r1, _, err := f.TakeStep(r, "session", formtest.Fields("day", "2026-11-05", "topic", "规范用语", "attended", "陈佳、周敏，李晓梅 王丽君", "failed", "周敏"), formtest.TSupervisor, now, env)
	if err != nil {
		t.Fatal(err)
	}
	r2, _, err := f.TakeStep(r1, "session", formtest.Fields("day", "2026-11-12", "topic", "投诉处理", "attended", "陈佳、周敏、李晓梅、王丽君"), formtest.TSupervisor, now, env)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Values["pass_rate"] != "87.5" || r2.Values["held_count"] != "2" || r2.State != "running" ||
		!strings.HasPrefix(r2.Values["held"], "2026-11-05 规范用语：参加 陈佳、周敏、李晓梅、王丽君；不合格 周敏\n") {
		t.Errorf("after two sessions: %v", r2.Values)
	}
	// The weeks: sessions in the weeks of 11-02 and 11-09; the week to 11-01 had one in October's plan.
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	e.Add("training", "month", "2026-10", "held", "2026-10-29 礼仪：参加 陈佳")
	e.Add("training", "month", "2026-11", "held", r2.Values["held"])
	m := formtest.November
	m.Now = formtest.At("2026-11-17 09:00")
	fig, err := formtest.MeasureNamed(t, "training_weekly").Of(e, m)
	if err != nil || fig.Value != "3 / 3 周" || fig.Verdict != data.VerdictMet {
		t.Errorf("weeks: %+v %v", fig, err)
	}
	m.Now = formtest.At("2026-12-01 09:00")
	fig, _ = formtest.MeasureNamed(t, "training_weekly").Of(e, m)
	if fig.Value != "3 / 5 周" || formtest.SerialsOf(fig.Behind) != "11-16至11-22 没有培训记录,11-23至11-29 没有培训记录" {
		t.Errorf("the month: %+v", fig)
	}
}

// A session is recorded by the supervisor, once a day, each person failing at most once.
func TestTrainingSessionRules(t *testing.T) {
	f, _ := data.FormByKey("training")
	env := formtest.FakeEnv{"staff": "陈佳,周敏"}
	r := &data.Record{Kind: "training", Serial: "PX-20261101-001", Status: data.StatusActive, State: "running", Values: map[string]string{"month": "2026-11"}}
	now := formtest.At("2026-11-20 18:00")
	if _, _, err := f.TakeStep(r, "session", formtest.Fields("day", "2026-11-05", "topic", "礼仪", "attended", "陈佳"), formtest.TClerk, now, env); err == nil {
		t.Error("a clerk recorded a session and who passed")
	}
	if _, _, err := f.TakeStep(r, "session", formtest.Fields("day", "2026-11-05", "topic", "礼仪", "attended", "陈佳", "failed", "陈佳 陈佳"), formtest.TSupervisor, now, env); formtest.ErrText(err, "failed") == "" {
		t.Errorf("a person failed twice: %v", err)
	}
	r1, _, err := f.TakeStep(r, "session", formtest.Fields("day", "2026-11-05", "topic", "礼仪", "attended", "陈佳"), formtest.TSupervisor, now, env)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.TakeStep(r1, "session", formtest.Fields("day", "2026-11-05", "topic", "礼仪", "attended", "周敏"), formtest.TSupervisor, now, env); formtest.ErrText(err, "day") == "" {
		t.Errorf("a day's session recorded twice: %v", err)
	}
}
