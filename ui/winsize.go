package ui

import "fyne.io/fyne/v2"

// The window's size is remembered between runs; the first run fits a 1366×768 front-desk screen with
// the Windows taskbar and the title bar, so the status line at the bottom is on the screen.
const (
	prefWinWidth  = "window_width"
	prefWinHeight = "window_height"
)

// DefaultWindowSize is the first run's window: its content plus a title bar and a taskbar fit 768
// pixels of height.
var DefaultWindowSize = fyne.NewSize(1280, 680)

// smallest and largest sizes taken from the preferences (a size saved while minimised is not one).
const minWinWidth, minWinHeight, maxWinSide = 800, 560, 8000

// WindowSize is the size to open the window at: the one it had when last closed, or the default.
func WindowSize(p fyne.Preferences) fyne.Size {
	w, h := p.FloatWithFallback(prefWinWidth, 0), p.FloatWithFallback(prefWinHeight, 0)
	if w < minWinWidth || h < minWinHeight || w > maxWinSide || h > maxWinSide {
		return DefaultWindowSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

// rememberSize keeps the window's size for the next run.
func (sh *Shell) rememberSize() {
	s := sh.win.Canvas().Size()
	if s.Width < minWinWidth || s.Height < minWinHeight {
		return
	}
	sh.app.Preferences().SetFloat(prefWinWidth, float64(s.Width))
	sh.app.Preferences().SetFloat(prefWinHeight, float64(s.Height))
}
