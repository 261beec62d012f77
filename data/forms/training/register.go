// Package training declares the training plan and the year's community culture plan (培训与文化).
package training

import "frontdesk/data"

// The package's forms, registered in the order the navigation shows them.
func init() {
	for _, f := range []*data.Form{formTrainingPlan, formCulturePlan} {
		data.Register(f)
	}
}
