package data_test

import (
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/demo"
	_ "frontdesk/data/forms" // the engine's tests (internal ones too) run on the rules' forms
)

var today = time.Date(2026, 11, 27, 12, 0, 0, 0, data.Shanghai)

// exampleInput is the generator's full example of a form, dated today.
func exampleInput(f *data.Form) data.Input {
	return demo.New(1, nil).Example(f, today, "陈佳", 1)
}

// Every declared form can be created from a valid input, and refuses it when any required field is missing.
func TestEveryFormValidAndRequired(t *testing.T) {
	for _, f := range data.Forms() {
		for seed := int64(1); seed <= 200; seed++ {
			in := demo.New(seed, nil).Example(f, today, "陈佳", float64(seed%3)/2)
			if _, errs := data.Validate(f, in, today); len(errs) > 0 {
				t.Errorf("%s example (seed %d) invalid: %v", f.Key, seed, errs.Describe(f))
			}
		}
		for _, fl := range f.Fields {
			if !fl.Required {
				continue
			}
			in := exampleInput(f)
			delete(in.Values, fl.Key)
			delete(in.Tables, fl.Key)
			_, errs := data.Validate(f, in, today)
			if errs[fl.Key] == "" {
				t.Errorf("%s without required %s: errs = %v; want a message for it", f.Key, fl.Key, errs)
			}
		}
	}
}

func TestCrossFieldRules(t *testing.T) {
	tests := []struct {
		kind, key, value, errKey, want string
	}{
		{"visitor", "exit_time", "2026-11-27 08:00", "exit_time", "早于进入时间"},
		{"visitor", "consent_way", "", "consent_way", "确认方式"},
		{"hotwork", "end", "2026-11-27 08:00", "end", "早于开始"},
		{"hotwork", "cleared", "否", "cleared", "可燃物"},
		{"reno_ext", "new_end", "2026-11-01", "new_end", "晚于"},
		{"handover", "incoming", "=outgoing", "incoming", "不能与交班人相同"},
		{"repair", "appointment", "2026-11-26 10:00", "appointment", "早于报修"},
		{"quality", "finding", "", "finding", "不合格"},
	}
	for _, tt := range tests {
		f, _ := data.FormByKey(tt.kind)
		in := exampleInput(f)
		if tt.value == "" {
			delete(in.Values, tt.key)
		} else {
			in.Values[tt.key] = tt.value
		}
		if tt.value == "=outgoing" {
			in.Values[tt.key] = in.Values["outgoing"]
		}
		if tt.kind == "quality" {
			in.Values["result"] = "不合格"
			delete(in.Tables, "checklist") // a single item checked
			in.Values["item"] = "值班记录"
		}
		if tt.kind == "visitor" && tt.key == "consent_way" {
			in.Values["consent_by"] = "李娜"
		}
		_, errs := data.Validate(f, in, today)
		if !strings.Contains(errs[tt.errKey], tt.want) {
			t.Errorf("%s with %s=%q: errs = %v; want %s containing %q", tt.kind, tt.key, tt.value, errs, tt.errKey, tt.want)
		}
	}
}
