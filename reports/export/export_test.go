package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/store"
	"frontdesk/reports/sheet"
)

var (
	supervisor = data.Actor{Login: "supervisor", Name: "王主管", Role: data.RoleSupervisor}
	clerk      = data.Actor{Login: "clerk", Name: "陈佳", Role: data.RoleClerk}
)

// demoStore is a month of the demo's records, the last day 2026-11-27.
func demoStore(t *testing.T) *store.Store {
	t.Helper()
	now := time.Date(2026, 11, 27, 20, 0, 0, 0, data.Shanghai)
	s, err := store.Open(t.TempDir(), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := demo.Fill(s, 1, now, 30, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

func day(v string) time.Time {
	t, _ := time.ParseInLocation(data.LayoutDate, v, data.Shanghai)
	return t
}

func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext not found: install poppler-utils (make deps)")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var pages []string
	for _, p := range strings.Split(string(out), "\f") {
		p = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, p)
		if p != "" {
			pages = append(pages, p)
		}
	}
	return pages
}

// The register of the duty log for a month: every page has the form's name, the period, the staff-only
// line and 第 N 页 共 M 页; every record of the month is on it, oldest first; the last page has the count
// and the supervisor's signature line. A clerk cannot print the duty log's register.
func TestRegisterOfAMonth(t *testing.T) {
	s := demoStore(t)
	q := store.ExportQuery{Query: store.Query{Kind: "duty_log", From: day("2026-11-01"), To: day("2026-11-30")}}
	page, err := s.List(supervisor, store.Query{Kind: q.Kind, From: q.From, To: q.To, Limit: 100000})
	if err != nil || len(page.Records) < 30 {
		t.Fatalf("demo month's duty log: %v %d", err, len(page.Records))
	}
	var buf bytes.Buffer
	n, err := Register(context.Background(), s, supervisor, q, &buf)
	if err != nil || n != len(page.Records) {
		t.Fatalf("register: %v, %d records, list %d", err, n, len(page.Records))
	}
	f, _ := data.FormByKey("duty_log")
	pages := pdfPages(t, buf.Bytes())
	if len(pages) < 2 {
		t.Fatalf("%d pages for %d records", len(pages), n)
	}
	for i, p := range pages {
		for _, want := range []string{f.Title() + "登记簿", "2026-11-01至2026-11-30", strings.ReplaceAll(f.Internal, " ", ""), fmt.Sprintf("第%d页共%d页", i+1, len(pages)), "序号", "编号"} {
			if !strings.Contains(p, want) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
	}
	all := strings.Join(pages, "")
	last := -1
	for i := len(page.Records) - 1; i >= 0; i-- { // the list is newest first, the register oldest first
		at := strings.Index(all, page.Records[i].Serial)
		if at < last {
			t.Errorf("%s is out of order", page.Records[i].Serial)
		}
		last = at
	}
	if !strings.Contains(pages[len(pages)-1], fmt.Sprintf("共%d条", n)) || !strings.Contains(pages[len(pages)-1], f.RegisterSign+"（签字）") {
		t.Errorf("last page: %s", pages[len(pages)-1])
	}
	if _, err := Register(context.Background(), s, clerk, q, &bytes.Buffer{}); !errors.As(err, new(*data.ForbiddenError)) {
		t.Errorf("a clerk printed the duty log's register: %v", err)
	}
}

// The export of a list holds the same records the list finds, every one of them, with every field.
func TestSheetOfAList(t *testing.T) {
	s := demoStore(t)
	q := store.ExportQuery{Query: store.Query{Kind: "visitor", From: day("2026-11-20"), Text: "1-1"}}
	page, err := s.List(supervisor, store.Query{Kind: q.Kind, From: q.From, Text: q.Text, Limit: 100000})
	if err != nil || len(page.Records) == 0 {
		t.Fatalf("list: %v %d", err, len(page.Records))
	}
	var buf bytes.Buffer
	counted := 0
	n, err := Sheet(context.Background(), s, supervisor, q, &buf, func(n int) { counted = n })
	if err != nil || n != len(page.Records) {
		t.Fatalf("sheet: %v %d, list %d", err, n, len(page.Records))
	}
	if n >= 500 && counted == 0 {
		t.Error("no progress heard")
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(x.GetSheetName(0))
	f, _ := data.FormByKey("visitor")
	header := rows[sheet.ListHeader-1]
	for i, r := range page.Records {
		row := rows[sheet.ListHeader+len(page.Records)-1-i]
		if row[0] != r.Serial {
			t.Fatalf("row for %s: %q", r.Serial, row[0])
		}
		for j, fl := range f.Fields {
			if header[2+j] != fl.Label {
				t.Fatalf("column %d is %s, want %s", 2+j, header[2+j], fl.Label)
			}
			got := ""
			if 2+j < len(row) {
				got = row[2+j]
			}
			if want := data.SafeCell(r.Values[fl.Key]); got != want {
				t.Errorf("%s %s: %q, want %q", r.Serial, fl.Label, got, want)
			}
		}
	}
}
