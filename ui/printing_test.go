package ui

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"frontdesk/data"
	"frontdesk/data/printers"
)

// deskPrinters stands in for a Windows PC's printers: what was sent to which printer, and the failure
// the next print meets.
type deskPrinters struct {
	direct       bool
	names        []string
	viewerPrints bool
	fail         error
	printed      []string // file → printer
}

func (p *deskPrinters) Direct() bool            { return p.direct }
func (p *deskPrinters) List() ([]string, error) { return p.names, nil }
func (p *deskPrinters) ViewerCanPrint() bool    { return p.viewerPrints }
func (p *deskPrinters) Print(file, printer string) error {
	if p.fail != nil {
		return p.fail
	}
	p.printed = append(p.printed, file+" → "+printer)
	return nil
}

// withPrinters gives the harness a PC with two printers (the first the default) and records what the
// viewer opens.
func (h *harness) withPrinters() (*deskPrinters, *[]string) {
	p := &deskPrinters{direct: true, names: []string{"前台激光打印机", "财务室打印机"}, viewerPrints: true}
	h.sh.printers = p
	opened := &[]string{}
	h.sh.openFileHook = func(path string) { *opened = append(*opened, path) }
	return p, opened
}

func (h *harness) printPanel() *printPanel {
	h.t.Helper()
	delete(h.sh.screens, navSettings) // a screen built anew, as after a restart
	h.sh.Show(navSettings)
	return h.sh.Current().(*settingsScreen).print
}

