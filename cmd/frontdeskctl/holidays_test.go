package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/data"
)

// The manager enters a year's holidays from the notice's CSV; a wrong file is refused by line, writing
// nothing; the schedule in force is printed, shipped or entered.
func TestHolidaysCommand(t *testing.T) {
	t.Cleanup(func() { data.SetEnteredYears(nil) })
	dir := accountsDir(t)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("日期,类型,名称\n2031-01-01,休,元旦\n2031-01-01,休,元旦\n2032-01-02,休,元旦\n2031-01-05,放,元旦\n"), 0o600)
	good := filepath.Join(t.TempDir(), "good.csv")
	os.WriteFile(good, []byte("日期,类型,名称\n2031-01-01,休,元旦\n2031-01-02,休,元旦\n2031-01-04,班,元旦\n"), 0o600)
	t.Setenv("FRONTDESK_USER", "manager")
	code, _, e := ctl(t, "", "-data", dir, "holidays", "-import", bad)
	for _, want := range []string{"第3行：2031-01-01 与第2行重复", "第4行：2032-01-02 不是2031年的", "第5行：类型应为 休 或 班"} {
		if code != 1 || !strings.Contains(e, want) {
			t.Errorf("the bad file: %d %q; want %q", code, e, want)
		}
	}
	if _, out, _ := ctl(t, "", "-data", dir, "holidays", "-year", "2031"); !strings.Contains(out, "尚未录入") {
		t.Errorf("a refused file entered something: %q", out)
	}
	t.Setenv("FRONTDESK_USER", "clerk")
	if code, _, e := ctl(t, "", "-data", dir, "holidays", "-import", good); code != 1 || !strings.Contains(e, "没有权限") {
		t.Errorf("a clerk enters holidays: %d %q", code, e)
	}
	t.Setenv("FRONTDESK_USER", "manager")
	if code, out, e := ctl(t, "", "-data", dir, "holidays", "-import", good); code != 0 || !strings.Contains(out, "共 3 天") {
		t.Fatalf("the good file: %d %q %q", code, out, e)
	}
	code, out, _ := ctl(t, "", "-data", dir, "holidays", "-year", "2031", "-json")
	var lines []holidayLine
	if err := json.Unmarshal([]byte(out), &lines); code != 0 || err != nil || len(lines) != 3 || lines[2].Type != "班" || lines[0].Source != "手工录入" {
		t.Errorf("2031 in force: %d %v %q", code, err, out)
	}
	if _, out, _ := ctl(t, "", "-data", dir, "holidays", "-year", "2026"); !strings.Contains(out, "2026-10-07  周三  休  国庆节") || !strings.Contains(out, "程序内置") {
		t.Errorf("the shipped 2026: %q", out)
	}
	if code, _, e := ctl(t, "", "-data", dir, "check"); code != 0 {
		t.Errorf("check after the entry: %s", e)
	}
}
