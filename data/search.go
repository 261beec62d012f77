package data

import (
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
	s = strings.ToLower(toHalfWidth(s))
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

// indexTokens are the tokens stored for a value.
func indexTokens(value string) []string {
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

// queryTokens are the tokens every match must hold. Empty means the query has no indexable part
// (one or two letters or digits): the caller falls back to scanning the date range.
func queryTokens(query string) []string {
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
	return dedupe(out)
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
func searchText(f *Form, r *Record) string {
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

// recordTokens are the index tokens of a record.
func recordTokens(f *Form, r *Record) []string {
	toks := indexTokens(r.Serial)
	for _, fl := range f.Fields {
		if fl.Search {
			toks = append(toks, indexTokens(r.Values[fl.Key])...)
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
