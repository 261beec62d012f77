package data

import (
	"fmt"
	"strconv"
	"time"
)

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

var settingHotWorkMaxHours = Setting{Key: SettingHotWorkMaxHours, Label: "动火许可最长（小时）", Unit: "小时",
	Default: strconv.Itoa(DefaultHotWorkMaxHours), Min: 1, Max: 24}

// HotWorkNeedsManager says why a permit needs the manager's approval too ("" when it does not): work
// before 08:00 or after 18:00, or on a day that is not a working day.
func HotWorkNeedsManager(r *Record) string {
	start, ok1 := ParseLocal(TypeDateTime, r.Values["start"])
	end, ok2 := ParseLocal(TypeDateTime, r.Values["end"])
	if !ok1 || !ok2 {
		return ""
	}
	for d := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, Shanghai); !d.After(end); d = d.AddDate(0, 0, 1) {
		if rest, name := RestDay(d); rest {
			return "节假日或休息日（" + d.Format("1月2日") + " " + name + "）动火"
		}
	}
	if start.Hour() < HotWorkFrom || end.Hour() > HotWorkTo || (end.Hour() == HotWorkTo && end.Minute() > 0) || end.Day() != start.Day() {
		return fmt.Sprintf("工作时间（%02d:00–%02d:00）以外动火", HotWorkFrom, HotWorkTo)
	}
	return ""
}

// HotWorkStatus is the permit's state now (作业中 once work began, 已完工待检查 past its end).
func HotWorkStatus(r *Record, now time.Time) string {
	st := formHotWork.State(r)
	if st.Key == StateVoid {
		return HotVoid
	}
	return showHotWork(r, st, now)
}

