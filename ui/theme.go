// Package ui holds the Fyne screens of Frontdesk: the shell with its navigation, the list and entry
// screens derived from the form declarations, the household registry and the settings.
package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets"
)

var fontResource = fyne.NewStaticResource("wqy-microhei.ttf", assets.FontTTF)

// Theme is Fyne's default theme with the bundled CJK font, so Chinese renders on a PC without Chinese
// fonts, and the screen uses the same letters as the paper.
type Theme struct{ fyne.Theme }

// NewTheme returns the app's theme.
func NewTheme() fyne.Theme { return &Theme{theme.DefaultTheme()} }

// Font returns the bundled font for every style (it has one weight; bold is drawn by Fyne).
func (t *Theme) Font(fyne.TextStyle) fyne.Resource { return fontResource }

// Color keeps the light variant for the desk: the paper forms are black on white.
func (t *Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if c, ok := deskColors[n]; ok {
		return c
	}
	return t.Theme.Color(n, theme.VariantLight)
}

// deskColors are the colours of text, and of what text sits on, that the desk changes from Fyne's
// light theme: every text reads at 4.5:1 or more against what it sits on (WCAG AA for normal text),
// on an office monitor in daylight too. Fyne's own grey hints (#888), disabled text (#e3e3e3) and
// bright red, green and orange read at 1.2:1 to 3.7:1; these keep the hues and darken them. The
// selected row is a paler blue, so red or green text on it still reads. contrast_test.go checks
// every pair.
var deskColors = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameForeground:  color.NRGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff},
	theme.ColorNamePlaceHolder: color.NRGBA{R: 0x5c, G: 0x5c, B: 0x5c, A: 0xff},
	theme.ColorNameDisabled:    color.NRGBA{R: 0x5c, G: 0x5c, B: 0x5c, A: 0xff},
	theme.ColorNamePrimary:     color.NRGBA{R: 0x1a, G: 0x5c, B: 0xc8, A: 0xff},
	theme.ColorNameHyperlink:   color.NRGBA{R: 0x1a, G: 0x5c, B: 0xc8, A: 0xff},
	theme.ColorNameError:       color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff},
	theme.ColorNameSuccess:     color.NRGBA{R: 0x1e, G: 0x6b, B: 0x24, A: 0xff},
	theme.ColorNameWarning:     color.NRGBA{R: 0x7a, G: 0x50, B: 0x00, A: 0xff},
	theme.ColorNameSelection:   color.NRGBA{R: 0x00, G: 0x6c, B: 0xff, A: 0x26},
	// The month grids (the roster): the heading cells, a weekend's and an official holiday's day, the
	// lines between cells.
	colorGridHead:  color.NRGBA{R: 0xf2, G: 0xf2, B: 0xf2, A: 0xff},
	colorWeekend:   color.NRGBA{R: 0xe0, G: 0xe0, B: 0xe0, A: 0xff},
	colorHoliday:   color.NRGBA{R: 0xf9, G: 0xdb, B: 0xd3, A: 0xff},
	colorGridLines: color.NRGBA{R: 0xb0, G: 0xb0, B: 0xb0, A: 0xff},
}

// The desk's own colour names.
const (
	colorGridHead  fyne.ThemeColorName = "frontdeskGridHead"
	colorWeekend   fyne.ThemeColorName = "frontdeskWeekend"
	colorHoliday   fyne.ThemeColorName = "frontdeskHoliday"
	colorGridLines fyne.ThemeColorName = "frontdeskGridLines"
)

// Size makes the text a little larger than Fyne's default: Chinese at 14 px strains the eyes all day.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return 15
	}
	return t.Theme.Size(n)
}

// heading is a title line: larger text rather than bold. The bundled font has one weight, so Fyne's
// bold looks the same as regular, yet every text style it is asked for parses the whole CJK font
// again (about 10 MB each); the program therefore uses the regular style only.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// centred centres a label's text.
func centred(l *widget.Label) *widget.Label {
	l.Alignment = fyne.TextAlignCenter
	return l
}

// plainHeader is a table header cell in the regular style (Fyne's default is bold; see heading).
func plainHeader() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Alignment = fyne.TextAlignCenter
	return l
}
