package ui

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data/drives"
)

// The desk's own chooser of a folder (where a backup goes) or a file (a backup to restore, a registry to
// import). Fyne's file dialog names its places in English ("Home", "Computer") and lists the system's
// folders first; this one is Chinese, starts with the U盘, and goes by the keyboard: ↑↓ to move, Enter
// to open a folder, Backspace for 上一级, Esc to cancel.

// Package variables so tests can pretend to be a Windows PC with or without a U盘.
var (
	driveList = drives.List
	onWindows = runtime.GOOS == "windows"
)

// pickItem is one line of the chooser: a place (a drive, 主文件夹, 本机), a folder or a file.
type pickItem struct {
	name string // as shown
	path string
	dir  bool
	icon fyne.Resource
}

// picker is the chooser while it is open.
type picker struct {
	shell  *Shell
	want   func(name string) bool // the files shown and chosen; nil: folders only
	dir    string                 // the folder shown; "" is the list of places
	roots  map[string]bool        // the drives' roots: 上一级 from one goes back to the places
	items  []pickItem
	sel    int
	list   *pickList
	where  *widget.Label
	choice *widget.Label
	msg    *widget.Label
	up     *widget.Button
	mkdir  *widget.Button
	ok     *widget.Button
	d      *dialog.CustomDialog
	done   func(path string)
}

// pickFolder asks for a folder; done gets it.
func (sh *Shell) pickFolder(title string, done func(dir string)) *picker {
	return sh.newPicker(title, "选择此文件夹", nil, done)
}

// pickFile asks for a file of the kind want accepts by its name; done gets it.
func (sh *Shell) pickFile(title string, want func(name string) bool, done func(path string)) *picker {
	return sh.newPicker(title, "打开", want, done)
}

// withExt accepts the file names with one of the extensions (".xlsx").
func withExt(exts ...string) func(string) bool {
	return func(name string) bool {
		for _, e := range exts {
			if strings.EqualFold(filepath.Ext(name), e) {
				return true
			}
		}
		return false
	}
}

func (sh *Shell) newPicker(title, okText string, want func(string) bool, done func(string)) *picker {
	p := &picker{shell: sh, want: want, sel: -1, done: done, where: widget.NewLabel(""), choice: widget.NewLabel(""), msg: widget.NewLabel("")}
	p.where.Truncation = fyne.TextTruncateEllipsis
	p.choice.Truncation = fyne.TextTruncateEllipsis
	p.msg.Importance = widget.DangerImportance
	p.msg.Wrapping = fyne.TextWrapWord
	p.list = newPickList(p)
	p.up = widget.NewButtonWithIcon("上一级 (Backspace)", theme.NavigateBackIcon(), p.goUp)
	p.mkdir = widget.NewButtonWithIcon("新建文件夹", theme.FolderNewIcon(), p.askNewFolder)
	p.ok = widget.NewButton(okText, p.confirm)
	p.ok.Importance = widget.HighImportance
	tools := container.NewHBox(p.up, p.mkdir)
	top := container.NewVBox(p.where, tools)
	bottom := container.NewVBox(p.choice, p.msg)
	body := container.NewBorder(top, bottom, nil, nil, p.list)
	p.d = dialog.NewCustomWithoutButtons(title, body, sh.win)
	p.d.SetButtons([]fyne.CanvasObject{widget.NewButton("取消", p.d.Hide), p.ok})
	p.d.Resize(fyne.NewSize(720, 540))
	// It opens on the places, the first one (a U盘 when there is one, else 主文件夹) highlighted.
	p.show("")
	p.selectLine(0)
	sh.showDialog(p.d, title, body, p.confirm, nil)
	sh.win.Canvas().Focus(p.list)
	return p
}

