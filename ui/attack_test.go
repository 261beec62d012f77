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
	"frontdesk/data/store"
)

// deskMessage is a message as 陈佳 takes it at the desk.
func deskMessage() data.Input {
	in := messageInput()
	in.Values["clerk"] = "陈佳"
	return in
}

// restartAs is the program started again over the same data folder (a crash, a power cut), and login
// logging in through the real login screen.
func (h *harness) restartAs(login string) {
	h.t.Helper()
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	dir := h.sh.dataDir
	h.sh, h.win = New(fyne.CurrentApp(), w, h.store, dir), w
	h.sh.printDir = h.t.TempDir()
	h.logIn(login, testPassword)
}

// putDraft writes a draft file by hand, as another program or an older version might have left it.
func putDraft(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(dir, draftsFolder, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Damaged and foreign files in the drafts folder are never offered and never stop a login: empty,
// cut short, not an object, a form that no longer exists, no values.
func TestAttackDamagedDraftFiles(t *testing.T) {
	h := newHarness(t)
	dir := h.sh.dataDir
	saved := time.Now().Add(-time.Hour).Format(time.RFC3339Nano)
	for name, body := range map[string]string{
		"empty.json":     "",
		"cut.json":       `{"login":"chenjia","form":"visitor","saved_at":"` + saved + `","input":{"values":{"visitor_name":"钱`,
		"null.json":      "null",
		"array.json":     "[1,2,3]",
		"string.json":    `"草稿"`,
		"goneform.json":  `{"login":"chenjia","form":"no_such_form","saved_at":"` + saved + `","input":{"values":{"x":"y"}}}`,
		"novalues.json":  `{"login":"chenjia","form":"visitor","saved_at":"` + saved + `","input":{}}`,
		"badtime.json":   `{"login":"chenjia","form":"visitor","saved_at":"昨天","input":{"values":{"visitor_name":"甲"}}}`,
		"wrongtype.json": `{"login":"chenjia","form":"visitor","saved_at":"` + saved + `","input":{"values":{"visitor_name":42}}}`,
		"bom.json":       "\xef\xbb\xbf{}",
	} {
		putDraft(t, dir, name, []byte(body))
	}
	// A folder named like a draft is no draft either.
	os.MkdirAll(filepath.Join(dir, draftsFolder, "folder.json"), 0o700)
	h.restartAs("chenjia")
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("damaged drafts were offered:\n%s", labelsIn(top))
	}
}

// A draft whose form and record disagree (a file copied in by hand, or left by an older version whose
// form was renamed) is not restored onto the wrong form: saving it would overwrite another form's
// record that happens to have the same number inside the store.
func TestAttackDraftOfAnotherFormsRecord(t *testing.T) {
	h := newHarness(t)
	dir := h.sh.dataDir
	vin := data.NewInput()
	vin.Values = map[string]string{"visitor_name": "钱多多", "doc_type": "护照", "doc_no": "E12345678", "phone": "13812345678",
		"host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 09:29",
		"entry_time": "2026-11-27 09:29", "clerk": "陈佳"}
	visit, err := h.store.Create(h.sh.actor, "visitor", vin)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := h.store.Create(h.sh.actor, "message", deskMessage())
	if err != nil {
		t.Fatal(err)
	}
	if visit.ID != msg.ID {
		t.Fatalf("the two records should share a number inside the store: %d %d", visit.ID, msg.ID)
	}
	in := deskMessage()
	in.Values["content"] = "草稿改过的留言"
	if err := writeDraft(filepath.Join(dir, draftsFolder, "foreign.json"), draft{Login: "chenjia", Form: "message",
		Serial: visit.Serial, Version: visit.Version, SavedAt: time.Now(), Input: in}); err != nil {
		t.Fatal(err)
	}
	h.restartAs("chenjia")
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		h.key(fyne.KeyReturn) // 恢复
	}
	if l, ok := h.sh.Current().(*listScreen); ok && l.editor != nil {
		if l.editor.rec != nil && l.editor.rec.Kind != l.editor.form.Key {
			t.Errorf("a %s record was opened on the %s entry screen", l.editor.rec.Kind, l.editor.form.Key)
		}
		h.shortcut(fyne.KeyS)
	}
	if !strings.Contains(h.sh.message.Text, visit.Serial) {
		t.Errorf("the clerk is not told why the draft was not restored: %q", h.sh.message.Text)
	}
	got, err := h.store.BySerial(h.sh.actor, msg.Serial)
	if err != nil {
		t.Fatal(err)
	}
	if got.Values["content"] != deskMessage().Values["content"] {
		t.Errorf("the message %s was overwritten by a draft of %s: %q", msg.Serial, visit.Serial, got.Values["content"])
	}
}

