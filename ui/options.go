package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// optionsInput is the box of a field that declares Options (data.Field.Options): while it has the
// keyboard the options are listed under it, those that fit first, each with its word (当天休息; 当天早班，
// 时间重叠), narrowed to what is typed. A digit picks a line, ↓/↑ mark one and Enter takes it; the
// box still takes any name.
type optionsInput struct {
	fl    data.Field
	env   data.Env
	e     *optionEntry
	lines *fyne.Container
	box   *fyne.Container
	hooks keyHooks
	// context is what the screen holds now, the options' input (nil: nothing else typed).
	context func() data.Input
	shown   []data.Option
	sel     int // the marked line, -1 for none
}

// optionEntry is the entry of an optionsInput: it tells the box when it gets and loses the keyboard
// and lets it take digits.
type optionEntry struct {
	entry
	onFocus func(bool)
	onRune  func(rune) bool
}

func (e *optionEntry) FocusGained() {
	if e.onFocus != nil {
		e.onFocus(true) // the list first, so the form scrolls the box and its list into view
	}
	e.entry.FocusGained()
}

func (e *optionEntry) FocusLost() {
	e.entry.FocusLost()
	if e.onFocus != nil {
		e.onFocus(false)
	}
}

func (e *optionEntry) TypedRune(r rune) {
	if e.onRune != nil && e.onRune(r) {
		return
	}
	e.entry.TypedRune(r)
}

func newOptionsInput(fl data.Field, env data.Env) *optionsInput {
	o := &optionsInput{fl: fl, env: env, e: &optionEntry{}, lines: container.NewVBox(), sel: -1}
	o.e.ExtendBaseWidget(o.e)
	o.e.Wrapping = fyne.TextWrapOff
	o.e.SetPlaceHolder(fl.Hint)
	o.e.onFocus = func(in bool) {
		if in {
			o.list()
		} else {
			o.show(nil)
		}
	}
	o.e.onRune = o.digit
	o.e.OnChanged = func(string) {
		if o.focused() {
			o.list()
		}
	}
	o.box = container.NewVBox(o.e, o.lines)
	o.e.hooks = o.wrap(keyHooks{})
	return o
}

func (o *optionsInput) get() string               { return o.e.Text }
func (o *optionsInput) set(v string)              { o.e.SetText(v) }
func (o *optionsInput) focusable() fyne.Focusable { return o.e }
func (o *optionsInput) object() fyne.CanvasObject { return o.box }
func (o *optionsInput) setHooks(h keyHooks)       { o.hooks = h; o.e.hooks = o.wrap(h) }
func (o *optionsInput) focused() bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o.e)
	return c != nil && c.Focused() == o.e
}

// wrap puts the list's keys in front of the screen's: ↓/↑ mark a line, Enter takes the marked one and
// moves on, Esc closes the list first.
func (o *optionsInput) wrap(h keyHooks) keyHooks {
	h.onKey = func(k *fyne.KeyEvent) bool {
		if len(o.shown) == 0 {
			return false
		}
		switch k.Name {
		case fyne.KeyDown:
			o.sel = min(o.sel+1, len(o.shown)-1)
		case fyne.KeyUp:
			o.sel = max(o.sel-1, 0)
		case fyne.KeyReturn, fyne.KeyEnter:
			if o.sel >= 0 {
				o.take(o.sel)
				return true
			}
			return false
		case fyne.KeyEscape:
			o.show(nil)
			return true
		default:
			return false
		}
		o.render()
		return true
	}
	return h
}

// digit picks the n-th line listed and moves on; a name has no digits, so nothing typed is lost.
func (o *optionsInput) digit(r rune) bool {
	if r < '1' || r > '9' || int(r-'1') >= len(o.shown) {
		return false
	}
	o.take(int(r - '1'))
	return true
}

// take fills the box with a listed option and goes on as Enter does.
func (o *optionsInput) take(i int) {
	v := o.shown[i].Value
	o.show(nil)
	o.e.SetText(v)
	o.e.CursorColumn = len([]rune(v))
	o.hooks.edited()
	o.hooks.enter()
}

// list works the options out for what the screen holds now and shows those that match what is typed
// (all of them when the box holds one of them whole, to choose another).
func (o *optionsInput) list() {
	in := data.NewInput()
	if o.context != nil {
		in = o.context()
	}
	all := o.fl.Options(o.env, in)
	typed := strings.TrimSpace(o.e.Text)
	var out []data.Option
	for _, op := range all {
		if typed == op.Value {
			out = all
			break
		}
		if strings.Contains(op.Value, typed) {
			out = append(out, op)
		}
	}
	o.show(out)
}

func (o *optionsInput) show(opts []data.Option) {
	o.shown = opts[:min(len(opts), 9)]
	o.sel = -1
	o.render()
}

func (o *optionsInput) render() {
	o.lines.RemoveAll()
	if len(o.shown) > 0 {
		head := widget.NewLabel("按数字键选择（↓↑ 挑选，回车确定）：")
		head.Importance = widget.LowImportance
		o.lines.Add(head)
	}
	for i, op := range o.shown {
		text := fmt.Sprintf("%d  %s　%s", i+1, op.Value, op.Note)
		l := widget.NewLabel(text)
		switch {
		case i == o.sel:
			l.Importance = widget.HighImportance
			l.SetText("▶ " + text)
		case !op.Fits:
			l.Importance = widget.LowImportance
		}
		o.lines.Add(l)
	}
	o.lines.Refresh()
}
