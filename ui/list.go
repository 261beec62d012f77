package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	// shownQuery is the query of the answer on the screen: a new one starts at the top of the list,
	// the same one (after a step on a row) stays where the clerk was.
	shownQuery string
	// last is the answer on the screen, shown again in another order when the clerk sorts.
	last     *shownAnswer
	shell    *Shell
	form     *data.Form
	search   *entry
	from, to *entry
	dateErr  *widget.Label
	info     *widget.Label
	table    *listTable
	cols     []data.Field
	records  []*data.Record
	selected int
	// sortCol is the column the clerk sorted the rows by (a click on its header), -1 for newest first;
	// sortDesc when the second click turned it round.
	sortCol  int
	sortDesc bool
	// limit is how many records the list reads: a page, and a page more at each 再显示 (more).
	limit    int
	limitKey string
	more     *widget.Button
	bottom   *fyne.Container // the count and 再显示
	// programmatic is set while the program (not the clerk) selects a row, so it does not count as a tap.
	programmatic bool
	listView     fyne.CanvasObject
	stack        *fyne.Container
	editor       *editor
	// onSite shows only the open records (visitors still on site) of a form with an OverstayKey.
	onSite *widget.Check
	// actBtn is 办理 (F4): the steps the selected record can take now, for a form of a long life.
	actBtn fyne.CanvasObject
	// debounce delays the query while the clerk is still typing a date (a half-typed one is not yet
	// wrong); tests set it to 0.
	debounce time.Duration
	timer    *time.Timer
	// lookup runs the query off the UI goroutine (lookup.go).
	lookup lookup
	// answered, when set (tests and benchmarks), hears each answer as it is shown.
	answered func()
	today    todayLine
}

func newListScreen(sh *Shell, f *data.Form) *listScreen {
	l := &listScreen{shell: sh, form: f, selected: -1, sortCol: -1, limit: pageSize, debounce: 150 * time.Millisecond}
	for _, k := range screenColumns(f) {
		fl, _ := f.Field(k)
		l.cols = append(l.cols, fl)
	}
	l.build()
	return l
}

func (l *listScreen) build() {
	l.buildSearch()
	dates := l.buildDates()
	bar := l.buildBar()
	l.buildTable()
	if l.onSite != nil {
		dates.Add(l.onSite)
	}
	l.info = widget.NewLabel("")
	l.more = widget.NewButton(fmt.Sprintf("再显示%d条", pageSize), func() { l.loadMore() })
	l.more.Hide()
	top := container.NewVBox(bar, container.NewBorder(nil, nil, nil, nil, l.search), dates, l.dateErr)
	l.info.Truncation = fyne.TextTruncateEllipsis // the 再显示 button stays on a narrow screen
	l.bottom = container.NewBorder(nil, nil, nil, l.more, l.info)
	l.listView = container.NewBorder(top, l.bottom, nil, nil, l.table)
	l.stack = container.NewStack(l.listView)
}

func (l *listScreen) buildSearch() {
	l.search = newEntry()
	l.search.SetPlaceHolder("搜索：姓名、电话、房号、车牌的任意部分，或编号开头 (Ctrl+F)")
	// Every keystroke searches at once: the search runs off the UI goroutine and a newer one cancels it.
	l.search.OnChanged = func(string) { l.refresh() }
	l.search.hooks = keyHooks{
		onEnter:   func() { l.openSelectedOrFirst() },
		onCommand: l.command,
		onKey:     l.searchKey,
	}
}

// searchKey takes the keys the search box passes on: down into the list, 办理 and the steps' keys.
func (l *listScreen) searchKey(k *fyne.KeyEvent) bool {
	switch {
	case (k.Name == fyne.KeyDown || k.Name == fyne.KeyPageDown) && len(l.records) > 0:
		l.shell.win.Canvas().Focus(l.table)
		if l.selected < 0 {
			l.moveTo(0)
		}
		return true
	case k.Name == fyne.KeyF4 && l.actBtn != nil:
		l.stepMenu(l.actBtn)
		return true
	default:
		if st, ok := l.shortcut(k.Name); ok {
			l.stepSelected(st)
			return true
		}
	}
	return false
}

