// Package assets holds the bytes the programs embed: the CJK font (WenQuanYi Micro Hei, face 0 of
// Debian's wqy-microhei.ttc saved as a TrueType .ttf; Apache-2.0, see FONT-LICENSE.txt) and the icon.
// The same font bytes serve the screen theme and the PDFs, so screen and paper match.
package assets

import _ "embed"

// FontTTF is the CJK font with Latin letters and digits.
//
//go:embed wqy-microhei.ttf
var FontTTF []byte

// FontName is the font's family name as the PDFs register it.
const FontName = "wqy"

// IconPNG is the application icon.
//
//go:embed icon.png
var IconPNG []byte
