package main

import (
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"frontdesk/data"
	"frontdesk/data/store"
)

func (c *cli) report(args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	month := fs.String("month", "", "")
	if _, err := parse(fs, args, 0, "report [-month 2026-11]"); err != nil {
		return err
	}
	m := time.Now().In(data.Shanghai)
	if *month != "" {
		t, err := time.ParseInLocation(data.LayoutMonth, *month, data.Shanghai)
		if err != nil {
			return usageErr("-month 格式为 2026-11")
		}
		m = t
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	sum, err := s.MonthSummary(a, m)
	if err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(c.out, "%s 月度汇总（共 %d 条记录）\n", sum.Month.Format("2006年1月"), sum.Total)
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	for _, f := range data.Forms() {
		if n := sum.Counts[f.Key]; n > 0 {
			fmt.Fprintf(tw, "  %s\t%d\n", f.Title(), n)
		}
	}
	tw.Flush()
	fmt.Fprintf(c.out, "投诉 %d 件：2小时内回复 %d，超时回复 %d，未回复 %d；有效投诉 %d 件，已回访 %d 件\n",
		sum.Complaints, sum.RepliedIn2h, sum.RepliedLate, sum.NotReplied, sum.Valid, sum.ValidRevisited)
	if sum.Timed > 0 {
		fmt.Fprintf(c.out, "来访登记 %d 人次计时：中位数 %.0f 秒，超过60秒 %d 人次\n", sum.Timed, sum.MedianSeconds, sum.Over60)
	}
	if head, err := s.Head(); err == nil && head.Seq > 0 {
		// On the paper the manager files: a later check -anchor compares the file with it.
		fmt.Fprintf(c.out, "%s：%s（随月报存档；frontdeskctl check -anchor 可核对数据文件）\n", store.AnchorLabel, head)
	}
	fmt.Fprintf(c.errw, "（汇总用时 %.0f 毫秒）\n", float64(took.Microseconds())/1000)
	return nil
}
