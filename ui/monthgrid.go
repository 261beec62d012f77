package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// monthGrid enters a table declared as a month grid (data.Field.Grid), the way the wall sheet prints
// it: a row a person, a column a day of the month with the weekends and the official holidays shaded,
// each cell the person's column that day (a shift, by its first character), the days each person works
// at the row's end and the people on each day at the foot. The arrows move, a shift's letter (or its
// digit, or its character) puts the person on it and moves on, Delete or Backspace clears, Enter moves
// on and leaves after the last cell, Tab leaves. It reads and writes the table's lines as they are
// stored: a line a day, its date and the person on each column.
type monthGrid struct {
	widget.BaseWidget
	fl      data.Field
	env     data.Env
	monthOf func() string // the text of the grid's month field
	shifts  []data.Field  // the table's person columns
	month   time.Time
	days    int
	lines   map[int]data.Row // by day of the month
	people  []string
	row     int // the cursor: a person, a day
	day     int
	first   int // the first day in view
	visible int // how many days fit
	hooks   keyHooks
	focused bool
	off     bool   // disabled: read, not typed
	note    string // what the last change did besides (who was taken off a shift)
	hint    *widget.Label
	status  *widget.Label
	box     *fyne.Container
	back    *widget.Button
	ahead   *widget.Button
}

// The grid's measures and shades.
const (
	mgNameW = 76
	mgSumW  = 40
	mgCellW = 26
	mgRowH  = 30
	mgHead  = 2 // heading rows: the day, its weekday
)

func newMonthGrid(fl data.Field, env data.Env, monthOf func() string) *monthGrid {
	g := &monthGrid{fl: fl, env: env, monthOf: monthOf, lines: map[int]data.Row{}, day: 1, visible: 31}
	for _, c := range fl.Columns {
		if c.Type == data.TypePerson {
			g.shifts = append(g.shifts, c)
		}
	}
	g.ExtendBaseWidget(g)
	g.hint = widget.NewLabel(g.keysHint())
	g.hint.Wrapping = fyne.TextWrapWord
	g.hint.Importance = widget.LowImportance
	g.status = widget.NewLabel("")
	g.status.Wrapping = fyne.TextWrapWord
	g.back = widget.NewButton("◀ 前面的日子", func() { g.page(-1) })
	g.ahead = widget.NewButton("后面的日子 ▶", func() { g.page(1) })
	g.box = container.NewVBox(g.hint, g, container.NewBorder(nil, nil, nil, container.NewHBox(g.back, g.ahead), g.status))
	g.syncMonth()
	return g
}

// keysHint is the line over the grid: the keys, from the columns' labels and the declared letters.
func (g *monthGrid) keysHint() string {
	var keys []string
	for i, s := range g.shifts {
		k := fmt.Sprint(i + 1)
		if i < len(g.fl.Grid.Keys) {
			k = strings.ToUpper(g.fl.Grid.Keys[i]) + "/" + k
		}
		keys = append(keys, k+" "+shiftName(s.Label))
	}
	return "方向键移动；" + strings.Join(keys, "，") + "；Delete 或 Backspace 清除；回车到下一格，Tab 离开。" +
		"灰色为周末，浅红色为法定节假日；在岗人数是红字的日子还有班次无人。"
}

// shiftName is a column's shift as said: 早班 of 早班 07:30-15:30.
func shiftName(label string) string {
	if i := strings.Index(label, " "); i > 0 {
		return label[:i]
	}
	return label
}

// input: the grid takes its place in the screen's Enter order; its value is the table (rows).
func (g *monthGrid) get() string               { return "" }
func (g *monthGrid) set(string)                {}
func (g *monthGrid) focusable() fyne.Focusable { return g }
func (g *monthGrid) object() fyne.CanvasObject { return g.box }
func (g *monthGrid) setHooks(h keyHooks)       { g.hooks = h }

func (g *monthGrid) Disable()       { g.off = true; g.Refresh() }
func (g *monthGrid) Enable()        { g.off = false; g.Refresh() }
func (g *monthGrid) Disabled() bool { return g.off }

