package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// calendarLine makes the line under the board that says, on a month of a year without a holiday
// schedule, that its working-day figures assume no holidays; hidden otherwise.
func (b *boardScreen) calendarLine() fyne.CanvasObject {
	b.calendarGap = widget.NewLabel("")
	b.calendarGap.Wrapping = fyne.TextWrapWord
	b.calendarGap.Importance = widget.WarningImportance
	b.calendarGap.Hide()
	return b.calendarGap
}

// showCalendarGap shows or hides the line for the month m; the board is laid out again when it comes
// or goes (a line shown later has no place otherwise).
func (b *boardScreen) showCalendarGap(m data.Month) {
	gap := data.CalendarGapFigures(m.From.Year())
	if gap == b.calendarGap.Text && (gap != "") == b.calendarGap.Visible() {
		return
	}
	b.calendarGap.SetText(gap)
	if gap != "" {
		b.calendarGap.Show()
	} else {
		b.calendarGap.Hide()
	}
	if c, ok := b.box.(*fyne.Container); ok {
		c.Refresh()
	}
}
