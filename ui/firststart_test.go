package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
	"frontdesk/data/drives"
	"frontdesk/data/store"
)

// newFirstStartHarness opens an empty store, with no administrator, as the program's very first start.
func newFirstStartHarness(t *testing.T) *harness {
	t.Helper()
	h, _, _ := newStoreHarness(t)
	h.restart()
	return h
}

// restart is the window closed and the program started again over the same data.
func (h *harness) restart() {
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1366, 768))
	h.sh, h.win = New(fyne.CurrentApp(), w, h.store, filepath.Dir(h.store.Path())), w
	h.sh.printDir = h.t.TempDir()
}

// onStep fails unless the first start shows step n.
func (h *harness) onStep(n int, title string) {
	h.t.Helper()
	if got := labelsIn(h.win.Content()); !strings.Contains(got, "步骤 "+title) {
		h.t.Fatalf("want step %d (%s); the window shows: %.200s", n, title, got)
	}
}

func (h *harness) tapButton(text string) {
	h.t.Helper()
	b := findButton(h.win.Content(), text)
	if b == nil || b.Hidden {
		h.t.Fatalf("no button %s on the window", text)
	}
	test.Tap(b)
}

// The first start is typed through by keyboard alone: Enter goes field to field and on to 下一步. The
// names are held until the administrator exists; the window closed midway loses nothing saved and
// resumes at the first step not done, at the administrator's login once the administrator exists.
func TestTheFirstStartIsTypedThroughAndResumesAtTheStepNotDone(t *testing.T) {
	stick := t.TempDir()
	if err := os.WriteFile(filepath.Join(stick, "业户档案.csv"), []byte("楼栋,单元,房号,业主姓名,业主电话\n3,2,1201,李娜,13812345678\n3,2,1202,王芳,13812345679\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pretendDrives(t, []drives.Drive{{Root: stick, Label: "U盘", Removable: true}})
	h := newFirstStartHarness(t)
	h.onStep(1, "1/6：小区与客服中心名称")
	h.typeText("阳光花园")
	if !strings.Contains(labelsIn(h.win.Content()), "印在每张表上：阳光花园客户服务中心") {
		t.Error("the printed name is not shown as it is typed")
	}
	h.key(fyne.KeyReturn) // to 客服中心名称
	h.key(fyne.KeyReturn) // to 下一步
	h.key(fyne.KeyReturn)
	h.onStep(2, "2/6：系统管理员")
	if v := h.store.Setting(store.SettingPropertyName, ""); v != "" {
		t.Errorf("the names were saved before the administrator existed: %q", v)
	}
	// Closed at step 2: nothing was saved, the next start begins again.
	h.restart()
	h.onStep(1, "1/6：小区与客服中心名称")
	h.typeText("阳光花园")
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyEscape) // 上一步: the names are there as typed
	h.onStep(1, "1/6：小区与客服中心名称")
	if e := h.focused().(*entry); e.Text != "阳光花园" {
		t.Errorf("back on step 1 the name reads %q", e.Text)
	}
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	h.onStep(2, "2/6：系统管理员")
	h.typeText("系统管理员") // the login is prefilled with admin
	h.key(fyne.KeyReturn)
	h.typeText("admin-pass-1")
	h.key(fyne.KeyReturn)
	h.typeText("admin-pass-2")
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	if h.store.HasAccounts() || !strings.Contains(labelsIn(h.win.Content()), "两次输入的密码不一致") {
		t.Fatal("mismatched passwords were not refused beside the field")
	}
	h.focused().(*entry).SetText("admin-pass-1")
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	h.onStep(3, "3/6：前台人员与角色")
	if v := h.store.Setting(store.SettingPropertyName, ""); v != "阳光花园客户服务中心" {
		t.Errorf("property name after the administrator = %q", v)
	}
	if v := h.store.Setting(store.SettingSetupSteps, ""); v != "names:saved,admin:saved" {
		t.Errorf("setup steps = %q", v)
	}
	// The people: cell to cell, the role by its digit; an empty row's Enter leaves the table.
	h.typeText("陈佳")
	h.key(fyne.KeyReturn)
	h.typeText("chenjia")
	h.key(fyne.KeyReturn)
	h.typeText("1")
	h.typeText("first-pass-1")
	h.key(fyne.KeyReturn)
	h.typeText("王强")
	h.key(fyne.KeyReturn)
	h.typeText("wangq")
	h.key(fyne.KeyReturn)
	h.typeText("2")
	h.typeText("short")
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn) // the third row is empty: to 下一步
	h.key(fyne.KeyReturn)
	if !strings.Contains(labelsIn(h.win.Content()), "初始密码至少8位") {
		t.Fatal("a short first password is not said beside its row")
	}
	if _, _, ok := h.store.AccountName("chenjia"); ok {
		t.Fatal("a row was saved while another was wrong")
	}
	h.typeText("-pass-1") // the keyboard is back on the short password
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	h.onStep(4, "4/6：班次时间与值班规则")
	if _, role, ok := h.store.AccountName("wangq"); !ok || role != data.RoleSupervisor {
		t.Errorf("wangq: %v %v", role, ok)
	}
	if !h.store.MustChangePassword("chenjia") {
		t.Error("a person's first password is not marked to be changed")
	}
	// Closed at step 4: the next start is the login; the administrator's login resumes at step 4.
	h.restart()
	if h.sh.login == nil {
		t.Fatal("no login after the administrator exists")
	}
	h.logIn("admin", "admin-pass-1")
	h.onStep(4, "4/6：班次时间与值班规则")
	shifts := dutySettings()
	if len(shifts) == 0 || !strings.Contains(labelsIn(h.win.Content()), shifts[0].Label) {
		t.Fatalf("the duty settings are not listed: %v", shifts)
	}
	for range shifts {
		h.key(fyne.KeyReturn)
	}
	h.key(fyne.KeyReturn)
	h.onStep(5, "5/6：业户档案")
	h.tapButton("下一步") // with nothing imported
	if !strings.Contains(labelsIn(h.win.Content()), "还没有导入业户档案") {
		t.Error("the step is taken as done with no registry")
	}
	h.key(fyne.KeyReturn) // the keyboard is back on the import: the file chooser
	p := openPicker(t, h)
	p.enter(0) // the U盘
	h.key(fyne.KeyEnd)
	h.key(fyne.KeyReturn) // the file: what it adds is shown first
	if !strings.Contains(labelsIn(h.win.Canvas().Overlays().Top()), "3-2-1201") {
		t.Fatalf("no preview of the import: %s", labelsIn(h.win.Canvas().Overlays().Top()))
	}
	h.key(fyne.KeyReturn) // 导入
	h.key(fyne.KeyReturn) // 知道了
	if n, _ := h.store.HouseholdCount(); n != 2 {
		t.Fatalf("households after the import: %d", n)
	}
	h.tapButton("下一步")
	h.onStep(6, "6/6：备份密码与U盘")
	h.typeText("backup-pass-1")
	h.key(fyne.KeyReturn)
	h.typeText("backup-pass-1")
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn) // past the U盘, the one plugged in
	h.key(fyne.KeyReturn)
	if h.sh.backupDone != nil {
		<-h.sh.backupDone
	}
	if !h.store.HasBackupKey() {
		t.Error("no backup passphrase after step 6")
	}
	if v := h.store.Setting(store.SettingBackupFolder, ""); v != stick {
		t.Errorf("backup folder = %q; want the U盘 %s", v, stick)
	}
	if v := h.store.Setting(store.SettingSetupSteps, ""); v != "names:saved,admin:saved,accounts:saved,shifts:saved,households:saved,backup:saved" {
		t.Errorf("setup steps = %q", v)
	}
	if h.sh.main == nil || h.sh.actor.Login != "admin" {
		t.Fatal("the desk did not open after the last step")
	}
	// Every step done or skipped: the next login opens the desk at once.
	h.restart()
	h.logIn("admin", "admin-pass-1")
	if h.sh.main == nil {
		t.Errorf("the setup was offered again: %.200s", labelsIn(h.win.Content()))
	}
}

