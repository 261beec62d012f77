package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/drives"
	"frontdesk/data/store"
)

// backupScreen: 备份到U盘 for the manager and the administrator, 恢复备份 for the administrator.
type backupScreen struct {
	shell      *Shell
	passStatus *widget.Label
	pass1      *entry
	pass2      *entry
	target     *choice
	targets    map[string]string // shown text → folder
	driveNote  *widget.Label     // no U盘 found
	progress   *widget.ProgressBar
	result     *widget.Label
	backupBtn  *widget.Button
	local      *widget.Label
	hours      *entry
	keep       *entry
	autoMsg    *widget.Label
	restoreMsg *widget.Label
	view_      fyne.CanvasObject
}

func newBackupScreen(sh *Shell) *backupScreen {
	s := &backupScreen{shell: sh, passStatus: widget.NewLabel(""), pass1: newEntry(), pass2: newEntry(), targets: map[string]string{},
		progress: widget.NewProgressBar(), result: widget.NewLabel(""), local: widget.NewLabel(""), restoreMsg: widget.NewLabel(""),
		hours: newEntry(), keep: newEntry(), autoMsg: widget.NewLabel(""), driveNote: widget.NewLabel("")}
	s.driveNote.Importance = widget.WarningImportance
	s.driveNote.Hide()
	s.result.Wrapping = fyne.TextWrapWord
	s.restoreMsg.Wrapping = fyne.TextWrapWord
	s.pass1.Password, s.pass2.Password = true, true
	s.pass1.SetPlaceHolder("至少8位，请记在安全的地方")
	s.pass1.hooks = keyHooks{onEnter: func() { sh.win.Canvas().Focus(s.pass2) }}
	s.pass2.hooks = keyHooks{onEnter: func() { s.setPassphrase() }}
	s.target = newChoice(nil)
	s.target.PlaceHolder = "选择U盘或文件夹"
	if dir := sh.store.Setting(store.SettingBackupFolder, ""); dir != "" {
		s.addFolder(dir) // the U盘 folder chosen at the first start
	}
	s.progress.Hide()
	box := container.NewVBox(bold("备份与恢复"))
	if sh.actor.Can(data.PermBackup) {
		s.backupBtn = widget.NewButtonWithIcon("备份到U盘", theme.DownloadIcon(), func() { s.backup() })
		s.backupBtn.Importance = widget.HighImportance
		box.Add(bold("备份密码"))
		box.Add(s.passStatus)
		box.Add(container.New(layout.NewFormLayout(), widget.NewLabel("新备份密码"), s.pass1, widget.NewLabel("再输一次"), s.pass2))
		box.Add(container.NewHBox(widget.NewButton("设置备份密码", func() { s.setPassphrase() })))
		box.Add(widget.NewSeparator())
		box.Add(bold("备份到U盘"))
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(
			widget.NewButtonWithIcon("刷新", theme.ViewRefreshIcon(), func() { s.listDrives() }),
			widget.NewButtonWithIcon("选择文件夹…", theme.FolderOpenIcon(), func() { s.chooseFolder() })), s.target))
		box.Add(s.driveNote)
		box.Add(container.NewHBox(s.backupBtn))
		box.Add(s.progress)
		box.Add(s.result)
		box.Add(widget.NewSeparator())
		box.Add(bold("本机自动备份"))
		box.Add(s.local)
		if sh.actor.Can(data.PermSettings) {
			s.hours.hooks = keyHooks{onEnter: func() { sh.win.Canvas().Focus(s.keep) }}
			s.keep.hooks = keyHooks{onEnter: func() { s.saveAuto() }}
			box.Add(container.New(layout.NewFormLayout(), widget.NewLabel("每隔（小时）"), container.NewGridWrap(fyne.NewSize(100, s.hours.MinSize().Height), s.hours),
				widget.NewLabel("保留（份）"), container.NewGridWrap(fyne.NewSize(100, s.keep.MinSize().Height), s.keep)))
			box.Add(container.NewHBox(widget.NewButton("保存自动备份设置", func() { s.saveAuto() }), s.autoMsg))
		}
	}
	if sh.actor.Can(data.PermRestore) {
		box.Add(widget.NewSeparator())
		box.Add(bold("恢复备份"))
		box.Add(widget.NewLabel("先查看备份的内容，确认后才替换；当前数据会先另存一份在数据文件夹中。"))
		box.Add(container.NewHBox(widget.NewButtonWithIcon("选择备份文件…", theme.UploadIcon(), func() { s.chooseRestore() })))
		box.Add(s.restoreMsg)
	}
	s.view_ = container.NewVScroll(container.NewPadded(box))
	return s
}

