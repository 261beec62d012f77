package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// tableInput edits a table field: one line of inputs per row, a button (and Enter on a filled last
// line's last cell) adds a line, each line can be removed. Blank lines are ignored on save.
type tableInput struct {
	fl     data.Field
	reg    registry
	rows   [][]input
	grid   *fyne.Container
	box    *fyne.Container
	onGrow func() // tells the editor the focus chain changed
	// mask, when set, is how the person reads a saved row's values (a phone masked for a clerk): such a
	// cell shows masked, cannot be typed over, and hidden keeps its whole value.
	mask   func(c data.Field, v string) string
	hidden map[input]string
}

func newTableInput(fl data.Field, reg registry) *tableInput {
	t := &tableInput{fl: fl, reg: reg}
	t.grid = container.NewVBox()
	add := widget.NewButtonWithIcon("添加一行", theme.ContentAddIcon(), func() { t.addRow(nil, true) })
	t.box = container.NewVBox(t.header(), t.grid, container.NewHBox(add, layout.NewSpacer()))
	return t
}

func (t *tableInput) header() fyne.CanvasObject {
	cells := []fyne.CanvasObject{widget.NewLabelWithStyle("序号", fyne.TextAlignCenter, fyne.TextStyle{})}
	for _, c := range t.fl.Columns {
		l := c.Label
		if c.Required {
			l += " *"
		}
		lb := widget.NewLabel(l)
		lb.Wrapping = fyne.TextWrapBreak // a narrow column (1024 pixels) breaks its title, never overlaps the next
		cells = append(cells, lb)
	}
	cells = append(cells, widget.NewLabel(""))
	return container.New(t.layout(), cells...)
}

func (t *tableInput) layout() fyne.Layout {
	return &columnsLayout{weights: columnWeights(t.fl.Columns)}
}

func columnWeights(cols []data.Field) []float32 {
	w := []float32{0.5}
	for _, c := range cols {
		switch c.Type {
		case data.TypeInt, data.TypeBool, data.TypeMoney:
			w = append(w, 1)
		case data.TypeDate, data.TypePerson, data.TypeTime, data.TypeMonth:
			w = append(w, 1.5)
		default:
			w = append(w, 2.5)
		}
	}
	return append(w, 0.5)
}

func (t *tableInput) addRow(values data.Row, focus bool) {
	var inputs []input
	cells := []fyne.CanvasObject{widget.NewLabelWithStyle(fmt.Sprint(len(t.rows)+1), fyne.TextAlignCenter, fyne.TextStyle{})}
	for _, c := range t.fl.Columns {
		in := newInput(c, t.reg)
		if values != nil {
			v := values[c.Key]
			if shown := v; t.mask != nil {
				if shown = t.mask(c, v); shown != v {
					if t.hidden == nil {
						t.hidden = map[input]string{}
					}
					t.hidden[in] = v
					v = shown
					if d, ok := in.focusable().(fyne.Disableable); ok {
						d.Disable()
					}
				}
			}
			in.set(v)
		}
		inputs = append(inputs, in)
		cells = append(cells, in.object())
	}
	var line *fyne.Container
	cells = append(cells, newDeleteButton(func() { t.removeRow(line) }))
	line = container.New(t.layout(), cells...)
	t.rows = append(t.rows, inputs)
	t.grid.Add(line)
	if t.onGrow != nil {
		t.onGrow()
	}
	if focus {
		if c := fyne.CurrentApp().Driver().CanvasForObject(t.box); c != nil {
			c.Focus(inputs[0].focusable())
		}
	}
}

func (t *tableInput) removeRow(line *fyne.Container) {
	for i, o := range t.grid.Objects {
		if o == line {
			t.grid.Remove(o)
			t.rows = append(t.rows[:i], t.rows[i+1:]...)
			break
		}
	}
	for i, o := range t.grid.Objects {
		o.(*fyne.Container).Objects[0].(*widget.Label).SetText(fmt.Sprint(i + 1))
	}
	if t.onGrow != nil {
		t.onGrow()
	}
}

func (t *tableInput) get() []data.Row {
	var out []data.Row
	for _, r := range t.rows {
		row := data.Row{}
		for i, c := range t.fl.Columns {
			v := r[i].get()
			if whole, ok := t.hidden[r[i]]; ok && t.mask != nil && v == t.mask(c, whole) {
				v = whole // shown masked, kept whole
			}
			if v != "" && !(c.Type == data.TypeBool && v == "否") {
				row[c.Key] = v
			}
		}
		out = append(out, row)
	}
	return out
}

