package ui

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// settingsScreen: the estate's name and the lock time (manager, administrator), one's own password
// (everyone), retention and the purge of expired personal data (manager), and a check of the store.
type settingsScreen struct {
	shell                 *Shell
	property, lockMinutes *entry
	propErr, lockErr      *widget.Label
	oldPw, newPw, newPw2  *entry
	pwMsg                 *widget.Label
	retention             map[string]*entry
	limits                map[string]*entry
	limitsMsg             *widget.Label
	texts                 map[string]*entry
	textErrs              map[string]*widget.Label
	retMsg                *widget.Label
	facts                 *widget.Label
	print                 *printPanel
	holidays              *holidayPanel
	result                *widget.Label
	view_                 fyne.CanvasObject
}

func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func bold(s string) *widget.Label {
	return heading(s)
}

func newSettingsScreen(sh *Shell) *settingsScreen {
	s := &settingsScreen{shell: sh, property: newEntry(), lockMinutes: newEntry(), propErr: errorLabel(), lockErr: errorLabel(),
		oldPw: newEntry(), newPw: newEntry(), newPw2: newEntry(), pwMsg: widget.NewLabel(""),
		retention: map[string]*entry{}, retMsg: widget.NewLabel(""), facts: widget.NewLabel(""), result: widget.NewLabel(""),
		limits: map[string]*entry{}, limitsMsg: widget.NewLabel(""), texts: map[string]*entry{}, textErrs: map[string]*widget.Label{}}
	s.result.Wrapping = fyne.TextWrapWord
	s.retMsg.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(bold("设置"))
	if sh.actor.Can(data.PermSettings) {
		s.addProperty(box)
		s.addRules(box)
		s.holidays = newHolidayPanel(sh)
		box.Add(s.holidays.box)
		box.Add(widget.NewSeparator())
	}
	s.addPassword(box)
	s.print = newPrintPanel(sh)
	box.Add(widget.NewSeparator())
	box.Add(s.print.box)
	if sh.actor.Can(data.PermRetention) {
		s.addRetention(box)
	}
	box.Add(widget.NewSeparator())
	box.Add(s.facts)
	box.Add(container.NewHBox(widget.NewButtonWithIcon("检查数据文件", theme.ConfirmIcon(), func() { s.check() })))
	box.Add(s.result)
	// Room under the last button: a wrapped line above it is measured short at first, and the end of
	// the screen would be cut.
	end := canvas.NewRectangle(color.Transparent)
	end.SetMinSize(fyne.NewSize(0, 3*theme.TextSize()))
	box.Add(end)
	s.view_ = container.NewVScroll(container.NewPadded(box))
	return s
}

// addProperty adds the estate's name and the lock time, with their save.
func (s *settingsScreen) addProperty(box *fyne.Container) {
	s.property.hooks = keyHooks{onEnter: func() { s.shell.win.Canvas().Focus(s.lockMinutes) }, onCommand: s.command}
	s.lockMinutes.hooks = keyHooks{onEnter: func() { s.save() }, onCommand: s.command}
	save := widget.NewButtonWithIcon("保存 (Ctrl+S)", theme.DocumentSaveIcon(), func() { s.save() })
	save.Importance = widget.HighImportance
	box.Add(container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("物业服务中心名称 *", fyne.TextAlignTrailing, fyne.TextStyle{}),
		container.NewVBox(s.property, s.propErr, widget.NewLabel("打印在每张单据的标题上方")),
		widget.NewLabelWithStyle("无操作自动锁屏（分钟）", fyne.TextAlignTrailing, fyne.TextStyle{}),
		container.NewVBox(s.lockMinutes, s.lockErr, widget.NewLabel("0 表示不自动锁屏"))))
	box.Add(container.NewHBox(save))
	box.Add(widget.NewSeparator())
}

// addRules adds the forms' declared settings (data.Settings): the numbers in one grid, the texts with
// their hints and messages in another.
func (s *settingsScreen) addRules(box *fyne.Container) {
	box.Add(bold("前台规则"))
	grid := container.New(layout.NewFormLayout())
	tgrid := container.New(layout.NewFormLayout())
	for _, ts := range data.Settings() {
		if ts.Number() {
			e := newEntry()
			s.limits[ts.Key] = e
			grid.Add(widget.NewLabel(ts.Label))
			grid.Add(container.NewGridWrap(fyne.NewSize(100, e.MinSize().Height), e))
			continue
		}
		e, l := newEntry(), errorLabel()
		s.texts[ts.Key], s.textErrs[ts.Key] = e, l
		hint := widget.NewLabel(ts.Hint)
		hint.Wrapping = fyne.TextWrapWord
		tgrid.Add(widget.NewLabel(ts.Label))
		tgrid.Add(container.NewVBox(e, l, hint))
	}
	box.Add(grid)
	box.Add(tgrid)
	box.Add(container.NewHBox(widget.NewButton("保存前台规则", func() { s.saveLimits() }), s.limitsMsg))
	box.Add(widget.NewSeparator())
}

