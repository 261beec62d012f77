package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"frontdesk/data/idreader"
)

// readCard tries the card reader as the visitor screen uses it: the installer's check on site.
func (c *cli) readCard(args []string) error {
	fs := flag.NewFlagSet("read-card", flag.ContinueOnError)
	wait := fs.Int("wait", 15, "等待放卡的秒数")
	if _, err := parse(fs, args, 0, "read-card [-wait 秒]"); err != nil {
		return err
	}
	drv, err := idreader.Open()
	if err != nil {
		return err
	}
	defer drv.Close()
	fmt.Fprintf(c.out, "读卡器：%s\n请在 %d 秒内放上证件…\n", drv.Name(), *wait)
	deadline := time.Now().Add(time.Duration(*wait) * time.Second)
	for {
		card, err := drv.Read(time.Now())
		switch {
		case err == nil:
			fmt.Fprintf(c.out, "%s\n性别：%s  出生：%s  有效期：%s 至 %s\n", card.Masked(), card.Sex, card.Birth, card.ValidFrom, card.ValidTo)
			return nil
		case !errors.Is(err, idreader.ErrNoCard):
			return err
		case time.Now().After(deadline):
			return &exitError{1, fmt.Sprintf("%d 秒内没有读到证件", *wait)}
		}
		time.Sleep(400 * time.Millisecond)
	}
}
