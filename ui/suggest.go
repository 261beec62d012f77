package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// suggester shows choices under an input while the clerk types, without taking the keyboard away:
// Down/Up move, Enter takes the marked one, Esc closes the list. (A Fyne pop-up would take the focus.)
type suggester struct {
	lines  *fyne.Container
	labels []string
	sel    int
	pick   func(i int)
	// chosenOnly lists with no line marked: only a line the clerk chose with ↓ is taken, and Enter
	// with none chosen moves on (a returning person, never the first of a name by default).
	chosenOnly bool
}

func newSuggester(pick func(int)) *suggester {
	return &suggester{lines: container.NewVBox(), pick: pick}
}

func (s *suggester) set(labels []string) {
	s.labels, s.sel = labels, 0
	if s.chosenOnly {
		s.sel = -1
	}
	s.render()
}

func (s *suggester) clear() { s.set(nil) }

func (s *suggester) open() bool { return len(s.labels) > 0 }

func (s *suggester) render() {
	s.lines.RemoveAll()
	for i, text := range s.labels {
		l := widget.NewLabel(text)
		if i == s.sel {
			l.Importance = widget.HighImportance
			l.SetText("▶ " + text)
		}
		s.lines.Add(l)
	}
	if s.chosenOnly && len(s.labels) > 0 {
		hint := widget.NewLabel("↓ 选择一位，回车填入；直接回车不填，继续下一项")
		hint.Importance = widget.LowImportance
		s.lines.Add(hint)
	}
	s.lines.Refresh()
}

// key handles the list's keys; true when the key was used. Enter picks and reports false, so the input
// goes on as Enter does, unless the pick moved the focus itself.
func (s *suggester) key(k *fyne.KeyEvent) (used bool) {
	if !s.open() {
		return false
	}
	switch k.Name {
	case fyne.KeyDown:
		s.sel = min(s.sel+1, len(s.labels)-1)
	case fyne.KeyUp:
		lowest := 0
		if s.chosenOnly {
			lowest = -1 // above the first line: none chosen again
		}
		s.sel = max(s.sel-1, lowest)
	case fyne.KeyReturn, fyne.KeyEnter:
		i := s.sel
		s.clear()
		if i < 0 {
			return false // none chosen: the input goes on as Enter does
		}
		s.pick(i)
		return true
	case fyne.KeyEscape:
		s.clear()
		return true
	default:
		return false
	}
	s.render()
	return true
}
