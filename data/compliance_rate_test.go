package data

import (
	"testing"
	"time"
)

// Every rate is rounded, not cut, in one place; a share short of all never reads 100%.
func TestRatesAreRoundedInOnePlace(t *testing.T) {
	for _, tt := range []struct {
		n, all int
		want   string
		number string
	}{
		{5, 6, "83.3%", "83.3"},
		{7, 8, "87.5%", "87.5"},
		{2, 3, "66.7%", "66.7"},
		{3, 4, "75.0%", "75"},
		{9999, 10000, "99.9%", "99.9"},
		{6, 6, "100%", "100"},
		{0, 5, "0.0%", "0"},
	} {
		if got := PercentOf(tt.n, tt.all); got != tt.want {
			t.Errorf("PercentOf(%d, %d) = %q; want %q", tt.n, tt.all, got, tt.want)
		}
		if got := PercentNumber(tt.n, tt.all); got != tt.number {
			t.Errorf("PercentNumber(%d, %d) = %q; want %q", tt.n, tt.all, got, tt.number)
		}
	}
	if PercentOf(0, 0) != "—" || PercentNumber(0, 0) != "" {
		t.Error("nothing to count")
	}
}

// A month that is over is green or red; amber is a month under way whose rule can still be met, and
// never a rule of every one (a miss is decided at once).
func TestVerdictsOfAMonth(t *testing.T) {
	if v := RateFigure(15, 16, 1, 0.9, "", nil).Verdict; v != VerdictMissed {
		t.Errorf("15 of 16 against 100%%: %s; want missed", v)
	}
	if v := RateFigure(40, 100, 0.5, 0.3, "", nil).Verdict; v != VerdictNear {
		t.Errorf("40%% against 50%% under way: %s; want near", v)
	}
	f := &Form{Key: "verdict_test", Name: "测试", Group: GroupDesk, Measures: []Measure{{Key: "share", Name: "比例",
		Of: func(env Env, m Month) (Figure, error) { return RateFigure(40, 100, 0.5, 0.3, "", nil), nil }}}}
	nov := time.Date(2026, 11, 1, 0, 0, 0, 0, Shanghai)
	for _, tt := range []struct {
		now  time.Time
		want Verdict
	}{{nov.AddDate(0, 0, 10), VerdictNear}, {nov.AddDate(0, 1, 1), VerdictMissed}} {
		for _, row := range boardOf([]*Form{f}, nil, MonthOf(nov, tt.now)) {
			if row.Figure.Verdict != tt.want {
				t.Errorf("asked %s: %s; want %s", tt.now.Format("01-02"), row.Figure.Verdict, tt.want)
			}
		}
	}
}
