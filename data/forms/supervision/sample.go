package supervision

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/duty"

	crand "crypto/rand"
)

// The manager's monthly spot check of the duty log (R2.2): at least 20% of the month's duty records,
// drawn at random by the program once the month is over, checked one by one and signed. The seed of
// the draw is recorded, so anyone can draw again from it and the month's records and find the same
// sample: the draw can be shown to be fair.

const (
	KeyLogSample = "log_sample"
	// SampleShare is the least share of the month's duty records the manager checks, in percent.
	SampleShare = 20
	// SampleDueDay is the day of the next month by which the sample is checked and signed.
	SampleDueDay = 10
)

// sampleDue is when a month's spot check is due: by the end of the 10th of the next month.
func sampleDue(month time.Time) time.Time { return data.MonthStart(month).AddDate(0, 1, SampleDueDay) }

// SampleSize is how many of n records make at least share percent of them.
func SampleSize(n, share int) int { return (n*share + 99) / 100 }

// DrawSample picks SampleSize(n, share) of n records in the order SampleOrder puts them, one at random
// within each of as many runs of consecutive records of (nearly) equal length, never two from one run.
// The same seed draws the same.
func DrawSample(seed uint64, n, share int) []int {
	k := SampleSize(n, share)
	if k == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]int, 0, k)
	for i := 0; i < k; i++ {
		lo, hi := i*n/k, (i+1)*n/k
		out = append(out, lo+rng.IntN(hi-lo))
	}
	return out
}

// SampleOrder orders a month's records for the draw: by the part of the day (0–8, 8–16, 16–24 时), then
// by time. Runs of this order share the draw between the parts of the day as the records are, and
// within each part spread it over the whole month.
func SampleOrder(recs []*data.Record, timeKey string) []*data.Record {
	out := append([]*data.Record(nil), recs...)
	part := func(r *data.Record) (int, string) {
		t, _ := r.At(timeKey)
		return t.In(data.Shanghai).Hour() / 8, r.Values[timeKey]
	}
	sort.SliceStable(out, func(i, j int) bool {
		pi, ti := part(out[i])
		pj, tj := part(out[j])
		if pi != pj {
			return pi < pj
		}
		return ti < tj
	})
	return out
}

// newSeed is a seed nobody chose: from the system's random source.
func newSeed() string {
	var b [8]byte
	if _, err := crand.Read(b[:]); err != nil {
		// The system has no random source left: the time is the seed, and it is recorded all the same.
		binary.BigEndian.PutUint64(b[:], uint64(time.Now().UnixNano()))
	}
	return strconv.FormatUint(binary.BigEndian.Uint64(b[:]), 10)
}

// computeSample draws the month's sample when the record is made: the seed, the month's records as
// they stand, and the records drawn.
func computeSample(env data.Env, in *data.Input, now time.Time) error {
	m, ok := data.ParseLocal(data.TypeMonth, in.Get("month"))
	if !ok {
		return nil
	}
	recs, err := env.Records(duty.FormDutyLog.Key, m, m.AddDate(0, 1, 0))
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return data.FieldErrors{"month": m.Format("2006年1月") + "没有值班记录，无需抽查"}
	}
	if in.Values["draw_seed"] == "" {
		in.Values["draw_seed"] = newSeed()
	}
	seed, err := strconv.ParseUint(in.Values["draw_seed"], 10, 64)
	if err != nil {
		return data.FieldErrors{"draw_seed": "抽样编号应为数字"}
	}
	recs = SampleOrder(recs, "time")
	picks := DrawSample(seed, len(recs), SampleShare)
	var rows []data.Row
	for _, i := range picks {
		r := recs[i]
		rows = append(rows, data.Row{"record": r.Serial, "time": r.Values["time"], "shift": r.Values["shift"],
			"summary": r.Values["summary"], "clerk": r.Values["clerk"]})
	}
	in.Tables["sample"] = rows
	in.Values["population"] = strconv.Itoa(len(recs))
	in.Values["size"] = strconv.Itoa(len(rows))
	in.Values["drawn_at"] = now.In(data.Shanghai).Format(data.LayoutDateTime)
	return nil
}

