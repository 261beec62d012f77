package service

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// The life of a service order (《维修单》, 《清洁服务委托单》; R3.1, R3.2, R5.2): 受理 with the home-visit
// time agreed with the household → 派工 → 完工, the paid items picked from the 《收费价格一览表》 in force
// and the fee worked out from them, never typed → 回访 by the end of the 2nd working day after completion
// (the official calendar) → 关闭. An unsatisfied household sends the order back to the worker.

// Fee schedules (《收费价格一览表》) are versioned: each has an effective date and is approved by the
// manager; an order is priced by the approved schedules in force on its completion, and keeps the prices
// it was charged at.

// FeeItem is one priced item of a schedule in force.
type FeeItem struct {
	Item, Unit, Note string
	Price            int64 // in fen
	Schedule         string
}

// feeKind is the form key of the fee schedules.
const feeKind = "fees"

// FeesAt are the items of the approved fee schedules in force at t: of each schedule (by its title), the
// approved version with the latest effective date on or before t. An item in two schedules is priced by
// the later one.
func FeesAt(env data.Env, t time.Time) (map[string]FeeItem, error) {
	items, _, err := feesInForce(env, t)
	return items, err
}

// feesInForce is FeesAt with the items' names in the order the schedules list them.
func feesInForce(env data.Env, t time.Time) (map[string]FeeItem, []string, error) {
	day := t.In(data.Shanghai)
	end := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, data.Shanghai)
	recs, err := env.Records(feeKind, time.Time{}, end)
	if err != nil {
		return nil, nil, err
	}
	latest := map[string]*data.Record{}
	for _, r := range recs {
		if FormFees.State(r).Key != "approved" {
			continue
		}
		title := r.Values["title"]
		if old := latest[title]; old == nil || old.Values["effective"] <= r.Values["effective"] {
			latest[title] = r
		}
	}
	var scheds []*data.Record
	for _, r := range latest {
		scheds = append(scheds, r)
	}
	sort.Slice(scheds, func(i, j int) bool {
		a, b := scheds[i], scheds[j]
		if a.Values["effective"] != b.Values["effective"] {
			return a.Values["effective"] < b.Values["effective"]
		}
		return a.Serial < b.Serial
	})
	out := map[string]FeeItem{}
	var order []string
	for _, r := range scheds {
		for _, row := range r.Tables["items"] {
			fen, _ := data.ParseFen(row["price"])
			if _, dup := out[row["item"]]; !dup {
				order = append(order, row["item"])
			}
			out[row["item"]] = FeeItem{Item: row["item"], Unit: row["unit"], Note: row["note"], Price: fen, Schedule: r.Serial}
		}
	}
	return out, order, nil
}

