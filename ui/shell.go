package ui

import (
	"bytes"
	"fmt"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/idreader"
	"frontdesk/data/printers"
	"frontdesk/data/store"
	"frontdesk/reports"
	"frontdesk/reports/sheet"
)

// Window title, as the clerk sees it in the task bar.
const Title = "小区客服前台"

// Navigation IDs of the screens that are not forms.
const (
	navHouseholds = "households"
	navSettings   = "settings"
	navAccounts   = "accounts"
	navBackup     = "backup"
	prefLastNav   = "last_screen"
)

// screen is one page of the content area.
type screen interface {
	commander
	view() fyne.CanvasObject
	shown() // called each time the screen comes to the front
}

// Shell is the main window: navigation on the left, the current screen on the right, the person on
// duty and messages on top and bottom.
type Shell struct {
	app      fyne.App
	win      fyne.Window
	store    *store.Store
	dataDir  string
	actor    data.Actor // the person logged in at the desk
	main     fyne.CanvasObject
	locked   bool
	login    *loginForm // the login or lock screen while shown
	nav      *widget.Tree
	content  *fyne.Container
	current  screen
	currID   string
	back     []backStep // where Esc goes from a screen opened from another (openFrom), the latest last
	screens  map[string]screen
	message  *widget.Label
	pending  string // a message said before the status line existed
	printDir string
	// status is the status line: the message, and 打开文件夹 beside the word of a file written
	// (notifyFolder).
	status *fyne.Container
	folder *widget.Button
	// exportDir keeps the spreadsheets the lists export; openFileHook, when set (tests), is told of a
	// written file instead of the system opening it.
	exportDir    string
	openFileHook func(path string)
	// openURL opens a file with the system's program for it (tests: a PC without one).
	openURL func(*url.URL) error
	// printers sends PDFs straight to a printer where this PC can (printing.go); printSwept: the
	// scratch print folder's old files were removed this session.
	printers   printerPort
	printSwept bool
	// reader polls the ID card reader for the visitor screen; nil: no reader is used.
	reader *idreader.Poller
	// stopIME ends the following of the caret by the input method's windows (imepos.go).
	stopIME func()
	// onUI runs work of background goroutines on the UI goroutine: fyne.Do, or in tests a queue the
	// test goroutine drains, since Fyne's test driver runs fyne.Do on the calling goroutine.
	onUI func(func())
	// backupDone is closed when the backup running in the background ends (tests wait on it).
	backupDone chan struct{}
	// todayMine and todayLate are the count on 今日待办's navigation entry.
	todayMine, todayLate int
	// drafts keeps the unsaved work of the entry screens on disk (drafts.go).
	drafts *drafts
	// tips shows the tip of the toolbar button under the pointer (toolbar.go).
	tips *tipLayer
	// navBox is the navigation at the left; it folds away on a narrow screen (导航 button).
	navBox fyne.CanvasObject
	// dialogs are the dialogs on show, the front one last (dialogs.go).
	dialogs []*openDialog
	// undo is the status line's offer to take back a step just taken (undo.go).
	undo *undoOffer
}

// New shows the first-start setup or the login over an open store; the desk opens after a login.
func New(a fyne.App, w fyne.Window, s *store.Store, dataDir string) *Shell {
	sh := &Shell{app: a, win: w, store: s, dataDir: dataDir, screens: map[string]screen{}}
	sh.printDir = filepath.Join(os.TempDir(), "Frontdesk-print")
	sh.printers = printers.System{}
	sh.exportDir = defaultExportDir()
	registerShortcuts(w.Canvas(), sh.command)
	sh.stopIME = followIMECaret(w)
	shellCommand = sh.command
	// Drafts of a week ago are gone before anyone logs in: their typists were told at each login.
	store.RemoveOldDrafts(dataDir, time.Now())
	if s.HasAccounts() {
		sh.showLogin()
	} else {
		sh.showSetup()
	}
	return sh
}

// Close closes the store the window works on (the one open now, after any restore).
func (sh *Shell) Close() error {
	sh.rememberSize()
	sh.stopIME()
	sh.keeper().flush(sh)
	if sh.reader != nil {
		sh.reader.Close()
	}
	return sh.store.Close()
}

// Actor is the person logged in.
func (sh *Shell) Actor() data.Actor { return sh.actor }

