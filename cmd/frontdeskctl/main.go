// Command frontdeskctl is the console companion of Frontdesk: demo data, listing and export, printing,
// household import, voiding and checking the store, over the same data folder as the window program.
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"
	_ "time/tzdata" // Windows has no zone database: Asia/Shanghai comes from the binary

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/idreader"
	"frontdesk/data/store"
	"frontdesk/reports"
)

const usage = `frontdeskctl — 小区客服前台 命令行工具

用法: frontdeskctl [-data 数据文件夹] [-user 姓名] 命令 [参数]

命令:
  forms [-json]                              列出所有表单（键、名称、编号前缀）
  example 表单键                              输出一条有效记录的 JSON（add 可直接读入）
  demo [-seed N] [-days 30] [-end 日期]       生成演示数据：业户档案及一个月的各类记录
  demo -years 10                             生成规模数据：繁忙小区（每天约300位访客）十年的记录
  add 表单键 -json 文件                        校验并保存一条记录，输出新编号（文件为 - 时读标准输入）
  list 表单键 [-from 日期] [-to 日期] [-q 文字] [-csv] [-limit N]
                                             列出记录（最新在前）
  show 编号                                   以 JSON 输出一条记录及其修改历史
  report [-month 2026-11]                      月度汇总：各表单数量、投诉回复及时率、登记用时
  print 编号 -o 文件.pdf                       生成记录的 PDF
  void 编号 -reason 原因                       作废一条记录
  import-households 文件.xlsx|文件.csv          导入业户档案（有错误行则全部不导入）
  purge [-yes]                               清除超过保存期限的个人信息（先列出，加 -yes 才执行）
  setup-admin 登录名 -name 姓名               首次使用：设置系统管理员
  backup -to 文件夹                            加密备份（经理或系统管理员），写完后解密校验
  verify 备份文件                              解密并检查备份，列出各表单记录数
  restore 备份文件                             恢复到 -data 指定的空文件夹或新文件夹
  compact -to 文件夹                           写出压缩后的数据文件副本，报告压缩前后大小
  check                                      检查数据文件（结构、审计链、索引）
  read-card [-wait 秒]                        安装时试读身份证读卡器：等待放卡，输出证件类型、姓名和打码号码

备份密码取环境变量 FRONTDESK_BACKUP_PASSPHRASE，否则取经理设置的备份密码（backup），否则在终端提示输入。
登录：除 forms、example、check、verify、restore 外，各命令需要用户：-user 登录名 或环境变量 FRONTDESK_USER；
密码取环境变量 FRONTDESK_PASSWORD，否则在终端提示输入。

数据文件夹: -data，否则环境变量 FRONTDESK_DATA，否则用户配置文件夹下的 Frontdesk。
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// exitError carries an exit code through run.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, a ...any) error {
	return &exitError{2, fmt.Sprintf(format, a...)}
}

// run is the whole program, testable without a process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := flag.NewFlagSet("frontdeskctl", flag.ContinueOnError)
	g.SetOutput(stderr)
	g.Usage = func() { fmt.Fprint(stderr, usage) }
	dir := g.String("data", "", "数据文件夹")
	user := g.String("user", "", "操作人（默认环境变量 FRONTDESK_USER）")
	if err := g.Parse(args); err != nil {
		return 2
	}
	if g.NArg() == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	c := &cli{dir: store.DataDir(*dir), user: *user, stdin: stdin, out: stdout, errw: stderr}
	if c.user == "" {
		c.user = os.Getenv("FRONTDESK_USER")
	}
	cmds := map[string]func([]string) error{
		"forms": c.forms, "example": c.example, "demo": c.demo, "add": c.add, "list": c.list, "show": c.show,
		"print": c.print, "void": c.void, "import-households": c.importHouseholds, "check": c.check,
		"purge": c.purge, "report": c.report, "compact": c.compact, "setup-admin": c.setupAdmin, "backup": c.backup, "verify": c.verify, "restore": c.restore,
		"read-card": c.readCard,
	}
	name, rest := g.Arg(0), g.Args()[1:]
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(stderr, "未知命令 %q\n\n%s", name, usage)
		return 2
	}
	if err := cmd(rest); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			fmt.Fprintln(stderr, ee.msg)
			return ee.code
		}
		fmt.Fprintln(stderr, store.Message(err))
		return 1
	}
	return 0
}

type cli struct {
	dir, user string
	stdin     io.Reader
	out, errw io.Writer
}

func (c *cli) open() (*store.Store, error) {
	return store.Open(c.dir, store.Options{})
}

// password comes from FRONTDESK_PASSWORD (scripts, scheduled tasks), else a prompt on the terminal.
func (c *cli) password(prompt string) (string, error) {
	return c.secret("FRONTDESK_PASSWORD", "", prompt, "需要密码：请设置环境变量 FRONTDESK_PASSWORD，或在终端中运行以输入密码")
}

// secret reads a password or passphrase: from the environment variable, else the fallback, else a
// hidden prompt when a person sits at a terminal; scripts without either get the missing message.
func (c *cli) secret(env, fallback, prompt, missing string) (string, error) {
	if v, ok := os.LookupEnv(env); ok {
		return v, nil
	}
	if fallback != "" {
		return fallback, nil
	}
	if f, ok := c.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(c.errw, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.errw)
		return string(b), err
	}
	return "", &exitError{1, missing}
}

// recordSession opens a logged-in session and finds a record by its serial; the caller closes the store.
func (c *cli) recordSession(serial string) (*store.Store, data.Actor, *data.Record, error) {
	s, a, err := c.session()
	if err != nil {
		return nil, a, nil, err
	}
	rec, err := s.BySerial(a, serial)
	if err != nil {
		s.Close()
		return nil, a, nil, err
	}
	return s, a, rec, nil
}

// folderCommand reads a command's -to folder and opens a logged-in session for it.
func (c *cli) folderCommand(name string, args []string) (string, *store.Store, data.Actor, error) {
	_, to, err := parseRequired(name, "to", args, 0, name+" -to 文件夹")
	if err != nil {
		return "", nil, data.Actor{}, err
	}
	s, a, err := c.session()
	return to, s, a, err
}

// login authenticates the user of the command against the store's accounts.
func (c *cli) login(s *store.Store) (data.Actor, error) {
	if !s.HasAccounts() {
		return data.Actor{}, &exitError{1, "尚未设置任何账户：请先运行 frontdeskctl setup-admin（或在程序中首次启动时设置系统管理员）"}
	}
	if c.user == "" {
		return data.Actor{}, &exitError{1, "需要登录：请用 -user 登录名，或设置环境变量 FRONTDESK_USER"}
	}
	pw, err := c.password("密码：")
	if err != nil {
		return data.Actor{}, err
	}
	a, err := s.Authenticate(c.user, pw)
	if err != nil {
		return data.Actor{}, &exitError{1, store.Message(err)}
	}
	return a, nil
}

// session opens the store and logs in. The open is read-write even for reads: a login records failed
// tries (the lockout must hold for the console too), and bbolt's shared lock of a read-only open would
// conflict with a running window program just the same.
func (c *cli) session() (*store.Store, data.Actor, error) {
	s, err := c.open()
	if err != nil {
		return nil, data.Actor{}, err
	}
	a, err := c.login(s)
	if err != nil {
		s.Close()
		return nil, data.Actor{}, err
	}
	return s, a, nil
}

// parse reads a subcommand's flags wherever they stand among its positional arguments
// (`print SERIAL -o x.pdf` and `print -o x.pdf SERIAL` both work), and wants exactly npos positionals.
func parse(fs *flag.FlagSet, args []string, npos int, what string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageErr("%s：%v", what, err)
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != npos {
		return nil, usageErr("用法：frontdeskctl %s", what)
	}
	return pos, nil
}

// parseRequired is parse for a command with one flag it cannot do without (add -json, print -o, -to).
func parseRequired(name, flagName string, args []string, npos int, usage string) ([]string, string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	v := fs.String(flagName, "", "")
	pos, err := parse(fs, args, npos, usage)
	if err != nil {
		return nil, "", err
	}
	if *v == "" {
		return nil, "", usageErr("用法：frontdeskctl %s", usage)
	}
	return pos, *v, nil
}

func form(key string) (*data.Form, error) {
	f, ok := data.FormByKey(key)
	if !ok {
		var keys []string
		for _, f := range data.Forms() {
			keys = append(keys, f.Key)
		}
		return nil, &exitError{1, fmt.Sprintf("没有表单 %q。可用：%s", key, strings.Join(keys, " "))}
	}
	return f, nil
}

func (c *cli) forms(args []string) error {
	fs := flag.NewFlagSet("forms", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args, 0, "forms [-json]"); err != nil {
		return err
	}
	if *asJSON {
		b, err := json.MarshalIndent(data.Forms(), "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.out, "%s\n", b)
		return err
	}
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	for _, f := range data.Forms() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Key, f.Title(), f.Prefix, f.Group)
	}
	return tw.Flush()
}

func (c *cli) example(args []string) error {
	pos, err := parse(flag.NewFlagSet("example", flag.ContinueOnError), args, 1, "example 表单键")
	if err != nil {
		return err
	}
	f, err := form(pos[0])
	if err != nil {
		return err
	}
	var units []store.Household
	name, role := c.user, data.RoleClerk
	if s, err := store.Open(c.dir, store.Options{ReadOnly: true}); err == nil {
		units, _ = s.Households("", 0)
		if n, r, ok := s.AccountName(c.user); ok {
			name, role = n, r
		}
		s.Close()
	}
	now := time.Now()
	in := demo.New(now.UnixNano(), units).Example(f, now, name, 1)
	if f.Key == "quality" && !(data.Actor{Role: role}).Can(data.PermQualityWrite) {
		// What this user may add: a self-check of their own work.
		in.Values["kind"], in.Values["inspector"], in.Values["checked_staff"] = data.SelfCheck, name, name
	}
	_, err = c.out.Write(data.FlatJSON(f, in))
	return err
}

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
	fmt.Fprintf(c.out, "演示账户（密码均为 %s，仅供演示）：admin 系统管理员，manager 经理，supervisor 主管，clerk 值班员\n", demo.DemoPassword)
	return nil
}

func (c *cli) add(args []string) error {
	pos, file, err := parseRequired("add", "json", args, 1, "add 表单键 -json 文件")
	if err != nil {
		return err
	}
	f, err := form(pos[0])
	if err != nil {
		return err
	}
	var b []byte
	if file == "-" {
		b, err = io.ReadAll(c.stdin)
	} else {
		b, err = os.ReadFile(file)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	in, err := data.ParseFlatJSON(f, b)
	if err != nil {
		return fieldErrors(f, err)
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	rec, err := s.Create(a, f.Key, in)
	if err != nil {
		return fieldErrors(f, err)
	}
	_, err = fmt.Fprintln(c.out, rec.Serial)
	return err
}

// fieldErrors prints validation errors one per line with their labels, in paper order.
func fieldErrors(f *data.Form, err error) error {
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		return &exitError{1, "未保存，请更正：\n" + strings.Join(fe.Describe(f), "\n")}
	}
	return err
}

func parseDay(s, name string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(data.LayoutDate, s, data.Shanghai)
	if err != nil {
		return t, usageErr("%s 日期格式为 2026-11-27", name)
	}
	return t, nil
}

func (c *cli) list(args []string) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	q := fs.String("q", "", "")
	asCSV := fs.Bool("csv", false, "")
	limit := fs.Int("limit", 1000, "")
	pos, err := parse(fs, args, 1, "list 表单键 [-from 日期] [-to 日期] [-q 文字] [-csv] [-limit N]")
	if err != nil {
		return err
	}
	f, err := form(pos[0])
	if err != nil {
		return err
	}
	query := store.Query{Kind: f.Key, Text: *q, Limit: *limit}
	if query.From, err = parseDay(*from, "-from"); err != nil {
		return err
	}
	if query.To, err = parseDay(*to, "-to"); err != nil {
		return err
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	page, err := s.List(a, query)
	if err != nil {
		return err
	}
	header := []string{"编号", "状态"}
	var cols []data.Field
	for _, k := range f.ListColumns {
		fl, _ := f.Field(k)
		cols = append(cols, fl)
		header = append(header, fl.Label)
	}
	rows := [][]string{}
	for _, r := range page.Records {
		row := []string{r.Serial, data.LifeStatus(f, r, time.Now())}
		for _, fl := range cols {
			row = append(row, data.DisplayFor(a, fl, r.Values[fl.Key]))
		}
		rows = append(rows, row)
	}
	if *asCSV {
		w := csv.NewWriter(c.out)
		w.Write(header)
		w.WriteAll(rows)
		return w.Error()
	}
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
	if page.More {
		fmt.Fprintf(c.errw, "（只显示最新的 %d 条，可用 -limit 或日期范围缩小）\n", *limit)
	}
	return nil
}

func (c *cli) show(args []string) error {
	pos, err := parse(flag.NewFlagSet("show", flag.ContinueOnError), args, 1, "show 编号")
	if err != nil {
		return err
	}
	s, a, rec, err := c.recordSession(pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	if !a.Can(data.PermViewPersonal) {
		f, _ := data.FormByKey(rec.Kind)
		for _, fl := range f.Fields {
			rec.Values[fl.Key] = data.DisplayFor(a, fl, rec.Values[fl.Key])
		}
	}
	hist, err := s.History(rec.Kind, rec.ID)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(struct {
		Record  *data.Record       `json:"record"`
		History []store.AuditEntry `json:"history"`
	}{rec, hist}, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "%s\n", b)
	return err
}

func (c *cli) print(args []string) error {
	pos, out, err := parseRequired("print", "o", args, 1, "print 编号 -o 文件.pdf")
	if err != nil {
		return err
	}
	s, a, rec, err := c.recordSession(pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	if !a.Can(data.PermRecordPrint) {
		return &exitError{1, store.Message(&data.ForbiddenError{Actor: a, Perm: data.PermRecordPrint})}
	}
	details, err := s.PrintDetails(a, rec)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	start := time.Now()
	if err := reports.Document(&buf, rec, reports.Options{PrintedAt: s.Now()}.With(details)); err != nil {
		return err
	}
	fmt.Fprintf(c.errw, "（生成PDF用时 %.0f 毫秒，%d KB）\n", float64(time.Since(start).Microseconds())/1000, buf.Len()/1024)
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	if _, err := s.MarkPrinted(a, rec.Serial); err != nil {
		return err
	}
	_, err = fmt.Fprintln(c.out, out)
	return err
}

// writeFileAtomic writes through a temporary name, so a cut-off write never leaves half a PDF.
func writeFileAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func (c *cli) void(args []string) error {
	fs := flag.NewFlagSet("void", flag.ContinueOnError)
	reason := fs.String("reason", "", "")
	pos, err := parse(fs, args, 1, "void 编号 -reason 原因")
	if err != nil {
		return err
	}
	s, a, err := c.session()
	if err != nil {
		return err
	}
	defer s.Close()
	rec, err := s.Void(a, pos[0], *reason)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.out, "%s 已作废\n", rec.Serial)
	return err
}

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
	fmt.Fprintf(c.errw, "（汇总用时 %.0f 毫秒）\n", float64(took.Microseconds())/1000)
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
	if len(list) == 0 {
		_, err = fmt.Fprintln(c.out, "没有超过保存期限的个人信息需要清除")
		return err
	}
	for _, p := range list {
		f, _ := data.FormByKey(p.Kind)
		fmt.Fprintf(c.out, "%s：%d 条（%s 之前）\n", f.Title(), p.Count, p.Before.In(data.Shanghai).Format(data.LayoutDate))
	}
	if !*yes {
		_, err = fmt.Fprintln(c.out, "以上记录的姓名、电话、证件号、车牌将被清除；确认后加 -yes 再运行")
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
	_, err = fmt.Fprintf(c.out, "已清除 %d 条记录的个人信息，并记入审计记录\n", n)
	return err
}

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

// passphrase of a backup: FRONTDESK_BACKUP_PASSPHRASE, else the stored one (if any), else a prompt.
func (c *cli) passphrase(stored string) (string, error) {
	return c.secret("FRONTDESK_BACKUP_PASSPHRASE", stored, "备份密码：", "需要备份密码：请设置环境变量 FRONTDESK_BACKUP_PASSPHRASE，或在终端中运行以输入")
}

func (c *cli) printBackup(info store.BackupInfo) {
	fmt.Fprintf(c.out, "文件：%s（%.1f MB）\n数据结构版本 %d；业户 %d 户；记录共 %d 条：\n", info.Path, float64(info.Size)/1e6, info.Schema, info.Households, info.Records)
	tw := tabwriter.NewWriter(c.out, 0, 4, 2, ' ', 0)
	for _, f := range data.Forms() {
		fmt.Fprintf(tw, "  %s\t%d\n", f.Title(), info.Counts[f.Key])
	}
	tw.Flush()
}

func (c *cli) backup(args []string) error {
	to, s, a, err := c.folderCommand("backup", args)
	if err != nil {
		return err
	}
	defer s.Close()
	pass, err := c.passphrase(s.BackupPassphrase())
	if err != nil {
		return err
	}
	info, err := s.Backup(a, to, pass, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "备份完成（已解密校验，用时 %.2f 秒）\n", info.Took.Seconds())
	c.printBackup(info)
	return nil
}

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

func (c *cli) verify(args []string) error {
	pos, err := parse(flag.NewFlagSet("verify", flag.ContinueOnError), args, 1, "verify 备份文件")
	if err != nil {
		return err
	}
	pass, err := c.passphrase("")
	if err != nil {
		return err
	}
	start := time.Now()
	info, err := store.VerifyBackup(pos[0], pass)
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
	pass, err := c.passphrase("")
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

func (c *cli) check(args []string) error {
	if _, err := parse(flag.NewFlagSet("check", flag.ContinueOnError), args, 0, "check"); err != nil {
		return err
	}
	s, err := store.Open(c.dir, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	probs, err := s.Check()
	if err != nil {
		return err
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
	_, err = fmt.Fprintf(c.out, "检查通过：%d 种表单共 %d 条记录，数据结构版本 %d\n", len(counts), total, v)
	return err
}
