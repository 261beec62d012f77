package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// pageSize is how many records a list shows; narrowing the dates or the search shows others.
const pageSize = 200

// listScreen is the list of one form kind: search as you type, a date range, the records newest first,
// and the entry screen in place of the list while a record is open.
type listScreen struct {
	shell    *Shell
	form     *data.Form
	search   *entry
	from, to *entry
	dateErr  *widget.Label
	info     *widget.Label
	table    *widget.Table
	cols     []data.Field
	records  []*data.Record
	selected int
	// programmatic is set while the program (not the clerk) selects a row, so it does not count as a tap.
	programmatic bool
	listView     fyne.CanvasObject
	stack        *fyne.Container
	editor       *editor
	// onSite shows only the open records (visitors still on site) of a form with an OverstayKey.
	onSite *widget.Check
	// debounce delays the query while the clerk is still typing; tests set it to 0.
	debounce time.Duration
	timer    *time.Timer
}

func newListScreen(sh *Shell, f *data.Form) *listScreen {
	l := &listScreen{shell: sh, form: f, selected: -1, debounce: 150 * time.Millisecond}
	for _, k := range f.ListColumns {
		fl, _ := f.Field(k)
		l.cols = append(l.cols, fl)
	}
	l.build()
	return l
}

func (l *listScreen) build() {
	l.search = newEntry()
	l.search.SetPlaceHolder("搜索：姓名、电话后4位、房号、车牌、编号 (Ctrl+F)")
	l.search.OnChanged = func(string) { l.queueRefresh() }
	l.search.hooks = keyHooks{
		onEnter:   func() { l.openSelectedOrFirst() },
		onCommand: l.command,
		onKey: func(k *fyne.KeyEvent) bool {
			switch {
			case k.Name == fyne.KeyDown && len(l.records) > 0:
				l.shell.win.Canvas().Focus(l.table)
				return true
			case k.Name == fyne.KeyF2 && l.form.OverstayKey != "":
				l.checkOut()
				return true
			}
			return false
		},
	}
	l.from, l.to = newEntry(), newEntry()
	l.from.SetPlaceHolder("起始日期")
	l.to.SetPlaceHolder("截止日期")
	for _, e := range []*entry{l.from, l.to} {
		e.OnChanged = func(string) { l.queueRefresh() }
		e.hooks = keyHooks{onCommand: l.command}
	}
	l.dateErr = widget.NewLabel("")
	l.dateErr.Importance = widget.DangerImportance
	l.dateErr.Hide()
	l.info = widget.NewLabel("")
	quick := func(label string, days int) *widget.Button {
		return widget.NewButton(label, func() { l.setRange(days) })
	}
	dates := container.NewHBox(widget.NewLabel("日期"), container.NewGridWrap(fyne.NewSize(120, l.from.MinSize().Height), l.from),
		widget.NewLabel("至"), container.NewGridWrap(fyne.NewSize(120, l.to.MinSize().Height), l.to),
		quick("今天", 1), quick("近7天", 7), quick("近30天", 30), quick("全部", 0))
	newBtn := widget.NewButtonWithIcon("新建 (Ctrl+N)", theme.ContentAddIcon(), func() { l.openNew() })
	newBtn.Importance = widget.HighImportance
	openBtn := widget.NewButtonWithIcon("打开", theme.DocumentIcon(), func() { l.openSelected() })
	printBtn := widget.NewButtonWithIcon("打印 (Ctrl+P)", theme.DocumentPrintIcon(), func() { l.printSelected() })
	voidBtn := widget.NewButtonWithIcon("作废", theme.CancelIcon(), func() { l.voidSelected() })
	title := heading(l.form.Title())
	bar := container.NewHBox(title, layout.NewSpacer(), newBtn, openBtn, printBtn, voidBtn)
	if l.form.Key == "release" {
		bar.Objects = append(bar.Objects[:2], append([]fyne.CanvasObject{
			widget.NewButton("放行登记", func() { l.releaseSlip() }), widget.NewButton("回收", func() { l.archiveSlip() })}, bar.Objects[2:]...)...)
	}
	if l.form.Key == "hotwork" {
		bar.Objects = append(bar.Objects[:2], append([]fyne.CanvasObject{
			widget.NewButton("批准", func() { l.hotStep("approve") }), widget.NewButton("驳回", func() { l.hotStep("reject") }),
			widget.NewButton("完工", func() { l.hotStep("end") }), widget.NewButton("完工检查关闭", func() { l.hotStep("close") })}, bar.Objects[2:]...)...)
		l.onSite = widget.NewCheck("只看未关闭", func(bool) { l.refresh() })
	}
	if l.form.OverstayKey != "" {
		out := widget.NewButtonWithIcon("离开登记 (F2)", theme.LogoutIcon(), func() { l.checkOut() })
		bar.Objects = append(bar.Objects[:2], append([]fyne.CanvasObject{out}, bar.Objects[2:]...)...)
		l.onSite = widget.NewCheck("只看在场", func(bool) { l.refresh() })
	}
	l.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(l.records), len(l.cols) + 2 },
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Truncation = fyne.TextTruncateEllipsis
			return lb
		},
		l.updateCell)
	l.table.ShowHeaderColumn = false
	l.table.CreateHeader = plainHeader
	l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		lb := o.(*widget.Label)
		switch id.Col {
		case 0:
			lb.SetText("编号")
		case 1:
			lb.SetText("状态")
		default:
			if id.Col-2 < len(l.cols) {
				lb.SetText(l.cols[id.Col-2].Label)
			}
		}
	}
	l.table.SetColumnWidth(0, 160)
	l.table.SetColumnWidth(1, statusWidth(l.form))
	for i, c := range l.cols {
		l.table.SetColumnWidth(i+2, columnWidth(c))
	}
	l.table.OnSelected = func(id widget.TableCellID) {
		if l.programmatic {
			return
		}
		if id.Row == l.selected {
			l.openSelected() // a second tap on the chosen row opens it
			return
		}
		l.selected = id.Row
	}
	if l.onSite != nil {
		dates.Add(l.onSite)
	}
	top := container.NewVBox(bar, container.NewBorder(nil, nil, nil, nil, l.search), dates, l.dateErr)
	l.listView = container.NewBorder(top, l.info, nil, nil, l.table)
	l.stack = container.NewStack(l.listView)
}

