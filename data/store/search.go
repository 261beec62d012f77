package store

import (
	"frontdesk/data"
	"regexp"
	"strings"
	"unicode"
)

// The search index: every searchable value is cut into tokens, and each token points at the records
// holding it (key token + 0x00 + ID). Chinese runs give single characters and pairs, so any part of a
// name is found; runs of letters and digits give trigrams, so the last 4 digits of a phone, any part
// of a plate or a serial number are found. A query's tokens are intersected, then every candidate is
// verified against the record's normalised search text, so the index only has to be a superset.

// searchNormalize lower-cases, folds full-width forms and drops spaces and separators.
func searchNormalize(s string) string {
	s = strings.ToLower(data.ToHalfWidth(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '·' || r == '—' || r == '/' {
			return -1
		}
		return r
	}, s)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isAlnum(r rune) bool { return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// runs splits normalised text into runs of Han characters and runs of ASCII letters and digits.
func runs(s string) (han, alnum [][]rune) {
	var cur []rune
	curHan := false
	flush := func() {
		if len(cur) > 0 {
			if curHan {
				han = append(han, cur)
			} else {
				alnum = append(alnum, cur)
			}
		}
		cur = nil
	}
	for _, r := range s {
		switch {
		case isHan(r):
			if !curHan {
				flush()
			}
			curHan = true
			cur = append(cur, r)
		case isAlnum(r):
			if curHan {
				flush()
			}
			curHan = false
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return han, alnum
}

// Token kinds: a prefix byte keeps the kinds apart in one bucket.
const (
	tokPhone = "#" // a phone's last 4 digits, and the whole number
	tokUnit  = "@" // a unit in full, and its 楼栋-单元
)

// textTokens are Chinese single characters and pairs, and trigrams of letters and digits.
func textTokens(value string) []string {
	han, alnum := runs(searchNormalize(value))
	var out []string
	for _, r := range han {
		for i := range r {
			out = append(out, string(r[i]))
			if i+1 < len(r) {
				out = append(out, string(r[i:i+2]))
			}
		}
	}
	for _, r := range alnum {
		for i := 0; i+3 <= len(r); i++ {
			out = append(out, string(r[i:i+3]))
		}
	}
	return out
}

func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, data.ToHalfWidth(s))
}

// fieldTokens are the index tokens of one field's value, by the field's type: a phone is found by its
// last 4 digits or in full, a unit in full or by 楼栋-单元, anything else by any part of it.
func fieldTokens(t data.FieldType, value string) []string {
	switch t {
	case data.TypePhone:
		d := digitsOf(value)
		if len(d) < 4 {
			return nil
		}
		return []string{tokPhone + d[len(d)-4:], tokPhone + d}
	case data.TypeUnit:
		u := data.NormalizeUnit(value)
		out := []string{tokUnit + u}
		if i := strings.LastIndexByte(u, '-'); i > 0 {
			out = append(out, tokUnit+u[:i])
		}
		return out
	}
	return textTokens(value)
}

var reUnitPart = regexp.MustCompile(`^[0-9A-Z]{1,4}-[0-9A-Z]{1,3}(-[0-9A-Z]{1,6})?$`)

// queryPlans are the ways a query may be read (any part of a name or plate; the last 4 digits or the
// whole of a phone; a unit or 楼栋-单元). Each plan is a set of tokens a match must all hold; a record
// matching any plan is a candidate. None means nothing indexable: the caller scans the date range.
func queryPlans(query string) [][]string {
	var plans [][]string
	if t := dedupe(textTokensForQuery(query)); len(t) > 0 {
		plans = append(plans, t)
	}
	q := strings.TrimSpace(data.ToHalfWidth(query))
	if d := digitsOf(q); d != "" && len(d) == len(strings.NewReplacer("-", "", " ", "").Replace(q)) && (len(d) == 4 || len(d) >= 7) {
		plans = append(plans, []string{tokPhone + d})
	}
	if u := data.NormalizeUnit(q); reUnitPart.MatchString(u) {
		plans = append(plans, []string{tokUnit + u})
	}
	return plans
}

// textTokensForQuery: a single Chinese character stands for itself; longer runs by their pairs.
func textTokensForQuery(query string) []string {
	han, alnum := runs(searchNormalize(query))
	var out []string
	for _, r := range han {
		if len(r) == 1 {
			out = append(out, string(r))
		}
		for i := 0; i+2 <= len(r); i++ {
			out = append(out, string(r[i:i+2]))
		}
	}
	for _, r := range alnum {
		for i := 0; i+3 <= len(r); i++ {
			out = append(out, string(r[i:i+3]))
		}
	}
	return out
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	out := in[:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// searchText is what a query is verified against: the serial and every searchable field, normalised,
// joined by a separator no query holds.
func searchText(f *data.Form, r *data.Record) string {
	parts := []string{searchNormalize(r.Serial)}
	for _, fl := range f.Fields {
		if fl.Search {
			if v := r.Values[fl.Key]; v != "" {
				parts = append(parts, searchNormalize(v))
			}
		}
	}
	return strings.Join(parts, "\x1f")
}

// recordTokens are the index tokens of a record (the serial is found through the serial index).
func recordTokens(f *data.Form, r *data.Record) []string {
	var toks []string
	for _, fl := range f.Fields {
		if fl.Search && r.Values[fl.Key] != "" {
			toks = append(toks, fieldTokens(fl.Type, r.Values[fl.Key])...)
		}
	}
	return dedupe(toks)
}

// matches verifies a candidate's search text against a normalised query.
func matches(text, normQuery string) bool {
	if normQuery == "" {
		return true
	}
	return strings.Contains(text, normQuery)
}
