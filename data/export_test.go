package data

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// Whatever a value holds, the CSV the program writes reads back cell for cell, and no cell reads as a
// formula (#12 item 12).
func FuzzSafeCell(f *testing.F) {
	for _, s := range []string{"=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "张伟", "a,b", "引号\"x\"", "多行\n文本", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{"编号", SafeCell(v)})
		w.Flush()
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(rows) != 1 || len(rows[0]) != 2 {
			t.Fatalf("%q: %v %v", v, rows, err)
		}
		got := rows[0][1]
		// encoding/csv reads \r\n inside a quoted field as \n.
		if want := strings.ReplaceAll(SafeCell(v), "\r\n", "\n"); got != want {
			t.Fatalf("%q read back as %q", v, got)
		}
		if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) {
			t.Fatalf("%q reads as a formula: %q", v, got)
		}
	})
}

// What SafeCell escapes, UnescapeCell gives back, and nothing else changes.
func TestUnescapeCell(t *testing.T) {
	for _, v := range []string{"=1+1", "-3", "+86", "@x", "'abc", "abc", "", "'", "李'娜"} {
		if got := UnescapeCell(SafeCell(v)); got != v {
			t.Errorf("%q came back %q", v, got)
		}
	}
}