// statusWidth fits the longest status a form's list shows (已完工待检查·超时未关闭 for permits).
func statusWidth(f *data.Form) float32 {
	switch {
	case f.Key == "hotwork":
		return 200
	case f.Key == "release" || f.OverstayKey != "":
		return 90
	}
	return 60
}

func columnWidth(f data.Field) float32 {
	switch f.Type {
	case data.TypeDateTime:
		return 150
	case data.TypeDate, data.TypeMonth, data.TypeUnit, data.TypeBool:
		return 105
	case data.TypePerson, data.TypeInt, data.TypeMoney:
		return 90
	case data.TypePhone, data.TypePlate:
		return 120
	case data.TypeIDNumber:
		return 175
	case data.TypeChoice:
		return 110
	}
	return 180
}

func (l *listScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	lb := o.(*widget.Label)
	if id.Row >= len(l.records) {
		lb.SetText("")
		return
	}
	r := l.records[id.Row]
	lb.Importance = widget.MediumImportance
	if r.Voided() {
		lb.Importance = widget.LowImportance
	}
	switch id.Col {
	case 0:
		lb.SetText(r.Serial)
	case 1:
		status, over := l.status(r)
		if over {
			lb.Importance = widget.DangerImportance // set before the text, which redraws the label
		}
		lb.SetText(status)
	default:
		c := l.cols[id.Col-2]
		lb.SetText(strings.ReplaceAll(data.DisplayFor(l.shell.actor, c, r.Values[c.Key]), "\n", " "))
	}
}

// status is the list's status column: for a visitor, 在场 / 已离开 / 逗留超时 (on site longer than the
// configured hours, highlighted).
func (l *listScreen) status(r *data.Record) (string, bool) {
	now := l.shell.store.Now()
	st := data.LifeStatus(l.form, r, now)
	switch {
	case st == data.SlipExpired:
		return st, true
	case l.form.Key == "hotwork" && data.HotWorkOverdue(r, now):
		return st + "·超时未关闭", true
	case st == "在场":
		hours := atoiDefault(l.shell.store.Setting(store.SettingOverstayHrs, ""), store.DefaultOverstayHours)
		if now.Sub(r.Date(l.form)) > time.Duration(hours)*time.Hour {
			return "逗留超时", true
		}
	}
	return st, false
}

// checkOut records the selected visitor's leaving (or the only one the search shows): one key, F2.
func (l *listScreen) checkOut() {
	if l.selected < 0 && len(l.records) == 1 {
		l.selected = 0
	}
	r := l.selectedRecord()
	if r == nil {
		return
	}
	done, err := l.shell.store.CheckOut(l.shell.actor, r.Serial)
	if err != nil {
		l.shell.notify(store.Message(err))
		return
	}
	l.shell.notify(done.Values["visitor_name"] + " 已离开（" + done.Serial + "）")
	l.refresh()
}