// buildMain makes the desk for the person logged in: navigation holds only what their role may open.
func (sh *Shell) buildMain() {
	sh.nav = widget.NewTree(sh.navChildren, sh.navIsBranch,
		func(branch bool) fyne.CanvasObject { return widget.NewLabel(longestNav()) },
		func(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(sh.navLabel(id))
		})
	for _, g := range data.Groups {
		sh.nav.OpenBranch(g)
	}
	sh.nav.OnSelected = func(id widget.TreeNodeID) {
		if !sh.navIsBranch(id) && id != sh.currID {
			sh.Show(id)
		}
	}
	sh.content = container.NewStack()
	sh.message = widget.NewLabel("数据文件夹：" + sh.dataDir)
	if sh.pending != "" {
		sh.message.SetText(sh.pending)
		sh.pending = ""
	}
	sh.message.Truncation = fyne.TextTruncateEllipsis
	title := heading(Title + " · " + sh.store.Setting(store.SettingPropertyName, store.DefaultPropertyName))
	who := widget.NewLabel("当前：" + sh.actor.Name + "（" + sh.actor.Role.Chinese() + "）")
	sh.tips = newTipLayer()
	lock := sh.newTipButton("锁屏/换人 (Ctrl+L)", theme.LogoutIcon(), "离开前台时锁住屏幕；下一位值班员用自己的账号登录", sh.Lock)
	// The navigation is never narrower than its longest name (a tree indents a form under its group):
	// on a narrow screen it folds away instead of cutting the names.
	navWidth := canvas.NewRectangle(color.Transparent)
	navWidth.SetMinSize(fyne.NewSize(fyne.MeasureText(longestNav(), theme.TextSize(), fyne.TextStyle{}).Width+
		2*theme.IconInlineSize()+6*theme.Padding(), 0))
	sh.navBox = container.NewStack(navWidth, container.NewVScroll(sh.nav))
	fold := sh.newTipButton("", theme.MenuIcon(), "收起或展开左边的导航，让表格更宽", sh.toggleNav)
	top := container.NewBorder(nil, nil, container.NewHBox(fold, title), container.NewHBox(who, lock))
	split := container.NewHSplit(sh.navBox, sh.content)
	split.Offset = 0.2
	if sh.app.Preferences().Bool(prefNavFolded) {
		sh.navBox.Hide()
	}
	sh.folder = widget.NewButtonWithIcon("打开文件夹", theme.FolderOpenIcon(), nil)
	sh.folder.Hide()
	sh.undo = nil // an offer to take back a step is the person's who took it
	sh.status = container.NewBorder(nil, nil, nil, container.NewHBox(sh.undoButton(), sh.folder), sh.message)
	sh.main = container.NewStack(container.NewBorder(top, sh.status, nil, nil, split), sh.tips.layer)
}

// longestNav is the longest name in the navigation: a form's.
func longestNav() string {
	var long string
	var width float32
	for _, f := range data.Forms() {
		if w := fyne.MeasureText(f.Name, theme.TextSize(), fyne.TextStyle{}).Width; w > width {
			long, width = f.Name, w
		}
	}
	return long
}

// prefNavFolded remembers that the navigation was folded away (a narrow screen).
const prefNavFolded = "nav_folded"

// toggleNav folds the navigation away or brings it back, and remembers it on this PC.
func (sh *Shell) toggleNav() {
	if sh.navBox.Visible() {
		sh.navBox.Hide()
	} else {
		sh.navBox.Show()
	}
	sh.app.Preferences().SetBool(prefNavFolded, !sh.navBox.Visible())
	sh.main.Refresh()
}

// allowed says whether the person may open a screen.
func (sh *Shell) allowed(id string) bool {
	switch {
	case id == navToday:
		return sh.actor.Can(data.PermRecordRead)
	case id == navBoard:
		return sh.actor.Can(data.PermCompliance)
	case id == navHouseholds:
		return sh.actor.Can(data.PermHouseholdEdit) || sh.actor.Can(data.PermHouseholdImport)
	case id == navSettings:
		return true // everyone changes their own password there
	case id == navAccounts:
		return sh.actor.Can(data.PermAccounts)
	case id == navBackup:
		return sh.actor.Can(data.PermBackup) || sh.actor.Can(data.PermRestore)
	case strings.HasPrefix(id, "form:"):
		_, ok := data.FormByKey(strings.TrimPrefix(id, "form:"))
		return ok && sh.actor.Can(data.PermRecordRead)
	}
	return false
}

