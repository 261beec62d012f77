package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/store"
)

// Every text the desk shows is Chinese. The walk below opens every screen each role can reach, each
// form's list, its entry screen for a new and for a saved record, the dialogs of its steps, of a void,
// of leaving unsaved work, and the dialogs of the registry, settings and backup screens, and reads
// every text on the window and its overlays. Latin letters may only be data (serials, plates,
// document numbers, logins, folders) or one of the few words below.

// latinWord is a word of two or more Latin letters (a single letter is a unit's block, the U of U盘,
// the X of an ID number).
var latinWord = regexp.MustCompile(`[A-Za-z]{2,}`)

// latinAllowed are the Latin words the desk says on purpose: the keys printed on the keyboard (the
// shortcuts are shown by their key names), and the programs and formats the desk knows only by these
// names.
var latinAllowed = map[string]bool{
	// Keys, as labelled on the keyboard.
	"Ctrl": true, "Esc": true, "Enter": true, "Tab": true, "Shift": true, "Alt": true, "Home": true, "End": true,
	"PgUp": true, "PgDn": true, "Backspace": true, "Delete": true,
	// Formats and programs: there is no Chinese name a clerk would recognise.
	"PDF": true, "Excel": true, "WPS": true, "CSV": true, "ID": true,
	// The console program's file name, the one a manager types.
	"frontdeskctl": true,
}

// dataShapes are data the screens show as examples or as they are on disk: a file name with its
// extension (a backup's key file "…-密钥.age", a spreadsheet "….xlsx"), the shape of a release slip's
// code ("如 K7QX-3M9P", the letters the gate reads off the paper).
var dataShapes = regexp.MustCompile(`[^\s“”（）()：:，。]*\.(age|xlsx|csv|pdf|db)\b|\b[A-Z0-9]{4}-[A-Z0-9]{4}\b`)

// shownText is a text seen on screen and where.
type shownText struct{ text, where string }

type textWalk struct {
	t     *testing.T
	h     *harness
	seen  map[string]string // text → first place seen
	texts []shownText
}

func newTextWalk(t *testing.T, h *harness) *textWalk {
	return &textWalk{t: t, h: h, seen: map[string]string{}}
}

func (w *textWalk) add(text, where string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if _, ok := w.seen[text]; ok {
		return
	}
	w.seen[text] = where
	w.texts = append(w.texts, shownText{text, where})
}

// look reads the window, its title and every overlay (dialogs, menus, pop-ups).
func (w *textWalk) look(where string) {
	w.add(w.h.win.Title(), where+"（窗口标题）")
	w.collect(w.h.win.Content(), where)
	for _, o := range w.h.win.Canvas().Overlays().List() {
		w.collect(o, where+"（对话框）")
	}
}

// collect reads the visible texts under o: what is drawn (canvas.Text, which is what labels, buttons,
// checks, rich text and hyperlinks draw), and what a widget holds to draw later (a select's options,
// an entry's or select's placeholder).
func (w *textWalk) collect(o fyne.CanvasObject, where string) {
	if o == nil || !o.Visible() {
		return
	}
	switch x := o.(type) {
	case *canvas.Text:
		w.add(x.Text, where)
		return
	case *fyne.Container:
		for _, c := range x.Objects {
			w.collect(c, where)
		}
		return
	}
	if v := reflect.ValueOf(o); v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
		s := v.Elem()
		if f := s.FieldByName("PlaceHolder"); f.IsValid() && f.Kind() == reflect.String {
			w.add(f.String(), where+"（提示文字）")
		}
		if f := s.FieldByName("Options"); f.IsValid() && f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String {
			for i := 0; i < f.Len(); i++ {
				w.add(f.Index(i).String(), where+"（选项）")
			}
		}
		if s.FieldByName("MultiLine").IsValid() && s.FieldByName("PlaceHolder").IsValid() {
			return // an entry: what is typed in it is data; its placeholder was read above
		}
	}
	if wd, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(wd).Objects() {
			w.collect(c, where)
		}
	}
}

