//go:build !windows

package store

import (
	"errors"
	"syscall"
)

// processAlive says whether a process numbered pid runs (signal 0 tests for it without sending one;
// one of another user's is there too).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
