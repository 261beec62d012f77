package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/idreader"
	"frontdesk/data/store"
)

// UseCardReader lets the visitor screen read ID cards through the readers open finds (idreader.Open
// in the program). Without it, and while no reader is found, the form is filled by hand as always.
func (sh *Shell) UseCardReader(open func() (idreader.Driver, error)) {
	sh.reader = idreader.NewPoller(open)
}

// newCardLine makes the one quiet line of the reader on a new record of a form that takes cards.
func (e *editor) newCardLine() fyne.CanvasObject {
	if e.form.Card == nil || e.rec != nil || e.shell.reader == nil {
		return nil
	}
	e.cardLine = widget.NewLabel("正在查找身份证读卡器…")
	e.cardLine.Wrapping = fyne.TextWrapWord
	return e.cardLine
}

// startReader polls the reader while this new record's screen is open (issue: ID card reader).
func (e *editor) startReader() {
	if e.cardLine == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.stopCards = cancel
	onUI := e.shell.onUI
	if onUI == nil {
		onUI = fyne.Do
	}
	go e.shell.reader.Run(ctx, func(ev idreader.Event) {
		onUI(func() {
			if ctx.Err() == nil {
				e.cardEvent(ev)
			}
		})
	})
}

// stopReader ends the polling: the screen closed, or the record was saved.
func (e *editor) stopReader() {
	if e.stopCards != nil {
		e.stopCards()
		e.stopCards = nil
	}
}

func (e *editor) cardEvent(ev idreader.Event) {
	if e.rec != nil || e.shell.locked {
		return // a card placed over a saved record or a locked desk fills nothing
	}
	if ev.Card == nil {
		e.cardLine.Importance = widget.MediumImportance
		if ev.Trouble {
			e.cardLine.Importance = widget.WarningImportance
		}
		e.cardLine.SetText(ev.Status)
		return
	}
	e.fillFromCard(*ev.Card)
	line := ev.Status
	if ev.Card.Expired(time.Now()) {
		line += "。注意：证件已过期（有效期至 " + ev.Card.ValidTo + "），请核实身份"
		e.cardLine.Importance = widget.WarningImportance
	} else {
		e.cardLine.Importance = widget.SuccessImportance
	}
	e.cardLine.SetText(line)
}

// fillFromCard puts the card's name, document type and number into the form, fills what the
// visitor's last visit with the same document says (phone, plate, host), and puts the cursor on the
// first required field still empty: the phone for a new visitor, the household's consent for one who
// came before.
func (e *editor) fillFromCard(c idreader.Card) {
	cf := e.form.Card
	for _, kv := range [][2]string{{cf.DocType, c.DocType}, {cf.Number, c.Number}, {cf.Name, c.Name}} {
		e.fill(kv[0], kv[1])
		if l := e.errs[kv[0]]; l != nil {
			l.Hide()
		}
	}
	for _, sg := range e.recall {
		sg.clear()
	}
	if prev := e.lastVisitWith(c); prev != nil {
		for _, k := range e.form.Recall {
			if k != cf.Name && k != cf.DocType && k != cf.Number && prev.Values[k] != "" {
				if in, ok := e.inputs[k]; ok && strings.TrimSpace(in.get()) == "" {
					e.fill(k, prev.Values[k])
				}
			}
		}
		if h, ok := e.shell.store.Household(prev.Values[e.form.UnitField()]); ok {
			e.fillFromRegistry(h)
		}
	}
	e.focusFirstEmpty()
}

// lastVisitWith finds the newest earlier record of the same document number, by the name on the card
// (names are indexed; numbers are compared, never searched in the clear).
func (e *editor) lastVisitWith(c idreader.Card) *data.Record {
	page, err := e.shell.store.List(e.shell.actor, store.Query{Kind: e.form.Key, Text: c.Name, Limit: 60})
	if err != nil {
		return nil
	}
	for _, r := range page.Records {
		if !r.Voided() && !r.Purged && strings.EqualFold(r.Values[e.form.Card.Number], c.Number) {
			return r
		}
	}
	return nil
}
