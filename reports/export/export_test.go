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
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output() // drawing order: a wrapped cell reads whole
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
			if want := r.Values[fl.Key]; got != want {
				t.Errorf("%s %s: %q, want %q", r.Serial, fl.Label, got, want)
			}
		}
	}
}

// The month pack of the demo month: the PDF has the board (every rule and its verdict), the charts,
// and a part for each form the pack holds; the spreadsheet has the board row for row and the month's
// records of each of those forms.
func TestMonthPack(t *testing.T) {
	s := demoStore(t)
	dir := t.TempDir()
	manager := data.Actor{Login: "manager", Name: "刘经理", Role: data.RoleManager}
	p, err := MonthPack(context.Background(), s, manager, day("2026-11-01"), dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p.PDF)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, b)
	all := strings.Join(pages, "")
	rows, err := s.Compliance(manager, day("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		name := strings.ReplaceAll(r.Measure.Name, " ", "")
		if !strings.Contains(all, name) {
			t.Errorf("the pack lacks %s", r.Measure.Name)
		}
	}
	for i, pg := range pages {
		if !strings.Contains(pg, fmt.Sprintf("第%d页共%d页", i+1, len(pages))) || !strings.Contains(pg, "2026年11月月度资料包") {
			t.Errorf("page %d lacks its footer", i+1)
		}
	}
	x, err := excelize.OpenFile(p.XLSX)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	board, _ := x.GetRows("本月达标")
	if len(board) != 3+len(rows) {
		t.Fatalf("board sheet has %d rows for %d rules", len(board), len(rows))
	}
	for i, r := range rows {
		if got := board[3+i]; got[0] != r.Measure.Name || got[1] != r.Figure.Value || got[3] != r.Figure.Verdict.Chinese() {
			t.Errorf("board row %d: %q", i, got)
		}
	}
	records := 0
	for _, f := range data.Forms() {
		if f.Pack == "" {
			continue
		}
		if !strings.Contains(all, f.Title()) {
			t.Errorf("the pack has no part for %s", f.Title())
		}
		got, err := x.GetRows(sheetNameOf(f.Name))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		page, _ := s.List(manager, store.Query{Kind: f.Key, From: day("2026-11-01"), To: day("2026-11-30"), Limit: 100000})
		want := 0
		for _, r := range page.Records {
			if !r.Voided() {
				want++
			}
		}
		if n := len(got) - sheet.ListHeader - 2; want > 0 && n != want {
			t.Errorf("%s: %d rows in the pack, %d records in the month", f.Name, n, want)
		}
		records += want
	}
	if p.Records != records {
		t.Errorf("pack counts %d records, forms hold %d", p.Records, records)
	}
	// The pack is one entry of the audit trail, not one a form.
	tail, err := s.AuditTail(2)
	if err != nil || len(tail) != 2 || tail[0].Action != store.ActionExport || tail[0].Changes[0].New != "月度资料包" || tail[1].Action == store.ActionExport {
		t.Errorf("audit tail %+v %v", tail, err)
	}
}

func sheetNameOf(name string) string {
	if r := []rune(name); len(r) > 31 {
		return string(r[:31])
	}
	return name
}

// The registry exported to a spreadsheet holds each unit's text exactly, a note or phone that starts
// with = + - or @ without an apostrophe and a landline with its leading 0, and imports again as it is:
// every unit unchanged.
func TestRegistryExportImportsAgain(t *testing.T) {
	s := demoStore(t)
	manager := data.Actor{Login: "manager", Name: "刘经理", Role: data.RoleManager}
	notes := map[string]string{"1-1-101": "=A1+1", "1-1-102": "-1层车位", "1-1-201": "@物业 +1", "1-1-202": "+86 转前台"}
	for unit, note := range notes {
		h, ok := s.Household(unit)
		if !ok {
			t.Fatalf("demo has no unit %s", unit)
		}
		h.Note, h.OwnerPhone = note, "020-87654321"
		if _, err := s.PutHousehold(manager, h); err != nil {
			t.Fatal(err)
		}
	}
	hs, err := s.ExportHouseholds(manager)
	if err != nil {
		t.Fatal(err)
	}
	header, rows := store.HouseholdRows(hs)
	var buf bytes.Buffer
	if err := sheet.Rows(&buf, "业户档案", header, rows); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := x.GetRows(x.GetSheetName(0))
	x.Close()
	seen := 0
	for _, r := range got[1:] {
		unit := strings.Join(r[:3], "-")
		if note, ok := notes[unit]; ok {
			seen++
			if r[8] != note || r[4] != "020-87654321" {
				t.Errorf("%s in the spreadsheet: note %q phone %q; want %q and 020-87654321", unit, r[8], r[4], note)
			}
		}
	}
	if seen != len(notes) {
		t.Errorf("%d of the %d units found in the spreadsheet", seen, len(notes))
	}
	p, err := s.PreviewHouseholdFile(manager, "业户档案.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if p.New != 0 || len(p.Changed) != 0 || p.Unchanged != len(hs) {
		t.Errorf("the exported registry imported again: %d new, %d changed, %d unchanged; want all %d unchanged", p.New, len(p.Changed), p.Unchanged, len(hs))
	}
}

// The pack of a month in a year without a holiday schedule says so under its board, as the screen
// does; a month of a year with one does not.
func TestMonthPackSaysWhenItsYearHasNoHolidaySchedule(t *testing.T) {
	s := demoStore(t)
	manager := data.Actor{Login: "manager", Name: "刘经理", Role: data.RoleManager}
	for _, tt := range []struct {
		month string
		gap   bool
	}{{"2028-02-01", true}, {"2026-11-01", false}} {
		p, err := MonthPack(context.Background(), s, manager, day(tt.month), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p.PDF)
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(pdfPages(t, b), "")
		if got := strings.Contains(all, "节假日安排尚未录入"); got != tt.gap {
			t.Errorf("%s: the pack says the schedule is missing: %v; want %v", tt.month, got, tt.gap)
		}
		if tt.gap && !strings.Contains(all, "2028年的节假日安排尚未录入") {
			t.Errorf("%s: the note does not name 2028", tt.month)
		}
	}
}
