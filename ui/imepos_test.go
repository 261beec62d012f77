package ui

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestCaretPoint(t *testing.T) {
	// A one-line field at (100, 200), 300×37, text 2 below its top; a line is 20 high.
	base := caretGeometry{
		Field: fyne.NewPos(100, 200), FieldSize: fyne.NewSize(300, 37), TextOrigin: fyne.NewPos(0, 2),
		Caret: fyne.NewPos(7, 6), LineHeight: 20, Scale: 1,
	}
	field := pixelRect{Left: 100, Top: 200, Right: 400, Bottom: 237}
	with := func(f func(g *caretGeometry)) caretGeometry { g := base; f(&g); return g }
	for _, tc := range []struct {
		name string
		g    caretGeometry
		want imeCaret
	}{
		{"column 0", base, imeCaret{X: 107, Y: 208, Height: 20, Field: field}},
		{"after three Chinese characters", with(func(g *caretGeometry) { g.Caret.X += 45 }),
			imeCaret{X: 152, Y: 208, Height: 20, Field: field}},
		{"second line of a multi-line field", with(func(g *caretGeometry) {
			g.FieldSize.Height = 76
			g.Caret = fyne.NewPos(7+30, 6+20)
		}), imeCaret{X: 137, Y: 228, Height: 20, Field: pixelRect{Left: 100, Top: 200, Right: 400, Bottom: 276}}},
		{"scale 1.25", with(func(g *caretGeometry) { g.Scale = 1.25 }),
			imeCaret{X: 134, Y: 260, Height: 25, Field: pixelRect{Left: 125, Top: 250, Right: 500, Bottom: 296}}},
		{"scale 1.5", with(func(g *caretGeometry) { g.Scale = 1.5 }),
			imeCaret{X: 161, Y: 312, Height: 30, Field: pixelRect{Left: 150, Top: 300, Right: 600, Bottom: 356}}},
		{"scale 1.5 after Chinese", with(func(g *caretGeometry) { g.Scale = 1.5; g.Caret.X += 45 }),
			imeCaret{X: 228, Y: 312, Height: 30, Field: pixelRect{Left: 150, Top: 300, Right: 600, Bottom: 356}}},
		{"scrolled down two lines", with(func(g *caretGeometry) {
			g.FieldSize.Height = 76
			g.Caret.Y = 6 + 4*20
			g.Scroll.Y = 40
		}), imeCaret{X: 107, Y: 248, Height: 20, Field: pixelRect{Left: 100, Top: 200, Right: 400, Bottom: 276}}},
		{"below the field is kept on its last line", with(func(g *caretGeometry) { g.Caret.Y = 300 }),
			imeCaret{X: 107, Y: 217, Height: 20, Field: field}},
		{"right of the field is kept at its edge", with(func(g *caretGeometry) { g.Caret.X = 900 }),
			imeCaret{X: 400, Y: 208, Height: 20, Field: field}},
		{"no scale counts as 1", with(func(g *caretGeometry) { g.Scale = 0 }), imeCaret{X: 107, Y: 208, Height: 20, Field: field}},
	} {
		if got := caretPoint(tc.g); got != tc.want {
			t.Errorf("%s: caretPoint = %+v; want %+v", tc.name, got, tc.want)
		}
	}
}

func TestFollowScroll(t *testing.T) {
	caret, view, margin := fyne.NewSize(2, 20), fyne.NewSize(300, 72), fyne.NewSize(20, 16)
	for _, tc := range []struct {
		name        string
		prev, caret fyne.Position
		limit       fyne.Position
		want        fyne.Position
	}{
		{"first line: no scroll", fyne.Position{}, fyne.NewPos(7, 6), noLimit, fyne.Position{}},
		{"second line fits", fyne.Position{}, fyne.NewPos(7, 26), noLimit, fyne.Position{}},
		{"fourth line scrolls down", fyne.Position{}, fyne.NewPos(7, 66), noLimit, fyne.NewPos(0, 66+20+16-72)},
		{"back to the second line scrolls up", fyne.NewPos(0, 30), fyne.NewPos(7, 26), noLimit, fyne.NewPos(0, 10)},
		{"a line in view keeps the scroll", fyne.NewPos(0, 30), fyne.NewPos(7, 46), noLimit, fyne.NewPos(0, 30)},
		{"a long line scrolls sideways", fyne.Position{}, fyne.NewPos(400, 6), noLimit, fyne.NewPos(400+2+20-300, 0)},
		{"never above the top", fyne.NewPos(5, 5), fyne.NewPos(7, 6), noLimit, fyne.Position{}},
		{"never past the end of the text", fyne.Position{}, fyne.NewPos(7, 66), fyne.NewPos(0, 24), fyne.NewPos(0, 24)},
		{"the end of a long line", fyne.Position{}, fyne.NewPos(400, 6), fyne.NewPos(110, 0), fyne.NewPos(110, 0)},
	} {
		if got := followScroll(tc.prev, tc.caret, caret, view, margin, tc.limit); got != tc.want {
			t.Errorf("%s: followScroll(%v, %v) = %v; want %v", tc.name, tc.prev, tc.caret, got, tc.want)
		}
	}
}