// places are the drives (removable first, as drives.List gives them), the person's folder and the
// computer's own disk.
func (p *picker) places() []pickItem {
	var out []pickItem
	ds, err := driveList()
	if err != nil {
		p.msg.SetText("无法列出磁盘，请选择下面的文件夹")
	}
	p.roots = map[string]bool{}
	for _, d := range ds {
		p.roots[d.Root] = true
		out = append(out, pickItem{name: d.String(), path: d.Root, dir: true, icon: theme.StorageIcon()})
	}
	if home, err := os.UserHomeDir(); err == nil {
		out = append(out, pickItem{name: "主文件夹（" + home + "）", path: home, dir: true, icon: theme.HomeIcon()})
	}
	root := string(filepath.Separator)
	if onWindows {
		root = os.Getenv("SystemDrive") + `\`
		if root == `\` {
			root = `C:\`
		}
	}
	out = append(out, pickItem{name: "本机（" + root + "）", path: root, dir: true, icon: theme.ComputerIcon()})
	return out
}

// show lists a folder, or the places for "".
func (p *picker) show(dir string) {
	p.msg.SetText("")
	if dir == "" {
		p.dir, p.items = "", p.places()
		p.where.SetText("位置：全部磁盘和文件夹")
	} else {
		items, err := p.read(dir)
		if err != nil {
			msg := folderError(err)
			if errors.Is(err, os.ErrNotExist) {
				msg += "，请点“上一级”后重新选择"
			}
			p.msg.SetText(msg)
			return // stays where it was
		}
		p.dir, p.items = dir, items
		p.where.SetText("位置：" + dir)
	}
	p.sel = -1
	p.list.UnselectAll()
	p.list.Refresh()
	p.list.ScrollToTop()
	if p.dir == "" {
		p.up.Disable()
		p.mkdir.Disable()
	} else {
		p.up.Enable()
		p.mkdir.Enable()
	}
	p.update()
}

// read lists a folder's sub-folders (and, choosing a file, its files of the wanted kinds), by name.
func (p *picker) read(dir string) ([]pickItem, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var folders, files []pickItem
	for _, de := range des {
		name := de.Name()
		if hiddenName(name) {
			continue
		}
		path := filepath.Join(dir, name)
		isDir := de.IsDir()
		if !isDir && de.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(path); err == nil && st.IsDir() {
				isDir = true
			}
		}
		switch {
		case isDir:
			folders = append(folders, pickItem{name: name, path: path, dir: true, icon: theme.FolderIcon()})
		case p.want != nil && p.want(name):
			files = append(files, pickItem{name: name, path: path, icon: theme.FileIcon()})
		}
	}
	byName := func(s []pickItem) {
		sort.Slice(s, func(i, j int) bool { return strings.ToLower(s[i].name) < strings.ToLower(s[j].name) })
	}
	byName(folders)
	byName(files)
	return append(folders, files...), nil
}

// hiddenName says whether a folder is the system's own: dot folders, the recycle bin, the volume's
// information folder.
func hiddenName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "$") || strings.EqualFold(name, "System Volume Information")
}

// folderError says in Chinese why a folder could not be opened or made.
func folderError(err error) string {
	switch {
	case errors.Is(err, os.ErrPermission):
		return "没有权限打开或修改这个文件夹，请换一个位置"
	case errors.Is(err, os.ErrNotExist):
		return "这个位置不存在（U盘可能已拔出）"
	case errors.Is(err, os.ErrExist):
		return "已有同名的文件夹或文件"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "位置或文件夹名称太长，请换一个短一些的"
	}
	return "无法打开这个位置（磁盘可能未就绪或已拔出）"
}

// chosen is what the main button would take now: the selected line, or (choosing a folder) the
// folder shown.
func (p *picker) chosen() (pickItem, bool) {
	if p.sel >= 0 && p.sel < len(p.items) {
		it := p.items[p.sel]
		if it.dir == (p.want == nil) {
			return it, true
		}
	}
	if p.want == nil && p.dir != "" {
		return pickItem{path: p.dir, dir: true}, true
	}
	return pickItem{}, false
}

// update shows what the main button would choose.
func (p *picker) update() {
	it, ok := p.chosen()
	switch {
	case !ok && p.want == nil:
		p.choice.SetText("请选择一个磁盘或文件夹")
	case !ok:
		p.choice.SetText("请选择一个文件（双击文件夹进入）")
	case p.want == nil:
		p.choice.SetText("将选择：" + it.path)
	default:
		p.choice.SetText("将打开：" + it.path)
	}
	if ok {
		p.ok.Enable()
	} else {
		p.ok.Disable()
	}
}

func (p *picker) selectLine(i int) {
	if i < 0 || i >= len(p.items) {
		return
	}
	p.sel = i
	p.list.Select(i)
	p.update()
}

// enter opens a folder, or takes a file.
func (p *picker) enter(i int) {
	if i < 0 || i >= len(p.items) {
		return
	}
	it := p.items[i]
	if !it.dir {
		p.sel = i
		p.confirm()
		return
	}
	p.show(it.path)
}

// goUp shows the folder above, or the places from a drive's root or the person's folder.
func (p *picker) goUp() {
	if p.dir == "" {
		return
	}
	parent := filepath.Dir(p.dir)
	if parent == p.dir || p.roots[p.dir] {
		parent = ""
	}
	from := p.dir
	p.show(parent)
	for i, it := range p.items {
		if it.path == from {
			p.selectLine(i) // back on the folder it came from
		}
	}
}

func (p *picker) askNewFolder() {
	if p.dir == "" {
		return
	}
	dir := p.dir
	name := newEntry()
	name.SetPlaceHolder("如：前台备份")
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	create := func() {
		n := strings.TrimSpace(name.Text)
		if msg := badFolderName(n); msg != "" {
			errLabel.SetText(msg)
			return
		}
		path := filepath.Join(dir, n)
		if err := os.Mkdir(path, 0o755); err != nil {
			errLabel.SetText(folderError(err))
			return
		}
		d.Hide()
		p.show(dir)
		for i, it := range p.items {
			if it.path == path {
				p.selectLine(i)
			}
		}
	}
	name.hooks = keyHooks{onEnter: create, onCommand: func(c string) bool {
		if c == cmdCancel {
			d.Hide()
			return true
		}
		return false
	}}
	ok := widget.NewButton("建立", create)
	ok.Importance = widget.HighImportance
	body := container.NewVBox(widget.NewLabel("在 "+dir+" 中新建"), widget.NewLabel("文件夹名称："), name, errLabel)
	d = dialog.NewCustomWithoutButtons("新建文件夹", body, p.shell.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("取消", func() { d.Hide() }), ok})
	d.SetOnClosed(func() { p.shell.win.Canvas().Focus(p.list) }) // back to the list, by Enter or Esc
	d.Resize(fyne.NewSize(480, 240))
	p.shell.showDialog(d, "新建文件夹", body, create, nil)
	p.shell.win.Canvas().Focus(name)
}

// badFolderName says what is wrong with a new folder's name (Windows refuses these characters).
func badFolderName(name string) string {
	switch {
	case name == "":
		return "请输入文件夹名称"
	case name == "." || name == "..":
		return "文件夹名称不能是“.”或“..”"
	case strings.ContainsAny(name, `\/:*?"<>|`):
		return `文件夹名称不能含有 \ / : * ? " < > | 这些符号`
	case strings.ContainsFunc(name, unicode.IsControl):
		return "文件夹名称不能含有制表符等控制字符"
	case strings.HasSuffix(name, "."):
		return "文件夹名称不能以“.”结尾"
	case reservedName(name):
		return "“" + name + "”是 Windows 保留的名称，不能用作文件夹名称，请换一个"
	case len([]rune(name)) > 100:
		return "文件夹名称太长（最多100个字）"
	}
	return ""
}

