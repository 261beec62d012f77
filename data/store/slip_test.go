package store

import (
	"errors"
	"frontdesk/data"
	"strings"
	"testing"
	"time"
)

func slipInput() data.Input {
	in := data.NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "owner_name": "李娜", "owner_phone": "13812345678", "identity_check": "业主本人到场",
		"carrier": "货拉拉", "plate": "粤B12345", "gate": "东门", "issue_date": "2026-11-27", "valid_until": "2026-11-27", "clerk": "陈佳"}
	in.Tables["items"] = []data.Row{{"name": "冰箱", "spec": "双门", "qty": "1"}}
	return in
}

func TestSlipRules(t *testing.T) {
	tests := []struct {
		change   map[string]string
		key, msg string
	}{
		{map[string]string{"valid_until": "2026-11-26"}, "valid_until", "不能早于"},
		{map[string]string{"valid_until": "2026-12-20"}, "valid_until", "最长7天"},
		{map[string]string{"identity_check": data.AgentCheck}, "agent_name", "受托人姓名"},
		{map[string]string{"identity_check": data.AgentCheck, "agent_name": "王五"}, "agent_doc", "受托人身份证号"},
	}
	for _, tt := range tests {
		in := slipInput()
		for k, v := range tt.change {
			in.Values[k] = v
		}
		_, errs := data.Validate(testFormRelease, in, testToday)
		if !strings.Contains(errs[tt.key], tt.msg) {
			t.Errorf("%v: errs = %v; want %s: %s", tt.change, errs, tt.key, tt.msg)
		}
	}
	in := slipInput()
	in.Tables = nil
	if _, errs := data.Validate(testFormRelease, in, testToday); !strings.Contains(errs["items"], "至少") {
		t.Errorf("slip without items: %v", errs)
	}
}

func TestSlipLifeAndVerificationCode(t *testing.T) {
	s, now := openTemp(t)
	rec, err := s.Create(clerk, "release", slipInput())
	if err != nil {
		t.Fatal(err)
	}
	code, err := data.SlipCode(s, rec)
	if err != nil || len(code) != 9 || code[4] != '-' {
		t.Fatalf("code = %q, %v", code, err)
	}
	if again, _ := data.SlipCode(s, rec); again != code {
		t.Error("code not stable")
	}
	if data.SlipStatus(rec, *now) != data.SlipIssued {
		t.Errorf("status = %s", data.SlipStatus(rec, *now))
	}
	// An altered slip (another quantity written in) has another code.
	altered := *rec
	altered.Tables = map[string][]data.Row{"items": {{"name": "冰箱", "spec": "双门", "qty": "3"}}}
	if c2, _ := data.SlipCode(s, &altered); c2 == code {
		t.Error("altered slip has the same code")
	}
	if _, err := step(s, clerk, rec.Serial, "release", "released_by", "门卫老张", "code", "AAAA-BBBB"); !errors.Is(err, data.ErrSlipCode) {
		t.Fatalf("wrong code: %v", err)
	}
	// One character off, first or last, is as wrong as all of them (#12 item 23).
	for _, i := range []int{0, len(code) - 1} {
		off := []byte(code)
		off[i] = map[bool]byte{true: 'B', false: 'A'}[off[i] == 'A']
		if _, err := step(s, clerk, rec.Serial, "release", "released_by", "门卫老张", "code", string(off)); !errors.Is(err, data.ErrSlipCode) {
			t.Fatalf("code %s (one character off %s): %v", off, code, err)
		}
	}
	if _, err := step(s, clerk, rec.Serial, "release", "released_by", " ", "code", code); err == nil {
		t.Error("release without a guard")
	}
	if _, err := step(s, clerk, rec.Serial, "archive"); !errors.Is(err, data.ErrStepState) {
		t.Errorf("archive before release: %v", err)
	}
	*now = now.Add(10 * time.Minute)
	r, err := step(s, clerk, rec.Serial, "release", "released_by", "门卫老张", "code", strings.ToLower(strings.ReplaceAll(code, "-", "")))
	if err != nil || data.SlipStatus(r, *now) != data.SlipReleased || r.Life["released_by"] != "门卫老张" || r.Life["released_at"] != "2026-11-27 09:40" {
		t.Fatalf("release = %+v, %v", r, err)
	}
	if _, err := step(s, clerk, rec.Serial, "release", "released_by", "门卫老张", "code", code); !errors.Is(err, data.ErrStepState) {
		t.Errorf("second release: %v", err)
	}
	r, err = step(s, clerk, rec.Serial, "archive")
	if err != nil || data.SlipStatus(r, *now) != data.SlipArchived {
		t.Fatalf("archive = %+v, %v", r, err)
	}
	// An unreleased slip past its day is shown as expired.
	other := mustCreate(t, s, clerk, "release", slipInput())
	if st := data.SlipStatus(other, now.Add(24*time.Hour)); st != data.SlipExpired {
		t.Errorf("next day: %s", st)
	}
}
