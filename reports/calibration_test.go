package reports

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func calibrationPDF(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := CalibrationPDF(&buf, Options{PropertyName: "城市假日花园客户服务中心", PrintedAt: printedAt, NoCompress: true}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The calibration page says what to measure and what to do, on one page.
func TestCalibrationText(t *testing.T) {
	pdf := calibrationPDF(t)
	text := squeeze(pdfText(t, pdf))
	for _, want := range []string{"打印校准页", CalibrationSentence, "边长100毫米", "实际大小", "城市假日花园客户服务中心", "第1页/共1页"} {
		if !strings.Contains(text, squeeze(want)) {
			t.Errorf("calibration page lacks %q:\n%s", want, text)
		}
	}
}

// The square is drawn 100 mm wide and high: 283.46 points in the page's content.
func TestCalibrationSquareInContent(t *testing.T) {
	pdf := calibrationPDF(t)
	re := regexp.MustCompile(`([\d.]+) ([\d.]+) ([\d.-]+) ([\d.-]+) re`)
	found := 0
	for _, m := range re.FindAllStringSubmatch(string(pdf), -1) {
		if m[3] == "283.46" && m[4] == "-283.46" {
			found++
		}
	}
	if found != 1 {
		t.Errorf("rectangles of 283.46 x 283.46 pt in the page = %d; want 1", found)
	}
}

// Rendered at 254 dots an inch (10 dots a millimetre), the square's edges are 1000 dots apart, and
// the ruler's base line is 1000 dots long.
func TestCalibrationSquareRendered(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatalf("pdftoppm not found: install poppler-utils (make deps)")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "cal.pdf")
	if err := os.WriteFile(in, calibrationPDF(t), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "254", "-gray", "-png", "-singlefile", in, filepath.Join(dir, "cal")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "cal.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() < 2100 || b.Dx() > 2101 || b.Dy() < 2970 || b.Dy() > 2971 {
		t.Fatalf("page rendered %dx%d dots; want 2100x2970 (A4 at 10 dots/mm, give or take the last dot)", b.Dx(), b.Dy())
	}
	dark := func(x, y int) bool {
		r, _, _, _ := img.At(x, y).RGBA()
		return r < 0x8000
	}
	longest := func(n int, at func(i int) bool) int {
		best, run := 0, 0
		for i := 0; i < n; i++ {
			if at(i) {
				run++
				best = max(best, run)
			} else {
				run = 0
			}
		}
		return best
	}
	// The square's sides are the only long vertical lines: their outer edges give its width, their
	// length its height.
	minX, maxX, height := b.Dx(), -1, 0
	for x := 0; x < b.Dx(); x++ {
		if n := longest(b.Dy(), func(y int) bool { return dark(x, y) }); n > 900 {
			minX, maxX, height = min(minX, x), max(maxX, x), max(height, n)
		}
	}
	width := maxX - minX + 1
	// 100 mm between the lines' middles; the 0.3 mm lines add up to 3 dots, rendering a dot or two.
	for _, got := range []struct {
		what string
		n    int
	}{{"width", width}, {"height", height}} {
		if got.n < 998 || got.n > 1006 {
			t.Errorf("square %s = %d dots at 10 dots/mm; want 1000 (100 mm) plus the line", got.what, got.n)
		}
	}
	var rows []int
	for y := 0; y < b.Dy(); y++ {
		if n := longest(b.Dx(), func(x int) bool { return dark(x, y) }); n > 900 {
			if n < 998 || n > 1006 {
				t.Errorf("horizontal line at dot row %d is %d dots long; want 1000 (100 mm)", y, n)
			}
			rows = append(rows, y)
		}
	}
	if len(rows) == 0 || rows[len(rows)-1]-rows[0] < 1200 {
		t.Errorf("long horizontal lines at rows %v: want the square's top and bottom and the ruler below", rows)
	}
}
