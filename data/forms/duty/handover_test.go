package duty

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

func TestParseShiftHours(t *testing.T) {
	tests := []struct {
		in, want, msg string
	}{
		{DefaultShiftHours, "早班07:30-15:30 中班09:30-17:30 晚班12:00-20:00 夜班20:00-07:30", ""},
		{"早班 08:00-16:00，中班 10:00～18:00\n晚班 12:30至20:30；夜班 20:30-08:00", "早班08:00-16:00 中班10:00-18:00 晚班12:30-20:30 夜班20:30-08:00", ""},
		{"早班 07:30-15:30；中班 09:30-17:30", "", "请写明晚班的时间"},
		{"早班 07:30-15:30；早班 08:00-16:00；中班 09:30-17:30；晚班 12:00-20:00", "", "早班写了两次"},
		{"深夜班 20:00-23:00；早班 07:30-15:30；中班 09:30-17:30；晚班 12:00-20:00", "", "没有“深夜班”这个班次"},
		{"早班 15:30-07:30；中班 09:30-17:30；晚班 12:00-20:00", "", "下班时间应晚于上班时间"},
		{"早班 7点半到下午；中班 09:30-17:30；晚班 12:00-20:00", "", "应写成"},
		{"早班07:30-15:30", "", "应写成"},
		{"", "", "请写明早班的时间"},
	}
	for _, tc := range tests {
		got, msg := ParseShiftHours(tc.in)
		var parts []string
		for _, s := range got {
			parts = append(parts, s.Name+s.Hours())
		}
		if strings.Join(parts, " ") != tc.want || !strings.Contains(msg, tc.msg) || (tc.msg == "") != (msg == "") {
			t.Errorf("%q: %v %q; want %q %q", tc.in, parts, msg, tc.want, tc.msg)
		}
	}
	// A setting that cannot be read falls back to the rules' own hours.
	if s, ok := ShiftNamed(formtest.FakeEnv{SettingShiftHours: "乱写"}, "中班"); !ok || s.Hours() != "09:30-17:30" {
		t.Errorf("fallback: %v", s)
	}
	if s, _ := ShiftNamed(formtest.FakeEnv{SettingShiftHours: "早班 08:00-16:00；中班 10:00-18:00；晚班 13:00-21:00；夜班 21:00-08:00"}, "晚班"); s.Hours() != "13:00-21:00" {
		t.Errorf("set: %v", s)
	}
}

func TestParseItemList(t *testing.T) {
	tests := []struct{ in, want, msg string }{
		{DefaultHandoverItems, "对讲机|钥匙|备用金|代收快递", ""},
		{"对讲机, 钥匙；雨伞\n", "对讲机|钥匙|雨伞", ""},
		{"钥匙、钥匙", "", "写了两次"},
		{strings.Repeat("长", 21), "", "太长"},
	}
	for _, tc := range tests {
		got, msg := ParseItemList(tc.in)
		if strings.Join(got, "|") != tc.want || !strings.Contains(msg, tc.msg) || (tc.msg == "") != (msg == "") {
			t.Errorf("%q: %v %q", tc.in, got, msg)
		}
	}
	if msg := settingHandoverItems.Check("、 、"); msg == "" {
		t.Error("an empty item list was accepted")
	}
}

// dutyEnv holds December 2026's approved roster and the day's requests.
func dutyEnv(leaves ...*data.Record) formtest.MemEnv {
	roster := &data.Record{Kind: "roster", Serial: "PB-1", Status: data.StatusActive, State: "approved",
		Values: map[string]string{"month": "2026-12"}, Tables: map[string][]data.Row{"lines": {
			{"date": "2026-12-01", "early": "陈佳", "middle": "李晓梅", "late": "王丽君"},
			{"date": "2026-12-02", "early": "周敏", "late": "陈佳"},
			{"date": "2026-12-03", "night": "赵静"},
		}}}
	draft := &data.Record{Kind: "roster", Serial: "PB-2", Status: data.StatusActive, State: "draft",
		Values: map[string]string{"month": "2026-12"}, Tables: map[string][]data.Row{"lines": {{"date": "2026-12-01", "early": "周敏"}}}}
	return formtest.MemEnv{FakeEnv: formtest.FakeEnv{}, Recs: map[string][]*data.Record{"roster": {roster, draft}, "leave": leaves}}
}

