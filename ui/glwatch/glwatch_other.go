//go:build !windows

package glwatch

// Watch does nothing outside Windows: there the program is run from a terminal, which shows Fyne's
// own log of the failure.
func Watch() (started func()) { return func() {} }
