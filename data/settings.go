package data

import (
	"fmt"
	"strconv"
	"strings"
)

// Setting declares one of the manager's settings that a form or a rule reads (a visitor's longest stay,
// the shifts' hours), with what the settings screen and the console show of it and the limits the store
// holds it to. A form lists the settings it reads in Form.Settings; the engine gathers them at
// registration, so a new form's setting appears on the settings screen and in `frontdeskctl settings`
// with no change to either.
type Setting struct {
	Key string
	// Label is the setting's name as the settings screen shows it, with its unit where it has one.
	Label string
	// Unit is what a number is counted in (小时, 联, 个工作日); empty for a text setting.
	Unit string
	// Default is the value in force until the manager sets one.
	Default string
	// Min and Max bound a number setting (Unit set).
	Min, Max int
	// Hint explains a text setting under its entry.
	Hint string
	// Check says what else is wrong with a value ("" when it may be saved): a number the limits allow
	// but the rule does not (2 copies of a slip a page), or a text that does not parse.
	Check func(v string) string
}

// Number says whether the setting is a whole number within Min..Max.
func (s Setting) Number() bool { return s.Unit != "" }

// Problem says what is wrong with a value of the setting, in Chinese without the setting's name; ""
// when it may be saved.
func (s Setting) Problem(v string) string {
	v = strings.TrimSpace(v)
	if s.Number() {
		n, err := strconv.Atoi(strings.TrimSpace(Normalize(TypeInt, v)))
		if err != nil || n < s.Min || n > s.Max {
			return fmt.Sprintf("应为 %d 到 %d", s.Min, s.Max)
		}
	}
	if s.Check != nil {
		return s.Check(v)
	}
	return ""
}

// SettingReader reads the manager's settings (the store, an Env).
type SettingReader interface {
	Setting(key, def string) string
}

// Int reads a number setting through env: its value, or Default when unset or not a number in limits.
func (s Setting) Int(env SettingReader) int {
	def, _ := strconv.Atoi(s.Default)
	if env == nil {
		return def
	}
	if n, err := strconv.Atoi(env.Setting(s.Key, "")); err == nil && s.Problem(strconv.Itoa(n)) == "" {
		return n
	}
	return def
}

var settingByKey = map[string]Setting{}

// registerSettings gathers a form's settings; one key declared by two forms must be declared alike
// (the shifts' hours read by the roster, the handover and the duty log).
func registerSettings(f *Form) {
	for _, s := range f.Settings {
		if old, dup := settingByKey[s.Key]; dup {
			if old.Label != s.Label || old.Default != s.Default || old.Unit != s.Unit {
				panic(fmt.Sprintf("setting %s declared twice, differently (form %s)", s.Key, f.Key))
			}
			continue
		}
		settingByKey[s.Key] = s
	}
}

// Settings lists every declared setting: number settings first, then text settings, each in the order
// of the first form (in navigation order) that declares it.
func Settings() []Setting {
	var nums, texts []Setting
	seen := map[string]bool{}
	for _, f := range Forms() {
		for _, s := range f.Settings {
			if seen[s.Key] {
				continue
			}
			seen[s.Key] = true
			if s.Number() {
				nums = append(nums, s)
			} else {
				texts = append(texts, s)
			}
		}
	}
	return append(nums, texts...)
}

// SettingByKey returns the declaration of a setting.
func SettingByKey(key string) (Setting, bool) {
	s, ok := settingByKey[key]
	return s, ok
}
