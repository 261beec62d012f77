package ui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Every dialog of the window goes through here, and one rule holds for all of them: Enter takes the
// dialog's default (知道了, the confirmation), Esc its cancel, the keyboard starts in the dialog, and
// while a dialog is open no key reaches the screen behind it (Esc does not close the form under it,
// Ctrl+N opens no new slip behind it).

// openDialog is a dialog on show: what Enter and Esc do when the keyboard is on none of its widgets.
type openDialog struct {
	d          *dialog.CustomDialog
	title      string
	body       fyne.CanvasObject
	enter, esc func()
}

// showDialog shows d as one of the window's dialogs until it closes: enter is its default (nil: Enter
// does nothing outside its widgets), esc its cancel (nil: Esc closes it).
func (sh *Shell) showDialog(d *dialog.CustomDialog, title string, body fyne.CanvasObject, enter, esc func()) {
	od := &openDialog{d: d, title: title, body: body, enter: enter, esc: esc}
	sh.dialogs = append(sh.dialogs, od)
	d.SetOnClosed(func() {
		for i, o := range sh.dialogs {
			if o == od {
				sh.dialogs = append(sh.dialogs[:i], sh.dialogs[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// dialogCommand takes a command while a dialog is open: Esc cancels the dialog in front, Enter takes
// its default, F1 still helps, and every other command is kept from the screen behind. False when no
// dialog is open.
func (sh *Shell) dialogCommand(name string) bool {
	if len(sh.dialogs) == 0 {
		return false
	}
	od := sh.dialogs[len(sh.dialogs)-1]
	switch name {
	case cmdCancel:
		if od.esc != nil {
			od.esc()
		} else {
			od.d.Hide()
		}
	case cmdConfirm:
		if od.enter != nil {
			od.enter()
		}
	case cmdHelp:
		sh.showHelp()
	}
	return true
}

// dialogButton is one button of a dialog of choices.
type dialogButton struct {
	label      string
	importance widget.Importance
	act        func() // after the dialog has closed; nil only closes it
}

// choose shows a dialog of buttons under body: the first button is the default (the keyboard starts
// on it, Enter takes it), and Esc, on any button or none, is cancel (nil: Esc only closes).
func (sh *Shell) choose(title string, body fyne.CanvasObject, cancel func(), buttons ...dialogButton) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, body, sh.win)
	esc := func() {
		d.Hide()
		if cancel != nil {
			cancel()
		}
	}
	objs := make([]fyne.CanvasObject, len(buttons))
	okButtons := make([]*okButton, len(buttons))
	for i, b := range buttons {
		b := b
		ob := newOKButton(b.label, func() {
			d.Hide()
			if b.act != nil {
				b.act()
			}
		})
		ob.Importance = b.importance
		ob.esc = esc
		objs[i], okButtons[i] = ob, ob
	}
	d.SetButtons(objs)
	sh.showDialog(d, title, body, func() { okButtons[0].Tapped(nil) }, esc)
	sh.win.Canvas().Focus(okButtons[0])
	return d
}

// inform shows a message to read, with one button (知道了) that Enter, Esc and the space bar press.
func (sh *Shell) inform(title, text string) {
	sh.choose(title, dialogText(text), nil, dialogButton{label: "知道了", importance: widget.HighImportance})
}

// notice is inform on a window with no desk behind it (the recovery before the login).
func notice(w fyne.Window, title, text string) {
	var d *dialog.CustomDialog
	ok := newOKButton("知道了", func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(title, dialogText(text), w)
	d.SetButtons([]fyne.CanvasObject{ok})
	d.Show()
	w.Canvas().Focus(ok)
}

// confirm asks once more before act: Enter takes yes (the button named for what it does, 批准), Esc
// and 取消 leave everything as it was.
func (sh *Shell) confirm(title, text, yes string, act func()) {
	sh.confirmBody(title, dialogText(text), yes, widget.HighImportance, act, nil)
}

// confirmBody is confirm with a body of its own and a cancel that does something (nil: nothing).
func (sh *Shell) confirmBody(title string, body fyne.CanvasObject, yes string, imp widget.Importance, act, cancel func()) {
	sh.choose(title, body, cancel, dialogButton{label: yes, importance: imp, act: act}, dialogButton{label: "取消", act: cancel})
}

// dialogWidth is the width a dialog's text is broken to: a dialog of 480 less its padding.
const dialogWidth = 440

// dialogText is a dialog's message broken into lines the way Chinese is set: never a line that starts
// with a closing mark (”，。）) or ends with an opening one (“（), and never a number or a code cut in
// two when it fits a line whole. Fyne's own wrapping knows neither.
func dialogText(text string) *widget.Label { return brokenText(text, dialogWidth) }

// brokenText is a label of text broken into lines of width as dialogText breaks them: its height is
// its lines' from the start (a wrapped label in a scroll is measured one line high until laid out).
func brokenText(text string, width float32) *widget.Label {
	measure := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width }
	l := widget.NewLabel(strings.Join(breakLines(text, width, measure), "\n"))
	l.Wrapping = fyne.TextWrapOff
	return l
}

const (
	closingMarks = "，。、；：！？）」』”’》〉】…%"
	openingMarks = "（「『“‘《〈【"
)

// breakLines breaks each paragraph of text into lines no wider than width (measured by measure),
// except that a closing mark stays at the end of its line (hanging), an opening mark goes down with the
// character after it, and a run of letters and digits shorter than a line is not cut.
func breakLines(text string, width float32, measure func(string) float32) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := []rune{}
		for _, r := range para {
			if len(line) == 0 || measure(string(append(line, r))) <= width || strings.ContainsRune(closingMarks, r) {
				line = append(line, r)
				continue
			}
			if r == ' ' { // a space where a line ends goes with the break
				out = append(out, string(line))
				line = line[:0:0]
				continue
			}
			cut := breakAt(line, r)
			out = append(out, strings.TrimRight(string(line[:cut]), " "))
			line = append(append([]rune{}, line[cut:]...), r)
		}
		out = append(out, string(line))
	}
	return out
}

// breakAt is where a full line is cut when r comes next: at its end, or before the word (letters and
// digits) r continues, or before the opening marks it ends with; never so that nothing is left.
func breakAt(line []rune, r rune) int {
	cut := len(line)
	if word(r) {
		for cut > 0 && word(line[cut-1]) {
			cut--
		}
	}
	for cut > 0 && strings.ContainsRune(openingMarks, line[cut-1]) {
		cut--
	}
	if cut == 0 {
		return len(line)
	}
	return cut
}

// word is a rune of a Latin word, a number or a code (FX-20261127-001, 12:30, 3.5).
func word(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-:._/", r))
}
