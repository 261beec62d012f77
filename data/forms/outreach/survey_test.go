package outreach

import (
	"errors"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// The collection date is the 15th working day after hand-out by the official calendar: across the
// National Day holiday and its make-up working days.
func TestSurveyCollectDate(t *testing.T) {
	for _, tt := range []struct{ handout, collect string }{
		{"2026-11-02", "2026-11-23"}, // the hand-out day not counted: three weeks of Monday to Friday
		{"2026-05-06", "2026-05-26"}, // after the Labour Day holiday: Saturday 05-09 is a working day
		{"2026-09-25", "2026-10-22"}, // across National Day: 10-01 to 10-07 off, Saturday 10-10 worked
	} {
		h, _ := data.ParseLocal(data.TypeDate, tt.handout)
		got, known := SurveyCollectDate(h)
		if !known || got.Format(data.LayoutDate) != tt.collect {
			t.Errorf("handed out %s: collect %s (known %v); want %s", tt.handout, got.Format(data.LayoutDate), known, tt.collect)
		}
	}
}

// A round: handed out to the registry's occupied units with the collection date worked out; returns
// recorded unit by unit (a unit not occupied, or twice, refused); counted question by question.
func TestSurveyRound(t *testing.T) {
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}, UnitList: []data.Unit{{Unit: "1-1-101", Occupied: true}, {Unit: "1-1-102", Occupied: true}, {Unit: "1-1-103", Occupied: true}, {Unit: "1-1-104"}}}
	f, _ := data.FormByKey("survey")
	in := formtest.Fields("title", "下半年满意度调查", "handout", "2026-11-02", "distributed", "3", "author", "王主管")
	norm, errs := data.Validate(f, in, formtest.At("2026-11-02 10:00"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if err := f.Compute(e, &norm, formtest.At("2026-11-02 10:00")); err != nil {
		t.Fatal(err)
	}
	if norm.Values["collect"] != "2026-11-23" || norm.Values["occupied"] != "3" {
		t.Fatalf("computed %v", norm.Values)
	}
	if errs := f.Check(formtest.Fields("occupied", "3", "distributed", "4")); errs["distributed"] == "" {
		t.Error("more handed out than occupied units")
	}
	r := &data.Record{Kind: "survey", Serial: "WJ-20261102-001", Status: data.StatusActive, Values: norm.Values, Tables: norm.Tables}
	r.State = f.NewState(r)
	if r.State != "collecting" {
		t.Fatalf("a new round is %s", r.State)
	}
	for _, tt := range []struct{ units, bad string }{
		{"1-1-104", "不是业户档案中的入住户"},
		{"9-9-999", "不是业户档案中的入住户"},
		{"1-1-101，1-1-101", "不能重复"},
		{"1-1-101 1-1-102", ""},
		{"1-1-102", "不能重复"},
	} {
		nr, _, err := f.TakeStep(r, "return", formtest.Fields("units", tt.units), formtest.TClerk, formtest.At("2026-11-05 10:00"), e)
		switch {
		case tt.bad == "" && err != nil:
			t.Fatalf("return %s: %v", tt.units, err)
		case tt.bad != "" && (err == nil || !strings.Contains(formtest.ErrText(err, "units"), tt.bad)):
			t.Errorf("return %s: %v; want %q", tt.units, err, tt.bad)
		case tt.bad == "":
			r = nr
		}
	}
	if r.Values["returned"] != "2" || r.State != "collecting" || r.Values["returned_units"] != "2026-11-05：1-1-101、1-1-102" {
		t.Fatalf("after the returns: %v (%s)", r.Values, r.State)
	}
	tally := formtest.Fields("findings", "停车位紧张")
	tally.Tables["questions"] = []data.Row{{"question": "总体评价", "satisfied": "1", "fair": "1", "unsatisfied": "0"}}
	if _, _, err := f.TakeStep(r, "tally", tally, formtest.TClerk, formtest.At("2026-11-23 18:00"), e); err == nil {
		t.Error("a round counted before its collection day was over")
	}
	tally.Tables["questions"] = []data.Row{{"question": "总体评价", "satisfied": "2", "fair": "1", "unsatisfied": "0"}}
	if _, _, err := f.TakeStep(r, "tally", tally, formtest.TClerk, formtest.At("2026-11-24 10:00"), e); err == nil {
		t.Error("3 answers to a question with 2 questionnaires back were accepted")
	}
	tally.Tables["questions"] = []data.Row{{"question": "总体评价", "satisfied": "1", "fair": "0", "unsatisfied": "1"}, {"question": "保洁", "satisfied": "2", "fair": "0", "unsatisfied": "0"}}
	done, _, err := f.TakeStep(r, "tally", tally, formtest.TClerk, formtest.At("2026-11-24 10:00"), e)
	if err != nil {
		t.Fatal(err)
	}
	if done.State != "done" || done.Values["satisfaction"] != "75" || surveyChart(done) == nil || len(surveyChart(done).Labels) != 2 {
		t.Errorf("counted: %s %v", done.State, done.Values)
	}
	// A round counted on paper before the form had a life stays counted.
	old := &data.Record{Kind: "survey", Status: data.StatusActive, Values: map[string]string{"satisfaction": "90"}}
	if f.State(old).Key != "done" {
		t.Errorf("an old round is %s", f.State(old).Key)
	}
}

// The half-year's round is asked for in May and November until it is handed out, of the supervisor
// and the manager, once there is a registry to hand out to.
func TestSurveyExpected(t *testing.T) {
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}, UnitList: []data.Unit{{Unit: "1-1-101", Occupied: true}}}
	f, _ := data.FormByKey("survey")
	for _, tt := range []struct {
		now  string
		want int
	}{{"2026-11-10 09:00", 1}, {"2026-10-10 09:00", 0}, {"2026-05-31 09:00", 1}, {"2026-12-01 09:00", 0}} {
		exp, err := f.Expected(e, formtest.At(tt.now))
		if err != nil || len(exp) != tt.want {
			t.Errorf("%s: %v %v", tt.now, exp, err)
		}
	}
	if f.ExpectedBy != data.PermCompliance {
		t.Errorf("asked of %s", f.ExpectedBy)
	}
	e.Add("survey", "handout", "2026-11-02")
	if exp, _ := f.Expected(e, formtest.At("2026-11-10 09:00")); len(exp) != 0 {
		t.Errorf("asked for a round handed out: %v", exp)
	}
	if exp, _ := f.Expected(&formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}, formtest.At("2026-11-10 09:00")); len(exp) != 0 {
		t.Errorf("asked for a round with no registry: %v", exp)
	}
}

