package supervision

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

func entryOf(serial, when, shift, kind, summary, state string) *data.Record {
	return &data.Record{Kind: "duty_log", Serial: serial, Status: data.StatusActive, State: state,
		Values: map[string]string{"time": when, "shift": shift, "event_type": kind, "summary": summary, "clerk": "陈佳"}}
}

// The supervisor reads the day's entries themselves, not their count (D7): the reading lists them,
// its signature asks about each one, and a reading signed after its day says how late.
func TestLogReadShowsTheEntries(t *testing.T) {
	env := formtest.MemEnv{FakeEnv: formtest.FakeEnv{}, Recs: map[string][]*data.Record{"duty_log": {
		entryOf("ZB-20261201-001", "2026-12-01 08:12", "早班", "报修", "2-1-802 漏水，已通知工程部", "follow"),
		entryOf("ZB-20261201-002", "2026-12-01 21:40", "夜班", "巡查", "地库照明已报修", "done")}}}
	in := formtest.Fields("day", "2026-12-01")
	if err := formLogRead.Compute(env, &in, formtest.At("2026-12-01 18:00")); err != nil {
		t.Fatal(err)
	}
	rows := in.Tables["day_log"]
	if len(rows) != 2 || rows[0]["e_no"] != "ZB-20261201-001" || rows[0]["e_summary"] != "2-1-802 漏水，已通知工程部" || rows[0]["e_state"] != "跟进中" || rows[1]["e_shift"] != "夜班" {
		t.Fatalf("the reading lists %v", rows)
	}
	r := &data.Record{Kind: KeyLogRead, Serial: "CY-1", Status: data.StatusActive, State: "waiting", Values: in.Values, Tables: in.Tables}
	st, _ := formLogRead.Flow.StepByKey("read")
	fields := st.FieldsNow(env, r, formtest.At("2026-12-02 09:12"))
	var labels []string
	for _, f := range fields {
		labels = append(labels, f.Label)
	}
	got := strings.Join(labels, "|")
	for _, want := range []string{"08:12 早班 报修：2-1-802 漏水，已通知工程部（跟进中）", "21:40 夜班 巡查：地库照明已报修（已办结）", "查阅意见"} {
		if !strings.Contains(got, want) {
			t.Errorf("the signature's fields lack %q: %s", want, got)
		}
	}
	if _, _, err := formLogRead.TakeStep(r, "read", formtest.Fields("opinion", "已阅"), formtest.TSupervisor, formtest.At("2026-12-02 09:12"), env); err == nil {
		t.Error("signed without answering for each entry")
	}
	asked := formtest.Fields("entry_1", LogAskAbout, "entry_2", LogSeen, "opinion", "已阅")
	if _, _, err := formLogRead.TakeStep(r, "read", asked, formtest.TSupervisor, formtest.At("2026-12-02 09:12"), env); !strings.Contains(formtest.ErrText(err, "opinion"), "写明") {
		t.Errorf("a question with nothing asked: %v", err)
	}
	asked.Values["opinion"] = "ZB-20261201-001 漏水何时修好？请下一班落实"
	nr := formtest.Take(t, formLogRead, r, "read", asked, formtest.TSupervisor, "2026-12-02 09:12", env)
	rows = nr.Tables["day_log"]
	if len(rows) != 2 || rows[0]["e_ack"] != LogAskAbout || rows[1]["e_ack"] != LogSeen || nr.Life["entry_1"] != "" || nr.Values["entry_1"] != "" {
		t.Errorf("signed: %v %v %v", rows, nr.Life, nr.Values)
	}
	if late := nr.Values["late_note"]; !strings.Contains(late, "12月1日 24:00") || !strings.Contains(late, "9小时12分") {
		t.Errorf("signed at 09:12 the next day: %q", late)
	}
	onTime := formtest.Take(t, formLogRead, r, "read", formtest.Fields("entry_1", LogSeen, "entry_2", LogSeen), formtest.TSupervisor, "2026-12-01 22:00", env)
	if onTime.Values["late_note"] != "" {
		t.Errorf("signed the same day: %q", onTime.Values["late_note"])
	}
}