// releaseSlip records a slip back from the gate: the guard who let the goods out, and the code read off
// the paper, which must match the slip as issued (a forged or altered slip does not).
func (l *listScreen) releaseSlip() {
	r := l.selectedRecord()
	if r == nil {
		return
	}
	l.shell.askText("放行登记 "+r.Serial, []string{"放行条从门岗交回时登记。"},
		[]askField{{label: "门岗核验人：", hint: "门卫姓名"}, {label: "放行条上印的核验码：", hint: "如 K7QX-3M9P"}}, "放行", widget.HighImportance,
		func(v []string) error {
			if _, err := l.shell.store.ReleaseSlip(l.shell.actor, r.Serial, v[0], v[1], l.shell.store.Now()); err != nil {
				return err
			}
			l.shell.notify(r.Serial + " 已放行")
			l.refresh()
			return nil
		})
}

// hotStep moves the selected permit on: approve, reject (with a reason), end of work, close-out.
func (l *listScreen) hotStep(step string) {
	r := l.selectedRecord()
	if r == nil {
		return
	}
	st, a := l.shell.store, l.shell.actor
	done := func(rec *data.Record, err error) error {
		if err != nil {
			return err
		}
		l.shell.notify(rec.Serial + " " + data.HotWorkStatus(rec, st.Now()))
		l.refresh()
		return nil
	}
	switch step {
	case "approve":
		if err := done(st.ApproveHotWork(a, r.Serial)); err != nil {
			l.shell.notify(store.Message(err))
		}
	case "end":
		if err := done(st.EndHotWork(a, r.Serial)); err != nil {
			l.shell.notify(store.Message(err))
		}
	case "reject":
		l.shell.askReason("驳回 "+r.Serial, "驳回后申请人须重新申请。", "驳回原因：", "驳回", func(reason string) error {
			return done(st.RejectHotWork(a, r.Serial, reason))
		})
	case "close":
		l.shell.askText("完工检查 "+r.Serial, []string{"作业结束30分钟后，检查作业点及周边，确认未发现火星、无阴燃。"},
			[]askField{{label: "完工检查人：", hint: "检查人姓名"}}, "确认无火星并关闭", widget.HighImportance,
			func(v []string) error { return done(st.CloseHotWork(a, r.Serial, v[0], true)) })
	}
}

func (l *listScreen) archiveSlip() {
	if r := l.selectedRecord(); r != nil {
		if _, err := l.shell.store.ArchiveSlip(l.shell.actor, r.Serial); err != nil {
			l.shell.notify(store.Message(err))
			return
		}
		l.shell.notify(r.Serial + " 已回收")
		l.refresh()
	}
}

func (l *listScreen) view() fyne.CanvasObject { return l.stack }

func (l *listScreen) shown() {
	if l.editor != nil {
		l.editor.focusFirst()
		return
	}
	l.refresh()
	l.shell.win.Canvas().Focus(l.search)
}

func (l *listScreen) setRange(days int) {
	if days == 0 {
		l.from.SetText("")
		l.to.SetText("")
	} else {
		now := l.shell.store.Now().In(data.Shanghai)
		l.from.SetText(now.AddDate(0, 0, -(days - 1)).Format(data.LayoutDate))
		l.to.SetText(now.Format(data.LayoutDate))
	}
	l.refresh()
}

func (l *listScreen) queueRefresh() {
	if l.debounce <= 0 {
		l.refresh()
		return
	}
	if l.timer != nil {
		l.timer.Stop()
	}
	l.timer = time.AfterFunc(l.debounce, func() { fyne.Do(l.refresh) })
}

func parseDayEntry(s string) (time.Time, bool) {
	s = strings.TrimSpace(data.Normalize(data.TypeDate, s))
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.ParseInLocation(data.LayoutDate, s, data.Shanghai)
	return t, err == nil
}

