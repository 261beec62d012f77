package training

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"frontdesk/data"
)

// trainingMeasures: the month's 《培训计划表》 at its start (R9.1), and its pass rate of 100% (R9.3).
var trainingMeasures = []data.Measure{
	{Key: "training_plan", Name: "本月培训计划表", Rule: "R9.1 R10.2", Target: "月初（3日前）制定",
		Of: func(env data.Env, m data.Month) (data.Figure, error) {
			r, err := monthRecord(env, "training", m)
			if err != nil || r == nil {
				return data.DueFigure(time.Time{}, false, m.From.AddDate(0, 0, 3), m, "制定", nil), err
			}
			return data.DueFigure(r.CreatedAt, true, m.From.AddDate(0, 0, 3), m, "制定", []data.Behind{{Serial: r.Serial, Kind: r.Kind, Text: r.Values["month"] + " 培训计划表"}}), nil
		}},
	{Key: "training_pass", Name: "培训合格率", Rule: "R9.3", Target: "100%",
		Of: func(env data.Env, m data.Month) (data.Figure, error) {
			r, err := monthRecord(env, "training", m)
			if err != nil || r == nil || r.Values["pass_rate"] == "" {
				return data.Figure{Value: "—", Detail: "本月还没有登记培训", Rate: -1, Verdict: data.VerdictNone}, err
			}
			// Per mille, so 83.3 (5 of 6) counts as it reads.
			p, _ := strconv.ParseFloat(r.Values["pass_rate"], 64)
			fig := data.RateFigure(int(math.Round(p*10)), 1000, 1, 2, "本月各次培训考核合格的人次比例", nil)
			if fig.Verdict != data.VerdictMet {
				fig.Behind = []data.Behind{{Serial: r.Serial, Kind: r.Kind, Text: r.Values["month"] + " 合格率 " + r.Values["pass_rate"] + "%"}}
			}
			return fig, nil
		}},
	trainingWeekly(),
}

// monthRecord is the newest record of a form whose month field is the month measured.
func monthRecord(env data.Env, kind string, m data.Month) (*data.Record, error) {
	recs, err := env.Records(kind, m.From.AddDate(0, -2, 0), m.To)
	if err != nil {
		return nil, err
	}
	var found *data.Record
	for _, r := range recs {
		if r.Values["month"] == m.From.Format(data.LayoutMonth) {
			found = r
		}
	}
	return found, nil
}

// cultureMeasures: next year's 《年度社区文化活动计划表》 made in December (R8.1), its costs confirmed by
// the owners' committee (R8.3). In the other months the plan of the year in force is what counts.
var cultureMeasures = []data.Measure{{
	Key: "culture_plan", Name: "年度社区文化活动计划（每年12月制定）", Rule: "R8.1 R8.3", Target: "12月内制定并经业委会确认",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		year := m.From.Year()
		if m.From.Month() == time.December {
			year++
		}
		recs, err := env.Records("culture", time.Time{}, m.To)
		if err != nil {
			return data.Figure{}, err
		}
		var proposed *data.Record
		for _, r := range recs {
			if r.Values["year"] == strconv.Itoa(year) {
				proposed = r
			}
		}
		plan := CultureInForce(recs, strconv.Itoa(year))
		what := fmt.Sprintf("%d年度计划", year)
		switch {
		case plan == nil && proposed != nil:
			return data.Figure{Value: "费用待业委会确认", Detail: what + " " + proposed.Values["plan_date"] + " 制定", Rate: 0.5, Verdict: data.VerdictNear,
				Behind: []data.Behind{{Serial: proposed.Serial, Kind: proposed.Kind, Text: what}}}, nil
		case plan == nil && m.From.Month() == time.December && !m.Over():
			return data.Figure{Value: "尚未制定", Detail: what + "应在本月内制定", Rate: -1, Verdict: data.VerdictNear}, nil
		case plan == nil:
			return data.Figure{Value: "未制定", Detail: what, Rate: 0, Verdict: data.VerdictMissed}, nil
		}
		detail := what + " " + plan.Values["plan_date"] + " 制定"
		if plan.Values["revises"] != "" {
			detail += "（修订 " + plan.Values["revises"] + "）"
		}
		return data.Figure{Value: "已制定并确认", Detail: detail, Rate: 1, Verdict: data.VerdictMet, Behind: []data.Behind{{Serial: plan.Serial, Kind: plan.Kind, Text: what}}}, nil
	},
}, {
	Key: "culture_eval", Name: "社区文化活动效果评估", Rule: "R8.2 R8.4", Target: fmt.Sprintf("每项活动次月%d日前评估", EvaluateByDay),
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		recs, err := env.Records("culture", time.Time{}, m.Until().AddDate(0, 0, 1))
		if err != nil {
			return data.Figure{}, err
		}
		year, month := m.From.Year(), int(m.From.Month())
		plan := CultureInForce(recs, strconv.Itoa(year))
		if plan == nil {
			return data.Figure{Value: "—", Detail: "本年度没有执行中的计划", Rate: -1, Verdict: data.VerdictNone}, nil
		}
		done, total := 0, 0
		var behind []data.Behind
		for _, a := range Activities(plan) {
			if a.Month != month {
				continue
			}
			total++
			if a.Evaluated {
				done++
			} else {
				behind = append(behind, data.Behind{Serial: plan.Serial, Kind: plan.Kind, Text: fmt.Sprintf("%s（%d月）未评估", a.Name, a.Month)})
			}
		}
		if total == 0 {
			return data.Figure{Value: "—", Detail: "本月没有计划的活动", Rate: -1, Verdict: data.VerdictNone}, nil
		}
		fig := data.RateFigure(done, total, 1, 0, fmt.Sprintf("本月计划活动 %d 项，已评估 %d 项", total, done), behind)
		if fig.Verdict != data.VerdictMet && m.Now.Before(EvaluationDue(year, month)) {
			fig.Verdict = data.VerdictNear // still to be evaluated in time
		}
		return fig, nil
	},
}}