func savedRecord(t *testing.T, h *harness) *data.Record {
	t.Helper()
	in := data.NewInput()
	in.Values = map[string]string{"visitor_name": "张伟", "doc_type": "护照", "doc_no": "E12345678", "phone": "13812345678",
		"host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 09:00",
		"entry_time": "2026-11-27 09:00", "clerk": "陈佳"}
	rec, err := h.store.Create(h.sh.actor, "visitor", in)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// The 打印 settings are the PC's: chosen on the settings screen, they are there when it opens again;
// a folder in the data folder is refused next to the field and nothing is saved.
func TestPrintSettingsRoundTrip(t *testing.T) {
	h := newHarness(t) // a clerk: the printer on the desk is theirs to set
	h.withPrinters()
	p := h.printPanel()
	if p.method == nil || p.method.Selected != printViewerText || p.keep.Selected != printTossText {
		t.Fatalf("first settings: method %v, keep %q; want %q and %q", p.method, p.keep.Selected, printViewerText, printTossText)
	}
	if want := []string{"前台激光打印机（默认打印机）", "财务室打印机"}; strings.Join(p.printer.Options, "|") != strings.Join(want, "|") || p.printer.Selected != want[0] {
		t.Errorf("printers %q, selected %q; want %q with the default selected", p.printer.Options, p.printer.Selected, want)
	}
	if !p.printer.Disabled() || !p.folder.Disabled() {
		t.Error("the printer and folder can be changed while neither matters")
	}

	// A folder inside the data folder is refused.
	p.method.SetSelected(printDirectText)
	p.printer.SetSelected("财务室打印机")
	p.keep.SetSelected(printKeepText)
	p.folder.SetText(filepath.Join(h.sh.dataDir, "打印件"))
	test.Tap(findButton(p.box, "保存打印设置"))
	if p.folderErr.Hidden || !strings.Contains(p.folderErr.Text, "数据文件夹") || h.sh.printSettings().direct {
		t.Fatalf("a folder in the data folder: error %q (hidden %v), saved %+v", p.folderErr.Text, p.folderErr.Hidden, h.sh.printSettings())
	}
	p.folder.SetText("打印件")
	test.Tap(findButton(p.box, "保存打印设置"))
	if p.folderErr.Hidden || !strings.Contains(p.folderErr.Text, "完整的文件夹位置") {
		t.Fatalf("a relative folder: error %q", p.folderErr.Text)
	}

	keep := filepath.Join(t.TempDir(), "前台打印件")
	p.folder.SetText(keep)
	test.Tap(findButton(p.box, "保存打印设置"))
	if !p.folderErr.Hidden || p.msg.Text != "已保存打印设置" {
		t.Fatalf("saving: error %q, message %q", p.folderErr.Text, p.msg.Text)
	}
	p = h.printPanel()
	if p.method.Selected != printDirectText || p.printer.Selected != "财务室打印机" || p.keep.Selected != printKeepText || p.folder.Text != keep {
		t.Errorf("reopened: %q, %q, %q, %q; want %q, 财务室打印机, %q, %q", p.method.Selected, p.printer.Selected, p.keep.Selected, p.folder.Text,
			printDirectText, printKeepText, keep)
	}
	if p.printer.Disabled() || p.folder.Disabled() {
		t.Error("the chosen printer and folder are shown disabled")
	}

	// Back to not keeping and the viewer: kept as well.
	p.keep.SetSelected(printTossText)
	p.method.SetSelected(printViewerText)
	test.Tap(findButton(p.box, "保存打印设置"))
	p = h.printPanel()
	if p.keep.Selected != printTossText || p.method.Selected != printViewerText || p.folder.Text != keep {
		t.Errorf("reopened: %q, %q, folder %q; want %q, %q, the folder kept for next time", p.keep.Selected, p.method.Selected, p.folder.Text,
			printTossText, printViewerText)
	}

	// The printer chosen and since removed is shown as gone.
	h.sh.setPrintSettings(printSettings{direct: true, printer: "财务室打印机", keepDir: keep})
	h.sh.printers.(*deskPrinters).names = []string{"前台激光打印机"}
	p = h.printPanel()
	if p.printer.Selected != "财务室打印机（已不在这台电脑上）" {
		t.Errorf("a removed printer shows as %q", p.printer.Selected)
	}
}

// Where direct printing does not exist (not Windows) the settings offer the viewer only.
func TestPrintSettingsWithoutDirectPrinting(t *testing.T) {
	h := newHarness(t)
	h.sh.printers = &deskPrinters{}
	p := h.printPanel()
	if p.method != nil || !strings.Contains(labelsIn(p.box), "用PDF阅读器打开，在阅读器中按“实际大小”打印") {
		t.Errorf("without direct printing the panel offers %v:\n%s", p.method, labelsIn(p.box))
	}
}

// The print goes where the settings say: to the chosen printer, or the default one, or the viewer;
// a viewer that cannot print directly gets the file opened with why; kept prints go to the month's
// folder under the record's serial, a reprint beside it.
func TestPrintFollowsSettings(t *testing.T) {
	h := newHarness(t)
	pr, opened := h.withPrinters()
	rec := savedRecord(t, h)
	keep := t.TempDir()
	month := filepath.Join(keep, "2026-11")
	notDir := filepath.Join(t.TempDir(), "一个文件")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		set     printSettings
		direct  bool  // the PC can print directly
		fail    error // what the printer says
		printed string
		opened  string
		warn    string
	}{
		{name: "default printer, kept", set: printSettings{direct: true, keep: true, keepDir: keep}, direct: true,
			printed: filepath.Join(month, rec.Serial+".pdf") + " → "},
		{name: "kept reprint to the viewer", set: printSettings{keep: true, keepDir: keep}, direct: true,
			opened: filepath.Join(month, rec.Serial+"（补打1）.pdf")},
		// Not kept: the scratch folder, the serial as the name every time.
		{name: "viewer", set: printSettings{}, direct: true, opened: filepath.Join(h.sh.printDir, rec.Serial+".pdf")},
		{name: "chosen printer", set: printSettings{direct: true, printer: "财务室打印机"}, direct: true,
			printed: filepath.Join(h.sh.printDir, rec.Serial+".pdf") + " → 财务室打印机"},
		{name: "direct set, not possible here", set: printSettings{direct: true}, direct: false,
			opened: filepath.Join(h.sh.printDir, rec.Serial+".pdf")},
		{name: "viewer cannot print", set: printSettings{direct: true}, direct: true, fail: &printers.Error{Err: printers.ErrViewerCannotPrint, Code: 31},
			opened: filepath.Join(h.sh.printDir, rec.Serial+".pdf"), warn: "这台电脑的PDF阅读器不支持直接打印，已用阅读器打开，请按“实际大小”打印"},
		{name: "printer gone", set: printSettings{direct: true, printer: "财务室打印机"}, direct: true,
			fail:   &printers.Error{Err: printers.ErrPrinterGone, Printer: "财务室打印机"},
			opened: filepath.Join(h.sh.printDir, rec.Serial+".pdf"), warn: "打印机“财务室打印机”已不在这台电脑上"},
		{name: "keeping folder unusable", set: printSettings{keep: true, keepDir: filepath.Join(notDir, "打印件")}, direct: true,
			opened: filepath.Join(h.sh.printDir, rec.Serial+".pdf"), warn: "这次的打印件没有保存，打印照常进行"},
		{name: "no printer", set: printSettings{direct: true}, direct: true, fail: &printers.Error{Err: printers.ErrNoPrinter},
			opened: filepath.Join(h.sh.printDir, rec.Serial+".pdf"), warn: "这台电脑没有安装打印机"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h.sh.setPrintSettings(tc.set)
			pr.direct, pr.fail, pr.printed, *opened = tc.direct, tc.fail, nil, nil
			for h.win.Canvas().Overlays().Top() != nil {
				h.win.Canvas().Overlays().Remove(h.win.Canvas().Overlays().Top())
			}
			got, _ := h.store.BySerial(h.sh.actor, rec.Serial)
			h.sh.printRecord(got)
			if strings.Join(pr.printed, ";") != tc.printed {
				t.Errorf("sent to the printer %q; want %q", pr.printed, tc.printed)
			}
			if strings.Join(*opened, ";") != tc.opened {
				t.Errorf("opened in the viewer %q; want %q", *opened, tc.opened)
			}
			for _, f := range append(pr.printed, *opened...) {
				if _, err := os.Stat(strings.Split(f, " → ")[0]); err != nil {
					t.Errorf("the file printed is not there: %v", err)
				}
			}
			top := h.win.Canvas().Overlays().Top()
			switch {
			case tc.warn == "" && top != nil:
				t.Errorf("a dialog came up: %s", labelsIn(top))
			case tc.warn != "" && (top == nil || !strings.Contains(strings.ReplaceAll(labelsIn(top), "\n", ""), tc.warn)): // the notice breaks its lines
				t.Errorf("dialog %v; want one saying %q", top, tc.warn)
			case tc.fail != nil && !strings.Contains(labelsIn(top), "实际大小"):
				t.Errorf("dialog says %q; want it to say the viewer prints at actual size", labelsIn(top))
			}
		})
	}
	// The month's folder holds the first print and the reprint, nothing else.
	des, _ := os.ReadDir(month)
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	if want := rec.Serial + ".pdf|" + rec.Serial + "（补打1）.pdf"; strings.Join(names, "|") != want {
		t.Errorf("kept: %q; want %q", names, want)
	}
}

