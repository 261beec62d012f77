package charts

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"frontdesk/data"
)

// writeOut keeps a chart for a person to look at when FRONTDESK_CHARTS names a folder.
func writeOut(t *testing.T, name string, b []byte) {
	if dir := os.Getenv("FRONTDESK_CHARTS"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Each chart is a PNG of the chart's size at its resolution, with or without data; a month without
// data still draws (an empty chart that says so), never fails.
func TestChartsDraw(t *testing.T) {
	secs := []float64{12, 25, 33, 38, 41, 44, 47, 52, 55, 58, 59, 62, 75, 130}
	weeks := []data.WeekBar{{Label: "10-26至11-01", Met: 1}, {Label: "11-02至11-08", Met: 4, Short: 1}, {Label: "11-09至11-15", Met: 3}, {Label: "11-16至11-22"}, {Label: "11-23至11-29", Met: 2, Short: 2}}
	months := []string{"25-12", "26-01", "26-02", "26-03", "26-04", "26-05", "26-06", "26-07", "26-08", "26-09", "26-10", "26-11"}
	series := []Series{{Name: "登记60秒内", Values: []float64{-1, -1, .9, .92, .95, .97, .96, .99, 1, .98, .97, .958}},
		{Name: "投诉2小时内答复", Values: []float64{1, .8, .9, 1, 1, .75, 1, 1, .9, 1, 1, .812}}}
	for _, tt := range []struct {
		name string
		draw func() ([]byte, error)
	}{
		{"histogram.png", func() ([]byte, error) { return Histogram("本月登记用时", secs, 60, "秒") }},
		{"histogram-empty.png", func() ([]byte, error) { return Histogram("本月登记用时", nil, 60, "秒") }},
		{"weeks.png", func() ([]byte, error) { return WeekBars("有效投诉按周", "2小时内答复", "超时", weeks) }},
		{"weeks-empty.png", func() ([]byte, error) { return WeekBars("有效投诉按周", "2小时内答复", "超时", nil) }},
		{"trend.png", func() ([]byte, error) { return Trend("近12个月主要达标率", months, series) }},
	} {
		b, err := tt.draw()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		if want := int(Size.W.Dots(DPI)); w < want-1 || w > want+1 || h < int(Size.H.Dots(DPI))-1 {
			t.Errorf("%s: %d×%d pixels", tt.name, w, h)
		}
		writeOut(t, tt.name, b)
	}
}

// A registration of 61 seconds is never drawn in a bin within 60, however slow the slowest: the bins
// end at the limit.
func TestBinsEndAtTheLimit(t *testing.T) {
	for _, samples := range [][]float64{{59, 60, 61}, {59, 60, 61, 1000}, {0.5, 60, 60.5, 3600}} {
		width, counts := binCounts(samples, 60)
		if math.Mod(60, width) != 0 || len(counts) > 31 {
			t.Errorf("%v: width %v, %d bins", samples, width, len(counts))
		}
		within := 0.0
		for i, c := range counts {
			if float64(i+1)*width <= 60 {
				within += c
			}
		}
		want := 0.0
		for _, v := range samples {
			if v <= 60 {
				want++
			}
		}
		if within != want {
			t.Errorf("%v: %v within 60 in the bins; want %v", samples, within, want)
		}
	}
}
