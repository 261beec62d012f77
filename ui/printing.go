package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/printers"
	"frontdesk/data/store"
	"frontdesk/reports"
)

// How this PC prints, kept in the app's preferences: the printer is the one attached to this desk, so
// the setting belongs to the PC, not to the estate's store.
const (
	prefPrintDirect  = "print_direct"   // send PDFs straight to the printer (Windows)
	prefPrinter      = "print_printer"  // the printer's name; "" is the default printer
	prefPrintKeep    = "print_keep"     // keep each printed PDF in a month's folder
	prefPrintKeepDir = "print_keep_dir" // where the month folders go
)

// printerPort is what the window needs of this PC's printers (data/printers; a stand-in in tests).
type printerPort interface {
	Direct() bool
	List() ([]string, error)
	ViewerCanPrint() bool
	Print(file, printer string) error
}

// printSettings is how this PC prints.
type printSettings struct {
	direct  bool
	printer string
	keep    bool
	keepDir string
}

func (sh *Shell) printSettings() printSettings {
	p := sh.app.Preferences()
	return printSettings{
		direct:  p.Bool(prefPrintDirect),
		printer: p.String(prefPrinter),
		keep:    p.Bool(prefPrintKeep),
		keepDir: p.StringWithFallback(prefPrintKeepDir, defaultKeepDir()),
	}
}

func (sh *Shell) setPrintSettings(s printSettings) {
	p := sh.app.Preferences()
	p.SetBool(prefPrintDirect, s.direct)
	p.SetString(prefPrinter, s.printer)
	p.SetBool(prefPrintKeep, s.keep)
	p.SetString(prefPrintKeepDir, s.keepDir)
}

// defaultKeepDir is where printed PDFs are kept unless the desk chooses a folder: beside the exported
// spreadsheets in the person's documents. Not in the data folder: nothing printed goes there
// (store.CheckOutput), and the data folder is hidden under the person's application data.
func defaultKeepDir() string {
	return filepath.Join(filepath.Dir(defaultExportDir()), "前台打印件")
}

// monthFolder is the folder of a month's printed PDFs: 2026-12 under root, by the month in Shanghai.
func monthFolder(root string, at time.Time) string {
	return filepath.Join(root, at.In(data.Shanghai).Format("2006-01"))
}

// scratchDir is the temporary folder of PDFs not kept. Its files older than a day are removed the
// first time it is used in a session: a PDF cannot be removed right after printing, as the viewer
// (which prints it in its own time) holds it open.
func (sh *Shell) scratchDir() string {
	if !sh.printSwept {
		sh.printSwept = true
		sweepOld(sh.printDir, sh.store.Now().Add(-24*time.Hour))
	}
	return sh.printDir
}

// sweepOld removes the files in dir last written before cutoff; one still open stays for next time.
func sweepOld(dir string, cutoff time.Time) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range des {
		if !de.Type().IsRegular() {
			continue
		}
		if fi, err := de.Info(); err == nil && fi.ModTime().Before(cutoff) {
			os.Remove(filepath.Join(dir, de.Name()))
		}
	}
}

// printFolder is where a print is written: this month's folder of kept prints (kept), or the scratch
// folder. A keeping folder that cannot be used now (a network drive away, a U盘 pulled out) does not
// stop the print: it goes through unkept, and the clerk is told.
func (sh *Shell) printFolder() (dir string, kept bool) {
	s := sh.printSettings()
	if !s.keep || s.keepDir == "" {
		return sh.scratchDir(), false
	}
	dir = monthFolder(s.keepDir, sh.store.Now())
	err := os.MkdirAll(dir, 0o700)
	if err == nil {
		return dir, true
	}
	sh.Warn("保存打印件的文件夹 " + s.keepDir + " 现在无法使用：" + folderError(err) + "。\n\n" +
		"这次的打印件没有保存，打印照常进行。请在“设置”的“打印”一栏检查保存位置。")
	return sh.scratchDir(), false
}

// printName is the file name of a record's print: its serial; a kept reprint says which one, so the
// folder keeps the first print as it was signed.
func printName(serial string, reprint int, kept bool, ext string) string {
	if reprint > 0 && kept {
		return fmt.Sprintf("%s（补打%d）%s", serial, reprint, ext)
	}
	return serial + ext
}

