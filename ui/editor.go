package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// editor is the entry screen of one record, laid out from its form's declaration in paper order.
// Enter moves to the next field and saves on the last; Ctrl+S saves, Ctrl+P saves and prints, Esc goes
// back. Nothing is stored until every field is valid; each message stands under its field.
type editor struct {
	shell  *Shell
	form   *data.Form
	rec    *data.Record // nil until saved
	inputs map[string]input
	tables map[string]*tableInput
	// grids are the tables entered as a month grid (among the inputs too, for the Enter order).
	grids     map[string]*monthGrid
	scroll    *container.Scroll // the form, scrolled to the field being typed
	startWith map[string]string // values a new record starts with, over the defaults
	errs      map[string]*widget.Label
	autos     []autoField
	// edits re-check a field as it is corrected (recheck), by its input.
	edits map[input]func()
	// exportBtn writes the saved record as an Excel spreadsheet.
	exportBtn *tipButton
	saveBtn   *tipButton
	chain     []input
	status    *statusLabel
	header    *widget.Label
	history   *fyne.Container
	// life shows where a record with a flow stands, with the buttons of its steps.
	life *fyne.Container
	// fields holds the form's fields in paper order (readOnly).
	fields   *fyne.Container
	view     fyne.CanvasObject
	onClose  func(saved *data.Record)
	voidBtn  *tipButton
	printBtn *tipButton
	openedAt time.Time // when the entry screen opened: a registration's time is opened → saved (R1.3)
	// recall lists previous records of a returning person under the fields typed to find them.
	recall   map[input]*suggester
	recalled []*data.Record
	// lookup runs the recall off the UI goroutine (lookup.go).
	lookup lookup
	// cardLine is the card reader's status on a new visitor; stopCards ends its polling.
	cardLine  *widget.Label
	stopCards func()
	// pristine is what the screen held when it opened: Esc asks before it throws away anything else.
	pristine string
	// hidden holds the whole values of the saved record's fields shown masked to this person.
	hidden map[string]string
	// labels are the fields' names: a reason field's is marked required while the record disagrees
	// with the household registry (registrycheck.go).
	labels map[string]*widget.Label
}

func newEditor(sh *Shell, f *data.Form, rec *data.Record, onClose func(*data.Record)) *editor {
	return newEditorFilled(sh, f, rec, nil, onClose)
}

// newEditorFilled is newEditor for a new record that starts with some values (a line of 今日待办: the
// day to read, the shift and person of a no-show): they win over the defaults, and the form's prefill
// sees them.
func newEditorFilled(sh *Shell, f *data.Form, rec *data.Record, fill map[string]string, onClose func(*data.Record)) *editor {
	e := &editor{shell: sh, form: f, rec: rec, inputs: map[string]input{}, tables: map[string]*tableInput{},
		errs: map[string]*widget.Label{}, onClose: onClose, openedAt: time.Now(), startWith: fill}
	e.build()
	if rec != nil {
		e.load(rec.Input())
	} else {
		e.load(e.defaults())
	}
	e.pristine = fingerprint(e.input())
	e.refreshHeader()
	e.startReader()
	if sh.actor.Login != "" {
		sh.keeper().track(e)
	}
	return e
}

func (e *editor) build() {
	rows := container.New(layout.NewFormLayout())
	for _, fl := range e.form.Fields {
		if fl.Auto {
			e.addAuto(rows, fl)
		} else {
			e.addField(rows, fl)
		}
	}
	e.header = heading("")
	e.status = newStatusLabel()
	e.history = container.NewVBox()
	e.fields = rows
	body := container.NewVBox(rows, widget.NewSeparator(), e.history)
	// The card reader's line and the form's notice stand above the fields, where the clerk who reads
	// the card sees them (and can read the notice out), and scroll away with the form: fixed above it
	// they would take the room of the fields being typed.
	if e.form.Notice != "" {
		notice := widget.NewLabel(e.form.Notice)
		notice.Wrapping = fyne.TextWrapWord
		notice.Importance = widget.LowImportance
		body.Objects = append([]fyne.CanvasObject{notice}, body.Objects...)
	}
	if line := e.newCardLine(); line != nil {
		body.Objects = append([]fyne.CanvasObject{line}, body.Objects...)
	}
	e.life = container.NewVBox()
	top := container.NewVBox(e.header, e.life, e.buildBar(), e.status)
	e.scroll = container.NewVScroll(container.NewPadded(body))
	e.view = container.NewBorder(top, nil, nil, nil, wheelScrolled(e.scroll))
	e.rechain()
}

// addAuto adds a field the record's life or the program fills: shown, never typed; hidden while empty.
func (e *editor) addAuto(rows *fyne.Container, fl data.Field) {
	name := widget.NewLabelWithStyle(fl.Label, fyne.TextAlignTrailing, fyne.TextStyle{})
	value := widget.NewLabel("")
	value.Wrapping = fyne.TextWrapWord
	value.TextStyle = fyne.TextStyle{Bold: true}
	e.autos = append(e.autos, autoField{fl: fl, name: name, value: value})
	name.Hide()
	value.Hide()
	rows.Add(name)
	rows.Add(value)
}

// addField adds a field typed in: its name, its box or table (with the recall and picks under a box),
// and its message (hidden).
func (e *editor) addField(rows *fyne.Container, fl data.Field) {
	label := fl.Label
	if fl.Required {
		label += " *"
	}
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	errLabel.Hide()
	e.errs[fl.Key] = errLabel
	var obj fyne.CanvasObject
	if fl.Type == data.TypeTable && fl.Grid != nil {
		obj = e.addGrid(fl)
	} else if fl.Type == data.TypeTable {
		t := newTableInput(fl, e.shell.store)
		t.onGrow = e.rechain
		e.tables[fl.Key] = t
		obj = t.box
	} else {
		in := newInput(fl, e.shell.store)
		if u, ok := in.(*unitInput); ok {
			u.onPick = e.fillFromRegistry
		}
		if o, ok := in.(*optionsInput); ok {
			o.context = e.input
		}
		e.inputs[fl.Key] = in
		obj = in.object()
		if sg := e.recallFor(fl, in); sg != nil {
			obj = container.NewVBox(obj, sg.lines)
		}
		if len(fl.Picks) > 0 {
			obj = container.NewVBox(obj, e.picks(fl, in))
		}
	}
	name := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{})
	if e.labels == nil {
		e.labels = map[string]*widget.Label{}
	}
	e.labels[fl.Key] = name
	rows.Add(name)
	rows.Add(container.NewVBox(obj, errLabel))
}

// buildBar makes the record's tools: save, print, export, void, and back to the list.
func (e *editor) buildBar() fyne.CanvasObject {
	sh := e.shell
	save := sh.newTipButton("保存 (Ctrl+S)", theme.DocumentSaveIcon(), "保存这张表；最后一项按回车也会保存", func() { e.save() })
	save.Importance = widget.HighImportance
	e.saveBtn = save
	e.printBtn = sh.newTipButton("打印 (Ctrl+P)", theme.DocumentPrintIcon(), "打印这张表；打印后的记录只能更正，不能直接修改", func() { e.print() })
	e.voidBtn = sh.newTipButton("作废", theme.CancelIcon(), "作废这条记录（要写明原因，记录仍保留）", func() { e.askVoid() })
	e.exportBtn = sh.newTipButton("导出Excel", theme.DownloadIcon(), "把这条记录导出为Excel表格", func() {
		if e.rec != nil {
			e.shell.exportRecord(e.rec)
		}
	})
	back := sh.newTipButton("返回 (Esc)", theme.NavigateBackIcon(), "回到打开这张表的地方（列表、今日待办或本月达标）；有未保存的内容时先询问", func() { e.command(cmdCancel) })
	return container.NewHBox(save, e.printBtn, e.exportBtn, e.voidBtn, layout.NewSpacer(), back)
}

// rechain rebuilds the Enter order: every input in paper order, table cells row by row (a table's
// keys: cellKeys).
func (e *editor) rechain() {
	e.chain = nil
	var tables []*tableInput
	for _, fl := range e.form.Fields {
		if t, ok := e.tables[fl.Key]; ok {
			e.chain = append(e.chain, t.focusables()...)
			tables = append(tables, t)
		} else if in, ok := e.inputs[fl.Key]; ok {
			e.chain = append(e.chain, in)
			if e.edits == nil {
				e.edits = map[input]func(){}
			}
			fl := fl
			e.edits[in] = func() { e.recheck(fl); e.registryEdit(fl.Key) }
		}
	}
	keys := cellKeys(e.chain, tables, func(i int) func() {
		if i+1 < len(e.chain) {
			n := e.chain[i+1]
			return func() { e.focus(n) }
		}
		return func() { e.save() }
	})
	for i, in := range e.chain {
		next, leave := keys(i)
		// Wherever the focus goes (Enter, Tab, a click), the form scrolls it into view.
		h := keyHooks{onEnter: next, onLeave: leave, onCommand: e.command, onEdit: e.edits[in], onFocus: func() { e.reveal(in.object(), nil) }}
		if sg, ok := e.recall[in]; ok {
			h.onKey = sg.key
		}
		in.setHooks(h)
	}
}

