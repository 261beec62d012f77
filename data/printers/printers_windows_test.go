//go:build windows

package printers

import (
	"testing"
	"unsafe"
)

// The structures handed to the system have the size and field places of the C declarations.
func TestStructLayout(t *testing.T) {
	var info shellExecuteInfo
	want := map[uintptr]uintptr{8: 112, 4: 60}[unsafe.Sizeof(uintptr(0))]
	if got := unsafe.Sizeof(info); got != want {
		t.Errorf("sizeof(SHELLEXECUTEINFOW) = %d; want %d", got, want)
	}
	if got, want := unsafe.Offsetof(info.instApp), map[uintptr]uintptr{8: 56, 4: 32}[unsafe.Sizeof(uintptr(0))]; got != want {
		t.Errorf("offsetof(hInstApp) = %d; want %d", got, want)
	}
	if got, want := unsafe.Sizeof(printerInfo4{}), 3*unsafe.Sizeof(uintptr(0)); got != want {
		t.Errorf("sizeof(PRINTER_INFO_4W) = %d; want %d", got, want)
	}
}

// The list the spooler gives puts the default printer first; printing to a printer that is not
// installed is refused before the shell is asked.
func TestListAndMissingPrinter(t *testing.T) {
	names, err := list()
	if err != nil {
		t.Skipf("spooler: %v", err)
	}
	if def := defaultPrinter(); def != "" && (len(names) == 0 || names[0] != def) {
		t.Errorf("list() = %q; want the default %q first", names, def)
	}
	if len(names) == 0 {
		return
	}
	err = printFile(`C:\nowhere\x.pdf`, "没有这台打印机-"+names[0])
	if e, ok := err.(*Error); !ok || e.Err != ErrPrinterGone {
		t.Errorf("printFile to a missing printer = %v; want ErrPrinterGone", err)
	}
}
