package forms

import (
	"errors"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/desk"
	"frontdesk/data/forms/duty"
	"frontdesk/data/forms/formtest"
	"frontdesk/data/forms/service"
)

// A message is due delivered by the end of the day it was left; a delivery before it was left, or in
// the future, is refused. A special report waits for the manager, who alone acknowledges it.
func TestMessageAndSpecialReport(t *testing.T) {
	m := &data.Record{Kind: "message", Status: data.StatusActive, State: "pending", Values: map[string]string{"time": "2026-11-27 16:40"}}
	if d, _ := desk.FormMessage.Deadline(m, formtest.FakeEnv{}); !d.At.Equal(formtest.At("2026-11-28 00:00")) {
		t.Errorf("message due %v", d.At)
	}
	if _, _, err := desk.FormMessage.TakeStep(m, "deliver", formtest.Fields("delivered_time", "2026-11-27 16:00", "delivered_way", "电话"), formtest.TClerk, formtest.At("2026-11-27 17:00"), formtest.FakeEnv{}); err == nil {
		t.Errorf("delivered before it was left")
	}
	d := formtest.Take(t, desk.FormMessage, m, "deliver", formtest.Fields("delivered_time", "2026-11-27 17:00", "delivered_way", "电话"), formtest.TClerk, "2026-11-27 17:00", formtest.FakeEnv{})
	if d.State != "delivered" || d.Values["delivered"] != "是" || d.Values["delivered_by"] != "陈佳" {
		t.Errorf("delivered: %s %v", d.State, d.Values)
	}
	sp := &data.Record{Kind: "special", Status: data.StatusActive, State: "pending", Values: map[string]string{"time": "2026-11-27 16:40"}}
	if _, _, err := duty.FormSpecialReport.TakeStep(sp, "ack", formtest.Fields("instruction", "同意"), formtest.TSupervisor, formtest.At("2026-11-27 17:00"), formtest.FakeEnv{}); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a supervisor acknowledged for the manager: %v", err)
	}
	a := formtest.Take(t, duty.FormSpecialReport, sp, "ack", formtest.Fields("instruction", "同意，明日复查"), formtest.TManager, "2026-11-27 18:00", formtest.FakeEnv{})
	if a.State != "acked" || a.Values["ack_by"] != "刘经理" || a.Values["instruction"] != "同意，明日复查" {
		t.Errorf("acknowledged: %s %v", a.State, a.Values)
	}
}

// Records saved before these forms had lives stand where their typed fields put them.
func TestLegacyServiceStates(t *testing.T) {
	tests := []struct {
		f    *data.Form
		vals map[string]string
		want string
	}{
		{service.FormComplaint, map[string]string{"status": "已关闭"}, "closed"},
		{service.FormComplaint, map[string]string{"status": "已记录"}, "reply"},
		{service.FormComplaint, map[string]string{"status": "跟进中", "reply_time": "2026-11-01 10:00", "validity": service.ComplaintValid}, "follow"},
		{service.FormRepair, map[string]string{"status": "已完成", "done_time": "2026-11-01 10:00"}, "done"},
		{service.FormRepair, map[string]string{"status": "已回访"}, "closed"},
		{service.FormCleaning, map[string]string{"fee": "80.00"}, "closed"},
		{desk.FormMessage, map[string]string{"delivered": "是"}, "delivered"},
		{desk.FormMessage, map[string]string{"delivered": "否"}, "delivered"},
		{duty.FormSpecialReport, map[string]string{}, "acked"},
		{service.FormFees, map[string]string{"approved_by": "刘经理"}, "approved"},
		{service.FormComplaintMonthly, map[string]string{"total": "18"}, "signed"},
	}
	for _, tc := range tests {
		r := &data.Record{Kind: tc.f.Key, Status: data.StatusActive, Values: tc.vals}
		if got := tc.f.State(r).Key; got != tc.want {
			t.Errorf("%s %v: %s; want %s", tc.f.Key, tc.vals, got, tc.want)
		}
		if got := tc.f.NewState(r); got != tc.f.Flow.Initial {
			t.Errorf("%s: a new record starts in %s", tc.f.Key, got)
		}
	}
}