// sinkLog records what the follower hands to the input method.
type sinkLog struct {
	got   []imeCaret
	ready bool
}

func (s *sinkLog) place(c imeCaret) bool {
	if !s.ready {
		return false
	}
	s.got = append(s.got, c)
	return true
}

// imeWindow is a window with a one-line and a multi-line field of the app's own kind.
func imeWindow(t *testing.T) (fyne.Window, *entry, *entry) {
	t.Helper()
	os.Setenv("LANG", "zh_CN.UTF-8")
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	one, multi := newEntry(), newMultiLineEntry()
	w := test.NewWindow(container.NewVBox(one, multi))
	w.Resize(fyne.NewSize(420, 400))
	t.Cleanup(w.Close)
	return w, one, multi
}

// textWidth is what fyne.MeasureText gives for s in the app's text size, in pixels at scale.
func textWidth(s string, scale float32) float64 {
	return float64(fyne.MeasureText(s, NewTheme().Size(theme.SizeNameText), fyne.TextStyle{}).Width * scale)
}

func near(got int32, want float64) bool { return math.Abs(float64(got)-want) <= 1 }

func TestCaretFollowsTypingInTheWindow(t *testing.T) {
	for _, scale := range []float32{1, 1.25, 1.5} {
		w, one, multi := imeWindow(t)
		w.Canvas().(interface{ SetScale(float32) }).SetScale(scale)
		f := &caretFollower{win: w, sink: &sinkLog{}}

		if _, ok := f.caret(); ok {
			t.Errorf("scale %v: a caret with no field focused", scale)
		}
		w.Canvas().Focus(one)
		start, ok := f.caret()
		if !ok {
			t.Fatalf("scale %v: no caret in the focused field", scale)
		}
		abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(one)
		if !near(start.X, float64((abs.X+one.CursorPosition().X)*scale)) || start.Y <= pixels(abs.Y, scale) ||
			start.Field.Left != pixels(abs.X, scale) || start.Field.Top != pixels(abs.Y, scale) {
			t.Errorf("scale %v: caret at column 0 = %+v; field at %v", scale, start, abs)
		}
		line := float64(fyne.MeasureText("M", NewTheme().Size(theme.SizeNameText), fyne.TextStyle{}).Height * scale)
		if !near(start.Height, line) {
			t.Errorf("scale %v: caret height %d; want %.1f", scale, start.Height, line)
		}

		test.Type(one, "张三丰")
		typed, _ := f.caret()
		if !near(typed.X-start.X, textWidth("张三丰", scale)) || typed.Y != start.Y {
			t.Errorf("scale %v: after 张三丰 the caret moved by (%d, %d); want (%.1f, 0)",
				scale, typed.X-start.X, typed.Y-start.Y, textWidth("张三丰", scale))
		}
		one.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
		back, _ := f.caret()
		if !near(typed.X-back.X, textWidth("丰", scale)) {
			t.Errorf("scale %v: one character left moved the caret by %d; want %.1f", scale, typed.X-back.X, textWidth("丰", scale))
		}

		w.Canvas().Focus(multi)
		first, _ := f.caret()
		test.Type(multi, "第一行")
		multi.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		test.Type(multi, "第二")
		second, _ := f.caret()
		if multi.CursorRow != 1 {
			t.Fatalf("scale %v: cursor on row %d; want 1", scale, multi.CursorRow)
		}
		if !near(second.Y-first.Y, line) || !near(second.X-first.X, textWidth("第二", scale)) {
			t.Errorf("scale %v: on the second line the caret moved by (%d, %d); want (%.1f, %.1f)",
				scale, second.X-first.X, second.Y-first.Y, textWidth("第二", scale), line)
		}
		if first.Y <= typed.Y {
			t.Errorf("scale %v: the multi-line field's caret (y %d) is not below the one-line field's (y %d)", scale, first.Y, typed.Y)
		}
	}
}

// fyneScroll is how far Fyne has scrolled a field's text: its renderer's scroll, which only a test
// can reach; the follower works it out instead.
func fyneScroll(t *testing.T, e fyne.Widget) fyne.Position {
	t.Helper()
	for _, o := range test.WidgetRenderer(e).Objects() {
		if s, ok := o.(*container.Scroll); ok {
			return s.Offset
		}
	}
	t.Fatal("the field has no scroll")
	return fyne.Position{}
}

