package glwatch

import (
	"bytes"
	"errors"
	"log"
	"strings"
	"testing"
)

// fyneLog logs as Fyne's LogError does: the reason, the cause when there is one, and where.
func fyneLog(l *log.Logger, reason string, cause error) {
	l.Println("Fyne error: ", reason)
	if cause != nil {
		l.Println("  Cause:", cause)
	}
	l.Printf("  At: %s:%d", "/root/go/pkg/mod/fyne.io/fyne/v2@v2.7.1/internal/driver/glfw/driver.go", 147)
}

// Fyne's report that the window cannot be made (no OpenGL 2.1 context, no OpenGL, no GLFW) shows the
// message box once it is logged whole, and exits with 1; the log still gets every line. Other Fyne
// errors and ordinary lines pass through.
func TestAWindowThatCannotBeDrawnShowsTheMessageBoxAndExits(t *testing.T) {
	for _, tt := range []struct {
		name  string
		write func(l *log.Logger)
		shown bool
	}{
		{"no OpenGL 2.1 context", func(l *log.Logger) {
			fyneLog(l, "window creation error", errors.New("VersionUnavailable: WGL: Failed to create OpenGL context"))
		}, true},
		{"OpenGL functions missing", func(l *log.Logger) { fyneLog(l, "failed to initialise OpenGL", errors.New("glBlendFunc")) }, true},
		{"GLFW does not start", func(l *log.Logger) { fyneLog(l, "failed to initialise GLFW", errors.New("APIUnavailable")) }, true},
		{"without a cause", func(l *log.Logger) { fyneLog(l, "window creation error", nil) }, true},
		{"twice", func(l *log.Logger) {
			fyneLog(l, "window creation error", errors.New("x"))
			fyneLog(l, "window creation error", errors.New("y"))
		}, true},
		{"WGL without a pixel format", func(l *log.Logger) {
			l.Println("PlatformError: WGL: Failed to set pixel format for dummy context: Invalid window handle. ")
		}, true},
		{"WGL after the first frame", func(l *log.Logger) {
			l.Println("PlatformError: WGL: Failed to make context current")
		}, false},
		{"another platform error", func(l *log.Logger) { l.Println("PlatformError: Win32: Failed to set clipboard") }, false},
		{"another Fyne error", func(l *log.Logger) { fyneLog(l, "Failed to set dark mode", errors.New("x")) }, false},
		{"an ordinary line", func(l *log.Logger) { l.Printf("open store: locked") }, false},
		{"a line naming OpenGL", func(l *log.Logger) {
			l.Printf("failed to initialise OpenGL")
			l.Printf("  At: somewhere")
		}, false},
	} {
		var out bytes.Buffer
		var titles, texts []string
		var codes []int
		g := &glWatch{out: &out, show: func(title, text string) { titles, texts = append(titles, title), append(texts, text) },
			exit: func(c int) { codes = append(codes, c) }}
		if tt.name == "WGL after the first frame" {
			g.started()
		}
		tt.write(log.New(g, "", log.LstdFlags))
		if got := len(texts) == 1 && len(codes) == 1 && codes[0] == 1; got != tt.shown || len(texts) > 1 {
			t.Errorf("%s: shown %d times, exits %v; want shown %v", tt.name, len(texts), codes, tt.shown)
		}
		if tt.shown && !strings.Contains(out.String(), "Fyne error") && !strings.Contains(out.String(), "PlatformError") {
			t.Errorf("%s: the log lost the failure's lines: %q", tt.name, out.String())
		}
		if tt.shown && strings.HasPrefix(tt.name, "no OpenGL") && strings.Count(out.String(), "\n") < 3 {
			t.Errorf("%s: the box came before the cause and place were logged: %q", tt.name, out.String())
		}
	}
}

// The message says what is missing and the ways on, in Chinese only.
func TestTheOpenGLMessageSaysWhatIsMissingAndWhatToDo(t *testing.T) {
	for _, want := range []string{"显卡或远程桌面不支持 OpenGL 2.1", "程序无法打开窗口", "更新显卡驱动", "本机（不经远程桌面）", "frontdeskctl"} {
		if !strings.Contains(glFailureText, want) {
			t.Errorf("the message lacks %q:\n%s", want, glFailureText)
		}
	}
	latin := strings.NewReplacer("OpenGL", "", "frontdeskctl", "").Replace(glFailureText + glFailureTitle)
	for _, r := range latin {
		if r < 0x80 && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			t.Errorf("a Latin letter %q in the message beyond the names OpenGL and frontdeskctl", r)
			break
		}
	}
}
