package service

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// The month's records the rules ask for that are worked out, not typed: 《部门客户投诉工作月报》 (R10.2)
// from the month's complaints and service orders, and 《接受服务业户名单》 (R3.1, R5.2) from the orders
// completed in a month. Both compute when saved; the supervisor adds the analysis and signs the report.

// monthOf is the month a report covers: [from, to) in the desk's zone; a month not yet begun has
// nothing to report.
func monthOf(in *data.Input, now time.Time) (from, to time.Time, err error) {
	m, ok := data.ParseLocal(data.TypeMonth, in.Get("month"))
	if !ok {
		return from, to, data.FieldErrors{"month": "请填写月份"}
	}
	if m.After(now) {
		return from, to, data.FieldErrors{"month": "这个月还没有开始，不能统计"}
	}
	return m, m.AddDate(0, 1, 0), nil
}

// orderWindow is the span of order dates an order completed in [from, to) can have: taken at most a
// year before its completion, its agreed time at most half a year after it was taken.
func orderWindow(from, to time.Time) (time.Time, time.Time) {
	return from.AddDate(-1, 0, 0), to.AddDate(0, 6, 0)
}

// ComplaintMonth is what the month report says of a month's complaints.
type ComplaintMonth struct {
	Total, Valid, Invalid            int
	ValidTimely, InvalidTimely       int
	ValidDue, InvalidDue             int // answered, or past the reply time: what the rates count
	ValidRevisited                   int
	Satisfied, Basic, Unsatisfied    int
	OpenAtEnd, Closed                int
	ByChannel, ByCategory, ByUrgency map[string]int
	Late                             []data.Row // serial, received, replied, took
	PaidItems                        []data.Row // item, qty, amount
	PaidTotal                        int64
	replyHours                       int
}

// CountComplaints works out the month's figures from its complaints (received in [from, to)), as they
// stood at the end of the month, or at now if the month is not over. Replies count as within the
// clock when given within the reply hours of receipt; a complaint not answered by then is late too.
func CountComplaints(recs []*data.Record, from, to, now time.Time, replyHours int) ComplaintMonth {
	cm := ComplaintMonth{ByChannel: map[string]int{}, ByCategory: map[string]int{}, ByUrgency: map[string]int{}, replyHours: replyHours}
	end := to
	if now.Before(end) {
		end = now
	}
	limit := time.Duration(replyHours) * time.Hour
	for _, r := range recs {
		v := r.Values
		cm.Total++
		cm.ByChannel[v["channel"]]++
		cm.ByCategory[v["category"]]++
		cm.ByUrgency[v["urgency"]]++
		valid := v["validity"] != ComplaintInvalid // one not yet decided is handled as valid
		if valid {
			cm.Valid++
		} else {
			cm.Invalid++
		}
		recv, _ := data.ParseLocal(data.TypeDateTime, v["received"])
		replied, took, ok := ComplaintReply(r)
		if ok || end.Sub(recv) > limit {
			if valid {
				cm.ValidDue++
			} else {
				cm.InvalidDue++
			}
		}
		switch {
		case ok && took <= limit:
			if valid {
				cm.ValidTimely++
			} else {
				cm.InvalidTimely++
			}
		case ok:
			cm.Late = append(cm.Late, data.Row{"no": r.Serial, "received": v["received"], "replied": v["reply_time"], "took": durationText(replied.Sub(recv))})
		case end.Sub(recv) > limit:
			cm.Late = append(cm.Late, data.Row{"no": r.Serial, "received": v["received"], "replied": "未答复", "took": "超过" + durationText(end.Sub(recv))})
		}
		revisited := v["revisit"] != "" && v["revisit_time"] == "" // revisited before the form had a life
		if t, ok := data.ParseLocal(data.TypeDateTime, v["revisit_time"]); ok && t.Before(now) {
			revisited = true
		}
		if revisited && valid {
			cm.ValidRevisited++
		}
		switch sat := v["satisfaction"]; {
		case !revisited:
		case sat == "满意":
			cm.Satisfied++
		case sat == "基本满意":
			cm.Basic++
		case sat == Unsatisfied:
			cm.Unsatisfied++
		}
		closed, ok := data.ParseLocal(data.TypeDateTime, v["closed_time"])
		if !ok && (v["status"] == "已关闭" || v["status"] == "已回访") {
			closed, ok = recv, true // closed before the form had a life
		}
		if ok && closed.Before(end) {
			cm.Closed++
		} else {
			cm.OpenAtEnd++
		}
	}
	return cm
}