// syncMonth follows the month field: the days are the month's (a day beyond a shorter month dropped
// from the lines written); while the field cannot be read the grid keeps the month it had.
func (g *monthGrid) syncMonth() {
	m, ok := data.ParseLocal(data.TypeMonth, strings.TrimSpace(g.monthOf()))
	if !ok {
		if !g.month.IsZero() {
			return
		}
		m = data.MonthStart(time.Now()).AddDate(0, 1, 0)
	}
	g.month = m
	g.days = m.AddDate(0, 1, -1).Day()
	g.day = min(max(g.day, 1), g.days)
}

// setRows shows the table's lines: the people they name in the order they first appear, then the
// others the declaration offers.
func (g *monthGrid) setRows(rows []data.Row) {
	g.lines = map[int]data.Row{}
	g.people = nil
	g.syncMonth()
	for _, r := range rows {
		d, ok := data.ParseLocal(data.TypeDate, r[g.fl.Grid.Date])
		if !ok {
			continue
		}
		line := data.Row{}
		for k, v := range r {
			line[k] = v
		}
		g.lines[d.Day()] = line
	}
	for d := 1; d <= 31; d++ {
		for _, s := range g.shifts {
			if p := g.lines[d][s.Key]; p != "" && !slices.Contains(g.people, p) {
				g.people = append(g.people, p)
			}
		}
	}
	if g.fl.Grid.People != nil && g.env != nil {
		for _, p := range g.fl.Grid.People(g.env) {
			if !slices.Contains(g.people, p) {
				g.people = append(g.people, p)
			}
		}
	}
	g.row, g.day, g.first, g.note = 0, 1, 1, ""
	g.Refresh()
}

// rows are the table's lines: one a day of the month, its date and the person on each column.
func (g *monthGrid) rows() []data.Row {
	g.syncMonth()
	var out []data.Row
	for d := 1; d <= g.days; d++ {
		row := data.Row{}
		for k, v := range g.lines[d] {
			if v != "" {
				row[k] = v
			}
		}
		row[g.fl.Grid.Date] = g.date(d).Format(data.LayoutDate)
		out = append(out, row)
	}
	return out
}

func (g *monthGrid) date(day int) time.Time {
	return time.Date(g.month.Year(), g.month.Month(), day, 0, 0, 0, 0, data.Shanghai)
}

// cell is what a person's cell shows: the first character of each column they are on that day.
func (g *monthGrid) cell(person string, day int) string {
	var s string
	for _, c := range g.shifts {
		if g.lines[day][c.Key] == person {
			s += string([]rune(c.Label)[:1])
		}
	}
	return s
}

// worked is how many days of the month a person is on; onDay how many of the day's columns are filled.
func (g *monthGrid) worked(person string) int {
	n := 0
	for d := 1; d <= g.days; d++ {
		if g.cell(person, d) != "" {
			n++
		}
	}
	return n
}

func (g *monthGrid) onDay(day int) int {
	n := 0
	for _, c := range g.shifts {
		if g.lines[day][c.Key] != "" {
			n++
		}
	}
	return n
}

// dayKind is how a day is shaded: a working day, a weekend, an official holiday; the word says which
// holiday, or a weekend worked to make up for one (调休上班).
type dayKind int

const (
	dayWork dayKind = iota
	dayWeekend
	dayHoliday
)

func (g *monthGrid) kindOf(day int) (dayKind, string) {
	t := g.date(day)
	weekend := t.Weekday() == time.Saturday || t.Weekday() == time.Sunday
	rest, name := data.RestDay(t)
	switch {
	case rest && weekend && name == "周末":
		return dayWeekend, ""
	case rest:
		return dayHoliday, name
	case weekend:
		return dayWork, "调休上班"
	}
	return dayWork, ""
}

func (g *monthGrid) shade(day int) color.Color {
	switch k, _ := g.kindOf(day); k {
	case dayWeekend:
		return theme.Color(colorWeekend)
	case dayHoliday:
		return theme.Color(colorHoliday)
	}
	return theme.Color(theme.ColorNameInputBackground)
}

