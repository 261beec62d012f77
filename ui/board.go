package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
	"frontdesk/reports/charts"
	"frontdesk/reports/export"
)

// 本月达标: the month's figure for each numeric rule of the centre, against its target, green, amber or
// red; a row's records behind the figure open from under the table; the charts show the month's
// registration times, the complaints week by week against the 2-hour rule, and twelve months of the
// key rates.

const navBoard = "board"

// boardColumns are the titles of the table's columns; their widths follow what they hold (fit).
var boardColumns = []string{"规定", "本月", "目标", "结论", "说明"}

type boardScreen struct {
	shell     *Shell
	month     time.Time
	next      *widget.Button // 下月: only up to this month
	monthLbl  *widget.Label
	bar       *fyne.Container
	table     *keyTable
	rows      []data.BoardRow
	selected  int
	detail    *widget.Label
	behind    *widget.List
	items     []data.Behind
	info      *widget.Label
	rules     *fyne.Container // the table, over the records behind the chosen row once one is chosen
	tableBox  fyne.CanvasObject
	lower     fyne.CanvasObject
	fitted    float32 // the width the table's columns were last fitted to
	charts    *fyne.Container
	people    *widget.Table
	appraisal data.Appraisal
	tabs      *container.AppTabs
	lookup    lookup
	box       fyne.CanvasObject
	// calendarGap says, on a month of a year without a holiday schedule, that its figures take none.
	calendarGap *widget.Label
	// chartsFor is the month and store generation the charts on screen were drawn for.
	chartsFor string
	// answered, when set (tests), hears each answer as it is shown.
	answered func()
}

func newBoardScreen(sh *Shell) *boardScreen {
	b := &boardScreen{shell: sh, selected: -1}
	b.month = sh.store.Now()
	b.info = widget.NewLabel("")
	b.info.Truncation = fyne.TextTruncateEllipsis
	b.charts = container.NewGridWrap(chartSize())
	b.tabs = container.NewAppTabs(
		container.NewTabItem("达标情况", b.buildRules()),
		container.NewTabItem("图表", container.NewVScroll(b.charts)),
		container.NewTabItem("个人考核", b.buildPeople()),
	)
	b.tabs.OnSelected = func(*container.TabItem) { b.drawCharts() }
	b.box = container.NewBorder(b.buildBar(), b.calendarLine(), nil, nil, b.tabs)
	return b
}

// chartSize is the size a chart is shown at: the scale that draws its text at the screen's.
func chartSize() fyne.Size {
	scale := theme.TextSize() / float32(charts.TextSize)
	return fyne.NewSize(float32(charts.Size.W)*scale, float32(charts.Size.H)*scale)
}

// buildBar makes the title, the month shown and the buttons that move it, and the month pack.
func (b *boardScreen) buildBar() fyne.CanvasObject {
	b.monthLbl = widget.NewLabel("")
	b.monthLbl.TextStyle.Bold = true
	prev := widget.NewButtonWithIcon("上月", theme.NavigateBackIcon(), func() { b.move(-1) })
	b.next = widget.NewButtonWithIcon("下月", theme.NavigateNextIcon(), func() { b.move(1) })
	now := widget.NewButton("本月", func() { b.month = b.shell.store.Now(); b.refresh() })
	pack := widget.NewButtonWithIcon("月度资料包", theme.DocumentSaveIcon(), b.monthPack)
	pack.Importance = widget.HighImportance
	// The month's count of rules met and not sits in the bar, so the table below has the room.
	b.bar = container.NewBorder(nil, nil, container.NewHBox(heading("本月达标"), b.monthLbl), container.NewHBox(prev, now, b.next, pack), b.info)
	return b.bar
}

// buildRules makes the 达标情况 tab: the rules' table, the height of the tab, and under it, once a row
// is chosen, the records behind it.
func (b *boardScreen) buildRules() fyne.CanvasObject {
	b.table = newKeyTable(
		func() (int, int) { return len(b.rows), len(boardColumns) },
		wrappedLabel,
		b.updateCell)
	b.table.ShowHeaderRow = true
	b.table.CreateHeader = plainHeader
	b.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(boardColumns) {
			o.(*widget.Label).SetText(boardColumns[id.Col])
		}
	}
	b.table.OnSelected = func(id widget.TableCellID) { b.selectRow(id.Row) }
	b.detail = widget.NewLabel("选中一行，这里列出该项涉及的记录；双击或回车打开记录。")
	b.detail.Wrapping = fyne.TextWrapWord
	b.behind = widget.NewList(func() int { return len(b.items) },
		truncatedLabel,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(b.items) {
				o.(*widget.Label).SetText(b.itemText(b.items[i]))
			}
		})
	b.behind.OnSelected = func(i widget.ListItemID) { b.openItem(i) }
	b.lower = container.NewBorder(b.detail, nil, nil, nil, b.behind)
	// Rows at half the usual padding: a month's rules are read at a glance, most of them in view.
	b.tableBox = container.NewThemeOverride(container.New(&boardFit{b: b}, b.table), compactTheme{fyne.CurrentApp().Settings().Theme()})
	b.lower.Hide()
	b.rules = container.New(rulesLayout{}, b.tableBox, b.lower)
	return b.rules
}

