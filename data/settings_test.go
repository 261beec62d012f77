package data

import "testing"

func TestSettingProblem(t *testing.T) {
	hours := Setting{Key: "h", Label: "时长（小时）", Unit: "小时", Default: "4", Min: 1, Max: 72}
	odd := Setting{Key: "o", Label: "联数", Unit: "联", Default: "3", Min: 1, Max: 3, Check: func(v string) string {
		if v == "2" {
			return "应为 3 或 1"
		}
		return ""
	}}
	text := Setting{Key: "t", Label: "物品", Check: func(v string) string {
		if v == "" {
			return "至少写一样物品"
		}
		return ""
	}}
	tests := []struct {
		s    Setting
		v    string
		want string
	}{
		{hours, "4", ""},
		{hours, " 72 ", ""},
		{hours, "７", ""},
		{hours, "0", "应为 1 到 72"},
		{hours, "73", "应为 1 到 72"},
		{hours, "四", "应为 1 到 72"},
		{hours, "", "应为 1 到 72"},
		{odd, "2", "应为 3 或 1"},
		{odd, "1", ""},
		{text, "", "至少写一样物品"},
		{text, "钥匙", ""},
	}
	for _, tt := range tests {
		if got := tt.s.Problem(tt.v); got != tt.want {
			t.Errorf("%s.Problem(%q) = %q; want %q", tt.s.Key, tt.v, got, tt.want)
		}
	}
	env := fakeSettings{"h": "8", "o": "2"}
	if got := hours.Int(env); got != 8 {
		t.Errorf("Int = %d; want 8", got)
	}
	if got := odd.Int(env); got != 3 {
		t.Errorf("Int of a refused value = %d; want the default 3", got)
	}
	if got := hours.Int(nil); got != 4 {
		t.Errorf("Int without a store = %d; want 4", got)
	}
}

// Every setting a form declares is listed once, and its limits admit its default.
func TestDeclaredSettings(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Settings() {
		if seen[s.Key] {
			t.Errorf("%s listed twice", s.Key)
		}
		seen[s.Key] = true
		if msg := s.Problem(s.Default); msg != "" && s.Default != "" {
			t.Errorf("%s: its default %q is refused: %s", s.Key, s.Default, msg)
		}
		if d, ok := SettingByKey(s.Key); !ok || d.Label != s.Label {
			t.Errorf("SettingByKey(%s) = %v %v", s.Key, d, ok)
		}
	}
	if len(seen) == 0 {
		t.Fatal("no settings declared")
	}
	defer func() {
		if recover() == nil {
			t.Error("a setting declared twice, differently, was taken")
		}
	}()
	registerSettings(&Form{Key: "x", Settings: []Setting{{Key: Settings()[0].Key, Label: "别的名字"}}})
}

type fakeSettings map[string]string

func (e fakeSettings) Setting(k, def string) string {
	if v, ok := e[k]; ok {
		return v
	}
	return def
}
