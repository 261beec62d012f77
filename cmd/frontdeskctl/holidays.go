package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"frontdesk/data"
)

// holidayLine is one day of the schedule in force, as `holidays -json` gives it.
type holidayLine struct {
	Date   string `json:"date"`
	Type   string `json:"type"` // 休 or 班
	Name   string `json:"name"`
	Source string `json:"source"` // 程序内置 or 手工录入
}

// holidays prints the holiday schedule in force for a year (the shipped one, or the one the manager
// entered), or with -import enters a year from the notice's CSV (日期,类型,名称), all or nothing.
func (c *cli) holidays(args []string) error {
	fs := flag.NewFlagSet("holidays", flag.ContinueOnError)
	year := fs.Int("year", 0, "")
	file := fs.String("import", "", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args, 0, "holidays [-year 2028] [-json] | holidays -import 文件.csv"); err != nil {
		return err
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	if *file != "" {
		b, err := os.ReadFile(*file)
		if err != nil {
			return fmt.Errorf("read %s: %w", *file, err)
		}
		y, err := data.ParseHolidays(b)
		if err != nil {
			return err
		}
		if err := s.EnterHolidays(a, y); err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.out, "已录入%d年的节假日安排：共 %d 天\n", y.Year, len(y.Days))
		return err
	}
	if *year == 0 {
		*year = s.Now().In(data.Shanghai).Year()
	}
	if *year < 2000 || *year > 2100 {
		return usageErr("-year 应在 2000 到 2100 之间")
	}
	return c.printHolidays(*year, *asJSON, s.HolidayYears)
}

func (c *cli) printHolidays(year int, asJSON bool, entered func() ([]data.CalendarYear, error)) error {
	years, err := entered()
	if err != nil {
		return err
	}
	days, source, by := data.ShippedYear(year), "程序内置", ""
	for _, y := range years {
		if y.Year == year {
			days, source, by = y.Days, "手工录入", fmt.Sprintf("（%s 于 %s 录入）", y.By, y.At.In(data.Shanghai).Format(data.LayoutDateTime))
		}
	}
	lines := []holidayLine{}
	for _, d := range days {
		kind := "休"
		if !d.Rest {
			kind = "班"
		}
		lines = append(lines, holidayLine{Date: d.Date, Type: kind, Name: d.Name, Source: source})
	}
	if asJSON {
		b, err := json.MarshalIndent(lines, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.out, "%s\n", b)
		return err
	}
	if len(lines) == 0 {
		_, err := fmt.Fprintf(c.out, "%d年的法定节假日安排尚未录入：可用 holidays -import 文件.csv 录入（日期,类型,名称；类型为 休 或 班）。\n", year)
		return err
	}
	fmt.Fprintf(c.out, "%d年节假日安排（%s%s）\n", year, source, by)
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	for _, l := range lines {
		t, _ := time.ParseInLocation(data.LayoutDate, l.Date, data.Shanghai)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.Date, weekdays[t.Weekday()], l.Type, l.Name)
	}
	return tw.Flush()
}

var weekdays = []string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}
