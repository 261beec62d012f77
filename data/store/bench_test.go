package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdesk/data/forms/duty"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/store"

	bolt "go.etcd.io/bbolt"
)

// The benchmarks run on one store per run: FRONTDESK_BENCH_STORE names a prebuilt data folder (make bench
// builds ten years of a busy estate there once), else a busy 60-day store is made in a temp folder.
var (
	benchOnce   sync.Once
	benchStore  *store.Store
	benchDir    string
	benchErr    error
	benchNewest *data.Record
)

var benchClerk = data.Actor{Login: "clerk", Name: "陈佳", Role: data.RoleClerk}

func benchOpen(b *testing.B) *store.Store {
	b.Helper()
	benchOnce.Do(func() {
		benchDir = os.Getenv("FRONTDESK_BENCH_STORE")
		if benchDir == "" {
			benchDir, benchErr = os.MkdirTemp("", "frontdesk-bench-")
			if benchErr != nil {
				return
			}
			s, err := store.Open(benchDir, store.Options{})
			if err != nil {
				benchErr = err
				return
			}
			_, benchErr = demo.FillScaled(s, 1, time.Date(2026, 11, 27, 20, 0, 0, 0, data.Shanghai), 60, demo.Busy, nil)
			s.Close()
		}
		if benchErr == nil {
			benchStore, benchErr = store.Open(benchDir, store.Options{})
		}
		if benchErr == nil {
			// The searches look for the newest visitor of the generated store, not one a save benchmark
			// added (those would make thousands of equal names).
			var p store.Page
			p, benchErr = benchStore.List(benchClerk, store.Query{Kind: "visitor", Limit: 1})
			if benchErr == nil && len(p.Records) == 1 {
				benchNewest = p.Records[0]
			}
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

// newest is the newest visitor of the store as generated, whose name, phone, plate and unit the
// searches look for.
func newest(b *testing.B, s *store.Store) *data.Record {
	if benchNewest == nil {
		b.Fatal("no visitors in the benchmark store")
	}
	return benchNewest
}

// visitors are distinct example visitors, as a day at the desk brings them.
func visitors(n int) []data.Input {
	out := make([]data.Input, n)
	for i := range out {
		out[i] = demo.New(int64(1000+i), nil).Example(mustForm("visitor"), time.Now(), "陈佳", 1)
	}
	return out
}

// reportLatency reports the median, the p99 and the slowest of timed calls.
func reportLatency(b *testing.B, lat []time.Duration) {
	b.ReportMetric(median(lat), "median-ms")
	b.ReportMetric(quantile(lat, 0.99), "p99-ms")
	b.ReportMetric(quantile(lat, 1), "max-ms")
}

func median(d []time.Duration) float64 { return quantile(d, 0.5) }

func quantile(d []time.Duration, q float64) float64 {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return float64(d[int(float64(len(d)-1)*q)].Microseconds()) / 1000
}

// BenchmarkSaveRecord: one visitor saved (validation, indexes, audit, commit with fsync), back to
// back, with the indexer running beside the saves.
func BenchmarkSaveRecord(b *testing.B) { benchSaves(b, nil) }

// BenchmarkSaveRecordDeskPace: the same save at a desk's pace, where the indexer has written the
// previous visitor's tokens before the next visitor arrives (it runs 2 s after a save); its work is
// done outside the timer and measured by BenchmarkIndexPending.
func BenchmarkSaveRecordDeskPace(b *testing.B) {
	benchSaves(b, func(s *store.Store) { s.IndexPendingAll() })
}

// benchSaves times b.N visitor saves, running between (untimed) before each.
func benchSaves(b *testing.B, between func(*store.Store)) {
	s := benchOpen(b)
	ins := visitors(500)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if between != nil {
			b.StopTimer()
			between(s)
			b.StartTimer()
		}
		t := time.Now()
		if _, err := s.Create(benchClerk, "visitor", ins[i%len(ins)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	b.ReportMetric(median(lat), "median-ms")
	b.ReportMetric(quantile(lat, 0.99), "p99-ms")
}

// BenchmarkRawWriteFsync: the disk's own cost of one small write made durable, beside the store.
func BenchmarkRawWriteFsync(b *testing.B) {
	benchOpen(b)
	f, err := os.Create(filepath.Join(benchDir, "raw-fsync.bench"))
	if err != nil {
		b.Fatal(err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	buf := make([]byte, 1024)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		if _, err := f.WriteAt(buf, int64(i%256)*1024); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	b.ReportMetric(median(lat), "median-ms")
}

// BenchmarkMinimalCommit: bbolt's own floor on the same disk, one 600-byte value committed (a commit
// syncs twice: the data pages, then the meta page), for comparison with a save.
func BenchmarkMinimalCommit(b *testing.B) {
	benchOpen(b)
	db, err := bolt.Open(filepath.Join(benchDir, "floor.bench"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer os.Remove(db.Path())
	defer db.Close()
	val := make([]byte, 600)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		err := db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("b"))
			if err != nil {
				return err
			}
			id, _ := bk.NextSequence()
			return bk.Put([]byte(fmt.Sprint(id)), val)
		})
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	b.ReportMetric(median(lat), "median-ms")
}

// BenchmarkTodayVisitorList: the list the clerk sees first: today's visitors, newest first.
func BenchmarkTodayVisitorList(b *testing.B) {
	s := benchOpen(b)
	day := newest(b, s).Date(mustForm("visitor"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := s.List(benchClerk, store.Query{Kind: "visitor", From: day, To: day, Limit: 200})
		if err != nil || len(p.Records) == 0 {
			b.Fatalf("today: %d, %v", len(p.Records), err)
		}
	}
}

// BenchmarkSearchVisitors: the first page of a search over all the years, by each key a clerk types.
func BenchmarkSearchVisitors(b *testing.B) {
	s := benchOpen(b)
	r := newest(b, s)
	name := []rune(r.Values["visitor_name"])
	phone := r.Values["phone"]
	cases := map[string]string{
		"name-part":   string(name[len(name)-2:]),
		"phone-last4": phone[len(phone)-4:],
		"unit":        r.Values["host_unit"],
		"serial":      r.Serial,
	}
	if pl := r.Values["plate"]; pl != "" {
		cases["plate-part"] = pl[len(pl)-4:]
	}
	for name, q := range cases {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				p, err := s.List(benchClerk, store.Query{Kind: "visitor", Text: q, Limit: 50})
				if err != nil || len(p.Records) == 0 {
					b.Fatalf("search %q: %d, %v", q, len(p.Records), err)
				}
			}
		})
	}
}

// typed is what a desk types into a search box, a key at a time: a plate, a partial plate, a common
// name, a phone, a unit, and the newest visitor's serial and plate.
func typed(r *data.Record) []string {
	qs := []string{"粤B12345", "京A·8K3", "张伟", "王芳", "13800001234", "5-2-501", "3-2-101", r.Serial}
	if pl := r.Values["plate"]; pl != "" {
		qs = append(qs, pl)
	}
	return qs
}

// prefixes are every prefix of each query, as the box sees them while it is typed.
func prefixes(qs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, q := range qs {
		r := []rune(q)
		for i := 1; i <= len(r); i++ {
			if p := string(r[:i]); !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// BenchmarkSearchEveryPrefix: the first page (50 newest) of every prefix of what a desk types, each
// timed alone. Reported: the median over all, the p99, the worst prefix's median and the slowest call;
// the per-prefix medians are logged.
func BenchmarkSearchEveryPrefix(b *testing.B) {
	s := benchOpen(b)
	ps := prefixes(typed(newest(b, s)))
	lat := map[string][]time.Duration{}
	var all []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, q := range ps {
			t := time.Now()
			if _, err := s.List(benchClerk, store.Query{Kind: "visitor", Text: q, Limit: 50}); err != nil {
				b.Fatal(err)
			}
			d := time.Since(t)
			lat[q] = append(lat[q], d)
			all = append(all, d)
		}
	}
	b.StopTimer()
	worst, worstQ := 0.0, ""
	for _, q := range ps {
		if m := median(lat[q]); m >= worst {
			worst, worstQ = m, q
		}
	}
	b.ReportMetric(median(all), "median-ms")
	b.ReportMetric(quantile(all, 0.99), "p99-ms")
	b.ReportMetric(quantile(all, 1), "max-ms")
	b.ReportMetric(worst, "worst-prefix-ms")
	b.ReportMetric(float64(len(ps)), "prefixes")
	if b.N > 1 {
		var lines []string
		for _, q := range ps {
			lines = append(lines, fmt.Sprintf("%s %.2f", q, median(lat[q])))
		}
		b.Logf("worst prefix %q %.2f ms; medians: %s", worstQ, worst, strings.Join(lines, " | "))
	}
}

// BenchmarkRecall: the visitor form's recall, two characters of a name, a phone and a plate listing
// earlier visits (the editor asks for 60).
func BenchmarkRecall(b *testing.B) {
	s := benchOpen(b)
	r := newest(b, s)
	qs := []string{string([]rune(r.Values["visitor_name"])[:2]), r.Values["phone"][:2], "13"}
	if pl := []rune(r.Values["plate"]); len(pl) >= 2 {
		qs = append(qs, string(pl[:2]))
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, q := range qs {
			t := time.Now()
			if _, err := s.List(benchClerk, store.Query{Kind: "visitor", Text: q, Limit: 60}); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t))
		}
	}
	reportLatency(b, lat)
}

// BenchmarkSuggestUnits: the unit field's completion, a key at a time of 5-2-501.
func BenchmarkSuggestUnits(b *testing.B) {
	s := benchOpen(b)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, q := range prefixes([]string{"5-2-501", "15-1-101"}) {
			t := time.Now()
			if _, err := s.SuggestUnits(q, 8); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t))
		}
	}
	reportLatency(b, lat)
}

// BenchmarkDue: every open matter of the store with its deadline, for a clerk and for the manager
// (the open-matter index, not a scan of the records).
func BenchmarkDue(b *testing.B) {
	s := benchOpen(b)
	for _, by := range []data.Actor{benchClerk, {Login: "supervisor", Name: "王主管", Role: data.RoleSupervisor}, {Login: "manager", Name: "刘经理", Role: data.RoleManager}} {
		b.Run(string(by.Role), func(b *testing.B) {
			var lat []time.Duration
			n := 0
			for i := 0; i < b.N; i++ {
				t := time.Now()
				ms, err := s.Due(by, s.Now())
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t))
				n = len(ms)
			}
			b.ReportMetric(median(lat), "median-ms")
			b.ReportMetric(quantile(lat, 0.99), "p99-ms")
			b.ReportMetric(quantile(lat, 1), "max-ms")
			b.ReportMetric(float64(n), "matters")
		})
	}
}

