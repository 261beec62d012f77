package data

import (
	"fmt"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
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

// RestDay says whether a day is not a working day by the official calendar: a statutory holiday, or a
// weekend that is not a make-up workday (调休上班).
func RestDay(t time.Time) (bool, string) {
	d := t.In(Shanghai)
	if h := HolidayUtil.GetHoliday(d.Format(LayoutDate)); h != nil {
		if h.IsWork() {
			return false, ""
		}
		return true, h.GetName()
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return true, "周末"
	}
	return false, ""
}

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

// HotWorkStatus is the permit's state now.
func HotWorkStatus(r *Record, now time.Time) string {
	l := r.Life
	switch {
	case r.Voided():
		return HotVoid
	case l["rejected_at"] != "":
		return HotRejected
	case l["closed_at"] != "":
		return HotClosed
	case l["approved_at"] == "" || (HotWorkNeedsManager(r) != "" && l["manager_at"] == ""):
		return HotApplied
	case l["ended_at"] != "":
		return HotEnded
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
	end, ok := ParseLocal(TypeDateTime, r.Values["end"])
	st := HotWorkStatus(r, now)
	return ok && now.After(end) && (st == HotApproved || st == HotWorking || st == HotEnded)
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
	add("审批（工程/装修）", "approved_by", "approved_at")
	add("审批（物业服务中心经理）", "manager_by", "manager_at")
	add("驳回", "rejected_by", "rejected_at")
	if l["ended_at"] != "" {
		lines = append(lines, "作业结束："+l["ended_at"]+"（监火至少持续30分钟）")
	}
	add("完工检查（未发现火星）", "closed_by", "closed_at")
	return lines
}
