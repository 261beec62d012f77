package data

import (
	"fmt"
	"time"
)

// Serials issues the serial numbers of new records: per form and day (FX-20261127-003), unique and never
// reused. The store issues them from its own counters, inside the transaction that saves the record.
// Nothing here assumes one desk PC for ever: a second desk (the gate) or a head-office roll-up across
// estates gives each issuer a code of its own, and its serials cannot collide with another's
// (FX-20261127-G003).
type Serials interface {
	Next(f *Form, at time.Time) (string, error)
}

// SerialDay is the day a serial is numbered under: the desk's day in Shanghai time, whatever the zone
// of the moment given.
func SerialDay(at time.Time) string { return at.In(Shanghai).Format("20060102") }

// FormatSerial writes a serial: the form's prefix, the day, the issuer's code (empty for the estate's
// own desk) and the number of the day, at least three digits.
func FormatSerial(f *Form, at time.Time, issuer string, n uint64) string {
	return fmt.Sprintf("%s-%s-%s%03d", f.Prefix, SerialDay(at), issuer, n)
}

// ValidIssuer says whether a code can name an issuer of serials: one capital letter.
func ValidIssuer(code string) bool {
	return code == "" || len(code) == 1 && code[0] >= 'A' && code[0] <= 'Z'
}