// BenchmarkHandoverGather: the open matters of every register a handover gathers (D12), on the whole
// store, as the outgoing person's screen asks for them.
func BenchmarkHandoverGather(b *testing.B) {
	s := benchOpen(b)
	var lat []time.Duration
	n := 0
	for i := 0; i < b.N; i++ {
		t := time.Now()
		ms, err := duty.HandoverMatters(s, s.Now())
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
		n = len(ms)
	}
	b.ReportMetric(median(lat), "median-ms")
	b.ReportMetric(quantile(lat, 0.99), "p99-ms")
	b.ReportMetric(quantile(lat, 1), "max-ms")
	b.ReportMetric(float64(n), "matters")
}

// BenchmarkStep: a visitor's leaving recorded as a step (a save of the visitor first, untimed), beside
// the save benchmarks.
func BenchmarkStep(b *testing.B) {
	s := benchOpen(b)
	ins := visitors(500)
	for _, in := range ins {
		delete(in.Values, "exit_time") // on site, so the step has someone to sign out
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		r, err := s.Create(benchClerk, "visitor", ins[i%len(ins)])
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t := time.Now()
		if _, err := s.Step(benchClerk, r.Serial, "checkout", data.NewInput()); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatency(b, lat)
}

// BenchmarkMonthSummary: the month's summary report (counts per form, complaint timeliness).
func BenchmarkMonthSummary(b *testing.B) {
	s := benchOpen(b)
	month := newest(b, s).Date(mustForm("visitor"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sum, err := s.MonthSummary(benchClerk, month)
		if err != nil || sum.Counts["visitor"] == 0 {
			b.Fatalf("summary: %+v %v", sum.Counts, err)
		}
	}
}

// BenchmarkIndexPending (last: it adds records): the indexer's deferred work, per record: the search tokens of a batch of
// fresh visitors written in one transaction, in the background after the saves.
func BenchmarkIndexPending(b *testing.B) {
	s := benchOpen(b)
	const batch = 200
	ins := visitors(batch)
	var per []time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s.IndexPendingAll()
		for j := 0; j < batch; j++ {
			if _, err := s.Create(benchClerk, "visitor", ins[j]); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		t := time.Now()
		n, err := s.IndexPending(batch)
		if err != nil || n == 0 {
			b.Fatalf("indexed %d: %v", n, err)
		}
		per = append(per, time.Since(t)/time.Duration(n))
	}
	b.ReportMetric(median(per), "median-ms/record")
}

func mustForm(key string) *data.Form {
	f, _ := data.FormByKey(key)
	return f
}

// BenchmarkComplaintMonthReport: the month's 《部门客户投诉工作月报》 worked out from its complaints and
// the service orders completed in it (the newest full month of the store), as saving it does.
func BenchmarkComplaintMonthReport(b *testing.B) {
	s := benchOpen(b)
	last := newest(b, s).Date(mustForm("visitor")).In(data.Shanghai)
	month := time.Date(last.Year(), last.Month()-1, 1, 0, 0, 0, 0, data.Shanghai)
	in := data.NewInput()
	in.Values["month"], in.Values["author"] = month.Format(data.LayoutMonth), "王主管"
	var lat []time.Duration
	total := ""
	for i := 0; i < b.N; i++ {
		t := time.Now()
		out, err := s.Compute(benchClerk, "complaint_month", in)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
		total = out.Values["total"]
	}
	b.ReportMetric(median(lat), "median-ms")
	b.ReportMetric(quantile(lat, 0.99), "p99-ms")
	b.ReportMetric(quantile(lat, 1), "max-ms")
	n, _ := strconv.Atoi(total)
	b.ReportMetric(float64(n), "complaints")
}

var benchManager = data.Actor{Login: "manager", Name: "刘经理", Role: data.RoleManager}

// BenchmarkCompliance: the month's board (本月达标), every measure of every form, for the store's last
// full month of records.
func BenchmarkCompliance(b *testing.B) {
	s := benchOpen(b)
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, data.Shanghai)
	var lat []time.Duration
	for i := 0; i < b.N; i++ {
		t := time.Now()
		rows, err := s.Compliance(benchManager, month)
		if err != nil || len(rows) == 0 {
			b.Fatal(err, len(rows))
		}
		lat = append(lat, time.Since(t))
	}
	reportLatency(b, lat)
}

// BenchmarkTrendsYear: twelve months of the key rates, as the board's trend chart draws them.
func BenchmarkTrendsYear(b *testing.B) {
	s := benchOpen(b)
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, data.Shanghai)
	var lat []time.Duration
	for i := 0; i < b.N; i++ {
		t := time.Now()
		if _, err := s.Trends(benchManager, month, 12); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatency(b, lat)
}

// BenchmarkListPages: the whole visitor list (no dates, no search) a page at a time, as 再显示200条 reads
// it again with a larger limit: 200, 400, 1000 and 2000 rows.
func BenchmarkListPages(b *testing.B) {
	s := benchOpen(b)
	for _, limit := range []int{200, 400, 1000, 2000} {
		b.Run(fmt.Sprint(limit), func(b *testing.B) {
			var lat []time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				p, err := s.List(benchClerk, store.Query{Kind: "visitor", Limit: limit})
				lat = append(lat, time.Since(t0))
				if err != nil || len(p.Records) != limit {
					b.Fatalf("limit %d: %d rows, %v", limit, len(p.Records), err)
				}
			}
			reportLatency(b, lat)
		})
	}
}
