package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// A record whose rules name its maker (the manager's monthly sample, the supervisor's training plan)
// cannot be begun by anyone else: its 新建 is disabled with who makes it, and Ctrl+N says so.
func TestOnlyTheMakerBeginsTheRecord(t *testing.T) {
	for _, c := range []struct {
		login, kind, maker string
		may                bool
	}{
		{"chenjia", "log_sample", "物业服务中心经理", false},
		{"wang", "log_sample", "物业服务中心经理", false},
		{"chenjia", "training", "客户服务主管", false},
		{"liu", "log_sample", "", true},
		{"wang", "training", "", true},
	} {
		h := newHarnessAs(t, c.login)
		l := h.list(c.kind)
		b := findButton(l.listView, "新建 (Ctrl+N)")
		if b == nil {
			t.Fatalf("%s: no 新建 button", c.kind)
		}
		if b.Disabled() == c.may {
			t.Errorf("%s on %s: 新建 disabled %v", c.login, c.kind, b.Disabled())
		}
		h.shortcut(fyne.KeyN)
		if (l.editor != nil) != c.may {
			t.Errorf("%s on %s: Ctrl+N opened the entry screen: %v", c.login, c.kind, l.editor != nil)
		}
		if !c.may && !strings.Contains(l.info.Text, c.maker) {
			t.Errorf("%s on %s: the list says %q; want who makes it (%s)", c.login, c.kind, l.info.Text, c.maker)
		}
	}
}
