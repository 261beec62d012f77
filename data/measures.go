package data

import (
	"fmt"
	"sort"
	"strconv"
	"time"
)

// The measures the forms declare (Form.Measures): each works a month's figure out of the records, by
// the same clocks and calendar the forms' lives run on.

// visitorMeasures: 60 seconds a registration (R1.3).
var visitorMeasures = []Measure{{
	Key: "visitor_60s", Name: "登记用时不超过60秒", Rule: "R1.3", Target: "100%", Trend: true, Appraisal: "登记超过60秒",
	Of: func(env Env, m Month) (Figure, error) {
		timings, err := env.Timings("visitor", m.From, m.Until())
		if err != nil {
			return Figure{}, err
		}
		var secs []float64
		var over []Behind
		for _, t := range timings {
			if t.Seconds <= 0 {
				continue
			}
			secs = append(secs, t.Seconds)
			if t.Seconds > 60 {
				over = append(over, Behind{Serial: t.Serial, Kind: "visitor",
					Text: fmt.Sprintf("%s 登记用时 %.0f 秒", t.At.In(Shanghai).Format(LayoutDateTime), t.Seconds)})
			}
		}
		detail := fmt.Sprintf("计时登记 %d 人次，超过60秒 %d 人次", len(secs), len(over))
		fig := rateFigure(len(secs)-len(over), len(secs), 1, 0.95, detail, over)
		if len(secs) > 0 {
			sorted := append([]float64(nil), secs...)
			sort.Float64s(sorted)
			fig.Detail += fmt.Sprintf("，中位数 %.0f 秒", sorted[len(sorted)/2])
		}
		fig.Samples, fig.Limit, fig.Unit = secs, 60, "秒"
		for _, t := range timings {
			if t.Seconds > 60 {
				fig.count(t.By)
			}
		}
		return fig, nil
	},
}}

// complaintMeasures: valid complaints answered within 2 hours (R4.4), every valid one revisited (R4.6),
// and revisited within 2 working days of completion (R5.2), by the form's own clocks.
var complaintMeasures = []Measure{
	{Key: "complaint_reply", Name: "有效投诉2小时内答复", Rule: "R4.4", Target: "100%", Trend: true, Appraisal: "投诉超时答复",
		Of: func(env Env, m Month) (Figure, error) {
			recs, err := env.Records("complaint", m.From, m.Until())
			if err != nil {
				return Figure{}, err
			}
			f, _ := FormByKey("complaint")
			good, total := 0, 0
			var late []*Record
			var metAt, lateAt []time.Time
			for _, r := range recs {
				if !complaintValid(r) {
					continue
				}
				recv, ok := r.at("received")
				if !ok {
					continue
				}
				d, _ := f.DeadlineFrom("reply", recv, env)
				reply, replied := r.at("reply_time")
				switch {
				case replied && !reply.After(d.At):
					good++
					metAt = append(metAt, recv)
				case replied || m.Now.After(d.At):
					late = append(late, r)
					lateAt = append(lateAt, recv)
				default:
					continue // not answered yet, and not yet due
				}
				total++
			}
			weeks := weekBars(m, metAt, lateAt)
			fig := rateFigure(good, total, 1, 0.9, fmt.Sprintf("已到期的有效投诉 %d 件，按时答复 %d 件", total, good),
				behindRecords(late, func(r *Record) string {
					if r.Values["reply_time"] == "" {
						return r.Values["received"] + " 接报，至今未答复"
					}
					return r.Values["received"] + " 接报，" + r.Values["reply_time"] + " 答复"
				}))
			fig.Weeks = weeks
			for _, r := range late {
				// Late against whoever was to answer: the handler named, else the person who took it.
				who := r.Values["handler"]
				if who == "" {
					who = r.Values["clerk"]
				}
				fig.count(who)
			}
			return fig, nil
		}},
	revisitMeasure("complaint", "complaint_revisited", "有效投诉回访率", "R4.6", "revisit", complaintValid, false),
	revisitMeasure("complaint", "complaint_revisit_2wd", "投诉处理完毕后2个工作日内回访", "R4.6 R5.2", "revisit", complaintValid, true),
}

