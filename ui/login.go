package ui

import (
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// activity is when a person last typed into the app's inputs; the idle lock reads it.
var activity struct {
	sync.Mutex
	last time.Time
}

func touch() {
	activity.Lock()
	activity.last = time.Now()
	activity.Unlock()
}

func idleFor() time.Duration {
	activity.Lock()
	defer activity.Unlock()
	return time.Since(activity.last)
}

// loginForm is the login of the first screen and of the lock screen: name, password, Enter logs in.
type loginForm struct {
	login, password *entry
	hint, errLabel  *widget.Label
	view            fyne.CanvasObject
}

func newLoginForm(title, hint, prefill string, onLogin func(login, password string) string) *loginForm {
	f := &loginForm{login: newEntry(), password: newEntry(), hint: widget.NewLabelWithStyle(hint, fyne.TextAlignCenter, fyne.TextStyle{}), errLabel: widget.NewLabel("")}
	f.password.Password = true
	f.login.SetPlaceHolder("登录名")
	f.password.SetPlaceHolder("密码")
	f.login.SetText(prefill)
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	submit := func() {
		if msg := onLogin(strings.TrimSpace(f.login.Text), f.password.Text); msg != "" {
			f.errLabel.SetText(msg)
			f.password.SetText("")
		}
	}
	f.login.hooks = keyHooks{onEnter: func() { fyne.CurrentApp().Driver().CanvasForObject(f.login).Focus(f.password) }}
	f.password.hooks = keyHooks{onEnter: submit}
	btn := widget.NewButtonWithIcon("登录", theme.LoginIcon(), submit)
	btn.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(), widget.NewLabel("登录名"), f.login, widget.NewLabel("密码"), f.password)
	box := container.NewVBox(centred(heading(title)), f.hint, form, f.errLabel, btn)
	f.view = container.NewCenter(container.NewGridWrap(fyne.NewSize(420, box.MinSize().Height+60), box))
	return f
}

// showLogin shows the login; on the lock screen the current person's name is filled in, so unlocking is
// just the password, while another person can type their own name to take over the desk.
func (sh *Shell) showLogin() {
	title, hint, prefill := Title, "请登录", ""
	if sh.actor.Login != "" {
		title = "已锁定"
		hint = "当前：" + sh.actor.Name + "（" + sh.actor.Role.Chinese() + "）。输入密码解锁，或换人登录。"
		prefill = sh.actor.Login
	}
	f := newLoginForm(title, hint, prefill, func(login, password string) string {
		a, err := sh.store.Authenticate(login, password)
		if err != nil {
			return store.Message(err)
		}
		// A first password is changed, and the administrator's first-start steps left are offered,
		// before the desk opens (firststart.go). The arrival is recorded before the desk opens
		// (今日待办 no longer lists the person as not arrived) and said once it is open.
		sh.beforeDesk(a, password, func() {
			said := sh.arrived(a)
			sh.loggedIn(a)
			if said != "" {
				sh.notify(said)
			}
		})
		return ""
	})
	sh.login = f
	sh.win.SetContent(f.view)
	if prefill != "" {
		sh.win.Canvas().Focus(f.password)
	} else {
		sh.win.Canvas().Focus(f.login)
	}
}

// loggedIn opens the desk for a person. The same person finds the desk as they left it; another
// person gets fresh screens, so nobody saves a draft under someone else's name.
func (sh *Shell) loggedIn(a data.Actor) {
	last := ""
	if a.Login != sh.actor.Login || sh.main == nil {
		// The person before keeps their unsaved work on disk, offered back at their next login.
		sh.keeper().flush(sh)
		sh.keeper().forgetScreens()
		sh.actor = a
		sh.screens = map[string]screen{}
		sh.current, sh.currID = nil, ""
		sh.buildMain()
		// 今日待办 first: what needs this person now. Without it (the administrator), the last screen.
		last = navToday
		if !sh.allowed(last) {
			last = sh.app.Preferences().StringWithFallback(prefLastNav, "")
		}
		if !sh.allowed(last) {
			last = sh.firstAllowed()
		}
	}
	sh.locked = false
	sh.login = nil
	touch()
	// The desk goes on the window first: a screen takes the keyboard only once it is on it.
	sh.win.SetContent(sh.main)
	if last != "" {
		sh.Show(last)
		sh.offerDrafts()
		return
	}
	if sh.current != nil {
		sh.current.shown()
	}
}

// Lock hides the desk behind the login until the person (or the next one) logs in.
func (sh *Shell) Lock() {
	if sh.locked || sh.actor.Login == "" {
		return
	}
	sh.locked = true
	sh.keeper().flush(sh) // a power cut while the desk is locked loses nothing
	sh.showLogin()
}

// WatchIdle locks the screen after the configured idle minutes (0 = never), for as long as the program runs.
func (sh *Shell) WatchIdle() {
	t := time.NewTicker(20 * time.Second)
	go func() {
		for range t.C {
			mins := atoiDefault(sh.store.Setting(store.SettingLockMinutes, ""), store.DefaultLockMinutes)
			if mins > 0 && idleFor() > time.Duration(mins)*time.Minute {
				fyne.Do(sh.Lock)
			}
		}
	}()
}

func atoiDefault(s string, def int) int {
	n := 0
	if s == "" {
		return def
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return def
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// arrived records what the login at the desk makes (the person's arrival for the shift) and returns
// what the status line says of it; a failure to record it is said too, and the desk opens all the same.
func (sh *Shell) arrived(a data.Actor) string {
	recs, err := sh.store.Arrive(a)
	if err != nil {
		return "到岗未能自动登记：" + store.Message(err) + "，请告知主管补记"
	}
	var lines []string
	for _, r := range recs {
		f, ok := data.FormByKey(r.Kind)
		if !ok {
			continue
		}
		var vals []string
		for _, k := range f.ListColumns {
			if v := r.Values[k]; v != "" {
				if fl, ok := f.Field(k); ok {
					v = fl.Label + " " + v
				}
				vals = append(vals, v)
			}
		}
		lines = append(lines, "已登记"+f.Title()+" "+r.Serial+"："+strings.Join(vals, "，"))
	}
	return strings.Join(lines, "；")
}
