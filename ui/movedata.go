package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data/store"
)

// The first start on the machine-wide data folder, with the data still in the old per-user one: before
// the store opens, the window offers the move (store.MoveData). 迁移数据 copies, checks and then uses
// the new folder; 暂不迁移 opens the old folder this once, and the next start asks again. A move that
// fails says why and leaves the old folder in use.

// moveRun runs the move off the UI goroutine (a test runs it in place).
var moveRun = func(f func()) { go f() }

// ShowMoveData shows the offer in w; then opens the store in the folder chosen (newDir once moved, or
// oldDir).
func ShowMoveData(w fyne.Window, oldDir, newDir string, then func(dir string)) {
	title := bold("数据文件夹已改为本机共用")
	text := widget.NewLabel("本程序的数据现在保存在这台电脑所有用户共用的文件夹：\n" + newDir +
		"\n\n在原来的文件夹中找到了数据：\n" + oldDir +
		"\n\n迁移会把整个文件夹（数据文件、备份、草稿和设置）复制到新位置，检查无误后才开始使用新位置；" +
		"原来的文件夹保留不删，并在其中留下说明。数据较多时需要几分钟，请勿关机。")
	text.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBar()
	bar.Hide()
	var move, keep *widget.Button
	move = widget.NewButton("迁移数据", func() {
		move.Disable()
		keep.Disable()
		status.Importance = widget.MediumImportance
		status.SetText("正在迁移……")
		bar.SetValue(0)
		bar.Show()
		moveRun(func() {
			err := store.MoveData(oldDir, newDir, func(done, total int64) {
				fyne.Do(func() {
					bar.SetValue(float64(done) / float64(max(total, 1)))
					status.SetText(fmt.Sprintf("正在迁移…… 已复制 %d%%", done*100/max(total, 1)))
				})
			})
			fyne.Do(func() {
				if err == nil {
					then(newDir)
					return
				}
				bar.Hide()
				status.Importance = widget.DangerImportance
				status.SetText("迁移没有完成：" + moveFailure(err) + "\n原来的文件夹仍在使用，其中的数据没有任何改动；下次启动还会询问。")
				move.SetText("重试")
				move.Enable()
				keep.Enable()
			})
		})
	})
	move.Importance = widget.HighImportance
	keep = widget.NewButton("暂不迁移（这次仍用原来的文件夹）", func() { then(oldDir) })
	box := container.NewVBox(title, text, container.NewHBox(move, keep), bar, status)
	w.SetContent(container.NewPadded(container.NewVScroll(box)))
}

// moveFailure says why a move failed, in a clerk's words.
func moveFailure(err error) string {
	if errors.Is(err, store.ErrLocked) {
		return "原来的数据文件正被另一个程序使用（电脑上另一个用户开着前台程序，或控制台命令正在运行），请关闭后重试"
	}
	return store.Message(err)
}
