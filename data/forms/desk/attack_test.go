package desk

import (
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// Release slips as the desk types them: phones written with dashes, the country code and its 00 form,
// and owners' names written with the other middle dots an IME or a paste gives. Each agrees with the
// registry and is stored the one way the registry keys it.
func TestAttackReleaseSlipOddForms(t *testing.T) {
	f, _ := data.FormByKey("release")
	reg := formtest.RegistryEnv{Owners: map[string]data.Owner{
		"3-2-1201": {Unit: "3-2-1201", Name: "买买提·艾力", Phone: "13812341234"},
	}}
	tests := []struct {
		name, key, typed, stored string
	}{
		{"mobile with dashes", "owner_phone", "138-1234-1234", "13812341234"},
		{"mobile with full-width dashes", "owner_phone", "138－1234－1234", "13812341234"},
		{"+86 and dashes", "owner_phone", "+86 138-1234-1234", "13812341234"},
		{"0086", "owner_phone", "0086 13812341234", "13812341234"},
		{"+86 in brackets", "owner_phone", "(+86) 138 1234 1234", "13812341234"},
		{"katakana middle dot", "owner_name", "买买提・艾力", "买买提・艾力"},
		{"hyphenation point", "owner_name", "买买提‧艾力", "买买提‧艾力"},
		{"spaces for the dot", "owner_name", "买买提 艾力", "买买提 艾力"},
		{"unit with 栋 and full-width digits", "unit", "３栋２单元１２０１", "3-2-1201"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := releaseSlip("owner_name", "买买提·艾力", tt.key, tt.typed)
			norm, errs := data.Validate(f, in, slipDay)
			if len(errs) > 0 {
				t.Fatalf("Validate(%s = %q): %v", tt.key, tt.typed, errs)
			}
			if got := norm.Values[tt.key]; got != tt.stored {
				t.Errorf("stored %s = %q; want %q", tt.key, got, tt.stored)
			}
			if errs := f.RegistryErrors(reg, norm, nil); len(errs) > 0 {
				t.Errorf("RegistryErrors(%s = %q) = %v; want it to agree with the registry", tt.key, tt.typed, errs)
			}
		})
	}
	// A landline keeps its dash; a short number is still refused with its length.
	// An eleven-digit number that is no mobile is not told it should have eleven digits.
	for typed, want := range map[string]string{"0755-83212345": "", "138-1234-123": "现在是10位", "12345678901": "不是有效的手机号"} {
		_, msg := data.CheckValue(data.Field{Type: data.TypePhone, Label: "业主电话"}, data.Normalize(data.TypePhone, typed), "", slipDay)
		if want == "" && msg != "" || want != "" && !containsStr(msg, want) {
			t.Errorf("CheckValue(%q) = %q; want %q", typed, msg, want)
		}
	}
}

func containsStr(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
