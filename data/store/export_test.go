package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

// An export hands on what the list shows, all of it (past the list's page), oldest first: the same
// dates and search, the open records only when the list shows only those; a clerk's phones and ID
// numbers masked; a form for staff only exported by the supervisor and the manager alone; and each
// export is in the audit trail with its period, search and count.
func TestExportIsWhatTheListShows(t *testing.T) {
	s, now := openTemp(t)
	start := *now
	for day := 0; day < 3; day++ {
		for i, name := range []string{"张伟", "欧阳娜娜", "王芳"} {
			in := visitorInput()
			in.Values["visitor_name"] = name
			in.Values["entry_time"] = now.Add(time.Duration(i) * time.Minute).Format(data.LayoutDateTime)
			in.Values["consent_time"] = in.Values["entry_time"]
			mustCreate(t, s, clerk, "visitor", in)
		}
		*now = now.Add(24 * time.Hour)
	}
	if _, err := step(s, clerk, "LF-20261129-001", "checkout"); err != nil {
		t.Fatal(err)
	}
	d := func(v string) time.Time { t, _ := time.ParseInLocation(data.LayoutDate, v, data.Shanghai); return t }
	collect := func(by data.Actor, q ExportQuery) ([]*data.Record, error) {
		var got []*data.Record
		_, err := s.Export(context.Background(), by, q, func(r *data.Record) error { got = append(got, r); return nil })
		return got, err
	}
	tests := []struct {
		q    ExportQuery
		want []string
	}{
		{ExportQuery{Query: Query{Limit: 1}}, []string{"LF-20261127-001", "LF-20261127-002", "LF-20261127-003", "LF-20261128-001", "LF-20261128-002", "LF-20261128-003", "LF-20261129-001", "LF-20261129-002", "LF-20261129-003"}},
		{ExportQuery{Query: Query{From: d("2026-11-28"), To: d("2026-11-28")}}, []string{"LF-20261128-001", "LF-20261128-002", "LF-20261128-003"}},
		{ExportQuery{Query: Query{Text: "阳娜"}}, []string{"LF-20261127-002", "LF-20261128-002", "LF-20261129-002"}},
		{ExportQuery{Query: Query{From: d("2026-11-29")}, Open: true}, []string{"LF-20261129-002", "LF-20261129-003"}},
		{ExportQuery{Query: Query{From: d("2026-12-01")}}, nil},
	}
	for _, tt := range tests {
		tt.q.Kind = "visitor"
		got, err := collect(supervisor, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		var serials []string
		for _, r := range got {
			serials = append(serials, r.Serial)
		}
		if len(serials) != len(tt.want) {
			t.Errorf("%+v: %v, want %v", tt.q, serials, tt.want)
			continue
		}
		for i := range serials {
			if serials[i] != tt.want[i] {
				t.Errorf("%+v: %v, want %v", tt.q, serials, tt.want)
				break
			}
		}
	}
	got, err := collect(supervisor, ExportQuery{Query: Query{Kind: "visitor", Text: "LF-20261127-001"}})
	if err != nil || len(got) != 1 || got[0].Values["phone"] != "13812345678" || got[0].Values["doc_no"] != "11010519491231002X" {
		t.Fatalf("supervisor's export: %v %+v", err, got)
	}
	got, err = collect(clerk, ExportQuery{Query: Query{Kind: "visitor", Text: "LF-20261127-001"}})
	if err != nil || len(got) != 1 || got[0].Values["phone"] != data.MaskPhone("13812345678") || got[0].Values["doc_no"] != data.MaskID("11010519491231002X") {
		t.Fatalf("clerk's export is not masked: %v %+v", err, got)
	}
	// The export is audited: who, which form, the period, the search and how many.
	tail, err := s.AuditTail(1)
	if err != nil || len(tail) != 1 || tail[0].Action != ActionExport || tail[0].Login != clerk.Login || tail[0].Kind != "visitor" {
		t.Fatalf("audit: %v %+v", err, tail)
	}
	if c := tail[0].Changes; len(c) != 3 || c[0].New != "全部日期" || c[1].New != "LF-20261127-001" || c[2].New != "1" {
		t.Errorf("audited %+v", c)
	}

	// The duty log is for staff only: exported by the supervisor and the manager, not by a clerk.
	*now = start
	in := data.NewInput()
	in.Values = map[string]string{"time": "2026-11-27 09:00", "shift": "早班", "event_type": "来电", "summary": "业主来电咨询", "urgency": "一般", "status": "已处理", "clerk": "陈佳"}
	mustCreate(t, s, clerk, "duty_log", in)
	if _, err := collect(clerk, ExportQuery{Query: Query{Kind: "duty_log"}}); !errors.As(err, new(*data.ForbiddenError)) {
		t.Errorf("a clerk exported the duty log: %v", err)
	}
	for _, by := range []data.Actor{supervisor, manager} {
		if got, err := collect(by, ExportQuery{Query: Query{Kind: "duty_log"}}); err != nil || len(got) != 1 {
			t.Errorf("%s exports the duty log: %v %d", by.Name, err, len(got))
		}
	}
	// A stop asked for (取消) ends the export with nothing more handed on.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Export(ctx, supervisor, ExportQuery{Query: Query{Kind: "visitor"}}, func(*data.Record) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled export: %v", err)
	}
}

// A clerk's export of the quality checks holds only the checks of their own work, as their list does.
func TestExportKeepsTheFormsReadRule(t *testing.T) {
	s, _ := openTemp(t)
	for _, who := range []string{"陈佳", "周敏", "陈佳"} {
		in := data.NewInput()
		in.Values = map[string]string{"time": "2026-11-27 09:00", "kind": "主管抽查", "inspector": "王主管", "checked_staff": who, "item": "值班记录", "result": "不合格", "finding": "漏记", "correction": "补记"}
		mustCreate(t, s, supervisor, "quality", in)
	}
	for _, tt := range []struct {
		who  data.Actor
		want int
	}{{clerk, 2}, {clerk2, 1}, {supervisor, 3}, {manager, 3}} {
		n, err := s.Export(context.Background(), tt.who, ExportQuery{Query: Query{Kind: "quality"}}, func(r *data.Record) error {
			if tt.who.Role == data.RoleClerk && r.Values["checked_staff"] != tt.who.Name {
				t.Errorf("%s exported %s's check", tt.who.Name, r.Values["checked_staff"])
			}
			return nil
		})
		if err != nil || n != tt.want {
			t.Errorf("%s exports %d checks (%v); want %d", tt.who.Name, n, err, tt.want)
		}
	}
}

// Timings read of each record what the records say: its serial, its date and its seconds, voided ones
// left out.
func TestTimingsAsTheRecords(t *testing.T) {
	s, _ := openTemp(t)
	for i, secs := range []time.Duration{30 * time.Second, 75 * time.Second, 0} {
		in := visitorInput()
		in.Values["entry_time"] = fmt.Sprintf("2026-11-27 09:%02d", i)
		if _, err := s.CreateTimed(clerk, "visitor", in, secs); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Void(clerk, "LF-20261127-003", "重复登记"); err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, data.Shanghai)
	got, err := s.Timings("visitor", from, from.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := s.Records("visitor", from, from.AddDate(0, 1, 0))
	if len(got) != 2 || len(recs) != 2 {
		t.Fatalf("timings %+v, records %d", got, len(recs))
	}
	f := mustForm("visitor")
	for i, r := range recs {
		if got[i].Serial != r.Serial || !got[i].At.Equal(r.Date(f)) || got[i].Seconds != r.EntrySeconds {
			t.Errorf("timing %+v; record %s %v %v", got[i], r.Serial, r.Date(f), r.EntrySeconds)
		}
	}
	if got[1].Seconds != 75 {
		t.Errorf("seconds %v", got[1].Seconds)
	}
}

// The manager's spot check, once drawn, is the manager's alone to withdraw: the person who started the
// draw cannot void it and draw again until it suits them; it is for the staff only, so a clerk cannot
// export it either.
func TestSampleDrawIsTheManagersToWithdraw(t *testing.T) {
	s, _ := openTemp(t)
	for d := 1; d <= 10; d++ {
		in := data.NewInput()
		in.Values = map[string]string{"time": fmt.Sprintf("2026-10-%02d 09:00", d), "shift": "早班", "event_type": "来电", "summary": "业主来电咨询", "urgency": "一般", "status": "已处理", "clerk": "陈佳"}
		mustCreate(t, s, clerk, "duty_log", in)
	}
	in := data.NewInput()
	in.Values["month"] = "2026-10"
	for _, by := range []data.Actor{clerk, supervisor} {
		if _, err := s.Create(by, "log_sample", in); !errors.As(err, new(*data.ForbiddenError)) || !strings.Contains(Message(err), "物业服务中心经理") {
			t.Errorf("%s drew the manager's sample: %v", by.Name, err)
		}
	}
	r := mustCreate(t, s, manager, "log_sample", in)
	if r.Values["size"] != "2" || len(r.Tables["sample"]) != 2 {
		t.Fatalf("drawn %v", r.Values)
	}
	for _, by := range []data.Actor{clerk, supervisor} {
		if _, err := s.Void(by, r.Serial, "重新抽取"); !errors.As(err, new(*data.ForbiddenError)) {
			t.Errorf("%s withdrew the draw: %v", by.Name, err)
		}
	}
	if _, err := s.Export(context.Background(), clerk, ExportQuery{Query: Query{Kind: "log_sample"}}, func(*data.Record) error { return nil }); !errors.As(err, new(*data.ForbiddenError)) {
		t.Errorf("a clerk exported the draw: %v", err)
	}
	if _, err := s.Void(manager, r.Serial, "月份选错"); err != nil {
		t.Errorf("the manager could not withdraw the draw: %v", err)
	}
}

// A quality check edited before any follow-up moves as its intake would have: corrected to 不合格 it
// waits for its follow-up on the supervisor's list; corrected back to 合格 it is done.
func TestQualityCheckEditedFollowsItsResult(t *testing.T) {
	s, _ := openTemp(t)
	in := data.NewInput()
	in.Values = map[string]string{"time": "2026-11-27 09:00", "kind": "主管抽查", "inspector": "王主管", "checked_staff": "周敏", "item": "值班记录", "result": "合格"}
	r := mustCreate(t, s, supervisor, "quality", in)
	isDue := func() bool {
		due, _ := s.Due(supervisor, s.Now())
		for _, m := range due {
			if m.Serial == r.Serial {
				return true
			}
		}
		return false
	}
	if r.State != "closed" || isDue() {
		t.Fatalf("a passed check: %s", r.State)
	}
	in.Values["result"], in.Values["finding"], in.Values["correction"] = "不合格", "漏记", "当班补记"
	r2, err := s.Update(supervisor, "quality", r.ID, r.Version, in)
	if err != nil || r2.State != "correcting" || !isDue() {
		t.Fatalf("corrected to 不合格: %v %s, due %v", err, r2.State, isDue())
	}
	in.Values["result"], in.Values["finding"], in.Values["correction"] = "合格", "", ""
	r3, err := s.Update(supervisor, "quality", r.ID, r2.Version, in)
	if err != nil || r3.State != "closed" || isDue() {
		t.Fatalf("corrected back to 合格: %v %s", err, r3.State)
	}
}
