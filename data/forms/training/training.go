package training

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// The month's 《培训计划表》 (R9): planned at the start of the month, a session a week; each session held
// is recorded with who attended and who did not pass, and the month's pass rate is worked out from
// them (target 100%).

// trainingHeld are the sessions recorded, a line each: 2026-11-05 规范用语：参加 陈佳、周敏；不合格 周敏.
type trainingSession struct {
	Day              string
	Topic            string
	Attended, Failed []string
}

func trainingSessions(r *data.Record) []trainingSession {
	var out []trainingSession
	for _, ln := range strings.Split(r.Values["held"], "\n") {
		head, rest, ok := strings.Cut(ln, "：参加 ")
		if !ok {
			continue
		}
		day, topic, _ := strings.Cut(head, " ")
		att, failed, _ := strings.Cut(rest, "；不合格 ")
		s := trainingSession{Day: day, Topic: topic, Attended: splitNames(att)}
		if failed != "" {
			s.Failed = splitNames(failed)
		}
		out = append(out, s)
	}
	return out
}

// splitNames reads names typed one after another, separated by spaces, commas or 、.
func splitNames(s string) []string {
	return data.SplitList(s, func(n string) string { return data.Normalize(data.TypePerson, n) })
}

// checkTrainingSession: a session of the plan's month, not ahead of today; those who attended are the
// desk's people, each once, and those who did not pass attended.
func checkTrainingSession(c *data.StepContext) error {
	day, ok := data.ParseLocal(data.TypeDate, c.Values.Get("day"))
	month, okM := data.ParseLocal(data.TypeMonth, c.Record.Values["month"])
	switch {
	case !ok:
		return data.FieldErrors{"day": "请填写培训日期"}
	case okM && (day.Before(month) || !day.Before(month.AddDate(0, 1, 0))):
		return data.FieldErrors{"day": "培训日期应在本计划的月份（" + month.Format("2006年1月") + "）内"}
	case day.After(c.Now):
		return data.FieldErrors{"day": "培训还没有举行，举行后再登记"}
	}
	attended := splitNames(c.Values.Get("attended"))
	if len(attended) == 0 {
		return data.FieldErrors{"attended": "请填写参加培训的人员"}
	}
	staff := map[string]bool{}
	for _, p := range c.Env.Staff() {
		staff[p] = true
	}
	seen := map[string]bool{}
	for _, p := range attended {
		switch {
		case len(staff) > 0 && !staff[p]:
			return data.FieldErrors{"attended": p + " 不是本中心的值班人员"}
		case seen[p]:
			return data.FieldErrors{"attended": p + " 重复"}
		}
		seen[p] = true
	}
	failed := map[string]bool{}
	for _, p := range splitNames(c.Values.Get("failed")) {
		switch {
		case !seen[p]:
			return data.FieldErrors{"failed": p + " 没有参加这次培训"}
		case failed[p]:
			return data.FieldErrors{"failed": p + " 重复"}
		}
		failed[p] = true
	}
	for _, s := range trainingSessions(c.Record) {
		if s.Day == c.Values.Get("day") {
			return data.FieldErrors{"day": c.Values.Get("day") + " 的培训已登记过"}
		}
	}
	return nil
}

// applyTrainingSession records the session and works the month's pass rate out again: of all who
// attended a session, the share who passed.
func applyTrainingSession(c *data.StepContext) {
	line := c.Values.Get("day") + " " + strings.TrimSpace(c.Values.Get("topic")) + "：参加 " + strings.Join(splitNames(c.Values.Get("attended")), "、")
	if failed := splitNames(c.Values.Get("failed")); len(failed) > 0 {
		line += "；不合格 " + strings.Join(failed, "、")
	}
	data.AppendLog(c.Record, "held", line)
	all, failed := 0, 0
	for _, s := range trainingSessions(c.Record) {
		all += len(s.Attended)
		failed += len(s.Failed)
	}
	if all > 0 {
		c.Record.Values["pass_rate"] = data.PercentNumber(all-failed, all)
	}
	c.Record.Values["held_count"] = strconv.Itoa(len(trainingSessions(c.Record)))
}