// serviceMeasures: a convenience service revisited within 2 working days of completion (R5.2).
func serviceMeasures(kind, name string) []Measure {
	return []Measure{revisitMeasure(kind, kind+"_revisit_2wd", name+"完工后2个工作日内回访", "R5.2", "done", func(*Record) bool { return true }, true)}
}

// revisitMeasure counts the records completed (done_time) in the month whose revisit is due by now or
// done: revisited at all, or (onTime) revisited by the deadline of the form's revisit clock.
func revisitMeasure(kind, key, name, rule, clockState string, counts func(*Record) bool, onTime bool) Measure {
	return Measure{Key: key, Name: name, Rule: rule, Target: "100%", Trend: !onTime,
		Of: func(env Env, m Month) (Figure, error) {
			f, _ := FormByKey(kind)
			// A record is dated by its receipt or report, and completed later: a month's completions
			// are found among the records of the months before it too.
			recs, err := env.Records(kind, m.From.AddDate(0, -3, 0), m.Until())
			if err != nil {
				return Figure{}, err
			}
			good, total := 0, 0
			var short []*Record
			for _, r := range recs {
				done, ok := r.at("done_time")
				if !ok || done.Before(m.From) || !done.Before(m.Until()) || !counts(r) {
					continue
				}
				d, _ := f.DeadlineFrom(clockState, done, env)
				rev, revisited := r.at("revisit_time")
				met := revisited && (!onTime || !rev.After(d.At))
				switch {
				case met:
					good++
				case revisited || m.Now.After(d.At):
					short = append(short, r)
				default:
					continue // the revisit is not due yet
				}
				total++
			}
			detail := fmt.Sprintf("完工且回访已到期 %d 件，已回访 %d 件", total, good)
			if onTime {
				detail = fmt.Sprintf("完工且回访已到期 %d 件，按时回访 %d 件", total, good)
			}
			return rateFigure(good, total, 1, 0.9, detail, behindRecords(short, func(r *Record) string {
				d, _ := f.DeadlineFrom(clockState, mustAt(r, "done_time"), env)
				if r.Values["revisit_time"] == "" {
					return r.Values["done_time"] + " 完工，未回访（期限 " + ClockText(d.At) + "）"
				}
				return r.Values["done_time"] + " 完工，" + r.Values["revisit_time"] + " 回访（期限 " + ClockText(d.At) + "）"
			})), nil
		}}
}

func mustAt(r *Record, key string) time.Time { t, _ := r.at(key); return t }

// householdVisitMeasures: at least 5% of all households visited in the month (R5.1); the units not
// visited for longest are what is behind a short month, as whom to visit next.
var householdVisitMeasures = []Measure{{
	Key: "hh_visit_5pct", Name: "业户走访率（每月不少于总户数5%）", Rule: "R5.1", Target: "≥ 5%",
	Of: func(env Env, m Month) (Figure, error) {
		units, err := env.Units()
		if err != nil {
			return Figure{}, err
		}
		all, err := env.Records("hh_visit", time.Time{}, m.Until())
		if err != nil {
			return Figure{}, err
		}
		last := map[string]string{}
		visited := map[string]bool{}
		for _, r := range all {
			u, d := r.Values["unit"], r.Values["date"]
			if d > last[u] {
				last[u] = d
			}
			if day, ok := ParseLocal(TypeDate, d); ok && !day.Before(m.From) {
				visited[u] = true
			}
		}
		if len(units) == 0 {
			return Figure{Value: "—", Detail: "业户档案为空", Rate: -1, Verdict: VerdictNone}, nil
		}
		need := (len(units)*5 + 99) / 100
		r := float64(len(visited)) / float64(len(units))
		fig := Figure{Value: fmt.Sprintf("%.1f%%", r*100), Rate: min(r/0.05, 1),
			Detail: fmt.Sprintf("总户数 %d，本月已走访 %d 户，应不少于 %d 户", len(units), len(visited), need)}
		switch {
		case len(visited) >= need:
			fig.Verdict = VerdictMet
		case !m.Over():
			fig.Verdict = VerdictNear
		default:
			fig.Verdict = VerdictMissed
		}
		if fig.Verdict != VerdictMet {
			// Whom to visit next: never visited first, then the longest ago.
			var rest []Unit
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
				fig.Behind = append(fig.Behind, Behind{Kind: "hh_visit", Text: text, Fill: map[string]string{"unit": u.Unit}})
			}
		}
		return fig, nil
	},
}}

