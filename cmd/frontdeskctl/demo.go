package main

import (
	"flag"
	"fmt"
	"time"

	"frontdesk/data"
	"frontdesk/data/demo"
)

func (c *cli) demo(args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	seed := fs.Int64("seed", 1, "")
	days := fs.Int("days", 30, "")
	end := fs.String("end", "", "")
	years := fs.Int("years", 0, "")
	if _, err := parse(fs, args, 0, "demo [-seed N] [-days 30 | -years 10] [-end YYYY-MM-DD]"); err != nil {
		return err
	}
	scale := 1.0
	if *years > 0 {
		// Scale data: a busy estate (about 300 visitors a day) over the years asked for.
		*days, scale = *years*365, demo.Busy
	}
	endT := time.Now().In(data.Shanghai)
	if *end != "" {
		t, err := time.ParseInLocation(data.LayoutDate, *end, data.Shanghai)
		if err != nil {
			return usageErr("-end 日期格式为 2026-11-27")
		}
		endT = t.Add(20 * time.Hour)
	}
	if *days < 1 || *days > 3660 {
		return usageErr("-days 应在 1 到 3660 之间")
	}
	s, err := c.open()
	if err != nil {
		return err
	}
	defer s.Close()
	if s.HasAccounts() {
		// Demo records in a store that is already in use need its manager's say-so.
		a, err := c.login(s)
		if err != nil {
			return err
		}
		if !a.Can(data.PermSettings) {
			return &exitError{1, "在已有账户的数据文件夹中生成演示数据，需要物业服务中心经理或系统管理员登录"}
		}
	}
	start := time.Now()
	n, err := demo.FillScaled(s, *seed, endT, *days, scale, func(day, days int) {
		if day%max(10, days/20) == 0 || day == days {
			fmt.Fprintf(c.errw, "已生成 %d/%d 天（%s）\n", day, days, time.Since(start).Round(time.Second))
		}
	})
	if err != nil {
		return err
	}
	total, occ := s.HouseholdCount()
	fmt.Fprintf(c.out, "演示数据：业户 %d 户（入住 %d），记录 %d 条，用时 %.1f 秒\n", total, occ, n, time.Since(start).Seconds())
	fmt.Fprintf(c.out, "演示账户（密码均为 %s，仅供演示）：admin 系统管理员，manager 经理，supervisor 主管，clerk、lixiaomei、wanglijun、zhoumin、zhaojing、sunlei 值班员\n", demo.DemoPassword)
	return nil
}