func (sh *Shell) firstAllowed() string {
	for _, id := range []string{"form:visitor", navHouseholds, navAccounts, navSettings} {
		if sh.allowed(id) {
			return id
		}
	}
	return navSettings
}

func (sh *Shell) navChildren(id widget.TreeNodeID) []widget.TreeNodeID {
	if id == "" {
		var out []string
		for _, n := range []string{navToday, navBoard} {
			if sh.allowed(n) {
				out = append(out, n)
			}
		}
		if sh.actor.Can(data.PermRecordRead) {
			out = append(out, data.Groups...)
		}
		for _, n := range []string{navHouseholds, navBackup, navAccounts, navSettings} {
			if sh.allowed(n) {
				out = append(out, n)
			}
		}
		return out
	}
	var out []string
	for _, f := range data.FormsInGroup(id) {
		out = append(out, "form:"+f.Key)
	}
	return out
}

func (sh *Shell) navIsBranch(id widget.TreeNodeID) bool {
	for _, g := range data.Groups {
		if g == id {
			return true
		}
	}
	return id == ""
}

func (sh *Shell) navLabel(id string) string {
	switch {
	case id == navToday:
		switch {
		case sh.todayLate > 0:
			return fmt.Sprintf("今日待办（%d，超时 %d）", sh.todayMine, sh.todayLate)
		case sh.todayMine > 0:
			return fmt.Sprintf("今日待办（%d）", sh.todayMine)
		}
		return "今日待办"
	case id == navBoard:
		return "本月达标"
	case id == navHouseholds:
		return "业户档案"
	case id == navSettings:
		return "设置"
	case id == navAccounts:
		return "账户管理"
	case id == navBackup:
		return "备份与恢复"
	case strings.HasPrefix(id, "form:"):
		if f, ok := data.FormByKey(strings.TrimPrefix(id, "form:")); ok {
			return f.Name
		}
	}
	return id
}

// backStep is one screen opened from another: Esc on to, or the end of the record opened on it,
// goes back to from.
type backStep struct{ from, to string }

// Show brings a screen to the front by its navigation ID ("form:visitor", "households", "settings"),
// as the navigation does: one chosen there is gone to, not opened from the screen before.
func (sh *Shell) Show(id string) {
	if sh.allowed(id) {
		sh.back = nil
	}
	sh.show(id, false)
}

// openFrom brings a screen to the front from the one in front (a record from the board or 今日待办,
// a panel from a notice), so that Esc there comes back here.
func (sh *Shell) openFrom(id string) {
	if sh.allowed(id) && sh.currID != "" && sh.currID != id {
		sh.back = append(sh.back, backStep{from: sh.currID, to: id})
	}
	sh.show(id, false)
}

// goBack returns from a screen opened from another to that one, saying what was said last (a record
// saved); it reports whether the screen in front was opened from another.
func (sh *Shell) goBack() bool {
	n := len(sh.back)
	if n == 0 || sh.back[n-1].to != sh.currID {
		return false
	}
	from := sh.back[n-1].from
	sh.back = sh.back[:n-1]
	sh.win.Canvas().Unfocus() // no key goes on to the screen left; the one shown takes the focus it wants
	sh.show(from, true)
	return true
}

// show brings a screen to the front; keepMessage leaves the status line as it is.
func (sh *Shell) show(id string, keepMessage bool) {
	if !sh.allowed(id) {
		return
	}
	touch()
	s, ok := sh.screens[id]
	if !ok {
		switch {
		case id == navToday:
			s = newTodayScreen(sh)
		case id == navBoard:
			s = newBoardScreen(sh)
		case id == navHouseholds:
			s = newHouseholdScreen(sh)
		case id == navSettings:
			s = newSettingsScreen(sh)
		case id == navAccounts:
			s = newAccountsScreen(sh)
		case id == navBackup:
			s = newBackupScreen(sh)
		default:
			f, ok := data.FormByKey(strings.TrimPrefix(id, "form:"))
			if !ok {
				return
			}
			s = newListScreen(sh, f)
		}
		sh.screens[id] = s
	}
	if sh.tips != nil {
		sh.tips.hide() // a key that changed the screen leaves no tip of the screen before
	}
	if sh.message != nil && sh.currID != "" && id != sh.currID && !keepMessage {
		sh.notify("") // what was said about the screen before is not about this one
	}
	sh.current, sh.currID = s, id
	sh.content.Objects = []fyne.CanvasObject{s.view()}
	sh.content.Refresh()
	sh.nav.Select(id)
	sh.app.Preferences().SetString(prefLastNav, id)
	s.shown()
}