func leaveRec(state, kind, person, shift, cover string) *data.Record {
	return &data.Record{Kind: "leave", Serial: "QB-1", Status: data.StatusActive, State: state,
		Values: map[string]string{"kind": kind, "person": person, "date": "2026-12-01", "shift": shift, "cover": cover, "partner": cover}}
}

// The day's duty is the approved roster (a draft counts for nothing), changed by approved requests only.
func TestDutyOn(t *testing.T) {
	day := formtest.At("2026-12-01 10:00")
	tests := []struct {
		name   string
		leaves []*data.Record
		want   map[string]string
	}{
		{"as rostered", nil, map[string]string{"早班": "陈佳", "中班": "李晓梅", "晚班": "王丽君"}},
		{"approved leave", []*data.Record{leaveRec("approved", LeaveKindLeave, "陈佳", "早班", "周敏")}, map[string]string{"早班": "周敏"}},
		{"approved swap", []*data.Record{leaveRec("approved", LeaveKindSwap, "李晓梅", "中班", "周敏")}, map[string]string{"中班": "周敏"}},
		{"approved stand-in", []*data.Record{leaveRec("approved", LeaveKindStand, "王丽君", "晚班", "周敏")}, map[string]string{"晚班": "王丽君、周敏"}},
		{"a swap nobody approved", []*data.Record{leaveRec("asked", LeaveKindSwap, "陈佳", "早班", "周敏")}, map[string]string{"早班": "陈佳"}},
		{"a refused swap", []*data.Record{leaveRec("refused", LeaveKindSwap, "陈佳", "早班", "周敏")}, map[string]string{"早班": "陈佳"}},
	}
	for _, tc := range tests {
		d, err := DutyOn(dutyEnv(tc.leaves...), day)
		if err != nil || !d.Rostered {
			t.Fatalf("%s: %v %v", tc.name, d, err)
		}
		for shift, want := range tc.want {
			if got := strings.Join(d.On[shift], "、"); got != want {
				t.Errorf("%s: %s = %q; want %q", tc.name, shift, got, want)
			}
		}
	}
	if d, _ := DutyOn(dutyEnv(), formtest.At("2027-01-05 10:00")); d.Rostered {
		t.Error("a month without an approved roster is rostered")
	}
}

func handoverInput(kv ...string) data.Input {
	in := formtest.Fields(append([]string{"time", "2026-12-01 15:20", "from_shift", "早班", "outgoing", "陈佳", "to_shift", "中班", "incoming", "李晓梅"}, kv...)...)
	in.Tables["items"] = []data.Row{{"item": "对讲机", "qty": "2"}, {"item": "钥匙", "qty": "12"}, {"item": "备用金", "qty": "500"}, {"item": "代收快递", "qty": "3"}}
	return in
}

func TestHandoverRules(t *testing.T) {
	prev := &data.Record{Kind: "handover", Serial: "JJ-0", Status: data.StatusActive, State: "done",
		Values: map[string]string{"time": "2026-11-30 15:30"}, Tables: map[string][]data.Row{"items": {{"item": "对讲机", "qty": "2"}, {"item": "钥匙", "qty": "12"}, {"item": "代收快递", "qty": "3"}}}}
	tests := []struct {
		name  string
		in    data.Input
		field string
		want  string
	}{
		{"a good handover", handoverInput(), "", ""},
		{"at 03:00 from the 中班", handoverInput("time", "2026-12-01 03:00", "from_shift", "中班"), "time", "09:30-17:30"},
		{"outgoing not on the shift", handoverInput("outgoing", "周敏"), "outgoing", "没有排早班"},
		{"incoming not on the shift", handoverInput("incoming", "王丽君"), "incoming", "当班：李晓梅"},
		{"the evening to tomorrow's 早班", handoverInput("time", "2026-12-01 20:00", "from_shift", "晚班", "outgoing", "王丽君", "to_shift", "早班", "incoming", "周敏"), "", ""},
		{"the evening to today's 早班 person", handoverInput("time", "2026-12-01 20:00", "from_shift", "晚班", "outgoing", "王丽君", "to_shift", "早班", "incoming", "陈佳"), "incoming", "12月2日没有排早班"},
		{"an item not counted", func() data.Input { in := handoverInput(); in.Tables["items"] = in.Tables["items"][:3]; return in }(), "items", "代收快递"},
		{"a count changed with no note", func() data.Input { in := handoverInput(); in.Tables["items"][3]["qty"] = "5"; return in }(), "items[3].note", "上次交接为 3，这次为 5"},
		{"a count changed and explained", func() data.Input {
			in := handoverInput()
			in.Tables["items"][3]["qty"], in.Tables["items"][3]["note"] = "1", "业主取走2件"
			return in
		}(), "", ""},
	}
	for _, tc := range tests {
		env := dutyEnv()
		env.Recs["handover"] = []*data.Record{prev}
		errs := handoverRules(env, tc.in)
		if tc.field == "" && len(errs) > 0 || tc.field != "" && !strings.Contains(errs[tc.field], tc.want) {
			t.Errorf("%s: %v; want %q on %q", tc.name, errs, tc.want, tc.field)
		}
	}
	// An approved swap puts the colleague on the shift.
	env := dutyEnv(leaveRec("approved", LeaveKindSwap, "李晓梅", "中班", "周敏"))
	if errs := handoverRules(env, handoverInput("incoming", "周敏")); len(errs) > 0 {
		t.Errorf("incoming by an approved swap: %v", errs)
	}
	if errs := handoverRules(env, handoverInput()); !strings.Contains(errs["incoming"], "没有排中班") {
		t.Errorf("the one swapped away still takes over: %v", errs)
	}
}