// chargeFields are the fields of the completion step: the fee items offered are those of the schedules
// in force now.
func chargeFields(env data.Env, _ *data.Record, now time.Time) []data.Field {
	items, order, _ := feesInForce(env, now)
	// In the order of the schedules, as on the paper the clerk has at the desk; then the items of
	// the versions of the past year, for a completion recorded after a price change (priced by the
	// version in force on the day of completion).
	choices := append([]string(nil), order...)
	for _, name := range recentFeeItems(env, now) {
		if _, ok := items[name]; !ok {
			choices = append(choices, name)
		}
	}
	item := data.Field{Key: "item", Label: "收费项目", Type: data.TypeChoice, Required: true, Choices: choices}
	if len(items) == 0 {
		// Nothing to pick from: what is typed is refused by the step's rule, which says why.
		item.Type, item.Max = data.TypeText, 30
	}
	var prices []string
	for _, name := range order {
		it := items[name]
		prices = append(prices, fmt.Sprintf("%s %s元/%s", name, data.Yuan(it.Price), it.Unit))
	}
	hint := "现行价格：" + strings.Join(prices, "；")
	if len(prices) == 0 {
		hint = "现在没有经经理批准的《收费价格一览表》：只能登记无偿服务。"
	}
	return []data.Field{
		{Key: "done_time", Label: "完工时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow},
		{Key: "charges", Label: "有偿项目（按《收费价格一览表》；无偿服务不填）", Type: data.TypeTable, Max: 20, Hint: hint, Columns: []data.Field{
			item,
			{Key: "qty", Label: "数量", Type: data.TypeInt, Required: true, Min: 1, Max: 999, Default: "1"},
		}},
	}
}

// priceCharges checks the completion's items against the schedules in force at the completion and
// records the priced lines, the fee and whether the service was paid.
func priceCharges(received string) func(c *data.StepContext) error {
	return func(c *data.StepContext) error { return checkCharges(c, received) }
}

func checkCharges(c *data.StepContext, received string) error {
	done, err := data.NotAfterNow(c, "done_time", "完工时间")
	if err != nil {
		return err
	}
	start, ok := data.ParseLocal(data.TypeDateTime, c.Record.Values[received])
	switch {
	case ok && done.Before(start):
		return data.FieldErrors{"done_time": "完工时间不能早于受理时间"}
	case ok && done.After(start.AddDate(1, 0, 0)):
		return data.FieldErrors{"done_time": "完工时间距受理已超过一年，请核对；确属如此的，请作废本单后重新受理"}
	}
	for key, what := range map[string]string{"dispatched_at": "派工", "rework_at": "回访不满意退回返工"} {
		if t, ok := data.ParseLocal(data.TypeDateTime, c.Record.Life[key]); ok && done.Before(t.Truncate(time.Minute)) {
			return data.FieldErrors{"done_time": "完工时间不能早于" + what + "时间（" + t.In(data.Shanghai).Format(data.LayoutDateTime) + "）"}
		}
	}
	rows := c.Values.Tables["charges"]
	if len(rows) == 0 {
		return nil
	}
	items, err := FeesAt(c.Env, done)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return data.FieldErrors{"charges": "没有经经理批准、在完工日已执行的《收费价格一览表》，不能计价"}
	}
	var total int64
	for _, l := range c.Before.Tables["charges"] {
		fen, _ := data.ParseFen(l["amount"])
		total += fen
	}
	for i, row := range rows {
		it, ok := items[row["item"]]
		if !ok {
			return data.FieldErrors{data.RowKey("charges", i, "item"): fmt.Sprintf("第%d行 “%s”不在完工日执行的《收费价格一览表》中", i+1, row["item"])}
		}
		qty, _ := strconv.ParseInt(row["qty"], 10, 64)
		total += it.Price * qty
	}
	if total > maxFee {
		return data.FieldErrors{"charges": "收费合计超过一亿元，请核对数量"}
	}
	return nil
}

// maxFee is the largest fee an order may come to, in fen: what a money field holds.
const maxFee = 99999999_99

// recentFeeItems are the items of the approved schedules effective in the year before now.
func recentFeeItems(env data.Env, now time.Time) []string {
	recs, err := env.Records(feeKind, now.AddDate(-1, 0, 0), now.AddDate(0, 0, 1))
	if err != nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for i := len(recs) - 1; i >= 0; i-- {
		if FormFees.State(recs[i]).Key != "approved" {
			continue
		}
		for _, row := range recs[i].Tables["items"] {
			if !seen[row["item"]] {
				seen[row["item"]] = true
				out = append(out, row["item"])
			}
		}
	}
	return out
}

// uniqueFeeItems refuses a schedule that prices an item twice.
func uniqueFeeItems(in data.Input) data.FieldErrors {
	seen := map[string]int{}
	for i, row := range in.Tables["items"] {
		name := row["item"]
		if j, dup := seen[name]; dup {
			return data.FieldErrors{data.RowKey("items", i, "item"): fmt.Sprintf("第%d行 “%s”与第%d行重复：一个项目只能有一个价格", i+1, name, j+1)}
		}
		seen[name] = i
	}
	return nil
}

