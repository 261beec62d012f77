package ui

import (
	"math"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne draws its own text cursor and never tells the system where it is, so a Chinese input method
// opens its composition and candidate windows in a corner of the screen (fyne-io/fyne#618, #4546),
// far from the field being typed in. The window therefore follows the caret of the focused field
// and hands its place to the input method (imepos_windows.go). The arithmetic lives here, without
// a build tag, so it is tested on every system.

// imePollEvery is how often the caret is looked at: fast enough that the candidate list is beside
// the field by the time the first syllable is typed, slow enough to cost nothing.
const imePollEvery = 120 * time.Millisecond

// imeCaret is the caret of the focused field in the window's client area, in physical pixels.
type imeCaret struct {
	X, Y   int32     // the caret's top-left
	Height int32     // one line of text
	Field  pixelRect // the whole field: where the candidate list must not be drawn over
}

// pixelRect is a rectangle in physical pixels, edges as Windows counts them (right and bottom
// exclusive).
type pixelRect struct{ Left, Top, Right, Bottom int32 }

// caretGeometry is what the window knows of the caret, in Fyne's units.
type caretGeometry struct {
	Field      fyne.Position // the field's top-left in the window (AbsolutePositionForObject)
	FieldSize  fyne.Size
	TextOrigin fyne.Position // where the (scrolled) text sits inside the field: below the input border
	Caret      fyne.Position // the caret's top-left in the text (Entry.CursorPosition)
	Scroll     fyne.Position // how far the text has scrolled inside the field
	LineHeight float32
	// Scale is physical pixels per Fyne unit: Canvas.Scale, which on Windows already holds the
	// monitor's DPI scale times the user's Fyne scale (the GLFW window's client area is in pixels).
	Scale float32
}

// caretPoint turns the caret's geometry into the pixels an input method is given. The caret is
// kept inside the field: the scroll is worked out rather than read (see followScroll), and a
// candidate list beside the right field matters more than a pixel exact place.
func caretPoint(g caretGeometry) imeCaret {
	s := g.Scale
	if s <= 0 {
		s = 1
	}
	line := g.LineHeight
	x := g.Field.X + g.TextOrigin.X + g.Caret.X - g.Scroll.X
	y := g.Field.Y + g.TextOrigin.Y + g.Caret.Y - g.Scroll.Y
	right, bottom := g.Field.X+g.FieldSize.Width, g.Field.Y+g.FieldSize.Height
	x = min(max(x, g.Field.X), right)
	y = min(max(y, g.Field.Y), max(g.Field.Y, bottom-line))
	return imeCaret{
		X: pixels(x, s), Y: pixels(y, s), Height: max(pixels(line, s), 1),
		Field: pixelRect{Left: pixels(g.Field.X, s), Top: pixels(g.Field.Y, s), Right: pixels(right, s), Bottom: pixels(bottom, s)},
	}
}

func pixels(v, scale float32) int32 { return int32(math.Round(float64(v * scale))) }

// followScroll is where a scrolling field's text has scrolled to after its caret moved. Fyne keeps
// the offset private, so it is worked out as the Entry does it (entryContentRenderer
// .ensureCursorVisible): the least move that shows the caret with a margin around it, never before
// the start of the text nor past its end (limit: the largest offset, known when the caret is at the
// end of the text). It is exact while the caret is followed from the field's first focus; a scroll
// with the mouse wheel in between is not seen, and the caret is then only kept inside the field by
// caretPoint.
func followScroll(prev, caret fyne.Position, caretSize, view, margin fyne.Size, limit fyne.Position) fyne.Position {
	follow := func(off, lo, hi, view, limit float32) float32 {
		switch {
		case lo < off:
			off = lo
		case hi >= off+view:
			off = hi - view
		}
		return max(min(off, limit), 0)
	}
	return fyne.NewPos(
		follow(prev.X, caret.X-margin.Width, caret.X+caretSize.Width+margin.Width, view.Width, limit.X),
		follow(prev.Y, caret.Y-margin.Height, caret.Y+caretSize.Height+margin.Height, view.Height, limit.Y))
}

// noLimit is a scroll limit not known.
var noLimit = fyne.NewPos(math.MaxFloat32, math.MaxFloat32)

// entryOf is the Entry of a focused text field: Fyne's own or the app's (keys.go); nil for any other
// focused widget. A new field type that embeds widget.Entry is added here.
func entryOf(o fyne.Focusable) *widget.Entry {
	switch e := o.(type) {
	case *widget.Entry:
		return e
	case *entry:
		return &e.Entry
	}
	return nil
}

// imeSink hands the caret to the input method. place runs on the UI goroutine; false when the
// window cannot take it yet (not shown), so the next step tries again.
type imeSink interface {
	place(c imeCaret) bool
}

// caretFollower watches the focused field's caret and tells the sink when it moves.
type caretFollower struct {
	win    fyne.Window
	sink   imeSink
	field  fyne.Focusable // the field scroll belongs to
	scroll fyne.Position
	last   imeCaret
	placed bool
}

// step looks at the caret once; it runs on the UI goroutine.
func (f *caretFollower) step() {
	c, ok := f.caret()
	if !ok || (f.placed && c == f.last) {
		return
	}
	if f.sink.place(c) {
		f.last, f.placed = c, true
	}
}

// caret is where the focused field's caret is; false when no text field has the focus.
func (f *caretFollower) caret() (imeCaret, bool) {
	focused := f.win.Canvas().Focused()
	e := entryOf(focused)
	obj, _ := focused.(fyne.CanvasObject) // the object in the window's tree (the app's type, not its Entry)
	if e == nil || obj == nil || !obj.Visible() {
		return imeCaret{}, false
	}
	th := e.Theme()
	textSize := th.Size(theme.SizeNameText)
	border := th.Size(theme.SizeNameInputBorder)
	innerPad := th.Size(theme.SizeNameInnerPadding)
	lineSpace := th.Size(theme.SizeNameLineSpacing)
	// The Entry sizes its caret by "M" (by the dot of a password) and its scroll margin by "e".
	sizer := "M"
	if e.Password {
		sizer = "•"
	}
	line := fyne.MeasureText(sizer, textSize, e.TextStyle).Height
	letter := fyne.MeasureText("e", textSize, e.TextStyle)
	size := obj.Size()
	caret := e.CursorPosition()
	if focused != f.field {
		f.field, f.scroll = focused, fyne.Position{}
	}
	if e.Wrapping == fyne.TextWrapOff && e.Scroll == container.ScrollNone {
		f.scroll = fyne.Position{} // the text does not scroll
	} else {
		view := fyne.NewSize(size.Width, size.Height-2*border)
		limit := noLimit
		if e.CursorTextOffset() == len([]rune(e.Text)) {
			// At the end of the text the text ends just after the caret: the last line below it,
			// and, on one line, the last letter to its right.
			limit.Y = caret.Y + line + innerPad - border - view.Height
			if !e.MultiLine {
				limit.X = caret.X + border/2 + innerPad - view.Width
			}
		}
		f.scroll = followScroll(f.scroll, caret, fyne.NewSize(border, line), view,
			fyne.NewSize(letter.Width*2+lineSpace, letter.Height-lineSpace), limit)
	}
	return caretPoint(caretGeometry{
		Field:      fyne.CurrentApp().Driver().AbsolutePositionForObject(obj),
		FieldSize:  size,
		TextOrigin: fyne.NewPos(0, border),
		Caret:      caret,
		Scroll:     f.scroll,
		LineHeight: line,
		Scale:      f.win.Canvas().Scale(),
	}), true
}

// follow runs step every interval on the UI goroutine (through do: fyne.Do) until the returned
// func is called. A step is not queued while the last one waits, so a busy window does not pile
// them up.
func (f *caretFollower) follow(every time.Duration, do func(func())) (stop func()) {
	done := make(chan struct{})
	var waiting, stopped atomic.Bool
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if stopped.Load() {
					return
				}
				if !waiting.CompareAndSwap(false, true) {
					continue
				}
				do(func() {
					defer waiting.Store(false)
					if !stopped.Load() {
						f.step()
					}
				})
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			stopped.Store(true)
			close(done)
		})
	}
}
