package export

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/store"
	"frontdesk/reports"
	"frontdesk/reports/charts"
	"frontdesk/reports/sheet"
)

// Charts draws the board's charts: each row's histogram or weekly bars, and the key rates of the twelve
// months to the one shown.
func Charts(s *store.Store, by data.Actor, month time.Time, rows []data.BoardRow) ([]reports.Chart, error) {
	var out []reports.Chart
	for _, r := range rows {
		f := r.Figure
		var png []byte
		var err error
		switch {
		case f.Limit > 0:
			png, err = charts.Histogram(r.Measure.Name+"（本月分布）", f.Samples, f.Limit, f.Unit)
		case len(f.Weeks) > 0:
			png, err = charts.WeekBars(r.Measure.Name+"（按周）", "按时", "超时或未办", f.Weeks)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, reports.Chart{Title: r.Measure.Name, PNG: png})
	}
	trends, err := s.Trends(by, month, 12)
	if err != nil {
		return nil, err
	}
	var months []string
	var series []charts.Series
	for _, m := range data.Measures() {
		pts, ok := trends[m.Key]
		if !ok {
			continue
		}
		sr := charts.Series{Name: m.Name}
		for _, p := range pts {
			sr.Values = append(sr.Values, p.Rate)
		}
		if months == nil {
			for _, p := range pts {
				months = append(months, p.Month.Format("06-01"))
			}
		}
		series = append(series, sr)
	}
	png, err := charts.Trend("近12个月主要达标率", months, series)
	if err != nil {
		return nil, err
	}
	return append(out, reports.Chart{Title: "近12个月主要达标率", PNG: png}), nil
}

// Pack is the month pack as written: its two files and how many records they hold.
type Pack struct {
	PDF, XLSX string
	Records   int
}

// MonthPack writes the manager's month pack into dir: one PDF (the board with its charts, what is
// behind each short figure, the month's report and plan, the checks and visits) and one spreadsheet
// with the figures and the records behind them. A file of the same month is replaced.
func MonthPack(ctx context.Context, s *store.Store, by data.Actor, month time.Time, dir string) (Pack, error) {
	rows, err := s.Compliance(by, month)
	if err != nil {
		return Pack{}, err
	}
	m := data.MonthOf(month, s.Now())
	pics, err := Charts(s, by, month, rows)
	if err != nil {
		return Pack{}, err
	}
	property := s.Setting(store.SettingPropertyName, store.DefaultPropertyName)
	book := sheet.NewBook()
	appraisal := data.AppraisalOf(rows, s.Staff())
	if err := boardSheets(book, property, m, rows, appraisal); err != nil {
		return Pack{}, err
	}
	sections, total, err := packSections(ctx, s, by, m, property, book)
	if err != nil {
		return Pack{}, err
	}
	var pdf, xlsx bytes.Buffer
	if err := book.Write(&xlsx); err != nil {
		return Pack{}, err
	}
	err = reports.MonthPackPDF(&pdf, reports.PackOptions{
		Options: reports.Options{PropertyName: property, PrintedAt: s.Now(), ShowPersonal: by.Can(data.PermViewPersonal)},
		Month:   m.Label(), By: by.Name, Rows: rows, BoardNote: data.CalendarGapFigures(m.From.Year()),
		Appraisal: appraisal, Charts: pics, Sections: sections,
	})
	if err != nil {
		return Pack{}, err
	}
	base := filepath.Join(dir, m.From.Format(data.LayoutMonth)+" 月度资料包")
	p := Pack{PDF: base + ".pdf", XLSX: base + ".xlsx", Records: total}
	if err := writePack(s, dir, p, pdf.Bytes(), xlsx.Bytes()); err != nil {
		return Pack{}, err
	}
	if err := s.RecordExport(by, "月度资料包", m.Label(), total); err != nil {
		return Pack{}, err
	}
	return p, nil
}

// boardSheets writes the pack's first three sheets: the board row for row with the serials behind each
// figure, the counts against each person, and what is behind each figure that is not met.
func boardSheets(book *sheet.Book, property string, m data.Month, rows []data.BoardRow, appraisal data.Appraisal) error {
	var boardRows, behindRows [][]any
	for _, r := range rows {
		var serials []string
		for _, b := range r.Figure.Behind {
			if b.Serial != "" {
				serials = append(serials, b.Serial)
			}
			if r.Figure.Verdict != data.VerdictMet {
				behindRows = append(behindRows, []any{r.Measure.Name, r.Figure.Verdict.Chinese(), b.Serial, b.Text})
			}
		}
		boardRows = append(boardRows, []any{r.Measure.Name, sheet.Figure(r.Figure.Value), sheet.Figure(r.Measure.Target), r.Figure.Verdict.Chinese(), r.Figure.Detail, strings.Join(serials, "、")})
	}
	if err := book.Table("本月达标", property+" "+m.Label()+" 本月达标", []string{"规定", "本月", "目标", "结论", "说明", "涉及记录"}, boardRows); err != nil {
		return err
	}
	var people [][]any
	for _, p := range appraisal.People {
		row := []any{p}
		for _, n := range appraisal.Counts[p] {
			row = append(row, n)
		}
		people = append(people, row)
	}
	if err := book.Table("个人考核", m.Label()+" 个人考核：计入绩效考核的次数", append([]string{"姓名"}, appraisal.Columns...), people); err != nil {
		return err
	}
	return book.Table("未达标涉及记录", m.Label()+" 未达标及进行中项涉及的记录", []string{"规定", "结论", "编号", "说明"}, behindRows)
}

// packSections gathers the month's records of each form the pack holds, leaving out the voided, and
// lists them on a sheet of the form's own; total is how many they are.
func packSections(ctx context.Context, s *store.Store, by data.Actor, m data.Month, property string, book *sheet.Book) (sections []reports.PackSection, total int, err error) {
	for _, f := range data.Forms() {
		if f.Pack == "" {
			continue
		}
		q := store.ExportQuery{Query: store.Query{Kind: f.Key, From: m.From, To: m.To.AddDate(0, 0, -1)}, Part: true}
		l, err := book.List(f, sheet.ListOptions{PropertyName: property, Period: store.ExportPeriod(q.Query), By: by.Name, At: s.Now(), Status: status(s, f)})
		if err != nil {
			return nil, 0, err
		}
		sec := reports.PackSection{Form: f}
		_, err = s.Export(ctx, by, q, func(r *data.Record) error {
			if r.Voided() {
				return nil
			}
			sec.Records = append(sec.Records, r)
			total++
			return l.Add(r)
		})
		if err != nil {
			return nil, 0, err
		}
		sections = append(sections, sec)
	}
	return sections, total, nil
}

// writePack writes the pack's two files into dir.
func writePack(s *store.Store, dir string, p Pack, pdf, xlsx []byte) error {
	for _, path := range []string{p.PDF, p.XLSX} {
		// Never into the data folder, never over something that is not a file of the pack.
		if err := store.CheckOutput(filepath.Dir(s.Path()), path); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create folder %s: %w", dir, err)
	}
	for path, b := range map[string][]byte{p.PDF: pdf, p.XLSX: xlsx} {
		if err := store.WriteFile(path, b); err != nil {
			return err
		}
	}
	return nil
}
