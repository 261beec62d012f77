package supervision

import (
	"errors"
	"fmt"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// The draw: at least 20% (rounded up), each record at most once, one from each run of consecutive
// records so it spreads over the whole month; the same seed draws the same, another seed another.
func TestDrawSample(t *testing.T) {
	for _, tt := range []struct{ n, want int }{{0, 0}, {1, 1}, {4, 1}, {5, 1}, {6, 2}, {100, 20}, {101, 21}, {186, 38}, {9000, 1800}} {
		got := DrawSample(42, tt.n, SampleShare)
		if len(got) != tt.want || (tt.n > 0 && len(got)*100 < tt.n*SampleShare) {
			t.Errorf("n=%d: drew %d; want %d", tt.n, len(got), tt.want)
		}
		seen := map[int]bool{}
		for i, x := range got {
			lo, hi := i*tt.n/len(got), (i+1)*tt.n/len(got)
			if x < lo || x >= hi || seen[x] {
				t.Errorf("n=%d: pick %d = %d outside its run [%d,%d) or twice", tt.n, i, x, lo, hi)
			}
			seen[x] = true
		}
	}
	a, b, c := DrawSample(7, 186, 20), DrawSample(7, 186, 20), DrawSample(8, 186, 20)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("the same seed drew differently")
	}
	if fmt.Sprint(a) == fmt.Sprint(c) {
		t.Error("another seed drew the same")
	}
}

// Over many seeds each record of a month is about as likely to be drawn as any other (a fair draw),
// and every draw reaches each part of the day, and in each part the beginning, middle and end of the
// month (上旬、中旬、下旬).
func TestDrawSampleIsFairAndSpread(t *testing.T) {
	// A month of 30 days with a record in each of three shifts a day.
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	for d := 1; d <= 30; d++ {
		for _, h := range []string{"07:10", "15:20", "22:40"} {
			e.Add("duty_log", "time", fmt.Sprintf("2026-11-%02d %s", d, h))
		}
	}
	recs, _ := e.Records("duty_log", formtest.At("2026-11-01 00:00"), formtest.At("2026-12-01 00:00"))
	month := SampleOrder(recs, "time")
	counts := map[string]int{}
	const draws = 20000
	for seed := uint64(1); seed <= draws; seed++ {
		reached := map[[2]int]bool{}
		for _, i := range DrawSample(seed, len(month), SampleShare) {
			r := month[i]
			counts[r.Serial]++
			tm, _ := r.At("time")
			reached[[2]int{tm.Hour() / 8, min((tm.Day()-1)/10, 2)}] = true
		}
		if len(reached) != 9 {
			t.Fatalf("seed %d reached %d of the 3×3 parts of the day and of the month", seed, len(reached))
		}
	}
	// Each record's chance is 18/90 = 20%: over 20,000 draws about 4,000 times each.
	for _, r := range month {
		if c := counts[r.Serial]; c < 3700 || c > 4300 {
			t.Errorf("%s drawn %d times in %d draws; want about 4000", r.Serial, c, draws)
		}
	}
}

// The sample's record: drawn from the month's duty records when it is made (the seed recorded), only
// once a month is over and once a month; signed by the manager, a finding naming only records drawn.
func TestSampleForm(t *testing.T) {
	e := &formtest.RecEnv{FakeEnv: formtest.FakeEnv{}}
	for d := 1; d <= 30; d++ {
		for _, h := range []string{"08:10", "15:20", "22:40"} {
			e.Add("duty_log", "time", fmt.Sprintf("2026-11-%02d %s", d, h), "shift", "早班", "summary", "巡查", "clerk", "陈佳")
		}
	}
	now := formtest.At("2026-12-03 09:00")
	in := formtest.Fields("month", "2026-11")
	if errs := sampleRules(e, in, formtest.At("2026-11-30 09:00")); errs["month"] == "" {
		t.Error("a month not over was accepted")
	}
	if errs := sampleRules(e, in, now); errs != nil {
		t.Fatalf("rules: %v", errs)
	}
	if err := computeSample(e, &in, now); err != nil {
		t.Fatal(err)
	}
	if in.Values["population"] != "90" || in.Values["size"] != "18" || len(in.Tables["sample"]) != 18 || in.Values["draw_seed"] == "" {
		t.Fatalf("drawn %v, %d rows", in.Values, len(in.Tables["sample"]))
	}
	// Anyone can draw again from the recorded seed and the month's records and find the same sample.
	var seed uint64
	fmt.Sscan(in.Values["draw_seed"], &seed)
	recs, _ := e.Records("duty_log", formtest.At("2026-11-01 00:00"), formtest.At("2026-12-01 00:00"))
	recs = SampleOrder(recs, "time")
	for i, p := range DrawSample(seed, len(recs), SampleShare) {
		if in.Tables["sample"][i]["record"] != recs[p].Serial {
			t.Fatalf("row %d is %s; the seed draws %s", i, in.Tables["sample"][i]["record"], recs[p].Serial)
		}
	}
	again := formtest.Fields("month", "2026-11")
	computeSample(e, &again, now)
	if again.Values["draw_seed"] == in.Values["draw_seed"] {
		t.Error("two draws had the same seed")
	}
	empty := formtest.Fields("month", "2026-10")
	if err := computeSample(e, &empty, now); err == nil {
		t.Error("a month without a duty log was drawn")
	}
	e.Add(KeyLogSample, "month", "2026-11")
	if errs := sampleRules(e, formtest.Fields("month", "2026-11"), now); errs["month"] == "" {
		t.Error("a second sample of a month was accepted")
	}

	r := &data.Record{Kind: KeyLogSample, Serial: "CC-20261203-001", State: "drawn", Status: data.StatusActive, Values: in.Values, Tables: in.Tables}
	f, _ := data.FormByKey(KeyLogSample)
	drawn := in.Tables["sample"][3]["record"]
	for _, tt := range []struct {
		who                  data.Actor
		conclusion, findings string
		bad                  string
	}{
		{formtest.TClerk, SampleConforming, "", "权限"},
		{formtest.TSupervisor, SampleConforming, "", "权限"},
		{formtest.TManager, SampleNonconforming, "", "findings"},
		{formtest.TManager, SampleNonconforming, "ZB-20261001-001 未写明处理结果", "findings"},
		{formtest.TManager, SampleNonconforming, drawn + " 未写明处理结果，要求补记", ""},
	} {
		_, _, err := f.TakeStep(r, "sign", formtest.Fields("conclusion", tt.conclusion, "findings", tt.findings), tt.who, now, e)
		switch {
		case tt.bad == "" && err != nil:
			t.Errorf("%s signs %q: %v", tt.who.Name, tt.findings, err)
		case tt.bad == "findings" && !hasFieldErr(err, "findings"):
			t.Errorf("%s signs %q: %v; want a message on 不符合项", tt.who.Name, tt.findings, err)
		case tt.bad == "权限" && err == nil:
			t.Errorf("%s signed the manager's spot check", tt.who.Name)
		}
	}
}

func hasFieldErr(err error, key string) bool {
	var fe data.FieldErrors
	return errors.As(err, &fe) && fe[key] != ""
}
