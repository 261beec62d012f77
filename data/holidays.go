package data

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"time"
)

// HolidayFileError is what is wrong with a holiday file, line by line: nothing is entered from it.
type HolidayFileError struct {
	Problems []string
}

func (e *HolidayFileError) Error() string { return "holiday file: " + strings.Join(e.Problems, "; ") }

// Chinese lists the problems, each with its line.
func (e *HolidayFileError) Chinese() string {
	return "节假日文件有误，未录入：\n" + strings.Join(e.Problems, "\n")
}

// ParseHolidays reads a year's schedule from the State Council's notice as a CSV with the columns
// 日期,类型,名称 (类型 休 or 班), one line a day, a title line allowed: one year only, each day once.
func ParseHolidays(b []byte) (CalendarYear, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	rows, err := r.ReadAll()
	if err != nil {
		return CalendarYear{}, &HolidayFileError{Problems: []string{"不是CSV文件（应为三列：日期,类型,名称）"}}
	}
	var y CalendarYear
	var problems []string
	seen := map[string]int{}
	for i, row := range rows {
		line := i + 1
		if len(row) == 0 || strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		if i == 0 && strings.TrimSpace(row[0]) == "日期" {
			continue
		}
		day, msg := holidayLine(row)
		if msg != "" {
			problems = append(problems, fmt.Sprintf("第%d行：%s", line, msg))
			continue
		}
		t, _ := ParseLocal(TypeDate, day.Date)
		switch {
		case y.Year == 0:
			y.Year = t.Year()
		case t.Year() != y.Year:
			problems = append(problems, fmt.Sprintf("第%d行：%s 不是%d年的（一个文件只录入一年）", line, day.Date, y.Year))
			continue
		}
		if first, dup := seen[day.Date]; dup {
			problems = append(problems, fmt.Sprintf("第%d行：%s 与第%d行重复", line, day.Date, first))
			continue
		}
		seen[day.Date] = line
		y.Days = append(y.Days, day)
	}
	if len(problems) > 0 {
		return CalendarYear{}, &HolidayFileError{Problems: problems}
	}
	if len(y.Days) == 0 {
		return CalendarYear{}, &HolidayFileError{Problems: []string{"文件中没有日期"}}
	}
	sort.Slice(y.Days, func(i, j int) bool { return y.Days[i].Date < y.Days[j].Date })
	return y, nil
}

// holidayLine reads one line: the day, or what is wrong with the line.
func holidayLine(row []string) (HolidayDay, string) {
	cell := func(i int) string {
		if i < len(row) {
			return strings.TrimSpace(ToHalfWidth(row[i]))
		}
		return ""
	}
	date, kind, name := cell(0), cell(1), strings.TrimSpace(cellAt(row, 2))
	t, err := time.ParseInLocation(LayoutDate, strings.NewReplacer("/", "-", ".", "-").Replace(date), Shanghai)
	if err != nil {
		return HolidayDay{}, "日期“" + date + "”应写成 2028-01-01"
	}
	if kind != "休" && kind != "班" {
		return HolidayDay{}, "类型应为 休 或 班，现为“" + kind + "”"
	}
	if name == "" {
		return HolidayDay{}, "请写节日名称（如 春节）"
	}
	return HolidayDay{Date: t.Format(LayoutDate), Rest: kind == "休", Name: name}, ""
}

func cellAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}
