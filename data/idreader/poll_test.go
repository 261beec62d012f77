package idreader

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeDriver is a reader whose card the test places and removes.
type fakeDriver struct {
	mu     sync.Mutex
	card   []byte
	err    error
	reads  int
	closed bool
}

func (f *fakeDriver) Name() string { return "测试读卡器" }
func (f *fakeDriver) Read(today time.Time) (Card, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	if f.err != nil {
		return Card{}, f.err
	}
	if f.card == nil {
		return Card{}, ErrNoCard
	}
	return Parse(f.card, today)
}
func (f *fakeDriver) Close() error { f.mu.Lock(); f.closed = true; f.mu.Unlock(); return nil }
func (f *fakeDriver) set(card []byte, err error) {
	f.mu.Lock()
	f.card, f.err = card, err
	f.mu.Unlock()
}

func TestPollerReportsEachPlacingOnce(t *testing.T) {
	drv := &fakeDriver{}
	opens := 0
	p := NewPoller(func() (Driver, error) { opens++; return drv, nil })
	p.Now = func() time.Time { return today }
	last := ""
	run := func(k int) (cards int, statuses []string) {
		for i := 0; i < k; i++ {
			ev, n := p.step(last)
			last = n
			if ev.Card != nil {
				cards++
			}
			statuses = append(statuses, ev.Status)
		}
		return
	}
	if c, st := run(3); c != 0 || !strings.Contains(st[0], "读卡器已连接（测试读卡器）") {
		t.Fatalf("no card: %d cards, %q", c, st)
	}
	drv.set(residentCard("张伟", "11010519491231002X", "长期"), nil)
	if c, st := run(5); c != 1 || !strings.Contains(st[0], "已读取：居民身份证 张伟 110105********002X") {
		t.Fatalf("card lying on the reader for 5 polls: %d cards, %q", c, st)
	}
	drv.set(nil, nil)
	run(1)
	drv.set(residentCard("张伟", "11010519491231002X", "长期"), nil)
	if c, _ := run(2); c != 1 {
		t.Fatalf("the same card placed again is read again, got %d", c)
	}
	if opens != 1 {
		t.Fatalf("opened %d times", opens)
	}
}

func TestPollerReaderTroubleIsOneQuietLine(t *testing.T) {
	now := today
	drv := &fakeDriver{}
	opens, fail := 0, true
	p := NewPoller(func() (Driver, error) {
		opens++
		if fail {
			return nil, ErrNoReader
		}
		return drv, nil
	})
	p.Every, p.Retry = time.Millisecond, 5*time.Second
	p.Now = func() time.Time { return now }

	// No reader: one status, and no second try before Retry has passed.
	stop := run(p)
	time.Sleep(50 * time.Millisecond)
	got := stop()
	if len(got) != 1 || got[0].Ready || !strings.Contains(got[0].Status, "未检测到身份证读卡器，请手工登记") {
		t.Fatalf("events without a reader: %+v", got)
	}
	if opens != 1 {
		t.Fatalf("tried to open %d times within the retry pause", opens)
	}

	// The reader is plugged in: found at the next try after Retry.
	fail = false
	now = now.Add(6 * time.Second)
	if ev, _ := p.step(""); !ev.Ready {
		t.Fatalf("after plugging in: %+v", ev)
	}
	// Three failed reads in a row: the reader is closed and looked for again later.
	drv.set(nil, errors.New("通讯超时"))
	for i := 0; i < 3; i++ {
		ev, _ := p.step("")
		if !strings.Contains(ev.Status, "读卡失败：通讯超时") {
			t.Fatalf("failed read %d: %+v", i, ev)
		}
	}
	if !drv.closed {
		t.Fatal("a reader failing three times is closed")
	}
	if ev, _ := p.step(""); ev.Ready || !strings.Contains(ev.Status, "稍后重新连接") {
		t.Fatalf("after closing: %+v", ev)
	}
}

// TestHelperProtocol drives the helper's Serve through the desk's helperDriver over pipes, as the
// 64-bit desk drives the 32-bit helper process.
func TestHelperProtocol(t *testing.T) {
	drv := &fakeDriver{}
	reqR, reqW := io.Pipe()
	repR, repW := io.Pipe()
	served := make(chan error, 1)
	go func() {
		served <- Serve(reqR, repW, func(dll string) (Driver, error) {
			if dll != "sdtapi.dll" {
				return nil, ErrNoReader
			}
			return drv, nil
		})
		repW.Close()
	}()
	h, err := newHelperDriver(reqW, repR, "sdtapi.dll", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.Name(), "测试读卡器，32位辅助程序") {
		t.Fatalf("name %q", h.Name())
	}
	if _, err := h.Read(today); !errors.Is(err, ErrNoCard) {
		t.Fatalf("no card: %v", err)
	}
	drv.set(foreignerCard(), nil)
	c, err := h.Read(today)
	if err != nil || c.Number != "USA110079052112" || c.EnglishName != "SMITH, JOHN PAUL" {
		t.Fatalf("card through the helper: %+v, %v", c, err)
	}
	drv.set(nil, errors.New("找卡失败（返回码0x01）"))
	if _, err := h.Read(today); err == nil || err.Error() != "找卡失败（返回码0x01）" {
		t.Fatalf("error through the helper: %v", err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	if !drv.closed {
		t.Fatal("the helper closes its reader when told")
	}
}

func TestHelperOpenFailure(t *testing.T) {
	reqR, reqW := io.Pipe()
	repR, repW := io.Pipe()
	go func() {
		Serve(reqR, repW, func(string) (Driver, error) { return nil, errors.New("无法加载 termb.dll") })
		repW.Close()
	}()
	_, err := newHelperDriver(reqW, repR, "termb.dll", nil)
	if err == nil || err.Error() != "无法加载 termb.dll" {
		t.Fatalf("err = %v", err)
	}
}

func TestTypeOfNumber(t *testing.T) {
	for n, want := range map[string]byte{"11010519491231002X": TypeResident, "810000198808080013": TypePermit,
		"830000199001010020": TypePermit, "USA110079052112": TypeForeigner} {
		if got := typeOfNumber(n); got != want {
			t.Errorf("%s: %q, want %q", n, got, want)
		}
	}
}

// While a card lies on the reader, Run says nothing more: its "已读取" line stays on the screen.
func TestPollerRunQuietWhileCardLies(t *testing.T) {
	drv := &fakeDriver{card: residentCard("张伟", "11010519491231002X", "长期")}
	p := NewPoller(func() (Driver, error) { return drv, nil })
	p.Every = time.Millisecond
	stop := run(p)
	for {
		drv.mu.Lock()
		n := drv.reads
		drv.mu.Unlock()
		if n >= 20 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if got := stop(); len(got) != 1 || got[0].Card == nil || !strings.HasPrefix(got[0].Status, "已读取：") {
		t.Fatalf("20 polls of one card: %+v", got)
	}
}

// run starts p.Run; stop ends it and answers the events it emitted.
func run(p *Poller) (stop func() []Event) {
	var mu sync.Mutex
	var got []Event
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		p.Run(ctx, func(ev Event) { mu.Lock(); got = append(got, ev); mu.Unlock() })
		close(done)
	}()
	return func() []Event {
		cancel()
		<-done
		return got
	}
}
