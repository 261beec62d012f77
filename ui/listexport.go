package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
	"frontdesk/reports/export"
	"frontdesk/reports/sheet"
)

// defaultExportDir is where the window keeps the spreadsheets it exports: a folder of the person's
// documents the manager can find again (前台台账导出).
func defaultExportDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "前台台账导出")
	}
	if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Documents", "前台台账导出")
	}
	return filepath.Join(home, "前台台账导出")
}

// exportQuery is what the list shows now, as a query for an export or a register: its dates, its
// search and whether only the open records are shown. False when the dates are wrong (the red line
// under them says why).
func (l *listScreen) exportQuery() (store.ExportQuery, bool) {
	from, to, msg := l.dates()
	if msg != "" {
		l.shell.notify("请先改正日期范围：" + msg)
		return store.ExportQuery{}, false
	}
	q := store.ExportQuery{Query: store.Query{Kind: l.form.Key, From: from, To: to, Text: strings.TrimSpace(l.search.Text)}}
	q.Open = l.onSite != nil && l.onSite.Checked
	return q, true
}

// exportMenu offers what a list writes out: every record it shows as a spreadsheet, or as a register.
func (l *listScreen) exportMenu(at fyne.CanvasObject) {
	menuUnder(at,
		fyne.NewMenuItem("导出Excel：当前列表的全部记录和全部字段 (Ctrl+E)", l.exportSheet),
		fyne.NewMenuItem("打印登记簿：当前列表的记录，A4横向，带审阅签字栏", l.printRegister))
}

// exportSheet writes every record the list shows (not only the page on screen) with every field to a
// spreadsheet in the export folder, and opens it.
func (l *listScreen) exportSheet() {
	q, ok := l.exportQuery()
	if !ok {
		return
	}
	name := fileName(l.form.Name, q) + "-" + l.shell.store.Now().In(data.Shanghai).Format("20060102-1504") + ".xlsx"
	l.shell.writeOut("导出Excel", name, l.shell.exportDir, func(ctx context.Context, st *store.Store, a data.Actor, buf *bytes.Buffer, progress func(int)) (int, error) {
		return export.Sheet(ctx, st, a, q, buf, progress)
	}, l.shell.exported)
}

// printRegister prints the records the list shows as a register and opens it for printing.
func (l *listScreen) printRegister() {
	q, ok := l.exportQuery()
	if !ok {
		return
	}
	name := fileName(l.form.Name+"登记簿", q) + ".pdf"
	dir, _ := l.shell.printFolder()
	l.shell.writeOut("打印登记簿", name, dir, func(ctx context.Context, st *store.Store, a data.Actor, buf *bytes.Buffer, _ func(int)) (int, error) {
		return export.Register(ctx, st, a, q, buf)
	}, func(path string, n int) {
		l.shell.printPDF(path, fmt.Sprintf("登记簿（共 %d 条）", n))
	})
}

// fileName is an export's file name: the form, the period, the search and the open filter, so
// exports of different lists are told apart; safe on Windows.
func fileName(what string, q store.ExportQuery) string {
	name := what + "_" + strings.ReplaceAll(store.ExportPeriod(q.Query), " ", "")
	if q.Text != "" {
		name += "_搜索" + q.Text
	}
	if q.Open {
		name += "_未办结"
	}
	return safeFileName(name)
}

// safeFileName is a name Windows takes for a file: no \ / : * ? " < > |, no line breaks, at most 80
// characters.
func safeFileName(name string) string {
	if r := []rune(name); len(r) > 80 {
		name = string(r[:80])
	}
	return strings.NewReplacer("/", "、", "\\", "、", ":", "：", "*", "＊", "?", "？", "\"", "“", "<", "《", ">", "》", "|", "、", "\n", " ", "\t", " ").Replace(name)
}