// showLower shows the records behind the chosen row under the table, or takes them away.
func (b *boardScreen) showLower(show bool) {
	if show == b.lower.Visible() {
		return
	}
	if show {
		b.lower.Show()
	} else {
		b.lower.Hide()
	}
	b.rules.Refresh()
	b.table.Refresh() // the rows in view are those of its new height
}

// rulesLayout gives the table the whole tab, or, while the records behind a row are shown, its upper
// three fifths.
type rulesLayout struct{}

func (rulesLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize().Add(fyne.NewSize(0, objs[1].MinSize().Height))
}

func (rulesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	table, lower := objs[0], objs[1]
	h := size.Height
	if lower.Visible() {
		h = size.Height * 0.6
		lower.Move(fyne.NewPos(0, h+theme.Padding()))
		lower.Resize(fyne.NewSize(size.Width, size.Height-h-theme.Padding()))
	}
	table.Move(fyne.NewPos(0, 0))
	table.Resize(fyne.NewSize(size.Width, h))
}

// truncatedLabel is a cell of one line that ends in … rather than running into the next.
func truncatedLabel() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// wrappedLabel is a cell whose text wraps onto the lines its row is given (fit).
func wrappedLabel() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

// compactTheme halves the padding around text: the board's table.
type compactTheme struct{ fyne.Theme }

func (t compactTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInnerPadding {
		return t.Theme.Size(n) / 2
	}
	return t.Theme.Size(n)
}

// boardFit lays the board's table out over its whole room, fitting its columns to the width first.
type boardFit struct{ b *boardScreen }