// recallFor makes the suggestion list of a field a returning person is found by (name, phone, plate:
// the searchable text fields of a form that declares Recall), for new records only.
func (e *editor) recallFor(fl data.Field, in input) *suggester {
	if len(e.form.Recall) == 0 || e.rec != nil || !fl.Search || fl.Type == data.TypeUnit || fl.Fill != "" {
		return nil
	}
	ei, ok := in.(entryInput)
	if !ok {
		return nil
	}
	sg := newSuggester(func(i int) { e.takeRecalled(i) })
	sg.chosenOnly = true // a name alone never fills a person's ID: only the line chosen does
	if e.recall == nil {
		e.recall = map[input]*suggester{}
	}
	e.recall[in] = sg
	ei.e.OnChanged = func(text string) { e.suggestRecall(sg, text) }
	return sg
}

// suggestRecall looks up earlier records by what was typed (2 characters or more) and lists each
// person once, newest visit first.
func (e *editor) suggestRecall(sg *suggester, text string) {
	for _, other := range e.recall {
		if other != sg {
			other.clear()
		}
	}
	if len([]rune(strings.TrimSpace(text))) < 2 {
		e.lookup.cancelNewer()
		sg.clear()
		return
	}
	st, actor := e.shell.store, e.shell.actor // taken on the UI goroutine
	run(&e.lookup, func(ctx context.Context) recallAnswer {
		page, err := st.ListContext(ctx, actor, store.Query{Kind: e.form.Key, Text: text, Limit: 60})
		return recallAnswer{page, err}
	}, func(a recallAnswer) { e.showRecall(sg, a) }, nil)
}

type recallAnswer struct {
	page store.Page
	err  error
}

// showRecall lists the people a recall found (UI goroutine).
func (e *editor) showRecall(sg *suggester, a recallAnswer) {
	if a.err != nil {
		sg.clear()
		return
	}
	page := a.page
	seen := map[string]bool{}
	e.recalled = nil
	var labels []string
	for _, r := range page.Records {
		who := e.identity(r)
		if seen[who] || r.Voided() || r.Purged {
			continue
		}
		seen[who] = true
		e.recalled = append(e.recalled, r)
		var parts []string
		for _, k := range e.form.Recall {
			fl, _ := e.form.Field(k)
			if v := r.Values[k]; v != "" && (fl.Search || fl.Type == data.TypeIDNumber) {
				parts = append(parts, data.DisplayFor(e.shell.actor, fl, v))
			}
		}
		labels = append(labels, strings.Join(parts, "  ")+"  （上次 "+r.Date(e.form).In(data.Shanghai).Format("01-02")+"）")
		if len(labels) == maxSuggestions {
			break
		}
	}
	sg.set(labels)
}

// takeRecalled fills the picked person's details from their last record and puts the cursor on the
// first required field still empty (the household's consent, asked anew at every visit).
func (e *editor) takeRecalled(i int) {
	if i < 0 || i >= len(e.recalled) {
		return
	}
	e.lookup.cancelNewer() // a recall still running would show its list again
	r := e.recalled[i]
	for _, k := range e.form.Recall {
		if r.Values[k] != "" {
			e.fill(k, r.Values[k])
		}
	}
	if h, ok := e.shell.store.Household(r.Values[e.form.UnitField()]); ok {
		e.fillFromRegistry(h)
	}
	if !e.focusFirstEmpty() {
		e.focus(e.chain[len(e.chain)-1])
	}
	// What was just filled stays in view with the field the cursor went to, as far as the form's
	// height allows (the cursor's field first).
	for _, in := range e.chain {
		if in.focusable() == e.shell.win.Canvas().Focused() {
			e.reveal(e.fieldObject(e.form.Recall[0]), in.object())
			e.reveal(in.object(), nil)
		}
	}
}

// identity is who an earlier record is about: the names, phones and document numbers among the form's
// recalled fields, so each person is listed once.
func (e *editor) identity(r *data.Record) string {
	var parts []string
	for _, k := range e.form.Recall {
		if fl, ok := e.form.Field(k); ok && (fl.Type == data.TypePerson || fl.Type == data.TypePhone || fl.Type == data.TypeIDNumber) {
			parts = append(parts, r.Values[k])
		}
	}
	return strings.Join(parts, "|")
}

