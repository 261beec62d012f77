package ui

// The tests work on the service centre's forms, as the programs do.
import _ "frontdesk/data/forms"