// addPassword adds the change of one's own password.
func (s *settingsScreen) addPassword(box *fyne.Container) {
	for _, e := range []*entry{s.oldPw, s.newPw, s.newPw2} {
		e.Password = true
	}
	s.oldPw.hooks = keyHooks{onEnter: func() { s.shell.win.Canvas().Focus(s.newPw) }}
	s.newPw.hooks = keyHooks{onEnter: func() { s.shell.win.Canvas().Focus(s.newPw2) }}
	s.newPw2.hooks = keyHooks{onEnter: func() { s.changePassword() }}
	box.Add(bold("修改我的密码（" + s.shell.actor.Name + "）"))
	box.Add(container.New(layout.NewFormLayout(), widget.NewLabel("原密码"), s.oldPw, widget.NewLabel("新密码"), s.newPw,
		widget.NewLabel("再输一次"), s.newPw2))
	box.Add(container.NewHBox(widget.NewButton("修改密码", func() { s.changePassword() }), s.pwMsg))
}

// addRetention adds each form's retention and the purge of expired personal data.
func (s *settingsScreen) addRetention(box *fyne.Container) {
	box.Add(widget.NewSeparator())
	box.Add(bold("个人信息保存期限（月，0 表示长期保存）"))
	grid := container.New(layout.NewFormLayout())
	for _, f := range data.Forms() {
		e := newEntry()
		e.SetText(strconv.Itoa(s.shell.store.RetentionMonths(f.Key)))
		s.retention[f.Key] = e
		grid.Add(widget.NewLabel(f.Title()))
		grid.Add(container.NewGridWrap(fyne.NewSize(100, e.MinSize().Height), e))
	}
	box.Add(grid)
	box.Add(container.NewHBox(widget.NewButton("保存期限设置", func() { s.saveRetention() }),
		widget.NewButtonWithIcon("清除过期个人信息…", theme.DeleteIcon(), func() { s.purge() })))
	box.Add(s.retMsg)
}

func (s *settingsScreen) saveLimits() {
	s.limitsMsg.Importance = widget.DangerImportance
	vals := map[string]string{}
	bad := false
	for _, ts := range data.Settings() {
		if ts.Number() {
			v := strings.TrimSpace(data.Normalize(data.TypeInt, s.limits[ts.Key].Text))
			if msg := ts.Problem(v); msg != "" {
				s.limitsMsg.SetText(ts.Label + "：" + msg)
				return
			}
			n, _ := strconv.Atoi(v)
			vals[ts.Key] = strconv.Itoa(n)
			continue
		}
		v := strings.TrimSpace(s.texts[ts.Key].Text)
		msg := ts.Problem(v)
		showError(s.textErrs[ts.Key], msg)
		bad = bad || msg != ""
		vals[ts.Key] = v
	}
	// A message shown or cleared beside a field changes the rows' heights: laid out again, it sits
	// under its field instead of over it.
	s.view_.Refresh()
	if bad {
		s.limitsMsg.SetText("未保存：请按红字改正")
		return
	}
	for _, ts := range data.Settings() {
		if err := s.shell.store.SetSetting(s.shell.actor, ts.Key, vals[ts.Key]); err != nil {
			s.limitsMsg.SetText(store.Message(err))
			return
		}
	}
	s.limitsMsg.Importance = widget.SuccessImportance
	s.limitsMsg.SetText("已保存")
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.view_ }

func (s *settingsScreen) shown() {
	s.property.SetText(s.shell.store.Setting(store.SettingPropertyName, store.DefaultPropertyName))
	s.lockMinutes.SetText(s.shell.store.Setting(store.SettingLockMinutes, strconv.Itoa(store.DefaultLockMinutes)))
	for _, ts := range data.Settings() {
		if e, ok := s.limits[ts.Key]; ok {
			e.SetText(s.shell.store.Setting(ts.Key, ts.Default))
		}
		if e, ok := s.texts[ts.Key]; ok {
			e.SetText(s.shell.store.Setting(ts.Key, ts.Default))
			showError(s.textErrs[ts.Key], "")
		}
	}
	s.print.load()
	if s.holidays != nil {
		s.holidays.show()
	}
	s.showFacts()
	if s.shell.actor.Can(data.PermSettings) {
		s.shell.win.Canvas().Focus(s.property)
	} else {
		s.shell.win.Canvas().Focus(s.oldPw)
	}
}

func (s *settingsScreen) showFacts() {
	counts, _ := s.shell.store.Counts()
	total := 0
	for _, n := range counts {
		total += n
	}
	hh, occ := s.shell.store.HouseholdCount()
	v, _ := s.shell.store.Schema()
	s.facts.SetText(fmt.Sprintf("数据文件：%s\n记录：%d 种表单共 %d 条；业户档案 %d 户（已入住 %d 户）\n数据结构版本：%d",
		s.shell.store.Path(), len(counts), total, hh, occ, v))
}