// fill puts a value into a field as the program does, not as typing: no recall lookup starts.
func (e *editor) fill(key, v string) {
	in, ok := e.inputs[key]
	if !ok {
		return
	}
	if ei, ok := in.(entryInput); ok {
		old := ei.e.OnChanged
		ei.e.OnChanged = nil
		in.set(v)
		ei.e.OnChanged = old
	} else {
		in.set(v)
	}
}

// focusFirstEmpty puts the cursor on the first required field still empty, if there is one.
func (e *editor) focusFirstEmpty() bool {
	for _, fl := range e.form.Fields {
		if in, ok := e.inputs[fl.Key]; ok && fl.Required && strings.TrimSpace(in.get()) == "" {
			e.focus(in)
			return true
		}
	}
	return false
}

// fillFromRegistry fills the owner's name and phone of the chosen unit into the fields declared to take
// them, where the clerk has not typed anything yet.
func (e *editor) fillFromRegistry(h store.Household) {
	for _, fl := range e.form.Fields {
		in, ok := e.inputs[fl.Key]
		if !ok || fl.Fill == "" || strings.TrimSpace(in.get()) != "" {
			continue
		}
		switch fl.Fill {
		case data.FillOwner:
			in.set(h.Owner)
		case data.FillOwnerPhone:
			in.set(h.OwnerPhone)
		}
	}
	e.showRegistry()
}

func indexOf(list []input, x input) int {
	for i, v := range list {
		if v == x {
			return i
		}
	}
	return -1
}

func (e *editor) focus(in input) {
	if c := e.shell.win.Canvas(); c != nil {
		c.Focus(in.focusable())
	}
	e.reveal(in.object(), nil)
}

// reveal scrolls the form so the object is in view, and the message under it (below) too when it
// fits: the field the cursor moves to, the first refused field after a save.
func (e *editor) reveal(obj, below fyne.CanvasObject) {
	if e.scroll == nil || obj == nil || e.scroll.Content == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(e.scroll.Content).Y
	bottom := top + obj.Size().Height
	if below != nil && below.Visible() {
		if b := d.AbsolutePositionForObject(below).Y - d.AbsolutePositionForObject(e.scroll.Content).Y + below.Size().Height; b > bottom {
			bottom = b
		}
	}
	view := e.scroll.Size().Height
	off := e.scroll.Offset.Y
	const pad = 12
	switch {
	case top-pad < off:
		off = top - pad
	case bottom+pad > off+view:
		off = min(top-pad, bottom+pad-view)
	default:
		return
	}
	e.scroll.ScrollToOffset(fyne.NewPos(0, max(off, 0)))
}

// focusFirst puts the cursor in the first field (or the first field with an error).
func (e *editor) focusFirst() {
	if len(e.chain) > 0 {
		e.focus(e.chain[0])
	}
}

func (e *editor) defaults() data.Input {
	in := data.NewInput()
	now := e.shell.store.Now().In(data.Shanghai)
	for _, fl := range e.form.Fields {
		if v := defaultValue(fl, now, e.shell.actor.Name); v != "" {
			in.Values[fl.Key] = v
		}
	}
	for k, v := range e.startWith {
		in.Values[k] = v
	}
	if e.form.Prefill != nil {
		e.form.Prefill(e.shell.store, &in, now)
	}
	for k, v := range e.startWith {
		in.Values[k] = v
	}
	return in
}

func (e *editor) load(in data.Input) {
	e.hidden = map[string]string{}
	for key, w := range e.inputs {
		v := in.Values[key]
		fl, _ := e.form.Field(key)
		if shown := data.DisplayFor(e.shell.actor, fl, v); e.rec != nil && shown != v {
			// A saved record's ID number or phone is the registration's: a role that may not see it
			// in full reads it masked and cannot change it (the record keeps it whole).
			e.hidden[key] = v
			w.set(shown)
			if d, ok := w.focusable().(fyne.Disableable); ok {
				d.Disable()
			}
			continue
		}
		if d, ok := w.focusable().(fyne.Disableable); ok && d.Disabled() {
			d.Enable()
		}
		w.set(v)
	}
	for key, t := range e.tables {
		t.mask = nil
		if e.rec != nil {
			actor := e.shell.actor
			t.mask = func(c data.Field, v string) string { return data.DisplayFor(actor, c, v) }
		}
		t.set(in.Tables[key])
	}
	for key, g := range e.grids {
		g.setRows(in.Tables[key])
	}
	e.rechain()
	e.showRegistry()
}

