package data

import "strings"

// UTF8BOM starts every CSV the program writes, so Excel and WPS on a Chinese Windows read it as UTF-8
// rather than as GBK.
const UTF8BOM = "\ufeff"

// SafeCell is a value as it may go into a cell of a CSV the program writes: one that starts with =, +,
// -, @, a tab or a carriage return would be taken for a formula by Excel or WPS opening the CSV
// (=cmd|' /C calc'!A0 typed as 来访事由), so it is written after an apostrophe, which shows as text.
// A spreadsheet (.xlsx) needs none: its text goes into string cells, which are never evaluated.
func SafeCell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// UnescapeCell takes back the apostrophe SafeCell put before a value that would read as a formula, as
// a file the program wrote is read again (the registry exported, then imported).
func UnescapeCell(v string) string {
	if len(v) > 1 && v[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(v[1])) {
		return v[1:]
	}
	return v
}
