// Package charts draws the compliance board's charts as PNG images, for the window and for the month
// pack's PDF alike, with gonum's plot library and the bundled CJK font.
package charts

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"sync"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"frontdesk/assets"
	"frontdesk/data"
)

// Size is a chart's size on screen and on paper.
var Size = struct{ W, H vg.Length }{W: 14 * vg.Centimeter, H: 7.5 * vg.Centimeter}

// DPI is the resolution of the images: sharp on screen and when printed.
const DPI = 150

var (
	fontOnce sync.Once
	fontErr  error
)

// cjk is the bundled font registered with the plot library once, as its default.
var cjk = font.Font{Typeface: "wqy"}

func setFont() error {
	fontOnce.Do(func() {
		f, err := opentype.Parse(assets.FontTTF)
		if err != nil {
			fontErr = fmt.Errorf("chart font: %w", err)
			return
		}
		font.DefaultCache.Add(font.Collection{{Font: cjk, Face: f}})
		plot.DefaultFont = cjk
		plotter.DefaultFont = cjk
	})
	return fontErr
}

// Colours of the verdicts, as on the board.
var (
	Green = color.RGBA{R: 46, G: 125, B: 50, A: 255}
	Amber = color.RGBA{R: 230, G: 145, B: 0, A: 255}
	Red   = color.RGBA{R: 198, G: 40, B: 40, A: 255}
	Blue  = color.RGBA{R: 21, G: 101, B: 192, A: 255}
)

func newPlot(title, x, y string) (*plot.Plot, error) {
	if err := setFont(); err != nil {
		return nil, err
	}
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = 12
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = 9
	p.X.Tick.Label.Font.Size = 8
	p.Y.Tick.Label.Font.Size = 8
	p.Add(plotter.NewGrid())
	return p, nil
}

func pngOf(p *plot.Plot) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(Size.W, Size.H), vgimg.UseDPI(DPI))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart image: %w", err)
	}
	return buf.Bytes(), nil
}

// Histogram draws a month's single values (each registration's seconds) in bins, with the limit the
// rule sets as a red line.
func Histogram(title string, samples []float64, limit float64, unit string) ([]byte, error) {
	p, err := newPlot(title, "用时（"+unit+"）", "人次")
	if err != nil {
		return nil, err
	}
	if len(samples) == 0 {
		p.Title.Text = title + "（本月没有数据）"
		return pngOf(p)
	}
	width, counts := binCounts(samples, limit)
	n := len(counts)
	within, over := make(plotter.XYs, 0, n), make(plotter.XYs, 0, n)
	for i, c := range counts {
		x := (float64(i) + 0.5) * width
		if float64(i+1)*width <= limit {
			within = append(within, plotter.XY{X: x, Y: c})
		} else {
			over = append(over, plotter.XY{X: x, Y: c})
		}
	}
	for _, part := range []struct {
		xys   plotter.XYs
		label string
		c     color.Color
	}{{within, fmt.Sprintf("不超过%.0f%s", limit, unit), Blue}, {over, fmt.Sprintf("超过%.0f%s", limit, unit), Red}} {
		if len(part.xys) == 0 {
			continue
		}
		h, err := plotter.NewHistogram(part.xys, len(part.xys))
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", title, err)
		}
		h.FillColor = part.c
		h.LineStyle.Width = 0
		h.Bins = binsOf(part.xys, width)
		p.Add(h)
		p.Legend.Add(part.label, h)
	}
	line, err := plotter.NewLine(plotter.XYs{{X: limit, Y: 0}, {X: limit, Y: maxOf(counts) * 1.05}})
	if err == nil {
		line.Color = Red
		line.Width = vg.Points(1.5)
		line.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(line)
	}
	p.X.Min, p.X.Max = 0, float64(n)*width
	p.Y.Min = 0
	return pngOf(p)
}

// binCounts puts samples in bins of a width that divides the limit, so a bin ends at the limit:
// (0,w], (w,2w] … up to the slowest, about 30 bins at most; a bin is within the limit or over it,
// never both.
func binCounts(samples []float64, limit float64) (float64, []float64) {
	// The axis runs to the slowest, at most five times the limit: a screen left open for an hour is
	// counted in the last bin, not drawn an hour wide.
	top := limit * 1.5
	for _, v := range samples {
		top = math.Max(top, math.Min(v, limit*5))
	}
	width := limit
	for _, w := range []float64{5, 10, 15, 20, 30} {
		if w <= limit && math.Mod(limit, w) == 0 && top/w <= 30 {
			width = w
			break
		}
	}
	n := int(math.Ceil(top / width))
	counts := make([]float64, n)
	for _, v := range samples {
		i := int(math.Ceil(v/width)) - 1
		counts[max(0, min(i, n-1))]++
	}
	return width, counts
}

