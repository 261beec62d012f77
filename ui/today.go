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
	"frontdesk/data/store"
)

// 今日待办: everything that needs the person logged in now, from every form's life and the records the
// rules expect (the store's due list): overdue first in red, then by the nearest deadline. A line opens
// its record, where its steps are taken; a line for a record not made yet opens a new one started with
// what the line knows (the day to read, the shift of a no-show). The navigation entry shows the count.

const navToday = "today"

// todayColumns are the columns of the list, left to right: together they fit the content area of a
// window on a 1366×768 screen (listFits), each wide enough for what its cells show in full (a
// deadline with what it is for, a form's short name, a state with its period); the chosen line is
// written out whole in the info line.
var todayColumns = []struct {
	title string
	width float32
}{{"剩余", 90}, {"期限", 205}, {"表单", 110}, {"编号", 150}, {"状态", 290}, {"下一步", 130}, {"办理人", 90}}

type todayScreen struct {
	shell    *Shell
	filter   *entry
	others   *widget.Check
	table    *rowTable
	openBtn  *widget.Button
	info     *widget.Label
	all      []data.Matter // as the store said
	lines    []data.Matter // after the filter and the 他人 box
	selected int
	// mine and late are the person's matters and the overdue among them: the info line's counts.
	mine, late int
	box        fyne.CanvasObject
}

func newTodayScreen(sh *Shell) *todayScreen {
	t := &todayScreen{shell: sh, selected: -1}
	t.filter = newEntry()
	t.filter.SetPlaceHolder("筛选：表单、编号、状态或办理人的任意部分；回车打开选中的一条 (Ctrl+F)")
	t.filter.OnChanged = func(string) { t.apply() }
	t.filter.hooks = keyHooks{
		onEnter:   func() { t.openSelectedOrFirst() },
		onCommand: t.command,
		onKey: func(k *fyne.KeyEvent) bool {
			if (k.Name == fyne.KeyDown || k.Name == fyne.KeyPageDown) && len(t.lines) > 0 {
				sh.win.Canvas().Focus(t.table)
				if t.selected < 0 {
					t.table.choose(0)
				}
				return true
			}
			return false
		},
	}
	t.others = widget.NewCheck("也显示他人办理的", func(bool) { t.apply() })
	t.info = widget.NewLabel("")
	t.info.Wrapping = fyne.TextWrapWord // a chosen line written out whole may take two lines
	t.table = newRowTable(func() int { return len(t.lines) }, len(todayColumns),
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(t.lines) {
				l.SetText("")
				return
			}
			m := t.lines[id.Row]
			l.Importance = widget.MediumImportance
			if m.Overdue && (id.Col == 0 || id.Col == 4) {
				l.Importance = widget.DangerImportance
			}
			l.SetText(todayCell(m, id.Col))
		})
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(todayColumns) {
			o.(*widget.Label).SetText(todayColumns[id.Col].title)
		}
	}
	for i, c := range todayColumns {
		t.table.SetColumnWidth(i, c.width)
	}
	t.table.onChoose = func(row int) {
		t.selected = row
		t.showInfo()
	}
	t.table.onOpen = func(int) { t.openSelected() }
	t.table.onEscape = func() { sh.win.Canvas().Focus(t.filter) }
	t.table.onCommand = t.command
	refresh := widget.NewButtonWithIcon("刷新", theme.ViewRefreshIcon(), func() { t.refresh() })
	t.openBtn = widget.NewButtonWithIcon("打开 (回车)", theme.DocumentIcon(), func() { t.openSelectedOrFirst() })
	t.openBtn.Importance = widget.HighImportance
	exp := widget.NewButtonWithIcon("导出", theme.DownloadIcon(), func() { t.export() })
	bar := container.NewHBox(heading("今日待办"), layout.NewSpacer(), t.others, refresh, exp, t.openBtn)
	top := container.NewVBox(bar, t.filter)
	t.box = container.NewBorder(top, t.info, nil, nil, t.table)
	return t
}

