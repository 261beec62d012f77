package data

import (
	"fmt"
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// The working-day calendar: the State Council's holiday schedule as lunar-go carries it (statutory
// holidays and the weekend days moved to make up for them, 调休上班), and the years the manager entered
// from the notice (a year entered replaces the shipped one). Every deadline counted in working days, and
// every rule about rest days, asks this one calendar.

// HolidayDay is one day of a year's schedule: a rest day (休) of a holiday, or a make-up workday (班).
type HolidayDay struct {
	Date string `json:"date"` // 2006-01-02
	Rest bool   `json:"rest"`
	Name string `json:"name"`
}

// CalendarYear is a year's schedule as the manager entered it, with who entered it and when.
type CalendarYear struct {
	Year int          `json:"year"`
	Days []HolidayDay `json:"days"`
	By   string       `json:"by"`
	At   time.Time    `json:"at"`
}

var (
	enteredMu sync.RWMutex
	entered   = map[int]map[string]HolidayDay{}
)

// SetEnteredYears puts the years the manager entered in force (the store does at its open and after
// each entry), in place of any entered before.
func SetEnteredYears(years []CalendarYear) {
	m := map[int]map[string]HolidayDay{}
	for _, y := range years {
		days := map[string]HolidayDay{}
		for _, d := range y.Days {
			days[d.Date] = d
		}
		m[y.Year] = days
	}
	enteredMu.Lock()
	entered = m
	enteredMu.Unlock()
}

// enteredDay is the entered schedule's word on a day: whether its year was entered, and the day if
// the schedule names it.
func enteredDay(d time.Time) (HolidayDay, bool, bool) {
	enteredMu.RLock()
	defer enteredMu.RUnlock()
	days, ok := entered[d.Year()]
	if !ok {
		return HolidayDay{}, false, false
	}
	day, named := days[d.Format(LayoutDate)]
	return day, named, true
}

// CalendarEntered says whether the manager entered the year's schedule.
func CalendarEntered(year int) bool {
	enteredMu.RLock()
	defer enteredMu.RUnlock()
	_, ok := entered[year]
	return ok
}

// CalendarKnows says whether the calendar has the official schedule of a year. A year it does not know
// is counted with weekends only, and whoever relies on it is told so (CalendarGap).
func CalendarKnows(year int) bool {
	if CalendarEntered(year) {
		return true
	}
	l := HolidayUtil.GetHolidaysByYear(year)
	return l != nil && l.Len() > 0
}

// ShippedYear is the schedule the program ships for a year (none for a year it does not know).
func ShippedYear(year int) []HolidayDay {
	var out []HolidayDay
	l := HolidayUtil.GetHolidaysByYear(year)
	if l == nil {
		return nil
	}
	for e := l.Front(); e != nil; e = e.Next() {
		if h, ok := e.Value.(*HolidayUtil.Holiday); ok && h != nil {
			out = append(out, HolidayDay{Date: h.GetDay(), Rest: !h.IsWork(), Name: holidayName(h.GetName())})
		}
	}
	return out
}

// holidayName is a holiday's name as the State Council's notice writes it.
func holidayName(n string) string {
	if n == "元旦节" {
		return "元旦"
	}
	return n
}

// CalendarGap is the sentence a screen shows when a deadline falls in a year without a schedule.
func CalendarGap(year int) string {
	return fmt.Sprintf("%d年的法定节假日安排尚未录入（设置 → 节假日安排），只按周末推算，请人工核对。", year)
}

// CalendarGapFigures is the line under a month's figures (the board, the month pack) when the month's
// year has no schedule: its working-day figures take no holiday ("" when the year has one).
func CalendarGapFigures(year int) string {
	if CalendarKnows(year) {
		return ""
	}
	return fmt.Sprintf("%d年的节假日安排尚未录入：本月按工作日计算的期限和达标数字只按周末推算，法定节假日当作工作日。请经理在 设置 → 节假日安排 录入。", year)
}

// RestDay says whether a day is not a working day by the official calendar: a statutory holiday, or a
// weekend that is not a make-up workday (调休上班); the name says which.
func RestDay(t time.Time) (bool, string) {
	d := t.In(Shanghai)
	if day, named, known := enteredDay(d); known {
		switch {
		case named && day.Rest:
			return true, day.Name
		case named:
			return false, ""
		}
	} else if h := HolidayUtil.GetHoliday(d.Format(LayoutDate)); h != nil {
		if h.IsWork() {
			return false, ""
		}
		return true, holidayName(h.GetName())
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
