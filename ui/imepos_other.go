//go:build !windows

package ui

import "fyne.io/fyne/v2"

// followIMECaret does nothing on other systems: there the input method asks the toolkit for the
// caret itself (or not at all), and the imm32 calls it needs are Windows' own.
func followIMECaret(fyne.Window) (stop func()) { return func() {} }
