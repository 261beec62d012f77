package sheet

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"frontdesk/data"
)

// The list export of every form holds every field of every record, not only the list's columns: a row
// a record under a header of the form's labels, the items of its tables on a sheet each keyed by the
// serial, the count under the rows; a formula typed as text stays its text, with no apostrophe; amounts
// and whole numbers are numbers; a form for staff only says so on each sheet.
func TestListXLSXHasEveryFieldOfEveryRecord(t *testing.T) {
	for _, f := range data.Forms() {
		var recs []*data.Record
		for i := 0; i < 3; i++ {
			r := exampleRecord(f, int64(10+i))
			r.Serial = fmt.Sprintf("%s-20261127-%03d", f.Prefix, i+1)
			recs = append(recs, r)
		}
		for _, fl := range f.Fields {
			if fl.Type == data.TypeText && !fl.Auto && recs[1].Values[fl.Key] != "" {
				recs[1].Values[fl.Key] = "=HYPERLINK(\"http://x\")"
				break
			}
		}
		recs[2].Status, recs[2].VoidReason = data.StatusVoid, "登记重复"
		l, err := NewList(f, ListOptions{PropertyName: "城市假日花园客户服务中心", Period: "2026-11-01 至 2026-11-30", Search: "=2", By: "王主管", At: printedAt,
			Status: func(r *data.Record) string { return "状态" + r.Serial[len(r.Serial)-1:] }})
		if err != nil {
			t.Fatalf("%s: %v", f.Key, err)
		}
		for _, r := range recs {
			if err := l.Add(r); err != nil {
				t.Fatalf("%s: %v", f.Key, err)
			}
		}
		var buf bytes.Buffer
		if err := l.Finish(&buf); err != nil {
			t.Fatalf("%s: %v", f.Key, err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("%s: %v", f.Key, err)
		}
		main := x.GetSheetName(0)
		rows, err := x.GetRows(main)
		if err != nil {
			t.Fatalf("%s: %v", f.Key, err)
		}
		if len(rows) != ListHeader+len(recs)+2 {
			t.Fatalf("%s: %d rows, want header rows, %d records, a blank row and the count", f.Key, len(rows), len(recs))
		}
		if !strings.Contains(rows[0][0], f.Title()) || !strings.Contains(rows[1][0], "2026-11-01 至 2026-11-30") {
			t.Errorf("%s heading %q %q", f.Key, rows[0], rows[1])
		}
		if f.Internal != "" && (len(rows[2]) == 0 || rows[2][0] != f.Internal) {
			t.Errorf("%s: the staff-only line is missing: %q", f.Key, rows[2])
		}
		header := rows[ListHeader-1]
		col := map[string]int{}
		for i, h := range header {
			col[h] = i
		}
		get := func(row []string, label string) string {
			i, ok := col[label]
			if !ok {
				t.Fatalf("%s: no column %s in %q", f.Key, label, header)
			}
			if i < len(row) {
				return row[i]
			}
			return ""
		}
		tableSheets := 0
		for n, r := range recs {
			row := rows[ListHeader+n]
			if get(row, "编号") != r.Serial || get(row, "状态") != "状态"+r.Serial[len(r.Serial)-1:] {
				t.Errorf("%s row %d: %q", f.Key, n, row)
			}
			for _, fl := range f.Fields {
				if fl.Type == data.TypeTable {
					if n == 0 {
						tableSheets++
					}
					continue
				}
				want := r.Values[fl.Key]
				if got := get(row, fl.Label); got != want {
					t.Errorf("%s %s %s: %q, want %q", f.Key, r.Serial, fl.Label, got, want)
				}
			}
			if got := get(row, "作废原因"); got != r.VoidReason {
				t.Errorf("%s %s 作废原因 %q", f.Key, r.Serial, got)
			}
		}
		if got := rows[len(rows)-1][0]; got != "共 3 条" {
			t.Errorf("%s count line %q", f.Key, got)
		}
		if sheets := x.GetSheetList(); len(sheets) != 1+tableSheets {
			t.Errorf("%s: sheets %q, want one and one per table", f.Key, sheets)
		}
		// The items of each table, a row an item, keyed by serial and position.
		si := 1
		for _, fl := range f.Fields {
			if fl.Type != data.TypeTable {
				continue
			}
			items, err := x.GetRows(x.GetSheetList()[si])
			si++
			if err != nil {
				t.Fatal(err)
			}
			if f.Internal != "" && items[2][0] != f.Internal {
				t.Errorf("%s %s: the staff-only line is missing", f.Key, fl.Label)
			}
			at := ListHeader
			for _, r := range recs {
				for i, item := range r.Tables[fl.Key] {
					got := items[at]
					at++
					if got[0] != r.Serial || got[1] != fmt.Sprint(i+1) {
						t.Errorf("%s %s item %d keyed %q", f.Key, fl.Label, i, got[:2])
					}
					for j, c := range fl.Columns {
						g := ""
						if 2+j < len(got) {
							g = got[2+j]
						}
						if want := item[c.Key]; g != want {
							t.Errorf("%s %s %s row %d: %q, want %q", f.Key, fl.Label, c.Label, i, g, want)
						}
					}
				}
			}
			if len(items) != at {
				t.Errorf("%s %s: %d rows, want %d", f.Key, fl.Label, len(items), at)
			}
		}
		// Numbers are numbers, so a column adds up in Excel.
		for _, fl := range f.Fields {
			if (fl.Type == data.TypeInt || fl.Type == data.TypeMoney) && recs[0].Values[fl.Key] != "" {
				cell, _ := excelize.CoordinatesToCellName(col[fl.Label]+1, ListHeader+1)
				if typ, _ := x.GetCellType(main, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
					t.Errorf("%s %s is text in the spreadsheet, want a number", f.Key, fl.Label)
				}
			}
		}
		x.Close()
	}
}

// Sheet names stay what Excel accepts, and distinct, however long or odd the form's and table's names.
func TestSheetNames(t *testing.T) {
	used := map[string]bool{}
	long := strings.Repeat("长", 40) + "/?*[]:\\"
	for i := 0; i < 12; i++ {
		n := sheetName(long, used)
		if len([]rune(n)) > 31 || strings.ContainsAny(n, ":\\/?*[]") || used[n] {
			t.Fatalf("sheet name %q (used %v)", n, used)
		}
		used[n] = true
	}
}
