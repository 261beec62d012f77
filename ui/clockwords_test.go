package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/forms/service"
)

// listStatus is the status cell of a list's first row, as the table draws it.
func listStatus(l *listScreen) string { return listStatusAt(l, 0) }

func listStatusAt(l *listScreen, row int) string {
	cell := widget.NewLabel("")
	l.updateCell(widget.TableCellID{Row: row, Col: 1}, cell)
	return cell.Text
}

// A list's status says what its time left counts to, in the words its form's clock declares (in place
// of the state's name, which they say too): a visitor's stay before it is overdue, a slip's validity (on its last day: 当日有效); a clock without
// words of its own keeps 剩余, and an overdue matter reads 超时 as before.
func TestTheTimeLeftSaysWhatItCountsTo(t *testing.T) {
	h := newHarness(t)
	at := testNow.Add(-2 * time.Minute).Format(data.LayoutDateTime)
	in := data.NewInput()
	in.Values = map[string]string{"visitor_name": "张伟", "doc_type": "护照", "doc_no": "E12345678", "phone": "13812345678",
		"host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话", "consent_time": at, "entry_time": at, "clerk": "陈佳"}
	if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
		t.Fatal(err)
	}
	if got := listStatus(h.list("visitor")); got != "逗留 3:58 后超时" {
		t.Errorf("the visitor's status = %q; want 逗留 3:58 后超时", got)
	}
	slip := func(until string) {
		t.Helper()
		in := data.NewInput()
		in.Values = map[string]string{"unit": "3-2-1201", "owner_name": "李娜", "owner_phone": "13812345678", "identity_check": "业主本人到场",
			"carrier": "货拉拉", "gate": "东门", "issue_date": "2026-11-27", "valid_until": until, "clerk": "陈佳"}
		in.Tables["items"] = []data.Row{{"name": "冰箱", "qty": "1"}}
		if _, err := h.store.Create(h.sh.actor, "release", in); err != nil {
			t.Fatal(err)
		}
	}
	slip("2026-11-27")
	if got := listStatus(h.list("release")); got != "当日有效，还剩 14:30" {
		t.Errorf("a slip of today: status = %q; want 当日有效，还剩 14:30", got)
	}
	slip("2026-11-28") // the newest first
	if got := listStatus(h.list("release")); got != "有效期还剩 38:30" {
		t.Errorf("a slip of two days: status = %q; want 有效期还剩 38:30", got)
	}
	at = testNow.Add(-5 * time.Hour).Format(data.LayoutDateTime)
	in.Values["entry_time"], in.Values["consent_time"], in.Values["visitor_name"] = at, at, "李强"
	if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
		t.Fatal(err)
	}
	if got := listStatusAt(h.list("visitor"), 1); !strings.Contains(got, "超时 1:00") || strings.Contains(got, "逗留 ") {
		t.Errorf("an overdue visitor's status = %q; want it overdue by an hour", got)
	}
}

// labelTexts are the texts of every label under o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// A deadline is written one way on every screen: 今日待办's line and the record's own line say
// 11月27日 11:30 前答复, never 答复时限 11-27 11:30.
func TestADeadlineIsWrittenOneWayEverywhere(t *testing.T) {
	h := newHarnessAs(t, "wang")
	in := data.NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "complainant": "李娜", "phone": "13812345678", "channel": "电话", "category": "噪音",
		"content": "楼上夜间装修噪音。", "received": "2026-11-27 09:30", "clerk": "王主管", "urgency": "一般", "validity": service.ComplaintUndecided}
	rec, err := h.store.Create(h.sh.actor, "complaint", in)
	if err != nil {
		t.Fatal(err)
	}
	const want = "11月27日 11:30 前答复"
	h.sh.Show(navToday)
	td := h.sh.Current().(*todayScreen)
	found := false
	for _, m := range td.lines {
		if m.Serial == rec.Serial {
			found = true
			if got := todayCell(m, 1); got != want {
				t.Errorf("今日待办 writes the deadline %q; want %q", got, want)
			}
		}
	}
	if !found {
		t.Fatalf("the complaint is not on 今日待办: %+v", td.lines)
	}
	l := h.list("complaint")
	l.open(rec)
	var life string
	for _, s := range labelTexts(l.editor.life) {
		if strings.Contains(s, "状态：") {
			life = s
		}
	}
	if !strings.Contains(life, want+"，剩余 2:00") || strings.Contains(life, "时限") {
		t.Errorf("the record's line: %q; want it to say %q", life, want+"，剩余 2:00")
	}
}
