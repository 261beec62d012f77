package sheet

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"frontdesk/data"
	"frontdesk/reports"
)

// cellFormat is a cell's type and the number format of its style, as the file holds them.
func cellFormat(t *testing.T, x *excelize.File, sheet, cell string) (excelize.CellType, string) {
	t.Helper()
	typ, err := x.GetCellType(sheet, cell)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	id, err := x.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatalf("%s!%s style %d: %v", sheet, cell, id, err)
	}
	if st.CustomNumFmt != nil {
		return typ, *st.CustomNumFmt
	}
	return typ, fmt.Sprint(st.NumFmt)
}

func isText(typ excelize.CellType) bool {
	return typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeFormula
}

// dateFormats are the number formats a date, a time, a moment and a month are shown with.
var dateFormats = map[data.FieldType]string{
	data.TypeDate: "yyyy-mm-dd", data.TypeDateTime: "yyyy-mm-dd hh:mm", data.TypeTime: "hh:mm", data.TypeMonth: "yyyy-mm",
}

// checkTyped checks that a cell holding a field's value is what a spreadsheet can compute with: a date,
// a time or a month a number in a date format that shows it as the record has it; a whole number or
// an amount a number; a computed rate a number in a percent format; and text, a formula's characters
// first included, exactly the text (no apostrophe), as text.
func checkTyped(t *testing.T, x *excelize.File, sheet, cell string, fl data.Field, want string) {
	t.Helper()
	typ, format := cellFormat(t, x, sheet, cell)
	got, _ := x.GetCellValue(sheet, cell)
	switch {
	case dateFormats[fl.Type] != "":
		if isText(typ) || format != dateFormats[fl.Type] {
			t.Errorf("%s!%s %s %q: cell type %v format %q; want a number formatted %q", sheet, cell, fl.Label, want, typ, format, dateFormats[fl.Type])
		}
	case fl.Type == data.TypeInt || fl.Type == data.TypeMoney:
		if isText(typ) {
			t.Errorf("%s!%s %s %q is text; want a number", sheet, cell, fl.Label, want)
		}
	case fl.Auto && strings.HasSuffix(want, "%") && !strings.ContainsAny(want, "（ "):
		if isText(typ) || !strings.HasSuffix(format, "%") {
			t.Errorf("%s!%s %s %q: cell type %v format %q; want a number in a percent format", sheet, cell, fl.Label, want, typ, format)
		}
	default:
		if !isText(typ) {
			t.Errorf("%s!%s %s %q: cell type %v; want text", sheet, cell, fl.Label, want, typ)
		}
	}
	if got != want {
		t.Errorf("%s!%s %s reads %q; want %q", sheet, cell, fl.Label, got, want)
	}
}

// A list's export keeps every date and time a date cell, every count and rate a number, every text
// exactly its text: for every field of every form, on the main sheet and the table sheets; 登记时间
// and 最后修改时间 are date cells too.
func TestListCellsAreTyped(t *testing.T) {
	for _, f := range data.Forms() {
		r := exampleRecord(f, 3)
		r.UpdatedAt, r.UpdatedBy = printedAt.Add(time.Hour), "王主管"
		for _, fl := range f.Fields {
			if fl.Type == data.TypeText && !fl.Auto && r.Values[fl.Key] != "" {
				r.Values[fl.Key] = "=SUM(A1:A9)"
				break
			}
		}
		l, err := NewList(f, ListOptions{Period: "2026-11", By: "王主管", At: printedAt})
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Add(r); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := l.Finish(&buf); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		main := x.GetSheetName(0)
		rows, _ := x.GetRows(main)
		col := map[string]int{}
		for i, h := range rows[ListHeader-1] {
			col[h] = i + 1
		}
		cell := func(label string, row int) string {
			c, _ := excelize.CoordinatesToCellName(col[label], row)
			return c
		}
		si := 1
		for _, fl := range f.Fields {
			if fl.Type == data.TypeTable {
				ts := x.GetSheetList()[si]
				si++
				for i, item := range r.Tables[fl.Key] {
					for j, c := range fl.Columns {
						if item[c.Key] == "" {
							continue
						}
						name, _ := excelize.CoordinatesToCellName(3+j, ListHeader+1+i)
						checkTyped(t, x, ts, name, c, item[c.Key])
					}
				}
				continue
			}
			if v := r.Values[fl.Key]; v != "" {
				checkTyped(t, x, main, cell(fl.Label, ListHeader+1), fl, v)
			}
		}
		stamp := data.Field{Label: "登记时间", Type: data.TypeDateTime}
		checkTyped(t, x, main, cell("登记时间", ListHeader+1), stamp, r.CreatedAt.In(data.Shanghai).Format(data.LayoutDateTime))
		stamp.Label = "最后修改时间"
		checkTyped(t, x, main, cell("最后修改时间", ListHeader+1), stamp, r.UpdatedAt.In(data.Shanghai).Format(data.LayoutDateTime))
		x.Close()
	}
}

