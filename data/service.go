package data

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
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
func FeesAt(env Env, t time.Time) (map[string]FeeItem, error) {
	items, _, err := feesInForce(env, t)
	return items, err
}

// feesInForce is FeesAt with the items' names in the order the schedules list them.
func feesInForce(env Env, t time.Time) (map[string]FeeItem, []string, error) {
	day := t.In(Shanghai)
	end := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, Shanghai)
	recs, err := env.Records(feeKind, time.Time{}, end)
	if err != nil {
		return nil, nil, err
	}
	latest := map[string]*Record{}
	for _, r := range recs {
		if formFees.State(r).Key != "approved" {
			continue
		}
		title := r.Values["title"]
		if old := latest[title]; old == nil || old.Values["effective"] <= r.Values["effective"] {
			latest[title] = r
		}
	}
	var scheds []*Record
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
			fen, _ := parseFen(row["price"])
			if _, dup := out[row["item"]]; !dup {
				order = append(order, row["item"])
			}
			out[row["item"]] = FeeItem{Item: row["item"], Unit: row["unit"], Note: row["note"], Price: fen, Schedule: r.Serial}
		}
	}
	return out, order, nil
}

// parseFen reads a money value (yuan, at most two decimals) as fen.
func parseFen(v string) (int64, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	yuan, frac, _ := strings.Cut(v, ".")
	y, err := strconv.ParseInt(yuan, 10, 64)
	if err != nil {
		return 0, false
	}
	frac = (frac + "00")[:2]
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, false
	}
	return y*100 + f, true
}

// Yuan writes fen as a money value: 1250 → 12.50.
func Yuan(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }

// chargeFields are the fields of the completion step: the fee items offered are those of the schedules
// in force now.
func chargeFields(env Env, _ *Record, now time.Time) []Field {
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
	item := Field{Key: "item", Label: "收费项目", Type: TypeChoice, Required: true, Choices: choices}
	if len(items) == 0 {
		// Nothing to pick from: what is typed is refused by the step's rule, which says why.
		item.Type, item.Max = TypeText, 30
	}
	var prices []string
	for _, name := range order {
		it := items[name]
		prices = append(prices, fmt.Sprintf("%s %s元/%s", name, Yuan(it.Price), it.Unit))
	}
	hint := "现行价格：" + strings.Join(prices, "；")
	if len(prices) == 0 {
		hint = "现在没有经经理批准的《收费价格一览表》：只能登记无偿服务。"
	}
	return []Field{
		{Key: "done_time", Label: "完工时间", Type: TypeDateTime, Required: true, Default: DefaultNow},
		{Key: "charges", Label: "有偿项目（按《收费价格一览表》；无偿服务不填）", Type: TypeTable, Max: 20, Hint: hint, Columns: []Field{
			item,
			{Key: "qty", Label: "数量", Type: TypeInt, Required: true, Min: 1, Max: 999, Default: "1"},
		}},
	}
}

// priceCharges checks the completion's items against the schedules in force at the completion and
// records the priced lines, the fee and whether the service was paid.
func priceCharges(received string) func(c *StepContext) error {
	return func(c *StepContext) error { return checkCharges(c, received) }
}

