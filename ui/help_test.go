package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// F1 anywhere shows the keys of the screen in front and, for a form, what the rules ask of it; Esc
// closes it and the keyboard is back where it was (#17).
func TestF1ShowsTheScreensKeysAndTheFormsRules(t *testing.T) {
	h := newHarness(t)
	l := h.list("visitor")
	h.win.Canvas().Focus(l.search)
	h.key(fyne.KeyF1)
	d := h.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("F1 in the search showed nothing")
	}
	text := labelsIn(d)
	for _, want := range []string{"列表的按键", "PgUp PgDn", "F2　离开登记", "这张表的规定", "必填：来访人姓名", "4小时内", "Ctrl+L"} {
		if !strings.Contains(text, want) {
			t.Errorf("list help lacks %q:\n%s", want, text)
		}
	}
	h.key(fyne.KeyEscape)
	if h.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc did not close the help")
	}
	// On the entry screen, from a field: the entry keys.
	h.shortcut(fyne.KeyN)
	h.win.Canvas().Focus(l.editor.inputs["visitor_name"].focusable())
	h.key(fyne.KeyF1)
	if text := labelsIn(h.win.Canvas().Overlays().Top()); !strings.Contains(text, "登记页的按键") || !strings.Contains(text, "Ctrl+回车") {
		t.Errorf("entry help:\n%s", text)
	}
	h.key(fyne.KeyReturn)
	// A screen that is not a form says what it is for.
	h.sh.Show(navToday)
	h.win.Canvas().Unfocus()
	h.sh.command(cmdHelp)
	if text := labelsIn(h.win.Canvas().Overlays().Top()); !strings.Contains(text, "今日待办列出") {
		t.Errorf("today's help:\n%s", text)
	}
}

// A toolbar button says what it does when the pointer rests on it, and the tip does not stand in the
// way of the click (#17).
func TestToolbarTips(t *testing.T) {
	tipDelay = 0
	h := newHarness(t)
	l := h.list("visitor")
	b := findTip(l.listView, "新建 (Ctrl+N)")
	if b == nil {
		t.Fatal("no 新建 button")
	}
	b.MouseIn(&desktop.MouseEvent{})
	if !h.sh.tips.box.Visible() || !strings.Contains(h.sh.tips.text.Text, "登记一张新的《来人来访登记表》") {
		t.Fatalf("tip: shown %v, %q", h.sh.tips.box.Visible(), h.sh.tips.text.Text)
	}
	test.Tap(b)
	if h.sh.tips.box.Visible() || l.editor == nil {
		t.Errorf("after the click: tip shown %v, entry screen open %v", h.sh.tips.box.Visible(), l.editor != nil)
	}
	b.MouseOut()
}

