package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"frontdesk/data"
	"frontdesk/data/store"
	"frontdesk/reports/export"
)

// listFlags are the filters a list shows by, for the commands that write what it shows.
type listFlags struct {
	from, to, q, out *string
	open             *bool
}

func newListFlags(fs *flag.FlagSet) listFlags {
	return listFlags{from: fs.String("from", "", ""), to: fs.String("to", "", ""), q: fs.String("q", "", ""),
		out: fs.String("o", "", ""), open: fs.Bool("open", false, "")}
}

// query is the list's query, and the output file, which must end in ext.
func (lf listFlags) query(kind, ext, usage string) (store.ExportQuery, error) {
	q := store.ExportQuery{Query: store.Query{Kind: kind, Text: strings.TrimSpace(*lf.q)}, Open: *lf.open}
	if *lf.out == "" || !strings.EqualFold(filepath.Ext(*lf.out), ext) {
		return q, usageErr("用法：frontdeskctl %s", usage)
	}
	var err error
	if q.From, err = parseDay(*lf.from, "-from"); err != nil {
		return q, err
	}
	if q.To, err = parseDay(*lf.to, "-to"); err != nil {
		return q, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, usageErr("-to 不能早于 -from")
	}
	return q, nil
}

const (
	exportUsage   = "export 表单键 -o 文件.xlsx [-from 日期] [-to 日期] [-q 文字] [-open]"
	registerUsage = "register 表单键 -o 文件.pdf [-from 日期] [-to 日期] [-q 文字] [-open]"
)

// export writes what the form's list shows, with every field, to an Excel spreadsheet.
func (c *cli) export(args []string) error {
	return c.listFile("export", ".xlsx", exportUsage, args, func(s *store.Store, a data.Actor, q store.ExportQuery, w io.Writer) (int, error) {
		return export.Sheet(context.Background(), s, a, q, w, nil)
	})
}

// register prints what the form's list shows as a register for review (A4 landscape PDF).
func (c *cli) register(args []string) error {
	return c.listFile("register", ".pdf", registerUsage, args, func(s *store.Store, a data.Actor, q store.ExportQuery, w io.Writer) (int, error) {
		return export.Register(context.Background(), s, a, q, w)
	})
}

func (c *cli) listFile(name, ext, usage string, args []string, write func(*store.Store, data.Actor, store.ExportQuery, io.Writer) (int, error)) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	lf := newListFlags(fs)
	pos, err := parse(fs, args, 1, usage)
	if err != nil {
		return err
	}
	f, err := form(pos[0])
	if err != nil {
		return err
	}
	q, err := lf.query(f.Key, ext, usage)
	if err != nil {
		return err
	}
	if err := store.CheckOutput(c.dir, *lf.out); err != nil {
		return &exitError{1, store.Message(err)}
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	var buf bytes.Buffer
	n, err := write(s, a, q, &buf)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*lf.out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(c.errw, "（%s，%s，共 %d 条）\n", f.Title(), store.ExportPeriod(q.Query), n)
	_, err = fmt.Fprintln(c.out, *lf.out)
	return err
}
