package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
)

// A lookup runs a store read (a list's search, a returning visitor's recall, a unit's completion) off
// the UI goroutine, so typing never waits on the store: a newer call cancels the older read, and an
// answer that comes after a newer call is dropped, so the screen shows the newest answer only.
type lookup struct {
	gen    uint64
	cancel context.CancelFunc
}

// busyAfter is how long an answer may take before the screen says it is searching: a frame or two.
const busyAfter = 40 * time.Millisecond

var (
	// lookupsInline runs lookups on the calling goroutine (tests that read the answer at once).
	lookupsInline = false
	// onUI runs an answer on the UI goroutine (tests replace it with a queue they drain).
	onUI = fyne.Do
)

// cancelNewer drops the answer of the run in flight (the text became too short to look up).
func (lk *lookup) cancelNewer() {
	if lk.cancel != nil {
		lk.cancel()
	}
	lk.gen++
}

// run starts fetch off the UI goroutine and hands its answer to show on the UI goroutine, unless a
// newer run came first. busy, if set, is shown when the answer takes longer than busyAfter.
func run[T any](lk *lookup, fetch func(context.Context) T, show func(T), busy func()) {
	if lk.cancel != nil {
		lk.cancel()
	}
	lk.gen++
	gen := lk.gen
	ctx, cancel := context.WithCancel(context.Background())
	lk.cancel = cancel
	if lookupsInline {
		show(fetch(ctx))
		return
	}
	post := onUI
	answered := false
	var timer *time.Timer
	if busy != nil {
		timer = time.AfterFunc(busyAfter, func() {
			post(func() {
				if lk.gen == gen && !answered {
					busy()
				}
			})
		})
	}
	go func() {
		v := fetch(ctx)
		if timer != nil {
			timer.Stop()
		}
		post(func() {
			answered = true
			if lk.gen == gen {
				show(v)
			}
		})
	}()
}
