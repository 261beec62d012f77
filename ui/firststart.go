package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// The first start, in one sitting: one screen after another asks for the names printed on the forms,
// the administrator, the desk's people, the duty rules, the household registry and the backup. Each
// step saves only when its 下一步 is pressed with valid input, and may be skipped (设置 has each one
// later); the steps done or skipped are kept in store.SettingSetupSteps, so a window closed midway
// resumes at the first step not done. The names are held until the administrator exists (a setting is
// written by someone); after that the steps run as the administrator, and those left are offered at
// the administrator's next login until done or skipped.

// The steps, in order; their keys are what store.SettingSetupSteps keeps.
const (
	stepNames      = "names"
	stepAdmin      = "admin"
	stepPeople     = "accounts"
	stepShifts     = "shifts"
	stepHouseholds = "households"
	stepBackup     = "backup"
)

var setupOrder = []string{stepNames, stepAdmin, stepPeople, stepShifts, stepHouseholds, stepBackup}

// What a step became: done (saved) or skipped.
const (
	stepDone    = "saved"
	stepSkipped = "skipped"
)

// defaultCentre is the centre's name the forms print after the estate's, as the default does.
const defaultCentre = "客户服务中心"

// setupState is each step's outcome so far; a step not in it is still to do.
type setupState map[string]string

// readSetupState reads the steps kept in the store; set is false on a store set up before the guided
// start (its administrator is not asked again).
func readSetupState(s *store.Store) (st setupState, set bool) {
	st = setupState{}
	v := s.Setting(store.SettingSetupSteps, "")
	for _, part := range strings.Split(v, ",") {
		if k, outcome, ok := strings.Cut(part, ":"); ok {
			st[k] = outcome
		}
	}
	return st, v != ""
}

func (st setupState) String() string {
	var parts []string
	for _, k := range setupOrder {
		if o := st[k]; o != "" {
			parts = append(parts, k+":"+o)
		}
	}
	return strings.Join(parts, ",")
}

// setupStep is one screen of the first start.
type setupStep struct {
	key, title string
	later      string // where in the program the step is found when skipped
	view       fyne.CanvasObject
	first      fyne.Focusable // where the keyboard starts
	save       func() bool    // 下一步: saves valid input; false keeps the step (its messages say why)
	skipText   string         // the skip button's label; "" for a step that cannot be skipped
	shown      func()         // when set, brings the step's view up to date as it is shown
}

// firstStart is the guided first start on show.
type firstStart struct {
	sh    *Shell
	steps []*setupStep
	at    int
	state setupState
	names string // step 1's names, held until the administrator exists
	done  func()

	title, later, list *widget.Label
	body               *fyne.Container
	back, skip, next   *okButton
	buttons            *fyne.Container
	msg                *widget.Label
	view               fyne.CanvasObject
}

// showSetup is the very first start, on a store with no account: the guided setup from its first step.
func (sh *Shell) showSetup() {
	w := newFirstStart(sh, setupState{}, func() {
		// Done: the administrator (and then each of the desk's people) logs in as usual.
		sh.actor = data.Actor{}
		sh.showLogin()
		sh.login.hint.SetText("首次设置已完成。\n请用系统管理员账户登录；前台人员用各自的账户登录。")
		sh.login.view.Refresh() // the longer hint is laid out again
	})
	w.show(w.nextFrom(-1))
}

// beforeDesk is what comes between a right password and the desk: a first password is changed; the
// administrator of a store being set up is offered the first-start steps left (not when unlocking a
// desk already open). open opens the desk.
func (sh *Shell) beforeDesk(a data.Actor, password string, open func()) {
	if sh.store.MustChangePassword(a.Login) {
		sh.askNewPassword(a, password, func() { sh.beforeDesk(a, "", open) })
		return
	}
	st, set := readSetupState(sh.store)
	if !set || sh.main != nil || !a.Can(data.PermAccounts) {
		open()
		return
	}
	st[stepAdmin] = stepDone
	w := newFirstStart(sh, st, open)
	if at := w.nextFrom(-1); at >= 0 {
		sh.actor = a
		sh.login = nil
		w.show(at)
		return
	}
	open()
}

