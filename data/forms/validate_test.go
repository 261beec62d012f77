package forms

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/desk"
	"frontdesk/data/forms/formtest"
)

func TestCheckResidentID(t *testing.T) {
	tests := []struct {
		in, wantMsg, wantNote string
	}{
		{"11010519491231002X", "", ""},
		{"11010519491231002x", "", ""}, // lower-case x is accepted and upper-cased
		{"110105194912310021", "校验位错误", ""},
		{"11010519491331002X", "出生日期无效", ""},
		{"11010520991231002X", "出生日期不合理", ""},
		{"1101051949123100", "应为18位", ""},
		{"11010A19491231002X", "前17位必须是数字", ""},
		{"110105491231002", "", "15位旧版"},
		{"11010549123100A", "全是数字", ""},
	}
	for _, tt := range tests {
		_, note, msg := data.CheckResidentID(tt.in, formtest.Today)
		if (tt.wantMsg == "") != (msg == "") || !strings.Contains(msg, tt.wantMsg) {
			t.Errorf("CheckResidentID(%q) msg = %q; want containing %q", tt.in, msg, tt.wantMsg)
		}
		if !strings.Contains(note, tt.wantNote) {
			t.Errorf("CheckResidentID(%q) note = %q; want %q", tt.in, note, tt.wantNote)
		}
	}
}

func TestCheckValue(t *testing.T) {
	tests := []struct {
		typ      data.FieldType
		in, want string
		ok       bool
	}{
		{data.TypePhone, "13812345678", "13812345678", true},
		{data.TypePhone, "１３８１２３４５６７８", "13812345678", true}, // full-width digits from an IME
		{data.TypePhone, "0755-12345678", "0755-12345678", true},
		{data.TypePhone, "1381234567", "", false},
		{data.TypePhone, "+86 138 1234 5678", "13812345678", true},
		{data.TypePhone, "86-13812345678", "13812345678", true},
		{data.TypePhone, "(0755)12345678", "075512345678", true},
		{data.TypePhone, "010-12345678-123", "010-12345678-123", true},
		{data.TypePhone, "87654321", "", false},
		{data.TypePhone, "+8612345", "", false},
		{data.TypePhone, "abc", "", false},
		{data.TypeUnit, "3-2-1201", "3-2-1201", true},
		{data.TypeUnit, "3栋2单元1201室", "3-2-1201", true},
		{data.TypeUnit, "3 - 2 - 1201", "3-2-1201", true},
		{data.TypeUnit, "1201", "", false},
		{data.TypePlate, "粤b12345", "粤B12345", true},
		{data.TypePlate, "粤B1234D5", "粤B1234D5", true},
		{data.TypePlate, "B12345", "", false},
		{data.TypeDate, "2026-11-27", "2026-11-27", true},
		{data.TypeDate, "2026-02-30", "", false},
		{data.TypeDateTime, "2026-11-27  9:05", "2026-11-27 09:05", true},
		{data.TypeDateTime, "2026/11/27 09:05", "", false},
		{data.TypeDateTime, "2026-11-27 09:05", "2026-11-27 09:05", true},
		{data.TypeTime, "25:00", "", false},
		{data.TypeMonth, "2026-13", "", false},
		{data.TypeMoney, "35.5", "35.50", true},
		{data.TypeMoney, "35.555", "", false},
		{data.TypeMoney, "-3", "", false},
		{data.TypeInt, "5", "5", true},
		{data.TypeInt, "五", "", false},
		{data.TypeBool, "是", "是", true},
		{data.TypeBool, "maybe", "", false},
		{data.TypePerson, "王小明", "王小明", true},
		{data.TypePerson, "王2", "", false},
		{data.TypePerson, "𠀋一", "𠀋一", true}, // CJK Extension B names are kept intact
		{data.TypeText, strings.Repeat("字", 101), "", false},
		{data.TypeText, "a\x07b", "", false},
	}
	for _, tt := range tests {
		fl := data.Field{Key: "f", Label: "字段", Type: tt.typ, Max: map[data.FieldType]int{data.TypeInt: 10}[tt.typ]}
		got, msg := data.CheckValue(fl, data.Normalize(tt.typ, tt.in), "", formtest.Today)
		if (msg == "") != tt.ok {
			t.Errorf("check %s %q: msg %q; want ok=%v", tt.typ, tt.in, msg, tt.ok)
			continue
		}
		if tt.ok && got != tt.want {
			t.Errorf("check %s %q = %q; want %q", tt.typ, tt.in, got, tt.want)
		}
	}
}