// input collects what is on screen.
func (e *editor) input() data.Input {
	in := data.NewInput()
	for _, fl := range e.form.Fields {
		if g, ok := e.grids[fl.Key]; ok {
			in.Tables[fl.Key] = g.rows()
			continue
		}
		if t, ok := e.tables[fl.Key]; ok {
			in.Tables[fl.Key] = t.get()
			continue
		}
		w, ok := e.inputs[fl.Key]
		if !ok {
			continue // an Auto field: the store keeps what the record holds
		}
		v := w.get()
		if whole, ok := e.hidden[fl.Key]; ok && v == data.DisplayFor(e.shell.actor, fl, whole) {
			v = whole // shown masked, kept whole
		}
		if strings.TrimSpace(v) != "" {
			in.Values[fl.Key] = v
		}
	}
	return in
}

func (e *editor) refreshHeader() {
	if e.rec == nil {
		e.header.SetText("新建" + e.form.Title())
		e.voidBtn.Disable()
		e.exportBtn.Disable()
		return
	}
	e.exportBtn.Enable()
	text := e.form.Title() + "  编号 " + e.rec.Serial
	if e.rec.Sealed && !e.rec.Voided() {
		text += "  【已打印签字：修改须填写更正原因】"
	}
	e.saveBtn.Enable()
	if e.form.Flow != nil && !e.rec.Voided() {
		if st := e.form.State(e.rec); st.Fixed {
			// Fixed in its life (signed, approved): nothing more to save; a change is a new record.
			text += "  【" + st.Name + "：不能再修改】"
			e.saveBtn.Disable()
			e.readOnly((&data.FixedError{State: st.Name, Form: e.form.Title()}).Chinese())
		}
	}
	if e.rec.Voided() {
		text += "  【已作废：" + e.rec.VoidReason + "】"
		e.voidBtn.Disable()
		e.saveBtn.Disable()
		e.readOnly("这条记录已作废，不能再修改；如需登记，请新建一份。")
	} else {
		e.voidBtn.Enable()
	}
	e.header.SetText(text)
	e.showAuto()
	e.showLife()
	e.showHistory()
}

// readOnly makes the record's fields read-only on screen (approved, voided: the store refuses a change
// anyway), and says why and what to do instead on the status line, so nobody types what cannot be
// saved. A record is never made editable again.
func (e *editor) readOnly(why string) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if d, ok := o.(fyne.Disableable); ok {
			d.Disable()
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, o := range c.Objects {
				walk(o)
			}
		}
	}
	walk(e.fields)
	e.status.SetText(why)
}

// autoField is an Auto field on the entry screen: its name and value, read-only.
type autoField struct {
	fl          data.Field
	name, value *widget.Label
}

// showAuto shows what the record's life and the program filled in (hidden where empty).
func (e *editor) showAuto() {
	for _, a := range e.autos {
		text := ""
		if e.rec != nil {
			text = autoText(e.shell.actor, a.fl, e.rec)
		}
		a.value.SetText(text)
		if text == "" {
			a.name.Hide()
			a.value.Hide()
		} else {
			a.name.Show()
			a.value.Show()
		}
	}
}

// autoText is an Auto field's value as the screen shows it: a table one line a row.
func autoText(a data.Actor, fl data.Field, r *data.Record) string {
	if fl.Type != data.TypeTable {
		return data.Display(fl, data.DisplayFor(a, fl, r.Values[fl.Key]))
	}
	var lines []string
	for i, row := range r.Tables[fl.Key] {
		var cells []string
		for _, c := range fl.Columns {
			if v := row[c.Key]; v != "" {
				cells = append(cells, c.Label+" "+data.Display(c, data.DisplayFor(a, c, v)))
			}
		}
		lines = append(lines, fmt.Sprintf("%d. %s", i+1, strings.Join(cells, "  ")))
	}
	return strings.Join(lines, "\n")
}

