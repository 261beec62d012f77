package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"frontdesk/data"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// RowError is one bad row of an import file.
type RowError struct {
	Line    int // the row number as the spreadsheet shows it (header = 1)
	Message string
}

// ImportError lists every bad row, or the missing columns; nothing was imported.
type ImportError struct {
	MissingColumns []string
	Rows           []RowError
	Problem        string
}

func (e *ImportError) Error() string { return e.Chinese() }

// Chinese is the report shown to the manager.
func (e *ImportError) Chinese() string {
	var b strings.Builder
	b.WriteString("导入未执行，没有任何数据被写入。")
	if e.Problem != "" {
		b.WriteString("\n" + e.Problem)
	}
	if len(e.MissingColumns) > 0 {
		b.WriteString("\n缺少列：" + strings.Join(e.MissingColumns, "、") + "。第一行应为列名：楼栋、单元、房号（或“房号”一列写 3-2-1201）、业主姓名、业主电话、住户姓名、住户电话、是否入住、备注。")
	}
	for i, r := range e.Rows {
		if i == 200 {
			fmt.Fprintf(&b, "\n……另有%d行有误", len(e.Rows)-200)
			break
		}
		fmt.Fprintf(&b, "\n第%d行：%s", r.Line, r.Message)
	}
	return b.String()
}

// Column names the import accepts (first row), with their synonyms.
var importColumns = map[string][]string{
	"building":        {"楼栋", "栋", "楼号", "幢"},
	"entrance":        {"单元"},
	"room":            {"房号", "房间号", "室"},
	"unit":            {"房屋", "房屋编号", "完整房号", "楼栋-单元-房号"},
	"owner":           {"业主姓名", "业主", "户主"},
	"owner_phone":     {"业主电话", "联系电话", "电话", "手机"},
	"residents":       {"住户姓名", "住户", "租户"},
	"resident_phones": {"住户电话", "住户手机"},
	"occupied":        {"是否入住", "入住", "入住状态"},
	"note":            {"备注"},
}

// An estate's registry is a few thousand units: a file far beyond that is the wrong file, and reading
// all of it first (a 200,000-row sheet took 577 MB) is refused instead.
const (
	MaxImportBytes = 10 << 20
	MaxImportRows  = 20000
)

func tooManyRows() error {
	return &ImportError{Problem: fmt.Sprintf("行数太多：一次最多导入 %d 户，请检查是否选错了文件，或分成几个文件导入", MaxImportRows)}
}

// ReadHouseholdFile reads a registry from .xlsx or .csv bytes (CSV as UTF-8 or GBK, as Excel saves it).
func ReadHouseholdFile(name string, content []byte) ([][]string, error) {
	if len(content) > MaxImportBytes {
		return nil, &ImportError{Problem: fmt.Sprintf("文件太大（%.1f MB）：业户档案最多 %d MB，请检查是否选错了文件", float64(len(content))/(1<<20), MaxImportBytes>>20)}
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		f, err := excelize.OpenReader(bytes.NewReader(content))
		if err != nil {
			return nil, &ImportError{Problem: "无法读取这个Excel文件（是否已损坏或加密？）"}
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, &ImportError{Problem: "Excel文件中没有工作表"}
		}
		it, err := f.Rows(sheets[0])
		if err != nil {
			return nil, &ImportError{Problem: "无法读取第一个工作表"}
		}
		defer it.Close()
		var rows [][]string
		for it.Next() {
			if len(rows) > MaxImportRows {
				return nil, tooManyRows()
			}
			row, err := it.Columns()
			if err != nil {
				return nil, &ImportError{Problem: fmt.Sprintf("第一个工作表第%d行无法读取", len(rows)+1)}
			}
			rows = append(rows, row)
		}
		return rows, nil
	case ".csv", ".txt":
		content = bytes.TrimPrefix(content, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(content) {
			dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(content)
			if err != nil {
				return nil, &ImportError{Problem: "CSV文件编码无法识别（应为UTF-8或GBK）"}
			}
			content = dec
		}
		r := csv.NewReader(bytes.NewReader(content))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		var rows [][]string
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &ImportError{Problem: fmt.Sprintf("CSV格式有误：第%d行的引号或逗号不成对", pe.Line)}
			}
			if err != nil {
				return nil, &ImportError{Problem: "CSV格式有误"}
			}
			if len(rows) > MaxImportRows {
				return nil, tooManyRows()
			}
			rows = append(rows, rec)
		}
		return rows, nil
	}
	return nil, &ImportError{Problem: "只能导入 .xlsx 或 .csv 文件"}
}

