package service

import (
	"strings"
	"testing"
)

// Two figures that count different things each say in their own label what they count: the board's
// revisit rate counts the revisits due in the month, the month report's the complaints received in it.
func TestRevisitRatesSayWhatTheyCount(t *testing.T) {
	var board string
	for _, m := range complaintMeasures {
		if m.Key == "complaint_revisited" {
			board = m.Name
		}
	}
	fl, _ := FormComplaintMonthly.Field("revisit_rate")
	if !strings.Contains(board, "回访已到期") || !strings.Contains(fl.Label, "本月受理") || board == fl.Label {
		t.Errorf("board %q, month report %q: each must say what it counts", board, fl.Label)
	}
}
