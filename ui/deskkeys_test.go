package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// ctrlEnter presses Ctrl+Enter with whatever has the focus, as the window does.
func (h *harness) ctrlEnter() {
	h.keys++
	h.focused().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault})
}

// A slip's items are typed line by line; Enter on the empty line after the last leaves the table for
// the carrier (the empty line is not kept), so what is typed next lands where it belongs (#28).
func TestEnterOnAnEmptyLastRowLeavesTheTable(t *testing.T) {
	h := newHarness(t)
	l := h.list("release")
	h.shortcut(fyne.KeyN)
	e := l.editor
	items := e.tables["items"]
	h.win.Canvas().Focus(items.rows[0][0].focusable())
	h.typeText("冰箱")
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn) // no spec
	h.typeText("1")
	h.key(fyne.KeyReturn) // a filled line: a new one
	if len(items.rows) != 2 || h.focused() != items.rows[1][0].focusable() {
		t.Fatalf("after the first line: %d lines, the cursor not on the second", len(items.rows))
	}
	h.key(fyne.KeyReturn) // on the empty line: out of the table
	if h.focused() != e.inputs["carrier"].focusable() {
		t.Fatalf("Enter on the empty last line did not leave the table for the carrier")
	}
	if len(items.rows) != 1 {
		t.Errorf("the empty line was kept: %d lines", len(items.rows))
	}
	h.typeText("货拉拉")
	h.key(fyne.KeyReturn)
	h.typeText("粤B12345")
	if got := e.inputs["carrier"].get(); got != "货拉拉" {
		t.Errorf("carrier = %q", got)
	}
	if got := e.inputs["plate"].get(); got != "粤B12345" {
		t.Errorf("plate = %q", got)
	}
	if rows := items.get(); len(rows) != 1 || rows[0]["name"] != "冰箱" {
		t.Errorf("items = %v", rows)
	}
}

// Ctrl+Enter leaves a table from any of its lines, and the empty line after the last goes with it.
func TestCtrlEnterLeavesTheTableFromAnyRow(t *testing.T) {
	h := newHarness(t)
	l := h.list("release")
	h.shortcut(fyne.KeyN)
	e := l.editor
	items := e.tables["items"]
	h.win.Canvas().Focus(items.rows[0][0].focusable())
	h.typeText("冰箱")
	h.key(fyne.KeyReturn)
	h.ctrlEnter() // in the middle of the first line
	if h.focused() != e.inputs["carrier"].focusable() {
		t.Fatal("Ctrl+Enter in a line did not leave the table")
	}
	items.addRow(nil, true) // the clerk adds a line with the button, then thinks better of it
	if len(items.rows) != 2 {
		t.Fatalf("lines = %d", len(items.rows))
	}
	h.win.Canvas().Focus(items.rows[1][1].focusable())
	h.ctrlEnter()
	if h.focused() != e.inputs["carrier"].focusable() || len(items.rows) != 1 {
		t.Errorf("Ctrl+Enter on the empty last line: focus elsewhere or %d lines", len(items.rows))
	}
}

// Tab goes from a line's last cell on, never onto the line's delete button; the button still deletes.
func TestTabNeverStopsOnARowsDeleteButton(t *testing.T) {
	h := newHarness(t)
	l := h.list("release")
	h.shortcut(fyne.KeyN)
	items := l.editor.tables["items"]
	items.addRow(nil, false)
	lines := items.grid.Objects
	del := func(i int) fyne.CanvasObject {
		objs := lines[i].(*fyne.Container).Objects
		return objs[len(objs)-1]
	}
	h.win.Canvas().Focus(items.rows[0][2].focusable())
	h.key(fyne.KeyTab)
	if f := h.win.Canvas().Focused(); f == nil || any(f) == any(del(0)) || f != items.rows[1][0].focusable() {
		t.Errorf("Tab from the first line's last cell went to %T, not the next line", f)
	}
	if _, ok := del(0).(fyne.Focusable); ok {
		t.Error("a line's delete button takes the keyboard focus")
	}
	test.Tap(del(1).(fyne.Tappable))
	if len(items.rows) != 1 {
		t.Errorf("the delete button left %d lines", len(items.rows))
	}
}