func (s *backupScreen) view() fyne.CanvasObject { return s.view_ }

func (s *backupScreen) shown() {
	if !s.shell.store.HasBackupKey() {
		s.passStatus.SetText("尚未设置备份密码。设置后，备份文件只有用这个密码才能打开；U盘丢失也不会泄露业户信息。")
	} else {
		s.passStatus.SetText("已设置备份密码（程序不保存密码本身，备份时不用输入）。每个备份旁边有同名的“-密钥.age”密钥文件，请一起保存；\n核验和恢复时要输入备份密码，忘记密码将无法打开备份。重新设置后，之前的备份仍用当时的密码打开。")
	}
	s.listDrives()
	s.showLocal()
}

func (s *backupScreen) listDrives() {
	list, err := driveList()
	if err != nil {
		s.result.SetText("无法列出磁盘，请用“选择文件夹…”选择备份位置")
	}
	s.driveNote.SetText(noStickNote(list, onWindows))
	s.driveNote.Hidden = s.driveNote.Text == ""
	s.driveNote.Refresh()
	var opts []string
	keep := s.target.Selected
	for text, dir := range s.targets {
		if !strings.HasPrefix(dir, "drive:") {
			opts = append(opts, text) // folders chosen earlier stay
		}
	}
	for _, d := range list {
		text := d.String()
		s.targets[text] = d.Root
		opts = append([]string{text}, opts...)
	}
	s.target.Options = opts
	s.target.Refresh()
	if keep != "" {
		s.target.SetSelected(keep)
	} else if len(opts) > 0 {
		s.target.SetSelectedIndex(0)
	}
}

// noStickNote is said beside the target on a Windows PC without a U盘 (elsewhere drives are not
// listed at all and the folder chooser is the way).
func noStickNote(list []drives.Drive, windows bool) string {
	if !windows {
		return ""
	}
	for _, d := range list {
		if d.Removable {
			return ""
		}
	}
	return "没有找到U盘，请插入U盘后点“刷新”"
}

func (s *backupScreen) chooseFolder() {
	s.shell.pickFolder("选择备份位置", s.addFolder)
}

// isBackupFile accepts a backup's name, not its key file's beside it.
func isBackupFile(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), store.BackupExt) && !strings.HasSuffix(name, store.KeyFileSuffix)
}

// addFolder makes a folder the backup's target.
func (s *backupScreen) addFolder(dir string) {
	text := "文件夹 " + dir
	if _, ok := s.targets[text]; !ok {
		s.targets[text] = dir
		s.target.Options = append(s.target.Options, text)
	}
	s.target.SetSelected(text)
}

func (s *backupScreen) setPassphrase() {
	if s.pass1.Text != s.pass2.Text {
		s.passStatus.SetText("两次输入的备份密码不一致")
		return
	}
	if err := s.shell.store.SetBackupPassphrase(s.shell.actor, s.pass1.Text); err != nil {
		s.passStatus.SetText(store.Message(err))
		return
	}
	s.pass1.SetText("")
	s.pass2.SetText("")
	s.shown()
	// Until now there was no backup at all: the first is taken at once, not at the next start.
	s.local.SetText("已设置备份密码，正在进行第一次备份……")
	s.shell.notify("已设置备份密码，正在进行第一次备份……")
	done := make(chan struct{})
	s.shell.backupDone = done
	go func() {
		defer close(done)
		s.shell.autoBackupNow(func(err error) {
			s.showLocal()
			if err != nil {
				s.local.SetText(s.local.Text + "\n第一次备份未完成：" + store.Message(err) + "请用“备份到U盘”备份一次。")
				return
			}
			s.shell.notify("已设置备份密码，并已完成第一次备份")
			s.shell.todayChanged()
		})
	}()
}

