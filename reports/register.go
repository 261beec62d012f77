package reports

import (
	"fmt"
	"io"
	"math"
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
	// registerPadX and registerPadY are a cell's space beside and above and below its text; a code's
	// column is registerSlack wider than the code, so that measuring it character by character when the
	// cell is set never comes out a hair wider than measured whole.
	registerPadX  = 0.8
	registerPadY  = 0.7
	registerSlack = 0.1
)

// registerSizes are the type sizes a register tries, largest first (registerLayout). 9 pt reads like a
// form; 7 pt is the smallest still read at arm's length on a printed A4 page, a row of one line then
// about 4.5 mm, some thirty rows a page.
var registerSizes = []float64{9, 8, 7.5, 7}

// The register's own columns before the form's list columns: the serial and the standing. Their keys
// cannot be a field's.
const (
	registerSerial = "#serial"
	registerStatus = "#status"
)

// RegisterPDF prints a list as a register: the period's records as a table on A4 landscape, oldest
// first, in the form's list columns; the form's name, the period and the table's header on each page,
// 第 N 页 共 M 页 at its foot; the count and a signature block for whoever reviews it at the end. A form
// for staff only says so on every page. The type is as large as lets every column keep its codes
// whole (registerSizes).
func RegisterPDF(w io.Writer, f *data.Form, recs []*data.Record, opt RegisterOptions) error {
	cols := registerColumns(f)
	rows := registerRows(cols, recs, opt)
	d := newDoc(opt.Options, "L")
	lay := d.registerLayout(cols, rows)
	d.SetHeaderFunc(func() { d.registerHeader(f, cols, lay, opt) })
	d.registerFooter(opt)
	d.AddPage()
	d.SetFont(fontFamily, "", lay.size)
	if len(rows) == 0 {
		d.text(registerContent, rowH, "（本期没有记录）", "C", "1")
		d.Ln(-1)
	}
	for n, row := range rows {
		d.registerRow(n, row, recs[n].Voided(), cols, lay)
	}
	d.registerClose(f, recs)
	return d.output(w, f.Name+" 登记簿")
}

// registerLayout is how a register's table is set: its type size and line height, the width of the
// 序号 column and of each column, and which columns put a moment's time under its date.
type registerLayout struct {
	size, lineH, noW float64
	widths           []float64
	split            []bool
}

// registerKind is how a column's values are set: free text and a choice (港澳台居民居住证) wrap, at
// words; a moment keeps its date and its time whole, on one line or, when the page is short of room,
// the time under the date; anything else (serial, ID, phone, plate, unit, date, number, name) keeps its
// line.
func registerKind(c data.Field) (wraps, moment bool) {
	switch c.Type {
	case data.TypeText, data.TypeMultiline, data.TypeChoice:
		return c.Key != registerSerial, false
	case data.TypeDateTime:
		return false, true
	}
	return false, false
}

// registerLayout chooses the register's type and widths: the largest size at which every column that
// keeps its line has the width of its widest value, the free-text columns a few characters and each
// header two lines at most (moments on one line, or if they must the time under the date), and a page
// still holds registerPageRows rows of these records; failing that, the layout that fits the most.
func (d *doc) registerLayout(cols []data.Field, rows []data.Row) registerLayout {
	sample := rows
	if n := len(rows); n > registerSample {
		sample = make([]data.Row, 0, registerSample)
		for i := 0; i < registerSample; i++ {
			sample = append(sample, rows[i*n/registerSample])
		}
	}
	var best registerLayout
	bestH := math.Inf(1)
	for _, split := range []bool{false, true} {
		for _, size := range registerSizes {
			lay, ok := d.registerFit(cols, rows, size, split)
			if !ok {
				continue
			}
			h := d.registerHeight(cols, sample, lay)
			if len(sample) == 0 || registerTableH/(h/float64(len(sample))) >= registerPageRows {
				d.SetFont(fontFamily, "", lay.size)
				return lay
			}
			if h < bestH {
				best, bestH = lay, h
			}
		}
	}
	if math.IsInf(bestH, 1) {
		// More columns than a page holds even so: shared by weight, and long codes wrap.
		size := registerSizes[len(registerSizes)-1]
		best = registerLayout{size: size, lineH: size * ptMM * 1.25, split: make([]bool, len(cols))}
		d.SetFont(fontFamily, "", size)
		best.noW = d.registerNoW(len(rows))
		best.widths = columnWidths(registerContent-best.noW, cols)
		for i, c := range cols {
			_, best.split[i] = registerKind(c)
		}
	}
	d.SetFont(fontFamily, "", best.size)
	return best
}

