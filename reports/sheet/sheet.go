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
	row := 1
	var err error
	set := func(col int, v string) {
		if err != nil {
			return
		}
		cell, e := excelize.CoordinatesToCellName(col, row)
		if r := []rune(v); len(r) > maxCell {
			// A cell holds 32,767 characters: a longer text (years of follow-ups) is cut, and says so.
			v = string(r[:maxCell]) + "……（以下略，全文见打印件）"
		}
		if e == nil {
			e = x.SetCellStr(sheet, cell, data.SafeCell(v))
		}
		err = e
	}
	bold, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	title, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	label, _ := x.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"F0F0F0"}, Pattern: 1}})
	style := func(s int, cols int) {
		from, _ := excelize.CoordinatesToCellName(1, row)
		to, _ := excelize.CoordinatesToCellName(max(cols, 1), row)
		if e := x.SetCellStyle(sheet, from, to, s); e != nil && err == nil {
			err = e
		}
	}
	if opt.PropertyName != "" {
		set(1, opt.PropertyName)
		row++
	}
	set(1, f.Title())
	style(title, 1)
	row++
	set(1, "编号")
	set(2, rec.Serial)
	if rec.Voided() {
		set(3, "已作废："+rec.VoidReason)
	}
	row += 2
	for _, fl := range f.Fields {
		if fl.Auto && rec.Values[fl.Key] == "" && len(rec.Tables[fl.Key]) == 0 {
			continue
		}
		if fl.Type != data.TypeTable {
			set(1, fl.Label)
			style(label, 1)
			set(2, opt.Shown(fl, rec.Values[fl.Key]))
			row++
			continue
		}
		row++
		set(1, fl.Label)
		style(bold, 1)
		row++
		set(1, "序号")
		for i, c := range fl.Columns {
			set(i+2, c.Label)
		}
		style(label, len(fl.Columns)+1)
		row++
		for n, r := range rec.Tables[fl.Key] {
			set(1, fmt.Sprint(n+1))
			for i, c := range fl.Columns {
				set(i+2, opt.Shown(c, r[c.Key]))
			}
			row++
		}
		row++
	}
	for _, n := range opt.Notes {
		set(1, n)
		row++
	}
	if err != nil {
		return fmt.Errorf("spreadsheet of %s: %w", rec.Serial, err)
	}
	_ = x.SetColWidth(sheet, "A", "A", 26)
	_ = x.SetColWidth(sheet, "B", "J", 18)
	if err := x.Write(w); err != nil {
		return fmt.Errorf("spreadsheet of %s: %w", rec.Serial, err)
	}
	return nil
}
