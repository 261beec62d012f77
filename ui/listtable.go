package ui

import (
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"frontdesk/data"
)

// listTable is a list's table driven from the keyboard: ↑↓, PgUp/PgDn and Home/End move the chosen row
// (the row the record keys act on), Enter opens it, Esc goes back to the search, and the form's step
// keys (F2…) and 办理 (F4) act on it as they do from the search.
type listTable struct {
	widget.Table
	l *listScreen
}

func newListTable(l *listScreen) *listTable {
	t := &listTable{l: l}
	t.Length = func() (int, int) { return len(l.records), len(l.cols) + 2 }
	t.CreateCell = func() fyne.CanvasObject {
		lb := widget.NewLabel("")
		lb.Truncation = fyne.TextTruncateEllipsis
		mark := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
		mark.Hide() // shown on the chosen row (updateCell)
		return container.NewStack(mark, lb)
	}
	t.UpdateCell = l.updateCell
	t.ShowHeaderRow = true
	t.ExtendBaseWidget(t)
	return t
}

// pageRows is how many rows a PgUp/PgDn moves: the rows the table shows, less one kept for context.
func (t *listTable) pageRows() int {
	row := widget.NewLabel("国").MinSize().Height + theme.SeparatorThicknessSize()
	n := int(t.Size().Height/row) - 2 // the header row, and one row kept in view
	return max(n, 1)
}

func (t *listTable) TypedKey(k *fyne.KeyEvent) {
	touch()
	l := t.l
	last := len(l.records) - 1
	switch k.Name {
	case fyne.KeyUp:
		l.moveTo(l.selected - 1)
	case fyne.KeyDown:
		if l.selected == last && l.more.Visible() {
			l.loadMore()
			return
		}
		l.moveTo(l.selected + 1)
	case fyne.KeyPageUp:
		l.moveTo(l.selected - t.pageRows())
	case fyne.KeyPageDown:
		l.moveTo(l.selected + t.pageRows())
	case fyne.KeyHome:
		l.moveTo(0)
	case fyne.KeyEnd:
		l.moveTo(last)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		// Space too: the table's own Space would act on its own focus cell, not the chosen row.
		l.openSelectedOrFirst()
	case fyne.KeyEscape:
		l.shell.win.Canvas().Focus(l.search)
	case fyne.KeyF1:
		l.shell.showHelp()
	case fyne.KeyF4:
		if l.actBtn != nil {
			l.stepMenu(l.actBtn)
		}
	default:
		if st, ok := l.shortcut(k.Name); ok {
			l.stepSelected(st)
			return
		}
		t.Table.TypedKey(k)
	}
}

// Tapped chooses the row under the pointer and gives the table the keyboard, so that Enter, F2 and the
// arrows act on the row just clicked.
func (t *listTable) Tapped(e *fyne.PointEvent) {
	t.Table.Tapped(e)
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
}

// DoubleTapped opens the row under the pointer, chosen or not. The selection is cleared first, so
// that the row is chosen anew (Fyne does not tell a click on the chosen cell); a double click beside
// the rows opens nothing and keeps the choice.
func (t *listTable) DoubleTapped(e *fyne.PointEvent) {
	l := t.l
	was := l.selected
	l.programmatic = true
	t.UnselectAll()
	l.programmatic = false
	l.selected = -1
	t.Tapped(e)
	if l.selected < 0 {
		l.choose(was)
		return
	}
	l.openSelected()
}

// TypedShortcut passes Ctrl+N/P/E/F… to the list, as the search field does.
func (t *listTable) TypedShortcut(s fyne.Shortcut) {
	if c := commandOf(s); c != "" {
		if !t.l.command(c) && shellCommand != nil {
			shellCommand(c)
		}
	}
}

// moveTo chooses a row (kept within the list) and scrolls it into view.
func (l *listScreen) moveTo(i int) {
	if len(l.records) == 0 {
		return
	}
	i = min(max(i, 0), len(l.records)-1)
	l.selectRow(i)
	if i == 0 {
		l.table.ScrollToTop()
		return
	}
	// Fyne scrolls a row above the view to its top, where the column titles cover it: the row before
	// goes there instead (a row below the view is scrolled to the bottom and the second call does nothing).
	l.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
	l.table.ScrollTo(widget.TableCellID{Row: i - 1, Col: 0})
}

// loadMore reads a page more of the same list; the rows shown and the chosen one stay.
func (l *listScreen) loadMore() {
	l.limit += pageSize
	l.refresh()
}

// header is a column's title, with the arrow of the order the clerk sorted it in.
func (l *listScreen) header(col int) string {
	var s string
	switch col {
	case 0:
		s = "编号"
	case 1:
		s = "状态"
	default:
		if col-2 < len(l.cols) {
			s = l.cols[col-2].Label
		}
	}
	if col == l.sortCol {
		if l.sortDesc {
			return s + " ↓"
		}
		return s + " ↑"
	}
	return s
}

// sortBy orders the rows by a column: a first click ascending, a second descending, a third back to
// newest first. The chosen record stays chosen.
func (l *listScreen) sortBy(col int) {
	switch {
	case col != l.sortCol:
		l.sortCol, l.sortDesc = col, false
	case !l.sortDesc:
		l.sortDesc = true
	default:
		l.sortCol, l.sortDesc = -1, false // the store's own order: newest first
	}
	l.table.Refresh() // the headers' arrows
	if l.last != nil {
		l.show(l.last.q, l.last.open, l.last.a) // the same rows in the new order, the chosen one still chosen
	}
}

// pinyin orders Chinese text the way a desk reads a name list: by its reading.
var pinyin = collate.New(language.SimplifiedChinese, collate.Numeric)

// sortRows puts the rows in the order the clerk chose (the store gives them newest first).
func (l *listScreen) sortRows() {
	if l.sortCol < 0 {
		return
	}
	key := func(r *data.Record) string {
		switch l.sortCol {
		case 0:
			return r.Serial
		case 1:
			s, _ := l.status(r)
			return s
		}
		return r.Values[l.cols[l.sortCol-2].Key]
	}
	numeric := false
	if l.sortCol >= 2 {
		switch l.cols[l.sortCol-2].Type {
		case data.TypeInt, data.TypeMoney:
			numeric = true
		}
	}
	less := func(a, b string) int {
		if numeric {
			x, errx := strconv.ParseFloat(strings.TrimSpace(a), 64)
			y, erry := strconv.ParseFloat(strings.TrimSpace(b), 64)
			if errx == nil && erry == nil {
				switch {
				case x < y:
					return -1
				case x > y:
					return 1
				}
				return 0
			}
		}
		return pinyin.CompareString(a, b)
	}
	sort.SliceStable(l.records, func(i, j int) bool {
		c := less(key(l.records[i]), key(l.records[j]))
		if l.sortDesc {
			return c > 0
		}
		return c < 0
	})
}

// sortHeader is a column title a click sorts by.
type sortHeader struct {
	widget.Label
	onTap func()
}

func newSortHeader() *sortHeader {
	h := &sortHeader{}
	h.Alignment = fyne.TextAlignCenter
	h.TextStyle.Bold = true
	h.ExtendBaseWidget(h)
	return h
}

func (h *sortHeader) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

func (h *sortHeader) Cursor() desktop.Cursor { return desktop.PointerCursor }
