package ui

import (
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// 设置 → 节假日安排: the manager sees the year in force, enters next year from the notice, and a wrong
// file enters nothing, naming its lines.
func TestTheManagerKeepsTheHolidays(t *testing.T) {
	t.Cleanup(func() { data.SetEnteredYears(nil) })
	h := newHarnessAs(t, "liu")
	h.sh.Show(navSettings)
	s := h.sh.Current().(*settingsScreen)
	p := s.holidays
	if p == nil {
		t.Fatal("no 节假日安排 for the manager")
	}
	p.year.SetSelected("2026")
	if !strings.Contains(p.days.Text, "2026-10-07  国庆节  休") || !strings.Contains(p.days.Text, "程序内置") {
		t.Errorf("2026 in force: %q", p.days.Text)
	}
	p.enter([]byte("日期,类型,名称\n2027-01-01,休,元旦\n2027-01-01,休,元旦\n"))
	if !strings.Contains(p.msg.Text, "第3行") {
		t.Errorf("a day twice: %q", p.msg.Text)
	}
	entered, _ := h.store.HolidayYears()
	if len(entered) != 0 {
		t.Fatalf("a refused file entered %v", entered)
	}
	p.enter([]byte("日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,休,春节\n2027-02-20,班,春节\n"))
	if !strings.Contains(p.msg.Text, "已录入2027年") || p.year.Selected != "2027" || !strings.Contains(p.days.Text, "手工录入（刘经理") {
		t.Errorf("2027 entered: %q / %q", p.msg.Text, p.days.Text)
	}
	if rest, _ := data.RestDay(mustDay(t, "2027-02-06")); !rest {
		t.Error("the entered day is not a rest day")
	}
	// A clerk has no such section.
	c := newHarnessAs(t, "chenjia")
	c.sh.Show(navSettings)
	if c.sh.Current().(*settingsScreen).holidays != nil {
		t.Error("a clerk keeps the holidays")
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, ok := data.ParseLocal(data.TypeDate, s)
	if !ok {
		t.Fatalf("day %q", s)
	}
	return d
}
