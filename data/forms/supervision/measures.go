package supervision

import (
	"fmt"
	"strings"
	"time"

	"frontdesk/data"
)

// qualityMeasures: the month's checks passed, each nonconformity counting against the person checked
// (D18), and the supervisor's spot checks, at least 3 a week (D18), counted by the weeks (Monday to
// Sunday) that end in the month.
var qualityMeasures = []data.Measure{{
	Key: "quality_pass", Name: "质量检查合格率", Rule: "D16 D18 D19", Target: "100%", Appraisal: "检查不合格",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		recs, err := env.Records("quality", m.From, m.Until())
		if err != nil {
			return data.Figure{}, err
		}
		var failed []*data.Record
		for _, r := range recs {
			if r.Values["result"] == "不合格" {
				failed = append(failed, r)
			}
		}
		fig := data.RateFigure(len(recs)-len(failed), len(recs), 1, 0.9, fmt.Sprintf("本月检查 %d 次，不合格 %d 次", len(recs), len(failed)),
			data.BehindRecords(failed, func(r *data.Record) string {
				return r.Values["time"] + " " + r.Values["checked_staff"] + " " + r.Values["item"] + "：" + r.Values["finding"]
			}))
		for _, r := range failed {
			fig.Count(r.Values["checked_staff"])
		}
		return fig, nil
	},
}, {
	Key: "quality_3_week", Name: "主管每周抽查不少于3次", Rule: "D18", Target: "每周 ≥ 3 次",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		// The weeks ending in the month, from the Monday of the first.
		firstSunday := m.From
		for firstSunday.Weekday() != time.Sunday {
			firstSunday = firstSunday.AddDate(0, 0, 1)
		}
		start := firstSunday.AddDate(0, 0, -6)
		recs, err := env.Records("quality", start, m.Until())
		if err != nil {
			return data.Figure{}, err
		}
		met, weeks := 0, 0
		var behind []data.Behind
		running := ""
		for end := firstSunday.AddDate(0, 0, 1); end.Before(m.To.AddDate(0, 0, 1)); end = end.AddDate(0, 0, 7) {
			from := end.AddDate(0, 0, -7)
			n := 0
			for _, r := range recs {
				// The supervisor's spot checks (D18), not the daily handover check (D19) or a self-check.
				if t, ok := r.At("time"); ok && !t.Before(from) && t.Before(end) && r.Values["kind"] == "主管抽查" {
					n++
				}
			}
			label := from.Format("01-02") + "至" + end.AddDate(0, 0, -1).Format("01-02")
			if m.Now.Before(end) {
				if n < 3 {
					running = fmt.Sprintf("本周（%s）已抽查 %d 次", label, n)
				} else {
					met, weeks = met+1, weeks+1
				}
				break
			}
			weeks++
			if n >= 3 {
				met++
			} else {
				behind = append(behind, data.Behind{Text: fmt.Sprintf("%s 只抽查 %d 次", label, n)})
			}
		}
		if weeks == 0 {
			return data.Figure{Value: "—", Detail: running, Rate: -1, Verdict: data.VerdictNone}, nil
		}
		fig := data.Figure{Value: fmt.Sprintf("%d / %d 周", met, weeks), Rate: float64(met) / float64(weeks), Behind: behind,
			Detail: fmt.Sprintf("已结束的 %d 周中 %d 周达到3次", weeks, met)}
		if running != "" {
			fig.Detail += "；" + running
		}
		fig.Verdict = data.VerdictMet
		if met < weeks {
			fig.Verdict = data.VerdictMissed
		}
		return fig, nil
	},
}, handoverCheckMeasure(), managerSpotMeasure}