func checkCharges(c *StepContext, received string) error {
	done, err := notAfterNow(c, "done_time", "完工时间")
	if err != nil {
		return err
	}
	start, ok := ParseLocal(TypeDateTime, c.Record.Values[received])
	switch {
	case ok && done.Before(start):
		return FieldErrors{"done_time": "完工时间不能早于受理时间"}
	case ok && done.After(start.AddDate(1, 0, 0)):
		return FieldErrors{"done_time": "完工时间距受理已超过一年，请核对；确属如此的，请作废本单后重新受理"}
	}
	for key, what := range map[string]string{"dispatched_at": "派工", "rework_at": "回访不满意退回返工"} {
		if t, ok := ParseLocal(TypeDateTime, c.Record.Life[key]); ok && done.Before(t.Truncate(time.Minute)) {
			return FieldErrors{"done_time": "完工时间不能早于" + what + "时间（" + t.In(Shanghai).Format(LayoutDateTime) + "）"}
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
		return FieldErrors{"charges": "没有经经理批准、在完工日已执行的《收费价格一览表》，不能计价"}
	}
	var total int64
	for _, l := range c.Before.Tables["charges"] {
		fen, _ := parseFen(l["amount"])
		total += fen
	}
	for i, row := range rows {
		it, ok := items[row["item"]]
		if !ok {
			return FieldErrors{RowKey("charges", i, "item"): fmt.Sprintf("第%d行 “%s”不在完工日执行的《收费价格一览表》中", i+1, row["item"])}
		}
		qty, _ := strconv.ParseInt(row["qty"], 10, 64)
		total += it.Price * qty
	}
	if total > maxFee {
		return FieldErrors{"charges": "收费合计超过一亿元，请核对数量"}
	}
	return nil
}

// maxFee is the largest fee an order may come to, in fen: what a money field holds.
const maxFee = 99999999_99

// recentFeeItems are the items of the approved schedules effective in the year before now.
func recentFeeItems(env Env, now time.Time) []string {
	recs, err := env.Records(feeKind, now.AddDate(-1, 0, 0), now.AddDate(0, 0, 1))
	if err != nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for i := len(recs) - 1; i >= 0; i-- {
		if formFees.State(recs[i]).Key != "approved" {
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
func uniqueFeeItems(in Input) FieldErrors {
	seen := map[string]int{}
	for i, row := range in.Tables["items"] {
		name := row["item"]
		if j, dup := seen[name]; dup {
			return FieldErrors{RowKey("items", i, "item"): fmt.Sprintf("第%d行 “%s”与第%d行重复：一个项目只能有一个价格", i+1, name, j+1)}
		}
		seen[name] = i
	}
	return nil
}

// applyCharges writes the priced lines (the prices of the day, kept with the order) and the fee.
// A completion after a rework adds its items to what was charged the first time.
func applyCharges(c *StepContext) {
	rows := c.Values.Tables["charges"]
	v := c.Record.Values
	before := c.Before.Tables["charges"]
	if len(rows) == 0 && len(before) == 0 {
		v["paid"], v["fee"] = "否", "0.00"
		delete(c.Record.Tables, "charges")
		return
	}
	done, _ := ParseLocal(TypeDateTime, c.Values.Get("done_time"))
	items, _ := FeesAt(c.Env, done)
	var total int64
	lines := append([]Row(nil), before...)
	var scheds []string
	if v["schedule"] != "" && len(before) > 0 {
		scheds = strings.Split(v["schedule"], "、")
	}
	for _, l := range before {
		fen, _ := parseFen(l["amount"])
		total += fen
	}
	for _, row := range rows {
		it := items[row["item"]]
		qty, _ := strconv.ParseInt(row["qty"], 10, 64)
		amount := it.Price * qty
		total += amount
		lines = append(lines, Row{"item": it.Item, "unit": it.Unit, "price": Yuan(it.Price), "qty": row["qty"], "amount": Yuan(amount),
			"date": done.In(Shanghai).Format(LayoutDate)})
		if !slices.Contains(scheds, it.Schedule) {
			scheds = append(scheds, it.Schedule)
		}
	}
	if c.Record.Tables == nil {
		c.Record.Tables = map[string][]Row{}
	}
	c.Record.Tables["charges"] = lines
	v["paid"], v["fee"], v["schedule"] = "是", Yuan(total), strings.Join(scheds, "、")
}

// serviceFlow is the life of a service order taken at the time in the field received, whose agreed
// visit is in the field appt.
func serviceFlow(received, appt string) *Flow {
	return &Flow{
		States: []State{
			{Key: "accepted", Name: "待派工", Open: true, Who: Who{Perm: PermRecordWrite}},
			{Key: "dispatched", Name: "已派工", Open: true, Who: Who{Field: "worker", Perm: PermRecordWrite}},
			{Key: "done", Name: "待回访", Open: true, Who: Who{Perm: PermRecordWrite}},
			{Key: "closed", Name: "已关闭"},
		},
		Initial:   "accepted",
		StepsOnly: true,
		Steps: []Step{
			{Key: "dispatch", Name: "派工", From: []string{"accepted"}, To: "dispatched", Perm: PermRecordWrite, At: "dispatched_at",
				Fields: []Field{{Key: "worker", Label: "服务人员", Type: TypePerson, Required: true, Samples: sampleNames}}},
			{Key: "complete", Name: "完工", From: []string{"dispatched"}, To: "done", Perm: PermRecordWrite,
				Hint:      "有偿项目从现行《收费价格一览表》中选择，金额由程序按单价计算；无偿服务不填有偿项目。",
				FieldsFor: chargeFields, Check: priceCharges(received), Apply: applyCharges},
			{Key: "revisit", Name: "回访", From: []string{"done"}, To: "closed", Perm: PermRecordWrite, By: "revisit_by",
				Hint: "完工后2个工作日内回访。业户不满意的，退回服务人员返工。",
				Fields: []Field{
					{Key: "revisit_time", Label: "回访时间", Type: TypeDateTime, Required: true, Default: DefaultNow},
					{Key: "satisfaction", Label: "满意度", Type: TypeChoice, Required: true, Choices: satisfactions},
					{Key: "revisit", Label: "业户意见", Type: TypeText, Max: 100, Samples: []string{"业主满意", "已修好，无异常"}},
				},
				Check: func(c *StepContext) error {
					t, err := notAfterNow(c, "revisit_time", "回访时间")
					if err != nil {
						return err
					}
					if done, ok := ParseLocal(TypeDateTime, c.Record.Values["done_time"]); ok && t.Before(done) {
						return FieldErrors{"revisit_time": "回访时间不能早于完工时间"}
					}
					return nil
				},
				Apply: func(c *StepContext) {
					if c.Values.Get("satisfaction") == Unsatisfied {
						appendLog(c.Record, "rework", fmt.Sprintf("%s 回访不满意（%s），返工", c.Values.Get("revisit_time"), c.Values.Get("revisit")))
						c.Record.Life["rework_at"] = c.Values.Get("revisit_time")
						for _, k := range []string{"done_time", "revisit_time", "revisit_by", "satisfaction", "revisit"} {
							delete(c.Record.Values, k)
						}
						return
					}
					c.Record.Values["closed_time"] = c.Values.Get("revisit_time")
				},
				Next: func(c *StepContext) string {
					if c.Values.Get("satisfaction") == Unsatisfied {
						return "dispatched"
					}
					return "closed"
				}},
		},
		Clocks: []Clock{
			{States: []string{"accepted"}, Label: "约定上门", From: appt},
			{States: []string{"done"}, Label: "回访", From: "done_time", WorkingDays: DefaultRevisitWorkingDays, Setting: SettingRevisitWorkingDays},
		},
		// Orders recorded before the form had a life: where their typed status stands.
		Derive: func(r *Record) string {
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
var serviceLife = []Field{
	{Key: "worker", Label: "服务人员", Type: TypePerson, Auto: true},
	{Key: "done_time", Label: "完工时间", Type: TypeDateTime, Auto: true},
	{Key: "charges", Label: "有偿项目", Type: TypeTable, Auto: true, Columns: []Field{
		{Key: "item", Label: "收费项目", Type: TypeText}, {Key: "unit", Label: "单位", Type: TypeText},
		{Key: "price", Label: "单价（元）", Type: TypeMoney}, {Key: "qty", Label: "数量", Type: TypeInt}, {Key: "amount", Label: "金额（元）", Type: TypeMoney},
		{Key: "date", Label: "计费日期", Type: TypeDate},
	}},
	{Key: "paid", Label: "是否有偿", Type: TypeBool, Auto: true},
	{Key: "fee", Label: "收费金额（元）", Type: TypeMoney, Auto: true},
	{Key: "schedule", Label: "计价依据（价目表编号）", Type: TypeText, Auto: true},
	{Key: "rework", Label: "返工记录", Type: TypeMultiline, Auto: true},
	{Key: "revisit_time", Label: "回访时间", Type: TypeDateTime, Auto: true},
	{Key: "revisit_by", Label: "回访人", Type: TypePerson, Auto: true},
	{Key: "satisfaction", Label: "满意度", Type: TypeChoice, Choices: satisfactions, Auto: true},
	{Key: "revisit", Label: "回访情况", Type: TypeText, Auto: true},
	{Key: "closed_time", Label: "关闭时间", Type: TypeDateTime, Auto: true},
}

// The fee schedule's life: drafted → approved by the manager; an approved schedule is fixed (a change
// of price is a new version with its own effective date).
var feesFlow = &Flow{
	States: []State{
		{Key: "draft", Name: "待经理批准", Open: true, Who: Who{Perm: PermApproveFees}},
		{Key: "approved", Name: "已批准", Fixed: true},
	},
	Initial:   "draft",
	StepsOnly: true,
	Steps: []Step{{Key: "approve", Name: "经理批准", From: []string{"draft"}, To: "approved", Perm: PermApproveFees, By: "approved_by", At: "approved_at",
		Hint: "批准后价目表不能再修改；自执行日期起用于计价。"}},
	Derive: func(r *Record) string {
		if r.Values["approved_by"] != "" {
			return "approved" // approved on paper before the schedule had a life
		}
		return "draft"
	},
	OpenFilter: "只看待批准",
}

// The life of a 留言条: open until delivered, by the end of the day it was left.
var messageFlow = &Flow{
	States: []State{
		{Key: "pending", Name: "待转达", Open: true, Who: Who{Perm: PermRecordWrite}},
		{Key: "delivered", Name: "已转达"},
	},
	Initial:   "pending",
	StepsOnly: true,
	Steps: []Step{{Key: "deliver", Name: "转达", From: []string{"pending"}, To: "delivered", Perm: PermRecordWrite, By: "delivered_by",
		Fields: []Field{
			{Key: "delivered_time", Label: "转达时间", Type: TypeDateTime, Required: true, Default: DefaultNow},
			{Key: "delivered_way", Label: "转达方式", Type: TypeChoice, Required: true, Choices: []string{"电话", "当面", "短信/微信", "张贴/投递"}},
		},
		Check: func(c *StepContext) error {
			t, err := notAfterNow(c, "delivered_time", "转达时间")
			if err != nil {
				return err
			}
			if left, ok := ParseLocal(TypeDateTime, c.Record.Values["time"]); ok && t.Before(left) {
				return FieldErrors{"delivered_time": "转达时间不能早于留言时间"}
			}
			return nil
		},
		Apply: func(c *StepContext) { c.Record.Values["delivered"] = "是" }}},
	Clocks: []Clock{{States: []string{"pending"}, Label: "转达", From: "time", EndOfDay: true}},
	// Messages left before the form had a life were passed on at the desk; the old 是否已转达 was a
	// box seldom ticked, so it does not make years of messages due.
	Derive:     func(r *Record) string { return "delivered" },
	OpenFilter: "只看待转达",
	Handover:   true,
}

// SettingSpecialAckHours is how long the manager has to acknowledge a special report.
const (
	SettingSpecialAckHours = "special_ack_hours"
	DefaultSpecialAckHours = 24
)

var settingSpecialAckHours = Setting{Key: SettingSpecialAckHours, Label: "特别事项经理批示时限（小时）", Unit: "小时",
	Default: strconv.Itoa(DefaultSpecialAckHours), Min: 1, Max: 72}

// The life of a 特别事项报告: it goes to the manager (D5), who acknowledges it and gives an instruction.
var specialFlow = &Flow{
	States: []State{
		{Key: "pending", Name: "待经理批示", Open: true, Who: Who{Perm: PermMajorMatter}},
		{Key: "acked", Name: "已批示"},
	},
	Initial:   "pending",
	StepsOnly: true,
	Steps: []Step{{Key: "ack", Name: "经理批示", From: []string{"pending"}, To: "acked", Perm: PermMajorMatter, By: "ack_by", At: "ack_at",
		Fields: []Field{{Key: "instruction", Label: "经理批示", Type: TypeMultiline, Required: true, Max: 1000, Samples: []string{"同意处理方案，请工程部明日复查。"}}}}},
	Clocks: []Clock{{States: []string{"pending"}, Label: "经理批示", From: "time", Length: DefaultSpecialAckHours * time.Hour, Setting: SettingSpecialAckHours}},
	// Reports written before the form had a life went to the manager on paper.
	Derive:     func(r *Record) string { return "acked" },
	OpenFilter: "只看待批示",
	Handover:   true,
}
