package forms

import (
	"strings"
	"testing"

	"frontdesk/data"
)

// add's input never panics, and every refusal is worded in Chinese.
func FuzzParseFlatJSON(f *testing.F) {
	for _, s := range []string{`{"from_name":"李娜"}`, "\ufeff{}", `{} {}`, `[`, `{"from_name":{"a":1}}`, "\xff", `null`} {
		f.Add([]byte(s))
	}
	form, _ := data.FormByKey("message")
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := data.ParseFlatJSON(form, b)
		if err == nil {
			return
		}
		if _, fieldErrs := err.(data.FieldErrors); !fieldErrs && !strings.HasPrefix(err.Error(), "JSON格式有误") {
			t.Fatalf("%q: %v", b, err)
		}
	})
}
