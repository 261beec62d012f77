//go:build !windows

package printers

// Elsewhere the window opens every PDF in the system's viewer.
const direct = false

func list() ([]string, error) { return nil, nil }

func viewerCanPrint() bool { return false }

func printFile(file, printer string) error { return &Error{Err: ErrUnsupported, Printer: printer} }
