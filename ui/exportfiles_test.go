package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// Ctrl+E twice on a list makes two files, each named by the time of its export, the first left as it
// was; the status line offers 打开文件夹, which opens the export folder.
func TestTwoExportsOfAListMakeTwoFiles(t *testing.T) {
	h := newHarness(t)
	h.sh.exportDir = t.TempDir()
	var opened []string
	h.sh.openFileHook = func(p string) { opened = append(opened, p) }
	in := data.NewInput()
	in.Values = map[string]string{"visitor_name": "张伟", "doc_type": data.DocResidentID, "doc_no": "11010519491231002X",
		"phone": "13812345670", "host_unit": "3-2-1201", "host_name": "李娜", "purpose": "探亲访友",
		"consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 09:00", "entry_time": "2026-11-27 09:01", "clerk": "陈佳"}
	if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
		t.Fatal(err)
	}
	l := h.list("visitor")
	h.win.Canvas().Focus(l.search)
	h.shortcut(fyne.KeyE)
	if len(opened) != 1 {
		t.Fatalf("the first export opened %v", opened)
	}
	first, err := os.ReadFile(opened[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(filepath.Base(opened[0]), "-20261127-0930") {
		t.Errorf("the export's name has no time: %s", filepath.Base(opened[0]))
	}
	// A record more, and the same list exported again in the same minute.
	in.Values["visitor_name"], in.Values["entry_time"] = "王芳", "2026-11-27 09:02"
	if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
		t.Fatal(err)
	}
	l.refresh()
	h.win.Canvas().Focus(l.search)
	h.shortcut(fyne.KeyE)
	entries, _ := os.ReadDir(h.sh.exportDir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) != 2 || len(opened) != 2 || opened[0] == opened[1] {
		t.Fatalf("two exports left %v in the folder, opened %v", names, opened)
	}
	if again, err := os.ReadFile(opened[0]); err != nil || !bytes.Equal(again, first) {
		t.Errorf("the second export changed the first file (%v)", err)
	}
	if !strings.HasSuffix(opened[1], "-20261127-0930-2.xlsx") {
		t.Errorf("the second export of the minute is %s", filepath.Base(opened[1]))
	}
	if !strings.Contains(h.sh.message.Text, filepath.Base(opened[1])) {
		t.Errorf("status line: %q", h.sh.message.Text)
	}
	folder := findButton(h.sh.main, "打开文件夹")
	if folder == nil || !folder.Visible() {
		t.Fatal("no 打开文件夹 on the status line after an export")
	}
	test.Tap(folder)
	if len(opened) != 3 || opened[2] != h.sh.exportDir {
		t.Errorf("打开文件夹 opened %v", opened)
	}
	// A message about something else takes the button away.
	h.sh.notify("已保存")
	if folder.Visible() {
		t.Error("打开文件夹 stays on after another message")
	}
}