func (t *tableInput) set(rows []data.Row) {
	t.grid.RemoveAll()
	t.rows = nil
	t.hidden = nil
	for _, r := range rows {
		t.addRow(r, false)
	}
	if len(rows) == 0 {
		t.addRow(nil, false)
	}
}

// focusables lists the table's inputs in reading order, for the editor's Enter chain.
func (t *tableInput) focusables() []input {
	var out []input
	for _, r := range t.rows {
		out = append(out, r...)
	}
	return out
}

// cellKeys gives the cells of a focus chain's tables their Enter and Ctrl+Enter. next(i) is where Enter
// goes from chain[i] in plain order (the next input; save or confirm on the last). In a table, Enter
// moves through a line and adds one after a filled last line; Enter on the empty last line, and
// Ctrl+Enter on any line, leave the table for what follows it, and the empty last line goes. Outside a
// table it is next(i), and no Ctrl+Enter of its own.
func cellKeys(chain []input, tables []*tableInput, next func(i int) func()) func(i int) (enter, leave func()) {
	of := map[input]*tableInput{}
	for _, t := range tables {
		if t != nil {
			for _, c := range t.focusables() {
				of[c] = t
			}
		}
	}
	last := map[*tableInput]int{}
	for i, in := range chain {
		if t, ok := of[in]; ok {
			last[t] = i
		}
	}
	return func(i int) (func(), func()) {
		t, ok := of[chain[i]]
		if !ok {
			return next(i), nil
		}
		after := next(last[t])
		return t.enter(chain[i], next(i), after), func() { t.leave(after) }
	}
}

// enter is what Enter does in a cell: next, a new line after a filled last line (within the table's
// most), or out of the table (after) from the empty last line.
func (t *tableInput) enter(cell input, next, after func()) func() {
	return func() {
		r, c := t.find(cell)
		lastRow := r >= 0 && r == len(t.rows)-1
		switch {
		case lastRow && t.blank(r):
			t.leave(after)
		case lastRow && c == len(t.rows[r])-1 && (t.fl.Max <= 0 || len(t.rows) < t.fl.Max):
			t.addRow(nil, true)
		case lastRow && c == len(t.rows[r])-1:
			after()
		default:
			next()
		}
	}
}

// leave goes on to what follows the table; an empty last line (one the clerk did not fill) goes, while
// a line is left to type in.
func (t *tableInput) leave(after func()) {
	if n := len(t.rows); n > 1 && t.blank(n-1) {
		t.removeRow(t.grid.Objects[n-1].(*fyne.Container))
	}
	after()
}

// find is the line and column of a cell; -1 when it is not the table's.
func (t *tableInput) find(cell input) (row, col int) {
	for r, line := range t.rows {
		for c, in := range line {
			if in == cell {
				return r, c
			}
		}
	}
	return -1, -1
}

// blank says whether nothing was typed in a line (a box left 否 is nothing).
func (t *tableInput) blank(r int) bool {
	for _, c := range t.rows[r] {
		if v := strings.TrimSpace(c.get()); v != "" && v != "否" {
			return false
		}
	}
	return true
}

// deleteButton removes its line when clicked. It takes no keyboard focus, so Tab goes from a line's
// last cell to the next line, never onto the button.
type deleteButton struct {
	widget.BaseWidget
	tapped func()
}

func newDeleteButton(tapped func()) *deleteButton {
	b := &deleteButton{tapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

func (b *deleteButton) Tapped(*fyne.PointEvent) { b.tapped() }

func (b *deleteButton) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (b *deleteButton) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameButton))
	bg.CornerRadius = theme.InputRadiusSize()
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(widget.NewIcon(theme.DeleteIcon()))))
}

// columnsLayout lays cells side by side with widths in proportion to weights.
type columnsLayout struct{ weights []float32 }

func (l *columnsLayout) total() float32 {
	var s float32
	for _, w := range l.weights {
		s += w
	}
	return s
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	avail := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := avail * l.weights[min(i, len(l.weights)-1)] / l.total()
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*60, h)
}

// cellInError is the first cell a save refused (table[row].column), or the table's first cell.
func (t *tableInput) cellInError(fe data.FieldErrors) input {
	for i, row := range t.rows {
		for j, c := range t.fl.Columns {
			if _, bad := fe[data.RowKey(t.fl.Key, i, c.Key)]; bad && j < len(row) {
				return row[j]
			}
		}
	}
	return t.focusables()[0]
}
