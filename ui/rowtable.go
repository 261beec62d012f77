package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowTable is a table of lines one of which is chosen, by the keyboard as by the mouse: ↑↓, PgUp/PgDn
// and Home/End move the chosen line, a click chooses one, Enter (or Space) and a double click open
// it, Esc goes back to where the keys came from. The chosen line is the table's selection, marked
// across the whole line, so the highlight is always on the line Enter opens (Fyne's own arrows move a
// focus cell of their own).
type rowTable struct {
	widget.Table
	chosen int // -1: none
	// rows is how many lines there are.
	rows func() int
	// onChoose is told the line chosen (-1 when none), onOpen the line to open, onEscape that Esc was
	// pressed; onCommand takes Ctrl+F/E… as the screen's own keys do.
	onChoose  func(row int)
	onOpen    func(row int)
	onEscape  func()
	onCommand func(name string) bool
	quiet     bool // choosing from code: the table's OnSelected is not the person's click
}

func newRowTable(rows func() int, cols int, create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *rowTable {
	t := &rowTable{chosen: -1, rows: rows}
	t.Length = func() (int, int) { return rows(), cols }
	// Each cell is the screen's own over a mark shown on the chosen line.
	t.CreateCell = func() fyne.CanvasObject {
		mark := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
		mark.Hide()
		return container.NewStack(mark, create())
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		if id.Row == t.chosen {
			c.Objects[0].Show()
		} else {
			c.Objects[0].Hide()
		}
		update(id, c.Objects[1])
	}
	t.OnSelected = func(id widget.TableCellID) {
		if !t.quiet {
			t.setChosen(id.Row)
		}
	}
	t.ExtendBaseWidget(t)
	return t
}

// choose makes a line the chosen one (kept within the lines) and scrolls it into view; -1 chooses none.
func (t *rowTable) choose(i int) {
	n := t.rows()
	if i < 0 || n == 0 {
		t.quiet = true
		t.UnselectAll()
		t.quiet = false
		t.setChosen(-1)
		return
	}
	i = min(i, n-1)
	t.quiet = true
	t.Select(widget.TableCellID{Row: i, Col: 0})
	t.quiet = false
	t.setChosen(i)
	if i == 0 {
		t.ScrollToTop()
		return
	}
	// Fyne scrolls a line above the view to its top, under the column titles: the line before goes there.
	t.ScrollTo(widget.TableCellID{Row: i, Col: 0})
	t.ScrollTo(widget.TableCellID{Row: i - 1, Col: 0})
}

func (t *rowTable) setChosen(i int) {
	if i != t.chosen {
		t.chosen = i
		t.Refresh() // the mark moves
	}
	if t.onChoose != nil {
		t.onChoose(i)
	}
}

// open opens the chosen line, or the first when none is chosen.
func (t *rowTable) open() {
	if t.rows() == 0 || t.onOpen == nil {
		return
	}
	if t.chosen < 0 {
		t.choose(0)
	}
	t.onOpen(t.chosen)
}

// pageRows is how many lines a PgUp/PgDn moves: the lines in view, less one kept for context.
func (t *rowTable) pageRows() int {
	row := widget.NewLabel("国").MinSize().Height + theme.SeparatorThicknessSize()
	return max(int(t.Size().Height/row)-2, 1) // the header row, and one line kept in view
}

func (t *rowTable) TypedKey(k *fyne.KeyEvent) {
	touch()
	switch k.Name {
	case fyne.KeyUp:
		t.choose(max(t.chosen-1, 0))
	case fyne.KeyDown:
		t.choose(t.chosen + 1)
	case fyne.KeyPageUp:
		t.choose(max(t.chosen-t.pageRows(), 0))
	case fyne.KeyPageDown:
		t.choose(max(t.chosen, 0) + t.pageRows())
	case fyne.KeyHome:
		t.choose(0)
	case fyne.KeyEnd:
		t.choose(t.rows() - 1)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		// Space too: the table's own Space would choose its focus cell, not the chosen line.
		t.open()
	case fyne.KeyEscape:
		if t.onEscape != nil {
			t.onEscape()
		}
	default:
		t.Table.TypedKey(k)
	}
}

// TypedShortcut passes Ctrl+F/E/N… to the screen, then to the window.
func (t *rowTable) TypedShortcut(s fyne.Shortcut) {
	if c := commandOf(s); c != "" {
		if (t.onCommand == nil || !t.onCommand(c)) && shellCommand != nil {
			shellCommand(c)
		}
	}
}

// DoubleTapped opens the line under the pointer. The selection is cleared first, so that the line is
// chosen anew even when it already was (Fyne does not tell a click on the chosen cell).
func (t *rowTable) DoubleTapped(e *fyne.PointEvent) {
	was := t.chosen
	t.quiet = true
	t.UnselectAll()
	t.quiet = false
	t.chosen = -1
	t.Table.Tapped(e)
	if t.chosen < 0 { // between lines or below the last: nothing opened, the choice kept
		t.choose(was)
		return
	}
	t.open()
}
