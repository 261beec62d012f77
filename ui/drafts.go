package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// draftsFolder is where unsaved entry screens are kept, inside the data folder.
const draftsFolder = store.DraftsFolder

// draftEvery is how often the typed work of open entry screens is written down.
const draftEvery = 2 * time.Second

// draft is the typed, unsaved work of one entry screen, kept in a file of the data folder so that a
// crash, a power cut or another person logging in at the locked desk loses nothing: whoever typed it
// finds it offered back at their next login.
type draft struct {
	Login   string `json:"login"`
	Form    string `json:"form"`
	Serial  string `json:"serial,omitempty"` // the record being changed; empty for a new one
	Version int    `json:"version,omitempty"`
	// SavedAt is when the draft was last written.
	SavedAt time.Time  `json:"saved_at"`
	Input   data.Input `json:"input"`
	path    string
}

// draftKeep is how long a draft waits for its typist to log in again: a week, no longer, for it holds
// typed personal data in plain JSON. Older ones go at the program's start (New), at any login, and with
// the purge of expired personal data; the typist is told when theirs goes at each login before.
const draftKeep = store.DraftKeep

// drafts keeps the drafts of the entry screens open now.
type drafts struct {
	dir     string
	written map[*editor]*draftFile
	seq     int
}

// draftFile is where one open screen's draft goes and what it holds now.
type draftFile struct {
	path   string
	fp     string // the screen's fingerprint when last written
	failed bool   // the last write failed, and the clerk was told
}

func (sh *Shell) keeper() *drafts {
	if sh.drafts == nil {
		sh.drafts = &drafts{dir: filepath.Join(sh.dataDir, draftsFolder), written: map[*editor]*draftFile{}}
	}
	return sh.drafts
}

// newPath is a file of its own for a screen's draft: two screens of one form, one after the other,
// never share one (a draft kept for later is not overwritten by the next new record).
func (d *drafts) newPath(login string, f *data.Form, rec *data.Record) string {
	serial := "新"
	if rec != nil {
		serial = rec.Serial
	}
	d.seq++
	name := fmt.Sprintf("%s-%s-%s-%s-%d", login, f.Key, serial, time.Now().Format("20060102T150405.000000000"), d.seq)
	return filepath.Join(d.dir, safeFileName(name)+".json")
}

// track starts keeping an entry screen's draft.
func (d *drafts) track(e *editor) {
	d.written[e] = &draftFile{path: d.newPath(e.shell.actor.Login, e.form, e.rec), fp: e.pristine}
}

// adopt makes a restored draft's file the screen's own, so the draft is kept where it was.
func (d *drafts) adopt(e *editor, path string) {
	if f, ok := d.written[e]; ok {
		f.path, f.fp = path, ""
	}
}

// done stops keeping a screen's draft and removes it: the work was saved or given up.
func (d *drafts) done(e *editor) {
	if f, ok := d.written[e]; ok {
		delete(d.written, e)
		os.Remove(f.path)
	}
}

// saved stops keeping a screen whose record was saved, removes its draft, and removes the person's
// other drafts of that record too (kept for later, then the record opened afresh and saved): the
// saved record is newer than any of them.
func (d *drafts) saved(e *editor) {
	d.done(e)
	if e.rec == nil {
		return
	}
	for _, dr := range d.mine(e.shell.actor.Login) {
		if dr.Serial == e.rec.Serial && dr.Form == e.form.Key {
			os.Remove(dr.path)
		}
	}
}

// forget stops keeping a screen that is put away unsaved: its draft stays for the next login.
func (d *drafts) forget(e *editor) { delete(d.written, e) }

// flush writes down what changed on each open screen since the last time; a screen back to what it
// held when opened has no draft. It runs on the UI goroutine.
func (d *drafts) flush(sh *Shell) {
	for e, f := range d.written {
		now := fingerprint(e.input())
		if now == f.fp {
			continue
		}
		if now == e.pristine {
			os.Remove(f.path)
			f.fp = now
			continue
		}
		dr := draft{Login: sh.actor.Login, Form: e.form.Key, SavedAt: time.Now(), Input: e.input()}
		if e.rec != nil {
			dr.Serial, dr.Version = e.rec.Serial, e.rec.Version
		}
		if err := writeDraft(f.path, dr); err != nil {
			if !f.failed {
				sh.notify("草稿无法保存（" + err.Error() + "），请尽快保存这张表")
			}
			f.failed = true
			continue
		}
		f.fp, f.failed = now, false
	}
}

// forgetScreens stops keeping the screens of the person who left: their drafts stay on disk for them.
func (d *drafts) forgetScreens() { d.written = map[*editor]*draftFile{} }

// writeDraft writes a draft whole or not at all: a power cut during the write leaves the one before.
func writeDraft(path string, dr draft) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("无法建立草稿文件夹")
	}
	b, err := json.Marshal(dr)
	if err != nil {
		return fmt.Errorf("草稿内容无法写出")
	}
	if err := store.WriteFile(path, b); err != nil {
		return errors.New(store.Message(err))
	}
	return nil
}

