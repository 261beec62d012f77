package reports

import (
	"bytes"
	"fmt"
	"io"

	"github.com/jung-kurt/gofpdf"

	"frontdesk/data"
	"frontdesk/reports/charts"
)

// Layout sizes of the generic form print, in millimetres.
const (
	rowH      = 8.0
	lineH     = 5.2
	labelW    = 36.0
	stampSize = 46.0 // leaves room for a 42 mm round seal
)

// RecordPDF writes the generic print of any record, laid out from its form's declaration: the title,
// serial and date, every field in paper order, tables as grids, signature lines and a stamp zone.
func RecordPDF(w io.Writer, rec *data.Record, opt Options) error {
	f, ok := data.FormByKey(rec.Kind)
	if !ok {
		return fmt.Errorf("print %s: %w", rec.Serial, data.ErrUnknownForm)
	}
	d := newDoc(opt, "P")
	d.footer(opt, rec.Serial)
	copies := opt.Copies
	if len(copies) == 0 {
		copies = []string{""}
	}
	for _, c := range copies {
		d.AddPage()
		if c != "" {
			d.SetFont(fontFamily, "", 10)
			d.text(contentW, 5, c, "R", "")
			d.SetXY(margin, margin)
		}
		d.heading(f, rec, opt)
		d.fields(f, rec, opt)
		if err := d.chart(f, rec); err != nil {
			return err
		}
		d.notes(opt.Notes)
		d.notice(f.Notice)
		d.signatures(f, opt.Invalid == "")
	}
	if opt.Invalid != "" {
		// Across every page, over what is printed: the paper is not to be taken as valid.
		for p := 1; p <= d.PageCount(); p++ {
			d.SetPage(p)
			d.invalidMark(opt.Invalid)
		}
	}
	return d.output(w, rec.Serial)
}