func (f *boardFit) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (f *boardFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != f.b.fitted {
		f.b.fit(size.Width)
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// fit sizes the table's columns to the width given: 本月, 目标 and 结论 as wide as their longest text,
// 规定 and 说明 sharing the rest; a text wider than its column wraps, and its row is as high as its
// lines.
func (b *boardScreen) fit(width float32) {
	b.fitted = width
	if width <= 0 {
		return
	}
	th := compactTheme{fyne.CurrentApp().Settings().Theme()}
	pad := 2 * th.Size(theme.SizeNameInnerPadding)
	size := th.Size(theme.SizeNameText)
	natural := make([]float32, len(boardColumns))
	for c, title := range boardColumns {
		natural[c] = fyne.MeasureText(title, size, fyne.TextStyle{}).Width
		for r := range b.rows {
			natural[c] = max(natural[c], fyne.MeasureText(b.cellText(r, c), size, fyne.TextStyle{}).Width)
		}
		natural[c] += pad + 2 // the wrapping measures a line to the pixel
	}
	widths := make([]float32, len(boardColumns))
	rest := width - float32(len(boardColumns))*2*th.Size(theme.SizeNameSeparatorThickness)
	for _, c := range []int{1, 2, 3} {
		widths[c] = min(natural[c], 14*size, width*0.19) // on a narrow screen 说明 keeps its room
		rest -= widths[c]
	}
	widths[0] = min(natural[0], max(rest*0.4, rest-natural[4]))
	widths[4] = rest - widths[0]
	for c, w := range widths {
		b.table.SetColumnWidth(c, w)
	}
	measure := widget.NewLabel("")
	measure.Wrapping = fyne.TextWrapWord
	container.NewThemeOverride(measure, th)
	for r := range b.rows {
		var h float32
		for c, w := range widths {
			measure.SetText(b.cellText(r, c))
			measure.Resize(fyne.NewSize(w, 10*size))
			h = max(h, measure.MinSize().Height)
		}
		b.table.SetRowHeight(r, h)
	}
}

// buildPeople makes the 个人考核 tab: each person's count of each appraised fault this month.
func (b *boardScreen) buildPeople() fyne.CanvasObject {
	b.people = widget.NewTableWithHeaders(
		func() (int, int) { return len(b.appraisal.People), len(b.appraisal.Columns) + 1 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		b.updatePerson)
	b.people.ShowHeaderColumn = false
	b.people.CreateHeader = plainHeader
	b.people.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Col == 0:
			l.SetText("姓名")
		case id.Col-1 < len(b.appraisal.Columns):
			l.SetText(b.appraisal.Columns[id.Col-1])
		}
	}
	b.people.SetColumnWidth(0, 120)
	for i := 1; i <= 6; i++ {
		b.people.SetColumnWidth(i, 130)
	}
	note := widget.NewLabel("本月各人计入绩效考核的次数：质量检查不合格、迟到或未到岗、登记超过60秒、投诉超时答复。点击“达标情况”中对应的一行可查看明细。")
	note.Wrapping = fyne.TextWrapWord
	return container.NewBorder(note, nil, nil, nil, b.people)
}

// updatePerson shows a person's name, or a count in red once it is above nought.
func (b *boardScreen) updatePerson(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.Importance = widget.MediumImportance
	if id.Row >= len(b.appraisal.People) {
		l.SetText("")
		return
	}
	p := b.appraisal.People[id.Row]
	if id.Col == 0 {
		l.SetText(p)
		return
	}
	n := b.appraisal.Counts[p][id.Col-1]
	if n > 0 {
		l.Importance = widget.DangerImportance
	}
	l.SetText(fmt.Sprint(n))
}

func (b *boardScreen) view() fyne.CanvasObject { return b.box }

func (b *boardScreen) shown() {
	b.refresh()
	b.shell.win.Canvas().Focus(b.table) // the arrows move through the rules, the space bar chooses one
}

// move shows the month before or after; a month not begun has nothing to measure.
func (b *boardScreen) move(months int) {
	m := data.MonthOf(b.month, b.shell.store.Now())
	to := m.From.AddDate(0, months, 0)
	if to.After(b.shell.store.Now()) {
		b.shell.notify("这个月还没有开始")
		return
	}
	b.month = to
	b.refresh()
}

type boardAnswer struct {
	rows      []data.BoardRow
	appraisal data.Appraisal
	err       error
}

// refresh works the month's board out off the UI goroutine and shows it.
func (b *boardScreen) refresh() {
	st, actor, month := b.shell.store, b.shell.actor, b.month
	m := data.MonthOf(month, st.Now())
	b.monthLbl.SetText(m.Label())
	b.showCalendarGap(m)
	b.bar.Refresh() // the month's name takes its width before the count beside it
	if m.Over() {
		b.next.Enable()
	} else {
		b.next.Disable()
	}
	run(&b.lookup, func(context.Context) boardAnswer {
		rows, err := st.Compliance(actor, month)
		return boardAnswer{rows, data.AppraisalOf(rows, st.Staff()), err}
	}, b.show, func() { b.info.SetText("正在计算……") })
}

func (b *boardScreen) show(a boardAnswer) {
	if a.err != nil {
		b.info.SetText("计算失败：" + store.Message(a.err))
		return
	}
	b.rows, b.appraisal = a.rows, a.appraisal
	b.people.Refresh()
	met, near, missed := data.CountVerdicts(a.rows)
	b.info.SetText(fmt.Sprintf("共 %d 项：达标 %d，进行中 %d，未达标 %d", len(a.rows), met, near, missed))
	b.fit(b.fitted)
	b.table.Refresh()
	if b.selected >= 0 && b.selected < len(b.rows) {
		b.selectRow(b.selected)
	} else {
		b.items = nil
		b.behind.Refresh()
	}
	b.chartsFor = ""
	if b.tabs.SelectedIndex() == 1 {
		b.drawCharts()
	}
	if b.answered != nil {
		b.answered()
	}
}

func (b *boardScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(b.rows) {
		l.SetText("")
		return
	}
	l.Importance = widget.MediumImportance
	if id.Col == 1 || id.Col == 3 {
		l.Importance = verdictImportance(b.rows[id.Row].Figure.Verdict)
	}
	l.SetText(b.cellText(id.Row, id.Col))
}

// cellText is what a cell of the table says.
func (b *boardScreen) cellText(row, col int) string {
	r := b.rows[row]
	switch col {
	case 0:
		return r.Measure.Name
	case 1:
		return r.Figure.Value
	case 2:
		return r.Measure.Target
	case 3:
		return r.Figure.Verdict.Chinese()
	case 4:
		return r.Figure.Detail
	}
	return ""
}

func verdictImportance(v data.Verdict) widget.Importance {
	switch v {
	case data.VerdictMet:
		return widget.SuccessImportance
	case data.VerdictNear:
		return widget.WarningImportance
	case data.VerdictMissed:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// selectRow shows what is behind a row's figure under the table.
func (b *boardScreen) selectRow(i int) {
	if i < 0 || i >= len(b.rows) {
		return
	}
	b.selected = i
	r := b.rows[i]
	text := r.Measure.Name + "：" + r.Figure.Value + "（" + r.Figure.Verdict.Chinese() + "，目标 " + r.Measure.Target + "）"
	if r.Figure.Detail != "" {
		text += "。" + r.Figure.Detail
	}
	switch {
	case len(r.Figure.Behind) == 0 && r.Figure.Verdict == data.VerdictMet:
		text += "。"
	case len(r.Figure.Behind) == 0:
		text += "。没有可列出的记录。"
	case r.Figure.Verdict == data.VerdictMet:
		text += "。相关记录（点击打开）："
	default:
		text += "。未达标涉及（点击打开）："
	}
	b.detail.SetText(text)
	b.showLower(true)
	b.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
	b.items = r.Figure.Behind
	b.behind.UnselectAll()
	b.behind.Refresh()
	b.behind.ScrollToTop()
}

func (b *boardScreen) itemText(it data.Behind) string {
	switch {
	case it.Serial != "":
		return it.Serial + "  " + it.Text
	case it.Kind != "":
		f, _ := data.FormByKey(it.Kind)
		return it.Text + "（点击新建" + f.Title() + "）"
	}
	return it.Text
}

// openItem opens the record behind a figure, or starts the record to make (the unit to visit next).
func (b *boardScreen) openItem(i int) {
	if i < 0 || i >= len(b.items) {
		return
	}
	it := b.items[i]
	b.behind.UnselectAll()
	if it.Kind == "" {
		return
	}
	f, _ := data.FormByKey(it.Kind)
	b.shell.openRecord(it.Kind, f.Title(), it.Serial, it.Fill)
}

// drawCharts draws the month's charts, once per month shown and state of the store, off the UI
// goroutine: the rows with single values as histograms, those week by week as bars, and twelve
// months of the key rates.
func (b *boardScreen) drawCharts() {
	if b.tabs.SelectedIndex() != 1 || len(b.rows) == 0 {
		return
	}
	st, actor, month, rows := b.shell.store, b.shell.actor, b.month, b.rows
	key := fmt.Sprintf("%s|%d", data.MonthOf(month, st.Now()).From.Format(data.LayoutMonth), st.Generation())
	if key == b.chartsFor {
		return
	}
	b.chartsFor = key
	b.charts.Objects = []fyne.CanvasObject{widget.NewLabel("正在绘制图表……")}
	b.charts.Refresh()
	post := onUI
	draw := func() []chartImage {
		imgs, err := boardCharts(st, actor, month, rows)
		if err != nil {
			return []chartImage{{err: err}}
		}
		return imgs
	}
	show := func(imgs []chartImage) {
		b.charts.Objects = nil
		for _, im := range imgs {
			if im.err != nil {
				b.charts.Objects = append(b.charts.Objects, widget.NewLabel("图表无法绘制："+store.Message(im.err)))
				continue
			}
			img := canvas.NewImageFromResource(fyne.NewStaticResource(im.name, im.png))
			img.FillMode = canvas.ImageFillContain
			img.SetMinSize(chartSize())
			b.charts.Objects = append(b.charts.Objects, img)
		}
		b.charts.Refresh()
	}
	if lookupsInline {
		show(draw())
		return
	}
	go func() {
		imgs := draw()
		post(func() {
			if b.chartsFor == key {
				show(imgs)
			}
		})
	}()
}

type chartImage struct {
	name string
	png  []byte
	err  error
}

// boardCharts draws the board's charts for the screen.
func boardCharts(st *store.Store, actor data.Actor, month time.Time, rows []data.BoardRow) ([]chartImage, error) {
	pics, err := export.Charts(st, actor, month, rows)
	if err != nil {
		return nil, err
	}
	out := make([]chartImage, len(pics))
	for i, p := range pics {
		out[i] = chartImage{name: fmt.Sprintf("chart%d.png", i), png: p.PNG}
	}
	return out, nil
}

// monthPack writes the month pack of the month shown (a PDF and a spreadsheet) into the export folder
// and opens the PDF.
func (b *boardScreen) monthPack() {
	st, actor, month, dir := b.shell.store, b.shell.actor, b.month, b.shell.exportDir
	var p export.Pack
	b.shell.longWork("生成月度资料包", func(ctx context.Context, say func(string)) error {
		say("正在汇总本月数字、绘制图表……")
		var err error
		p, err = export.MonthPack(ctx, st, actor, month, dir)
		return err
	}, func() {
		b.shell.notify(fmt.Sprintf("月度资料包已生成：%s 和 %s", p.PDF, filepath.Base(p.XLSX)))
		b.shell.openFile(p.PDF, "月度资料包已生成在 "+filepath.Dir(p.PDF)+"，请用PDF阅读器打开。")
	})
}

func (b *boardScreen) command(name string) bool {
	switch name {
	case cmdCancel:
		if b.tabs.SelectedIndex() != 0 {
			b.tabs.SelectIndex(0)
			return true
		}
		if b.lower.Visible() {
			b.table.UnselectAll()
			b.selected = -1
			b.showLower(false)
			return true
		}
	}
	return false
}
