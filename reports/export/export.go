// Package export writes what a list shows, for the window and the console alike: its records as an
// Excel spreadsheet with every field, or printed as a register for review.
package export

import (
	"context"
	"fmt"
	"io"

	"frontdesk/data"
	"frontdesk/data/store"
	"frontdesk/reports"
	"frontdesk/reports/sheet"
)

// ErrRegisterTooLarge is a register of more records than one print holds.
type ErrRegisterTooLarge struct{ N int }

func (e *ErrRegisterTooLarge) Error() string {
	return fmt.Sprintf("register of more than %d records", e.N)
}

// Chinese says it for the person printing.
func (e *ErrRegisterTooLarge) Chinese() string {
	return fmt.Sprintf("一次打印的登记簿最多 %d 条记录，请缩小日期范围，分几次打印。", e.N)
}

// status is a record's standing as a list shows it, without the minutes left, which change while the
// paper is read.
func status(s *store.Store, f *data.Form) func(r *data.Record) string {
	now := s.Now()
	return func(r *data.Record) string { return f.StandingAt(r, now, s).Name }
}

// Sheet writes the records of q to w as a spreadsheet and returns how many; progress, when set, hears
// the count as it grows.
func Sheet(ctx context.Context, s *store.Store, by data.Actor, q store.ExportQuery, w io.Writer, progress func(n int)) (int, error) {
	f, ok := data.FormByKey(q.Kind)
	if !ok {
		return 0, fmt.Errorf("export %s: %w", q.Kind, data.ErrUnknownForm)
	}
	l, err := sheet.NewList(f, sheet.ListOptions{
		PropertyName: s.Setting(store.SettingPropertyName, store.DefaultPropertyName),
		Period:       store.ExportPeriod(q.Query), Search: q.Text, By: by.Name, At: s.Now(), Status: status(s, f),
	})
	if err != nil {
		return 0, err
	}
	n, err := s.Export(ctx, by, q, func(r *data.Record) error {
		if err := l.Add(r); err != nil {
			return err
		}
		if progress != nil && l.Count()%500 == 0 {
			progress(l.Count())
		}
		return nil
	})
	if err != nil {
		l.Abandon()
		return n, err
	}
	return n, l.Finish(w)
}

// Register prints the records of q to w as a register (A4 landscape) and returns how many.
func Register(ctx context.Context, s *store.Store, by data.Actor, q store.ExportQuery, w io.Writer) (int, error) {
	if err := by.Need(data.PermRecordPrint); err != nil {
		return 0, err
	}
	f, ok := data.FormByKey(q.Kind)
	if !ok {
		return 0, fmt.Errorf("register %s: %w", q.Kind, data.ErrUnknownForm)
	}
	q.Register = true
	var recs []*data.Record
	_, err := s.Export(ctx, by, q, func(r *data.Record) error {
		if len(recs) == reports.RegisterMax {
			return &ErrRegisterTooLarge{N: reports.RegisterMax}
		}
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		return 0, err
	}
	opt := reports.RegisterOptions{
		Options: reports.Options{PrintedAt: s.Now(), ShowPersonal: by.Can(data.PermViewPersonal),
			PropertyName: s.Setting(store.SettingPropertyName, store.DefaultPropertyName)},
		Period: store.ExportPeriod(q.Query), Search: q.Text, By: by.Name, Status: status(s, f),
	}
	return len(recs), reports.RegisterPDF(w, f, recs, opt)
}