// backup writes the backup off the window's thread and shows its progress; "可以拔出U盘" only after
// the written file was flushed, reopened, decrypted and checked.
func (s *backupScreen) backup() {
	dir, ok := s.targets[s.target.Selected]
	if !ok {
		s.result.SetText("请先选择U盘或文件夹")
		return
	}
	if !s.shell.store.HasBackupKey() {
		s.result.SetText(store.Message(store.ErrNoPassphrase))
		return
	}
	st, actor := s.shell.store, s.shell.actor
	s.backupBtn.Disable()
	s.progress.SetValue(0)
	s.progress.Show()
	s.result.SetText("正在备份，请不要拔出U盘……")
	done := make(chan struct{})
	go func() {
		defer close(done)
		info, err := st.Backup(actor, dir, func(d, t int64) {
			fyne.Do(func() { s.progress.SetValue(float64(d) / float64(max(t, 1))) })
		})
		fyne.Do(func() {
			s.backupBtn.Enable()
			s.progress.Hide()
			if err != nil {
				s.result.SetText("备份未完成：" + store.Message(err) + "\n之前的备份没有受影响。")
				return
			}
			s.result.SetText(fmt.Sprintf("备份完成，可以拔出U盘。\n%s\n密钥文件：%s（与备份放在一起）\n共 %d 条记录，业户 %d 户，%.1f MB，用时 %.1f 秒（已解密校验）",
				info.Path, filepath.Base(store.KeyFileFor(info.Path)), info.Records, info.Households, float64(info.Size)/1e6, info.Took.Seconds()))
			if info.Head.Seq > 0 {
				s.result.SetText(s.result.Text + "\n" + store.AnchorLabel + "：" + info.Head.String())
			}
			if len(info.Problems) > 0 {
				// Taken all the same: it may be the best copy there is. What is wrong is the store's.
				s.result.SetText(s.result.Text + "\n\n注意：" + store.Message(&store.DamagedStoreError{Problems: info.Problems}))
			}
			s.shell.notify("备份完成，可以拔出U盘")
		})
	}()
	s.shell.backupDone = done
}

// saveAuto stores how often the local automatic backups run and how many are kept.
func (s *backupScreen) saveAuto() {
	hours, err1 := strconv.Atoi(strings.TrimSpace(data.Normalize(data.TypeInt, s.hours.Text)))
	keep, err2 := strconv.Atoi(strings.TrimSpace(data.Normalize(data.TypeInt, s.keep.Text)))
	s.autoMsg.Importance = widget.DangerImportance
	switch {
	case err1 != nil || hours < 1 || hours > 168:
		s.autoMsg.SetText("间隔应为 1 到 168 小时")
		return
	case err2 != nil || keep < 1 || keep > 100:
		s.autoMsg.SetText("保留份数应为 1 到 100")
		return
	}
	for k, v := range map[string]int{store.SettingAutoBackupHours: hours, store.SettingAutoBackupKeep: keep} {
		if err := s.shell.store.SetSetting(s.shell.actor, k, strconv.Itoa(v)); err != nil {
			s.autoMsg.SetText(store.Message(err))
			return
		}
	}
	s.autoMsg.Importance = widget.SuccessImportance
	s.autoMsg.SetText("已保存")
	s.showLocal()
}

func (s *backupScreen) showLocal() {
	s.hours.SetText(s.shell.store.Setting(store.SettingAutoBackupHours, strconv.Itoa(store.DefaultAutoBackupHours)))
	s.keep.SetText(s.shell.store.Setting(store.SettingAutoBackupKeep, strconv.Itoa(store.DefaultAutoBackupKeep)))
	dir := store.LocalBackupDir(s.shell.dataDir)
	list, _ := store.Backups(dir)
	text := fmt.Sprintf("每 %s 小时自动备份到 %s，保留最近 %s 份。", s.shell.store.Setting(store.SettingAutoBackupHours, fmt.Sprint(store.DefaultAutoBackupHours)),
		dir, s.shell.store.Setting(store.SettingAutoBackupKeep, fmt.Sprint(store.DefaultAutoBackupKeep)))
	if len(list) > 0 {
		text += "\n最近一份：" + filepath.Base(list[0])
	} else {
		text += "\n目前还没有自动备份（设置备份密码后开始）。"
	}
	s.local.SetText(text)
}

