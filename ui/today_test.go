package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// todayWithVisitors is the supervisor's 今日待办 with n visitors on site, who came in an hour apart,
// so the list has n lines more, in the order of their deadlines; the filter box has the focus.
func todayWithVisitors(t *testing.T, n int) (*harness, *todayScreen) {
	t.Helper()
	h := newHarnessAs(t, "wang")
	for i := range n {
		at := testNow.Add(time.Duration(i-n) * time.Hour).Format(data.LayoutDateTime)
		in := data.NewInput()
		in.Values = map[string]string{"visitor_name": []string{"张伟", "李强", "王芳", "赵敏"}[i%4], "doc_type": "护照", "doc_no": "E12345678",
			"phone": "13812345678", "host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话",
			"consent_time": at, "entry_time": at, "clerk": "陈佳"}
		if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
			t.Fatal(err)
		}
	}
	h.sh.Show(navToday)
	td := h.sh.Current().(*todayScreen)
	if len(td.lines) < n {
		t.Fatalf("今日待办 has %d lines; want at least %d: %+v", len(td.lines), n, td.lines)
	}
	return h, td
}

// openedSerial is the serial of the record the screen shows now, "" when none is open.
func openedSerial(h *harness) string {
	l, ok := h.sh.Current().(*listScreen)
	if !ok || l.editor == nil || l.editor.rec == nil {
		return ""
	}
	return l.editor.rec.Serial
}

// The chosen line of 今日待办 is the one opened: ↓ from the filter chooses the first line and each ↓
// the next; Enter in the list, Enter in the filter box, the 打开 button and a double click open the
// line chosen, not the first.
func TestTodayOpensTheChosenLine(t *testing.T) {
	h, td := todayWithVisitors(t, 3)
	back := func() {
		t.Helper()
		if l, ok := h.sh.Current().(*listScreen); ok && l.editor != nil {
			l.editor.close() // the record opened put away, so the next line opens in its place
		}
		h.sh.Show(navToday)
		td = h.sh.Current().(*todayScreen)
	}
	// Enter in the list, after ↓↓↓ (the filter's ↓ into the list, then two lines down).
	h.key(fyne.KeyDown)
	h.key(fyne.KeyDown)
	h.key(fyne.KeyDown)
	if h.focused() != fyne.Focusable(td.table) {
		t.Fatalf("after ↓ the focus is on %T, not the list", h.focused())
	}
	want := td.lines[2].Serial
	h.key(fyne.KeyReturn)
	if got := openedSerial(h); got != want {
		t.Errorf("Enter in the list after ↓↓↓ opened %q; want the third line %s", got, want)
	}
	// The 打开 button, after ↓↓.
	back()
	h.key(fyne.KeyDown)
	h.key(fyne.KeyDown)
	want = td.lines[1].Serial
	td.openBtn.OnTapped()
	if got := openedSerial(h); got != want {
		t.Errorf("打开 after ↓↓ opened %q; want the second line %s", got, want)
	}
	// Enter in the filter box, the second line chosen in the list and the focus sent back to the box.
	back()
	h.key(fyne.KeyDown)
	h.key(fyne.KeyDown)
	h.key(fyne.KeyUp)
	h.key(fyne.KeyDown)
	h.win.Canvas().Focus(td.filter)
	want = td.lines[1].Serial
	h.key(fyne.KeyReturn)
	if got := openedSerial(h); got != want {
		t.Errorf("Enter in the filter box opened %q; want the chosen line %s", got, want)
	}
	// A double click on the third line opens it; one click only chooses it.
	back()
	row := widget.NewLabel("国").MinSize().Height + theme.SeparatorThicknessSize()
	at := fyne.NewPos(40, row*3.5) // the header, two lines, and the middle of the third
	td.table.Tapped(&fyne.PointEvent{Position: at})
	if td.selected != 2 || openedSerial(h) != "" {
		t.Fatalf("one click: chosen %d, opened %q; want the third line chosen, nothing opened", td.selected, openedSerial(h))
	}
	back()
	want = td.lines[2].Serial
	td.table.DoubleTapped(&fyne.PointEvent{Position: at})
	if got := openedSerial(h); got != want {
		t.Errorf("a double click on the third line opened %q; want %s", got, want)
	}
}
