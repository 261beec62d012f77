package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// householdScreen is the registry (业户档案): search, add and edit units, import from Excel or CSV.
type householdScreen struct {
	shell    *Shell
	search   *entry
	table    *widget.Table
	list     []store.Household
	selected int
	info     *widget.Label
	listView fyne.CanvasObject
	stack    *fyne.Container
	edit     *householdEditor
	// imported, when set, hears of an import done (the first start's step, firststart.go).
	imported func()
}

var householdCols = []struct {
	title string
	width float32
	get   func(h store.Household) string
	phone bool // masked for roles that do not need phone numbers (PIPL); the edit screen shows them
}{
	{"房号", 110, func(h store.Household) string { return h.Unit }, false},
	{"业主姓名", 100, func(h store.Household) string { return h.Owner }, false},
	{"业主电话", 130, func(h store.Household) string { return h.OwnerPhone }, true},
	{"住户", 160, func(h store.Household) string { return h.Residents }, false},
	{"住户电话", 200, func(h store.Household) string { return h.ResidentPhones }, true},
	{"入住", 70, func(h store.Household) string {
		return map[bool]string{true: "已入住", false: "未入住"}[h.Occupied]
	}, false},
	{"备注", 160, func(h store.Household) string { return h.Note }, false},
}

func newHouseholdScreen(sh *Shell) *householdScreen {
	s := &householdScreen{shell: sh, selected: -1}
	s.search = newEntry()
	s.search.SetPlaceHolder("搜索：房号、姓名、电话 (Ctrl+F)")
	s.search.OnChanged = func(string) { s.refresh() }
	s.search.hooks = keyHooks{onCommand: s.command, onEnter: func() {
		if s.selected < 0 && len(s.list) > 0 {
			s.selected = 0
		}
		s.openSelected()
	}}
	s.info = widget.NewLabel("")
	s.table = widget.NewTableWithHeaders(func() (int, int) { return len(s.list), len(householdCols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(s.list) {
				o.(*widget.Label).SetText(s.cell(id.Col, s.list[id.Row]))
			}
		})
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = plainHeader
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.SetText(householdCols[id.Col].title)
	}
	for i, c := range householdCols {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row == s.selected {
			s.openSelected()
			return
		}
		s.selected = id.Row
	}
	add := widget.NewButtonWithIcon("新增 (Ctrl+N)", theme.ContentAddIcon(), func() { s.open(nil) })
	add.Importance = widget.HighImportance
	edit := widget.NewButtonWithIcon("编辑", theme.DocumentCreateIcon(), func() { s.openSelected() })
	imp := widget.NewButtonWithIcon("从Excel/CSV导入", theme.UploadIcon(), func() { s.chooseImport() })
	exp := widget.NewButtonWithIcon("导出Excel (Ctrl+E)", theme.DownloadIcon(), func() { s.export() })
	title := heading("业户档案")
	bar := container.NewHBox(title, layout.NewSpacer())
	if sh.actor.Can(data.PermHouseholdEdit) {
		bar.Add(add)
		bar.Add(edit)
	}
	if sh.actor.Can(data.PermHouseholdImport) {
		bar.Add(imp) // the manager imports the registry
	}
	bar.Add(exp)
	top := container.NewVBox(bar, s.search)
	s.listView = container.NewBorder(top, s.info, nil, nil, s.table)
	s.stack = container.NewStack(s.listView)
	return s
}

// cell is a registry cell as this person may see it: phone numbers masked unless the role needs them.
func (s *householdScreen) cell(col int, h store.Household) string {
	c := householdCols[col]
	v := c.get(h)
	if !c.phone || s.shell.actor.Can(data.PermViewPersonal) {
		return v
	}
	var out []string
	for _, p := range strings.Split(v, "、") {
		out = append(out, data.MaskPhone(p))
	}
	return strings.Join(out, "、")
}

func (s *householdScreen) view() fyne.CanvasObject { return s.stack }

// export writes the whole registry in the columns the import reads, so the file can be imported again
// (by a role that sees the phones in full).
func (s *householdScreen) export() {
	s.shell.exportTable("业户档案", "业户档案_"+s.shell.store.Now().In(data.Shanghai).Format("2006-01-02"), func(st *store.Store, a data.Actor) ([]string, [][]string, error) {
		hs, err := st.ExportHouseholds(a)
		if err != nil {
			return nil, nil, err
		}
		header, rows := store.HouseholdRows(hs)
		return header, rows, nil
	})
}

func (s *householdScreen) shown() {
	s.refresh()
	s.shell.win.Canvas().Focus(s.search)
}

