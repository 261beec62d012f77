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
	return t.Theme.Color(n, theme.VariantLight)
}

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
