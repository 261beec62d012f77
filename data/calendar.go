package data

import (
	"fmt"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// The working-day calendar: the State Council's holiday schedule as lunar-go carries it (statutory
// holidays and the weekend days moved to make up for them, 调休上班). Every deadline counted in working
// days, and every rule about rest days, asks this one calendar.

// CalendarKnows says whether the calendar has the official schedule of a year. A year it does not know
// is counted with weekends only, and whoever relies on it is told so (CalendarGap).
func CalendarKnows(year int) bool {
	l := HolidayUtil.GetHolidaysByYear(year)
	return l != nil && l.Len() > 0
}

// CalendarGap is the sentence a screen shows when a deadline falls in a year without a schedule.
func CalendarGap(year int) string {
	return fmt.Sprintf("%d年的法定节假日安排尚未载入本程序，截止时间只按周末推算，请人工核对。", year)
}

// RestDay says whether a day is not a working day by the official calendar: a statutory holiday, or a
// weekend that is not a make-up workday (调休上班); the name says which.
func RestDay(t time.Time) (bool, string) {
	d := t.In(Shanghai)
	if h := HolidayUtil.GetHoliday(d.Format(LayoutDate)); h != nil {
		if h.IsWork() {
			return false, ""
		}
		return true, h.GetName()
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return true, "周末"
	}
	return false, ""
}

// Workday says whether a day is a working day.
func Workday(t time.Time) bool {
	rest, _ := RestDay(t)
	return !rest
}

// AddWorkingDays is the end of the n-th working day after t's day (n ≥ 1): "within 2 working days after
// completion" for work completed on 2026-09-30 runs to the end of 10-09. known is false when a day
// counted lies in a year the calendar has no schedule for.
func AddWorkingDays(t time.Time, n int) (end time.Time, known bool) {
	d := t.In(Shanghai)
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, Shanghai)
	known = true
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		if !CalendarKnows(day.Year()) {
			known = false
		}
		if Workday(day) {
			n--
		}
	}
	return day.AddDate(0, 0, 1), known
}

func DayStart(t time.Time) time.Time {
	d := t.In(Shanghai)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, Shanghai)
}

func MonthStart(t time.Time) time.Time {
	d := t.In(Shanghai)
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, Shanghai)
}