func newFirstStart(sh *Shell, st setupState, done func()) *firstStart {
	w := &firstStart{sh: sh, state: st, done: done, title: heading(""), later: widget.NewLabel(""), list: widget.NewLabel(""),
		body: container.NewStack(), msg: errorLabel()}
	w.later.Wrapping = fyne.TextWrapWord
	w.later.Importance = widget.LowImportance
	w.back = newOKButton("上一步", func() { w.goBack() })
	w.skip = newOKButton("跳过", func() { w.skipStep() })
	w.next = newOKButton("下一步", func() { w.goNext() })
	w.next.Importance = widget.HighImportance
	for _, b := range []*okButton{w.back, w.skip, w.next} {
		b.esc = w.goBack
	}
	w.steps = []*setupStep{w.namesStep(), w.adminStep(), w.peopleStep(), w.shiftsStep(), w.householdsStep(), w.backupStep()}
	w.view = w.frame()
	return w
}

// adminExists: after step 2 every step is saved by the administrator.
func (w *firstStart) adminExists() bool { return w.sh.store.HasAccounts() }

// nextFrom is the first step after i still to do (-1 when none is left).
func (w *firstStart) nextFrom(i int) int {
	for j := i + 1; j < len(w.steps); j++ {
		if k := w.steps[j].key; w.state[k] == "" && !(k == stepAdmin && w.adminExists()) {
			return j
		}
	}
	return -1
}

// prevFrom is the step before i that can be shown again (-1: none); the administrator, once made, is not.
func (w *firstStart) prevFrom(i int) int {
	for j := i - 1; j >= 0; j-- {
		if !(w.steps[j].key == stepAdmin && w.adminExists()) {
			return j
		}
	}
	return -1
}

func (w *firstStart) show(i int) {
	w.at = i
	st := w.steps[i]
	w.title.SetText(fmt.Sprintf("步骤 %d/%d：%s", i+1, len(w.steps), st.title))
	w.later.SetText(st.later)
	if st.shown != nil {
		st.shown()
	}
	w.body.Objects = []fyne.CanvasObject{st.view}
	w.body.Refresh()
	showError(w.msg, "")
	w.skip.SetText(st.skipText)
	w.skip.Hidden = st.skipText == ""
	w.back.Hidden = w.prevFrom(i) < 0
	w.buttons.Refresh() // the skip button's new label is measured again
	var lines []string
	for j, s := range w.steps {
		mark := map[string]string{stepDone: "已完成", stepSkipped: "已跳过"}[w.state[s.key]]
		if s.key == stepAdmin && w.adminExists() {
			mark = "已完成"
		}
		if j == i {
			mark = "◀ 当前"
		}
		lines = append(lines, fmt.Sprintf("%d. %s  %s", j+1, s.title, mark))
	}
	w.list.SetText(strings.Join(lines, "\n"))
	if w.sh.win.Content() != w.view {
		w.sh.win.SetContent(w.view)
	}
	w.sh.win.Canvas().Focus(st.first)
}

// frame is the window's content while the setup is on show: the steps at the left, the step's
// screen, and under it where it is found later and the buttons.
func (w *firstStart) frame() fyne.CanvasObject {
	top := container.NewVBox(heading("首次使用设置"), w.title, widget.NewSeparator())
	w.buttons = container.NewHBox(w.back, layout.NewSpacer(), w.skip, w.next)
	bottom := container.NewVBox(widget.NewSeparator(), w.msg, w.later, w.buttons)
	left := container.NewHBox(container.NewVBox(widget.NewLabelWithStyle("设置步骤", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), w.list), widget.NewSeparator())
	body := container.New(capWidth{setupWidth}, w.body)
	return container.NewPadded(container.NewBorder(top, bottom, left, nil, container.NewVScroll(container.NewPadded(body))))
}

func (w *firstStart) goNext() {
	if !w.steps[w.at].save() {
		return
	}
	w.mark(stepDone)
}

func (w *firstStart) skipStep() {
	if w.steps[w.at].skipText != "" {
		w.mark(stepSkipped)
	}
}

func (w *firstStart) goBack() {
	if j := w.prevFrom(w.at); j >= 0 {
		w.show(j)
	}
}

