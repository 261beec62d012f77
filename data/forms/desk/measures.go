package desk

import (
	"fmt"
	"sort"

	"frontdesk/data"
)

// The measures the forms declare (Form.Measures): each works a month's figure out of the records, by
// the same clocks and calendar the forms' lives run on.

// visitorMeasures: 60 seconds a registration (R1.3).
var visitorMeasures = []data.Measure{{
	Key: "visitor_60s", Name: "登记用时不超过60秒", Rule: "R1.3", Target: "100%", Trend: true, Appraisal: "登记超过60秒",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		timings, err := env.Timings("visitor", m.From, m.Until())
		if err != nil {
			return data.Figure{}, err
		}
		var secs []float64
		var over []data.Behind
		for _, t := range timings {
			if t.Seconds <= 0 {
				continue
			}
			secs = append(secs, t.Seconds)
			if t.Seconds > 60 {
				over = append(over, data.Behind{Serial: t.Serial, Kind: "visitor",
					Text: fmt.Sprintf("%s 登记用时 %.0f 秒", t.At.In(data.Shanghai).Format(data.LayoutDateTime), t.Seconds)})
			}
		}
		detail := fmt.Sprintf("计时登记 %d 人次，超过60秒 %d 人次", len(secs), len(over))
		fig := data.RateFigure(len(secs)-len(over), len(secs), 1, 0.95, detail, over)
		if len(secs) > 0 {
			sorted := append([]float64(nil), secs...)
			sort.Float64s(sorted)
			fig.Detail += fmt.Sprintf("，中位数 %.0f 秒", sorted[len(sorted)/2])
		}
		fig.Samples, fig.Limit, fig.Unit = secs, 60, "秒"
		for _, t := range timings {
			if t.Seconds > 60 {
				fig.Count(t.By)
			}
		}
		return fig, nil
	},
}}
