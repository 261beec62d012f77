package printers

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
)

// Every reason a print fails reads as Chinese with something to do, is found by errors.Is through
// wrapping, and names the printer where one is meant.
func TestErrorChinese(t *testing.T) {
	for _, tc := range []struct {
		err  *Error
		want string
	}{
		{&Error{Err: ErrNoPrinter}, "没有安装打印机"},
		{&Error{Err: ErrNoDefault}, "没有设置默认打印机"},
		{&Error{Err: ErrPrinterGone, Printer: "前台激光打印机"}, "“前台激光打印机”已不在这台电脑上"},
		{&Error{Err: ErrViewerCannotPrint, Code: 31}, "PDF阅读器不支持直接打印"},
		{&Error{Err: ErrSpooler, Code: 1722}, "错误代码 1722"},
		{&Error{Err: ErrNotPrinted, Code: 5}, "错误代码 5"},
		{&Error{Err: ErrUnsupported}, "用PDF阅读器打开"},
	} {
		wrapped := fmt.Errorf("print record: %w", tc.err)
		if !errors.Is(wrapped, tc.err.Err) {
			t.Errorf("errors.Is(%v, %v) = false; want true", wrapped, tc.err.Err)
		}
		var ch interface{ Chinese() string }
		if !errors.As(wrapped, &ch) {
			t.Fatalf("%v has no Chinese sentence", wrapped)
		}
		got := ch.Chinese()
		if !strings.Contains(got, tc.want) {
			t.Errorf("Chinese(%v) = %q; want it to contain %q", tc.err.Err, got, tc.want)
		}
		// PDF is the one Latin word: the format has no Chinese name a clerk would know.
		for _, r := range strings.NewReplacer(tc.err.Printer, "", "PDF", "").Replace(got) {
			if r < 0x80 && unicode.IsLetter(r) {
				t.Errorf("Chinese(%v) = %q has a Latin letter %q", tc.err.Err, got, r)
				break
			}
		}
	}
}
