package training

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// The year's 《年度社区文化活动计划表》 (R8): made each December for the next year (R8.1); its costs
// confirmed by the owners' committee before it is in force (R8.3); each activity evaluated after it is
// held (R8.4); a revision is a new plan that says which it revises and is confirmed the same way
// before it takes the old one's place (R8.2).

// checkCultureEvaluation: an activity of the plan held in the plan's year and not after today,
// evaluated once (an activity of the same name held in another month is another activity).
func checkCultureEvaluation(c *data.StepContext) error {
	name := strings.TrimSpace(c.Values.Get("activity"))
	held, ok := data.ParseLocal(data.TypeDate, c.Values.Get("held_on"))
	switch {
	case !ok:
		return data.FieldErrors{"held_on": "请填写举办日期"}
	case held.After(c.Now):
		return data.FieldErrors{"held_on": "活动还没有举办，举办后再评估"}
	case strconv.Itoa(held.Year()) != c.Record.Values["year"]:
		return data.FieldErrors{"held_on": "举办日期应在计划年度（" + c.Record.Values["year"] + "年）内"}
	}
	found := false
	for _, a := range c.Record.Tables["activities"] {
		if a["name"] == name {
			found = true
		}
	}
	if !found {
		var names []string
		for _, a := range c.Record.Tables["activities"] {
			names = append(names, a["name"])
		}
		return data.FieldErrors{"activity": "计划中没有这项活动；计划中的活动：" + strings.Join(names, "、")}
	}
	month := held.Format("2006-01")
	for _, ln := range strings.Split(c.Record.Values["evaluations"], "\n") {
		if strings.HasPrefix(ln, name+"（"+month) {
			return data.FieldErrors{"activity": name + " " + held.Format("1月") + "的活动已评估过"}
		}
	}
	return nil
}

func applyCultureEvaluation(c *data.StepContext) {
	line := fmt.Sprintf("%s（%s 举办，参加约 %s 人）：%s", strings.TrimSpace(c.Values.Get("activity")), c.Values.Get("held_on"),
		c.Values.Get("people"), c.Values.Get("effect"))
	data.AppendLog(c.Record, "evaluations", line)
}

// cultureDates: a year's plan is made in December of the year before (R8.1), never earlier; one made
// later, in its year, is taken (a plan late is better than none) and marked late by cultureLate; a
// revision is made from that December to the year's end; nothing is dated ahead of the day.
func cultureDates(_ data.Env, in data.Input, now time.Time) data.FieldErrors {
	year, err := strconv.Atoi(in.Get("year"))
	made, ok := data.ParseLocal(data.TypeDate, in.Get("plan_date"))
	if err != nil || !ok {
		return nil
	}
	december := time.Date(year-1, time.December, 1, 0, 0, 0, 0, data.Shanghai)
	end := time.Date(year+1, time.January, 1, 0, 0, 0, 0, data.Shanghai)
	switch {
	case made.After(data.DayStart(now)):
		return data.FieldErrors{"plan_date": "制定日期不能晚于今天"}
	case made.Before(december) && strings.TrimSpace(in.Get("revises")) == "":
		return data.FieldErrors{"plan_date": fmt.Sprintf("%d年度计划应在%d年12月制定（每年12月制定下一年度的计划）", year, year-1)}
	case made.Before(december):
		return data.FieldErrors{"plan_date": fmt.Sprintf("%d年度计划的修订应在%d年12月以后制定", year, year-1)}
	case !made.Before(end):
		return data.FieldErrors{"plan_date": fmt.Sprintf("%d年度已经过去，不能再制定它的计划", year)}
	}
	return nil
}

// cultureLate marks a plan made after the December it was due in.
func cultureLate(_ data.Env, in *data.Input, _ time.Time) error {
	delete(in.Values, "late_note")
	year, err := strconv.Atoi(in.Get("year"))
	made, ok := data.ParseLocal(data.TypeDate, in.Get("plan_date"))
	if err == nil && ok && strings.TrimSpace(in.Get("revises")) == "" && made.Year() >= year {
		in.Values["late_note"] = fmt.Sprintf("逾期制定：应在%d年12月制定", year-1)
	}
	return nil
}

