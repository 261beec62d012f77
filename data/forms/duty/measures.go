package duty

import (
	"fmt"
	"time"

	"frontdesk/data"
)

// attendanceMeasures: arriving for the shift on time, 15 minutes early for the handover (D11).
var attendanceMeasures = []data.Measure{{
	Key: "attendance_on_time", Name: "按时到岗（提前15分钟）", Rule: "D9 D11", Target: "100%", Trend: true, Appraisal: "迟到或未到岗",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		recs, err := env.Records(KeyAttendance, m.From, m.Until())
		if err != nil {
			return data.Figure{}, err
		}
		good, total := 0, 0
		var short []*data.Record
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
		fig := data.RateFigure(good, total, 1, 0.95, fmt.Sprintf("到岗记录 %d 次，准时 %d 次", total, good), data.BehindRecords(short, func(r *data.Record) string {
			text := r.Values["date"] + " " + r.Values["shift"] + " " + r.Values["person"] + " " + r.Values["result"]
			if r.Values["late_min"] != "" && r.Values["result"] == ArrivedLate {
				text += " " + r.Values["late_min"] + " 分钟"
			}
			return text
		}))
		for _, r := range short {
			fig.Count(r.Values["person"])
		}
		return fig, nil
	},
}}

// rosterMeasures: next month's roster drafted and submitted to the manager before the 25th (D1).
var rosterMeasures = []data.Measure{{
	Key: "roster_by_25", Name: "次月排班表25日前报经理", Rule: "D1", Target: "25日前",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		next := m.To.Format(data.LayoutMonth)
		recs, err := env.Records(KeyRoster, time.Time{}, m.To.AddDate(0, 1, 0))
		if err != nil {
			return data.Figure{}, err
		}
		due := time.Date(m.From.Year(), m.From.Month(), 25, 0, 0, 0, 0, data.Shanghai)
		var first time.Time
		var which []*data.Record
		for _, r := range recs {
			if r.Values["month"] != next {
				continue
			}
			if t, ok := r.At("submitted_at"); ok && (first.IsZero() || t.Before(first)) {
				first, which = t, []*data.Record{r}
			}
		}
		return data.DueFigure(first, !first.IsZero(), due, m, "报经理", data.BehindRecords(which, func(r *data.Record) string {
			return next + " 排班表 " + r.Values["submitted_at"] + " 报经理"
		})), nil
	},
}}
