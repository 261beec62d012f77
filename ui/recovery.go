package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// ShowRecovery is shown instead of the desk when the store cannot be opened or is damaged: it says so
// in Chinese and offers to restore the newest good local backup (the damaged file is kept aside), never
// a crash or a silent empty start. then gets the restored store.
func ShowRecovery(w fyne.Window, dir string, problem string, then func(*store.Store)) {
	backups, _ := store.Backups(store.LocalBackupDir(dir))
	msg := widget.NewLabel("数据文件损坏，无法正常使用：\n" + problem)
	msg.Wrapping = fyne.TextWrapWord
	pass := newEntry()
	pass.Password = true
	pass.SetPlaceHolder("备份密码")
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	list := "本机没有自动备份。请联系经理用控制台程序 frontdeskctl 从U盘上的备份恢复。"
	if len(backups) > 0 {
		var names []string
		for _, b := range backups[:min(len(backups), 5)] {
			names = append(names, filepath.Base(b))
		}
		list = "本机自动备份（最新在前）：\n" + strings.Join(names, "\n")
	}
	restore := func() {
		s, used, err := restoreNewestGood(dir, backups, pass.Text)
		if err != nil {
			status.SetText(store.Message(err))
			return
		}
		notice(w, "已恢复", "已从 "+filepath.Base(used)+" 恢复。损坏的数据文件已另存在数据文件夹中。")
		then(s)
	}
	pass.hooks = keyHooks{onEnter: restore}
	btn := widget.NewButton("恢复最新的完好备份", restore)
	btn.Importance = widget.HighImportance
	if len(backups) == 0 {
		btn.Disable()
	}
	box := container.NewVBox(bold("数据文件需要恢复"), msg, widget.NewLabel(list), pass, btn, status)
	w.SetContent(container.NewPadded(container.NewVScroll(box)))
	w.Canvas().Focus(pass)
}

// restoreNewestGood tries the backups newest first and restores the first that decrypts and checks; the
// damaged store is moved aside, not deleted.
func restoreNewestGood(dir string, backups []string, pass string) (*store.Store, string, error) {
	var lastErr error = errors.New("没有可用的备份")
	for _, b := range backups {
		if _, err := store.VerifyBackup(b, pass, dir); err != nil {
			if errors.Is(err, store.ErrBadPassphrase) {
				return nil, "", err
			}
			lastErr = err
			continue
		}
		dbPath := filepath.Join(dir, store.DBFileName)
		aside := dbPath + ".损坏-" + time.Now().Format("20060102-150405")
		if _, err := os.Stat(dbPath); err == nil {
			if err := os.Rename(dbPath, aside); err != nil {
				return nil, "", err
			}
		}
		if _, err := store.RestoreBackup(b, pass, dir); err != nil {
			os.Rename(aside, dbPath)
			return nil, "", err
		}
		s, err := store.Open(dir, store.Options{})
		if err != nil {
			return nil, "", err
		}
		return s, b, nil
	}
	return nil, "", lastErr
}

// CheckInBackground runs the start-up check (bounded work: the newest entries and the records they
// wrote) after the window is up and, if it finds damage, says so and offers the recovery.
func (sh *Shell) CheckInBackground() {
	s := sh.store
	go func() {
		probs, err := s.QuickCheck()
		if err == nil && len(probs) == 0 {
			return
		}
		text := ""
		if err != nil {
			text = store.Message(err)
		}
		for i, p := range probs {
			if i == 5 {
				text += fmt.Sprintf("\n……共 %d 处", len(probs))
				break
			}
			text += "\n" + p.String()
		}
		fyne.Do(func() { sh.offerRecovery(strings.TrimSpace(text)) })
	}()
}

func (sh *Shell) offerRecovery(problem string) {
	sh.choose("数据检查发现问题", dialogText(problem+"\n\n建议恢复最新的完好备份（当前数据文件会另存）。"), nil, dialogButton{label: "恢复备份…", importance: widget.HighImportance, act: func() {
		sh.store.Close()
		ShowRecovery(sh.win, sh.dataDir, problem, func(s *store.Store) {
			sh.store = s
			sh.actor, sh.main, sh.screens, sh.current, sh.currID = data.Actor{}, nil, map[string]screen{}, nil, ""
			sh.showLogin()
		})
	}}, dialogButton{label: "暂不处理"})
}
