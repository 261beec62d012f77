package demo

import (
	"fmt"
	"time"

	"frontdesk/data"
)

// Lived is a valid record of the form dated at, every field filled, those its life fills (Auto) too,
// as a record that lived has them: what the print and export tests check every value of. It panics on
// an example the form refuses (a test's mistake, not the user's).
func Lived(f *data.Form, seed int64, at time.Time, user string) *data.Record {
	in := New(seed, nil).Example(f, at, user, 1)
	norm, errs := data.Validate(f, in, at)
	if len(errs) > 0 {
		panic(fmt.Sprintf("%s example: %v", f.Key, errs))
	}
	for _, fl := range f.Fields {
		if !fl.Auto {
			continue
		}
		if fl.Type == data.TypeTable {
			row := data.Row{}
			for _, c := range fl.Columns {
				row[c.Key] = autoSample(c, at)
			}
			norm.Tables[fl.Key] = []data.Row{row}
			continue
		}
		norm.Values[fl.Key] = autoSample(fl, at)
	}
	return &data.Record{ID: 1, Kind: f.Key, Serial: f.Prefix + "-" + data.SerialDay(at) + "-001", Values: norm.Values, Tables: norm.Tables,
		Status: data.StatusActive, CreatedAt: at}
}

// autoSample is a value of a field's type, for a field the record's life fills.
func autoSample(fl data.Field, at time.Time) string {
	switch fl.Type {
	case data.TypeDateTime:
		return at.Add(30 * time.Minute).In(data.Shanghai).Format(data.LayoutDateTime)
	case data.TypeDate:
		return at.In(data.Shanghai).Format(data.LayoutDate)
	case data.TypeInt:
		return "3"
	case data.TypeMoney:
		return "12.50"
	case data.TypeBool:
		return "是"
	case data.TypePerson:
		return "王主管"
	case data.TypeUnit:
		return "3-2-1201"
	case data.TypePhone:
		return "13812345678"
	case data.TypeChoice:
		return fl.Choices[0]
	}
	return "记录" + fl.Label
}
