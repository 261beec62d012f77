package training

import (
	"fmt"
	"strconv"
	"strings"

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

// formCulturePlan declares 《年度社区文化活动计划表》.
var formCulturePlan = &data.Form{
	Measures: cultureMeasures,
	Key:      "culture", Name: "年度社区文化活动计划表", Prefix: "WH", Group: data.GroupTraining, Rule: "R8.1–R8.4",
	DateKey: "plan_date", Retention: "长期", MadeBy: data.PermPlanCulture,
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
		{Key: "author", Label: "编制人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: []string{"王主管"}},
	},
	Flow: &data.Flow{
		States: []data.State{
			{Key: "proposed", Name: "待业委会确认", Open: true, Who: data.Who{Perm: data.PermConfirmCulture}},
			{Key: "in_force", Name: "执行中", Fixed: true},
		},
		Initial: "proposed", StepsOnly: true,
		Steps: []data.Step{
			{Key: "confirm", Name: "业委会确认费用", From: []string{"proposed"}, To: "in_force", Perm: data.PermConfirmCulture, At: "committee_at",
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