// formTrainingPlan declares 《培训计划表》.
var formTrainingPlan = &data.Form{
	Pack:     data.PackRecord,
	Measures: trainingMeasures,
	Key:      "training", Name: "培训计划表", Short: "培训计划", Prefix: "PX", Group: data.GroupTraining, Rule: "R9.1–R9.3",
	DateKey: "month", Retention: "3年", MadeBy: data.PermPlanTraining, OnePer: &data.OnePer{Key: "month"},
	Signatures:  []string{"编制人", "客户服务主管"},
	ListColumns: []string{"month", "author", "held_count", "pass_rate"},
	Fields: []data.Field{
		{Key: "month", Label: "月份", Type: data.TypeMonth, Required: true, Default: data.DefaultMonth},
		{Key: "sessions", Label: "培训安排（每周1次）", Type: data.TypeTable, Required: true, MinRows: 4, Max: 10, Columns: []data.Field{
			{Key: "date", Label: "日期", Type: data.TypeDate, Required: true},
			{Key: "topic", Label: "培训内容", Type: data.TypeText, Required: true, Max: 40, Samples: []string{"规范用语与接待礼仪", "投诉处理流程", "《物品放行条》开具要点", "消防知识与动火管理", "常用电话与应急预案"}},
			{Key: "trainer", Label: "培训人", Type: data.TypePerson, Required: true, Samples: []string{"王主管", "刘经理"}},
			{Key: "passed", Label: "是否全员合格", Type: data.TypeBool},
		}},
		{Key: "held", Label: "培训记录（已举行）", Type: data.TypeMultiline, Auto: true},
		{Key: "held_count", Label: "已举行（次）", Type: data.TypeInt, Auto: true},
		{Key: "pass_rate", Label: "培训合格率（%）", Type: data.TypeText, Auto: true},
		{Key: "author", Label: "编制人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: []string{"王主管"}},
	},
	Flow: &data.Flow{
		States:  []data.State{{Key: "running", Name: "执行中"}},
		Initial: "running", StepsOnly: true,
		Steps: []data.Step{{Key: "session", Name: "登记培训", From: []string{"running"}, To: "", Perm: data.PermQualityWrite,
			Hint: "每次培训后登记：日期、内容、参加人员和考核不合格的人员；合格率由程序算出",
			Fields: []data.Field{
				{Key: "day", Label: "培训日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
				{Key: "topic", Label: "培训内容", Type: data.TypeText, Required: true, Max: 40, Samples: []string{"规范用语与接待礼仪", "投诉处理流程"}},
				{Key: "attended", Label: "参加人员", Type: data.TypeText, Required: true, Max: 200, Samples: []string{"陈佳、周敏、李晓梅、王丽君"}},
				{Key: "failed", Label: "考核不合格人员", Type: data.TypeText, Max: 200},
			},
			Check: checkTrainingSession, Apply: applyTrainingSession}},
		Derive: func(*data.Record) string { return "running" },
	},
}

// trainingWeekly: a session held each week (R9.2), counted by the weeks (Monday to Sunday) that end in
// the month and have ended.
func trainingWeekly() data.Measure {
	return data.Measure{Key: "training_weekly", Name: "每周培训一次", Rule: "R9.2", Target: "每周1次",
		Of: func(env data.Env, m data.Month) (data.Figure, error) {
			// A week that begins in the month before is held by that month's plan.
			plans, err := env.Records("training", m.From.AddDate(0, -1, 0), m.To)
			if err != nil {
				return data.Figure{}, err
			}
			held := map[string]bool{}
			recorded := false
			for _, r := range plans {
				recorded = recorded || r.Values["held"] != ""
				for _, s := range trainingSessions(r) {
					if d, ok := data.ParseLocal(data.TypeDate, s.Day); ok {
						held[data.WeekOf(d)] = true
					}
				}
			}
			var weeks []string
			for d := m.From; d.Before(m.To); d = d.AddDate(0, 0, 1) {
				// A week ending in the month, and over.
				if d.Weekday() == time.Sunday && !m.Now.Before(d.AddDate(0, 0, 1)) {
					weeks = append(weeks, data.WeekOf(d))
				}
			}
			sort.Strings(weeks)
			var behind []data.Behind
			met := 0
			for _, w := range weeks {
				if held[w] {
					met++
				} else {
					behind = append(behind, data.Behind{Text: w + " 没有培训记录"})
				}
			}
			if len(weeks) == 0 {
				return data.Figure{Value: "—", Detail: "本月还没有结束的周", Rate: -1, Verdict: data.VerdictNone}, nil
			}
			if !recorded && len(plans) > 0 {
				// A plan kept before the sessions were recorded one by one: nothing to count them by.
				if r := plans[len(plans)-1]; r.Values["pass_rate"] != "" {
					return data.Figure{Value: "—", Detail: "本月培训按旧方式记录，没有逐次登记", Rate: -1, Verdict: data.VerdictNone}, nil
				}
			}
			fig := data.Figure{Value: fmt.Sprintf("%d / %d 周", met, len(weeks)), Rate: float64(met) / float64(len(weeks)), Behind: behind,
				Detail: fmt.Sprintf("已结束的 %d 周中 %d 周有培训记录", len(weeks), met), Verdict: data.VerdictMet}
			if met < len(weeks) {
				fig.Verdict = data.VerdictMissed
			}
			return fig, nil
		}}
}
