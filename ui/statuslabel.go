package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// statusLabel is an entry screen's status line: hidden while it says nothing, so an empty line does not
// take the room of the fields.
type statusLabel struct{ widget.Label }

func newStatusLabel() *statusLabel {
	s := &statusLabel{}
	s.Wrapping = fyne.TextWrapWord
	s.ExtendBaseWidget(s)
	s.Hide()
	return s
}

func (s *statusLabel) SetText(text string) {
	s.Label.SetText(text)
	if text == "" {
		s.Hide()
	} else {
		s.Show()
	}
}