func showError(l *widget.Label, msg string) {
	if msg == "" {
		l.Hide()
		return
	}
	l.SetText(msg)
	l.Show()
}

func (s *settingsScreen) save() {
	name := strings.TrimSpace(s.property.Text)
	mins, err := strconv.Atoi(strings.TrimSpace(data.Normalize(data.TypeInt, s.lockMinutes.Text)))
	bad := false
	if name == "" || len([]rune(name)) > 40 {
		showError(s.propErr, "请填写物业服务中心名称（40字以内）")
		bad = true
	} else {
		showError(s.propErr, "")
	}
	if err != nil || mins < 0 || mins > 240 {
		showError(s.lockErr, "请填写 0 到 240 之间的整数")
		bad = true
	} else {
		showError(s.lockErr, "")
	}
	if bad {
		return
	}
	for key, v := range map[string]string{store.SettingPropertyName: name, store.SettingLockMinutes: strconv.Itoa(mins)} {
		if err := s.shell.store.SetSetting(s.shell.actor, key, v); err != nil {
			showError(s.propErr, "未保存："+store.Message(err))
			return
		}
	}
	s.shell.notify("已保存设置")
}

func (s *settingsScreen) changePassword() {
	s.pwMsg.Importance = widget.DangerImportance
	if s.newPw.Text != s.newPw2.Text {
		s.pwMsg.SetText("两次输入的新密码不一致")
		return
	}
	if err := s.shell.store.ChangePassword(s.shell.actor, s.oldPw.Text, s.newPw.Text); err != nil {
		s.pwMsg.SetText(store.Message(err))
		return
	}
	for _, e := range []*entry{s.oldPw, s.newPw, s.newPw2} {
		e.SetText("")
	}
	s.pwMsg.Importance = widget.SuccessImportance
	s.pwMsg.SetText("密码已修改")
}

func (s *settingsScreen) saveRetention() {
	for _, f := range data.Forms() {
		n, err := strconv.Atoi(strings.TrimSpace(s.retention[f.Key].Text))
		if err != nil || n < 0 || n > 1200 {
			s.retMsg.SetText(f.Title() + "：请填写 0 到 1200 之间的月数")
			return
		}
		if n != s.shell.store.RetentionMonths(f.Key) {
			if err := s.shell.store.SetRetentionMonths(s.shell.actor, f.Key, n); err != nil {
				s.retMsg.SetText(store.Message(err))
				return
			}
		}
	}
	s.retMsg.SetText("已保存期限设置")
}

// purge shows what would be removed and runs only after the manager confirms.
func (s *settingsScreen) purge() {
	list, err := s.shell.store.PurgePreview(s.shell.actor)
	if err != nil {
		s.retMsg.SetText(store.Message(err))
		return
	}
	drafts, err := s.shell.store.DraftsToPurge(s.shell.actor)
	if err != nil {
		s.retMsg.SetText(store.Message(err))
		return
	}
	if len(list) == 0 && drafts == 0 {
		s.retMsg.SetText("没有超过保存期限的个人信息需要清除")
		return
	}
	var b strings.Builder
	for _, p := range list {
		f, _ := data.FormByKey(p.Kind)
		fmt.Fprintf(&b, "%s：%d 条（%s 之前）\n", f.Title(), p.Count, p.Before.In(data.Shanghai).Format(data.LayoutDate))
	}
	if drafts > 0 {
		fmt.Fprintf(&b, "草稿：%d 份（保存超过7天，或其记录的个人信息将被清除）\n", drafts)
	}
	b.WriteString("\n这些记录中的姓名、电话、证件号、车牌将被清除（记录本身保留），并记入审计记录；草稿将被删除。确定清除？")
	s.shell.confirmBody("清除过期个人信息", dialogText(b.String()), "清除", widget.DangerImportance, func() {
		done, err := s.shell.store.Purge(s.shell.actor)
		if err != nil {
			s.retMsg.SetText(store.Message(err))
			return
		}
		n := 0
		for _, p := range done {
			n += p.Count
		}
		s.retMsg.SetText(fmt.Sprintf("已清除 %d 条记录的个人信息，删除草稿 %d 份", n, drafts))
	}, nil)
}

func (s *settingsScreen) check() {
	probs, err := s.shell.store.Check()
	switch {
	case err != nil:
		s.result.SetText("检查失败：" + store.Message(err))
	case len(probs) == 0:
		s.result.SetText("检查通过：数据文件结构完好，审计记录完整，索引一致。")
	default:
		var b strings.Builder
		fmt.Fprintf(&b, "发现 %d 处问题：\n", len(probs))
		for _, p := range probs {
			b.WriteString(p.String() + "\n")
		}
		s.result.SetText(b.String())
	}
}

func (s *settingsScreen) command(name string) bool {
	if name == cmdSave && s.shell.actor.Can(data.PermSettings) {
		s.save()
		return true
	}
	return false
}
