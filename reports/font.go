// Package reports turns records into the PDFs that are printed, signed and stamped by hand.
// It uses no GUI and no database: a record in, a PDF out.
package reports

import (
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"

	"frontdesk/assets"
)

// stand-in drawn where the font has no glyph: the character stays intact in the store, and the
// paper shows that something is there rather than silently dropping it.
const standIn = '□'

var (
	glyphOnce sync.Once
	glyphFont *sfnt.Font
)

// HasGlyph says whether the bundled font can draw r.
func HasGlyph(r rune) bool {
	glyphOnce.Do(func() {
		f, err := sfnt.Parse(assets.FontTTF)
		if err == nil {
			glyphFont = f
		}
	})
	if glyphFont == nil {
		return r < 0x80
	}
	var buf sfnt.Buffer
	i, err := glyphFont.GlyphIndex(&buf, r)
	return err == nil && i != 0
}

// Printable replaces what gofpdf cannot print: any character above U+FFFF (gofpdf panics on those)
// and any the font has no glyph for. Control characters other than newline become spaces.
func Printable(s string) string {
	ok := true
	for _, r := range s {
		if r > 0xFFFF || (r >= 0x80 && !HasGlyph(r)) || (r < 0x20 && r != '\n') {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20 && r != '\n':
			b.WriteByte(' ')
		case r > 0xFFFF || (r >= 0x80 && !HasGlyph(r)):
			b.WriteRune(standIn)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
