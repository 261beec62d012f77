package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
	"frontdesk/data/store"
)

// gridOf is the month grid of an entry screen's table, with the keyboard on it.
func gridOf(t *testing.T, h *harness, e *editor, key string) *monthGrid {
	t.Helper()
	g, ok := e.grids[key]
	if !ok {
		t.Fatalf("the %s table is not entered as a month grid", key)
	}
	return g
}

// gridTexts are the texts the grid draws at a row (0, 1 the headings; then a person each; the foot),
// from its name to its sum.
func gridTexts(t *testing.T, g *monthGrid, row int) []string {
	t.Helper()
	var out []string
	for _, o := range test.TempWidgetRenderer(t, g).Objects() {
		if tx, ok := o.(*canvas.Text); ok && int(tx.Position().Y)/mgRowH == row {
			out = append(out, tx.Text)
		}
	}
	return out
}

// The supervisor enters next month's roster as the wall sheet prints it, by keyboard: from the month,
// Enter to the grid, ↓ to a person, a shift's letter, digit or character puts them on it and moves to
// the next day, ← goes back, Delete clears, one person a shift (the one there before is taken off, and
// the line under the grid says so); the person's days and the day's people are counted as typed, and
// the saved roster's lines are the days with who is on each shift.
func TestSupervisorTypesTheRosterIntoTheMonthGrid(t *testing.T) {
	h := newHarnessAs(t, "wang")
	l := h.list("roster")
	h.shortcut(fyne.KeyN)
	e := l.editor
	if e == nil {
		t.Fatal("Ctrl+N opened no roster")
	}
	if got := e.inputs["month"].get(); got != "2026-12" {
		t.Fatalf("a new roster on 27 November is for %q", got)
	}
	g := gridOf(t, h, e, "lines")
	h.win.Canvas().Focus(e.inputs["month"].focusable())
	h.key(fyne.KeyReturn) // 拟定人, as filled
	h.key(fyne.KeyReturn)
	if h.focused() != g {
		t.Fatalf("Enter from 拟定人 went to %T, not the grid", h.focused())
	}
	chen, zhou := slices.Index(g.people, "陈佳"), slices.Index(g.people, "周敏")
	if chen < 0 || zhou < 0 || g.days != 31 {
		t.Fatalf("the grid's rows %v, %d days", g.people, g.days)
	}
	for i := 0; i < chen; i++ {
		h.key(fyne.KeyDown)
	}
	h.typeText("z") // 1日 早班
	h.typeText("M") // 2日 中班
	h.typeText("3") // 3日 晚班
	h.typeText("夜") // 4日 夜班, as an IME types it
	h.key(fyne.KeyLeft)
	h.key(fyne.KeyDelete) // 4日: rests after all
	h.key(fyne.KeyRight)
	h.key(fyne.KeyReturn) // 5日 left as it is: on to 6日
	h.typeText("w")       // 6日 晚班
	if g.row != chen || g.day != 7 {
		t.Errorf("the cursor after six days: row %d day %d; want %d, 7", g.row, g.day, chen)
	}
	if got := gridTexts(t, g, mgHead+chen); got[0] != "陈佳" || strings.Join(got[1:8], "") != "早中晚晚" || got[len(got)-1] != "4" {
		t.Errorf("陈佳's row draws %q; want 早中晚 and 晚 on the 6th, 4 days", got)
	}
	// 周敏 on 1日 早班 takes it from 陈佳.
	for g.row != zhou {
		if g.row < zhou {
			h.key(fyne.KeyDown)
		} else {
			h.key(fyne.KeyUp)
		}
	}
	h.key(fyne.KeyHome)
	h.typeText("Z")
	if !strings.Contains(g.status.Text, "早班原是陈佳，已改为周敏") {
		t.Errorf("the status line after taking 陈佳's 早班: %q", g.status.Text)
	}
	if foot := gridTexts(t, g, mgHead+len(g.people)); foot[0] != "当日在岗" || foot[1] != "1" || foot[2] != "1" || foot[4] != "0" {
		t.Errorf("the day's counts draw %q; want 1, 1, 1, 0…", foot)
	}
	h.shortcut(fyne.KeyS)
	page, err := h.store.List(h.sh.actor, store.Query{Kind: "roster"})
	if err != nil || len(page.Records) != 1 {
		t.Fatalf("saved rosters: %v %v (%s)", page.Records, err, e.status.Text)
	}
	lines := page.Records[0].Tables["lines"]
	if len(lines) != 31 {
		t.Fatalf("the saved roster has %d lines; want 31", len(lines))
	}
	want := []data.Row{
		{"date": "2026-12-01", "early": "周敏"},
		{"date": "2026-12-02", "middle": "陈佳"},
		{"date": "2026-12-03", "late": "陈佳"},
		{"date": "2026-12-04"},
		{"date": "2026-12-05"},
		{"date": "2026-12-06", "late": "陈佳"},
	}
	for i, w := range want {
		if fmt.Sprint(lines[i]) != fmt.Sprint(w) {
			t.Errorf("line %d = %v; want %v", i+1, lines[i], w)
		}
	}
}

