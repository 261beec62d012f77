package store

import (
	"errors"

	"frontdesk/data/forms/service"

	"strings"
	"testing"
	"time"

	"frontdesk/data"

	bolt "go.etcd.io/bbolt"
)

func complaintInput(validity string) data.Input {
	in := data.NewInput()
	for k, v := range map[string]string{"unit": "3-2-1201", "complainant": "张伟", "phone": "13812345678", "channel": "电话", "category": "噪音",
		"received": "2026-11-27 09:20", "content": "楼上夜间装修噪音。", "validity": validity, "urgency": "一般", "clerk": "陈佳"} {
		in.Values[k] = v
	}
	return in
}

// A complaint in the store: its reply clock on the due list, its life recorded by steps and kept by
// edits, its validity changed only by the supervisor, and nothing of its life typed in.
func TestComplaintInStore(t *testing.T) {
	s, now := openTemp(t)
	typed := complaintInput(service.ComplaintValid)
	typed.Values["reply_time"] = "2026-11-27 09:25"
	if _, err := s.Create(clerk, "complaint", typed); fieldErrs(err)["reply_time"] == "" {
		t.Fatalf("a reply time typed at intake: %v", err)
	}
	c := mustCreate(t, s, clerk, "complaint", complaintInput(service.ComplaintValid))
	if c.State != "reply" {
		t.Fatalf("a new complaint is %s", c.State)
	}
	due, _ := s.Due(clerk, now.Add(90*time.Minute))
	if len(due) != 1 || due[0].Label != "答复" || due[0].Left != "剩余 0:20" || !due[0].Mine {
		t.Fatalf("due = %+v", due)
	}
	*now = now.Add(40 * time.Minute)
	r, err := step(s, clerk, c.Serial, "reply", "reply_time", "2026-11-27 10:05", "reply_way", "电话", "reply_content", "已联系施工方",
		"next_reply", "2026-11-28 10:00")
	if err != nil || r.State != "follow" || r.Values["handler"] != "陈佳" {
		t.Fatalf("reply = %+v, %v", r, err)
	}
	// The clerk corrects the content: the reply stays; the validity is the supervisor's.
	in := r.Input()
	for _, fl := range []string{"reply_time", "reply_way", "reply_content", "next_reply", "handler"} {
		delete(in.Values, fl)
	}
	in.Values["content"] = "楼上夜间装修噪音，22点后仍在施工。"
	up, err := s.Update(clerk, "complaint", c.ID, 0, in)
	if err != nil || up.Values["reply_time"] != "2026-11-27 10:05" || up.State != "follow" {
		t.Fatalf("edit = %+v, %v", up, err)
	}
	in.Values["validity"] = service.ComplaintInvalid
	if _, err := s.Update(clerk, "complaint", c.ID, 0, in); fieldErrs(err)["validity"] == "" {
		t.Fatalf("a clerk changed the validity: %v", err)
	}
	// The console sends the record back whole: its life, as it is, is not refused.
	whole := up.Input()
	whole.Values["urgency"] = "紧急"
	if _, err := s.Update(clerk, "complaint", c.ID, 0, whole); err != nil {
		t.Fatalf("an edit sent back whole: %v", err)
	}
	whole.Values["reply_time"] = "2026-11-27 09:21"
	if _, err := s.Update(clerk, "complaint", c.ID, 0, whole); fieldErrs(err)["reply_time"] == "" {
		t.Fatalf("a reply time retyped by an edit: %v", err)
	}
	d, err := step(s, supervisor, c.Serial, "decide", "validity", service.ComplaintInvalid, "validity_reason", "属邻里纠纷")
	if err != nil || d.Values["validity"] != service.ComplaintInvalid || d.Values["validity_reason"] != "属邻里纠纷" {
		t.Fatalf("decide = %+v, %v", d, err)
	}
	// Answered as valid before it was decided invalid: it is closed by its revisit, not without one.
	if _, err := step(s, clerk, c.Serial, "close"); err == nil {
		t.Fatal("a complaint answered as valid closed without its revisit")
	}
	if _, err := step(s, clerk, c.Serial, "finish", "result", "已向业主解释"); err != nil {
		t.Fatal(err)
	}
	if _, err := step(s, clerk, c.Serial, "revisit", "revisit_time", now.Format(data.LayoutDateTime), "satisfaction", "满意"); err != nil {
		t.Fatalf("the revisit it owes: %v", err)
	}
	if due, _ := s.Due(clerk, *now); len(due) != 0 {
		t.Errorf("closed, yet due: %+v", due)
	}
}