func (s *householdScreen) refresh() {
	list, err := s.shell.store.Households(s.search.Text, 0)
	if err != nil {
		s.info.SetText("读取失败：" + store.Message(err))
		return
	}
	s.list, s.selected = list, -1
	s.table.UnselectAll()
	s.table.Refresh()
	total, occ := s.shell.store.HouseholdCount()
	s.info.SetText(fmt.Sprintf("显示 %d 户；档案共 %d 户，已入住 %d 户", len(list), total, occ))
}

func (s *householdScreen) openSelected() {
	if s.selected < 0 || s.selected >= len(s.list) {
		s.shell.notify("请先在列表中选中一户")
		return
	}
	h := s.list[s.selected]
	s.open(&h)
}

func (s *householdScreen) open(h *store.Household) {
	if !s.shell.actor.Can(data.PermHouseholdEdit) {
		s.shell.notify(store.Message(&data.ForbiddenError{Actor: s.shell.actor, Perm: data.PermHouseholdEdit}))
		return
	}
	s.edit = newHouseholdEditor(s.shell, h, func(saved bool) {
		s.edit = nil
		s.stack.Objects = []fyne.CanvasObject{s.listView}
		s.stack.Refresh()
		s.refresh()
		s.shell.win.Canvas().Focus(s.search)
	})
	s.stack.Objects = []fyne.CanvasObject{s.edit.view}
	s.stack.Refresh()
	s.shell.win.Canvas().Focus(s.edit.inputs[0].focusable())
}

func (s *householdScreen) chooseImport() {
	s.shell.pickFile("选择业户档案文件（Excel 或 CSV）", withExt(".xlsx", ".csv"), func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			s.shell.inform("读取文件失败", folderError(err))
			return
		}
		s.importFile(filepath.Base(path), b)
	})
}

// importFile shows what a registry file would do and imports it once confirmed: the units it adds,
// and each field it replaces of the units already in the registry (their residents and phones are
// replaced by the file's). A file that only adds units asks too; one that changes nothing says so.
func (s *householdScreen) importFile(name string, b []byte) {
	p, err := s.shell.store.PreviewHouseholdFile(s.shell.actor, name, b)
	if err != nil {
		s.importDone(0, err)
		return
	}
	if p.Nothing() {
		msg := fmt.Sprintf("文件中的 %d 户与业户档案完全相同，没有需要导入的。", p.Unchanged)
		s.shell.notify(msg)
		s.shell.inform("无需导入", msg)
		return
	}
	head, ok := p.Summary()+"：", "导入"
	if len(p.Changed) > 0 {
		head, ok = p.Summary()+"（修改的户，住户和电话以文件为准）：", "导入并修改"
	}
	text := widget.NewLabel(head + "\n" + strings.Join(p.Lines(s.shell.actor, 30), "\n"))
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(600, 320))
	s.shell.confirmBody("导入前请确认", scroll, ok, widget.HighImportance, func() { s.applyImport(name, b) }, nil)
}

func (s *householdScreen) applyImport(name string, b []byte) {
	s.importDone(s.shell.store.ImportHouseholdFile(s.shell.actor, name, b))
}

// importDone reports an import's result, or every bad row, in a dialog.
func (s *householdScreen) importDone(n int, err error) {
	if err != nil {
		var ie *store.ImportError
		msg := store.Message(err)
		if !errors.As(err, &ie) {
			msg = "导入失败：" + msg
		}
		report := widget.NewLabel(msg)
		report.Wrapping = fyne.TextWrapWord
		scroll := container.NewVScroll(report)
		scroll.SetMinSize(fyne.NewSize(560, 320))
		s.shell.choose("导入未完成", scroll, nil, dialogButton{label: "关闭", importance: widget.HighImportance})
		s.shell.notify("导入未执行：" + strings.SplitN(msg, "\n", 2)[0])
		return
	}
	s.refresh()
	total, occ := s.shell.store.HouseholdCount()
	msg := fmt.Sprintf("已导入 %d 户。档案共 %d 户，已入住 %d 户。", n, total, occ)
	s.shell.notify(msg)
	s.shell.inform("导入完成", msg)
	if s.imported != nil {
		s.imported()
	}
}

func (s *householdScreen) command(name string) bool {
	if s.edit != nil {
		return s.edit.command(name)
	}
	switch name {
	case cmdNew:
		s.open(nil)
	case cmdFind:
		s.shell.win.Canvas().Focus(s.search)
	case cmdExport:
		s.export()
	case cmdCancel:
		s.search.SetText("")
	default:
		return false
	}
	return true
}

