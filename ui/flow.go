package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// The window's side of the forms' lives (data/flow.go): a record with a flow shows its state, the next
// step and who may take it, and its deadline; the steps are buttons built from the flow, each asking its
// fields in a small dialog with the usual messages under wrong fields.

// takeStep takes a step of a record's life: at once when it asks nothing, else after its dialog.
// done gets the changed record.
func (sh *Shell) takeStep(f *data.Form, rec *data.Record, st data.Step, done func(*data.Record)) {
	if err := f.Refusal(rec, st, sh.actor); err != nil {
		sh.notify(rec.Serial + "：" + store.Message(err))
		return
	}
	finish := func(r *data.Record) {
		state, _ := f.Status(r, sh.store.Now(), sh.store)
		sh.notify(r.Serial + " " + st.Name + "：" + state)
		sh.todayChanged()
		done(r)
	}
	if len(st.FieldsNow(sh.store, rec, sh.store.Now())) == 0 {
		take := func() {
			r, err := sh.store.Step(sh.actor, rec.Serial, st.Key, data.NewInput())
			if err != nil {
				sh.notify(store.Message(err))
				return
			}
			finish(r)
		}
		if msg, ask := decision(f, rec, st); ask {
			sh.confirm(st.Name+" "+rec.Serial, msg, st.Name, take)
			return
		}
		take()
		return
	}
	sh.askStep(f, rec, st, finish)
}

// decision is what a step asks once more before it is taken with no fields, and whether it asks: a step
// that decides for someone (an approval, a refusal, a record closed) and one that fixes the record (an
// approved fee schedule) name the record and what follows; one between fixed states (the end of the
// approved work) does not ask. The dialog of a step with fields is its confirmation already.
func decision(f *data.Form, rec *data.Record, st data.Step) (string, bool) {
	to, ok := f.Flow.StateByKey(st.To)
	fixes := ok && to.Fixed && !f.State(rec).Fixed
	if !fixes && !st.Decides {
		return "", false
	}
	msg := "为" + f.Title() + " " + rec.Serial + "办理“" + st.Name + "”"
	if ok {
		msg += "，办理后为“" + to.Name + "”"
	}
	msg += "。"
	if fixes {
		msg += "\n办理后这份" + f.Title() + "不能再修改。"
	}
	if st.Hint != "" {
		msg += "\n" + st.Hint
	}
	return msg, true
}

// askStep is the dialog of a step with fields: each field as the entry screen builds it, its message
// under it; Enter moves on and confirms on the last, Esc cancels; it stays open until the step succeeds.
func (sh *Shell) askStep(f *data.Form, rec *data.Record, st data.Step, done func(*data.Record)) {
	take := func(in data.Input) (*data.Record, error) { return sh.store.Step(sh.actor, rec.Serial, st.Key, in) }
	sh.askFields(st.Name+" "+rec.Serial, st, st.FieldsNow(sh.store, rec, sh.store.Now()), take, done)
}

// stepDialog is the dialog of a step's fields: each field as the entry screen builds it, its message
// under it, and what is wrong with no field of its own at the bottom.
type stepDialog struct {
	shell   *Shell
	fields  []data.Field
	take    func(data.Input) (*data.Record, error)
	done    func(*data.Record)
	d       *dialog.CustomDialog
	scroll  *container.Scroll
	body    *fyne.Container
	general *widget.Label
	inputs  []input
	tables  []*tableInput
	errs    []*widget.Label
	// chain is the Enter order (rechain).
	chain []input
	// height is what the fields need, for the dialog's size.
	height float32
}

// askFields asks a step's fields in a dialog and hands them to take until it succeeds.
func (sh *Shell) askFields(title string, st data.Step, fields []data.Field, take func(data.Input) (*data.Record, error), done func(*data.Record)) {
	sd := &stepDialog{shell: sh, fields: fields, take: take, done: done, body: container.NewVBox(), general: widget.NewLabel(""),
		inputs: make([]input, len(fields)), tables: make([]*tableInput, len(fields)), errs: make([]*widget.Label, len(fields)),
		height: 180}
	sd.general.Importance = widget.DangerImportance
	sd.general.Wrapping = fyne.TextWrapWord
	if st.Hint != "" {
		sd.body.Add(brokenText(st.Hint, stepDialogText)) // read whole above the fields
	}
	now := sh.store.Now().In(data.Shanghai)
	for i, fl := range fields {
		sd.addField(i, fl, now)
	}
	sd.rechain()
	sd.body.Add(sd.general)
	sd.show(title, st.Name)
}

// stepDialogText is the width a step dialog's text is broken to: the dialog's 560 less its padding
// and the scroll bar.
const stepDialogText = 500