// mark keeps the step's outcome (in the store, once the administrator exists) and goes on; a step
// done and shown again stays done when skipped.
func (w *firstStart) mark(outcome string) {
	if key := w.steps[w.at].key; w.state[key] != stepDone {
		w.state[key] = outcome
	}
	if w.adminExists() {
		if err := w.sh.store.SetSetting(w.sh.actor, store.SettingSetupSteps, w.state.String()); err != nil {
			showError(w.msg, "未保存："+store.Message(err))
			return
		}
	}
	if j := w.nextFrom(w.at); j >= 0 {
		w.show(j)
		return
	}
	w.done()
}

// keys makes Enter go from each input to the next and from the last to 下一步, and Esc 上一步.
func (w *firstStart) keys(ins ...fyne.Focusable) {
	for i, in := range ins {
		var next fyne.Focusable = w.next
		if i+1 < len(ins) {
			next = ins[i+1]
		}
		h := keyHooks{onEnter: func() { w.sh.win.Canvas().Focus(next) }, onCommand: w.command}
		switch x := in.(type) {
		case *entry:
			h.onEdit = x.hooks.onEdit
			x.hooks = h
		case *choice:
			x.hooks = h
		}
	}
}

func (w *firstStart) command(name string) bool {
	if name == cmdCancel {
		w.goBack()
		return true
	}
	return false
}

// field is a label and its input, with the message beside it (under the input).
func field(form *fyne.Container, label string, in fyne.CanvasObject, msg *widget.Label, hint string) {
	col := container.NewVBox(in, msg)
	if hint != "" {
		h := brokenText(hint, setupWidth-260)
		h.Importance = widget.LowImportance
		col.Add(h)
	}
	form.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}))
	form.Add(col)
}

// setupWidth is the width of a step's screen: fields wider than this are harder to read across.
const setupWidth = 860

// intro is a step's explanation, broken into lines of the step's width the way Chinese is set (a
// label left to wrap itself in a scroll is measured tall and leaves a gap under it).
func intro(text string) *widget.Label { return brokenText(text, setupWidth-40) }

// capWidth lays its objects out at most w wide, from the left.
type capWidth struct{ w float32 }

func (c capWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

func (c capWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(min(size.Width, max(c.w, o.MinSize().Width)), size.Height))
	}
}

// namesStep: the estate's and the centre's names, which the forms print together above their title.
func (w *firstStart) namesStep() *setupStep {
	estate, centre := newEntry(), newEntry()
	estErr, cenErr := errorLabel(), errorLabel()
	preview := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	estate.SetPlaceHolder("如：城市假日花园")
	centre.SetText(defaultCentre)
	if cur := w.sh.store.Setting(store.SettingPropertyName, ""); cur != "" {
		estate.SetText(strings.TrimSuffix(cur, defaultCentre))
		if !strings.HasSuffix(cur, defaultCentre) {
			centre.SetText("")
		}
	}
	printed := func() string { return strings.TrimSpace(estate.Text) + strings.TrimSpace(centre.Text) }
	update := func() { preview.SetText("印在每张表上：" + printed()) }
	estate.hooks.onEdit, centre.hooks.onEdit = update, update
	update()
	w.keys(estate, centre)
	form := container.New(layout.NewFormLayout())
	field(form, "小区名称 *", estate, estErr, "")
	field(form, "客服中心名称", centre, cenErr, "如：客户服务中心、物业服务中心")
	save := func() bool {
		showError(estErr, "")
		showError(cenErr, "")
		name := printed()
		switch {
		case strings.TrimSpace(estate.Text) == "":
			showError(estErr, "请填写小区名称")
		case len([]rune(name)) > 40:
			showError(cenErr, "两项合起来应在40字以内")
		default:
			if !w.adminExists() {
				w.names = name // saved with the administrator
				return true
			}
			if err := w.sh.store.SetSetting(w.sh.actor, store.SettingPropertyName, name); err != nil {
				showError(cenErr, "未保存："+store.Message(err))
				return false
			}
			return true
		}
		w.sh.win.Canvas().Focus(estate)
		return false
	}
	view := container.NewVBox(intro("小区和客服中心的名称印在每张登记表、回执的标题上方。"), form, preview)
	return &setupStep{key: stepNames, title: "小区与客服中心名称", view: view, first: estate, save: save, skipText: "跳过",
		later: "跳过则印“" + store.DefaultPropertyName + "”；以后可在 设置 → 物业服务中心名称 中修改。"}
}

