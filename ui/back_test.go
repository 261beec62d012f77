package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/forms/service"
	"frontdesk/data/store"
)

// complaintAt records a valid complaint received at the time given; answered, when set, is when it
// was answered.
func complaintAt(h *harness, received, answered string) *data.Record {
	h.t.Helper()
	in := data.NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "complainant": "李娜", "phone": "13812345678", "channel": "电话", "category": "服务态度",
		"received": received, "content": "前台接待不耐烦", "validity": service.ComplaintValid, "urgency": "一般", "clerk": "王主管"}
	r, err := h.store.Create(h.sh.actor, "complaint", in)
	if err != nil {
		h.t.Fatal(err)
	}
	if answered != "" {
		st := data.NewInput()
		st.Values = map[string]string{"reply_time": answered, "reply_way": "电话", "reply_content": "已致歉并说明处理安排", "settled": "是"}
		if r, err = h.store.Step(h.sh.actor, r.Serial, "reply", st); err != nil {
			h.t.Fatal(err)
		}
	}
	return r
}

// editing is the record open on the screen in front, if any.
func editing(h *harness) *data.Record {
	if l, ok := h.sh.Current().(*listScreen); ok && l.editor != nil {
		return l.editor.rec
	}
	return nil
}

// Esc on a record opened from the board goes back to the board, not to the record's list; so does
// Esc on a record opened from 今日待办, and on one opened from its list it goes back to the list.
func TestEscReturnsToTheScreenARecordWasOpenedFrom(t *testing.T) {
	h := newHarnessAs(t, "wang")
	late := complaintAt(h, "2026-11-21 09:00", "2026-11-21 12:00")
	waiting := complaintAt(h, "2026-11-27 08:00", "")

	// The board → the record behind the red row → Esc → the board.
	h.sh.Show(navBoard)
	b := h.sh.Current().(*boardScreen)
	for i, r := range b.rows {
		if r.Measure.Key == "complaint_reply" {
			b.table.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
	b.behind.Select(0)
	if r := editing(h); r == nil || r.Serial != late.Serial {
		t.Fatalf("the board opened %v on %T", r, h.sh.Current())
	}
	h.key(fyne.KeyEscape)
	if _, ok := h.sh.Current().(*boardScreen); !ok {
		t.Errorf("Esc on a record opened from the board went to %T", h.sh.Current())
	}
	if f := h.win.Canvas().Focused(); f != b.table {
		t.Errorf("back on the board the keys go to %T", f)
	}

	// 今日待办 → the complaint waiting for its answer → Esc → 今日待办.
	h.sh.Show(navToday)
	td := h.sh.Current().(*todayScreen)
	td.selected = -1
	for i, m := range td.lines {
		if m.Serial == waiting.Serial {
			td.selected = i
		}
	}
	if td.selected < 0 {
		t.Fatalf("%s is not on 今日待办: %+v", waiting.Serial, td.lines)
	}
	td.openSelected()
	if r := editing(h); r == nil || r.Serial != waiting.Serial {
		t.Fatalf("今日待办 opened %v on %T", r, h.sh.Current())
	}
	h.key(fyne.KeyEscape)
	if _, ok := h.sh.Current().(*todayScreen); !ok {
		t.Errorf("Esc on a record opened from 今日待办 went to %T", h.sh.Current())
	}

	// The list → a record → Esc → the list, and Esc there stays on it.
	l := h.list("complaint")
	l.open(late)
	h.key(fyne.KeyEscape)
	if h.sh.Current() != l || l.editor != nil {
		t.Errorf("Esc on a record opened from its list went to %T (editor %v)", h.sh.Current(), l.editor != nil)
	}
	h.sh.command(cmdCancel)
	if h.sh.Current() != l {
		t.Errorf("Esc on a list chosen in the navigation went to %T", h.sh.Current())
	}
}

// A screen opened from a line of 今日待办 (no backup today: 备份与恢复) goes back to it on Esc.
func TestEscReturnsToTodayFromTheScreenItsLineOpened(t *testing.T) {
	h := newHarnessAs(t, "liu")
	h.sh.Show(navToday)
	td := h.sh.Current().(*todayScreen)
	td.selected = -1
	for i, m := range td.lines {
		if m.Kind == store.BackupMatterKind {
			td.selected = i
		}
	}
	if td.selected < 0 {
		t.Fatalf("no line for the backup on the manager's 今日待办: %+v", td.lines)
	}
	td.openSelected()
	if _, ok := h.sh.Current().(*backupScreen); !ok {
		t.Fatalf("the backup's line opened %T", h.sh.Current())
	}
	h.sh.command(cmdCancel)
	if _, ok := h.sh.Current().(*todayScreen); !ok {
		t.Errorf("Esc on 备份与恢复 opened from 今日待办 went to %T", h.sh.Current())
	}
}
