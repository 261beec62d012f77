package service

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// Every step of a complaint's life, and each refusal: wrong state, wrong role, a reply before the
// receipt or in the future, a next reply time missing or past, closing a valid complaint without its
// revisit, a revisit before the work was done.
func TestComplaintSteps(t *testing.T) {
	f := FormComplaint
	env := formtest.FakeEnv{}
	const recv = "2026-11-27 09:00"
	prep := func(state, validity string, vals ...string) *data.Record {
		r := formtest.Complaint(validity, recv)
		r.State = state
		for i := 0; i+1 < len(vals); i += 2 {
			r.Values[vals[i]] = vals[i+1]
		}
		return r
	}
	tests := []struct {
		name     string
		r        *data.Record
		step     string
		in       data.Input
		by       data.Actor
		now      string
		want     string // the state reached; "" when refused
		errField string // the field named, or a sentence's part
	}{
		{"answered, next reply agreed", prep("reply", ComplaintValid), "reply",
			formtest.Fields("reply_time", "2026-11-27 10:10", "reply_way", "电话", "reply_content", "已通知工程部", "next_reply", "2026-11-28 10:00"), formtest.TClerk, "2026-11-27 10:15", "follow", ""},
		{"settled on the spot: to the revisit", prep("reply", ComplaintValid), "reply",
			formtest.Fields("reply_time", "2026-11-27 09:20", "reply_way", "当面", "reply_content", "已当场协调", "settled", "是"), formtest.TClerk, "2026-11-27 09:30", "revisit", ""},
		{"an invalid complaint is closed once answered", prep("reply", ComplaintInvalid), "reply",
			formtest.Fields("reply_time", "2026-11-27 09:40", "reply_way", "电话", "reply_content", "不属物业范围，已解释"), formtest.TClerk, "2026-11-27 09:45", "closed", ""},
		{"valid, not settled, no next reply time", prep("reply", ComplaintValid), "reply",
			formtest.Fields("reply_time", "2026-11-27 10:10", "reply_way", "电话", "reply_content", "处理中"), formtest.TClerk, "2026-11-27 10:15", "", "next_reply"},
		{"reply before the receipt", prep("reply", ComplaintValid), "reply",
			formtest.Fields("reply_time", "2026-11-27 08:10", "reply_way", "电话", "reply_content", "x", "settled", "是"), formtest.TClerk, "2026-11-27 10:15", "", "reply_time"},
		{"reply in the future", prep("reply", ComplaintValid), "reply",
			formtest.Fields("reply_time", "2026-11-27 12:10", "reply_way", "电话", "reply_content", "x", "settled", "是"), formtest.TClerk, "2026-11-27 10:15", "", "reply_time"},
		{"next reply time in the past", prep("reply", ComplaintValid), "reply",
			formtest.Fields("reply_time", "2026-11-27 10:10", "reply_way", "电话", "reply_content", "x", "next_reply", "2026-11-27 10:00"), formtest.TClerk, "2026-11-27 10:15", "", "next_reply"},
		{"a follow-up agrees the next reply", prep("follow", ComplaintValid, "next_reply", "2026-11-28 10:00"), "follow",
			formtest.Fields("follow_note", "配件已订", "next_reply", "2026-11-29 10:00"), formtest.TClerk, "2026-11-28 09:30", "follow", ""},
		{"a follow-up without the next reply time", prep("follow", ComplaintValid), "follow",
			formtest.Fields("follow_note", "配件已订"), formtest.TClerk, "2026-11-28 09:30", "", "next_reply"},
		{"done: a valid complaint waits for its revisit", prep("follow", ComplaintValid), "finish",
			formtest.Fields("result", "已修复"), formtest.TClerk, "2026-11-28 09:30", "revisit", ""},
		{"closing a valid complaint without its revisit", prep("follow", ComplaintValid), "close",
			data.NewInput(), formtest.TClerk, "2026-11-28 09:30", "", "回访"},
		{"an invalid complaint being followed up may close", prep("follow", ComplaintInvalid), "close",
			data.NewInput(), formtest.TClerk, "2026-11-28 09:30", "closed", ""},
		{"revisit, satisfied: closed", prep("revisit", ComplaintValid, "done_time", "2026-11-28 09:30"), "revisit",
			formtest.Fields("revisit_time", "2026-11-30 10:00", "satisfaction", "满意"), formtest.TClerk, "2026-11-30 10:05", "closed", ""},
		{"revisit, unsatisfied: to the supervisor", prep("revisit", ComplaintValid, "done_time", "2026-11-28 09:30"), "revisit",
			formtest.Fields("revisit_time", "2026-11-30 10:00", "satisfaction", "不满意", "revisit", "仍有噪音"), formtest.TClerk, "2026-11-30 10:05", "unhappy", ""},
		{"revisit before the work was done", prep("revisit", ComplaintValid, "done_time", "2026-11-28 09:30"), "revisit",
			formtest.Fields("revisit_time", "2026-11-28 09:00", "satisfaction", "满意"), formtest.TClerk, "2026-11-30 10:05", "", "revisit_time"},
		{"the clerk cannot decide what follows an unsatisfied revisit", prep("unhappy", ComplaintValid), "reopen",
			formtest.Fields("reopen_reason", "再次上门", "next_reply", "2026-12-01 10:00"), formtest.TClerk, "2026-11-30 11:00", "", "没有权限"},
		{"the supervisor reopens it", prep("unhappy", ComplaintValid, "satisfaction", "不满意"), "reopen",
			formtest.Fields("reopen_reason", "再次上门", "next_reply", "2026-12-01 10:00"), formtest.TSupervisor, "2026-11-30 11:00", "follow", ""},
		{"the supervisor decides it invalid, with the reason", prep("reply", ComplaintValid), "decide",
			formtest.Fields("validity", ComplaintInvalid, "validity_reason", "属业主之间纠纷"), formtest.TSupervisor, "2026-11-27 09:30", "reply", ""},
		{"a decision needs its reason", prep("reply", ComplaintValid), "decide",
			formtest.Fields("validity", ComplaintInvalid), formtest.TSupervisor, "2026-11-27 09:30", "", "validity_reason"},
		{"the clerk cannot decide validity", prep("reply", ComplaintValid), "decide",
			formtest.Fields("validity", ComplaintInvalid, "validity_reason", "x"), formtest.TClerk, "2026-11-27 09:30", "", "没有权限"},
		{"escalated to the manager", prep("follow", ComplaintValid), "escalate",
			formtest.Fields("escalated_to", "物业服务中心经理", "escalate_reason", "涉及赔偿"), formtest.TClerk, "2026-11-27 11:00", "mgr", ""},
		{"the supervisor cannot take on what went to the manager", prep("mgr", ComplaintValid), "accept_major",
			formtest.Fields("accept_note", "我来处理"), formtest.TSupervisor, "2026-11-27 11:30", "", "没有权限"},
		{"a complaint closed as invalid, found valid: to its revisit", prep("closed", ComplaintInvalid, "done_time", "2026-11-27 09:40", "closed_time", "2026-11-27 09:40"), "decide",
			formtest.Fields("validity", ComplaintValid, "validity_reason", "经核实属物业责任"), formtest.TSupervisor, "2026-11-28 09:00", "revisit", ""},
		{"a valid complaint closed after its revisit is not decided again", prep("closed", ComplaintValid, "satisfaction", "满意"), "decide",
			formtest.Fields("validity", ComplaintInvalid, "validity_reason", "x"), formtest.TSupervisor, "2026-11-28 09:00", "", "validity"},
		{"an undecided complaint is answered as a valid one", prep("reply", ComplaintUndecided), "reply",
			formtest.Fields("reply_time", "2026-11-27 10:10", "reply_way", "电话", "reply_content", "处理中"), formtest.TClerk, "2026-11-27 10:15", "", "next_reply"},
		{"a step in the wrong state", prep("closed", ComplaintValid), "reply",
			formtest.Fields("reply_time", "2026-11-27 10:10", "reply_way", "电话", "reply_content", "x", "settled", "是"), formtest.TClerk, "2026-11-27 10:15", "", "不能进行"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nr, _, err := f.TakeStep(tc.r, tc.step, tc.in, tc.by, formtest.At(tc.now), env)
			if tc.want != "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if nr.State != tc.want {
					t.Fatalf("state %s, want %s", nr.State, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("taken (state %s); want refused", nr.State)
			}
			var fe data.FieldErrors
			if errors.As(err, &fe) {
				if _, ok := fe[tc.errField]; !ok && !strings.Contains(fe.Error()+strings.Join(formtest.Values(fe), ""), tc.errField) {
					t.Fatalf("refused with %v; want the message on %s", fe, tc.errField)
				}
				return
			}
			if msg := chinese(err); !strings.Contains(msg, tc.errField) {
				t.Fatalf("refused with %q; want %q in it", msg, tc.errField)
			}
		})
	}
}

