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
	g, ok := gatherMonthGrid(f, rec)
	if !ok {
		return RecordPDF(w, rec, opt)
	}
	d := newDoc(opt, "L")
	d.footer(opt, rec.Serial)
	d.AddPage()
	d.gridHeading(f, rec, opt, g.month)
	d.gridTable(g)
	d.gridLegend(f, rec, opt, g.shifts)
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

// monthGrid is a month's table turned round: who works which shifts on which day.
type monthGrid struct {
	month  time.Time
	days   int
	shifts []data.Field // the table's person columns, a shift each
	// cells[person][day] are the shifts' characters; people in the order they first appear.
	cells  map[string]map[int]string
	people []string
	onDay  []int // by day of the month, how many shifts are staffed
}

// gatherMonthGrid reads the grid the form declares out of the record; false when its month or its
// table cannot be read.
func gatherMonthGrid(f *data.Form, rec *data.Record) (*monthGrid, bool) {
	decl := f.Print.Grid
	month, ok := data.ParseLocal(data.TypeMonth, rec.Values[decl.Month])
	table, okT := f.Field(decl.Table)
	if !ok || !okT {
		return nil, false
	}
	g := &monthGrid{month: month, days: month.AddDate(0, 1, -1).Day(), cells: map[string]map[int]string{}}
	for _, c := range table.Columns {
		if c.Type == data.TypePerson {
			g.shifts = append(g.shifts, c)
		}
	}
	g.onDay = make([]int, g.days+1)
	for _, row := range rec.Tables[decl.Table] {
		d, ok := data.ParseLocal(data.TypeDate, row[decl.Date])
		if !ok || d.Month() != month.Month() || d.Year() != month.Year() {
			continue
		}
		for _, sh := range g.shifts {
			p := row[sh.Key]
			if p == "" {
				continue
			}
			if g.cells[p] == nil {
				g.cells[p] = map[int]string{}
				g.people = append(g.people, p)
			}
			g.cells[p][d.Day()] += shortLabel(sh.Label)
			g.onDay[d.Day()]++
		}
	}
	return g, true
}

func (g *monthGrid) weekday(day int) time.Weekday {
	return time.Date(g.month.Year(), g.month.Month(), day, 0, 0, 0, 0, data.Shanghai).Weekday()
}

func (g *monthGrid) weekend(day int) bool {
	wd := g.weekday(day)
	return wd == time.Saturday || wd == time.Sunday
}

// gridHeading writes the sheet's title block: the property, the form and its month, the serial and the
// state, and the marks of a voided record or a reprint.
func (d *doc) gridHeading(f *data.Form, rec *data.Record, opt Options, month time.Time) {
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
}

// gridTable writes the grid: two heading rows (the day of the month, its weekday), a row a person with
// the days they work, and the people on each day at the foot.
func (d *doc) gridTable(g *monthGrid) {
	dayW := (gridContent - gridNameW - gridSumW) / float64(g.days)
	d.SetDrawColor(60, 60, 60)
	d.SetLineWidth(0.2)
	d.SetFont(fontFamily, "", 8.5)
	x0 := d.GetX()
	d.gridRow(g, dayW, "日期", func(day int) string { return fmt.Sprint(day) }, "天数")
	d.Ln(gridRowH)
	d.SetX(x0)
	d.gridRow(g, dayW, "星期", func(day int) string { return weekdays[g.weekday(day)] }, "")
	d.Ln(gridRowH)
	d.SetFont(fontFamily, "", 10)
	for _, p := range g.people {
		d.need(gridRowH, nil)
		d.SetX(x0)
		worked := 0
		for day := 1; day <= g.days; day++ {
			if g.cells[p][day] != "" {
				worked++
			}
		}
		d.gridRow(g, dayW, p, func(day int) string { return g.cells[p][day] }, fmt.Sprint(worked))
		d.Ln(gridRowH)
	}
	d.SetX(x0)
	d.SetFont(fontFamily, "", 8.5)
	d.gridRow(g, dayW, "当日在岗", func(day int) string {
		if g.onDay[day] == 0 {
			return "无"
		}
		return fmt.Sprint(g.onDay[day])
	}, "")
	d.Ln(gridRowH + 3)
}

// gridRow writes one row of the grid: its label, a cell a day with the weekends shaded, its sum.
func (d *doc) gridRow(g *monthGrid, dayW float64, label string, day func(day int) string, sum string) {
	d.gridCell(gridNameW, label, false)
	for n := 1; n <= g.days; n++ {
		d.gridCell(dayW, day(n), g.weekend(n))
	}
	d.gridCell(gridSumW, sum, false)
}

func (d *doc) gridCell(w float64, s string, fill bool) {
	if fill {
		d.SetFillColor(225, 225, 225)
	}
	d.CellFormat(w, gridRowH, Printable(s), "1", 0, "C", fill, 0, "")
}

// gridLegend writes what is under the grid: the shifts and their hours, the record's other fields and
// the lines of its life.
func (d *doc) gridLegend(f *data.Form, rec *data.Record, opt Options, shifts []data.Field) {
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
		if fl.Key == f.Print.Grid.Month || fl.Type == data.TypeTable || v == "" {
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
}

// shortLabel is the first character of a label: 早 of 早班 07:30-15:30.
func shortLabel(label string) string {
	for _, r := range label {
		return string(r)
	}
	return ""
}