func TestValidateOtherDocuments(t *testing.T) {
	f, _ := data.FormByKey("visitor")
	in := visitorInput()
	in.Values["doc_type"] = data.DocPassport
	in.Values["doc_no"] = "e12345678"
	out, errs := data.Validate(f, in, formtest.Today)
	if len(errs) != 0 || out.Values["doc_no"] != "E12345678" {
		t.Fatalf("passport: %v %q", errs, out.Values["doc_no"])
	}
	in.Values["doc_type"] = data.DocResidentID
	_, errs = data.Validate(f, in, formtest.Today)
	if !strings.Contains(errs["doc_no"], "18位") {
		t.Errorf("passport number as a resident ID: errs = %v; want length message", errs)
	}
}

func TestValidateUnknownFieldAndTableRows(t *testing.T) {
	f, _ := data.FormByKey("release")
	in := data.NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "owner_name": "李娜", "owner_phone": "13812345678", "identity_check": "业主本人到场",
		"carrier": "货拉拉", "gate": "东门", "issue_date": "2026-11-27", "valid_until": "2026-11-27", "clerk": "陈佳", "bogus": "x"}
	_, errs := data.Validate(f, in, formtest.Today)
	if errs["bogus"] == "" || errs["items"] == "" {
		t.Fatalf("errs = %v; want bogus and items errors", errs)
	}
	delete(in.Values, "bogus")
	in.Tables["items"] = []data.Row{{"name": "冰箱", "qty": "1"}, {"name": "", "spec": "", "qty": ""}, {"name": "床", "qty": "0"}}
	out, errs := data.Validate(f, in, formtest.Today)
	if len(errs) != 1 || !strings.Contains(errs[data.RowKey("items", 1, "qty")], "第2行 数量") {
		t.Fatalf("errs = %v; want one error on row 2 qty (blank row skipped)", errs)
	}
	if len(out.Tables["items"]) != 2 {
		t.Errorf("rows = %d; want 2", len(out.Tables["items"]))
	}
	lines := errs.Describe(f)
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "放行物品 第2行") {
		t.Errorf("Describe = %q", lines)
	}
}

func TestFormsAreWellDeclared(t *testing.T) {
	prefixes := map[string]string{}
	for _, f := range data.Forms() {
		if p, dup := prefixes[f.Prefix]; dup {
			t.Errorf("%s and %s share prefix %s", f.Key, p, f.Prefix)
		}
		prefixes[f.Prefix] = f.Key
		if f.Name == "" || f.Group == "" || f.Retention == "" || len(f.ListColumns) == 0 {
			t.Errorf("%s: incomplete declaration", f.Key)
		}
		keys := map[string]bool{}
		for _, fl := range f.Fields {
			if keys[fl.Key] {
				t.Errorf("%s: field %s twice", f.Key, fl.Key)
			}
			keys[fl.Key] = true
			if fl.Type == data.TypeChoice && len(fl.Choices) == 0 {
				t.Errorf("%s.%s: choice without choices", f.Key, fl.Key)
			}
			if fl.Type == data.TypeTable && len(fl.Columns) == 0 {
				t.Errorf("%s.%s: table without columns", f.Key, fl.Key)
			}
		}
		for _, c := range f.ListColumns {
			if !keys[c] {
				t.Errorf("%s: list column %s is not a field", f.Key, c)
			}
		}
		if f.DateKey != "" && !keys[f.DateKey] {
			t.Errorf("%s: date key %s is not a field", f.Key, f.DateKey)
		}
	}
	// R10.1–R10.3 name 19 forms; with roster, handover, quality check, leave requests, arrivals and the daily
	// and monthly reading of the duty log and the manager's monthly spot check of it: 27.
	if n := len(data.Forms()); n != 27 {
		t.Errorf("declared forms = %d; want 27", n)
	}
}

func TestMask(t *testing.T) {
	if got := data.MaskID("11010519491231002X"); got != "110105********002X" {
		t.Errorf("MaskID = %q", got)
	}
	if got := data.MaskPhone("13812345678"); got != "138****5678" {
		t.Errorf("MaskPhone = %q", got)
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "13812345678", "3-2-1201", "粤B12345", "2026-11-27 09:30", "𠀋", "\xff\xfe", "１２３"} {
		f.Add("visitor_name", s)
		f.Add("doc_no", s)
		f.Add("entry_time", s)
	}
	form, _ := data.FormByKey("visitor")
	f.Fuzz(func(t *testing.T, key, value string) {
		in := visitorInput()
		in.Values[key] = value
		out, errs := data.Validate(form, in, formtest.Today)
		if len(errs) == 0 {
			// Whatever passes must pass again unchanged: normalisation is idempotent.
			again, errs2 := data.Validate(form, out, formtest.Today)
			if len(errs2) != 0 {
				t.Fatalf("normalised input %q fails again: %v", out.Values[key], errs2)
			}
			if again.Values[key] != out.Values[key] {
				t.Fatalf("normalise not idempotent: %q → %q", out.Values[key], again.Values[key])
			}
		}
	})
}

