//go:build !windows

package idreader

import "fmt"

// Open finds a reader. The vendor interfaces are Windows DLLs, so elsewhere there is none.
func Open() (Driver, error) {
	return nil, fmt.Errorf("%w（读卡器驱动只在Windows上可用）", ErrNoReader)
}

// OpenDLL opens one vendor DLL in this process; only on Windows.
func OpenDLL(path string) (Driver, error) { return Open() }