func TestCaretOfAWrappedAndScrolledField(t *testing.T) {
	w, one, multi := imeWindow(t)
	f := &caretFollower{win: w, sink: &sinkLog{}}
	border := NewTheme().Size(theme.SizeNameInputBorder)
	// check compares the follower with where Fyne drew the caret.
	check := func(what string, e *entry) imeCaret {
		t.Helper()
		c, _ := f.caret()
		real := fyneScroll(t, e)
		if math.Abs(float64(f.scroll.X-real.X)) > 0.01 || math.Abs(float64(f.scroll.Y-real.Y)) > 0.01 {
			t.Errorf("%s (row %d): worked-out scroll %v; Fyne scrolled to %v", what, e.CursorRow, f.scroll, real)
		}
		abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
		drawn := abs.Add(fyne.NewPos(0, border)).Add(e.CursorPosition()).Subtract(real)
		if c.X != pixels(drawn.X, 1) || c.Y != pixels(drawn.Y, 1) {
			t.Errorf("%s (row %d): caret at (%d, %d); Fyne drew it at %v", what, e.CursorRow, c.X, c.Y, drawn)
		}
		if c.Y < c.Field.Top || c.Y+c.Height > c.Field.Bottom || c.X < c.Field.Left || c.X > c.Field.Right {
			t.Errorf("%s (row %d): caret %+v outside its field", what, e.CursorRow, c)
		}
		return c
	}

	w.Canvas().Focus(multi)
	first := check("empty", multi)
	// One paragraph wider than the field: the caret ends on a wrapped row, not on row 0.
	test.Type(multi, strings.Repeat("业主报修厨房水管漏水", 4))
	if c := check("wrapped paragraph", multi); multi.CursorRow == 0 || c.Y <= first.Y {
		t.Errorf("after a wrapped paragraph: row %d, caret y %d; want below row 0 (y %d)", multi.CursorRow, c.Y, first.Y)
	}
	// Many more lines than the field shows: the text scrolls down with the caret.
	for range 8 {
		multi.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		test.Type(multi, "备注")
		check("typing down", multi)
	}
	if f.scroll.Y <= 0 {
		t.Errorf("after %d rows the worked-out scroll is %v; want it scrolled down", multi.CursorRow+1, f.scroll)
	}
	// Up to the top and down again with the arrow keys.
	for multi.CursorRow > 0 {
		multi.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		check("going up", multi)
	}
	if c := check("back on row 0", multi); f.scroll.Y != 0 || c.Y != first.Y {
		t.Errorf("back on row 0: scroll %v, caret y %d; want 0 and y %d", f.scroll, c.Y, first.Y)
	}
	for range 9 {
		multi.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		check("going down", multi)
	}

	// A one-line field scrolls sideways under a long text.
	w.Canvas().Focus(one)
	test.Type(one, strings.Repeat("业主报修厨房水管漏水", 4))
	if c := check("long line", one); f.scroll.X <= 0 || c.X > c.Field.Right {
		t.Errorf("long line: scroll %v, caret %+v; want scrolled right and the caret inside", f.scroll, c)
	}
	one.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	check("home", one)
}

func TestCaretFollowerPlacesOnlyWhenTheCaretMoves(t *testing.T) {
	w, one, multi := imeWindow(t)
	sink := &sinkLog{}
	f := &caretFollower{win: w, sink: sink}

	f.step()
	w.Canvas().Focus(one)
	f.step() // the window is not ready: nothing placed, tried again next time
	if len(sink.got) != 0 {
		t.Fatalf("placed %v before the window was ready", sink.got)
	}
	sink.ready = true
	f.step()
	f.step()
	if len(sink.got) != 1 {
		t.Fatalf("placed %d times for a caret that did not move; want 1", len(sink.got))
	}
	test.Type(one, "李")
	f.step()
	f.step()
	if len(sink.got) != 2 || !near(sink.got[1].X-sink.got[0].X, textWidth("李", 1)) || sink.got[1].Y != sink.got[0].Y {
		t.Fatalf("after typing 李: placed %+v; want a second place %.1f to the right", sink.got, textWidth("李", 1))
	}
	w.Canvas().Unfocus()
	f.step()
	if len(sink.got) != 2 {
		t.Errorf("placed %+v with no field focused", sink.got[2:])
	}
	w.Canvas().Focus(multi)
	f.step()
	if len(sink.got) != 3 || sink.got[2].Y <= sink.got[1].Y {
		t.Errorf("focus on the multi-line field: placed %+v; want a third place below", sink.got)
	}
}

func TestFollowRunsStepsOnTheUIGoroutineUntilStopped(t *testing.T) {
	w, one, _ := imeWindow(t)
	sink := &sinkLog{ready: true}
	f := &caretFollower{win: w, sink: sink}
	w.Canvas().Focus(one)
	queued := make(chan func(), 16)
	stop := f.follow(2*time.Millisecond, func(fn func()) { queued <- fn })

	(<-queued)() // the test goroutine plays the UI goroutine
	if len(sink.got) != 1 {
		t.Fatalf("a step placed %d carets; want 1", len(sink.got))
	}
	// While a step waits for the UI goroutine no other is queued.
	time.Sleep(30 * time.Millisecond)
	if n := len(queued); n != 1 {
		t.Errorf("%d steps queued while one waited; want 1", n)
	}
	test.Type(one, "王")
	stop()
	stop() // twice is harmless
	time.Sleep(30 * time.Millisecond)
	for len(queued) > 0 {
		(<-queued)() // a step queued before the stop does nothing
	}
	time.Sleep(30 * time.Millisecond) // a loop still running would have queued the next one by now
	if n := len(queued); n != 0 || len(sink.got) != 1 {
		t.Errorf("after stop: %d steps queued, %d carets placed; want 0 and 1", n, len(sink.got))
	}
}