// managerSpotMeasure: the manager's spot checks of the desk in the month (D17), each nonconformity with
// its cause analysed and the improvement required.
var managerSpotMeasure = data.Measure{Key: "quality_manager_spot", Name: "经理抽查（分析原因、要求改进）", Rule: "D17", Target: "每月 ≥ 1 次",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		recs, err := env.Records("quality", m.From, m.Until())
		if err != nil {
			return data.Figure{}, err
		}
		var checks, failed, unanalysed []*data.Record
		for _, r := range recs {
			if r.Values["kind"] != ManagerCheck {
				continue
			}
			checks = append(checks, r)
			if r.Values["result"] == CheckFail {
				failed = append(failed, r)
				if strings.TrimSpace(r.Values["cause"]) == "" || strings.TrimSpace(r.Values["correction"]) == "" {
					unanalysed = append(unanalysed, r)
				}
			}
		}
		fig := data.Figure{Value: fmt.Sprintf("%d 次", len(checks)), Rate: 1, Verdict: data.VerdictMet,
			Detail: fmt.Sprintf("本月经理抽查 %d 次，不合格 %d 次", len(checks), len(failed))}
		switch {
		case len(unanalysed) > 0:
			fig.Verdict, fig.Rate = data.VerdictMissed, 0
			fig.Detail += fmt.Sprintf("，其中 %d 次未分析原因或未提出改进要求", len(unanalysed))
			fig.Behind = data.BehindRecords(unanalysed, func(r *data.Record) string {
				return r.Values["time"] + " " + r.Values["checked_staff"] + "：" + r.Values["finding"] + "（未分析原因或未提出改进要求）"
			})
			return fig, nil
		case len(checks) == 0 && m.Over():
			fig.Verdict, fig.Rate = data.VerdictMissed, 0
			fig.Detail = "本月经理没有抽查"
		case len(checks) == 0:
			fig.Verdict, fig.Rate = data.VerdictNear, -1
			fig.Detail = "本月经理尚未抽查"
		case len(failed) > 0:
			fig.Detail += "，均已分析原因并提出改进要求"
		}
		fig.Behind = data.BehindRecords(failed, func(r *data.Record) string {
			return r.Values["time"] + " " + r.Values["checked_staff"] + "：" + r.Values["finding"] + "；原因：" + r.Values["cause"] + "；改进：" + r.Values["correction"]
		})
		return fig, nil
	}}

// logReadMeasures: each day's duty log read by the supervisor (D7), for the days of the month with
// entries, up to yesterday.
var logReadMeasures = []data.Measure{{
	Key: "log_read_daily", Name: "值班记录当日查阅", Rule: "D7", Target: "100%",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		today := data.DayStart(m.Now)
		until := m.To
		if today.Before(until) {
			until = today
		}
		logs, err := env.Records("duty_log", m.From, until)
		if err != nil {
			return data.Figure{}, err
		}
		reads, err := env.Records(KeyLogRead, m.From, until)
		if err != nil {
			return data.Figure{}, err
		}
		days := map[string]bool{}
		for _, r := range logs {
			if t, ok := r.At("time"); ok {
				days[t.Format(data.LayoutDate)] = true
			}
		}
		// Read the same day (D7): by the end of the day read, as the reading's clock says.
		read := map[string]bool{}
		f, _ := data.FormByKey(KeyLogRead)
		for _, r := range reads {
			day, ok1 := data.ParseLocal(data.TypeDate, r.Values["day"])
			at, ok2 := r.At("read_at")
			if d, ok := f.DeadlineFrom("waiting", day, env); ok1 && ok2 && ok && !at.After(d.At) {
				read[r.Values["day"]] = true
			}
		}
		return data.DayFigure(days, read, 0.9,
			func(total, met int) string {
				return fmt.Sprintf("有记录的 %d 天中当日查阅 %d 天（不含今天）", total, met)
			},
			func(d string) string { return d + " 的值班记录未在当日查阅签字" }), nil
	},
}}

// logSignMeasures: the supervisor's monthly signature of the duty log (R2.1), by the month's end, as its clock says.
var logSignMeasures = []data.Measure{{
	Key: "log_sign_monthly", Name: "值班记录月度签阅", Rule: "R2.1", Target: "月底前签阅",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		recs, err := env.Records(KeyLogSign, m.From, m.To.AddDate(0, 2, 0))
		if err != nil {
			return data.Figure{}, err
		}
		month := m.From.Format(data.LayoutMonth)
		var at time.Time
		var which []*data.Record
		for _, r := range recs {
			if t, ok := r.At("read_at"); ok && r.Values["month"] == month {
				at, which = t, []*data.Record{r}
			}
		}
		return data.DueFigure(at, !at.IsZero(), m.To, m, "签阅", data.BehindRecords(which, func(r *data.Record) string {
			return month + " 值班记录 " + r.Values["reader"] + " " + r.Values["read_at"] + " 签阅"
		})), nil
	},
}}
