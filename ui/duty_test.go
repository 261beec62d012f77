package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
	"frontdesk/data/store"
)

// staffedRoster is a roster line for every day of the month: the lines given, every shift they leave
// empty taken by back-office support set for the test (a roster is submitted only fully staffed).
func staffedRoster(t *testing.T, h *harness, month string, lines ...data.Row) []data.Row {
	t.Helper()
	mgr := data.Actor{Login: "liu", Name: "刘经理", Role: data.RoleManager}
	if err := h.store.SetSetting(mgr, duty.SettingSupportStaff, "后台甲、后台乙、后台丙、后台丁"); err != nil {
		t.Fatal(err)
	}
	fillers := map[string]string{"early": "后台甲", "middle": "后台乙", "late": "后台丙", "night": "后台丁"}
	m, _ := data.ParseLocal(data.TypeMonth, month)
	byDate := map[string]data.Row{}
	for _, l := range lines {
		byDate[l["date"]] = l
	}
	var out []data.Row
	for d := m; d.Before(m.AddDate(0, 1, 0)); d = d.AddDate(0, 0, 1) {
		row := data.Row{"date": d.Format(data.LayoutDate)}
		for k, v := range byDate[row["date"]] {
			row[k] = v
		}
		for k, p := range fillers {
			if row[k] == "" {
				row[k] = p
			}
		}
		out = append(out, row)
	}
	return out
}

// Whoever drafts a roster does not approve it (D8): the manager's own roster, submitted, offers him no
// 经理批准 on its screen, and the list's step is refused before anything is asked, saying why.
func TestMakerDoesNotApproveInTheWindow(t *testing.T) {
	h := newHarnessAs(t, "liu")
	in := data.NewInput()
	in.Values["month"], in.Values["author"] = "2026-12", "刘经理"
	in.Tables["lines"] = staffedRoster(t, h, "2026-12", data.Row{"date": "2026-12-01", "early": "陈佳", "middle": "周敏"})
	r, err := h.store.Create(h.sh.actor, "roster", in)
	if err != nil {
		t.Fatal(err)
	}
	if r, err = h.store.Step(h.sh.actor, r.Serial, "submit", data.NewInput()); err != nil {
		t.Fatal(err)
	}
	l := h.list("roster")
	for _, b := range h.sh.stepButtons(l.form, r, func(*data.Record) {}) {
		if btn, ok := b.(*widget.Button); ok && strings.Contains(btn.Text, "经理批准") {
			t.Errorf("the maker is offered %q", btn.Text)
		}
	}
	l.stepSelected(stepOf(t, l.form, "approve"))
	if h.win.Canvas().Overlays().Top() != nil || !strings.Contains(h.sh.message.Text, "不能自己“经理批准”") {
		t.Errorf("refusal: %q, dialog %v", h.sh.message.Text, h.win.Canvas().Overlays().Top() != nil)
	}
	if got, _ := h.store.BySerial(h.sh.actor, r.Serial); got.State != "submitted" {
		t.Errorf("state after a refused approval: %s", got.State)
	}
}

// A hot-work permit is due approved by its start: the one the supervisor passed on to the manager is
// on the manager's 今日待办 with its deadline, above a callback due later.
func TestHotWorkApprovalOnTodaysList(t *testing.T) {
	h := newHarness(t)
	permit := data.NewInput()
	permit.Values = map[string]string{"unit": "3-2-1201", "company": "恒泰建筑装饰公司", "leader": "王强", "leader_phone": "13812345678",
		"location": "阳台护栏", "content": "焊接阳台护栏", "method": "电焊", "watcher": "李四", "extinguishers": "2", "extinguisher_kg": "4",
		"cleared": "是", "cylinders": "是", "sparks": "是", "isolated": "不适用", "ppe": "是", "start": "2026-11-27 18:30", "end": "2026-11-27 20:30", "clerk": "陈佳"}
	permit.Tables["workers"] = []data.Row{{"name": "赵六", "cert_no": "T440301198805123456", "cert_expiry": "2027-06-30"}}
	r, err := h.store.Create(h.sh.actor, "hotwork", permit)
	if err != nil {
		t.Fatal(err)
	}
	sup := data.Actor{Login: "wang", Name: "王主管", Role: data.RoleSupervisor}
	if _, err := h.store.Step(sup, r.Serial, "approve", data.NewInput()); err != nil {
		t.Fatal(err)
	}
	msg := data.NewInput()
	msg.Values = map[string]string{"time": "2026-11-27 09:00", "unit": "3-2-1201", "to_name": "张伟", "from_name": "李娜", "content": "快递已放前台", "clerk": "陈佳"}
	if _, err := h.store.Create(h.sh.actor, "message", msg); err != nil { // due by the end of the day
		t.Fatal(err)
	}
	h.sh.Lock()
	h.logIn("liu", testPassword)
	td := h.sh.Current().(*todayScreen)
	at := -1
	for i, m := range td.lines {
		if m.Serial == r.Serial {
			at = i
			if got := todayCell(m, 1); got != "11月27日 18:30 前审批" || todayCell(m, 4) != "待经理审批" {
				t.Errorf("the permit's line: %q %q", got, todayCell(m, 4))
			}
		}
	}
	if at < 0 {
		t.Fatalf("the permit awaiting the manager is not on his 今日待办: %+v", td.lines)
	}
	for _, m := range td.lines[:at] {
		if m.Minutes != nil && *m.Minutes > 9*60 {
			t.Errorf("%s (%s) sits above the permit due at 18:30", m.Serial, m.Left)
		}
	}
	below := false
	for _, m := range td.lines[at+1:] {
		below = below || m.Kind == "message"
	}
	if !below {
		t.Errorf("the message due at the end of the day is not below the permit: %+v", td.lines)
	}
}