// mine lists a person's drafts, oldest first; unreadable files are left alone.
func (d *drafts) mine(login string) []draft {
	files, _ := filepath.Glob(filepath.Join(d.dir, "*.json"))
	var out []draft
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var dr draft
		if json.Unmarshal(b, &dr) != nil || dr.Input.Values == nil {
			continue
		}
		if time.Since(dr.SavedAt) >= draftKeep {
			os.Remove(p) // its typist has not been back for a week: personal data is not kept for nothing
			continue
		}
		if dr.Login != login {
			continue
		}
		if _, ok := data.FormByKey(dr.Form); !ok {
			continue
		}
		dr.path = p
		out = append(out, dr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SavedAt.Before(out[j].SavedAt) })
	return out
}

// KeepDrafts writes the open entry screens' drafts every couple of seconds, for as long as the program runs.
func (sh *Shell) KeepDrafts() {
	t := time.NewTicker(draftEvery)
	go func() {
		for range t.C {
			fyne.Do(func() { sh.keeper().flush(sh) })
		}
	}()
}

// offerDrafts offers a person, as they log in, the work they left unsaved: after a crash or a power
// cut, or when someone else used the desk in between.
func (sh *Shell) offerDrafts() {
	var list []draft
	for _, dr := range sh.keeper().mine(sh.actor.Login) {
		if sh.allowed("form:" + dr.Form) {
			list = append(list, dr)
		}
	}
	if len(list) == 0 {
		return
	}
	var lines []string
	for _, dr := range list {
		f, _ := data.FormByKey(dr.Form)
		what := "新建"
		if dr.Serial != "" {
			what = "修改 " + dr.Serial
		}
		lines = append(lines, fmt.Sprintf("%s（%s），%s 的草稿，保留到 %s", f.Title(), what, dr.SavedAt.In(data.Shanghai).Format("1月2日 15:04"),
			dr.SavedAt.Add(draftKeep).In(data.Shanghai).Format("1月2日 15:04")))
	}
	text := widget.NewLabel(fmt.Sprintf("您上次有 %d 张表没有保存：\n%s\n草稿只保留7天，到期自动删除。要恢复到屏幕上吗？恢复后请核对并保存。", len(list), strings.Join(lines, "\n")))
	text.Wrapping = fyne.TextWrapWord
	drop := func() {
		for _, dr := range list {
			os.Remove(dr.path)
		}
		sh.notify("已丢弃未保存的草稿")
	}
	// Esc, like 以后再说, keeps them for the next login.
	d := sh.choose("未保存的草稿", text, nil, dialogButton{label: "恢复", importance: widget.HighImportance, act: func() { sh.restoreDrafts(list) }},
		dialogButton{label: "丢弃", act: drop}, dialogButton{label: "以后再说"})
	d.Resize(fyne.NewSize(560, 240))
}

// restoreDrafts puts the drafts back on their forms' entry screens, one per form (a form has one entry
// screen); the others wait for the next login. The first one is shown.
func (sh *Shell) restoreDrafts(list []draft) {
	first := ""
	done := map[string]bool{}
	waiting := 0
	for _, dr := range list {
		if done[dr.Form] {
			waiting++
			continue
		}
		id := "form:" + dr.Form
		sh.Show(id)
		l, ok := sh.current.(*listScreen)
		if !ok {
			continue
		}
		var rec *data.Record
		if dr.Serial != "" {
			r, err := sh.store.BySerial(sh.actor, dr.Serial)
			if err != nil {
				sh.notify("草稿对应的记录 " + dr.Serial + " 已找不到，草稿未恢复")
				continue
			}
			if r.Kind != dr.Form {
				// A file not written for this record (copied in, or from another version): saving it
				// on this form would change the form's record of the same number inside the store.
				sh.notify("草稿对应的记录 " + dr.Serial + " 不是" + l.form.Title() + "，草稿未恢复")
				continue
			}
			rec = r
		}
		if l.editor != nil {
			waiting++
			continue
		}
		l.open(rec)
		e := l.editor
		e.load(dr.Input)
		sh.keeper().adopt(e, dr.path)
		done[dr.Form] = true
		if rec != nil && rec.Version != dr.Version {
			// Someone changed the record after the draft was written: the draft would undo it unseen.
			e.status.Importance = widget.WarningImportance
			e.status.SetText(fmt.Sprintf("注意：这条记录在草稿保存之后已被%s于 %s 修改过。恢复的草稿会覆盖那些修改，请逐项核对后再保存；不需要的话按 Esc 选“不保存”。",
				rec.UpdatedBy, rec.UpdatedAt.In(data.Shanghai).Format("1月2日 15:04")))
		}
		if first == "" {
			first = id
		}
	}
	if first != "" {
		sh.Show(first)
		msg := "草稿已恢复，请核对后保存 (Ctrl+S)"
		if waiting > 0 {
			msg += fmt.Sprintf("；另有 %d 张草稿下次登录时再恢复", waiting)
		}
		sh.notify(msg)
	}
}