// addField puts a field on the dialog: its label, a hint too long for its box, its box or table, and
// its message (hidden).
func (sd *stepDialog) addField(i int, fl data.Field, now time.Time) {
	sd.errs[i] = widget.NewLabel("")
	sd.errs[i].Importance = widget.DangerImportance
	sd.errs[i].Wrapping = fyne.TextWrapWord
	sd.errs[i].Hide()
	label := fl.Label
	if fl.Required {
		label += " *"
	}
	sd.body.Add(widget.NewLabel(label))
	if fl.Type == data.TypeTable {
		if fl.Hint != "" {
			hint := widget.NewLabel(fl.Hint)
			hint.Wrapping = fyne.TextWrapWord
			hint.Importance = widget.LowImportance
			sd.body.Add(hint)
			sd.height += 40
		}
		sd.tables[i] = newTableInput(fl, sd.shell.store)
		sd.tables[i].addRow(nil, false)
		sd.tables[i].onGrow = sd.rechain
		sd.body.Add(sd.tables[i].box)
		sd.height += 160
	} else {
		if len([]rune(fl.Hint)) > 30 {
			// A warning too long for the box's placeholder is read above it.
			hint := widget.NewLabel(fl.Hint)
			hint.Wrapping = fyne.TextWrapWord
			hint.Importance = widget.WarningImportance
			sd.body.Add(hint)
			sd.height += 60
		}
		sd.inputs[i] = newInput(fl, sd.shell.store)
		sd.inputs[i].set(defaultValue(fl, now, sd.shell.actor.Name))
		sd.body.Add(sd.inputs[i].object())
		sd.height += 80
		if _, ok := sd.inputs[i].(*optionsInput); ok {
			sd.height += 320 // the options listed under the box in view
		}
	}
	sd.body.Add(sd.errs[i])
}

// show opens the dialog with the keyboard on its first field.
func (sd *stepDialog) show(title, confirmText string) {
	win := sd.shell.win
	ok := widget.NewButton(confirmText, sd.confirm)
	ok.Importance = widget.HighImportance
	sd.scroll = container.NewVScroll(sd.body)
	sd.d = dialog.NewCustomWithoutButtons(title, wheelScrolled(sd.scroll), win)
	sd.d.SetButtons([]fyne.CanvasObject{widget.NewButton("取消", func() { sd.d.Hide() }), ok})
	// As tall as the fields need, within the window (a 1366×768 screen leaves about 700).
	sd.d.Resize(fyne.NewSize(560, min(sd.height, win.Canvas().Size().Height-40)))
	sd.shell.showDialog(sd.d, title, sd.body, sd.confirm, nil)
	if len(sd.chain) > 0 {
		win.Canvas().Focus(sd.chain[0].focusable())
	}
}

// rechain is the Enter order: every field in turn, a table's cells row by row (a table's keys:
// cellKeys); the last confirms.
func (sd *stepDialog) rechain() {
	sd.chain = sd.chain[:0]
	for i := range sd.fields {
		if sd.tables[i] != nil {
			sd.chain = append(sd.chain, sd.tables[i].focusables()...)
		} else {
			sd.chain = append(sd.chain, sd.inputs[i])
		}
	}
	keys := cellKeys(sd.chain, sd.tables, func(i int) func() {
		if i+1 < len(sd.chain) {
			n := sd.chain[i+1]
			return func() { sd.shell.win.Canvas().Focus(n.focusable()) }
		}
		return sd.confirm
	})
	for i := range sd.chain {
		next, leave := keys(i)
		sd.chain[i].setHooks(keyHooks{onEnter: next, onLeave: leave, onCommand: sd.cancel})
	}
}

func (sd *stepDialog) cancel(c string) bool {
	if c == cmdCancel {
		sd.d.Hide()
		return true
	}
	return false
}

// confirm takes the step with what was typed; the dialog closes only when it succeeds.
func (sd *stepDialog) confirm() {
	in := data.NewInput()
	for i, fl := range sd.fields {
		if sd.tables[i] != nil {
			in.Tables[fl.Key] = sd.tables[i].get()
			continue
		}
		if v := strings.TrimSpace(sd.inputs[i].get()); v != "" {
			in.Values[fl.Key] = v
		}
	}
	r, err := sd.take(in)
	for _, l := range sd.errs {
		l.SetText("")
		l.Hide()
	}
	sd.general.SetText("")
	if err != nil {
		sd.showError(err)
		return
	}
	sd.d.Hide()
	sd.done(r)
}

// showError puts each message under its field (or at the bottom when it has none), with the first in
// view and the keyboard on its field.
func (sd *stepDialog) showError(err error) {
	var fe data.FieldErrors
	if !errors.As(err, &fe) {
		sd.general.SetText(store.Message(err))
		reveal(sd.scroll, sd.general)
		return
	}
	var rest []string
	for k, m := range fe {
		shown := false
		for i, fl := range sd.fields {
			if fl.Key == k || strings.HasPrefix(k, fl.Key+"[") {
				sd.errs[i].SetText(m)
				sd.errs[i].Show()
				shown = true
			}
		}
		if !shown {
			rest = append(rest, m)
		}
	}
	sd.general.SetText(strings.Join(rest, "\n"))
	for i := range sd.fields {
		if sd.errs[i].Visible() {
			reveal(sd.scroll, sd.errs[i])
			if sd.inputs[i] != nil {
				sd.shell.win.Canvas().Focus(sd.inputs[i].focusable())
			}
			break
		}
	}
	if len(rest) > 0 {
		reveal(sd.scroll, sd.general)
	}
}