func (s *backupScreen) chooseRestore() {
	s.shell.pickFile("选择备份文件", isBackupFile, s.askRestore)
}

// askRestore asks the backup's passphrase, shows what the backup holds, and restores on confirmation.
func (s *backupScreen) askRestore(path string) {
	s.shell.askPassphrase("恢复 "+filepath.Base(path), func(pass string) error {
		info, err := store.VerifyBackup(path, pass, s.shell.dataDir, s.shell.store.BackupKey())
		if err != nil {
			return err
		}
		msg := fmt.Sprintf("%s\n共 %d 条记录，业户 %d 户，数据结构版本 %d。\n\n恢复后程序将使用这个备份中的数据，并要求重新登录；当前数据另存在数据文件夹中。确定恢复？",
			filepath.Base(path), info.Records, info.Households, info.Schema)
		s.shell.confirm("确认恢复", msg, "恢复", func() {
			if err := s.shell.restoreInPlace(path, pass, s.shell.store.BackupKey()); err != nil {
				s.restoreMsg.SetText("恢复失败：" + store.Message(err))
			}
		})
		return nil
	})
}

func (s *backupScreen) command(string) bool { return false }

// askPassphrase asks a backup's passphrase; act's error is shown and the dialog stays.
func (sh *Shell) askPassphrase(title string, act func(pass string) error) {
	sh.askText(title, nil, []askField{{label: "备份密码：", secret: true}}, "确定", widget.HighImportance,
		func(v []string) error { return act(v[0]) })
}

// restoreInPlace replaces the store with a backup: the current file is kept aside first, the backup is
// restored into the data folder, and the window reopens on it at the login. On failure the old store
// is put back.
func (sh *Shell) restoreInPlace(path, pass string, key []byte) error {
	dbPath := filepath.Join(sh.dataDir, store.DBFileName)
	aside := dbPath + ".恢复前-" + time.Now().Format("20060102-150405")
	if err := sh.store.Close(); err != nil {
		return err
	}
	reopen := func() error {
		s, err := store.Open(sh.dataDir, store.Options{})
		if err != nil {
			return err
		}
		sh.store = s
		return nil
	}
	if err := os.Rename(dbPath, aside); err != nil {
		reopen()
		return err
	}
	if _, err := store.RestoreBackup(path, pass, sh.dataDir, key); err != nil {
		os.Rename(aside, dbPath)
		reopen()
		return err
	}
	if err := reopen(); err != nil {
		os.Remove(dbPath)
		os.Rename(aside, dbPath)
		reopen()
		return err
	}
	sh.actor, sh.main, sh.screens, sh.current, sh.currID = data.Actor{}, nil, map[string]screen{}, nil, ""
	if sh.store.HasAccounts() {
		sh.showLogin()
	} else {
		sh.showSetup()
	}
	sh.notify("已恢复备份；原数据另存为 " + filepath.Base(aside))
	return nil
}

// StartAutoBackup backs up to the local backup folder now and every configured number of hours,
// keeping the newest few, for as long as the program runs.
func (sh *Shell) StartAutoBackup() {
	go func() {
		sh.autoBackupNow(nil)
		for {
			var hours int
			fyne.DoAndWait(func() {
				hours = atoiDefault(sh.store.Setting(store.SettingAutoBackupHours, ""), store.DefaultAutoBackupHours)
			})
			time.Sleep(time.Duration(max(hours, 1)) * time.Hour)
			sh.autoBackupNow(nil)
		}
	}()
}

// autoBackupNow takes an automatic backup, off the window's thread; done, when given, hears how it
// went on the window's thread (nil for no passphrase yet, as for the automatic ones, which say nothing
// then: the manager's 今日待办 does).
func (sh *Shell) autoBackupNow(done func(error)) {
	var s *store.Store
	fyne.DoAndWait(func() { s = sh.store })
	if s.ReadOnly() {
		return // read-only media: nothing can be written, said once at the start
	}
	_, err := s.BackupLocal()
	if errors.Is(err, store.ErrNoPassphrase) {
		err = nil
	}
	fyne.DoAndWait(func() {
		if err != nil && done == nil {
			sh.notify("自动备份失败：" + store.Message(err))
		}
		if done != nil {
			done(err)
		}
	})
}
