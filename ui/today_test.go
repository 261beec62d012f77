package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/forms/service"
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

// At 1366×768 every cell of the supervisor's 今日待办 over the demo's month shows its text in full
// (short form names, the person or the role that acts, what of the next steps fits), the columns fit
// the window, and the chosen line's full text (the form's whole name, every step, every role that may
// act) is in the screen's info line.
func TestTodaysLinesFitTheirColumnsAt1366(t *testing.T) {
	h := newHarnessAs(t, "wang")
	for _, p := range []struct{ login, name string }{{"lixiaomei", "李晓梅"}, {"wanglijun", "王丽君"}, {"zhaojing", "赵静"}, {"sunlei", "孙磊"}} {
		if _, err := h.store.CreateAccount(data.System, p.login, p.name, data.RoleClerk, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := demo.Fill(h.store, 1, testNow, 30, nil); err != nil {
		t.Fatal(err)
	}
	h.win.Resize(fyne.NewSize(1366, 768))
	h.sh.Show(navToday)
	td := h.sh.Current().(*todayScreen)
	td.others.SetChecked(true) // every line the demo has
	if len(td.lines) < 10 {
		t.Fatalf("only %d lines", len(td.lines))
	}
	var total float32
	for col, c := range todayColumns {
		total += c.width
		cells := []string{c.title}
		for _, m := range td.lines {
			cells = append(cells, todayCell(m, col))
		}
		for _, s := range cells {
			if w := fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding(); w > c.width {
				t.Errorf("column %s (%.0f px): %q takes %.0f px", c.title, c.width, s, w)
			}
		}
	}
	if room := td.table.Size().Width - theme.ScrollBarSize(); total > room {
		t.Errorf("the columns take %.0f px; the table has %.0f", total, room)
	}
	// The chosen line, in full.
	at := -1
	for i, m := range td.lines {
		if len(m.Next) > 1 && strings.Contains(m.Who, "或") {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatalf("no line with several steps and roles: %+v", td.lines)
	}
	h.win.Canvas().Focus(td.filter)
	h.key(fyne.KeyDown)
	for range at {
		h.key(fyne.KeyDown)
	}
	m := td.lines[at]
	for _, want := range append([]string{m.Form, m.Serial, m.State, m.Who, data.DueText(m.Deadline, m.Label)}, m.Next...) {
		if !strings.Contains(td.info.Text, want) {
			t.Errorf("the info line of the chosen line: %q; want it to say %q", td.info.Text, want)
		}
	}
	// What a line shows finds it in the filter: a short name the whole one does not hold.
	h.win.Canvas().Focus(td.filter)
	h.typeText("清洁委托")
	if len(td.lines) == 0 {
		t.Errorf("the filter 清洁委托 finds no line")
	}
	for _, m := range td.lines {
		if m.Kind != "cleaning" {
			t.Errorf("the filter 清洁委托 finds %s (%s)", m.Serial, m.Form)
		}
	}
}

// 今日待办 names as next the steps the person may take: the clerk's complaint line says 答复, not the
// supervisor's 认定性质, which the supervisor's line names.
func TestTodayNamesOnlyTheStepsOneMayTake(t *testing.T) {
	h := newHarness(t)
	in := data.NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "complainant": "李娜", "phone": "13812345678", "channel": "电话", "category": "服务态度",
		"received": "2026-11-27 08:30", "content": "前台接待不耐烦", "validity": service.ComplaintValid, "urgency": "一般", "clerk": "陈佳"}
	rec, err := h.store.Create(h.sh.actor, "complaint", in)
	if err != nil {
		t.Fatal(err)
	}
	next := func() []string {
		h.sh.Show(navToday)
		td := h.sh.Current().(*todayScreen)
		td.refresh()
		for _, m := range td.all {
			if m.Serial == rec.Serial {
				return m.Next
			}
		}
		t.Fatalf("%s is not on %s's 今日待办", rec.Serial, h.sh.actor.Name)
		return nil
	}
	if got := strings.Join(next(), "、"); strings.Contains(got, "认定性质") || got == "" {
		t.Errorf("the clerk's next steps: %q", got)
	}
	// The filter finds the line by its serial typed in small letters, as a clerk types it.
	td := h.sh.Current().(*todayScreen)
	h.win.Canvas().Focus(td.filter)
	h.typeText(strings.ToLower(rec.Serial))
	if len(td.lines) != 1 || td.lines[0].Serial != rec.Serial {
		t.Errorf("the filter %q shows %d lines", td.filter.Text, len(td.lines))
	}
	td.filter.SetText("")
	h.sh.Lock()
	h.logIn("wang", testPassword)
	h.sh.Current().(*todayScreen).others.SetChecked(true)
	if got := strings.Join(next(), "、"); !strings.Contains(got, "认定性质") {
		t.Errorf("the supervisor's next steps: %q", got)
	}
}
