package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// wheelCatcher lies over a scrolled form and takes the mouse wheel wherever the pointer is, over a
// field too: a Fyne entry keeps the wheel for its own text and the form would not move. It takes
// nothing else (no taps, no pointer), so the fields beneath work as ever.
type wheelCatcher struct {
	widget.BaseWidget
	scroll *container.Scroll
}

// wheelScrolled is a scrolled form with its wheel catcher over it.
func wheelScrolled(s *container.Scroll) fyne.CanvasObject {
	w := &wheelCatcher{scroll: s}
	w.ExtendBaseWidget(w)
	return container.NewStack(s, w)
}

func (w *wheelCatcher) Scrolled(e *fyne.ScrollEvent) { w.scroll.Scrolled(e) }

func (w *wheelCatcher) MinSize() fyne.Size { return fyne.Size{} }

func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}
