package outreach

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// A questionnaire round (R5.3, R5.4): handed out before June and before December to every occupied unit
// of the registry, collected 15 working days later by the official calendar; the returns are recorded
// unit by unit as they come back, at least half of them; the answers are counted question by question,
// and the 《问卷结果统计表》 is printed from them with a chart.

// SurveyCollectDays is how many working days after hand-out the questionnaires are collected (R5.4).
const SurveyCollectDays = 15

// Answers of a question, in the order the table counts them.
var surveyAnswers = []string{"satisfied", "fair", "unsatisfied"}

// SurveyCollectDate is the day the questionnaires handed out on handout are collected: the 15th working
// day after it, and whether the calendar knew every day counted.
func SurveyCollectDate(handout time.Time) (time.Time, bool) {
	end, known := data.AddWorkingDays(handout, SurveyCollectDays)
	return end.AddDate(0, 0, -1), known
}

// occupiedUnits are the registry's occupied units.
func occupiedUnits(env data.Env) (map[string]bool, error) {
	units, err := env.Units()
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, u := range units {
		if u.Occupied {
			out[u.Unit] = true
		}
	}
	return out, nil
}

// computeSurvey fills what the round's hand-out fixes: the collection date, and (when the round is
// handed out) the occupied units the registry counts then.
func computeSurvey(env data.Env, in *data.Input, now time.Time) error {
	handout, ok := data.ParseLocal(data.TypeDate, in.Get("handout"))
	if !ok {
		return nil
	}
	collect, known := SurveyCollectDate(handout)
	if !known {
		return data.FieldErrors{"handout": fmt.Sprintf("日历中还没有%d年的节假日安排，无法计算回收日期，请经理先在“设置 → 节假日安排”中录入", collect.Year())}
	}
	in.Values["collect"] = collect.Format(data.LayoutDate)
	if in.Values["occupied"] == "" {
		occ, err := occupiedUnits(env)
		if err != nil {
			return err
		}
		if len(occ) == 0 {
			return data.FieldErrors{"handout": "业户档案中没有入住户，无法发放问卷；请先导入业户档案"}
		}
		in.Values["occupied"] = strconv.Itoa(len(occ))
	}
	return nil
}

// surveyReturnedUnits are the units a round's returns name, in the order recorded. A return is a line
// of the day and its units: 2026-11-09：3-2-1201、3-2-1202.
func surveyReturnedUnits(r *data.Record) []string {
	var out []string
	for _, ln := range strings.Split(r.Values["returned_units"], "\n") {
		_, units, ok := strings.Cut(ln, "：")
		if !ok {
			continue
		}
		for _, u := range strings.Split(units, "、") {
			if u = strings.TrimSpace(u); u != "" {
				out = append(out, u)
			}
		}
	}
	return out
}

// splitUnits reads units typed or scanned one after another, separated by spaces, commas or lines.
func splitUnits(s string) []string { return data.SplitList(s, data.NormalizeUnit) }

// checkSurveyReturn: each unit returned is an occupied unit of the registry, and returns once.
func checkSurveyReturn(c *data.StepContext) error {
	units := splitUnits(c.Values.Get("units"))
	if len(units) == 0 {
		return data.FieldErrors{"units": "请填写交回问卷的房号"}
	}
	occ, err := occupiedUnits(c.Env)
	if err != nil {
		return err
	}
	had := map[string]bool{}
	for _, u := range surveyReturnedUnits(c.Record) {
		had[u] = true
	}
	for _, u := range units {
		switch {
		case !occ[u]:
			return data.FieldErrors{"units": u + " 不是业户档案中的入住户"}
		case had[u]:
			return data.FieldErrors{"units": u + " 已登记交回，不能重复计数"}
		}
		had[u] = true
	}
	if dist := data.AtoiOr0(c.Record.Values["distributed"]); len(had) > dist {
		return data.FieldErrors{"units": fmt.Sprintf("交回 %d 份，多于发放的 %d 份", len(had), dist)}
	}
	return nil
}

// applySurveyReturn records the units returned, a line a return with its day, and the count.
func applySurveyReturn(c *data.StepContext) {
	day := c.Now.In(data.Shanghai).Format(data.LayoutDate)
	data.AppendLog(c.Record, "returned_units", day+"："+strings.Join(splitUnits(c.Values.Get("units")), "、"))
	c.Record.Values["returned"] = strconv.Itoa(len(surveyReturnedUnits(c.Record)))
}