// A draft of a record voided since is restored read-only: saving it says so and changes nothing; a
// draft of a record no longer there says so and is not offered at every login for a month.
func TestAttackDraftOfVoidedAndVanishedRecords(t *testing.T) {
	h := newHarness(t)
	dir := h.sh.dataDir
	rec, err := h.store.Create(h.sh.actor, "message", deskMessage())
	if err != nil {
		t.Fatal(err)
	}
	in := deskMessage()
	in.Values["content"] = "草稿中的新内容"
	if err := writeDraft(filepath.Join(dir, draftsFolder, "voided.json"), draft{Login: "chenjia", Form: "message",
		Serial: rec.Serial, Version: rec.Version, SavedAt: time.Now(), Input: in}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.Void(h.sh.actor, rec.Serial, "登记错误，重新登记"); err != nil {
		t.Fatal(err)
	}
	h.restartAs("chenjia")
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the draft was not offered")
	}
	h.key(fyne.KeyReturn) // 恢复
	l := h.sh.Current().(*listScreen)
	if l.editor == nil {
		t.Fatalf("not restored: %q", h.sh.message.Text)
	}
	h.win.Canvas().Focus(l.editor.inputs["content"].focusable())
	h.shortcut(fyne.KeyS)
	if !strings.Contains(l.editor.status.Text, "作废") {
		t.Errorf("saving the draft of a voided record says %q", l.editor.status.Text)
	}
	got, _ := h.store.BySerial(h.sh.actor, rec.Serial)
	if got.Values["content"] == "草稿中的新内容" {
		t.Error("a voided record was changed by its draft")
	}

	// A draft of a record that is not in the store (another store restored from a backup).
	if err := writeDraft(filepath.Join(dir, draftsFolder, "gone.json"), draft{Login: "chenjia", Form: "message",
		Serial: "LY-20261127-099", Version: 1, SavedAt: time.Now(), Input: in}); err != nil {
		t.Fatal(err)
	}
	h.restartAs("chenjia")
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the drafts were not offered")
	}
	h.key(fyne.KeyReturn) // 恢复
	if !strings.Contains(h.sh.message.Text, "LY-20261127-099") && !strings.Contains(h.sh.message.Text, "草稿") {
		t.Errorf("restoring a draft of a record not in the store says %q", h.sh.message.Text)
	}
}

