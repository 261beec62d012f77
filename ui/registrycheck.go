package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// The entry screen's side of a form's check against the household registry (data.RegistryCheck): as
// the clerk types, each checked field that does not agree with the registry says so under it, and the
// reason field says that it is needed before the record can be saved; the store refuses the save
// without it all the same.

// registryEdit re-checks the registry when one of the fields it concerns is typed into.
func (e *editor) registryEdit(key string) {
	rc := e.form.Registry
	if rc == nil {
		return
	}
	if key == rc.Unit || key == rc.Reason || containsKey(rc.Fields, key) {
		e.showRegistry()
	}
}

// showRegistry shows where the screen disagrees with the registry. A refused save's red message
// stands until its field is corrected (recheck).
func (e *editor) showRegistry() {
	rc := e.form.Registry
	if rc == nil || e.shell == nil || e.shell.store == nil {
		return
	}
	in := e.input()
	mis, err := e.form.Mismatches(e.shell.store, in)
	if err != nil {
		mis = nil // the save says it, in words, on the unit
	}
	if _, missing := mis[rc.Unit]; missing && e.unitBegun(in.Get(rc.Unit)) {
		mis = nil // still being typed: 3-2-12 begins 3-2-1201
	}
	for _, k := range rc.Fields {
		e.warn(k, mis[k])
	}
	// A unit not in the registry is said on the unit's own line (unitInput); its reason, here.
	need := ""
	if len(mis) > 0 {
		need = e.form.RegistryErrors(e.shell.store, in, e.rec)[rc.Reason]
	}
	e.warn(rc.Reason, need)
	if l := e.labels[rc.Reason]; l != nil {
		fl, _ := e.form.Field(rc.Reason)
		text := fl.Label
		if len(mis) > 0 {
			text += " *"
		}
		if l.Text != text {
			l.SetText(text)
		}
	}
}

// warn puts a warning under a field, or takes an earlier one away; a red message is left as it is.
func (e *editor) warn(key, msg string) {
	l := e.errs[key]
	if l == nil || (l.Visible() && l.Importance == widget.DangerImportance) {
		return
	}
	switch {
	case msg != "":
		if l.Text != msg || !l.Visible() || l.Importance != widget.WarningImportance {
			l.Importance = widget.WarningImportance
			l.SetText(msg)
			l.Show()
		}
	case l.Visible() && l.Importance == widget.WarningImportance:
		l.SetText("")
		l.Hide()
	}
}

// unitBegun says whether a unit not in the registry begins units that are: the clerk is still typing.
func (e *editor) unitBegun(unit string) bool {
	hs, err := e.shell.store.SuggestUnits(data.NormalizeUnit(unit), 1)
	return err == nil && len(hs) > 0 && strings.TrimSpace(unit) != ""
}

// changeLines are an audit entry's changes as the history shows them: each field's label and value.
func changeLines(f *data.Form, changes []data.Change) []string {
	var out []string
	for _, c := range changes {
		if fl, ok := f.Field(c.Field); ok {
			out = append(out, fl.Label+"："+c.New)
		}
	}
	return out
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}