// Two visitors of the same name came before: typing the name lists both, with their masked ID
// numbers and last visits, and Enter alone fills nobody; ↓ then Enter takes the one chosen (#28).
func TestEnterOnATypedNameFillsNobody(t *testing.T) {
	h := newHarness(t)
	for _, p := range []struct{ doc, day string }{{"11010519491231002X", "2026-11-20 10:00"}, {"440301199003077712", "2026-11-25 10:00"}} {
		in := data.NewInput()
		in.Values = map[string]string{"visitor_name": "张伟", "doc_type": data.DocResidentID, "doc_no": p.doc, "phone": "13812345678",
			"host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话", "consent_time": p.day,
			"entry_time": p.day, "exit_time": p.day[:11] + "11:00", "clerk": "陈佳"}
		if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
			t.Fatal(err)
		}
	}
	l := h.list("visitor")
	h.shortcut(fyne.KeyN)
	e := l.editor
	h.typeText("张伟")
	sg := e.recall[e.inputs["visitor_name"]]
	if sg == nil || len(sg.labels) != 2 {
		t.Fatalf("the two earlier visitors are not listed")
	}
	shown := labelsOf(t, sg.lines)
	if strings.Contains(shown, "11010519491231002X") || !strings.Contains(shown, "上次") || strings.Contains(shown, "▶") {
		t.Errorf("the list shows %q: want masked IDs, the last visits, nobody chosen", shown)
	}
	h.key(fyne.KeyReturn)
	if got := e.inputs["doc_no"].get(); got != "" {
		t.Fatalf("Enter on the name filled the ID number %q", got)
	}
	if h.focused() != e.inputs["doc_type"].focusable() {
		t.Error("Enter on the name did not move on to the next field")
	}
	if sg.open() {
		t.Error("the list stays open after Enter moved on")
	}
	// Back on the name: ↓↓ chooses the second line, Enter takes that one.
	h.win.Canvas().Focus(e.inputs["visitor_name"].focusable())
	e.inputs["visitor_name"].set("")
	h.typeText("张伟")
	h.key(fyne.KeyDown)
	h.key(fyne.KeyDown)
	if !strings.Contains(labelsOf(t, sg.lines), "▶") {
		t.Error("the chosen line is not marked")
	}
	h.key(fyne.KeyReturn)
	if got := e.inputs["doc_no"].get(); got != "11010519491231002X" {
		t.Errorf("the second line (the earlier visit) filled ID %q", got)
	}
}

// A digit in a choice picks and moves on, so the text typed next lands in the next field (#28).
func TestADigitInAChoicePicksAndMovesOn(t *testing.T) {
	h := newHarness(t)
	l := h.list("release")
	h.shortcut(fyne.KeyN)
	e := l.editor
	h.win.Canvas().Focus(e.inputs["identity_check"].focusable())
	h.typeText("2")
	if got := e.inputs["identity_check"].get(); got != "业主本人到场" {
		t.Errorf("2 picked %q", got)
	}
	if h.focused() != e.inputs["registry_note"].focusable() {
		t.Fatal("the digit did not move on to the next field")
	}
	h.typeText("本人到场")
	if got := e.inputs["registry_note"].get(); got != "本人到场" {
		t.Errorf("the next field holds %q", got)
	}
}