// checkSurveyTally: the round is counted once it is collected, each question's answers add up to no
// more than the questionnaires returned.
func checkSurveyTally(c *data.StepContext) error {
	ret := data.AtoiOr0(c.Record.Values["returned"])
	// Counted once the collection is over (or every questionnaire is back): counting closes the round
	// to further returns.
	if collect, ok := data.ParseLocal(data.TypeDate, c.Record.Values["collect"]); ok && c.Now.Before(collect.AddDate(0, 0, 1)) &&
		ret < data.AtoiOr0(c.Record.Values["distributed"]) {
		return &data.StepRefusal{Message: "回收日期（" + collect.Format("01-02") + "）过后才能统计；统计后不能再登记交回"}
	}
	rows := c.Values.Tables["questions"]
	if len(rows) == 0 {
		return data.FieldErrors{"questions": "请逐题填写统计结果"}
	}
	for i, row := range rows {
		n := 0
		for _, a := range surveyAnswers {
			n += data.AtoiOr0(row[a])
		}
		if n > ret {
			return data.FieldErrors{"questions": fmt.Sprintf("第%d题的答卷 %d 份，多于回收的 %d 份", i+1, n, ret)}
		}
	}
	return nil
}

// applySurveyTally works out the overall satisfaction: the share of satisfied and fair answers.
func applySurveyTally(c *data.StepContext) {
	good, all := 0, 0
	for _, row := range c.Record.Tables["questions"] {
		good += data.AtoiOr0(row["satisfied"]) + data.AtoiOr0(row["fair"])
		for _, a := range surveyAnswers {
			all += data.AtoiOr0(row[a])
		}
	}
	if all > 0 {
		c.Record.Values["satisfaction"] = data.PercentNumber(good, all)
	}
}

// surveyChart is the results chart the print carries: each question's answers, stacked.
func surveyChart(r *data.Record) *data.StackedChart {
	rows := r.Tables["questions"]
	if len(rows) == 0 {
		return nil
	}
	ch := &data.StackedChart{Title: "各题满意度", Parts: []string{"满意", "基本满意", "不满意"}}
	for i, row := range rows {
		ch.Labels = append(ch.Labels, fmt.Sprintf("第%d题", i+1))
		var vals []float64
		for _, a := range surveyAnswers {
			vals = append(vals, float64(data.AtoiOr0(row[a])))
		}
		ch.Values = append(ch.Values, vals)
	}
	return ch
}

// expectSurveys: the half-year's round, in the month before it is due (May, November), for the
// supervisor and the manager, who answer for the rules' figures.
func expectSurveys(env data.Env, now time.Time) ([]data.Expected, error) {
	d := now.In(data.Shanghai)
	var half, due time.Time
	switch d.Month() {
	case time.May:
		half, due = time.Date(d.Year(), 1, 1, 0, 0, 0, 0, data.Shanghai), time.Date(d.Year(), 6, 1, 0, 0, 0, 0, data.Shanghai)
	case time.November:
		half, due = time.Date(d.Year(), 7, 1, 0, 0, 0, 0, data.Shanghai), time.Date(d.Year(), 12, 1, 0, 0, 0, 0, data.Shanghai)
	default:
		return nil, nil
	}
	has, err := env.Has("survey", half, due)
	if err != nil || has {
		return nil, err
	}
	if occ, err := occupiedUnits(env); err != nil || len(occ) == 0 {
		return nil, err // no registry to hand out to yet
	}
	return []data.Expected{{State: "待发放（" + d.Format("2006年") + map[bool]string{true: "上半年", false: "下半年"}[d.Month() == time.May] + "）",
		Who: data.Who{Perm: data.PermCompliance}, Label: "发放问卷", At: due}}, nil
}

