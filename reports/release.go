package reports

import (
	"fmt"
	"io"

	"frontdesk/data"
)

// The copies of a release slip: the desk keeps the stub, the owner takes one, the gate keeps one.
var slipCopies = []string{slipStub, "业主联", "门岗联"}

const slipStub = "存根"

// slipCheckNote is why a slip that did not agree with the household registry was issued, as its stub
// prints it ("" when there is nothing to say).
func slipCheckNote(f *data.Form, rec *data.Record) string {
	if f.Registry == nil {
		return ""
	}
	return rec.Values[f.Registry.Reason]
}

// fitCell writes one line of text in a bordered cell, in a smaller font down to least when it does
// not fit at size: a line of the slip has no room for a second one.
func (d *doc) fitCell(w, h float64, text string, size, least float64) {
	text = Printable(text)
	for d.SetFont(fontFamily, "", size); size > least && d.GetStringWidth(text) > w-2; {
		size -= 0.5
		d.SetFont(fontFamily, "", size)
	}
	d.CellFormat(w, h, text, "1", 0, "L", false, 0, "")
}

const (
	slipBlockH    = 99.0 // a third of A4, less nothing: the cut lines fall on the thirds
	slipItemRowH  = 5.6
	slipItemsFits = 5 // item rows that fit a third of a page
)

// ReleaseSlipPDF prints a 《物品放行条》 for hand signature and stamping at 1:1: three copies on one A4 page
// with cut lines (or one copy a page when copiesPerPage is 1, or when the items do not fit a third).
func ReleaseSlipPDF(w io.Writer, rec *data.Record, opt Options, code string, copiesPerPage int) error {
	f, ok := data.FormByKey(rec.Kind)
	if !ok || f.Print == nil || f.Print.Layout != data.PrintSlip {
		return fmt.Errorf("print %s as a release slip: %w", rec.Serial, data.ErrUnknownForm)
	}
	items := rec.Tables["items"]
	fits := slipItemsFits
	if rec.Values["note"] != "" {
		fits-- // the 备注 line takes an item line's room
	}
	if slipCheckNote(f, rec) != "" {
		fits-- // so does the stub's 核对说明 line
	}
	if copiesPerPage != 1 && len(items) > fits {
		copiesPerPage = 1
	}
	d := newDoc(opt, "P")
	d.footer(opt, rec.Serial)
	for i, copyName := range slipCopies {
		top := margin
		if copiesPerPage == 1 || i == 0 {
			d.AddPage()
		}
		if copiesPerPage != 1 {
			top = float64(i) * slipBlockH
			if i > 0 {
				d.cutLine(top)
			}
			top += 6
		}
		d.slipBlock(f, rec, opt, code, copyName, top)
	}
	return d.output(w, rec.Serial)
}

// cutLine draws a dashed line across the page where the copies are cut apart.
func (d *doc) cutLine(y float64) {
	d.SetDashPattern([]float64{2, 1.5}, 0)
	d.SetDrawColor(120, 120, 120)
	d.Line(5, y, pageW-5, y)
	d.SetDashPattern([]float64{}, 0)
	d.SetFont(fontFamily, "", 7)
	d.SetTextColor(120, 120, 120)
	d.SetXY(pageW/2-15, y-2.2) // (the font has no scissors sign)
	d.SetFillColor(255, 255, 255)
	d.CellFormat(30, 4.4, "沿此线剪开", "", 0, "C", true, 0, "")
	d.SetTextColor(0, 0, 0)
	d.SetDrawColor(60, 60, 60)
}

// slipBlock is one copy: heading, owner, items, carrier, validity and code on the left; the stamp zone on
// the right; signature lines at the foot.
func (d *doc) slipBlock(f *data.Form, rec *data.Record, opt Options, code, copyName string, top float64) {
	leftW := contentW - stampSize - 4
	v := func(k string) string {
		fl, _ := f.Field(k)
		return opt.value(fl, rec.Values[k])
	}
	d.SetXY(margin, top)
	d.slipHeading(f, rec, opt, v, code, copyName)
	y0 := d.GetY()
	d.SetFont(fontFamily, "", 9.5)
	d.slipParties(f, rec, v, copyName, leftW)
	d.slipItems(rec.Tables["items"], leftW)
	d.slipCarriage(v, leftW)
	bottom := d.GetY() // before the stamp zone, which moves the cursor to its label
	stampZone(d, margin+leftW+4, y0)
	d.slipSignatures(rec, max(bottom+2, y0+stampSize+2))
}

