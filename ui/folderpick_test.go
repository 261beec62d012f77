package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data/drives"
	"frontdesk/data/store"
)

// openPicker is the chooser on top of the window.
func openPicker(t *testing.T, h *harness) *picker {
	t.Helper()
	top := h.win.Canvas().Overlays().Top()
	var found *picker
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case nil:
		case *pickList:
			found = x.p
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		t.Fatal("no folder chooser shown")
	}
	return found
}

func itemNames(p *picker) []string {
	var out []string
	for _, it := range p.items {
		out = append(out, it.name)
	}
	return out
}

// pretendDrives makes the chooser and the backup screen see the given drives, as on Windows.
func pretendDrives(t *testing.T, list []drives.Drive) {
	oldList, oldWin := driveList, onWindows
	driveList = func() ([]drives.Drive, error) { return list, nil }
	onWindows = true
	t.Cleanup(func() { driveList, onWindows = oldList, oldWin })
}

// The backup's folder is chosen in Chinese by the keyboard: the places first, Enter goes in,
// Backspace goes up, a new folder is made and chosen, and the backup screen then targets it.
func TestChooseABackupFolderByKeyboard(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, d := range []string{filepath.Join("资料", "旧文件"), ".cache", "$RECYCLE.BIN"} {
		if err := os.MkdirAll(filepath.Join(home, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(home, "说明.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarnessAs(t, "liu")
	h.sh.Show(navBackup)
	s := h.sh.Current().(*backupScreen)
	if s.driveNote.Visible() {
		t.Errorf("note about the U盘 shown off Windows: %q", s.driveNote.Text)
	}
	test.Tap(findButton(s.view(), "选择文件夹…"))
	p := openPicker(t, h)
	// No drives listed here: the places are the home folder and the computer's root.
	if got := itemNames(p); len(got) != 2 || got[0] != "主文件夹（"+home+"）" || !strings.HasPrefix(got[1], "本机（") {
		t.Fatalf("places = %q", got)
	}
	if p.sel != 0 || h.win.Canvas().Focused() != p.list {
		t.Fatalf("selected %d, focus on %T; want the first place and the list", p.sel, h.win.Canvas().Focused())
	}
	h.key(fyne.KeyReturn)
	// Inside: the folders only, the system's hidden ones left out, no files.
	if got := itemNames(p); len(got) != 1 || got[0] != "资料" || p.where.Text != "位置："+home {
		t.Fatalf("home lists %q at %q", got, p.where.Text)
	}
	if p.choice.Text != "将选择："+home {
		t.Errorf("with nothing selected the folder shown is chosen; the line says %q", p.choice.Text)
	}
	h.key(fyne.KeyDown)
	h.key(fyne.KeyReturn)
	if got := itemNames(p); len(got) != 1 || got[0] != "旧文件" {
		t.Fatalf("资料 lists %q", got)
	}
	h.key(fyne.KeyBackspace)
	if p.dir != home || p.sel != 0 || p.items[p.sel].name != "资料" {
		t.Fatalf("up: at %q with %d selected", p.dir, p.sel)
	}
	// 新建文件夹: a name Windows refuses is said in the dialog, which stays; a good one is made and selected.
	test.Tap(findButton(h.win.Canvas().Overlays().Top(), "新建文件夹"))
	h.typeText("备份/十一月")
	h.key(fyne.KeyReturn)
	if _, err := os.Stat(filepath.Join(home, "备份")); err == nil {
		t.Fatal("a folder was made from a name with a slash")
	}
	if !strings.Contains(labelsOf(t, h.win.Canvas().Overlays().Top()), "不能含有") {
		t.Errorf("no message for the bad name: %s", labelsOf(t, h.win.Canvas().Overlays().Top()))
	}
	e := h.focused().(*entry)
	e.SetText("")
	h.typeText("U盘备份")
	h.key(fyne.KeyReturn)
	want := filepath.Join(home, "U盘备份")
	if st, err := os.Stat(want); err != nil || !st.IsDir() {
		t.Fatalf("new folder: %v", err)
	}
	if it, ok := p.chosen(); !ok || it.path != want || p.choice.Text != "将选择："+want {
		t.Fatalf("after 新建文件夹 the choice is %q (%q)", it.path, p.choice.Text)
	}
	if h.win.Canvas().Focused() != p.list {
		t.Errorf("focus after 新建文件夹 on %T; want the list", h.win.Canvas().Focused())
	}
	test.Tap(findButton(h.win.Canvas().Overlays().Top(), "选择此文件夹"))
	if h.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the chooser stayed open")
	}
	if s.target.Selected != "文件夹 "+want || s.targets[s.target.Selected] != want {
		t.Fatalf("backup target = %q → %q", s.target.Selected, s.targets[s.target.Selected])
	}
	// Chosen again, it is not listed twice.
	s.addFolder(want)
	if n := len(s.target.Options); n != 1 {
		t.Errorf("targets after choosing the same folder twice: %q", s.target.Options)
	}
	// A double click goes in; Esc closes the chooser and changes nothing.
	s.chooseFolder()
	p = openPicker(t, h)
	row := newPickRow(p)
	row.set(0, p.items[0])
	test.DoubleTap(row)
	if p.dir != home {
		t.Fatalf("double click on 主文件夹: at %q", p.dir)
	}
	h.key(fyne.KeyEscape)
	if h.win.Canvas().Overlays().Top() != nil || s.targets[s.target.Selected] != want {
		t.Errorf("Esc: chooser open %v, target %q", h.win.Canvas().Overlays().Top() != nil, s.target.Selected)
	}
}

// On a Windows PC the U盘 comes first, in the target list and in the chooser; without one the backup
// screen says to plug it in.
func TestUSBStickFirstAndMissingStickSaid(t *testing.T) {
	pretendDrives(t, nil)
	h := newHarnessAs(t, "liu")
	h.sh.Show(navBackup)
	s := h.sh.Current().(*backupScreen)
	if !s.driveNote.Visible() || s.driveNote.Text != "没有找到U盘，请插入U盘后点“刷新”" {
		t.Fatalf("no stick: note %v %q", s.driveNote.Visible(), s.driveNote.Text)
	}
	stick := t.TempDir()
	if err := os.Mkdir(filepath.Join(stick, "备份"), 0o755); err != nil {
		t.Fatal(err)
	}
	usb := drives.Drive{Root: stick, Label: "KINGSTON", Removable: true, Free: 30e9, Total: 32e9}
	pretendDrives(t, []drives.Drive{usb})
	test.Tap(findButton(s.view(), "刷新"))
	if s.driveNote.Visible() {
		t.Errorf("stick plugged in, note still shown: %q", s.driveNote.Text)
	}
	if s.target.Selected != usb.String() || s.targets[s.target.Selected] != stick {
		t.Errorf("target after 刷新 = %q", s.target.Selected)
	}
	s.chooseFolder()
	p := openPicker(t, h)
	if got := itemNames(p); len(got) != 3 || got[0] != usb.String() || !strings.HasPrefix(got[1], "主文件夹") || !strings.HasPrefix(got[2], "本机（") {
		t.Fatalf("places = %q", got)
	}
	if !p.up.Disabled() || !p.mkdir.Disabled() {
		t.Error("上一级 and 新建文件夹 enabled on the list of places")
	}
	h.key(fyne.KeyReturn)
	if p.dir != stick || len(p.items) != 1 || p.items[0].name != "备份" {
		t.Fatalf("into the stick: %q %q", p.dir, itemNames(p))
	}
	h.key(fyne.KeyBackspace) // a drive's root goes up to the places
	if p.dir != "" || p.items[p.sel].path != stick {
		t.Errorf("up from the stick: at %q, selected %d", p.dir, p.sel)
	}
	// A drive gone meanwhile is said in Chinese and the list stays.
	gone := filepath.Join(stick, "拔出")
	p.items = append(p.items, pickItem{name: "拔出", path: gone, dir: true})
	p.enter(len(p.items) - 1)
	if p.dir != "" || !strings.Contains(p.msg.Text, "不存在") {
		t.Errorf("missing folder: at %q, message %q", p.dir, p.msg.Text)
	}
	h.key(fyne.KeyEscape)
}

// Restoring offers the backups (not their key files); the household import offers spreadsheets.
func TestChooseAFileToRestoreOrImport(t *testing.T) {
	dir := t.TempDir()
	backup := filepath.Join(dir, "前台-备份-20261127-093000"+store.BackupExt)
	for _, f := range []string{backup, store.KeyFileFor(backup), filepath.Join(dir, "说明.txt"), filepath.Join(dir, "业户.xlsx")} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "更早"), 0o755); err != nil {
		t.Fatal(err)
	}
	pretendDrives(t, []drives.Drive{{Root: dir, Label: "备份盘", Removable: true}})
	h := newHarnessAs(t, "admin")
	h.sh.Show(navBackup)
	s := h.sh.Current().(*backupScreen)
	s.chooseRestore()
	p := openPicker(t, h)
	if !p.ok.Disabled() {
		t.Error("打开 enabled before a file is selected")
	}
	h.key(fyne.KeyReturn)
	if got := itemNames(p); strings.Join(got, "|") != "更早|"+filepath.Base(backup) {
		t.Fatalf("restore lists %q", got)
	}
	h.key(fyne.KeyEnd)
	if p.choice.Text != "将打开："+backup || p.ok.Disabled() {
		t.Fatalf("file selected: %q", p.choice.Text)
	}
	h.key(fyne.KeyReturn) // Enter on a file takes it: the passphrase is asked next
	if !strings.Contains(labelsOf(t, h.win.Canvas().Overlays().Top()), "备份密码") {
		t.Fatalf("after choosing the backup: %s", labelsOf(t, h.win.Canvas().Overlays().Top()))
	}
	h.key(fyne.KeyEscape)

	h.sh.Show(navHouseholds)
	hs := h.sh.Current().(*householdScreen)
	hs.chooseImport()
	p = openPicker(t, h)
	p.enter(0)
	if got := itemNames(p); strings.Join(got, "|") != "更早|业户.xlsx" {
		t.Errorf("import lists %q", got)
	}
	h.key(fyne.KeyEscape)
}
