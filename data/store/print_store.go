package store

import (
	"frontdesk/data"
)

// PrintDetails gathers a record's print details for the person printing it: what every paper shows,
// and what its form's print declaration adds (a verification code, copies, the lines of its life).
func (s *Store) PrintDetails(by data.Actor, r *data.Record) (data.PrintDetails, error) {
	d := data.PrintDetails{
		PropertyName: s.Setting(SettingPropertyName, DefaultPropertyName),
		Reprint:      r.Printed,
		ShowPersonal: by.Can(data.PermViewPersonal),
	}
	f, ok := data.FormByKey(r.Kind)
	if !ok || f.Print == nil {
		return d, nil
	}
	p := f.Print
	d.Layout, d.Copies = p.Layout, p.Copies
	if p.Code != nil {
		code, err := p.Code(s, r)
		if err != nil {
			return d, err
		}
		d.Code = code
	}
	if p.PerPage != nil {
		d.PerPage = p.PerPage(s)
	}
	if p.Notes != nil {
		d.Notes = p.Notes(r, s.now())
	}
	if p.Changes != nil {
		lines, err := p.Changes(s, r)
		if err != nil {
			return d, err
		}
		d.Notes = append(d.Notes, lines...)
	}
	if p.Invalid != nil {
		d.Invalid = p.Invalid(r, s.now())
	}
	return d, nil
}