// The collection date needs the calendar of every day it counts: a round handed out in, or counting
// into, a year without a schedule is refused, naming the year and where the manager enters it
// (设置 → 节假日安排); once the manager has entered the year, the date is worked out.
func TestSurveyRefusesAYearWithoutAScheduleAndSaysWhereToEnterIt(t *testing.T) {
	f, _ := data.FormByKey("survey")
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}, UnitList: []data.Unit{{Unit: "1-1-101", Occupied: true}}}
	entered2028 := []data.CalendarYear{{Year: 2028, By: "刘经理", Days: []data.HolidayDay{
		{Date: "2028-01-01", Rest: true, Name: "元旦"},
	}}}
	for _, tt := range []struct {
		name    string
		handout string
		entered []data.CalendarYear
		collect string // "" when refused
		year    string // the year the refusal names
	}{
		{"a year shipped", "2026-11-02", nil, "2026-11-23", ""},
		{"handed out in a year without a schedule", "2028-03-01", nil, "", "2028年"},
		{"counting into a year without a schedule", "2027-12-20", nil, "", "2028年"},
		{"the year entered by the manager", "2028-03-01", entered2028, "2028-03-22", ""},
		{"counting into the year entered", "2027-12-20", entered2028, "2028-01-10", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data.SetEnteredYears(tt.entered)
			defer data.SetEnteredYears(nil)
			in := formtest.Fields("title", "满意度调查", "handout", tt.handout, "distributed", "1", "author", "王主管")
			norm, errs := data.Validate(f, in, formtest.At(tt.handout+" 10:00"))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			err := f.Compute(e, &norm, formtest.At(tt.handout+" 10:00"))
			if tt.collect != "" {
				if err != nil || norm.Values["collect"] != tt.collect {
					t.Fatalf("collect %q, %v; want %s", norm.Values["collect"], err, tt.collect)
				}
				return
			}
			var fe data.FieldErrors
			if !errors.As(err, &fe) {
				t.Fatalf("not refused: %v (collect %q)", err, norm.Values["collect"])
			}
			for _, want := range []string{tt.year, "节假日安排", "设置 → 节假日安排", "经理"} {
				if !strings.Contains(fe["handout"], want) {
					t.Errorf("the refusal %q does not say %q", fe["handout"], want)
				}
			}
			if norm.Values["collect"] != "" {
				t.Errorf("a collection date %q written on a refusal", norm.Values["collect"])
			}
		})
	}
}
