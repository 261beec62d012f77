package building

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// FormHotWork declares 《动火许可证》.
var FormHotWork = &data.Form{
	Key: "hotwork", Name: "动火许可证", Prefix: "DH", Group: data.GroupConstruction, Rule: "R10.1",
	DateKey: "start", Retention: "长期", Stamp: true, Flow: hotWorkFlow, Rules: checkHotWorkLength,
	Settings:      []data.Setting{settingHotWorkMaxHours},
	Signatures:    []string{"申请人", "审批人", "监火人", "完工检查人"},
	ListColumns:   []string{"unit", "company", "method", "start", "end", "watcher"},
	ScreenColumns: []string{"unit", "company", "start", "end"},
	Fields: []data.Field{
		{Key: "unit", Label: "动火房号", Type: data.TypeUnit, Required: true, Search: true},
		{Key: "company", Label: "施工单位", Type: data.TypeText, Required: true, Max: 50, Search: true, Samples: []string{"鑫家装饰工程有限公司", "恒泰建筑装饰公司"}},
		{Key: "leader", Label: "现场负责人", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames},
		{Key: "leader_phone", Label: "负责人电话", Type: data.TypePhone, Required: true},
		{Key: "location", Label: "动火部位", Type: data.TypeText, Required: true, Max: 50, Samples: []string{"阳台护栏", "厨房燃气管道", "防盗网"}},
		{Key: "content", Label: "作业内容", Type: data.TypeText, Required: true, Max: 100, Samples: []string{"焊接阳台护栏", "切割旧防盗网", "打磨钢结构"}},
		{Key: "method", Label: "动火方式", Type: data.TypeChoice, Required: true, Choices: hotMethods},
		{Key: "workers", Label: "作业人员", Type: data.TypeTable, Required: true, Max: 10, Columns: []data.Field{
			{Key: "name", Label: "姓名", Type: data.TypePerson, Required: true, Samples: data.SampleNames},
			{Key: "cert_no", Label: "特种作业操作证号", Type: data.TypeText, Required: true, Max: 30, Samples: []string{"T440301198805123456", "T440303199001012345"}},
			{Key: "cert_expiry", Label: "证件有效期至", Type: data.TypeDate, Required: true},
		}},
		{Key: "watcher", Label: "监火人", Type: data.TypePerson, Required: true, Samples: data.SampleNames},
		{Key: "extinguishers", Label: "现场灭火器（具）", Type: data.TypeInt, Required: true, Min: 1, Max: 20, Default: "2"},
		{Key: "extinguisher_kg", Label: "灭火器规格（公斤）", Type: data.TypeInt, Required: true, Min: 3, Max: 50, Default: "4"},
		{Key: "cleared", Label: "10米内可燃物已清理", Type: data.TypeBool, Required: true},
		{Key: "cylinders", Label: "气瓶间距≥5米、距动火点≥10米", Type: data.TypeChoice, Required: true, Choices: yesNoNA, Default: "是"},
		{Key: "sparks", Label: "下方及周边已设防火花飞溅措施", Type: data.TypeChoice, Required: true, Choices: yesNoNA, Default: "是"},
		{Key: "isolated", Label: "相关燃气、电源已切断", Type: data.TypeChoice, Required: true, Choices: yesNoNA, Default: "是"},
		{Key: "ppe", Label: "作业人员已穿戴防护用品", Type: data.TypeChoice, Required: true, Choices: yesNoNA, Default: "是"},
		{Key: "start", Label: "动火开始", Type: data.TypeDateTime, Required: true},
		{Key: "end", Label: "动火结束", Type: data.TypeDateTime, Required: true},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
	},
	Check: data.Combine(
		data.EndNotBefore(data.TypeDateTime, "start", "end", "动火结束时间不能早于开始时间"),
		func(in data.Input) data.FieldErrors {
			errs := data.FieldErrors{}
			if in.Get("cleared") != "是" {
				errs["cleared"] = "10米内可燃物未清理，不能动火"
			}
			for _, k := range []string{"cylinders", "sparks", "isolated", "ppe"} {
				if in.Get(k) == "否" {
					errs[k] = "此项未落实，不能动火"
				}
			}
			end, ok := data.ParseLocal(data.TypeDateTime, in.Get("end"))
			seen := map[string]int{}
			for i, w := range in.Tables["workers"] {
				// A worker once: two lines of one certificate are one person written twice.
				cert := strings.ToUpper(strings.TrimSpace(w["cert_no"]))
				if j, twice := seen[cert]; twice && cert != "" {
					errs[data.RowKey("workers", i, "cert_no")] = fmt.Sprintf("第%d行 %s 的证号与第%d行相同：同一作业人员只登记一次", i+1, w["name"], j)
				}
				seen[cert] = i + 1
				exp, ok2 := data.ParseLocal(data.TypeDate, w["cert_expiry"])
				if ok && ok2 && exp.AddDate(0, 0, 1).Before(end) {
					errs[data.RowKey("workers", i, "cert_expiry")] = fmt.Sprintf("第%d行 %s：特种作业操作证在动火期间已过期", i+1, w["name"])
				}
			}
			return errs
		}),
}

