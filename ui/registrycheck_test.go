package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// slipScreen opens a new release slip and fills what does not concern the registry.
func slipScreen(t *testing.T, h *harness) *editor {
	t.Helper()
	l := h.list("release")
	h.shortcut(fyne.KeyN)
	e := l.editor
	if e == nil || e.form.Registry == nil {
		t.Fatal("the release slip declares no check against the registry")
	}
	for k, v := range map[string]string{"identity_check": "业主本人到场", "carrier": "货拉拉", "gate": "东门"} {
		e.inputs[k].set(v)
	}
	items := e.tables["items"]
	items.rows[0][0].set("冰箱")
	items.rows[0][2].set("1")
	return e
}

// A slip for a unit the registry does not have: the screen says so as the unit is typed, the save is
// refused with the reason asked for under its field, and once the reason is typed the slip saves with
// it, in the record and in its history.
func TestReleaseSlipUnitNotInRegistry(t *testing.T) {
	h := newHarness(t)
	e := slipScreen(t, h)
	rc := e.form.Registry
	u := e.inputs[rc.Unit].(*unitInput)
	h.win.Canvas().Focus(u.e)
	h.typeText("3-2-12")
	if l := e.errs[rc.Reason]; l.Visible() {
		t.Errorf("a unit still being typed (3-2-12 begins 3-2-1201) is already a mismatch: %q", l.Text)
	}
	u.set("")
	h.win.Canvas().Focus(u.e)
	h.typeText("99-9-9999")
	if !strings.Contains(u.owner.Text, "没有这个房号") || !u.owner.Visible() {
		t.Errorf("unit line = %q; want it to say the unit is not in the registry", u.owner.Text)
	}
	reason := e.errs[rc.Reason]
	if !reason.Visible() || !strings.Contains(reason.Text, "写明原因") || reason.Importance != widget.WarningImportance {
		t.Errorf("reason field says %q (shown %v); want it asked for", reason.Text, reason.Visible())
	}
	if got := e.labels[rc.Reason].Text; !strings.HasSuffix(got, "*") {
		t.Errorf("reason label = %q; want it marked required", got)
	}
	e.inputs["owner_name"].set("周新")
	e.inputs["owner_phone"].set("13900001111")

	h.shortcut(fyne.KeyS)
	if n, _ := h.store.Count("release"); n != 0 {
		t.Fatalf("%d slips saved without the reason", n)
	}
	errs := visibleErrors(e)
	if !strings.Contains(errs[rc.Unit], "档案中没有这个房号") || !strings.Contains(errs[rc.Reason], "写明原因") {
		t.Errorf("after the refused save: %v", errs)
	}
	if e.errs[rc.Reason].Importance != widget.DangerImportance {
		t.Error("the refusal's message is not red")
	}
	if !strings.Contains(e.status.Text, "未保存") {
		t.Errorf("status = %q", e.status.Text)
	}

	// A reason too short to follow up is refused too; a real one saves.
	in := e.inputs[rc.Reason]
	h.win.Canvas().Focus(in.focusable())
	h.typeText("无")
	h.shortcut(fyne.KeyS)
	if n, _ := h.store.Count("release"); n != 0 {
		t.Fatalf("saved with the reason %q", in.get())
	}
	in.set("")
	h.win.Canvas().Focus(in.focusable())
	h.typeText("新购房业主，出示购房合同")
	if l := e.labels[rc.Reason]; !strings.HasSuffix(l.Text, "*") {
		t.Errorf("reason label = %q while the slip disagrees", l.Text)
	}
	h.shortcut(fyne.KeyS)
	page, _ := h.store.List(h.sh.actor, store.Query{Kind: "release"})
	if len(page.Records) != 1 {
		t.Fatalf("saved %d slips; %v", len(page.Records), visibleErrors(e))
	}
	r := page.Records[0]
	if r.Values[rc.Reason] != "新购房业主，出示购房合同" || r.Values[rc.Unit] != "99-9-9999" {
		t.Errorf("stored slip = %v", r.Values)
	}
	if !strings.Contains(e.status.Text, "已保存") {
		t.Errorf("status = %q", e.status.Text)
	}
	var history []string
	for _, o := range e.history.Objects {
		if l, ok := o.(*widget.Label); ok {
			history = append(history, l.Text)
		}
	}
	if !strings.Contains(strings.Join(history, "\n"), "核对说明：新购房业主，出示购房合同") {
		t.Errorf("history = %q; want the reason on the saving line", history)
	}
}

// The owner's name or phone that differ from the registry are shown under their fields with what the
// registry has, masked for a clerk: the registry's phone is never shown in full.
func TestReleaseSlipOwnerDiffersFromRegistry(t *testing.T) {
	h := newHarness(t)
	if h.sh.actor.Can(data.PermViewPersonal) {
		t.Fatal("the harness's clerk sees phones in full; the test needs one who does not")
	}
	e := slipScreen(t, h)
	rc := e.form.Registry
	u := e.inputs[rc.Unit].(*unitInput)
	h.win.Canvas().Focus(u.e)
	h.typeText("3-2-1201") // the registry fills 李娜, 13812345678
	if got := e.inputs["owner_name"].get() + " " + e.inputs["owner_phone"].get(); got != "李娜 13812345678" {
		t.Fatalf("filled from the registry: %q", got)
	}
	if errs := visibleErrors(e); len(errs) != 0 {
		t.Errorf("a slip that agrees with the registry shows %v", errs)
	}
	if got := e.labels[rc.Reason].Text; strings.HasSuffix(got, "*") {
		t.Errorf("reason label = %q on a slip that agrees", got)
	}

	phone := e.inputs["owner_phone"]
	phone.set("")
	h.win.Canvas().Focus(phone.focusable())
	h.typeText("13900001111")
	l := e.errs["owner_phone"]
	if !l.Visible() || !strings.Contains(l.Text, "与业户档案不符") || !strings.Contains(l.Text, "138****5678") {
		t.Errorf("phone message = %q (shown %v); want the masked registry phone", l.Text, l.Visible())
	}
	name := e.inputs["owner_name"]
	name.set("")
	h.win.Canvas().Focus(name.focusable())
	h.typeText("李四")
	if l := e.errs["owner_name"]; !l.Visible() || !strings.Contains(l.Text, "档案登记的业主是 李*") {
		t.Errorf("name message = %q", l.Text)
	}
	for k, m := range visibleErrors(e) {
		if strings.Contains(m, "13812345678") || strings.Contains(m, "李娜") {
			t.Errorf("message on %s shows the registry unmasked: %q", k, m)
		}
	}
	h.shortcut(fyne.KeyS)
	if n, _ := h.store.Count("release"); n != 0 {
		t.Fatal("a slip with another owner saved without the reason")
	}
	// Typed back as the registry has them, the messages go and the slip saves without a reason.
	name.set("")
	h.win.Canvas().Focus(name.focusable())
	h.typeText("李娜")
	phone.set("")
	h.win.Canvas().Focus(phone.focusable())
	h.typeText("13812345678")
	h.shortcut(fyne.KeyS)
	if n, _ := h.store.Count("release"); n != 1 {
		t.Fatalf("corrected slip not saved: %v", visibleErrors(e))
	}
	if errs := visibleErrors(e); len(errs) != 0 {
		t.Errorf("after saving: %v", errs)
	}
}