func chinese(err error) string {
	var c interface{ Chinese() string }
	if errors.As(err, &c) {
		return c.Chinese()
	}
	return err.Error()
}

// A whole life: taken, answered within the 2 hours, followed up twice (each agreed next reply time
// becoming the deadline), escalated and taken on, done, revisited unsatisfied, reopened, done again,
// revisited and closed. What each step recorded is on the record.
func TestComplaintLife(t *testing.T) {
	f := FormComplaint
	env := formtest.FakeEnv{}
	r := formtest.Complaint(ComplaintValid, "2026-11-27 09:00")
	r = formtest.Take(t, f, r, "reply", formtest.Fields("reply_time", "2026-11-27 10:30", "reply_way", "电话", "reply_content", "已通知工程部", "next_reply", "2026-11-28 10:00"), formtest.TClerk, "2026-11-27 10:31", env)
	if d, _ := f.Deadline(r, env); !d.At.Equal(formtest.At("2026-11-28 10:00")) || d.Label != "约定回复" {
		t.Fatalf("after the reply the deadline is %v %s; want the agreed next reply", d.At, d.Label)
	}
	r = formtest.Take(t, f, r, "follow", formtest.Fields("follow_note", "配件已订", "next_reply", "2026-11-29 15:00"), formtest.TClerk, "2026-11-28 09:50", env)
	if d, _ := f.Deadline(r, env); !d.At.Equal(formtest.At("2026-11-29 15:00")) {
		t.Fatalf("after the follow-up the deadline is %v", d.At)
	}
	r = formtest.Take(t, f, r, "escalate", formtest.Fields("escalated_to", "客户服务主管", "escalate_reason", "需协调施工方"), formtest.TClerk, "2026-11-28 10:00", env)
	if m := f.Matter(mustOpen(t, f, r), formtest.TSupervisor, formtest.At("2026-11-28 10:30"), env); !m.Mine || m.State != "已上报主管" {
		t.Fatalf("escalated: the supervisor's due list shows %+v; want it theirs", m)
	}
	if m := f.Matter(mustOpen(t, f, r), formtest.TClerk, formtest.At("2026-11-28 10:30"), env); m.Mine {
		t.Fatalf("escalated: still the clerk's to act on")
	}
	r = formtest.Take(t, f, r, "accept", formtest.Fields("accept_note", "由主管协调"), formtest.TSupervisor, "2026-11-28 10:40", env)
	if r.State != "follow" || r.Values["handler"] != "王主管" {
		t.Fatalf("taken on: state %s handler %s", r.State, r.Values["handler"])
	}
	r = formtest.Take(t, f, r, "finish", formtest.Fields("result", "施工时间已调整"), formtest.TSupervisor, "2026-11-29 14:00", env)
	r = formtest.Take(t, f, r, "revisit", formtest.Fields("revisit_time", "2026-11-30 10:00", "satisfaction", "不满意", "revisit", "周末仍有噪音"), formtest.TClerk, "2026-11-30 10:00", env)
	r = formtest.Take(t, f, r, "reopen", formtest.Fields("reopen_reason", "周末也须停工", "next_reply", "2026-12-01 10:00"), formtest.TSupervisor, "2026-11-30 11:00", env)
	if r.Values["satisfaction"] != "" || r.Values["done_time"] != "" {
		t.Fatalf("reopened, yet the revisit stands: %v", r.Values)
	}
	r = formtest.Take(t, f, r, "finish", formtest.Fields("result", "已书面通知施工方"), formtest.TSupervisor, "2026-11-30 16:00", env)
	r = formtest.Take(t, f, r, "revisit", formtest.Fields("revisit_time", "2026-12-01 09:30", "satisfaction", "满意"), formtest.TClerk, "2026-12-01 09:30", env)
	if r.State != "closed" || r.Values["closed_time"] != "2026-12-01 09:30" {
		t.Fatalf("closed: state %s at %s", r.State, r.Values["closed_time"])
	}
	for _, want := range []string{"配件已订", "回访不满意（周末仍有噪音）", "周末也须停工"} {
		if !strings.Contains(r.Values["followups"], want) {
			t.Errorf("follow-ups lack %q:\n%s", want, r.Values["followups"])
		}
	}
	if !strings.Contains(r.Values["escalations"], "上报客户服务主管") || !strings.Contains(r.Values["escalations"], "王主管 接手") {
		t.Errorf("escalations: %s", r.Values["escalations"])
	}
}

