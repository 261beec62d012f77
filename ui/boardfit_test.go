package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/reports/charts"
)

// boardCells are the board's table cells on screen (the column titles among them) that lie wholly in
// the table's view.
func boardCells(b *boardScreen) []*widget.Label {
	size := b.table.Size()
	var out []*widget.Label
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if !o.Visible() {
			return
		}
		if l, ok := o.(*widget.Label); ok {
			if l.Text != "" && at.X >= -1 && at.Y >= -1 && at.X+l.Size().Width <= size.Width+1 && at.Y+l.Size().Height <= size.Height+1 {
				out = append(out, l)
			}
			return
		}
		var kids []fyne.CanvasObject
		switch c := o.(type) {
		case *fyne.Container:
			kids = c.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(c).Objects()
		}
		for _, k := range kids {
			walk(k, at.Add(k.Position()))
		}
	}
	for _, k := range test.WidgetRenderer(b.table).Objects() {
		walk(k, k.Position())
	}
	return out
}

// The manager's board at 1366×768: the table takes the tab's height, so most of its rules are in view
// at once and the column titles stay over them when it scrolls to the last; no cell is cut: each
// one's text, measured, fits its width on the lines its height holds.
func TestTheBoardShowsItsRulesWholeAtTheDesksScreen(t *testing.T) {
	h := newHarnessAs(t, "liu")
	h.win.Resize(fyne.NewSize(1366, 768))
	h.sh.Show(navBoard)
	b := h.sh.Current().(*boardScreen)
	h.win.Content().Refresh()
	names := map[string]bool{}
	for _, r := range b.rows {
		names[r.Measure.Name] = true
	}
	if len(names) < 20 {
		t.Fatalf("the board has %d rules", len(names))
	}
	line := fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Height
	check := func(when string) (rules int, titles bool) {
		for _, l := range boardCells(b) {
			if names[l.Text] {
				rules++
			}
			titles = titles || l.Text == "规定"
			// The text's room: the cell less its padding, on as many lines as its height holds.
			pad := l.Theme().Size(theme.SizeNameInnerPadding)
			lines, width := max(1, int((l.Size().Height-2*pad)/line)), l.Size().Width-2*pad
			if l.Wrapping == fyne.TextWrapOff {
				lines = 1
			}
			if w := fyne.MeasureText(l.Text, theme.TextSize(), fyne.TextStyle{}).Width; w > width*float32(lines) {
				t.Errorf("%s: the cell %q (%.0f px of text) is cut: %d line(s) of %.0f px", when, l.Text, w, lines, width)
			}
		}
		return rules, titles
	}
	rules, titles := check("at the top")
	if want := min(len(names), 16); rules < want || !titles {
		t.Errorf("%d of the %d rules in view (want %d), the column titles shown: %v", rules, len(names), want, titles)
	}
	b.table.ScrollToBottom()
	h.win.Content().Refresh()
	if _, titles := check("at the end"); !titles {
		t.Error("the column titles scrolled away with the rows")
	}
	// On a narrower screen the columns fit again, and nothing is cut either.
	h.win.Resize(fyne.NewSize(1024, 768))
	b.table.ScrollToTop()
	h.win.Content().Refresh()
	check("at 1024 px")
}

// The board's charts are shown at the scale that draws their text at the size of the screen's own.
func TestTheBoardsChartsShowTheirTextAtTheScreensSize(t *testing.T) {
	h := newHarnessAs(t, "liu")
	h.win.Resize(fyne.NewSize(1366, 768))
	h.sh.Show(navBoard)
	b := h.sh.Current().(*boardScreen)
	b.tabs.SelectIndex(1)
	images := 0
	for _, o := range b.charts.Objects {
		img, ok := o.(*canvas.Image)
		if !ok {
			continue
		}
		images++
		// The chart's text is charts.TextSize on a chart charts.Size.W wide.
		shown := float32(charts.TextSize) * img.Size().Width / float32(charts.Size.W)
		if d := shown - theme.TextSize(); d < -0.5 || d > 0.5 {
			t.Errorf("a chart's text is shown at %.1f px; the screen's is %.0f px", shown, theme.TextSize())
		}
	}
	if images == 0 {
		t.Fatal("no chart drawn")
	}
}

// A chosen row shows the records behind it under the table, the row kept in view; Esc takes them away
// and gives the table its whole height again.
func TestChoosingABoardRowShowsWhatIsBehindUnderTheTable(t *testing.T) {
	h := newHarnessAs(t, "liu")
	h.win.Resize(fyne.NewSize(1366, 768))
	h.sh.Show(navBoard)
	b := h.sh.Current().(*boardScreen)
	full := b.table.Size().Height
	if b.lower.Visible() || full < b.rules.Size().Height-1 {
		t.Fatalf("before a row is chosen the table is %.0f px of %.0f, the records behind shown: %v", full, b.rules.Size().Height, b.lower.Visible())
	}
	last := len(b.rows) - 1
	b.table.Select(widget.TableCellID{Row: last, Col: 0})
	if !b.lower.Visible() || b.table.Size().Height >= full {
		t.Errorf("a chosen row: the records behind shown %v, the table %.0f px", b.lower.Visible(), b.table.Size().Height)
	}
	found := false
	for _, l := range boardCells(b) {
		found = found || l.Text == b.rows[last].Measure.Name
	}
	if !found {
		t.Error("the chosen last row is out of view")
	}
	h.sh.command(cmdCancel)
	if b.lower.Visible() || b.table.Size().Height != full || h.sh.Current() != b {
		t.Errorf("after Esc: the records behind shown %v, the table %.0f px of %.0f", b.lower.Visible(), b.table.Size().Height, full)
	}
}
