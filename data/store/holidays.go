package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

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
