//go:build windows

package printers

import (
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

const direct = true

var (
	winspool               = windows.NewLazySystemDLL("winspool.drv")
	procEnumPrinters       = winspool.NewProc("EnumPrintersW")
	procGetDefaultPrinter  = winspool.NewProc("GetDefaultPrinterW")
	shell32                = windows.NewLazySystemDLL("shell32.dll")
	procShellExecuteEx     = shell32.NewProc("ShellExecuteExW")
	shlwapi                = windows.NewLazySystemDLL("shlwapi.dll")
	procAssocQueryString   = shlwapi.NewProc("AssocQueryStringW")
	errInsufficientBuffer  = windows.ERROR_INSUFFICIENT_BUFFER
	errNoAssociation       = windows.Errno(1155) // ERROR_NO_ASSOCIATION
	printerEnumLocal       = uint32(0x2)         // PRINTER_ENUM_LOCAL
	printerEnumConnections = uint32(0x4)         // PRINTER_ENUM_CONNECTIONS
)

// printerInfo4 is PRINTER_INFO_4W: the level that asks the spooler nothing of the printers' state,
// so listing is quick even with a network printer switched off.
type printerInfo4 struct {
	name       *uint16
	server     *uint16
	attributes uint32
}

// list asks the spooler for the local and connected printers and puts the default one first.
func list() ([]string, error) {
	flags := printerEnumLocal | printerEnumConnections
	var needed, returned uint32
	r, _, e := procEnumPrinters.Call(uintptr(flags), 0, 4, 0, 0, uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&returned)))
	if r == 0 && !errors.Is(e, errInsufficientBuffer) {
		return nil, &Error{Err: ErrSpooler, Code: errnoCode(e)}
	}
	if needed == 0 {
		return nil, nil
	}
	// Whole words, so the PRINTER_INFO_4 records at its start are aligned for their pointers.
	buf := make([]uint64, (needed+7)/8)
	r, _, e = procEnumPrinters.Call(uintptr(flags), 0, 4, uintptr(unsafe.Pointer(&buf[0])), uintptr(needed),
		uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&returned)))
	if r == 0 {
		return nil, &Error{Err: ErrSpooler, Code: errnoCode(e)}
	}
	infos := unsafe.Slice((*printerInfo4)(unsafe.Pointer(&buf[0])), returned)
	def := defaultPrinter()
	var names []string
	for _, in := range infos {
		name := windows.UTF16PtrToString(in.name)
		if name == "" {
			continue
		}
		if strings.EqualFold(name, def) {
			names = append([]string{name}, names...)
			continue
		}
		names = append(names, name)
	}
	runtime.KeepAlive(buf)
	return names, nil
}

// defaultPrinter is the name of the default printer, or "" when none is set.
func defaultPrinter() string {
	var n uint32
	procGetDefaultPrinter.Call(0, uintptr(unsafe.Pointer(&n)))
	if n == 0 {
		return ""
	}
	buf := make([]uint16, n)
	if r, _, _ := procGetDefaultPrinter.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n))); r == 0 {
		return ""
	}
	return windows.UTF16ToString(buf)
}

const (
	assocfInitIgnoreUnknown = 0x400 // ASSOCF_INIT_IGNOREUNKNOWN: no answer from the "Unknown" class
	assocstrCommand         = 1     // ASSOCSTR_COMMAND
)

// viewerCanPrint asks the shell for the command of the printto verb of .pdf files.
func viewerCanPrint() bool {
	ext, _ := windows.UTF16PtrFromString(".pdf")
	verb, _ := windows.UTF16PtrFromString("printto")
	var n uint32
	hr, _, _ := procAssocQueryString.Call(assocfInitIgnoreUnknown, assocstrCommand, uintptr(unsafe.Pointer(ext)),
		uintptr(unsafe.Pointer(verb)), 0, uintptr(unsafe.Pointer(&n)))
	return (hr == 0 || hr == 1) && n > 1 // S_OK or S_FALSE with the command's length
}

// shellExecuteInfo is SHELLEXECUTEINFOW.
type shellExecuteInfo struct {
	size       uint32
	mask       uint32
	hwnd       windows.Handle
	verb       *uint16
	file       *uint16
	parameters *uint16
	directory  *uint16
	show       int32
	instApp    windows.Handle // on failure, one of the SE_ERR_ codes
	idList     uintptr
	class      *uint16
	keyClass   windows.Handle
	hotKey     uint32
	iconOrMon  windows.Handle
	process    windows.Handle
}

const (
	seeMaskNoAsync   = 0x100 // SEE_MASK_NOASYNC: return only once the verb has been handed over
	seeMaskFlagNoUI  = 0x400 // SEE_MASK_FLAG_NO_UI: no system error box; the window says it in Chinese
	swHide           = 0
	seErrAssocIncomp = 27 // SE_ERR_ASSOCINCOMPLETE
	seErrNoAssoc     = 31 // SE_ERR_NOASSOC
)

// printFile hands the file to the viewer's "printto" verb with the printer's name, as Explorer does
// for a file dropped on a printer; for the default printer, a viewer that has only "print" is used too.
func printFile(file, printer string) error {
	names, err := list()
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return &Error{Err: ErrNoPrinter}
	}
	def := defaultPrinter()
	if printer == "" {
		if def == "" {
			return &Error{Err: ErrNoDefault}
		}
		printer = def
	}
	found := false
	for _, n := range names {
		if strings.EqualFold(n, printer) {
			printer, found = n, true
			break
		}
	}
	if !found {
		return &Error{Err: ErrPrinterGone, Printer: printer}
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return &Error{Err: ErrNotPrinted, Printer: printer}
	}
	code, err := shellExecute("printto", abs, `"`+printer+`"`)
	if err != nil && strings.EqualFold(printer, def) {
		code, err = shellExecute("print", abs, "")
	}
	if err == nil {
		return nil
	}
	if code == seErrNoAssoc || code == seErrAssocIncomp || errors.Is(err, errNoAssociation) {
		return &Error{Err: ErrViewerCannotPrint, Printer: printer, Code: code}
	}
	if code == 0 {
		code = errnoCode(err)
	}
	return &Error{Err: ErrNotPrinted, Printer: printer, Code: code}
}

// shellExecute runs a verb on a file on a thread of its own with COM set up for the shell, as the
// shell's documentation asks, and waits until the verb has been handed over.
func shellExecute(verb, file, params string) (uintptr, error) {
	type result struct {
		code uintptr
		err  error
	}
	done := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED|windows.COINIT_DISABLE_OLE1DDE); err == nil {
			defer windows.CoUninitialize()
		}
		info := shellExecuteInfo{mask: seeMaskNoAsync | seeMaskFlagNoUI, show: swHide}
		info.size = uint32(unsafe.Sizeof(info))
		info.verb, _ = windows.UTF16PtrFromString(verb)
		info.file, _ = windows.UTF16PtrFromString(file)
		info.directory, _ = windows.UTF16PtrFromString(filepath.Dir(file))
		if params != "" {
			info.parameters, _ = windows.UTF16PtrFromString(params)
		}
		r, _, e := procShellExecuteEx.Call(uintptr(unsafe.Pointer(&info)))
		if r != 0 {
			done <- result{}
			return
		}
		if e == nil || e == windows.ERROR_SUCCESS {
			e = windows.ERROR_GEN_FAILURE
		}
		done <- result{code: uintptr(info.instApp), err: e}
	}()
	res := <-done
	return res.code, res.err
}

func errnoCode(err error) uintptr {
	var no windows.Errno
	if errors.As(err, &no) {
		return uintptr(no)
	}
	return 0
}