// The drafts folder is a file (or cannot be written): typing goes on, the clerk is told once, and
// nothing crashes; the drafts of others are not lost.
func TestAttackDraftsFolderIsAFile(t *testing.T) {
	h := newHarness(t)
	dir := h.sh.dataDir
	if err := os.WriteFile(filepath.Join(dir, draftsFolder), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	l := h.list("visitor")
	h.shortcut(fyne.KeyN)
	h.win.Canvas().Focus(l.editor.inputs["visitor_name"].focusable())
	h.typeText("钱多多")
	h.sh.keeper().flush(h.sh)
	if !strings.Contains(h.sh.message.Text, "草稿无法保存") {
		t.Errorf("status line: %q", h.sh.message.Text)
	}
	h.sh.message.SetText("")
	h.typeText("钱")
	h.sh.keeper().flush(h.sh)
	if h.sh.message.Text != "" {
		t.Errorf("told again: %q", h.sh.message.Text)
	}
	if got := h.sh.keeper().mine("chenjia"); len(got) != 0 {
		t.Errorf("drafts from a file: %+v", got)
	}
	h.shortcut(fyne.KeyL)
	h.logIn("chenjia", testPassword)
}

// onSite registers visitors still on site, each with the time they came in.
func onSite(t *testing.T, h *harness, entries ...string) []*data.Record {
	t.Helper()
	var out []*data.Record
	for i, entry := range entries {
		in := data.NewInput()
		in.Values = map[string]string{"visitor_name": "访客" + string(rune('甲'+i)), "doc_type": "护照", "doc_no": "E12345678",
			"phone": "13812345678", "host_unit": "3-2-1201", "purpose": "送货", "consent_by": "李娜", "consent_way": "电话",
			"consent_time": entry, "entry_time": entry, "clerk": "陈佳"}
		r, err := h.store.Create(h.sh.actor, "visitor", in)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// 全部离场 as the desk types it: nobody on site; a time still to come; a time typed in full-width
// digits and Chinese punctuation by an IME left in full-width mode; a visitor voided while the dialog
// was open.
func TestAttackSignOutEveryoneBadInput(t *testing.T) {
	h := newHarness(t)
	l := h.list("visitor")
	test.Tap(findButton(l.listView, "全部离场…"))
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("全部离场 with nobody on site opened a dialog:\n%s", labelsIn(top))
	}
	if !strings.Contains(h.sh.message.Text, "没有需要全部离场") {
		t.Errorf("nobody on site: %q", h.sh.message.Text)
	}

	recs := onSite(t, h, "2026-11-27 08:00", "2026-11-27 09:00")
	test.Tap(findButton(l.listView, "全部离场…"))
	d := h.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("no dialog")
	}
	f := h.focused().(*entry)
	f.SetText("")
	h.typeText("2026-11-27 10:30")
	h.key(fyne.KeyReturn)
	if open, _ := h.store.OpenRecords(h.sh.actor, "visitor"); len(open) != 2 {
		t.Fatalf("a time still to come signed visitors out: %d on site", len(open))
	}
	if !strings.Contains(labelsIn(d), "不能晚于现在") {
		t.Errorf("a time to come is not refused beside the field:\n%s", labelsIn(d))
	}
	// Voided meanwhile at another desk: passed over, and not counted.
	if _, err := h.store.Void(h.sh.actor, recs[0].Serial, "重复登记，作废"); err != nil {
		t.Fatal(err)
	}
	f.SetText("")
	h.typeText("２０２６－１１－２７　０９：２０")
	h.key(fyne.KeyReturn)
	if h.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("a full-width time was refused:\n%s", labelsIn(d))
	}
	got, _ := h.store.BySerial(h.sh.actor, recs[1].Serial)
	if got.Values["exit_time"] != "2026-11-27 09:20" {
		t.Errorf("exit time stored %q; want 2026-11-27 09:20", got.Values["exit_time"])
	}
	voided, _ := h.store.BySerial(h.sh.actor, recs[0].Serial)
	if voided.Values["exit_time"] != "" {
		t.Errorf("a voided visitor was signed out: %q", voided.Values["exit_time"])
	}
	if !strings.Contains(h.sh.message.Text, "已登记 1 条") {
		t.Errorf("status line: %q", h.sh.message.Text)
	}
}

// 全部离场 is not offered to whoever may not sign visitors out: the administrator, who keeps accounts,
// sees neither the list nor the step.
func TestAttackSignOutEveryoneWithoutPermission(t *testing.T) {
	h := newHarnessAs(t, "admin")
	if h.sh.allowed("form:visitor") {
		t.Error("the administrator is shown the visitor list")
	}
	f, _ := data.FormByKey("visitor")
	if st := f.BulkSteps(h.sh.actor); len(st) != 0 {
		t.Errorf("bulk steps for the administrator: %+v", st)
	}
}