func findTip(o fyne.CanvasObject, text string) *tipButton {
	switch w := o.(type) {
	case *tipButton:
		if w.Text == text {
			return w
		}
		return nil
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := findTip(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			if b := findTip(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// On a narrow window the list's toolbar keeps the first buttons and puts the rest under 更多, whose
// menu takes them; the navigation folds away and stays folded (#17).
func TestNarrowWindowToolbarAndNavigation(t *testing.T) {
	h := newHarness(t)
	l := h.list("hotwork")
	bar := findBar(l.listView)
	if bar == nil {
		t.Fatal("no toolbar")
	}
	bar.Layout(bar.box.Objects, fyne.NewSize(2000, 40))
	if len(bar.hidden()) != 0 || bar.more.Visible() {
		t.Errorf("a wide bar hides %d buttons", len(bar.hidden()))
	}
	bar.Layout(bar.box.Objects, fyne.NewSize(420, 40))
	hidden := bar.hidden()
	if len(hidden) == 0 || !bar.more.Visible() {
		t.Fatalf("a narrow bar hides nothing")
	}
	if bar.MinSize(nil).Width > 420 {
		t.Errorf("the bar asks %v wide", bar.MinSize(nil).Width)
	}
	for _, b := range bar.items[:1] {
		if !b.Visible() {
			t.Error("the first button went under 更多")
		}
	}
	// The last one hidden is 导出; the menu under 更多 offers it.
	test.Tap(bar.more)
	menu := h.win.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("更多 showed no menu")
	}
	h.win.Canvas().Overlays().Remove(menu)
	w := h.win
	w.Resize(fyne.NewSize(1024, 768))
	if min := h.sh.main.MinSize(); min.Width > 1024 {
		t.Errorf("the desk needs %v wide at 1024", min.Width)
	}
	if !h.sh.navBox.Visible() {
		t.Fatal("the navigation starts folded")
	}
	test.Tap(findTip(h.sh.main, ""))
	if h.sh.navBox.Visible() || !h.sh.app.Preferences().Bool(prefNavFolded) {
		t.Error("the fold button did not fold the navigation away")
	}
	h.sh.toggleNav()
	if !h.sh.navBox.Visible() {
		t.Error("the navigation did not come back")
	}
}

func findBar(o fyne.CanvasObject) *overflowBar {
	if c, ok := o.(*fyne.Container); ok {
		if b, ok := c.Layout.(*overflowBar); ok {
			return b
		}
		for _, ch := range c.Objects {
			if b := findBar(ch); b != nil {
				return b
			}
		}
	}
	return nil
}

// The mouse wheel scrolls the entry screen wherever the pointer is, over a field too (#17).
func TestWheelOverAFieldScrollsTheForm(t *testing.T) {
	h := newHarness(t)
	l := h.list("complaint")
	h.shortcut(fyne.KeyN)
	e := l.editor
	h.win.Resize(fyne.NewSize(1024, 450)) // the form taller than its room: there is something to scroll
	var field fyne.CanvasObject
	for _, fl := range e.form.Fields {
		if in, ok := e.inputs[fl.Key]; ok {
			field = in.object()
			break
		}
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(field).Add(fyne.NewPos(10, 10))
	if e.scroll.Content.MinSize().Height <= e.scroll.Size().Height {
		t.Fatalf("the form (%v high) fits its room (%v): nothing to scroll", e.scroll.Content.MinSize().Height, e.scroll.Size().Height)
	}
	test.Scroll(h.win.Canvas(), pos, 0, -120)
	if e.scroll.Offset.Y <= 0 {
		t.Errorf("the wheel over the first field left the form at %v", e.scroll.Offset.Y)
	}
}

// A clerk opening a saved record reads its ID number and phone masked and cannot change them; an edit
// of another field keeps them whole in the store (#17: 证件号码除登记时外一律打码).
func TestSavedRecordShowsPersonalFieldsMasked(t *testing.T) {
	h := newHarness(t)
	in := data.NewInput()
	in.Values = map[string]string{"visitor_name": "张伟", "doc_type": "居民身份证", "doc_no": "11010519491231002X", "phone": "13812345678",
		"host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 08:59",
		"entry_time": "2026-11-27 09:00", "clerk": "陈佳"}
	rec, err := h.store.Create(h.sh.actor, "visitor", in)
	if err != nil {
		t.Fatal(err)
	}
	l := h.list("visitor")
	l.open(rec)
	e := l.editor
	doc := e.inputs["doc_no"]
	if doc.get() != "110105********002X" || e.inputs["phone"].get() != "138****5678" {
		t.Fatalf("the clerk reads %q and %q", doc.get(), e.inputs["phone"].get())
	}
	if d, ok := doc.focusable().(fyne.Disableable); !ok || !d.Disabled() {
		t.Error("the masked ID number can be typed over")
	}
	e.inputs["purpose"].set("送货上门")
	h.shortcut(fyne.KeyS)
	got, _ := h.store.BySerial(h.sh.actor, rec.Serial)
	if got.Values["purpose"] != "送货上门" || got.Values["doc_no"] != "11010519491231002X" || got.Values["phone"] != "13812345678" {
		t.Errorf("after the clerk's edit: %q %q %q", got.Values["purpose"], got.Values["doc_no"], got.Values["phone"])
	}
	// The manager may see them whole.
	h.sh.Lock()
	h.logIn("liu", testPassword)
	l = h.list("visitor")
	l.open(got)
	if v := l.editor.inputs["doc_no"].get(); v != "11010519491231002X" {
		t.Errorf("the manager reads %q", v)
	}
}

// The same for a saved record's table rows and the figures the program filled: a clerk reads a
// household's phone masked in 接受服务业户名单, and an edit keeps it whole.
func TestSavedTableRowsShowPhonesMasked(t *testing.T) {
	h := newHarness(t)
	in := data.NewInput()
	in.Values = map[string]string{"month": "2026-11", "clerk": "陈佳"}
	in.Tables["manual"] = []data.Row{{"unit": "3-2-1201", "name": "李娜", "phone": "13812345678", "service": "代收快递", "service_date": "2026-11-20"}}
	rec, err := h.store.Create(h.sh.actor, "served", in)
	if err != nil {
		t.Fatal(err)
	}
	l := h.list("served")
	l.open(rec)
	e := l.editor
	cells := e.tables["manual"].rows[0]
	var phone input
	for i, c := range e.form.Fields[1].Columns {
		if c.Key == "phone" {
			phone = cells[i]
		}
	}
	if phone == nil || phone.get() != "138****5678" {
		t.Fatalf("the clerk reads the row's phone as %v", phone)
	}
	if d, ok := phone.focusable().(fyne.Disableable); !ok || !d.Disabled() {
		t.Error("the masked phone can be typed over")
	}
	for _, a := range e.autos {
		if strings.Contains(a.value.Text, "13812345678") {
			t.Errorf("%s shows the phone whole: %q", a.fl.Label, a.value.Text)
		}
	}
	for i, c := range e.form.Fields[1].Columns {
		if c.Key == "service" {
			cells[i].set("代收包裹")
		}
	}
	h.shortcut(fyne.KeyS)
	got, _ := h.store.BySerial(h.sh.actor, rec.Serial)
	if row := got.Tables["manual"][0]; row["service"] != "代收包裹" || row["phone"] != "13812345678" {
		t.Errorf("after the edit: %v (%s)", row, e.status.Text)
	}
}