// showLife shows the record's state, next step, who takes it and its deadline, and the buttons of the
// steps this person may take now.
func (e *editor) showLife() {
	e.life.RemoveAll()
	if e.rec == nil || e.form.Flow == nil {
		return
	}
	line, late := e.shell.lifeLine(e.form, e.rec)
	l := widget.NewLabel(line)
	l.Wrapping = fyne.TextWrapWord
	if late {
		l.Importance = widget.DangerImportance
	}
	buttons := e.shell.stepButtons(e.form, e.rec, func(r *data.Record) {
		// A step may change a field on screen (a complaint's validity decided): what was not being
		// edited shows the record as it now is.
		clean := !e.dirty()
		old := e.rec
		e.rec = r
		if clean {
			e.load(r.Input())
			e.pristine = fingerprint(e.input())
		} else {
			// What the clerk is typing stays; a field the step changed shows what it now holds.
			for k, in := range e.inputs {
				if old.Values[k] != r.Values[k] {
					in.set(r.Values[k])
				}
			}
		}
		e.refreshHeader()
	})
	if len(buttons) > 0 {
		e.life.Add(container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), l))
	} else {
		e.life.Add(l)
	}
}

func (e *editor) showHistory() {
	e.history.RemoveAll()
	if e.rec == nil {
		return
	}
	hist, err := e.shell.store.History(e.rec.Kind, e.rec.ID)
	if err != nil {
		e.history.Add(widget.NewLabel("历史记录读取失败：" + store.Message(err)))
		return
	}
	e.history.Add(heading("修改历史"))
	for _, h := range hist {
		var fields []string
		for _, c := range h.Changes {
			if fl, ok := e.form.Field(c.Field); ok {
				fields = append(fields, fl.Label)
			}
		}
		line := fmt.Sprintf("%s  %s  %s", h.Time.In(data.Shanghai).Format("2006-01-02 15:04:05"), h.User, store.ActionTextOf(e.rec.Kind, h.Action))
		switch {
		case h.Action == store.ActionUpdate:
			line += "：" + strings.Join(fields, "、")
		case h.Action == store.ActionAmend:
			line += "：" + strings.Join(fields, "、") + "（原因：" + h.Changes[len(h.Changes)-1].New + "）"
		case h.Action == store.ActionCreate && len(h.Changes) > 0:
			line += "（" + strings.Join(changeLines(e.form, h.Changes), "；") + "）"
		case h.Action == store.ActionVoid && len(h.Changes) > 1:
			line += "：" + h.Changes[1].New
		}
		l := widget.NewLabel(line)
		l.Importance = widget.LowImportance
		e.history.Add(l)
	}
}

// recheck takes a field's red message away as soon as what is typed there is right.
func (e *editor) recheck(fl data.Field) {
	l := e.errs[fl.Key]
	in := e.inputs[fl.Key]
	if l == nil || in == nil || !l.Visible() || l.Importance != widget.DangerImportance {
		return
	}
	docType := ""
	if fl.DocTypeKey != "" {
		if d := e.inputs[fl.DocTypeKey]; d != nil {
			docType = data.Normalize(data.TypeChoice, d.get())
		}
	}
	if _, msg := data.CheckValue(fl, data.Normalize(fl.Type, in.get()), docType, e.shell.store.Now()); msg == "" {
		l.SetText("")
		l.Hide()
	}
}

// showErrors puts each message under its field and focuses the first field in error.
func (e *editor) showErrors(fe data.FieldErrors) {
	for key, l := range e.errs {
		msgs := []string{}
		if m, ok := fe[key]; ok {
			msgs = append(msgs, m)
		}
		for k, m := range fe {
			if strings.HasPrefix(k, key+"[") {
				msgs = append(msgs, m)
			}
		}
		if len(msgs) == 0 {
			l.SetText("")
			l.Hide()
			if note := e.fieldNote(key); note != "" {
				l.Importance = widget.LowImportance
				l.SetText(note)
				l.Show()
			}
			continue
		}
		l.Importance = widget.DangerImportance
		l.SetText(strings.Join(msgs, "\n"))
		l.Show()
	}
	for _, fl := range e.form.Fields {
		if _, bad := fe[fl.Key]; bad || hasRowError(fe, fl.Key) {
			if g, ok := e.grids[fl.Key]; ok {
				g.cellInError(fe)
			}
			if in, ok := e.inputs[fl.Key]; ok {
				e.focus(in)
			} else if t, ok := e.tables[fl.Key]; ok && len(t.focusables()) > 0 {
				e.focus(t.cellInError(fe))
			}
			var msg fyne.CanvasObject
			if l, ok := e.errs[fl.Key]; ok {
				msg = l
			}
			e.reveal(e.fieldObject(fl.Key), msg)
			break
		}
	}
	e.showRegistry()
}

