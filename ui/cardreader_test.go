package ui

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/idreader"
	"frontdesk/data/store"
)

// deskReader is a card reader on the desk: the test places and removes cards.
type deskReader struct {
	mu   sync.Mutex
	card *idreader.Card
	err  error
}

func (r *deskReader) Name() string { return "测试读卡器" }
func (r *deskReader) Close() error { return nil }
func (r *deskReader) Read(time.Time) (idreader.Card, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return idreader.Card{}, r.err
	}
	if r.card == nil {
		return idreader.Card{}, idreader.ErrNoCard
	}
	return *r.card, nil
}
func (r *deskReader) place(c *idreader.Card, err error) {
	r.mu.Lock()
	r.card, r.err = c, err
	r.mu.Unlock()
}

// withReader connects a desk reader to the harness's window; wait returns after the screen took the
// next reader event (the poller runs on its own goroutine, as in the program).
func (h *harness) withReader() (r *deskReader, wait func()) {
	r = &deskReader{}
	h.sh.UseCardReader(func() (idreader.Driver, error) { return r, nil })
	h.sh.reader.Every = 5 * time.Millisecond
	return r, h.uiQueue()
}

// uiQueue routes the screen's background work through a queue; wait runs the pieces of it on the test
// goroutine, as the program's event loop would, until the current screen's reader line changed (work
// of a screen already closed does nothing).
func (h *harness) uiQueue() (wait func()) {
	queue := make(chan func(), 64)
	h.sh.onUI = func(f func()) { queue <- f }
	return func() {
		h.t.Helper()
		l, _ := h.sh.Current().(*listScreen)
		before := ""
		if l != nil && l.editor != nil && l.editor.cardLine != nil {
			before = l.editor.cardLine.Text
		}
		for {
			select {
			case f := <-queue:
				f()
			case <-time.After(10 * time.Second):
				h.t.Fatal("no reader event reached the screen")
			}
			if l != nil && l.editor != nil && l.editor.cardLine != nil && l.editor.cardLine.Text != before {
				return
			}
		}
	}
}

var permitCard = idreader.Card{Type: idreader.TypePermit, DocType: data.DocResidencePermit, Name: "陈家明", Sex: "男",
	Birth: "1988-08-08", Number: "810000198808080013", ValidFrom: "2020-01-01", ValidTo: "2030-01-01"}

func TestIDCardFillsTheVisitorForm(t *testing.T) {
	h := newHarness(t)
	l := h.list("visitor")
	r, wait := h.withReader()

	h.keys = 0
	h.shortcut(fyne.KeyN)
	wait()
	e := l.editor
	if !strings.Contains(e.cardLine.Text, "读卡器已连接（测试读卡器）") {
		t.Fatalf("reader line: %q", e.cardLine.Text)
	}
	// The card is placed: name, document type and number are filled, the cursor waits on the phone.
	r.place(&permitCard, nil)
	wait()
	for k, v := range map[string]string{"visitor_name": "陈家明", "doc_type": "港澳台居民居住证", "doc_no": "810000198808080013"} {
		if got := e.inputs[k].get(); got != v {
			t.Errorf("%s = %q; want %q", k, got, v)
		}
	}
	if h.focused() != e.inputs["phone"].focusable() {
		t.Fatal("after the card the cursor is not on the phone")
	}
	if !strings.Contains(e.cardLine.Text, "已读取：港澳台居民居住证 陈家明 810000********0013") {
		t.Errorf("reader line: %q", e.cardLine.Text)
	}
	for _, step := range []string{"13900001234", "", "", "3-2-1201", "", "探亲访友", "", "1"} {
		if step != "" {
			h.typeText(step)
		}
		h.key(fyne.KeyReturn)
	}
	h.shortcut(fyne.KeyS)
	if l.editor != nil {
		t.Fatalf("not saved: %v", visibleErrors(l.editor))
	}
	cardKeys := h.keys
	page, _ := h.store.List(h.sh.actor, store.Query{Kind: "visitor"})
	if len(page.Records) != 1 || page.Records[0].Values["doc_no"] != "810000198808080013" || page.Records[0].Values["visitor_name"] != "陈家明" {
		t.Fatalf("stored: %+v", page.Records)
	}

	// The same card again, on a new form: the last visit fills phone and host; the cursor waits on the
	// household's consent, asked anew at every visit.
	h.keys = 0
	h.shortcut(fyne.KeyN)
	wait()
	e = l.editor
	if e.inputs["phone"].get() != "13900001234" || e.inputs["host_unit"].get() != "3-2-1201" || e.inputs["purpose"].get() != "探亲访友" {
		t.Fatalf("returning card holder: phone %q unit %q purpose %q", e.inputs["phone"].get(), e.inputs["host_unit"].get(), e.inputs["purpose"].get())
	}
	if h.focused() != e.inputs["consent_way"].focusable() {
		t.Fatal("a returning card holder's cursor is not on the consent")
	}
	h.typeText("1")
	h.shortcut(fyne.KeyS)
	if l.editor != nil {
		t.Fatalf("returning card holder not saved: %v", visibleErrors(l.editor))
	}
	t.Logf("key presses with the card: new visitor %d, returning %d", cardKeys, h.keys)
	// The first visit is still on site: the desk is offered to sign it out, and declines.
	var no *widget.Button
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		no = findButton(top, "不用")
	}
	if no == nil {
		t.Fatal("registered again while on site, and not asked about the earlier visit")
	}
	test.Tap(no)

	// A reader error is one quiet line on the screen, never a dialog, and the form stays usable.
	r.place(nil, errors.New("通讯超时"))
	h.shortcut(fyne.KeyN)
	wait()
	e = l.editor
	if !strings.Contains(e.cardLine.Text, "读卡失败：通讯超时") {
		t.Errorf("reader line: %q", e.cardLine.Text)
	}
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("a reader error opened a dialog")
	}
	if e.inputs["visitor_name"].get() != "" || h.focused() != e.inputs["visitor_name"].focusable() {
		t.Error("the manual form is not as always")
	}
	h.key(fyne.KeyEscape)
}

func TestNoReaderMeansTheManualForm(t *testing.T) {
	h := newHarness(t)
	l := h.list("visitor")
	h.sh.UseCardReader(func() (idreader.Driver, error) { return nil, idreader.ErrNoReader })
	wait := h.uiQueue()
	h.shortcut(fyne.KeyN)
	wait()
	e := l.editor
	if e.cardLine.Text != "未检测到身份证读卡器，请手工登记" {
		t.Errorf("reader line: %q", e.cardLine.Text)
	}
	if h.focused() != e.inputs["visitor_name"].focusable() {
		t.Error("the cursor is not on the name")
	}
	h.key(fyne.KeyEscape)
	// Saved records never poll: the reader line is only on a new visitor.
	in := data.NewInput()
	in.Values = map[string]string{"visitor_name": "张伟", "doc_type": data.DocResidentID, "doc_no": "11010519491231002X",
		"phone": "13900001234", "host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话",
		"consent_time": "2026-11-27 09:00", "entry_time": "2026-11-27 09:00", "clerk": "陈佳"}
	if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
		t.Fatal(err)
	}
	l.refresh()
	l.openSelectedOrFirst()
	if l.editor.cardLine != nil {
		t.Error("an existing record shows the reader line")
	}
}
