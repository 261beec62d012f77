package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"frontdesk/data"
)

// The month grid: a month's table (a roster) on one landscape A4 sheet for the wall. A row a person, in
// the order they first appear; a column a day, weekends shaded; each cell the shifts of the person that
// day by the first character of their column's label (早, 中, 晚), blank for a rest day; the days each
// person works at the row's end and the people on each day at the column's foot. Under the grid the
// shifts with their hours, the record's other fields, its life and the signature lines.

const (
	gridPageW   = 297.0
	gridContent = gridPageW - 2*margin
	gridNameW   = 22.0
	gridSumW    = 12.0
	gridRowH    = 6.4
)

var weekdays = []string{"日", "一", "二", "三", "四", "五", "六"}

// MonthGridPDF writes the sheet of a record whose form declares a month grid.
func MonthGridPDF(w io.Writer, rec *data.Record, opt Options) error {
	f, ok := data.FormByKey(rec.Kind)
	if !ok || f.Print == nil || f.Print.Grid == nil {
		return RecordPDF(w, rec, opt)
	}
	g := f.Print.Grid
	month, ok := data.ParseLocal(data.TypeMonth, rec.Values[g.Month])
	table, okT := f.Field(g.Table)
	if !ok || !okT {
		return RecordPDF(w, rec, opt)
	}
	var shifts []data.Field
	for _, c := range table.Columns {
		if c.Type == data.TypePerson {
			shifts = append(shifts, c)
		}
	}
	days := month.AddDate(0, 1, -1).Day()
	// cells[person][day] are the shifts' characters; people in the order they first appear.
	cells := map[string]map[int]string{}
	var people []string
	onDay := make([]int, days+1)
	for _, row := range rec.Tables[g.Table] {
		d, ok := data.ParseLocal(data.TypeDate, row[g.Date])
		if !ok || d.Month() != month.Month() || d.Year() != month.Year() {
			continue
		}
		for _, sh := range shifts {
			p := row[sh.Key]
			if p == "" {
				continue
			}
			if cells[p] == nil {
				cells[p] = map[int]string{}
				people = append(people, p)
			}
			cells[p][d.Day()] += shortLabel(sh.Label)
			onDay[d.Day()]++
		}
	}

	d := newDoc(opt, "L")
	d.footer(opt, rec.Serial)
	d.AddPage()
	d.SetFont(fontFamily, "", 11)
	d.text(gridContent, 6, opt.PropertyName, "C", "")
	d.Ln(7)
	d.SetFont(fontFamily, "", 18)
	d.text(gridContent, 9, f.Title()+"  "+month.Format("2006年1月"), "C", "")
	d.Ln(11)
	d.SetFont(fontFamily, "", 10)
	d.text(gridContent/2, 5, "编号："+rec.Serial, "L", "")
	state := ""
	if f.Flow != nil {
		state = "状态：" + f.State(rec).Name
	}
	d.text(gridContent/2, 5, state, "R", "")
	d.Ln(7)
	if opt.Reprint > 0 || rec.Voided() {
		d.SetTextColor(200, 0, 0)
		if rec.Voided() {
			d.text(gridContent/2, 6, "【作废】原因："+rec.VoidReason, "L", "")
		}
		if opt.Reprint > 0 {
			d.text(gridContent/2, 6, fmt.Sprintf("补打（第%d次打印）", opt.Reprint+1), "R", "")
		}
		d.Ln(7)
		d.SetTextColor(0, 0, 0)
	}

	dayW := (gridContent - gridNameW - gridSumW) / float64(days)
	d.SetDrawColor(60, 60, 60)
	d.SetLineWidth(0.2)
	shade := func(day int) bool {
		wd := time.Date(month.Year(), month.Month(), day, 0, 0, 0, 0, data.Shanghai).Weekday()
		return wd == time.Saturday || wd == time.Sunday
	}
	cell := func(wd float64, s string, fill bool) {
		if fill {
			d.SetFillColor(225, 225, 225)
		}
		d.CellFormat(wd, gridRowH, Printable(s), "1", 0, "C", fill, 0, "")
	}
	// Two heading rows: the day of the month, and its weekday.
	d.SetFont(fontFamily, "", 8.5)
	x0 := d.GetX()
	cell(gridNameW, "日期", false)
	for day := 1; day <= days; day++ {
		cell(dayW, fmt.Sprint(day), shade(day))
	}
	cell(gridSumW, "天数", false)
	d.Ln(gridRowH)
	d.SetX(x0)
	cell(gridNameW, "星期", false)
	for day := 1; day <= days; day++ {
		wd := time.Date(month.Year(), month.Month(), day, 0, 0, 0, 0, data.Shanghai).Weekday()
		cell(dayW, weekdays[wd], shade(day))
	}
	cell(gridSumW, "", false)
	d.Ln(gridRowH)
	d.SetFont(fontFamily, "", 10)
	for _, p := range people {
		d.need(gridRowH, nil)
		d.SetX(x0)
		cell(gridNameW, p, false)
		worked := 0
		for day := 1; day <= days; day++ {
			s := cells[p][day]
			if s != "" {
				worked++
			}
			cell(dayW, s, shade(day))
		}
		cell(gridSumW, fmt.Sprint(worked), false)
		d.Ln(gridRowH)
	}
	d.SetX(x0)
	d.SetFont(fontFamily, "", 8.5)
	cell(gridNameW, "当日在岗", false)
	for day := 1; day <= days; day++ {
		s := fmt.Sprint(onDay[day])
		if onDay[day] == 0 {
			s = "无"
		}
		cell(dayW, s, shade(day))
	}
	cell(gridSumW, "", false)
	d.Ln(gridRowH + 3)

	// The shifts and their hours, then the record's other fields.
	d.SetFont(fontFamily, "", 10)
	var legend []string
	for _, sh := range shifts {
		legend = append(legend, shortLabel(sh.Label)+"＝"+sh.Label)
	}
	d.text(gridContent, 5.5, "班次："+strings.Join(legend, "；")+"；空白为休息", "L", "")
	d.Ln(6.5)
	var others []string
	for _, fl := range f.Fields {
		v := rec.Values[fl.Key]
		if fl.Key == g.Month || fl.Type == data.TypeTable || v == "" {
			continue
		}
		others = append(others, fl.Label+"："+opt.value(fl, v))
	}
	for _, line := range d.wrap(strings.Join(others, "　"), gridContent) {
		d.text(gridContent, 5.5, line, "L", "")
		d.Ln(5.5)
	}
	for _, n := range opt.Notes {
		d.text(gridContent, 5.5, n, "L", "")
		d.Ln(5.5)
	}
	d.signatures(f, opt.Invalid == "")
	if opt.Invalid != "" {
		d.SetXY(margin, margin-8)
		d.SetTextColor(200, 30, 30)
		d.SetFont(fontFamily, "", 14)
		d.text(gridContent, 6, "【"+opt.Invalid+"】", "C", "")
		d.SetTextColor(0, 0, 0)
	}
	return d.output(w, rec.Serial)
}

// shortLabel is the first character of a label: 早 of 早班 07:30-15:30.
func shortLabel(label string) string {
	for _, r := range label {
		return string(r)
	}
	return ""
}