// adminStep: the administrator, who makes the desk's accounts; it cannot be skipped. The names held
// from step 1 are saved right after it exists.
func (w *firstStart) adminStep() *setupStep {
	login, name, pw, pw2 := newEntry(), newEntry(), newEntry(), newEntry()
	loginErr, nameErr, pwErr, pw2Err := errorLabel(), errorLabel(), errorLabel(), errorLabel()
	pw.Password, pw2.Password = true, true
	login.SetText("admin")
	name.SetPlaceHolder("如：系统管理员")
	pw.SetPlaceHolder(fmt.Sprintf("至少%d位", store.MinPasswordLen))
	w.keys(login, name, pw, pw2)
	form := container.New(layout.NewFormLayout())
	field(form, "登录名", login, loginErr, "")
	field(form, "姓名", name, nameErr, "")
	field(form, "密码", pw, pwErr, "")
	field(form, "再输一次", pw2, pw2Err, "")
	save := func() bool {
		for _, l := range []*widget.Label{loginErr, nameErr, pwErr, pw2Err} {
			showError(l, "")
		}
		if pw.Text != pw2.Text {
			showError(pw2Err, "两次输入的密码不一致")
			w.sh.win.Canvas().Focus(pw2)
			return false
		}
		a, err := w.sh.store.SetupAdmin(login.Text, name.Text, pw.Text)
		if err != nil {
			msg, at, where := store.Message(err), pwErr, fyne.Focusable(pw)
			switch {
			case strings.Contains(msg, "登录名"):
				at, where = loginErr, login
			case strings.Contains(msg, "姓名"):
				at, where = nameErr, name
			}
			showError(at, msg)
			w.sh.win.Canvas().Focus(where)
			return false
		}
		w.sh.actor = a
		if w.state[stepNames] == stepDone && w.names != "" {
			if err := w.sh.store.SetSetting(a, store.SettingPropertyName, w.names); err != nil {
				w.state[stepNames] = "" // asked again at the administrator's login
			}
		}
		return true
	}
	view := container.NewVBox(intro(fmt.Sprintf("系统管理员建立值班员、主管、经理的账户，负责备份与恢复。密码至少%d位，请记在安全的地方。", store.MinPasswordLen)), form)
	return &setupStep{key: stepAdmin, title: "系统管理员", view: view, first: name, save: save,
		later: "这一步不能跳过：没有系统管理员，谁也无法登录。密码以后可在 设置 → 修改我的密码 中修改。"}
}

// personRow is one line of the desk's people: name, login, role, first password, and what is wrong.
type personRow struct {
	name, login, pw *entry
	role            *choice
	msg             *widget.Label
}

func (r *personRow) blank() bool {
	return strings.TrimSpace(r.name.Text+r.login.Text+r.pw.Text) == ""
}

// deskRoles are the roles of the desk's people: every role but the administrator's.
func deskRoles() []data.Role {
	var out []data.Role
	for _, r := range data.Roles {
		if r != data.RoleAdmin {
			out = append(out, r)
		}
	}
	return out
}

// peopleTable is the step's table of the desk's people, one a line, with the accounts made already.
type peopleTable struct {
	w         *firstStart
	rows      []*personRow
	table     *fyne.Container
	existing  *widget.Label
	roleNames []string
}

func peopleGrid(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewGridLayoutWithColumns(4), objs...)
}

// peopleStep: the desk's people in a table, each with a first password changed at their first
// login. Enter goes cell to cell and row to row; on an empty row it leaves the table for 下一步.
func (w *firstStart) peopleStep() *setupStep {
	t := &peopleTable{w: w, table: container.NewVBox(), existing: intro("")}
	for _, r := range deskRoles() {
		t.roleNames = append(t.roleNames, r.Chinese())
	}
	for range 3 {
		t.addRow()
	}
	header := peopleGrid(widget.NewLabel("姓名"), widget.NewLabel("登录名"), widget.NewLabel("角色（按 1–3 选择）"), widget.NewLabel("初始密码"))
	view := container.NewVBox(intro(fmt.Sprintf("每人一行：姓名、登录名、角色和初始密码（至少%d位）。初始密码告诉本人，第一次登录时要换成自己的密码。回车到下一格；在空行上按回车到“下一步”。", store.MinPasswordLen)),
		t.existing, header, t.table)
	return &setupStep{key: stepPeople, title: "前台人员与角色", view: view, first: t.rows[0].name, save: t.save, skipText: "跳过",
		later: "以后可在 账户管理 中建立账户、重置密码。", shown: t.showExisting}
}

