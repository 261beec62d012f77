package data

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Row is one line of a table field (an item, a worker, a schedule line).
type Row map[string]string

// Input is what a clerk typed into a form: scalar values and table rows, by field key.
type Input struct {
	Values map[string]string `json:"values"`
	Tables map[string][]Row  `json:"tables,omitempty"`
}

// NewInput returns an empty input ready to be filled.
func NewInput() Input { return Input{Values: map[string]string{}, Tables: map[string][]Row{}} }

// Get returns a scalar value.
func (in Input) Get(key string) string { return in.Values[key] }

// FieldErrors maps a field key (or "table[row].column") to a Chinese message for that field.
type FieldErrors map[string]string

// Error lists the messages in a stable order, one per line, so a console user sees them all.
func (fe FieldErrors) Error() string {
	keys := make([]string, 0, len(fe))
	for k := range fe {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(fe[k])
	}
	return b.String()
}

// Describe lists the messages in the order of the form's fields, each with the field's label.
func (fe FieldErrors) Describe(f *Form) []string {
	var out []string
	seen := map[string]bool{}
	for _, fl := range f.Fields {
		if m, ok := fe[fl.Key]; ok {
			out = append(out, fl.Label+"："+m)
			seen[fl.Key] = true
		}
		if fl.Type == TypeTable {
			var keys []string
			for k := range fe {
				if strings.HasPrefix(k, fl.Key+"[") {
					keys = append(keys, k)
				}
			}
			sort.Slice(keys, func(i, j int) bool { return rowKeyLess(keys[i], keys[j]) })
			for _, k := range keys {
				out = append(out, fl.Label+" "+fe[k])
				seen[k] = true
			}
		}
	}
	var rest []string
	for k, m := range fe {
		if !seen[k] {
			rest = append(rest, m)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func rowKeyLess(a, b string) bool {
	ia, ib := rowIndex(a), rowIndex(b)
	if ia != ib {
		return ia < ib
	}
	return a < b
}

func rowIndex(k string) int {
	i := strings.IndexByte(k, '[')
	j := strings.IndexByte(k, ']')
	if i < 0 || j < i {
		return 0
	}
	n, _ := strconv.Atoi(k[i+1 : j])
	return n
}

// RowKey names the error key of one cell of a table field.
func RowKey(table string, row int, col string) string {
	return fmt.Sprintf("%s[%d].%s", table, row, col)
}

// Layouts of the textual date and time values, in the Asia/Shanghai zone the desk works in.
const (
	LayoutDate     = "2006-01-02"
	LayoutTime     = "15:04"
	LayoutDateTime = "2006-01-02 15:04"
	LayoutMonth    = "2006-01"
)

// Shanghai is the zone every date and time on a form is written in.
var Shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// A Windows PC without the zone database still works in China Standard Time (UTC+8, no DST).
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}

var (
	reMobile   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	reLandline = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,5})?$`)
	reLocalTel = regexp.MustCompile(`^\d{7,8}$`) // a local landline without its area code: refused, said so
	reDigits   = regexp.MustCompile(`^\d+$`)
	reUnit     = regexp.MustCompile(`^[0-9A-Z]{1,4}-[0-9A-Z]{1,3}-[0-9A-Z]{1,6}$`)
	rePlate    = regexp.MustCompile(`^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Z][A-Z0-9]{4,6}[挂学警港澳]?$`)
	reMoney    = regexp.MustCompile(`^\d{1,8}(\.\d{1,2})?$`)
	reDocOther = regexp.MustCompile(`^[0-9A-Z]{5,20}$`)
)

// Normalize cleans what an IME or a paste leaves behind: surrounding spaces and full-width
// letters and digits (a Pinyin IME in full-width mode types １３８…).
func Normalize(t FieldType, s string) string {
	switch t {
	case TypeMultiline:
		return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	case TypeText, TypePerson:
		return strings.TrimSpace(s)
	}
	s = strings.TrimSpace(ToHalfWidth(s))
	switch t {
	case TypePhone:
		s = strings.NewReplacer(" ", "", "—", "-", "－", "-", "(", "", ")", "", "（", "", "）", "").Replace(s)
		// A mobile given with the country code (+86 138…, 86-138…, 0086 138…) or in groups
		// (138-1234-5678) is kept as its 11 digits; a landline keeps its dash.
		m := strings.TrimPrefix(s, "+")
		if strings.HasPrefix(m, "0086") {
			m = m[2:]
		}
		if m = strings.ReplaceAll(strings.TrimPrefix(m, "86"), "-", ""); reMobile.MatchString(m) {
			s = m
		}
	case TypeIDNumber, TypePlate:
		s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "·", "").Replace(s))
	case TypeUnit:
		s = NormalizeUnit(s)
	case TypeDateTime:
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// NormalizeUnit writes a unit the one way the registry keys it: 3-2-1201, upper-case letters.
func NormalizeUnit(s string) string {
	s = strings.ToUpper(strings.TrimSpace(ToHalfWidth(s)))
	s = strings.NewReplacer(" ", "", "—", "-", "/", "-", "栋", "-", "幢", "-", "单元", "-", "室", "", "号楼", "-").Replace(s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return strings.Trim(s, "-")
}

func ToHalfWidth(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == '\u3000' || (r >= 0xFF01 && r <= 0xFF5E) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		}
		return r
	}, s)
}

func defaultMax(t FieldType) int {
	switch t {
	case TypeMultiline:
		return 2000
	case TypePerson:
		return 30
	case TypeText:
		return 100
	case TypeInt:
		return 1000000
	}
	return 0
}

// invisible finds a character that changes how text reads without being seen: bidirectional
// controls (a name shown reversed) anywhere, and zero-width characters (张\u200b伟 is not 张伟 to a
// search) outside free text, where a zero-width joiner may hold an emoji together.
func invisible(v string, freeText bool) (rune, string) {
	for _, r := range v {
		switch {
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
			return r, "文字方向控制符"
		case freeText:
		case r == 0x200B:
			return r, "零宽空格"
		case r == 0x200C, r == 0x200D:
			return r, "零宽连接符"
		case r == 0x2060, r == 0xFEFF:
			return r, "零宽不换行符"
		case r == 0x00AD:
			return r, "软连字符"
		}
	}
	return 0, ""
}

// Every date is within reason (#12 item 2): a year typed as 0000 or 9999 would keep a visitor on
// site for ever, or a slip valid for ever. A record's own moment (a field that defaults to now: a
// visit's entry, a consent) lies within two years before now (a paper record entered late) and a
// day after; any other date between
// 2000 and DateYearsAhead years from now (a plan, a permit's end, a roster ahead).
const DateYearsAhead = 3

var dateFloor = time.Date(2000, 1, 1, 0, 0, 0, 0, Shanghai)

func CheckWindow(f Field, t, now time.Time) string {
	lo, hi := dateFloor, now.AddDate(DateYearsAhead, 0, 0)
	if f.Default == DefaultNow {
		lo, hi = now.AddDate(-2, 0, 0), now.AddDate(0, 0, 1)
	}
	// A date that cannot be later than now says so first, not a range reaching years ahead.
	if f.Past && t.After(now.Add(5*time.Minute)) {
		return "不能晚于现在（" + now.In(Shanghai).Format(LayoutDateTime) + "）"
	}
	if f.Past && hi.After(now) {
		hi = now
	}
	if t.Before(lo) || t.After(hi.Add(5*time.Minute)) {
		return fmt.Sprintf("日期不在合理范围内：应在 %s 至 %s 之间", lo.In(Shanghai).Format(LayoutDate), hi.In(Shanghai).Format(LayoutDate))
	}
	return ""
}

// CheckValue validates one normalised value against its field and returns a Chinese message, or "".
// docType is the chosen document type for idnumber fields.
func CheckValue(f Field, v, docType string, now time.Time) (string, string) {
	if v == "" {
		if f.Required {
			if f.Type == TypeChoice || f.Type == TypeBool {
				return "", "请选择" + f.Label
			}
			return "", "请填写" + f.Label
		}
		return "", ""
	}
	if msg := characterProblem(f.Type, v); msg != "" {
		return v, msg
	}
	if f.Max == 0 {
		f.Max = defaultMax(f.Type)
	}
	if check, ok := typeChecks[f.Type]; ok {
		return check(f, v, docType, now)
	}
	return v, ""
}

// characterProblem says what no field takes: text that is not UTF-8, a line break outside a multi-line
// field, control and invisible characters.
func characterProblem(t FieldType, v string) string {
	if !utf8.ValidString(v) || strings.ContainsRune(v, utf8.RuneError) {
		return "含有无法识别的字符（可能是文件编码不对），请重新输入"
	}
	if t != TypeMultiline && strings.ContainsAny(v, "\n\r\u2028\u2029\u0085") {
		return "不能换行，请写在一行内"
	}
	if strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && !(r == '\t' && t == TypeMultiline) }) {
		return "含有控制字符，请重新输入"
	}
	if r, name := invisible(v, t == TypeMultiline); name != "" {
		return fmt.Sprintf("含有看不见的字符（U+%04X %s），请删除后重新输入", r, name)
	}
	return ""
}

// typeCheck checks a value of one field type, not empty and of clean characters: the value as it is
// kept, and what is wrong with it ("" when nothing).
type typeCheck func(f Field, v, docType string, now time.Time) (string, string)

var typeChecks = map[FieldType]typeCheck{
	TypeText: checkText, TypeMultiline: checkText, TypePerson: checkText,
	TypePhone:    checkPhone,
	TypeIDNumber: checkIDNumber,
	TypeUnit:     pattern(reUnit, "房号格式为 楼栋-单元-房号，如 3-2-1201"),
	TypePlate:    pattern(rePlate, "车牌格式不对，如 粤B12345"),
	TypeDate:     moment(LayoutDate, "日期格式为 2026-11-27", false, true),
	TypeTime:     moment(LayoutTime, "时间格式为 09:30", true, false),
	TypeDateTime: moment(LayoutDateTime, "时间格式为 2026-11-27 09:30", true, true),
	TypeMonth:    moment(LayoutMonth, "月份格式为 2026-11", false, true),
	TypeMoney:    checkMoney,
	TypeInt:      checkInt,
	TypeChoice:   checkChoice,
	TypeBool:     checkBool,
}

func checkText(f Field, v, _ string, _ time.Time) (string, string) {
	if n := utf8.RuneCountInString(v); f.Max > 0 && n > f.Max {
		return v, fmt.Sprintf("最多%d个字，现为%d个字", f.Max, n)
	}
	if f.Type == TypePerson && strings.ContainsAny(v, "0123456789") {
		return v, "姓名不应含数字"
	}
	return v, ""
}

func checkPhone(_ Field, v, _ string, _ time.Time) (string, string) {
	if reMobile.MatchString(v) || reLandline.MatchString(v) {
		return v, ""
	}
	digits := strings.ReplaceAll(v, "-", "")
	switch {
	case reLocalTel.MatchString(digits):
		return v, "固定电话请加区号，如 0755-12345678"
	case reDigits.MatchString(digits) && strings.HasPrefix(digits, "1") && len(digits) == 11:
		return v, "不是有效的手机号（手机号以13–19开头），请核对"
	case reDigits.MatchString(digits) && strings.HasPrefix(digits, "1"):
		return v, fmt.Sprintf("手机号应为11位，现在是%d位", len([]rune(digits)))
	}
	return v, "请输入11位手机号或带区号的固定电话（如 0755-12345678）"
}

func checkIDNumber(_ Field, v, docType string, now time.Time) (string, string) {
	if docType == "" || docType == DocResidentID {
		norm, _, msg := CheckResidentID(v, now)
		return norm, msg
	}
	if docType == DocResidencePermit {
		return CheckResidencePermit(v, now)
	}
	if !reDocOther.MatchString(v) {
		return v, "证件号应为5–20位字母或数字"
	}
	return v, ""
}

// pattern is the check of a value written to a pattern (a unit, a plate).
func pattern(re *regexp.Regexp, msg string) typeCheck {
	return func(_ Field, v, _ string, _ time.Time) (string, string) {
		if !re.MatchString(v) {
			return v, msg
		}
		return v, ""
	}
}

// moment is the check of a date, time or month written in layout: rewritten in it when rewrite (09:5
// becomes 09:05), and held to the field's window of time when windowed.
func moment(layout, msg string, rewrite, windowed bool) typeCheck {
	return func(f Field, v, _ string, now time.Time) (string, string) {
		t, err := time.ParseInLocation(layout, v, Shanghai)
		if err != nil {
			return v, msg
		}
		if rewrite {
			v = t.Format(layout)
		}
		if windowed {
			if msg := CheckWindow(f, t, now); msg != "" {
				return v, msg
			}
		}
		return v, ""
	}
}

func checkMoney(_ Field, v, _ string, _ time.Time) (string, string) {
	if !reMoney.MatchString(v) {
		return v, "金额为数字，最多两位小数，如 35.50"
	}
	x, _ := strconv.ParseFloat(v, 64)
	return strconv.FormatFloat(x, 'f', 2, 64), ""
}

func checkInt(f Field, v, _ string, _ time.Time) (string, string) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return v, "请输入整数"
	}
	if n < f.Min || n > f.Max {
		return v, fmt.Sprintf("应在%d到%d之间", f.Min, f.Max)
	}
	return strconv.Itoa(n), ""
}

func checkChoice(f Field, v, _ string, _ time.Time) (string, string) {
	if slices.Contains(f.Choices, v) {
		return v, ""
	}
	return v, "请从列表中选择：" + strings.Join(f.Choices, "、")
}

func checkBool(_ Field, v, _ string, _ time.Time) (string, string) {
	switch v {
	case "是", "true", "1", "Y", "y":
		return "是", ""
	case "否", "false", "0", "N", "n":
		return "否", ""
	}
	return v, "请填 是 或 否"
}

// Validate checks a whole input against a form and returns the normalised input and every field error.
// Nothing may be saved unless the error map is empty.
func Validate(f *Form, in Input, now time.Time) (Input, FieldErrors) {
	out := NewInput()
	errs := FieldErrors{}
	for key := range in.Values {
		if fl, ok := f.Field(key); !ok || fl.Type == TypeTable {
			errs[key] = fmt.Sprintf("表单%s没有字段 %s", f.Title(), key)
		}
	}
	for key := range in.Tables {
		if fl, ok := f.Field(key); !ok || fl.Type != TypeTable {
			errs[key] = fmt.Sprintf("表单%s没有表格 %s", f.Title(), key)
		}
	}
	for _, fl := range f.Fields {
		if fl.Auto {
			continue // filled by the record's life or computed: TypedAuto refuses a typed one
		}
		if fl.Type == TypeTable {
			rows := validateTable(fl, in.Tables[fl.Key], now, errs)
			if len(rows) > 0 {
				out.Tables[fl.Key] = rows
			}
			continue
		}
		docType := ""
		if fl.DocTypeKey != "" {
			docType = Normalize(TypeChoice, in.Values[fl.DocTypeKey])
		}
		v, msg := CheckValue(fl, Normalize(fl.Type, in.Values[fl.Key]), docType, now)
		if msg != "" {
			errs[fl.Key] = msg
		}
		if v != "" {
			out.Values[fl.Key] = v
		}
	}
	sumTotals(f, out, errs)
	// Rules across fields run even when a field is wrong, so the clerk sees every message at once;
	// a field's own message is kept over a rule's.
	if f.Check != nil {
		for k, m := range f.Check(out) {
			if _, ok := errs[k]; !ok {
				errs[k] = m
			}
		}
	}
	return out, errs
}

// sumTotals works out each total over a table (Field.Sum): an empty one is filled, a typed one that
// does not agree with its lines is refused, saying what it should be.
func sumTotals(f *Form, out Input, errs FieldErrors) {
	for _, fl := range f.Fields {
		if fl.Sum == nil {
			continue
		}
		var total int64
		for _, row := range out.Tables[fl.Sum.Table] {
			fen, _ := ParseFen(row[fl.Sum.Column])
			total += fen
		}
		typed, ok := ParseFen(out.Values[fl.Key])
		switch {
		case out.Values[fl.Key] == "" && errs[fl.Key] == "":
			out.Values[fl.Key] = Yuan(total)
		case ok && typed != total:
			what := fl.Sum.Column
			if tf, ok := f.Field(fl.Sum.Table); ok {
				if c, ok := columnOf(tf, fl.Sum.Column); ok {
					what = tf.Label + "的" + c.Label
				}
			}
			errs[fl.Key] = fmt.Sprintf("应为%s之和 %s（现为 %s），可留空由程序合计", what, Yuan(total), Yuan(typed))
		}
	}
}

// TypedAuto refuses values typed for Auto fields: on a new record (old nil) any value, on an edit a
// value that differs from what the record holds (an edit sent back whole keeps them as they are).
func TypedAuto(f *Form, in Input, old *Record) FieldErrors {
	errs := FieldErrors{}
	for _, fl := range f.Fields {
		if !fl.Auto {
			continue
		}
		var was string
		var wasRows []Row
		if old != nil {
			was, wasRows = old.Values[fl.Key], old.Tables[fl.Key]
		}
		v, rows := strings.TrimSpace(in.Values[fl.Key]), in.Tables[fl.Key]
		if v != "" && v != was || len(rows) > 0 && fmt.Sprint(rows) != fmt.Sprint(wasRows) {
			errs[fl.Key] = fmt.Sprintf("“%s”由办理步骤或程序填写，不能直接填写", fl.Label)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func validateTable(fl Field, rows []Row, now time.Time, errs FieldErrors) []Row {
	var out []Row
	for _, r := range rows {
		empty := true
		for _, v := range r {
			if strings.TrimSpace(v) != "" {
				empty = false
			}
		}
		if empty {
			continue // a blank line left at the end of the table is not a row
		}
		i := len(out)
		nr := Row{}
		for k := range r {
			if _, ok := columnOf(fl, k); !ok {
				errs[RowKey(fl.Key, i, k)] = fmt.Sprintf("第%d行：没有列 %s", i+1, k)
			}
		}
		for _, c := range fl.Columns {
			v, msg := CheckValue(c, Normalize(c.Type, r[c.Key]), "", now)
			if msg != "" {
				errs[RowKey(fl.Key, i, c.Key)] = fmt.Sprintf("第%d行 %s：%s", i+1, c.Label, msg)
			}
			if v != "" {
				nr[c.Key] = v
			}
		}
		out = append(out, nr)
	}
	min := fl.MinRows
	if fl.Required && min == 0 {
		min = 1
	}
	if len(out) < min {
		errs[fl.Key] = fmt.Sprintf("请至少填写%d行", min)
	}
	if max := fl.Max; max > 0 && len(out) > max {
		errs[fl.Key] = fmt.Sprintf("最多%d行", max)
	}
	return out
}

func columnOf(fl Field, key string) (Field, bool) {
	for _, c := range fl.Columns {
		if c.Key == key {
			return c, true
		}
	}
	return Field{}, false
}

// ParseLocal reads a date, datetime or month value in the desk's zone.
func ParseLocal(t FieldType, v string) (time.Time, bool) {
	layout := map[FieldType]string{TypeDate: LayoutDate, TypeDateTime: LayoutDateTime, TypeMonth: LayoutMonth}[t]
	if layout == "" {
		return time.Time{}, false
	}
	tm, err := time.ParseInLocation(layout, v, Shanghai)
	return tm, err == nil
}

// DefaultValue is what a new field holds before anything is typed: now, today, this month, the person
// at the desk, or the declared value (已确认 for a matter acknowledged at a handover). The entry screens,
// the step dialogs and the console's steps share it.
func DefaultValue(fl Field, now time.Time, user string) string {
	now = now.In(Shanghai)
	switch fl.Default {
	case "":
		return ""
	case DefaultNow:
		return now.Format(LayoutDateTime)
	case DefaultToday:
		return now.Format(LayoutDate)
	case DefaultMonth:
		return now.Format(LayoutMonth)
	case DefaultUser:
		return user
	}
	return fl.Default
}

func AtoiOr0(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
