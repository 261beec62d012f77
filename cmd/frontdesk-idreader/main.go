// Command frontdesk-idreader is the 32-bit helper of the desk program: a 64-bit program cannot load
// the 32-bit sdtapi.dll or termb.dll most card readers ship with, so the desk starts this program
// (built for windows/386, beside frontdesk.exe) and asks it over standard input and output. It loads
// only DLLs from its own folder, by name.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"frontdesk/data/idreader"
)

func main() {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	dir := filepath.Dir(exe)
	open := func(dll string) (idreader.Driver, error) {
		name := filepath.Base(dll)
		known := false
		for _, k := range idreader.DLLs {
			known = known || k == name
		}
		if !known {
			return nil, fmt.Errorf("不支持的驱动 %q", dll)
		}
		return idreader.OpenDLL(filepath.Join(dir, name))
	}
	if err := idreader.Serve(os.Stdin, os.Stdout, open); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