func mustOpen(t *testing.T, f *data.Form, r *data.Record) data.OpenEntry {
	t.Helper()
	e, ok := f.Open(r)
	if !ok {
		t.Fatalf("%s in %s is not open", r.Serial, r.State)
	}
	return e
}

// The 2-hour reply clock runs day and night from receipt; its length is the manager's setting.
func TestComplaintReplyClock(t *testing.T) {
	f := FormComplaint
	r := formtest.Complaint(ComplaintValid, "2026-11-28 23:10") // a Saturday night: the duty is 24 hours
	d, ok := f.Deadline(r, formtest.FakeEnv{})
	if !ok || !d.At.Equal(formtest.At("2026-11-29 01:10")) || d.Label != "答复" {
		t.Fatalf("deadline %v %s; want 2 hours after receipt", d.At, d.Label)
	}
	if left, late := d.Left(formtest.At("2026-11-28 23:58")); left != "剩余 1:12" || late {
		t.Errorf("48 minutes in: %s", left)
	}
	if left, late := d.Left(formtest.At("2026-11-29 01:35")); left != "超时 0:25" || !late {
		t.Errorf("25 minutes over: %s", left)
	}
	if s := f.StandingAt(r, formtest.At("2026-11-29 01:35"), formtest.FakeEnv{}); !s.Late || s.Name != "待答复·超时" {
		t.Errorf("overdue standing %+v", s)
	}
	if d, _ := f.Deadline(r, formtest.FakeEnv{SettingComplaintReplyHours: "3"}); !d.At.Equal(formtest.At("2026-11-29 02:10")) {
		t.Errorf("with a 3-hour setting: %v", d.At)
	}
}

