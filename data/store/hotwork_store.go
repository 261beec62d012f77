package store

import (
	"fmt"
	"frontdesk/data"
	"strconv"
	"strings"
	"time"
)

// checkHotWorkLength is the configurable rule a declaration cannot hold: a permit never runs longer
// than the manager's maximum.
func (s *Store) checkHotWorkLength(in data.Input) data.FieldErrors {
	max := data.DefaultHotWorkMaxHours
	if n, err := strconv.Atoi(s.Setting(data.SettingHotWorkMaxHours, "")); err == nil && n > 0 {
		max = n
	}
	start, ok1 := data.ParseLocal(data.TypeDateTime, in.Get("start"))
	end, ok2 := data.ParseLocal(data.TypeDateTime, in.Get("end"))
	if ok1 && ok2 && end.Sub(start) > time.Duration(max)*time.Hour {
		return data.FieldErrors{"end": fmt.Sprintf("动火许可最长%d小时，请分次申请", max)}
	}
	return nil
}

// hotStep changes a permit's life in one transaction with its audit entry.
func (s *Store) hotStep(by data.Actor, serial string, step func(r *data.Record, now time.Time) (string, []data.Change, error)) (*data.Record, error) {
	return s.modify(serial, func(f *data.Form, r *data.Record, now time.Time) (string, []data.Change, error) {
		if f.Key != "hotwork" {
			return "", nil, data.ErrSlipState
		}
		if r.Life == nil {
			r.Life = map[string]string{}
		}
		return step(r, now)
	}, by)
}

// ApproveHotWork approves a permit: the supervisor approves work in working hours; work outside them or
// on a holiday needs the manager too (a manager approving does both). Expired certificates block it.
func (s *Store) ApproveHotWork(by data.Actor, serial string) (*data.Record, error) {
	return s.hotStep(by, serial, func(r *data.Record, now time.Time) (string, []data.Change, error) {
		if data.HotWorkStatus(r, now) != data.HotApplied {
			return "", nil, data.ErrSlipState
		}
		for i, w := range r.Tables["workers"] {
			if exp, ok := data.ParseLocal(data.TypeDate, w["cert_expiry"]); ok && exp.AddDate(0, 0, 1).Before(now) {
				return "", nil, data.FieldErrors{data.RowKey("workers", i, "cert_expiry"): w["name"] + " 的特种作业操作证已过期，不能批准"}
			}
		}
		at := now.In(data.Shanghai).Format(data.LayoutDateTime)
		var changes []data.Change
		if r.Life["approved_at"] == "" {
			if !by.Can(data.PermApproveHotWork) {
				return "", nil, &data.ForbiddenError{Actor: by, Perm: data.PermApproveHotWork}
			}
			r.Life["approved_by"], r.Life["approved_at"] = by.Name, at
			changes = append(changes, data.Change{Field: "approved_by", New: by.Name})
		}
		if why := data.HotWorkNeedsManager(r); why != "" && by.Can(data.PermApproveHotOOH) {
			r.Life["manager_by"], r.Life["manager_at"] = by.Name, at
			changes = append(changes, data.Change{Field: "manager_by", New: by.Name})
		}
		if len(changes) == 0 {
			return "", nil, &data.ForbiddenError{Actor: by, Perm: data.PermApproveHotOOH}
		}
		return ActionApprove, changes, nil
	})
}

// RejectHotWork turns an application down, with the reason.
func (s *Store) RejectHotWork(by data.Actor, serial, reason string) (*data.Record, error) {
	if err := by.Need(data.PermApproveHotWork); err != nil {
		return nil, err
	}
	if strings.TrimSpace(reason) == "" {
		return nil, ErrReasonNeeded
	}
	return s.hotStep(by, serial, func(r *data.Record, now time.Time) (string, []data.Change, error) {
		if data.HotWorkStatus(r, now) != data.HotApplied {
			return "", nil, data.ErrSlipState
		}
		r.Life["rejected_by"], r.Life["rejected_at"], r.Life["rejected_reason"] = by.Name, now.In(data.Shanghai).Format(data.LayoutDateTime), strings.TrimSpace(reason)
		return ActionReject, []data.Change{{Field: "rejected_reason", New: r.Life["rejected_reason"]}}, nil
	})
}

// EndHotWork records the end of work; the fire watch starts.
func (s *Store) EndHotWork(by data.Actor, serial string) (*data.Record, error) {
	if err := by.Need(data.PermRecordWrite); err != nil {
		return nil, err
	}
	return s.hotStep(by, serial, func(r *data.Record, now time.Time) (string, []data.Change, error) {
		if st := data.HotWorkStatus(r, now); st != data.HotWorking && st != data.HotApproved && st != data.HotEnded || r.Life["ended_at"] != "" {
			return "", nil, data.ErrSlipState
		}
		r.Life["ended_at"] = now.In(data.Shanghai).Format(data.LayoutDateTime)
		return ActionEndWork, []data.Change{{Field: "ended_at", New: r.Life["ended_at"]}}, nil
	})
}

// CloseHotWork records the close-out inspection: the inspector, the time and that no embers were found.
// It cannot come earlier than the fire watch of 30 minutes after the recorded end of work.
func (s *Store) CloseHotWork(by data.Actor, serial, inspector string, noEmbers bool) (*data.Record, error) {
	if err := by.Need(data.PermRecordWrite); err != nil {
		return nil, err
	}
	inspector = strings.TrimSpace(inspector)
	return s.hotStep(by, serial, func(r *data.Record, now time.Time) (string, []data.Change, error) {
		if data.HotWorkStatus(r, now) != data.HotEnded {
			return "", nil, data.ErrSlipState
		}
		ended, ok := data.ParseLocal(data.TypeDateTime, r.Life["ended_at"])
		if !ok {
			ended, _ = data.ParseLocal(data.TypeDateTime, r.Values["end"])
		}
		if earliest := ended.Add(data.FireWatch); now.Before(earliest) {
			return "", nil, data.FieldErrors{"closed_at": fmt.Sprintf("监火须持续至作业结束后30分钟，%s 以后才能关闭", earliest.Format("15:04"))}
		}
		if inspector == "" {
			return "", nil, data.FieldErrors{"inspector": "请填写完工检查人"}
		}
		if !noEmbers {
			return "", nil, data.FieldErrors{"no_embers": "须确认“未发现火星、无阴燃”后才能关闭"}
		}
		r.Life["closed_by"], r.Life["closed_at"], r.Life["no_embers"] = inspector, now.In(data.Shanghai).Format(data.LayoutDateTime), "是"
		return ActionClose, []data.Change{{Field: "closed_by", New: inspector}, {Field: "closed_at", New: r.Life["closed_at"]}}, nil
	})
}
