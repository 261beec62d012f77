package service

import (
	"fmt"
	"time"

	"frontdesk/data"
)

// complaintMeasures: valid complaints answered within 2 hours (R4.4), every valid one revisited (R4.6),
// and revisited within 2 working days of completion (R5.2), by the form's own clocks.
var complaintMeasures = []data.Measure{
	{Key: "complaint_reply", Name: "有效投诉2小时内答复", Rule: "R4.4", Target: "100%", Trend: true, Appraisal: "投诉超时答复",
		Of: func(env data.Env, m data.Month) (data.Figure, error) {
			recs, err := env.Records("complaint", m.From, m.Until())
			if err != nil {
				return data.Figure{}, err
			}
			f, _ := data.FormByKey("complaint")
			good, total := 0, 0
			var late []*data.Record
			var metAt, lateAt []time.Time
			for _, r := range recs {
				if !complaintValid(r) {
					continue
				}
				recv, ok := r.At("received")
				if !ok {
					continue
				}
				d, _ := f.DeadlineFrom("reply", recv, env)
				reply, replied := r.At("reply_time")
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
			weeks := data.WeekBars(m, metAt, lateAt)
			fig := data.RateFigure(good, total, 1, 0.9, fmt.Sprintf("已到期的有效投诉 %d 件，按时答复 %d 件", total, good),
				data.BehindRecords(late, func(r *data.Record) string {
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
				fig.Count(who)
			}
			return fig, nil
		}},
	// Counted by the revisits due in the month (the work finished, its revisit due): the month report's
	// 回访率 counts the valid complaints received in the month, and each label says which.
	revisitMeasure("complaint", "complaint_revisited", "有效投诉回访率（本月处理完毕、回访已到期的）", "R4.6", "revisit", complaintValid, false),
	revisitMeasure("complaint", "complaint_revisit_2wd", "投诉处理完毕后2个工作日内回访", "R4.6 R5.2", "revisit", complaintValid, true),
}

// serviceMeasures: a convenience service revisited within 2 working days of completion (R5.2).
func serviceMeasures(kind, name string) []data.Measure {
	return []data.Measure{revisitMeasure(kind, kind+"_revisit_2wd", name+"完工后2个工作日内回访", "R5.2", "done", func(*data.Record) bool { return true }, true)}
}

// revisitMeasure counts the records completed (done_time) in the month whose revisit is due by now or
// done: revisited at all, or (onTime) revisited by the deadline of the form's revisit clock.
func revisitMeasure(kind, key, name, rule, clockState string, counts func(*data.Record) bool, onTime bool) data.Measure {
	return data.Measure{Key: key, Name: name, Rule: rule, Target: "100%", Trend: !onTime,
		Of: func(env data.Env, m data.Month) (data.Figure, error) {
			f, _ := data.FormByKey(kind)
			// A record is dated by its receipt or report, and completed later: a month's completions
			// are found among the records of the months before it too.
			recs, err := env.Records(kind, m.From.AddDate(0, -3, 0), m.Until())
			if err != nil {
				return data.Figure{}, err
			}
			good, total := 0, 0
			var short []*data.Record
			for _, r := range recs {
				done, ok := r.At("done_time")
				if !ok || done.Before(m.From) || !done.Before(m.Until()) || !counts(r) {
					continue
				}
				d, _ := f.DeadlineFrom(clockState, done, env)
				rev, revisited := r.At("revisit_time")
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
			return data.RateFigure(good, total, 1, 0.9, detail, data.BehindRecords(short, func(r *data.Record) string {
				d, _ := f.DeadlineFrom(clockState, data.MustAt(r, "done_time"), env)
				if r.Values["revisit_time"] == "" {
					return r.Values["done_time"] + " 完工，未回访（应在" + data.DueText(d.At, d.Label) + "）"
				}
				return r.Values["done_time"] + " 完工，" + r.Values["revisit_time"] + " 回访（应在" + data.DueText(d.At, d.Label) + "）"
			})), nil
		}}
}

// complaintReportMeasures: the month's 《部门客户投诉工作月报》 (R10.2), signed by the supervisor by the
// 5th of the next month.
var complaintReportMeasures = []data.Measure{{
	Key: "complaint_month_signed", Name: "部门客户投诉工作月报", Rule: "R10.2", Target: "次月5日前签署",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		recs, err := env.Records("complaint_month", m.From, m.To.AddDate(0, 2, 0))
		if err != nil {
			return data.Figure{}, err
		}
		var at time.Time
		var which []*data.Record
		for _, r := range recs {
			if t, ok := r.At("signed_at"); ok && r.Values["month"] == m.From.Format(data.LayoutMonth) {
				at, which = t, []*data.Record{r}
			}
		}
		return data.DueFigure(at, !at.IsZero(), m.To.AddDate(0, 0, 5), m, "签署", data.BehindRecords(which, func(r *data.Record) string {
			return r.Values["month"] + " 月报 " + r.Values["signed_by"] + " " + r.Values["signed_at"] + " 签署"
		})), nil
	},
}}