// sampleRules: once a month is over, one sample a month.
func sampleRules(env data.Env, in data.Input, now time.Time) data.FieldErrors {
	m, ok := data.ParseLocal(data.TypeMonth, in.Get("month"))
	if !ok {
		return nil
	}
	if m.AddDate(0, 1, 0).After(now) {
		return data.FieldErrors{"month": m.Format("2006年1月") + "结束后才能抽取（抽取当月全部值班记录）"}
	}
	if recs, err := env.Records(KeyLogSample, m, m.AddDate(0, 1, 0)); err == nil && len(recs) > 0 {
		return data.FieldErrors{"month": fmt.Sprintf("%s已抽取（%s），不要重复", m.Format("2006年1月"), recs[0].Serial)}
	}
	return nil
}

// prefillSample proposes last month.
func prefillSample(_ data.Env, in *data.Input, now time.Time) {
	in.Values["month"] = data.MonthStart(now).AddDate(0, -1, 0).Format(data.LayoutMonth)
}

// expectSamples: last month's sample, from the 1st, once the month had a duty log.
func expectSamples(env data.Env, now time.Time) ([]data.Expected, error) {
	m := data.MonthStart(now).AddDate(0, -1, 0)
	end := m.AddDate(0, 1, 0)
	done, err := env.Has(KeyLogSample, m, end)
	if err != nil || done {
		return nil, err
	}
	logs, err := env.Has(duty.FormDutyLog.Key, m, end)
	if err != nil || !logs {
		return nil, err
	}
	return []data.Expected{{State: "待抽取（" + m.Format("2006年1月") + "）", Who: data.Who{Perm: data.PermSampleLog}, Label: "抽查签字",
		At: sampleDue(m), Fill: map[string]string{"month": m.Format(data.LayoutMonth)}}}, nil
}

var serialPattern = regexp.MustCompile(`[A-Z]{2}-\d{8}-\d{3,}`)

// checkSampleSign: a finding names records of the sample, and a month with findings says so.
func checkSampleSign(c *data.StepContext) error {
	findings := c.Values.Get("findings")
	if c.Values.Get("conclusion") == SampleNonconforming && strings.TrimSpace(findings) == "" {
		return data.FieldErrors{"findings": "有不符合项时，须写明不符合的记录编号和问题"}
	}
	in := map[string]bool{}
	for _, r := range c.Record.Tables["sample"] {
		in[r["record"]] = true
	}
	for _, s := range serialPattern.FindAllString(findings, -1) {
		if !in[s] {
			return data.FieldErrors{"findings": s + " 不在本次抽取的记录中"}
		}
	}
	return nil
}

// Conclusions of a month's spot check.
const (
	SampleConforming    = "全部符合"
	SampleNonconforming = "有不符合项"
)