// todayCell is what a column shows of a matter: what fits, in full (the whole line is in the info
// line once chosen, and in the export).
func todayCell(m data.Matter, col int) string {
	switch col {
	case 2:
		if f, ok := data.FormByKey(m.Kind); ok {
			return f.ShortName()
		}
		return strings.Trim(m.Form, "《》")
	case 5:
		return fitSteps(m.Next, todayColumns[5].width)
	case 6:
		if m.WhoShort != "" {
			return m.WhoShort
		}
	}
	return todayFullCell(m, col)
}

// fitSteps names as many of the next steps as fit a column and says how many there are in all
// (答复、认定性质等3项).
func fitSteps(steps []string, width float32) string {
	fits := func(s string) bool {
		return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width+2*theme.InnerPadding() <= width
	}
	if all := strings.Join(steps, "、"); fits(all) || len(steps) < 2 {
		return all
	}
	for k := len(steps) - 1; k > 1; k-- {
		if s := fmt.Sprintf("%s等%d项", strings.Join(steps[:k], "、"), len(steps)); fits(s) {
			return s
		}
	}
	return fmt.Sprintf("%s等%d项", steps[0], len(steps))
}

// todayFullCell is a column of a matter in full: the export's cell.
func todayFullCell(m data.Matter, col int) string {
	switch col {
	case 0:
		if m.Left == "" {
			return "—"
		}
		return m.Left
	case 1:
		if m.Deadline.IsZero() {
			return "—"
		}
		return data.DueText(m.Deadline, m.Label)
	case 2:
		return m.Form
	case 3:
		if m.Serial == "" {
			return "（待新建）"
		}
		return m.Serial
	case 4:
		return m.State
	case 5:
		return strings.Join(m.Next, "、")
	case 6:
		return m.Who
	}
	return ""
}

func (t *todayScreen) view() fyne.CanvasObject { return t.box }

func (t *todayScreen) shown() {
	t.refresh()
	t.shell.win.Canvas().Focus(t.filter)
}

// refresh asks the store again (a few milliseconds: the open-matter index) and updates the count on
// the navigation entry.
func (t *todayScreen) refresh() {
	ms, err := t.shell.store.Due(t.shell.actor, t.shell.store.Now())
	if err != nil {
		t.info.SetText("待办事项读取失败：" + store.Message(err))
		return
	}
	t.all = ms
	t.apply()
}

// apply filters what the store said by the box and the 他人 check, keeping the order (overdue first).
func (t *todayScreen) apply() {
	q := strings.ToUpper(strings.TrimSpace(t.filter.Text)) // fx-2026 finds FX-2026…
	t.lines = t.lines[:0]
	mine, late := countMine(t.all)
	for _, m := range t.all {
		if !m.Mine && !t.others.Checked {
			continue
		}
		// What the line shows finds it, as the whole text does (清洁委托 as 清洁服务委托单).
		if q != "" && !strings.Contains(strings.ToUpper(m.Form+todayCell(m, 2)+m.Serial+m.State+m.Who+m.WhoShort+strings.Join(m.Next, "")), q) {
			continue
		}
		t.lines = append(t.lines, m)
	}
	t.mine, t.late = mine, late
	t.table.choose(-1)
	t.table.Refresh()
	t.table.ScrollToTop()
	t.shell.setTodayCount(mine, late)
}

// showInfo writes the chosen line out in full under the list (Fyne's table cells have no tips), or
// the counts when none is chosen.
func (t *todayScreen) showInfo() {
	switch {
	case t.selected >= 0 && t.selected < len(t.lines):
		m := t.lines[t.selected]
		parts := []string{m.Form + " " + todayFullCell(m, 3) + "：" + m.State}
		if !m.Deadline.IsZero() {
			parts = append(parts, data.DueText(m.Deadline, m.Label)+"，"+m.Left)
		}
		if len(m.Next) > 0 {
			parts = append(parts, "下一步："+strings.Join(m.Next, "、"))
		}
		if m.Who != "" {
			parts = append(parts, "办理人："+m.Who)
		}
		if m.Warning != "" {
			parts = append(parts, m.Warning)
		}
		t.info.SetText(strings.Join(parts, "；"))
	case len(t.all) == 0:
		t.info.SetText("没有待办事项。")
	default:
		t.info.SetText(fmt.Sprintf("您的待办 %d 件，其中超时 %d 件；共显示 %d 件。", t.mine, t.late, len(t.lines)))
	}
}

