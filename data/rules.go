package data

// Cross-field rules that forms of several groups declare (Form.Check).

// EndNotBefore is the cross-field rule "the end is not before the start" for date or datetime pairs.
func EndNotBefore(t FieldType, startKey, endKey, msg string) func(Input) FieldErrors {
	return func(in Input) FieldErrors {
		s, ok1 := ParseLocal(t, in.Get(startKey))
		e, ok2 := ParseLocal(t, in.Get(endKey))
		if ok1 && ok2 && e.Before(s) {
			return FieldErrors{endKey: msg}
		}
		return nil
	}
}

// NotLaterThan is the rule "the end is at most years and months after the start" for datetimes.
func NotLaterThan(startKey, endKey string, years, months int, msg string) func(Input) FieldErrors {
	return func(in Input) FieldErrors {
		s, ok1 := ParseLocal(TypeDateTime, in.Get(startKey))
		e, ok2 := ParseLocal(TypeDateTime, in.Get(endKey))
		if ok1 && ok2 && e.After(s.AddDate(years, months, 0)) {
			return FieldErrors{endKey: msg}
		}
		return nil
	}
}

func Combine(checks ...func(Input) FieldErrors) func(Input) FieldErrors {
	return func(in Input) FieldErrors {
		out := FieldErrors{}
		for _, c := range checks {
			for k, m := range c(in) {
				out[k] = m
			}
		}
		return out
	}
}
