package data

import "strconv"

// PrintDetails is what a record's print needs from the store besides the record: the estate's name,
// how often it was printed, whether this person sees personal data in full, and what its form's own
// layout asks for (a slip's verification code and copies a page; a permit's copies and life lines).
// The window and the console both print through it, so their papers cannot differ.
type PrintDetails struct {
	PropertyName string
	Reprint      int
	ShowPersonal bool
	SlipCode     string
	SlipCopies   int
	Copies       []string
	Notes        []string
}

// PrintDetails gathers a record's print details for the person printing it.
func (s *Store) PrintDetails(by Actor, r *Record) (PrintDetails, error) {
	d := PrintDetails{
		PropertyName: s.Setting(SettingPropertyName, DefaultPropertyName),
		Reprint:      r.Printed,
		ShowPersonal: by.Can(PermViewPersonal),
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
		d.Copies, d.Notes = []string{"存根", "作业人员执"}, HotWorkNotes(r, s.now())
	}
	return d, nil
}
