package data

import (
	"strings"
	"testing"
	"time"
)

// The shipped 2026 schedule is the State Council's notice of 2025-11-04, day by day.
func TestShipped2026IsTheNotice(t *testing.T) {
	rest := map[string]bool{}
	for _, span := range [][2]string{{"01-01", "01-03"}, {"02-15", "02-23"}, {"04-04", "04-06"}, {"05-01", "05-05"},
		{"06-19", "06-21"}, {"09-25", "09-27"}, {"10-01", "10-07"}} {
		from, _ := ParseLocal(TypeDate, "2026-"+span[0])
		to, _ := ParseLocal(TypeDate, "2026-"+span[1])
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			rest[d.Format(LayoutDate)] = true
		}
	}
	work := map[string]bool{"2026-01-04": true, "2026-02-14": true, "2026-02-28": true, "2026-05-09": true, "2026-09-20": true, "2026-10-10": true}
	for d := time.Date(2026, 1, 1, 0, 0, 0, 0, Shanghai); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		k := d.Format(LayoutDate)
		weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
		want := rest[k] || weekend && !work[k]
		if got, _ := RestDay(d); got != want {
			t.Errorf("%s (%s): rest %v; want %v", k, d.Weekday(), got, want)
		}
	}
	if _, name := RestDay(time.Date(2026, 1, 1, 9, 0, 0, 0, Shanghai)); name != "元旦" {
		t.Errorf("New Year's Day is named %q; the notice writes 元旦", name)
	}
}

// A year the manager enters from the notice replaces the shipped one, and makes a year the program
// does not know a known one.
func TestAnEnteredYear(t *testing.T) {
	t.Cleanup(func() { SetEnteredYears(nil) })
	if CalendarKnows(2031) {
		t.Skip("the shipped calendar knows 2031 already")
	}
	y, err := ParseHolidays([]byte("日期,类型,名称\n2031-01-01,休,元旦\n2031-01-04,班,元旦\n2031/01/02,休,元旦\n"))
	if err != nil {
		t.Fatal(err)
	}
	SetEnteredYears([]CalendarYear{y})
	if !CalendarKnows(2031) || !CalendarEntered(2031) {
		t.Error("the entered year is not known")
	}
	if rest, name := RestDay(time.Date(2031, 1, 2, 9, 0, 0, 0, Shanghai)); !rest || name != "元旦" {
		t.Errorf("2031-01-02: %v %q", rest, name)
	}
	if rest, _ := RestDay(time.Date(2031, 1, 4, 9, 0, 0, 0, Shanghai)); rest {
		t.Error("a make-up workday (a Saturday) is a rest day")
	}
	if rest, _ := RestDay(time.Date(2031, 1, 5, 9, 0, 0, 0, Shanghai)); !rest {
		t.Error("an ordinary Sunday of an entered year is a working day")
	}
	// Entered over a shipped year, it replaces it: 2026-10-08 made a rest day, 10-01 not named.
	y26, _ := ParseHolidays([]byte("2026-10-08,休,国庆节\n"))
	SetEnteredYears([]CalendarYear{y26})
	if rest, _ := RestDay(time.Date(2026, 10, 8, 9, 0, 0, 0, Shanghai)); !rest {
		t.Error("the entered 2026 does not replace the shipped one")
	}
	if rest, _ := RestDay(time.Date(2026, 10, 1, 9, 0, 0, 0, Shanghai)); rest {
		t.Error("a day the entered 2026 does not name is still the shipped holiday")
	}
}

// A holiday file is refused whole, line by line: a bad date, a day twice, another year, a type other
// than 休 or 班.
func TestHolidayFileRefusals(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{"2028-13-01,休,元旦\n", "第1行：日期"},
		{"2028-01-01,休,元旦\n2028-01-01,休,元旦\n", "第2行：2028-01-01 与第1行重复"},
		{"2028-01-01,休,元旦\n2029-01-01,休,元旦\n", "第2行：2029-01-01 不是2028年的"},
		{"2028-01-01,放,元旦\n", "类型应为 休 或 班"},
		{"日期,类型,名称\n", "没有日期"},
	} {
		_, err := ParseHolidays([]byte(tt.file))
		fe, ok := err.(*HolidayFileError)
		if !ok || !strings.Contains(fe.Chinese(), tt.want) {
			t.Errorf("ParseHolidays(%q) = %v; want %q", tt.file, err, tt.want)
		}
	}
}
