package supervision

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
	"frontdesk/data/forms/formtest"
)

// The spot check's checklist: D16's items a)–j) and R7's staff rules, each 合格 to begin with; a line
// failed fails the check, which then says what was found and what correction is required, and stays
// open (待整改) until the supervisor records its follow-up; a check passed, or a self-check, is done.
func TestQualityChecklistAndFollowUp(t *testing.T) {
	f, _ := data.FormByKey("quality")
	in := formtest.Fields("time", "2026-11-05 10:00", "kind", "主管抽查", "inspector", "王主管", "checked_staff", "周敏")
	f.Prefill(nil, &in, formtest.At("2026-11-05 10:00"))
	if got := len(in.Tables["checklist"]); got != 14 || in.Values["item"] != QualityWholeCheck {
		t.Fatalf("checklist of %d lines, item %q", got, in.Values["item"])
	}
	for _, r := range in.Tables["checklist"] {
		if r["result"] != CheckPass {
			t.Fatalf("a line starts %q", r["result"])
		}
	}
	in.Values["result"] = CheckPass
	in.Tables["checklist"][1]["result"] = CheckFail
	for _, tt := range []struct {
		set   map[string]string
		field string
		want  string
	}{
		{map[string]string{"result": CheckPass}, "result", "值班记录"},
		{map[string]string{"result": CheckFail}, "finding", "发现的问题"},
		{map[string]string{"result": CheckFail, "finding": "漏记"}, "correction", "纠正"},
		{map[string]string{"result": CheckFail, "finding": "漏记", "correction": "当班补记"}, "", ""},
	} {
		for k, v := range tt.set {
			in.Values[k] = v
		}
		norm, errs := data.Validate(f, in, formtest.At("2026-11-05 10:00"))
		switch {
		case tt.field == "" && len(errs) > 0:
			t.Fatalf("%v: %v", tt.set, errs)
		case tt.field != "" && !strings.Contains(errs[tt.field], tt.want):
			t.Errorf("%v: %v; want %s on %s", tt.set, errs, tt.want, tt.field)
		case tt.field == "":
			r := &data.Record{Kind: "quality", Serial: "ZJ-20261105-001", Status: data.StatusActive, Values: norm.Values, Tables: norm.Tables}
			r.State = f.NewState(r)
			if r.State != "correcting" {
				t.Fatalf("a nonconformity starts %s", r.State)
			}
			if _, _, err := f.TakeStep(r, "follow", formtest.Fields("follow_up", "已补记"), formtest.TClerk, formtest.At("2026-11-06 10:00"), formtest.FakeEnv{}); err == nil {
				t.Error("a clerk recorded the follow-up of their own nonconformity")
			}
			done, _, err := f.TakeStep(r, "follow", formtest.Fields("follow_up", "已补记，复查合格"), formtest.TSupervisor, formtest.At("2026-11-06 10:00"), formtest.FakeEnv{})
			if err != nil || done.State != "closed" || done.Values["followed_by"] != "王主管" {
				t.Fatalf("follow-up: %v %v", err, done)
			}
		}
	}
	passed := &data.Record{Kind: "quality", Status: data.StatusActive, Values: map[string]string{"result": CheckPass, "kind": "主管抽查"}}
	self := &data.Record{Kind: "quality", Status: data.StatusActive, Values: map[string]string{"result": CheckFail, "kind": SelfCheck}}
	old := &data.Record{Kind: "quality", Status: data.StatusActive, Values: map[string]string{"result": CheckFail, "kind": "主管抽查"}}
	if f.NewState(passed) != "closed" || f.NewState(self) != "closed" || f.State(old).Key != "closed" {
		t.Errorf("passed %s, self-check %s, before the checklist %s", f.NewState(passed), f.NewState(self), f.State(old).Key)
	}
}

// The check at each daily handover (D19): the days with a handover against the days with a
// 交接班检查, today left out.
func TestHandoverCheckMeasure(t *testing.T) {
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	for _, d := range []string{"2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"} {
		e.Add(duty.HandoverKey, "time", d+" 08:00")
	}
	e.Add("quality", "time", "2026-11-02 08:10", "kind", "交接班检查")
	e.Add("quality", "time", "2026-11-03 16:10", "kind", "交接班检查")
	e.Add("quality", "time", "2026-11-04 10:00", "kind", "主管抽查")
	m := formtest.November
	m.Now = formtest.At("2026-11-05 12:00")
	fig, err := formtest.MeasureNamed(t, "quality_handover_daily").Of(e, m)
	if err != nil || fig.Value != "66.7%" || formtest.SerialsOf(fig.Behind) != "2026-11-04 交接班时没有主管检查记录" {
		t.Errorf("%+v %v", fig, err)
	}
}

// The checklist goes with a whole check only, and a failed check on it names its failed line; a
// single item checked needs no correction written beside what was found (as checks were kept before).
func TestQualityChecklistRules(t *testing.T) {
	f, _ := data.FormByKey("quality")
	base := func() data.Input {
		in := formtest.Fields("time", "2026-11-05 10:00", "kind", "主管抽查", "inspector", "王主管", "checked_staff", "周敏")
		f.Prefill(nil, &in, formtest.At("2026-11-05 10:00"))
		return in
	}
	in := base()
	in.Values["item"], in.Values["result"] = "值班记录", CheckPass
	if _, errs := data.Validate(f, in, formtest.At("2026-11-05 10:00")); errs["item"] == "" {
		t.Error("one item with the whole checklist was accepted")
	}
	in = base()
	in.Values["result"], in.Values["finding"], in.Values["correction"] = CheckFail, "漏记", "补记"
	if _, errs := data.Validate(f, in, formtest.At("2026-11-05 10:00")); errs["checklist"] == "" {
		t.Error("a failed check with every line passed was accepted")
	}
	single := formtest.Fields("time", "2026-11-05 10:00", "kind", "主管抽查", "inspector", "王主管", "checked_staff", "周敏", "item", "值班记录", "result", CheckFail, "finding", "漏记")
	if _, errs := data.Validate(f, single, formtest.At("2026-11-05 10:00")); len(errs) > 0 {
		t.Errorf("a single item failed: %v", errs)
	}
}

// A new visitor repeats an open visit of the same document, not one left, voided, of another document,
// or with no document number.
func TestRepeats(t *testing.T) {
	f, _ := data.FormByKey("visitor")
	visit := func(id uint64, doc, state string) *data.Record {
		return &data.Record{ID: id, Kind: "visitor", Status: data.StatusActive, State: state, Values: map[string]string{"doc_type": data.DocResidentID, "doc_no": doc}}
	}
	open := []*data.Record{visit(1, "X1", "on_site"), visit(2, "X1", "left"), visit(3, "X2", "on_site"), visit(4, "", "on_site")}
	voided := visit(5, "X1", "on_site")
	voided.Status = data.StatusVoid
	open = append(open, voided)
	for _, tt := range []struct {
		doc  string
		want int
	}{{"X1", 1}, {"X2", 1}, {"X3", 0}, {"", 0}} {
		if got := f.Repeats(visit(9, tt.doc, "on_site"), open); len(got) != tt.want || (tt.want == 1 && got[0].Values["doc_no"] != tt.doc) {
			t.Errorf("%q repeats %v", tt.doc, got)
		}
	}
	if got := f.Repeats(open[0], open); len(got) != 0 {
		t.Errorf("a visit repeats itself: %v", got)
	}
}
