//go:build !windows

package main

// watchGL does nothing outside Windows: there the program is run from a terminal, which shows Fyne's
// own log of the failure.
func watchGL() (started func()) { return func() {} }