// The folder for kept prints as the desk gives it: a path pasted the way Windows copies it (in quotes),
// a file, a folder under a file, a very long path. A bad one is refused beside the field in words that
// fit it, and nothing is saved; nothing says to press a button the settings do not have.
func TestAttackPrintFolderSettings(t *testing.T) {
	h := newHarness(t)
	h.withPrinters()
	p := h.printPanel()
	p.keep.SetSelected(printKeepText)
	save := func(dir string) {
		t.Helper()
		p.folder.SetText(dir)
		test.Tap(findButton(p.box, "保存打印设置"))
	}
	root := t.TempDir()

	// Pasted with quotes (资源管理器 → 复制文件地址): taken without them.
	quoted := filepath.Join(root, "前台打印件")
	save(`"` + quoted + `"`)
	if !p.folderErr.Hidden || h.sh.printSettings().keepDir != quoted {
		t.Errorf("a quoted path: error %q, kept %q; want %q", p.folderErr.Text, h.sh.printSettings().keepDir, quoted)
	}

	file := filepath.Join(root, "说明.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{file, filepath.Join(file, "打印件")} {
		save(bad)
		if p.folderErr.Hidden || !strings.Contains(p.folderErr.Text, "是一个文件，不是文件夹") || strings.Contains(p.folderErr.Text, "数据文件夹") {
			t.Errorf("%s: error %q (hidden %v); want it to say a file is in the way", bad, p.folderErr.Text, p.folderErr.Hidden)
		}
		if h.sh.printSettings().keepDir != quoted {
			t.Errorf("%s was saved", bad)
		}
	}
	long := filepath.Join(root, strings.Repeat("很长的文件夹名称", 40))
	save(long)
	if p.folderErr.Hidden || !strings.Contains(p.folderErr.Text, "太长") || h.sh.printSettings().keepDir == long {
		t.Errorf("a name too long for the disk: error %q, kept %q", p.folderErr.Text, h.sh.printSettings().keepDir)
	}
	for _, msg := range []string{p.folderErr.Text, folderError(os.ErrNotExist), folderError(os.ErrPermission)} {
		if strings.Contains(msg, "上一级") {
			t.Errorf("outside the chooser the message names its 上一级 button: %q", msg)
		}
	}
}