// The life of a 动火许可证: application → approved by the engineering/renovation officer (the
// supervisor) → for work outside working hours or on a holiday or rest day, also by the service-centre
// manager → at work → work ended, fire watch → closed after the close-out inspection; or rejected, or
// voided.
const (
	HotApplied  = "申请中"
	HotApproved = "已批准"
	HotWorking  = "作业中"
	HotEnded    = "已完工待检查"
	HotClosed   = "已关闭"
	HotRejected = "已驳回"
	HotVoid     = "作废"
)

// Working hours for hot work; outside them, and on holidays and rest days, the manager approves too.
const (
	HotWorkFrom = 8  // 08:00
	HotWorkTo   = 18 // 18:00
	// FireWatch is how long the fire watch stays after the end of work before the permit may be closed.
	FireWatch = 30 * time.Minute
	// SettingHotWorkMaxHours is the longest a permit may run; DefaultHotWorkMaxHours until the manager sets it.
	SettingHotWorkMaxHours = "hotwork_max_hours"
	DefaultHotWorkMaxHours = 10
)

var settingHotWorkMaxHours = data.Setting{Key: SettingHotWorkMaxHours, Label: "动火许可最长（小时）", Unit: "小时",
	Default: strconv.Itoa(DefaultHotWorkMaxHours), Min: 1, Max: 24}

// HotWorkNeedsManager says why a permit needs the manager's approval too ("" when it does not): work
// before 08:00 or after 18:00, or on a day that is not a working day.
func HotWorkNeedsManager(r *data.Record) string {
	start, ok1 := data.ParseLocal(data.TypeDateTime, r.Values["start"])
	end, ok2 := data.ParseLocal(data.TypeDateTime, r.Values["end"])
	if !ok1 || !ok2 {
		return ""
	}
	for d := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, data.Shanghai); !d.After(end); d = d.AddDate(0, 0, 1) {
		if !data.CalendarKnows(d.Year()) {
			// Without the year's schedule a statutory holiday cannot be told from a working day: the
			// manager decides, and is told why.
			return fmt.Sprintf("%d年的法定节假日安排尚未录入（设置 → 节假日安排），无法确定%s是否为节假日，须经理审批", d.Year(), d.Format("1月2日"))
		}
		if rest, name := data.RestDay(d); rest {
			return "节假日或休息日（" + d.Format("1月2日") + " " + name + "）动火"
		}
	}
	if start.Hour() < HotWorkFrom || end.Hour() > HotWorkTo || (end.Hour() == HotWorkTo && end.Minute() > 0) || end.Day() != start.Day() {
		return fmt.Sprintf("工作时间（%02d:00–%02d:00）以外动火", HotWorkFrom, HotWorkTo)
	}
	return ""
}

// HotWorkStatus is the permit's state now (作业中 once work began, 已完工待检查 past its end).
func HotWorkStatus(r *data.Record, now time.Time) string {
	st := FormHotWork.State(r)
	if st.Key == data.StateVoid {
		return HotVoid
	}
	return showHotWork(r, st, now)
}

func showHotWork(r *data.Record, st data.State, now time.Time) string {
	if st.Key != "approved" {
		return st.Name
	}
	start, _ := data.ParseLocal(data.TypeDateTime, r.Values["start"])
	end, _ := data.ParseLocal(data.TypeDateTime, r.Values["end"])
	switch {
	case now.After(end):
		return HotEnded
	case !now.Before(start):
		return HotWorking
	}
	return HotApproved
}

// HotWorkOverdue says whether an approved permit is past its end and not yet closed: work that may have
// left embers without a close-out (shown on the list). An application never approved is not overdue.
func HotWorkOverdue(r *data.Record, now time.Time) bool {
	if k := FormHotWork.State(r).Key; k != "approved" && k != "ended" {
		return false
	}
	d, ok := FormHotWork.Deadline(r, nil)
	return ok && now.After(d.At)
}

