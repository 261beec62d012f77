// Package glwatch tells a person, in a Windows message box in Chinese, that the window cannot be drawn
// on this PC (no OpenGL 2.1), instead of the program vanishing or waiting without a window.
package glwatch

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

// A PC whose graphics (an old card's driver, some Remote Desktop sessions) cannot make the OpenGL 2.1
// context Fyne draws with fails in one of two ways, both only in the log, which a program without a
// console shows nobody:
//   - GLFW reports the context's version or API unavailable: Fyne's driver logs "Fyne error:  window
//     creation error", its cause and where, then quits or exits;
//   - WGL cannot even choose a pixel format: go-gl's glfw logs "PlatformError: WGL: …" and hands Fyne a
//     window that is none, and the program waits without a window (seen under Wine without GLX).
// The log is watched: once such a failure is logged whole (before the first frame, for WGL's), a
// Windows message box says in Chinese what is missing and what to do, and the program exits.

// glFailureText is what the message box says.
const glFailureText = "这台电脑的显卡或远程桌面不支持 OpenGL 2.1，程序无法打开窗口。\n\n" +
	"请更新显卡驱动，或在这台电脑本机（不经远程桌面）上运行；\n也可以用 frontdeskctl 命令行程序办理。"

// glFailureTitle is the message box's title.
const glFailureTitle = "小区客服前台无法启动"

// glFailures are the reasons Fyne logs when the window cannot be drawn at all: GLFW not starting, the
// window's OpenGL context not made (no OpenGL 2.1), OpenGL's functions not found.
var glFailures = []string{"window creation error", "failed to initialise GLFW", "failed to initialise OpenGL"}

// glWatch passes the log through to out and, after a failure of glFailures is logged (its reason, its
// cause and its place: Fyne's LogError writes the place last), shows the message once and exits.
type glWatch struct {
	out  io.Writer
	show func(title, text string) // the platform's message box
	exit func(code int)

	mu      sync.Mutex
	pending bool // a failure's reason was logged, its place not yet
	shown   bool
	drawn   bool // the window's first frame was drawn: WGL's errors no longer mean it cannot be
}

// started tells the watch the window drew its first frame.
func (g *glWatch) started() {
	g.mu.Lock()
	g.drawn = true
	g.mu.Unlock()
}

func (g *glWatch) Write(p []byte) (int, error) {
	n, err := g.out.Write(p)
	g.mu.Lock()
	fire := false
	for _, line := range strings.Split(string(bytes.TrimRight(p, "\n")), "\n") {
		switch {
		case glFailureLine(line):
			g.pending = true
		case !g.drawn && strings.HasPrefix(logText(line), "PlatformError: WGL:"):
			fire = !g.shown
			g.shown = true
		case g.pending && strings.HasPrefix(strings.TrimSpace(logText(line)), "At:"):
			g.pending = false
			fire = !g.shown
			g.shown = true
		}
	}
	g.mu.Unlock()
	if fire {
		g.show(glFailureTitle, glFailureText)
		g.exit(1)
	}
	return n, err
}

// glFailureLine says whether a log line is Fyne's report of a failure of glFailures.
func glFailureLine(line string) bool {
	text := logText(line)
	if !strings.HasPrefix(text, "Fyne error:") {
		return false
	}
	reason := strings.TrimSpace(strings.TrimPrefix(text, "Fyne error:"))
	for _, f := range glFailures {
		if reason == f {
			return true
		}
	}
	return false
}

// logText is a log line without the log's date and time ("2026/12/08 09:30:00 ").
func logText(line string) string {
	fields := strings.SplitN(line, " ", 3)
	if len(fields) == 3 && len(fields[0]) == 10 && strings.Count(fields[0], "/") == 2 && strings.Count(fields[1], ":") == 2 {
		return fields[2]
	}
	return line
}