// 新建文件夹 in the chooser with the names Windows refuses or changes: its device names (CON, NUL,
// COM1…), a name ending in a dot, control characters; and a name already there.
func TestAttackNewFolderNames(t *testing.T) {
	for _, name := range []string{"CON", "nul", "Com1", "LPT9", "aux.txt", "备份.", "备份\t十一月"} {
		if badFolderName(name) == "" {
			t.Errorf("badFolderName(%q) accepts a name Windows refuses or changes", name)
		}
	}
	for _, name := range []string{"前台备份", "2026-11", "备份（十一月）", "console", "CONTACTS"} {
		if msg := badFolderName(name); msg != "" {
			t.Errorf("badFolderName(%q) = %q; want it accepted", name, msg)
		}
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.Mkdir(filepath.Join(home, "前台备份"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarnessAs(t, "liu")
	h.sh.Show(navBackup)
	test.Tap(findButton(h.sh.Current().(*backupScreen).view(), "选择文件夹…"))
	p := openPicker(t, h)
	h.key(fyne.KeyReturn) // into 主文件夹
	test.Tap(findButton(h.win.Canvas().Overlays().Top(), "新建文件夹"))
	h.typeText("前台备份")
	h.key(fyne.KeyReturn)
	if text := labelsOf(t, h.win.Canvas().Overlays().Top()); !strings.Contains(text, "已有同名") {
		t.Errorf("an existing name: %s", text)
	}
	if p.dir != home {
		t.Errorf("the chooser moved to %q", p.dir)
	}
}

// F1 on every screen: the login and lock screens (nothing to explain there yet, and no crash), each
// screen of the navigation, each form's list and its entry screen, as manager and as administrator.
func TestAttackF1OnEveryScreen(t *testing.T) {
	for _, login := range []string{"liu", "admin"} {
		t.Run(login, func(t *testing.T) {
			h := newHarnessAs(t, login)
			var ids []string
			for _, id := range h.sh.navChildren("") {
				if h.sh.navIsBranch(id) {
					ids = append(ids, h.sh.navChildren(id)...)
				} else {
					ids = append(ids, id)
				}
			}
			if len(ids) < 4 {
				t.Fatalf("screens: %q", ids)
			}
			f1 := func(where string) {
				t.Helper()
				if f := h.win.Canvas().Focused(); f != nil {
					f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
				} else {
					h.sh.command(cmdHelp)
				}
				top := h.win.Canvas().Overlays().Top()
				if top == nil {
					t.Errorf("F1 on %s showed nothing", where)
					return
				}
				if text := labelsIn(top); !strings.Contains(text, "各页通用的按键") {
					t.Errorf("F1 on %s:\n%s", where, text)
				}
				for top != nil {
					h.win.Canvas().Overlays().Remove(top)
					top = h.win.Canvas().Overlays().Top()
				}
			}
			for _, id := range ids {
				h.sh.Show(id)
				f1(id)
				if l, ok := h.sh.Current().(*listScreen); ok {
					l.openNew()
					f1(id + " 新建")
					l.editor.close()
				}
			}
			// The lock screen and the login screen: F1 there is no crash.
			h.sh.Lock()
			if f := h.win.Canvas().Focused(); f != nil {
				f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
			}
			h.sh.command(cmdHelp)
			for top := h.win.Canvas().Overlays().Top(); top != nil; top = h.win.Canvas().Overlays().Top() {
				h.win.Canvas().Overlays().Remove(top)
			}
			h.logIn(login, testPassword)
			if h.sh.actor.Login != login {
				t.Fatalf("back in after F1 on the lock screen: %q", h.sh.actor.Login)
			}
		})
	}
}

// Sorting a column with empty values and voided rows: every row stays, the empty ones together, the
// filled ones in order; a money column sorts by amount, and the store's order comes back on the third
// click.
func TestAttackSortEmptyValuesAndVoidedRows(t *testing.T) {
	h := newHarness(t)
	recs := onSite(t, h, "2026-11-27 08:00", "2026-11-27 08:30", "2026-11-27 09:00", "2026-11-27 09:10")
	exit := func(r *data.Record, at string) {
		in := data.NewInput()
		in.Values["exit_time"] = at
		if _, err := h.store.StepAll(h.sh.actor, []string{r.Serial}, "checkout_all", in); err != nil {
			t.Fatal(err)
		}
	}
	exit(recs[0], "2026-11-27 09:20")
	exit(recs[2], "2026-11-27 09:15")
	if _, err := h.store.Void(h.sh.actor, recs[3].Serial, "登记错误，作废"); err != nil {
		t.Fatal(err)
	}
	l := h.list("visitor")
	col := -1
	for i, c := range l.cols {
		if c.Key == "exit_time" {
			col = i + 2
		}
	}
	if col < 0 {
		t.Fatal("no 离开时间 column")
	}
	order := func() []string {
		var out []string
		for _, r := range l.records {
			out = append(out, r.Values["exit_time"])
		}
		return out
	}
	l.sortBy(col)
	got := order()
	if len(got) != 4 {
		t.Fatalf("rows after sorting: %q", got)
	}
	var filled []string
	for _, v := range got {
		if v != "" {
			filled = append(filled, v)
		}
	}
	if strings.Join(filled, "|") != "2026-11-27 09:15|2026-11-27 09:20" {
		t.Errorf("ascending: %q", got)
	}
	firstEmpty, lastEmpty := -1, -1
	for i, v := range got {
		if v == "" {
			if firstEmpty < 0 {
				firstEmpty = i
			}
			lastEmpty = i
		}
	}
	if lastEmpty-firstEmpty != 1 {
		t.Errorf("the empty ones are not together: %q", got)
	}
	l.sortBy(col)
	if d := order(); d[0] == "" && d[len(d)-1] == "" || len(d) != 4 {
		t.Errorf("descending: %q", d)
	}
	l.sortBy(col)
	if l.sortCol != -1 || l.records[0].Serial != recs[3].Serial {
		t.Errorf("third click: sorted by %d, first %s; want the newest first", l.sortCol, l.records[0].Serial)
	}

	// A money column: by amount, blanks together, whatever the text looks like.
	rl := h.list("repair")
	fee := -1
	for i, c := range rl.cols {
		if c.Type == data.TypeMoney {
			fee = i + 2
		}
	}
	if fee < 0 {
		t.Skip("the repair list shows no money column")
	}
	key := rl.cols[fee-2].Key
	rl.records = nil
	for _, v := range []string{"9", "", "100.5", "10", "", "0.5"} {
		rl.records = append(rl.records, &data.Record{Serial: "WX-" + v, Values: map[string]string{key: v}})
	}
	rl.sortCol, rl.sortDesc = fee, false
	rl.sortRows()
	var fees []string
	for _, r := range rl.records {
		fees = append(fees, r.Values[key])
	}
	if strings.Join(fees, "|") != "||0.5|9|10|100.5" && strings.Join(fees, "|") != "0.5|9|10|100.5||" {
		t.Errorf("fees ascending: %q", fees)
	}
}

// A release slip typed the way a desk writes it: the unit as 3栋2单元1201 in full-width digits, the
// owner's name with spaces, the phone with +86 and dashes. It agrees with the registry: no 核对说明 is
// asked, and it saves as the registry keys it.
func TestAttackReleaseSlipTypedOddly(t *testing.T) {
	h := newHarness(t)
	e := slipScreen(t, h)
	rc := e.form.Registry
	u := e.inputs[rc.Unit].(*unitInput)
	h.win.Canvas().Focus(u.e)
	h.typeText("３栋２单元１２０１")
	for k, v := range map[string]string{"owner_name": "李 娜", "owner_phone": "+86 138-1234-5678"} {
		e.inputs[k].set("") // what the registry filled in is typed over
		h.win.Canvas().Focus(e.inputs[k].focusable())
		h.typeText(v)
		if got := e.inputs[k].get(); got != v {
			t.Errorf("typed %q into %s; it holds %q", v, k, got)
		}
	}
	if l := e.errs[rc.Reason]; l.Visible() {
		t.Errorf("核对说明 asked for a slip that agrees with the registry: %q", l.Text)
	}
	h.shortcut(fyne.KeyS)
	page, _ := h.store.List(h.sh.actor, store.Query{Kind: "release"})
	if len(page.Records) != 1 {
		t.Fatalf("not saved: %v %q", visibleErrors(e), e.status.Text)
	}
	v := page.Records[0].Values
	if v["unit"] != "3-2-1201" || v["owner_phone"] != "13812345678" || v[rc.Reason] != "" {
		t.Errorf("stored: unit %q, phone %q, 核对说明 %q", v["unit"], v["owner_phone"], v[rc.Reason])
	}
}

// A draft of a record printed and signed since: restored, Ctrl+S does not save it as a plain edit but
// asks why the signed record is corrected; Esc there changes nothing.
func TestAttackDraftOfARecordSealedSince(t *testing.T) {
	h := newHarness(t)
	rec, err := h.store.Create(h.sh.actor, "message", deskMessage())
	if err != nil {
		t.Fatal(err)
	}
	l := h.list("message")
	l.open(rec)
	l.editor.inputs["content"].set("快递已放前台，请带证件")
	h.sh.keeper().flush(h.sh)
	if _, err := h.store.MarkPrinted(h.sh.actor, rec.Serial); err != nil {
		t.Fatal(err)
	}
	h.restartAs("chenjia")
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the draft was not offered")
	}
	h.key(fyne.KeyReturn) // 恢复
	e := h.sh.Current().(*listScreen).editor
	if e == nil || e.inputs["content"].get() != "快递已放前台，请带证件" {
		t.Fatal("the draft was not restored")
	}
	if !strings.Contains(e.header.Text, "已打印签字") {
		t.Errorf("header: %q", e.header.Text)
	}
	h.win.Canvas().Focus(e.inputs["content"].focusable())
	h.shortcut(fyne.KeyS)
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(labelsIn(top), "更正") {
		t.Fatalf("Ctrl+S on a signed record did not ask why it is corrected (status %q)", e.status.Text)
	}
	h.win.Canvas().Overlays().Remove(top)
	got, _ := h.store.BySerial(h.sh.actor, rec.Serial)
	if got.Values["content"] != deskMessage().Values["content"] {
		t.Errorf("a signed record was changed by its draft without a reason: %q", got.Values["content"])
	}
}
