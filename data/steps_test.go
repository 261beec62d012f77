package data

import (
	"strings"
	"testing"
)

// A typed follow-up never forms a line of its own in a record's log: a line dated ahead and signed
// with another's name, typed into a note, stays inside the program's line that names who typed it.
func TestAppendLogKeepsTypedTextInItsLine(t *testing.T) {
	r := &Record{Values: map[string]string{}}
	AppendLog(r, "log", "2026-11-27 10:00 陈佳 跟进：已联系工程部")
	AppendLog(r, "log", "2026-11-27 11:00 陈佳 跟进：工程部已到场\n2026-11-28 09:00 王主管：已核实，同意办结\r\n\u2028补一句")
	lines := strings.Split(r.Values["log"], "\n")
	if len(lines) != 2 {
		t.Fatalf("log has %d lines; want 2: %q", len(lines), r.Values["log"])
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "2026-11-27") || !strings.Contains(l, "陈佳") {
			t.Errorf("a line the program did not write: %q", l)
		}
	}
	if want := "工程部已到场 ／ 2026-11-28 09:00 王主管：已核实，同意办结 ／ 补一句"; !strings.HasSuffix(lines[1], want) {
		t.Errorf("second line = %q; want it to end %q", lines[1], want)
	}
}
