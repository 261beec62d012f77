package sheet

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"frontdesk/data"
)

// ListOptions say what a list's export is of and who made it.
type ListOptions struct {
	PropertyName string
	// Period and Search are the list's date range and search, as its heading says them.
	Period, Search string
	By             string
	At             time.Time
	// Status is a record's standing as the list shows it (在场, 待回访 超时2小时).
	Status func(r *data.Record) string
}

// List is a list's records as a spreadsheet, written as they come (a decade of the visitor log is
// never held in memory): one row a record with every field of the form, not only the list's columns,
// and a sheet for each table field with a row per item, keyed by the record's serial. A form for staff
// only says so above its rows on every sheet.
type List struct {
	form   *data.Form
	opt    ListOptions
	x      *excelize.File
	main   *excelize.StreamWriter
	tables []*tableSheet
	cols   []data.Field // the fields of the main sheet, in the form's order
	row    int
	n      int
	cells  cells
	err    error
}

type tableSheet struct {
	field data.Field
	sw    *excelize.StreamWriter
	row   int
}

// headRows are the rows above a sheet's header: the title, the period and who exported it, and the
// staff-only line (empty for other forms).
const headRows = 3

// ListHeader is the row of the column names, under the heading rows.
const ListHeader = headRows + 1

// NewList starts a list's spreadsheet.
func NewList(f *data.Form, opt ListOptions) (*List, error) {
	x := excelize.NewFile()
	l, err := newList(x, f, opt, map[string]bool{}, true)
	if err != nil {
		x.Close()
		return nil, err
	}
	return l, nil
}

// newList adds a list's sheets to x, named apart from used; first renames x's first, empty sheet.
func newList(x *excelize.File, f *data.Form, opt ListOptions, used map[string]bool, first bool) (*List, error) {
	l := &List{form: f, opt: opt, x: x, row: ListHeader + 1}
	name := sheetName(f.Name, used)
	used[name] = true
	if first {
		if err := l.x.SetSheetName("Sheet1", name); err != nil {
			return nil, fmt.Errorf("sheet name %s: %w", name, err)
		}
	} else if _, err := l.x.NewSheet(name); err != nil {
		return nil, fmt.Errorf("sheet %s: %w", name, err)
	}
	var err error
	if l.main, err = l.x.NewStreamWriter(name); err != nil {
		return nil, fmt.Errorf("spreadsheet of %s: %w", f.Name, err)
	}
	l.cells = newCells(l.x)
	bold, _ := l.x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"F0F0F0"}, Pattern: 1}})
	title, _ := l.x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	red, _ := l.x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}})
	header := []string{"编号", "状态"}
	for _, fl := range f.Fields {
		if fl.Type == data.TypeTable {
			ts := &tableSheet{field: fl, row: ListHeader + 1}
			tn := sheetName(f.Name+"-"+fl.Label, used)
			used[tn] = true
			if _, err := l.x.NewSheet(tn); err != nil {
				return nil, fmt.Errorf("sheet %s: %w", tn, err)
			}
			if ts.sw, err = l.x.NewStreamWriter(tn); err != nil {
				return nil, fmt.Errorf("sheet %s: %w", tn, err)
			}
			th := []string{"编号", "序号"}
			for _, c := range fl.Columns {
				th = append(th, c.Label)
			}
			l.heading(ts.sw, f.Title()+" "+fl.Label, th, bold, title, red)
			l.tables = append(l.tables, ts)
			continue
		}
		l.cols = append(l.cols, fl)
		header = append(header, fl.Label)
	}
	header = append(header, "作废原因", "登记人", "登记时间", "最后修改人", "最后修改时间")
	l.heading(l.main, f.Title(), header, bold, title, red)
	if l.err != nil {
		return nil, l.err
	}
	return l, nil
}

