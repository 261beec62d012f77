package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/store"
	"frontdesk/reports"
	"frontdesk/reports/sheet"
)

func (c *cli) forms(args []string) error {
	fs := flag.NewFlagSet("forms", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args, 0, "forms [-json]"); err != nil {
		return err
	}
	if *asJSON {
		b, err := json.MarshalIndent(data.Forms(), "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.out, "%s\n", b)
		return err
	}
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	for _, f := range data.Forms() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Key, f.Title(), f.Prefix, f.Group)
	}
	return tw.Flush()
}

func (c *cli) example(args []string) error {
	pos, err := parse(flag.NewFlagSet("example", flag.ContinueOnError), args, 1, "example 表单键")
	if err != nil {
		return err
	}
	f, err := form(pos[0])
	if err != nil {
		return err
	}
	// The example is synthetic, its units and owners too: it runs without a login, so it never reads
	// the registry (a resident's name and phone are not for anyone who can type a command).
	name, role := c.user, data.RoleClerk
	now := time.Now()
	g := demo.New(now.UnixNano(), nil)
	if s, err := store.Open(c.dir, store.Options{ReadOnly: true}); err == nil {
		if n, r, ok := s.AccountName(c.user); ok {
			name, role = n, r
		}
		// The store's rules (a roster, the settings) make the example one it accepts.
		g.Env = s
		defer s.Close()
	}
	in := g.Example(f, now, name, 1)
	if f.Access != nil && f.Access.Own != nil {
		// The declaration fills what makes the example one this user may save (a clerk's self-check).
		f.Access.Own(data.Actor{Name: name, Role: role}, &in)
	}
	_, err = c.out.Write(data.FlatJSON(f, in))
	return err
}

