package data

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Verdict is how a month's figure stands against its rule: met (green), missed (red), under way and
// not yet decided (amber: only in a month still running, for a rule that can still be met), or nothing
// to measure yet. A month that is over is green or red (VerdictMeaning).
type Verdict string

const (
	VerdictMet    Verdict = "met"
	VerdictNear   Verdict = "near"
	VerdictMissed Verdict = "missed"
	VerdictNone   Verdict = "none"
)

// Chinese is the verdict as the board says it.
func (v Verdict) Chinese() string {
	switch v {
	case VerdictMet:
		return "达标"
	case VerdictNear:
		return "进行中"
	case VerdictMissed:
		return "未达标"
	}
	return "无数据"
}

// VerdictMeaning says what the verdicts mean, as the board's help and the month pack's first page say it.
const VerdictMeaning = "达标（绿）：已达到规定。未达标（红）：没有达到，或已经不可能达到（有一件超时、期限已过）。" +
	"进行中（黄）：本月尚未结束，目前还没有达到，但仍可能达到。月份结束后只有达标或未达标。无数据：本月没有要统计的记录。"

// Measure is one numeric rule of the centre that a form's records are measured by, month by month:
// 2 hours to answer a complaint, 5% of households visited, 3 spot checks a week. A form declares its
// measures beside its fields; the compliance board runs them all.
type Measure struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	Rule   string `json:"rule"` // the REQUIREMENTS.md IDs it measures
	Target string `json:"target"`
	// Of measures a month; its Now is the moment of asking, so a month under way is measured so far.
	Of func(env Env, m Month) (Figure, error) `json:"-"`
	// Trend marks a key rate, drawn month by month over a year.
	Trend bool `json:"trend,omitempty"`
	// Appraisal names what the measure counts against a person in the month's performance appraisal
	// (登记超过60秒, 迟到或未到岗): its figure's People.
	Appraisal string `json:"appraisal,omitempty"`
}

// Month is the month measured: [From, To), and the moment of asking.
type Month struct {
	From, To, Now time.Time
}

// MonthOf is the calendar month of t in the desk's zone, asked at now.
func MonthOf(t, now time.Time) Month {
	d := t.In(Shanghai)
	from := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, Shanghai)
	return Month{From: from, To: from.AddDate(0, 1, 0), Now: now}
}

// Over says whether the month has ended at the moment of asking.
func (m Month) Over() bool { return !m.Now.Before(m.To) }

// Until is the end of what can be measured: the month's end, or now within it.
func (m Month) Until() time.Time {
	if m.Now.Before(m.To) {
		return m.Now
	}
	return m.To
}

// Label is the month as the board names it: 2026年11月.
func (m Month) Label() string { return m.From.Format("2006年1月") }

// Behind is one thing behind a figure that falls short: a record (its serial and form), or a record
// to make (its form and what starts it: the unit to visit next).
type Behind struct {
	Serial string            `json:"serial,omitempty"`
	Kind   string            `json:"kind,omitempty"`
	Text   string            `json:"text"`
	Fill   map[string]string `json:"-"`
}

// Figure is a month's figure for one measure.
type Figure struct {
	Value   string   `json:"value"`            // 96.2%, 3 周 / 4 周, 11-24 已报
	Detail  string   `json:"detail,omitempty"` // what it was counted from
	Rate    float64  `json:"rate"`             // the share met, 0..1, for the charts; -1 without one
	Verdict Verdict  `json:"verdict"`
	Behind  []Behind `json:"behind,omitempty"`
	// Samples are the month's single values (each registration's seconds) for a histogram against
	// Limit, in Unit.
	Samples []float64 `json:"-"`
	Limit   float64   `json:"-"`
	Unit    string    `json:"-"`
	// Weeks are the month's figure week by week (complaints answered in time and late).
	Weeks []WeekBar `json:"-"`
	// People counts the shortfalls by the person they count against (the measure's Appraisal).
	People map[string]int `json:"people,omitempty"`
}

// Appraisal is the month's per-person table for the performance appraisal: a row a person, a column
// for each measure that counts against a person.
type Appraisal struct {
	Columns []string
	People  []string
	Counts  map[string][]int // by person, a count per column
}