// openEnv is a store whose open matters are these.
type openEnv struct {
	formtest.MemEnv
	open []data.Matter
}

func (e openEnv) Open(time.Time) ([]data.Matter, error) { return e.open, nil }

// The handover gathers what every register leaves open, and only the registers a shift hands over.
func TestHandoverGathersOpenMatters(t *testing.T) {
	five := 5
	late := -30
	env := openEnv{MemEnv: dutyEnv(), open: []data.Matter{
		{Serial: "FK-1", Kind: "visitor", Form: "《访客登记表》", State: "在场", Who: "前台值班员"},
		{Serial: "PB-9", Kind: "roster", Form: "《排班表》", State: "待经理审批", Who: "物业服务中心经理"},
		{Serial: "TS-1", Kind: "complaint", Form: "《顾客投诉处理记录表》", State: "待答复", Minutes: &five, Deadline: formtest.At("2026-12-01 15:25")},
		{Serial: "ZB-1", Kind: "duty_log", Form: "《客户服务中心值班记录表》", State: "跟进中", Minutes: &late, Overdue: true, Deadline: formtest.At("2026-12-01 14:50")},
		{Serial: "QB-3", Kind: "leave", Form: "《请假/调班申请》", State: "待审批"},
	}}
	in := handoverInput()
	if err := computeHandover(env, &in, formtest.At("2026-12-01 15:20")); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range in.Tables["matters"] {
		got = append(got, r["m_no"]+" "+r["m_due"])
	}
	want := "ZB-1 12月1日 14:50（已超时）|TS-1 12月1日 15:25|FK-1 "
	if strings.Join(got, "|") != want {
		t.Errorf("gathered %q; want %q", strings.Join(got, "|"), want)
	}
}