// fieldNote is a remark under a valid field: a legacy 15-digit ID number is accepted, and said so.
func (e *editor) fieldNote(key string) string {
	fl, ok := e.form.Field(key)
	in, ok2 := e.inputs[key]
	if !ok || !ok2 || fl.Type != data.TypeIDNumber {
		return ""
	}
	if fl.DocTypeKey != "" && e.inputs[fl.DocTypeKey].get() != data.DocResidentID {
		return ""
	}
	_, note, msg := data.CheckResidentID(data.Normalize(data.TypeIDNumber, in.get()), time.Now())
	if msg != "" {
		return ""
	}
	return note
}

func hasRowError(fe data.FieldErrors, key string) bool {
	for k := range fe {
		if strings.HasPrefix(k, key+"[") {
			return true
		}
	}
	return false
}

// save validates and stores the record; it returns the saved record, or nil when nothing was stored.
func (e *editor) save() *data.Record {
	if e.rec != nil && e.rec.Voided() {
		e.status.SetText("这条记录已作废，不能修改。")
		return nil
	}
	if e.rec != nil && e.rec.Sealed {
		if !e.dirty() {
			e.close()
			return e.rec
		}
		e.askAmend()
		return nil
	}
	in := e.input()
	var rec *data.Record
	var err error
	if e.rec == nil {
		rec, err = e.shell.store.CreateTimed(e.shell.actor, e.form.Key, in, time.Since(e.openedAt))
		if rec = e.saved(rec, err); rec != nil {
			e.offerRepeat(rec)
		}
		return rec
	}
	rec, err = e.shell.store.Update(e.shell.actor, e.form.Key, e.rec.ID, e.rec.Version, in)
	return e.saved(rec, err)
}

// offerRepeat says, once a new record is saved, that it repeats an open one (the same visitor still on
// site from an earlier visit), and offers the step that closes the earlier one.
func (e *editor) offerRepeat(rec *data.Record) {
	rp := e.form.Repeat
	if rp == nil {
		return
	}
	// The records of the last Within by the time index, not every open one: a save stays as quick on
	// a store with years of visitors never signed out.
	at := rec.Date(e.form)
	page, err := e.shell.store.List(e.shell.actor, store.Query{Kind: e.form.Key, From: at.Add(-rp.Within), To: at, Limit: 5000})
	if err != nil {
		return
	}
	earlier := e.form.Repeats(rec, page.Records)
	if len(earlier) == 0 {
		return
	}
	st, ok := e.form.Flow.StepByKey(rp.Step)
	if !ok {
		return
	}
	var lines []string
	for _, o := range earlier {
		var parts []string
		for _, k := range rp.Show {
			if fl, ok := e.form.Field(k); ok && o.Values[k] != "" {
				parts = append(parts, fl.Label+" "+o.Values[k])
			}
		}
		lines = append(lines, o.Serial+"："+strings.Join(parts, "，"))
	}
	msg := dialogText("这位登记人之前的登记仍是“" + e.form.State(earlier[0]).Name + "”：\n" + strings.Join(lines, "\n") +
		"\n\n现在为之前的登记办理“" + st.Name + "”吗？")
	take := func() {
		var done []string
		for _, o := range earlier {
			if _, err := e.shell.store.Step(e.shell.actor, o.Serial, st.Key, data.NewInput()); err != nil {
				e.shell.notify(o.Serial + "：" + store.Message(err))
				return
			}
			done = append(done, o.Serial)
		}
		e.shell.notify("已为 " + strings.Join(done, "、") + " 办理" + st.Name)
		e.shell.todayChanged()
		if e.onClose != nil {
			e.onClose(rec)
		}
	}
	e.shell.choose("之前的登记尚未办结", msg, nil, dialogButton{label: st.Name, importance: widget.HighImportance, act: take}, dialogButton{label: "不用"})
}

// askAmend asks why a sealed (printed, signed) record is corrected, then saves it as an amendment that
// keeps what it said before.
func (e *editor) askAmend() {
	e.shell.askReason("更正已签字的记录 "+e.rec.Serial, "这条记录已打印签字。更正后原内容保留在更正记录中。", "更正原因：",
		"更正", func(reason string) error {
			rec, err := e.shell.store.Amend(e.shell.actor, e.form.Key, e.rec.ID, e.rec.Version, e.input(), reason)
			var fe data.FieldErrors
			if errors.As(err, &fe) {
				e.saved(nil, err)
				return nil // the messages stand under the fields; the reason dialog closes
			}
			if err != nil {
				return err
			}
			e.saved(rec, nil)
			return nil
		})
}

