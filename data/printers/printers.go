// Package printers sends a printed PDF straight to a printer of this PC, without the viewer's print
// dialog, and lists the printers to choose from. Only Windows can do so (through the PDF viewer's
// registered print verb); elsewhere the window opens the PDF in the viewer instead.
package printers

import (
	"errors"
	"fmt"
)

// System is this PC's printers.
type System struct{}

// Direct says whether a PDF can be sent to a printer here without the viewer's dialog.
func (System) Direct() bool { return direct }

// List returns the names of the installed printers, the default printer first.
func (System) List() ([]string, error) { return list() }

// ViewerCanPrint says whether the program that opens PDFs here registers a way to print to a named
// printer; Edge, the Windows default, does not.
func (System) ViewerCanPrint() bool { return viewerCanPrint() }

// Print sends the PDF file to the named printer, or to the default printer when printer is empty. It
// returns once the viewer has taken the file; the viewer prints it by itself.
func (System) Print(file, printer string) error { return printFile(file, printer) }

// Why a print did not reach the printer (errors.Is on an *Error).
var (
	ErrUnsupported       = errors.New("direct printing not supported on this system")
	ErrNoPrinter         = errors.New("no printer installed")
	ErrNoDefault         = errors.New("no default printer")
	ErrPrinterGone       = errors.New("printer not installed")
	ErrViewerCannotPrint = errors.New("the PDF viewer has no print verb")
	ErrSpooler           = errors.New("printer list unavailable")
	ErrNotPrinted        = errors.New("the shell could not print")
)

// Error is a print or a printer list that failed: which of the reasons above, the printer, and the
// system's code (kept for the log; the clerk reads Chinese).
type Error struct {
	Err     error
	Printer string
	Code    uintptr
}

func (e *Error) Error() string {
	if e.Printer != "" {
		return fmt.Sprintf("print to %q: %v (code %d)", e.Printer, e.Err, e.Code)
	}
	return fmt.Sprintf("print: %v (code %d)", e.Err, e.Code)
}

func (e *Error) Unwrap() error { return e.Err }

// Chinese is what the person at the desk reads, with what to do about it.
func (e *Error) Chinese() string {
	switch e.Err {
	case ErrUnsupported:
		return "这台电脑不能直接打印到打印机，请用PDF阅读器打开后打印。"
	case ErrNoPrinter:
		return "这台电脑没有安装打印机。请接好打印机，在电脑的“设置 → 打印机和扫描仪”中添加打印机后再打印。"
	case ErrNoDefault:
		return "这台电脑没有设置默认打印机。请在本程序“设置”的“打印”一栏中选择一台打印机。"
	case ErrPrinterGone:
		return "打印机“" + e.Printer + "”已不在这台电脑上（可能已被删除或改名）。请在本程序“设置”的“打印”一栏中重新选择打印机。"
	case ErrViewerCannotPrint:
		return "这台电脑的PDF阅读器不支持直接打印，请用PDF阅读器打开后按“实际大小”打印。"
	case ErrSpooler:
		return fmt.Sprintf("读不到这台电脑的打印机列表（错误代码 %d）：电脑的打印服务可能没有运行。请重启电脑后再试，仍不行请联系管理员。", e.Code)
	}
	return fmt.Sprintf("没能把文件送到打印机（错误代码 %d）。请检查打印机是否开机、已连接。", e.Code)
}