// refresh runs the query and shows its page.
func (l *listScreen) refresh() {
	from, ok1 := parseDayEntry(l.from.Text)
	to, ok2 := parseDayEntry(l.to.Text)
	switch {
	case !ok1 || !ok2:
		l.dateErr.SetText("日期格式为 2026-11-27")
		l.dateErr.Show()
		return
	case !from.IsZero() && !to.IsZero() && to.Before(from):
		l.dateErr.SetText("截止日期不能早于起始日期")
		l.dateErr.Show()
		return
	}
	l.dateErr.Hide()
	q := store.Query{Kind: l.form.Key, From: from, To: to, Text: l.search.Text, Limit: pageSize}
	onSite := l.onSite != nil && l.onSite.Checked && l.form.OverstayKey != ""
	openPermits := l.onSite != nil && l.onSite.Checked && l.form.Key == "hotwork"
	if onSite && q.From.IsZero() {
		// Who is in now came in the last two days; beyond that an open record is a missed check-out.
		q.From, q.Limit = l.shell.store.Now().AddDate(0, 0, -2), 5000
	}
	page, err := l.shell.store.List(l.shell.actor, q)
	if err != nil {
		l.info.SetText("读取失败：" + store.Message(err))
		return
	}
	l.records = page.Records
	if onSite {
		var open []*data.Record
		for _, r := range page.Records {
			if !r.Voided() && r.Values[l.form.OverstayKey] == "" {
				open = append(open, r)
			}
		}
		l.records, page.More = open, false
	}
	if openPermits {
		var open []*data.Record
		for _, r := range l.records {
			if st := data.HotWorkStatus(r, l.shell.store.Now()); st != data.HotClosed && st != data.HotRejected && st != data.HotVoid {
				open = append(open, r)
			}
		}
		l.records = open
	}
	l.selected = -1
	l.table.UnselectAll()
	l.table.Refresh()
	switch {
	case len(l.records) == 0 && strings.TrimSpace(l.search.Text) != "":
		l.info.SetText("没有找到“" + l.search.Text + "”。按 Ctrl+N 新建。")
	case len(l.records) == 0:
		l.info.SetText("没有记录。按 Ctrl+N 新建。")
	case page.More:
		l.info.SetText(fmt.Sprintf("显示最新 %d 条；更早的记录请缩小日期范围或搜索。", len(l.records)))
	default:
		l.info.SetText(fmt.Sprintf("共 %d 条", len(l.records)))
	}
	if l.form.OverstayKey != "" {
		// Today at the desk (R1.3: at most 60 seconds to register a person).
		if sum, err := l.shell.store.DaySummary(l.shell.actor, l.shell.store.Now()); err == nil && sum.Counts[l.form.Key] > 0 {
			line := fmt.Sprintf("    今日登记 %d 人次", sum.Counts[l.form.Key])
			if sum.Timed > 0 {
				line += fmt.Sprintf("，登记用时中位数 %.0f 秒，超过60秒 %d 人次", sum.MedianSeconds, sum.Over60)
			}
			l.info.SetText(l.info.Text + line)
		}
	}
}

// selectRow highlights a row without opening it.
func (l *listScreen) selectRow(i int) {
	l.programmatic = true
	l.table.Select(widget.TableCellID{Row: i, Col: 0})
	l.programmatic = false
	l.selected = i
}

func (l *listScreen) openNew() { l.open(nil) }

func (l *listScreen) open(rec *data.Record) {
	if l.editor != nil {
		l.editor.stopReader()
	}
	l.editor = newEditor(l.shell, l.form, rec, func(saved *data.Record) {
		l.editor = nil
		l.stack.Objects = []fyne.CanvasObject{l.listView}
		l.stack.Refresh()
		l.refresh()
		if saved != nil {
			for i, r := range l.records {
				if r.Serial == saved.Serial {
					l.selectRow(i)
				}
			}
		}
		l.shell.win.Canvas().Focus(l.search)
	})
	l.stack.Objects = []fyne.CanvasObject{l.editor.view}
	l.stack.Refresh()
	l.editor.focusFirst()
}

func (l *listScreen) selectedRecord() *data.Record {
	if l.selected < 0 || l.selected >= len(l.records) {
		l.shell.notify("请先在列表中选中一条记录")
		return nil
	}
	return l.records[l.selected]
}

func (l *listScreen) openSelected() {
	if r := l.selectedRecord(); r != nil {
		l.open(r)
	}
}

func (l *listScreen) openSelectedOrFirst() {
	if l.selected < 0 && len(l.records) > 0 {
		l.selected = 0
	}
	l.openSelected()
}

func (l *listScreen) printSelected() {
	if r := l.selectedRecord(); r != nil {
		l.shell.printRecord(r)
	}
}

func (l *listScreen) voidSelected() {
	if r := l.selectedRecord(); r != nil {
		if r.Voided() {
			l.shell.notify(r.Serial + " 已作废")
			return
		}
		l.shell.askVoid(r, func(*data.Record) { l.refresh() })
	}
}

func (l *listScreen) command(name string) bool {
	if l.editor != nil {
		if l.editor.command(name) {
			return true
		}
		if name == cmdNew {
			l.shell.notify("请先保存 (Ctrl+S) 或返回列表 (Esc)")
			return true
		}
		return false
	}
	switch name {
	case cmdNew:
		l.openNew()
	case cmdFind:
		l.shell.win.Canvas().Focus(l.search)
	case cmdPrint:
		l.printSelected()
	case cmdCancel:
		if l.search.Text != "" {
			l.search.SetText("")
		}
	default:
		return false
	}
	return true
}