// printPDF puts a written PDF on paper the way this PC is set: straight to the chosen printer, or
// opened in the PDF viewer for the clerk to print at actual size. A direct print that does not go
// through opens the viewer instead and says why; what names the document on the status line.
func (sh *Shell) printPDF(path, what string) {
	set := sh.printSettings()
	if set.direct && sh.printers.Direct() {
		// The PDF program may take seconds to start and take the file: the window does not wait.
		if lookupsInline {
			sh.printed(path, what, set, sh.printers.Print(path, set.printer))
			return
		}
		sh.notify(what + " 正在送往打印机……")
		post := onUI
		go func() {
			err := sh.printers.Print(path, set.printer)
			post(func() { sh.printed(path, what, set, err) })
		}()
		return
	}
	sh.notify(what + " 已生成（" + filepath.Base(path) + "），请在PDF阅读器中按“实际大小”打印")
	sh.openFile(path, "文件已保存在：\n"+path+"\n请用PDF阅读器打开，打印时选“实际大小”。")
}

// printed says how a direct print went, and opens the viewer when it did not go through.
func (sh *Shell) printed(path, what string, set printSettings, err error) {
	if err == nil {
		to := "默认打印机"
		if set.printer != "" {
			to = "打印机“" + set.printer + "”"
		}
		sh.notify(what + " 已送到" + to)
		return
	}
	sh.notify("直接打印没有成功，" + what + " 已用PDF阅读器打开，请按“实际大小”打印")
	sh.openFile(path, "文件已保存在：\n"+path+"\n请用PDF阅读器打开，打印时选“实际大小”。")
	if errors.Is(err, printers.ErrViewerCannotPrint) {
		sh.Warn("这台电脑的PDF阅读器不支持直接打印，已用阅读器打开，请按“实际大小”打印。\n\n" +
			"不想每次看到这个提示，可在“设置”的“打印”一栏把打印方式改为“用PDF阅读器打开”。")
		return
	}
	sh.Warn(store.Message(err) + "\n\n已用PDF阅读器打开，请在阅读器中按“实际大小”打印。")
}

// printCalibration prints the page that shows whether this PC prints at actual size, the same way
// as every other print. It is never kept.
func (sh *Shell) printCalibration() error {
	var buf bytes.Buffer
	opt := reports.Options{PrintedAt: sh.store.Now(), PropertyName: sh.store.Setting(store.SettingPropertyName, store.DefaultPropertyName)}
	if err := reports.CalibrationPDF(&buf, opt); err != nil {
		return err
	}
	dir := sh.scratchDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create print folder: %w", err)
	}
	path := filepath.Join(dir, "打印校准页.pdf")
	if err := store.CheckOutput(sh.dataDir, path); err != nil {
		return err
	}
	if err := store.WriteFile(path, buf.Bytes()); err != nil {
		return err
	}
	sh.printPDF(path, "打印校准页")
	return nil
}

// printerChoices are the printers as the settings list them, the default one marked, with the name
// each stands for.
func printerChoices(names []string) (shown []string, name map[string]string) {
	name = map[string]string{}
	for i, n := range names {
		s := n
		if i == 0 {
			s = n + "（默认打印机）"
		}
		shown = append(shown, s)
		name[s] = n
	}
	return shown, name
}

// checkKeepDir says what is wrong with a folder to keep prints in, or "".
func (sh *Shell) checkKeepDir(dir string) string {
	switch {
	case dir == "":
		return "请填写或选择保存打印件的文件夹"
	case !filepath.IsAbs(dir) || strings.ContainsAny(filepath.Base(dir), `*?"<>|`):
		return "请填写完整的文件夹位置（如 D:\\前台打印件），或点“选择文件夹…”"
	}
	// A file where the folder, or one above it, would be: said as such, not as a disk not ready.
	for d := dir; ; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil {
			if !st.IsDir() {
				return "“" + d + "”是一个文件，不是文件夹，请换一个位置"
			}
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	// Only what CheckOutput is for is said here; a folder the disk refuses is said below, in Chinese.
	if err := store.CheckOutput(sh.dataDir, filepath.Join(monthFolder(dir, sh.store.Now()), "x.pdf")); errors.Is(err, store.ErrOutputInDataFolder) {
		return store.Message(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "无法使用这个文件夹：" + folderError(err)
	}
	return ""
}
