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
	"frontdesk/ui/glwatch"
)

func main() {
	started := time.Now()
	glStarted := glwatch.Watch() // no OpenGL 2.1: a message box instead of a silent exit
	dataFlag := flag.String("data", "", `数据文件夹（默认：环境变量 FRONTDESK_DATA，否则 Windows 上为本机所有用户共用的 %ProgramData%\Frontdesk）`)
	timing := flag.Bool("timing", false, "记录从启动到窗口显示的用时（性能测量）")
	flag.Parse()
	dir := store.DataDir(*dataFlag)

	a := app.NewWithID("cn.frontdesk.desk")
	a.Settings().SetTheme(ui.NewTheme())
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	w := a.NewWindow(ui.Title)
	w.Resize(ui.WindowSize(a.Preferences()))
	// The lifecycle's start comes once the event loop runs with the window shown: the first frame.
	a.Lifecycle().SetOnStarted(func() {
		glStarted()
		if *timing {
			log.Printf("timing: first frame %.0f ms after process start", float64(time.Since(started).Microseconds())/1000)
		}
	})

	d := &desk{app: a, win: w, dir: dir}
	if old := store.OldDataDir(); *dataFlag == "" && os.Getenv("FRONTDESK_DATA") == "" && store.DataToMove(old, dir) {
		// The first start on the machine-wide folder with the data still in the user's old one: the
		// move is offered before any store opens.
		ui.ShowMoveData(w, old, dir, func(chosen string) {
			d.dir = chosen
			d.showOpening()
			go d.openStore()
		})
	} else {
		d.showOpening()
		go d.openStore()
	}
	w.SetMaster()
	w.ShowAndRun()
	if d.shell != nil {
		if err := d.shell.Close(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(d.exit)
}

// desk is the window while the store opens, and the shell once it has.
type desk struct {
	app   fyne.App
	win   fyne.Window
	dir   string
	shell *ui.Shell
	// exit is the program's exit code: 1 when the store could not be opened at all.
	exit int
	// opening and bar say how far the store's opening (or its one-off upgrade) has come.
	opening *widget.Label
	bar     *widget.ProgressBar
}

// showOpening shows the window before the store is open: the store opens off the UI goroutine, so an
// upgrade that rewrites the search index (once, on a big store) shows its progress instead of a window
// that does not appear.
func (d *desk) showOpening() {
	d.opening = widget.NewLabel("正在打开数据…")
	d.bar = widget.NewProgressBar()
	d.bar.Hide()
	d.win.SetContent(container.NewCenter(container.NewVBox(d.opening, d.bar)))
}

// openStore opens the store (off the UI goroutine) and hands it to the window.
func (d *desk) openStore() {
	st, err := store.Open(d.dir, store.Options{Progress: func(done, total int) {
		fyne.Do(func() { d.upgrading(done, total) })
	}})
	readOnly := false
	if store.IsReadOnlyMedia(err) {
		// A write-protected stick or a CD: the records can be looked up; a save says why it cannot.
		st, err = store.Open(d.dir, store.Options{ReadOnly: true})
		readOnly = err == nil
	}
	fyne.Do(func() {
		d.opened(st, err)
		if readOnly && d.shell != nil {
			d.shell.Warn(store.Message(store.ErrReadOnlyMedia))
		}
	})
}

func (d *desk) upgrading(done, total int) {
	d.opening.SetText("正在升级数据，只需这一次，请勿关机…")
	d.bar.Show()
	d.bar.SetValue(float64(done) / float64(max(total, 1)))
}

func (d *desk) opened(st *store.Store, err error) {
	switch {
	case errors.Is(err, store.ErrLocked) || errors.Is(err, store.ErrTooNew):
		// A second copy or a newer store: say so in Chinese instead of hanging.
		log.Printf("open store: %v", err)
		msg := widget.NewLabel(store.Message(err) + "\n\n数据文件夹：" + d.dir)
		msg.Wrapping = fyne.TextWrapWord
		d.win.SetContent(container.NewPadded(container.NewVBox(msg, widget.NewButton("关闭", d.app.Quit))))
		d.win.Resize(fyne.NewSize(520, 220))
		d.exit = 1
	case err != nil:
		// A damaged store: never a crash or a silent empty start; offer the newest good backup.
		log.Printf("open store: %v", err)
		ui.ShowRecovery(d.win, d.dir, store.Message(err), d.start)
	default:
		d.start(st)
	}
}

// start shows the main window over an open store, with the work that runs beside it.
func (d *desk) start(s *store.Store) {
	d.shell = ui.New(d.app, d.win, s, d.dir)
	d.shell.UseCardReader(idreader.Open)
	d.shell.WatchIdle()
	d.shell.KeepDrafts()
	d.shell.StartAutoBackup()
	d.shell.CheckInBackground()
}