// slipHeading writes the copy's top: the property and the copy's name, the title, the serial, the dates
// and the code, and the marks of a voided slip or a reprint.
func (d *doc) slipHeading(f *data.Form, rec *data.Record, opt Options, v func(k string) string, code, copyName string) {
	d.SetFont(fontFamily, "", 9)
	d.text(contentW/2, 5, opt.PropertyName, "L", "")
	d.text(contentW/2, 5, copyName, "R", "")
	d.Ln(5)
	d.SetFont(fontFamily, "", 15)
	d.text(contentW, 8, f.Title(), "C", "")
	d.Ln(8)
	d.SetFont(fontFamily, "", 9)
	head := fmt.Sprintf("编号：%s    开具：%s    有效期至：%s    核验码：%s", rec.Serial, v("issue_date"), v("valid_until"), code)
	d.text(contentW, 5, head, "L", "")
	d.Ln(5)
	if rec.Voided() || opt.Reprint > 0 {
		d.SetTextColor(200, 0, 0)
		mark := ""
		if rec.Voided() {
			mark = "【作废】" + rec.VoidReason + "  "
		}
		if opt.Reprint > 0 {
			mark += fmt.Sprintf("补打（第%d次打印）", opt.Reprint+1)
		}
		d.text(contentW, 5, mark, "L", "")
		d.SetTextColor(0, 0, 0)
		d.Ln(5)
	}
}

// slipRow writes a labelled value of the slip in a cell w wide, its label shaded.
func (d *doc) slipRow(label, value string, w float64) {
	d.SetFillColor(240, 240, 240)
	d.CellFormat(22, 6, label, "1", 0, "L", true, 0, "")
	d.CellFormat(w-22, 6, Printable(value), "1", 0, "L", false, 0, "")
}

// slipParties writes the unit and the owner, how the one who came was identified, and on the stub the
// registry note.
func (d *doc) slipParties(f *data.Form, rec *data.Record, v func(k string) string, copyName string, leftW float64) {
	half := leftW / 2
	d.slipRow("房号", v("unit"), half)
	d.slipRow("业主", v("owner_name")+"  "+v("owner_phone"), half)
	d.Ln(6)
	who := v("identity_check")
	if rec.Values["agent_name"] != "" {
		who += "：" + v("agent_name") + " " + v("agent_doc")
	}
	d.slipRow("身份核实", who, leftW)
	d.Ln(6)
	if why := slipCheckNote(f, rec); why != "" && copyName == slipStub {
		// Only the desk's stub says why a slip that did not agree with the registry was issued: the
		// owner's and the gate's copies need not.
		fl, _ := f.Field(f.Registry.Reason)
		d.SetFillColor(240, 240, 240)
		d.CellFormat(22, 6, fl.Label, "1", 0, "L", true, 0, "")
		d.fitCell(leftW-22, 6, why, 9.5, 7)
		d.SetFont(fontFamily, "", 9.5)
		d.Ln(6)
	}
}

// slipItems writes the items let out as a table.
func (d *doc) slipItems(items []data.Row, leftW float64) {
	d.SetFillColor(240, 240, 240)
	cols := []struct {
		label, key string
		w          float64
	}{{"物品名称", "name", leftW * 0.38}, {"规格/说明", "spec", leftW * 0.42}, {"数量", "qty", leftW * 0.20}}
	for _, c := range cols {
		d.CellFormat(c.w, slipItemRowH, c.label, "1", 0, "C", true, 0, "")
	}
	d.Ln(slipItemRowH)
	for _, it := range items {
		for _, c := range cols {
			d.CellFormat(c.w, slipItemRowH, Printable(it[c.key]), "1", 0, "L", false, 0, "")
		}
		d.Ln(slipItemRowH)
	}
}

// slipCarriage writes who carries the goods out, by which gate, and the 备注 when there is one.
func (d *doc) slipCarriage(v func(k string) string, leftW float64) {
	carrier := v("carrier")
	if p := v("plate"); p != "" {
		carrier += "  车牌 " + p
	}
	d.slipRow("搬运", carrier, leftW*0.7)
	d.slipRow("出口", v("gate"), leftW*0.3)
	d.Ln(6)
	if note := v("note"); note != "" {
		d.slipRow("备注", note, leftW)
		d.Ln(6)
	}
}

// slipSignatures writes the signature lines at y: owner, clerk, the gate's check with the time it let
// the goods out.
func (d *doc) slipSignatures(rec *data.Record, y float64) {
	d.SetFont(fontFamily, "", 9)
	sw := contentW / 3
	for i, s := range []string{"业主签字：", "经办人：" + rec.Values["clerk"], "门岗核验（签字/时间）："} {
		x := margin + float64(i)*sw
		d.SetXY(x, y)
		d.text(sw, 5, s, "L", "")
		d.Line(x, y+10, x+sw-4, y+10)
	}
	d.SetXY(margin, y+11)
}
