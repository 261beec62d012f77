package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"frontdesk/data"
	"frontdesk/data/store"
	"frontdesk/reports/export"
)

// monthFlag reads -month 2026-11; zero when not given.
func monthFlag(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(data.LayoutMonth, v, data.Shanghai)
	if err != nil {
		return time.Time{}, usageErr("-month 格式为 2026-11")
	}
	return t, nil
}

// monthSession reads -month (this month by the store's clock when not given) and logs in.
func (c *cli) monthSession(month string) (*store.Store, data.Actor, time.Time, error) {
	m, err := monthFlag(month)
	if err != nil {
		return nil, data.Actor{}, m, err
	}
	s, a, err := c.session()
	if err != nil {
		return nil, a, m, err
	}
	if m.IsZero() {
		m = s.Now()
	}
	return s, a, m, nil
}

// complianceRow is a line of the board as the console writes it in JSON.
type complianceRow struct {
	Key     string        `json:"key"`
	Name    string        `json:"name"`
	Form    string        `json:"form"`
	Value   string        `json:"value"`
	Target  string        `json:"target"`
	Verdict data.Verdict  `json:"verdict"`
	Text    string        `json:"verdict_text"`
	Detail  string        `json:"detail,omitempty"`
	Serials []string      `json:"serials,omitempty"`
	Behind  []data.Behind `json:"behind,omitempty"`
}

// compliance prints the month's board: each rule's key, name, figure, target and verdict, and what is
// behind a figure that falls short.
func (c *cli) compliance(args []string) error {
	fs := flag.NewFlagSet("compliance", flag.ContinueOnError)
	month := fs.String("month", "", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args, 0, "compliance [-month 2026-11] [-json]"); err != nil {
		return err
	}
	s, a, m, err := c.monthSession(*month)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	board, err := s.Compliance(a, m)
	if err != nil {
		return err
	}
	took := time.Since(start)
	rows := complianceRows(board)
	appraisal := data.AppraisalOf(board, s.Staff())
	label := data.MonthOf(m, s.Now())
	if *asJSON {
		err = c.complianceJSON(label.From.Format(data.LayoutMonth), rows, appraisal)
	} else {
		c.complianceTable(label.Label(), rows, appraisal)
	}
	fmt.Fprintf(c.errw, "（计算用时 %.0f 毫秒）\n", float64(took.Microseconds())/1000)
	return err
}

// complianceRows are the board's rows as the console gives them: what is behind a figure only where it
// falls short.
func complianceRows(board []data.BoardRow) []complianceRow {
	var rows []complianceRow
	for _, r := range board {
		form := "" // the store's own row (its backups) is no form's
		if r.Form != nil {
			form = r.Form.Title()
		}
		row := complianceRow{Key: r.Measure.Key, Name: r.Measure.Name, Form: form, Value: r.Figure.Value, Target: r.Measure.Target,
			Verdict: r.Figure.Verdict, Text: r.Figure.Verdict.Chinese(), Detail: r.Figure.Detail}
		if r.Figure.Verdict != data.VerdictMet {
			row.Behind = r.Figure.Behind
			for _, b := range r.Figure.Behind {
				if b.Serial != "" {
					row.Serials = append(row.Serials, b.Serial)
				}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func (c *cli) complianceJSON(month string, rows []complianceRow, appraisal data.Appraisal) error {
	people := map[string]map[string]int{}
	for _, p := range appraisal.People {
		people[p] = map[string]int{}
		for i, n := range appraisal.Counts[p] {
			people[p][appraisal.Columns[i]] = n
		}
	}
	enc := json.NewEncoder(c.out)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Month     string                    `json:"month"`
		Rows      []complianceRow           `json:"rows"`
		Appraisal map[string]map[string]int `json:"appraisal"`
	}{month, rows, people})
}

// complianceTable writes the board, the month's appraisal, and what is behind each missed rule.
func (c *cli) complianceTable(month string, rows []complianceRow, appraisal data.Appraisal) {
	fmt.Fprintf(c.out, "%s 本月达标\n", month)
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "键\t规定\t本月\t目标\t结论")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Key, r.Name, r.Value, r.Target, r.Text)
	}
	tw.Flush()
	fmt.Fprintln(c.out, "\n个人考核（本月计入绩效考核的次数）")
	tw = tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "姓名\t"+strings.Join(appraisal.Columns, "\t"))
	for _, p := range appraisal.People {
		var cells []string
		for _, n := range appraisal.Counts[p] {
			cells = append(cells, fmt.Sprint(n))
		}
		fmt.Fprintln(tw, p+"\t"+strings.Join(cells, "\t"))
	}
	tw.Flush()
	for _, r := range rows {
		if r.Verdict != data.VerdictMissed || len(r.Behind) == 0 {
			continue
		}
		var lines []string
		for _, b := range r.Behind {
			lines = append(lines, strings.TrimSpace(b.Serial+" "+b.Text))
		}
		fmt.Fprintf(c.out, "\n%s 未达标（%s）：\n  %s\n", r.Name, r.Detail, strings.Join(lines, "\n  "))
	}
}

// monthPack writes the manager's month pack (PDF and spreadsheet) into a folder.
func (c *cli) monthPack(args []string) error {
	fs := flag.NewFlagSet("month-pack", flag.ContinueOnError)
	month := fs.String("month", "", "")
	out := fs.String("o", "", "")
	const usage = "month-pack [-month 2026-11] -o 文件夹"
	if _, err := parse(fs, args, 0, usage); err != nil {
		return err
	}
	if *out == "" {
		return usageErr("用法：frontdeskctl %s", usage)
	}
	if fi, err := os.Stat(*out); err == nil && !fi.IsDir() {
		return &exitError{1, *out + " 是一个文件，不是文件夹。"}
	}
	s, a, m, err := c.monthSession(*month)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	p, err := export.MonthPack(context.Background(), s, a, m, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.errw, "（共 %d 条记录，用时 %.1f 秒）\n", p.Records, time.Since(start).Seconds())
	_, err = fmt.Fprintf(c.out, "%s\n%s\n", p.PDF, p.XLSX)
	return err
}
