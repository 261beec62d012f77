package data

import (
	"time"
)

// Helpers for the steps of a record's life that forms of several groups share: the moment as a record
// writes it, a line added to a log field, a moment that may not lie ahead, computed fields worked out
// again.

// Stamp is a moment as the record writes it.
func Stamp(t time.Time) string { return t.In(Shanghai).Format(LayoutDateTime) }

// AppendLog adds a line to a log field of the record (follow-ups, escalations).
func AppendLog(r *Record, key, line string) {
	if old := r.Values[key]; old != "" {
		line = old + "\n" + line
	}
	r.Values[key] = line
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
