//go:build !windows

package store

import "syscall"

// errWriteProtect is EROFS here; Windows has a code of its own (readonly_windows.go).
var errWriteProtect error = syscall.EROFS