// formSurveyStats declares 《问卷结果统计表》.
var formSurveyStats = &data.Form{
	Pack:     data.PackList,
	Measures: surveyMeasures,
	Key:      "survey", Name: "问卷结果统计表", Short: "问卷统计", Prefix: "WJ", Group: data.GroupVisits, Rule: "R5.3 R5.4",
	DateKey: "handout", Retention: "3年", Compute: computeSurvey, Prefill: prefillSurvey,
	Signatures:    []string{"统计人", "物业服务中心经理"},
	ListColumns:   []string{"title", "handout", "collect", "distributed", "returned", "satisfaction"},
	ScreenColumns: []string{"title", "collect", "distributed", "returned", "satisfaction"},
	Print:         &data.Print{Chart: surveyChart},
	Fields: []data.Field{
		{Key: "title", Label: "问卷名称", Type: data.TypeText, Required: true, Max: 50, Search: true, Samples: []string{"上半年业户满意度调查", "下半年业户满意度调查"}},
		{Key: "handout", Label: "发放日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday, Past: true,
			Hint: "6月前、12月前各一次，发放到全部入住户；回收日期按法定工作日自动算出（15个工作日）"},
		{Key: "collect", Label: "回收日期", Type: data.TypeDate, Auto: true},
		{Key: "occupied", Label: "入住户数", Type: data.TypeInt, Auto: true},
		{Key: "distributed", Label: "发放份数", Type: data.TypeInt, Required: true, Min: 1, Max: 100000},
		{Key: "returned", Label: "回收份数", Type: data.TypeInt, Auto: true},
		{Key: "returned_units", Label: "已交回的房号", Type: data.TypeMultiline, Auto: true},
		{Key: "questions", Label: "各题统计", Type: data.TypeTable, Auto: true, Columns: []data.Field{
			{Key: "question", Label: "题目", Type: data.TypeText},
			{Key: "satisfied", Label: "满意", Type: data.TypeInt},
			{Key: "fair", Label: "基本满意", Type: data.TypeInt},
			{Key: "unsatisfied", Label: "不满意", Type: data.TypeInt},
		}},
		{Key: "satisfaction", Label: "满意率（%）", Type: data.TypeText, Auto: true},
		{Key: "findings", Label: "主要意见", Type: data.TypeMultiline, Auto: true},
		{Key: "author", Label: "统计人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
	},
	Check: func(in data.Input) data.FieldErrors {
		if occ, dist := data.AtoiOr0(in.Get("occupied")), data.AtoiOr0(in.Get("distributed")); occ > 0 && dist > occ {
			return data.FieldErrors{"distributed": fmt.Sprintf("发放份数不能多于入住户数（%d户）", occ)}
		}
		return nil
	},
	Flow: &data.Flow{
		States: []data.State{
			{Key: "collecting", Name: "回收中", Open: true, Who: data.Who{Perm: data.PermRecordWrite}, Late: "回收期已过，待统计"},
			{Key: "done", Name: "已统计"},
		},
		Initial: "collecting", StepsOnly: true,
		Steps: []data.Step{
			{Key: "return", Name: "登记交回", From: []string{"collecting"}, To: "", Perm: data.PermRecordWrite,
				Hint: "输入或扫描交回问卷的房号，可一次输入多户，用空格或逗号隔开；每户只计一次",
				Fields: []data.Field{{Key: "units", Label: "交回的房号", Type: data.TypeMultiline, Required: true, Max: 5000,
					Samples: []string{"3-2-1201 3-2-1202"}}},
				Check: checkSurveyReturn, Apply: applySurveyReturn},
			{Key: "tally", Name: "统计结果", From: []string{"collecting"}, To: "done", Perm: data.PermRecordWrite,
				Hint: "回收日期后逐题填写满意、基本满意、不满意的份数，满意率由程序算出",
				Fields: []data.Field{
					{Key: "questions", Label: "各题统计", Type: data.TypeTable, Required: true, Max: 30, Columns: []data.Field{
						{Key: "question", Label: "题目", Type: data.TypeText, Required: true, Max: 60, Samples: []string{"物业服务总体评价", "保洁服务", "秩序维护", "维修服务"}},
						{Key: "satisfied", Label: "满意", Type: data.TypeInt, Max: 100000},
						{Key: "fair", Label: "基本满意", Type: data.TypeInt, Max: 100000},
						{Key: "unsatisfied", Label: "不满意", Type: data.TypeInt, Max: 100000},
					}},
					{Key: "findings", Label: "主要意见", Type: data.TypeMultiline, Max: 2000, Samples: []string{"停车位紧张；绿化养护需加强。"}},
				},
				Check: checkSurveyTally, Apply: applySurveyTally},
		},
		Clocks: []data.Clock{{States: []string{"collecting"}, Label: "回收", From: "collect", EndOfDay: true}},
		// Rounds recorded before the form had a life were counted on paper.
		Derive: func(r *data.Record) string { return "done" },
	},
}

// prefillSurvey hands out to every occupied unit: as many questionnaires as the registry's occupied
// units.
func prefillSurvey(env data.Env, in *data.Input, _ time.Time) {
	if occ, err := occupiedUnits(env); err == nil && len(occ) > 0 {
		in.Values["distributed"] = strconv.Itoa(len(occ))
	}
}

func init() {
	formSurveyStats.Expected = expectSurveys
	formSurveyStats.ExpectedBy = data.PermCompliance
}
