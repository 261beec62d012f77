package main

import (
	"flag"
	"fmt"
	"os"
)

func (c *cli) importHouseholds(args []string) error {
	fs := flag.NewFlagSet("import-households", flag.ContinueOnError)
	yes := fs.Bool("yes", false, "")
	pos, err := parse(fs, args, 1, "import-households 文件.xlsx|文件.csv [-yes]")
	if err != nil {
		return err
	}
	b, err := os.ReadFile(pos[0])
	if err != nil {
		return fmt.Errorf("read %s: %w", pos[0], err)
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	// Nothing is imported before it was shown: the units it adds, and each field it changes of the units
	// already there (an import replaces a unit whole), then applied when asked to (-yes).
	p, err := s.PreviewHouseholdFile(a, pos[0], b)
	if err != nil {
		return err
	}
	if p.Nothing() {
		_, err = fmt.Fprintf(c.out, "文件中的 %d 户与业户档案完全相同，没有需要导入的。\n", p.Unchanged)
		return err
	}
	if !*yes {
		fmt.Fprintf(c.out, "%s：\n", p.Summary())
		for _, line := range p.Lines(a, 20) {
			fmt.Fprintf(c.out, "  %s\n", line)
		}
		why := "确认无误后请加 -yes 再运行。"
		if len(p.Changed) > 0 {
			why = "已有的业户会被改写（住户和电话以文件为准），" + why
		}
		return &exitError{1, "没有导入：" + why}
	}
	n, err := s.ImportHouseholdFile(a, pos[0], b)
	if err != nil {
		return err
	}
	total, occ := s.HouseholdCount()
	_, err = fmt.Fprintf(c.out, "已导入 %d 户（%s）；业户档案共 %d 户，入住 %d 户\n", n, p.Summary(), total, occ)
	return err
}