// A service order's revisit is due by the end of the 2nd working day after completion: across the
// National Day holiday of 2026 (completed 9/30 → the end of 10/9; 10/10 is a make-up workday, not
// needed), and across an ordinary weekend.
func TestRevisitDeadlines(t *testing.T) {
	tests := []struct{ done, due string }{
		{"2026-09-30 15:00", "2026-10-10 00:00"}, // 10/1–10/7 holiday; 10/8, 10/9 the two working days
		{"2026-11-27 16:00", "2026-12-02 00:00"}, // Friday → Monday 11/30, Tuesday 12/1
		{"2026-11-30 09:00", "2026-12-03 00:00"}, // Monday → Tuesday, Wednesday
		{"2026-09-19 10:00", "2026-09-22 00:00"}, // Saturday → Sunday 9/20 is a make-up workday, then Monday 9/21
	}
	for _, f := range []*data.Form{FormRepair, FormCleaning} {
		for _, tc := range tests {
			r := &data.Record{Kind: f.Key, Status: data.StatusActive, State: "done", Values: map[string]string{"done_time": tc.done}}
			d, ok := f.Deadline(r, formtest.FakeEnv{})
			if !ok || d.Label != "回访" || !d.Known {
				t.Fatalf("%s done %s: no revisit deadline (%+v)", f.Key, tc.done, d)
			}
			if want := formtest.At(tc.due); !d.At.Equal(want) {
				t.Errorf("%s done %s: revisit due %s; want %s", f.Key, tc.done, d.At.In(data.Shanghai).Format(data.LayoutDateTime), tc.due)
			}
		}
	}
	// A revisit 50 days late is overdue in red.
	r := &data.Record{Kind: "repair", Status: data.StatusActive, State: "done", Values: map[string]string{"done_time": "2026-10-12 10:00"}}
	if s := FormRepair.StandingAt(r, formtest.At("2026-12-01 10:00"), formtest.FakeEnv{}); !s.Late {
		t.Errorf("a revisit 50 days late is not late: %+v", s)
	}
}

func schedule(serial, title, effective, state string, items ...[3]string) *data.Record {
	r := &data.Record{Kind: "fees", Serial: serial, Status: data.StatusActive, State: state,
		Values: map[string]string{"title": title, "effective": effective}, Tables: map[string][]data.Row{}}
	for _, it := range items {
		r.Tables["items"] = append(r.Tables["items"], data.Row{"item": it[0], "unit": it[1], "price": it[2]})
	}
	return r
}

// Orders are priced by the approved schedule in force on completion: a later version prices later
// orders only, a draft prices none, an item outside the schedule is refused, and an order keeps the
// prices it was charged at.
func TestFeeSchedulePricing(t *testing.T) {
	env := formtest.MemEnv{Recs: map[string][]*data.Record{"fees": {
		schedule("SF-1", "维修", "2026-11-01", "approved", [3]string{"更换水龙头", "次", "30.00"}, [3]string{"疏通下水道", "次", "50.00"}),
		schedule("SF-2", "维修", "2026-12-01", "approved", [3]string{"更换水龙头", "次", "35.50"}),
		schedule("SF-3", "维修", "2026-11-15", "draft", [3]string{"更换水龙头", "次", "99.00"}),
		schedule("SF-4", "保洁", "2026-11-01", "approved", [3]string{"日常保洁", "小时", "40.00"}),
	}}}
	dispatched := func() *data.Record {
		return &data.Record{Kind: "repair", Serial: "WX-1", Status: data.StatusActive, State: "dispatched",
			Values: map[string]string{"report_time": "2026-11-20 09:00", "worker": "张师傅"}}
	}
	charges := func(done string, rows ...data.Row) data.Input {
		in := formtest.Fields("done_time", done)
		in.Tables["charges"] = rows
		return in
	}
	r := formtest.Take(t, FormRepair, dispatched(), "complete", charges("2026-11-30 10:00", data.Row{"item": "更换水龙头", "qty": "2"}, data.Row{"item": "日常保洁", "qty": "1"}), formtest.TClerk, "2026-11-30 10:05", env)
	if r.Values["fee"] != "100.00" || r.Values["paid"] != "是" || r.Tables["charges"][0]["price"] != "30.00" || r.Values["schedule"] != "SF-1、SF-4" {
		t.Fatalf("priced in November: fee %s paid %s lines %v by %s", r.Values["fee"], r.Values["paid"], r.Tables["charges"], r.Values["schedule"])
	}
	later := formtest.Take(t, FormRepair, dispatched(), "complete", charges("2026-12-01 10:00", data.Row{"item": "更换水龙头", "qty": "1"}), formtest.TClerk, "2026-12-01 10:05", env)
	if later.Values["fee"] != "35.50" {
		t.Fatalf("priced by the December version: %s", later.Values["fee"])
	}
	if r.Tables["charges"][0]["price"] != "30.00" {
		t.Fatalf("the November order changed its price")
	}
	free := formtest.Take(t, FormRepair, dispatched(), "complete", charges("2026-11-30 10:00"), formtest.TClerk, "2026-11-30 10:05", env)
	if free.Values["paid"] != "否" || free.Values["fee"] != "0.00" {
		t.Fatalf("a free service: paid %s fee %s", free.Values["paid"], free.Values["fee"])
	}
	// The step offers the items in force now.
	fl := FormRepair.Flow.Steps[1].FieldsNow(env, dispatched(), formtest.At("2026-11-30 10:00"))
	if got := strings.Join(fl[1].Columns[0].Choices, ","); got != "更换水龙头,疏通下水道,日常保洁" {
		t.Errorf("items offered: %s", got)
	}
	bad := []struct {
		name, field string
		in          data.Input
		env         data.Env
	}{
		{"an item not in the schedule", "charges[0].item", charges("2026-11-30 10:00", data.Row{"item": "换灯泡", "qty": "1"}), env},
		{"only a draft schedule", "charges", charges("2026-11-30 10:00", data.Row{"item": "更换水龙头", "qty": "1"}),
			formtest.MemEnv{Recs: map[string][]*data.Record{"fees": {schedule("SF-3", "维修", "2026-11-15", "draft", [3]string{"更换水龙头", "次", "99.00"})}}}},
		{"completed before it was reported", "done_time", charges("2026-11-19 10:00"), env},
		{"completed in the future", "done_time", charges("2026-12-30 10:00"), env},
	}
	for _, tc := range bad {
		_, _, err := FormRepair.TakeStep(dispatched(), "complete", tc.in, formtest.TClerk, formtest.At("2026-11-30 10:05"), tc.env)
		var fe data.FieldErrors
		if !errors.As(err, &fe) {
			t.Errorf("%s: %v; want a field error", tc.name, err)
			continue
		}
		if _, ok := fe[tc.field]; !ok {
			t.Errorf("%s: %v; want the message on %s", tc.name, fe, tc.field)
		}
	}
	// Only the manager approves a schedule, and an approved one is fixed.
	if _, _, err := FormFees.TakeStep(schedule("SF-5", "维修", "2027-01-01", "draft"), "approve", data.NewInput(), formtest.TSupervisor, formtest.At("2026-12-01 10:00"), env); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a supervisor approved a fee schedule: %v", err)
	}
	if st, _ := feesFlow.StateByKey("approved"); !st.Fixed {
		t.Errorf("an approved schedule can be edited")
	}
}

// The month report, computed from complaints built for the test.
func TestComplaintMonthReport(t *testing.T) {
	mk := func(serial, validity, recv, reply, channel string, vals ...string) *data.Record {
		r := formtest.Complaint(validity, recv)
		r.Serial = serial
		r.Values["channel"] = channel
		if reply != "" {
			r.Values["reply_time"] = reply
		}
		for i := 0; i+1 < len(vals); i += 2 {
			r.Values[vals[i]] = vals[i+1]
		}
		return r
	}
	recs := []*data.Record{
		mk("TS-1", ComplaintValid, "2026-11-02 09:00", "2026-11-02 10:30", "电话", "revisit_time", "2026-11-04 10:00", "satisfaction", "满意", "closed_time", "2026-11-04 10:00"),
		mk("TS-2", ComplaintValid, "2026-11-03 09:00", "2026-11-03 11:05", "来访", "revisit_time", "2026-11-05 10:00", "satisfaction", "基本满意", "closed_time", "2026-11-05 10:00"),
		mk("TS-3", ComplaintValid, "2026-11-10 20:00", "2026-11-11 08:15", "电话"), // 12h15m late, open
		mk("TS-4", ComplaintInvalid, "2026-11-12 09:00", "2026-11-12 09:30", "微信", "closed_time", "2026-11-12 09:30"),
		mk("TS-5", ComplaintInvalid, "2026-11-30 20:00", "", "电话"), // never answered, 4h to month end
		mk("TS-6", ComplaintValid, "2026-11-20 09:00", "2026-11-20 09:20", "电话", "revisit_time", "2026-12-02 10:00", "satisfaction", "满意", "closed_time", "2026-12-02 10:00"),
	}
	order := &data.Record{Kind: "repair", Serial: "WX-1", Status: data.StatusActive, Values: map[string]string{"report_time": "2026-10-30 09:00", "done_time": "2026-11-02 10:00"},
		Tables: map[string][]data.Row{"charges": {{"item": "更换水龙头", "qty": "2", "amount": "60.00"}, {"item": "疏通下水道", "qty": "1", "amount": "50.00"}}}}
	octOrder := &data.Record{Kind: "repair", Serial: "WX-0", Status: data.StatusActive, Values: map[string]string{"report_time": "2026-10-20 09:00", "done_time": "2026-10-21 10:00"},
		Tables: map[string][]data.Row{"charges": {{"item": "更换水龙头", "qty": "1", "amount": "30.00"}}}}
	env := formtest.MemEnv{Recs: map[string][]*data.Record{"complaint": recs, "repair": {octOrder, order}}}
	in := formtest.Fields("month", "2026-11", "author", "王主管")
	if err := computeComplaintMonth(env, &in, formtest.At("2026-12-01 09:00")); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"total": "6", "valid": "4", "invalid": "2", "timely": "3", "valid_timely": "2（50.0%）", "invalid_timely": "1（50.0%）",
		"valid_revisited": "2", "revisit_rate": "50.0%", "satisfaction": "满意 1，基本满意 1，不满意 0", "closed": "3", "open_end": "3", "paid_total": "110.00"}
	for k, v := range want {
		if in.Values[k] != v {
			t.Errorf("%s = %q; want %q", k, in.Values[k], v)
		}
	}
	late := in.Tables["late"]
	if len(late) != 3 || late[0]["no"] != "TS-2" || late[0]["took"] != "2小时5分" || late[1]["took"] != "12小时15分" || late[2]["replied"] != "未答复" {
		t.Errorf("late replies: %v", late)
	}
	if p := in.Tables["paid_items"]; len(p) != 2 || p[0]["item"] != "更换水龙头" || p[0]["qty"] != "2" || p[0]["amount"] != "60.00" {
		t.Errorf("paid items: %v", p)
	}
	found := false
	for _, row := range in.Tables["breakdown"] {
		if row["dim"] == "投诉方式" && row["item"] == "电话" {
			found = row["count"] == "4"
		}
	}
	if !found {
		t.Errorf("by channel: %v", in.Tables["breakdown"])
	}
	// A month with none: no division by zero.
	empty := formtest.Fields("month", "2026-10")
	if err := computeComplaintMonth(formtest.MemEnv{}, &empty, formtest.At("2026-12-01 09:00")); err != nil || empty.Values["revisit_rate"] != "—" {
		t.Errorf("an empty month: %v %v", err, empty.Values)
	}
	// The supervisor signs once the analysis is written.
	rep := &data.Record{Kind: "complaint_month", Serial: "YB-1", Status: data.StatusActive, State: "draft", Values: in.Values}
	if _, _, err := FormComplaintMonthly.TakeStep(rep, "sign", data.NewInput(), formtest.TSupervisor, formtest.At("2026-12-01 10:00"), env); err == nil {
		t.Errorf("signed without the analysis")
	}
	rep.Values["analysis"] = "夜间答复超时，已加强夜班。"
	if _, _, err := FormComplaintMonthly.TakeStep(rep, "sign", data.NewInput(), formtest.TClerk, formtest.At("2026-12-01 10:00"), env); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a clerk signed the month report: %v", err)
	}
	formtest.Take(t, FormComplaintMonthly, rep, "sign", data.NewInput(), formtest.TSupervisor, "2026-12-01 10:00", env)
}

// The served-households list is every household whose order was completed in the month, with its
// revisit, and the services without an order, marked as typed by hand.
func TestServedList(t *testing.T) {
	env := formtest.MemEnv{Recs: map[string][]*data.Record{
		"repair": {
			{Kind: "repair", Serial: "WX-1", Status: data.StatusActive, Values: map[string]string{"report_time": "2026-10-31 09:00", "done_time": "2026-11-01 10:00",
				"unit": "1-1-101", "contact": "张伟", "description": "水龙头漏水", "revisit_time": "2026-11-03 10:00", "satisfaction": "满意"}},
			{Kind: "repair", Serial: "WX-2", Status: data.StatusActive, Values: map[string]string{"report_time": "2026-11-29 09:00", "done_time": "2026-12-01 10:00", "unit": "1-1-102"}},
			{Kind: "repair", Serial: "WX-3", Status: data.StatusActive, Values: map[string]string{"report_time": "2026-11-29 09:00", "unit": "1-1-103"}}, // not done
		},
		"cleaning": {
			{Kind: "cleaning", Serial: "QJ-1", Status: data.StatusActive, Values: map[string]string{"service_time": "2026-11-10 09:00", "done_time": "2026-11-10 12:00",
				"unit": "2-1-201", "contact": "王芳", "service": "开荒保洁"}},
		},
	}}
	in := formtest.Fields("month", "2026-11", "clerk", "陈佳")
	in.Tables["manual"] = []data.Row{{"unit": "3-1-301", "name": "李娜", "service": "代收快递", "service_date": "2026-11-05"}}
	if err := computeServed(env, &in, formtest.At("2026-12-01 09:00")); err != nil {
		t.Fatal(err)
	}
	rows := in.Tables["rows"]
	if in.Values["count"] != "3" || len(rows) != 2 {
		t.Fatalf("rows: %v", rows)
	}
	if rows[0]["source"] != "WX-1" || rows[0]["revisit_date"] != "2026-11-03" || rows[0]["service"] != "维修：水龙头漏水" ||
		rows[1]["source"] != "QJ-1" || rows[1]["service"] != "清洁服务委托：开荒保洁" {
		t.Errorf("rows: %v", rows)
	}
	// A hand-added service outside the list's month, or satisfied with no revisit date, is refused.
	bad := formtest.Fields("month", "2026-11", "clerk", "陈佳")
	bad.Tables["manual"] = []data.Row{{"unit": "3-1-301", "name": "李娜", "service": "代收快递", "service_date": "2025-01-10"}}
	if _, errs := data.Validate(formServedHouseholds, bad, formtest.At("2026-12-01 09:00")); errs["manual[0].service_date"] == "" {
		t.Errorf("a service of another month: %v", errs)
	}
	bad.Tables["manual"] = []data.Row{{"unit": "3-1-301", "name": "李娜", "service": "代收快递", "service_date": "2026-11-10", "satisfaction": "满意"}}
	if _, errs := data.Validate(formServedHouseholds, bad, formtest.At("2026-12-01 09:00")); errs["manual[0].revisit_date"] == "" {
		t.Errorf("satisfied with no revisit: %v", errs)
	}
	if err := computeServed(env, &data.Input{Values: map[string]string{"month": "2027-01"}, Tables: map[string][]data.Row{}}, formtest.At("2026-12-01 09:00")); err == nil {
		t.Errorf("a list of a month not begun")
	}
}