// Every step can be skipped but the administrator's; what is skipped saves nothing, and the setup done
// ends on the login, which tells the administrator to log in.
func TestEveryFirstStartStepButTheAdministratorCanBeSkipped(t *testing.T) {
	h := newFirstStartHarness(t)
	h.tapButton("跳过")
	h.onStep(2, "2/6：系统管理员")
	if b := findButton(h.win.Content(), "跳过"); b != nil && !b.Hidden {
		t.Error("the administrator's step can be skipped")
	}
	h.typeText("管理员")
	h.key(fyne.KeyReturn)
	h.typeText("admin-pass-1")
	h.key(fyne.KeyReturn)
	h.typeText("admin-pass-1")
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	h.onStep(3, "3/6：前台人员与角色")
	// 上一步 passes over the administrator already made, to the names; skipped again, on to step 3.
	h.key(fyne.KeyEscape)
	h.onStep(1, "1/6：小区与客服中心名称")
	h.tapButton("跳过")
	h.onStep(3, "3/6：前台人员与角色")
	h.key(fyne.KeyReturn) // the first row empty: to 下一步
	h.key(fyne.KeyReturn)
	if !strings.Contains(labelsIn(h.win.Content()), "请至少填写一个人") {
		t.Error("an empty table is taken as the step done")
	}
	h.tapButton("跳过")
	h.tapButton("跳过")
	h.tapButton("以后再说")
	h.tapButton("跳过")
	if v := h.store.Setting(store.SettingSetupSteps, ""); v != "names:skipped,admin:saved,accounts:skipped,shifts:skipped,households:skipped,backup:skipped" {
		t.Errorf("setup steps = %q", v)
	}
	if h.store.Setting(store.SettingPropertyName, "") != "" || h.store.HasBackupKey() {
		t.Error("a skipped step saved something")
	}
	if h.sh.login == nil || !strings.Contains(h.sh.login.hint.Text, "首次设置已完成") {
		t.Fatal("the setup done does not end on the login")
	}
	h.logIn("admin", "admin-pass-1")
	if h.sh.main == nil {
		t.Error("skipped steps are offered again")
	}
}

