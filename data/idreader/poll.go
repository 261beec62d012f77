package idreader

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Driver is one connected reader. Read answers ErrNoCard while no card lies on it.
type Driver interface {
	Name() string
	Read(today time.Time) (Card, error)
	Close() error
}

// Event is what the poller tells the screen: a card read, or a new status line.
type Event struct {
	Card   *Card  // a card just placed (once per placing)
	Status string // one quiet line for the screen; empty when unchanged
	Ready  bool   // a reader is connected
	// Trouble marks a status the clerk should notice: a failed read, a reader that cannot be used.
	// No reader at all is not trouble: the form is filled by hand as always.
	Trouble bool
}

// Poller keeps one reader open for the program and polls it while a screen runs it. It reports each
// placed card once, and a status only when it changes: a reader that keeps failing is one line, not
// a message a second.
type Poller struct {
	Open  func() (Driver, error)
	Every time.Duration // between reads; ~400 ms
	Retry time.Duration // between tries to find a reader
	Now   func() time.Time

	mu       sync.Mutex
	drv      Driver
	lastTry  time.Time
	openErr  error
	failures int
}

// NewPoller polls the readers Open finds, every 400 ms, and looks for a reader again every 5 s.
func NewPoller(open func() (Driver, error)) *Poller {
	return &Poller{Open: open, Every: 400 * time.Millisecond, Retry: 5 * time.Second, Now: time.Now}
}

// Run polls until ctx ends, calling emit from its own goroutine.
func (p *Poller) Run(ctx context.Context, emit func(Event)) {
	var last Event
	lastNumber := ""
	say := func(ev Event) {
		if ev.Card == nil && ev.Status == last.Status && ev.Ready == last.Ready && ev.Trouble == last.Trouble {
			return
		}
		last = ev
		emit(ev)
	}
	t := time.NewTicker(p.Every)
	defer t.Stop()
	for {
		ev, number := p.step(lastNumber)
		if ev != (Event{}) {
			say(ev)
		}
		lastNumber = number
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// step is one poll: open a reader if none is open (at most every Retry), then read once. The zero
// Event means nothing new.
func (p *Poller) step(lastNumber string) (Event, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drv == nil {
		if !p.lastTry.IsZero() && p.Now().Sub(p.lastTry) < p.Retry {
			return statusOf(p.openErr), ""
		}
		p.lastTry = p.Now()
		p.drv, p.openErr = p.Open()
		if p.openErr != nil {
			p.drv = nil
			return statusOf(p.openErr), ""
		}
		p.failures = 0
	}
	ready := Event{Ready: true, Status: fmt.Sprintf("读卡器已连接（%s）：放上证件即可自动填写", p.drv.Name())}
	c, err := p.drv.Read(p.Now())
	switch {
	case errors.Is(err, ErrNoCard):
		p.failures = 0
		return ready, ""
	case err != nil:
		// A card read wrong once is the card (moved too soon); three in a row is the reader, which is
		// then opened afresh.
		p.failures++
		if p.failures >= 3 {
			p.drv.Close()
			p.drv, p.lastTry, p.openErr = nil, p.Now(), fmt.Errorf("读卡器出错，稍后重新连接：%v", err)
		}
		return Event{Ready: p.drv != nil, Status: "读卡失败：" + err.Error(), Trouble: true}, lastNumber
	}
	p.failures = 0
	if c.Number == lastNumber {
		return Event{}, lastNumber // the same card still lying on the reader: its "已读取" line stays
	}
	ev := ready
	ev.Card = &c
	ev.Status = "已读取：" + c.Masked()
	return ev, c.Number
}

func statusOf(err error) Event {
	if errors.Is(err, ErrNoReader) {
		return Event{Status: err.Error() + "，请手工登记"}
	}
	return Event{Status: fmt.Sprintf("读卡器不可用（%v），请手工登记", err), Trouble: true}
}

// Close closes the reader, when the program ends.
func (p *Poller) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drv != nil {
		p.drv.Close()
		p.drv = nil
	}
}