func (t *todayScreen) openSelectedOrFirst() {
	if t.selected < 0 && len(t.lines) > 0 {
		t.table.choose(0)
	}
	t.openSelected()
}

// openSelected opens the line's record on its form's screen, or a new record for a line that is one.
func (t *todayScreen) openSelected() {
	if t.selected < 0 || t.selected >= len(t.lines) {
		t.shell.notify("请先选中一条待办")
		return
	}
	m := t.lines[t.selected]
	if m.Kind == store.BackupMatterKind {
		t.shell.openFrom(navBackup) // no backup of the last day: where the passphrase is set and backups taken
		return
	}
	if m.Kind == store.HolidayMatterKind {
		t.shell.openFrom(navSettings) // next year's holidays: entered in 设置 → 节假日安排
		return
	}
	t.shell.openRecord(m.Kind, m.Form, m.Serial, m.Fill)
}

// openRecord opens a record on its form's screen by serial, or, without one, a new record of the form
// started with fill (a due line for a record not made yet, a unit to visit next).
func (sh *Shell) openRecord(kind, formName, serial string, fill map[string]string) {
	id := "form:" + kind
	if !sh.allowed(id) {
		sh.notify("您不能打开" + formName)
		return
	}
	var rec *data.Record
	if serial != "" {
		r, err := sh.store.BySerial(sh.actor, serial)
		if err != nil {
			sh.notify(serial + "：" + store.Message(err))
			return
		}
		rec = r
	}
	sh.openFrom(id)
	l, ok := sh.current.(*listScreen)
	if !ok {
		return
	}
	if l.editor != nil {
		sh.notify("该表单有未保存的内容，请先保存 (Ctrl+S) 或返回列表 (Esc)")
		return
	}
	l.openFilled(rec, fill)
	// The record done with (saved, or left by Esc), the person is back where they opened it from.
	if e := l.editor; e != nil {
		closed := e.onClose
		e.onClose = func(saved *data.Record) {
			closed(saved)
			sh.goBack()
		}
	}
}

// export writes the lines shown (after the filter and the 他人 box) to a spreadsheet.
func (t *todayScreen) export() {
	lines := append([]data.Matter(nil), t.lines...) // the list may be refilled while the file is written
	t.shell.exportTable("今日待办", "今日待办_"+t.shell.actor.Name+"_"+t.shell.store.Now().In(data.Shanghai).Format("2006-01-02_1504"), func(*store.Store, data.Actor) ([]string, [][]string, error) {
		var header []string
		for _, c := range todayColumns {
			header = append(header, c.title)
		}
		var rows [][]string
		for _, m := range lines {
			var row []string
			for col := range todayColumns {
				row = append(row, todayFullCell(m, col))
			}
			rows = append(rows, row)
		}
		return header, rows, nil
	})
}

func (t *todayScreen) command(name string) bool {
	switch name {
	case cmdFind:
		t.shell.win.Canvas().Focus(t.filter)
	case cmdExport:
		t.export()
	case cmdCancel:
		if t.filter.Text != "" {
			t.filter.SetText("")
		}
	default:
		return false
	}
	return true
}

// countMine counts the matters that are the person's, and of those the overdue: the navigation count.
func countMine(ms []data.Matter) (mine, late int) {
	for _, m := range ms {
		if m.Mine {
			mine++
			if m.Overdue {
				late++
			}
		}
	}
	return mine, late
}
