// Package duty declares the forms of the 24-hour duty (值班): the duty log, the shift handover, the roster with its leave and swaps, arrivals, and the special report.
package duty

import "frontdesk/data"

// The package's forms, registered in the order the navigation shows them.
func init() {
	for _, f := range []*data.Form{FormDutyLog, formHandover, FormRoster, FormSpecialReport} {
		data.Register(f)
	}
}