// A register printed from a list goes the same way as a record.
func TestRegisterPrintsDirect(t *testing.T) {
	h := newHarness(t)
	pr, opened := h.withPrinters()
	savedRecord(t, h)
	h.sh.setPrintSettings(printSettings{direct: true, printer: "前台激光打印机"})
	l := h.list("visitor")
	l.printRegister()
	if len(pr.printed) != 1 || !strings.HasSuffix(pr.printed[0], ".pdf → 前台激光打印机") || len(*opened) != 0 {
		t.Errorf("register: printed %q, opened %q", pr.printed, *opened)
	}
	if !strings.Contains(h.sh.message.Text, "登记簿（共 1 条） 已送到打印机“前台激光打印机”") {
		t.Errorf("status line: %q", h.sh.message.Text)
	}
}

// 打印校准页 prints the calibration page through the same path; it is never kept.
func TestCalibrationButton(t *testing.T) {
	h := newHarness(t)
	pr, opened := h.withPrinters()
	h.sh.setPrintSettings(printSettings{keep: true, keepDir: t.TempDir()})
	p := h.printPanel()
	test.Tap(findButton(p.box, "打印校准页"))
	if len(*opened) != 1 || filepath.Dir((*opened)[0]) != h.sh.printDir || len(pr.printed) != 0 {
		t.Fatalf("calibration page: opened %q, printed %q", *opened, pr.printed)
	}
	out, err := exec.Command("pdftotext", (*opened)[0], "-").Output()
	if err != nil || !strings.Contains(strings.Join(strings.Fields(string(out)), ""), "边长应为100毫米") {
		t.Errorf("calibration page text: %v\n%s", err, out)
	}
	h.sh.setPrintSettings(printSettings{direct: true})
	test.Tap(findButton(p.box, "打印校准页"))
	if len(pr.printed) != 1 || !strings.HasSuffix(pr.printed[0], "打印校准页.pdf → ") {
		t.Errorf("calibration page sent %q; want it to the default printer", pr.printed)
	}
}

// Prints not kept are removed a day later: the first print of a session clears the older ones.
func TestScratchPrintsSwept(t *testing.T) {
	h := newHarness(t)
	_, opened := h.withPrinters()
	dir := h.sh.printDir
	old, recent := filepath.Join(dir, "旧.pdf"), filepath.Join(dir, "新.pdf")
	for _, f := range []string{old, recent} {
		if err := os.WriteFile(f, []byte("%PDF-1.3"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.Chtimes(old, testNow.Add(-25*time.Hour), testNow.Add(-25*time.Hour))
	os.Chtimes(recent, testNow.Add(-23*time.Hour), testNow.Add(-23*time.Hour))
	h.sh.printRecord(savedRecord(t, h))
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a print of yesterday is still there: %v", err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("a print of today was removed: %v", err)
	}
	if len(*opened) != 1 {
		t.Errorf("opened %q", *opened)
	}
}

func TestMonthFolder(t *testing.T) {
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 1, 8, 0, 0, 0, data.Shanghai), "2026-12"},
		{time.Date(2026, 11, 30, 16, 30, 0, 0, time.UTC), "2026-12"}, // 00:30 on 1 December in Shanghai
		{time.Date(2026, 12, 31, 15, 59, 0, 0, time.UTC), "2026-12"},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, data.Shanghai), "2027-01"},
	} {
		if got := monthFolder(filepath.Join("打印件"), tc.at); got != filepath.Join("打印件", tc.want) {
			t.Errorf("monthFolder(%v) = %q; want %q", tc.at, got, filepath.Join("打印件", tc.want))
		}
	}
}
