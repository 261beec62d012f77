package charts

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"gonum.org/v1/plot/vg"
	plotdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

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
	weeks := []data.WeekBar{{Label: "10-26至11-01", Met: 1}, {Label: "11-02至11-08", Met: 4, Short: 1}, {Label: "11-09至11-15", Met: 3}, {Label: "11-16至11-22"}, {Label: "11-23至11-29", Met: 2, Short: 2}, {Label: "11-30至12-06", Met: 1}}
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

// A count (people, complaints, answers) is a whole number: its axis ticks at whole numbers, labelled
// without decimals, however many there are.
func TestACountAxisTicksAtWholeNumbers(t *testing.T) {
	weeks := []data.WeekBar{{Label: "11-02至11-08", Met: 4, Short: 1}, {Label: "11-09至11-15", Met: 3}}
	many := make([]float64, 0, 60)
	for i := range 60 {
		many = append(many, float64(20+i%3))
	}
	charts := map[string]func() (*chart, error){
		"histogram":         func() (*chart, error) { return histogram("本月登记用时", []float64{12, 25, 33, 62}, 60, "秒") },
		"histogram of many": func() (*chart, error) { return histogram("本月登记用时", many, 60, "秒") },
		"weeks":             func() (*chart, error) { return stacked(weekStack("有效投诉按周", "按时", "超时", weeks)) },
		"survey of hundreds": func() (*chart, error) {
			return stacked(&data.StackedChart{Title: "满意度", Parts: []string{"满意", "一般", "不满意"}, Labels: []string{"服务", "环境"}, Values: [][]float64{{230, 25, 5}, {200, 50, 10}}})
		},
	}
	for name, draw := range charts {
		c, err := draw()
		if err != nil {
			t.Fatal(err)
		}
		ticks := c.Y.Tick.Marker.Ticks(c.Y.Min, c.Y.Max)
		labelled := 0
		for _, tk := range ticks {
			if tk.Label == "" {
				continue
			}
			labelled++
			if n, err := strconv.Atoi(tk.Label); err != nil || float64(n) != tk.Value {
				t.Errorf("%s: the count axis has a tick %q at %v", name, tk.Label, tk.Value)
			}
		}
		if labelled < 2 || labelled > 7 {
			t.Errorf("%s: %d labelled ticks from %v to %v: %v", name, labelled, c.Y.Min, c.Y.Max, ticks)
		}
	}
}

// The legend says what each colour is beside the plot, never over the lines or bars it names: each
// entry's box lies outside the plot's data area, inside the image.
func TestTheLegendIsOutsideThePlot(t *testing.T) {
	months := []string{"25-12", "26-01", "26-02", "26-03", "26-04", "26-05", "26-06", "26-07", "26-08", "26-09", "26-10", "26-11"}
	var series []Series
	for _, name := range []string{"登记用时不超过60秒", "有效投诉2小时内答复", "按时到岗（提前15分钟）", "维修完工后2个工作日内回访", "清洁服务完工后2个工作日内回访"} {
		series = append(series, Series{Name: name, Values: []float64{1, .8, .9, 1, 1, .75, 1, 1, .9, 1, 1, .812}})
	}
	charts := map[string]func() (*chart, error){
		"histogram": func() (*chart, error) { return histogram("本月登记用时", []float64{12, 25, 33, 62}, 60, "秒") },
		"weeks": func() (*chart, error) {
			return stacked(weekStack("有效投诉按周", "按时", "超时", []data.WeekBar{{Label: "11-02至11-08", Met: 4, Short: 1}}))
		},
		"trend": func() (*chart, error) { return trend("近12个月主要达标率", months, series) },
	}
	for name, draw := range charts {
		c, err := draw()
		if err != nil {
			t.Fatal(err)
		}
		dc := plotdraw.New(vgimg.NewWith(vgimg.UseWH(Size.W, Size.H), vgimg.UseDPI(DPI)))
		area, boxes := c.layout(dc)
		plotted := c.DataCanvas(area).Rectangle
		if len(boxes) != len(c.legend) || len(boxes) == 0 {
			t.Fatalf("%s: %d legend boxes for %d entries", name, len(boxes), len(c.legend))
		}
		for i, b := range boxes {
			for _, r := range []vg.Rectangle{b.thumb, b.name} {
				if overlaps(r, plotted) {
					t.Errorf("%s: legend entry %q at %v is over the plot %v", name, c.legend[i].name, r, plotted)
				}
				if r.Min.X < dc.Min.X || r.Max.X > dc.Max.X || r.Min.Y < dc.Min.Y || r.Max.Y > dc.Max.Y {
					t.Errorf("%s: legend entry %q at %v is outside the image %v", name, c.legend[i].name, r, dc.Rectangle)
				}
			}
		}
	}
}

func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}
