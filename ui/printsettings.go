package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data/store"
)

// The choices of the print settings, as the clerk reads them.
const (
	printDirectText = "直接打印到打印机"
	printViewerText = "用PDF阅读器打开"
	printKeepText   = "保存到文件夹（按月分文件夹）"
	printTossText   = "不保存（打印后删除）"
)

// printPanel is the 打印 part of the settings screen: how this PC prints and whether it keeps what it
// printed. Everyone at the desk may change it: it is about the printer on this desk, not the estate.
type printPanel struct {
	shell     *Shell
	method    *widget.RadioGroup // only where direct printing exists (Windows)
	printer   *widget.Select
	names     map[string]string // the printer list's text → the printer's name
	viewerMsg *widget.Label
	keep      *widget.RadioGroup
	folder    *entry
	pick      *widget.Button
	folderErr *widget.Label
	msg       *widget.Label
	box       *fyne.Container
}

func newPrintPanel(sh *Shell) *printPanel {
	p := &printPanel{shell: sh, printer: widget.NewSelect(nil, nil), viewerMsg: widget.NewLabel(""), folder: newEntry(),
		folderErr: errorLabel(), msg: widget.NewLabel("")}
	p.printer.PlaceHolder = "（请选择打印机）"
	p.viewerMsg.Wrapping = fyne.TextWrapWord
	p.msg.Wrapping = fyne.TextWrapWord
	p.keep = widget.NewRadioGroup([]string{printKeepText, printTossText}, func(string) { p.update() })
	p.keep.Required = true
	p.folder.SetPlaceHolder("如 D:\\前台打印件")
	p.folder.hooks = keyHooks{onEnter: p.save}
	p.pick = widget.NewButtonWithIcon("选择文件夹…", theme.FolderOpenIcon(), func() {
		sh.pickFolder("选择保存打印件的文件夹", func(dir string) { p.folder.SetText(dir) })
	})
	grid := container.New(layout.NewFormLayout())
	if sh.printers.Direct() {
		p.method = widget.NewRadioGroup([]string{printDirectText, printViewerText}, func(string) { p.update() })
		p.method.Required = true
		grid.Add(widget.NewLabel("打印方式"))
		grid.Add(container.NewVBox(p.method, p.viewerMsg))
		grid.Add(widget.NewLabel("打印机"))
		grid.Add(p.printer)
	} else {
		grid.Add(widget.NewLabel("打印方式"))
		grid.Add(widget.NewLabel(printViewerText + "，在阅读器中按“实际大小”打印"))
	}
	grid.Add(widget.NewLabel("打印件保存"))
	grid.Add(container.NewVBox(p.keep,
		container.NewBorder(nil, nil, nil, p.pick, p.folder), p.folderErr,
		widget.NewLabel("每月一个文件夹（如 2026-12），文件名是单据编号；补打的另存一份，名字后加“补打”。")))
	explain := widget.NewLabel("只影响这台电脑。直接打印：点“打印”后单据直接送到打印机，不再打开阅读器；" +
		"打印机或阅读器不支持时，会自动改用PDF阅读器打开。用PDF阅读器打开时，请在打印对话框中选“实际大小”。" +
		"新装打印机后，请打印一张校准页，用尺子量一量。")
	explain.Wrapping = fyne.TextWrapWord
	save := widget.NewButton("保存打印设置", p.save)
	cal := widget.NewButtonWithIcon("打印校准页", theme.DocumentPrintIcon(), p.calibrate)
	p.box = container.NewVBox(bold("打印（本机）"), explain, grid, container.NewHBox(save, cal), p.msg)
	return p
}

// load shows the settings kept on this PC, and lists the printers again (one may have been added).
func (p *printPanel) load() {
	set := p.shell.printSettings()
	p.msg.SetText("")
	showError(p.folderErr, "")
	if p.method != nil {
		if set.direct {
			p.method.SetSelected(printDirectText)
		} else {
			p.method.SetSelected(printViewerText)
		}
		p.loadPrinters(set.printer)
	}
	if set.keep {
		p.keep.SetSelected(printKeepText)
	} else {
		p.keep.SetSelected(printTossText)
	}
	p.folder.SetText(set.keepDir)
	p.update()
}

func (p *printPanel) loadPrinters(chosen string) {
	names, err := p.shell.printers.List()
	shown, byText := printerChoices(names)
	p.names = byText
	sel := ""
	for _, s := range shown {
		if byText[s] == chosen || chosen == "" && sel == "" {
			sel = s
		}
	}
	if chosen != "" && (sel == "" || byText[sel] != chosen) {
		// A printer chosen before and gone since stays shown as such, so the clerk sees what changed.
		gone := chosen + "（已不在这台电脑上）"
		shown = append(shown, gone)
		p.names[gone] = chosen
		sel = gone
	}
	p.printer.Options = shown
	p.printer.SetSelected(sel)
	switch {
	case err != nil:
		p.viewerMsg.SetText(store.Message(err))
	case len(names) == 0:
		p.viewerMsg.SetText("这台电脑没有安装打印机：请先在电脑的“设置 → 打印机和扫描仪”中添加打印机。")
	case !p.shell.printers.ViewerCanPrint():
		p.viewerMsg.SetText("注意：这台电脑打开PDF的程序不支持直接打印，选“直接打印到打印机”时也会改用它打开。" +
			"要直接打印，请管理员安装支持直接打印的PDF阅读器。")
	default:
		p.viewerMsg.SetText("")
	}
}

// update enables what the choices make matter.
func (p *printPanel) update() {
	if p.method != nil {
		if p.method.Selected == printDirectText {
			p.printer.Enable()
		} else {
			p.printer.Disable()
		}
	}
	if p.keep.Selected == printKeepText {
		p.folder.Enable()
		p.pick.Enable()
	} else {
		p.folder.Disable()
		p.pick.Disable()
	}
}

func (p *printPanel) save() {
	set := p.shell.printSettings()
	set.keep = p.keep.Selected == printKeepText
	// A path copied in Windows' file manager (复制文件地址) comes in quotes.
	dir := strings.TrimSpace(strings.Trim(strings.TrimSpace(p.folder.Text), `"“”`))
	if dir != "" {
		dir = filepath.Clean(dir)
	}
	if set.keep {
		if msg := p.shell.checkKeepDir(dir); msg != "" {
			showError(p.folderErr, msg)
			p.msg.Importance = widget.DangerImportance
			p.msg.SetText("未保存：请按红字改正")
			return
		}
	}
	showError(p.folderErr, "")
	if dir != "" {
		set.keepDir = dir
	}
	if p.method != nil {
		set.direct = p.method.Selected == printDirectText
		set.printer = p.names[p.printer.Selected]
		if set.direct && set.printer == "" {
			p.msg.Importance = widget.DangerImportance
			p.msg.SetText("未保存：这台电脑没有可用的打印机，请先添加打印机，或选择“用PDF阅读器打开”。")
			return
		}
	}
	p.shell.setPrintSettings(set)
	p.msg.Importance = widget.SuccessImportance
	p.msg.SetText("已保存打印设置")
}

func (p *printPanel) calibrate() {
	if err := p.shell.printCalibration(); err != nil {
		p.msg.Importance = widget.DangerImportance
		p.msg.SetText("校准页没有打印：" + store.Message(err))
	}
}
