package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Commands the keyboard shortcuts stand for.
const (
	cmdNew    = "new"    // Ctrl+N
	cmdSave   = "save"   // Ctrl+S
	cmdPrint  = "print"  // Ctrl+P
	cmdFind   = "find"   // Ctrl+F
	cmdCancel = "cancel" // Esc
	cmdLock   = "lock"   // Ctrl+L
	cmdExport = "export" // Ctrl+E
	cmdUndo   = "undo"   // Ctrl+Z: on a list, takes back the step just taken (undo.go); in a field, its typing
	// cmdConfirm is Enter on no widget: a dialog's default (dialogs.go).
	cmdConfirm = "default"
)

var shortcutKeys = map[fyne.KeyName]string{fyne.KeyN: cmdNew, fyne.KeyS: cmdSave, fyne.KeyP: cmdPrint, fyne.KeyF: cmdFind, fyne.KeyL: cmdLock, fyne.KeyE: cmdExport}

// commandOf maps a shortcut to a command; "" for shortcuts the app does not use.
func commandOf(s fyne.Shortcut) string {
	if _, ok := s.(*fyne.ShortcutUndo); ok {
		return cmdUndo // the window's own name for Ctrl+Z
	}
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault {
		if cs.KeyName == fyne.KeyZ {
			return cmdUndo
		}
		return shortcutKeys[cs.KeyName]
	}
	return ""
}

// commander receives the app's commands; the shell routes them to the screen on show.
type commander interface {
	command(name string) bool
}

// keyHooks are what the app's input widgets share: where Enter goes and where commands go.
// A focused Entry takes every shortcut for itself in Fyne, so the widgets forward the app's own.
type keyHooks struct {
	onEnter   func() // move on (next field, or save on the last)
	onCommand func(name string) bool
	onKey     func(*fyne.KeyEvent) bool // extra keys (completion list); true when used
	onEdit    func()                    // the value was typed, deleted, pasted or picked
	onLeave   func()                    // Ctrl+Enter in a table's cell: out of the table (cellKeys)
	onFocus   func()                    // the input got the keyboard focus (the form scrolls it into view)
}

func (h *keyHooks) focused() {
	if h != nil && h.onFocus != nil {
		h.onFocus()
	}
}

// ctrlEnter is Ctrl+Enter: out of a table from any of its lines, else on as Enter goes (a multi-line
// field's way out). True when used.
func (h *keyHooks) ctrlEnter(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault || (cs.KeyName != fyne.KeyReturn && cs.KeyName != fyne.KeyEnter) {
		return false
	}
	if h.onLeave != nil {
		h.onLeave()
		return true
	}
	return h.enter()
}

func (h *keyHooks) edited() {
	if h != nil && h.onEdit != nil {
		h.onEdit()
	}
}

func (h *keyHooks) enter() bool {
	if h != nil && h.onEnter != nil {
		h.onEnter()
		return true
	}
	return false
}

// shellCommand is the window's own handler (lock, and whatever the screen in front takes); commands a
// widget's screen does not handle go on to it.
var shellCommand func(name string) bool

// key handles the keys every app input shares: Enter moves on, Esc goes back. True when used.
func (h *keyHooks) key(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		return h.enter()
	case fyne.KeyEscape:
		return h.cmd(cmdCancel)
	case fyne.KeyF1:
		return h.cmd(cmdHelp)
	}
	return false
}

func (h *keyHooks) cmd(name string) bool {
	if h != nil && h.onCommand != nil && name != cmdLock && h.onCommand(name) {
		return true
	}
	return shellCommand != nil && shellCommand(name)
}

// entry is a widget.Entry that moves on with Enter and passes Ctrl+N/S/P/F and Esc to the screen.
type entry struct {
	widget.Entry
	hooks keyHooks
}

func newEntry() *entry {
	e := &entry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrapOff
	return e
}

func newMultiLineEntry() *entry {
	e := newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	return e
}

func (e *entry) FocusGained() {
	e.Entry.FocusGained()
	e.hooks.focused()
}

func (e *entry) TypedRune(r rune) {
	touch()
	e.Entry.TypedRune(r)
	e.hooks.edited()
}

// multiLineHint is shown in every multi-line field: the keys that leave it.
const multiLineHint = "（回车换行；Tab 或 Ctrl+回车 到下一项）"

// AcceptsTab is false for every entry, the multi-line ones too: Tab always moves on (Enter makes the
// new line of a multi-line field).
func (e *entry) AcceptsTab() bool { return false }

