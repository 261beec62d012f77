package desk

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

var testRegistry = formtest.RegistryEnv{Owners: map[string]data.Owner{
	"3-2-1201": {Unit: "3-2-1201", Name: "张伟明", Phone: "13812341234"},
	"5-1-302":  {Unit: "5-1-302", Name: "王芳、李强", Phone: "0755-83212345"},
	"7-1-101":  {Unit: "7-1-101", Name: "赵敏"}, // no phone on file
}}

var slipDay = time.Date(2026, 11, 27, 10, 0, 0, 0, data.Shanghai)

func releaseSlip(kv ...string) data.Input {
	in := data.NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "owner_name": "张伟明", "owner_phone": "13812341234", "identity_check": "业主本人到场",
		"carrier": "货拉拉", "gate": "东门", "issue_date": "2026-11-27", "valid_until": "2026-11-27", "clerk": "陈佳"}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(in.Values, kv[i])
		} else {
			in.Values[kv[i]] = kv[i+1]
		}
	}
	in.Tables["items"] = []data.Row{{"name": "冰箱", "qty": "1"}}
	return in
}

func TestReleaseSlipAgainstTheRegistry(t *testing.T) {
	f, _ := data.FormByKey("release")
	tests := []struct {
		name string
		in   data.Input
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
			norm, errs := data.Validate(f, tt.in, slipDay)
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
	f, _ := data.FormByKey("release")
	old := &data.Record{Values: map[string]string{"unit": "3-2-1201", "owner_name": "张伟", "owner_phone": "13812341234"}}
	edit, _ := data.Validate(f, releaseSlip("owner_name", "张伟", "carrier", "蚂蚁搬家"), slipDay)
	if errs := f.RegistryErrors(testRegistry, edit, old); len(errs) > 0 {
		t.Errorf("edit of the carrier only: %v", errs)
	}
	renamed, _ := data.Validate(f, releaseSlip("owner_name", "张三"), slipDay)
	if errs := f.RegistryErrors(testRegistry, renamed, old); errs["owner_name"] == "" {
		t.Errorf("edit of the owner's name not checked: %v", errs)
	}
	old.Values["registry_note"] = "房屋已过户，档案未更新"
	if errs := f.RegistryErrors(testRegistry, edit, old); errs["registry_note"] == "" {
		t.Errorf("the reason taken away: %v", errs)
	}
	kept, _ := data.Validate(f, releaseSlip("owner_name", "张伟", "registry_note", "房屋已过户，档案未更新"), slipDay)
	if errs := f.RegistryErrors(testRegistry, kept, old); len(errs) > 0 {
		t.Errorf("edit keeping the reason: %v", errs)
	}
}

func TestRegistryUnreadable(t *testing.T) {
	f, _ := data.FormByKey("release")
	env := formtest.RegistryEnv{Err: errors.New("decode household: bad json")}
	norm, _ := data.Validate(f, releaseSlip(), slipDay)
	errs := f.RegistryErrors(env, norm, nil)
	if !strings.Contains(errs["unit"], "业户档案读取失败") || strings.ContainsAny(errs["unit"], "abcdefghijklmnopqrstuvwxyz") {
		t.Errorf("unreadable registry: %v", errs)
	}
	if _, err := f.Mismatches(env, norm); err == nil {
		t.Error("Mismatches hides the read error")
	}
}