// The search box's hint comes back once what was typed is deleted, or cleared with Esc (#28).
func TestTheSearchHintComesBackWhenTheBoxIsEmpty(t *testing.T) {
	h := newHarness(t)
	l := h.list("visitor")
	h.win.Canvas().Focus(l.search)
	hint := func() bool {
		shown := false
		walkObjects(test.WidgetRenderer(l.search).Objects(), func(o fyne.CanvasObject) {
			if rt, ok := o.(*widget.RichText); ok && o.Visible() && strings.Contains(rt.String(), "搜索") {
				shown = true
			}
		})
		return shown
	}
	if !hint() {
		t.Fatal("no hint in the empty search box; the test proves nothing")
	}
	h.typeText("张")
	if hint() {
		t.Error("the hint shows over typed text")
	}
	h.key(fyne.KeyBackspace)
	if l.search.Text != "" || !hint() {
		t.Errorf("after deleting the text (%q) the hint is not back", l.search.Text)
	}
	h.typeText("王")
	h.key(fyne.KeyEscape)
	if l.search.Text != "" || !hint() {
		t.Errorf("after Esc (%q) the hint is not back", l.search.Text)
	}
}

// walkObjects visits objects and everything inside them (containers, widgets' renderers).
func walkObjects(objs []fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	for _, o := range objs {
		visit(o)
		switch c := o.(type) {
		case *fyne.Container:
			walkObjects(c.Objects, visit)
		case fyne.Widget:
			walkObjects(test.WidgetRenderer(c).Objects(), visit)
		}
	}
}

// F2 signs the chosen visitor out at once; the whole chosen row is marked, and the status line offers
// to take the sign-out back: Ctrl+Z (or its button) puts the visitor on site again, through an audited
// undo (#28).
func TestASignOutCanBeUndoneFromTheStatusLine(t *testing.T) {
	h := newHarness(t)
	for _, name := range []string{"张伟", "王芳"} {
		h.visitorOnSite(name, "2026-11-27 09:00")
	}
	l := h.list("visitor")
	h.win.Canvas().Focus(l.search)
	h.key(fyne.KeyDown) // into the list, on the first row
	h.key(fyne.KeyDown) // the second
	marked := func(row, col int) bool {
		cell := l.table.CreateCell()
		l.updateCell(widget.TableCellID{Row: row, Col: col}, cell)
		return cell.(*fyne.Container).Objects[0].Visible()
	}
	for col := 0; col < len(l.cols)+2; col++ {
		if !marked(1, col) || marked(0, col) {
			t.Errorf("column %d: the chosen row marked %v, the other %v", col, marked(1, col), marked(0, col))
		}
	}
	chosen := l.records[1]
	h.key(fyne.KeyF2)
	if r, _ := h.store.BySerial(h.sh.actor, chosen.Serial); r.Values["exit_time"] == "" {
		t.Fatal("F2 did not sign the chosen visitor out")
	}
	btn := h.sh.undoButton()
	if !btn.Visible() || !containsObject(h.win.Content(), btn) || !strings.Contains(btn.Text, "Ctrl+Z") || !strings.Contains(btn.Text, chosen.Serial) {
		t.Fatalf("no undo on the status line: %q shown %v", btn.Text, btn.Visible())
	}
	h.shortcut(fyne.KeyZ)
	r, _ := h.store.BySerial(h.sh.actor, chosen.Serial)
	if r.Values["exit_time"] != "" || r.State != "on_site" {
		t.Fatalf("after Ctrl+Z: exit %q, state %q", r.Values["exit_time"], r.State)
	}
	if hist, _ := h.store.History("visitor", r.ID); hist[len(hist)-1].Action != store.ActionUndo {
		t.Errorf("the undo is not in the trail: %+v", hist[len(hist)-1])
	}
	if btn.Visible() || !strings.Contains(h.sh.message.Text, "已撤销") {
		t.Errorf("after the undo: button shown %v, status %q", btn.Visible(), h.sh.message.Text)
	}
	// Ctrl+Z again has nothing to take back.
	h.shortcut(fyne.KeyZ)
	if r2, _ := h.store.BySerial(h.sh.actor, chosen.Serial); r2.Version != r.Version {
		t.Error("a second Ctrl+Z changed the record")
	}
	// The window's keys still work from where the keyboard is: Ctrl+L locks the desk.
	t.Logf("focused %T", h.win.Canvas().Focused())
	h.shortcut(fyne.KeyL)
	if !h.sh.locked {
		t.Error("Ctrl+L after the undo did not lock the desk")
	}
}

