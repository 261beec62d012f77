package reports

import (
	"bytes"
	"fmt"
	"io"

	"github.com/jung-kurt/gofpdf"

	"frontdesk/data"
)

// Chart is a chart image (PNG) for a print.
type Chart struct {
	Title string
	PNG   []byte
}

// PackSection is what the month pack holds of one form: its month's records listed, or each printed
// whole (data.Form.Pack).
type PackSection struct {
	Form    *data.Form
	Records []*data.Record
}

// PackOptions are the month pack's contents.
type PackOptions struct {
	Options
	Month     string // 2026年11月
	By        string
	Rows      []data.BoardRow
	BoardNote string // a line under the board: its year has no holiday schedule (data.CalendarGapFigures)
	Appraisal data.Appraisal
	Charts    []Chart
	Sections  []PackSection
}

// MonthPackPDF writes the manager's month pack: the compliance board with its verdicts, its charts,
// what is behind each figure that falls short, then each form's part: the month's report or plan
// printed whole, the month's checks and visits listed. Every page says the month and its page.
func MonthPackPDF(w io.Writer, opt PackOptions) error {
	d := newDoc(opt.Options, "P")
	title := opt.Month + " 月度资料包"
	d.packFooter(opt.PropertyName + " " + title)
	d.AddPage()
	d.packCover(opt, title)
	d.section("一、本月达标")
	d.board(opt.Rows)
	if opt.BoardNote != "" {
		d.notes([]string{opt.BoardNote})
	}
	if len(opt.Appraisal.People) > 0 {
		d.appraisal(opt.Appraisal, opt.Options)
	}
	if len(opt.Charts) > 0 {
		d.AddPage()
		d.section("二、图表")
		d.packCharts(opt.Charts)
	}
	d.AddPage()
	d.section("三、未达标及进行中项涉及的记录")
	d.shortfalls(opt.Rows)
	for i, s := range opt.Sections {
		heading := fmt.Sprintf("%s、%s", chineseNumber(4+i), s.Form.Title())
		if s.Form.Pack == data.PackRecord {
			d.packRecords(heading, s, opt.Options)
		} else {
			d.packList(heading, s, opt.Options)
		}
	}
	return d.output(w, title)
}

// packFooter puts the pack's name and the page on every page.
func (d *doc) packFooter(name string) {
	d.SetFooterFunc(func() {
		_, pageH := d.GetPageSize()
		d.SetY(pageH - margin + 2)
		d.SetFont(fontFamily, "", 8)
		d.SetTextColor(90, 90, 90)
		d.text(contentW/2, 4, name, "L", "")
		d.text(contentW/2, 4, fmt.Sprintf("第 %d 页 共 {nb} 页", d.PageNo()), "R", "")
		d.SetTextColor(0, 0, 0)
	})
	d.AliasNbPages("{nb}")
}

// packCover writes the top of the first page: the property, the title, who made the pack and when,
// and how the month's figures came out.
func (d *doc) packCover(opt PackOptions, title string) {
	d.SetFont(fontFamily, "", 11)
	d.text(contentW, 6, opt.PropertyName, "C", "")
	d.Ln(7)
	d.SetFont(fontFamily, "", 18)
	d.text(contentW, 10, title, "C", "")
	d.Ln(11)
	d.SetFont(fontFamily, "", 9.5)
	met, near, missed := data.CountVerdicts(opt.Rows)
	d.text(contentW, 5, fmt.Sprintf("编制：%s    生成于 %s    共 %d 项：达标 %d，进行中 %d，未达标 %d", opt.By,
		opt.PrintedAt.In(data.Shanghai).Format(data.LayoutDateTime), len(opt.Rows), met, near, missed), "C", "")
	d.Ln(6)
	// What a verdict means, on the page the verdicts are counted on.
	d.paragraphs([]string{data.VerdictMeaning}, 8.5, 4.2)
	d.Ln(2)
}

// appraisal writes the month's counts against each person as a table under the board.
func (d *doc) appraisal(a data.Appraisal, opt Options) {
	d.need(30, nil)
	d.Ln(4)
	d.SetFont(fontFamily, "", 11)
	d.text(contentW, 7, "个人考核：本月各人计入绩效考核的次数", "L", "")
	d.Ln(8)
	cols := []data.Field{{Key: "#person", Label: "姓名", Type: data.TypePerson}}
	for i, c := range a.Columns {
		cols = append(cols, data.Field{Key: fmt.Sprintf("#c%d", i), Label: c, Type: data.TypeInt})
	}
	var rows []data.Row
	for _, p := range a.People {
		row := data.Row{"#person": p}
		for i, n := range a.Counts[p] {
			row[fmt.Sprintf("#c%d", i)] = fmt.Sprint(n)
		}
		rows = append(rows, row)
	}
	d.table(data.Field{Label: "", Columns: cols}, rows, opt)
}

// packCharts draws the charts the width of the page, one under another.
func (d *doc) packCharts(charts []Chart) {
	for i, c := range charts {
		h := contentW * 7.5 / 14
		d.need(h+4, nil)
		name := fmt.Sprintf("chart%d", i)
		d.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(c.PNG))
		d.ImageOptions(name, margin, d.GetY(), contentW, h, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		d.SetY(d.GetY() + h + 4)
	}
}

