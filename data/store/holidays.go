package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// The years of the holiday schedule the manager entered are settings ("holidays_2028", the year as
// JSON): audited and sealed as every setting, and put in force in the program's one calendar at open
// and after each entry.

const holidaySettingPrefix = "holidays_"

// HolidayYears are the years the manager entered, oldest first.
func (s *Store) HolidayYears() ([]data.CalendarYear, error) {
	var out []data.CalendarYear
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		if b == nil {
			return nil // a store made this moment: its buckets come with its first migration
		}
		c := b.Cursor()
		prefix := []byte(holidaySettingPrefix)
		for k, v := c.Seek(prefix); k != nil && strings.HasPrefix(string(k), holidaySettingPrefix); k, v = c.Next() {
			var y data.CalendarYear
			if err := json.Unmarshal(v, &y); err != nil {
				return fmt.Errorf("holiday year %s: %w", k, ErrRecordDamaged)
			}
			out = append(out, y)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out, err
}

// loadHolidays puts the entered years in force; a damaged one is left out (check names it).
func (s *Store) loadHolidays() {
	years, _ := s.HolidayYears()
	data.SetEnteredYears(years)
}

// HolidayMatterKind is the kind of the due-list line asking for next year's holidays: no form's, the
// settings screen's.
const HolidayMatterKind = "holidays"

// HolidaysFrom is the month from which next year's schedule is asked for: the State Council publishes
// it in the autumn (the 2026 schedule on 2025-11-04).
const HolidaysFrom = time.November

// holidayMatter is the line on the due list of whoever keeps the settings, from 1 November while next
// year has no schedule yet (false when none is asked).
func holidayMatter(at time.Time) (data.Matter, bool) {
	d := at.In(data.Shanghai)
	next := d.Year() + 1
	if d.Month() < HolidaysFrom || data.CalendarKnows(next) {
		return data.Matter{}, false
	}
	end := time.Date(next, 1, 1, 0, 0, 0, 0, data.Shanghai)
	dl := data.Deadline{At: end, Label: "录入", Known: true}
	mins := dl.Minutes(at)
	m := data.Matter{Kind: HolidayMatterKind, Form: "节假日安排", State: fmt.Sprintf("%d年的放假安排尚未录入", next),
		Next: []string{"在“设置 → 节假日安排”中录入"}, Who: "经理", Mine: true, Deadline: end, Label: dl.Label, Minutes: &mins}
	m.Left, m.Overdue = dl.Left(at)
	return m, true
}

// EnterHolidays keeps a year's schedule as the manager entered it, in place of the shipped one (or
// one entered before), and puts it in force.
func (s *Store) EnterHolidays(by data.Actor, y data.CalendarYear) error {
	if err := by.Need(data.PermSettings); err != nil {
		return err
	}
	if y.Year < 2000 || y.Year > 2100 || len(y.Days) == 0 {
		return errors.New("enter holidays: no year")
	}
	y.By, y.At = by.Name, s.now().UTC()
	b, err := json.Marshal(y)
	if err != nil {
		return err
	}
	if err := s.setSetting(by, holidaySettingPrefix+strconv.Itoa(y.Year), string(b)); err != nil {
		return err
	}
	s.loadHolidays()
	return nil
}