// Current returns the screen in front (tests drive it).
func (sh *Shell) Current() any { return sh.current }

func (sh *Shell) command(name string) bool {
	touch()
	if sh.dialogCommand(name) {
		return true
	}
	if sh.locked || sh.login != nil || sh.current == nil {
		return false
	}
	switch name {
	case cmdLock:
		sh.Lock()
		return true
	case cmdHelp:
		sh.showHelp()
		return true
	}
	if sh.current.command(name) {
		return true
	}
	return name == cmdCancel && sh.goBack() // Esc the screen has no use for: back to where it was opened from
}

// notify shows a short message in the status line; before anyone logged in (the desk not yet built)
// it waits there for the first login.
func (sh *Shell) notify(msg string) {
	if sh.message == nil {
		sh.pending = msg
		return
	}
	if sh.folder.Visible() {
		sh.folder.Hide()
		sh.status.Refresh()
	}
	sh.message.SetText(msg)
}

// Warn shows a message that must be read before work goes on (the data on read-only media).
func (sh *Shell) Warn(msg string) {
	text := dialogText(msg)
	sh.choose("请注意", text, nil, dialogButton{label: "知道了", importance: widget.HighImportance})
}

// noProgramTitle is the title of the notice that says where a file is when no program opened it.
func noProgramTitle(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return "没有找到PDF阅读器"
	case ".xlsx", ".csv":
		return "没有找到表格软件"
	case "":
		return "无法打开文件夹"
	}
	return "没有找到能打开文件的程序"
}

// openFile opens a written file with the program the system has for it; when there is none, it says
// where the file is.
func (sh *Shell) openFile(path, otherwise string) {
	if sh.openFileHook != nil {
		sh.openFileHook(path)
		return
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // file:///C:/… on Windows
	}
	open := sh.app.OpenURL
	if sh.openURL != nil {
		open = sh.openURL
	}
	if err := open(u); err != nil {
		sh.inform(noProgramTitle(path), otherwise)
	}
}

// printRecord writes the record's PDF to the print folder (this month's folder of kept prints, or a
// scratch folder) and prints it the way this PC is set (printPDF).
func (sh *Shell) printRecord(rec *data.Record) {
	path, err := sh.writePDF(rec)
	if err != nil {
		sh.inform("打印失败", store.Message(err))
		return
	}
	sh.printPDF(path, rec.Serial)
}

// exportRecord writes the record as an Excel spreadsheet beside the printed PDFs and opens it (the
// month's report for the manager, the served-households list).
func (sh *Shell) exportRecord(rec *data.Record) {
	path, err := sh.writeXLSX(rec)
	if err != nil {
		sh.inform("导出失败", store.Message(err))
		return
	}
	sh.notify("已导出 " + path)
	sh.openFile(path, "文件已保存在：\n"+path+"\n请用 Excel 或 WPS 打开。")
}

func (sh *Shell) writeXLSX(rec *data.Record) (string, error) {
	details, err := sh.store.PrintDetails(sh.actor, rec)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := sheet.Record(&buf, rec, reports.Options{PrintedAt: sh.store.Now()}.With(details)); err != nil {
		return "", err
	}
	// A spreadsheet goes with the lists' exports, not with the kept prints.
	dir := sh.exportDir
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create export folder: %w", err)
	}
	path := filepath.Join(dir, rec.Serial+".xlsx")
	if err := store.CheckOutput(sh.dataDir, path); err != nil {
		return "", err
	}
	if err := store.WriteFile(path, buf.Bytes()); err != nil {
		return "", err // a file of that name held open by Excel or WPS is said as such
	}
	return path, nil
}

