package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/store"
	"frontdesk/reports"
	"frontdesk/reports/sheet"
)

// xlsxCell is one cell as the file's XML holds it: its type attribute (none for a number), its raw
// value, and the number format of its style.
type xlsxCell struct {
	Type, Value, Format string
}

// xlsxCells reads every cell of every sheet of a spreadsheet from its XML, by sheet name and cell
// reference (B5), without the library that wrote it.
func xlsxCells(t *testing.T, file string) map[string]map[string]xlsxCell {
	t.Helper()
	z, err := zip.OpenReader(file)
	if err != nil {
		t.Fatalf("open %s: %v", file, err)
	}
	defer z.Close()
	read := func(name string, v any) {
		for _, f := range z.File {
			if f.Name == name {
				r, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				if err := xml.NewDecoder(r).Decode(v); err != nil && err != io.EOF {
					t.Fatalf("%s %s: %v", file, name, err)
				}
				return
			}
		}
		t.Fatalf("%s has no %s", file, name)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	read("xl/workbook.xml", &wb)
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	read("xl/_rels/workbook.xml.rels", &rels)
	var styles struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	read("xl/styles.xml", &styles)
	formats := map[int]string{2: "0.00", 9: "0%", 10: "0.00%"}
	for _, n := range styles.NumFmts {
		formats[n.ID] = n.Code
	}
	out := map[string]map[string]xlsxCell{}
	for _, s := range wb.Sheets {
		target := ""
		for _, r := range rels.Rel {
			if r.ID == s.RID {
				target = r.Target
			}
		}
		if !strings.HasPrefix(target, "/") {
			target = path.Join("xl", target)
		}
		var ws struct {
			Cells []struct {
				Ref   string `xml:"r,attr"`
				Style int    `xml:"s,attr"`
				Type  string `xml:"t,attr"`
				V     string `xml:"v"`
				IS    string `xml:"is>t"`
			} `xml:"sheetData>row>c"`
		}
		read(strings.TrimPrefix(target, "/"), &ws)
		cells := map[string]xlsxCell{}
		for _, c := range ws.Cells {
			f := ""
			if c.Style < len(styles.Xfs) {
				f = formats[styles.Xfs[c.Style].NumFmt]
			}
			v := c.V
			if c.Type == "inlineStr" {
				v = c.IS
			}
			cells[c.Ref] = xlsxCell{Type: c.Type, Value: v, Format: f}
		}
		out[s.Name] = cells
	}
	return out
}

// soffice is LibreOffice's program, or a skip when it is not installed here; CI installs it (make
// deps-test), and there its absence is a failure.
func soffice(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice not found: CI installs libreoffice-calc-nogui (Makefile APT_TEST)")
		}
		t.Skip("soffice not found: install libreoffice-calc-nogui (make deps-test) to open the spreadsheets in LibreOffice")
	}
	return p
}

// libreOfficeCSV converts the files to CSV with LibreOffice in one run, every sheet to a file of its
// own (the cells as shown), and returns each sheet's rows by file base name and sheet name.
func libreOfficeCSV(t *testing.T, files ...string) map[string][][]string {
	t.Helper()
	prog := soffice(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "csv")
	// A profile of its own, so that a LibreOffice already open (or another test's) is not asked instead.
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")), "--headless", "--norestore",
		// comma, double quote, UTF-8, from line 1, …, cells as shown, every sheet (-1).
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", out}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, append(args, files...)...)
	// UTF-8 file names whatever the locale: LANG may name a locale the machine has not generated
	// (zh_CN.UTF-8 on a fresh one), and LibreOffice then writes each sheet's Chinese name as ??.
	cmd.Env = append(os.Environ(), "HOME="+dir, "LC_ALL=C.UTF-8")
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	sheets := map[string][][]string{}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		sheets[strings.TrimSuffix(e.Name(), ".csv")] = rows
	}
	if len(sheets) == 0 {
		t.Fatalf("LibreOffice wrote no CSV:\n%s", b)
	}
	return sheets
}

// cellRef is the reference of a cell by its 0-based row and column.
func cellRef(row, col int) string {
	name := ""
	for c := col + 1; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name + strconv.Itoa(row+1)
}

