package main

import (
	"flag"
	"fmt"
)

func (c *cli) setupAdmin(args []string) error {
	fs := flag.NewFlagSet("setup-admin", flag.ContinueOnError)
	name := fs.String("name", "", "")
	pos, err := parse(fs, args, 1, "setup-admin 登录名 -name 姓名")
	if err != nil {
		return err
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	pw, err := c.password("为系统管理员设置密码：")
	if err != nil {
		return err
	}
	a, err := s.SetupAdmin(pos[0], *name, pw)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "已设置系统管理员 %s（%s）\n", a.Login, a.Name)
	return err
}
