package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"frontdesk/data"
)

// The manager's screens say things in the desk's words: the sample's draw is numbered (抽样编号, not
// 随机种子), and a backup's report names the audit records' check code (审计记录校验码, not 审计链尾).
func TestTheManagersScreensUseTheDesksWords(t *testing.T) {
	h := newHarnessAs(t, "liu")
	if _, err := h.store.Create(h.sh.actor, "message", messageInput()); err != nil {
		t.Fatal(err)
	}
	entry := data.NewInput()
	entry.Values = map[string]string{"time": "2026-10-15 09:00", "shift": "早班", "event_type": "报修", "urgency": "一般",
		"summary": "2-1-802 漏水，已通知工程部", "status": "已处理", "clerk": "陈佳"}
	if _, err := h.store.Create(data.System, "duty_log", entry); err != nil {
		t.Fatal(err)
	}
	in := data.NewInput()
	in.Values["month"] = "2026-10"
	rec, err := h.store.Create(h.sh.actor, "log_sample", in)
	if err != nil {
		t.Fatal(err)
	}
	l := h.list("log_sample")
	l.open(rec)
	w := newTextWalk(t, h)
	w.look("经理抽查 " + rec.Serial)
	found := false
	for _, s := range w.texts {
		if strings.Contains(s.text, "随机种子") {
			t.Errorf("%s says %q", s.where, s.text)
		}
		found = found || strings.Contains(s.text, "抽样编号")
	}
	if !found {
		t.Errorf("the sample does not show 抽样编号")
	}
	l.editor.close()

	h.sh.Show(navBackup)
	s := h.sh.Current().(*backupScreen)
	s.addFolder(t.TempDir())
	h.win.Canvas().Focus(s.pass1)
	h.typeText("usb-pass-1234")
	h.key(fyne.KeyReturn)
	h.typeText("usb-pass-1234")
	h.key(fyne.KeyReturn)
	<-h.sh.backupDone // the first backup, taken at once on setting the passphrase
	s.backup()
	<-h.sh.backupDone
	waitFor(t, func() bool { return strings.Contains(s.result.Text, "备份完成，可以拔出U盘") })
	if !strings.Contains(s.result.Text, "审计记录校验码：第 ") || strings.Contains(s.result.Text, "链尾") {
		t.Errorf("the backup's report: %q; want it to name the 审计记录校验码", s.result.Text)
	}
}