// chart draws the chart of the record's figures its form declares (a survey's answers per question),
// the width of the page, after the fields.
func (d *doc) chart(f *data.Form, rec *data.Record) error {
	if f.Print == nil || f.Print.Chart == nil {
		return nil
	}
	ch := f.Print.Chart(rec)
	if ch == nil {
		return nil
	}
	png, err := charts.Stacked(ch)
	if err != nil {
		return fmt.Errorf("print %s: %w", rec.Serial, err)
	}
	w := contentW * 0.8
	h := w * float64(charts.Size.H) / float64(charts.Size.W)
	d.need(h+4, nil)
	name := "chart-" + rec.Serial
	d.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	d.ImageOptions(name, margin+(contentW-w)/2, d.GetY()+2, w, h, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	d.SetY(d.GetY() + h + 4)
	return nil
}

// invalidMark writes a mark across the page, large, red and diagonal, and once more at its top.
func (d *doc) invalidMark(text string) {
	d.SetTextColor(200, 30, 30)
	d.SetFont(fontFamily, "", 14)
	d.SetXY(margin, margin-8)
	d.text(contentW, 6, "【"+text+"】", "C", "")
	d.SetFont(fontFamily, "", 54)
	d.SetAlpha(0.35, "Normal")
	d.TransformBegin()
	d.TransformRotate(35, pageW/2, 297.0/2)
	w := d.GetStringWidth(Printable(text))
	d.SetXY(pageW/2-w/2, 297.0/2-10)
	d.text(w+2, 20, text, "C", "")
	d.TransformEnd()
	d.SetAlpha(1, "Normal")
	d.SetTextColor(0, 0, 0)
	d.SetFont(fontFamily, "", 10.5)
}

// notes prints the lines of a record's life (approvals, close-out) under its fields.
func (d *doc) notes(lines []string) { d.paragraphs(lines, 10, lineH+1) }

// notice prints the form's personal-information notice, small and grey, for the person who signs to
// read.
func (d *doc) notice(text string) {
	if text == "" {
		return
	}
	d.SetTextColor(60, 60, 60)
	d.paragraphs([]string{text}, 8.5, 4.5)
	d.SetTextColor(0, 0, 0)
}

// paragraphs prints texts wrapped to the content width, in the given font size and line height.
func (d *doc) paragraphs(texts []string, size, h float64) {
	if len(texts) == 0 {
		return
	}
	d.Ln(2)
	d.SetFont(fontFamily, "", size)
	for _, t := range texts {
		for _, w := range d.wrap(t, contentW) {
			d.need(h, nil)
			d.text(contentW, h, w, "L", "")
			d.Ln(h)
		}
	}
}

func (d *doc) heading(f *data.Form, rec *data.Record, opt Options) {
	d.SetFont(fontFamily, "", 11)
	d.text(contentW, 6, opt.PropertyName, "C", "")
	d.Ln(7)
	d.SetFont(fontFamily, "", 18)
	d.text(contentW, 10, f.Title(), "C", "")
	d.Ln(12)
	d.SetFont(fontFamily, "", 10)
	d.text(contentW/2, 6, "编号："+rec.Serial, "L", "")
	d.text(contentW/2, 6, "日期："+rec.Date(f).In(data.Shanghai).Format(data.LayoutDate), "R", "")
	d.Ln(7)
	if opt.Reprint > 0 || rec.Voided() {
		d.SetTextColor(200, 0, 0)
		d.SetFont(fontFamily, "", 12)
		if rec.Voided() {
			d.text(contentW, 7, "【作废】原因："+rec.VoidReason, "L", "")
			d.Ln(7)
		}
		if opt.Reprint > 0 {
			d.text(contentW, 7, fmt.Sprintf("补打（第%d次打印）", opt.Reprint+1), "R", "")
			d.Ln(7)
		}
		d.SetTextColor(0, 0, 0)
	}
	d.SetDrawColor(60, 60, 60)
	d.SetLineWidth(0.2)
}

// fields prints the scalar fields as a two-column grid (short values side by side, long ones across the
// page) and each table field as a grid of its own.
func (d *doc) fields(f *data.Form, rec *data.Record, opt Options) {
	d.SetFont(fontFamily, "", 10.5)
	half := contentW/2 - labelW
	var pending *data.Field // a short field waiting for a partner on its row
	flushPending := func() {
		if pending != nil {
			d.need(rowH, nil)
			d.labelCell(pending.Label, rowH)
			d.text(contentW-labelW, rowH, opt.value(*pending, rec.Values[pending.Key]), "L", "1")
			d.Ln(-1)
			pending = nil
		}
	}
	for i := range f.Fields {
		fl := f.Fields[i]
		if fl.Auto && rec.Values[fl.Key] == "" && len(rec.Tables[fl.Key]) == 0 {
			continue // nothing of the record's life here yet
		}
		if fl.Type == data.TypeTable {
			flushPending()
			d.table(fl, rec.Tables[fl.Key], opt)
			continue
		}
		v := opt.value(fl, rec.Values[fl.Key])
		short := fl.Type != data.TypeMultiline && d.GetStringWidth(Printable(v)) < half-2 && d.labelHeight(fl.Label) <= rowH
		if short {
			if pending == nil {
				pending = &f.Fields[i]
				continue
			}
			d.need(rowH, nil)
			d.labelCell(pending.Label, rowH)
			d.text(half, rowH, opt.value(*pending, rec.Values[pending.Key]), "L", "1")
			d.labelCell(fl.Label, rowH)
			d.text(half, rowH, v, "L", "1")
			d.Ln(-1)
			pending = nil
			continue
		}
		flushPending()
		lines := d.wrap(v, contentW-labelW-3)
		h := max(rowH, float64(len(lines))*lineH+2.8, d.labelHeight(fl.Label))
		if h > 200 { // a very long text goes on, page after page, below its label
			d.longText(fl.Label, lines)
			continue
		}
		d.need(h, nil)
		x, y := d.GetX(), d.GetY()
		d.labelCell(fl.Label, h)
		d.Rect(x+labelW, y, contentW-labelW, h, "D")
		for j, ln := range lines {
			d.SetXY(x+labelW+1.5, y+1.4+float64(j)*lineH)
			d.text(contentW-labelW-3, lineH, ln, "L", "")
		}
		d.SetXY(x, y+h)
	}
	flushPending()
}

func (d *doc) labelCell(label string, h float64) {
	d.SetFillColor(240, 240, 240)
	x, y := d.GetX(), d.GetY()
	d.Rect(x, y, labelW, h, "FD")
	size, lines := d.fitLabel(label)
	d.SetFontSize(size)
	top := y + (h-float64(len(lines))*lineH)/2
	for i, ln := range lines {
		d.SetXY(x+1, top+float64(i)*lineH)
		d.text(labelW-2, lineH, ln, "L", "")
	}
	d.SetFontSize(10.5)
	d.SetXY(x+labelW, y)
}

// fitLabel shrinks a long label down to 8 pt to keep it on one line, and wraps it only beyond that.
func (d *doc) fitLabel(label string) (float64, []string) {
	for size := 10.5; size >= 8; size -= 0.5 {
		d.SetFontSize(size)
		if d.GetStringWidth(Printable(label)) <= labelW-2 {
			d.SetFontSize(10.5)
			return size, []string{label}
		}
	}
	lines := d.wrap(label, labelW-2)
	d.SetFontSize(10.5)
	return 8, lines
}

func (d *doc) labelHeight(label string) float64 {
	_, lines := d.fitLabel(label)
	return float64(len(lines))*lineH + 2.8
}

func (d *doc) longText(label string, lines []string) {
	d.need(rowH+lineH, nil)
	d.labelCell(label, rowH)
	d.Ln(rowH + 1)
	for _, ln := range lines {
		d.need(lineH, nil)
		d.text(contentW, lineH, ln, "L", "")
		d.Ln(lineH)
	}
}

// table prints a table field: its label, a header row and one row per line, repeating the header on a
// new page.
func (d *doc) table(fl data.Field, rows []data.Row, opt Options) {
	d.need(rowH*3, nil)
	d.Ln(2)
	d.SetFont(fontFamily, "", 10.5)
	d.text(contentW, rowH, fl.Label, "L", "")
	d.Ln(rowH)
	d.SetFont(fontFamily, "", 10)
	widths := d.columnWidths(contentW-12, fl.Columns, rows, opt)
	header := func() {
		d.SetFillColor(240, 240, 240)
		d.CellFormat(12, rowH, "序号", "1", 0, "C", true, 0, "")
		for i, c := range fl.Columns {
			d.CellFormat(widths[i], rowH, Printable(c.Label), "1", 0, "C", true, 0, "")
		}
		d.Ln(-1)
	}
	header()
	if len(rows) == 0 {
		d.text(contentW, rowH, "（无）", "C", "1")
		d.Ln(-1)
	}
	for n, r := range rows {
		cells := make([][]string, len(fl.Columns))
		h := rowH
		for i, c := range fl.Columns {
			cells[i] = d.wrap(opt.value(c, r[c.Key]), widths[i]-2)
			h = max(h, float64(len(cells[i]))*lineH+2.8)
		}
		d.need(h, header)
		x, y := d.GetX(), d.GetY()
		d.CellFormat(12, h, fmt.Sprint(n+1), "1", 0, "C", false, 0, "")
		cx := x + 12
		for i := range fl.Columns {
			d.Rect(cx, y, widths[i], h, "D")
			for j, ln := range cells[i] {
				d.SetXY(cx+1, y+1.4+float64(j)*lineH)
				d.text(widths[i]-2, lineH, ln, "L", "")
			}
			cx += widths[i]
		}
		d.SetXY(x, y+h)
	}
	d.Ln(2)
}

// columnWidths gives each column of a table what its header and widest value need, where the page
// allows: dates, numbers, names and phones keep their natural width (a date never breaks), and the
// free-text columns share what is left, wrapping. A table too wide even so falls back to weights.
// avail is the width of the columns together.
func (d *doc) columnWidths(avail float64, cols []data.Field, rows []data.Row, opt Options) []float64 {
	nat := make([]float64, len(cols))
	flex := make([]bool, len(cols))
	total, fixed, flexNat := 0.0, 0.0, 0.0
	for i, c := range cols {
		w := d.GetStringWidth(Printable(c.Label))
		for _, r := range rows {
			w = max(w, d.GetStringWidth(Printable(opt.value(c, r[c.Key]))))
		}
		nat[i] = w + 3
		total += nat[i]
		// Free text wraps; a short code or word (a serial, 基本满意) keeps its line.
		flex[i] = (c.Type == data.TypeText || c.Type == data.TypeMultiline) && nat[i] > 40
		if flex[i] {
			flexNat += nat[i]
		} else {
			fixed += nat[i]
		}
	}
	out := make([]float64, len(cols))
	switch {
	case total <= avail:
		// Room for all: the spare goes to the free-text columns, or to all alike when there are none.
		spare := avail - total
		for i := range cols {
			out[i] = nat[i]
			if flexNat > 0 && flex[i] {
				out[i] += spare * nat[i] / flexNat
			} else if flexNat == 0 {
				out[i] += spare / float64(len(cols))
			}
		}
		return out
	case fixed <= avail*0.75 && flexNat > 0:
		rest := avail - fixed
		for i := range cols {
			out[i] = nat[i]
			if flex[i] {
				out[i] = rest * nat[i] / flexNat
			}
		}
		return out
	}
	return columnWidths(avail, cols)
}

// columnWidths shares the page between columns by weight: free text wide, numbers and dates narrow.
func columnWidths(avail float64, cols []data.Field) []float64 {
	weight := func(c data.Field) float64 {
		switch c.Type {
		case data.TypeInt, data.TypeBool, data.TypeMoney:
			return 1
		case data.TypeDate, data.TypeTime, data.TypePerson, data.TypeMonth:
			return 1.4
		}
		return 2.5
	}
	total := 0.0
	for _, c := range cols {
		total += weight(c)
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = avail * weight(c) / total
	}
	return out
}

// signatures prints the form's signature lines, two to a row, and the stamp zone of stamped forms.
func (d *doc) signatures(f *data.Form, stamp bool) {
	stamp = stamp && f.Stamp
	need := float64((len(f.Signatures)+1)/2)*12 + 6
	if stamp {
		need = max(need, stampSize+8)
	}
	d.need(need, nil)
	d.Ln(6)
	top := d.GetY()
	d.SetFont(fontFamily, "", 10.5)
	colW := contentW / 2
	if stamp {
		colW = (contentW - stampSize - 6) / 2
	}
	for i, s := range f.Signatures {
		x := margin + float64(i%2)*colW
		y := top + float64(i/2)*12
		d.SetXY(x, y)
		d.text(colW, 6, s+"：", "L", "")
		lx := x + min(d.GetStringWidth(Printable(s+"："))+1, colW-30)
		d.Line(lx, y+6, x+colW-4, y+6)
		d.SetXY(x, y+6)
		d.SetFont(fontFamily, "", 8)
		d.text(colW-4, 4.5, "日期：        年     月     日", "R", "")
		d.SetFont(fontFamily, "", 10.5)
	}
	if stamp {
		stampZone(d, margin+contentW-stampSize, top)
	}
	d.SetXY(margin, top+need)
}

// stampZone marks where the round seal goes: a dashed square a 42 mm seal fits in, labelled 盖章处.
func stampZone(d *doc, x, y float64) {
	d.SetDashPattern([]float64{1.5, 1.2}, 0)
	d.SetDrawColor(150, 150, 150)
	d.Rect(x, y, stampSize, stampSize, "D")
	d.SetDashPattern([]float64{}, 0)
	d.SetDrawColor(60, 60, 60)
	d.SetTextColor(150, 150, 150)
	d.SetFont(fontFamily, "", 10)
	d.SetXY(x, y+stampSize/2-3)
	d.text(stampSize, 6, "盖章处", "C", "")
	d.SetTextColor(0, 0, 0)
}
