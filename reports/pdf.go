package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"frontdesk/assets"
	"frontdesk/data"
)

// Options are what a print needs besides the record.
type Options struct {
	PropertyName string    // printed above the title
	PrintedAt    time.Time // printed in the footer; fixed in tests for byte-stable output
	// Reprint is how many times the record was printed before; above 0 the paper says 补打.
	Reprint int
	// NoCompress leaves page streams readable (tests).
	NoCompress bool
	// ShowPersonal prints phone numbers in full; otherwise they are masked like ID numbers (which are
	// always masked on paper). The program sets it for the roles that need them (PIPL).
	ShowPersonal bool
	// Copies prints the record once a page under each label (存根, 作业人员执); none prints it once.
	Copies []string
	// Notes are lines printed after the fields: approvals and the record's life.
	Notes []string
	// Code and PerPage are the verification code printed on a form of a hand-tuned layout (a release
	// slip) and how many of its copies share a page (3 or 1).
	Code    string
	PerPage int
	// Invalid is printed across every page, and the stamp zone is left off (data.PrintDetails).
	Invalid string
}

// With takes what the store says about the print (data.Store.PrintDetails).
func (o Options) With(d data.PrintDetails) Options {
	o.PropertyName, o.Reprint, o.ShowPersonal = d.PropertyName, d.Reprint, d.ShowPersonal
	o.Code, o.PerPage, o.Copies, o.Notes, o.Invalid = d.Code, d.PerPage, d.Copies, d.Notes, d.Invalid
	return o
}

// layouts are the hand-tuned layouts a form's print declaration may name (data.Print.Layout).
var layouts = map[string]func(w io.Writer, rec *data.Record, opt Options) error{
	data.PrintSlip: func(w io.Writer, rec *data.Record, opt Options) error {
		return ReleaseSlipPDF(w, rec, opt, opt.Code, opt.PerPage)
	},
	data.PrintMonthGrid: MonthGridPDF,
}

// Document writes a record's print: the hand-tuned layout its form declares, else the layout derived
// from its declaration.
func Document(w io.Writer, rec *data.Record, opt Options) error {
	if f, ok := data.FormByKey(rec.Kind); ok && f.Print != nil {
		if layout, ok := layouts[f.Print.Layout]; ok {
			return layout(w, rec, opt)
		}
	}
	return RecordPDF(w, rec, opt)
}

// value is a field's value as this print shows it.
// Shown is a value as the paper (and a spreadsheet) shows it: ID numbers masked, phones too unless
// ShowPersonal.
func (o Options) Shown(fl data.Field, v string) string { return o.value(fl, v) }

func (o Options) value(fl data.Field, v string) string {
	if fl.Type == data.TypePhone && !o.ShowPersonal {
		return data.MaskPhone(v)
	}
	return data.Display(fl, v)
}

const (
	fontFamily = assets.FontName
	pageW      = 210.0
	margin     = 15.0
	contentW   = pageW - 2*margin
)

// doc wraps gofpdf with the font set up and the helpers every layout uses.
type doc struct {
	*gofpdf.Fpdf
}

func newDoc(opt Options, orientation string) *doc {
	p := gofpdf.New(orientation, "mm", "A4", "")
	// From bytes: a path would be joined onto gofpdf's font folder and break on Windows drives.
	// One registration only: gofpdf parses the whole CJK font for each (about half the time of a slip),
	// and the font has one weight anyway, so headings are set larger, not bold.
	p.AddUTF8FontFromBytes(fontFamily, "", assets.FontTTF)
	p.SetFont(fontFamily, "", 10.5)
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(false, margin)
	p.SetCreator("小区客服前台", true)
	p.SetCatalogSort(true)
	at := opt.PrintedAt
	if at.IsZero() {
		at = time.Now()
	}
	p.SetCreationDate(at)
	p.SetModificationDate(at)
	p.SetCompression(!opt.NoCompress)
	return &doc{p}
}

// wrap breaks text into lines no wider than w, measuring every character. gofpdf's own MultiCell and
// SplitText drop one Chinese character at each automatic break (go-pdf/fpdf#80), so they are not used.
func (d *doc) wrap(text string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(Printable(text), "\n") {
		var cur []rune
		curW := 0.0
		for _, r := range para {
			rw := d.GetStringWidth(string(r))
			if curW+rw > w && len(cur) > 0 {
				// Keep a Latin word together when it fits on a line of its own.
				cut := len(cur)
				if strings.ContainsRune(noLineStart, r) && len(cur) > 1 {
					cut = len(cur) - 1 // closing punctuation never starts a line: take a character along
				}
				if isWordRune(r) {
					for i := len(cur) - 1; i > 0; i-- {
						if !isWordRune(cur[i]) {
							if len(cur)-i-1 < 20 {
								cut = i + 1
							}
							break
						}
					}
				}
				lines = append(lines, string(cur[:cut]))
				cur = append([]rune{}, cur[cut:]...)
				curW = d.GetStringWidth(string(cur))
			}
			cur = append(cur, r)
			curW += rw
		}
		lines = append(lines, string(cur))
	}
	return lines
}

// noLineStart is punctuation that Chinese typesetting never puts at the start of a line.
const noLineStart = "，。、；：？！）》」』”’％…,.;:?!)"

func isWordRune(r rune) bool {
	return r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}

// text writes one line at the current position (no wrapping), printable.
func (d *doc) text(w, h float64, s, align string, border string) {
	d.CellFormat(w, h, Printable(s), border, 0, align, false, 0, "")
}

// need starts a new page when less than h millimetres are left.
func (d *doc) need(h float64, header func()) {
	_, pageH := d.GetPageSize()
	if d.GetY()+h > pageH-margin-8 {
		d.AddPage()
		if header != nil {
			header()
		}
	}
}

func (d *doc) footer(opt Options, serial string) {
	d.SetFooterFunc(func() {
		_, pageH := d.GetPageSize()
		d.SetY(pageH - margin + 2)
		d.SetFont(fontFamily, "", 8)
		d.SetTextColor(110, 110, 110)
		at := opt.PrintedAt
		if at.IsZero() {
			at = time.Now()
		}
		d.text(contentW/2, 4, fmt.Sprintf("%s  打印于 %s", serial, at.In(data.Shanghai).Format(data.LayoutDateTime)), "L", "")
		d.text(contentW/2, 4, fmt.Sprintf("第 %d 页 / 共 {nb} 页", d.PageNo()), "R", "")
		d.SetTextColor(0, 0, 0)
	})
	d.AliasNbPages("{nb}")
}

// output writes the document; gofpdf's errors are sticky, so this is the one place they are checked.
func (d *doc) output(w io.Writer, what string) error {
	if err := d.Error(); err != nil {
		return fmt.Errorf("layout %s: %w", what, err)
	}
	if err := d.Output(w); err != nil {
		return fmt.Errorf("write PDF of %s: %w", what, err)
	}
	return nil
}