// applyCharges writes the priced lines (the prices of the day, kept with the order) and the fee.
// A completion after a rework adds its items to what was charged the first time.
func applyCharges(c *data.StepContext) {
	rows := c.Values.Tables["charges"]
	v := c.Record.Values
	before := c.Before.Tables["charges"]
	if len(rows) == 0 && len(before) == 0 {
		v["paid"], v["fee"] = "否", "0.00"
		delete(c.Record.Tables, "charges")
		return
	}
	done, _ := data.ParseLocal(data.TypeDateTime, c.Values.Get("done_time"))
	items, _ := FeesAt(c.Env, done)
	var total int64
	lines := append([]data.Row(nil), before...)
	var scheds []string
	if v["schedule"] != "" && len(before) > 0 {
		scheds = strings.Split(v["schedule"], "、")
	}
	for _, l := range before {
		fen, _ := data.ParseFen(l["amount"])
		total += fen
	}
	for _, row := range rows {
		it := items[row["item"]]
		qty, _ := strconv.ParseInt(row["qty"], 10, 64)
		amount := it.Price * qty
		total += amount
		lines = append(lines, data.Row{"item": it.Item, "unit": it.Unit, "price": data.Yuan(it.Price), "qty": row["qty"], "amount": data.Yuan(amount),
			"date": done.In(data.Shanghai).Format(data.LayoutDate)})
		if !slices.Contains(scheds, it.Schedule) {
			scheds = append(scheds, it.Schedule)
		}
	}
	if c.Record.Tables == nil {
		c.Record.Tables = map[string][]data.Row{}
	}
	c.Record.Tables["charges"] = lines
	v["paid"], v["fee"], v["schedule"] = "是", data.Yuan(total), strings.Join(scheds, "、")
}

