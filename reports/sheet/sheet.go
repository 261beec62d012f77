// Package sheet writes records as spreadsheets for Excel or WPS. It is apart from reports so that the
// print package links no spreadsheet library.
package sheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"frontdesk/data"
	"frontdesk/reports"
)

// maxCell is how much of a text goes into one cell: Excel's limit is 32,767 characters.
const maxCell = 32000

// Record writes a record as a spreadsheet for Excel or WPS: a title, the serial, each field as a
// label and its value, each table as a block with its header row, in the order of the paper form;
// what the paper masks is masked here too. A month's 《部门客户投诉工作月报》 or 《接受服务业户名单》
// goes to the manager this way.
func Record(w io.Writer, rec *data.Record, opt reports.Options) error {
	f, ok := data.FormByKey(rec.Kind)
	if !ok {
		return fmt.Errorf("form %q: %w", rec.Kind, data.ErrUnknownForm)
	}
	x := excelize.NewFile()
	defer x.Close()
	sheet := sheetName(f.Name, nil)
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("sheet name %s: %w", sheet, err)
	}
	s := newRecordSheet(x, sheet)
	s.heading(f, rec, opt)
	for _, fl := range f.Fields {
		if fl.Auto && rec.Values[fl.Key] == "" && len(rec.Tables[fl.Key]) == 0 {
			continue
		}
		if fl.Type == data.TypeTable {
			s.table(fl, rec.Tables[fl.Key], opt)
			continue
		}
		s.set(1, fl.Label)
		s.style(s.label, 1)
		s.put(2, s.cells.field(fl, opt.Shown(fl, rec.Values[fl.Key])))
		s.row++
	}
	for _, n := range opt.Notes {
		s.set(1, n)
		s.row++
	}
	if s.err != nil {
		return fmt.Errorf("spreadsheet of %s: %w", rec.Serial, s.err)
	}
	_ = x.SetColWidth(sheet, "A", "A", 26)
	_ = x.SetColWidth(sheet, "B", "J", 18)
	if err := x.Write(w); err != nil {
		return fmt.Errorf("spreadsheet of %s: %w", rec.Serial, err)
	}
	return nil
}

// recordSheet writes a record's sheet row by row. Its first error is kept and the cells after it are
// skipped, so the layout reads without a check after every cell.
type recordSheet struct {
	x     *excelize.File
	sheet string
	row   int
	err   error
	// The styles of a table's name, the title and a label, and of the typed cells.
	bold, title, label int
	cells              cells
}

func newRecordSheet(x *excelize.File, sheet string) *recordSheet {
	s := &recordSheet{x: x, sheet: sheet, row: 1, cells: newCells(x)}
	s.bold, _ = x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	s.title, _ = x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.label, _ = x.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"F0F0F0"}, Pattern: 1}})
	return s
}

// set writes the text v into column col of the current row. A cell holds 32,767 characters: a longer
// text (years of follow-ups) is cut, and says so.
func (s *recordSheet) set(col int, v string) { s.put(col, cellText(v)) }

// put writes a cell made by s.cells into column col of the current row.
func (s *recordSheet) put(col int, v any) {
	if s.err != nil {
		return
	}
	cell, e := excelize.CoordinatesToCellName(col, s.row)
	if e == nil {
		e = put(s.x, s.sheet, cell, v)
	}
	s.err = e
}

// style gives the current row's first cols cells the style st.
func (s *recordSheet) style(st int, cols int) {
	from, _ := excelize.CoordinatesToCellName(1, s.row)
	to, _ := excelize.CoordinatesToCellName(max(cols, 1), s.row)
	if e := s.x.SetCellStyle(s.sheet, from, to, st); e != nil && s.err == nil {
		s.err = e
	}
}

// heading writes the property, the form's title, the serial and, for a voided record, why it was
// voided.
func (s *recordSheet) heading(f *data.Form, rec *data.Record, opt reports.Options) {
	if opt.PropertyName != "" {
		s.set(1, opt.PropertyName)
		s.row++
	}
	s.set(1, f.Title())
	s.style(s.title, 1)
	s.row++
	s.set(1, "编号")
	s.set(2, rec.Serial)
	if rec.Voided() {
		s.set(3, "已作废："+rec.VoidReason)
	}
	s.row += 2
}

// table writes a table field as a block: its name, its header row, a numbered row a row, and a blank
// row on either side.
func (s *recordSheet) table(fl data.Field, rows []data.Row, opt reports.Options) {
	s.row++
	s.set(1, fl.Label)
	s.style(s.bold, 1)
	s.row++
	s.set(1, "序号")
	for i, c := range fl.Columns {
		s.set(i+2, c.Label)
	}
	s.style(s.label, len(fl.Columns)+1)
	s.row++
	for n, r := range rows {
		s.put(1, n+1)
		for i, c := range fl.Columns {
			s.put(i+2, s.cells.field(c, opt.Shown(c, r[c.Key])))
		}
		s.row++
	}
	s.row++
}
