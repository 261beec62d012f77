package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"frontdesk/data"
	"frontdesk/data/store"
)

// passphrase of a backup: FRONTDESK_BACKUP_PASSPHRASE, else a prompt. The store keeps none.
func (c *cli) passphrase() (string, error) {
	return c.secret("FRONTDESK_BACKUP_PASSPHRASE", "", "备份密码：", "需要备份密码：请设置环境变量 FRONTDESK_BACKUP_PASSPHRASE，或在终端中运行以输入")
}

// setBackupPassphrase: the manager sets the backup passphrase; a new backup key is made from it.
func (c *cli) setBackupPassphrase(args []string) error {
	if _, err := parse(flag.NewFlagSet("backup-passphrase", flag.ContinueOnError), args, 0, "backup-passphrase"); err != nil {
		return err
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	pass, err := c.passphrase()
	if err != nil {
		return err
	}
	if _, set := os.LookupEnv("FRONTDESK_BACKUP_PASSPHRASE"); !set {
		again, err := c.secret("FRONTDESK_BACKUP_PASSPHRASE", "", "再输一次：", "")
		if err != nil {
			return err
		}
		if again != pass {
			return &exitError{1, "两次输入的备份密码不一致"}
		}
	}
	if err := s.SetBackupPassphrase(a, pass); err != nil {
		return err
	}
	fmt.Fprintln(c.out, "已设置备份密码。以后的备份都用它打开：每个备份旁边有同名的“-密钥.age”文件，请与备份一起保存；忘记密码将无法打开备份。")
	// The first backup at once: until now there was none at all.
	info, err := s.BackupLocal()
	if err != nil {
		return &exitError{1, "第一份备份未完成：" + message(err) + "\n请运行 backup -to 文件夹 备份到U盘。"}
	}
	_, err = fmt.Fprintf(c.out, "已完成第一份备份（本机自动备份）：%s\n", info.Path)
	return err
}

func (c *cli) printBackup(info store.BackupInfo) {
	fmt.Fprintf(c.out, "文件：%s（%.1f MB）\n数据结构版本 %d；业户 %d 户；记录共 %d 条：\n", info.Path, float64(info.Size)/1e6, info.Schema, info.Households, info.Records)
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	for _, f := range data.Forms() {
		fmt.Fprintf(tw, "  %s\t%d\n", f.Title(), info.Counts[f.Key])
	}
	tw.Flush()
	if info.Head.Seq > 0 {
		fmt.Fprintf(c.out, "%s：%s\n", store.AnchorLabel, info.Head)
	}
	if len(info.Problems) > 0 {
		fmt.Fprintln(c.errw, "注意："+store.Message(&store.DamagedStoreError{Problems: info.Problems}))
	}
}

func (c *cli) backup(args []string) error {
	to, s, a, err := c.folderCommand("backup", args)
	if err != nil {
		return err
	}
	defer s.Close()
	info, err := s.Backup(a, to, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "备份完成（已解密校验，用时 %.2f 秒）\n密钥文件：%s（与备份放在一起）\n", info.Took.Seconds(), store.KeyFileFor(info.Path))
	c.printBackup(info)
	return nil
}

func (c *cli) verify(args []string) error {
	pos, err := parse(flag.NewFlagSet("verify", flag.ContinueOnError), args, 1, "verify 备份文件")
	if err != nil {
		return err
	}
	pass, err := c.passphrase()
	if err != nil {
		return err
	}
	start := time.Now()
	info, err := store.VerifyBackup(pos[0], pass, c.dir, store.StoreBackupKey(c.dir))
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "备份完好（校验用时 %.2f 秒）\n", time.Since(start).Seconds())
	c.printBackup(info)
	return nil
}

func (c *cli) restore(args []string) error {
	pos, err := parse(flag.NewFlagSet("restore", flag.ContinueOnError), args, 1, "restore 备份文件")
	if err != nil {
		return err
	}
	pass, err := c.passphrase()
	if err != nil {
		return err
	}
	info, err := store.RestoreBackup(pos[0], pass, c.dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "已恢复到 %s\n", c.dir)
	c.printBackup(info)
	return nil
}

