package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"frontdesk/data"
)

// settingLine is one declared setting as `settings -json` gives it.
type settingLine struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Unit    string `json:"unit,omitempty"`
	Min     int    `json:"min,omitempty"`
	Max     int    `json:"max,omitempty"`
	Default string `json:"default"`
	Value   string `json:"value"`
}

// settings lists the settings the forms' rules read, from their declarations, with the value in force.
func (c *cli) settings(args []string) error {
	fs := flag.NewFlagSet("settings", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args, 0, "settings [-json]"); err != nil {
		return err
	}
	s, _, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	var lines []settingLine
	for _, d := range data.Settings() {
		l := settingLine{Key: d.Key, Label: d.Label, Unit: d.Unit, Default: d.Default, Value: s.Setting(d.Key, d.Default)}
		if d.Number() {
			l.Min, l.Max = d.Min, d.Max
		}
		lines = append(lines, l)
	}
	if *asJSON {
		b, err := json.MarshalIndent(lines, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.out, "%s\n", b)
		return err
	}
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	for _, l := range lines {
		limits := ""
		if l.Unit != "" {
			limits = fmt.Sprintf("%d–%d %s", l.Min, l.Max, l.Unit)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.Key, l.Label, strings.ReplaceAll(l.Value, "\n", "；"), limits)
	}
	return tw.Flush()
}

// set changes one declared setting (the manager): refused with the setting's own message when its
// limits or its rule refuse the value.
func (c *cli) set(args []string) error {
	pos, err := parse(flag.NewFlagSet("set", flag.ContinueOnError), args, 2, "set 设置键 值")
	if err != nil {
		return err
	}
	d, ok := data.SettingByKey(pos[0])
	if !ok {
		return &exitError{1, fmt.Sprintf("没有设置项“%s”：可用 settings 列出全部设置项", pos[0])}
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	v := strings.TrimSpace(pos[1])
	if d.Number() {
		v = strings.TrimSpace(data.Normalize(data.TypeInt, v))
	}
	if err := s.SetSetting(a, d.Key, v); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "%s：%s\n", d.Label, v)
	return nil
}