// A person whose password the administrator gave sets their own (twice) before the desk opens; the
// first password again, or two that differ, are refused beside the field; Esc goes back to the login.
func TestAFirstPasswordIsChangedBeforeTheDeskOpens(t *testing.T) {
	h := newHarnessAs(t, "admin")
	h.sh.Show(navAccounts)
	a := h.sh.Current().(*accountsScreen)
	a.login.SetText("zhangli")
	a.name.SetText("张丽")
	a.role.SetSelectedIndex(0)
	a.password.SetText("first-pass-1")
	a.create()
	if !strings.Contains(a.msg.Text, "第一次登录时要换成自己的密码") {
		t.Errorf("the accounts screen says %q", a.msg.Text)
	}
	found := false
	for _, acc := range a.accounts {
		found = found || acc.Login == "zhangli" && acc.MustChange
	}
	if !found {
		t.Error("the accounts list does not mark the first password")
	}
	h.restart()
	h.logIn("zhangli", "first-pass-1")
	if h.sh.main != nil || !strings.Contains(labelsIn(h.win.Content()), "请设置您自己的密码") {
		t.Fatal("the desk opened on a first password")
	}
	h.key(fyne.KeyEscape)
	if h.sh.login == nil {
		t.Fatal("Esc did not go back to the login")
	}
	h.logIn("zhangli", "first-pass-1")
	h.typeText("first-pass-1")
	h.key(fyne.KeyReturn)
	h.typeText("first-pass-1")
	h.key(fyne.KeyReturn)
	if h.sh.main != nil || !strings.Contains(labelsIn(h.win.Content()), "新密码不能与初始密码相同") {
		t.Fatal("the first password was taken as the new one")
	}
	h.focused().(*entry).SetText("")
	h.typeText("my-own-pass")
	h.key(fyne.KeyReturn)
	h.typeText("my-own-pazz")
	h.key(fyne.KeyReturn)
	if h.sh.main != nil || !strings.Contains(labelsIn(h.win.Content()), "两次输入的新密码不一致") {
		t.Fatal("two different new passwords were taken")
	}
	h.typeText("my-own-pass")
	h.key(fyne.KeyReturn)
	if h.sh.main == nil || h.sh.actor.Login != "zhangli" {
		t.Fatalf("the desk did not open after the change: %.200s", labelsIn(h.win.Content()))
	}
	if h.store.MustChangePassword("zhangli") {
		t.Error("the mark stays after the change")
	}
	if _, err := h.store.Authenticate("zhangli", "my-own-pass"); err != nil {
		t.Errorf("the new password: %v", err)
	}
}

// The duty rules' step lists the duty forms' declared settings and holds each to its declaration: a
// value the rule cannot read is said beside its field and nothing of the step is saved.
func TestTheDutyRulesStepSaysAWrongValueBesideItsField(t *testing.T) {
	h := newFirstStartHarness(t)
	h.tapButton("跳过")
	h.typeText("管理员")
	h.key(fyne.KeyReturn)
	h.typeText("admin-pass-1")
	h.key(fyne.KeyReturn)
	h.typeText("admin-pass-1")
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyReturn)
	h.tapButton("跳过")
	h.onStep(4, "4/6：班次时间与值班规则")
	decls := dutySettings()
	first := decls[0]
	e := h.focused().(*entry)
	e.SetText("早班 07:30")
	h.tapButton("下一步")
	h.onStep(4, "4/6：班次时间与值班规则")
	if msg := first.Problem("早班 07:30"); msg == "" || !strings.Contains(labelsIn(h.win.Content()), msg) {
		t.Fatalf("no message beside %s (%q)", first.Label, msg)
	}
	if h.store.Setting(first.Key, "") != "" {
		t.Error("a wrong value was saved")
	}
	e.SetText(first.Default)
	for range decls {
		h.key(fyne.KeyReturn)
	}
	h.key(fyne.KeyReturn)
	h.onStep(5, "5/6：业户档案")
	for _, d := range decls {
		if v := h.store.Setting(d.Key, ""); v != "" {
			t.Errorf("%s saved as %q though it is the default", d.Label, v)
		}
	}
}
