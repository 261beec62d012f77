package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// ExportMax is the most records one export or register holds: a spreadsheet holds 1,048,576 rows, and
// a longer period is exported in parts.
const ExportMax = 1_000_000

// exportBatch is how many records are read in one read transaction: the records are handed on between
// transactions, so what the caller does with them (write a row, work out a status from the store) never
// runs inside one.
const exportBatch = 512

// ExportQuery is what a list shows: its query (the dates and the search, without a limit), and whether
// only the open records are shown (the visitors still on site).
type ExportQuery struct {
	Query
	Open bool
	// Register says the records go to a printed register rather than a spreadsheet, as the audit
	// trail then says.
	Register bool
	// Part says the list is part of a larger export (the month pack) that is audited once, as a whole.
	Part bool
}

// ErrExportTooLarge is an export of more records than ExportMax.
var ErrExportTooLarge = fmt.Errorf("more than %d records to export", ExportMax)

// Export hands each record a list shows to each, oldest first, as the person may see it (phones and ID
// numbers masked for a role that may not see them), and records the export in the audit trail with its
// period, search and count. Only PermExportInternal exports a form for staff only. It returns how many
// records were handed on; ctx stops it between records.
func (s *Store) Export(ctx context.Context, by data.Actor, q ExportQuery, each func(r *data.Record) error) (int, error) {
	if err := by.Need(data.PermRecordRead); err != nil {
		return 0, err
	}
	f, ok := data.FormByKey(q.Kind)
	if !ok {
		return 0, fmt.Errorf("export %s: %w", q.Kind, data.ErrUnknownForm)
	}
	if f.Internal != "" {
		if err := by.Need(data.PermExportInternal); err != nil {
			return 0, err
		}
	}
	ids, err := s.exportIDs(ctx, f, q)
	if err != nil {
		return 0, err
	}
	n := 0
	for start := 0; start < len(ids); start += exportBatch {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		recs, err := s.recordsByID(q.Kind, ids[start:min(start+exportBatch, len(ids))])
		if err != nil {
			return n, fmt.Errorf("export %s: %w", q.Kind, err)
		}
		for _, r := range recs {
			if !f.MayRead(by, r) || (q.Open && !f.State(r).Open) {
				continue
			}
			if err := each(f.MaskedFor(by, r)); err != nil {
				return n, err
			}
			n++
		}
	}
	if q.Part {
		return n, nil
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		action := ActionExport
		if q.Register {
			action = ActionRegister
		}
		return appendAudit(tx, AuditEntry{Time: s.now().UTC(), User: by.Name, Login: by.Login, Action: action, Kind: q.Kind,
			Changes: []data.Change{{Field: "日期范围", New: ExportPeriod(q.Query)}, {Field: "搜索", New: q.Text}, {Field: "条数", New: strconv.Itoa(n)}}})
	})
	if err != nil && !IsReadOnlyMedia(err) { // a store on read-only media is read, not changed
		return n, fmt.Errorf("export %s: record in the audit trail: %w", q.Kind, err)
	}
	return n, nil
}

// exportIDs are the records an export holds, oldest first (the lists are newest first; a register and
// a spreadsheet read from the oldest); more than ExportMax is ErrExportTooLarge.
func (s *Store) exportIDs(ctx context.Context, f *data.Form, q ExportQuery) ([]uint64, error) {
	q.Limit = ExportMax
	var ids []uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		fb, err := formBucket(tx, q.Kind)
		if err != nil {
			return err
		}
		lo, hi := q.bounds()
		if q.Text == "" {
			ids = scanRange(fb, lo, hi, q.Limit+1, nil)
		} else if ids, err = s.search(ctx, tx, fb, f, q.Query, lo, hi); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", q.Kind, err)
	}
	if len(ids) > ExportMax {
		return nil, ErrExportTooLarge
	}
	slices.Reverse(ids)
	return ids, nil
}

// recordsByID reads records of one form in one transaction; one voided and purged since its ID was
// read is left out.
func (s *Store) recordsByID(kind string, ids []uint64) ([]*data.Record, error) {
	var recs []*data.Record
	err := s.db.View(func(tx *bolt.Tx) error {
		fb, err := formBucket(tx, kind)
		if err != nil {
			return err
		}
		for _, id := range ids {
			r, err := getRecord(fb, id)
			if err == ErrNotFound {
				continue
			}
			if err != nil {
				return err
			}
			recs = append(recs, r)
		}
		return nil
	})
	return recs, err
}

// RecordExport puts an export made of several lists (the month pack) in the audit trail, once: what
// it is, its period and how many records it holds.
func (s *Store) RecordExport(by data.Actor, what, period string, n int) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		return appendAudit(tx, AuditEntry{Time: s.now().UTC(), User: by.Name, Login: by.Login, Action: ActionExport,
			Changes: []data.Change{{Field: "内容", New: what}, {Field: "日期范围", New: period}, {Field: "条数", New: strconv.Itoa(n)}}})
	})
	if err != nil && !IsReadOnlyMedia(err) {
		return fmt.Errorf("record %s in the audit trail: %w", what, err)
	}
	return nil
}

// ExportPeriod says a query's dates in Chinese, as an export's and a register's heading says them.
func ExportPeriod(q Query) string {
	from, to := "", ""
	if !q.From.IsZero() {
		from = q.From.In(data.Shanghai).Format(data.LayoutDate)
	}
	if !q.To.IsZero() {
		to = q.To.In(data.Shanghai).Format(data.LayoutDate)
	}
	switch {
	case from == "" && to == "":
		return "全部日期"
	case from == "":
		return to + " 及以前"
	case to == "":
		return from + " 起"
	case from == to:
		return from
	}
	return from + " 至 " + to
}

// ExportHouseholds is the registry as the person may take it away: every unit, phones masked for a role
// that may not see them; the export is in the audit trail.
func (s *Store) ExportHouseholds(by data.Actor) ([]Household, error) {
	if !by.Can(data.PermHouseholdEdit) && !by.Can(data.PermHouseholdImport) {
		return nil, &data.ForbiddenError{Actor: by, Perm: data.PermHouseholdEdit}
	}
	hs, err := s.Households("", 0)
	if err != nil {
		return nil, err
	}
	if !by.Can(data.PermViewPersonal) {
		for i := range hs {
			hs[i].OwnerPhone = data.MaskPhone(hs[i].OwnerPhone)
			var phones []string
			for _, p := range strings.Split(hs[i].ResidentPhones, "、") {
				if p != "" {
					phones = append(phones, data.MaskPhone(p))
				}
			}
			hs[i].ResidentPhones = strings.Join(phones, "、")
		}
	}
	return hs, s.RecordExport(by, "业户档案", "全部", len(hs))
}
