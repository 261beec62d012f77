package store

import "syscall"

// errWriteProtect is ERROR_WRITE_PROTECT: "The media is write protected."
var errWriteProtect error = syscall.Errno(19)
