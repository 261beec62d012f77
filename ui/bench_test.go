package ui

import (
	"os"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/store"
)

// benchStore opens the store make bench built (FRONTDESK_BENCH_STORE), else a busy 60 days with the
// demo accounts in a temp folder.
func benchStore(b *testing.B) (*store.Store, string) {
	b.Helper()
	dir := os.Getenv("FRONTDESK_BENCH_STORE")
	if dir == "" {
		dir = b.TempDir()
		s, err := store.Open(dir, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := demo.FillScaled(s, 1, time.Date(2026, 11, 27, 20, 0, 0, 0, data.Shanghai), 60, demo.Busy, nil); err != nil {
			b.Fatal(err)
		}
		if err := demo.Accounts(s); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, dir
}

// BenchmarkTypingInVisitorSearch: the visitor list's search box, typed a key at a time (a plate, a
// phone, a name: 20 keys), as the window runs it: each key's search off the UI goroutine, its answer
// through the UI queue. Reported: how long a key holds the UI goroutine (worst; a frame is 16.7 ms)
// and how long from a key to its answer on the screen (median, p99, worst).
func BenchmarkTypingInVisitorSearch(b *testing.B) {
	s, dir := benchStore(b)
	a := test.NewApp()
	defer a.Quit()
	a.Settings().SetTheme(NewTheme())
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1366, 768))
	sh := New(a, w, s, dir)
	act, err := s.Authenticate("clerk", demo.DemoPassword)
	if err != nil {
		b.Fatal(err)
	}
	sh.loggedIn(act)
	sh.Show("form:visitor")
	l := sh.Current().(*listScreen)
	queue := make(chan func(), 1024)
	lookupsInline, onUI = false, func(f func()) { queue <- f }
	defer func() { lookupsInline, onUI = true, fyne.Do }()
	shown := make(chan struct{}, 1024)
	l.answered = func() { shown <- struct{}{} }
	// wait runs what reaches the UI queue until an answer is shown.
	wait := func() {
		for {
			select {
			case f := <-queue:
				f()
			case <-shown:
				return
			case <-time.After(10 * time.Second):
				b.Fatal("no answer in 10 s")
			}
		}
	}
	var hold, answer []time.Duration
	missed := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, q := range []string{"粤B12345", "13800001234", "张伟"} {
			if l.search.Text != "" {
				l.search.SetText("")
				wait()
			}
			for _, r := range q {
				t := time.Now()
				test.Type(l.search, string(r))
				d := time.Since(t)
				hold = append(hold, d)
				if d > time.Second/60 {
					missed++
				}
				wait()
				answer = append(answer, time.Since(t))
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(quantile(hold, 1), "key-holds-ui-max-ms")
	b.ReportMetric(float64(missed)/float64(b.N), "frames-missed/20keys")
	b.ReportMetric(quantile(answer, 0.5), "key-to-list-median-ms")
	b.ReportMetric(quantile(answer, 0.99), "key-to-list-p99-ms")
	b.ReportMetric(quantile(answer, 1), "key-to-list-max-ms")
}

func quantile(d []time.Duration, q float64) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	return float64(s[int(float64(len(s)-1)*q)].Microseconds()) / 1000
}
