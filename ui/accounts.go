package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// accountsScreen is the administrator's: who may log in, with which role; reset a forgotten password
// (which also lifts a lockout), stop an account. Accounts are never deleted: records keep their names.
type accountsScreen struct {
	shell    *Shell
	list     *widget.List
	accounts []store.Account
	selected int
	login    *entry
	name     *entry
	role     *choice
	password *entry
	msg      *widget.Label
	view_    fyne.CanvasObject
}

func newAccountsScreen(sh *Shell) *accountsScreen {
	s := &accountsScreen{shell: sh, selected: -1, login: newEntry(), name: newEntry(), password: newEntry(), msg: widget.NewLabel("")}
	s.msg.Wrapping = fyne.TextWrapWord
	var roles []string
	for _, r := range data.Roles {
		roles = append(roles, r.Chinese())
	}
	s.role = newChoice(roles)
	s.password.Password = true
	s.password.SetPlaceHolder("至少8位")
	chain := []input{entryInput{s.login}, entryInput{s.name}, choiceInput{s.role}, entryInput{s.password}}
	for i, in := range chain {
		h := keyHooks{}
		if i+1 < len(chain) {
			next := chain[i+1]
			h.onEnter = func() { sh.win.Canvas().Focus(next.focusable()) }
		} else {
			h.onEnter = func() { s.create() }
		}
		in.setHooks(h)
	}
	s.list = widget.NewList(func() int { return len(s.accounts) },
		func() fyne.CanvasObject {
			return widget.NewLabel("supervisor  王主管  客户服务主管  已停用 已锁定 待改初始密码")
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			a := s.accounts[id]
			text := fmt.Sprintf("%s  %s  %s", a.Login, a.Name, a.Role.Chinese())
			if a.Disabled {
				text += "  已停用"
			}
			if a.LockedUntil != nil && sh.store.Now().Before(*a.LockedUntil) {
				text += "  已锁定"
			}
			if a.MustChange {
				text += "  待改初始密码"
			}
			o.(*widget.Label).SetText(text)
		})
	s.list.OnSelected = func(id widget.ListItemID) { s.selected = id }
	add := widget.NewButton("新建账户", func() { s.create() })
	add.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(), widget.NewLabel("登录名"), s.login, widget.NewLabel("姓名"), s.name,
		widget.NewLabel("角色"), s.role, widget.NewLabel("密码"), s.password)
	actions := container.NewHBox(widget.NewButton("重置所选账户的密码为上面的密码", func() { s.reset() }),
		widget.NewButton("停用/启用所选账户", func() { s.toggle() }))
	top := container.NewVBox(bold("账户管理"), form, container.NewHBox(add), actions, s.msg)
	s.view_ = container.NewBorder(top, nil, nil, nil, s.list)
	return s
}

func (s *accountsScreen) view() fyne.CanvasObject { return s.view_ }

func (s *accountsScreen) shown() {
	s.refresh()
	s.shell.win.Canvas().Focus(s.login)
}

func (s *accountsScreen) refresh() {
	list, err := s.shell.store.Accounts(s.shell.actor)
	if err != nil {
		s.msg.SetText(store.Message(err))
		return
	}
	s.accounts, s.selected = list, -1
	s.list.UnselectAll()
	s.list.Refresh()
}

func (s *accountsScreen) create() {
	role, ok := data.ParseRole(s.role.Selected)
	if !ok {
		s.msg.SetText("请选择角色")
		return
	}
	if _, err := s.shell.store.CreateAccount(s.shell.actor, s.login.Text, s.name.Text, role, s.password.Text); err != nil {
		s.msg.SetText(store.Message(err))
		return
	}
	s.msg.SetText("已建立账户 " + s.login.Text + "：本人第一次登录时要换成自己的密码")
	for _, e := range []*entry{s.login, s.name, s.password} {
		e.SetText("")
	}
	s.refresh()
}

func (s *accountsScreen) chosen() (store.Account, bool) {
	if s.selected < 0 || s.selected >= len(s.accounts) {
		s.msg.SetText("请先在列表中选中一个账户")
		return store.Account{}, false
	}
	return s.accounts[s.selected], true
}

func (s *accountsScreen) reset() {
	if a, ok := s.chosen(); ok {
		if err := s.shell.store.ResetPassword(s.shell.actor, a.Login, s.password.Text); err != nil {
			s.msg.SetText(store.Message(err))
			return
		}
		s.password.SetText("")
		msg := "已重置 " + a.Login + " 的密码并解除锁定"
		if a.Login != s.shell.actor.Login {
			msg += "：本人下次登录时要换成自己的密码"
		}
		s.msg.SetText(msg)
		s.refresh()
	}
}

func (s *accountsScreen) toggle() {
	if a, ok := s.chosen(); ok {
		if err := s.shell.store.SetAccountDisabled(s.shell.actor, a.Login, !a.Disabled); err != nil {
			s.msg.SetText(store.Message(err))
			return
		}
		s.refresh()
	}
}

func (s *accountsScreen) command(string) bool { return false }
