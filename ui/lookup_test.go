package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// Typing in a list's search box never waits on the store: each keystroke's search runs off the UI
// goroutine, and its answer reaches the window only through the UI queue. Answers that come back out
// of order (an older, slower search after a newer one) are dropped: the list shows the newest query's
// answer, and never stays on "搜索中…".
func TestSearchDoesNotHoldTheWindow(t *testing.T) {
	h := newHarness(t)
	for i, name := range []string{"张伟", "张伟", "张三", "王芳", "张伟明"} {
		in := data.NewInput()
		in.Values = map[string]string{"visitor_name": name, "doc_type": "护照", "doc_no": fmt.Sprintf("E1234567%d", i),
			"phone": fmt.Sprintf("1381234567%d", i), "host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜",
			"consent_way": "电话", "consent_time": "2026-11-27 08:59", "entry_time": "2026-11-27 09:00", "clerk": "陈佳"}
		if _, err := h.store.Create(h.sh.actor, "visitor", in); err != nil {
			t.Fatal(err)
		}
	}
	l := h.list("visitor")
	if len(l.records) != 5 {
		t.Fatalf("list shows %d", len(l.records))
	}
	queue := make(chan func(), 64)
	lookupsInline, onUI = false, func(f func()) { queue <- f }
	defer func() { lookupsInline, onUI = true, fyne.Do }()

	h.typeText("张伟明")
	// Three keystrokes, three searches; none of them has touched the list yet.
	if len(l.records) != 5 || l.search.Text != "张伟明" {
		t.Fatalf("the window changed before any answer came: %d rows, %q", len(l.records), l.search.Text)
	}
	var answers []func()
	deadline := time.After(5 * time.Second)
	for len(answers) < 3 {
		select {
		case f := <-queue:
			answers = append(answers, f)
		case <-deadline:
			t.Fatalf("%d answers came back", len(answers))
		}
	}
	// The newest first, then the older two, as slower searches would arrive.
	for i := len(answers) - 1; i >= 0; i-- {
		answers[i]()
	}
	// Whatever else is queued (a late "searching" notice) runs too.
	for {
		select {
		case f := <-queue:
			f()
			continue
		case <-time.After(100 * time.Millisecond):
		}
		break
	}
	if len(l.records) != 1 || l.records[0].Values["visitor_name"] != "张伟明" {
		t.Errorf("list shows %d rows after the answers, want the one 张伟明", len(l.records))
	}
	if !strings.HasPrefix(l.info.Text, "共 1 条") {
		t.Errorf("info = %q", l.info.Text)
	}
}
