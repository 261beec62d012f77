package service

import (
	"testing"

	"frontdesk/data/forms/formtest"
)

// Re-deciding a complaint invalid after it was answered as valid is a step with its reason, and never
// lets the complaint skip the revisit it owes (R4.6): at 待回访 it stays there, and from 跟进中 it is
// closed only by its revisit.
func TestRedecidingAfterTheReplyKeepsTheRevisit(t *testing.T) {
	f, env := FormComplaint, formtest.FakeEnv{}
	r := formtest.Complaint(ComplaintValid, "2026-11-27 09:00")
	r = formtest.Take(t, f, r, "reply", formtest.Fields("reply_time", "2026-11-27 09:30", "reply_way", "电话",
		"reply_content", "已通知工程部", "next_reply", "2026-11-28 10:00"), formtest.TClerk, "2026-11-27 09:35", env)
	following := r
	r = formtest.Take(t, f, r, "finish", formtest.Fields("result", "已协调施工方停工"), formtest.TClerk, "2026-11-27 16:00", env)
	if r.State != "revisit" {
		t.Fatalf("finished: %s", r.State)
	}
	decided := formtest.Take(t, f, r, "decide", formtest.Fields("validity", ComplaintInvalid, "validity_reason", "属业户之间纠纷"),
		formtest.TSupervisor, "2026-11-27 17:00", env)
	if decided.State != "revisit" || decided.Values["closed_time"] != "" || decided.Values["validity_reason"] != "属业户之间纠纷" {
		t.Errorf("decided invalid at 待回访: %s, closed %q, reason %q", decided.State, decided.Values["closed_time"], decided.Values["validity_reason"])
	}
	closed := formtest.Take(t, f, decided, "revisit", formtest.Fields("revisit_time", "2026-11-28 10:00", "satisfaction", "满意"),
		formtest.TClerk, "2026-11-28 10:05", env)
	if closed.State != "closed" {
		t.Errorf("revisited: %s", closed.State)
	}
	// Decided invalid while being followed: the desk cannot close it without the revisit.
	d := formtest.Take(t, f, following, "decide", formtest.Fields("validity", ComplaintInvalid, "validity_reason", "属业户之间纠纷"),
		formtest.TSupervisor, "2026-11-27 12:00", env)
	if _, _, err := f.TakeStep(d, "close", formtest.Fields(), formtest.TClerk, formtest.At("2026-11-27 12:30"), env); err == nil {
		t.Error("a complaint answered as valid closed without its revisit")
	}
	if d = formtest.Take(t, f, d, "finish", formtest.Fields("result", "已解释"), formtest.TClerk, "2026-11-27 13:00", env); d.State != "revisit" {
		t.Errorf("finished after the decision: %s", d.State)
	}
}
