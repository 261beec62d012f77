// Package charts draws the compliance board's charts as PNG images, for the window and for the month
// pack's PDF alike, with gonum's plot library and the bundled CJK font.
package charts

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
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

// TextSize is the size of a chart's words and numbers (the ticks, the axes' names, the legend); its
// title is a point larger. The window shows a chart at the scale that draws this size as its own text
// (ui/board.go), and a PDF prints a chart 14 to 18 cm wide, its text at 10 to 13 pt.
const TextSize vg.Length = 10

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

// chart is a plot with its legend, which is drawn under the plot, never over what it plots.
type chart struct {
	*plot.Plot
	legend []legendEntry
}

type legendEntry struct {
	name   string
	thumbs []plot.Thumbnailer
}

func newPlot(title, x, y string) (*chart, error) {
	if err := setFont(); err != nil {
		return nil, err
	}
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = TextSize + 1
	p.X.Label.Text = x
	p.Y.Label.Text = y
	for _, sty := range []*text.Style{&p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		sty.Font.Size = TextSize
	}
	p.Add(plotter.NewGrid())
	return &chart{Plot: p}, nil
}

// add adds a legend entry.
func (c *chart) add(name string, thumbs ...plot.Thumbnailer) {
	c.legend = append(c.legend, legendEntry{name, thumbs})
}

// legendBox is where a legend entry is drawn: its thumbnail and, after it, its name.
type legendBox struct {
	thumb, name vg.Rectangle
}

// Spacing of the legend: the thumbnail's width, the gap after it and between the entries.
const (
	thumbWidth vg.Length = 20
	thumbGap   vg.Length = 4
	entryGap   vg.Length = 14
)

// layout divides a canvas into the plot's and, under it, the legend's rows: the entries side by side,
// centred, as many to a row as fit.
func (c *chart) layout(dc draw.Canvas) (draw.Canvas, []legendBox) {
	if len(c.legend) == 0 {
		return dc, nil
	}
	sty := c.Legend.TextStyle
	line := sty.FontExtents().Height * 1.3
	width := dc.Max.X - dc.Min.X
	var rows [][]int
	var rowWidths []vg.Length
	for i, e := range c.legend {
		w := thumbWidth + thumbGap + sty.Width(e.name)
		n := len(rows)
		if n == 0 || rowWidths[n-1]+entryGap+w > width {
			rows, rowWidths = append(rows, nil), append(rowWidths, -entryGap)
			n++
		}
		rows[n-1] = append(rows[n-1], i)
		rowWidths[n-1] += entryGap + w
	}
	pad := sty.FontExtents().Height / 2
	boxes := make([]legendBox, len(c.legend))
	for r, row := range rows {
		x := dc.Min.X + (width-rowWidths[r])/2
		y := dc.Min.Y + pad + vg.Length(len(rows)-1-r)*line
		for _, i := range row {
			w := sty.Width(c.legend[i].name)
			boxes[i] = legendBox{
				thumb: vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + thumbWidth, Y: y + line}},
				name:  vg.Rectangle{Min: vg.Point{X: x + thumbWidth + thumbGap, Y: y}, Max: vg.Point{X: x + thumbWidth + thumbGap + w, Y: y + line}},
			}
			x += thumbWidth + thumbGap + w + entryGap
		}
	}
	area := dc
	area.Min.Y += pad + vg.Length(len(rows))*line
	return area, boxes
}

// draw draws the plot and its legend on a canvas.
func (c *chart) draw(dc draw.Canvas) {
	area, boxes := c.layout(dc)
	c.Plot.Draw(area)
	sty := c.Legend.TextStyle
	sty.YAlign = draw.YCenter
	for i, e := range c.legend {
		b := boxes[i]
		// A thumbnail a line of text high, as the plot library draws its own legend's.
		h := sty.FontExtents().Height
		mid := (b.thumb.Min.Y + b.thumb.Max.Y) / 2
		tc := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: b.thumb.Min.X, Y: mid - h/2}, Max: vg.Point{X: b.thumb.Max.X, Y: mid + h/2}}}
		for _, t := range e.thumbs {
			t.Thumbnail(&tc)
		}
		dc.FillText(sty, vg.Point{X: b.name.Min.X, Y: mid}, e.name)
	}
}

// pngOf draws a chart as a PNG image.
func pngOf(c *chart, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	img := vgimg.NewWith(vgimg.UseWH(Size.W, Size.H), vgimg.UseDPI(DPI))
	c.draw(draw.New(img))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart image: %w", err)
	}
	return buf.Bytes(), nil
}

// countTicks marks an axis of counts: whole numbers only, 1, 2 or 5 times a power of ten apart, at
// most six of them.
type countTicks struct{}

func (countTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1.0
	for i := 0; (hi-lo)/step > 5; i++ {
		step = []float64{2, 5, 10}[i%3] * math.Pow(10, float64(i/3))
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
	}
	return ticks
}

// Histogram draws a month's single values (each registration's seconds) in bins, with the limit the
// rule sets as a red line.
func Histogram(title string, samples []float64, limit float64, unit string) ([]byte, error) {
	return pngOf(histogram(title, samples, limit, unit))
}

// histogram is Histogram's chart.
func histogram(title string, samples []float64, limit float64, unit string) (*chart, error) {
	p, err := newPlot(title, "用时（"+unit+"）", "人次")
	if err != nil {
		return nil, err
	}
	if len(samples) == 0 {
		p.Title.Text = title + "（本月没有数据）"
		return p, nil
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
		p.add(part.label, h)
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
	p.Y.Tick.Marker = countTicks{}
	return p, nil
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
	return Stacked(weekStack(title, met, short, weeks))
}

// weekStack is the weeks' figures as a stacked chart.
func weekStack(title, met, short string, weeks []data.WeekBar) *data.StackedChart {
	ch := &data.StackedChart{Title: title, Parts: []string{met, short}, Axis: "件数"}
	for _, w := range weeks {
		// A week on two lines (11-02至 / 11-08): six weeks' names side by side are wider than the chart.
		ch.Labels = append(ch.Labels, strings.Replace(w.Label, "至", "至\n", 1))
		ch.Values = append(ch.Values, []float64{float64(w.Met), float64(w.Short)})
	}
	return ch
}

// Series is one key rate over the months, 0..1 a month; a negative value is a month without one.
type Series struct {
	Name   string
	Values []float64
}

// Trend draws key rates month by month (the last twelve months), as percentages.
func Trend(title string, months []string, series []Series) ([]byte, error) {
	return pngOf(trend(title, months, series))
}

// trend is Trend's chart.
func trend(title string, months []string, series []Series) (*chart, error) {
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
		p.add(s.Name, l, pts)
	}
	p.NominalX(months...)
	p.X.Min, p.X.Max = -0.5, float64(len(months))-0.5 // every month on the axis, with data or not
	p.Y.Min, p.Y.Max = 0, 105
	return p, nil
}

// Stacked draws counts per label, each split into its parts stacked (a survey's answers per
// question: satisfied, fair, unsatisfied).
func Stacked(ch *data.StackedChart) ([]byte, error) {
	return pngOf(stacked(ch))
}

// stacked is Stacked's chart.
func stacked(ch *data.StackedChart) (*chart, error) {
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
		return p, nil
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
		p.add(name, bars)
	}
	for _, t := range totals {
		top = math.Max(top, t)
	}
	p.NominalX(ch.Labels...)
	p.Y.Min, p.Y.Max = 0, math.Ceil(top*1.25)
	p.Y.Tick.Marker = countTicks{}
	return p, nil
}
