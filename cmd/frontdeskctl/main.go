// Command frontdeskctl is the console companion of Frontdesk: demo data, listing and export, printing,
// household import, voiding and checking the store, over the same data folder as the window program.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	_ "time/tzdata" // Windows has no zone database: Asia/Shanghai comes from the binary

	"golang.org/x/term"

	"frontdesk/data"
	_ "frontdesk/data/forms" // every form of the rules registers with the engine
	"frontdesk/data/store"
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
  export 表单键 -o 文件.xlsx [-from 日期] [-to 日期] [-q 文字] [-open]
                                             把列表（同样的日期、搜索、只看未办结）导出为 Excel，含全部字段
  register 表单键 -o 文件.pdf [-from 日期] [-to 日期] [-q 文字] [-open]
                                             把列表打印为登记簿（A4横向，每页有表名和日期范围，末页有审阅签字栏）
  show 编号                                   以 JSON 输出一条记录及其修改历史
  report [-month 2026-11]                      月度汇总：各表单数量、投诉回复及时率、登记用时
  compliance [-month 2026-11] [-json]        本月达标：各项规定的本月数字、目标和结论（达标/进行中/未达标），及未达标项涉及的记录
  month-pack [-month 2026-11] -o 文件夹        经理的月度资料包：一个PDF（达标情况及图表、投诉月报、质量检查、走访和问卷）和一个Excel
  print 编号 -o 文件.pdf|文件.xlsx              生成记录的 PDF；文件名以 .xlsx 结尾时导出为 Excel 表格
  void 编号 -reason 原因                       作废一条记录
  steps 编号 [-json]                          列出您现在可对这条记录进行的步骤（批准、驳回、离开登记等）及各步要填写的内容
  step 编号 步骤键 [-json 文件]                 进行一步，输出编号和新状态；文件为该步要填写的内容（JSON，- 为标准输入）
  due [-at "2026-12-01 10:00"] [-json]       列出您可查看的全部待办事项（超时的在前）：下一步、办理人、期限、剩余时间
  import-households 文件.xlsx|文件.csv          导入业户档案（有错误行则全部不导入）
  purge [-yes]                               清除超过保存期限的个人信息（先列出，加 -yes 才执行）
  setup-admin 登录名 -name 姓名               首次使用：设置系统管理员
  backup-passphrase                          设置备份密码（经理或系统管理员）：生成备份密钥，程序只保存用密码加密的密钥
  backup -to 文件夹                            加密备份（经理或系统管理员），不需要密码；写完后解密校验，旁边写出“-密钥.age”密钥文件
  verify 备份文件                              解密并检查备份，列出各表单记录数
  restore 备份文件                             恢复到 -data 指定的空文件夹或新文件夹
  compact -to 文件夹                           写出压缩后的数据文件副本，报告压缩前后大小
  holidays [-year 2028] [-json]              节假日安排（程序内置或经理录入的）：每天的日期、休或班、节日名称
  holidays -import 文件.csv                    录入一年的节假日安排（经理；三列：日期,类型,名称，类型为 休 或 班），有错则整份不录入
  settings [-json]                           列出各表单规则读取的设置项（来自表单的声明）：键、名称、当前值、范围
  set 设置键 值                                更改一项设置（经理或系统管理员），超出范围或不合规则的值不保存
  check [-anchor 条数:校验值]                  检查数据文件（结构、审计记录、账户与设置、索引、编号计数器），并与文件外记下的审计记录校验码核对
  reanchor                                   有意换用了较早的数据文件后（系统管理员）：以它的审计记录校验码为准，并记入审计记录
  read-card [-wait 秒]                        安装时试读身份证读卡器：等待放卡，输出证件类型、姓名和打码号码
  move-data [-from 原数据文件夹]                 把原来每个用户自己的数据文件夹（%AppData%\Frontdesk）整个迁移到本机共用的数据文件夹：复制、检查无误后使用，原文件夹保留

备份密码（backup-passphrase、verify、restore）取环境变量 FRONTDESK_BACKUP_PASSPHRASE，否则在终端提示输入；
verify、restore 用备份旁边的密钥文件（或数据文件夹中的密钥）解密。
登录：除 forms、example、check、verify、restore 外，各命令需要用户：-user 登录名 或环境变量 FRONTDESK_USER；
密码取环境变量 FRONTDESK_PASSWORD，否则在终端提示输入。

