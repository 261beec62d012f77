package sheet

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"frontdesk/data"
)

// The number formats of the cells a sheet computes with. A date is a serial number in one of these, so
// that Excel and WPS sort, filter and subtract by it, and show it as the record has it.
const (
	formatDate     = "yyyy-mm-dd"
	formatDateTime = "yyyy-mm-dd hh:mm"
	formatTime     = "hh:mm"
	formatMonth    = "yyyy-mm"
)

// percentFormats show a rate with as many decimals as the program wrote it with (100%, 93.8%, 93.75%).
var percentFormats = []string{"0%", "0.0%", "0.00%"}

// A Rate is a share (0.938) a spreadsheet keeps as a number and shows as a percent with Decimals places
// (93.8%).
type Rate struct {
	Value    float64
	Decimals int
}

var rePercent = regexp.MustCompile(`^(\d{1,3})(?:\.(\d{1,2}))?%$`)

// Figure is a figure the program computed, as a spreadsheet keeps it: a rate (93.8%) a number in a
// percent format, a whole number a number, anything else ("3 周 / 4 周", "≥5%", "—") its text.
func Figure(v string) any {
	if r, ok := rate(v); ok {
		return r
	}
	if n, err := strconv.Atoi(v); err == nil && strconv.Itoa(n) == v {
		return n
	}
	return v
}

func rate(v string) (Rate, bool) {
	m := rePercent.FindStringSubmatch(v)
	if m == nil {
		return Rate{}, false
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
	if err != nil {
		return Rate{}, false
	}
	return Rate{Value: f / 100, Decimals: len(m[2])}, true
}

// cells holds the styles of a workbook's typed cells and makes each value the cell it goes into.
type cells struct {
	date, dateTime, clock, month, money int
	percent                             []int
}

func newCells(x *excelize.File) cells {
	style := func(format string) int {
		id, _ := x.NewStyle(&excelize.Style{CustomNumFmt: &format})
		return id
	}
	c := cells{date: style(formatDate), dateTime: style(formatDateTime), clock: style(formatTime), month: style(formatMonth)}
	c.money, _ = x.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	for _, f := range percentFormats {
		c.percent = append(c.percent, style(f))
	}
	return c
}

// excelEpoch is day 0 of a spreadsheet's serial dates (1900 date system, past its leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is a wall-clock time in Shanghai as a spreadsheet's serial number: whole days since the
// epoch, and the time of day as a fraction. Spreadsheets keep no time zone, so the clock reading is
// what is kept. Most minutes are no exact binary fraction of a day, and the nearest double can fall
// just short of the minute (10:00 as 09:59:59.99999), which LibreOffice shows as 09:59: the serial is
// kept a few microseconds past it instead, which every program shows as the minute itself.
func serial(t time.Time) float64 {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return math.Round(day.Sub(excelEpoch).Hours()/24) + clock(t)
}

// clock is the time of day of t as a fraction of the day, as a spreadsheet keeps a time.
func clock(t time.Time) float64 {
	return (float64(t.Hour()*3600+t.Minute()*60+t.Second()) + serialPast) / 86400
}

// serialPast is how many seconds past its time a serial is kept.
const serialPast = 1e-4

// field is a field's value as the spreadsheet keeps it: a date, a time, a moment or a month a serial
// number shown in its format; a whole number or an amount a number; a rate the program computed a
// number in a percent format; everything else its text, cut to what a cell holds. Text is written as
// a string cell, which Excel and WPS never evaluate, so a value that starts with = + - @ keeps its
// characters as typed, with no apostrophe added.
func (c cells) field(fl data.Field, v string) any {
	if v == "" {
		return ""
	}
	switch fl.Type {
	case data.TypeInt:
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	case data.TypeMoney:
		if m, err := strconv.ParseFloat(v, 64); err == nil && !strings.ContainsAny(v, "eE") {
			return excelize.Cell{StyleID: c.money, Value: m}
		}
	case data.TypeDate:
		if t, err := time.Parse(data.LayoutDate, v); err == nil {
			return excelize.Cell{StyleID: c.date, Value: serial(t)}
		}
	case data.TypeDateTime:
		if t, err := time.Parse(data.LayoutDateTime, v); err == nil {
			return excelize.Cell{StyleID: c.dateTime, Value: serial(t)}
		}
	case data.TypeTime:
		if t, err := time.Parse(data.LayoutTime, v); err == nil {
			return excelize.Cell{StyleID: c.clock, Value: clock(t)}
		}
	case data.TypeMonth:
		if t, err := time.Parse(data.LayoutMonth, v); err == nil {
			return excelize.Cell{StyleID: c.month, Value: serial(t)}
		}
	case data.TypeText:
		// Only a figure the program computed is read as a rate: what a person typed stays their text.
		if r, ok := rate(v); ok && fl.Auto {
			return c.value(r)
		}
	}
	return cellText(v)
}

// moment is a moment as a date cell, in Shanghai's clock; none is an empty cell.
func (c cells) moment(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	t = t.In(data.Shanghai)
	return excelize.Cell{StyleID: c.dateTime, Value: serial(t.Truncate(time.Minute))}
}

// value is a cell for a value of the program's own: a Rate in its percent format, a time.Time as a
// moment, a string as text, numbers as they are.
func (c cells) value(v any) any {
	switch v := v.(type) {
	case Rate:
		return excelize.Cell{StyleID: c.percent[min(max(v.Decimals, 0), len(c.percent)-1)], Value: v.Value}
	case time.Time:
		return c.moment(v)
	case string:
		return cellText(v)
	}
	return v
}

// put writes a cell made by cells into a sheet written cell by cell (not streamed).
func put(x *excelize.File, sheet, cell string, v any) error {
	switch v := v.(type) {
	case excelize.Cell:
		if err := x.SetCellValue(sheet, cell, v.Value); err != nil {
			return err
		}
		return x.SetCellStyle(sheet, cell, cell, v.StyleID)
	case string:
		return x.SetCellStr(sheet, cell, v)
	}
	return x.SetCellValue(sheet, cell, v)
}

// cellText is a text as a cell holds it: cut, and said so, past what a cell holds.
func cellText(v string) string {
	if r := []rune(v); len(r) > maxCell {
		v = string(r[:maxCell]) + "……（以下略，全文见打印件）"
	}
	return v
}
