package store

import (
	"errors"
	"syscall"

	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrReadOnlyMedia is said when the store was opened for reading only, its media being read-only.
var ErrReadOnlyMedia = bolterrors.ErrDatabaseReadOnly

// IsReadOnlyMedia says whether err is what writing to read-only media gives: a file system mounted
// read-only (a CD, a write-protected stick on Linux), or the write protection Windows reports.
func IsReadOnlyMedia(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, bolterrors.ErrDatabaseReadOnly) || errors.Is(err, errWriteProtect)
}
