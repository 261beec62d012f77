package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// draftsFolder is where unsaved entry screens are kept, inside the data folder.
const draftsFolder = "草稿"

// draftEvery is how often the typed work of open entry screens is written down.
const draftEvery = 2 * time.Second

// draft is the typed, unsaved work of one entry screen, kept in a file of the data folder so that a
// crash, a power cut or another person logging in at the locked desk loses nothing: whoever typed it
// finds it offered back at their next login.
type draft struct {
	Login   string     `json:"login"`
	Form    string     `json:"form"`
	Serial  string     `json:"serial,omitempty"` // the record being changed; empty for a new one
	SavedAt time.Time  `json:"saved_at"`
	Input   data.Input `json:"input"`
	path    string
}

// drafts keeps the drafts of the entry screens open now.
type drafts struct {
	dir     string
	written map[*editor]string // what each open screen's draft holds (its fingerprint)
}

func (sh *Shell) keeper() *drafts {
	if sh.drafts == nil {
		sh.drafts = &drafts{dir: filepath.Join(sh.dataDir, draftsFolder), written: map[*editor]string{}}
	}
	return sh.drafts
}

// draftPath is the file of a screen's draft: one per person, form and record (or new record).
func (d *drafts) draftPath(login string, f *data.Form, rec *data.Record) string {
	serial := "新"
	if rec != nil {
		serial = rec.Serial
	}
	return filepath.Join(d.dir, safeFileName(login+"-"+f.Key+"-"+serial)+".json")
}

// track starts keeping an entry screen's draft.
func (d *drafts) track(e *editor) { d.written[e] = e.pristine }

// done stops keeping a screen's draft and removes it: the work was saved or given up.
func (d *drafts) done(e *editor) {
	if _, ok := d.written[e]; !ok {
		return
	}
	delete(d.written, e)
	os.Remove(d.draftPath(e.shell.actor.Login, e.form, e.rec))
}

// flush writes down what changed on each open screen since the last time; a screen back to what it
// held when opened has no draft. It runs on the UI goroutine.
func (d *drafts) flush(sh *Shell) {
	for e, was := range d.written {
		now := fingerprint(e.input())
		if now == was {
			continue
		}
		path := d.draftPath(sh.actor.Login, e.form, e.rec)
		if now == e.pristine {
			os.Remove(path)
			d.written[e] = now
			continue
		}
		dr := draft{Login: sh.actor.Login, Form: e.form.Key, SavedAt: time.Now(), Input: e.input()}
		if e.rec != nil {
			dr.Serial = e.rec.Serial
		}
		if err := writeDraft(path, dr); err != nil {
			sh.notify("草稿无法保存（" + err.Error() + "），请尽快保存这张表")
			continue
		}
		d.written[e] = now
	}
}

// forgetScreens stops keeping the screens of the person who left: their drafts stay on disk for them.
func (d *drafts) forgetScreens() { d.written = map[*editor]string{} }

// writeDraft writes a draft whole or not at all: a power cut during the write leaves the one before.
func writeDraft(path string, dr draft) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("无法建立草稿文件夹")
	}
	b, err := json.Marshal(dr)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("无法写入草稿文件夹")
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("磁盘写入失败")
	}
	return os.Rename(tmp, path)
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
		if json.Unmarshal(b, &dr) != nil || dr.Login != login || dr.Input.Values == nil {
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
		lines = append(lines, fmt.Sprintf("%s（%s），%s 的草稿", f.Title(), what, dr.SavedAt.In(data.Shanghai).Format("1月2日 15:04")))
	}
	text := widget.NewLabel(fmt.Sprintf("您上次有 %d 张表没有保存：\n%s\n要恢复到屏幕上吗？恢复后请核对并保存。", len(list), strings.Join(lines, "\n")))
	text.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	restore := newOKButton("恢复", func() { d.Hide(); sh.restoreDrafts(list) })
	restore.Importance = widget.HighImportance
	drop := newOKButton("丢弃", func() {
		d.Hide()
		for _, dr := range list {
			os.Remove(dr.path)
		}
		sh.notify("已丢弃未保存的草稿")
	})
	later := newOKButton("以后再说", func() { d.Hide() })
	for _, b := range []*okButton{restore, drop, later} {
		b.esc = func() { d.Hide() } // Esc keeps them for the next login
	}
	d = dialog.NewCustomWithoutButtons("未保存的草稿", text, sh.win)
	d.SetButtons([]fyne.CanvasObject{restore, drop, later})
	d.Resize(fyne.NewSize(560, 240))
	d.Show()
	sh.win.Canvas().Focus(restore)
}

// restoreDrafts puts each draft back on its form's entry screen; the first one is shown.
func (sh *Shell) restoreDrafts(list []draft) {
	first := ""
	for _, dr := range list {
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
			rec = r
		}
		l.open(rec)
		l.editor.load(dr.Input)
		if first == "" {
			first = id
		}
	}
	if first != "" {
		sh.Show(first)
		sh.notify("草稿已恢复，请核对后保存 (Ctrl+S)")
	}
}