// AddPaid adds the paid items of service orders completed in [from, to) to the report.
func (cm *ComplaintMonth) AddPaid(orders []*data.Record, from, to time.Time) {
	qty := map[string]int64{}
	amount := map[string]int64{}
	for _, r := range orders {
		done, ok := data.ParseLocal(data.TypeDateTime, r.Values["done_time"])
		for _, row := range r.Tables["charges"] {
			// A line is counted in the month it was charged (a rework completed later keeps the
			// first completion's charge where it was).
			at, dated := data.ParseLocal(data.TypeDate, row["date"])
			if !dated {
				at, dated = done, ok
			}
			if !dated || at.Before(from) || !at.Before(to) {
				continue
			}
			n, _ := strconv.ParseInt(row["qty"], 10, 64)
			fen, _ := data.ParseFen(row["amount"])
			qty[row["item"]] += n
			amount[row["item"]] += fen
			cm.PaidTotal += fen
		}
	}
	for _, item := range sortedKeys64(amount) {
		cm.PaidItems = append(cm.PaidItems, data.Row{"item": item, "qty": strconv.FormatInt(qty[item], 10), "amount": data.Yuan(amount[item])})
	}
}

func sortedKeys64(m map[string]int64) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Fill writes the figures into the report's fields.
func (cm ComplaintMonth) Fill(in *data.Input) {
	v := in.Values
	itoa := strconv.Itoa
	v["total"], v["valid"], v["invalid"] = itoa(cm.Total), itoa(cm.Valid), itoa(cm.Invalid)
	v["timely"] = itoa(cm.ValidTimely + cm.InvalidTimely)
	v["valid_timely"] = fmt.Sprintf("%d（%s）", cm.ValidTimely, data.PercentOf(cm.ValidTimely, cm.ValidDue))
	v["invalid_timely"] = fmt.Sprintf("%d（%s）", cm.InvalidTimely, data.PercentOf(cm.InvalidTimely, cm.InvalidDue))
	v["valid_revisited"] = itoa(cm.ValidRevisited)
	v["revisit_rate"] = data.PercentOf(cm.ValidRevisited, cm.Valid)
	v["satisfaction"] = fmt.Sprintf("满意 %d，基本满意 %d，不满意 %d", cm.Satisfied, cm.Basic, cm.Unsatisfied)
	v["closed"], v["open_end"] = itoa(cm.Closed), itoa(cm.OpenAtEnd)
	v["paid_total"] = data.Yuan(cm.PaidTotal)
	v["reply_hours"] = itoa(cm.replyHours)
	var rows []data.Row
	add := func(dim string, choices []string, m map[string]int) {
		for _, c := range choices {
			if m[c] > 0 {
				rows = append(rows, data.Row{"dim": dim, "item": c, "count": itoa(m[c])})
			}
		}
	}
	add("投诉方式", complaintChannels, cm.ByChannel)
	add("投诉类别", complaintCategories, cm.ByCategory)
	add("轻重缓急", data.Urgency, cm.ByUrgency)
	setTable(in, "breakdown", rows)
	setTable(in, "late", cm.Late)
	setTable(in, "paid_items", cm.PaidItems)
}

func setTable(in *data.Input, key string, rows []data.Row) {
	if len(rows) == 0 {
		delete(in.Tables, key)
		return
	}
	in.Tables[key] = rows
}

// serviceKinds are the forms whose orders are services to households.
var serviceKinds = []string{"repair", "cleaning"}

