package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"frontdesk/data"
	"frontdesk/data/store"
	"frontdesk/reports/sheet"
)

// Ctrl+E on a list exports what it shows, all of it and every field, into the export folder and opens
// it; 导出 → 打印登记簿 prints the same records as a register.
func TestListExportsWhatItShows(t *testing.T) {
	h := newHarnessAs(t, "wang")
	h.sh.exportDir = t.TempDir()
	var opened []string
	h.sh.openFileHook = func(p string) { opened = append(opened, p) }
	for i, name := range []string{"张伟", "欧阳娜娜", "张三丰", "王芳"} {
		in := data.NewInput()
		in.Values = map[string]string{"visitor_name": name, "doc_type": data.DocResidentID, "doc_no": "11010519491231002X",
			"phone": "1381234567" + string(rune('0'+i)), "host_unit": "3-2-1201", "host_name": "李娜", "purpose": map[bool]string{true: "=1+1", false: "探亲访友"}[i == 3],
			"consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 09:00", "entry_time": "2026-11-27 09:0" + string(rune('1'+i)), "clerk": "陈佳"}
		if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
			t.Fatal(err)
		}
	}
	l := h.list("visitor")
	h.win.Canvas().Focus(l.search)
	h.typeText("张")
	h.shortcut(fyne.KeyE)
	if len(opened) != 1 || filepath.Dir(opened[0]) != h.sh.exportDir || !strings.HasSuffix(opened[0], ".xlsx") {
		t.Fatalf("Ctrl+E opened %v", opened)
	}
	x, err := excelize.OpenFile(opened[0])
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetName(0))
	x.Close()
	var serials []string
	for _, r := range rows[sheet.ListHeader:] {
		if len(r) > 0 && strings.HasPrefix(r[0], "LF-") {
			serials = append(serials, r[0]+" "+r[2])
		}
	}
	if strings.Join(serials, ",") != "LF-20261127-001 张伟,LF-20261127-003 张三丰" {
		t.Errorf("exported %v", serials)
	}
	if !strings.Contains(h.sh.message.Text, "已导出 2 条") {
		t.Errorf("status line: %q", h.sh.message.Text)
	}

	// The register, from the 导出 button's menu by the keyboard: every record (no search), oldest first.
	h.win.Canvas().Focus(l.search)
	l.search.SetText("")
	btn := findButton(l.listView, "导出")
	if btn == nil {
		t.Fatal("no 导出 button on the list")
	}
	test.Tap(btn)
	if _, ok := h.win.Canvas().Focused().(*widget.PopUpMenu); !ok {
		t.Fatalf("导出 shows no menu: focus on %T", h.win.Canvas().Focused())
	}
	h.key(fyne.KeyDown)
	h.key(fyne.KeyDown)
	h.key(fyne.KeyReturn)
	if len(opened) != 2 || filepath.Dir(opened[1]) != h.sh.printDir || !strings.HasSuffix(opened[1], ".pdf") {
		t.Fatalf("the register opened %v", opened)
	}
	out, err := exec.Command("pdftotext", "-layout", opened[1], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(out), " ", "")
	if !strings.Contains(text, "《来人来访登记表》登记簿") || !strings.Contains(text, "共4条") || strings.Index(text, "LF-20261127-001") > strings.Index(text, "LF-20261127-004") {
		t.Errorf("register:\n%s", text)
	}
	// A formula typed as a purpose stays text in the spreadsheet, exactly as typed (a string cell is never
	// evaluated).
	h.shortcut(fyne.KeyE)
	x, err = excelize.OpenFile(opened[2])
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ = x.GetRows(x.GetSheetName(0))
	col := -1
	for i, h := range rows[sheet.ListHeader-1] {
		if h == "来访事由" {
			col = i
		}
	}
	if col < 0 || rows[sheet.ListHeader+3][col] != "=1+1" {
		t.Fatalf("formula exported as %q", rows[sheet.ListHeader+3])
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, sheet.ListHeader+4)
	if f, _ := x.GetCellFormula(x.GetSheetName(0), cell); f != "" {
		t.Errorf("a formula in the export: %q", f)
	}
	// The searched list's export is kept beside the whole list's; each is named by what it shows.
	if entries, _ := os.ReadDir(h.sh.exportDir); len(entries) != 2 || !strings.Contains(opened[0], "搜索张") || strings.Contains(opened[2], "搜索") {
		t.Errorf("export folder holds %d files: %v", len(entries), opened)
	}
	_ = store.ExportMax
}

