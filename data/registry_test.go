package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// registryEnv is a store whose household registry holds the owners given.
type registryEnv struct {
	fakeEnv
	owners map[string]Owner
	err    error
}

func (e registryEnv) Owner(unit string) (Owner, bool, error) {
	o, ok := e.owners[unit]
	return o, ok, e.err
}

var testRegistry = registryEnv{owners: map[string]Owner{
	"3-2-1201": {Unit: "3-2-1201", Name: "张伟明", Phone: "13812341234"},
	"5-1-302":  {Unit: "5-1-302", Name: "王芳、李强", Phone: "0755-83212345"},
	"7-1-101":  {Unit: "7-1-101", Name: "赵敏"}, // no phone on file
}}

var slipDay = time.Date(2026, 11, 27, 10, 0, 0, 0, Shanghai)

func releaseSlip(kv ...string) Input {
	in := NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "owner_name": "张伟明", "owner_phone": "13812341234", "identity_check": "业主本人到场",
		"carrier": "货拉拉", "gate": "东门", "issue_date": "2026-11-27", "valid_until": "2026-11-27", "clerk": "陈佳"}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(in.Values, kv[i])
		} else {
			in.Values[kv[i]] = kv[i+1]
		}
	}
	in.Tables["items"] = []Row{{"name": "冰箱", "qty": "1"}}
	return in
}

func TestReleaseSlipAgainstTheRegistry(t *testing.T) {
	f, _ := FormByKey("release")
	tests := []struct {
		name string
		in   Input
		want map[string]string // field → a part of its message; nil: saved
	}{
		{"matches", releaseSlip(), nil},
		{"unit typed another way", releaseSlip("unit", "3栋2单元1201"), nil},
		{"name with a space, phone with +86", releaseSlip("owner_name", "张 伟明", "owner_phone", "+86 13812341234"), nil},
		{"a co-owner", releaseSlip("unit", "5-1-302", "owner_name", "李强", "owner_phone", "075583212345"), nil},
		{"no phone on file", releaseSlip("unit", "7-1-101", "owner_name", "赵敏", "owner_phone", "13900001111"), nil},
		{"unit not in the registry", releaseSlip("unit", "99-9-9999", "owner_name", "随便写"),
			map[string]string{"unit": "档案中没有这个房号", "registry_note": "请在此写明原因"}},
		{"name differs", releaseSlip("owner_name", "张伟"),
			map[string]string{"owner_name": "档案登记的业主是 张**", "registry_note": "写明原因"}},
		{"phone differs", releaseSlip("owner_phone", "13900001111"),
			map[string]string{"owner_phone": "档案登记的业主电话是 138****1234", "registry_note": "写明原因"}},
		{"both differ", releaseSlip("owner_name", "李四", "owner_phone", "13900001111"),
			map[string]string{"owner_name": "张**", "owner_phone": "138****1234", "registry_note": "写明原因"}},
		{"co-owners masked", releaseSlip("unit", "5-1-302", "owner_name", "王五", "owner_phone", "075583212345"),
			map[string]string{"owner_name": "王*、李*"}},
		{"override with a reason", releaseSlip("owner_name", "张伟", "registry_note", "房屋已过户，档案未更新"), nil},
		{"unit missing, with a reason", releaseSlip("unit", "99-9-9999", "registry_note", "新购房业主，档案待登记"), nil},
		{"empty reason", releaseSlip("owner_phone", "13900001111", "registry_note", "   "),
			map[string]string{"owner_phone": "不符", "registry_note": "请在此写明原因"}},
		{"reason too short", releaseSlip("owner_phone", "13900001111", "registry_note", "无"),
			map[string]string{"registry_note": "至少4个字"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			norm, errs := Validate(f, tt.in, slipDay)
			if len(errs) > 0 {
				t.Fatalf("Validate: %v", errs)
			}
			got := f.RegistryErrors(testRegistry, norm, nil)
			if tt.want == nil {
				if len(got) > 0 {
					t.Errorf("RegistryErrors = %v; want none", got)
				}
				return
			}
			for k, part := range tt.want {
				if !strings.Contains(got[k], part) {
					t.Errorf("RegistryErrors[%s] = %q; want it to say %q (all: %v)", k, got[k], part, got)
				}
			}
			for k, m := range got {
				if strings.Contains(m, "13812341234") || strings.Contains(m, "张伟明") || strings.Contains(m, "83212345") {
					t.Errorf("message on %s shows the registry's owner unmasked: %q", k, m)
				}
			}
		})
	}
}

