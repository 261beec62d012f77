package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipDelay is how long the pointer rests on a button before its tip shows; tests set it to 0.
var tipDelay = 600 * time.Millisecond

// tipLayer draws the tip of the button under the pointer above the desk. It holds nothing that takes
// a tap or the pointer, so the clicks go through to the screen beneath.
type tipLayer struct {
	layer *fyne.Container
	box   *fyne.Container
	text  *canvas.Text
	timer *time.Timer
	shown fyne.CanvasObject // the button whose tip shows
	// hovered is the button under the pointer, whose tip is due.
	hovered fyne.CanvasObject
}

func newTipLayer() *tipLayer {
	t := &tipLayer{text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.text.TextSize = theme.TextSize()
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameForeground)
	bg.StrokeWidth = 1
	bg.CornerRadius = 3
	t.box = container.NewStack(bg, container.NewPadded(t.text))
	t.box.Hide()
	t.layer = container.NewWithoutLayout(t.box)
	return t
}

// showFor shows a tip under a button, kept inside the window.
func (t *tipLayer) showFor(b fyne.CanvasObject, tip string) {
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil || !b.Visible() {
		return
	}
	t.text.Text = tip
	t.text.Refresh()
	size := t.box.MinSize()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Add(fyne.NewPos(0, b.Size().Height+4))
	layerPos := fyne.CurrentApp().Driver().AbsolutePositionForObject(t.layer)
	pos = pos.Subtract(layerPos)
	if over := pos.X + size.Width - t.layer.Size().Width; over > 0 {
		pos.X -= over
	}
	pos.X = max(pos.X, 0)
	t.box.Move(pos)
	t.box.Resize(size)
	t.box.Show()
	t.shown = b
}

func (t *tipLayer) hide() {
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
	t.shown, t.hovered = nil, nil
	t.box.Hide()
}

// tipButton is a toolbar button that says what it does when the pointer rests on it.
type tipButton struct {
	widget.Button
	tip  string
	tips *tipLayer
}

func (sh *Shell) newTipButton(label string, icon fyne.Resource, tip string, tapped func()) *tipButton {
	b := &tipButton{tip: tip, tips: sh.tips}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *tipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.tips == nil || b.tip == "" {
		return
	}
	if tipDelay <= 0 {
		b.tips.showFor(b, b.tip)
		return
	}
	if b.tips.timer != nil {
		b.tips.timer.Stop()
	}
	b.tips.hovered = b
	b.tips.timer = time.AfterFunc(tipDelay, func() {
		fyne.Do(func() {
			if b.tips.hovered == b { // the pointer may have left while this waited
				b.tips.showFor(b, b.tip)
			}
		})
	})
}

func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	if b.tips != nil {
		b.tips.hide()
	}
}

func (b *tipButton) Tapped(e *fyne.PointEvent) {
	if b.tips != nil {
		b.tips.hide()
	}
	b.Button.Tapped(e)
}

// overflowBar lays out a toolbar's buttons in a row from the right and, when the screen is too narrow
// for all of them (1024 pixels wide), puts those that do not fit under a 更多 button's menu, so a
// toolbar never makes the window wider than the screen.
type overflowBar struct {
	items []fyne.CanvasObject // buttons (*widget.Button or *tipButton)
	more  *widget.Button
	box   *fyne.Container
}

func newOverflowBar(items ...fyne.CanvasObject) *overflowBar {
	o := &overflowBar{items: items}
	o.more = widget.NewButtonWithIcon("更多", theme.MoreHorizontalIcon(), func() { o.showMore() })
	objs := append(append([]fyne.CanvasObject{}, items...), o.more)
	o.box = container.New(o, objs...)
	return o
}

// buttonOf is the button a toolbar item is.
func buttonOf(o fyne.CanvasObject) *widget.Button {
	switch b := o.(type) {
	case *widget.Button:
		return b
	case *tipButton:
		return &b.Button
	}
	return nil
}

// hidden are the buttons that did not fit at the last layout.
func (o *overflowBar) hidden() []*widget.Button {
	var out []*widget.Button
	for _, it := range o.items {
		if b := buttonOf(it); b != nil && !it.Visible() {
			out = append(out, b)
		}
	}
	return out
}

func (o *overflowBar) showMore() {
	var items []*fyne.MenuItem
	for _, b := range o.hidden() {
		b := b
		if b.Disabled() {
			continue
		}
		items = append(items, fyne.NewMenuItem(b.Text, func() {
			if b.OnTapped != nil {
				b.OnTapped()
			}
		}))
	}
	if len(items) == 0 {
		return
	}
	menuUnder(o.more, items...)
}

// menuUnder opens a menu under a button (更多, 办理, 导出), the keyboard on it.
func menuUnder(at fyne.CanvasObject, items ...*fyne.MenuItem) {
	c := fyne.CurrentApp().Driver().CanvasForObject(at)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(at).Add(fyne.NewPos(0, at.Size().Height))
	m := widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	m.ShowAtPosition(pos)
	c.Focus(m)
}

// Layout puts the buttons right-aligned; the first ones keep their place, the last ones go under 更多.
func (o *overflowBar) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	moreW := o.more.MinSize().Width
	var total float32
	for _, b := range o.items {
		total += b.MinSize().Width + pad
	}
	fits := total <= size.Width
	avail := size.Width
	if !fits {
		avail -= moreW + pad
	}
	var shown []fyne.CanvasObject
	var used float32
	overflowing := false
	for _, b := range o.items {
		w := b.MinSize().Width
		if !overflowing && used+w <= avail {
			b.Show()
			shown = append(shown, b)
			used += w + pad
			continue
		}
		overflowing = true
		b.Hide()
	}
	if overflowing {
		o.more.Show()
		shown = append(shown, o.more)
		used += moreW + pad
	} else {
		o.more.Hide()
	}
	x := size.Width - used + pad
	for _, b := range shown {
		ms := b.MinSize()
		b.Move(fyne.NewPos(x, (size.Height-ms.Height)/2))
		b.Resize(fyne.NewSize(ms.Width, ms.Height))
		x += ms.Width + pad
	}
}

// MinSize is as small as the first button and 更多: the bar gives way to the window, not the reverse.
func (o *overflowBar) MinSize([]fyne.CanvasObject) fyne.Size {
	var h float32
	for _, b := range o.items {
		h = max(h, b.MinSize().Height)
	}
	w := o.more.MinSize().Width
	if len(o.items) > 0 {
		w += o.items[0].MinSize().Width + theme.Padding()
	}
	return fyne.NewSize(w, h)
}
