package ui

import (
	"os"
	"testing"
)

// The screens' tests read what a lookup found as soon as they typed; TestSearchDoesNotHoldTheWindow
// runs them off the UI goroutine, as the program does.
func TestMain(m *testing.M) {
	lookupsInline = true
	os.Exit(m.Run())
}
