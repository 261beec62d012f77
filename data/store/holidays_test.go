package store

import (
	"testing"
	"time"

	"frontdesk/data"
)

// From 1 November, while next year has no holiday schedule, the manager's due list asks for it; the
// clerk's does not; entered, the line goes.
func TestNextYearsHolidaysAreAskedFor(t *testing.T) {
	t.Cleanup(func() { data.SetEnteredYears(nil) })
	s, _ := openTemp(t)
	if data.CalendarKnows(2028) {
		t.Skip("the shipped calendar knows 2028")
	}
	asked := func(by data.Actor, at time.Time) bool {
		ms, err := s.Due(by, at)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Kind == HolidayMatterKind {
				return true
			}
		}
		return false
	}
	oct, nov := time.Date(2027, 10, 20, 9, 0, 0, 0, data.Shanghai), time.Date(2027, 11, 5, 9, 0, 0, 0, data.Shanghai)
	if asked(manager, oct) {
		t.Error("asked for in October")
	}
	if !asked(manager, nov) {
		t.Error("not asked for in November")
	}
	if asked(clerk, nov) {
		t.Error("the clerk is asked for the holidays")
	}
	y, err := data.ParseHolidays([]byte("2028-01-01,休,元旦\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnterHolidays(manager, y); err != nil {
		t.Fatal(err)
	}
	if asked(manager, nov) {
		t.Error("still asked for once entered")
	}
}
