// Package building declares the forms of building work (施工装修): the construction permit, the workers' register, the renovation extension and the hot-work permit with its approvals.
package building

import "frontdesk/data"

// The package's forms, registered in the order the navigation shows them.
func init() {
	for _, f := range []*data.Form{formConstruction, formWorkers, formRenoExtension, FormHotWork} {
		data.Register(f)
	}
}