// The spreadsheets the program writes open in LibreOffice as a person's spreadsheet would compute with
// them: in a list's export, a record's spreadsheet and the month pack, every date and time is a
// number in a date format (no type in the XML, a serial value) that LibreOffice shows as the record
// has it; counts are numbers; a rate is a number in a percent format shown as the program worked it
// out; a text that starts with = + - or @ is a string cell that shows exactly that text, never an
// apostrophe and never its result.
func TestSpreadsheetsOpenInLibreOffice(t *testing.T) {
	soffice(t)
	s := demoStore(t)
	ctx := context.Background()
	f, _ := data.FormByKey("visitor")
	in := demo.New(7, nil).Example(f, s.Now().Add(-time.Hour), supervisor.Name, 1)
	in.Values["purpose"], in.Values["note"] = "=1+1", "@前台 -5 +2"
	added, err := s.Create(supervisor, "visitor", in)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "list.xlsx")
	var buf bytes.Buffer
	q := store.ExportQuery{Query: store.Query{Kind: "visitor", From: day("2026-11-27"), To: day("2026-11-27")}}
	if _, err := Sheet(ctx, s, supervisor, q, &buf, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(list, buf.Bytes(), 0o600)
	report, err := s.BySerial(supervisor, "YB-20261101-001")
	if err != nil {
		t.Fatal(err)
	}
	record := filepath.Join(dir, "record.xlsx")
	buf.Reset()
	if err := sheet.Record(&buf, report, reports.Options{PrintedAt: s.Now()}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(record, buf.Bytes(), 0o600)
	manager := data.Actor{Login: "manager", Name: "刘经理", Role: data.RoleManager}
	p, err := MonthPack(ctx, s, manager, day("2026-11-01"), filepath.Join(dir, "pack-out"))
	if err != nil {
		t.Fatal(err)
	}
	pack := filepath.Join(dir, "pack.xlsx")
	b, _ := os.ReadFile(p.XLSX)
	os.WriteFile(pack, b, 0o600)

	shown := libreOfficeCSV(t, list, record, pack)
	xmls := map[string]map[string]map[string]xlsxCell{"list": xlsxCells(t, list), "record": xlsxCells(t, record), "pack": xlsxCells(t, pack)}
	// check says what cell (row, col) of a sheet is: kind "date" (a number in format), "number",
	// "percent" or "text"; and that LibreOffice shows want there.
	checked := map[string]int{}
	check := func(file, sheetName string, row, col int, kind, format, want string) {
		t.Helper()
		rows, ok := shown[file+"-"+sheetName]
		if !ok {
			t.Fatalf("LibreOffice wrote no sheet %s of %s", sheetName, file)
		}
		ref := cellRef(row, col)
		got := ""
		if row < len(rows) && col < len(rows[row]) {
			got = rows[row][col]
		}
		if got != want {
			t.Errorf("%s %s!%s: LibreOffice shows %q; want %q", file, sheetName, ref, got, want)
		}
		c := xmls[file][sheetName][ref]
		switch kind {
		case "text":
			if c.Type != "inlineStr" && c.Type != "s" {
				t.Errorf("%s %s!%s %q: cell type %q; want a string cell", file, sheetName, ref, want, c.Type)
			}
		default:
			if _, err := strconv.ParseFloat(c.Value, 64); (c.Type != "" && c.Type != "n") || err != nil {
				t.Errorf("%s %s!%s %q: cell type %q value %q; want a number", file, sheetName, ref, want, c.Type, c.Value)
			}
			if format != "" && c.Format != format {
				t.Errorf("%s %s!%s %q: number format %q; want %q", file, sheetName, ref, want, c.Format, format)
			}
		}
		checked[kind]++
	}
	column := func(rows [][]string, label string) int {
		for i, h := range rows[sheet.ListHeader-1] {
			if h == label {
				return i
			}
		}
		t.Fatalf("no column %s in %q", label, rows[sheet.ListHeader-1])
		return -1
	}

	// The list: a row a record of the day.
	page, err := s.List(supervisor, store.Query{Kind: "visitor", From: q.From, To: q.To, Limit: 1000})
	if err != nil || len(page.Records) < 2 {
		t.Fatalf("the day's visitors: %d %v", len(page.Records), err)
	}
	main := shown["list-"+f.Name]
	rowOf := map[string]int{}
	for n, r := range main {
		if len(r) > 0 {
			rowOf[r[0]] = n
		}
	}
	for _, r := range page.Records {
		row, ok := rowOf[r.Serial]
		if !ok {
			t.Fatalf("LibreOffice shows no row for %s", r.Serial)
		}
		for _, k := range []string{"entry_time", "consent_time", "exit_time"} {
			if fl, _ := f.Field(k); r.Values[k] != "" {
				check("list", f.Name, row, column(main, fl.Label), "date", "yyyy-mm-dd hh:mm", r.Values[k])
			}
		}
		if fl, _ := f.Field("visitors"); r.Values["visitors"] != "" {
			check("list", f.Name, row, column(main, fl.Label), "number", "", r.Values["visitors"])
		}
		check("list", f.Name, row, column(main, "登记时间"), "date", "yyyy-mm-dd hh:mm", r.CreatedAt.In(data.Shanghai).Format(data.LayoutDateTime))
		if r.Serial == added.Serial {
			fl, _ := f.Field("purpose")
			check("list", f.Name, row, column(main, fl.Label), "text", "", "=1+1")
			fl, _ = f.Field("note")
			check("list", f.Name, row, column(main, fl.Label), "text", "", "@前台 -5 +2")
		}
	}

	// The month report's own spreadsheet: a label and its value a row.
	rf, _ := data.FormByKey(report.Kind)
	rec := shown["record-"+rf.Name]
	kinds := map[data.FieldType][2]string{data.TypeMonth: {"date", "yyyy-mm"}, data.TypeDateTime: {"date", "yyyy-mm-dd hh:mm"}, data.TypeInt: {"number", ""}}
	for _, fl := range rf.Fields {
		v := report.Values[fl.Key]
		if v == "" || fl.Type == data.TypeTable {
			continue
		}
		k, ok := kinds[fl.Type]
		if fl.Key == "revisit_rate" {
			k, ok = [2]string{"percent", "0.0%"}, true
		}
		if !ok {
			continue
		}
		for n, r := range rec {
			if len(r) > 1 && r[0] == fl.Label {
				check("record", rf.Name, n, 1, k[0], k[1], v)
			}
		}
	}

	// The month pack: the board's figures, and the month's records of each form behind them.
	rules, err := s.Compliance(manager, day("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	board := shown["pack-本月达标"]
	for i, r := range rules {
		kind, format := "text", ""
		if strings.HasSuffix(r.Figure.Value, "%") && !strings.ContainsAny(r.Figure.Value, " ≥") {
			kind, format = "percent", "0.0%"
			if !strings.Contains(r.Figure.Value, ".") {
				format = "0%"
			}
		}
		check("pack", "本月达标", 3+i, 1, kind, format, r.Figure.Value)
	}
	people := shown["pack-个人考核"]
	for n := 3; n < len(people); n++ {
		for c := 1; c < len(people[n]); c++ {
			check("pack", "个人考核", n, c, "number", "", people[n][c])
		}
	}
	for _, pf := range data.Forms() {
		rows, ok := shown["pack-"+sheetNameOf(pf.Name)]
		if pf.Pack == "" || !ok || len(rows) <= sheet.ListHeader {
			continue
		}
		for _, fl := range pf.Fields {
			k, ok := map[data.FieldType]string{data.TypeDate: "yyyy-mm-dd", data.TypeDateTime: "yyyy-mm-dd hh:mm", data.TypeMonth: "yyyy-mm"}[fl.Type]
			if !ok {
				continue
			}
			col := column(rows, fl.Label)
			for n := sheet.ListHeader; n < len(rows); n++ {
				if col < len(rows[n]) && rows[n][col] != "" {
					check("pack", sheetNameOf(pf.Name), n, col, "date", k, rows[n][col])
				}
			}
		}
	}
	t.Logf("cells checked: %v", checked)
	if len(board) != 3+len(rules) || checked["date"] < 20 || checked["percent"] < 3 || checked["number"] < 5 || checked["text"] < 2 {
		t.Errorf("checked %v of the cells, the board %d rows for %d rules", checked, len(board), len(rules))
	}
}