// shortfalls lists, for each figure that is near or missed, the records behind it; （无） when every
// figure is met.
func (d *doc) shortfalls(rows []data.BoardRow) {
	listed := false
	for _, r := range rows {
		if r.Figure.Verdict == data.VerdictMet || r.Figure.Verdict == data.VerdictNone || len(r.Figure.Behind) == 0 {
			continue
		}
		listed = true
		d.need(16, nil)
		d.SetFont(fontFamily, "", 10.5)
		d.text(contentW, 6, fmt.Sprintf("%s：%s（%s，目标 %s）", r.Measure.Name, r.Figure.Value, r.Figure.Verdict.Chinese(), r.Measure.Target), "L", "")
		d.Ln(6)
		d.SetFont(fontFamily, "", 9.5)
		for _, b := range r.Figure.Behind {
			for _, ln := range d.wrap(b.Serial+"  "+b.Text, contentW-6) {
				d.need(5, nil)
				d.SetX(margin + 6)
				d.text(contentW-6, 5, ln, "L", "")
				d.Ln(5)
			}
		}
		d.Ln(2)
	}
	if !listed {
		d.SetFont(fontFamily, "", 10)
		d.text(contentW, 6, "（无）", "L", "")
		d.Ln(6)
	}
}

// packRecords prints each of the month's records of a form whole, a page each.
func (d *doc) packRecords(heading string, s PackSection, opt Options) {
	if len(s.Records) == 0 {
		d.need(20, nil)
		d.Ln(4)
		d.section(heading)
		d.SetFont(fontFamily, "", 10)
		d.text(contentW, 6, "（本月没有）", "L", "")
		d.Ln(6)
		return
	}
	for _, rec := range s.Records {
		d.AddPage()
		d.section(heading)
		d.heading(s.Form, rec, Options{PropertyName: opt.PropertyName, ShowPersonal: opt.ShowPersonal})
		d.fields(s.Form, rec, opt)
		d.signatures(s.Form, false)
	}
}

// packList lists the month's records of a form in its list columns.
func (d *doc) packList(heading string, s PackSection, opt Options) {
	d.need(40, nil)
	d.Ln(4)
	d.section(heading)
	cols := []data.Field{{Key: registerSerial, Label: "编号", Type: data.TypeText}}
	for _, k := range s.Form.ListColumns {
		if fl, ok := s.Form.Field(k); ok {
			cols = append(cols, fl)
		}
	}
	rows := make([]data.Row, len(s.Records))
	for i, r := range s.Records {
		rows[i] = data.Row{registerSerial: r.Serial}
		for _, c := range cols[1:] {
			rows[i][c.Key] = r.Values[c.Key]
		}
	}
	d.table(data.Field{Label: fmt.Sprintf("本月共 %d 条", len(rows)), Columns: cols}, rows, opt)
}

// section writes a section heading of the pack.
func (d *doc) section(text string) {
	d.SetFont(fontFamily, "", 13)
	d.text(contentW, 8, text, "L", "")
	d.Ln(9)
}

// board writes the compliance board as a table: each rule, its figure, the target and the verdict in
// its colour, and what the figure was counted from.
func (d *doc) board(rows []data.BoardRow) {
	widths := []float64{8, 52, 22, 30, 14, 54}
	header := func() {
		d.SetFont(fontFamily, "", 9.5)
		d.SetFillColor(240, 240, 240)
		for i, h := range []string{"序号", "规定", "本月", "目标", "结论", "说明"} {
			d.CellFormat(widths[i], 7, h, "1", 0, "C", true, 0, "")
		}
		d.Ln(-1)
	}
	header()
	d.SetFont(fontFamily, "", 9)
	for n, r := range rows {
		cells := []string{fmt.Sprint(n + 1), r.Measure.Name, r.Figure.Value, r.Measure.Target, r.Figure.Verdict.Chinese(), r.Figure.Detail}
		lines := make([][]string, len(cells))
		h := 7.0
		for i, c := range cells {
			lines[i] = d.wrap(c, widths[i]-2)
			h = max(h, float64(len(lines[i]))*4.4+2.4)
		}
		d.need(h, header)
		x, y := d.GetX(), d.GetY()
		cx := x
		for i := range cells {
			d.Rect(cx, y, widths[i], h, "D")
			if i == 2 || i == 4 {
				switch r.Figure.Verdict {
				case data.VerdictMet:
					d.SetTextColor(46, 125, 50)
				case data.VerdictNear:
					d.SetTextColor(180, 110, 0)
				case data.VerdictMissed:
					d.SetTextColor(198, 40, 40)
				}
			}
			for j, ln := range lines[i] {
				d.SetXY(cx+1, y+1.2+float64(j)*4.4)
				d.text(widths[i]-2, 4.4, ln, "L", "")
			}
			d.SetTextColor(0, 0, 0)
			cx += widths[i]
		}
		d.SetXY(x, y+h)
	}
}

// chineseNumber writes 1–20 as the pack numbers its parts: 四、五、…
func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	switch {
	case n <= 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n-10]
	}
	return fmt.Sprint(n)
}
