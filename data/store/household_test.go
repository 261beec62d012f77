package store

import (
	"bytes"
	"errors"
	"fmt"
	"frontdesk/data"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const goodCSV = "楼栋,单元,房号,业主姓名,业主电话,住户姓名,住户电话,是否入住,备注\n" +
	"3,2,1201,李娜,13812345678,,,是,\n" +
	"10,1,302,王芳,13900001111,张三、李四,13700001111、13700002222,否,空置待售\n" +
	"2,1,101,赵敏,0755-12345678,,,,\n"

func TestImportHouseholdsCSV(t *testing.T) {
	s, _ := openTemp(t)
	n, err := s.ImportHouseholdFile(manager, "业户.csv", []byte(goodCSV))
	if err != nil || n != 3 {
		t.Fatalf("import = %d, %v", n, err)
	}
	h, ok := s.Household("3栋2单元1201")
	if !ok || h.Owner != "李娜" || !h.Occupied {
		t.Errorf("Household(3-2-1201) = %+v, %v", h, ok)
	}
	list, _ := s.Households("", 0)
	if len(list) != 3 || list[0].Unit != "2-1-101" || list[2].Unit != "10-1-302" {
		t.Errorf("order = %v", list)
	}
	if list, _ := s.Households("1111", 0); len(list) != 1 || list[0].Owner != "王芳" {
		t.Errorf("search by phone part = %v", list)
	}
	if total, occ := s.HouseholdCount(); total != 3 || occ != 2 {
		t.Errorf("count = %d/%d", total, occ)
	}
}

func TestImportHouseholdsGBKAndSingleUnitColumn(t *testing.T) {
	s, _ := openTemp(t)
	csv := "房号,业主,电话\n1-1-101,周杰,13800000001\n1-1-102,吴霞,13800000002\n"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(csv))
	n, err := s.ImportHouseholdFile(manager, "excel导出.csv", gbk)
	if err != nil || n != 2 {
		t.Fatalf("import GBK = %d, %v", n, err)
	}
	if h, ok := s.Household("1-1-102"); !ok || h.Owner != "吴霞" {
		t.Errorf("Household = %+v", h)
	}
}

func TestImportHouseholdsXLSX(t *testing.T) {
	s, _ := openTemp(t)
	x := excelize.NewFile()
	rows := [][]any{{"楼栋", "单元", "房号", "业主姓名", "业主电话", "是否入住"}, {5, 1, 601, "林晓燕", "13612345678", "是"}, {5, 1, 602, "罗成", "13612345679", "否"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &r)
	}
	var buf bytes.Buffer
	x.Write(&buf)
	n, err := s.ImportHouseholdFile(manager, "业户.xlsx", buf.Bytes())
	if err != nil || n != 2 {
		t.Fatalf("import xlsx = %d, %v", n, err)
	}
	if h, ok := s.Household("5-1-602"); !ok || h.Occupied {
		t.Errorf("5-1-602 = %+v %v", h, ok)
	}
}

func TestImportHouseholdsBadRowsImportNothing(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []string
	}{
		{"bad rows", "楼栋,单元,房号,业主姓名,业主电话,是否入住\n3,2,1201,李娜,13812345678,是\n3,2,,王芳,139,是\n3,2,1201,赵敏,13812345679,也许\n",
			[]string{"第3行：房号", "第3行：业主电话", "第4行：是否入住", "第4行：房号 3-2-1201 与第2行重复"}},
		{"wrong columns", "栋号,姓名\n1,张三\n", []string{"缺少列：楼栋、单元、房号、业主姓名"}},
		{"empty", "", []string{"文件是空的"}},
		{"header only", "楼栋,单元,房号,业主姓名\n", []string{"没有业户数据"}},
	}
	for _, tt := range tests {
		s, _ := openTemp(t)
		n, err := s.ImportHouseholdFile(manager, "x.csv", []byte(tt.csv))
		var ie *ImportError
		if !errors.As(err, &ie) || n != 0 {
			t.Fatalf("%s: import = %d, %v; want ImportError", tt.name, n, err)
		}
		msg := Message(err)
		for _, w := range tt.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: report lacks %q:\n%s", tt.name, w, msg)
			}
		}
		if total, _ := s.HouseholdCount(); total != 0 {
			t.Errorf("%s: %d households imported from a bad file; want 0", tt.name, total)
		}
	}
	s, _ := openTemp(t)
	if _, err := s.ImportHouseholdFile(manager, "x.pdf", []byte("x")); !strings.Contains(Message(err), ".xlsx") {
		t.Errorf("pdf import: %v", err)
	}
	if _, err := s.ImportHouseholdFile(manager, "x.xlsx", []byte("not a zip")); !strings.Contains(Message(err), "无法读取") {
		t.Errorf("broken xlsx: %v", err)
	}
}

