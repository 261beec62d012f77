package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// OnePer declares a form that is one record a period (the month's training plan, the month's sign-off
// and sample, the year's culture plan, the month's roster). Key names the field that holds the period
// (a month, a day, or a year as a number); Revises, when set, names the field in which a second record
// of the period says which one it revises: without it, a record of the period is changed in place
// (or voided), never doubled.
type OnePer struct {
	Key     string
	Revises string
}

// farFuture bounds the reads of every record of a form.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, Shanghai)

// period is the span of time a period field's value names, with how it is said.
func period(fl Field, v string) (from, to time.Time, text string, ok bool) {
	switch fl.Type {
	case TypeMonth:
		t, ok := ParseLocal(TypeMonth, v)
		return t, t.AddDate(0, 1, 0), t.Format("2006年1月"), ok
	case TypeDate:
		t, ok := ParseLocal(TypeDate, v)
		return t, t.AddDate(0, 0, 1), t.Format("2006年1月2日"), ok
	case TypeInt:
		y, err := strconv.Atoi(v)
		if err != nil || y < 1000 || y > 9999 {
			return time.Time{}, time.Time{}, "", false
		}
		t := time.Date(y, 1, 1, 0, 0, 0, 0, Shanghai)
		return t, t.AddDate(1, 0, 0), v + "年度", true
	}
	return time.Time{}, time.Time{}, "", false
}

// PeriodOf is the span of the period a record of a OnePer form is for (false for another form, or a
// value that names no period).
func (f *Form) PeriodOf(values map[string]string) (from, to time.Time, ok bool) {
	if f.OnePer == nil {
		return time.Time{}, time.Time{}, false
	}
	fl, _ := f.Field(f.OnePer.Key)
	from, to, _, ok = period(fl, values[f.OnePer.Key])
	return from, to, ok
}

// BeforeFirstRecord says whether a span of time ended before the desk's first record: nothing the rules
// expect of it is asked for or counted.
func BeforeFirstRecord(env Env, to time.Time) bool {
	if env == nil {
		return false
	}
	first, ok := env.FirstRecord()
	return ok && !to.After(first)
}

// PeriodErrors is the rule of a OnePer form: the period is not one before the desk's first record, and
// has no other record of the form unless this one revises it.
func (f *Form) PeriodErrors(env Env, in Input) FieldErrors {
	p := f.OnePer
	if p == nil || env == nil {
		return nil
	}
	fl, _ := f.Field(p.Key)
	v := in.Get(p.Key)
	from, to, text, ok := period(fl, v)
	if !ok {
		return nil // said by the field's own check
	}
	if BeforeFirstRecord(env, to) {
		first, _ := env.FirstRecord()
		return FieldErrors{p.Key: fmt.Sprintf("本台账最早的记录在%s，%s还没有记录，不能为它登记", first.In(Shanghai).Format("2006年1月2日"), text)}
	}
	// A record dated by its period is found among the period's records alone (a day's reading among
	// ten years of them); a revision may name a record of any period, so all are read for one.
	lo, hi := time.Time{}, farFuture
	if p.Revises == "" && f.DateKey == p.Key {
		lo, hi = from, to
	}
	recs, err := env.Records(f.Key, lo, hi)
	if err != nil {
		return FieldErrors{p.Key: "无法读取已有的" + f.Title() + "，请稍后再试"}
	}
	var same *Record
	for _, r := range recs {
		if r.Values[p.Key] == v {
			same = r
			break
		}
	}
	if p.Revises == "" {
		if same != nil {
			return FieldErrors{p.Key: fmt.Sprintf("%s已有%s %s：请打开那一份修改，或先作废它", text, f.Title(), same.Serial)}
		}
		return nil
	}
	rev := strings.TrimSpace(in.Get(p.Revises))
	if rev == "" {
		if same != nil {
			return FieldErrors{p.Revises: text + "已有" + f.Title() + " " + same.Serial + "；修订请在此填写它的编号"}
		}
		return nil
	}
	for _, r := range recs {
		if r.Serial == rev {
			if r.Values[p.Key] != v {
				_, _, other, _ := period(fl, r.Values[p.Key])
				return FieldErrors{p.Revises: rev + " 是" + other + "的，不是" + text + "的"}
			}
			return nil
		}
	}
	return FieldErrors{p.Revises: "找不到" + f.Title() + " " + rev}
}
