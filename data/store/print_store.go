package store

import (
	"frontdesk/data"
	"strconv"
)

// PrintDetails gathers a record's print details for the person printing it.
func (s *Store) PrintDetails(by data.Actor, r *data.Record) (data.PrintDetails, error) {
	d := data.PrintDetails{
		PropertyName: s.Setting(SettingPropertyName, DefaultPropertyName),
		Reprint:      r.Printed,
		ShowPersonal: by.Can(data.PermViewPersonal),
	}
	switch r.Kind {
	case "release":
		code, err := s.SlipCode(r)
		if err != nil {
			return d, err
		}
		d.SlipCode, d.SlipCopies = code, 3
		if n, err := strconv.Atoi(s.Setting(SettingSlipCopies, "")); err == nil && n == 1 {
			d.SlipCopies = 1
		}
	case "hotwork":
		d.Copies, d.Notes = []string{"存根", "作业人员执"}, data.HotWorkNotes(r, s.now())
	}
	return d, nil
}
