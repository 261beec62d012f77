package main

import (
	"encoding/json"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/store"
)

// The console lists every declared setting and changes one only within its declaration.
func TestSettingsCommands(t *testing.T) {
	dir := accountsDir(t)
	code, out, e := ctl(t, "", "-data", dir, "settings", "-json")
	if code != 0 {
		t.Fatalf("settings: %d %s", code, e)
	}
	var lines []settingLine
	if err := json.Unmarshal([]byte(out), &lines); err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(data.Settings()) || len(lines) == 0 {
		t.Fatalf("%d settings listed, %d declared", len(lines), len(data.Settings()))
	}
	for i, d := range data.Settings() {
		if lines[i].Key != d.Key || lines[i].Value != d.Default {
			t.Errorf("line %d: %+v; want %s = %q", i, lines[i], d.Key, d.Default)
		}
	}
	cases := []struct {
		user, key, value string
		code             int
		want             string
	}{
		{"clerk", "overstay_hours", "5", 1, "没有权限"},
		{"manager", "overstay_hours", "0", 1, "应为 1 到 72"},
		{"manager", "release_copies_per_page", "2", 1, "应为 3 或 1"},
		{"manager", "complaint_reply_hours", "3", 1, "应为 1 到 2"},
		{"manager", "no_such_setting", "3", 1, "没有设置项"},
		{"manager", "shift_hours", "乱写", 1, "班次时间"},
		{"manager", "overstay_hours", "６", 0, "6"},
	}
	for _, c := range cases {
		t.Setenv("FRONTDESK_USER", c.user)
		code, out, e := ctl(t, "", "-data", dir, "set", c.key, c.value)
		if code != c.code || !strings.Contains(out+e, c.want) {
			t.Errorf("%s set %s %q: %d %q %q; want %d and %q", c.user, c.key, c.value, code, out, e, c.code, c.want)
		}
	}
	s, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.Setting("overstay_hours", ""); got != "6" {
		t.Errorf("overstay_hours stored %q", got)
	}
	if got := s.Setting("release_copies_per_page", "unset"); got != "unset" {
		t.Errorf("a refused value was stored: %q", got)
	}
	if code, _, _ := ctl(t, "", "-data", dir, "set", "overstay_hours"); code != 2 {
		t.Errorf("set without a value: exit %d", code)
	}
}
