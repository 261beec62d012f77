package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// settingsScreen holds the estate's name (printed on every slip) and shows where the data lives and
// whether the store is sound.
type settingsScreen struct {
	shell    *Shell
	property *entry
	propErr  *widget.Label
	facts    *widget.Label
	result   *widget.Label
	view_    fyne.CanvasObject
}

func newSettingsScreen(sh *Shell) *settingsScreen {
	s := &settingsScreen{shell: sh, property: newEntry(), propErr: widget.NewLabel(""), facts: widget.NewLabel(""), result: widget.NewLabel("")}
	s.propErr.Importance = widget.DangerImportance
	s.propErr.Hide()
	s.result.Wrapping = fyne.TextWrapWord
	s.property.hooks = keyHooks{onEnter: func() { s.save() }, onCommand: s.command}
	save := widget.NewButtonWithIcon("保存 (Ctrl+S)", theme.DocumentSaveIcon(), func() { s.save() })
	save.Importance = widget.HighImportance
	checkBtn := widget.NewButtonWithIcon("检查数据文件", theme.ConfirmIcon(), func() { s.check() })
	form := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("物业服务中心名称 *", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewVBox(s.property, s.propErr, widget.NewLabel("打印在每张单据的标题上方")))
	s.view_ = container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("设置", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form, container.NewHBox(save), widget.NewSeparator(),
		s.facts, container.NewHBox(checkBtn), s.result))
	return s
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.view_ }

func (s *settingsScreen) shown() {
	s.property.SetText(s.shell.store.Setting(data.SettingPropertyName, data.DefaultPropertyName))
	s.showFacts()
	s.shell.win.Canvas().Focus(s.property)
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

func (s *settingsScreen) save() {
	name := strings.TrimSpace(s.property.Text)
	if name == "" || len([]rune(name)) > 40 {
		s.propErr.SetText("请填写物业服务中心名称（40字以内）")
		s.propErr.Show()
		return
	}
	s.propErr.Hide()
	if err := s.shell.store.SetSetting(s.shell.user, data.SettingPropertyName, name); err != nil {
		s.propErr.SetText("未保存：" + data.Message(err))
		s.propErr.Show()
		return
	}
	s.shell.notify("已保存设置")
}

func (s *settingsScreen) check() {
	probs, err := s.shell.store.Check()
	switch {
	case err != nil:
		s.result.SetText("检查失败：" + data.Message(err))
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
	if name == cmdSave {
		s.save()
		return true
	}
	return false
}