func (t *peopleTable) addRow() {
	r := &personRow{name: newEntry(), login: newEntry(), pw: newEntry(), role: newChoice(t.roleNames), msg: errorLabel()}
	r.name.SetPlaceHolder("如：陈佳")
	r.login.SetPlaceHolder("如：chenjia")
	r.pw.SetPlaceHolder(fmt.Sprintf("至少%d位", store.MinPasswordLen))
	r.role.SetSelectedIndex(0)
	t.rows = append(t.rows, r)
	t.table.Add(peopleGrid(r.name, r.login, r.role, r.pw))
	t.table.Add(r.msg)
	t.wire()
}

// wire sets the keys of every row again: Enter cell to cell, from a row's last cell to the next row
// (made when needed), and from an empty row straight to 下一步; Esc is 上一步.
func (t *peopleTable) wire() {
	canvas := t.w.sh.win.Canvas()
	for i, r := range t.rows {
		t.w.keys(r.name, r.login, r.role, r.pw)
		r.name.hooks.onEnter = func() {
			if r.blank() {
				canvas.Focus(t.w.next)
				return
			}
			canvas.Focus(r.login)
		}
		r.pw.hooks.onEnter = func() {
			if i+1 == len(t.rows) {
				t.addRow()
			}
			canvas.Focus(t.rows[i+1].name)
		}
	}
}

func (t *peopleTable) showExisting() {
	list, _ := t.w.sh.store.Accounts(t.w.sh.actor) // none before the administrator exists
	var names []string
	for _, a := range list {
		names = append(names, a.Name+"（"+a.Login+"，"+a.Role.Chinese()+"）")
	}
	t.existing.SetText("已有账户：" + strings.Join(names, "、"))
	t.existing.Hidden = len(names) == 0
}

// save makes the accounts of the lines filled in, once every one of them is right; a line wrong is
// said beside it and nothing is made.
func (t *peopleTable) save() bool {
	w := t.w
	t.showExisting()
	list, err := w.sh.store.Accounts(w.sh.actor)
	if err != nil {
		showError(w.msg, store.Message(err))
		return false
	}
	taken := map[string]bool{}
	for _, a := range list {
		taken[a.Login] = true
	}
	var todo []*personRow
	var first fyne.Focusable
	for _, r := range t.rows {
		showError(r.msg, "")
		if r.blank() {
			continue
		}
		todo = append(todo, r)
		if msg, at := personProblem(r, taken); msg != "" {
			showError(r.msg, msg)
			if first == nil {
				first = at
			}
		}
		taken[strings.TrimSpace(r.login.Text)] = true
	}
	w.view.Refresh()
	switch {
	case first != nil:
		w.sh.win.Canvas().Focus(first)
		return false
	case len(todo) == 0 && len(list) > 1:
		return true // the people were made before (the step shown again)
	case len(todo) == 0:
		showError(w.msg, "请至少填写一个人，或按“跳过”以后在 账户管理 中建立")
		w.sh.win.Canvas().Focus(t.rows[0].name)
		return false
	}
	for _, r := range todo {
		role := deskRoles()[r.role.SelectedIndex()]
		if _, err := w.sh.store.CreateAccount(w.sh.actor, r.login.Text, r.name.Text, role, r.pw.Text); err != nil {
			showError(r.msg, "未建立："+store.Message(err))
			w.sh.win.Canvas().Focus(r.login)
			w.view.Refresh()
			return false
		}
		for _, e := range []*entry{r.name, r.login, r.pw} {
			e.SetText("") // made: the line is free for another
		}
	}
	t.showExisting()
	return true
}

// personProblem says what is wrong with a line of the people's table, and where to type it right.
func personProblem(r *personRow, taken map[string]bool) (string, fyne.Focusable) {
	name, login := strings.TrimSpace(r.name.Text), strings.TrimSpace(r.login.Text)
	switch {
	case name == "" || len([]rune(name)) > 30:
		return "请填写姓名（30字以内）", r.name
	case login == "" || len([]rune(login)) > 30 || strings.ContainsAny(login, " \t"):
		return "请填写登录名（1–30个字符，不含空格）", r.login
	case taken[login]:
		return "登录名 " + login + " 已有人用了，请换一个", r.login
	case r.role.SelectedIndex() < 0:
		return "请选择角色", r.role
	case len([]rune(r.pw.Text)) < store.MinPasswordLen:
		return fmt.Sprintf("初始密码至少%d位", store.MinPasswordLen), r.pw
	}
	return "", nil
}

