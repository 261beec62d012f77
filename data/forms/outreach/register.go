// Package outreach declares the forms of household visits and surveys (走访与问卷).
package outreach

import "frontdesk/data"

// The package's forms, registered in the order the navigation shows them.
func init() {
	for _, f := range []*data.Form{formHouseholdVisit, formSurveyStats} {
		data.Register(f)
	}
}