// After a recall at 1366×768 (about 700 of it left to the window's inside), the filled name, ID number
// and phone stay in view with the field the cursor went to; a field Tab reaches is scrolled into view
// (#28).
func TestRecalledAndFocusedFieldsStayInView(t *testing.T) {
	h := newHarness(t)
	in := data.NewInput()
	in.Values = map[string]string{"visitor_name": "张伟", "doc_type": data.DocResidentID, "doc_no": "11010519491231002X", "phone": "13812345678",
		"host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-20 10:00",
		"entry_time": "2026-11-20 10:00", "exit_time": "2026-11-20 11:00", "clerk": "陈佳"}
	if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
		t.Fatal(err)
	}
	h.win.Resize(fyne.NewSize(1366, 700))
	l := h.list("visitor")
	h.shortcut(fyne.KeyN)
	e := l.editor
	h.typeText("张伟")
	waitFor(t, func() bool { return e.recall[e.inputs["visitor_name"]].open() })
	h.key(fyne.KeyDown)
	h.key(fyne.KeyReturn)
	if h.focused() != e.inputs["consent_way"].focusable() {
		t.Fatal("after the recall the cursor is not on the consent")
	}
	d := fyne.CurrentApp().Driver()
	inView := func(k string) bool {
		o := e.fieldObject(k)
		top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(e.scroll.Content).Y
		return top >= e.scroll.Offset.Y && top+o.Size().Height <= e.scroll.Offset.Y+e.scroll.Size().Height
	}
	for _, k := range []string{"visitor_name", "doc_no", "phone", "consent_way"} {
		if !inView(k) {
			t.Errorf("%s is out of view after the recall", k)
		}
	}
	// Tab, as the window moves the focus, down to the last field: it comes into view.
	for i := 0; i < 30 && h.win.Canvas().Focused() != e.inputs["note"].focusable(); i++ {
		h.win.Canvas().FocusNext()
	}
	if h.win.Canvas().Focused() != e.inputs["note"].focusable() || !inView("note") {
		t.Errorf("the field Tab reached is out of view (scrolled to %v)", e.scroll.Offset.Y)
	}
}

// In a list, a click chooses a row and gives the table the keyboard (Enter opens that row), and a
// double click opens the row under the pointer.
func TestAListRowOpensByClickAndEnterOrDoubleClick(t *testing.T) {
	h := newHarness(t)
	for _, name := range []string{"张伟", "王芳", "李强"} {
		h.visitorOnSite(name, "2026-11-27 09:00")
	}
	l := h.list("visitor")
	h.win.Canvas().Focus(l.search)
	row := widget.NewLabel("国").MinSize().Height + theme.SeparatorThicknessSize()
	at := func(i int) *fyne.PointEvent { return &fyne.PointEvent{Position: fyne.NewPos(40, row*(float32(i)+1.5))} }
	l.table.Tapped(at(1))
	if l.selected != 1 || h.win.Canvas().Focused() != l.table {
		t.Fatalf("a click: chosen %d, keyboard on %T; want the second row and the table", l.selected, h.win.Canvas().Focused())
	}
	want := l.records[1].Serial
	h.key(fyne.KeyReturn)
	if l.editor == nil || l.editor.rec == nil || l.editor.rec.Serial != want {
		t.Fatalf("Enter after a click did not open %s", want)
	}
	l.editor.close()
	want = l.records[2].Serial
	l.table.DoubleTapped(at(2))
	if l.editor == nil || l.editor.rec == nil || l.editor.rec.Serial != want {
		t.Fatalf("a double click on the third row did not open %s", want)
	}
	l.editor.close()
	l.table.DoubleTapped(at(1)) // the row chosen already
	if l.editor == nil || l.editor.rec == nil || l.editor.rec.Serial != l.records[1].Serial {
		t.Errorf("a double click on the chosen row did not open it")
	}
}
