package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// input is one field's widget on an entry screen, whatever its type.
type input interface {
	get() string
	set(string)
	focusable() fyne.Focusable
	object() fyne.CanvasObject
	setHooks(keyHooks)
}

var placeholders = map[data.FieldType]string{
	data.TypeDate: "如 2026-11-27", data.TypeTime: "如 09:30", data.TypeDateTime: "如 2026-11-27 09:30", data.TypeMonth: "如 2026-11",
	data.TypePhone: "手机或固话", data.TypeUnit: "楼栋-单元-房号，如 3-2-1201", data.TypePlate: "如 粤B12345",
	data.TypeMoney: "0.00", data.TypeIDNumber: "证件号码",
}

type entryInput struct{ e *entry }

func (i entryInput) get() string                { return i.e.Text }
func (i entryInput) set(v string)               { i.e.SetText(v) }
func (i entryInput) focusable() fyne.Focusable  { return i.e }
func (i entryInput) object() fyne.CanvasObject  { return i.e }
func (i entryInput) setHooks(h keyHooks)        { i.e.hooks = h }
func (i choiceInput) get() string               { return i.c.Selected }
func (i choiceInput) set(v string)              { i.c.SetSelected(v) }
func (i choiceInput) focusable() fyne.Focusable { return i.c }
func (i choiceInput) object() fyne.CanvasObject { return i.c }
func (i choiceInput) setHooks(h keyHooks)       { i.c.hooks = h }
func (i checkInput) focusable() fyne.Focusable  { return i.c }
func (i checkInput) object() fyne.CanvasObject  { return i.c }
func (i checkInput) setHooks(h keyHooks)        { i.c.hooks = h }
func (i *unitInput) focusable() fyne.Focusable  { return i.e }
func (i *unitInput) object() fyne.CanvasObject  { return i.box }
func (i *unitInput) get() string                { return i.e.Text }
func (i *unitInput) set(v string)               { i.e.SetText(v) }
func (i *unitInput) setHooks(h keyHooks)        { i.hooks = h; i.e.hooks = i.wrap(h) }
func (i checkInput) get() string                { return map[bool]string{true: "是", false: "否"}[i.c.Checked] }
func (i checkInput) set(v string)               { i.c.SetChecked(v == "是") }

type choiceInput struct{ c *choice }
type checkInput struct{ c *check }

// newInput makes the widget of a scalar field.
func newInput(fl data.Field, reg registry) input {
	if env, ok := reg.(data.Env); ok && fl.Options != nil {
		return newOptionsInput(fl, env)
	}
	switch fl.Type {
	case data.TypeChoice:
		return choiceInput{newChoice(fl.Choices)}
	case data.TypeBool:
		return checkInput{newCheck("是")}
	case data.TypeMultiline:
		e := newMultiLineEntry()
		e.SetPlaceHolder(strings.TrimSpace(fl.Hint + "  " + multiLineHint))
		return entryInput{e}
	case data.TypeUnit:
		return newUnitInput(reg)
	}
	e := newEntry()
	ph := fl.Hint
	if ph == "" {
		ph = placeholders[fl.Type]
	}
	e.SetPlaceHolder(ph)
	return entryInput{e}
}

// registry is what unit fields need of the household registry.
type registry interface {
	SuggestUnits(typed string, limit int) ([]store.Household, error)
	Household(unit string) (store.Household, bool)
}

// unitInput is a unit entry that suggests units from the registry as the clerk types (under the
// entry, so the keyboard stays in it), and shows the owner of the unit typed, so the desk sees at once
// whom a visitor or slip concerns (R1.1).
type unitInput struct {
	e       *entry
	reg     registry
	matches []store.Household
	sugg    *suggester
	owner   *widget.Label
	box     *fyne.Container
	hooks   keyHooks
	onPick  func(store.Household)
	lookup  lookup
}

const maxSuggestions = 6

func newUnitInput(reg registry) *unitInput {
	u := &unitInput{e: newEntry(), reg: reg, owner: widget.NewLabel("")}
	u.sugg = newSuggester(u.pick)
	u.e.SetPlaceHolder(placeholders[data.TypeUnit])
	u.owner.Importance = widget.LowImportance
	u.owner.Hide()
	u.box = container.NewVBox(u.e, u.sugg.lines, u.owner)
	u.e.OnChanged = func(string) { u.suggest() }
	u.e.hooks = u.wrap(keyHooks{})
	return u
}

// wrap puts the completion keys in front of the screen's hooks; a pick then moves on as Enter does.
func (u *unitInput) wrap(h keyHooks) keyHooks {
	h.onKey = func(k *fyne.KeyEvent) bool {
		enter := k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter
		if u.sugg.key(k) {
			return !enter
		}
		return false
	}
	return h
}

func (u *unitInput) pick(id int) {
	if id < 0 || id >= len(u.matches) {
		return
	}
	h := u.matches[id]
	u.lookup.cancelNewer() // a lookup still running would show its list again
	u.matches = nil
	u.e.OnChanged = nil
	u.e.SetText(h.Unit)
	u.e.CursorColumn = len([]rune(h.Unit))
	u.e.OnChanged = func(string) { u.suggest() }
	u.showOwner(h.Unit)
	if u.onPick != nil {
		u.onPick(h)
	}
}

func (u *unitInput) showOwner(unit string) {
	unit = strings.TrimSpace(unit)
	h, ok := u.reg.Household(unit)
	u.showOwnerOf(unit, h, ok)
}

func (u *unitInput) showOwnerOf(unit string, h store.Household, ok bool) {
	switch {
	case ok:
		occ := "已入住"
		if !h.Occupied {
			occ = "未入住"
		}
		u.owner.SetText("业主：" + h.Owner + "  " + data.MaskPhone(h.OwnerPhone) + "  " + occ)
		u.owner.Show()
	case unit != "" && len(u.matches) == 0:
		u.owner.SetText("业户档案中没有这个房号")
		u.owner.Show()
	default:
		u.owner.Hide()
	}
}

// suggest completes what was typed. A unit typed in full is looked up at once (one key of the
// registry), so its owner is filled before anything else the clerk does; the list of units it starts,
// a walk through the registry, is made off the UI goroutine (lookup.go).
func (u *unitInput) suggest() {
	text := strings.TrimSpace(u.e.Text)
	h, known := u.reg.Household(text)
	if known && u.onPick != nil {
		u.onPick(h) // typed in full: as good as picked
	}
	run(&u.lookup, func(context.Context) []store.Household {
		if text == "" {
			return nil
		}
		all, _ := u.reg.SuggestUnits(text, maxSuggestions+1)
		return all
	}, func(all []store.Household) { u.showSuggestions(text, all, h, known) }, nil)
}

func (u *unitInput) showSuggestions(text string, all []store.Household, h store.Household, known bool) {
	u.matches = nil
	if !(known && len(all) == 1) {
		u.matches = all[:min(len(all), maxSuggestions)]
	}
	var labels []string
	for _, m := range u.matches {
		labels = append(labels, m.Unit+"   "+m.Owner+"   "+data.MaskPhone(m.OwnerPhone))
	}
	u.sugg.set(labels)
	u.showOwnerOf(text, h, known)
}