// binsOf are histogram bins of the given width centred on each point.
func binsOf(xys plotter.XYs, width float64) []plotter.HistogramBin {
	bins := make([]plotter.HistogramBin, len(xys))
	for i, xy := range xys {
		bins[i] = plotter.HistogramBin{Min: xy.X - width/2, Max: xy.X + width/2, Weight: xy.Y}
	}
	return bins
}

func maxOf(v []float64) float64 {
	m := 1.0
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

// WeekBars draws a month's figure week by week: those that met the rule and those that fell short,
// stacked.
func WeekBars(title, met, short string, weeks []data.WeekBar) ([]byte, error) {
	ch := &data.StackedChart{Title: title, Parts: []string{met, short}, Axis: "件数"}
	for _, w := range weeks {
		ch.Labels = append(ch.Labels, w.Label)
		ch.Values = append(ch.Values, []float64{float64(w.Met), float64(w.Short)})
	}
	return Stacked(ch)
}

// Series is one key rate over the months, 0..1 a month; a negative value is a month without one.
type Series struct {
	Name   string
	Values []float64
}

// Trend draws key rates month by month (the last twelve months), as percentages.
func Trend(title string, months []string, series []Series) ([]byte, error) {
	p, err := newPlot(title, "", "%")
	if err != nil {
		return nil, err
	}
	palette := []color.Color{Blue, Green, Amber, Red, color.RGBA{R: 106, G: 27, B: 154, A: 255}, color.RGBA{R: 0, G: 131, B: 143, A: 255}, color.RGBA{R: 93, G: 64, B: 55, A: 255}}
	for i, s := range series {
		var xys plotter.XYs
		for m, v := range s.Values {
			if v >= 0 {
				xys = append(xys, plotter.XY{X: float64(m), Y: v * 100})
			}
		}
		if len(xys) == 0 {
			continue
		}
		l, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", title, err)
		}
		c := palette[i%len(palette)]
		l.Color, pts.Color = c, c
		l.Width = vg.Points(1.5)
		pts.Radius = vg.Points(2)
		p.Add(l, pts)
		p.Legend.Add(s.Name, l, pts)
	}
	p.NominalX(months...)
	p.X.Min, p.X.Max = -0.5, float64(len(months))-0.5 // every month on the axis, with data or not
	p.Y.Min, p.Y.Max = 0, 105
	p.Legend.Left = true
	p.Legend.Top = false
	return pngOf(p)
}

// Stacked draws counts per label, each split into its parts stacked (a survey's answers per
// question: satisfied, fair, unsatisfied).
func Stacked(ch *data.StackedChart) ([]byte, error) {
	axis := ch.Axis
	if axis == "" {
		axis = "份数"
	}
	p, err := newPlot(ch.Title, "", axis)
	if err != nil {
		return nil, err
	}
	palette := []color.Color{Green, Amber, Red, Blue}
	if len(ch.Parts) == 2 {
		palette = []color.Color{Green, Red} // met and short
	}
	top := 1.0
	totals := make([]float64, len(ch.Labels))
	var below *plotter.BarChart
	if len(ch.Labels) == 0 {
		return pngOf(p)
	}
	for part, name := range ch.Parts {
		vals := make(plotter.Values, len(ch.Labels))
		for i := range ch.Labels {
			if part < len(ch.Values[i]) {
				vals[i] = ch.Values[i][part]
				totals[i] += vals[i]
			}
		}
		bars, err := plotter.NewBarChart(vals, vg.Points(22))
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", ch.Title, err)
		}
		bars.Color, bars.LineStyle.Width = palette[part%len(palette)], 0
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		p.Legend.Add(name, bars)
	}
	for _, t := range totals {
		top = math.Max(top, t)
	}
	p.NominalX(ch.Labels...)
	p.Y.Min, p.Y.Max = 0, math.Ceil(top*1.25)
	return pngOf(p)
}
