package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// A month of a year without a holiday schedule (2028, not shipped, not entered): a line under the board
// says its working-day figures take no holiday and where the manager enters the year; on a month of a
// year with a schedule, and once the manager entered the year, there is no such line.
func TestTheBoardSaysWhenItsYearHasNoHolidaySchedule(t *testing.T) {
	h := newHarnessAs(t, "liu")
	h.sh.Show(navBoard)
	b, ok := h.sh.Current().(*boardScreen)
	if !ok {
		t.Fatalf("the board did not open: %T", h.sh.Current())
	}
	const want = "2028年的节假日安排尚未录入"
	if text := visibleText(t, h); strings.Contains(text, "节假日安排尚未录入") {
		t.Errorf("a month of 2026 (shipped) says the schedule is missing:\n%s", text)
	}
	b.month = time.Date(2028, 2, 10, 9, 0, 0, 0, data.Shanghai) // the board on a month of 2028
	b.refresh()
	text := visibleText(t, h)
	if !strings.Contains(text, want) || !strings.Contains(text, "请经理在 设置 → 节假日安排 录入") || !strings.Contains(text, "法定节假日当作工作日") {
		t.Errorf("the board on 2028-02 does not say its year has no schedule:\n%s", text)
	}
	data.SetEnteredYears([]data.CalendarYear{{Year: 2028, By: "刘经理", Days: []data.HolidayDay{{Date: "2028-01-01", Rest: true, Name: "元旦"}}}})
	defer data.SetEnteredYears(nil)
	b.refresh()
	if text := visibleText(t, h); strings.Contains(text, want) {
		t.Errorf("the line stays once the manager entered 2028:\n%s", text)
	}
}

// visibleText is the text of the window's labels that are shown.
func visibleText(t *testing.T, h *harness) string {
	t.Helper()
	var walk func(o fyne.CanvasObject) string
	walk = func(o fyne.CanvasObject) string {
		if o == nil || !o.Visible() {
			return ""
		}
		switch w := o.(type) {
		case *widget.Label:
			return w.Text + "\n"
		case *fyne.Container:
			var out string
			for _, c := range w.Objects {
				out += walk(c)
			}
			return out
		case fyne.Widget:
			var out string
			for _, c := range test.TempWidgetRenderer(t, w).Objects() {
				out += walk(c)
			}
			return out
		}
		return ""
	}
	return walk(h.win.Content())
}
