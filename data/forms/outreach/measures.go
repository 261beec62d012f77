package outreach

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"frontdesk/data"
)

// householdVisitMeasures: at least 5% of all households visited in the month (R5.1); the units not
// visited for longest are what is behind a short month, as whom to visit next.
var householdVisitMeasures = []data.Measure{{
	Key: "hh_visit_5pct", Name: "业户走访率（每月不少于总户数5%）", Rule: "R5.1", Target: "≥ 5%",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		units, err := env.Units()
		if err != nil {
			return data.Figure{}, err
		}
		all, err := env.Records("hh_visit", time.Time{}, m.Until())
		if err != nil {
			return data.Figure{}, err
		}
		last := map[string]string{}
		visited := map[string]bool{}
		for _, r := range all {
			u, d := r.Values["unit"], r.Values["date"]
			if d > last[u] {
				last[u] = d
			}
			if day, ok := data.ParseLocal(data.TypeDate, d); ok && !day.Before(m.From) {
				visited[u] = true
			}
		}
		if len(units) == 0 {
			return data.Figure{Value: "—", Detail: "业户档案为空", Rate: -1, Verdict: data.VerdictNone}, nil
		}
		need := (len(units)*5 + 99) / 100
		r := float64(len(visited)) / float64(len(units))
		fig := data.Figure{Value: data.Percent(r), Rate: min(r/0.05, 1),
			Detail: fmt.Sprintf("总户数 %d，本月已走访 %d 户，应不少于 %d 户", len(units), len(visited), need)}
		switch {
		case len(visited) >= need:
			fig.Verdict = data.VerdictMet
		case !m.Over():
			fig.Verdict = data.VerdictNear
		default:
			fig.Verdict = data.VerdictMissed
		}
		if fig.Verdict != data.VerdictMet {
			// Whom to visit next: never visited first, then the longest ago.
			var rest []data.Unit
			for _, u := range units {
				if !visited[u.Unit] {
					rest = append(rest, u)
				}
			}
			sort.SliceStable(rest, func(i, j int) bool { return last[rest[i].Unit] < last[rest[j].Unit] })
			for _, u := range rest[:min(len(rest), need-len(visited)+10)] {
				text := u.Unit + " 从未走访"
				if d := last[u.Unit]; d != "" {
					text = u.Unit + " 上次走访 " + d
				}
				fig.Behind = append(fig.Behind, data.Behind{Kind: "hh_visit", Text: text, Fill: map[string]string{"unit": u.Unit}})
			}
		}
		return fig, nil
	},
}}

// surveyMeasures: a questionnaire each half-year, handed out before June and before December (R5.3)
// to every occupied unit, and at least half of them back (R5.4).
var surveyMeasures = []data.Measure{{
	Key: "survey_return", Name: "半年问卷：发放全部入住户、回收不少于50%", Rule: "R5.3 R5.4", Target: "发放100%，回收 ≥ 50%",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		half := time.Date(m.From.Year(), 1, 1, 0, 0, 0, 0, data.Shanghai)
		due := time.Date(m.From.Year(), 6, 1, 0, 0, 0, 0, data.Shanghai)
		if m.From.Month() > time.June {
			half, due = time.Date(m.From.Year(), 7, 1, 0, 0, 0, 0, data.Shanghai), time.Date(m.From.Year(), 12, 1, 0, 0, 0, 0, data.Shanghai)
		}
		recs, err := env.Records("survey", half, m.To)
		if err != nil {
			return data.Figure{}, err
		}
		var round *data.Record
		for _, r := range recs {
			if d, ok := data.ParseLocal(data.TypeDate, r.Values["handout"]); ok && !d.Before(half) && d.Before(m.To) {
				round = r
			}
		}
		if round == nil {
			if m.Now.Before(due) {
				return data.Figure{Value: "本半年尚未发放", Detail: "应在" + data.DueText(due, "发放"), Rate: -1, Verdict: data.VerdictNear}, nil
			}
			return data.Figure{Value: "本半年未发放", Detail: "应在" + data.DueText(due, "发放"), Rate: 0, Verdict: data.VerdictMissed}, nil
		}
		if d, ok := data.ParseLocal(data.TypeDate, round.Values["handout"]); ok && !d.Before(due) {
			return data.Figure{Value: "发放过晚", Detail: round.Values["handout"] + " 才发放，应在" + data.DueText(due, "发放"),
				Rate: 0, Verdict: data.VerdictMissed, Behind: []data.Behind{{Serial: round.Serial, Kind: round.Kind, Text: round.Values["title"]}}}, nil
		}
		occ, _ := strconv.Atoi(round.Values["occupied"])
		dist, _ := strconv.Atoi(round.Values["distributed"])
		ret, _ := strconv.Atoi(round.Values["returned"])
		behind := []data.Behind{{Serial: round.Serial, Kind: round.Kind, Text: round.Values["title"]}}
		fig := data.RateFigure(ret*2, max(dist, 1), 1, 0.8, fmt.Sprintf("%s 发放 %d 份（入住 %d 户），回收 %d 份", round.Values["handout"], dist, occ, ret), behind)
		if dist > 0 {
			fig.Value = data.Percent(float64(ret) / float64(dist))
			fig.Rate = min(float64(ret)/float64(dist)/0.5, 1)
		}
		if dist < occ {
			fig.Verdict = data.VerdictMissed
			fig.Detail += "，未发放到全部入住户"
		}
		if collect, ok := data.ParseLocal(data.TypeDate, round.Values["collect"]); (!ok || m.Now.Before(collect.AddDate(0, 0, 1))) && fig.Verdict == data.VerdictMissed && dist >= occ {
			fig.Verdict = data.VerdictNear // still being collected
			fig.Detail += "，回收中"
		}
		return fig, nil
	},
}}