// Activity is one activity of a year's plan: its month, its name, and whether it was evaluated.
type Activity struct {
	Month     int
	Name      string
	Evaluated bool
}

// Activities are a plan's activities, each matched to an evaluation of it: one of its month first,
// then any left of its name (an activity held a little after its month).
func Activities(plan *data.Record) []Activity {
	type eval struct {
		name  string
		month int
		used  bool
	}
	var evals []*eval
	for _, ln := range strings.Split(plan.Values["evaluations"], "\n") {
		name, rest, ok := strings.Cut(ln, "（")
		if !ok {
			continue
		}
		held, _ := data.ParseLocal(data.TypeDate, strings.SplitN(rest, " ", 2)[0])
		evals = append(evals, &eval{name: strings.TrimSpace(name), month: int(held.Month())})
	}
	var out []Activity
	for _, row := range plan.Tables["activities"] {
		m, _ := strconv.Atoi(row["month"])
		out = append(out, Activity{Month: m, Name: strings.TrimSpace(row["name"])})
	}
	for pass := 0; pass < 2; pass++ {
		for i := range out {
			for _, e := range evals {
				if !out[i].Evaluated && !e.used && e.name == out[i].Name && (pass == 1 || e.month == out[i].Month) {
					out[i].Evaluated, e.used = true, true
				}
			}
		}
	}
	return out
}

// EvaluationDue is when an activity of a month is evaluated by: the 10th of the month after.
func EvaluationDue(year, month int) time.Time {
	return time.Date(year, time.Month(month)+1, EvaluateByDay+1, 0, 0, 0, 0, data.Shanghai)
}

// EvaluateByDay is the day of the month after an activity by which its effect is evaluated (R8.4).
const EvaluateByDay = 10