// An edit that leaves the unit, the name and the phone as they were is not checked against the
// registry again (it may have changed since the slip was issued), unless the slip had a reason, which
// is not taken away while the slip still disagrees.
func TestRegistryCheckOnEdit(t *testing.T) {
	f, _ := FormByKey("release")
	old := &Record{Values: map[string]string{"unit": "3-2-1201", "owner_name": "张伟", "owner_phone": "13812341234"}}
	edit, _ := Validate(f, releaseSlip("owner_name", "张伟", "carrier", "蚂蚁搬家"), slipDay)
	if errs := f.RegistryErrors(testRegistry, edit, old); len(errs) > 0 {
		t.Errorf("edit of the carrier only: %v", errs)
	}
	renamed, _ := Validate(f, releaseSlip("owner_name", "张三"), slipDay)
	if errs := f.RegistryErrors(testRegistry, renamed, old); errs["owner_name"] == "" {
		t.Errorf("edit of the owner's name not checked: %v", errs)
	}
	old.Values["registry_note"] = "房屋已过户，档案未更新"
	if errs := f.RegistryErrors(testRegistry, edit, old); errs["registry_note"] == "" {
		t.Errorf("the reason taken away: %v", errs)
	}
	kept, _ := Validate(f, releaseSlip("owner_name", "张伟", "registry_note", "房屋已过户，档案未更新"), slipDay)
	if errs := f.RegistryErrors(testRegistry, kept, old); len(errs) > 0 {
		t.Errorf("edit keeping the reason: %v", errs)
	}
}

func TestRegistryUnreadable(t *testing.T) {
	f, _ := FormByKey("release")
	env := registryEnv{err: errors.New("decode household: bad json")}
	norm, _ := Validate(f, releaseSlip(), slipDay)
	errs := f.RegistryErrors(env, norm, nil)
	if !strings.Contains(errs["unit"], "业户档案读取失败") || strings.ContainsAny(errs["unit"], "abcdefghijklmnopqrstuvwxyz") {
		t.Errorf("unreadable registry: %v", errs)
	}
	if _, err := f.Mismatches(env, norm); err == nil {
		t.Error("Mismatches hides the read error")
	}
}

// Forms without a registry check are not looked up at all.
func TestFormsWithoutRegistryCheck(t *testing.T) {
	for _, f := range Forms() {
		if f.Registry != nil {
			for _, k := range append([]string{f.Registry.Unit, f.Registry.Reason}, f.Registry.Fields...) {
				if _, ok := f.Field(k); !ok {
					t.Errorf("%s: the registry check names %q, which is no field", f.Key, k)
				}
			}
			if fl, _ := f.Field(f.Registry.Reason); fl.Required {
				t.Errorf("%s: the reason is required only when the record disagrees", f.Key)
			}
			continue
		}
		in := NewInput()
		if errs := f.RegistryErrors(registryEnv{err: errors.New("must not be read")}, in, nil); errs != nil {
			t.Errorf("%s: %v", f.Key, errs)
		}
	}
}

func TestMaskName(t *testing.T) {
	for in, want := range map[string]string{"张伟明": "张**", "李娜": "李*", "王": "王*", " 欧阳秘密 ": "欧***", "": ""} {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q; want %q", in, got, want)
		}
	}
}
