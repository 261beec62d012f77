//go:build windows

package ui

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

// followIMECaret keeps the input method's composition and candidate windows at the caret of the
// focused field of w; the returned func stops it.
func followIMECaret(w fyne.Window) (stop func()) {
	if _, ok := w.(driver.NativeWindow); !ok {
		return func() {} // a window with no system window behind it (Fyne's test driver)
	}
	f := &caretFollower{win: w, sink: &immSink{win: w}}
	return f.follow(imePollEvery, fyne.Do)
}

var (
	imm32                    = windows.NewLazySystemDLL("imm32.dll")
	procImmGetContext        = imm32.NewProc("ImmGetContext")
	procImmReleaseContext    = imm32.NewProc("ImmReleaseContext")
	procImmSetCompositionWin = imm32.NewProc("ImmSetCompositionWindow")
	procImmSetCandidateWin   = imm32.NewProc("ImmSetCandidateWindow")
	user32                   = windows.NewLazySystemDLL("user32.dll")
	procGetWindowLongPtrW    = user32.NewProc("GetWindowLongPtrW")
	procSetWindowLongPtrW    = user32.NewProc("SetWindowLongPtrW")
	procCallWindowProcW      = user32.NewProc("CallWindowProcW")
	procClientToScreen       = user32.NewProc("ClientToScreen")
	procIsWindow             = user32.NewProc("IsWindow")
	procCreateCaret          = user32.NewProc("CreateCaret")
	procDestroyCaret         = user32.NewProc("DestroyCaret")
	procSetCaretPos          = user32.NewProc("SetCaretPos")
)

const (
	wmKillFocus           = 0x0008
	wmNCDestroy           = 0x0082
	wmIMEStartComposition = 0x010D
	wmIMEEndComposition   = 0x010E
	wmIMEComposition      = 0x010F
	wmIMERequest          = 0x0288
	imrQueryCharPosition  = 0x0006
	cfsPoint              = 0x0002
	cfsCandidatePos       = 0x0040
	cfsExclude            = 0x0080
)

// gwlpWndProc is GWLP_WNDPROC (-4); a variable, as a negative constant does not convert to uintptr.
var gwlpWndProc = -4

type winPoint struct{ X, Y int32 }

// compositionForm is COMPOSITIONFORM.
type compositionForm struct {
	Style uint32
	Pos   winPoint
	Area  pixelRect
}

// candidateForm is CANDIDATEFORM.
type candidateForm struct {
	Index, Style uint32
	Pos          winPoint
	Area         pixelRect
}

// imeCharPosition is IMECHARPOSITION, the answer to IMR_QUERYCHARPOSITION.
type imeCharPosition struct {
	Size, CharPos uint32
	Pt            winPoint // screen coordinates
	LineHeight    uint32
	Document      pixelRect // screen coordinates
}

// The sizes imm.h gives these structures, checked when the program is built.
var (
	_ [28]byte = [unsafe.Sizeof(compositionForm{})]byte{}
	_ [32]byte = [unsafe.Sizeof(candidateForm{})]byte{}
	_ [36]byte = [unsafe.Sizeof(imeCharPosition{})]byte{}
)

// What the window procedure reads: it runs inside the window's message handling, where calling
// into Fyne could deadlock, so it only sees these.
var (
	imeAt       atomic.Pointer[imeCaret] // the caret last placed
	imeHWND     atomic.Uintptr           // the window whose procedure is replaced
	imeOldProc  atomic.Uintptr           // GLFW's procedure, which every message goes on to
	imeHasCaret atomic.Bool              // a hidden system caret exists (during a composition)
	imeCallback = sync.OnceValue(func() uintptr { return windows.NewCallback(imeWndProc) })
)

// immSink places the input method's windows through imm32, on the UI goroutine (the thread that
// owns the window, as the GLFW driver keeps it locked).
type immSink struct {
	win  fyne.Window
	hwnd uintptr
}

func (s *immSink) place(c imeCaret) bool {
	if s.hwnd == 0 && !s.attach() {
		return false
	}
	if ok, _, _ := procIsWindow.Call(s.hwnd); ok == 0 {
		return false // the window is gone (the app is closing)
	}
	imeAt.Store(&c)
	placeIME(s.hwnd, c)
	return true
}