// registerPageRows is how many rows a register's page should hold at least, and registerTableH about
// how tall its table is (A4 landscape less the heading, the header row and the foot).
const (
	registerPageRows = 25
	registerTableH   = 140.0
)

// registerSample is how many rows, evenly spread, a long register's layouts are measured on.
const registerSample = 400

// registerHeight is how tall the rows are in lay.
func (d *doc) registerHeight(cols []data.Field, rows []data.Row, lay registerLayout) float64 {
	d.SetFont(fontFamily, "", lay.size)
	h := 0.0
	for _, r := range rows {
		lines := 1
		for i, c := range cols {
			lines = max(lines, len(d.registerLines(r[c.Key], i, c, lay)))
		}
		h += float64(lines)*lay.lineH + 2*registerPadY
	}
	return h
}

// ptMM is a point in millimetres.
const ptMM = 25.4 / 72

func (d *doc) registerNoW(n int) float64 {
	return max(d.GetStringWidth(fmt.Sprint(n)), d.GetStringWidth("序号")) + 2*registerPadX
}

// registerFit lays the columns out at size, moments split or not, if they fit the page.
func (d *doc) registerFit(cols []data.Field, rows []data.Row, size float64, split bool) (registerLayout, bool) {
	d.SetFont(fontFamily, "", size)
	lay := registerLayout{size: size, lineH: size * ptMM * 1.25, noW: d.registerNoW(len(rows)), split: make([]bool, len(cols))}
	need := make([]float64, len(cols)) // the least each column takes
	nat := make([]float64, len(cols))  // what it takes with every value on one line
	wraps := make([]bool, len(cols))
	total := lay.noW
	for i, c := range cols {
		var moment bool
		wraps[i], moment = registerKind(c)
		lay.split[i] = moment && split
		head := d.GetStringWidth(Printable(c.Label))
		widest := 0.0
		for _, r := range rows {
			v := Printable(r[c.Key])
			widest = max(widest, d.GetStringWidth(v))
			if lay.split[i] {
				for _, part := range strings.Fields(v) {
					need[i] = max(need[i], d.GetStringWidth(part))
				}
			}
		}
		nat[i] = max(widest, head) + 2*registerPadX + registerSlack
		switch {
		case wraps[i]:
			need[i] = min(nat[i], 4*d.GetStringWidth("中")+2*registerPadX)
		case lay.split[i]:
			need[i] += 2*registerPadX + registerSlack
		default:
			need[i] = widest + 2*registerPadX + registerSlack
		}
		// A header goes on two lines at most.
		need[i] = max(need[i], head/2+d.GetStringWidth("中")+2*registerPadX)
		total += need[i]
	}
	avail := registerContent
	if total > avail {
		return lay, false
	}
	lay.widths = append([]float64(nil), need...)
	spare := avail - total
	// The free-text columns first, toward their one-line width; then every column toward its own.
	for _, first := range []bool{true, false} {
		short := 0.0
		for i := range cols {
			if wraps[i] == first {
				short += nat[i] - lay.widths[i]
			}
		}
		if short <= 0 {
			continue
		}
		give := min(spare, short)
		for i := range cols {
			if wraps[i] == first {
				lay.widths[i] += give * (nat[i] - lay.widths[i]) / short
			}
		}
		spare -= give
	}
	if spare > 0 {
		// Room to spare: every column alike, by its width.
		for i := range cols {
			lay.widths[i] += spare * lay.widths[i] / (avail - spare)
		}
	}
	// A moment that now has room for its line keeps it.
	for i, c := range cols {
		if lay.split[i] {
			lay.split[i] = false
			for _, r := range rows {
				if d.GetStringWidth(Printable(r[c.Key]))+2*registerPadX+registerSlack > lay.widths[i] {
					lay.split[i] = true
					break
				}
			}
		}
	}
	return lay, true
}

