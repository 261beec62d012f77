package building

import (
	"strings"
	"testing"

	"frontdesk/data"
)

// A permit in a year without the holiday schedule is not taken for one on a working day: the manager
// approves it, told why.
func TestHotWorkInAYearWithoutItsSchedule(t *testing.T) {
	if data.CalendarKnows(2031) {
		t.Skip("the calendar knows 2031")
	}
	r := &data.Record{Values: map[string]string{"start": "2031-01-28 09:00", "end": "2031-01-28 11:00"}}
	if why := HotWorkNeedsManager(r); !strings.Contains(why, "2031年的法定节假日安排尚未录入") {
		t.Errorf("a permit on 2031-01-28: %q", why)
	}
	r.Values["start"], r.Values["end"] = "2026-12-09 09:00", "2026-12-09 11:00"
	if why := HotWorkNeedsManager(r); why != "" {
		t.Errorf("a working day of a known year: %q", why)
	}
}