func (c *cli) compact(args []string) error {
	to, s, a, err := c.folderCommand("compact", args)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	before, after, err := s.CompactTo(a, to)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "数据文件 %.1f MB，压缩后 %.1f MB（%s，用时 %.1f 秒）\n", float64(before)/1e6, float64(after)/1e6, to, time.Since(start).Seconds())
	return err
}

func (c *cli) check(args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	anchorText := fs.String("anchor", "", "")
	if _, err := parse(fs, args, 0, "check [-anchor "+store.AnchorLabel+"]"); err != nil {
		return err
	}
	var anchor store.Anchor
	if *anchorText != "" {
		var ok bool
		if anchor, ok = store.ParseAnchor(*anchorText); !ok {
			return usageErr("-anchor 格式为 条数:校验值，如 12345:3f9a0c1d2e4b5a69（月报或备份上印的" + store.AnchorLabel + "）")
		}
	}
	s, err := store.Open(c.dir, options(true))
	if err != nil {
		return err
	}
	defer s.Close()
	probs, err := s.Check()
	if err != nil {
		return err
	}
	if anchor.Seq > 0 {
		more, err := s.CheckAgainst(anchor)
		if err != nil {
			return err
		}
		probs = append(probs, more...)
	}
	counts, _ := s.Counts()
	total := 0
	for _, n := range counts {
		total += n
	}
	if len(probs) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "检查未通过，发现 %d 处问题（第一处最先列出）：\n", len(probs))
		for _, p := range probs {
			b.WriteString("  " + p.String() + "\n")
		}
		return &exitError{1, strings.TrimRight(b.String(), "\n")}
	}
	v, _ := s.Schema()
	head, _ := s.Head()
	_, err = fmt.Fprintf(c.out, "检查通过：%d 种表单共 %d 条记录，数据结构版本 %d；%s %s\n", len(counts), total, v, store.AnchorLabel, head)
	return err
}

// reanchor: the administrator, having put an earlier data file in place on purpose, makes its audit
// chain's head the one kept outside the file.
func (c *cli) reanchor(args []string) error {
	if _, err := parse(flag.NewFlagSet("reanchor", flag.ContinueOnError), args, 0, "reanchor"); err != nil {
		return err
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	old, now, err := s.Reanchor(a)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "已重新记下%s：%s（原为 %s），并记入审计记录\n", store.AnchorLabel, now, old)
	return err
}

func (c *cli) purge(args []string) error {
	fs := flag.NewFlagSet("purge", flag.ContinueOnError)
	yes := fs.Bool("yes", false, "")
	if _, err := parse(fs, args, 0, "purge [-yes]"); err != nil {
		return err
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.PurgePreview(a)
	if err != nil {
		return err
	}
	drafts, err := s.DraftsToPurge(a)
	if err != nil {
		return err
	}
	if len(list) == 0 && drafts == 0 {
		_, err = fmt.Fprintln(c.out, "没有超过保存期限的个人信息需要清除")
		return err
	}
	for _, p := range list {
		f, _ := data.FormByKey(p.Kind)
		fmt.Fprintf(c.out, "%s：%d 条（%s 之前）\n", f.Title(), p.Count, p.Before.In(data.Shanghai).Format(data.LayoutDate))
	}
	if drafts > 0 {
		fmt.Fprintf(c.out, "草稿：%d 份（保存超过7天，或其记录的个人信息将被清除）\n", drafts)
	}
	if !*yes {
		_, err = fmt.Fprintln(c.out, "以上记录的姓名、电话、证件号、车牌将被清除，草稿将被删除；确认后加 -yes 再运行")
		return err
	}
	done, err := s.Purge(a)
	if err != nil {
		return err
	}
	n := 0
	for _, p := range done {
		n += p.Count
	}
	_, err = fmt.Fprintf(c.out, "已清除 %d 条记录的个人信息，并记入审计记录；删除草稿 %d 份\n", n, drafts)
	return err
}