// dutySettings are the settings the duty forms declare (the shifts' hours and the duty rules), each
// once, in the order of the forms (the roster's shifts first) and of their declarations.
func dutySettings() []data.Setting {
	var out []data.Setting
	seen := map[string]bool{}
	for _, f := range data.Forms() {
		if f.Group != data.GroupDuty {
			continue
		}
		for _, s := range f.Settings {
			if !seen[s.Key] {
				seen[s.Key] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// shiftsStep: the duty forms' settings, from their declarations, each checked as the store checks it.
func (w *firstStart) shiftsStep() *setupStep {
	decls := dutySettings()
	entries := map[string]*entry{}
	errs := map[string]*widget.Label{}
	form := container.New(layout.NewFormLayout())
	var chain []fyne.Focusable
	for _, ts := range decls {
		e := newEntry()
		e.SetText(w.sh.store.Setting(ts.Key, ts.Default))
		entries[ts.Key], errs[ts.Key] = e, errorLabel()
		in := fyne.CanvasObject(e)
		if ts.Number() {
			in = container.NewGridWrap(fyne.NewSize(120, e.MinSize().Height), e)
		}
		field(form, ts.Label, in, errs[ts.Key], ts.Hint)
		chain = append(chain, e)
	}
	w.keys(chain...)
	save := func() bool {
		var first fyne.Focusable
		for _, ts := range decls {
			msg := ts.Problem(entries[ts.Key].Text)
			showError(errs[ts.Key], msg)
			if msg != "" && first == nil {
				first = entries[ts.Key]
			}
		}
		w.view.Refresh()
		if first != nil {
			w.sh.win.Canvas().Focus(first)
			return false
		}
		for _, ts := range decls {
			v := strings.TrimSpace(entries[ts.Key].Text)
			if ts.Number() {
				v = strings.TrimSpace(data.Normalize(data.TypeInt, v))
			}
			if v == w.sh.store.Setting(ts.Key, ts.Default) {
				continue // in force already
			}
			if err := w.sh.store.SetSetting(w.sh.actor, ts.Key, v); err != nil {
				showError(errs[ts.Key], "未保存："+store.Message(err))
				return false
			}
		}
		return true
	}
	var first fyne.Focusable = w.next
	if len(chain) > 0 {
		first = chain[0]
	}
	view := container.NewVBox(intro("值班、交接班和排班表按这些时间与规则办。已填的是常用的默认值，与本中心一致就直接按“下一步”。"), form)
	return &setupStep{key: stepShifts, title: "班次时间与值班规则", view: view, first: first, save: save, skipText: "跳过",
		later: "跳过则用默认值；以后可在 设置 → 前台规则 中修改。"}
}

// householdsStep: the registry imported from an Excel or CSV file, as 业户档案's import does (the file
// is shown before it is imported), or later.
func (w *firstStart) householdsStep() *setupStep {
	status := intro("")
	count := func() {
		total, occ := w.sh.store.HouseholdCount()
		if total == 0 {
			status.SetText("业户档案中还没有住户。")
			return
		}
		status.SetText(fmt.Sprintf("业户档案现有 %d 户（已入住 %d 户）。", total, occ))
	}
	pick := newOKButton("选择 Excel 或 CSV 文件导入…", nil)
	pick.Icon = theme.UploadIcon()
	pick.esc = w.goBack
	pick.OnTapped = func() {
		hs := newHouseholdScreen(w.sh)
		hs.imported = count
		hs.chooseImport()
	}
	save := func() bool {
		if total, _ := w.sh.store.HouseholdCount(); total == 0 {
			showError(w.msg, "还没有导入业户档案：请选择文件导入，或按“以后再说”")
			w.sh.win.Canvas().Focus(pick)
			return false
		}
		return true
	}
	view := container.NewVBox(intro("业户档案是登记时按房号带出业主和电话的依据。文件的第一行是列名：楼栋、单元、房号（或“房号”一列写 3-2-1201）、业主姓名、业主电话、住户姓名、住户电话、是否入住、备注。导入前会先列出要新增和修改的户，确认后才导入。"),
		status, container.NewHBox(pick))
	return &setupStep{key: stepHouseholds, title: "业户档案", view: view, first: pick, save: save, skipText: "以后再说", shown: count,
		later: "以后可在 业户档案 → 从Excel/CSV导入 中导入，或逐户添加。"}
}

// backupFields are the backup step's passphrase and target, as 备份与恢复 has them.
type backupFields struct {
	w                             *firstStart
	pass1, pass2                  *entry
	pass1Err, pass2Err, targetErr *widget.Label
	target                        *choice
	targets                       map[string]string // shown text → folder
	note                          *widget.Label     // no U盘 found
}

// backupStep: the backup passphrase and the U盘 to back up to, as 备份与恢复 sets them; the first
// backup to this PC's backup folder is taken at once, as there.
func (w *firstStart) backupStep() *setupStep {
	b := &backupFields{w: w, pass1: newEntry(), pass2: newEntry(), pass1Err: errorLabel(), pass2Err: errorLabel(), targetErr: errorLabel(),
		target: newChoice(nil), targets: map[string]string{}, note: widget.NewLabel("")}
	b.pass1.Password, b.pass2.Password = true, true
	b.pass1.SetPlaceHolder(fmt.Sprintf("至少%d位，请记在安全的地方", store.MinPasswordLen))
	b.target.PlaceHolder = "选择U盘或文件夹"
	b.note.Importance = widget.WarningImportance
	if dir := w.sh.store.Setting(store.SettingBackupFolder, ""); dir != "" {
		b.targets["文件夹 "+dir] = dir
	}
	b.listDrives()
	refresh := newOKButton("刷新", b.listDrives)
	refresh.Icon = theme.ViewRefreshIcon()
	folder := newOKButton("选择文件夹…", func() { w.sh.pickFolder("选择U盘或备份文件夹", b.addFolder) })
	folder.Icon = theme.FolderOpenIcon()
	refresh.esc, folder.esc = w.goBack, w.goBack
	w.keys(b.pass1, b.pass2, b.target)
	form := container.New(layout.NewFormLayout())
	field(form, "备份密码", b.pass1, b.pass1Err, "")
	field(form, "再输一次", b.pass2, b.pass2Err, "")
	field(form, "备份到", container.NewBorder(nil, nil, nil, container.NewHBox(refresh, folder), b.target), b.targetErr, "插入U盘后点“刷新”；也可以选一个文件夹。")
	view := container.NewVBox(intro("备份文件用备份密码加密：U盘丢失也不会泄露业户信息。程序不保存密码本身，忘记密码将无法打开备份。设置后，程序在本机定时自动备份；在 备份与恢复 中备份到U盘时，先选的就是这里选的U盘。"),
		form, b.note)
	return &setupStep{key: stepBackup, title: "备份密码与U盘", view: view, first: b.pass1, save: b.save, skipText: "跳过",
		later: "以后可在 备份与恢复 中设置备份密码、选择U盘。"}
}

// listDrives lists the drives (the U盘 plugged in chosen first) and the folders chosen.
func (b *backupFields) listDrives() {
	list, err := driveList()
	b.note.SetText(noStickNote(list, onWindows))
	if err != nil {
		b.note.SetText("无法列出磁盘，请用“选择文件夹…”选择U盘")
	}
	keep := b.target.Selected
	var opts []string
	for _, d := range list {
		b.targets[d.String()] = d.Root
		opts = append(opts, d.String())
	}
	for text := range b.targets {
		if strings.HasPrefix(text, "文件夹 ") {
			opts = append(opts, text)
		}
	}
	b.target.Options = opts
	b.target.Refresh()
	if keep != "" {
		b.target.SetSelected(keep)
		return
	}
	for _, d := range list {
		if d.Removable {
			b.target.SetSelected(d.String())
			return
		}
	}
}

func (b *backupFields) addFolder(dir string) {
	text := "文件夹 " + dir
	b.targets[text] = dir
	b.listDrives()
	b.target.SetSelected(text)
	b.w.sh.win.Canvas().Focus(b.w.next)
}

// save sets the passphrase (kept as it is when set before and left empty) and keeps the U盘 chosen.
func (b *backupFields) save() bool {
	w := b.w
	for _, l := range []*widget.Label{b.pass1Err, b.pass2Err, b.targetErr} {
		showError(l, "")
	}
	defer w.view.Refresh()
	switch {
	case b.pass1.Text == "" && w.sh.store.HasBackupKey():
		// Set before (the step shown again): only the U盘 is kept.
	case b.pass1.Text != b.pass2.Text:
		showError(b.pass2Err, "两次输入的备份密码不一致")
		w.sh.win.Canvas().Focus(b.pass2)
		return false
	default:
		if err := w.sh.store.SetBackupPassphrase(w.sh.actor, b.pass1.Text); err != nil {
			showError(b.pass1Err, store.Message(err))
			w.sh.win.Canvas().Focus(b.pass1)
			return false
		}
		b.pass1.SetText("")
		b.pass2.SetText("")
		w.firstBackup()
	}
	if dir := b.targets[b.target.Selected]; dir != "" {
		if err := w.sh.store.SetSetting(w.sh.actor, store.SettingBackupFolder, dir); err != nil {
			showError(b.targetErr, "未保存："+store.Message(err))
			return false
		}
	}
	return true
}

// firstBackup takes the first backup to this PC's backup folder at once, off the window's thread, as
// the backup screen does when the passphrase is set: until now there was none.
func (w *firstStart) firstBackup() {
	sh := w.sh
	done := make(chan struct{})
	sh.backupDone = done
	backup := func() {
		defer close(done)
		sh.autoBackupNow(func(err error) {
			if err != nil {
				sh.notify("第一次备份未完成：" + store.Message(err) + "请在 备份与恢复 中备份一次。")
				return
			}
			sh.notify("已设置备份密码，并已完成第一次备份")
		})
	}
	if lookupsInline {
		// Tests: the test driver runs the backup's screen updates on the goroutine that asks for them,
		// beside the window's own; the step finishes after it instead.
		backup()
		return
	}
	go backup()
}

// askNewPassword asks a person holding a first password for their own (twice) before the desk opens;
// Esc goes back to the login.
func (sh *Shell) askNewPassword(a data.Actor, first string, then func()) {
	pw, pw2 := newEntry(), newEntry()
	pw.Password, pw2.Password = true, true
	pwErr, pw2Err := errorLabel(), errorLabel()
	pw.SetPlaceHolder(fmt.Sprintf("至少%d位", store.MinPasswordLen))
	var view fyne.CanvasObject
	submit := func() {
		showError(pwErr, "")
		showError(pw2Err, "")
		defer view.Refresh()
		switch {
		case pw.Text == first:
			showError(pwErr, "新密码不能与初始密码相同")
			sh.win.Canvas().Focus(pw)
			return
		case pw.Text != pw2.Text:
			showError(pw2Err, "两次输入的新密码不一致")
			pw2.SetText("")
			sh.win.Canvas().Focus(pw2)
			return
		}
		if err := sh.store.ChangePassword(a, first, pw.Text); err != nil {
			showError(pwErr, store.Message(err))
			sh.win.Canvas().Focus(pw)
			return
		}
		then()
	}
	ok := newOKButton("确定并登录", submit)
	ok.Importance = widget.HighImportance
	back := func(name string) bool {
		if name == cmdCancel {
			sh.showLogin()
			return true
		}
		return false
	}
	ok.esc = func() { back(cmdCancel) }
	pw.hooks = keyHooks{onEnter: func() { sh.win.Canvas().Focus(pw2) }, onCommand: back}
	pw2.hooks = keyHooks{onEnter: submit, onCommand: back}
	form := container.New(layout.NewFormLayout())
	field(form, "新密码", pw, pwErr, "")
	field(form, "再输一次", pw2, pw2Err, "")
	box := container.NewVBox(centred(heading("请设置您自己的密码")),
		brokenText(a.Name+"，您用的是系统管理员给的初始密码。第一次登录请换成只有您自己知道的密码，以后用新密码登录。", 420),
		form, ok)
	sh.login = nil
	view = container.NewCenter(container.NewGridWrap(fyne.NewSize(460, box.MinSize().Height+80), box))
	sh.win.SetContent(view)
	sh.win.Canvas().Focus(pw)
}
