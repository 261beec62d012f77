// Package supervision declares the forms by which the desk's work is checked (D7, D16–D19, R2.1): the daily reading and the month's sign-off of the duty log, the manager's sample, and the quality check.
package supervision

import "frontdesk/data"

// The package's forms, registered in the order the navigation shows them.
func init() {
	formQualityCheck.Expected = expectManagerCheck
	for _, f := range []*data.Form{formQualityCheck} {
		data.Register(f)
	}
}