func (e *entry) TypedKey(k *fyne.KeyEvent) {
	touch()
	if e.hooks.onKey != nil && e.hooks.onKey(k) {
		return
	}
	switch k.Name {
	case fyne.KeyTab:
		// The window moves the focus itself for a widget that does not take Tab; a Tab that reaches
		// the field anyway does the same.
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.FocusNext()
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.MultiLine && e.hooks.enter() {
			return
		}
	case fyne.KeyEscape:
		if e.hooks.cmd(cmdCancel) {
			return
		}
	case fyne.KeyF1:
		if e.hooks.cmd(cmdHelp) {
			return
		}
	}
	e.Entry.TypedKey(k)
	e.hooks.edited() // a deletion
}

func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if e.hooks.ctrlEnter(s) {
		return // Ctrl+Enter leaves a multi-line field as Enter leaves a one-line one, and a table
	}
	if c := commandOf(s); c != "" && e.hooks.cmd(c) {
		return
	}
	e.Entry.TypedShortcut(s)
	e.hooks.edited() // a paste or a cut
}

// choice is a widget.Select a clerk drives from the keyboard: digits 1–9 pick an option and move on
// (what is typed next goes to the next field), Left/Right step through them, Space opens the list,
// Enter moves on.
type choice struct {
	widget.Select
	hooks keyHooks
}

func newChoice(options []string) *choice {
	c := &choice{}
	c.Options = options
	c.PlaceHolder = "（按数字键选择）"
	c.ExtendBaseWidget(c)
	return c
}

func (c *choice) TypedKey(k *fyne.KeyEvent) {
	touch()
	if !c.hooks.key(k) {
		c.Select.TypedKey(k)
	}
}

func (c *choice) TypedRune(r rune) {
	if r >= '1' && r <= '9' && int(r-'1') < len(c.Options) {
		c.SetSelectedIndex(int(r - '1'))
		c.hooks.edited()
		c.hooks.enter()
		return
	}
	c.Select.TypedRune(r)
	c.hooks.edited()
}

func (c *choice) FocusGained() {
	c.Select.FocusGained()
	c.hooks.focused()
}

func (c *choice) TypedShortcut(s fyne.Shortcut) {
	if c.hooks.ctrlEnter(s) {
		return
	}
	if cmd := commandOf(s); cmd != "" {
		c.hooks.cmd(cmd)
	}
}

// check is a widget.Check that moves on with Enter; Space toggles it, and 1/Y mean 是, 0/N 否.
type check struct {
	widget.Check
	hooks keyHooks
}

func newCheck(label string) *check {
	c := &check{}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

func (c *check) TypedKey(k *fyne.KeyEvent) {
	touch()
	if !c.hooks.key(k) {
		c.Check.TypedKey(k)
	}
}

func (c *check) TypedRune(r rune) {
	switch r {
	case '1', 'y', 'Y':
		c.SetChecked(true)
	case '0', 'n', 'N':
		c.SetChecked(false)
	default:
		c.Check.TypedRune(r)
	}
	c.hooks.edited()
}

func (c *check) FocusGained() {
	c.Check.FocusGained()
	c.hooks.focused()
}

func (c *check) TypedShortcut(s fyne.Shortcut) {
	if c.hooks.ctrlEnter(s) {
		return
	}
	if cmd := commandOf(s); cmd != "" && c.hooks.cmd(cmd) {
		return
	}
}

// Shortcuts the window registers for when no input has the focus.
func registerShortcuts(c fyne.Canvas, run func(string) bool) {
	for k, name := range shortcutKeys {
		name := name
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { run(name) })
	}
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { run(cmdUndo) })
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			run(cmdCancel)
		case fyne.KeyF1:
			run(cmdHelp)
		case fyne.KeyReturn, fyne.KeyEnter:
			run(cmdConfirm)
		}
	})
}

// okButton is a button that Enter and Esc tap as well as the space bar: the one button of a notice.
// With esc set, Esc does that instead (a dialog's 取消, whichever button has the focus).
type okButton struct {
	widget.Button
	esc func()
}

func newOKButton(label string, tapped func()) *okButton {
	b := &okButton{}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *okButton) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape && b.esc != nil:
		b.esc()
		return
	case k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter || k.Name == fyne.KeyEscape:
		b.Tapped(nil)
		return
	}
	b.Button.TypedKey(k)
}

// keyTable is a widget.Table that leaves the window its keys: F1 helps and Esc goes back, where
// Fyne's table would keep them for nothing (the board's rules).
type keyTable struct{ widget.Table }

func newKeyTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *keyTable {
	t := &keyTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ExtendBaseWidget(t)
	return t
}

func (t *keyTable) TypedKey(k *fyne.KeyEvent) {
	touch()
	switch k.Name {
	case fyne.KeyF1:
		if shellCommand != nil {
			shellCommand(cmdHelp)
		}
	case fyne.KeyEscape:
		if shellCommand != nil {
			shellCommand(cmdCancel)
		}
	default:
		t.Table.TypedKey(k)
	}
}