// buildDates makes the date range with its quick ranges.
func (l *listScreen) buildDates() *fyne.Container {
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
	quick := func(label string, days int) *widget.Button {
		return widget.NewButton(label, func() { l.setRange(days) })
	}
	return container.NewHBox(widget.NewLabel("日期"), container.NewGridWrap(fyne.NewSize(120, l.from.MinSize().Height), l.from),
		widget.NewLabel("至"), container.NewGridWrap(fyne.NewSize(120, l.to.MinSize().Height), l.to),
		quick("今天", 1), quick("近7天", 7), quick("近30天", 30), quick("全部", 0))
}

// buildBar makes the title and the tools: the steps of the form's life, then the record's own.
func (l *listScreen) buildBar() fyne.CanvasObject {
	sh := l.shell
	newBtn := sh.newTipButton("新建 (Ctrl+N)", theme.ContentAddIcon(), "登记一张新的"+l.form.Title(), func() { l.openNew() })
	newBtn.Importance = widget.HighImportance
	if err := l.form.MayMake(sh.actor); err != nil {
		// A record whose rules name its maker (the manager's sample): the button says who makes it.
		newBtn.Disable()
		newBtn.tip = store.Message(err)
	}
	openBtn := sh.newTipButton("打开", theme.DocumentIcon(), "打开选中的记录（回车或双击）", func() { l.openSelected() })
	printBtn := sh.newTipButton("打印 (Ctrl+P)", theme.DocumentPrintIcon(), "打印选中的记录", func() { l.printSelected() })
	voidBtn := sh.newTipButton("作废", theme.CancelIcon(), "作废选中的记录（要写明原因，记录仍保留）", func() { l.voidSelected() })
	var outBtn *tipButton
	outBtn = sh.newTipButton("导出", theme.DownloadIcon(), "把列表导出为Excel (Ctrl+E)，或打印登记簿", func() { l.exportMenu(outBtn) })
	title := heading(l.form.Title())
	tools := append(l.flowTools(), newBtn, openBtn, printBtn, voidBtn, outBtn)
	return container.NewBorder(nil, nil, title, nil, newOverflowBar(tools...).box)
}

// flowTools are the steps of the form's life, on the selected record (each also on the record itself).
// A life of a few steps shows them all; a longer one shows those with a key, and 办理 lists the steps
// the selected record can take now. A form with open matters gets its filter (onSite) here too.
func (l *listScreen) flowTools() []fyne.CanvasObject {
	fl := l.form.Flow
	if fl == nil {
		return nil
	}
	sh := l.shell
	var steps []fyne.CanvasObject
	for _, st := range fl.Steps {
		st := st
		if st.Bulk || len(fl.Steps) > 3 && st.Shortcut == "" || st.Perm != "" && !sh.actor.Can(st.Perm) {
			continue // a step this person may not take is no button (F1 says who takes it)
		}
		label := st.Name
		if st.Shortcut != "" {
			label += " (" + st.Shortcut + ")"
		}
		steps = append(steps, sh.newTipButton(label, nil, st.Name+"：选中的记录", func() { l.stepSelected(st) }))
	}
	if len(fl.Steps) > 3 {
		var act *tipButton
		act = sh.newTipButton("办理 (F4)", theme.MenuDropDownIcon(), "列出选中的记录现在可以办理的步骤", func() { l.stepMenu(act) })
		act.Importance = widget.HighImportance
		l.actBtn = act
		steps = append(steps, act)
	}
	for _, st := range l.form.BulkSteps(sh.actor) {
		st := st
		steps = append(steps, sh.newTipButton(st.Name+"…", nil, st.Hint, func() { l.bulk(st) }))
	}
	if fl.OpenFilter != "" {
		l.onSite = widget.NewCheck(fl.OpenFilter, func(bool) { l.refresh() })
	}
	return steps
}

// buildTable makes the records' table: the serial, the status, the form's columns, sorted by a click
// on a header.
func (l *listScreen) buildTable() {
	l.table = newListTable(l)
	l.table.ShowHeaderColumn = false
	l.table.CreateHeader = func() fyne.CanvasObject { return newSortHeader() }
	l.table.UpdateHeader = l.updateHeader
	l.table.SetColumnWidth(0, 160)
	l.table.SetColumnWidth(1, statusWidth(l.form))
	for i, c := range l.cols {
		l.table.SetColumnWidth(i+2, columnWidth(c))
	}
	l.table.OnSelected = l.tapRow
}

