package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/desk"
)

func slipInput() data.Input {
	in := data.NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "owner_name": "李娜", "owner_phone": "13812345678", "identity_check": "业主本人到场",
		"carrier": "货拉拉", "plate": "粤B12345", "gate": "东门", "issue_date": "2026-11-27", "valid_until": "2026-11-27", "clerk": "陈佳"}
	in.Tables["items"] = []data.Row{{"name": "冰箱", "spec": "双门", "qty": "1"}}
	return in
}

// registerSlipOwner puts the owner slipInput names into the registry, so the slip agrees with it.
func registerSlipOwner(t *testing.T, s *Store) {
	t.Helper()
	if _, err := s.PutHousehold(clerk, Household{Unit: "3-2-1201", Owner: "李娜", OwnerPhone: "13812345678", Occupied: true}); err != nil {
		t.Fatal(err)
	}
}

func TestSlipRules(t *testing.T) {
	tests := []struct {
		change   map[string]string
		key, msg string
	}{
		{map[string]string{"valid_until": "2026-11-26"}, "valid_until", "不能早于"},
		{map[string]string{"valid_until": "2026-12-20"}, "valid_until", "最长7天"},
		{map[string]string{"identity_check": desk.AgentCheck}, "agent_name", "受托人姓名"},
		{map[string]string{"identity_check": desk.AgentCheck, "agent_name": "王五"}, "agent_doc", "受托人身份证号"},
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
	registerSlipOwner(t, s)
	rec, err := s.Create(clerk, "release", slipInput())
	if err != nil {
		t.Fatal(err)
	}
	code, err := desk.SlipCode(s, rec)
	if err != nil || len(code) != 9 || code[4] != '-' {
		t.Fatalf("code = %q, %v", code, err)
	}
	if again, _ := desk.SlipCode(s, rec); again != code {
		t.Error("code not stable")
	}
	if desk.SlipStatus(rec, *now) != desk.SlipIssued {
		t.Errorf("status = %s", desk.SlipStatus(rec, *now))
	}
	// An altered slip (another quantity written in) has another code.
	altered := *rec
	altered.Tables = map[string][]data.Row{"items": {{"name": "冰箱", "spec": "双门", "qty": "3"}}}
	if c2, _ := desk.SlipCode(s, &altered); c2 == code {
		t.Error("altered slip has the same code")
	}
	if _, err := step(s, clerk, rec.Serial, "release", "released_by", "门卫老张", "code", "AAAA-BBBB"); !errors.Is(err, desk.ErrSlipCode) {
		t.Fatalf("wrong code: %v", err)
	}
	// One character off, first or last, is as wrong as all of them (#12 item 23).
	for _, i := range []int{0, len(code) - 1} {
		off := []byte(code)
		off[i] = map[bool]byte{true: 'B', false: 'A'}[off[i] == 'A']
		if _, err := step(s, clerk, rec.Serial, "release", "released_by", "门卫老张", "code", string(off)); !errors.Is(err, desk.ErrSlipCode) {
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
	if err != nil || desk.SlipStatus(r, *now) != desk.SlipReleased || r.Life["released_by"] != "门卫老张" || r.Life["released_at"] != "2026-11-27 09:40" {
		t.Fatalf("release = %+v, %v", r, err)
	}
	if _, err := step(s, clerk, rec.Serial, "release", "released_by", "门卫老张", "code", code); !errors.Is(err, data.ErrStepState) {
		t.Errorf("second release: %v", err)
	}
	r, err = step(s, clerk, rec.Serial, "archive")
	if err != nil || desk.SlipStatus(r, *now) != desk.SlipArchived {
		t.Fatalf("archive = %+v, %v", r, err)
	}
	// An unreleased slip past its day is shown as expired.
	other := mustCreate(t, s, clerk, "release", slipInput())
	if st := desk.SlipStatus(other, now.Add(24*time.Hour)); st != desk.SlipExpired {
		t.Errorf("next day: %s", st)
	}
}

// The store checks a slip against the registry whoever saves it (the window, the console): a slip that
// does not agree is refused, each mismatch said on its field, until the reason is written; the reason
// is kept on the slip and in the audit entry of its saving. An edit is checked again only when it
// touches the unit, the name or the phone.
func TestSlipCheckedAgainstTheRegistry(t *testing.T) {
	s, _ := openTemp(t)
	registerSlipOwner(t, s)
	if _, err := s.Create(clerk, "release", slipInput()); err != nil {
		t.Fatalf("slip that agrees with the registry: %v", err)
	}
	tests := []struct {
		name   string
		change map[string]string
		want   map[string]string // field → part of its message
	}{
		{"unit not in the registry", map[string]string{"unit": "99-9-9999", "owner_name": "随便写"},
			map[string]string{"unit": "档案中没有这个房号", "registry_note": "写明原因"}},
		{"name differs", map[string]string{"owner_name": "李四"}, map[string]string{"owner_name": "档案登记的业主是 李*"}},
		{"phone differs", map[string]string{"owner_phone": "13900001111"}, map[string]string{"owner_phone": "档案登记的业主电话是 138****5678"}},
		{"reason too short", map[string]string{"owner_phone": "13900001111", "registry_note": "换号"}, map[string]string{"registry_note": "至少4个字"}},
	}
	for _, tt := range tests {
		in := slipInput()
		for k, v := range tt.change {
			in.Values[k] = v
		}
		_, err := s.Create(clerk, "release", in)
		var fe data.FieldErrors
		if !errors.As(err, &fe) {
			t.Fatalf("%s: Create = %v; want field errors", tt.name, err)
		}
		for k, part := range tt.want {
			if !strings.Contains(fe[k], part) {
				t.Errorf("%s: message on %s = %q; want %q", tt.name, k, fe[k], part)
			}
		}
		if strings.Contains(err.Error(), "13812345678") {
			t.Errorf("%s: the registry's phone is shown in full: %v", tt.name, err)
		}
	}
	if n, _ := s.Count("release"); n != 1 {
		t.Fatalf("%d slips saved; want only the one that agrees", n)
	}

	in := slipInput()
	in.Values["unit"], in.Values["owner_name"], in.Values["registry_note"] = "99-9-9999", "周新", "新购房业主，出示购房合同"
	rec, err := s.Create(clerk, "release", in)
	if err != nil {
		t.Fatalf("slip with the reason: %v", err)
	}
	if rec.Values["registry_note"] != "新购房业主，出示购房合同" {
		t.Errorf("stored reason = %q", rec.Values["registry_note"])
	}
	hist, err := s.History("release", rec.ID)
	if err != nil || len(hist) != 1 || hist[0].Action != ActionCreate || len(hist[0].Changes) != 1 ||
		hist[0].Changes[0].Field != "registry_note" || hist[0].Changes[0].New != "新购房业主，出示购房合同" {
		t.Errorf("audit of the saving = %+v, %v; want the reason in it", hist, err)
	}

	// Taking the reason away is refused while the slip still disagrees; an edit of the carrier is not.
	edit := rec.Input()
	edit.Values["registry_note"] = ""
	if _, err := s.Update(clerk, "release", rec.ID, rec.Version, edit); !hasFieldError(err, "registry_note") {
		t.Errorf("reason taken away: %v", err)
	}
	edit = rec.Input()
	edit.Values["carrier"] = "蚂蚁搬家"
	if rec, err = s.Update(clerk, "release", rec.ID, rec.Version, edit); err != nil {
		t.Fatalf("edit of the carrier: %v", err)
	}
	// Once the registry has the unit, the reason may go.
	if _, err := s.PutHousehold(clerk, Household{Unit: "99-9-9999", Owner: "周新", OwnerPhone: "13812345678"}); err != nil {
		t.Fatal(err)
	}
	edit = rec.Input()
	edit.Values["registry_note"] = ""
	if _, err := s.Update(clerk, "release", rec.ID, rec.Version, edit); err != nil {
		t.Errorf("reason removed once the registry agrees: %v", err)
	}
}
