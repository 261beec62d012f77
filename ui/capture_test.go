package ui

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
	"frontdesk/data/store"
)

// TestCaptureEveryScreen draws every form's list and entry screen at 1366×768 and 1024×768 into
// FRONTDESK_CAPTURE (a folder) to be looked at; without it the test does nothing.
func TestCaptureEveryScreen(t *testing.T) {
	out := os.Getenv("FRONTDESK_CAPTURE")
	if out == "" {
		t.Skip("FRONTDESK_CAPTURE names no folder")
	}
	// Over a store of demo data (frontdeskctl demo), copied first: looking writes nothing, but the
	// login may record an arrival.
	src := os.Getenv("FRONTDESK_CAPTURE_DATA")
	if src == "" {
		t.Skip("FRONTDESK_CAPTURE_DATA names no demo data folder")
	}
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(src, "frontdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "frontdesk.db"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Setenv("LANG", "zh_CN.UTF-8")
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := test.NewWindow(nil)
	h := &harness{t: t, store: st, win: w}
	h.sh = New(a, w, st, dir)
	h.logIn("manager", "demo123456")
	if h.sh.actor.Login != "manager" {
		t.Fatal("login failed")
	}
	for h.win.Canvas().Overlays().Top() != nil {
		h.win.Canvas().Overlays().Remove(h.win.Canvas().Overlays().Top())
	}
	save := func(name string) {
		img := h.win.Canvas().Capture()
		f, err := os.Create(filepath.Join(out, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range []fyne.Size{{Width: 1366, Height: 740}, {Width: 1024, Height: 740}} {
		h.win.Resize(size)
		for i, f := range data.Forms() {
			l := h.list(f.Key)
			save(fmt.Sprintf("%d-%02d-%s-list", int(size.Width), i, f.Key))
			h.shortcut(fyne.KeyN)
			if l.editor != nil {
				save(fmt.Sprintf("%d-%02d-%s-entry", int(size.Width), i, f.Key))
				l.editor.close()
			}
		}
	}
}
