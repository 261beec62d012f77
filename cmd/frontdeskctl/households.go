package main

import (
	"flag"
	"fmt"
	"os"

	"frontdesk/data/store"
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
	// An import replaces each unit it holds whole: units already in the registry change only when
	// asked to (-yes), after being shown.
	p, err := s.PreviewHouseholdFile(a, pos[0], b)
	if err != nil {
		return err
	}
	if len(p.Changed) > 0 && !*yes {
		fmt.Fprintf(c.out, "新增 %d 户，不变 %d 户，将被修改 %d 户：\n", p.New, p.Unchanged, len(p.Changed))
		for i, ch := range p.Changed {
			if i == 20 {
				fmt.Fprintf(c.out, "  ……共 %d 户\n", len(p.Changed))
				break
			}
			fmt.Fprintf(c.out, "  %s：%s → %s\n", ch.Before.Unit, describeHousehold(ch.Before), describeHousehold(ch.After))
		}
		return &exitError{1, "没有导入：已有的业户会被改写（住户和电话以文件为准）。确认后请加 -yes 再运行。"}
	}
	n, err := s.ImportHouseholdFile(a, pos[0], b)
	if err != nil {
		return err
	}
	total, occ := s.HouseholdCount()
	_, err = fmt.Fprintf(c.out, "已导入 %d 户；业户档案共 %d 户，入住 %d 户\n", n, total, occ)
	return err
}

// describeHousehold is one unit as the preview shows it: the owner and the residents.
func describeHousehold(h store.Household) string {
	out := "业主 " + h.Owner
	if h.Residents != "" {
		out += "，住户 " + h.Residents
	}
	if !h.Occupied {
		out += "（未入住）"
	}
	return out
}