// saved shows the outcome of a save; it returns the saved record, or nil when nothing was stored.
func (e *editor) saved(rec *data.Record, err error) *data.Record {
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		e.showErrors(fe)
		e.status.SetText(fmt.Sprintf("未保存：有 %d 处需要更正（见红字）。", len(fe)))
		e.status.Importance = widget.DangerImportance
		e.status.Refresh()
		return nil
	}
	if err != nil {
		e.status.SetText("未保存：" + store.Message(err))
		e.status.Importance = widget.DangerImportance
		e.status.Refresh()
		return nil
	}
	e.showErrors(data.FieldErrors{})
	e.shell.keeper().saved(e) // before e.rec changes: the draft was kept under the record as opened
	e.rec = rec
	e.stopReader()
	e.status.Importance = widget.SuccessImportance
	e.status.SetText("已保存，编号 " + rec.Serial)
	e.refreshHeader()
	e.shell.notify("已保存 " + rec.Serial)
	e.shell.todayChanged()
	if e.onClose != nil {
		e.onClose(rec)
	}
	return rec
}

func (e *editor) print() {
	rec := e.rec
	if rec == nil || e.dirty() {
		if rec = e.save(); rec == nil {
			return
		}
	}
	e.shell.printRecord(rec)
}

// picks are a free-text field's common values as small buttons under it: a click fills the field (it
// still takes any text), and the keyboard stays where it was.
func (e *editor) picks(fl data.Field, in input) fyne.CanvasObject {
	row := container.NewHBox(widget.NewLabel("常用："))
	for _, v := range fl.Picks {
		v := v
		b := widget.NewButton(v, func() {
			in.set(v)
			if f := e.edits[in]; f != nil {
				f()
			}
		})
		b.Importance = widget.LowImportance
		row.Add(b)
	}
	return row
}

// dirty says whether the screen differs from the saved record.
func (e *editor) dirty() bool {
	if e.rec == nil {
		return true
	}
	f := e.form
	norm, errs := data.Validate(f, e.input(), e.shell.store.Now())
	if len(errs) > 0 {
		return true
	}
	old := e.rec.Input()
	for _, fl := range f.Fields {
		if fl.Auto {
			continue
		}
		if fl.Type == data.TypeTable {
			if fmt.Sprint(norm.Tables[fl.Key]) != fmt.Sprint(old.Tables[fl.Key]) {
				return true
			}
		} else if norm.Values[fl.Key] != old.Values[fl.Key] {
			return true
		}
	}
	return false
}

// fingerprint is an input as text, to compare (fmt prints maps in key order).
func fingerprint(in data.Input) string { return fmt.Sprint(in.Values, in.Tables) }

// askLeave asks what to do with typed work when Esc would leave it: 保存 (Enter), 不保存, 取消 (Esc).
func (e *editor) askLeave() {
	// Esc on any button is 取消.
	e.shell.choose("未保存", dialogText("这张表有未保存的内容。离开前要保存吗？"), nil,
		dialogButton{label: "保存", importance: widget.HighImportance, act: func() { e.save() }},
		dialogButton{label: "不保存", act: e.close}, dialogButton{label: "取消"})
}

func (e *editor) askVoid() {
	if e.rec == nil || e.rec.Voided() {
		return
	}
	e.shell.askVoid(e.rec, func(r *data.Record) {
		e.rec = r
		e.refreshHeader()
		e.status.SetText("已作废")
	})
}

func (e *editor) close() {
	e.shell.keeper().done(e)
	e.stopReader()
	if e.onClose != nil {
		e.onClose(nil)
	}
}

func (e *editor) command(name string) bool {
	switch name {
	case cmdSave:
		e.save()
	case cmdPrint:
		e.print()
	case cmdCancel:
		if fingerprint(e.input()) != e.pristine {
			e.askLeave()
		} else {
			e.close()
		}
	case cmdNew, cmdFind:
		return false
	default:
		return false
	}
	return true
}

// fieldObject is what the form shows for a field: its input, or its table.
func (e *editor) fieldObject(key string) fyne.CanvasObject {
	if in, ok := e.inputs[key]; ok {
		return in.object()
	}
	if t, ok := e.tables[key]; ok {
		return t.box
	}
	return nil
}
