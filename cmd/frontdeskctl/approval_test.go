package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
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

// The day's reading shows the entries themselves (D7): steps lists each of the day's entries to read,
// and the signature answers for each.
func TestLogReadingShowsTheEntriesByConsole(t *testing.T) {
	dir := accountsDir(t)
	now := func() time.Time { return time.Now().In(data.Shanghai) }
	entry := func() string {
		return `{"time": "` + now().Format(data.LayoutDateTime) + `", "shift": "` + duty.ShiftOf(nil, "", now()) + `", "event_type": "报修", "urgency": "一般",
			"summary": "2-1-802 漏水，已通知工程部", "status": "跟进中", "clerk": "陈佳"}`
	}
	var reading string
	runCases(t, dir, []ctlCase{
		{name: "an entry", stdinAt: entry, args: []string{"add", "duty_log", "-json", "-"}, out: []string{"ZB-"}},
		{name: "handed in", user: "supervisor", stdinAt: func() string { return `{"day": "` + now().Format(data.LayoutDate) + `"}` },
			args: []string{"add", "log_read", "-json", "-"}, out: []string{"CY-"}, check: func(t *testing.T, out string) { reading = lastLine(out) }},
	})
	runCases(t, dir, []ctlCase{
		{name: "the entries to read", user: "supervisor", args: []string{"steps", reading}, out: []string{"entry_1", "报修：2-1-802 漏水，已通知工程部（跟进中）", "opinion 查阅意见"}},
		{name: "a question needs its words", user: "supervisor", args: []string{"step", reading, "read", "-json", "-"}, stdin: `{"entry_1": "有疑问"}`, code: 1, err: []string{"写明"}},
		{name: "signed, each read", user: "supervisor", args: []string{"step", reading, "read", "-json", "-"}, stdin: `{"entry_1": "已阅"}`, out: []string{reading + " 已查阅"}},
		{name: "the reading lists them", user: "supervisor", args: []string{"show", reading}, out: []string{`"e_summary": "2-1-802 漏水，已通知工程部"`, `"e_ack": "已阅"`}},
	})
}
