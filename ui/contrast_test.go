package ui

import (
	"image/color"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// WCAG 2.x: normal text needs a contrast ratio of at least 4.5:1 against what it is drawn on.
const minContrast = 4.5

// surface is what text sits on: a theme colour, optionally with a translucent one drawn over it (a
// hovered button, a selected row, the focus highlight).
type surface struct {
	base, over fyne.ThemeColorName
}

func (s surface) String() string {
	if s.over == "" {
		return string(s.base)
	}
	return string(s.over) + " over " + string(s.base)
}

// The surfaces of the desk's windows: the window and dialogs, fields, buttons, menus, table headers,
// and the rows of tables, lists and the navigation when hovered or selected.
var (
	plainSurfaces = []surface{
		{base: theme.ColorNameBackground}, {base: theme.ColorNameOverlayBackground}, {base: theme.ColorNameMenuBackground},
		{base: theme.ColorNameHeaderBackground}, {base: theme.ColorNameInputBackground}, {base: theme.ColorNameButton},
		{base: theme.ColorNameDisabledButton}, {base: colorGridHead}, {base: colorWeekend}, {base: colorHoliday},
		{base: theme.ColorNameBackground, over: theme.ColorNameHover}, {base: theme.ColorNameBackground, over: theme.ColorNameSelection},
		{base: theme.ColorNameOverlayBackground, over: theme.ColorNameSelection}, {base: theme.ColorNameMenuBackground, over: theme.ColorNameHover},
		{base: theme.ColorNameMenuBackground, over: theme.ColorNameFocus},
	}
	// Buttons (and a focused or hovered one) carry the ordinary text colour.
	buttonSurfaces = []surface{
		{base: theme.ColorNameButton, over: theme.ColorNameHover}, {base: theme.ColorNameButton, over: theme.ColorNameFocus},
		{base: theme.ColorNameButton, over: theme.ColorNamePressed}, {base: theme.ColorNameInputBackground, over: theme.ColorNameFocus},
	}
)

// textPairs are every text colour the desk uses with the surfaces it is drawn on.
func textPairs() map[fyne.ThemeColorName][]surface {
	coloured := func(c fyne.ThemeColorName) []surface {
		return []surface{{base: c}, {base: c, over: theme.ColorNameHover}, {base: c, over: theme.ColorNameFocus}, {base: c, over: theme.ColorNamePressed}}
	}
	return map[fyne.ThemeColorName][]surface{
		// Labels, entries, selects, checks, menus, table cells; ordinary buttons.
		theme.ColorNameForeground: append(append([]surface{}, plainSurfaces...), buttonSurfaces...),
		// An empty field's hint.
		theme.ColorNamePlaceHolder: {{base: theme.ColorNameInputBackground}, {base: theme.ColorNameInputBackground, over: theme.ColorNameHover}},
		// Disabled buttons, fields and menu items; the LowImportance hints and voided rows.
		theme.ColorNameDisabled: plainSurfaces,
		// HighImportance labels (a picked suggestion), links.
		theme.ColorNamePrimary:   plainSurfaces,
		theme.ColorNameHyperlink: plainSurfaces,
		// Messages beside fields, overdue lines, the board's verdicts (达标 green, 接近 amber, 未达标 red).
		theme.ColorNameError:   plainSurfaces,
		theme.ColorNameSuccess: plainSurfaces,
		theme.ColorNameWarning: plainSurfaces,
		// The text of the coloured buttons (保存, 作废 …) on their colour.
		theme.ColorNameForegroundOnPrimary: coloured(theme.ColorNamePrimary),
		theme.ColorNameForegroundOnError:   coloured(theme.ColorNameError),
		theme.ColorNameForegroundOnSuccess: coloured(theme.ColorNameSuccess),
		theme.ColorNameForegroundOnWarning: coloured(theme.ColorNameWarning),
	}
}

// over draws a translucent colour on an opaque one.
func over(top, bottom color.Color) color.NRGBA {
	t := color.NRGBAModel.Convert(top).(color.NRGBA)
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 0xff}
}

// luminance is the relative luminance of WCAG 2.x.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrastRatioFormula(t *testing.T) {
	for _, c := range []struct {
		a, b color.Color
		want float64
	}{
		{color.White, color.Black, 21},
		{color.White, color.White, 1},
		{color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff}, color.White, 4.54}, // the lightest grey that passes on white
		{color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}, color.NRGBA{R: 0xf3, G: 0xf3, B: 0xf3, A: 0xff}, 3.19},
	} {
		if got := contrast(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.2f; want %.2f", c.a, c.b, got, c.want)
		}
	}
	if got := over(color.NRGBA{A: 0x80}, color.White); got.R != 0x7f {
		t.Errorf("half black over white = %v", got)
	}
}

// Every text colour of the theme reads at 4.5:1 on every surface it is drawn on.
func TestTextContrast(t *testing.T) {
	test.NewTempApp(t)
	th := NewTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} { // the desk is light whatever the system says
		for text, ons := range textPairs() {
			fg := th.Color(text, v)
			for _, on := range ons {
				bg := th.Color(on.base, v)
				if on.over != "" {
					bg = over(th.Color(on.over, v), bg)
				}
				if r := contrast(fg, bg); r < minContrast {
					t.Errorf("variant %d: %s %v on %s %v: %.2f:1; want at least %.1f:1", v, text, fg, on, bg, r, minContrast)
				}
			}
		}
	}
}

// Colours are the theme's: a colour written into a screen would escape the check above.
func TestNoColoursOutsideTheTheme(t *testing.T) {
	lit := regexp.MustCompile(`color\.(N?RGBA|Gray|Black|White)\b`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "theme.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if lit.MatchString(line) {
				t.Errorf("%s:%d: a colour outside the theme: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