func (sh *Shell) writePDF(rec *data.Record) (string, error) {
	details, err := sh.store.PrintDetails(sh.actor, rec)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := reports.Document(&buf, rec, reports.Options{PrintedAt: sh.store.Now()}.With(details)); err != nil {
		return "", err
	}
	dir, kept := sh.printFolder()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create print folder: %w", err)
	}
	path := filepath.Join(dir, printName(rec.Serial, details.Reprint, kept, ".pdf"))
	if err := store.CheckOutput(sh.dataDir, path); err != nil {
		return "", err // the print folder inside the data folder, or a file of that name not a PDF
	}
	if err := store.WriteFile(path, buf.Bytes()); err != nil {
		return "", err // a file of that name held open by the viewer is said as such
	}
	if _, err := sh.store.MarkPrinted(sh.actor, rec.Serial); err != nil {
		return "", err
	}
	return path, nil
}

// askVoid asks for the reason and voids the record; done gets the voided record.
func (sh *Shell) askVoid(rec *data.Record, done func(*data.Record)) {
	sh.askReason("作废 "+rec.Serial, "作废后记录仍保留并标为“作废”，不能再修改。", "作废原因：", "作废", func(reason string) error {
		r, err := sh.store.Void(sh.actor, rec.Serial, reason)
		if err != nil {
			return err
		}
		sh.notify(rec.Serial + " 已作废")
		done(r)
		return nil
	})
}

// askReason asks for a reason in a dialog; act gets it, and an error it returns is shown in the dialog,
// which stays open (an empty reason, a refused permission) until act succeeds or the person cancels.
func (sh *Shell) askReason(title, note, label, okText string, act func(reason string) error) {
	sh.askText(title, []string{note}, []askField{{label: label, hint: "必填，如：重复登记、填写错误"}}, okText, widget.DangerImportance,
		func(v []string) error { return act(v[0]) })
}

// askField is one line a dialog asks for.
type askField struct {
	label, hint string
	secret      bool
}

// askText is the one dialog that asks for lines of text (a reason; a passphrase; a guard's name and a
// slip's code): Enter moves on and confirms on the last, Esc cancels, and act's error stands in the
// dialog, which stays open until act succeeds.
func (sh *Shell) askText(title string, notes []string, fields []askField, okText string, imp widget.Importance, act func([]string) error) {
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	entries := make([]*entry, len(fields))
	confirm := func() {
		vals := make([]string, len(entries))
		for i, e := range entries {
			vals[i] = e.Text
		}
		if err := act(vals); err != nil {
			errLabel.SetText(store.Message(err))
			return
		}
		d.Hide()
	}
	cancel := func(c string) bool {
		if c == cmdCancel {
			d.Hide()
			return true
		}
		return false
	}
	body := container.NewVBox()
	for _, n := range notes {
		body.Add(widget.NewLabel(n))
	}
	for i, f := range fields {
		e := newEntry()
		e.Password = f.secret
		e.SetPlaceHolder(f.hint)
		entries[i] = e
		body.Add(widget.NewLabel(f.label))
		body.Add(e)
	}
	for i, e := range entries {
		h := keyHooks{onEnter: confirm, onCommand: cancel}
		if i+1 < len(entries) {
			next := entries[i+1]
			h.onEnter = func() { sh.win.Canvas().Focus(next) }
		}
		e.hooks = h
	}
	body.Add(errLabel)
	ok := widget.NewButton(okText, confirm)
	ok.Importance = imp
	d = dialog.NewCustomWithoutButtons(title, body, sh.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("取消", func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(480, 200+60*float32(len(fields))))
	sh.showDialog(d, title, body, confirm, nil)
	sh.win.Canvas().Focus(entries[0])
}

// setTodayCount shows the person's count on 今日待办's navigation entry.
func (sh *Shell) setTodayCount(mine, late int) {
	if mine == sh.todayMine && late == sh.todayLate {
		return
	}
	sh.todayMine, sh.todayLate = mine, late
	if sh.nav != nil {
		sh.nav.RefreshItem(navToday)
	}
}

// todayChanged follows a save, a step or a void: 今日待办 and its count are worked out again (a few
// milliseconds from the open-matter index).
func (sh *Shell) todayChanged() {
	if !sh.allowed(navToday) {
		return
	}
	if t, ok := sh.screens[navToday].(*todayScreen); ok {
		t.refresh()
		return
	}
	ms, err := sh.store.Due(sh.actor, sh.store.Now())
	if err != nil {
		return
	}
	sh.setTodayCount(countMine(ms))
}