// qualityMeasures: the month's checks passed, each nonconformity counting against the person checked
// (D18), and the supervisor's spot checks, at least 3 a week (D18), counted by the weeks (Monday to
// Sunday) that end in the month.
var qualityMeasures = []Measure{{
	Key: "quality_pass", Name: "质量检查合格率", Rule: "D16 D18 D19", Target: "100%", Appraisal: "检查不合格",
	Of: func(env Env, m Month) (Figure, error) {
		recs, err := env.Records("quality", m.From, m.Until())
		if err != nil {
			return Figure{}, err
		}
		var failed []*Record
		for _, r := range recs {
			if r.Values["result"] == "不合格" {
				failed = append(failed, r)
			}
		}
		fig := rateFigure(len(recs)-len(failed), len(recs), 1, 0.9, fmt.Sprintf("本月检查 %d 次，不合格 %d 次", len(recs), len(failed)),
			behindRecords(failed, func(r *Record) string {
				return r.Values["time"] + " " + r.Values["checked_staff"] + " " + r.Values["item"] + "：" + r.Values["finding"]
			}))
		for _, r := range failed {
			fig.count(r.Values["checked_staff"])
		}
		return fig, nil
	},
}, {
	Key: "quality_3_week", Name: "主管每周抽查不少于3次", Rule: "D18", Target: "每周 ≥ 3 次",
	Of: func(env Env, m Month) (Figure, error) {
		// The weeks ending in the month, from the Monday of the first.
		firstSunday := m.From
		for firstSunday.Weekday() != time.Sunday {
			firstSunday = firstSunday.AddDate(0, 0, 1)
		}
		start := firstSunday.AddDate(0, 0, -6)
		recs, err := env.Records("quality", start, m.Until())
		if err != nil {
			return Figure{}, err
		}
		met, weeks := 0, 0
		var behind []Behind
		running := ""
		for end := firstSunday.AddDate(0, 0, 1); end.Before(m.To.AddDate(0, 0, 1)); end = end.AddDate(0, 0, 7) {
			from := end.AddDate(0, 0, -7)
			n := 0
			for _, r := range recs {
				// The supervisor's spot checks (D18), not the daily handover check (D19) or a self-check.
				if t, ok := r.at("time"); ok && !t.Before(from) && t.Before(end) && r.Values["kind"] == "主管抽查" {
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
				behind = append(behind, Behind{Text: fmt.Sprintf("%s 只抽查 %d 次", label, n)})
			}
		}
		if weeks == 0 {
			return Figure{Value: "—", Detail: running, Rate: -1, Verdict: VerdictNone}, nil
		}
		fig := Figure{Value: fmt.Sprintf("%d / %d 周", met, weeks), Rate: float64(met) / float64(weeks), Behind: behind,
			Detail: fmt.Sprintf("已结束的 %d 周中 %d 周达到3次", weeks, met)}
		if running != "" {
			fig.Detail += "；" + running
		}
		fig.Verdict = VerdictMet
		if met < weeks {
			fig.Verdict = VerdictMissed
		}
		return fig, nil
	},
}, handoverCheckMeasure()}

// attendanceMeasures: arriving for the shift on time, 15 minutes early for the handover (D11).
var attendanceMeasures = []Measure{{
	Key: "attendance_on_time", Name: "按时到岗（提前15分钟）", Rule: "D9 D11", Target: "100%", Trend: true, Appraisal: "迟到或未到岗",
	Of: func(env Env, m Month) (Figure, error) {
		recs, err := env.Records(keyAttendance, m.From, m.Until())
		if err != nil {
			return Figure{}, err
		}
		good, total := 0, 0
		var short []*Record
		for _, r := range recs {
			switch r.Values["result"] {
			case ArrivedOnTime:
				good++
			case ArrivedLate, ArrivedNot:
				short = append(short, r)
			default:
				continue // a claim not yet confirmed
			}
			total++
		}
		fig := rateFigure(good, total, 1, 0.95, fmt.Sprintf("到岗记录 %d 次，准时 %d 次", total, good), behindRecords(short, func(r *Record) string {
			text := r.Values["date"] + " " + r.Values["shift"] + " " + r.Values["person"] + " " + r.Values["result"]
			if r.Values["late_min"] != "" && r.Values["result"] == ArrivedLate {
				text += " " + r.Values["late_min"] + " 分钟"
			}
			return text
		}))
		for _, r := range short {
			fig.count(r.Values["person"])
		}
		return fig, nil
	},
}}

// rosterMeasures: next month's roster drafted and submitted to the manager before the 25th (D1).
var rosterMeasures = []Measure{{
	Key: "roster_by_25", Name: "次月排班表25日前报经理", Rule: "D1", Target: "25日前",
	Of: func(env Env, m Month) (Figure, error) {
		next := m.To.Format(LayoutMonth)
		recs, err := env.Records(keyRoster, time.Time{}, m.To.AddDate(0, 1, 0))
		if err != nil {
			return Figure{}, err
		}
		due := time.Date(m.From.Year(), m.From.Month(), 25, 0, 0, 0, 0, Shanghai)
		var first time.Time
		var which []*Record
		for _, r := range recs {
			if r.Values["month"] != next {
				continue
			}
			if t, ok := r.at("submitted_at"); ok && (first.IsZero() || t.Before(first)) {
				first, which = t, []*Record{r}
			}
		}
		return dueFigure(first, !first.IsZero(), due, m, "报经理", behindRecords(which, func(r *Record) string {
			return next + " 排班表 " + r.Values["submitted_at"] + " 报经理"
		})), nil
	},
}}

// logReadMeasures: each day's duty log read by the supervisor (D7), for the days of the month with
// entries, up to yesterday.
var logReadMeasures = []Measure{{
	Key: "log_read_daily", Name: "值班记录当日查阅", Rule: "D7", Target: "100%",
	Of: func(env Env, m Month) (Figure, error) {
		today := dayStart(m.Now)
		until := m.To
		if today.Before(until) {
			until = today
		}
		logs, err := env.Records("duty_log", m.From, until)
		if err != nil {
			return Figure{}, err
		}
		reads, err := env.Records(keyLogRead, m.From, until)
		if err != nil {
			return Figure{}, err
		}
		days := map[string]bool{}
		for _, r := range logs {
			if t, ok := r.at("time"); ok {
				days[t.Format(LayoutDate)] = true
			}
		}
		// Read the same day (D7): by the end of the day read, as the reading's clock says.
		read := map[string]bool{}
		f, _ := FormByKey(keyLogRead)
		for _, r := range reads {
			day, ok1 := ParseLocal(TypeDate, r.Values["day"])
			at, ok2 := r.at("read_at")
			if d, ok := f.DeadlineFrom("waiting", day, env); ok1 && ok2 && ok && !at.After(d.At) {
				read[r.Values["day"]] = true
			}
		}
		return dayFigure(days, read, 0.9,
			func(total, met int) string {
				return fmt.Sprintf("有记录的 %d 天中当日查阅 %d 天（不含今天）", total, met)
			},
			func(d string) string { return d + " 的值班记录未在当日查阅签字" }), nil
	},
}}

// logSignMeasures: the supervisor's monthly signature of the duty log (R2.1), by the month's end, as its clock says.
var logSignMeasures = []Measure{{
	Key: "log_sign_monthly", Name: "值班记录月度签阅", Rule: "R2.1", Target: "月底前签阅",
	Of: func(env Env, m Month) (Figure, error) {
		recs, err := env.Records(keyLogSign, m.From, m.To.AddDate(0, 2, 0))
		if err != nil {
			return Figure{}, err
		}
		month := m.From.Format(LayoutMonth)
		var at time.Time
		var which []*Record
		for _, r := range recs {
			if t, ok := r.at("read_at"); ok && r.Values["month"] == month {
				at, which = t, []*Record{r}
			}
		}
		return dueFigure(at, !at.IsZero(), m.To, m, "签阅", behindRecords(which, func(r *Record) string {
			return month + " 值班记录 " + r.Values["reader"] + " " + r.Values["read_at"] + " 签阅"
		})), nil
	},
}}

// trainingMeasures: the month's 《培训计划表》 at its start (R9.1), and its pass rate of 100% (R9.3).
var trainingMeasures = []Measure{
	{Key: "training_plan", Name: "本月培训计划表", Rule: "R9.1 R10.2", Target: "月初（3日前）制定",
		Of: func(env Env, m Month) (Figure, error) {
			r, err := monthRecord(env, "training", m)
			if err != nil || r == nil {
				return dueFigure(time.Time{}, false, m.From.AddDate(0, 0, 3), m, "制定", nil), err
			}
			return dueFigure(r.CreatedAt, true, m.From.AddDate(0, 0, 3), m, "制定", []Behind{{Serial: r.Serial, Kind: r.Kind, Text: r.Values["month"] + " 培训计划表"}}), nil
		}},
	{Key: "training_pass", Name: "培训合格率", Rule: "R9.3", Target: "100%",
		Of: func(env Env, m Month) (Figure, error) {
			r, err := monthRecord(env, "training", m)
			if err != nil || r == nil || r.Values["pass_rate"] == "" {
				return Figure{Value: "—", Detail: "本月还没有登记培训", Rate: -1, Verdict: VerdictNone}, err
			}
			p, _ := strconv.Atoi(r.Values["pass_rate"])
			fig := rateFigure(p, 100, 1, 2, "本月各次培训考核合格的人次比例", nil)
			if fig.Verdict != VerdictMet {
				fig.Behind = []Behind{{Serial: r.Serial, Kind: r.Kind, Text: r.Values["month"] + " 合格率 " + r.Values["pass_rate"] + "%"}}
			}
			return fig, nil
		}},
	trainingWeekly(),
}

// monthRecord is the newest record of a form whose month field is the month measured.
func monthRecord(env Env, kind string, m Month) (*Record, error) {
	recs, err := env.Records(kind, m.From.AddDate(0, -2, 0), m.To)
	if err != nil {
		return nil, err
	}
	var found *Record
	for _, r := range recs {
		if r.Values["month"] == m.From.Format(LayoutMonth) {
			found = r
		}
	}
	return found, nil
}

// cultureMeasures: next year's 《年度社区文化活动计划表》 made in December (R8.1), its costs confirmed by
// the owners' committee (R8.3). In the other months the plan of the year in force is what counts.
var cultureMeasures = []Measure{{
	Key: "culture_plan", Name: "年度社区文化活动计划（每年12月制定）", Rule: "R8.1 R8.3", Target: "12月内制定并经业委会确认",
	Of: func(env Env, m Month) (Figure, error) {
		year := m.From.Year()
		if m.From.Month() == time.December {
			year++
		}
		recs, err := env.Records("culture", time.Time{}, m.To)
		if err != nil {
			return Figure{}, err
		}
		var proposed *Record
		for _, r := range recs {
			if r.Values["year"] == strconv.Itoa(year) {
				proposed = r
			}
		}
		plan := CultureInForce(recs, strconv.Itoa(year))
		what := fmt.Sprintf("%d年度计划", year)
		switch {
		case plan == nil && proposed != nil:
			return Figure{Value: "费用待业委会确认", Detail: what + " " + proposed.Values["plan_date"] + " 制定", Rate: 0.5, Verdict: VerdictNear,
				Behind: []Behind{{Serial: proposed.Serial, Kind: proposed.Kind, Text: what}}}, nil
		case plan == nil && m.From.Month() == time.December && !m.Over():
			return Figure{Value: "尚未制定", Detail: what + "应在本月内制定", Rate: -1, Verdict: VerdictNear}, nil
		case plan == nil:
			return Figure{Value: "未制定", Detail: what, Rate: 0, Verdict: VerdictMissed}, nil
		}
		detail := what + " " + plan.Values["plan_date"] + " 制定"
		if plan.Values["revises"] != "" {
			detail += "（修订 " + plan.Values["revises"] + "）"
		}
		return Figure{Value: "已制定并确认", Detail: detail, Rate: 1, Verdict: VerdictMet, Behind: []Behind{{Serial: plan.Serial, Kind: plan.Kind, Text: what}}}, nil
	},
}}

// surveyMeasures: a questionnaire each half-year, handed out before June and before December (R5.3)
// to every occupied unit, and at least half of them back (R5.4).
var surveyMeasures = []Measure{{
	Key: "survey_return", Name: "半年问卷：发放全部入住户、回收不少于50%", Rule: "R5.3 R5.4", Target: "发放100%，回收 ≥ 50%",
	Of: func(env Env, m Month) (Figure, error) {
		half := time.Date(m.From.Year(), 1, 1, 0, 0, 0, 0, Shanghai)
		due := time.Date(m.From.Year(), 6, 1, 0, 0, 0, 0, Shanghai)
		if m.From.Month() > time.June {
			half, due = time.Date(m.From.Year(), 7, 1, 0, 0, 0, 0, Shanghai), time.Date(m.From.Year(), 12, 1, 0, 0, 0, 0, Shanghai)
		}
		recs, err := env.Records("survey", half, m.To)
		if err != nil {
			return Figure{}, err
		}
		var round *Record
		for _, r := range recs {
			if d, ok := ParseLocal(TypeDate, r.Values["handout"]); ok && !d.Before(half) && d.Before(m.To) {
				round = r
			}
		}
		if round == nil {
			if m.Now.Before(due) {
				return Figure{Value: "本半年尚未发放", Detail: "应在 " + due.AddDate(0, 0, -1).Format("01-02") + " 前发放", Rate: -1, Verdict: VerdictNear}, nil
			}
			return Figure{Value: "本半年未发放", Detail: "应在 " + due.AddDate(0, 0, -1).Format("01-02") + " 前发放", Rate: 0, Verdict: VerdictMissed}, nil
		}
		if d, ok := ParseLocal(TypeDate, round.Values["handout"]); ok && !d.Before(due) {
			return Figure{Value: "发放过晚", Detail: round.Values["handout"] + " 才发放，应在 " + due.AddDate(0, 0, -1).Format("01-02") + " 前发放",
				Rate: 0, Verdict: VerdictMissed, Behind: []Behind{{Serial: round.Serial, Kind: round.Kind, Text: round.Values["title"]}}}, nil
		}
		occ, _ := strconv.Atoi(round.Values["occupied"])
		dist, _ := strconv.Atoi(round.Values["distributed"])
		ret, _ := strconv.Atoi(round.Values["returned"])
		behind := []Behind{{Serial: round.Serial, Kind: round.Kind, Text: round.Values["title"]}}
		fig := rateFigure(ret*2, max(dist, 1), 1, 0.8, fmt.Sprintf("%s 发放 %d 份（入住 %d 户），回收 %d 份", round.Values["handout"], dist, occ, ret), behind)
		if dist > 0 {
			fig.Value = percent(float64(ret) / float64(dist))
			fig.Rate = min(float64(ret)/float64(dist)/0.5, 1)
		}
		if dist < occ {
			fig.Verdict = VerdictMissed
			fig.Detail += "，未发放到全部入住户"
		}
		if collect, ok := ParseLocal(TypeDate, round.Values["collect"]); (!ok || m.Now.Before(collect.AddDate(0, 0, 1))) && fig.Verdict == VerdictMissed && dist >= occ {
			fig.Verdict = VerdictNear // still being collected
			fig.Detail += "，回收中"
		}
		return fig, nil
	},
}}

// complaintReportMeasures: the month's 《部门客户投诉工作月报》 (R10.2), signed by the supervisor by the
// 5th of the next month.
var complaintReportMeasures = []Measure{{
	Key: "complaint_month_signed", Name: "部门客户投诉工作月报", Rule: "R10.2", Target: "次月5日前签署",
	Of: func(env Env, m Month) (Figure, error) {
		recs, err := env.Records("complaint_month", m.From, m.To.AddDate(0, 2, 0))
		if err != nil {
			return Figure{}, err
		}
		var at time.Time
		var which []*Record
		for _, r := range recs {
			if t, ok := r.at("signed_at"); ok && r.Values["month"] == m.From.Format(LayoutMonth) {
				at, which = t, []*Record{r}
			}
		}
		return dueFigure(at, !at.IsZero(), m.To.AddDate(0, 0, 5), m, "签署", behindRecords(which, func(r *Record) string {
			return r.Values["month"] + " 月报 " + r.Values["signed_by"] + " " + r.Values["signed_at"] + " 签署"
		})), nil
	},
}}
