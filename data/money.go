package data

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseFen reads a money value (yuan, at most two decimals) as fen.
func ParseFen(v string) (int64, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	yuan, frac, _ := strings.Cut(v, ".")
	y, err := strconv.ParseInt(yuan, 10, 64)
	if err != nil {
		return 0, false
	}
	frac = (frac + "00")[:2]
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, false
	}
	return y*100 + f, true
}

// Yuan writes fen as a money value: 1250 → 12.50.
func Yuan(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }
