package service

import (
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// A fee schedule is approved by a manager who did not draw it up (D8).
func TestFeesNotApprovedByTheirMaker(t *testing.T) {
	f, _ := data.FormByKey("fees")
	r := &data.Record{Kind: "fees", Serial: "SF-1", Status: data.StatusActive, State: "draft", CreatedBy: "刘经理",
		Values: map[string]string{"title": "有偿维修服务收费标准", "effective": "2026-12-01"}}
	if _, _, err := f.TakeStep(r, "approve", data.NewInput(), formtest.TManager, formtest.At("2026-11-27 10:00"), formtest.FakeEnv{}); err == nil {
		t.Error("the manager approved the schedule he drew up")
	}
	r.CreatedBy = "王主管"
	if got := formtest.Take(t, f, r, "approve", data.NewInput(), formtest.TManager, "2026-11-27 10:00", formtest.FakeEnv{}); got.State != "approved" {
		t.Errorf("the supervisor's schedule: %s", got.State)
	}
}