// checkHotWorkLength is the configurable rule: a permit never runs longer than the manager's maximum.
func checkHotWorkLength(env data.Env, in data.Input) data.FieldErrors {
	max := settingHotWorkMaxHours.Int(env)
	start, ok1 := data.ParseLocal(data.TypeDateTime, in.Get("start"))
	end, ok2 := data.ParseLocal(data.TypeDateTime, in.Get("end"))
	if ok1 && ok2 && end.Sub(start) > time.Duration(max)*time.Hour {
		return data.FieldErrors{"end": fmt.Sprintf("动火许可最长%d小时，请分次申请", max)}
	}
	return nil
}

// HotAwaitManager is the state of a permit the supervisor approved that the manager must approve too.
const HotAwaitManager = "待经理审批"

// certsValid refuses an approval while a worker's certificate has expired.
func certsValid(c *data.StepContext) error {
	for i, w := range c.Record.Tables["workers"] {
		if exp, ok := data.ParseLocal(data.TypeDate, w["cert_expiry"]); ok && exp.AddDate(0, 0, 1).Before(c.Now) {
			return data.FieldErrors{data.RowKey("workers", i, "cert_expiry"): w["name"] + " 的特种作业操作证已过期，不能批准"}
		}
	}
	return nil
}

const lateClose = HotEnded + "·超时未关闭"

// The permit's life: application → approved by the engineering/renovation officer (the supervisor) →
// for work outside working hours or on a holiday or rest day, also by the manager → at work → work
// ended, fire watch → closed after the close-out inspection; or rejected, or voided.
var hotWorkFlow = &data.Flow{
	States: []data.State{
		{Key: "applied", Name: HotApplied, Open: true, Who: data.Who{Perm: data.PermApproveHotWork}},
		// Once approved (or on its way to the manager, or turned down) the permit is what was approved:
		// a change of place, workers or times is a new application, not an edit under the approval.
		{Key: "manager", Name: HotAwaitManager, Open: true, Who: data.Who{Perm: data.PermApproveHotOOH}, Fixed: true},
		{Key: "approved", Name: HotApproved, Open: true, Who: data.Who{Perm: data.PermRecordWrite}, Late: lateClose, Fixed: true},
		{Key: "ended", Name: HotEnded, Open: true, Who: data.Who{Perm: data.PermRecordWrite}, Late: lateClose, Fixed: true},
		{Key: "closed", Name: HotClosed, Fixed: true},
		{Key: "rejected", Name: HotRejected, Fixed: true},
	},
	Initial: "applied",
	Steps: []data.Step{
		// Whoever applied for it at the desk does not approve it (D8).
		{Key: "approve", Name: "批准", Decides: true, From: []string{"applied"}, To: "approved", Perm: data.PermApproveHotWork, By: "approved_by", At: "approved_at",
			NotBy: []string{data.Maker, "clerk"}, Check: certsValid, FieldsFor: lateApproval("late_reason"),
			// A manager approving work that needs the manager gives both approvals at once.
			Apply: func(c *data.StepContext) {
				if HotWorkNeedsManager(c.Record) != "" && c.Actor.Can(data.PermApproveHotOOH) {
					c.Record.Life["manager_by"], c.Record.Life["manager_at"] = c.Actor.Name, c.Now.In(data.Shanghai).Format(data.LayoutDateTime)
				}
			},
			Next: func(c *data.StepContext) string {
				if HotWorkNeedsManager(c.Record) != "" && !c.Actor.Can(data.PermApproveHotOOH) {
					return "manager"
				}
				return "approved"
			}},
		{Key: "approve_manager", Name: "经理批准", Decides: true, From: []string{"manager"}, To: "approved", Perm: data.PermApproveHotOOH, By: "manager_by", At: "manager_at",
			NotBy: []string{data.Maker, "clerk"}, Check: certsValid, FieldsFor: lateApproval("manager_late_reason")},
		{Key: "reject", Name: "驳回", Decides: true, From: []string{"applied", "manager"}, To: "rejected", Perm: data.PermApproveHotWork, By: "rejected_by", At: "rejected_at",
			Hint:   "驳回后申请人须重新申请。",
			Fields: []data.Field{{Key: "rejected_reason", Label: "驳回原因", Type: data.TypeText, Required: true, Max: 200}}},
		{Key: "end_work", Name: "完工", From: []string{"approved"}, To: "ended", Perm: data.PermRecordWrite, At: "ended_at",
			Hint: "作业结束时登记，监火自此持续30分钟。"},
		{Key: "close", Name: "完工检查关闭", Decides: true, From: []string{"approved", "ended"}, To: "closed", Perm: data.PermRecordWrite, At: "closed_at",
			Hint: "作业结束30分钟后，检查作业点及周边，确认未发现火星、无阴燃。",
			Fields: []data.Field{
				{Key: "closed_by", Label: "完工检查人", Type: data.TypePerson, Required: true, Hint: "检查人姓名"},
				{Key: "no_embers", Label: "未发现火星、无阴燃", Type: data.TypeBool, Required: true},
			},
			Check: func(c *data.StepContext) error {
				r := c.Record
				ended, ok := data.ParseLocal(data.TypeDateTime, r.Life["ended_at"])
				if !ok {
					ended, _ = data.ParseLocal(data.TypeDateTime, r.Values["end"])
					if !c.Now.After(ended) {
						return data.FieldErrors{"closed_at": "作业尚未结束：请先登记完工"}
					}
				}
				if earliest := ended.Add(FireWatch); c.Now.Before(earliest) {
					return data.FieldErrors{"closed_at": fmt.Sprintf("监火须持续至作业结束后30分钟，%s 以后才能关闭", earliest.Format("15:04"))}
				}
				if c.Values.Get("no_embers") != "是" {
					return data.FieldErrors{"no_embers": "须确认“未发现火星、无阴燃”后才能关闭"}
				}
				return nil
			}},
	},
	// A permit is approved before its work begins: the application and the manager's approval are due
	// by the start, on the approvers' lists. An approved permit is due closed by the end of its work;
	// past it, it is flagged on the list.
	Clocks: []data.Clock{{States: []string{"applied", "manager"}, Label: "审批", From: "start"},
		{States: []string{"approved", "ended"}, Label: "完工检查", From: "end"}},
	Derive: func(r *data.Record) string {
		l := r.Life
		switch {
		case l["rejected_at"] != "":
			return "rejected"
		case l["closed_at"] != "":
			return "closed"
		case l["approved_at"] == "":
			return "applied"
		case HotWorkNeedsManager(r) != "" && l["manager_at"] == "":
			return "manager"
		case l["ended_at"] != "":
			return "ended"
		}
		return "approved"
	},
	Show:       showHotWork,
	OpenFilter: "只看未关闭",
	Handover:   true,
}