// registerLines are a cell's lines in its column.
func (d *doc) registerLines(v string, i int, c data.Field, lay registerLayout) []string {
	if lay.split[i] {
		if parts := strings.Fields(v); len(parts) > 1 {
			return parts
		}
	}
	return d.wrap(v, lay.widths[i]-2*registerPadX)
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
// the staff-only line, and the table's header row (a title on two lines where its column is narrow).
func (d *doc) registerHeader(f *data.Form, cols []data.Field, lay registerLayout, opt RegisterOptions) {
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
	d.SetFont(fontFamily, "", lay.size)
	d.SetFillColor(240, 240, 240)
	heads := make([][]string, len(cols))
	lines := 1
	for i, c := range cols {
		heads[i] = d.registerHead(c.Label, lay.widths[i]-2*registerPadX)
		lines = max(lines, len(heads[i]))
	}
	h := float64(lines)*lay.lineH + 2*registerPadY
	x, y := d.GetX(), d.GetY()
	d.registerCell(x, y, lay.noW, h, []string{"序号"}, lay, "C", true)
	x += lay.noW
	for i := range cols {
		d.registerCell(x, y, lay.widths[i], h, heads[i], lay, "C", true)
		x += lay.widths[i]
	}
	d.SetXY(margin, y+h)
}

// registerHead is a column's title in lines no wider than w: a title on two lines is broken in its
// middle (被访/房号, not 被访房/号).
func (d *doc) registerHead(label string, w float64) []string {
	lines := d.wrap(label, w)
	if r := []rune(Printable(label)); len(lines) == 2 && !strings.ContainsAny(label, " \n") {
		half := (len(r) + 1) / 2
		if a, b := string(r[:half]), string(r[half:]); d.GetStringWidth(a) <= w && d.GetStringWidth(b) <= w {
			return []string{a, b}
		}
	}
	return lines
}

// registerCell draws a cell's frame at x, y and its lines in it, the lines centred on its height.
func (d *doc) registerCell(x, y, w, h float64, lines []string, lay registerLayout, align string, fill bool) {
	style := "D"
	if fill {
		style = "FD"
	}
	d.Rect(x, y, w, h, style)
	margin := d.GetCellMargin()
	d.SetCellMargin(registerPadX)
	top := y + (h-float64(len(lines))*lay.lineH)/2
	for j, ln := range lines {
		d.SetXY(x, top+float64(j)*lay.lineH)
		d.text(w, lay.lineH, ln, align, "")
	}
	d.SetCellMargin(margin)
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
func (d *doc) registerRow(n int, row data.Row, voided bool, cols []data.Field, lay registerLayout) {
	cells := make([][]string, len(cols))
	lines := 1
	for i, c := range cols {
		cells[i] = d.registerLines(row[c.Key], i, c, lay)
		lines = max(lines, len(cells[i]))
	}
	h := float64(lines)*lay.lineH + 2*registerPadY
	d.need(h, nil) // the header is the page's own
	x, y := margin, d.GetY()
	if voided {
		d.SetTextColor(150, 150, 150)
	}
	d.registerCell(x, y, lay.noW, h, []string{fmt.Sprint(n + 1)}, lay, "C", false)
	x += lay.noW
	for i, c := range cols {
		align := "L"
		if c.Type == data.TypeInt || c.Type == data.TypeMoney {
			align = "R"
		}
		d.registerCell(x, y, lay.widths[i], h, cells[i], lay, align, false)
		x += lay.widths[i]
	}
	d.SetTextColor(0, 0, 0)
	d.SetXY(margin, y+h)
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