// ParseHouseholds turns spreadsheet rows (header first) into households, checking every row.
// It returns an *ImportError listing every problem; then nothing may be imported.
func ParseHouseholds(rows [][]string) ([]Household, error) {
	if len(rows) == 0 {
		return nil, &ImportError{Problem: "文件是空的"}
	}
	col, err := importColumnsOf(rows[0])
	if err != nil {
		return nil, err
	}
	var out []Household
	ie := &ImportError{}
	seen := map[string]int{}
	for n, r := range rows[1:] {
		line := n + 2
		if strings.TrimSpace(strings.Join(r, "")) == "" {
			continue
		}
		h, problems := col.household(r)
		for _, m := range problems {
			ie.Rows = append(ie.Rows, RowError{line, m})
		}
		if h == nil {
			continue
		}
		if first, dup := seen[h.Unit]; dup {
			ie.Rows = append(ie.Rows, RowError{line, fmt.Sprintf("房号 %s 与第%d行重复", h.Unit, first)})
			continue
		}
		seen[h.Unit] = line
		out = append(out, *h)
	}
	if len(ie.Rows) > 0 {
		return nil, ie
	}
	if len(out) == 0 {
		return nil, &ImportError{Problem: "文件中没有业户数据"}
	}
	return out, nil
}

// importColumn is where each of a household's fields stands in the rows of an import.
type importColumn map[string]int

// importColumnsOf reads the title row: a single 房号 column holding 3-2-1201 is the full unit when
// there is no 楼栋 column; the unit's columns and the owner's are required.
func importColumnsOf(titles []string) (importColumn, error) {
	col := importColumn{}
	for i, h := range titles {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		for key, names := range importColumns {
			if slices.Contains(names, h) {
				if _, dup := col[key]; !dup {
					col[key] = i
				}
			}
		}
	}
	if _, hasB := col["building"]; !hasB {
		if i, ok := col["room"]; ok {
			if _, hasU := col["unit"]; !hasU {
				col["unit"] = i
				delete(col, "room")
			}
		}
	}
	var missing []string
	if _, ok := col["unit"]; !ok {
		for _, k := range []string{"building", "entrance", "room"} {
			if _, ok := col[k]; !ok {
				missing = append(missing, importColumns[k][0])
			}
		}
	}
	if _, ok := col["owner"]; !ok {
		missing = append(missing, "业主姓名")
	}
	if len(missing) > 0 {
		return nil, &ImportError{MissingColumns: missing}
	}
	return col, nil
}

func (col importColumn) cell(r []string, key string) string {
	i, ok := col[key]
	if !ok || i >= len(r) {
		return ""
	}
	return strings.TrimSpace(data.UnescapeCell(strings.TrimSpace(r[i])))
}