// The supervisor's reading shows the day's entries themselves (D7): the signature's dialog lists each
// entry to read, and the signed reading keeps them with what was said of each.
func TestLogReadingDialogShowsTheEntries(t *testing.T) {
	h := newHarnessAs(t, "wang")
	entry := data.NewInput()
	entry.Values = map[string]string{"time": "2026-11-27 08:40", "shift": "早班", "event_type": "报修", "urgency": "一般",
		"summary": "2-1-802 漏水，已通知工程部", "status": "跟进中", "clerk": "陈佳"}
	if _, err := h.store.Create(h.sh.actor, "duty_log", entry); err != nil {
		t.Fatal(err)
	}
	in := data.NewInput()
	in.Values["day"] = "2026-11-27"
	r, err := h.store.Create(h.sh.actor, "log_read", in)
	if err != nil {
		t.Fatal(err)
	}
	l := h.list("log_read")
	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	l.stepSelected(stepOf(t, l.form, "read"))
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(labelsOf(t, top), "08:40 早班 报修：2-1-802 漏水，已通知工程部（跟进中）") {
		t.Fatalf("the reading's dialog does not show the entry: %q", labelsOf(t, top))
	}
	h.key(fyne.KeyReturn)      // the entry: 已阅, as filled
	h.shortcut(fyne.KeyReturn) // the opinion, as filled: signed
	got, _ := h.store.BySerial(h.sh.actor, r.Serial)
	if got.State != "read" || len(got.Tables["day_log"]) != 1 || got.Tables["day_log"][0]["e_ack"] != "已阅" {
		t.Fatalf("signed: %s %v", got.State, got.Tables["day_log"])
	}
}

// An activity of the year's culture plan held and never evaluated is on the supervisor's 今日待办
// (R8.4); the line opens the plan itself, where its evaluation is taken.
func TestCultureEvaluationOnTodaysList(t *testing.T) {
	h := newHarnessAs(t, "wang")
	in := data.NewInput()
	in.Values = map[string]string{"year": "2026", "plan_date": "2025-12-15", "author": "王主管"}
	in.Tables["activities"] = []data.Row{{"month": "9", "name": "中秋晚会", "budget": "5000.00"}, {"month": "10", "name": "重阳敬老", "budget": "1200.00"}}
	plan, err := h.store.Create(h.sh.actor, "culture", in)
	if err != nil {
		t.Fatal(err)
	}
	mgr := data.Actor{Login: "liu", Name: "刘经理", Role: data.RoleManager}
	if _, err := h.store.Step(mgr, plan.Serial, "confirm", data.Input{Values: map[string]string{"committee_by": "业委会主任"}}); err != nil {
		t.Fatal(err)
	}
	ev := data.Input{Values: map[string]string{"activity": "中秋晚会", "held_on": "2026-09-15", "people": "200", "effect": "参与踊跃"}}
	if _, err := h.store.Step(h.sh.actor, plan.Serial, "evaluate", ev); err != nil {
		t.Fatal(err)
	}
	h.sh.Show(navToday)
	td := h.sh.Current().(*todayScreen)
	h.typeText("重阳敬老")
	if len(td.lines) != 1 || td.lines[0].Serial != plan.Serial || todayCell(td.lines[0], 5) != "活动评估" || !td.lines[0].Overdue {
		t.Fatalf("the activity to evaluate: %+v", td.lines)
	}
	h.key(fyne.KeyReturn)
	l, ok := h.sh.Current().(*listScreen)
	if !ok || l.form.Key != "culture" || l.editor == nil || l.editor.rec == nil || l.editor.rec.Serial != plan.Serial {
		t.Fatalf("the line opened %T", h.sh.Current())
	}
}