// closeOverlays closes every dialog and menu, top first.
func (w *textWalk) closeOverlays() {
	ov := w.h.win.Canvas().Overlays()
	for o := ov.Top(); o != nil; o = ov.Top() {
		o.Hide()
		if ov.Top() == o {
			ov.Remove(o)
		}
	}
}

// dataTexts are the strings the store holds (every record's values, the registry, the logins) and
// the folders the screens name: Latin letters in them are data, not wording.
func (w *textWalk) dataTexts() []string {
	h := w.h
	var out []string
	addRecord := func(r *data.Record) {
		out = append(out, r.Serial, r.CreatedBy, r.UpdatedBy, r.VoidReason)
		for _, v := range r.Values {
			out = append(out, v, strings.ToUpper(v))
		}
		for _, rows := range r.Tables {
			for _, row := range rows {
				for _, v := range row {
					out = append(out, v)
				}
			}
		}
	}
	for _, f := range data.Forms() {
		recs, err := h.sh.store.Records(f.Key, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			w.t.Fatal(err)
		}
		for _, r := range recs {
			addRecord(r)
		}
	}
	hs, _ := h.sh.store.Households("", 0)
	for _, x := range hs {
		out = append(out, x.Unit, x.Owner, x.Residents)
	}
	accts, _ := h.sh.store.Accounts(data.System)
	for _, a := range accts {
		out = append(out, a.Login, a.Name)
	}
	home, _ := os.UserHomeDir()
	out = append(out, h.sh.dataDir, h.sh.printDir, h.sh.exportDir, store.LocalBackupDir(h.sh.dataDir), os.TempDir(), home)
	var keep []string
	for _, s := range out {
		if latinWord.MatchString(s) {
			keep = append(keep, s)
		}
	}
	// The longest first, so a path goes before a folder inside it.
	sort.Slice(keep, func(i, j int) bool { return len(keep[i]) > len(keep[j]) })
	return keep
}

// ruleCode is a requirement's number ("R1.1", "D12"): the specification's, never the desk's.
var ruleCode = regexp.MustCompile(`\b[RD][0-9]+(\.[0-9]+)?\b`)

// hasDoubledWord says whether a word of two or more Chinese characters is said twice in a row
// ("保存保存期限"), the mark of a label and a text that both say it.
func hasDoubledWord(s string) bool {
	r := []rune(s)
	for i := range r {
		for n := 2; i+2*n <= len(r); n++ {
			if string(r[i:i+n]) == string(r[i+n:i+2*n]) && isHan(r[i:i+2*n]) {
				return true
			}
		}
	}
	return false
}

