// Command barewindow is the floor the window program's memory is measured against: a Fyne window with
// a label and a button, nothing of ours (.ci/startup-timing starts both under the same display).
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.New()
	w := a.NewWindow("bare")
	w.SetContent(container.NewVBox(widget.NewLabel("Hello"), widget.NewButton("OK", func() {})))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
}