// computeComplaintMonth fills the month report from the store.
func computeComplaintMonth(env data.Env, in *data.Input, now time.Time) error {
	if in.Values["total"] != "" && in.Values["computed_at"] == "" {
		return nil // a report typed before reports were computed keeps its figures
	}
	from, to, err := monthOf(in, now)
	if err != nil {
		return err
	}
	recs, err := env.Records(FormComplaint.Key, from, to)
	if err != nil {
		return err
	}
	cm := CountComplaints(recs, from, to, now, ReplyHours(env))
	for _, kind := range serviceKinds {
		lo, hi := orderWindow(from, to)
		orders, err := env.Records(kind, lo, hi)
		if err != nil {
			return err
		}
		cm.AddPaid(orders, from, to)
	}
	cm.Fill(in)
	in.Values["computed_at"] = data.Stamp(now)
	return nil
}

// FormComplaintMonthly declares 《部门客户投诉工作月报》.
var FormComplaintMonthly = &data.Form{
	Pack:     data.PackRecord,
	Measures: complaintReportMeasures,
	Key:      "complaint_month", Name: "部门客户投诉工作月报", Short: "投诉月报", Prefix: "YB", Group: data.GroupService, Rule: "R10.2",
	DateKey: "month", Retention: "3年", Compute: computeComplaintMonth,
	Signatures:  []string{"编制人", "客户服务主管", "物业服务中心经理"},
	ListColumns: []string{"month", "total", "valid", "timely", "revisit_rate"},
	Fields: []data.Field{
		{Key: "month", Label: "月份", Type: data.TypeMonth, Required: true, Default: data.DefaultMonth, Hint: "保存时按本月投诉记录自动统计"},
		{Key: "total", Label: "投诉总数", Type: data.TypeInt, Auto: true},
		{Key: "valid", Label: "有效投诉", Type: data.TypeInt, Auto: true},
		{Key: "invalid", Label: "无效投诉", Type: data.TypeInt, Auto: true},
		{Key: "reply_hours", Label: "答复时限（小时）", Type: data.TypeInt, Auto: true},
		{Key: "timely", Label: "时限内答复", Type: data.TypeInt, Auto: true},
		{Key: "valid_timely", Label: "有效投诉时限内答复（率）", Type: data.TypeText, Auto: true},
		{Key: "invalid_timely", Label: "无效投诉时限内答复（率）", Type: data.TypeText, Auto: true},
		{Key: "valid_revisited", Label: "有效投诉已回访", Type: data.TypeInt, Auto: true},
		{Key: "revisit_rate", Label: "回访率（本月受理的有效投诉，目标100%）", Type: data.TypeText, Auto: true},
		{Key: "satisfaction", Label: "回访满意度", Type: data.TypeText, Auto: true},
		{Key: "closed", Label: "月末已关闭", Type: data.TypeInt, Auto: true},
		{Key: "open_end", Label: "月末未关闭", Type: data.TypeInt, Auto: true},
		{Key: "breakdown", Label: "分类统计", Type: data.TypeTable, Auto: true, Columns: []data.Field{
			{Key: "dim", Label: "统计项", Type: data.TypeText}, {Key: "item", Label: "分类", Type: data.TypeText}, {Key: "count", Label: "件数", Type: data.TypeInt}}},
		{Key: "late", Label: "超时答复明细", Type: data.TypeTable, Auto: true, Columns: []data.Field{
			{Key: "no", Label: "编号", Type: data.TypeText}, {Key: "received", Label: "接报时间", Type: data.TypeDateTime},
			{Key: "replied", Label: "答复时间", Type: data.TypeText}, {Key: "took", Label: "用时", Type: data.TypeText}}},
		{Key: "paid_items", Label: "有偿服务收费（按项目）", Type: data.TypeTable, Auto: true, Columns: []data.Field{
			{Key: "item", Label: "收费项目", Type: data.TypeText}, {Key: "qty", Label: "数量", Type: data.TypeInt}, {Key: "amount", Label: "金额（元）", Type: data.TypeMoney}}},
		{Key: "paid_total", Label: "有偿服务收费合计（元）", Type: data.TypeMoney, Auto: true},
		{Key: "analysis", Label: "分析与改进措施", Type: data.TypeMultiline, Max: 2000, Samples: []string{"本月投诉以装修噪音为主，已加强装修巡查并张贴施工时间告示。"},
			Hint: "由客户服务主管填写，签字前须填写"},
		{Key: "author", Label: "编制人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
		{Key: "computed_at", Label: "统计时间", Type: data.TypeDateTime, Auto: true},
		{Key: "signed_by", Label: "客户服务主管签字", Type: data.TypePerson, Auto: true},
		{Key: "signed_at", Label: "签字时间", Type: data.TypeDateTime, Auto: true},
	},
	Flow: &data.Flow{
		States: []data.State{
			{Key: "draft", Name: "待主管签字", Open: true, Who: data.Who{Perm: data.PermSignReport}},
			{Key: "signed", Name: "已签字", Fixed: true},
		},
		Initial:   "draft",
		StepsOnly: true,
		Steps: []data.Step{{Key: "sign", Name: "主管签字", From: []string{"draft"}, To: "signed", Perm: data.PermSignReport, By: "signed_by", At: "signed_at",
			Check: func(c *data.StepContext) error {
				if m, ok := data.ParseLocal(data.TypeMonth, c.Record.Values["month"]); ok && c.Now.Before(m.AddDate(0, 1, 0)) {
					return data.FieldErrors{"month": "这个月还没有结束：月末以后重新统计并签字"}
				}
				if c.Record.Values["analysis"] == "" {
					return data.FieldErrors{"analysis": "请先填写“分析与改进措施”并保存，再签字"}
				}
				return nil
			}}},
		// Reports typed before they were computed were signed on paper.
		Derive: func(r *data.Record) string { return "signed" },
	},
}

// computeServed lists the households served in the month: every order completed in it, with its
// revisit, then the services given without an order, typed by hand and marked so.
func computeServed(env data.Env, in *data.Input, now time.Time) error {
	if in.Values["service_date"] != "" {
		return data.FieldErrors{"month": "这是按户逐条登记的旧名单，不能改为月度名单；如需更正请作废后新建"}
	}
	from, to, err := monthOf(in, now)
	if err != nil {
		return err
	}
	var rows []data.Row
	for _, kind := range serviceKinds {
		f, _ := data.FormByKey(kind)
		lo, hi := orderWindow(from, to)
		orders, err := env.Records(kind, lo, hi)
		if err != nil {
			return err
		}
		for _, r := range orders {
			v := r.Values
			done, ok := data.ParseLocal(data.TypeDateTime, v["done_time"])
			if !ok || done.Before(from) || !done.Before(to) {
				continue
			}
			service := strings.TrimSuffix(f.Name, "单") + "：" + v["category"] + v["service"]
			if d := v["description"]; d != "" {
				service = strings.TrimSuffix(f.Name, "单") + "：" + d
			}
			revisit := ""
			if t, ok := data.ParseLocal(data.TypeDateTime, v["revisit_time"]); ok {
				revisit = t.Format(data.LayoutDate)
			}
			rows = append(rows, data.Row{"source": r.Serial, "unit": v["unit"], "name": v["contact"], "phone": v["phone"], "service": service,
				"date": done.Format(data.LayoutDate), "revisit_date": revisit, "satisfaction": v["satisfaction"]})
		}
	}
	// The services without an order stay in their own table, marked 手工补录, and count with the rest.
	sort.SliceStable(rows, func(i, j int) bool { return rows[i]["date"] < rows[j]["date"] })
	setTable(in, "rows", rows)
	in.Values["count"] = strconv.Itoa(len(rows) + len(in.Tables["manual"]))
	in.Values["computed_at"] = data.Stamp(now)
	return nil
}

// formServedHouseholds declares 《接受服务业户名单》.
var formServedHouseholds = &data.Form{
	Key: "served", Name: "接受服务业户名单", Short: "服务业户", Prefix: "FW", Group: data.GroupService, Rule: "R3.1 R5.2",
	DateKey: "month", DateKeyWas: "service_date", Retention: "3年", Compute: computeServed,
	ListColumns: []string{"month", "count", "clerk", "unit", "service"},
	Fields: []data.Field{
		{Key: "month", Label: "月份", Type: data.TypeMonth, Required: true, Default: data.DefaultMonth, Hint: "保存时按本月完工的维修单、清洁服务委托单生成名单"},
		{Key: "manual", Label: "无工单的服务（手工补录）", Type: data.TypeTable, Max: 200, Columns: []data.Field{
			{Key: "unit", Label: "房号", Type: data.TypeUnit, Required: true},
			{Key: "name", Label: "业户姓名", Type: data.TypePerson, Required: true, Samples: data.SampleNames},
			{Key: "phone", Label: "联系电话", Type: data.TypePhone},
			{Key: "service", Label: "服务内容", Type: data.TypeText, Required: true, Max: 50, Samples: []string{"代收快递", "借用工具", "协助搬运"}},
			{Key: "service_date", Label: "服务日期", Type: data.TypeDate, Required: true},
			{Key: "revisit_date", Label: "回访日期", Type: data.TypeDate},
			{Key: "satisfaction", Label: "满意度", Type: data.TypeChoice, Choices: satisfactions},
		}},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
		{Key: "count", Label: "服务户次", Type: data.TypeInt, Auto: true},
		{Key: "rows", Label: "接受服务业户", Type: data.TypeTable, Auto: true, Columns: []data.Field{
			{Key: "source", Label: "工单编号", Type: data.TypeText}, {Key: "unit", Label: "房号", Type: data.TypeUnit},
			{Key: "name", Label: "业户", Type: data.TypePerson}, {Key: "phone", Label: "电话", Type: data.TypePhone},
			{Key: "service", Label: "服务内容", Type: data.TypeText}, {Key: "date", Label: "完成日期", Type: data.TypeDate},
			{Key: "revisit_date", Label: "回访日期", Type: data.TypeDate}, {Key: "satisfaction", Label: "满意度", Type: data.TypeText}}},
		{Key: "computed_at", Label: "生成时间", Type: data.TypeDateTime, Auto: true},
		// One household a record, typed by hand before the list was generated from the orders.
		{Key: "unit", Label: "房号", Type: data.TypeUnit, Auto: true, Search: true},
		{Key: "name", Label: "业户姓名", Type: data.TypePerson, Auto: true, Search: true},
		{Key: "phone", Label: "联系电话", Type: data.TypePhone, Auto: true, Search: true},
		{Key: "service", Label: "服务内容", Type: data.TypeText, Auto: true},
		{Key: "service_date", Label: "服务完成日期", Type: data.TypeDate, Auto: true},
		{Key: "revisit_date", Label: "回访日期", Type: data.TypeDate, Auto: true},
		{Key: "satisfaction", Label: "满意度", Type: data.TypeText, Auto: true},
	},
	Check: func(in data.Input) data.FieldErrors {
		errs := data.FieldErrors{}
		month, okm := data.ParseLocal(data.TypeMonth, in.Get("month"))
		for i, m := range in.Tables["manual"] {
			s, ok1 := data.ParseLocal(data.TypeDate, m["service_date"])
			r, ok2 := data.ParseLocal(data.TypeDate, m["revisit_date"])
			switch {
			case okm && ok1 && (s.Before(month) || !s.Before(month.AddDate(0, 1, 0))):
				errs[data.RowKey("manual", i, "service_date")] = fmt.Sprintf("第%d行 服务日期不在名单的月份（%s）内", i+1, month.Format(data.LayoutMonth))
			case ok1 && ok2 && r.Before(s):
				errs[data.RowKey("manual", i, "revisit_date")] = fmt.Sprintf("第%d行 回访日期不能早于服务日期", i+1)
			case m["satisfaction"] != "" && !ok2:
				errs[data.RowKey("manual", i, "revisit_date")] = fmt.Sprintf("第%d行 有满意度的，请填写回访日期", i+1)
			}
		}
		return errs
	},
}