// The registry exports in the columns its import reads: the manager's file imports into another store
// unit for unit; a clerk's has the phones masked. 今日待办 exports the lines it shows.
func TestRegistryAndTodayExport(t *testing.T) {
	h := newHarnessAs(t, "liu")
	h.sh.exportDir = t.TempDir()
	var opened []string
	h.sh.openFileHook = func(p string) { opened = append(opened, p) }
	h.sh.Show(navHouseholds)
	h.shortcut(fyne.KeyE)
	if len(opened) != 1 {
		t.Fatalf("Ctrl+E on the registry opened %v", opened)
	}
	b, err := os.ReadFile(opened[0])
	if err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	adm, err := other.SetupAdmin("admin", "管理员", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := other.ImportHouseholdFile(adm, filepath.Base(opened[0]), b); err != nil || n != 3 {
		t.Fatalf("the export does not import: %d %v", n, err)
	}
	for _, u := range []string{"3-2-1201", "3-2-1202", "3-1-101"} {
		want, _ := h.store.Household(u)
		got, ok := other.Household(u)
		if !ok || got.Owner != want.Owner || got.OwnerPhone != want.OwnerPhone || got.Occupied != want.Occupied {
			t.Errorf("%s imported as %+v; want %+v", u, got, want)
		}
	}

	c := newHarness(t)
	c.sh.exportDir = t.TempDir()
	var clerkFiles []string
	c.sh.openFileHook = func(p string) { clerkFiles = append(clerkFiles, p) }
	c.sh.Show(navHouseholds)
	c.shortcut(fyne.KeyE)
	x, err := excelize.OpenFile(clerkFiles[0])
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetName(0))
	x.Close()
	if len(rows) != 4 || rows[0][4] != "业主电话" || strings.Contains(strings.Join(rows[1], " "), "13812345678") || !strings.Contains(rows[1][4], "****") {
		t.Errorf("the clerk's registry: %q", rows)
	}

	c.sh.Show(navToday)
	c.shortcut(fyne.KeyE)
	if len(clerkFiles) != 2 || !strings.Contains(filepath.Base(clerkFiles[1]), "今日待办") {
		t.Errorf("今日待办 exported %v", clerkFiles)
	}
}

// 来访事由 offers its common reasons as quick picks: a click fills the field, which still takes any text.
func TestPurposeQuickPicks(t *testing.T) {
	h := newHarness(t)
	l := h.list("visitor")
	h.shortcut(fyne.KeyN)
	b := findButton(l.stack, "快递")
	if b == nil {
		t.Fatal("no quick pick 快递 under 来访事由")
	}
	test.Tap(b)
	if got := l.editor.inputs["purpose"].get(); got != "快递" {
		t.Errorf("来访事由 after the pick: %q", got)
	}
	l.editor.inputs["purpose"].set("送钥匙给业主")
	if got := l.editor.inputs["purpose"].get(); got != "送钥匙给业主" {
		t.Errorf("free text: %q", got)
	}
}

// A visitor registered again while the earlier visit is still on site: once saved, the desk is told and
// offered to sign the earlier visit out; 离开登记 does, 不用 leaves it.
func TestRepeatVisitorOffersTheEarlierLeaving(t *testing.T) {
	h := newHarness(t)
	in := data.NewInput()
	in.Values = map[string]string{"visitor_name": "张伟", "doc_type": data.DocResidentID, "doc_no": "11010519491231002X",
		"phone": "13812345678", "host_unit": "3-2-1201", "host_name": "李娜", "purpose": "探亲访友",
		"consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 08:00", "entry_time": "2026-11-27 08:00", "clerk": "陈佳"}
	earlier, err := h.store.Create(h.sh.actor, "visitor", in)
	if err != nil {
		t.Fatal(err)
	}
	l := h.list("visitor")
	h.shortcut(fyne.KeyN)
	e := l.editor
	for k, v := range map[string]string{"visitor_name": "张伟", "doc_no": "11010519491231002X", "phone": "13812345678", "host_unit": "3-2-1202",
		"purpose": "快递", "consent_by": "王芳", "consent_way": "电话"} {
		e.inputs[k].set(v)
	}
	h.shortcut(fyne.KeyS)
	if n, _ := h.store.Count("visitor"); n != 2 {
		t.Fatalf("%d visitors saved; %v", n, visibleErrors(e))
	}
	var leave *widget.Button
	for _, o := range h.win.Canvas().Overlays().List() {
		if b := findButton(o, "离开登记"); b != nil {
			leave = b
		}
	}
	if leave == nil {
		t.Fatal("no offer to sign the earlier visit out")
	}
	test.Tap(leave)
	got, _ := h.store.BySerial(h.sh.actor, earlier.Serial)
	if got.State != "left" || got.Values["exit_time"] == "" {
		t.Errorf("the earlier visit: %s %v", got.State, got.Values["exit_time"])
	}
	// Registered a third time: the second visit is still on site, and is asked about; a different
	// person is not.
	h.shortcut(fyne.KeyN)
	e = l.editor
	for k, v := range map[string]string{"visitor_name": "张伟", "doc_no": "11010519491231002X", "phone": "13812345678", "host_unit": "3-2-1202",
		"purpose": "快递", "consent_by": "王芳", "consent_way": "电话"} {
		e.inputs[k].set(v)
	}
	before := len(h.win.Canvas().Overlays().List())
	h.shortcut(fyne.KeyS)
	if len(h.win.Canvas().Overlays().List()) != before+1 {
		t.Errorf("overlays %d → %d", before, len(h.win.Canvas().Overlays().List()))
	}
	h.win.Canvas().Overlays().Remove(h.win.Canvas().Overlays().Top())
	h.shortcut(fyne.KeyN)
	e = l.editor
	for k, v := range map[string]string{"visitor_name": "王芳", "doc_no": "110105198001010016", "phone": "13812345679", "host_unit": "3-2-1202",
		"purpose": "快递", "consent_by": "王芳", "consent_way": "电话"} {
		e.inputs[k].set(v)
	}
	before = len(h.win.Canvas().Overlays().List())
	h.shortcut(fyne.KeyS)
	if n, _ := h.store.Count("visitor"); n != 4 || len(h.win.Canvas().Overlays().List()) != before {
		t.Errorf("a different person: %d visitors, overlays %d → %d; %v", n, before, len(h.win.Canvas().Overlays().List()), visibleErrors(l.editor))
	}
}