// reservedName says whether Windows keeps a name for a device (CON, NUL, COM1…), with or without an
// extension: a folder of that name cannot be made, or cannot be opened afterwards.
func reservedName(name string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '1' && base[3] <= '9'
}

func (p *picker) confirm() {
	it, ok := p.chosen()
	if !ok {
		return
	}
	p.d.Hide()
	p.done(it.path)
}

// pickList is the chooser's list: the arrows move the selection, Enter opens, Backspace goes up,
// Esc cancels.
type pickList struct {
	widget.List
	p *picker
}

func newPickList(p *picker) *pickList {
	l := &pickList{p: p}
	l.Length = func() int { return len(p.items) }
	l.CreateItem = func() fyne.CanvasObject { return newPickRow(p) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { o.(*pickRow).set(id, p.items[id]) }
	l.OnSelected = func(id widget.ListItemID) {
		p.sel = id
		p.update()
	}
	l.ExtendBaseWidget(l)
	return l
}

func (l *pickList) TypedKey(k *fyne.KeyEvent) {
	touch()
	p := l.p
	switch k.Name {
	case fyne.KeyDown:
		p.selectLine(min(p.sel+1, len(p.items)-1))
	case fyne.KeyUp:
		p.selectLine(max(p.sel-1, 0))
	case fyne.KeyHome:
		p.selectLine(0)
	case fyne.KeyEnd:
		p.selectLine(len(p.items) - 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		p.enter(p.sel)
	case fyne.KeyBackspace:
		p.goUp()
	case fyne.KeyEscape:
		p.d.Hide()
	default:
		l.List.TypedKey(k)
	}
}

// pickRow is one line: an icon and the name; a click selects it, a double click opens it.
type pickRow struct {
	widget.BaseWidget
	p     *picker
	id    int
	icon  *widget.Icon
	label *widget.Label
}

func newPickRow(p *picker) *pickRow {
	r := &pickRow{p: p, icon: widget.NewIcon(theme.FolderIcon()), label: widget.NewLabel("")}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *pickRow) set(id int, it pickItem) {
	r.id = id
	r.icon.SetResource(it.icon)
	r.label.SetText(it.name)
}

func (r *pickRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.icon, nil, r.label))
}

func (r *pickRow) Tapped(*fyne.PointEvent) {
	r.p.selectLine(r.id)
	r.p.shell.win.Canvas().Focus(r.p.list)
}

func (r *pickRow) DoubleTapped(*fyne.PointEvent) {
	r.p.enter(r.id)
	r.p.shell.win.Canvas().Focus(r.p.list) // the keyboard goes on in the list a click left
}
