// Package forms is the set of the service centre's forms. A blank import of it registers every form
// with the engine (frontdesk/data), the way a program imports image/png to register a decoder: the
// engine, the store, the screens and the reports never import it, and work from the registry alone.
// Only the programs (main.go, cmd/frontdeskctl), the demo and tests import it.
//
// Each group of the navigation has a package of its own, declaring its forms, their lives, their
// measures and their prints: desk, building, service, duty, supervision, outreach, training.
package forms

import (
	_ "frontdesk/data/forms/building"
	_ "frontdesk/data/forms/desk"
	_ "frontdesk/data/forms/duty"
	_ "frontdesk/data/forms/outreach"
	_ "frontdesk/data/forms/service"
	_ "frontdesk/data/forms/supervision"
	_ "frontdesk/data/forms/training"
)