// Both sign by logging in: the outgoing person saves it, the incoming one signs it or refuses, and a
// refusal goes to the supervisor.
func TestHandoverSigning(t *testing.T) {
	f := formHandover
	chen := data.Actor{Login: "c", Name: "陈佳", Role: data.RoleClerk}
	li := data.Actor{Login: "l", Name: "李晓梅", Role: data.RoleClerk}
	if err := f.MayWrite(li, handoverInput()); err == nil {
		t.Error("李晓梅 saved a handover as 陈佳")
	}
	if err := f.MayWrite(chen, handoverInput()); err != nil {
		t.Errorf("the outgoing person: %v", err)
	}
	rec := func() *data.Record {
		return &data.Record{Kind: "handover", Serial: "JJ-1", Status: data.StatusActive, State: "waiting", Life: map[string]string{},
			Values: handoverInput().Values, Tables: map[string][]data.Row{"matters": {{"m_no": "FK-1"}, {"m_no": "TS-1"}}}}
	}
	env := dutyEnv()
	var refusal *data.StepRefusal
	if _, _, err := f.TakeStep(rec(), "sign", formtest.Fields("log_read", "是", "desk_ok", "是", "ack_1", AckOK, "ack_2", AckOK), chen, formtest.At("2026-12-01 15:25"), env); !errors.As(err, &refusal) || !strings.Contains(refusal.Chinese(), "李晓梅 本人") {
		t.Errorf("the outgoing person signed for the incoming: %v", err)
	}
	if _, _, err := f.TakeStep(rec(), "sign", formtest.Fields("log_read", "否", "desk_ok", "是", "ack_1", AckOK, "ack_2", AckOK), li, formtest.At("2026-12-01 15:25"), env); !strings.Contains(formtest.ErrText(err, "log_read"), "阅读") {
		t.Errorf("signed without reading the log: %v", err)
	}
	if _, _, err := f.TakeStep(rec(), "sign", formtest.Fields("log_read", "是", "desk_ok", "是", "ack_1", AckOK, "ack_2", AckQuestion), li, formtest.At("2026-12-01 15:25"), env); !strings.Contains(formtest.ErrText(err, "questions"), "写明") {
		t.Errorf("a question with nothing asked: %v", err)
	}
	r := formtest.Take(t, f, rec(), "sign", formtest.Fields("log_read", "是", "desk_ok", "是", "ack_1", AckOK, "ack_2", AckQuestion, "questions", "TS-1 何时答复？"), li, "2026-12-01 15:25", env)
	if r.State != "done" || r.Values["in_by"] != "李晓梅" || r.Values["in_at"] != "2026-12-01 15:25" || r.Tables["matters"][1]["m_ack"] != AckQuestion || r.Life["ack_1"] != "" {
		t.Errorf("signed: %s %v %v %v", r.State, r.Values, r.Tables["matters"], r.Life)
	}
	if !f.State(r).Fixed {
		t.Error("a signed handover can still be edited")
	}
	notes := strings.Join(handoverNotes(r, time.Time{}), "\n")
	if !strings.Contains(notes, "接班人 李晓梅 于 2026-12-01 15:25 登录签名") || !strings.Contains(notes, "何时答复") {
		t.Errorf("notes: %s", notes)
	}
	// Refused: the supervisor settles it.
	r = formtest.Take(t, f, rec(), "refuse", formtest.Fields("refuse_reason", "备用金少100元，交班人说不清"), li, "2026-12-01 15:26", env)
	if r.State != "refused" || f.State(r).Who.Perm != data.PermApproveLeave {
		t.Errorf("refused: %s", r.State)
	}
	if _, _, err := f.TakeStep(r, "settle", formtest.Fields("settlement", "已核实"), li, formtest.At("2026-12-01 16:00"), env); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a clerk settled a refusal: %v", err)
	}
	r = formtest.Take(t, f, r, "settle", formtest.Fields("settlement", "已核实，备用金记入差额"), formtest.TSupervisor, "2026-12-01 16:00", env)
	if r.State != "settled" || !strings.Contains(strings.Join(handoverNotes(r, time.Time{}), "\n"), "拒绝签名：备用金少100元") {
		t.Errorf("settled: %s %v", r.State, handoverNotes(r, time.Time{}))
	}
	// A handover saved before it had a life was signed on paper.
	old := &data.Record{Kind: "handover", Status: data.StatusActive, Values: map[string]string{"time": "2025-01-01 15:30"}}
	if f.State(old).Key != "done" {
		t.Errorf("a handover of before: %s", f.State(old).Key)
	}
}

// A new handover is filled as the desk would: the shift ending, the next one and who is on it, the
// items with the last counts.
func TestPrefillHandover(t *testing.T) {
	prev := &data.Record{Kind: "handover", Serial: "JJ-0", Status: data.StatusActive, State: "done",
		Values: map[string]string{"time": "2026-12-01 09:00"}, Tables: map[string][]data.Row{"items": {{"item": "钥匙", "qty": "12"}}}}
	tests := []struct{ now, from, to, incoming string }{
		{"2026-12-01 15:10", "早班", "中班", "李晓梅"},
		{"2026-12-01 17:20", "中班", "晚班", "王丽君"},
		{"2026-12-01 19:50", "晚班", "夜班", ""},
	}
	for _, tc := range tests {
		env := dutyEnv()
		env.Recs["handover"] = []*data.Record{prev}
		in := formtest.Fields("outgoing", "陈佳")
		prefillHandover(env, &in, formtest.At(tc.now))
		if in.Get("from_shift") != tc.from || in.Get("to_shift") != tc.to || in.Get("incoming") != tc.incoming {
			t.Errorf("%s: %s → %s %s", tc.now, in.Get("from_shift"), in.Get("to_shift"), in.Get("incoming"))
		}
		if rows := in.Tables["items"]; len(rows) != 4 || rows[1]["item"] != "钥匙" || (rows[1]["qty"] != "12") != (tc.from == "") || rows[0]["qty"] != "" {
			t.Errorf("%s: items %v", tc.now, rows)
		}
	}
}
