// Package desk declares the forms of the front desk's day (前台登记): the visitor log, the release slip and the message slip, with their lives, their measures and the release slip's verification code.
package desk

import "frontdesk/data"

// The package's forms, registered in the order the navigation shows them.
func init() {
	for _, f := range []*data.Form{FormVisitor, FormRelease, FormMessage} {
		data.Register(f)
	}
}
