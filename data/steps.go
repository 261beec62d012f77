package data

import (
	"strings"
	"time"
)

// Helpers for the steps of a record's life that forms of several groups share: the moment as a record
// writes it, a line added to a log field, a moment that may not lie ahead, computed fields worked out
// again.

// Stamp is a moment as the record writes it.
func Stamp(t time.Time) string { return t.In(Shanghai).Format(LayoutDateTime) }

// AppendLog adds a line to a log field of the record (follow-ups, escalations). The line is the
// program's: who, when, what; the text typed into it never makes a line of its own (a line dated ahead
// and signed with another's name would read as theirs), so its line breaks are kept as a visible ／.
func AppendLog(r *Record, key, line string) {
	line = oneLine(line)
	if old := r.Values[key]; old != "" {
		line = old + "\n" + line
	}
	r.Values[key] = line
}

// oneLine writes text's lines on one line, separated by ／.
func oneLine(text string) string {
	parts := strings.FieldsFunc(text, func(r rune) bool {
		return r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029'
	})
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " ／ ")
}

// NotAfterNow refuses a moment typed in the future (a reply is recorded when it was given).
func NotAfterNow(c *StepContext, key, what string) (time.Time, error) {
	t, ok := ParseLocal(TypeDateTime, c.Values.Get(key))
	if !ok {
		return t, FieldErrors{key: "请填写" + what}
	}
	if t.After(c.Now.Add(time.Minute)) {
		return t, FieldErrors{key: what + "不能晚于现在"}
	}
	return t, nil
}

// RecountStep works a record's computed fields out again in a step: a reading counts the log as it is
// when signed, not as it was when handed in; a corrected arrival is graded again.
func RecountStep(compute func(Env, *Input, time.Time) error) func(c *StepContext) {
	return func(c *StepContext) {
		in := Input{Values: c.Record.Values}
		if err := compute(c.Env, &in, c.Now); err == nil {
			c.Record.Values = in.Values
		}
	}
}
