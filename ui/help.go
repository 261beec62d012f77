package ui

import (
	"frontdesk/data"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// cmdHelp is F1: the keys of the screen in front and, for a form, what the rules ask of it.
const cmdHelp = "help"

// The keys every screen shares.
var commonKeys = [][2]string{
	{"Ctrl+N", "新建"}, {"Ctrl+S", "保存"}, {"Ctrl+P", "打印"}, {"Ctrl+F", "搜索"}, {"Ctrl+E", "导出Excel"},
	{"Ctrl+L", "锁屏/换人"}, {"Esc", "返回或取消"}, {"F1", "本帮助"},
}

var listKeys = [][2]string{
	{"直接输入", "搜索姓名、电话、房号、车牌的任意部分，或编号开头"},
	{"↓ 或 PgDn", "从搜索框进入列表"}, {"↑ ↓", "选择上一条、下一条"}, {"PgUp PgDn", "翻页"}, {"Home End", "第一条、最后一条"},
	{"回车 或 双击", "打开选中的记录"}, {"点列标题", "按这一列排序，再点一次倒序，第三次恢复按时间"},
	{"最后一行按 ↓", "显示更早的记录"},
}

var entryKeys = [][2]string{
	{"回车", "到下一项；最后一项回车即保存"}, {"Tab / Shift+Tab", "到下一项、上一项"},
	{"多行文字", "回车换行；Tab 或 Ctrl+回车 到下一项"}, {"选择项", "按数字键 1–9 选择，空格展开"},
	{"勾选项", "空格切换，1 是，0 否"}, {"Esc", "回到打开这张表的地方（列表、今日待办或本月达标）；有未保存的内容时先询问"},
}

// helpText is the help of the screen in front, as lines.
func (sh *Shell) helpText() (title string, lines []string) {
	keys := func(title string, ks [][2]string) {
		lines = append(lines, title)
		for _, k := range ks {
			lines = append(lines, "    "+k[0]+"　"+k[1])
		}
	}
	switch s := sh.current.(type) {
	case *listScreen:
		title = s.form.Title()
		if s.editor != nil {
			keys("登记页的按键", entryKeys)
		} else {
			keys("列表的按键", listKeys)
			if fl := s.form.Flow; fl != nil {
				var steps [][2]string
				for _, st := range fl.Steps {
					if st.Shortcut != "" {
						steps = append(steps, [2]string{st.Shortcut, st.Name + "（选中的记录）"})
					}
				}
				if s.actBtn != nil {
					steps = append(steps, [2]string{"F4", "办理：列出选中记录现在可以办理的步骤"})
				}
				if len(steps) > 0 {
					keys("办理", steps)
				}
			}
		}
		lines = append(lines, "", "这张表的规定")
		for _, g := range s.form.Guide() {
			lines = append(lines, "    "+g)
		}
	default:
		title = sh.navLabel(sh.currID)
		if about := screenAbout[sh.currID]; about != "" {
			lines = append(lines, about, "")
		}
	}
	lines = append(lines, "")
	keys("各页通用的按键", commonKeys)
	return title, lines
}

// screenAbout says in a line what each screen that is not a form is for.
var screenAbout = map[string]string{
	navToday:      "今日待办列出现在需要您办理的事项，超时的在前。回车打开选中的事项。",
	navBoard:      "本月达标列出本月各项考核的完成情况；上月、下月查看其他月份，可导出月度资料包。" + data.VerdictMeaning,
	navHouseholds: "业户档案按房号记录业主和电话，登记时输入房号即可带出；可从表格导入。",
	navSettings:   "设置保存本小区的名称、各项期限和打印方式。",
	navAccounts:   "账户管理为每位员工建立登录名和角色；离职的员工停用，不删除。",
	navBackup:     "备份到U盘并用备份密码加密；恢复前先核对备份的内容。",
}

// showHelp shows the help of the screen in front; Enter or Esc closes it.
func (sh *Shell) showHelp() {
	title, lines := sh.helpText()
	// A heading in bold; its lines indented under it, each wrapped on its own (a wrapped line does not
	// lose its indent).
	body := container.NewVBox()
	for _, line := range lines {
		switch {
		case line == "":
			body.Add(widget.NewSeparator())
		case strings.HasPrefix(line, "    "):
			l := widget.NewLabel(strings.TrimSpace(line))
			l.Wrapping = fyne.TextWrapWord
			indent := canvas.NewRectangle(color.Transparent)
			indent.SetMinSize(fyne.NewSize(16, 0))
			body.Add(container.NewBorder(nil, nil, indent, nil, l))
		default:
			l := widget.NewLabelWithStyle(line, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			l.Wrapping = fyne.TextWrapWord
			body.Add(l)
		}
	}
	d := sh.choose("帮助 · "+title, container.NewVScroll(body), nil, dialogButton{label: "知道了", importance: widget.HighImportance})
	size := sh.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(680, size.Width-40), min(560, size.Height-40)))
}