// The grid shades the weekends and the official holidays (National Day's week of October 2026; its
// make-up Saturday is a working day), follows the month typed, and opens a saved roster with its
// people first and their days counted.
func TestTheRosterGridShadesWeekendsAndHolidays(t *testing.T) {
	h := newHarnessAs(t, "wang")
	in := data.NewInput()
	in.Values["month"], in.Values["author"] = "2026-12", "王主管"
	in.Tables["lines"] = []data.Row{{"date": "2026-12-01", "night": "后台丁"}, {"date": "2026-12-02", "night": "后台丁"}, {"date": "2026-12-03", "early": "陈佳"}}
	mgr := data.Actor{Login: "liu", Name: "刘经理", Role: data.RoleManager}
	if err := h.store.SetSetting(mgr, duty.SettingSupportStaff, "后台丁"); err != nil {
		t.Fatal(err)
	}
	r, err := h.store.Create(h.sh.actor, "roster", in)
	if err != nil {
		t.Fatal(err)
	}
	l := h.list("roster")
	l.open(r)
	g := gridOf(t, h, l.editor, "lines")
	if g.people[0] != "后台丁" || g.people[1] != "陈佳" {
		t.Errorf("the rows of a saved roster: %v; want those on it first", g.people)
	}
	if got := gridTexts(t, g, mgHead); got[len(got)-1] != "2" {
		t.Errorf("后台丁's row draws %q; want 2 days", got)
	}
	if foot := gridTexts(t, g, mgHead+len(g.people)); foot[1] != "1" || foot[4] != "0" {
		t.Errorf("the day's counts draw %q", foot)
	}
	l.editor.inputs["month"].set("2026-10")
	g.move(0, 1) // the first days in view
	shades := map[int]color.Color{}
	for _, o := range test.TempWidgetRenderer(t, g).Objects() {
		if rc, ok := o.(*canvas.Rectangle); ok && rc.Position().Y == 0 && rc.Position().X >= mgNameW {
			shades[g.first+int(rc.Position().X-mgNameW)/mgCellW] = rc.FillColor
		}
	}
	if g.days != 31 {
		t.Fatalf("October has %d days in the grid", g.days)
	}
	for day, want := range map[int]color.Color{1: theme.Color(colorHoliday), 7: theme.Color(colorHoliday), 9: shades[8], 10: shades[8], 11: theme.Color(colorWeekend)} {
		if got := shades[day]; got != want {
			t.Errorf("10月%d日 shaded %v; want %v", day, got, want)
		}
	}
	if shades[8] == theme.Color(colorWeekend) || shades[8] == theme.Color(colorHoliday) {
		t.Errorf("10月8日, a working day, is shaded %v", shades[8])
	}
	g.move(0, 10)
	if !strings.Contains(g.status.Text, "调休上班") {
		t.Errorf("10月10日 (a make-up Saturday): %q", g.status.Text)
	}
	// A click puts the cursor on the cell clicked, and the keyboard on the grid.
	test.TapAt(g, fyne.NewPos(mgNameW+2*mgCellW+5, (mgHead+1)*mgRowH+5))
	if g.row != 1 || g.day != g.first+2 || h.focused() != g {
		t.Errorf("a click on row 1, the third day in view: row %d day %d (first %d), focus %T", g.row, g.day, g.first, h.focused())
	}
}

// An approved roster's grid is read, not typed: a letter changes nothing and the line under the grid
// says it is read-only (the change is a leave or swap request).
func TestAnApprovedRostersGridTakesNoTyping(t *testing.T) {
	h := newHarnessAs(t, "wang")
	approvedDecember(t, h)
	page, err := h.store.List(h.sh.actor, store.Query{Kind: "roster"})
	if err != nil || len(page.Records) != 1 {
		t.Fatalf("rosters: %v %v", page.Records, err)
	}
	r := page.Records[0]
	l := h.list("roster")
	l.open(r)
	g := gridOf(t, h, l.editor, "lines")
	if !g.Disabled() {
		t.Fatal("an approved roster's grid takes typing")
	}
	h.win.Canvas().Focus(g)
	h.typeText("m")
	h.key(fyne.KeyDelete)
	if fmt.Sprint(g.rows()) != fmt.Sprint(r.Tables["lines"]) || !strings.Contains(g.status.Text, "只读") {
		t.Errorf("typed into an approved roster: %v; status %q", g.rows()[0], g.status.Text)
	}
}