// formLogSample declares 《值班记录经理抽查》.
var formLogSample = &data.Form{
	Key: KeyLogSample, Name: "值班记录经理抽查", Short: "经理抽查", Prefix: "CC", Group: data.GroupDuty, Rule: "R2.2",
	DateKey: "month", Retention: "3年", Compute: computeSample, CheckAt: sampleRules, Prefill: prefillSample,
	ExpectedBy: data.PermSampleLog, Pack: data.PackRecord, Measures: sampleMeasures,
	MadeBy: data.PermSampleLog, OnePer: &data.OnePer{Key: "month"},
	// The draw lists duty records: for the centre's staff only, like the duty log.
	Internal:    "内部资料 注意保密：仅供本中心员工查阅，不得外传",
	Signatures:  []string{"物业服务中心经理"},
	ListColumns: []string{"month", "population", "size", "conclusion", "checked_by"},
	Fields: []data.Field{
		{Key: "month", Label: "抽查月份", Type: data.TypeMonth, Required: true, Default: data.DefaultMonth,
			Hint: "月份结束后，程序从当月全部值班记录中随机抽取不少于20%，分布在全月和各时段"},
		{Key: "population", Label: "当月值班记录（条）", Type: data.TypeInt, Auto: true},
		{Key: "size", Label: "抽取（条）", Type: data.TypeInt, Auto: true},
		{Key: "draw_seed", Label: "抽样编号", Type: data.TypeText, Auto: true},
		{Key: "drawn_at", Label: "抽取时间", Type: data.TypeDateTime, Auto: true},
		{Key: "sample", Label: "抽取的记录", Type: data.TypeTable, Auto: true, Columns: []data.Field{
			{Key: "record", Label: "编号", Type: data.TypeText},
			{Key: "time", Label: "时间", Type: data.TypeDateTime},
			{Key: "shift", Label: "班次", Type: data.TypeText},
			{Key: "summary", Label: "事项摘要", Type: data.TypeText},
			{Key: "clerk", Label: "值班员", Type: data.TypePerson},
		}},
		{Key: "conclusion", Label: "抽查结论", Type: data.TypeChoice, Auto: true, Choices: []string{SampleConforming, SampleNonconforming}},
		{Key: "findings", Label: "不符合项及要求", Type: data.TypeMultiline, Auto: true},
		{Key: "checked_by", Label: "抽查人", Type: data.TypePerson, Auto: true},
		{Key: "signed_at", Label: "签字时间", Type: data.TypeDateTime, Auto: true},
	},
	Flow: &data.Flow{
		States: []data.State{
			{Key: "drawn", Name: "待抽查签字", Open: true, Who: data.Who{Perm: data.PermSampleLog}, Late: "逾期未签字", Fixed: true, VoidBy: data.PermSampleLog},
			{Key: "signed", Name: "已签字", Fixed: true, VoidBy: data.PermSampleLog},
		},
		Initial: "drawn", StepsOnly: true,
		Steps: []data.Step{{Key: "sign", Name: "抽查签字", From: []string{"drawn"}, To: "signed", Perm: data.PermSampleLog, By: "checked_by", At: "signed_at",
			Hint: "逐条打开抽取的记录检查后签字；有不符合项的，写明编号、问题和整改要求",
			Fields: []data.Field{
				{Key: "conclusion", Label: "抽查结论", Type: data.TypeChoice, Required: true, Choices: []string{SampleConforming, SampleNonconforming}, Default: SampleConforming},
				{Key: "findings", Label: "不符合项及要求", Type: data.TypeMultiline, Max: 1000, Samples: []string{"ZB-20261105-002 处理结果未写明，要求补记。"}},
			},
			Check: checkSampleSign}},
		Clocks: []data.Clock{{States: []string{"drawn"}, Label: "签字", From: "month",
			Due: sampleDue}},
	},
}

// sampleMeasures: at least 20% of the month's duty records checked by the manager and signed (R2.2),
// by the 10th of the next month.
var sampleMeasures = []data.Measure{{
	Key: "log_sample_20pct", Name: "经理抽查值班记录（不少于20%）", Rule: "R2.2", Target: "≥ 20%，次月10日前签字",
	Of: func(env data.Env, m data.Month) (data.Figure, error) {
		recs, err := env.Records(KeyLogSample, m.From, m.To)
		if err != nil {
			return data.Figure{}, err
		}
		due := sampleDue(m.From)
		if len(recs) == 0 {
			fig := data.DueFigure(time.Time{}, false, due, m, "抽查", nil)
			if has, err := env.Has(duty.FormDutyLog.Key, m.From, m.To); err == nil && !has {
				return data.Figure{Value: "—", Detail: "本月没有值班记录", Rate: -1, Verdict: data.VerdictNone}, nil
			}
			return fig, nil
		}
		r := recs[len(recs)-1]
		pop, _ := strconv.Atoi(r.Values["population"])
		size, _ := strconv.Atoi(r.Values["size"])
		signed, ok := r.At("signed_at")
		fig := data.DueFigure(signed, ok, due, m, "签字", []data.Behind{{Serial: r.Serial, Kind: r.Kind, Text: fmt.Sprintf("抽取 %d / %d 条", size, pop)}})
		if pop > 0 {
			fig.Detail = strings.TrimPrefix(fmt.Sprintf("%s；抽取 %d / %d 条（%s）", fig.Detail, size, pop, data.PercentOf(size, pop)), "；")
		}
		if r.Values["conclusion"] == SampleNonconforming {
			fig.Detail += "；有不符合项"
		}
		return fig, nil
	},
}}

func init() { formLogSample.Expected = expectSamples; data.Register(formLogSample) }