// A record's spreadsheet keeps its dates, times, counts and rates as cells a spreadsheet computes
// with, and its text exactly, for every form.
func TestRecordCellsAreTyped(t *testing.T) {
	for _, f := range data.Forms() {
		rec := exampleRecord(f, 4)
		for _, fl := range f.Fields {
			if fl.Type == data.TypeText && !fl.Auto && rec.Values[fl.Key] != "" {
				rec.Values[fl.Key] = "+86 转 @前台"
				break
			}
		}
		var buf bytes.Buffer
		if err := Record(&buf, rec, reports.Options{PrintedAt: printedAt, ShowPersonal: true}); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sn := x.GetSheetName(0)
		rows, _ := x.GetRows(sn)
		// A field's value stands beside its label; a table's rows under its header row.
		for _, fl := range f.Fields {
			if fl.Type == data.TypeTable {
				items := rec.Tables[fl.Key]
				for n, r := range rows {
					if len(r) < 2 || r[0] != "序号" || len(fl.Columns) == 0 || r[1] != fl.Columns[0].Label || n == 0 || rows[n-1][0] != fl.Label {
						continue
					}
					for i, item := range items {
						no, _ := excelize.CoordinatesToCellName(1, n+2+i)
						if typ, _ := cellFormat(t, x, sn, no); isText(typ) {
							t.Errorf("%s %s: 序号 is text; want a number", f.Key, fl.Label)
						}
						for j, c := range fl.Columns {
							if item[c.Key] == "" {
								continue
							}
							name, _ := excelize.CoordinatesToCellName(2+j, n+2+i)
							checkTyped(t, x, sn, name, c, data.Display(c, item[c.Key]))
						}
					}
				}
				continue
			}
			v := rec.Values[fl.Key]
			if v == "" {
				continue
			}
			found := false
			for n, r := range rows {
				if len(r) > 1 && r[0] == fl.Label {
					name, _ := excelize.CoordinatesToCellName(2, n+1)
					checkTyped(t, x, sn, name, fl, data.Display(fl, v))
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: no row for %s", f.Key, fl.Label)
			}
		}
		x.Close()
	}
}

// A workbook's own tables (the month pack's board) keep a rate a number in a percent format, a count a
// number, and text as text.
func TestBookTableCellsAreTyped(t *testing.T) {
	b := NewBook()
	if err := b.Table("本月达标", "本月达标", []string{"规定", "本月", "目标", "次数"}, [][]any{
		{"有效投诉回访率", Figure("93.8%"), Figure("100%"), 3},
		{"=走访率", Figure("3 周 / 4 周"), Figure("≥5%"), Figure("12")},
	}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	want := []struct {
		cell, shown, format string
		text                bool
	}{
		{"A4", "有效投诉回访率", "", true}, {"B4", "93.8%", "0.0%", false}, {"C4", "100%", "0%", false}, {"D4", "3", "", false},
		{"A5", "=走访率", "", true}, {"B5", "3 周 / 4 周", "", true}, {"C5", "≥5%", "", true}, {"D5", "12", "", false},
	}
	for _, w := range want {
		typ, format := cellFormat(t, x, "本月达标", w.cell)
		got, _ := x.GetCellValue("本月达标", w.cell)
		if isText(typ) != w.text || got != w.shown || (w.format != "" && format != w.format) {
			t.Errorf("%s: type %v %q format %q; want text %v %q format %q", w.cell, typ, got, format, w.text, w.shown, w.format)
		}
	}
}