// The rules that keep the figures true: no report of a month not begun, none signed before the
// month ends; the reply rate counts only complaints whose 2 hours have run; a rework's charge stays in
// the month it was charged; a schedule prices an item once; an order is not done before it was
// dispatched or sent back; a completion after a price change is priced by the old price; a receipt is
// not in the future.
func TestFigureRules(t *testing.T) {
	future := formtest.Fields("month", "2027-01")
	if err := computeComplaintMonth(formtest.MemEnv{}, &future, formtest.At("2026-12-01 09:00")); err == nil {
		t.Errorf("a report of a month not begun")
	}
	rep := &data.Record{Kind: "complaint_month", Serial: "YB-1", Status: data.StatusActive, State: "draft",
		Values: map[string]string{"month": "2026-12", "analysis": "x"}}
	if _, _, err := FormComplaintMonthly.TakeStep(rep, "sign", data.NewInput(), formtest.TSupervisor, formtest.At("2026-12-20 10:00"), formtest.FakeEnv{}); err == nil {
		t.Errorf("signed before the month ended")
	}
	// Two valid complaints: one answered in time, one received 30 minutes ago (not yet due).
	recs := []*data.Record{formtest.Complaint(ComplaintValid, "2026-12-01 08:00"), formtest.Complaint(ComplaintValid, "2026-12-01 09:30")}
	recs[0].Values["reply_time"] = "2026-12-01 08:30"
	cm := CountComplaints(recs, formtest.At("2026-12-01 00:00"), formtest.At("2027-01-01 00:00"), formtest.At("2026-12-01 10:00"), 2)
	if cm.ValidDue != 1 || cm.ValidTimely != 1 {
		t.Errorf("the rate counts a complaint not yet due: %+v", cm)
	}
	// A charge of November stays in November after a rework completed in December.
	order := &data.Record{Kind: "repair", Values: map[string]string{"done_time": "2026-12-02 10:00"},
		Tables: map[string][]data.Row{"charges": {{"item": "更换水龙头", "qty": "1", "amount": "30.00", "date": "2026-11-30"}}}}
	var nov, dec ComplaintMonth
	nov.AddPaid([]*data.Record{order}, formtest.At("2026-11-01 00:00"), formtest.At("2026-12-01 00:00"))
	dec.AddPaid([]*data.Record{order}, formtest.At("2026-12-01 00:00"), formtest.At("2027-01-01 00:00"))
	if nov.PaidTotal != 3000 || dec.PaidTotal != 0 {
		t.Errorf("the charge moved: November %d, December %d", nov.PaidTotal, dec.PaidTotal)
	}
	dup := formtest.Fields("title", "维修", "effective", "2026-12-01")
	dup.Tables["items"] = []data.Row{{"item": "测试项目", "unit": "次", "price": "10"}, {"item": "测试项目", "unit": "小时", "price": "99"}}
	if _, errs := data.Validate(FormFees, dup, formtest.At("2026-12-01 09:00")); errs["items[1].item"] == "" {
		t.Errorf("an item priced twice: %v", errs)
	}
	env := formtest.MemEnv{Recs: map[string][]*data.Record{"fees": {
		schedule("SF-1", "维修", "2026-11-20", "approved", [3]string{"旧项目", "次", "30.00"}),
		schedule("SF-2", "维修", "2026-12-01", "approved", [3]string{"新项目", "次", "35.00"}),
	}}}
	wx := &data.Record{Kind: "repair", Serial: "WX-1", Status: data.StatusActive, State: "dispatched",
		Values: map[string]string{"report_time": "2026-11-24 09:00"}, Life: map[string]string{"dispatched_at": "2026-11-24 10:00"}}
	late := formtest.Fields("done_time", "2026-11-25 10:00")
	late.Tables["charges"] = []data.Row{{"item": "旧项目", "qty": "1"}}
	if r, _, err := FormRepair.TakeStep(wx, "complete", late, formtest.TClerk, formtest.At("2026-12-01 10:00"), env); err != nil || r.Values["fee"] != "30.00" {
		t.Errorf("a completion recorded after the price change: %v %v", err, r)
	}
	early := formtest.Fields("done_time", "2026-11-24 09:30")
	if _, _, err := FormRepair.TakeStep(wx, "complete", early, formtest.TClerk, formtest.At("2026-12-01 10:00"), env); err == nil {
		t.Errorf("done before it was dispatched")
	}
	c := complaintInputFor("2026-12-02 10:00")
	if _, errs := data.Validate(FormComplaint, c, formtest.At("2026-12-01 10:00")); errs["received"] == "" {
		t.Errorf("a complaint received tomorrow: %v", errs)
	}
}

