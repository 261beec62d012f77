package ui

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/reports"
)

// Window title, as the clerk sees it in the task bar.
const Title = "小区客服前台"

// Navigation IDs of the screens that are not forms.
const (
	navHouseholds = "households"
	navSettings   = "settings"
	prefLastNav   = "last_screen"
	prefUser      = "duty_user"
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
	store    *data.Store
	dataDir  string
	user     string
	nav      *widget.Tree
	content  *fyne.Container
	current  screen
	currID   string
	screens  map[string]screen
	message  *widget.Label
	userBox  *entry
	printDir string
}

// New builds the main window's content over an open store.
func New(a fyne.App, w fyne.Window, s *data.Store, dataDir string) *Shell {
	sh := &Shell{app: a, win: w, store: s, dataDir: dataDir, screens: map[string]screen{}}
	sh.user = a.Preferences().StringWithFallback(prefUser, "值班员")
	sh.printDir = filepath.Join(os.TempDir(), "Frontdesk-print")
	sh.build()
	registerShortcuts(w.Canvas(), sh.command)
	last := a.Preferences().StringWithFallback(prefLastNav, "form:visitor")
	if !sh.validNav(last) {
		last = "form:visitor"
	}
	sh.Show(last)
	return sh
}

func (sh *Shell) build() {
	sh.nav = widget.NewTree(sh.navChildren, sh.navIsBranch,
		func(branch bool) fyne.CanvasObject { return widget.NewLabel("年度社区文化活动计划表") },
		func(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = branch
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
	sh.message.Truncation = fyne.TextTruncateEllipsis
	sh.userBox = newEntry()
	sh.userBox.SetText(sh.user)
	sh.userBox.OnChanged = func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			sh.user = s
			sh.app.Preferences().SetString(prefUser, s)
		}
	}
	sh.userBox.hooks = keyHooks{onCommand: sh.command}
	title := widget.NewLabelWithStyle(Title+" · "+sh.store.Setting(data.SettingPropertyName, data.DefaultPropertyName), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	userBox := container.NewGridWrap(fyne.NewSize(140, sh.userBox.MinSize().Height), sh.userBox)
	top := container.NewHBox(title, layout.NewSpacer(), widget.NewLabel("值班员："), userBox)
	split := container.NewHSplit(container.NewVScroll(sh.nav), sh.content)
	split.Offset = 0.2
	sh.win.SetContent(container.NewBorder(top, sh.message, nil, nil, split))
}

func (sh *Shell) navChildren(id widget.TreeNodeID) []widget.TreeNodeID {
	if id == "" {
		return append(append([]string{}, data.Groups...), navHouseholds, navSettings)
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
	case id == navHouseholds:
		return "业户档案"
	case id == navSettings:
		return "设置"
	case strings.HasPrefix(id, "form:"):
		if f, ok := data.FormByKey(strings.TrimPrefix(id, "form:")); ok {
			return f.Name
		}
	}
	return id
}

func (sh *Shell) validNav(id string) bool {
	if id == navHouseholds || id == navSettings {
		return true
	}
	_, ok := data.FormByKey(strings.TrimPrefix(id, "form:"))
	return strings.HasPrefix(id, "form:") && ok
}

// Show brings a screen to the front by its navigation ID ("form:visitor", "households", "settings").
func (sh *Shell) Show(id string) {
	s, ok := sh.screens[id]
	if !ok {
		switch {
		case id == navHouseholds:
			s = newHouseholdScreen(sh)
		case id == navSettings:
			s = newSettingsScreen(sh)
		default:
			f, ok := data.FormByKey(strings.TrimPrefix(id, "form:"))
			if !ok {
				return
			}
			s = newListScreen(sh, f)
		}
		sh.screens[id] = s
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
	if sh.current == nil {
		return false
	}
	return sh.current.command(name)
}

// notify shows a short message in the status line.
func (sh *Shell) notify(msg string) { sh.message.SetText(msg) }

// printRecord writes the record's PDF to the print folder and opens it in the system's PDF viewer,
// from where the clerk prints it at 100% (actual size).
func (sh *Shell) printRecord(rec *data.Record) {
	path, err := sh.writePDF(rec)
	if err != nil {
		dialog.ShowError(fmt.Errorf("打印失败：%s", data.Message(err)), sh.win)
		return
	}
	sh.notify("已生成 " + filepath.Base(path) + "，请在PDF阅读器中按“实际大小”打印")
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // file:///C:/… on Windows
	}
	if err := sh.app.OpenURL(u); err != nil {
		dialog.ShowError(fmt.Errorf("无法打开PDF阅读器：%v\n文件在 %s", err, path), sh.win)
	}
}

func (sh *Shell) writePDF(rec *data.Record) (string, error) {
	var buf bytes.Buffer
	opt := reports.Options{PropertyName: sh.store.Setting(data.SettingPropertyName, data.DefaultPropertyName),
		PrintedAt: sh.store.Now(), Reprint: rec.Printed}
	if err := reports.RecordPDF(&buf, rec, opt); err != nil {
		return "", err
	}
	if err := os.MkdirAll(sh.printDir, 0o700); err != nil {
		return "", fmt.Errorf("create print folder: %w", err)
	}
	path := filepath.Join(sh.printDir, rec.Serial+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := sh.store.MarkPrinted(sh.user, rec.Serial); err != nil {
		return "", err
	}
	return path, nil
}

// askVoid asks for the reason and voids the record; done gets the voided record.
func (sh *Shell) askVoid(rec *data.Record, done func(*data.Record)) {
	reason := newEntry()
	reason.SetPlaceHolder("必填，如：重复登记、填写错误")
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	var d dialog.Dialog
	confirm := func() {
		r, err := sh.store.Void(sh.user, rec.Serial, reason.Text)
		if err != nil {
			errLabel.SetText(data.Message(err))
			return
		}
		d.Hide()
		sh.notify(rec.Serial + " 已作废")
		done(r)
	}
	reason.hooks = keyHooks{onEnter: confirm, onCommand: func(c string) bool {
		if c == cmdCancel {
			d.Hide()
			return true
		}
		return false
	}}
	// Own buttons: a refused reason keeps the dialog open with the message under the entry.
	ok := widget.NewButton("作废", confirm)
	ok.Importance = widget.DangerImportance
	cancel := widget.NewButton("取消", func() { d.Hide() })
	body := container.NewVBox(widget.NewLabel("作废后记录仍保留并标为“作废”，不能再修改。"), widget.NewLabel("作废原因："), reason, errLabel)
	d = dialog.NewCustomWithoutButtons("作废 "+rec.Serial, body, sh.win)
	d.(*dialog.CustomDialog).SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
	sh.win.Canvas().Focus(reason)
}