// heading writes a sheet's widths, heading rows and header, and freezes the header.
func (l *List) heading(sw *excelize.StreamWriter, title string, header []string, bold, big, red int) {
	if l.err != nil {
		return
	}
	set := func(e error) {
		if l.err == nil && e != nil {
			l.err = fmt.Errorf("spreadsheet of %s: %w", l.form.Name, e)
		}
	}
	set(sw.SetColWidth(1, 1, 16))
	set(sw.SetColWidth(2, len(header), 18))
	set(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: ListHeader, TopLeftCell: fmt.Sprintf("A%d", ListHeader+1), ActivePane: "bottomLeft"}))
	if l.opt.PropertyName != "" {
		title = l.opt.PropertyName + " " + title
	}
	set(sw.SetRow("A1", []any{excelize.Cell{StyleID: big, Value: title}}))
	line := "日期：" + l.opt.Period
	if l.opt.Search != "" {
		line += "　搜索：" + l.opt.Search
	}
	line += "　导出：" + l.opt.By + " " + l.opt.At.In(data.Shanghai).Format(data.LayoutDateTime)
	set(sw.SetRow("A2", []any{line}))
	if l.form.Internal != "" {
		set(sw.SetRow("A3", []any{excelize.Cell{StyleID: red, Value: l.form.Internal}}))
	}
	row := make([]any, len(header))
	for i, h := range header {
		row[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	set(sw.SetRow(fmt.Sprintf("A%d", ListHeader), row))
}

// Add writes one record: its row, and its items on the table sheets.
func (l *List) Add(r *data.Record) error {
	if l.err != nil {
		return l.err
	}
	status := ""
	if l.opt.Status != nil {
		status = l.opt.Status(r)
	}
	row := []any{r.Serial, status}
	for _, fl := range l.cols {
		row = append(row, l.cells.field(fl, r.Values[fl.Key]))
	}
	row = append(row, cellText(r.VoidReason), cellText(r.CreatedBy), l.cells.moment(r.CreatedAt), cellText(r.UpdatedBy), l.cells.moment(r.UpdatedAt))
	if err := l.main.SetRow(fmt.Sprintf("A%d", l.row), row); err != nil {
		l.err = fmt.Errorf("spreadsheet of %s: %w", r.Serial, err)
		return l.err
	}
	l.row++
	for _, ts := range l.tables {
		for i, item := range r.Tables[ts.field.Key] {
			cells := []any{r.Serial, i + 1}
			for _, c := range ts.field.Columns {
				cells = append(cells, l.cells.field(c, item[c.Key]))
			}
			if err := ts.sw.SetRow(fmt.Sprintf("A%d", ts.row), cells); err != nil {
				l.err = fmt.Errorf("spreadsheet of %s: %w", r.Serial, err)
				return l.err
			}
			ts.row++
		}
	}
	l.n++
	return nil
}

// Count is how many records were added.
func (l *List) Count() int { return l.n }

// Finish writes the count under the rows and the file to w, and frees the spreadsheet.
func (l *List) Finish(w io.Writer) error {
	defer l.x.Close()
	if err := l.flush(); err != nil {
		return err
	}
	if err := l.x.Write(w); err != nil {
		return fmt.Errorf("spreadsheet of %s: %w", l.form.Name, err)
	}
	return nil
}

// flush ends the list's sheets with the count under the rows.
func (l *List) flush() error {
	if l.err != nil {
		return l.err
	}
	if err := l.main.SetRow(fmt.Sprintf("A%d", l.row+1), []any{fmt.Sprintf("共 %d 条", l.n)}); err != nil {
		return fmt.Errorf("spreadsheet of %s: %w", l.form.Name, err)
	}
	for _, sw := range append([]*excelize.StreamWriter{l.main}, l.streams()...) {
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("spreadsheet of %s: %w", l.form.Name, err)
		}
	}
	return nil
}

// Abandon frees a spreadsheet that will not be written.
func (l *List) Abandon() { l.x.Close() }

func (l *List) streams() []*excelize.StreamWriter {
	var s []*excelize.StreamWriter
	for _, ts := range l.tables {
		s = append(s, ts.sw)
	}
	return s
}

// sheetName is a name Excel accepts for a sheet: at most 31 characters, none of : \ / ? * [ ], and not
// one of used.
func sheetName(name string, used map[string]bool) string {
	name = strings.NewReplacer(":", "：", "\\", "、", "/", "、", "?", "？", "*", "＊", "[", "【", "]", "】").Replace(name)
	r := []rune(name)
	if len(r) > 31 {
		r = r[:31]
	}
	name = string(r)
	for i := 2; used[name]; i++ {
		suffix := []rune(strconv.Itoa(i))
		name = string(r[:min(len(r), 31-len(suffix))]) + string(suffix)
	}
	return name
}