// household reads one row: the unit, or nil with what is wrong with the row.
func (col importColumn) household(r []string) (*Household, []string) {
	var problems []string
	unit := col.cell(r, "unit")
	if unit == "" {
		unit = strings.Join([]string{col.cell(r, "building"), col.cell(r, "entrance"), col.cell(r, "room")}, "-")
	}
	h := Household{Unit: unit, Owner: col.cell(r, "owner"), OwnerPhone: col.cell(r, "owner_phone"),
		Residents: col.cell(r, "residents"), ResidentPhones: col.cell(r, "resident_phones"), Note: col.cell(r, "note")}
	switch occ := col.cell(r, "occupied"); occ {
	case "", "是", "已入住", "入住", "Y", "y", "1", "TRUE", "true":
		h.Occupied = true
	case "否", "未入住", "空置", "N", "n", "0", "FALSE", "false":
	default:
		problems = append(problems, "是否入住应填 是 或 否，现为“"+occ+"”")
	}
	h, errs := ValidateHousehold(h)
	for key, v := range map[string]string{"owner_phone": h.OwnerPhone, "resident_phones": h.ResidentPhones} {
		if _, bad := errs[key]; !bad {
			continue
		}
		for _, p := range splitList(v) {
			if whole, lost := lostZero(p); lost {
				errs[key] = fmt.Sprintf("%s 开头的0丢了（表格把电话当成了数字），应为 %s：请把这一列设为“文本”格式，填好后再导入", p, whole)
				break
			}
		}
	}
	problems = append(problems, errs.Describe(&data.Form{Fields: householdFields})...)
	if len(errs) > 0 {
		return nil, problems
	}
	return &h, problems
}

// lostZero says whether a phone is a landline whose leading 0 a spreadsheet dropped, keeping the
// number as a number (02087654321 read as 2087654321), and gives it whole. A mobile number starts
// with 1 and has no 0 to lose; one that is not valid as it is but is with a 0 before it lost it.
func lostZero(p string) (string, bool) {
	if p == "" || p[0] == '0' || strings.Trim(p, "0123456789") != "" {
		return "", false
	}
	phone := data.Field{Type: data.TypePhone}
	if _, msg := data.CheckValue(phone, p, "", time.Time{}); msg == "" {
		return "", false
	}
	if _, msg := data.CheckValue(phone, "0"+p, "", time.Time{}); msg != "" {
		return "", false
	}
	return "0" + p, true
}

// ImportHouseholds adds or replaces the given units in one transaction: all or nothing.
func (s *Store) ImportHouseholds(by data.Actor, hs []Household) (int, error) {
	if err := by.Need(data.PermHouseholdImport); err != nil {
		return 0, err
	}
	now := s.now()
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, h := range hs {
			if err := putHousehold(tx, by, h, now); err != nil {
				return fmt.Errorf("import household %s: %w", h.Unit, err)
			}
		}
		return appendAudit(tx, AuditEntry{Time: now.UTC(), User: by.Name, Login: by.Login, Action: ActionImport,
			Changes: []data.Change{{Field: "households", New: fmt.Sprint(len(hs))}}})
	})
	if err != nil {
		return 0, err
	}
	return len(hs), nil
}

// ImportHouseholdFile reads, checks and imports a registry file: all rows or none.
func (s *Store) ImportHouseholdFile(by data.Actor, name string, content []byte) (int, error) {
	if err := by.Need(data.PermHouseholdImport); err != nil {
		return 0, err
	}
	rows, err := ReadHouseholdFile(name, content)
	if err != nil {
		return 0, err
	}
	hs, err := ParseHouseholds(rows)
	if err != nil {
		return 0, err
	}
	return s.ImportHouseholds(by, hs)
}

// ImportPreview is what an import would do to the registry: units it adds, units whose owner,
// residents or phones it would replace (an import overwrites a unit whole), and units it leaves as
// they are (#12 item 19). The window and the console show it and ask before any import, one that only
// adds units too.
type ImportPreview struct {
	New, Unchanged int
	Added          []Household
	Changed        []UnitChange
}

// UnitChange is one existing unit an import would overwrite: as it is, and as the file has it.
type UnitChange struct{ Before, After Household }

// FieldChange is one field of a unit that an import changes, by its column's name.
type FieldChange struct{ Label, Old, New string }