// AppraisalOf gathers the board's per-person counts; staff are listed even with nothing against them.
func AppraisalOf(rows []BoardRow, staff []string) Appraisal {
	a := Appraisal{Counts: map[string][]int{}}
	var cols []BoardRow
	for _, r := range rows {
		if r.Measure.Appraisal != "" {
			cols = append(cols, r)
			a.Columns = append(a.Columns, r.Measure.Appraisal)
		}
	}
	seen := map[string]bool{}
	add := func(p string) {
		if p != "" && !seen[p] {
			seen[p] = true
			a.People = append(a.People, p)
			a.Counts[p] = make([]int, len(cols))
		}
	}
	for _, p := range staff {
		add(p)
	}
	for i, r := range cols {
		var names []string
		for p := range r.Figure.People {
			names = append(names, p)
		}
		sort.Strings(names)
		for _, p := range names {
			add(p)
			a.Counts[p][i] = r.Figure.People[p]
		}
	}
	return a
}

// Count adds one against a person.
func (f *Figure) Count(person string) {
	if person == "" {
		return
	}
	if f.People == nil {
		f.People = map[string]int{}
	}
	f.People[person]++
}

// WeekBar is one week of a figure: how many met the rule and how many fell short.
type WeekBar struct {
	Label      string
	Met, Short int
}

// WeekOf is the label of the week (Monday to Sunday) of t: 11-02至11-08.
func WeekOf(t time.Time) string {
	d := DayStart(t)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, -1)
	}
	return d.Format("01-02") + "至" + d.AddDate(0, 0, 6).Format("01-02")
}

// WeekBars counts met and short by the week of each moment, in the order of the weeks of the month.
func WeekBars(m Month, met, short []time.Time) []WeekBar {
	var out []WeekBar
	index := map[string]int{}
	for d := m.From; d.Before(m.To); d = d.AddDate(0, 0, 1) {
		if w := WeekOf(d); len(out) == 0 || out[len(out)-1].Label != w {
			index[w] = len(out)
			out = append(out, WeekBar{Label: w})
		}
	}
	for _, t := range met {
		if i, ok := index[WeekOf(t)]; ok {
			out[i].Met++
		}
	}
	for _, t := range short {
		if i, ok := index[WeekOf(t)]; ok {
			out[i].Short++
		}
	}
	return out
}

// BoardRow is one line of the compliance board.
type BoardRow struct {
	Form    *Form
	Measure Measure
	Figure  Figure
}

// Board measures a month by every measure of every form, in the forms' order. A measure that cannot
// be worked out says why in its row rather than hiding the others.
func Board(env Env, m Month) []BoardRow { return boardOf(Forms(), env, m) }

func boardOf(forms []*Form, env Env, m Month) []BoardRow {
	var rows []BoardRow
	early := BeforeFirstRecord(env, m.To)
	for _, f := range forms {
		for _, ms := range f.Measures {
			if early {
				// A month before the desk kept any record is not measured: there is nothing to hold
				// against the rules, and nothing was expected of it.
				rows = append(rows, BoardRow{Form: f, Measure: ms, Figure: Figure{Value: "无数据", Detail: "本台账在这个月还没有记录", Rate: -1, Verdict: VerdictNone}})
				continue
			}
			fig, err := ms.Of(env, m)
			if err != nil {
				fig = Figure{Value: "无法计算", Detail: "读取记录失败，请运行“检查数据”", Rate: -1, Verdict: VerdictNone}
			}
			if fig.Verdict == VerdictNear && m.Over() {
				fig.Verdict = VerdictMissed // a month that is over is decided
			}
			rows = append(rows, BoardRow{Form: f, Measure: ms, Figure: fig})
		}
	}
	return rows
}

// Measures are every form's measures, in the board's order.
func Measures() []Measure {
	var out []Measure
	for _, f := range Forms() {
		out = append(out, f.Measures...)
	}
	return out
}

