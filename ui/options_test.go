package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// approvedDecember approves a December roster: 3日 陈佳 on the 早班, 周敏 on the 中班, back-office support
// on every other shift (后台丙 the 晚班, 后台丁 the 夜班 that day).
func approvedDecember(t *testing.T, h *harness) {
	t.Helper()
	sup := data.Actor{Login: "wang", Name: "王主管", Role: data.RoleSupervisor}
	mgr := data.Actor{Login: "liu", Name: "刘经理", Role: data.RoleManager}
	in := data.NewInput()
	in.Values["month"], in.Values["author"] = "2026-12", "王主管"
	in.Tables["lines"] = staffedRoster(t, h, "2026-12", data.Row{"date": "2026-12-03", "early": "陈佳", "middle": "周敏"})
	r, err := h.store.Create(sup, "roster", in)
	if err == nil {
		_, err = h.store.Step(sup, r.Serial, "submit", data.NewInput())
	}
	if err == nil {
		_, err = h.store.Step(mgr, r.Serial, "approve", data.NewInput())
	}
	if err != nil {
		t.Fatal(err)
	}
}

// optionLines are the lines an options list shows, in order (its heading left out).
func optionLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimPrefix(strings.TrimSpace(l), "▶ ")
		if strings.Contains(l, "　当天") {
			out = append(out, l)
		}
	}
	return out
}

// freeFirst says whether every line of someone free comes before every line of someone busy, and the
// busy one named is said to be busy.
func freeFirst(t *testing.T, lines []string, busy string) {
	t.Helper()
	seenBusy := false
	for _, l := range lines {
		clash := strings.Contains(l, "时间重叠")
		if seenBusy && !clash {
			t.Errorf("someone free listed after someone busy: %q", lines)
			return
		}
		seenBusy = seenBusy || clash
		if strings.Contains(l, busy) && !clash {
			t.Errorf("%s, on the 中班, is not said to clash: %q", busy, l)
		}
	}
	if !seenBusy || len(lines) < 4 {
		t.Errorf("the options: %q", lines)
	}
}

// A clerk asking a colleague to stand in for 12:00–15:00 of the 早班 is offered, under 调班/顶岗对方, the
// colleagues free for those hours by the approved roster first (后台丁, on the night, among them), then
// those on the 中班 and 晚班, saying why; a digit takes one and moves on.
func TestStandInRequestListsTheColleaguesFreeFirst(t *testing.T) {
	h := newHarness(t)
	approvedDecember(t, h)
	l := h.list("leave")
	h.shortcut(fyne.KeyN)
	e := l.editor
	for k, v := range map[string]string{"kind": "顶岗", "date": "2026-12-03", "shift": "早班", "stand_from": "12:00", "stand_to": "15:00"} {
		e.inputs[k].set(v)
	}
	o, ok := e.inputs["partner"].(*optionsInput)
	if !ok {
		t.Fatalf("调班/顶岗对方 is a %T, with no options", e.inputs["partner"])
	}
	h.win.Canvas().Focus(o.focusable())
	lines := optionLines(labelsOf(t, o.object()))
	freeFirst(t, lines, "周敏")
	pick := -1
	for i, l := range lines {
		if strings.Contains(l, "后台丁") && strings.Contains(l, "夜班") && strings.Contains(l, "不重叠") {
			pick = i
		}
	}
	if pick < 0 || pick > 8 {
		t.Fatalf("后台丁, on the night, not offered as free: %q", lines)
	}
	h.typeText(string(rune('1' + pick)))
	if got := o.get(); got != "后台丁" {
		t.Errorf("the digit took %q", got)
	}
	if h.focused() == o.focusable() {
		t.Errorf("the digit did not move on")
	}
	if len(o.shown) != 0 {
		t.Errorf("the list stays open after the pick")
	}
}

// The supervisor approving a leave chooses its cover from the colleagues free for the shift first; the
// one chosen is the approved request's cover.
func TestLeaveApprovalOffersTheFreeColleaguesFirst(t *testing.T) {
	h := newHarnessAs(t, "wang")
	approvedDecember(t, h)
	clerk := data.Actor{Login: "chenjia", Name: "陈佳", Role: data.RoleClerk}
	in := data.NewInput()
	in.Values = map[string]string{"kind": "请假", "person": "陈佳", "date": "2026-12-03", "shift": "早班", "reason": "家中有事"}
	r, err := h.store.Create(clerk, "leave", in)
	if err != nil {
		t.Fatal(err)
	}
	l := h.list("leave")
	st := stepOf(t, l.form, "approve")
	h.sh.takeStep(l.form, r, st, func(*data.Record) {})
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("批准 asked nothing")
	}
	lines := optionLines(labelsOf(t, top))
	freeFirst(t, lines, "周敏")
	if len(lines) == 0 || !strings.Contains(lines[0], "当天休息") {
		t.Fatalf("the first offered: %q", lines)
	}
	h.typeText("1")
	for i := 0; i < 2 && h.win.Canvas().Overlays().Top() != nil; i++ {
		h.key(fyne.KeyReturn) // a confirmation naming the request, if asked
	}
	got, err := h.store.BySerial(h.sh.actor, r.Serial)
	want := strings.Fields(lines[0])[1]
	if err != nil || got.State != "approved" || got.Values["cover"] != want {
		t.Errorf("approved: %v %s cover %q; want %q", err, got.State, got.Values["cover"], want)
	}
}