// serviceFlow is the life of a service order taken at the time in the field received, whose agreed
// visit is in the field appt.
func serviceFlow(received, appt string) *data.Flow {
	return &data.Flow{
		States: []data.State{
			{Key: "accepted", Name: "待派工", Open: true, Who: data.Who{Perm: data.PermRecordWrite}},
			{Key: "dispatched", Name: "已派工", Open: true, Who: data.Who{Field: "worker", Perm: data.PermRecordWrite}},
			{Key: "done", Name: "待回访", Open: true, Who: data.Who{Perm: data.PermRecordWrite}},
			{Key: "closed", Name: "已关闭"},
		},
		Initial:   "accepted",
		StepsOnly: true,
		Steps: []data.Step{
			{Key: "dispatch", Name: "派工", From: []string{"accepted"}, To: "dispatched", Perm: data.PermRecordWrite, At: "dispatched_at",
				Fields: []data.Field{{Key: "worker", Label: "服务人员", Type: data.TypePerson, Required: true, Samples: data.SampleNames}}},
			{Key: "complete", Name: "完工", From: []string{"dispatched"}, To: "done", Perm: data.PermRecordWrite,
				Hint:      "有偿项目从现行《收费价格一览表》中选择，金额由程序按单价计算；无偿服务不填有偿项目。",
				FieldsFor: chargeFields, Check: priceCharges(received), Apply: applyCharges},
			{Key: "revisit", Name: "回访", From: []string{"done"}, To: "closed", Perm: data.PermRecordWrite, By: "revisit_by",
				Hint: "完工后2个工作日内回访。业户不满意的，退回服务人员返工。",
				Fields: []data.Field{
					{Key: "revisit_time", Label: "回访时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow},
					{Key: "satisfaction", Label: "满意度", Type: data.TypeChoice, Required: true, Choices: satisfactions},
					{Key: "revisit", Label: "业户意见", Type: data.TypeText, Max: 100, Samples: []string{"业主满意", "已修好，无异常"}},
				},
				Check: func(c *data.StepContext) error {
					t, err := data.NotAfterNow(c, "revisit_time", "回访时间")
					if err != nil {
						return err
					}
					if done, ok := data.ParseLocal(data.TypeDateTime, c.Record.Values["done_time"]); ok && t.Before(done) {
						return data.FieldErrors{"revisit_time": "回访时间不能早于完工时间"}
					}
					return nil
				},
				Apply: func(c *data.StepContext) {
					if c.Values.Get("satisfaction") == Unsatisfied {
						data.AppendLog(c.Record, "rework", fmt.Sprintf("%s 回访不满意（%s），返工", c.Values.Get("revisit_time"), c.Values.Get("revisit")))
						c.Record.Life["rework_at"] = c.Values.Get("revisit_time")
						for _, k := range []string{"done_time", "revisit_time", "revisit_by", "satisfaction", "revisit"} {
							delete(c.Record.Values, k)
						}
						return
					}
					c.Record.Values["closed_time"] = c.Values.Get("revisit_time")
				},
				Next: func(c *data.StepContext) string {
					if c.Values.Get("satisfaction") == Unsatisfied {
						return "dispatched"
					}
					return "closed"
				}},
		},
		Clocks: []data.Clock{
			{States: []string{"accepted"}, Label: "约定上门", From: appt},
			{States: []string{"done"}, Label: "回访", From: "done_time", WorkingDays: DefaultRevisitWorkingDays, Setting: SettingRevisitWorkingDays},
		},
		// Orders recorded before the form had a life: where their typed status stands.
		Derive: func(r *data.Record) string {
			v := r.Values
			switch {
			case v["status"] == "已回访" || v["revisit"] != "":
				return "closed"
			case v["status"] == "已完成":
				return "done"
			case v["status"] == "已派工":
				return "dispatched"
			case v["status"] == "" && v["fee"] != "":
				return "closed" // a 清洁服务委托单 of before: typed once, its fee with it
			}
			return "accepted"
		},
		OpenFilter: "只看未关闭",
		Handover:   true,
	}
}

// serviceLife are the fields a service order's life records, printed on the order.
var serviceLife = []data.Field{
	{Key: "worker", Label: "服务人员", Type: data.TypePerson, Auto: true},
	{Key: "done_time", Label: "完工时间", Type: data.TypeDateTime, Auto: true},
	{Key: "charges", Label: "有偿项目", Type: data.TypeTable, Auto: true, Columns: []data.Field{
		{Key: "item", Label: "收费项目", Type: data.TypeText}, {Key: "unit", Label: "单位", Type: data.TypeText},
		{Key: "price", Label: "单价（元）", Type: data.TypeMoney}, {Key: "qty", Label: "数量", Type: data.TypeInt}, {Key: "amount", Label: "金额（元）", Type: data.TypeMoney},
		{Key: "date", Label: "计费日期", Type: data.TypeDate},
	}},
	{Key: "paid", Label: "是否有偿", Type: data.TypeBool, Auto: true},
	{Key: "fee", Label: "收费金额（元）", Type: data.TypeMoney, Auto: true},
	{Key: "schedule", Label: "计价依据（价目表编号）", Type: data.TypeText, Auto: true},
	{Key: "rework", Label: "返工记录", Type: data.TypeMultiline, Auto: true},
	{Key: "revisit_time", Label: "回访时间", Type: data.TypeDateTime, Auto: true},
	{Key: "revisit_by", Label: "回访人", Type: data.TypePerson, Auto: true},
	{Key: "satisfaction", Label: "满意度", Type: data.TypeChoice, Choices: satisfactions, Auto: true},
	{Key: "revisit", Label: "回访情况", Type: data.TypeText, Auto: true},
	{Key: "closed_time", Label: "关闭时间", Type: data.TypeDateTime, Auto: true},
}

// The fee schedule's life: drafted → approved by the manager; an approved schedule is fixed (a change
// of price is a new version with its own effective date).
var feesFlow = &data.Flow{
	States: []data.State{
		{Key: "draft", Name: "待经理批准", Open: true, Who: data.Who{Perm: data.PermApproveFees}},
		{Key: "approved", Name: "已批准", Fixed: true},
	},
	Initial:   "draft",
	StepsOnly: true,
	// Whoever drew the schedule up does not approve it (D8).
	Steps: []data.Step{{Key: "approve", Name: "经理批准", Decides: true, From: []string{"draft"}, To: "approved", Perm: data.PermApproveFees, By: "approved_by", At: "approved_at",
		NotBy: []string{data.Maker}, Hint: "批准后价目表不能再修改；自执行日期起用于计价。"}},
	Derive: func(r *data.Record) string {
		if r.Values["approved_by"] != "" {
			return "approved" // approved on paper before the schedule had a life
		}
		return "draft"
	},
	OpenFilter: "只看待批准",
}