func (l *listScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*sortHeader)
	col := id.Col
	h.onTap = func() { l.sortBy(col) }
	h.SetText(l.header(col))
}

// tapRow chooses a row the clerk tapped; a second tap on the chosen row opens it.
func (l *listScreen) tapRow(id widget.TableCellID) {
	if l.programmatic {
		return
	}
	if id.Row == l.selected {
		l.openSelected()
		return
	}
	l.choose(id.Row)
}

// screenColumns are the columns the window's list shows: fewer than the register's when the form says.
func screenColumns(f *data.Form) []string {
	if len(f.ScreenColumns) > 0 {
		return f.ScreenColumns
	}
	return f.ListColumns
}

// listFits is the width the serial, the status and a list's columns may take at 1366 pixels with the
// navigation shown: the list window's table, less its scroll bar.
const listFits = 1366*0.8 - 24

// statusWidth fits the longest status a form's list shows: a state of its life (or its late name)
// with the time left or overdue.
func statusWidth(f *data.Form) float32 {
	if f.Flow == nil {
		return 60
	}
	var widest float32
	for _, st := range f.Flow.States {
		for _, text := range f.StatusTexts(st) {
			widest = max(widest, fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width)
		}
	}
	return widest + 2*theme.InnerPadding() + 2*theme.Padding() + 8 // the cell label's own padding, and air
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
	if c, ok := o.(*fyne.Container); ok {
		// The list's own cell: the chosen row's mark under the text, in every column.
		mark := c.Objects[0]
		if id.Row == l.selected {
			mark.Show()
		} else {
			mark.Hide()
		}
		o = c.Objects[1]
	}
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

// status is the list's status column: the stage of the record's life and, for an open matter, the time
// left or overdue (red once overdue: a visitor 逗留超时, a slip 已过期, a permit not closed).
func (l *listScreen) status(r *data.Record) (string, bool) {
	s := l.form.StandingAt(r, l.shell.store.Now(), l.shell.store)
	return s.Text(), s.Late
}

// shortcut is the step of the form's life a key takes at once (F2: the visitor leaves).
func (l *listScreen) shortcut(key fyne.KeyName) (data.Step, bool) {
	if l.form.Flow == nil {
		return data.Step{}, false
	}
	for _, st := range l.form.Flow.Steps {
		if st.Shortcut != "" && fyne.KeyName(st.Shortcut) == key {
			return st, true
		}
	}
	return data.Step{}, false
}

// stepMenu lists the steps the selected record can take now, under the 办理 button.
func (l *listScreen) stepMenu(at fyne.CanvasObject) {
	if !at.Visible() {
		at = l.search // 办理 went under 更多 on a narrow screen: the menu opens under the search
	}
	if l.selected < 0 && len(l.records) == 1 {
		l.selected = 0
	}
	r := l.selectedRecord()
	if r == nil {
		l.shell.notify("请先在列表中选中一条记录")
		return
	}
	steps := l.form.StepsNow(r, l.shell.actor)
	if len(steps) == 0 {
		msg := r.Serial + " 现在没有您可以办理的步骤"
		if next := l.form.NextSteps(r); len(next) > 0 {
			msg += "（下一步由" + l.form.State(r).Who.Text(r) + "办理）"
		}
		l.shell.notify(msg)
		return
	}
	var items []*fyne.MenuItem
	for _, st := range steps {
		st := st
		items = append(items, fyne.NewMenuItem(st.Name, func() { l.shell.takeStep(l.form, r, st, func(*data.Record) { l.refresh() }) }))
	}
	menuUnder(at, items...)
}

// stepSelected takes a step on the selected record (or the only one the search shows).
func (l *listScreen) stepSelected(st data.Step) {
	if l.selected < 0 && len(l.records) == 1 {
		l.selected = 0
	}
	r := l.selectedRecord()
	if r == nil {
		l.shell.notify("请先在列表中选中一条记录，再点“" + st.Name + "”")
		return
	}
	_, asks := decision(l.form, r, st)
	atOnce := !asks && len(st.FieldsNow(l.shell.store, r, l.shell.store.Now())) == 0
	l.shell.takeStep(l.form, r, st, func(nr *data.Record) {
		l.refresh()
		if atOnce {
			// Taken on a key with nothing asked (F2 on the wrong line): the status line can take it back.
			l.shell.offerUndo(l.form, nr, st, func(*data.Record) { l.refresh() })
		}
	})
}

// bulk takes a bulk step on every open record of the form (the visitors still on site), whatever the
// list shows now.
func (l *listScreen) bulk(st data.Step) {
	open, err := l.shell.store.OpenRecords(l.shell.actor, l.form.Key)
	if err != nil {
		l.shell.notify("读取失败：" + store.Message(err))
		return
	}
	var recs []*data.Record
	for _, r := range open {
		if slices.Contains(st.From, l.form.State(r).Key) {
			recs = append(recs, r)
		}
	}
	l.shell.takeBulk(l.form, recs, st, l.refresh)
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

// shownAnswer is an answer as it was shown: its query and whether only the open records were asked.
type shownAnswer struct {
	q    store.Query
	open bool
	a    listAnswer
}

// listAnswer is what a query brought back for the list: its page and the day's figures of a timed form.
type listAnswer struct {
	page    store.Page
	err     error
	summary string
}

// refresh runs the query and shows its page. The query runs off the UI goroutine, so typing never
// waits on it; a newer keystroke cancels it, and only the newest answer is shown.
func (l *listScreen) refresh() {
	from, to, msg := l.dates()
	if msg != "" {
		l.lookup.cancelNewer() // a search for the dates before must not land after this message
		l.dateErr.SetText(msg)
		l.dateErr.Show()
		return
	}
	l.dateErr.Hide()
	open := l.onSite != nil && l.onSite.Checked
	if key := fmt.Sprintf("%q|%v|%v|%v", l.search.Text, from, to, open); key != l.limitKey {
		l.limit, l.limitKey = pageSize, key // another search starts again at one page
	}
	q := store.Query{Kind: l.form.Key, From: from, To: to, Text: l.search.Text, Limit: l.limit}
	// What the search reads with is taken here, on the UI goroutine: a restore or a login may change it.
	st, actor := l.shell.store, l.shell.actor
	run(&l.lookup, func(ctx context.Context) listAnswer { return l.fetch(ctx, st, actor, q, open) },
		func(a listAnswer) { l.show(q, open, a) }, func() { l.info.SetText("搜索中…") })
}

// dates are the list's date range as typed, or what is wrong with it.
func (l *listScreen) dates() (from, to time.Time, msg string) {
	from, ok1 := parseDayEntry(l.from.Text)
	to, ok2 := parseDayEntry(l.to.Text)
	switch {
	case !ok1 || !ok2:
		return from, to, "日期格式为 2026-11-27"
	case !from.IsZero() && !to.IsZero() && to.Before(from):
		return from, to, "截止日期不能早于起始日期"
	}
	return from, to, ""
}

// fetch reads a query's answer from the store; it runs on any goroutine.
func (l *listScreen) fetch(ctx context.Context, st *store.Store, actor data.Actor, q store.Query, open bool) listAnswer {
	var a listAnswer
	if open && strings.TrimSpace(q.Text) == "" && q.From.IsZero() && q.To.IsZero() {
		// The open matters come from their index, however old (a visitor never signed out).
		a.page.Records, a.err = st.OpenRecords(actor, l.form.Key)
	} else {
		a.page, a.err = st.ListContext(ctx, actor, q)
	}
	if a.err == nil && l.form.Timed {
		a.summary = l.today.line(st, actor, l.form.Key)
	}
	return a
}

// todayLine is the day's figures under a timed form's list (R1.3: at most 60 seconds to register a
// person), computed once per day and state of the store, not at every keystroke of a search.
type todayLine struct {
	mu   sync.Mutex
	day  string
	gen  uint64
	text string
}

func (t *todayLine) line(st *store.Store, actor data.Actor, kind string) string {
	now := st.Now()
	day, gen := now.In(data.Shanghai).Format(data.LayoutDate), st.Generation()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.day == day && t.gen == gen {
		return t.text
	}
	t.text = ""
	if sum, err := st.DaySummary(actor, now); err == nil && sum.Counts[kind] > 0 {
		t.text = fmt.Sprintf("    今日登记 %d 人次", sum.Counts[kind])
		if sum.Timed > 0 {
			t.text += fmt.Sprintf("，登记用时中位数 %.0f 秒，超过60秒 %d 人次", sum.MedianSeconds, sum.Over60)
		}
	}
	t.day, t.gen = day, gen
	return t.text
}

// show puts an answer on the screen (UI goroutine).
func (l *listScreen) show(q store.Query, open bool, a listAnswer) {
	if errors.Is(a.err, context.Canceled) {
		return
	}
	if a.err != nil {
		l.info.SetText("读取失败：" + store.Message(a.err))
		return
	}
	var keep *data.Record
	if l.selected >= 0 && l.selected < len(l.records) {
		keep = l.records[l.selected]
	}
	l.last = &shownAnswer{q: q, open: open, a: a}
	l.records = slices.Clone(a.page.Records) // sorted in place: the answer keeps the store's order
	if open {
		var keep []*data.Record
		for _, r := range l.records {
			if l.form.State(r).Open {
				keep = append(keep, r)
			}
		}
		l.records = keep
	}
	l.sortRows()
	l.selected = -1
	l.table.UnselectAll()
	l.table.Refresh()
	if key := fmt.Sprintf("%q|%q|%v|%v|%v", q.Kind, q.Text, q.From, q.To, open); key != l.shownQuery {
		// A search that found 2 must not leave them above rows scrolled to for the 200 before.
		l.shownQuery = key
		l.table.ScrollToTop()
	} else if keep != nil {
		// The same list again (after a step on a row, or more rows): the clerk's row stays chosen.
		for i, r := range l.records {
			if r.Serial == keep.Serial {
				l.moveTo(i)
				break
			}
		}
	}
	if a.page.More != l.more.Visible() {
		l.more.Hidden = !a.page.More
		l.bottom.Refresh() // lays the count out again beside the button, or without it
	}
	switch {
	case len(l.records) == 0 && strings.TrimSpace(q.Text) != "":
		l.info.SetText("没有找到“" + q.Text + "”。按 Ctrl+N 新建。")
	case len(l.records) == 0:
		l.info.SetText("没有记录。按 Ctrl+N 新建。")
	case a.page.More && l.sortCol >= 0:
		l.info.SetText(fmt.Sprintf("已显示的 %d 条按“%s”排序；还有更早的：按“再显示%d条”", len(l.records), l.header(l.sortCol), pageSize))
	case a.page.More:
		l.info.SetText(fmt.Sprintf("显示最新 %d 条，还有更早的：按“再显示%d条”，或在最后一行按↓", len(l.records), pageSize))
	default:
		l.info.SetText(fmt.Sprintf("共 %d 条", len(l.records)))
	}
	l.info.SetText(l.info.Text + a.summary)
	if l.answered != nil {
		l.answered()
	}
}

// selectRow highlights a row without opening it.
func (l *listScreen) selectRow(i int) {
	l.programmatic = true
	l.table.Select(widget.TableCellID{Row: i, Col: 0})
	l.programmatic = false
	l.choose(i)
}

// choose makes a row the chosen one, marked across the whole row.
func (l *listScreen) choose(i int) {
	if i != l.selected {
		l.selected = i
		l.table.Refresh()
	}
}

func (l *listScreen) openNew() { l.open(nil) }

func (l *listScreen) open(rec *data.Record) { l.openFilled(rec, nil) }

// openFilled opens a record, or a new one starting with the values given.
func (l *listScreen) openFilled(rec *data.Record, fill map[string]string) {
	if err := l.form.MayMake(l.shell.actor); err != nil && rec == nil {
		l.info.SetText(store.Message(err))
		return
	}
	if l.editor != nil {
		// A screen put away unsaved keeps its draft on disk for the next login.
		l.shell.keeper().forget(l.editor)
		l.editor.stopReader()
	}
	l.editor = newEditorFilled(l.shell, l.form, rec, fill, func(saved *data.Record) {
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
		l.shell.askVoid(r, func(*data.Record) { l.refresh(); l.shell.todayChanged() })
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
	case cmdExport:
		l.exportSheet()
	case cmdUndo:
		return l.shell.takeBack() // none standing: the search box undoes its typing
	case cmdCancel:
		if l.search.Text != "" {
			l.search.SetText("")
		}
	default:
		return false
	}
	return true
}
