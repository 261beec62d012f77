package main

import (
	"flag"
	"fmt"
	"os"
)

func (c *cli) importHouseholds(args []string) error {
	pos, err := parse(flag.NewFlagSet("import-households", flag.ContinueOnError), args, 1, "import-households 文件.xlsx|文件.csv")
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
	n, err := s.ImportHouseholdFile(a, pos[0], b)
	if err != nil {
		return err
	}
	total, occ := s.HouseholdCount()
	_, err = fmt.Fprintf(c.out, "已导入 %d 户；业户档案共 %d 户，入住 %d 户\n", n, total, occ)
	return err
}
