// Command frontdesk is the front-desk window program: it opens the store in the data folder and shows
// the main window. Everything else lives in ui, data and reports; this file only wires them.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"time"
	_ "time/tzdata" // Windows has no zone database: Asia/Shanghai comes from the binary

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets"
	_ "frontdesk/data/forms" // every form of the rules registers with the engine
	"frontdesk/data/idreader"
	"frontdesk/data/store"
	"frontdesk/ui"
)

func main() {
	started := time.Now()
	dataFlag := flag.String("data", "", "数据文件夹（默认：环境变量 FRONTDESK_DATA，否则用户配置文件夹下的 Frontdesk）")
	timing := flag.Bool("timing", false, "记录从启动到窗口显示的用时（性能测量）")
	flag.Parse()
	dir := store.DataDir(*dataFlag)

	a := app.NewWithID("cn.frontdesk.desk")
	a.Settings().SetTheme(ui.NewTheme())
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	w := a.NewWindow(ui.Title)
	w.Resize(ui.WindowSize(a.Preferences()))
	if *timing {
		// The lifecycle's start comes once the event loop runs with the window shown: the first frame.
		a.Lifecycle().SetOnStarted(func() {
			log.Printf("timing: first frame %.0f ms after process start", float64(time.Since(started).Microseconds())/1000)
		})
	}

	var shell *ui.Shell
	start := func(s *store.Store) {
		shell = ui.New(a, w, s, dir)
		shell.UseCardReader(idreader.Open)
		shell.WatchIdle()
		shell.KeepDrafts()
		shell.StartAutoBackup()
		shell.CheckInBackground()
	}
	// The store opens off the UI goroutine: an upgrade that rewrites the search index (once, on a big
	// store) shows its progress instead of a window that does not appear.
	exit := 0
	opening := widget.NewLabel("正在打开数据…")
	bar := widget.NewProgressBar()
	bar.Hide()
	w.SetContent(container.NewCenter(container.NewVBox(opening, bar)))
	opened := func(st *store.Store, err error) {
		switch {
		case errors.Is(err, store.ErrLocked) || errors.Is(err, store.ErrTooNew):
			// A second copy or a newer store: say so in Chinese instead of hanging.
			log.Printf("open store: %v", err)
			msg := widget.NewLabel(store.Message(err) + "\n\n数据文件夹：" + dir)
			msg.Wrapping = fyne.TextWrapWord
			w.SetContent(container.NewPadded(container.NewVBox(msg, widget.NewButton("关闭", a.Quit))))
			w.Resize(fyne.NewSize(520, 220))
			exit = 1
		case err != nil:
			// A damaged store: never a crash or a silent empty start; offer the newest good backup.
			log.Printf("open store: %v", err)
			ui.ShowRecovery(w, dir, store.Message(err), start)
		default:
			start(st)
		}
	}
	go func() {
		st, err := store.Open(dir, store.Options{Progress: func(done, total int) {
			fyne.Do(func() {
				opening.SetText("正在升级数据，只需这一次，请勿关机…")
				bar.Show()
				bar.SetValue(float64(done) / float64(max(total, 1)))
			})
		}})
		readOnly := false
		if store.IsReadOnlyMedia(err) {
			// A write-protected stick or a CD: the records can be looked up; a save says why it cannot.
			st, err = store.Open(dir, store.Options{ReadOnly: true})
			readOnly = err == nil
		}
		fyne.Do(func() {
			opened(st, err)
			if readOnly && shell != nil {
				shell.Warn(store.Message(store.ErrReadOnlyMedia))
			}
		})
	}()
	w.SetMaster()
	w.ShowAndRun()
	if shell != nil {
		if err := shell.Close(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(exit)
}