// attach finds the window's handle and puts imeWndProc in front of its procedure.
func (s *immSink) attach() bool {
	nw, ok := s.win.(driver.NativeWindow)
	if !ok || imm32.Load() != nil || procGetWindowLongPtrW.Find() != nil || procSetWindowLongPtrW.Find() != nil {
		return false
	}
	var hwnd uintptr
	nw.RunNative(func(ctx any) {
		switch c := ctx.(type) {
		case driver.WindowsWindowContext:
			hwnd = c.HWND
		case *driver.WindowsWindowContext:
			hwnd = c.HWND
		}
	})
	if hwnd == 0 {
		return false // not shown yet
	}
	if imeHWND.Load() == 0 {
		// GLFW's procedure is kept before imeWndProc replaces it, so no message finds it unset.
		old, _, _ := procGetWindowLongPtrW.Call(hwnd, uintptr(gwlpWndProc))
		if old == 0 {
			return false
		}
		imeOldProc.Store(old)
		if prev, _, _ := procSetWindowLongPtrW.Call(hwnd, uintptr(gwlpWndProc), imeCallback()); prev == 0 {
			return false
		}
		imeHWND.Store(hwnd)
	}
	s.hwnd = hwnd
	return true
}

// placeIME moves the composition window to the caret and the candidate list next to it. Both
// candidate forms are set, as Chromium does: Chinese input methods running through the text
// services framework read CFS_CANDIDATEPOS, the older ones the CFS_EXCLUDE rectangle, which keeps
// the list off the caret's line.
func placeIME(hwnd uintptr, c imeCaret) {
	if himc, _, _ := procImmGetContext.Call(hwnd); himc != 0 {
		comp := compositionForm{Style: cfsPoint, Pos: winPoint{c.X, c.Y}}
		procImmSetCompositionWin.Call(himc, uintptr(unsafe.Pointer(&comp)))
		cand := candidateForm{Index: 0, Style: cfsCandidatePos, Pos: winPoint{c.X, c.Y}}
		procImmSetCandidateWin.Call(himc, uintptr(unsafe.Pointer(&cand)))
		cand = candidateForm{Index: 0, Style: cfsExclude, Pos: winPoint{c.X, c.Y},
			Area: pixelRect{Left: c.X, Top: c.Y, Right: c.X + 1, Bottom: c.Y + c.Height}}
		procImmSetCandidateWin.Call(himc, uintptr(unsafe.Pointer(&cand)))
		procImmReleaseContext.Call(hwnd, himc)
	}
	if imeHasCaret.Load() {
		// Input methods that ignore the forms follow the system caret.
		procSetCaretPos.Call(uintptr(c.X), uintptr(c.Y))
	}
}

// imeWndProc answers the input method's questions about the caret and passes every message on to
// GLFW's procedure. It reads only imeAt: never Fyne.
func imeWndProc(hwnd, msg, wParam, lParam uintptr) uintptr {
	old := imeOldProc.Load()
	switch msg {
	case wmIMEStartComposition:
		// A hidden caret for the time of the composition, for the input methods that follow it.
		if !imeHasCaret.Load() {
			if ok, _, _ := procCreateCaret.Call(hwnd, 0, 1, 1); ok != 0 {
				imeHasCaret.Store(true)
			}
		}
		if c := imeAt.Load(); c != nil {
			placeIME(hwnd, *c)
		}
	case wmIMEComposition:
		if c := imeAt.Load(); c != nil {
			placeIME(hwnd, *c)
		}
	case wmIMEEndComposition, wmKillFocus:
		if imeHasCaret.CompareAndSwap(true, false) {
			procDestroyCaret.Call()
		}
	case wmIMERequest:
		// Microsoft Pinyin on Windows 11 asks where the character is instead of reading the forms.
		if wParam == imrQueryCharPosition && lParam != 0 {
			if c := imeAt.Load(); c != nil && answerCharPosition(hwnd, *c, lParam) {
				return 1
			}
		}
	case wmNCDestroy:
		procSetWindowLongPtrW.Call(hwnd, uintptr(gwlpWndProc), old)
		imeHWND.Store(0)
	}
	r, _, _ := procCallWindowProcW.Call(old, hwnd, msg, wParam, lParam)
	return r
}

// answerCharPosition fills the IMECHARPOSITION the input method passed: the caret and the field
// in screen coordinates.
func answerCharPosition(hwnd uintptr, c imeCaret, lParam uintptr) bool {
	// The pointer comes from the system in the message; this reading of it keeps vet's unsafe
	// pointer check quiet without changing what is read.
	p := *(**imeCharPosition)(unsafe.Pointer(&lParam))
	if p.Size < uint32(unsafe.Sizeof(*p)) {
		return false
	}
	pt := winPoint{c.X, c.Y}
	tl := winPoint{c.Field.Left, c.Field.Top}
	br := winPoint{c.Field.Right, c.Field.Bottom}
	for _, q := range []*winPoint{&pt, &tl, &br} {
		if ok, _, _ := procClientToScreen.Call(hwnd, uintptr(unsafe.Pointer(q))); ok == 0 {
			return false
		}
	}
	p.Pt = pt
	p.LineHeight = uint32(c.Height)
	p.Document = pixelRect{Left: tl.X, Top: tl.Y, Right: br.X, Bottom: br.Y}
	return true
}
