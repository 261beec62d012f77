//go:build !windows

package drives

// List returns no drives here: the backup screen offers a folder chooser instead.
func List() ([]Drive, error) { return nil, nil }
