package data

import (
	"fmt"
	"strconv"
	"strings"
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

// checkHotWorkLength is the configurable rule a declaration cannot hold: a permit never runs longer
// than the manager's maximum.
func (s *Store) checkHotWorkLength(in Input) FieldErrors {
	max := DefaultHotWorkMaxHours
	if n, err := strconv.Atoi(s.Setting(SettingHotWorkMaxHours, "")); err == nil && n > 0 {
		max = n
	}
	start, ok1 := ParseLocal(TypeDateTime, in.Get("start"))
	end, ok2 := ParseLocal(TypeDateTime, in.Get("end"))
	if ok1 && ok2 && end.Sub(start) > time.Duration(max)*time.Hour {
		return FieldErrors{"end": fmt.Sprintf("动火许可最长%d小时，请分次申请", max)}
	}
	return nil
}

// hotStep changes a permit's life in one transaction with its audit entry.
func (s *Store) hotStep(by Actor, serial string, step func(r *Record, now time.Time) (string, []Change, error)) (*Record, error) {
	return s.modify(serial, func(f *Form, r *Record, now time.Time) (string, []Change, error) {
		if f.Key != "hotwork" {
			return "", nil, ErrSlipState
		}
		if r.Life == nil {
			r.Life = map[string]string{}
		}
		return step(r, now)
	}, by)
}

// ApproveHotWork approves a permit: the supervisor approves work in working hours; work outside them or
// on a holiday needs the manager too (a manager approving does both). Expired certificates block it.
func (s *Store) ApproveHotWork(by Actor, serial string) (*Record, error) {
	return s.hotStep(by, serial, func(r *Record, now time.Time) (string, []Change, error) {
		if HotWorkStatus(r, now) != HotApplied {
			return "", nil, ErrSlipState
		}
		for i, w := range r.Tables["workers"] {
			if exp, ok := ParseLocal(TypeDate, w["cert_expiry"]); ok && exp.AddDate(0, 0, 1).Before(now) {
				return "", nil, FieldErrors{RowKey("workers", i, "cert_expiry"): w["name"] + " 的特种作业操作证已过期，不能批准"}
			}
		}
		at := now.In(Shanghai).Format(LayoutDateTime)
		var changes []Change
		if r.Life["approved_at"] == "" {
			if !by.Can(PermApproveHotWork) {
				return "", nil, &ForbiddenError{by, PermApproveHotWork}
			}
			r.Life["approved_by"], r.Life["approved_at"] = by.Name, at
			changes = append(changes, Change{Field: "approved_by", New: by.Name})
		}
		if why := HotWorkNeedsManager(r); why != "" && by.Can(PermApproveHotOOH) {
			r.Life["manager_by"], r.Life["manager_at"] = by.Name, at
			changes = append(changes, Change{Field: "manager_by", New: by.Name})
		}
		if len(changes) == 0 {
			return "", nil, &ForbiddenError{by, PermApproveHotOOH}
		}
		return ActionApprove, changes, nil
	})
}

// RejectHotWork turns an application down, with the reason.
func (s *Store) RejectHotWork(by Actor, serial, reason string) (*Record, error) {
	if err := by.need(PermApproveHotWork); err != nil {
		return nil, err
	}
	if strings.TrimSpace(reason) == "" {
		return nil, ErrReasonNeeded
	}
	return s.hotStep(by, serial, func(r *Record, now time.Time) (string, []Change, error) {
		if HotWorkStatus(r, now) != HotApplied {
			return "", nil, ErrSlipState
		}
		r.Life["rejected_by"], r.Life["rejected_at"], r.Life["rejected_reason"] = by.Name, now.In(Shanghai).Format(LayoutDateTime), strings.TrimSpace(reason)
		return ActionReject, []Change{{Field: "rejected_reason", New: r.Life["rejected_reason"]}}, nil
	})
}

// EndHotWork records the end of work; the fire watch starts.
func (s *Store) EndHotWork(by Actor, serial string) (*Record, error) {
	if err := by.need(PermRecordWrite); err != nil {
		return nil, err
	}
	return s.hotStep(by, serial, func(r *Record, now time.Time) (string, []Change, error) {
		if st := HotWorkStatus(r, now); st != HotWorking && st != HotApproved && st != HotEnded || r.Life["ended_at"] != "" {
			return "", nil, ErrSlipState
		}
		r.Life["ended_at"] = now.In(Shanghai).Format(LayoutDateTime)
		return ActionEndWork, []Change{{Field: "ended_at", New: r.Life["ended_at"]}}, nil
	})
}

// CloseHotWork records the close-out inspection: the inspector, the time and that no embers were found.
// It cannot come earlier than the fire watch of 30 minutes after the recorded end of work.
func (s *Store) CloseHotWork(by Actor, serial, inspector string, noEmbers bool) (*Record, error) {
	if err := by.need(PermRecordWrite); err != nil {
		return nil, err
	}
	inspector = strings.TrimSpace(inspector)
	return s.hotStep(by, serial, func(r *Record, now time.Time) (string, []Change, error) {
		if HotWorkStatus(r, now) != HotEnded {
			return "", nil, ErrSlipState
		}
		ended, ok := ParseLocal(TypeDateTime, r.Life["ended_at"])
		if !ok {
			ended, _ = ParseLocal(TypeDateTime, r.Values["end"])
		}
		if earliest := ended.Add(FireWatch); now.Before(earliest) {
			return "", nil, FieldErrors{"closed_at": fmt.Sprintf("监火须持续至作业结束后30分钟，%s 以后才能关闭", earliest.Format("15:04"))}
		}
		if inspector == "" {
			return "", nil, FieldErrors{"inspector": "请填写完工检查人"}
		}
		if !noEmbers {
			return "", nil, FieldErrors{"no_embers": "须确认“未发现火星、无阴燃”后才能关闭"}
		}
		r.Life["closed_by"], r.Life["closed_at"], r.Life["no_embers"] = inspector, now.In(Shanghai).Format(LayoutDateTime), "是"
		return ActionClose, []Change{{Field: "closed_by", New: inspector}, {Field: "closed_at", New: r.Life["closed_at"]}}, nil
	})
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