// householdEditor adds or changes one unit.
type householdEditor struct {
	shell    *Shell
	orig     *store.Household
	inputs   []input
	fields   []data.Field
	errs     map[string]*widget.Label
	occupied *check
	status   *widget.Label
	view     fyne.CanvasObject
	done     func(saved bool)
}

func newHouseholdEditor(sh *Shell, h *store.Household, done func(bool)) *householdEditor {
	e := &householdEditor{shell: sh, orig: h, errs: map[string]*widget.Label{}, done: done, fields: store.HouseholdFields()}
	form := container.New(layout.NewFormLayout())
	for _, f := range e.fields {
		var in input
		if f.Type == data.TypeUnit {
			en := newEntry()
			en.SetPlaceHolder(placeholders[data.TypeUnit])
			in = entryInput{en}
		} else {
			in = newInput(f, sh.store)
		}
		e.inputs = append(e.inputs, in)
		l := widget.NewLabel("")
		l.Importance = widget.DangerImportance
		l.Hide()
		e.errs[f.Key] = l
		label := f.Label
		if f.Required {
			label += " *"
		}
		form.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}))
		form.Add(container.NewVBox(in.object(), l))
	}
	e.occupied = newCheck("已入住")
	e.occupied.SetChecked(true)
	form.Add(widget.NewLabelWithStyle("入住状态", fyne.TextAlignTrailing, fyne.TextStyle{}))
	form.Add(e.occupied)
	chain := append(append([]input{}, e.inputs...), checkInput{e.occupied})
	for i, in := range chain {
		h := keyHooks{onCommand: e.command}
		if i+1 < len(chain) {
			next := chain[i+1]
			h.onEnter = func() { sh.win.Canvas().Focus(next.focusable()) }
		} else {
			h.onEnter = func() { e.save() }
		}
		in.setHooks(h)
	}
	if h != nil {
		vals := map[string]string{"unit": h.Unit, "owner": h.Owner, "owner_phone": h.OwnerPhone, "residents": h.Residents, "resident_phones": h.ResidentPhones, "note": h.Note}
		for i, f := range e.fields {
			e.inputs[i].set(vals[f.Key])
		}
		e.occupied.SetChecked(h.Occupied)
	}
	title := "新增业户"
	if h != nil {
		title = "编辑业户 " + h.Unit
	}
	e.status = widget.NewLabel("")
	save := widget.NewButtonWithIcon("保存 (Ctrl+S)", theme.DocumentSaveIcon(), func() { e.save() })
	save.Importance = widget.HighImportance
	back := widget.NewButtonWithIcon("返回 (Esc)", theme.NavigateBackIcon(), func() { done(false) })
	head := container.NewVBox(heading(title),
		container.NewHBox(save, layout.NewSpacer(), back), e.status)
	e.view = container.NewBorder(head, nil, nil, nil, container.NewVScroll(form))
	return e
}

func (e *householdEditor) household() store.Household {
	v := map[string]string{}
	for i, f := range e.fields {
		v[f.Key] = e.inputs[i].get()
	}
	return store.Household{Unit: v["unit"], Owner: v["owner"], OwnerPhone: v["owner_phone"], Residents: v["residents"],
		ResidentPhones: v["resident_phones"], Note: v["note"], Occupied: e.occupied.Checked}
}

func (e *householdEditor) save() bool {
	h := e.household()
	if e.orig == nil {
		if _, exists := e.shell.store.Household(h.Unit); exists {
			e.showErrors(data.FieldErrors{"unit": "档案中已有这个房号，请在列表中选中后编辑"})
			return false
		}
	}
	saved, err := e.shell.store.PutHousehold(e.shell.actor, h)
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		e.showErrors(fe)
		e.status.SetText(fmt.Sprintf("未保存：有 %d 处需要更正。", len(fe)))
		return false
	}
	if err != nil {
		e.status.SetText("未保存：" + store.Message(err))
		return false
	}
	e.shell.notify("已保存业户 " + saved.Unit)
	e.done(true)
	return true
}

func (e *householdEditor) showErrors(fe data.FieldErrors) {
	first := true
	for i, f := range e.fields {
		l := e.errs[f.Key]
		if m, ok := fe[f.Key]; ok {
			l.SetText(m)
			l.Show()
			if first {
				e.shell.win.Canvas().Focus(e.inputs[i].focusable())
				first = false
			}
		} else {
			l.Hide()
		}
	}
}

func (e *householdEditor) command(name string) bool {
	switch name {
	case cmdSave:
		e.save()
	case cmdCancel:
		e.done(false)
	default:
		return false
	}
	return true
}