func TestResidencePermitNumbers(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, data.Shanghai)
	cases := []struct{ no, want string }{
		{"810000198808080013", ""},
		{"830000199001010020", ""},
		{"81000019880808001", "应为18位"},
		{"11010519491231002X", "以810000、820000或830000开头"},
		{"810000198808080014", "居住证号码校验位错误"},
	}
	for _, tc := range cases {
		in := visitorInput()
		in.Values["doc_type"] = data.DocResidencePermit
		in.Values["doc_no"] = tc.no
		_, errs := data.Validate(desk.FormVisitor, in, now)
		if got := errs["doc_no"]; (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.no, got, tc.want)
		}
	}
}

// Text that looks like something else (#12 items 13, 14): a line break only in free text; invisible
// characters refused with their name; bad encodings refused, never kept as U+FFFD.
func TestLineBreaksAndInvisibleCharacters(t *testing.T) {
	text := data.Field{Key: "t", Label: "来访事由", Type: data.TypeText}
	note := data.Field{Key: "n", Label: "情况说明", Type: data.TypeMultiline}
	person := data.Field{Key: "p", Label: "姓名", Type: data.TypePerson}
	unit := data.Field{Key: "u", Label: "房号", Type: data.TypeUnit}
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, data.Shanghai)
	for _, c := range []struct {
		f    data.Field
		v    string
		want string // part of the message; "" = accepted
	}{
		{text, "送货\n上门", "不能换行"},
		{text, "送货\r上门", "不能换行"},
		{text, "送货\u2028上门", "不能换行"},
		{text, "送货\t上门", "控制字符"},
		{note, "第一行\n第二行", ""},
		{note, "第一行\t缩进", ""},
		{person, "张\u200b伟", "U+200B 零宽空格"},
		{person, "张\u202e伟", "U+202E 文字方向控制符"},
		{note, "说明\u202e反向", "文字方向控制符"},
		{note, "👨\u200d👩", ""},
		{unit, "3-2-\u2060101", "零宽不换行符"},
		{person, "张\ufffd伟", "无法识别的字符"},
		{person, "张\xff伟", "无法识别的字符"},
		{person, "张伟", ""},
	} {
		_, msg := data.CheckValue(c.f, data.Normalize(c.f.Type, c.v), "", now)
		if c.want == "" && msg != "" || c.want != "" && !strings.Contains(msg, c.want) {
			t.Errorf("%s %q: %q; want %q", c.f.Label, c.v, msg, c.want)
		}
	}
}

// Flat JSON as add reads it (#12 item 15).
func TestParseFlatJSONRefusesWhatIsNotOneObject(t *testing.T) {
	f, _ := data.FormByKey("message")
	for _, c := range []struct {
		in string
		ok bool
	}{
		{`{"from_name":"李娜"}`, true},
		{"\ufeff{\"from_name\":\"李娜\"}", true},
		{`{"from_name":"李娜"} {"from_name":"王芳"}`, false},
		{`{"from_name":"李娜"} x`, false},
		{`{"from_name":"李娜"`, false},
		{`["from_name"]`, false},
		{`null`, false},
		{"{\"from_name\":\"\xc0\xaf\"}", false},
		{`{"from_name":{"a":1}}`, false},
	} {
		_, err := data.ParseFlatJSON(f, []byte(c.in))
		if (err == nil) != c.ok {
			t.Errorf("%q: %v", c.in, err)
		}
		if err != nil && strings.ContainsAny(err.Error(), "abcdefghijklmnopqrstuvwxyz") && !strings.Contains(err.Error(), "from_name") {
			t.Errorf("%q: message not Chinese: %v", c.in, err)
		}
	}
}

// Every one of the eleven check characters of GB 11643 (0–9 and X): the right one is accepted, each
// other refused with the right one named.
func TestResidentIDEveryCheckCharacter(t *testing.T) {
	seen := map[byte]bool{}
	for seq := 0; len(seen) < 11 && seq < 1000; seq++ {
		body := fmt.Sprintf("11010519491231%03d", seq)
		c := data.IDCheckDigit(body)
		if seen[c] {
			continue
		}
		seen[c] = true
		if _, _, msg := data.CheckResidentID(body+string(c), formtest.Today); msg != "" {
			t.Errorf("%s%c refused: %s", body, c, msg)
		}
		wrong := byte('0')
		if c == '0' {
			wrong = 'X'
		}
		if _, _, msg := data.CheckResidentID(body+string(wrong), formtest.Today); !strings.Contains(msg, string(c)) {
			t.Errorf("%s%c: %q does not name %c", body, wrong, msg, c)
		}
	}
	if len(seen) != 11 {
		t.Fatalf("only %d check characters met", len(seen))
	}
}