func TestPutHouseholdValidates(t *testing.T) {
	s, _ := openTemp(t)
	_, err := s.PutHousehold(clerk, Household{Unit: "12", Owner: ""})
	var fe data.FieldErrors
	if !errors.As(err, &fe) || fe["unit"] == "" || fe["owner"] == "" {
		t.Fatalf("bad household: %v", err)
	}
	h, err := s.PutHousehold(clerk, Household{Unit: " 7-1-303 ", Owner: "何涛", OwnerPhone: "13512345678", Occupied: true})
	if err != nil || h.Unit != "7-1-303" {
		t.Fatalf("PutHousehold = %+v, %v", h, err)
	}
}

func FuzzParseHouseholds(f *testing.F) {
	f.Add([]byte(goodCSV))
	f.Add([]byte("房号,业主\n1-1-1,张\n"))
	f.Add([]byte("\xef\xbb\xbf楼栋,单元\n\"1,2"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := ReadHouseholdFile("f.csv", b)
		if err != nil {
			return
		}
		hs, err := ParseHouseholds(rows)
		if err == nil {
			for _, h := range hs {
				if _, errs := ValidateHousehold(h); len(errs) > 0 {
					t.Fatalf("accepted household fails validation: %+v %v", h, errs)
				}
			}
		}
	})
}

func TestSuggestUnits(t *testing.T) {
	s, _ := openTemp(t)
	for _, h := range []Household{{Unit: "3-2-101", Owner: "李娜"}, {Unit: "3-2-1201", Owner: "王芳", Residents: "张三、李四"}, {Unit: "13-2-101", Owner: "赵敏"}, {Unit: "3-1-101", Owner: "周杰", OwnerPhone: "13800003222"}} {
		if _, err := s.PutHousehold(clerk, h); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		typed string
		want  string
	}{
		{"3-2", "3-2-101 3-2-1201"},
		{"3栋2单元", "3-2-101 3-2-1201"},
		{"3-2-12", "3-2-1201"},
		{"13", "13-2-101"},
		{"李", "3-2-101 3-2-1201"}, // owner 李娜, resident 李四
		{"9-9", ""},
	}
	for _, tt := range tests {
		got, err := s.SuggestUnits(tt.typed, 10)
		var units []string
		for _, h := range got {
			units = append(units, h.Unit)
		}
		if err != nil || strings.Join(units, " ") != tt.want {
			t.Errorf("SuggestUnits(%q) = %v, %v; want %q", tt.typed, units, err, tt.want)
		}
	}
}

// A file far beyond an estate's registry is refused before it is read whole: too many rows in a
// sheet or a CSV, or too many bytes (#12 item 20).
func TestImportRefusesTheWrongFile(t *testing.T) {
	x := excelize.NewFile()
	sw, _ := x.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"楼栋", "单元", "房号", "业主姓名"})
	for i := 0; i <= MaxImportRows+1; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{1 + i/1000, 1, 100 + i%1000, "业主"})
	}
	sw.Flush()
	var buf bytes.Buffer
	x.Write(&buf)
	var csvRows strings.Builder
	csvRows.WriteString("楼栋,单元,房号,业主姓名\n")
	for i := 0; i <= MaxImportRows+1; i++ {
		fmt.Fprintf(&csvRows, "%d,1,%d,业主\n", 1+i/1000, 100+i%1000)
	}
	for name, c := range map[string]struct {
		file    string
		content []byte
		want    string
	}{
		"sheet": {"业户.xlsx", buf.Bytes(), "行数太多"},
		"csv":   {"业户.csv", []byte(csvRows.String()), "行数太多"},
		"big":   {"业户.csv", bytes.Repeat([]byte("x"), MaxImportBytes+1), "文件太大"},
	} {
		_, err := ReadHouseholdFile(c.file, c.content)
		if m := Message(err); !strings.Contains(m, c.want) || strings.ContainsAny(m, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("%s: %q", name, m)
		}
	}
}