数据文件夹: -data，否则环境变量 FRONTDESK_DATA，否则 Windows 上为本机所有用户共用的 %ProgramData%\Frontdesk（其他系统为用户配置文件夹下的 Frontdesk）。
数据文件正被另一个程序使用（窗口程序或另一个命令）时，命令最多等待10秒，轮到后再执行。
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
		"purge": c.purge, "report": c.report, "compact": c.compact, "setup-admin": c.setupAdmin, "backup": c.backup, "backup-passphrase": c.setBackupPassphrase, "verify": c.verify, "restore": c.restore,
		"read-card": c.readCard, "reanchor": c.reanchor, "steps": c.steps, "step": c.step, "due": c.due,
		"export": c.export, "register": c.register, "compliance": c.compliance, "month-pack": c.monthPack,
		"settings": c.settings, "set": c.set, "holidays": c.holidays, "move-data": c.moveData,
	}
	name, rest := g.Arg(0), g.Args()[1:]
	// Tampering check finds should not pass unnoticed in daily work: a command that writes says so
	// first, as the window does at its start.
	c.writes = map[string]bool{"add": true, "void": true, "step": true, "print": true, "export": true, "register": true, "month-pack": true, "import-households": true, "purge": true, "set": true}[name]
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(stderr, "未知命令 %q\n\n%s", name, usage)
		return 2
	}
	if name != "move-data" && name != "forms" && name != "example" {
		if err := dataLeftBehind(*dir, c.dir); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	if err := guarded(cmd, rest); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			fmt.Fprintln(stderr, ee.msg)
			return ee.code
		}
		fmt.Fprintln(stderr, message(err))
		return 1
	}
	return 0
}

// lockWait is how long a command waits for the store while another program holds it (the window, or
// another command): commands started together, a scheduled task's one after another, take their turns
// instead of giving up.
var lockWait = 10 * time.Second

// options are the store options of a command: it waits lockWait for the store.
func options(readOnly bool) store.Options {
	return store.Options{Timeout: lockWait, ReadOnly: readOnly}
}

// message is an error as the console says it: a store held beyond the wait in the console's own
// words (the window's are advice to switch to the window already open), anything else as the store
// says it.
func message(err error) string {
	if errors.Is(err, store.ErrLocked) {
		return "数据文件正被另一个程序使用（小区客服前台窗口或另一个 frontdeskctl 命令），已等待" +
			strconv.FormatFloat(lockWait.Seconds(), 'f', -1, 64) + "秒。请等那个命令结束，或关闭窗口程序后再试。"
	}
	return store.Message(err)
}

// guarded runs a command so that a damaged data file, which bbolt meets by panicking or by reading
// memory past the file, ends it with the Chinese message of damage instead of a stack trace.
func guarded(cmd func([]string) error, args []string) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", store.ErrStoreDamaged, r)
		}
	}()
	return cmd(args)
}

type cli struct {
	writes    bool // the command writes records: the start-up check runs first
	dir, user string
	stdin     io.Reader
	out, errw io.Writer
}

func (c *cli) open() (*store.Store, error) {
	shown := -10
	opt := options(false)
	opt.Progress = func(done, total int) {
		// An upgrade that rewrites the search index, once: a line every tenth of the way.
		if pct := done * 100 / max(total, 1); pct/10 != shown/10 {
			shown = pct
			fmt.Fprintf(c.errw, "正在升级数据（只需这一次）… %d%%\n", pct)
		}
	}
	return store.Open(c.dir, opt)
}

// openedHook, when set (tests), is called with the data folder once a command has opened its store and
// logged in: where a test changes the data file under the command.
var openedHook func(dir string)

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
	if store.IsReadOnlyMedia(err) {
		// Read-only media (a write-protected stick, a CD): reading works; a write says the media is.
		s, err = store.Open(c.dir, options(true))
	}
	if err != nil {
		return nil, data.Actor{}, err
	}
	a, err := c.login(s)
	if err != nil {
		s.Close()
		return nil, data.Actor{}, err
	}
	if c.writes {
		if probs, err := s.QuickCheck(); err != nil || len(probs) > 0 {
			msg := "注意：数据检查发现问题，请尽快运行 check 查看并报告管理员"
			if len(probs) > 0 {
				msg += fmt.Sprintf("（共 %d 处，第一处：%s）", len(probs), probs[0])
			}
			fmt.Fprintln(c.errw, msg)
		}
	}
	if openedHook != nil {
		openedHook(c.dir)
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
			return nil, usageErr("%s：%s", what, flagErrorChinese(err))
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

// flagErrorChinese says the flag package's errors in Chinese.
func flagErrorChinese(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "没有这个选项：" + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "选项后面缺少值：" + strings.TrimPrefix(msg, "flag needs an argument: ")
	case strings.HasPrefix(msg, "invalid value "):
		// invalid value "abc" for flag -limit: parse error
		if i := strings.Index(msg, " for flag "); i > 0 {
			rest := msg[i+len(" for flag "):]
			if j := strings.Index(rest, ":"); j > 0 {
				rest = rest[:j]
			}
			return "选项 " + rest + " 的值不对：" + strings.TrimPrefix(msg[:i], "invalid value ")
		}
	case strings.HasPrefix(msg, "bad flag syntax: "):
		return "选项写法不对：" + strings.TrimPrefix(msg, "bad flag syntax: ")
	}
	return "选项不对"
}
