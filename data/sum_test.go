package data

import (
	"strings"
	"testing"
	"time"
)

// A total over a table is worked out, or refused when it differs from its lines.
func TestTotalsOverATable(t *testing.T) {
	f := &Form{Key: "plan", Name: "计划", Fields: []Field{
		{Key: "lines", Label: "活动安排", Type: TypeTable, Columns: []Field{
			{Key: "name", Label: "活动名称", Type: TypeText},
			{Key: "budget", Label: "预算（元）", Type: TypeMoney},
		}},
		{Key: "total", Label: "总预算（元）", Type: TypeMoney, Sum: &Sum{Table: "lines", Column: "budget"}},
	}}
	in := NewInput()
	in.Tables["lines"] = []Row{{"name": "新春游园会", "budget": "300"}, {"name": "中秋晚会", "budget": "240.00"}}
	out, errs := Validate(f, in, time.Now())
	if len(errs) > 0 || out.Values["total"] != "540.00" {
		t.Errorf("left empty: %v %v; want 540.00", out.Values, errs)
	}
	in.Values["total"] = "240.00"
	if _, errs := Validate(f, in, time.Now()); !strings.Contains(errs["total"], "540.00") {
		t.Errorf("a total that disagrees with its lines: %v", errs)
	}
	in.Values["total"] = "540"
	if out, errs := Validate(f, in, time.Now()); len(errs) > 0 || out.Values["total"] != "540.00" {
		t.Errorf("the right total typed: %v %v", out.Values, errs)
	}
}