func complaintInputFor(received string) data.Input {
	return formtest.Fields("unit", "3-2-1201", "complainant", "张伟", "phone", "13812345678", "channel", "电话", "category", "噪音",
		"received", received, "content", "噪音", "validity", ComplaintValid, "urgency", "一般", "clerk", "陈佳")
}

// A rework keeps what was charged the first time, and adds what the rework charged; the audit trail
// has every line charged.
func TestReworkKeepsCharges(t *testing.T) {
	env := formtest.MemEnv{Recs: map[string][]*data.Record{"fees": {
		schedule("SF-1", "维修", "2026-11-01", "approved", [3]string{"更换水龙头", "次", "30.00"}, [3]string{"疏通下水道", "次", "50.00"}),
	}}}
	r := &data.Record{Kind: "repair", Serial: "WX-1", Status: data.StatusActive, State: "dispatched",
		Values: map[string]string{"report_time": "2026-11-20 09:00", "worker": "张师傅"}}
	in := formtest.Fields("done_time", "2026-11-20 15:00")
	in.Tables["charges"] = []data.Row{{"item": "更换水龙头", "qty": "2"}}
	nr, changes, err := FormRepair.TakeStep(r, "complete", in, formtest.TClerk, formtest.At("2026-11-20 15:00"), env)
	if err != nil {
		t.Fatal(err)
	}
	var audited bool
	for _, c := range changes {
		if c.Field == "charges" && strings.Contains(c.New, "item=更换水龙头") && strings.Contains(c.New, "amount=60.00") {
			audited = true
		}
	}
	if !audited {
		t.Errorf("the audit trail lacks the charged lines: %+v", changes)
	}
	nr = formtest.Take(t, FormRepair, nr, "revisit", formtest.Fields("revisit_time", "2026-11-21 10:00", "satisfaction", "不满意", "revisit", "仍漏水"), formtest.TClerk, "2026-11-21 10:00", env)
	if nr.State != "dispatched" || nr.Values["fee"] != "60.00" {
		t.Fatalf("sent back for rework: %s fee %s", nr.State, nr.Values["fee"])
	}
	again := formtest.Take(t, FormRepair, nr, "complete", formtest.Fields("done_time", "2026-11-21 15:00"), formtest.TClerk, "2026-11-21 15:00", env)
	if again.Values["fee"] != "60.00" || again.Values["paid"] != "是" || len(again.Tables["charges"]) != 1 {
		t.Fatalf("a free rework wiped the charge: fee %s paid %s %v", again.Values["fee"], again.Values["paid"], again.Tables)
	}
	in2 := formtest.Fields("done_time", "2026-11-21 15:00")
	in2.Tables["charges"] = []data.Row{{"item": "疏通下水道", "qty": "1"}}
	more := formtest.Take(t, FormRepair, nr, "complete", in2, formtest.TClerk, "2026-11-21 15:00", env)
	if more.Values["fee"] != "110.00" || len(more.Tables["charges"]) != 2 {
		t.Fatalf("a charged rework: fee %s %v", more.Values["fee"], more.Tables)
	}
}

// How long a reply took, as the report says it.
func TestDurationText(t *testing.T) {
	for d, want := range map[time.Duration]string{25 * time.Minute: "25分", 2 * time.Hour: "2小时", 4*time.Hour + 50*time.Minute: "4小时50分",
		3*time.Hour + 8*time.Minute: "3小时8分", 10 * time.Hour: "10小时"} {
		if got := durationText(d); got != want {
			t.Errorf("%v: %s; want %s", d, got, want)
		}
	}
}
