package glwatch

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

// Watch puts the log's watch for a window that cannot be drawn in place (glWatch), with the Windows
// message box; the function it returns is called at the first frame.
func Watch() (started func()) {
	g := &glWatch{out: os.Stderr, show: messageBox, exit: os.Exit}
	log.SetOutput(g)
	return g.started
}

// messageBox shows a message box with an error icon, in front, and waits for 确定.
func messageBox(title, text string) {
	t, _ := windows.UTF16PtrFromString(text)
	c, _ := windows.UTF16PtrFromString(title)
	windows.MessageBox(0, t, c, windows.MB_OK|windows.MB_ICONERROR|windows.MB_SETFOREGROUND|windows.MB_TOPMOST)
}
