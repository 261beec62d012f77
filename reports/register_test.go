package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/demo"
)

var registerAt = time.Date(2026, 11, 27, 10, 0, 0, 0, data.Shanghai)

// registerRecords are n records of the form with every field filled, each its own serial, spread over
// a month.
func registerRecords(f *data.Form, n int) []*data.Record {
	var recs []*data.Record
	for i := 0; i < n; i++ {
		at := registerAt.Add(-time.Duration(n-i) * 7 * time.Hour)
		r := demo.Lived(f, int64(100+i), at, "陈佳")
		r.Serial = fmt.Sprintf("%s-%s-%03d", f.Prefix, data.SerialDay(at), i%7+1)
		recs = append(recs, r)
	}
	return recs
}

// registerPages is the register's text, page by page, as pdftotext -layout lays it out.
func registerPages(t *testing.T, pdf []byte) []string { return pdfPagesAs(t, pdf, "-layout") }

// pdfPagesAs is a PDF's text, page by page, as pdftotext gives it with mode (-layout: the lines as they
// stand on the page; -raw: in the order written, a cell's lines one after the other).
func pdfPagesAs(t *testing.T, pdf []byte, mode string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext not found: install poppler-utils (make deps-test)")
	}
	path := filepath.Join(t.TempDir(), "register.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", mode, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
}

func printRegister(t *testing.T, f *data.Form, recs []*data.Record, personal bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	opt := RegisterOptions{Options: Options{PropertyName: "城市假日花园客户服务中心", PrintedAt: registerAt, ShowPersonal: personal},
		Period: "2026-11-01 至 2026-11-30", By: "王主管", Status: func(r *data.Record) string { return f.StandingAt(r, registerAt, nil).Name }}
	if err := RegisterPDF(&buf, f, recs, opt); err != nil {
		t.Fatalf("%s: %v", f.Key, err)
	}
	return buf.Bytes()
}

// The visitor register keeps the columns of the paper 来人来访登记表 (R1.3, R1.4): besides the visitor,
// the document and the times, the plate, how many came, the household visited and who there agreed,
// how and when, and the clerk. Every form's register keeps every column of its list, the columns the
// window's list shows among them.
func TestRegisterKeepsTheLedgerColumns(t *testing.T) {
	visitor, _ := data.FormByKey("visitor")
	for _, k := range []string{"plate", "visitors", "host_name", "consent_by", "consent_way", "consent_time", "clerk"} {
		if !contains(visitor.ListColumns, k) {
			t.Errorf("the visitor register leaves out %s", k)
		}
	}
	for _, f := range data.Forms() {
		for _, k := range f.ScreenColumns {
			if !contains(f.ListColumns, k) {
				t.Errorf("%s: the window's list shows %s, which its register leaves out", f.Key, k)
			}
		}
		pages := pdfPagesAs(t, printRegister(t, f, registerRecords(f, 3), true), "-raw")
		head := strings.Join(strings.Fields(pages[0]), "")
		for _, k := range f.ListColumns {
			fl, _ := f.Field(k)
			if !strings.Contains(head, fl.Label) {
				t.Errorf("%s register: no column %s on its first page", f.Key, fl.Label)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// No register breaks a serial, an ID number, a phone, a plate, a unit, a date or a time across lines:
// each stands whole on a line of the printed page (a moment may put its time under its date, never
// split the time itself), for every form.
func TestRegisterNeverBreaksACode(t *testing.T) {
	for _, f := range data.Forms() {
		recs := registerRecords(f, 8)
		for _, personal := range []bool{true, false} {
			pages := registerPages(t, printRegister(t, f, recs, personal))
			lines := strings.Split(strings.Join(pages, "\n"), "\n")
			whole := func(v string) bool {
				for _, ln := range lines {
					if strings.Contains(ln, v) {
						return true
					}
				}
				return false
			}
			opt := Options{ShowPersonal: personal}
			for _, r := range recs {
				if !whole(r.Serial) {
					t.Errorf("%s: serial %s is broken across lines", f.Key, r.Serial)
				}
				for _, k := range f.ListColumns {
					fl, _ := f.Field(k)
					v := opt.value(fl, r.Values[k])
					var parts []string
					switch fl.Type {
					case data.TypeIDNumber, data.TypePhone, data.TypePlate, data.TypeUnit, data.TypeDate, data.TypeTime, data.TypeMonth, data.TypeInt, data.TypeMoney:
						parts = []string{v}
					case data.TypeDateTime:
						parts = strings.Fields(v) // the date and the time, each whole
					}
					for _, p := range parts {
						if p != "" && !whole(p) {
							t.Errorf("%s %s: %s %q is broken across lines", f.Key, r.Serial, fl.Label, p)
						}
					}
				}
			}
		}
	}
}

// A register fits many rows on an A4 landscape page in a type still read when printed (7 pt or more):
// a month of the visitor log at least 24 rows a page with every column of the paper form, every
// form's at least 12.
func TestRegisterFitsManyRowsAPage(t *testing.T) {
	for _, f := range data.Forms() {
		recs := registerRecords(f, 60)
		pdf := printRegister(t, f, recs, true)
		pages := registerPages(t, pdf)
		rows := 0
		for _, r := range recs {
			if strings.Contains(pages[0], r.Serial) {
				rows++
			}
		}
		want := 12
		if f.Key == "visitor" {
			want = 24
		}
		if rows < want {
			t.Errorf("%s: %d rows on the first page; want at least %d", f.Key, rows, want)
		}
		d := newDoc(Options{}, "L")
		cols := registerColumns(f)
		lay := d.registerLayout(cols, registerRows(cols, recs, RegisterOptions{}))
		if lay.size < 7 {
			t.Errorf("%s: register printed in %.1f pt; want 7 pt or more", f.Key, lay.size)
		}
	}
}
