package forms

import (
	"regexp"
	"strings"
	"testing"

	"frontdesk/data"
)

// Every form's guide is plain Chinese (no rule codes, no keys of the declaration) and says what the
// declaration holds.
func TestGuideOfEveryForm(t *testing.T) {
	latin := regexp.MustCompile(`[A-Za-z]{2,}`)
	for _, f := range data.Forms() {
		g := f.Guide()
		if len(g) == 0 {
			t.Errorf("%s: no guide", f.Key)
		}
		for _, line := range g {
			if w := latin.FindString(line); w != "" {
				t.Errorf("%s guide: %q has %q", f.Key, line, w)
			}
			if regexp.MustCompile(`\b[RD]\d`).MatchString(line) {
				t.Errorf("%s guide: %q shows a rule code", f.Key, line)
			}
		}
	}
	visitor, _ := data.FormByKey("visitor")
	all := strings.Join(visitor.Guide(), "\n")
	for _, want := range []string{"必填：来访人姓名", "状态：在场、已离开", "离开登记", "快捷键 F2", "全部离场", "4小时内（可在设置中调整）", "保存期限：1年"} {
		if !strings.Contains(all, want) {
			t.Errorf("visitor guide lacks %q:\n%s", want, all)
		}
	}
}