// Book is a workbook of several sheets written together: the month pack's figures, and the month's
// records of each form behind them.
type Book struct {
	x     *excelize.File
	used  map[string]bool
	lists []*List
	cells cells
	first bool
	err   error
}

// NewBook starts a workbook.
func NewBook() *Book {
	x := excelize.NewFile()
	return &Book{x: x, used: map[string]bool{}, cells: newCells(x), first: true}
}

// Table adds a sheet of a title, a header under it and rows. A cell is a string (text), a number, a
// Rate (a number shown as a percent) or a time.Time (a date cell); Figure makes one of a computed
// figure's text.
func (b *Book) Table(name, title string, header []string, rows [][]any) error {
	if b.err != nil {
		return b.err
	}
	sn := sheetName(name, b.used)
	b.used[sn] = true
	if b.first {
		b.err = b.x.SetSheetName("Sheet1", sn)
		b.first = false
	} else {
		_, b.err = b.x.NewSheet(sn)
	}
	if b.err != nil {
		return fmt.Errorf("sheet %s: %w", sn, b.err)
	}
	bold, _ := b.x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"F0F0F0"}, Pattern: 1}})
	big, _ := b.x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	set := func(col, row int, v any, style int) {
		if b.err != nil {
			return
		}
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if b.err = put(b.x, sn, cell, b.cells.value(v)); b.err == nil && style != 0 {
			b.err = b.x.SetCellStyle(sn, cell, cell, style)
		}
	}
	set(1, 1, title, big)
	for i, h := range header {
		set(i+1, 3, h, bold)
	}
	for r, row := range rows {
		for i, v := range row {
			set(i+1, r+4, v, 0)
		}
	}
	if b.err == nil {
		b.err = b.x.SetColWidth(sn, "A", "A", 34)
	}
	if b.err == nil {
		b.err = b.x.SetColWidth(sn, "B", "H", 22)
	}
	if b.err != nil {
		return fmt.Errorf("sheet %s: %w", sn, b.err)
	}
	return nil
}

// List adds the sheets of a list of records.
func (b *Book) List(f *data.Form, opt ListOptions) (*List, error) {
	if b.err != nil {
		return nil, b.err
	}
	l, err := newList(b.x, f, opt, b.used, b.first)
	if err != nil {
		b.err = err
		return nil, err
	}
	b.first = false
	b.lists = append(b.lists, l)
	return l, nil
}

// Write ends every list and writes the workbook to w, and frees it.
func (b *Book) Write(w io.Writer) error {
	defer b.x.Close()
	if b.err != nil {
		return b.err
	}
	for _, l := range b.lists {
		if err := l.flush(); err != nil {
			return err
		}
	}
	if err := b.x.Write(w); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	return nil
}

// Rows writes a plain table as a spreadsheet: the header in the first row (so a registry exported can
// be imported again), the rows under it, each cell its text exactly (a string cell, never evaluated:
// a phone keeps its leading 0, a note that starts with = its =).
func Rows(w io.Writer, name string, header []string, rows [][]string) error {
	x := excelize.NewFile()
	defer x.Close()
	sn := sheetName(name, nil)
	if err := x.SetSheetName("Sheet1", sn); err != nil {
		return fmt.Errorf("sheet %s: %w", sn, err)
	}
	sw, err := x.NewStreamWriter(sn)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sn, err)
	}
	bold, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"F0F0F0"}, Pattern: 1}})
	if err := sw.SetColWidth(1, max(len(header), 1), 18); err != nil {
		return fmt.Errorf("sheet %s: %w", sn, err)
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return fmt.Errorf("sheet %s: %w", sn, err)
	}
	for r, row := range rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = cellText(v)
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", r+2), cells); err != nil {
			return fmt.Errorf("sheet %s: %w", sn, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", sn, err)
	}
	return x.Write(w)
}