func (c FieldChange) String() string {
	return c.Label + "：" + orNone(c.Old) + " → " + orNone(c.New)
}

func orNone(v string) string {
	if v == "" {
		return "（无）"
	}
	return v
}

// Fields are the fields the change replaces, in the order of the import's columns, phones as a may see
// them.
func (c UnitChange) Fields(a data.Actor) []FieldChange {
	yes := map[bool]string{true: "是", false: "否"}
	b, n := c.Before, c.After
	var out []FieldChange
	for _, f := range []struct {
		label, old, new string
		phones          bool
	}{
		{"业主姓名", b.Owner, n.Owner, false},
		{"业主电话", b.OwnerPhone, n.OwnerPhone, true},
		{"住户姓名", b.Residents, n.Residents, false},
		{"住户电话", b.ResidentPhones, n.ResidentPhones, true},
		{"是否入住", yes[b.Occupied], yes[n.Occupied], false},
		{"备注", b.Note, n.Note, false},
	} {
		if f.old == f.new {
			continue
		}
		if f.phones {
			f.old, f.new = shownPhones(a, f.old), shownPhones(a, f.new)
		}
		out = append(out, FieldChange{Label: f.label, Old: f.old, New: f.new})
	}
	return out
}

// shownPhones are phones (、 between them) as a may see them.
func shownPhones(a data.Actor, v string) string {
	var out []string
	for _, p := range splitList(v) {
		out = append(out, data.DisplayFor(a, data.Field{Type: data.TypePhone}, p))
	}
	return strings.Join(out, "、")
}

// Nothing says that the file holds the registry as it is: an import would change nothing.
func (p ImportPreview) Nothing() bool { return p.New == 0 && len(p.Changed) == 0 }

// Summary is the preview in one line: 新增 3 户，修改 1 户，不变 348 户.
func (p ImportPreview) Summary() string {
	return fmt.Sprintf("新增 %d 户，修改 %d 户，不变 %d 户", p.New, len(p.Changed), p.Unchanged)
}

// Lines say what the import does to each unit, the changed units first: 修改 3-2-1201：备注：A → B；…,
// then 新增 7-1-101：业主 钱七; at most limit lines, and then how many more.
func (p ImportPreview) Lines(a data.Actor, limit int) []string {
	var lines []string
	for _, ch := range p.Changed {
		var fields []string
		for _, f := range ch.Fields(a) {
			fields = append(fields, f.String())
		}
		lines = append(lines, "修改 "+ch.Before.Unit+"："+strings.Join(fields, "；"))
	}
	for _, h := range p.Added {
		line := "新增 " + h.Unit + "：业主 " + h.Owner
		if h.Residents != "" {
			line += "，住户 " + h.Residents
		}
		if !h.Occupied {
			line += "（未入住）"
		}
		lines = append(lines, line)
	}
	if limit > 0 && len(lines) > limit {
		more := len(lines) - limit
		lines = append(lines[:limit], fmt.Sprintf("……另有 %d 户", more))
	}
	return lines
}

// PreviewHouseholdFile reads and checks a registry file and compares it with the registry, writing
// nothing: the window and the console show it and ask before an import replaces existing units.
func (s *Store) PreviewHouseholdFile(by data.Actor, name string, content []byte) (ImportPreview, error) {
	var p ImportPreview
	if err := by.Need(data.PermHouseholdImport); err != nil {
		return p, err
	}
	rows, err := ReadHouseholdFile(name, content)
	if err != nil {
		return p, err
	}
	hs, err := ParseHouseholds(rows)
	if err != nil {
		return p, err
	}
	for _, h := range hs {
		old, ok := s.Household(h.Unit)
		switch {
		case !ok:
			p.New++
			p.Added = append(p.Added, h)
		case old == h:
			p.Unchanged++
		default:
			p.Changed = append(p.Changed, UnitChange{old, h})
		}
	}
	return p, nil
}