// takeBulk takes a bulk step on the records given (the visitors still on site), its fields asked once.
func (sh *Shell) takeBulk(f *data.Form, recs []*data.Record, st data.Step, done func()) {
	var serials []string
	for _, r := range recs {
		serials = append(serials, r.Serial)
	}
	if len(serials) == 0 {
		sh.notify("没有需要" + st.Name + "的" + f.Title() + "记录")
		return
	}
	var n int
	take := func(in data.Input) (*data.Record, error) {
		changed, err := sh.store.StepAll(sh.actor, serials, st.Key, in)
		n = len(changed)
		return nil, err
	}
	title := fmt.Sprintf("%s（%d 条）", st.Name, len(serials))
	st.Hint = strings.TrimSpace(st.Hint + "\n" + bulkSummary(f, recs, sh.store.Now()))
	sh.askFields(title, st, st.Fields, take, func(*data.Record) {
		sh.notify(fmt.Sprintf("%s：已登记 %d 条", st.Name, n))
		sh.todayChanged()
		done()
	})
}

// bulkSummary says which records a bulk step is about to change: how many are of today and how many
// older (a visitor never signed out months ago would get tonight's time), and who they are.
func bulkSummary(f *data.Form, recs []*data.Record, now time.Time) string {
	today := now.In(data.Shanghai).Format(data.LayoutDate)
	var older int
	var earliest time.Time
	var names []string
	cols := screenColumns(f)
	for _, r := range recs {
		d := r.Date(f)
		if d.In(data.Shanghai).Format(data.LayoutDate) < today {
			older++
		}
		if earliest.IsZero() || d.Before(earliest) {
			earliest = d
		}
		if len(names) < 8 && len(cols) > 0 {
			names = append(names, r.Values[cols[0]])
		}
	}
	line := fmt.Sprintf("将办理 %d 条：%s", len(recs), strings.Join(names, "、"))
	if len(recs) > len(names) {
		line += " 等"
	}
	line += "。"
	if older > 0 {
		line += fmt.Sprintf("其中 %d 条是今天以前登记的（最早 %s），请确认他们确已离开。", older, earliest.In(data.Shanghai).Format("2006-01-02 15:04"))
	}
	return line
}

// defaultValue is what a new field shows before anything is typed: now, today, the person at the desk.
func defaultValue(fl data.Field, now time.Time, user string) string {
	return data.DefaultValue(fl, now, user)
}

// lifeLine says where a record stands: its state, what comes next and who takes it, and the deadline
// as time left or overdue. late is set when the deadline has passed.
func (sh *Shell) lifeLine(f *data.Form, r *data.Record) (string, bool) {
	now := sh.store.Now()
	s := f.StandingAt(r, now, sh.store)
	parts := []string{"状态：" + s.Name}
	var next []string
	for _, st := range f.NextSteps(r) {
		next = append(next, st.Name)
	}
	if len(next) > 0 {
		parts = append(parts, "下一步："+strings.Join(next, " / ")+"（"+f.State(r).Who.Text(r)+"）")
	}
	if d := s.Deadline; d != nil {
		parts = append(parts, data.DueText(d.At, d.Label)+"，"+s.Left)
		if !d.Known {
			parts = append(parts, data.CalendarGap(d.Year))
		}
	}
	return strings.Join(parts, "    "), s.Late
}

// stepButtons are the buttons of the steps the person may take on the record now.
func (sh *Shell) stepButtons(f *data.Form, r *data.Record, done func(*data.Record)) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, st := range f.StepsNow(r, sh.actor) {
		st := st
		b := widget.NewButton(st.Name, func() { sh.takeStep(f, r, st, done) })
		b.Importance = widget.HighImportance
		out = append(out, b)
	}
	return out
}

// reveal scrolls a scroll container so that one of its content's direct children is in view.
func reveal(sc *container.Scroll, o fyne.CanvasObject) {
	if c, ok := sc.Content.(*fyne.Container); ok {
		c.Refresh() // lays out what was just shown
	}
	top, bottom := o.Position().Y, o.Position().Y+o.Size().Height
	view := sc.Size().Height
	switch {
	case bottom > sc.Offset.Y+view:
		sc.Offset.Y = bottom - view + theme.Padding()
	case top < sc.Offset.Y:
		sc.Offset.Y = top
	default:
		return
	}
	sc.Refresh()
}