// put puts the cursor's person on a column that day (-1: on none). One person a column: whoever was
// on it is taken off, and the status line says so.
func (g *monthGrid) put(col int) {
	if g.off || g.row >= len(g.people) {
		return
	}
	p := g.people[g.row]
	line := g.lines[g.day]
	if line == nil {
		line = data.Row{}
		g.lines[g.day] = line
	}
	for _, c := range g.shifts {
		if line[c.Key] == p {
			delete(line, c.Key)
		}
	}
	g.note = ""
	if col >= 0 {
		c := g.shifts[col]
		if q := line[c.Key]; q != "" {
			g.note = fmt.Sprintf("%s原是%s，已改为%s。", shiftName(c.Label), q, p)
		}
		line[c.Key] = p
	}
	g.hooks.edited()
	g.Refresh()
}

// move puts the cursor on another cell, within the grid, and the day in view.
func (g *monthGrid) move(row, day int) {
	g.row = min(max(row, 0), max(len(g.people)-1, 0))
	g.day = min(max(day, 1), g.days)
	g.note = ""
	g.Refresh()
}

// advance is the next cell, the next person's first day after a row's last; false after the last.
func (g *monthGrid) advance() bool {
	switch {
	case g.day < g.days:
		g.move(g.row, g.day+1)
	case g.row+1 < len(g.people):
		g.move(g.row+1, 1)
	default:
		return false
	}
	return true
}

// page shows the days before or after those in view.
func (g *monthGrid) page(dir int) {
	g.first = min(max(g.first+dir*g.visible, 1), max(g.days-g.visible+1, 1))
	if g.day < g.first || g.day >= g.first+g.visible {
		g.day = g.first
	}
	g.Refresh()
}

// inView keeps the cursor's day among the days in view.
func (g *monthGrid) inView() {
	g.visible = min(max(g.visible, 1), g.days)
	switch {
	case g.day < g.first:
		g.first = g.day
	case g.day >= g.first+g.visible:
		g.first = g.day - g.visible + 1
	}
	g.first = min(max(g.first, 1), max(g.days-g.visible+1, 1))
}

