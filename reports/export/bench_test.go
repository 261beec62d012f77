package export

import (
	"context"
	"io"
	"os"
	"sort"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/store"
)

// benchStore is the benchmark store FRONTDESK_BENCH_STORE names (make bench: ten years of a busy
// estate), else a month of the demo in a temp folder.
func benchStore(b *testing.B) *store.Store {
	b.Helper()
	dir := os.Getenv("FRONTDESK_BENCH_STORE")
	if dir == "" {
		dir = b.TempDir()
		s, err := store.Open(dir, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := demo.FillScaled(s, 1, time.Date(2026, 11, 27, 20, 0, 0, 0, data.Shanghai), 30, demo.Busy, nil); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkMonthPack: the manager's month pack (the board, its charts, the month's records of the
// forms it holds, the PDF and the spreadsheet written) for the store's last month.
func BenchmarkMonthPack(b *testing.B) {
	s := benchStore(b)
	manager := data.Actor{Login: "manager", Name: "刘经理", Role: data.RoleManager}
	dir := b.TempDir()
	var lat []time.Duration
	for i := 0; i < b.N; i++ {
		t := time.Now()
		if _, err := MonthPack(context.Background(), s, manager, time.Date(2026, 11, 1, 0, 0, 0, 0, data.Shanghai), dir); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatency(b, lat)
}

// BenchmarkExportMonthOfVisitors: a month of the visitor log (every field) written to a spreadsheet,
// as 导出Excel does for a list showing the month.
func BenchmarkExportMonthOfVisitors(b *testing.B) {
	s := benchStore(b)
	supervisor := data.Actor{Login: "supervisor", Name: "王主管", Role: data.RoleSupervisor}
	q := store.ExportQuery{Query: store.Query{Kind: "visitor", From: time.Date(2026, 10, 1, 0, 0, 0, 0, data.Shanghai), To: time.Date(2026, 10, 31, 0, 0, 0, 0, data.Shanghai)}}
	var lat []time.Duration
	n := 0
	for i := 0; i < b.N; i++ {
		t := time.Now()
		var err error
		if n, err = Sheet(context.Background(), s, supervisor, q, io.Discard, nil); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	reportLatency(b, lat)
	b.ReportMetric(float64(n), "records")
}

// reportLatency reports the median, the p99 and the slowest of timed calls.
func reportLatency(b *testing.B, lat []time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(q float64) float64 { return float64(lat[int(float64(len(lat)-1)*q)].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.5), "median-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(ms(1), "max-ms")
}