func showHotWork(r *Record, st State, now time.Time) string {
	if st.Key != "approved" {
		return st.Name
	}
	start, _ := ParseLocal(TypeDateTime, r.Values["start"])
	end, _ := ParseLocal(TypeDateTime, r.Values["end"])
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
func HotWorkOverdue(r *Record, now time.Time) bool {
	d, ok := formHotWork.Deadline(r, nil)
	return ok && now.After(d.At)
}

// checkHotWorkLength is the configurable rule: a permit never runs longer than the manager's maximum.
func checkHotWorkLength(env Env, in Input) FieldErrors {
	max := DefaultHotWorkMaxHours
	if n, err := strconv.Atoi(env.Setting(SettingHotWorkMaxHours, "")); err == nil && n > 0 {
		max = n
	}
	start, ok1 := ParseLocal(TypeDateTime, in.Get("start"))
	end, ok2 := ParseLocal(TypeDateTime, in.Get("end"))
	if ok1 && ok2 && end.Sub(start) > time.Duration(max)*time.Hour {
		return FieldErrors{"end": fmt.Sprintf("动火许可最长%d小时，请分次申请", max)}
	}
	return nil
}

// HotAwaitManager is the state of a permit the supervisor approved that the manager must approve too.
const HotAwaitManager = "待经理审批"

// certsValid refuses an approval while a worker's certificate has expired.
func certsValid(c *StepContext) error {
	for i, w := range c.Record.Tables["workers"] {
		if exp, ok := ParseLocal(TypeDate, w["cert_expiry"]); ok && exp.AddDate(0, 0, 1).Before(c.Now) {
			return FieldErrors{RowKey("workers", i, "cert_expiry"): w["name"] + " 的特种作业操作证已过期，不能批准"}
		}
	}
	return nil
}

const lateClose = HotEnded + "·超时未关闭"

// The permit's life: application → approved by the engineering/renovation officer (the supervisor) →
// for work outside working hours or on a holiday or rest day, also by the manager → at work → work
// ended, fire watch → closed after the close-out inspection; or rejected, or voided.
var hotWorkFlow = &Flow{
	States: []State{
		{Key: "applied", Name: HotApplied, Open: true, Who: Who{Perm: PermApproveHotWork}},
		// Once approved (or on its way to the manager, or turned down) the permit is what was approved:
		// a change of place, workers or times is a new application, not an edit under the approval.
		{Key: "manager", Name: HotAwaitManager, Open: true, Who: Who{Perm: PermApproveHotOOH}, Fixed: true},
		{Key: "approved", Name: HotApproved, Open: true, Who: Who{Perm: PermRecordWrite}, Late: lateClose, Fixed: true},
		{Key: "ended", Name: HotEnded, Open: true, Who: Who{Perm: PermRecordWrite}, Late: lateClose, Fixed: true},
		{Key: "closed", Name: HotClosed, Fixed: true},
		{Key: "rejected", Name: HotRejected, Fixed: true},
	},
	Initial: "applied",
	Steps: []Step{
		{Key: "approve", Name: "批准", From: []string{"applied"}, To: "approved", Perm: PermApproveHotWork, By: "approved_by", At: "approved_at",
			Check: certsValid, FieldsFor: lateApproval("late_reason"),
			// A manager approving work that needs the manager gives both approvals at once.
			Apply: func(c *StepContext) {
				if HotWorkNeedsManager(c.Record) != "" && c.Actor.Can(PermApproveHotOOH) {
					c.Record.Life["manager_by"], c.Record.Life["manager_at"] = c.Actor.Name, c.Now.In(Shanghai).Format(LayoutDateTime)
				}
			},
			Next: func(c *StepContext) string {
				if HotWorkNeedsManager(c.Record) != "" && !c.Actor.Can(PermApproveHotOOH) {
					return "manager"
				}
				return "approved"
			}},
		{Key: "approve_manager", Name: "经理批准", From: []string{"manager"}, To: "approved", Perm: PermApproveHotOOH, By: "manager_by", At: "manager_at",
			Check: certsValid, FieldsFor: lateApproval("manager_late_reason")},
		{Key: "reject", Name: "驳回", From: []string{"applied", "manager"}, To: "rejected", Perm: PermApproveHotWork, By: "rejected_by", At: "rejected_at",
			Hint:   "驳回后申请人须重新申请。",
			Fields: []Field{{Key: "rejected_reason", Label: "驳回原因", Type: TypeText, Required: true, Max: 200}}},
		{Key: "end_work", Name: "完工", From: []string{"approved"}, To: "ended", Perm: PermRecordWrite, At: "ended_at",
			Hint: "作业结束时登记，监火自此持续30分钟。"},
		{Key: "close", Name: "完工检查关闭", From: []string{"approved", "ended"}, To: "closed", Perm: PermRecordWrite, At: "closed_at",
			Hint: "作业结束30分钟后，检查作业点及周边，确认未发现火星、无阴燃。",
			Fields: []Field{
				{Key: "closed_by", Label: "完工检查人", Type: TypePerson, Required: true, Hint: "检查人姓名"},
				{Key: "no_embers", Label: "未发现火星、无阴燃", Type: TypeBool, Required: true},
			},
			Check: func(c *StepContext) error {
				r := c.Record
				ended, ok := ParseLocal(TypeDateTime, r.Life["ended_at"])
				if !ok {
					ended, _ = ParseLocal(TypeDateTime, r.Values["end"])
					if !c.Now.After(ended) {
						return FieldErrors{"closed_at": "作业尚未结束：请先登记完工"}
					}
				}
				if earliest := ended.Add(FireWatch); c.Now.Before(earliest) {
					return FieldErrors{"closed_at": fmt.Sprintf("监火须持续至作业结束后30分钟，%s 以后才能关闭", earliest.Format("15:04"))}
				}
				if c.Values.Get("no_embers") != "是" {
					return FieldErrors{"no_embers": "须确认“未发现火星、无阴燃”后才能关闭"}
				}
				return nil
			}},
	},
	// An approved permit is due closed by the end of its work; past it, it is flagged on the list.
	Clocks: []Clock{{States: []string{"approved", "ended"}, Label: "完工检查", From: "end"}},
	Derive: func(r *Record) string {
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
func lateApproval(key string) func(Env, *Record, time.Time) []Field {
	return func(_ Env, r *Record, now time.Time) []Field {
		if r == nil {
			return nil
		}
		start, ok := ParseLocal(TypeDateTime, r.Values["start"])
		if !ok || !now.After(start) {
			return nil
		}
		return []Field{{Key: key, Label: "补批原因", Type: TypeText, Required: true, Max: 200,
			Hint: "注意：动火开始时间 " + r.Values["start"] + " 已过，本证在动火前未获批准。补批须写明原因（如作业已推迟、尚未动火）。"}}
	}
}

func init() {
	// Set here, not in the declaration: the notes read the permit's status, which reads the declaration.
	formHotWork.Print = &Print{Copies: []string{"存根", "作业人员执"}, Notes: HotWorkNotes, Invalid: hotWorkInvalid}
}

// hotWorkInvalid marks a permit printed before it was approved, or after it was turned down.
func hotWorkInvalid(r *Record, now time.Time) string {
	switch formHotWork.State(r).Key {
	case "applied", "manager":
		return "未批准·不得动火"
	case "rejected":
		return "已驳回·不得动火"
	case StateVoid:
		return "已作废·不得动火"
	}
	return ""
}

// HotWorkNotes are the lines of a permit's life printed on it: status, approvals, end, close-out.
func HotWorkNotes(r *Record, now time.Time) []string {
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