func (g *monthGrid) TypedKey(k *fyne.KeyEvent) {
	touch()
	switch k.Name {
	case fyne.KeyLeft:
		g.move(g.row, g.day-1)
	case fyne.KeyRight:
		g.move(g.row, g.day+1)
	case fyne.KeyUp:
		g.move(g.row-1, g.day)
	case fyne.KeyDown:
		g.move(g.row+1, g.day)
	case fyne.KeyHome:
		g.move(g.row, 1)
	case fyne.KeyEnd:
		g.move(g.row, g.days)
	case fyne.KeyDelete, fyne.KeyBackspace:
		g.put(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if !g.advance() {
			g.hooks.enter()
		}
	case fyne.KeyTab:
		if c := fyne.CurrentApp().Driver().CanvasForObject(g); c != nil {
			c.FocusNext()
		}
	default:
		g.hooks.key(k)
	}
}

// TypedRune picks a column by its letter, its digit or its character, and moves on.
func (g *monthGrid) TypedRune(r rune) {
	touch()
	for i, c := range g.shifts {
		letter := i < len(g.fl.Grid.Keys) && strings.EqualFold(string(r), g.fl.Grid.Keys[i])
		if letter || r == rune('1'+i) || r == []rune(c.Label)[0] {
			if g.off {
				return
			}
			g.put(i)
			note := g.note
			g.advance()
			g.note = note // who was taken off the column stays said
			g.Refresh()
			return
		}
	}
}

func (g *monthGrid) TypedShortcut(s fyne.Shortcut) {
	if g.hooks.ctrlEnter(s) {
		return // Ctrl+Enter leaves the grid from any cell
	}
	if c := commandOf(s); c != "" {
		g.hooks.cmd(c)
	}
}

func (g *monthGrid) AcceptsTab() bool { return false }
func (g *monthGrid) FocusGained()     { g.focused = true; g.syncMonth(); g.Refresh(); g.hooks.focused() }
func (g *monthGrid) FocusLost()       { g.focused = false; g.Refresh() }

// Tapped puts the cursor on the cell tapped, and the keyboard on the grid.
func (g *monthGrid) Tapped(e *fyne.PointEvent) {
	row := int(e.Position.Y/mgRowH) - mgHead
	if e.Position.X >= mgNameW && row >= 0 && row < len(g.people) {
		g.move(row, g.first+int((e.Position.X-mgNameW)/mgCellW))
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(g); c != nil {
		c.Focus(g)
	}
}

// statusText says where the cursor is: the day (a holiday by name), the person's shift that day, who
// is on the day's columns, and what the last change did.
func (g *monthGrid) statusText() string {
	if len(g.people) == 0 {
		return "没有可排班的人员：请先建值班人员的账户，或在设置中填写后台支援人员。"
	}
	t := g.date(g.day)
	text := t.Format("1月2日") + " 星期" + weekdayNames[t.Weekday()]
	if _, name := g.kindOf(g.day); name != "" {
		text += "（" + name + "）"
	}
	p := g.people[g.row]
	on := "休息"
	var day []string
	for _, c := range g.shifts {
		who := g.lines[g.day][c.Key]
		if who == p {
			on = shiftName(c.Label)
		}
		if who == "" {
			who = "无人"
		}
		day = append(day, shiftName(c.Label)+" "+who)
	}
	text += "　" + p + "：" + on + "　当天：" + strings.Join(day, "，")
	if g.note != "" {
		text += "　" + g.note
	}
	if g.off {
		text += "　（只读）"
	}
	return text
}

var weekdayNames = []string{"日", "一", "二", "三", "四", "五", "六"}

// cellInError puts the cursor on the first cell a save refused (table[row].column of a day's line).
func (g *monthGrid) cellInError(fe data.FieldErrors) {
	for i := 0; i < g.days; i++ {
		for _, c := range g.fl.Columns {
			if _, bad := fe[data.RowKey(g.fl.Key, i, c.Key)]; bad {
				if r := slices.Index(g.people, g.lines[i+1][c.Key]); r >= 0 {
					g.move(r, i+1)
				} else {
					g.move(g.row, i+1)
				}
				return
			}
		}
	}
}

func (g *monthGrid) MinSize() fyne.Size {
	return fyne.NewSize(mgNameW+mgSumW+7*mgCellW, float32(mgHead+len(g.people)+1)*mgRowH)
}

func (g *monthGrid) CreateRenderer() fyne.WidgetRenderer {
	return &monthGridRenderer{g: g}
}

// monthGridRenderer draws the grid anew at each change: a few hundred rectangles and texts.
type monthGridRenderer struct {
	g    *monthGrid
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *monthGridRenderer) Destroy()                     {}
func (r *monthGridRenderer) MinSize() fyne.Size           { return r.g.MinSize() }
func (r *monthGridRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *monthGridRenderer) Layout(s fyne.Size)           { r.size = s; r.draw() }
func (r *monthGridRenderer) Refresh()                     { r.draw(); canvas.Refresh(r.g) }

// draw lays the grid out in the width it has: the names and the sums always in view, as many days as
// fit between them, the cursor's day among them.
func (r *monthGridRenderer) draw() {
	g := r.g
	g.visible = int((r.size.Width - mgNameW - mgSumW) / mgCellW)
	g.inView()
	r.objs = r.objs[:0]
	sumX := float32(mgNameW + g.visible*mgCellW)
	fg := theme.Color(theme.ColorNameForeground)
	r.row(0, "日期", func(d int) (string, color.Color, color.Color) { return fmt.Sprint(d), g.shade(d), fg }, "天数", sumX)
	r.row(1, "星期", func(d int) (string, color.Color, color.Color) {
		return weekdayNames[g.date(d).Weekday()], g.shade(d), fg
	}, "", sumX)
	for i, p := range g.people {
		p := p
		r.row(mgHead+i, p, func(d int) (string, color.Color, color.Color) { return g.cell(p, d), g.shade(d), fg }, fmt.Sprint(g.worked(p)), sumX)
	}
	r.row(mgHead+len(g.people), "当日在岗", func(d int) (string, color.Color, color.Color) {
		if n := g.onDay(d); n < len(g.shifts) {
			return fmt.Sprint(n), theme.Color(colorGridHead), theme.Color(theme.ColorNameError) // a column nobody is on
		}
		return fmt.Sprint(len(g.shifts)), theme.Color(colorGridHead), fg
	}, "", sumX)
	if len(g.people) > 0 {
		cur := canvas.NewRectangle(color.Transparent)
		cur.StrokeWidth = 1
		cur.StrokeColor = theme.Color(colorGridLines)
		if g.focused {
			cur.StrokeWidth = 3
			cur.StrokeColor = theme.Color(theme.ColorNamePrimary)
		}
		cur.Move(fyne.NewPos(float32(mgNameW+(g.day-g.first)*mgCellW), float32((mgHead+g.row)*mgRowH)))
		cur.Resize(fyne.NewSize(mgCellW, mgRowH))
		r.objs = append(r.objs, cur)
	}
	g.status.SetText(g.statusText())
	if g.visible < g.days {
		g.back.Show()
		g.ahead.Show()
	} else {
		g.back.Hide()
		g.ahead.Hide()
	}
}

// row draws one row: its name, a cell a day in view (its text, shade and text colour), its sum.
func (r *monthGridRenderer) row(i int, name string, day func(int) (string, color.Color, color.Color), sum string, sumX float32) {
	g := r.g
	y := float32(i * mgRowH)
	bold := i >= mgHead && i-mgHead == g.row && g.focused
	fg := theme.Color(theme.ColorNameForeground)
	r.cell(0, y, mgNameW, name, theme.Color(colorGridHead), fg, bold, fyne.TextAlignLeading)
	for d := g.first; d < g.first+g.visible; d++ {
		text, bg, tc := day(d)
		r.cell(float32(mgNameW+(d-g.first)*mgCellW), y, mgCellW, text, bg, tc, d == g.day && i < mgHead && g.focused, fyne.TextAlignCenter)
	}
	r.cell(sumX, y, mgSumW, sum, theme.Color(colorGridHead), fg, false, fyne.TextAlignCenter)
}

func (r *monthGridRenderer) cell(x, y, w float32, text string, bg, fg color.Color, bold bool, align fyne.TextAlign) {
	rect := canvas.NewRectangle(bg)
	rect.StrokeColor = theme.Color(colorGridLines)
	rect.StrokeWidth = 1
	rect.Move(fyne.NewPos(x, y))
	rect.Resize(fyne.NewSize(w, mgRowH))
	t := canvas.NewText(text, fg)
	t.Alignment = align
	t.TextStyle.Bold = bold
	pad := float32(4)
	h := t.MinSize().Height
	t.Move(fyne.NewPos(x+pad, y+(mgRowH-h)/2))
	t.Resize(fyne.NewSize(w-2*pad, h))
	r.objs = append(r.objs, rect, t)
}

var _ fyne.Disableable = (*monthGrid)(nil)
var _ fyne.Tappable = (*monthGrid)(nil)

// addGrid puts a table declared as a month grid on the entry screen: among the inputs, so it takes its
// place in the Enter order, and drawn anew as the month field changes.
func (e *editor) addGrid(fl data.Field) fyne.CanvasObject {
	monthOf := func() string {
		if in, ok := e.inputs[fl.Grid.Month]; ok {
			return in.get()
		}
		return ""
	}
	g := newMonthGrid(fl, e.shell.store, monthOf)
	if ei, ok := e.inputs[fl.Grid.Month].(entryInput); ok {
		was := ei.e.OnChanged
		ei.e.OnChanged = func(s string) {
			if was != nil {
				was(s)
			}
			g.syncMonthNow()
		}
	}
	if e.grids == nil {
		e.grids = map[string]*monthGrid{}
	}
	e.grids[fl.Key] = g
	e.inputs[fl.Key] = g
	return g.object()
}

// syncMonthNow follows the month field as it is typed.
func (g *monthGrid) syncMonthNow() { g.syncMonth(); g.Refresh() }