// A month with no spot check of the manager's (D17) is on his 今日待办; the line starts a 经理抽查.
func TestManagerSpotCheckOnTodaysList(t *testing.T) {
	h := newHarnessAs(t, "liu")
	h.sh.Show(navToday)
	td := h.sh.Current().(*todayScreen)
	h.typeText("经理抽查")
	if len(td.lines) != 1 || td.lines[0].Kind != "quality" || todayCell(td.lines[0], 3) != "（待新建）" || !strings.Contains(td.lines[0].State, "本月尚未抽查") {
		t.Fatalf("the manager's prompt: %+v", td.lines)
	}
	h.key(fyne.KeyReturn)
	l, ok := h.sh.Current().(*listScreen)
	if !ok || l.form.Key != "quality" || l.editor == nil || l.editor.inputs["kind"].get() != "经理抽查" {
		t.Fatalf("the line opened %T", h.sh.Current())
	}
	h.sh.Lock()
	h.logIn("wang", testPassword)
	for _, m := range h.sh.Current().(*todayScreen).lines {
		if m.Kind == "quality" && m.Serial == "" {
			t.Errorf("the supervisor is prompted for the manager's check: %+v", m)
		}
	}
}

// An entry of the duty log is written in the shift under way (D4, R10.4): a new one starts in it, and
// one whose time lies outside its shift is refused next to the 班次, saying who was on.
func TestDutyLogEntryInItsShift(t *testing.T) {
	h := newHarness(t)
	l := h.list("duty_log")
	h.shortcut(fyne.KeyN)
	e := l.editor
	if got := e.inputs["shift"].get(); got != "中班" {
		t.Errorf("a new entry at 09:30 starts in %q", got)
	}
	e.inputs["time"].set("2026-11-27 07:10")
	e.inputs["event_type"].set("来电")
	e.inputs["summary"].set("业主来电咨询停车月卡办理")
	h.shortcut(fyne.KeyS)
	if msg := e.errs["shift"]; !msg.Visible() || !strings.Contains(msg.Text, "这个时间当班的是夜班") {
		t.Fatalf("an entry at 07:10 written in 中班: %q", msg.Text)
	}
	if page, _ := h.store.List(h.sh.actor, store.Query{Kind: "duty_log"}); len(page.Records) != 0 {
		t.Fatalf("saved: %v", page.Records[0].Values)
	}
	e.inputs["shift"].set(duty.NightShift)
	h.shortcut(fyne.KeyS)
	if page, _ := h.store.List(h.sh.actor, store.Query{Kind: "duty_log"}); len(page.Records) != 1 || page.Records[0].Values["shift"] != duty.NightShift {
		t.Fatalf("the night's entry not saved: %s", labelsOf(t, e.view))
	}
}

// A roster goes to the manager only with every shift of every day staffed (D1, D2): 报经理 on one with
// days nobody is on is refused in the window, naming the first of them.
func TestRosterWithGapsNotSubmitted(t *testing.T) {
	h := newHarnessAs(t, "wang")
	in := data.NewInput()
	in.Values["month"], in.Values["author"] = "2026-12", "王主管"
	in.Tables["lines"] = []data.Row{{"date": "2026-12-01", "early": "陈佳", "middle": "周敏"}}
	r, err := h.store.Create(h.sh.actor, "roster", in)
	if err != nil {
		t.Fatal(err)
	}
	l := h.list("roster")
	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	l.stepSelected(stepOf(t, l.form, "submit"))
	if !strings.Contains(h.sh.message.Text, "还有无人值班的班次") || !strings.Contains(h.sh.message.Text, "12月1日（晚班、夜班）") {
		t.Errorf("the refusal: %q", h.sh.message.Text)
	}
	if got, _ := h.store.BySerial(h.sh.actor, r.Serial); got.State != "draft" {
		t.Errorf("a roster with gaps went to the manager: %s", got.State)
	}
}