func fieldErrs(err error) data.FieldErrors {
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		return fe
	}
	return data.FieldErrors{}
}

func feesInput(title, effective string, items ...[3]string) data.Input {
	in := data.NewInput()
	in.Values["title"], in.Values["effective"] = title, effective
	for _, it := range items {
		in.Tables["items"] = append(in.Tables["items"], data.Row{"item": it[0], "unit": it[1], "price": it[2]})
	}
	return in
}

// A fee schedule is approved by the manager and then fixed; a repair completed in the store is priced
// by it; the month report computes from the store and again when edited.
func TestFeesRepairAndMonthReport(t *testing.T) {
	s, now := openTemp(t)
	sched := mustCreate(t, s, supervisor, "fees", feesInput("有偿维修服务收费标准", "2026-11-01", [3]string{"更换水龙头", "次", "30.00"}))
	repair := data.NewInput()
	for k, v := range map[string]string{"unit": "3-2-1201", "contact": "张伟", "phone": "13812345678", "category": "水", "description": "厨房水龙头漏水",
		"report_time": "2026-11-27 09:00", "appointment": "2026-11-27 14:00", "clerk": "陈佳"} {
		repair.Values[k] = v
	}
	wx := mustCreate(t, s, clerk, "repair", repair)
	if _, err := step(s, clerk, wx.Serial, "dispatch", "worker", "张师傅"); err != nil {
		t.Fatal(err)
	}
	*now = time.Date(2026, 11, 27, 15, 0, 0, 0, data.Shanghai)
	charge := data.NewInput()
	charge.Values["done_time"] = "2026-11-27 15:00"
	charge.Tables["charges"] = []data.Row{{"item": "更换水龙头", "qty": "2"}}
	if _, err := s.Step(clerk, wx.Serial, "complete", charge); fieldErrs(err)["charges"] == "" {
		t.Fatalf("priced by a schedule not yet approved: %v", err)
	}
	if _, err := step(s, supervisor, sched.Serial, "approve"); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a supervisor approved the schedule: %v", err)
	}
	if _, err := step(s, manager, sched.Serial, "approve"); err != nil {
		t.Fatal(err)
	}
	fixed := feesInput("有偿维修服务收费标准", "2026-11-01", [3]string{"更换水龙头", "次", "3.00"})
	var fe *data.FixedError
	if _, err := s.Update(manager, "fees", sched.ID, 0, fixed); !errors.As(err, &fe) || !strings.Contains(Message(err), "新建") {
		t.Fatalf("an approved schedule was edited: %v", err)
	}
	// The approval is the manager's: the supervisor cannot withdraw it by voiding the schedule.
	if _, err := s.Void(supervisor, sched.Serial, "作废试试"); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a supervisor voided an approved schedule: %v", err)
	}
	done, err := s.Step(clerk, wx.Serial, "complete", charge)
	if err != nil || done.Values["fee"] != "60.00" || done.State != "done" {
		t.Fatalf("complete = %+v, %v", done, err)
	}
	due, _ := s.Due(clerk, *now)
	if len(due) != 1 || due[0].Label != "回访" || !due[0].Deadline.Equal(time.Date(2026, 12, 2, 0, 0, 0, 0, data.Shanghai)) {
		t.Fatalf("revisit due = %+v", due)
	}
	// The month report, from the store.
	mustCreate(t, s, clerk, "complaint", complaintInput(service.ComplaintValid))
	*now = time.Date(2026, 12, 1, 9, 0, 0, 0, data.Shanghai)
	rin := data.NewInput()
	rin.Values["month"], rin.Values["author"] = "2026-11", "王主管"
	rep := mustCreate(t, s, supervisor, "complaint_month", rin)
	if rep.Values["total"] != "1" || rep.Values["timely"] != "0" || rep.Values["paid_total"] != "60.00" || len(rep.Tables["late"]) != 1 || rep.State != "draft" {
		t.Fatalf("month report = %v %v", rep.Values, rep.Tables)
	}
	mustCreate(t, s, clerk, "complaint", complaintInput(service.ComplaintInvalid))
	rin.Values["analysis"] = "夜间答复超时。"
	up, err := s.Update(supervisor, "complaint_month", rep.ID, 0, rin)
	if err != nil || up.Values["total"] != "2" || up.Values["invalid"] != "1" {
		t.Fatalf("recomputed = %v, %v", up.Values, err)
	}
	if _, err := step(s, supervisor, rep.Serial, "sign"); err != nil {
		t.Fatal(err)
	}
}