func (c *cli) add(args []string) error {
	pos, file, err := parseRequired("add", "json", args, 1, "add 表单键 -json 文件")
	if err != nil {
		return err
	}
	f, err := form(pos[0])
	if err != nil {
		return err
	}
	var b []byte
	if file == "-" {
		b, err = io.ReadAll(c.stdin)
	} else {
		b, err = os.ReadFile(file)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	in, err := data.ParseFlatJSON(f, b)
	if err != nil {
		return fieldErrors(f, err)
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	rec, err := s.Create(a, f.Key, in)
	if err != nil {
		return fieldErrors(f, err)
	}
	_, err = fmt.Fprintln(c.out, rec.Serial)
	return err
}

// fieldErrors prints validation errors one per line with their labels, in paper order.
func fieldErrors(f *data.Form, err error) error {
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		return &exitError{1, "未保存，请更正：\n" + strings.Join(fe.Describe(f), "\n")}
	}
	return err
}

func parseDay(s, name string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(data.LayoutDate, s, data.Shanghai)
	if err != nil {
		return t, usageErr("%s 日期格式为 2026-11-27", name)
	}
	return t, nil
}

func (c *cli) list(args []string) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	q := fs.String("q", "", "")
	asCSV := fs.Bool("csv", false, "")
	limit := fs.Int("limit", 1000, "")
	pos, err := parse(fs, args, 1, "list 表单键 [-from 日期] [-to 日期] [-q 文字] [-csv] [-limit N]")
	if err != nil {
		return err
	}
	f, err := form(pos[0])
	if err != nil {
		return err
	}
	query := store.Query{Kind: f.Key, Text: *q, Limit: *limit}
	if query.From, err = parseDay(*from, "-from"); err != nil {
		return err
	}
	if query.To, err = parseDay(*to, "-to"); err != nil {
		return err
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	page, err := s.List(a, query)
	if err != nil {
		return err
	}
	header := []string{"编号", "状态"}
	var cols []data.Field
	for _, k := range f.ListColumns {
		fl, _ := f.Field(k)
		cols = append(cols, fl)
		header = append(header, fl.Label)
	}
	rows := [][]string{}
	for _, r := range page.Records {
		st, _ := f.Status(r, s.Now(), s)
		row := []string{r.Serial, st}
		for _, fl := range cols {
			row = append(row, data.DisplayFor(a, fl, r.Values[fl.Key]))
		}
		rows = append(rows, row)
	}
	if *asCSV {
		io.WriteString(c.out, data.UTF8BOM)
		w := csv.NewWriter(c.out)
		w.Write(header)
		for _, r := range rows {
			for i := range r {
				r[i] = data.SafeCell(r[i])
			}
			w.Write(r)
		}
		w.Flush()
		return w.Error()
	}
	// The table is one line a record: a line break or tab kept in an older record shows as a space,
	// so no value can make up rows or columns of its own.
	oneLine := strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ", "\u2028", " ", "\u2029", " ", "\u0085", " ")
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		for i := range r {
			r[i] = oneLine.Replace(r[i])
		}
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
	if page.More {
		fmt.Fprintf(c.errw, "（只显示最新的 %d 条，可用 -limit 或日期范围缩小）\n", *limit)
	}
	return nil
}

func (c *cli) show(args []string) error {
	pos, err := parse(flag.NewFlagSet("show", flag.ContinueOnError), args, 1, "show 编号")
	if err != nil {
		return err
	}
	s, a, rec, err := c.recordSession(pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	// Masked by the same rule as lists and prints: the record, its rows, its amendments, its history.
	f, _ := data.FormByKey(rec.Kind)
	rec = f.MaskedFor(a, rec)
	hist, err := s.History(rec.Kind, rec.ID)
	if err != nil {
		return err
	}
	for i := range hist {
		hist[i].Changes = f.MaskChanges(a, hist[i].Changes)
	}
	b, err := json.MarshalIndent(struct {
		Record  *data.Record       `json:"record"`
		History []store.AuditEntry `json:"history"`
	}{rec, hist}, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "%s\n", b)
	return err
}

func (c *cli) print(args []string) error {
	pos, out, err := parseRequired("print", "o", args, 1, "print 编号 -o 文件.pdf|文件.xlsx")
	if err != nil {
		return err
	}
	if err := store.CheckOutput(c.dir, out); err != nil {
		return &exitError{1, store.Message(err)}
	}
	s, a, rec, err := c.recordSession(pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	if !a.Can(data.PermRecordPrint) {
		return &exitError{1, store.Message(&data.ForbiddenError{Actor: a, Perm: data.PermRecordPrint})}
	}
	details, err := s.PrintDetails(a, rec)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if strings.EqualFold(filepath.Ext(out), ".xlsx") {
		// Exported for Excel or WPS, not printed: the record is not marked printed (signed).
		if err := sheet.Record(&buf, rec, reports.Options{PrintedAt: s.Now()}.With(details)); err != nil {
			return err
		}
		if err := writeFileAtomic(out, buf.Bytes()); err != nil {
			return err
		}
		_, err = fmt.Fprintln(c.out, out)
		return err
	}
	start := time.Now()
	if err := reports.Document(&buf, rec, reports.Options{PrintedAt: s.Now()}.With(details)); err != nil {
		return err
	}
	fmt.Fprintf(c.errw, "（生成PDF用时 %.0f 毫秒，%d KB）\n", float64(time.Since(start).Microseconds())/1000, buf.Len()/1024)
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	if _, err := s.MarkPrinted(a, rec.Serial); err != nil {
		return err
	}
	_, err = fmt.Fprintln(c.out, out)
	return err
}

// writeFileAtomic writes through a temporary name, so a cut-off write never leaves half a PDF.
func writeFileAtomic(path string, b []byte) error { return store.WriteFile(path, b) }

func (c *cli) void(args []string) error {
	fs := flag.NewFlagSet("void", flag.ContinueOnError)
	reason := fs.String("reason", "", "")
	pos, err := parse(fs, args, 1, "void 编号 -reason 原因")
	if err != nil {
		return err
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	rec, err := s.Void(a, pos[0], *reason)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "%s 已作废\n", rec.Serial)
	return err
}
