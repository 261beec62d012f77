package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

func draftFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, draftsFolder, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Typed work survives a lock with another person at the desk, and a crash (#17): it is kept on disk
// and offered back to whoever typed it, and only to them; saving or 不保存 removes it.
func TestDraftSurvivesLockAndCrash(t *testing.T) {
	h := newHarness(t)
	dir := h.sh.dataDir
	l := h.list("visitor")
	h.shortcut(fyne.KeyN)
	h.win.Canvas().Focus(l.editor.inputs["visitor_name"].focusable())
	h.typeText("钱多多")
	h.sh.keeper().flush(h.sh)
	if n := len(draftFiles(t, dir)); n != 1 {
		t.Fatalf("after typing: %d drafts on disk; want 1", n)
	}
	// Another person at the locked desk: fresh screens and no offer of someone else's draft.
	h.shortcut(fyne.KeyL)
	h.logIn("zhoumin", testPassword)
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("周敏 was offered 陈佳's draft")
	}
	if n := len(draftFiles(t, dir)); n != 1 {
		t.Fatalf("after the switch: %d drafts; want 1", n)
	}
	// The program ends without a word (a crash, a power cut): a new window over the same data.
	h.restartAs("chenjia")
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("陈佳 was not offered her draft back")
	}
	h.key(fyne.KeyReturn) // 恢复
	l = h.sh.Current().(*listScreen)
	if l.form.Key != "visitor" || l.editor == nil || l.editor.inputs["visitor_name"].get() != "钱多多" {
		t.Fatalf("restored: screen %s, editor %v", l.form.Key, l.editor != nil)
	}
	// Esc still asks (the restored work is unsaved); 不保存 removes the draft.
	h.win.Canvas().Focus(l.editor.inputs["visitor_name"].focusable())
	h.key(fyne.KeyEscape)
	test.Tap(findButton(h.win.Canvas().Overlays().Top(), "不保存"))
	if l.editor != nil || len(draftFiles(t, dir)) != 0 {
		t.Fatalf("不保存: editor open %v, %d drafts", l.editor != nil, len(draftFiles(t, dir)))
	}
	// A saved record leaves no draft.
	l.debounce = 0
	h.shortcut(fyne.KeyN)
	e := l.editor
	for k, v := range map[string]string{"visitor_name": "钱多多", "doc_type": "护照", "doc_no": "E12345678", "phone": "13812345678",
		"host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 09:29"} {
		e.inputs[k].set(v)
	}
	h.sh.keeper().flush(h.sh)
	if n := len(draftFiles(t, dir)); n != 1 {
		t.Fatalf("before saving: %d drafts", n)
	}
	h.shortcut(fyne.KeyS)
	if l.editor != nil {
		t.Fatalf("not saved: %s", e.status.Text)
	}
	h.sh.keeper().flush(h.sh)
	if files := draftFiles(t, dir); len(files) != 0 {
		t.Errorf("after saving, drafts left: %v", files)
	}
	// A damaged draft file is left alone, not offered and not a crash.
	os.WriteFile(filepath.Join(dir, draftsFolder, "chenjia-visitor-新.json"), []byte("{not json"), 0o600)
	if got := h.sh.keeper().mine("chenjia"); len(got) != 0 {
		t.Errorf("a damaged draft was offered: %+v", got)
	}
}

// labelsIn is the text of every label drawn inside o, one per line.
func labelsIn(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case nil:
			return
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// A draft kept for later is not overwritten or removed by the next screen of the same form; a draft of
// a record changed since says so when restored; a month-old draft is removed (#17).
func TestDraftKeptForLaterAndChangedSince(t *testing.T) {
	h := newHarness(t)
	dir := h.sh.dataDir
	l := h.list("visitor")
	h.shortcut(fyne.KeyN)
	h.win.Canvas().Focus(l.editor.inputs["visitor_name"].focusable())
	h.typeText("孙先生")
	h.sh.keeper().flush(h.sh)
	// A new window over the same data (a crash); 以后再说.
	h.restartAs("chenjia")
	test.Tap(findButton(h.win.Canvas().Overlays().Top(), "以后再说"))
	l = h.list("visitor")
	h.shortcut(fyne.KeyN)
	h.win.Canvas().Focus(l.editor.inputs["visitor_name"].focusable())
	h.typeText("另一位")
	h.sh.keeper().flush(h.sh)
	h.key(fyne.KeyEscape)
	test.Tap(findButton(h.win.Canvas().Overlays().Top(), "不保存"))
	kept := h.sh.keeper().mine("chenjia")
	if len(kept) != 1 || kept[0].Input.Values["visitor_name"] != "孙先生" {
		t.Fatalf("the draft kept for later: %+v", kept)
	}
	os.Remove(kept[0].path)

	// A draft of a saved record, and another person changes the record meanwhile.
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
	in.Values["content"] = "快递已放前台（周敏改）"
	zhou, _ := h.store.Authenticate("zhoumin", testPassword)
	if _, err := h.store.Update(zhou, "message", rec.ID, rec.Version, in); err != nil {
		t.Fatal(err)
	}
	h.restartAs("chenjia")
	h.key(fyne.KeyReturn) // 恢复
	ml = h.sh.Current().(*listScreen)
	if ml.editor == nil || ml.editor.inputs["content"].get() != "快递已放前台，请带证件" {
		t.Fatal("the draft of the record was not restored")
	}
	if s := ml.editor.status.Text; !strings.Contains(s, "已被周敏") || !strings.Contains(s, "覆盖") {
		t.Errorf("no warning that the record changed since the draft: %q", s)
	}
	// A month-old draft is removed, whoever wrote it.
	old := draft{Login: "zhoumin", Form: "visitor", SavedAt: time.Now().Add(-31 * 24 * time.Hour), Input: data.NewInput()}
	path := filepath.Join(dir, draftsFolder, "old.json")
	if err := writeDraft(path, old); err != nil {
		t.Fatal(err)
	}
	h.sh.keeper().mine("chenjia")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a month-old draft is still on disk: %v", err)
	}
}
