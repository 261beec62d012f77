//go:build !windows

package sharedir

// WithUsers does nothing outside Windows: there the data folder is the user's own.
func WithUsers(string) error { return nil }