// writeOut runs write off the window's thread behind a dialog with its progress and 取消, then writes
// the file into dir and hands its path to done. Nothing is left behind when it fails or is cancelled,
// and no file is written over: a name taken already is written as name-2, name-3 ….
func (sh *Shell) writeOut(title, name, dir string, write func(context.Context, *store.Store, data.Actor, *bytes.Buffer, func(int)) (int, error), done func(path string, n int)) {
	st, actor := sh.store, sh.actor
	var n int
	var path string
	sh.longWork(title, func(ctx context.Context, say func(string)) error {
		var buf bytes.Buffer
		var err error
		n, err = write(ctx, st, actor, &buf, func(n int) { say(fmt.Sprintf("已写入 %d 条……", n)) })
		if err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create folder %s: %w", dir, err)
		}
		path = freePath(dir, name)
		if err := store.CheckOutput(sh.dataDir, path); err != nil {
			return err
		}
		return store.WriteFile(path, buf.Bytes())
	}, func() { done(path, n) })
}

// longWork runs work off the window's thread behind a dialog that shows what work says of its
// progress and has 取消, and calls done on the window's thread when it succeeded; a failure is said in
// Chinese in a dialog, a cancel on the status line.
func (sh *Shell) longWork(title string, work func(ctx context.Context, say func(string)) error, done func()) {
	ctx, cancel := context.WithCancel(context.Background())
	count := widget.NewLabel("正在读取记录……")
	bar := widget.NewProgressBarInfinite()
	body := container.NewVBox(count, bar, widget.NewButton("取消", cancel))
	d := dialog.NewCustomWithoutButtons(title, body, sh.win)
	sh.showDialog(d, title, body, nil, cancel)
	post := onUI
	finish := func(err error) {
		bar.Stop()
		d.Hide()
		cancel()
		switch {
		case errors.Is(err, context.Canceled):
			sh.notify(title + "已取消")
		case err != nil:
			sh.inform(title+"未完成", store.Message(err))
		default:
			done()
		}
	}
	say := func(s string) { post(func() { count.SetText(s) }) }
	if lookupsInline {
		finish(work(ctx, func(s string) { count.SetText(s) }))
		return
	}
	go func() {
		err := work(ctx, say)
		post(func() { finish(err) })
	}()
}

// exportTable writes a table the window shows (今日待办, the registry) to a spreadsheet in the export
// folder and opens it.
func (sh *Shell) exportTable(title, name string, rows func(st *store.Store, a data.Actor) (header []string, body [][]string, err error)) {
	sh.writeOut("导出Excel", safeFileName(name)+".xlsx", sh.exportDir, func(_ context.Context, st *store.Store, a data.Actor, buf *bytes.Buffer, _ func(int)) (int, error) {
		header, body, err := rows(st, a)
		if err != nil {
			return 0, err
		}
		return len(body), sheet.Rows(buf, title, header, body)
	}, sh.exported)
}

// exported says that n rows were written to the spreadsheet at path, offers its folder, and opens it.
func (sh *Shell) exported(path string, n int) {
	sh.notifyFolder(fmt.Sprintf("已导出 %d 条：%s（文件夹 %s）", n, filepath.Base(path), filepath.Dir(path)), filepath.Dir(path))
	sh.openFile(path, "已导出到 "+path+"，请用 Excel 或 WPS 打开。")
}

// notifyFolder says msg in the status line with 打开文件夹 beside it, which opens dir; the next
// message takes the button away.
func (sh *Shell) notifyFolder(msg, dir string) {
	sh.notify(msg)
	if sh.folder == nil {
		return
	}
	sh.folder.OnTapped = func() { sh.openFile(dir, "文件在文件夹 "+dir+" 中。") }
	sh.folder.Show()
	sh.status.Refresh()
}

// freePath is dir/name, or, when a file of that name is there already, dir/name-2 (-3, …) before its
// extension.
func freePath(dir, name string) string {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	path := filepath.Join(dir, name)
	for i := 2; ; i++ {
		if _, err := os.Lstat(path); err != nil {
			return path // not there (or not to be looked at: the write says why)
		}
		path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, i, ext))
	}
}