// expectEvaluations are the activities of the plans in force whose month has begun and that nobody has
// evaluated yet (R8.4): each a line that opens its plan, for its evaluation; those due more than three
// months ago are left to the board.
func expectEvaluations(env data.Env, now time.Time) ([]data.Expected, error) {
	recs, err := env.Records("culture", time.Time{}, now.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	var out []data.Expected
	this := now.In(data.Shanghai).Year()
	for _, year := range []int{this - 1, this} {
		plan := CultureInForce(recs, strconv.Itoa(year))
		if plan == nil {
			continue
		}
		for _, a := range Activities(plan) {
			begun := !time.Date(year, time.Month(a.Month), 1, 0, 0, 0, 0, data.Shanghai).After(now)
			due := EvaluationDue(year, a.Month)
			if a.Evaluated || !begun || due.Before(now.AddDate(0, -3, 0)) {
				continue
			}
			out = append(out, data.Expected{State: fmt.Sprintf("待评估（%d月 %s）", a.Month, a.Name), Who: data.Who{Perm: data.PermPlanCulture},
				Label: "活动评估", At: due, Serial: plan.Serial, Step: "活动评估"})
		}
	}
	return out, nil
}

// formCulturePlan declares 《年度社区文化活动计划表》.
var formCulturePlan = &data.Form{
	Measures: cultureMeasures,
	Key:      "culture", Name: "年度社区文化活动计划表", Short: "文化活动计划", Prefix: "WH", Group: data.GroupTraining, Rule: "R8.1–R8.4",
	DateKey: "plan_date", Retention: "长期", MadeBy: data.PermPlanCulture, CheckAt: cultureDates, Compute: cultureLate,
	ExpectedBy: data.PermPlanCulture,
	// A second plan for a year is a revision of the first (R8.2), naming it.
	OnePer:      &data.OnePer{Key: "year", Revises: "revises"},
	Signatures:  []string{"编制人", "物业服务中心经理", "业委会（费用确认）"},
	ListColumns: []string{"year", "plan_date", "budget", "revises", "committee_ok"},
	Fields: []data.Field{
		{Key: "year", Label: "计划年度", Type: data.TypeInt, Required: true, Min: 2000, Max: 2100},
		{Key: "plan_date", Label: "制定日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
		{Key: "revises", Label: "修订的计划（编号）", Type: data.TypeText, Max: 20, Search: true,
			Hint: "修订已执行的计划时填写原计划编号；修订经业委会确认后取代原计划"},
		{Key: "activities", Label: "活动安排", Type: data.TypeTable, Required: true, Max: 24, Columns: []data.Field{
			{Key: "month", Label: "月份", Type: data.TypeInt, Required: true, Min: 1, Max: 12},
			{Key: "name", Label: "活动名称", Type: data.TypeText, Required: true, Max: 30, Samples: []string{"新春游园会", "端午包粽子", "中秋晚会", "重阳敬老", "亲子运动会"}},
			{Key: "budget", Label: "预算（元）", Type: data.TypeMoney, Required: true},
			{Key: "effect", Label: "效果评估", Type: data.TypeText, Max: 40, Samples: []string{"参与踊跃", "待评估"}},
		}},
		{Key: "budget", Label: "总预算（元）", Type: data.TypeMoney, Hint: "留空则按各项活动的预算合计",
			Sum: &data.Sum{Table: "activities", Column: "budget"}},
		{Key: "committee_ok", Label: "业委会已确认费用", Type: data.TypeBool, Auto: true},
		{Key: "committee_by", Label: "业委会确认人", Type: data.TypePerson, Auto: true},
		{Key: "committee_at", Label: "确认时间", Type: data.TypeDateTime, Auto: true},
		{Key: "evaluations", Label: "活动效果评估", Type: data.TypeMultiline, Auto: true},
		{Key: "late_note", Label: "逾期", Type: data.TypeText, Auto: true},
		{Key: "author", Label: "编制人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: []string{"王主管"}},
	},
	Flow: &data.Flow{
		States: []data.State{
			{Key: "proposed", Name: "待业委会确认", Open: true, Who: data.Who{Perm: data.PermConfirmCulture}},
			{Key: "in_force", Name: "执行中", Fixed: true},
		},
		Initial: "proposed", StepsOnly: true,
		Steps: []data.Step{
			{Key: "confirm", Name: "业委会确认费用", Decides: true, From: []string{"proposed"}, To: "in_force", Perm: data.PermConfirmCulture, At: "committee_at",
				Hint:   "业委会确认活动费用后登记；确认后计划执行，修订计划从此取代原计划",
				Fields: []data.Field{{Key: "committee_by", Label: "业委会确认人", Type: data.TypePerson, Required: true, Samples: []string{"业委会主任"}}},
				Apply:  func(c *data.StepContext) { c.Record.Values["committee_ok"] = "是" }},
			{Key: "evaluate", Name: "活动评估", From: []string{"in_force"}, To: "", Perm: data.PermRecordWrite,
				Hint: "活动举办后评估效果",
				Fields: []data.Field{
					{Key: "activity", Label: "活动名称", Type: data.TypeText, Required: true, Max: 30},
					{Key: "held_on", Label: "举办日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
					{Key: "people", Label: "参加人数（约）", Type: data.TypeInt, Required: true, Min: 1, Max: 100000},
					{Key: "effect", Label: "效果评估", Type: data.TypeText, Required: true, Max: 100, Samples: []string{"参与踊跃，业户反映良好", "参加人数少于预期，宣传需提前"}},
				},
				Check: checkCultureEvaluation, Apply: applyCultureEvaluation},
		},
		// Plans recorded before the form had a life: in force once the committee had confirmed them.
		Derive: func(r *data.Record) string {
			if r.Values["committee_ok"] == "是" {
				return "in_force"
			}
			return "proposed"
		},
	},
}

func init() { formCulturePlan.Expected = expectEvaluations }

// CultureInForce is the plan of a year in force: the latest confirmed, a confirmed revision taking
// the place of the plan it revises.
func CultureInForce(recs []*data.Record, year string) *data.Record {
	var inForce *data.Record
	for _, r := range recs {
		if r.Values["year"] != year || r.Values["committee_ok"] != "是" {
			continue
		}
		if inForce == nil || r.Values["committee_at"] >= inForce.Values["committee_at"] {
			inForce = r
		}
	}
	return inForce
}
