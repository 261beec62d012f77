package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"frontdesk/data"
	"frontdesk/data/store"
)

// The forms' lives (data/flow.go) at the console: the steps a person may take on a record now, taking
// one, and every open matter with its deadline. Nothing here names a form: the declarations say it all.

// stepsJSON is what `steps -json` prints.
type stepsJSON struct {
	Serial string           `json:"serial"`
	Form   string           `json:"form"`
	Kind   string           `json:"kind"`
	State  string           `json:"state"`
	Steps  []store.StepView `json:"steps"`
}

func (c *cli) steps(args []string) error {
	fs := flag.NewFlagSet("steps", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args, 1, "steps 编号 [-json]")
	if err != nil {
		return err
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	views, rec, err := s.Steps(a, pos[0])
	if err != nil {
		return err
	}
	f, err := form(rec.Kind)
	if err != nil {
		return err
	}
	state, _ := f.Status(rec, s.Now(), s)
	if views == nil {
		views = []store.StepView{}
	}
	if *asJSON {
		b, err := json.MarshalIndent(stepsJSON{Serial: rec.Serial, Form: f.Title(), Kind: f.Key, State: state, Steps: views}, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.out, "%s\n", b)
		return err
	}
	fmt.Fprintf(c.out, "%s %s 当前状态：%s\n", rec.Serial, f.Title(), state)
	if len(views) == 0 {
		_, err = fmt.Fprintln(c.out, noSteps(f, rec))
		return err
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
	for _, v := range views {
		var fields []string
		for _, fl := range v.Fields {
			mark := ""
			if fl.Required {
				mark = "*"
			}
			fields = append(fields, fl.Key+" "+fl.Label+mark)
		}
		fmt.Fprintf(tw, "%s\t%s\t→ %s\t%s\n", v.Key, v.Name, v.To, strings.Join(fields, "；"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// A step that asks nothing leaves the last column empty: no padding at the end of its line.
	for _, line := range strings.Split(strings.TrimRight(buf.String(), "\n"), "\n") {
		fmt.Fprintln(c.out, strings.TrimRight(line, " "))
	}
	return nil
}

// noSteps says why the person has no step to take on the record, and who has, if anybody.
func noSteps(f *data.Form, rec *data.Record) string {
	if f.Flow == nil {
		return f.Title() + "登记即完成，没有后续步骤。"
	}
	next := f.NextSteps(rec)
	if len(next) == 0 {
		return "这条记录已办结，没有后续步骤。"
	}
	var names []string
	for _, st := range next {
		names = append(names, "“"+st.Name+"”")
	}
	msg := "现在没有您可以进行的步骤：下一步" + strings.Join(names, "或")
	if who := f.State(rec).Who.Text(rec); who != "" {
		msg += "由" + who + "办理"
	}
	return msg + "。"
}

func (c *cli) step(args []string) error {
	fs := flag.NewFlagSet("step", flag.ContinueOnError)
	file := fs.String("json", "", "")
	pos, err := parse(fs, args, 2, "step 编号 步骤键 [-json 文件]")
	if err != nil {
		return err
	}
	serial, key := pos[0], pos[1]
	var raw []byte
	switch *file {
	case "":
	case "-":
		raw, err = io.ReadAll(c.stdin)
	default:
		raw, err = os.ReadFile(*file)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", *file, err)
	}
	s, a, rec, err := c.recordSession(serial)
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := form(rec.Kind)
	if err != nil {
		return err
	}
	decl, ok := stepOf(f, key)
	if !ok {
		return &exitError{1, unknownStep(f, key)}
	}
	sf := decl.StepForm(f, decl.FieldsNow(s, rec, s.Now()))
	in := data.NewInput()
	if len(bytes.TrimSpace(raw)) > 0 {
		if in, err = data.ParseFlatJSON(sf, raw); err != nil {
			return stepErrors(sf, err)
		}
	}
	// What is not given holds its default, as in the window's dialog (已确认 for each matter of a
	// handover, 已阅 for a reading).
	for _, fl := range sf.Fields {
		if _, given := in.Values[fl.Key]; !given {
			if v := data.DefaultValue(fl, s.Now(), a.Name); v != "" {
				in.Values[fl.Key] = v
			}
		}
	}
	done, err := s.Step(a, rec.Serial, key, in)
	if errors.Is(err, data.ErrUnknownStep) {
		return &exitError{1, unknownStep(f, key)}
	}
	if err != nil {
		return stepErrors(sf, err)
	}
	state, _ := f.Status(done, s.Now(), s)
	_, err = fmt.Fprintf(c.out, "%s %s\n", done.Serial, state)
	return err
}

// stepOf finds a step of the form's life.
func stepOf(f *data.Form, key string) (data.Step, bool) {
	if f.Flow == nil {
		return data.Step{}, false
	}
	return f.Flow.StepByKey(key)
}

// unknownStep names the steps the form's life has.
func unknownStep(f *data.Form, key string) string {
	if f.Flow == nil {
		return fmt.Sprintf("%s没有办理步骤（登记即完成），没有“%s”这一步。", f.Title(), key)
	}
	var keys []string
	for _, st := range f.Flow.Steps {
		keys = append(keys, st.Key+"（"+st.Name+"）")
	}
	return fmt.Sprintf("%s没有“%s”这一步。可用：%s", f.Title(), key, strings.Join(keys, "、"))
}

// stepErrors prints a step's field errors one per line with their labels, in the step's order.
func stepErrors(sf *data.Form, err error) error {
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		return &exitError{1, "未办理“" + sf.Name + "”，请更正：\n" + strings.Join(fe.Describe(sf), "\n")}
	}
	return err
}

func (c *cli) due(args []string) error {
	fs := flag.NewFlagSet("due", flag.ContinueOnError)
	atText := fs.String("at", "", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args, 0, `due [-at "2026-12-01 10:00"] [-json]`); err != nil {
		return err
	}
	var at time.Time
	if *atText != "" {
		t, ok := data.ParseLocal(data.TypeDateTime, *atText)
		if !ok {
			return usageErr("-at 时间格式为 \"2026-12-01 10:00\"")
		}
		if t.Year() < 2000 || t.Year() > 2100 {
			return usageErr("-at 时间应在 2000 年至 2100 年之间")
		}
		at = t
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	if at.IsZero() {
		at = s.Now()
	}
	ms, err := s.Due(a, at)
	if err != nil {
		return err
	}
	if ms == nil {
		ms = []data.Matter{}
	}
	if *asJSON {
		return c.dueJSON(ms)
	}
	return c.dueTable(ms, at)
}

// dueJSON writes the open matters as `due -json` gives them: deadlines in Shanghai time.
func (c *cli) dueJSON(ms []data.Matter) error {
	for i := range ms {
		if ms[i].Next == nil {
			ms[i].Next = []string{}
		}
		if !ms[i].Deadline.IsZero() {
			ms[i].Deadline = ms[i].Deadline.In(data.Shanghai)
		}
	}
	b, err := json.MarshalIndent(ms, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "%s\n", b)
	return err
}

// dueTable writes the open matters as a table, overdue counted first, each warning once after it with
// the serials it concerns.
func (c *cli) dueTable(ms []data.Matter, at time.Time) error {
	if len(ms) == 0 {
		_, err := fmt.Fprintln(c.out, "没有待办事项。")
		return err
	}
	late := 0
	for _, m := range ms {
		if m.Overdue {
			late++
		}
	}
	fmt.Fprintf(c.out, "截至 %s：待办事项 %d 件，其中超时 %d 件\n", at.In(data.Shanghai).Format(data.LayoutDateTime), len(ms), late)
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "编号\t表单\t状态\t下一步\t办理人\t期限\t剩余分钟\t剩余")
	var warnings []string
	warned := map[string][]string{}
	for _, m := range ms {
		deadline, mins := "—", "—"
		if m.Minutes != nil {
			deadline = m.Deadline.In(data.Shanghai).Format(data.LayoutDateTime) + " 前" + m.Label
			mins = strconv.Itoa(*m.Minutes)
		}
		serial := m.Serial
		if serial == "" {
			serial = "—" // expected, not made yet: the next step is to make it
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", serial, m.Form, m.State, strings.Join(m.Next, "、"), m.Who, deadline, mins, m.Left)
		if m.Warning != "" {
			if warned[m.Warning] == nil {
				warnings = append(warnings, m.Warning)
			}
			warned[m.Warning] = append(warned[m.Warning], m.Serial)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(c.out, "注意（%s）：%s\n", strings.Join(warned[w], "、"), w)
	}
	return nil
}
