package data

import (
	"testing"
	"time"
)

// The 2026 schedule of the State Council, as the calendar must know it.
func TestCalendar2026(t *testing.T) {
	rest := []string{"2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-19", "2026-02-23", "2026-04-04", "2026-04-06",
		"2026-05-01", "2026-05-05", "2026-06-19", "2026-06-21", "2026-09-25", "2026-09-27", "2026-10-01", "2026-10-07", "2026-11-28"}
	work := []string{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10", "2026-10-08", "2026-11-27"}
	for _, d := range rest {
		if Workday(day(d)) {
			t.Errorf("%s is a working day; want a rest day", d)
		}
	}
	for _, d := range work {
		if !Workday(day(d)) {
			t.Errorf("%s is a rest day; want a working day", d)
		}
	}
	if !CalendarKnows(2026) || CalendarKnows(2031) {
		t.Errorf("CalendarKnows(2026) = %v, (2031) = %v", CalendarKnows(2026), CalendarKnows(2031))
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		from  string
		n     int
		want  string // the deadline is the end of this day
		known bool
	}{
		{"2026-09-30", 2, "2026-10-09", true}, // 国庆 10/1–10/7; 10/8 and 10/9 are the two working days
		{"2026-10-08", 2, "2026-10-10", true}, // 10/10 is a make-up workday (a Saturday)
		{"2026-11-27", 2, "2026-12-01", true}, // an ordinary weekend: Friday → Tuesday
		{"2026-02-13", 1, "2026-02-14", true}, // 2/14 a make-up Saturday before 春节
		{"2026-02-14", 1, "2026-02-24", true}, // 春节 2/15–2/23
		{"2030-12-30", 2, "2031-01-01", false},
	}
	for _, tt := range tests {
		got, known := AddWorkingDays(day(tt.from).Add(15*time.Hour), tt.n)
		if want := day(tt.want).AddDate(0, 0, 1); !got.Equal(want) || known != tt.known {
			t.Errorf("AddWorkingDays(%s, %d) = %s %v; want end of %s %v", tt.from, tt.n, got.Format(LayoutDateTime), known, tt.want, tt.known)
		}
	}
}

// A deadline at midnight is said as the end of the day before.
func TestClockText(t *testing.T) {
	for in, want := range map[string]string{"2026-12-04 00:00": "12月3日 24:00", "2026-12-01 10:05": "12月1日 10:05", "2027-01-01 00:00": "12月31日 24:00"} {
		at, _ := ParseLocal(TypeDateTime, in)
		if got := ClockText(at); got != want {
			t.Errorf("%s: %s; want %s", in, got, want)
		}
	}
}

func day(s string) time.Time {
	t, err := time.ParseInLocation(LayoutDate, s, Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}