// A record and its changes as a clerk sees them: phones and ID numbers masked in values, table rows
// and the changes of the history (#12 item 9).
func TestMaskedForAndMaskChanges(t *testing.T) {
	f := &data.Form{Key: "t", Fields: []data.Field{
		{Key: "phone", Label: "电话", Type: data.TypePhone},
		{Key: "rows", Label: "人员", Type: data.TypeTable, Columns: []data.Field{{Key: "id", Label: "证件号", Type: data.TypeIDNumber}, {Key: "name", Label: "姓名", Type: data.TypePerson}}},
	}}
	clerk := data.Actor{Role: data.RoleClerk}
	r := &data.Record{Values: map[string]string{"phone": "13812345678"}, Tables: map[string][]data.Row{"rows": {{"id": "11010519491231002X", "name": "张伟"}}},
		Amendments: []data.Amendment{{Changes: []data.Change{{Field: "phone", Old: "13800000000", New: "13812345678"}}}}}
	m := f.MaskedFor(clerk, r)
	if m.Values["phone"] != "138****5678" || m.Tables["rows"][0]["id"] == "11010519491231002X" || m.Tables["rows"][0]["name"] != "张伟" ||
		m.Amendments[0].Changes[0].Old != "138****0000" {
		t.Errorf("masked = %+v", m)
	}
	if r.Values["phone"] != "13812345678" || r.Tables["rows"][0]["id"] != "11010519491231002X" {
		t.Error("masking changed the record itself")
	}
	cs := f.MaskChanges(clerk, []data.Change{{Field: "rows", Old: `[{"id":"11010519491231002X"}]`, New: `[]`}, {Field: "phone", Old: "13812345678"}})
	if strings.Contains(cs[0].Old, "11010519491231002X") || cs[1].Old != "138****5678" {
		t.Errorf("changes = %+v", cs)
	}
	if got := f.MaskedFor(data.Actor{Role: data.RoleManager}, r); got.Values["phone"] != "13812345678" {
		t.Error("the manager sees the phone masked")
	}
}

// A field that cannot be later than now names now as the end of its range, not years ahead.
func TestPastDateRangeMessage(t *testing.T) {
	now := formtest.At("2026-12-02 08:00")
	f := data.Field{Key: "day", Label: "值班日期", Type: data.TypeDate, Past: true}
	if msg := data.CheckWindow(f, formtest.At("1900-01-01 00:00"), now); !strings.Contains(msg, "至 2026-12-02") {
		t.Errorf("1900: %q", msg)
	}
	if msg := data.CheckWindow(f, formtest.At("2099-01-01 00:00"), now); !strings.Contains(msg, "不能晚于现在") {
		t.Errorf("2099: %q", msg)
	}
	if msg := data.CheckWindow(f, now.Add(3*time.Minute), now); msg != "" {
		t.Errorf("three minutes ahead (a clock a little fast): %q", msg)
	}
	plan := data.Field{Key: "end", Label: "结束日期", Type: data.TypeDate}
	if msg := data.CheckWindow(plan, formtest.At("1900-01-01 00:00"), now); !strings.Contains(msg, "至 2029-12-02") {
		t.Errorf("a plan's date: %q", msg)
	}
}

// A phone refused says what is wrong with it: a landline without its area code, a mobile short of or
// past 11 digits, anything else.
func TestPhoneMessages(t *testing.T) {
	fl := data.Field{Key: "phone", Label: "电话", Type: data.TypePhone}
	for _, tt := range []struct{ typed, want string }{
		{"87654321", "固定电话请加区号"},
		{"1381234567", "手机号应为11位，现在是10位"},
		{"138123456789", "手机号应为11位，现在是12位"},
		{"abc", "请输入11位手机号或带区号的固定电话"},
		{"13812345678", ""},
		{"0755-12345678", ""},
	} {
		_, msg := data.CheckValue(fl, data.Normalize(data.TypePhone, tt.typed), "", formtest.Today)
		if tt.want == "" && msg != "" || tt.want != "" && !strings.Contains(msg, tt.want) {
			t.Errorf("%s: %q; want %q", tt.typed, msg, tt.want)
		}
	}
}