func isHan(r []rune) bool {
	for _, c := range r {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return true
}

// latinFound is every shown text with a Latin word that is neither data nor allowed, or with a
// word said twice.
func (w *textWalk) latinFound() []string {
	dataTexts := w.dataTexts()
	var bad []string
	for _, st := range w.texts {
		rest := st.text
		for _, d := range dataTexts {
			rest = strings.ReplaceAll(rest, d, " ")
		}
		rest = dataShapes.ReplaceAllString(rest, " ")
		if hasDoubledWord(rest) {
			bad = append(bad, fmt.Sprintf("%s：%q（重复的词）", st.where, st.text))
		}
		if c := ruleCode.FindString(rest); c != "" {
			bad = append(bad, fmt.Sprintf("%s：%q（规则编号 %s）", st.where, st.text, c))
		}
		for _, word := range latinWord.FindAllString(rest, -1) {
			if !latinAllowed[word] {
				bad = append(bad, fmt.Sprintf("%s：%q（%s）", st.where, st.text, word))
				break
			}
		}
	}
	return bad
}

func TestWordingChecks(t *testing.T) {
	for _, c := range []struct {
		s              string
		doubled, coded bool
	}{
		{"保存保存期限", true, false}, {"保存期限设置", false, false}, {"欧阳娜娜", false, false}, {"作废 作废", false, false},
		{"作废作废", true, false}, {"超时（D12）", false, true}, {"见 R1.1", false, true}, {"3-2-1201", false, false}, {"打印 (F2)", false, false},
	} {
		if got := hasDoubledWord(c.s); got != c.doubled {
			t.Errorf("hasDoubledWord(%q) = %v; want %v", c.s, got, c.doubled)
		}
		if got := ruleCode.MatchString(c.s); got != c.coded {
			t.Errorf("ruleCode matches %q: %v; want %v", c.s, got, c.coded)
		}
	}
}

// seedEveryForm saves one full example of every form, so lists have rows and steps have a record.
func seedEveryForm(t *testing.T, h *harness) {
	g := demo.New(7, nil)
	g.Env = h.store
	hs, _ := h.store.Households("", 0)
	g.Units = hs
	// The other people the examples name (a roster, a handover) have accounts, as at a real desk.
	for _, p := range []struct{ login, name string }{{"lixiaomei", "李晓梅"}, {"wanglijun", "王丽君"}} {
		if _, err := h.store.CreateAccount(data.System, p.login, p.name, data.RoleClerk, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range data.Forms() {
		in := g.Example(f, testNow.Add(-2*time.Hour), h.sh.actor.Name, 1)
		if _, err := h.store.Create(h.sh.actor, f.Key, in); err == nil {
			continue
		}
		if _, err := h.store.Create(data.System, f.Key, in); err != nil {
			// A form its rules refuse here (a sample of a month without duty) still shows its empty list.
			t.Logf("example of %s not saved: %.80s", f.Key, strings.ReplaceAll(store.Message(err), "\n", " "))
		}
	}
}

// navLeaves are the screens the person's navigation offers.
func navLeaves(sh *Shell) []string {
	var out []string
	var walk func(id string)
	walk = func(id string) {
		for _, c := range sh.navChildren(id) {
			if sh.navIsBranch(c) {
				walk(c)
			} else {
				out = append(out, c)
			}
		}
	}
	walk("")
	return out
}

func TestNoEnglishOnAnyScreen(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home) // the folder chooser lists the home folder: the test's own, named in Chinese
	if err := os.Mkdir(filepath.Join(home, "前台备份"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, login := range []string{"chenjia", "wang", "liu", "admin"} {
		t.Run(login, func(t *testing.T) {
			h := newHarnessAs(t, login)
			seedEveryForm(t, h)
			w := newTextWalk(t, h)
			walkEveryScreen(t, h, w)
			for _, b := range w.latinFound() {
				t.Error(b)
			}
			if len(w.texts) < 100 {
				t.Errorf("only %d texts read; the walk did not reach the screens", len(w.texts))
			}
		})
	}
}

func walkEveryScreen(t *testing.T, h *harness, w *textWalk) {
	sh := h.sh
	now := sh.store.Now()
	for _, id := range navLeaves(sh) {
		sh.Show(id)
		name := sh.navLabel(id)
		w.look(name)
		switch s := sh.Current().(type) {
		case *listScreen:
			s.debounce = 0
			s.refresh()
			w.look(name)
			if s.actBtn != nil {
				s.selectRow(0)
				s.stepMenu(s.actBtn)
				w.look(name + " 办理菜单")
				w.closeOverlays()
			}
			s.exportMenu(s.search)
			w.look(name + " 导出菜单")
			w.closeOverlays()
			s.openNew()
			w.look(name + " 新建")
			if s.editor != nil { // a form whose rules name another maker opens none, saying who makes it
				s.editor.askLeave()
				w.look(name + " 新建 离开")
				w.closeOverlays()
				s.editor.close()
			}
			if len(s.records) == 0 {
				continue
			}
			rec := s.records[0]
			s.open(rec)
			w.look(name + " " + rec.Serial)
			s.editor.close()
			s.selectRow(0)
			s.voidSelected()
			w.look(name + " 作废")
			w.closeOverlays()
			if s.form.Flow == nil {
				continue
			}
			for _, st := range s.form.Flow.Steps {
				where := name + " 步骤“" + st.Name + "”"
				if len(st.FieldsNow(sh.store, rec, now)) > 0 {
					sh.askStep(s.form, rec, st, func(*data.Record) {})
				} else if to, ok := s.form.Flow.StateByKey(st.To); ok && to.Fixed {
					sh.takeStep(s.form, rec, st, func(*data.Record) {})
				} else {
					continue
				}
				w.look(where)
				w.closeOverlays()
			}
		case *todayScreen:
			s.others.SetChecked(true)
			w.look(name)
		case *boardScreen:
			for i := range s.rows {
				s.selectRow(i)
				w.look(name)
			}
			s.move(-1)
			w.look(name + " 上月")
		case *householdScreen:
			if sh.actor.Can(data.PermHouseholdEdit) {
				s.open(nil)
				w.look(name + " 新增")
				sh.command(cmdCancel)
				s.selected = 0
				s.openSelected()
				w.look(name + " 编辑")
				sh.command(cmdCancel)
			}
			if sh.actor.Can(data.PermHouseholdImport) {
				s.importFile("业户档案.csv", []byte("楼栋,单元,房号,业主姓名,业主电话\n3,2,1201,钱七,13800000003\n"))
				w.look(name + " 导入确认")
				w.closeOverlays()
				s.importFile("业户档案.csv", []byte("楼栋,单元,房号,业主姓名\n1,1,,张三\n"))
				w.look(name + " 导入出错")
				w.closeOverlays()
				s.chooseImport()
				w.look(name + " 选择导入文件")
				w.closeOverlays()
			}
		case *settingsScreen:
			if sh.actor.Can(data.PermRetention) {
				s.purge()
				w.look(name + " 清除确认")
				w.closeOverlays()
			}
			s.check()
			w.look(name + " 检查")
		case *backupScreen:
			if sh.actor.Can(data.PermBackup) {
				s.backup()
				w.look(name + " 未选位置")
				p := sh.pickFolder("选择备份位置", func(string) {})
				w.look(name + " 选择文件夹")
				p.enter(0) // 主文件夹
				w.look(name + " 主文件夹")
				p.askNewFolder()
				w.look(name + " 新建文件夹")
				w.closeOverlays()
			}
			if sh.actor.Can(data.PermRestore) {
				s.chooseRestore()
				w.look(name + " 选择备份文件")
				w.closeOverlays()
				s.askRestore(filepath.Join(t.TempDir(), "前台-备份-20261127-0930"+store.BackupExt))
				w.look(name + " 恢复")
				w.closeOverlays()
			}
		}
	}
	sh.Lock()
	w.look("锁屏")
	h.logIn(sh.actor.Login, testPassword)
}

// The first start and the recovery screen are shown before anyone logs in.
func TestNoEnglishBeforeLogin(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	win := test.NewWindow(nil)
	win.Resize(fyne.NewSize(1280, 800))
	h := &harness{t: t, store: s, win: win}
	h.sh = New(fyne.CurrentApp(), win, s, dir)
	w := newTextWalk(t, h)
	w.look("首次启动")
	ShowRecovery(win, dir, "数据文件的校验没有通过", func(*store.Store) {})
	w.look("恢复")
	for _, b := range w.latinFound() {
		t.Error(b)
	}
	if len(w.texts) < 8 {
		t.Errorf("only %d texts read", len(w.texts))
	}
}

// Fyne's own dialog buttons and menus are Chinese even on a PC set to English.
func TestFyneTextsChineseWhateverTheSystemLanguage(t *testing.T) {
	for _, env := range []string{"en_US.UTF-8", "de_DE.UTF-8", "zh_CN.UTF-8"} {
		t.Setenv("LANGUAGE", "")
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", env)
		useChinese()
		for in, want := range map[string]string{"Yes": "是", "No": "否", "OK": "确定", "Cancel": "取消", "Error": "出错了", "Paste": "粘贴"} {
			if got := lang.L(in); got != want {
				t.Errorf("LANG=%s: %q shows %q; want %q", env, in, got, want)
			}
		}
	}
	t.Setenv("LANG", "zh_CN.UTF-8")
	useChinese()
}