// Every kind of open matter is on the due list: complaints, repairs, cleaning, messages, special
// reports, fee schedules awaiting approval, the month report awaiting its signature.
func TestDueHasEveryKind(t *testing.T) {
	s, now := openTemp(t)
	mustCreate(t, s, clerk, "complaint", complaintInput(service.ComplaintValid))
	for _, kind := range []string{"repair", "cleaning", "message", "special"} {
		f, _ := data.FormByKey(kind)
		in := data.NewInput()
		for _, fl := range f.Fields {
			if fl.Auto || !fl.Required {
				continue
			}
			in.Values[fl.Key] = map[data.FieldType]string{data.TypeUnit: "3-2-1201", data.TypePerson: "陈佳", data.TypePhone: "13812345678",
				data.TypeDateTime: "2026-11-27 09:00", data.TypeText: "地库积水", data.TypeMultiline: "已处理。"}[fl.Type]
			if fl.Type == data.TypeChoice {
				in.Values[fl.Key] = fl.Choices[0]
			}
		}
		if kind == "repair" {
			in.Values["appointment"] = "2026-11-27 14:00"
		}
		if kind == "cleaning" {
			in.Values["service_time"] = "2026-11-28 10:00"
		}
		mustCreate(t, s, clerk, kind, in)
	}
	mustCreate(t, s, supervisor, "fees", feesInput("家政保洁服务收费标准", "2026-12-01", [3]string{"日常保洁", "小时", "40.00"}))
	rin := data.NewInput()
	rin.Values["month"], rin.Values["author"] = "2026-11", "王主管"
	mustCreate(t, s, supervisor, "complaint_month", rin)
	due, err := s.Due(manager, now.Add(16*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]data.Matter{}
	for _, m := range due {
		kinds[m.Kind] = m
	}
	for kind, label := range map[string]string{"complaint": "答复", "repair": "约定上门", "cleaning": "约定上门", "message": "转达", "special": "经理批示", "fees": "", "complaint_month": ""} {
		m, ok := kinds[kind]
		if !ok || m.Label != label {
			t.Errorf("%s on the due list: %+v (%v)", kind, m, ok)
		}
	}
	if !kinds["special"].Mine || !kinds["fees"].Mine {
		t.Errorf("the manager's matters are not theirs: %+v %+v", kinds["special"], kinds["fees"])
	}
	if m := kinds["message"]; !m.Overdue {
		t.Errorf("a message of yesterday morning is not overdue after midnight: %+v", m)
	}
}

// legacy rewrites a record as a program of before the form's life saved it: no state, its typed status
// in its values; the audit trail has it, and the open index is built as the upgrade builds it.
func legacy(t *testing.T, s *Store, r *data.Record, vals map[string]string) {
	t.Helper()
	err := s.db.Update(func(tx *bolt.Tx) error {
		fb, err := formBucket(tx, r.Kind)
		if err != nil {
			return err
		}
		old, err := getRecord(fb, r.ID)
		if err != nil {
			return err
		}
		old.State = ""
		for k, v := range vals {
			old.Values[k] = v
		}
		f, _ := data.FormByKey(r.Kind)
		raw, err := putRecord(fb, f, old)
		if err != nil {
			return err
		}
		if err := appendAudit(tx, AuditEntry{Time: time.Now().UTC(), User: "程序", Action: ActionUpdate, Kind: r.Kind, RecordID: r.ID,
			Serial: r.Serial, RecordHash: hashBytes(raw)}); err != nil {
			return err
		}
		return indexOpenMatters(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A record saved before its form had a life stands where its typed status put it, and an edit keeps
// both: a repair marked 已回访 stays closed (no revisit due), its status kept.
func TestLegacyRecordEdit(t *testing.T) {
	s, now := openTemp(t)
	in := data.NewInput()
	for k, v := range map[string]string{"unit": "3-2-1201", "contact": "张伟", "phone": "13812345678", "category": "水", "description": "漏水",
		"report_time": "2026-11-20 09:00", "appointment": "2026-11-20 14:00", "clerk": "陈佳"} {
		in.Values[k] = v
	}
	wx := mustCreate(t, s, clerk, "repair", in)
	legacy(t, s, wx, map[string]string{"status": "已回访", "worker": "张师傅", "done_time": "2026-11-20 15:00"})
	if due, _ := s.Due(clerk, *now); len(due) != 0 {
		t.Fatalf("a repair revisited before the upgrade is due: %+v", due)
	}
	in.Values["description"] = "厨房水龙头漏水"
	up, err := s.Update(clerk, "repair", wx.ID, 0, in)
	if err != nil {
		t.Fatal(err)
	}
	if up.State != "closed" || up.Values["status"] != "已回访" || up.Values["worker"] != "张师傅" {
		t.Fatalf("after an edit: state %s values %v", up.State, up.Values)
	}
	if due, _ := s.Due(clerk, *now); len(due) != 0 {
		t.Fatalf("an edit reopened it: %+v", due)
	}
	// A complaint recorded 跟进中 before, not yet revisited: being followed up, and revisited later.
	c := mustCreate(t, s, clerk, "complaint", complaintInput(service.ComplaintValid))
	legacy(t, s, c, map[string]string{"status": "跟进中", "reply_time": "2026-11-27 09:40"})
	if got, _ := s.BySerial(clerk, c.Serial); complaintForm().State(got).Key != "follow" {
		t.Fatalf("a legacy complaint being followed up is %s", complaintForm().State(got).Key)
	}
}

func complaintForm() *data.Form {
	f, _ := data.FormByKey("complaint")
	return f
}

// A roster in the store: its people are the accounts; due before the 25th on the supervisor's list;
// approved by the manager alone, then fixed.
func TestRosterInStore(t *testing.T) {
	s, now := openTemp(t)
	adm, err := s.SetupAdmin("admin", "管理员", "pass-1234")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []data.Actor{clerk, supervisor, manager} {
		if _, err := s.CreateAccount(adm, a.Login, a.Name, a.Role, "pass-1234"); err != nil {
			t.Fatal(err)
		}
	}
	in := data.NewInput()
	in.Values["month"], in.Values["author"] = "2026-12", "王主管"
	in.Tables["lines"] = []data.Row{{"date": "2026-12-01", "early": "陈佳", "late": "张三"}}
	if _, err := s.Create(supervisor, "roster", in); fieldErrs(err)["lines[0].late"] == "" {
		t.Fatalf("a roster with someone not on the staff: %v", err)
	}
	in.Tables["lines"] = []data.Row{{"date": "2026-12-01", "early": "陈佳", "late": "王主管"}}
	r := mustCreate(t, s, supervisor, "roster", in)
	if !strings.Contains(r.Values["warnings"], "无人值班：12月1日（中班、夜班），12月2日") {
		t.Errorf("warnings: %q", r.Values["warnings"])
	}
	if _, err := step(s, supervisor, r.Serial, "submit"); !strings.Contains(fieldErrs(err)["lines"], "12月1日（中班、夜班）") {
		t.Errorf("a roster with days nobody is on was submitted: %v", err)
	}
	in.Tables["lines"] = staffedLines(t, s, "2026-12", in.Tables["lines"]...)
	if r, err = s.Update(supervisor, "roster", r.ID, 0, in); err != nil {
		t.Fatal(err)
	}
	due, _ := s.Due(supervisor, *now)
	if len(due) != 1 || due[0].Label != "报经理" || !due[0].Mine || !due[0].Deadline.Equal(time.Date(2026, 11, 25, 0, 0, 0, 0, data.Shanghai)) || !due[0].Overdue {
		t.Fatalf("due = %+v", due)
	}
	if _, err := step(s, supervisor, r.Serial, "submit"); err != nil {
		t.Fatal(err)
	}
	if _, err := step(s, supervisor, r.Serial, "approve"); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("the supervisor approved the roster: %v", err)
	}
	ok, err := step(s, manager, r.Serial, "approve")
	if err != nil || ok.Values["late_note"] == "" {
		t.Fatalf("approved: %v %v", ok, err)
	}
	var fe *data.FixedError
	if _, err := s.Update(supervisor, "roster", r.ID, 0, in); !errors.As(err, &fe) {
		t.Fatalf("an approved roster was edited: %v", err)
	}
}
