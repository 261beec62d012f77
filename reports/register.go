package reports

import (
	"fmt"
	"io"
	"strings"

	"frontdesk/data"
)

// RegisterMax is the most records one printed register holds (about 200 pages); a longer period is
// printed in parts.
const RegisterMax = 5000

// RegisterOptions say what a register is of and who printed it.
type RegisterOptions struct {
	Options
	// Period and Search are the list's date range and search, printed on every page.
	Period, Search string
	By             string
	// Status is a record's standing as the list shows it.
	Status func(r *data.Record) string
}

const (
	registerPageW   = 297.0
	registerContent = registerPageW - 2*margin
	registerNoW     = 10.0
)

// The register's own columns before the form's list columns: the serial and the standing. Their keys
// cannot be a field's.
const (
	registerSerial = "#serial"
	registerStatus = "#status"
)

// RegisterPDF prints a list as a register: the period's records as a table on A4 landscape, oldest
// first, in the form's list columns; the form's name, the period and the table's header on each page,
// 第 N 页 共 M 页 at its foot; the count and a signature block for whoever reviews it at the end. A form
// for staff only says so on every page.
func RegisterPDF(w io.Writer, f *data.Form, recs []*data.Record, opt RegisterOptions) error {
	cols := registerColumns(f)
	rows := registerRows(cols, recs, opt)
	d := newDoc(opt.Options, "L")
	d.SetFont(fontFamily, "", 9.5)
	widths := d.columnWidths(registerContent-registerNoW, cols, rows, Options{ShowPersonal: true})
	d.SetHeaderFunc(func() { d.registerHeader(f, cols, widths, opt) })
	d.registerFooter(opt)
	d.AddPage()
	d.SetFont(fontFamily, "", 9.5)
	if len(rows) == 0 {
		d.text(registerContent, rowH, "（本期没有记录）", "C", "1")
		d.Ln(-1)
	}
	for n, row := range rows {
		d.registerRow(n, row, recs[n].Voided(), cols, widths)
	}
	d.registerClose(f, recs)
	return d.output(w, f.Name+" 登记簿")
}

// registerColumns are the register's own columns, then the form's list columns.
func registerColumns(f *data.Form) []data.Field {
	cols := []data.Field{{Key: registerSerial, Label: "编号", Type: data.TypeText}, {Key: registerStatus, Label: "状态", Type: data.TypeText}}
	for _, k := range f.ListColumns {
		if fl, ok := f.Field(k); ok {
			cols = append(cols, fl)
		}
	}
	return cols
}

// registerRows are the records' cells as the register shows them.
func registerRows(cols []data.Field, recs []*data.Record, opt RegisterOptions) []data.Row {
	rows := make([]data.Row, len(recs))
	for i, r := range recs {
		row := data.Row{registerSerial: r.Serial}
		if opt.Status != nil {
			row[registerStatus] = opt.Status(r)
		}
		if r.Voided() {
			row[registerStatus] = "已作废"
		}
		for _, c := range cols[2:] {
			row[c.Key] = opt.value(c, r.Values[c.Key])
		}
		rows[i] = row
	}
	return rows
}

// registerHeader is the top of every page: the property, the register's name, the period and search,
// the staff-only line, and the table's header row.
func (d *doc) registerHeader(f *data.Form, cols []data.Field, widths []float64, opt RegisterOptions) {
	d.SetFont(fontFamily, "", 10)
	if opt.PropertyName != "" {
		d.text(registerContent, 5, opt.PropertyName, "C", "")
		d.Ln(5)
	}
	d.SetFont(fontFamily, "", 15)
	d.text(registerContent, 8, f.Title()+" 登记簿", "C", "")
	d.Ln(9)
	d.SetFont(fontFamily, "", 9.5)
	line := "日期：" + opt.Period
	if opt.Search != "" {
		line += "    搜索：" + opt.Search
	}
	d.text(registerContent/2, 5, line, "L", "")
	if f.Internal != "" {
		d.SetTextColor(192, 0, 0)
		d.text(registerContent/2, 5, f.Internal, "R", "")
		d.SetTextColor(0, 0, 0)
	}
	d.Ln(6)
	d.SetFillColor(240, 240, 240)
	d.CellFormat(registerNoW, rowH-1, "序号", "1", 0, "C", true, 0, "")
	for i, c := range cols {
		d.CellFormat(widths[i], rowH-1, Printable(c.Label), "1", 0, "C", true, 0, "")
	}
	d.Ln(-1)
}

// registerFooter puts who printed the register and when, and the page, at the foot of every page.
func (d *doc) registerFooter(opt RegisterOptions) {
	d.SetFooterFunc(func() {
		_, pageH := d.GetPageSize()
		d.SetY(pageH - margin + 2)
		d.SetFont(fontFamily, "", 8)
		d.SetTextColor(90, 90, 90)
		d.text(registerContent/2, 4, fmt.Sprintf("%s 打印于 %s", opt.By, opt.PrintedAt.In(data.Shanghai).Format(data.LayoutDateTime)), "L", "")
		d.text(registerContent/2, 4, fmt.Sprintf("第 %d 页 共 {nb} 页", d.PageNo()), "R", "")
		d.SetTextColor(0, 0, 0)
	})
	d.AliasNbPages("{nb}")
}

// registerRow writes the register's row n, as tall as its longest cell; a voided record in grey.
func (d *doc) registerRow(n int, row data.Row, voided bool, cols []data.Field, widths []float64) {
	cells := make([][]string, len(cols))
	h := rowH - 1
	for i, c := range cols {
		cells[i] = d.wrap(row[c.Key], widths[i]-2)
		h = max(h, float64(len(cells[i]))*lineH+1.8)
	}
	d.need(h, nil) // the header is the page's own
	x, y := d.GetX(), d.GetY()
	if voided {
		d.SetTextColor(150, 150, 150)
	}
	d.CellFormat(registerNoW, h, fmt.Sprint(n+1), "1", 0, "C", false, 0, "")
	cx := x + registerNoW
	for i := range cols {
		d.Rect(cx, y, widths[i], h, "D")
		for j, ln := range cells[i] {
			d.SetXY(cx+1, y+0.9+float64(j)*lineH)
			d.text(widths[i]-2, lineH, ln, "L", "")
		}
		cx += widths[i]
	}
	d.SetTextColor(0, 0, 0)
	d.SetXY(x, y+h)
}

// registerClose writes the count and the reviewer's signature line, which stay together on the last
// page.
func (d *doc) registerClose(f *data.Form, recs []*data.Record) {
	d.need(26, nil)
	d.Ln(4)
	d.SetFont(fontFamily, "", 10.5)
	voided := 0
	for _, r := range recs {
		if r.Voided() {
			voided++
		}
	}
	count := fmt.Sprintf("共 %d 条", len(recs))
	if voided > 0 {
		count += fmt.Sprintf("（其中已作废 %d 条）", voided)
	}
	d.text(registerContent, 6, count, "L", "")
	d.Ln(10)
	who := f.RegisterSign
	if who == "" {
		who = "审阅人"
	}
	d.text(registerContent/2, 8, who+"（签字）："+strings.Repeat("_", 24), "L", "")
	d.text(registerContent/2, 8, "日期：______年____月____日", "L", "")
	d.Ln(8)
}
