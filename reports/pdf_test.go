package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/forms/desk"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var printedAt = time.Date(2026, 11, 27, 10, 0, 0, 0, data.Shanghai)

// pdfText runs pdftotext (poppler-utils) over a PDF and returns its text.
func pdfText(t *testing.T, pdf []byte) string {
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
	return string(out)
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// exampleRecord is a record of the form with every field filled, its life's too.
func exampleRecord(f *data.Form, seed int64) *data.Record {
	return demo.Lived(f, seed, printedAt, "陈佳")
}

// An Auto field the record's life has not filled yet is not printed: a complaint just taken shows no
// 关闭时间 line.
func TestEmptyAutoFieldsAreNotPrinted(t *testing.T) {
	f, _ := data.FormByKey("complaint")
	in := demo.New(1, nil).Example(f, printedAt, "陈佳", 1)
	norm, errs := data.Validate(f, in, printedAt)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rec := &data.Record{ID: 1, Kind: f.Key, Serial: "TS-20261127-001", Values: norm.Values, Status: data.StatusActive, CreatedAt: printedAt}
	var buf bytes.Buffer
	if err := RecordPDF(&buf, rec, Options{PropertyName: "城市假日花园客户服务中心", PrintedAt: printedAt}); err != nil {
		t.Fatal(err)
	}
	text := squeeze(pdfText(t, buf.Bytes()))
	if strings.Contains(text, "关闭时间") || !strings.Contains(text, squeeze("投诉内容（听好、问好）")) {
		t.Errorf("a new complaint prints its life's empty lines, or lacks its intake:\n%s", text)
	}
}

func TestRecordPDFShowsEveryValue(t *testing.T) {
	for _, f := range data.Forms() {
		rec := exampleRecord(f, 3)
		var buf bytes.Buffer
		if err := RecordPDF(&buf, rec, Options{PropertyName: "城市假日花园客户服务中心", PrintedAt: printedAt, ShowPersonal: true}); err != nil {
			t.Fatalf("%s: %v", f.Key, err)
		}
		text := squeeze(pdfText(t, buf.Bytes()))
		want := []string{f.Title(), rec.Serial, "城市假日花园客户服务中心"}
		for _, fl := range f.Fields {
			if fl.Type == data.TypeTable {
				for _, r := range rec.Tables[fl.Key] {
					for _, c := range fl.Columns {
						want = append(want, data.Display(c, r[c.Key]))
					}
				}
				continue
			}
			want = append(want, fl.Label, data.Display(fl, rec.Values[fl.Key]))
		}
		for _, s := range f.Signatures {
			want = append(want, s)
		}
		if f.Stamp {
			want = append(want, "盖章处")
		}
		for _, w := range want {
			if !strings.Contains(text, squeeze(w)) {
				t.Errorf("%s PDF lacks %q", f.Key, w)
			}
		}
		for _, fl := range f.Fields {
			if v := rec.Values[fl.Key]; fl.Type == data.TypeIDNumber && v != "" && strings.Contains(text, v) {
				t.Errorf("%s PDF shows the full ID number", f.Key)
			}
		}
	}
}

// gofpdf's MultiCell drops a character at each automatic line break; the own wrapper must not.
func TestLongChineseParagraphKeepsEveryCharacter(t *testing.T) {
	f, _ := data.FormByKey("duty_log")
	rec := exampleRecord(f, 1)
	var para strings.Builder
	for utf8.RuneCountInString(para.String()) < 999 {
		para.WriteString("值班人员对值班期间接报的信息及发生的事件须认真记录，表述清楚、完整，字迹工整，不可遗漏。")
	}
	long := []rune(para.String())[:999]
	rec.Values["detail"] = string(long)
	var buf bytes.Buffer
	if err := RecordPDF(&buf, rec, Options{PrintedAt: printedAt}); err != nil {
		t.Fatal(err)
	}
	got := squeeze(pdfText(t, buf.Bytes()))
	if !strings.Contains(got, string(long)) {
		t.Errorf("a %d-character paragraph lost characters in the PDF", len(long))
	}
	for _, p := range "，。、；" {
		if strings.Contains(pdfText(t, buf.Bytes()), "\n"+string(p)) {
			t.Errorf("a line starts with %c", p)
		}
	}
}

func TestRareCharacterNamePrintsWithStandIn(t *testing.T) {
	f, _ := data.FormByKey("visitor")
	rec := exampleRecord(f, 1)
	rec.Values["visitor_name"] = "王𠀋一"
	var buf bytes.Buffer
	if err := RecordPDF(&buf, rec, Options{PrintedAt: printedAt}); err != nil {
		t.Fatalf("rare character: %v", err)
	}
	if got := squeeze(pdfText(t, buf.Bytes())); !strings.Contains(got, "王□一") {
		t.Errorf("PDF lacks the stand-in for 𠀋: %q", got)
	}
	if rec.Values["visitor_name"] != "王𠀋一" {
		t.Error("printing changed the stored name")
	}
}

func TestPhonesMaskedUnlessShown(t *testing.T) {
	f, _ := data.FormByKey("release")
	rec := exampleRecord(f, 1)
	phone := rec.Values["owner_phone"]
	for _, show := range []bool{false, true} {
		var buf bytes.Buffer
		if err := RecordPDF(&buf, rec, Options{PrintedAt: printedAt, ShowPersonal: show}); err != nil {
			t.Fatal(err)
		}
		got := squeeze(pdfText(t, buf.Bytes()))
		if strings.Contains(got, phone) != show || strings.Contains(got, data.MaskPhone(phone)) == show {
			t.Errorf("ShowPersonal=%v: full phone printed %v", show, strings.Contains(got, phone))
		}
	}
}

func TestVoidedAndReprintMarked(t *testing.T) {
	f, _ := data.FormByKey("release")
	rec := exampleRecord(f, 1)
	rec.Status, rec.VoidReason = data.StatusVoid, "业主取消搬运"
	var buf bytes.Buffer
	if err := RecordPDF(&buf, rec, Options{PrintedAt: printedAt, Reprint: 2}); err != nil {
		t.Fatal(err)
	}
	got := squeeze(pdfText(t, buf.Bytes()))
	for _, w := range []string{"【作废】原因：业主取消搬运", "补打（第3次打印）"} {
		if !strings.Contains(got, w) {
			t.Errorf("PDF lacks %q", w)
		}
	}
}

func TestOutputIsDeterministic(t *testing.T) {
	f, _ := data.FormByKey("release")
	rec := exampleRecord(f, 1)
	var a, b bytes.Buffer
	RecordPDF(&a, rec, Options{PrintedAt: printedAt})
	RecordPDF(&b, rec, Options{PrintedAt: printedAt})
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two prints of the same record differ")
	}
}

