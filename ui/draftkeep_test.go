package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
)

// Drafts hold typed personal data in plain JSON, so they are kept a week, no longer (#27 item 4.6):
// the login that offers one says until when; the program's next start removes one older, before anyone
// logs in; and saving a record removes its typist's draft of it kept for later too.
func TestDraftsLastAWeekAndGoWithTheirRecord(t *testing.T) {
	h := newHarness(t)
	dir := h.sh.dataDir
	l := h.list("visitor")
	h.shortcut(fyne.KeyN)
	h.win.Canvas().Focus(l.editor.inputs["visitor_name"].focusable())
	h.typeText("孙先生")
	h.sh.keeper().flush(h.sh)
	h.restartAs("chenjia")
	offer := h.win.Canvas().Overlays().Top()
	if offer == nil {
		t.Fatal("the draft was not offered")
	}
	until := time.Now().Add(7 * 24 * time.Hour).In(data.Shanghai).Format("1月2日")
	if text := labelsIn(offer); !strings.Contains(text, "保留到 "+until) || !strings.Contains(text, "只保留7天") {
		t.Errorf("the offer does not say until when the draft is kept (%s): %q", until, text)
	}
	test.Tap(findButton(offer, "以后再说"))

	// Another person's draft of eight days ago: gone at the program's next start, before any login.
	old := draft{Login: "zhoumin", Form: "visitor", SavedAt: time.Now().Add(-8 * 24 * time.Hour), Input: data.NewInput()}
	old.Input.Values["visitor_name"] = "赵先生"
	oldPath := filepath.Join(dir, draftsFolder, "zhoumin-old.json")
	if err := writeDraft(oldPath, old); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	h.sh, h.win = New(fyne.CurrentApp(), w, h.store, dir), w
	if _, err := os.Stat(oldPath); !os.IsNotExist(err) {
		t.Errorf("an eight-day-old draft outlived the program's start: %v", err)
	}
	h.sh.printDir = t.TempDir()
	h.logIn("chenjia", testPassword)
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		test.Tap(findButton(top, "以后再说"))
	}
	for _, p := range draftFiles(t, dir) {
		os.Remove(p)
	}

	// A draft of a record kept for later; the record opened afresh, changed and saved: no draft of it
	// is left to be offered over the saved record.
	in := data.NewInput()
	in.Values = map[string]string{"from_name": "张伟", "to_name": "李娜", "content": "快递已放前台", "time": "2026-11-27 09:00", "clerk": "陈佳"}
	rec, err := h.store.Create(h.sh.actor, "message", in)
	if err != nil {
		t.Fatal(err)
	}
	ml := h.list("message")
	ml.open(rec)
	ml.editor.inputs["content"].set("快递已放前台，请带证件")
	h.sh.keeper().flush(h.sh)
	h.restartAs("chenjia")
	test.Tap(findButton(h.win.Canvas().Overlays().Top(), "以后再说"))
	if n := len(draftFiles(t, dir)); n != 1 {
		t.Fatalf("the draft kept for later: %d files", n)
	}
	ml = h.list("message")
	ml.open(rec)
	ml.editor.inputs["content"].set("快递已放前台，已取走")
	h.shortcut(fyne.KeyS)
	if got, _ := h.store.BySerial(h.sh.actor, rec.Serial); got.Values["content"] != "快递已放前台，已取走" {
		t.Fatalf("not saved: %q", got.Values["content"])
	}
	if files := draftFiles(t, dir); len(files) != 0 {
		t.Errorf("after the record was saved, its drafts are still there: %v", files)
	}
}
