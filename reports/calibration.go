package reports

import (
	"fmt"
	"io"
)

// Where the calibration page draws its square and ruler, in millimetres from the page's top left.
const (
	calSide   = 100.0                 // the square's side and the ruler's length
	calLeft   = (pageW - calSide) / 2 // centred
	calTop    = 62.0
	calRulerY = 190.0 // the ruler's base line
)

// CalibrationSentence is what the page asks of the person holding a ruler.
const CalibrationSentence = "用尺子量这个正方形，边长应为100毫米；如果不是，请在打印对话框中选择“实际大小”或把缩放设为100%。"

// CalibrationPDF writes the one A4 page that shows whether this PC prints at actual size: a square of
// 100 mm and a 100 mm ruler with millimetre ticks. PDF viewers often default to "fit to page", which
// shrinks every slip by a few per cent; a ruler on the square says so at once.
func CalibrationPDF(w io.Writer, opt Options) error {
	d := newDoc(opt, "P")
	d.footer(opt, "打印校准页")
	d.AddPage()
	if opt.PropertyName != "" {
		d.SetFont(fontFamily, "", 10.5)
		d.text(contentW, 6, opt.PropertyName, "C", "")
		d.Ln(6)
	}
	d.SetFont(fontFamily, "", 18)
	d.text(contentW, 10, "打印校准页", "C", "")
	d.Ln(12)
	d.paragraphs([]string{
		CalibrationSentence,
		"新装或更换打印机、换了PDF阅读器以后，都请打印一次本页核对。",
	}, 11, 6)

	d.SetLineWidth(0.3)
	d.SetDrawColor(0, 0, 0)
	d.Rect(calLeft, calTop, calSide, calSide, "D")
	d.SetFont(fontFamily, "", 14)
	d.SetXY(calLeft, calTop+calSide/2-10)
	d.text(calSide, 8, "正方形", "C", "")
	d.SetXY(calLeft, calTop+calSide/2)
	d.text(calSide, 8, "边长 100 毫米", "C", "")
	d.SetFont(fontFamily, "", 10)
	d.SetXY(calLeft, calTop+calSide/2+10)
	d.text(calSide, 6, "（宽、高都量一量）", "C", "")

	d.ruler(calLeft, calRulerY)

	d.SetXY(margin, calRulerY+16)
	d.paragraphs([]string{
		"如果量得不是100毫米：",
		"1. 在PDF阅读器的打印对话框中，把“页面大小处理”或“缩放”选为“实际大小”，或把缩放比例设为100%；不要选“适合页面”“缩小过大的页面”。",
		"2. 纸张选 A4，方向选纵向。",
		"3. 改好后再打印一次本页，直到正方形的边长正好是100毫米。单据、登记簿都按同样的设置打印。",
	}, 11, 6)
	return d.output(w, "calibration page")
}

// ruler draws a ruler of calSide millimetres with its zero at x: a tick every millimetre, longer ones
// every 5 and 10, and the centimetres numbered under it.
func (d *doc) ruler(x, y float64) {
	d.SetLineWidth(0.2)
	d.Line(x, y, x+calSide, y)
	d.SetFont(fontFamily, "", 8)
	for mm := 0; mm <= int(calSide); mm++ {
		h := 2.0
		switch {
		case mm%10 == 0:
			h = 5
		case mm%5 == 0:
			h = 3.5
		}
		tx := x + float64(mm)
		d.Line(tx, y, tx, y-h)
		if mm%10 == 0 {
			d.SetXY(tx-5, y+1)
			d.text(10, 4, fmt.Sprint(mm/10), "C", "")
		}
	}
	d.SetFont(fontFamily, "", 10)
	d.SetXY(x, y+6)
	d.text(calSide, 5, "刻度尺：0 到 10 为 10 厘米（100 毫米），每小格 1 毫米", "C", "")
}