// The bundled font draws every GB2312 character (6763 hanzi plus symbols), so no common name prints blank.
func TestFontCoversGB2312(t *testing.T) {
	dec := simplifiedchinese.GBK.NewDecoder()
	missing, total := []string{}, 0
	for hi := 0xB0; hi <= 0xF7; hi++ { // rows 16–87: the hanzi
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if hi == 0xD7 && lo > 0xF9 { // row 55 ends at D7F9
				continue
			}
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				t.Fatal(err)
			}
			total++
			r := []rune(string(s))[0]
			if !HasGlyph(r) {
				missing = append(missing, string(r))
			}
		}
	}
	for _, r := range "0123456789ABCXYZabcxyz，。：；（）《》、“”·—□" {
		total++
		if !HasGlyph(r) {
			missing = append(missing, string(r))
		}
	}
	if total < 6763 || len(missing) > 0 {
		t.Errorf("font lacks %d of %d characters: %v", len(missing), total, missing)
	}
}

func TestPrintable(t *testing.T) {
	tests := map[string]string{"张伟": "张伟", "𠀋": "□", "a\tb": "a b", "😀好": "□好", "第1行\n第2行": "第1行\n第2行"}
	for in, want := range tests {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestReleaseSlipThreeCopies(t *testing.T) {
	f, _ := data.FormByKey("release")
	rec := exampleRecord(f, 5)
	rec.Tables["items"] = []data.Row{{"name": "冰箱", "spec": "双门", "qty": "1"}, {"name": "纸箱", "spec": "搬家杂物", "qty": "12"}}
	var buf bytes.Buffer
	if err := ReleaseSlipPDF(&buf, rec, Options{PropertyName: "城市假日花园客户服务中心", PrintedAt: printedAt}, "ABCD-2345", 3); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if n := strings.Count(text, "\f"); n != 1 {
		t.Errorf("pages = %d; want the three copies on one page", n)
	}
	flat := squeeze(text)
	for _, w := range []string{"存根", "业主联", "门岗联", "沿此线剪开", "核验码：ABCD-2345", rec.Serial, "纸箱", "搬家杂物", "业主签字", "门岗核验（签字/时间）", "盖章处", "有效期至"} {
		if !strings.Contains(flat, w) {
			t.Errorf("slip lacks %q", w)
		}
	}
	if c := strings.Count(flat, "核验码：ABCD-2345"); c != 3 {
		t.Errorf("code printed %d times; want on each copy", c)
	}
	// Many items: one copy a page.
	for i := 0; i < 8; i++ {
		rec.Tables["items"] = append(rec.Tables["items"], data.Row{"name": "箱子", "qty": "1"})
	}
	buf.Reset()
	ReleaseSlipPDF(&buf, rec, Options{PrintedAt: printedAt}, "ABCD-2345", 3)
	if n := strings.Count(pdfText(t, buf.Bytes()), "\f"); n != 3 {
		t.Errorf("10 items: %d pages; want 3", n)
	}
}

func TestCopiesAndNotes(t *testing.T) {
	f, _ := data.FormByKey("hotwork")
	rec := exampleRecord(f, 2)
	var buf bytes.Buffer
	if err := RecordPDF(&buf, rec, Options{PrintedAt: printedAt, Copies: []string{"存根", "作业人员执"}, Notes: []string{"审批：王主管 2026-11-27 09:00"}}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if strings.Count(text, "\f") != 2 || !strings.Contains(text, "作业人员执") || strings.Count(text, "审批：王主管") != 2 {
		t.Errorf("two copies with notes expected:\n%s", text)
	}
}

// The visitor log prints its personal-information notice, and the ID number masked.
func TestVisitorPrintCarriesNoticeAndMaskedID(t *testing.T) {
	f, _ := data.FormByKey("visitor")
	rec := exampleRecord(f, 2)
	rec.Values["doc_type"], rec.Values["doc_no"] = data.DocResidentID, "11010519491231002X"
	var buf bytes.Buffer
	if err := RecordPDF(&buf, rec, Options{PrintedAt: printedAt}); err != nil {
		t.Fatal(err)
	}
	got := squeeze(pdfText(t, buf.Bytes()))
	for _, want := range []string{"个人信息告知", "《居民身份证法》第十三条", "《个人信息保护法》第二十八和二十九条", "不保存照片和住址", "110105********002X"} {
		if !strings.Contains(got, want) {
			t.Errorf("visitor print lacks %q", want)
		}
	}
	if strings.Contains(got, "11010519491231002X") {
		t.Error("the full ID number is printed")
	}
	if f, _ := data.FormByKey("release"); f.Notice != "" {
		t.Error("only the visitor log reads cards and carries the notice")
	}
}

// Every field a clerk fills reaches the release slip's paper, on each of its three copies: 备注 too;
// the reason a slip was issued against the registry, on the desk's stub only.
func TestReleaseSlipPrintsEveryFilledField(t *testing.T) {
	f, _ := data.FormByKey("release")
	rec := exampleRecord(f, 9)
	rec.Values["note"] = "沙发需两人搬运"
	rec.Values["identity_check"], rec.Values["agent_name"], rec.Values["agent_doc"] = desk.AgentCheck, "赵六", "11010519491231002X"
	rec.Tables["items"] = []data.Row{{"name": "冰箱", "spec": "双门", "qty": "1"}}
	opt := Options{PropertyName: "城市假日花园客户服务中心", PrintedAt: printedAt}
	var buf bytes.Buffer
	if err := ReleaseSlipPDF(&buf, rec, opt, "ABCD-2345", 3); err != nil {
		t.Fatal(err)
	}
	flat := squeeze(pdfText(t, buf.Bytes()))
	for _, fl := range f.Fields {
		v := rec.Values[fl.Key]
		if fl.Type == data.TypeTable || v == "" {
			continue
		}
		want := squeeze(opt.value(fl, v))
		if fl.Key == f.Registry.Reason {
			if n := strings.Count(flat, want); n != 1 {
				t.Errorf("%s (%s) printed %d times; want on the stub only", fl.Label, want, n)
			}
			continue
		}
		if n := strings.Count(flat, want); n < 3 {
			t.Errorf("%s (%s) printed %d times; want on each of the 3 copies", fl.Label, want, n)
		}
	}
}

// A slip issued though it did not agree with the household registry carries the reason on its stub
// (存根), in its one line, at the longest the field takes; the owner's and the gate's copies do not.
func TestReleaseSlipStubCarriesTheRegistryNote(t *testing.T) {
	f, _ := data.FormByKey("release")
	fl, _ := f.Field(f.Registry.Reason)
	for _, note := range []string{"新购房业主，出示购房合同，档案待更新", strings.Repeat("房屋已过户档案未更新", fl.Max/10)} {
		rec := exampleRecord(f, 4)
		rec.Values[fl.Key] = note
		rec.Values["note"] = "沙发需两人搬运"
		rec.Tables["items"] = []data.Row{{"name": "冰箱", "qty": "1"}, {"name": "纸箱", "qty": "8"}, {"name": "床垫", "qty": "1"}}
		var buf bytes.Buffer
		if err := ReleaseSlipPDF(&buf, rec, Options{PrintedAt: printedAt}, "ABCD-2345", 3); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, buf.Bytes())
		if n := strings.Count(text, "\f"); n != 1 {
			t.Errorf("%d pages; want the three copies on one page with the note", n)
		}
		flat := squeeze(text)
		stub, rest, ok := strings.Cut(flat, "业主联")
		if !ok {
			t.Fatalf("no owner's copy in %q", flat)
		}
		if !strings.Contains(stub, "存根") || !strings.Contains(stub, fl.Label+note) {
			t.Errorf("the stub lacks %s %q:\n%s", fl.Label, note, stub)
		}
		if strings.Contains(rest, note) || strings.Contains(rest, fl.Label) {
			t.Errorf("the owner's or the gate's copy carries the note")
		}
	}
	// Without a note, no empty line on the stub.
	rec := exampleRecord(f, 4)
	delete(rec.Values, fl.Key)
	var buf bytes.Buffer
	if err := ReleaseSlipPDF(&buf, rec, Options{PrintedAt: printedAt}, "ABCD-2345", 3); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(pdfText(t, buf.Bytes()), fl.Label) {
		t.Error("a slip that agrees with the registry prints the note's label")
	}
}

// A paper that must not be taken as valid says so across the page, and has no stamp zone.
func TestInvalidPaperIsMarked(t *testing.T) {
	f, _ := data.FormByKey("hotwork")
	rec := exampleRecord(f, 2)
	var buf bytes.Buffer
	if err := RecordPDF(&buf, rec, Options{PrintedAt: printedAt, Copies: []string{"存根", "作业人员执"}, Invalid: "未批准·不得动火"}); err != nil {
		t.Fatal(err)
	}
	text := squeeze(pdfText(t, buf.Bytes()))
	// The banner on each page (the diagonal mark is drawn rotated, which pdftotext does not read).
	if strings.Count(text, "【未批准·不得动火】") != 2 || strings.Contains(text, "盖章处") {
		t.Errorf("an unapproved permit: marks %d, stamp zone %v", strings.Count(text, "未批准·不得动火"), strings.Contains(text, "盖章处"))
	}
}

// The roster prints on one landscape sheet for the wall: every person a row with each day's shift and
// the days worked, the days with nobody on marked, the shifts' hours and the signatures under it.
func TestRosterMonthGrid(t *testing.T) {
	rec := &data.Record{ID: 1, Kind: "roster", Serial: "PB-20261120-001", Status: data.StatusActive, State: "approved", CreatedAt: printedAt,
		Values: map[string]string{"month": "2026-12", "author": "王主管", "approved_by": "刘经理", "approved_at": "2026-11-21 17:00"},
		Tables: map[string][]data.Row{"lines": {
			{"date": "2026-12-01", "early": "陈佳", "middle": "周敏", "late": "王丽君"},
			{"date": "2026-12-02", "early": "周敏", "late": "陈佳"},
			{"date": "2026-12-31", "middle": "陈佳"},
		}}}
	var buf bytes.Buffer
	if err := Document(&buf, rec, Options{PropertyName: "城市假日花园客户服务中心", PrintedAt: printedAt}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	// The rows as laid out on the page.
	path := filepath.Join(t.TempDir(), "grid.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	laid, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if info, err := exec.Command("pdfinfo", path).Output(); err != nil || !regexp.MustCompile(`Pages:\s+1\n`).Match(info) || !strings.Contains(string(info), "841.89 x 595.28") {
		t.Errorf("want one landscape sheet:\n%s %v", info, err)
	}
	lines := strings.Split(string(laid), "\n")
	row := func(name string) string {
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), name) {
				return squeeze(l)
			}
		}
		return ""
	}
	// 陈佳: 早 on the 1st, 晚 on the 2nd, 中 on the 31st: three days.
	if r := row("陈佳"); r != "陈佳早晚中3" {
		t.Errorf("陈佳's row: %q\n%s", r, text)
	}
	if r := row("周敏"); r != "周敏中早2" {
		t.Errorf("周敏's row: %q", r)
	}
	flat := squeeze(text)
	for _, want := range []string{"《排班表》2026年12月", "状态：已批准", "早＝早班07:30-15:30", "空白为休息", "批准人：刘经理", "当日在岗", "无",
		"客户服务主管（拟定）", "物业服务中心经理（审批）"} {
		if !strings.Contains(flat, squeeze(want)) {
			t.Errorf("the sheet lacks %q", want)
		}
	}
}