// RateFigure is the figure of good out of total against a target share: met at or above it, near
// down to near, missed below. Nothing to count is no figure.
func RateFigure(good, total int, target, near float64, detail string, behind []Behind) Figure {
	if total == 0 {
		return Figure{Value: "—", Detail: detail, Rate: -1, Verdict: VerdictNone}
	}
	r := float64(good) / float64(total)
	v := VerdictMissed
	switch {
	case r >= target-1e-9:
		v = VerdictMet
	case target >= 1-1e-9:
		// Every one was due: one short of it is decided, whatever the month still brings.
	case r >= near:
		v = VerdictNear
	}
	return Figure{Value: Percent(r), Detail: detail, Rate: r, Verdict: v, Behind: behind}
}

// Percent writes a share as every figure of the program does, rounded to one decimal (5 of 6 is
// 83.3%): 100% only when it is whole, so a share short of it never reads as met.
func Percent(r float64) string {
	if r >= 1-1e-9 {
		return "100%"
	}
	v := math.Round(r*1000) / 10
	if v >= 100 {
		v = 99.9
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + "%"
}

// PercentNumber is n of all as a number of percent, rounded as Percent rounds, without a needless
// decimal (75, 83.3): what a record's 合格率（%） or 满意率（%） holds; "" when there is nothing to count.
func PercentNumber(n, all int) string {
	if all == 0 {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSuffix(Percent(float64(n)/float64(all)), "%"), ".0")
}

// PercentOf is n of all as Percent writes it; "—" when there is nothing to count.
func PercentOf(n, all int) string {
	if all == 0 {
		return "—"
	}
	return Percent(float64(n) / float64(all))
}

// DueFigure is the figure of a thing due by a moment (a roster before the 25th, the month's plan):
// done on time, done late, still to do before it is due, or overdue.
func DueFigure(doneAt time.Time, done bool, due time.Time, m Month, what string, behind []Behind) Figure {
	switch {
	case done && !doneAt.After(due):
		return Figure{Value: doneAt.In(Shanghai).Format("01-02") + " 已" + what, Rate: 1, Verdict: VerdictMet, Behind: behind}
	case done:
		return Figure{Value: doneAt.In(Shanghai).Format("01-02") + " 才" + what, Detail: "应在" + DueText(due, what), Rate: 0, Verdict: VerdictMissed, Behind: behind}
	case m.Now.Before(due):
		return Figure{Value: "尚未" + what, Detail: "应在" + DueText(due, what), Rate: -1, Verdict: VerdictNear, Behind: behind}
	}
	return Figure{Value: "未" + what, Detail: "应在" + DueText(due, what) + "，已过期", Rate: 0, Verdict: VerdictMissed, Behind: behind}
}

// BehindRecords lists records as what is behind a figure, oldest first, each with a line about it.
func BehindRecords(recs []*Record, line func(r *Record) string) []Behind {
	out := make([]Behind, 0, len(recs))
	for _, r := range recs {
		out = append(out, Behind{Serial: r.Serial, Kind: r.Kind, Text: line(r)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Serial < out[j].Serial })
	return out
}

// At is a record's date-time field, and whether it holds one.
func (r *Record) At(key string) (time.Time, bool) { return ParseLocal(TypeDateTime, r.Values[key]) }

// CountVerdicts counts a board's rows met, near and missed.
func CountVerdicts(rows []BoardRow) (met, near, missed int) {
	for _, r := range rows {
		switch r.Figure.Verdict {
		case VerdictMet:
			met++
		case VerdictNear:
			near++
		case VerdictMissed:
			missed++
		}
	}
	return met, near, missed
}

// DayFigure is the figure of the days something was due (days) against the days it was done (done):
// the days short listed oldest first, each as missing says it.
func DayFigure(days, done map[string]bool, near float64, detail func(total, met int) string, missing func(day string) string) Figure {
	var short []string
	for d := range days {
		if !done[d] {
			short = append(short, d)
		}
	}
	sort.Strings(short)
	var behind []Behind
	for _, d := range short {
		behind = append(behind, Behind{Text: missing(d)})
	}
	met := len(days) - len(short)
	return RateFigure(met, len(days), 1, near, detail(len(days), met), behind)
}

func MustAt(r *Record, key string) time.Time { t, _ := r.At(key); return t }