// lateApproval asks the reason of an approval given after the work was to begin: a permit is approved
// before any fire, and one approved afterwards says why (work begun without it is a matter for the
// supervisor, not a formality).
func lateApproval(key string) func(data.Env, *data.Record, time.Time) []data.Field {
	return func(_ data.Env, r *data.Record, now time.Time) []data.Field {
		if r == nil {
			return nil
		}
		start, ok := data.ParseLocal(data.TypeDateTime, r.Values["start"])
		if !ok || !now.After(start) {
			return nil
		}
		return []data.Field{{Key: key, Label: "补批原因", Type: data.TypeText, Required: true, Max: 200,
			Hint: "注意：动火开始时间 " + r.Values["start"] + " 已过，本证在动火前未获批准。补批须写明原因（如作业已推迟、尚未动火）。"}}
	}
}

func init() {
	// Set here, not in the declaration: the notes read the permit's status, which reads the declaration.
	FormHotWork.Print = &data.Print{Copies: []string{"存根", "作业人员执"}, Notes: HotWorkNotes, Invalid: hotWorkInvalid}
}

// hotWorkInvalid marks a permit printed before it was approved, or after it was turned down.
func hotWorkInvalid(r *data.Record, now time.Time) string {
	switch FormHotWork.State(r).Key {
	case "applied", "manager":
		return "未批准·不得动火"
	case "rejected":
		return "已驳回·不得动火"
	case data.StateVoid:
		return "已作废·不得动火"
	}
	return ""
}

// HotWorkNotes are the lines of a permit's life printed on it: status, approvals, end, close-out.
func HotWorkNotes(r *data.Record, now time.Time) []string {
	l := r.Life
	lines := []string{"状态：" + HotWorkStatus(r, now)}
	if why := HotWorkNeedsManager(r); why != "" {
		lines = append(lines, "须经理审批："+why)
	}
	add := func(label, who, at string) {
		if l[at] != "" {
			lines = append(lines, label+"："+l[who]+"  "+l[at])
		}
	}
	why := func(key string) {
		if l[key] != "" {
			lines = append(lines, "补批原因："+l[key])
		}
	}
	add("审批（工程/装修）", "approved_by", "approved_at")
	why("late_reason")
	add("审批（物业服务中心经理）", "manager_by", "manager_at")
	why("manager_late_reason")
	add("驳回", "rejected_by", "rejected_at")
	if l["ended_at"] != "" {
		lines = append(lines, "作业结束："+l["ended_at"]+"（监火至少持续30分钟）")
	}
	add("完工检查（未发现火星）", "closed_by", "closed_at")
	return lines
}