// A phone a spreadsheet kept as a number has lost its leading 0 (02087654321 read as 2087654321,
// 01087654321 as 1087654321): the row is refused, and the report says the 0 was lost and how to keep
// it, for the owner's phone and a resident's, in an xlsx and in the CSV Excel saves from it. A mobile
// number, which has no 0 to lose, is read as it is.
func TestImportSaysALeadingZeroWasLost(t *testing.T) {
	x := excelize.NewFile()
	rows := [][]any{{"楼栋", "单元", "房号", "业主姓名", "业主电话", "住户电话"},
		{5, 1, 601, "林晓燕", 2087654321, ""},
		{5, 1, 602, "罗成", 13612345679, "13700001111、1087654321"},
		{5, 1, 603, "何静", 13612345670, ""}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Sheet1", cell, &r)
	}
	var buf bytes.Buffer
	x.Write(&buf)
	csv := "楼栋,单元,房号,业主姓名,业主电话\n5,1,601,林晓燕,2087654321\n"
	for name, content := range map[string][]byte{"业户.xlsx": buf.Bytes(), "业户.csv": []byte(csv)} {
		s, _ := openTemp(t)
		_, err := s.PreviewHouseholdFile(manager, name, content)
		msg := Message(err)
		for _, want := range []string{"第2行：业主电话：2087654321 开头的0丢了", "应为 02087654321", "文本"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the report lacks %q:\n%s", name, want, msg)
			}
		}
		if name == "业户.xlsx" && !strings.Contains(msg, "第3行：住户电话：1087654321 开头的0丢了") {
			t.Errorf("%s: a resident's phone without its 0 is not said:\n%s", name, msg)
		}
		if strings.Contains(msg, "第4行") || strings.Contains(msg, "手机号应为11位") {
			t.Errorf("%s: %s", name, msg)
		}
	}
}

// The preview of an import says what it does to each unit: the units it adds, and for a unit it
// changes, each field that changes with its value before and after (备注：A → B), not the owner's name
// twice when only the note changes.
func TestImportPreviewNamesTheFieldsThatChange(t *testing.T) {
	s, _ := openTemp(t)
	if _, err := s.ImportHouseholdFile(manager, "业户.csv", []byte(goodCSV)); err != nil {
		t.Fatal(err)
	}
	file := "楼栋,单元,房号,业主姓名,业主电话,住户姓名,住户电话,是否入住,备注\n" +
		"3,2,1201,李娜,13812345678,,,是,钥匙在前台\n" + // only the note
		"10,1,302,王芳,13900001112,张三,13700001111,是,空置待售\n" + // phone, residents, occupied
		"2,1,101,赵敏,0755-12345678,,,,\n" + // as it is
		"7,1,101,钱七,13800000007,,,,\n" // new
	p, err := s.PreviewHouseholdFile(manager, "业户.csv", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if p.New != 1 || p.Unchanged != 1 || len(p.Changed) != 2 || len(p.Added) != 1 || p.Added[0].Unit != "7-1-101" {
		t.Fatalf("preview %+v", p)
	}
	lines := strings.Join(p.Lines(manager, 50), "\n")
	for _, want := range []string{
		"新增 7-1-101：业主 钱七",
		"修改 3-2-1201：备注：（无） → 钥匙在前台",
		"修改 10-1-302：业主电话：13900001111 → 13900001112；住户姓名：张三、李四 → 张三；住户电话：13700001111、13700002222 → 13700001111；是否入住：否 → 是",
	} {
		if !strings.Contains(lines, want) {
			t.Errorf("preview lacks %q:\n%s", want, lines)
		}
	}
	if strings.Contains(lines, "业主姓名：李娜") || strings.Contains(lines, "2-1-101") {
		t.Errorf("preview names what does not change:\n%s", lines)
	}
	if got := p.Summary(); got != "新增 1 户，修改 2 户，不变 1 户" {
		t.Errorf("summary %q", got)
	}
}
