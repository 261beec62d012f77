package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// exampleWith is the console's example of a kind, run as the user, with some values changed.
func exampleWith(t *testing.T, dir, user, kind string, kv ...string) string {
	t.Helper()
	code, out, e := ctl(t, "", "-data", dir, "-user", user, "example", kind)
	if code != 0 {
		t.Fatalf("example %s: %d %s", kind, code, e)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("example %s: %v\n%s", kind, err, out)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// lastLine is a command's last line of output: the serial add prints.
func lastLine(out string) string {
	out = strings.TrimSpace(out)
	return strings.TrimSpace(out[strings.LastIndex(out, "\n")+1:])
}

// Whoever drafts a record that needs an approval does not approve it (D8), at the console as in the
// window: the manager's own roster is submitted, and its approval refused with the reason.
func TestMakerDoesNotApproveByConsole(t *testing.T) {
	dir := accountsDir(t)
	var roster string
	runCases(t, dir, []ctlCase{
		{name: "the manager drafts", user: "manager", stdinAt: func() string { return exampleWith(t, dir, "manager", "roster") },
			args: []string{"add", "roster", "-json", "-"}, out: []string{"PB-"}, check: func(t *testing.T, out string) { roster = lastLine(out) }},
	})
	runCases(t, dir, []ctlCase{
		{name: "and submits", user: "manager", args: []string{"step", roster, "submit"}, out: []string{"待经理审批"}},
		{name: "not offered", user: "manager", args: []string{"steps", roster}, check: func(t *testing.T, out string) {
			if strings.Contains(out, "approve") {
				t.Errorf("the maker is offered the approval:\n%s", out)
			}
		}},
		{name: "nor let approve", user: "manager", args: []string{"step", roster, "approve"}, code: 1, err: []string{"刘经理 是这份《排班表》的", "不能自己“经理批准”"}},
	})
}

// A hot-work permit applied for is due approved by its start, on the approvers' due lists.
func TestHotWorkApprovalDueByConsole(t *testing.T) {
	dir := accountsDir(t)
	start := time.Now().In(data.Shanghai).Add(26 * time.Hour).Truncate(time.Hour)
	permit := func() string {
		return exampleWith(t, dir, "clerk", "hotwork", "start", start.Format(data.LayoutDateTime), "end", start.Add(2*time.Hour).Format(data.LayoutDateTime))
	}
	var serial string
	runCases(t, dir, []ctlCase{
		{name: "applied", stdinAt: permit, args: []string{"add", "hotwork", "-json", "-"}, out: []string{"DH-"}, check: func(t *testing.T, out string) { serial = lastLine(out) }},
	})
	runCases(t, dir, []ctlCase{
		{name: "the supervisor's due", user: "supervisor", args: []string{"due", "-json"}, check: func(t *testing.T, out string) {
			var ms []data.Matter
			if err := json.Unmarshal([]byte(out), &ms); err != nil {
				t.Fatalf("due -json: %v\n%s", err, out)
			}
			for _, m := range ms {
				if m.Serial == serial {
					if !m.Mine || m.Label != "审批" || !m.Deadline.Equal(start) {
						t.Errorf("the permit on the supervisor's list: %+v", m)
					}
					return
				}
			}
			t.Errorf("the permit is not on the supervisor's list:\n%s", out)
		}},
	})
}
