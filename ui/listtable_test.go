package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
	"frontdesk/data/store"
)

// findHeader is the drawn header cell of a column, found in the table as the window shows it.
func findHeader(t *testing.T, o fyne.CanvasObject, text string) *sortHeader {
	var found *sortHeader
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil {
			return
		}
		if h, ok := o.(*sortHeader); ok && h.Visible() && h.Text == text {
			found = h
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, ch := range test.WidgetRenderer(w).Objects() {
				walk(ch)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no header %q on the list", text)
	}
	return found
}

// The list by keyboard and mouse (#17): ↓ from the search chooses the first row, End/Home/PgDn move,
// ↓ on the last row reads the next page, Enter opens the chosen row, a step key acts on it and it stays
// chosen, and a click on a column's title sorts by it.
func TestListKeysSortAndMore(t *testing.T) {
	h := newHarness(t)
	names := []string{"张伟", "王芳", "李娜", "阿明", "赵磊"}
	start := time.Date(2026, 11, 27, 0, 10, 0, 0, data.Shanghai)
	for i := 0; i < pageSize+50; i++ {
		at := start.Add(time.Duration(i) * 2 * time.Minute).Format(data.LayoutDateTime)
		in := data.NewInput()
		in.Values = map[string]string{"visitor_name": names[i%len(names)], "doc_type": "护照", "doc_no": "E12345678", "phone": "13812345678",
			"host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话", "consent_time": at,
			"entry_time": at, "clerk": "陈佳"}
		if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
			t.Fatal(err)
		}
	}
	l := h.list("visitor")
	if len(l.records) != pageSize || !l.more.Visible() {
		t.Fatalf("first page: %d rows, 再显示 shown %v", len(l.records), l.more.Visible())
	}
	h.win.Canvas().Focus(l.search)
	h.key(fyne.KeyDown)
	if h.focused() != l.table || l.selected != 0 {
		t.Fatalf("↓ from the search: focus %T, row %d", h.focused(), l.selected)
	}
	h.key(fyne.KeyEnd)
	if l.selected != pageSize-1 {
		t.Errorf("End: row %d", l.selected)
	}
	lastSerial := l.records[l.selected].Serial
	h.key(fyne.KeyDown) // past the last row: the next page comes
	if len(l.records) != pageSize+50 || l.more.Visible() {
		t.Fatalf("after ↓ on the last row: %d rows, 再显示 shown %v", len(l.records), l.more.Visible())
	}
	if l.records[l.selected].Serial != lastSerial {
		t.Errorf("the chosen row moved to %s; want %s", l.records[l.selected].Serial, lastSerial)
	}
	h.key(fyne.KeyHome)
	h.key(fyne.KeyPageDown)
	if l.selected < 1 || l.selected != l.table.pageRows() {
		t.Errorf("PgDn from the top: row %d; want %d", l.selected, l.table.pageRows())
	}
	h.key(fyne.KeyPageUp)
	if l.selected != 0 {
		t.Errorf("PgUp: row %d", l.selected)
	}
	h.key(fyne.KeyDown)
	h.key(fyne.KeyDown)
	want := l.records[2]
	h.key(fyne.KeyReturn)
	if l.editor == nil || l.editor.rec == nil || l.editor.rec.Serial != want.Serial {
		t.Fatalf("Enter did not open the chosen row %s", want.Serial)
	}
	h.key(fyne.KeyEscape)
	if l.editor != nil {
		t.Fatal("Esc on an untouched record did not go back to the list")
	}
	// F2 on the chosen row, from the table: that visitor leaves, and stays chosen.
	h.win.Canvas().Focus(l.table)
	l.moveTo(2)
	h.key(fyne.KeyF2)
	got, err := h.store.BySerial(h.sh.actor, want.Serial)
	if err != nil || got.Values["exit_time"] == "" {
		t.Fatalf("F2 on the chosen row: exit %q (%v)", got.Values["exit_time"], err)
	}
	if l.selected < 0 || l.records[l.selected].Serial != want.Serial {
		t.Errorf("after the step the chosen row is %d", l.selected)
	}
	// A click on 来访人姓名 sorts by the name's reading, a second turns it round, a third goes back.
	label := ""
	for _, c := range l.cols {
		if c.Key == "visitor_name" {
			label = c.Label
		}
	}
	test.Tap(findHeader(t, l.table, label))
	order := func() string {
		return fmt.Sprint(l.records[0].Values["visitor_name"], l.records[len(l.records)-1].Values["visitor_name"])
	}
	if order() != "阿明赵磊" || l.header(l.sortCol) != label+" ↑" {
		t.Errorf("sorted by name: first and last %s, header %q", order(), l.header(l.sortCol))
	}
	if l.selected < 0 || l.records[l.selected].Serial != want.Serial {
		t.Error("sorting lost the chosen row")
	}
	test.Tap(findHeader(t, l.table, label+" ↑"))
	if order() != "赵磊阿明" {
		t.Errorf("sorted by name, descending: %s", order())
	}
	test.Tap(findHeader(t, l.table, label+" ↓"))
	if l.sortCol != -1 || l.records[0].Values["entry_time"] < l.records[1].Values["entry_time"] {
		t.Errorf("third click: sorted by %d, newest first %v", l.sortCol, l.records[0].Values["entry_time"])
	}
	// A new search starts again at one page.
	h.win.Canvas().Focus(l.search)
	h.typeText("王")
	if l.limit != pageSize {
		t.Errorf("a new search reads %d", l.limit)
	}
	page, _ := h.store.List(h.sh.actor, store.Query{Kind: "visitor", Text: "王"})
	if len(l.records) != len(page.Records) {
		t.Errorf("search 王: %d rows; the store has %d", len(l.records), len(page.Records))
	}
}

// Every list's columns fit a 1366-pixel screen beside the navigation, without sideways scrolling (#17);
// the columns it leaves out are on the record and in the printed register.
func TestEveryListFitsA1366Screen(t *testing.T) {
	newHarness(t) // the theme, as the window measures with it
	for _, f := range data.Forms() {
		w := float32(160) + statusWidth(f)
		for _, k := range screenColumns(f) {
			fl, ok := f.Field(k)
			if !ok {
				t.Errorf("%s: screen column %q is no field", f.Key, k)
				continue
			}
			w += columnWidth(fl)
		}
		if w > listFits {
			t.Errorf("%s: the list is %.0f pixels wide; %.0f fit at 1366", f.Key, w, float32(listFits))
		}
	}
}
