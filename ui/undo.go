package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// undoOffer is the status line's 撤销: a step a list took at once, on a key (F2: a visitor signed
// out) or a button, that the person can take back for a minute, with the button or Ctrl+Z on the list.
// The store decides whether it still may (store.UndoStep).
type undoOffer struct {
	btn  *widget.Button
	take func()
	at   time.Time // when the step was taken
	gen  int       // the offer standing: a timer of an older one does nothing
}

// undoButton is the status line's 撤销 button, hidden while nothing can be taken back.
func (sh *Shell) undoButton() *widget.Button {
	if sh.undo == nil {
		u := &undoOffer{}
		u.btn = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), func() { sh.takeBack() })
		u.btn.Hide()
		sh.undo = u
	}
	return sh.undo.btn
}

// offerUndo offers to take back a step just taken on a record (r as the step left it); done hears the
// record as it is again.
func (sh *Shell) offerUndo(f *data.Form, r *data.Record, st data.Step, done func(*data.Record)) {
	btn := sh.undoButton()
	u := sh.undo
	u.gen++
	gen := u.gen
	u.at = time.Now()
	u.take = func() {
		back, err := sh.store.UndoStep(sh.actor, r.Serial, r.Version)
		if err != nil {
			sh.notify(store.Message(err))
			return
		}
		state, _ := f.Status(back, sh.store.Now(), sh.store)
		sh.notify("已撤销 " + r.Serial + " 的“" + st.Name + "”：现为" + state)
		sh.todayChanged()
		done(back)
	}
	btn.SetText("撤销" + st.Name + " " + r.Serial + " (Ctrl+Z)")
	btn.Show()
	sh.relayStatus()
	post := sh.onUI
	if post == nil {
		post = fyne.Do
	}
	time.AfterFunc(store.UndoWithin, func() {
		post(func() {
			if u.gen == gen {
				sh.dropUndo()
			}
		})
	})
}

// takeBack takes the offer standing, if there is one still in its minute; true when there was one.
func (sh *Shell) takeBack() bool {
	u := sh.undo
	if u == nil || u.take == nil {
		return false
	}
	take := u.take
	late := time.Since(u.at) > store.UndoWithin
	sh.dropUndo()
	if late {
		return false
	}
	take()
	return true
}

// dropUndo withdraws the offer (taken, out of its minute, another person logged in).
func (sh *Shell) dropUndo() {
	if u := sh.undo; u != nil {
		u.take = nil
		u.gen++
		u.btn.Hide()
		sh.relayStatus()
	}
}

// relayStatus lays the status line out again after a button on it came or went.
func (sh *Shell) relayStatus() {
	if sh.status != nil {
		sh.status.Refresh()
	}
}
