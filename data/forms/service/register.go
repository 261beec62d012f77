// Package service declares the forms of services and complaints (服务与投诉): repair and cleaning orders priced by the fee schedule, the households served, the complaint record with its deadlines, and the month's complaint report.
package service

import "frontdesk/data"

// The package's forms, registered in the order the navigation shows them.
func init() {
	for _, f := range []*data.Form{FormRepair, FormCleaning, formServedHouseholds, FormFees, FormComplaint, FormComplaintMonthly} {
		data.Register(f)
	}
}
