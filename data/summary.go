package data

import (
	"sort"
	"time"
)

// Summary is a month at the desk: how many records of each form, how complaints were answered (R4.4–R4.6)
// and how long visitor registrations took (R1.3: at most 60 seconds a person). The store counts the
// records; each form's Summarize adds what its records say.
type Summary struct {
	Month  time.Time
	Counts map[string]int
	Total  int
	// Complaints: received, answered within 2 hours of receipt, answered later, not answered yet, and the
	// valid ones revisited.
	Complaints, RepliedIn2h, RepliedLate, NotReplied, Valid, ValidRevisited int
	// Registrations timed (screen opened → saved): count, median seconds, how many over 60 s.
	Timed, Over60 int
	MedianSeconds float64
	seconds       []float64
}

// AddEntrySeconds counts one timed registration.
func (sum *Summary) AddEntrySeconds(s float64) {
	if s > 0 {
		sum.seconds = append(sum.seconds, s)
	}
}

// Finish works out the figures that need every record: the median registration time.
func (sum *Summary) Finish() {
	secs := sum.seconds
	sum.Timed = len(secs)
	if len(secs) == 0 {
		return
	}
	sort.Float64s(secs)
	sum.MedianSeconds = secs[len(secs)/2]
	sum.Over60 = 0
	for _, v := range secs {
		if v > 60 {
			sum.Over60++
		}
	}
}
