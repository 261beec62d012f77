package store

import (
	"frontdesk/data"
	"strings"
	"unicode"
)

// The search index: every searchable value is cut into tokens, and each token points at the records
// holding it (key token + 0x00 + ID). Chinese runs give single characters and pairs, so any part of a
// name is found; runs of letters and digits give trigrams, so any part of a phone, a plate or a unit
// is found. A query's tokens are intersected, then every candidate is verified against the record's
// normalised search text, so the index only has to be a superset.

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

// seams are where a Chinese character and a letter or digit meet: the pair (京a of 京A·8K3) and, after
// a Chinese character, the triple with the next letter or digit too (京a8), so the first keys of a
// plate (province, city letter, first character) have tokens of their own before a trigram can.
func seams(norm string) []string {
	var out []string
	rs := []rune(norm)
	for i := 1; i < len(rs); i++ {
		prev, r := rs[i-1], rs[i]
		switch {
		case isHan(prev) && isAlnum(r):
			out = append(out, string(rs[i-1:i+1]))
			if i+1 < len(rs) && isAlnum(rs[i+1]) {
				out = append(out, string(rs[i-1:i+2]))
			}
		case isAlnum(prev) && isHan(r):
			out = append(out, string(rs[i-1:i+1]))
		}
	}
	return out
}

// textTokens are Chinese single characters and pairs, trigrams of letters and digits, and the seams
// between the two.
func textTokens(value string) []string {
	norm := searchNormalize(value)
	han, alnum := runs(norm)
	out := seams(norm)
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

// queryTokens are the tokens every field holding the query holds: its Chinese characters (one alone
// stands for itself, longer runs by their pairs), the trigrams of its runs of letters and digits, and
// the seams between the two.
// None means nothing to look up (one or two letters or digits): the caller reads every record.
func queryTokens(query string) []string { return dedupe(textTokensForQuery(query)) }

// textTokensForQuery: a single Chinese character stands for itself; longer runs by their pairs.
func textTokensForQuery(query string) []string {
	norm := searchNormalize(query)
	han, alnum := runs(norm)
	out := seams(norm)
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

// recordTokens are the index tokens of a record: those of each searchable field's normalised text,
// whatever its type, so any part of a phone or a unit is found as any part of a name is. The serial
// has none: it is found by its start, through the zones (zones.go).
func recordTokens(f *data.Form, r *data.Record) []string {
	var toks []string
	for _, fl := range f.Fields {
		if fl.Search && r.Values[fl.Key] != "" {
			toks = append(toks, textTokens(r.Values[fl.Key])...)
		}
	}
	return dedupe(toks)
}

// matches verifies a candidate's search text (the normalised serial, then its fields) against a
// normalised query: any part of a field, or the start of the serial, with or without the form's
// letters (LF-20261127-003 is found by LF-2026, by 20261127 and by 20261127-00, not by 003; the day
// and number are typed from the front, as they are read off the slip).
func matches(text, normQuery string) bool {
	if normQuery == "" {
		return true
	}
	serial, fields, _ := strings.Cut(text, "\x1f")
	if strings.Contains(fields, normQuery) || strings.HasPrefix(serial, normQuery) {
		return true
	}
	digits := strings.TrimLeft(serial, "abcdefghijklmnopqrstuvwxyz")
	return len(digits) < len(serial) && strings.HasPrefix(digits, normQuery)
}

// serialDays reads a normalised query as the start of one of the form's serials: the range of days
// the serials it starts may be issued on. The zero range means every serial of the form (the query is
// part of the form's letters); false, that no serial starts with it.
func serialDays(f *data.Form, norm string) ([2]string, bool) {
	letters := strings.ToLower(f.Prefix)
	if norm == "" {
		return [2]string{}, false
	}
	if strings.HasPrefix(letters, norm) {
		return [2]string{}, true
	}
	rest := strings.TrimPrefix(norm, letters)
	n := 0
	for n < len(rest) && n < 8 && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 0 || n < 8 && n < len(rest) {
		return [2]string{}, false
	}
	d := rest[:n]
	return [2]string{d + strings.Repeat("0", 8-n), d + strings.Repeat("9", 8-n)}, true
}

// serialKeyPrefix is the serial index's key prefix for a normalised query that holds a whole day and
// part of the number (lf20261127003 or 2026112700 → LF-20261127-00): the serials it starts are those
// under that key, as a serial's dashes stand at fixed places. false for a shorter query.
func serialKeyPrefix(f *data.Form, norm string) (string, bool) {
	rest := strings.TrimPrefix(norm, strings.ToLower(f.Prefix))
	if len(rest) <= 8 {
		return "", false
	}
	return f.Prefix + "-" + rest[:8] + "-" + strings.ToUpper(rest[8:]), true
}
