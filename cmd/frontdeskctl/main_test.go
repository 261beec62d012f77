package main

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/data/forms/duty"
	"frontdesk/data/forms/service"
	"frontdesk/data/store"
)

// accountsDir is a data folder with the demo accounts, logged in as clerk by default.
func accountsDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Accounts(s); err != nil {
		t.Fatal(err)
	}
	s.Close()
	t.Setenv("FRONTDESK_USER", "clerk")
	t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
	return dir
}

// ctl runs the program in-process and returns its exit code and output.
func ctl(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errw bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errw)
	return code, out.String(), errw.String()
}

func TestContractEveryKind(t *testing.T) {
	dir, pdfs := t.TempDir(), t.TempDir()
	t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
	if code, _, e := ctl(t, "", "-data", dir, "demo", "-seed", "7", "-days", "3", "-end", "2026-11-27"); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	code, out, _ := ctl(t, "", "-data", dir, "forms", "-json")
	var forms []struct {
		Key, Name, Prefix string
		Fields            []struct {
			Key, Label, Type string
			Required         *bool
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &forms) != nil || len(forms) != 27 {
		t.Fatalf("forms -json: code %d, %d forms", code, len(forms))
	}
	for _, f := range forms {
		if f.Fields[0].Required == nil || f.Fields[0].Type == "" {
			t.Errorf("%s: field without type or required", f.Key)
		}
		// The manager may make a record of every form; a form whose rules name its maker is refused
		// to the clerk, saying who makes it.
		user := "manager"
		code, ex, e := ctl(t, "", "-data", dir, "-user", user, "example", f.Key)
		if code != 0 {
			t.Fatalf("example %s: %s", f.Key, e)
		}
		if form, _ := data.FormByKey(f.Key); form.MadeBy != "" {
			if code, _, e := ctl(t, ex, "-data", dir, "-user", "clerk", "add", f.Key, "-json", "-"); code != 1 || !strings.Contains(e, "没有权限") {
				t.Errorf("the clerk adds %s: %d %s", f.Key, code, e)
			}
		}
		code, out, e := ctl(t, ex, "-data", dir, "-user", user, "add", f.Key, "-json", "-")
		if code != 0 {
			t.Fatalf("add %s its own example: %s\n%s", f.Key, e, ex)
		}
		serial := strings.TrimSpace(out)
		if !strings.HasPrefix(serial, f.Prefix+"-") {
			t.Errorf("add %s printed %q", f.Key, serial)
		}
		code, out, _ = ctl(t, "", "-data", dir, "-user", user, "list", f.Key, "-csv")
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != 0 || err != nil || len(rows) < 2 || rows[0][0] != data.UTF8BOM+"编号" || !strings.Contains(out, serial) {
			t.Errorf("list %s -csv: code %d, %d rows, has serial %v", f.Key, code, len(rows), strings.Contains(out, serial))
		}
		pdf := filepath.Join(pdfs, f.Key+".pdf")
		if code, _, e := ctl(t, "", "-data", dir, "-user", user, "print", serial, "-o", pdf); code != 0 {
			t.Fatalf("print %s: %s", serial, e)
		}
		if txt, err := exec.Command("pdftotext", pdf, "-").Output(); err != nil || !strings.Contains(string(txt), serial) {
			t.Errorf("PDF of %s lacks its serial (%v)", serial, err)
		}
	}
	if code, out, e := ctl(t, "", "-data", dir, "check"); code != 0 || !strings.Contains(out, "检查通过") {
		t.Errorf("check: %d %s %s", code, out, e)
	}
}

func TestAddRefusesBadInputAndSavesNothing(t *testing.T) {
	dir := accountsDir(t)
	bad := `{"visitor_name":"张三","doc_type":"居民身份证","doc_no":"110105194912310021","phone":"13812345678","host_unit":"3-2-1201","purpose":"探亲","entry_time":"2026-11-27 10:00","clerk":"陈佳"}`
	code, _, e := ctl(t, bad, "-data", dir, "add", "visitor", "-json", "-")
	if code != 1 || !strings.Contains(e, "证件号码：身份证号校验位错误") {
		t.Fatalf("bad ID: code %d, %q", code, e)
	}
	code, _, e = ctl(t, `{"nope": 1}`, "-data", dir, "add", "visitor", "-json", "-")
	if code != 1 || !strings.Contains(e, "没有字段 nope") {
		t.Errorf("unknown field: code %d, %q", code, e)
	}
	code, _, e = ctl(t, `{not json`, "-data", dir, "add", "visitor", "-json", "-")
	if code != 1 || !strings.Contains(e, "JSON格式有误") {
		t.Errorf("broken JSON: code %d, %q", code, e)
	}
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Count("visitor"); n != 0 {
		t.Errorf("%d visitors saved from bad input", n)
	}
}

func TestVoidAndUsage(t *testing.T) {
	dir := accountsDir(t)
	_, ex, _ := ctl(t, "", "-data", dir, "example", "release")
	_, out, _ := ctl(t, ex, "-data", dir, "add", "release", "-json", "-")
	serial := strings.TrimSpace(out)
	if code, _, e := ctl(t, "", "-data", dir, "void", serial); code != 1 || !strings.Contains(e, "作废原因") {
		t.Errorf("void without reason: %d %q", code, e)
	}
	// Printed, the slip is sealed: the clerk may no longer void it, the supervisor may.
	ctl(t, "", "-data", dir, "print", serial, "-o", filepath.Join(t.TempDir(), "x.pdf"))
	if code, _, e := ctl(t, "", "-data", dir, "void", serial, "-reason", "业主取消"); code != 1 || !strings.Contains(e, "没有权限") {
		t.Errorf("clerk voids a printed slip: %d %q", code, e)
	}
	if code, out, _ := ctl(t, "", "-data", dir, "-user", "supervisor", "void", serial, "-reason", "业主取消"); code != 0 || !strings.Contains(out, "已作废") {
		t.Errorf("void: %d %q", code, out)
	}
	if _, out, _ := ctl(t, "", "-data", dir, "list", "release", "-csv"); !strings.Contains(out, "作废") {
		t.Errorf("voided record not listed as 作废: %q", out)
	}
	for _, args := range [][]string{{"nosuch"}, {"list"}, {"print", serial}, {"list", "release", "-from", "27/11/2026"}} {
		if code, _, _ := ctl(t, "", append([]string{"-data", dir}, args...)...); code != 2 {
			t.Errorf("%v: exit %d; want 2", args, code)
		}
	}
	if code, _, e := ctl(t, "", "-data", dir, "list", "nosuch"); code != 1 || !strings.Contains(e, "没有表单") {
		t.Errorf("unknown kind: %d %q", code, e)
	}
}

// import-households shows what a file would do and imports it only with -yes, a file that only adds
// units too; the preview names each field a change replaces; a file that changes nothing says so.
func TestImportHouseholdsCommand(t *testing.T) {
	dir := accountsDir(t)
	t.Setenv("FRONTDESK_USER", "manager")
	good := filepath.Join(dir, "业户.csv")
	os.WriteFile(good, []byte("楼栋,单元,房号,业主姓名,业主电话\n1,1,101,张伟,13812345678\n"), 0o600)
	code, out, e := ctl(t, "", "-data", dir, "import-households", good)
	if code != 1 || !strings.Contains(out, "新增 1 户，修改 0 户，不变 0 户") || !strings.Contains(out, "新增 1-1-101：业主 张伟") || !strings.Contains(e, "-yes") {
		t.Errorf("import of a new unit without -yes: %d %q %q", code, out, e)
	}
	if code, out, e := ctl(t, "", "-data", dir, "import-households", good, "-yes"); code != 0 || !strings.Contains(out, "已导入 1 户") {
		t.Errorf("import: %d %q %q", code, out, e)
	}
	if code, out, e := ctl(t, "", "-data", dir, "import-households", good); code != 0 || !strings.Contains(out, "没有需要导入的") {
		t.Errorf("the same file again: %d %q %q", code, out, e)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("楼栋,单元,房号,业主姓名,业主电话\n1,1,102,李四,123\n"), 0o600)
	if code, _, e := ctl(t, "", "-data", dir, "import-households", bad); code != 1 || !strings.Contains(e, "第2行") {
		t.Errorf("bad import: %d %q", code, e)
	}
	// A file that would overwrite a unit already there is shown, field by field, and needs -yes (#12
	// item 19).
	change := filepath.Join(dir, "change.csv")
	os.WriteFile(change, []byte("楼栋,单元,房号,业主姓名,业主电话,备注\n1,1,101,张伟,13812345678,钥匙在前台\n1,1,102,李四,13812345670,\n"), 0o600)
	code, out, e = ctl(t, "", "-data", dir, "import-households", change)
	if code != 1 || !strings.Contains(out, "新增 1 户") || !strings.Contains(out, "修改 1-1-101：备注：（无） → 钥匙在前台") ||
		strings.Contains(out, "业主 张伟 →") || !strings.Contains(e, "-yes") {
		t.Errorf("import over an existing unit: %d %q %q", code, out, e)
	}
	if code, out, e := ctl(t, "", "-data", dir, "import-households", change, "-yes"); code != 0 || !strings.Contains(out, "已导入 2 户") {
		t.Errorf("import -yes: %d %q %q", code, out, e)
	}
}

func TestCheckFailsOnLockedOrDamagedStore(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, store.DBFileName), bytes.Repeat([]byte{0xAB}, 8192), 0o600)
	if code, _, e := ctl(t, "", "-data", dir, "check"); code == 0 {
		t.Errorf("check of garbage file passed: %q", e)
	}
}

func TestLoginRequired(t *testing.T) {
	dir := t.TempDir()
	_, ex, _ := ctl(t, "", "-data", dir, "example", "message")
	if code, _, e := ctl(t, ex, "-data", dir, "add", "message", "-json", "-"); code != 1 || !strings.Contains(e, "setup-admin") {
		t.Errorf("no accounts yet: %d %q", code, e)
	}
	t.Setenv("FRONTDESK_PASSWORD", "admin-pass-1")
	if code, out, e := ctl(t, "", "-data", dir, "setup-admin", "admin", "-name", "管理员"); code != 0 || !strings.Contains(out, "已设置") {
		t.Fatalf("setup-admin: %d %q", code, e)
	}
	if code, _, e := ctl(t, ex, "-data", dir, "add", "message", "-json", "-"); code != 1 || !strings.Contains(e, "需要登录") {
		t.Errorf("no user: %d %q", code, e)
	}
	t.Setenv("FRONTDESK_PASSWORD", "wrong")
	if code, _, e := ctl(t, ex, "-data", dir, "-user", "admin", "add", "message", "-json", "-"); code != 1 || !strings.Contains(e, "密码不正确") {
		t.Errorf("bad password: %d %q", code, e)
	}
	t.Setenv("FRONTDESK_PASSWORD", "admin-pass-1")
	if code, _, e := ctl(t, ex, "-data", dir, "-user", "admin", "add", "message", "-json", "-"); code != 1 || !strings.Contains(e, "没有权限") {
		t.Errorf("administrator writes a record: %d %q", code, e)
	}
}

func TestCheckNamesARecordChangedOutsideTheProgram(t *testing.T) {
	dir := accountsDir(t)
	_, ex, _ := ctl(t, "", "-data", dir, "example", "visitor")
	if code, _, e := ctl(t, ex, "-data", dir, "add", "visitor", "-json", "-"); code != 0 {
		t.Fatal(e)
	}
	if code, _, _ := ctl(t, "", "-data", dir, "check"); code != 0 {
		t.Fatal("check fails on a clean store")
	}
	// Change the stored record's bytes with bbolt directly, as a tool outside the program would.
	if err := store.TamperForTest(dir, "visitor", 1, "purpose", "被改过"); err != nil {
		t.Fatal(err)
	}
	code, _, e := ctl(t, "", "-data", dir, "check")
	if code != 1 || !strings.Contains(e, "《来人来访登记表》 第1条") || !strings.Contains(e, "程序外被改动") {
		t.Errorf("check after tampering: %d %q", code, e)
	}
	// A command that writes says so before it goes on (#12 item 18); one that reads does not.
	if code, _, e := ctl(t, ex, "-data", dir, "add", "visitor", "-json", "-"); code != 0 || !strings.Contains(e, "数据检查发现问题") || !strings.Contains(e, "第1条") {
		t.Errorf("add after tampering: %d %q", code, e)
	}
	if _, _, e := ctl(t, "", "-data", dir, "list", "visitor"); strings.Contains(e, "数据检查发现问题") {
		t.Errorf("list warned: %q", e)
	}
}

func TestBackupVerifyRestoreCommands(t *testing.T) {
	dir := accountsDir(t)
	_, ex, _ := ctl(t, "", "-data", dir, "example", "visitor")
	ctl(t, ex, "-data", dir, "add", "visitor", "-json", "-")
	usb := t.TempDir()
	t.Setenv("FRONTDESK_BACKUP_PASSPHRASE", "backup-pass-1")
	if code, _, e := ctl(t, "", "-data", dir, "backup", "-to", usb); code != 1 || !strings.Contains(e, "没有权限备份") {
		t.Errorf("clerk backs up: %d %q", code, e)
	}
	t.Setenv("FRONTDESK_USER", "manager")
	if code, _, e := ctl(t, "", "-data", dir, "backup", "-to", usb); code != 1 || !strings.Contains(e, "尚未设置备份密码") {
		t.Errorf("backup before the passphrase was set: %d %q", code, e)
	}
	if code, out, e := ctl(t, "", "-data", dir, "backup-passphrase"); code != 0 || !strings.Contains(out, "已设置备份密码") {
		t.Fatalf("backup-passphrase: %d %q %q", code, out, e)
	}
	// Backing up needs no secret (#12 item 7).
	os.Unsetenv("FRONTDESK_BACKUP_PASSPHRASE")
	code, out, e := ctl(t, "", "-data", dir, "backup", "-to", usb)
	if code != 0 || !strings.Contains(out, "备份完成") || !strings.Contains(out, "记录共 1 条") || !strings.Contains(out, "-密钥.age") {
		t.Fatalf("backup: %d %q %q", code, out, e)
	}
	t.Setenv("FRONTDESK_BACKUP_PASSPHRASE", "backup-pass-1")
	files, _ := store.Backups(usb)
	if len(files) != 1 {
		t.Fatalf("backups on the stick: %v", files)
	}
	if raw, _ := os.ReadFile(filepath.Join(dir, store.DBFileName)); bytes.Contains(raw, []byte("backup-pass-1")) {
		t.Error("the store holds the backup passphrase")
	}
	if code, out, _ := ctl(t, "", "verify", files[0]); code != 0 || !strings.Contains(out, "备份完好") {
		t.Errorf("verify: %d %q", code, out)
	}
	t.Setenv("FRONTDESK_BACKUP_PASSPHRASE", "wrong-pass")
	if code, _, e := ctl(t, "", "verify", files[0]); code == 0 || !strings.Contains(e, "密码不正确") {
		t.Errorf("verify with a wrong passphrase: %d %q", code, e)
	}
	t.Setenv("FRONTDESK_BACKUP_PASSPHRASE", "backup-pass-1")
	raw, _ := os.ReadFile(files[0])
	cut := filepath.Join(usb, "cut.age")
	os.WriteFile(cut, raw[:len(raw)-100], 0o600)
	key, _ := os.ReadFile(store.KeyFileFor(files[0]))
	os.WriteFile(store.KeyFileFor(cut), key, 0o600)
	if code, _, e := ctl(t, "", "verify", cut); code == 0 || !strings.Contains(e, "损坏") {
		t.Errorf("verify a cut file: %d %q", code, e)
	}
	// Without the key file beside it: the data folder's store key opens it; without either, it is said.
	moved := filepath.Join(t.TempDir(), filepath.Base(files[0]))
	os.WriteFile(moved, raw, 0o600)
	if code, out, e := ctl(t, "", "-data", dir, "verify", moved); code != 0 || !strings.Contains(out, "备份完好") {
		t.Errorf("verify with the store's key: %d %q %q", code, out, e)
	}
	if code, _, e := ctl(t, "", "-data", t.TempDir(), "verify", moved); code == 0 || !strings.Contains(e, "密钥文件") {
		t.Errorf("verify without a key: %d %q", code, e)
	}
	if code, _, e := ctl(t, "", "-data", dir, "restore", files[0]); code == 0 || !strings.Contains(e, "已有数据") {
		t.Errorf("restore over the running store: %d %q", code, e)
	}
	fresh := filepath.Join(t.TempDir(), "new")
	if code, out, e := ctl(t, "", "-data", fresh, "restore", files[0]); code != 0 || !strings.Contains(out, "已恢复") {
		t.Fatalf("restore: %d %q %q", code, out, e)
	}
	if code, out, _ := ctl(t, "", "-data", fresh, "check"); code != 0 || !strings.Contains(out, "共 1 条记录") {
		t.Errorf("check of the restored store: %d %q", code, out)
	}
}

// read-card is the installer's check of the reader; without one (any machine but Windows with a
// vendor DLL) it says so and fails, and a bad -wait is a usage error.
func TestReadCardWithoutReader(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a Windows machine may have a reader")
	}
	if code, _, e := ctl(t, "", "read-card", "-wait", "1"); code != 1 || !strings.Contains(e, "未检测到身份证读卡器") {
		t.Errorf("read-card: %d %q", code, e)
	}
	if code, _, _ := ctl(t, "", "read-card", "-wait", "x"); code != 2 {
		t.Errorf("read-card -wait x: exit %d; want 2", code)
	}
}

// addFrom adds a record made from the form's example with some values changed (nil removes one) and
// returns its serial.
func addFrom(t *testing.T, dir, kind string, set map[string]any) string {
	t.Helper()
	code, ex, e := ctl(t, "", "-data", dir, "example", kind)
	if code != 0 {
		t.Fatalf("example %s: %s", kind, e)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(ex), &m); err != nil {
		t.Fatalf("example %s: %v", kind, err)
	}
	for k, v := range set {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	b, _ := json.Marshal(m)
	code, out, e := ctl(t, string(b), "-data", dir, "add", kind, "-json", "-")
	if code != 0 {
		t.Fatalf("add %s: %s\n%s", kind, e, b)
	}
	return strings.TrimSpace(out)
}

// workday is a working day some days ahead at 09:00, so a permit from 09:00 to 12:00 on it needs no
// manager and has not begun.
func workday(t *testing.T) time.Time {
	t.Helper()
	d := time.Now().In(data.Shanghai).AddDate(0, 0, 2)
	d = time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, data.Shanghai)
	for i := 0; i < 30; i++ {
		if rest, _ := data.RestDay(d); !rest {
			return d
		}
		d = d.AddDate(0, 0, 1)
	}
	t.Fatal("no working day within a month")
	return d
}

type stepsOut struct {
	Serial, Form, Kind, State string
	Steps                     []struct {
		Key, Name, To, Hint string
		Fields              []struct {
			Key, Label, Type string
			Required         bool
		}
	}
}

func stepKeys(v stepsOut) []string {
	var keys []string
	for _, st := range v.Steps {
		keys = append(keys, st.Key)
	}
	return keys
}

// The forms' lives at the console: the steps a person may take, taking them, and the due list.
func TestFlowCommands(t *testing.T) {
	dir := accountsDir(t)
	day := workday(t)
	hot := map[string]any{"start": day.Format(data.LayoutDateTime), "end": day.Add(3 * time.Hour).Format(data.LayoutDateTime)}
	permit := addFrom(t, dir, "hotwork", hot)
	other := addFrom(t, dir, "hotwork", hot)
	visitor := addFrom(t, dir, "visitor", map[string]any{"exit_time": nil})
	gone := addFrom(t, dir, "visitor", map[string]any{"exit_time": nil})
	show := func(t *testing.T, serial string) (string, string) {
		t.Helper()
		code, out, e := ctl(t, "", "-data", dir, "-user", "supervisor", "show", serial)
		var v struct{ Record struct{ State string } }
		if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
			t.Fatalf("show %s: %d %s", serial, code, e)
		}
		return v.Record.State, out
	}
	_, before := show(t, permit)
	unchanged := func(t *testing.T) {
		if _, now := show(t, permit); now != before {
			t.Errorf("a refused step changed the permit:\n%s", now)
		}
	}
	stepsJSON := func(want []string, absent ...string) func(*testing.T, string) {
		return func(t *testing.T, out string) {
			var v stepsOut
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("steps -json: %v\n%s", err, out)
			}
			if v.Serial != permit || v.Kind != "hotwork" || v.Form != "《动火许可证》" || v.State != "申请中" {
				t.Errorf("steps -json header: %+v", v)
			}
			got := strings.Join(stepKeys(v), " ")
			for _, k := range want {
				if !strings.Contains(" "+got+" ", " "+k+" ") {
					t.Errorf("steps %v lack %s", got, k)
				}
			}
			for _, k := range absent {
				if strings.Contains(" "+got+" ", " "+k+" ") {
					t.Errorf("steps %v offer %s", got, k)
				}
			}
			if v.Steps == nil {
				t.Errorf("steps is null, want []: %s", out)
			}
			for _, st := range v.Steps {
				if st.Key == "reject" && (len(st.Fields) != 1 || st.Fields[0].Label != "驳回原因" || !st.Fields[0].Required || st.To != "已驳回") {
					t.Errorf("reject step: %+v", st)
				}
			}
		}
	}
	dueJSON := func(t *testing.T, out string) {
		var ms []data.Matter
		if err := json.Unmarshal([]byte(out), &ms); err != nil {
			t.Fatalf("due -json: %v\n%s", err, out)
		}
		found := false
		for _, m := range ms {
			if m.Serial == gone {
				t.Errorf("due lists a visitor who left: %+v", m)
			}
			if m.Serial == visitor {
				found = true
				if !m.Overdue || m.Minutes == nil || *m.Minutes >= 0 || m.State != "逗留超时" || !m.Mine || len(m.Next) == 0 {
					t.Errorf("visitor in due -json: %+v", m)
				}
			}
		}
		if !found {
			t.Errorf("due -json lacks %s:\n%s", visitor, out)
		}
	}
	far := "2030-01-01 10:00"
	runCases(t, dir, []ctlCase{
		{name: "clerk sees no approval", args: []string{"steps", permit},
			out: []string{permit, "《动火许可证》", "申请中", "现在没有您可以进行的步骤", "批准"}},
		{name: "clerk steps -json", args: []string{"steps", permit, "-json"}, check: stepsJSON(nil, "approve", "reject")},
		{name: "supervisor steps", user: "supervisor", args: []string{"steps", permit},
			out: []string{"当前状态：申请中", "approve", "→ 已批准", "reject", "rejected_reason 驳回原因*"}},
		{name: "supervisor steps -json", user: "supervisor", args: []string{"steps", "-json", permit}, check: stepsJSON([]string{"approve", "reject"}, "close")},
		{name: "clerk approves", args: []string{"step", permit, "approve"}, code: 1, err: []string{"没有权限批准动火作业"},
			check: func(t *testing.T, _ string) { unchanged(t) }},
		{name: "reject without reason", user: "supervisor", args: []string{"step", permit, "reject"}, code: 1, err: []string{"驳回原因"},
			check: func(t *testing.T, _ string) { unchanged(t) }},
		{name: "reject with an empty reason", user: "supervisor", stdin: `{"rejected_reason": ""}`, args: []string{"step", permit, "reject", "-json", "-"},
			code: 1, err: []string{"驳回原因"}, check: func(t *testing.T, _ string) { unchanged(t) }},
		{name: "unknown field", user: "supervisor", stdin: `{"why": "x"}`, args: []string{"step", permit, "reject", "-json", "-"},
			code: 1, err: []string{"没有字段 why"}, check: func(t *testing.T, _ string) { unchanged(t) }},
		{name: "unknown step", user: "supervisor", args: []string{"step", permit, "nosuch"}, code: 1, err: []string{"没有“nosuch”这一步", "approve（批准）"}},
		{name: "unknown serial", args: []string{"step", "DH-19990101-001", "approve"}, code: 1, err: []string{"找不到这条记录"}},
		{name: "step without its key", args: []string{"step", permit}, code: 2},
		{name: "supervisor approves", user: "supervisor", args: []string{"step", permit, "approve"}, out: []string{permit + " 已批准"},
			check: func(t *testing.T, _ string) {
				if st, out := show(t, permit); st != "approved" || !strings.Contains(out, `"approved_by": "王主管"`) {
					t.Errorf("show after approval: state %q\n%s", st, out)
				}
			}},
		{name: "approve twice", user: "supervisor", args: []string{"step", permit, "approve"}, code: 1, err: []string{"现在是“已批准”", "不能进行“批准”"}},
		{name: "clerk steps after approval", args: []string{"steps", permit}, out: []string{"已批准", "end_work", "close", "closed_by 完工检查人*"}},
		{name: "reject with a reason", user: "supervisor", stdin: `{"rejected_reason": "灭火器不足"}`, args: []string{"step", other, "reject", "-json", "-"},
			out: []string{other + " 已驳回"}},
		{name: "nothing left", args: []string{"steps", other}, out: []string{"已驳回", "已办结"}},
		{name: "visitor steps", args: []string{"steps", visitor}, out: []string{"在场", "checkout", "离开登记", "→ 已离开"}},
		{name: "checkout", args: []string{"step", gone, "checkout"}, out: []string{gone + " 已离开"}},
		{name: "checkout twice", args: []string{"step", gone, "checkout"}, code: 1, err: []string{"不能进行“离开登记”"}},
		{name: "due later", args: []string{"due", "-at", far}, out: []string{"截至 2030-01-01 10:00", visitor, "逗留超时", "离开登记", " -"}},
		{name: "due -json", args: []string{"due", "-at", far, "-json"}, check: dueJSON},
		{name: "due now", args: []string{"due"}, out: []string{visitor, "在场", "剩余"}},
		{name: "due bad -at", args: []string{"due", "-at", "2030-01-01"}, code: 2, err: []string{"-at 时间格式"}},
		{name: "due by the administrator", user: "admin", args: []string{"due"}, code: 1, err: []string{"没有权限"}},
	})
	// A store where nothing is open lists no matter: [] in JSON, never null.
	empty := accountsDir(t)
	if code, out, e := ctl(t, "", "-data", empty, "due", "-json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("due -json of an empty store: %d %q %q", code, out, e)
	}
	if code, out, _ := ctl(t, "", "-data", empty, "due"); code != 0 || !strings.Contains(out, "没有待办事项") {
		t.Errorf("due of an empty store: %d %q", code, out)
	}
}

// A command that only reads leaves the data file as it was, byte for byte: opening the store, logging
// in, listing, searching, showing a record, the open matters and their steps, a report and a check.
func TestReadingCommandsDoNotWrite(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FRONTDESK_USER", "clerk")
	t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
	if code, _, e := ctl(t, "", "-data", dir, "demo", "-seed", "3", "-days", "3", "-end", "2026-11-27"); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	// The first open after the demo may still index its last records; after that, a read is a read.
	if code, _, e := ctl(t, "", "-data", dir, "list", "visitor", "-limit", "1"); code != 0 {
		t.Fatalf("list: %d %s", code, e)
	}
	_, out, _ := ctl(t, "", "-data", dir, "list", "visitor", "-limit", "1", "-csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("list -csv: %v %s", err, out)
	}
	serial := rows[1][0]
	db := filepath.Join(dir, store.DBFileName)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"list", "visitor"}, {"list", "visitor", "-q", "张"}, {"list", "visitor", "-q", "粤B"}, {"list", "release", "-q", "FX-2026"},
		{"show", serial}, {"due"}, {"steps", serial}, {"report", "-month", "2026-11"}, {"check"}, {"forms"},
	} {
		if code, _, e := ctl(t, "", append([]string{"-data", dir}, args...)...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, e)
		}
		after, _ := os.ReadFile(db)
		if !bytes.Equal(before, after) {
			t.Fatalf("%v changed the data file", args)
		}
	}
}

// print never writes into the data folder, and never overwrites a file that is not a PDF: the store
// itself, by any path to it, stays whole (#12 item 1). A PDF printed earlier may be printed over.
func TestPrintRefusesToOverwriteTheStore(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FRONTDESK_USER", "clerk")
	t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
	if code, _, e := ctl(t, "", "-data", dir, "demo", "-seed", "5", "-days", "2", "-end", "2026-11-27"); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	_, out, _ := ctl(t, "", "-data", dir, "list", "visitor", "-limit", "1", "-csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("list: %v", err)
	}
	serial := rows[1][0]
	db := filepath.Join(dir, store.DBFileName)
	before, _ := os.ReadFile(db)
	other := filepath.Join(t.TempDir(), "backup.age")
	os.WriteFile(other, []byte("age-encryption.org/v1\n"), 0o600)
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(dir, link)
	for _, target := range []string{db, filepath.Join(dir, "new.pdf"), filepath.Join(dir, "backups", "x.pdf"), filepath.Join(link, store.DBFileName), other, t.TempDir()} {
		code, _, e := ctl(t, "", "-data", dir, "print", serial, "-o", target)
		if code != 1 || !strings.Contains(e, "不") || strings.ContainsAny(e, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("print -o %s: exit %d, %q", target, code, e)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("the data file changed")
	}
	if b, _ := os.ReadFile(other); string(b) != "age-encryption.org/v1\n" {
		t.Fatal("a file that is not a PDF was overwritten")
	}
	pdf := filepath.Join(t.TempDir(), "slip.pdf")
	for i := 0; i < 2; i++ {
		if code, _, e := ctl(t, "", "-data", dir, "print", serial, "-o", pdf); code != 0 {
			t.Fatalf("print %d: %d %s", i, code, e)
		}
	}
}

// Console input and output that looks like something else (#12 items 12, 13, 15): a value that would
// be a formula in Excel is written as text in the CSV, which starts with a byte-order mark; a line
// break cannot make up rows of the table; JSON from Notepad (with its byte-order mark) is read, and
// trailing content, another encoding and broken JSON are refused in Chinese.
func TestConsoleInputAndOutputCannotBeForged(t *testing.T) {
	dir := accountsDir(t)
	_, ex, _ := ctl(t, "", "-data", dir, "example", "release")
	var in map[string]any
	if err := json.Unmarshal([]byte(ex), &in); err != nil {
		t.Fatal(err)
	}
	in["carrier"] = "=cmd|' /C calc'!A0"
	b, _ := json.Marshal(in)
	if code, _, e := ctl(t, "\ufeff"+string(b), "-data", dir, "add", "release", "-json", "-"); code != 0 {
		t.Fatalf("add with a byte-order mark: %d %s", code, e)
	}
	in["carrier"] = "顺心搬家\nFX-20261127-999  已放行"
	b, _ = json.Marshal(in)
	if code, _, e := ctl(t, string(b), "-data", dir, "add", "release", "-json", "-"); code != 1 || !strings.Contains(e, "不能换行") {
		t.Errorf("a line break in a one-line field: %d %q", code, e)
	}
	_, out, _ := ctl(t, "", "-data", dir, "list", "release", "-csv")
	if !strings.HasPrefix(out, data.UTF8BOM) {
		t.Error("CSV without a byte-order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, data.UTF8BOM))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv: %v %d rows", err, len(rows))
	}
	for _, cell := range rows[1] {
		if strings.HasPrefix(cell, "=") {
			t.Errorf("a cell starts a formula: %q", cell)
		}
	}
	if !strings.Contains(out, "'=cmd|") {
		t.Errorf("the value is not kept as text: %q", out)
	}
	for _, bad := range []string{string(b[:len(b)-1]), string(b) + `{"x":1}`, string(b) + " 多余", "[1,2]", "\xff\xfe{}", "null"} {
		code, _, e := ctl(t, bad, "-data", dir, "add", "release", "-json", "-")
		if code != 1 || !strings.Contains(e, "JSON格式有误") || strings.ContainsAny(e, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("add %.20q: %d %q", bad, code, e)
		}
	}
}

// example runs without a login, so it never shows the registry's residents (#12 item 8).
func TestExampleNeverShowsTheRegistry(t *testing.T) {
	dir := accountsDir(t)
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 30; i++ {
		if _, err := s.PutHousehold(data.System, store.Household{Unit: fmt.Sprintf("9-1-%d01", i+1), Owner: "欧阳秘密", OwnerPhone: "13900009999", Occupied: true}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	t.Setenv("FRONTDESK_USER", "")
	for _, kind := range []string{"release", "visitor", "repair", "complaint"} {
		for i := 0; i < 5; i++ {
			_, out, _ := ctl(t, "", "-data", dir, "example", kind)
			if strings.Contains(out, "欧阳秘密") || strings.Contains(out, "13900009999") {
				t.Fatalf("example %s shows a resident: %s", kind, out)
			}
		}
	}
}

// show masks a phone in the history and the amendments as it does in the record, for a person who
// sees phones masked (#12 item 9).
func TestShowMasksTheHistory(t *testing.T) {
	dir := accountsDir(t)
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, ex, _ := ctl(t, "", "-data", dir, "example", "visitor")
	f, _ := data.FormByKey("visitor")
	in, err := data.ParseFlatJSON(f, []byte(ex))
	if err != nil {
		t.Fatal(err)
	}
	in.Values["phone"] = "13811112222"
	clerk := data.Actor{Login: "clerk", Name: "陈佳", Role: data.RoleClerk}
	in.Values["clerk"] = clerk.Name
	rec, err := s.Create(clerk, "visitor", in)
	if err != nil {
		t.Fatal(err)
	}
	in.Values["phone"] = "13933334444"
	if _, err := s.Update(data.Actor{Login: "supervisor", Name: "王主管", Role: data.RoleSupervisor}, "visitor", rec.ID, rec.Version, in); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, out, e := ctl(t, "", "-data", dir, "show", rec.Serial)
	if out == "" || strings.Contains(out, "13811112222") || strings.Contains(out, "13933334444") || !strings.Contains(out, "139****4444") {
		t.Errorf("show as a clerk: %s %s", out, e)
	}
}

// A data folder whose place holds a file, and a data file whose place holds a folder: said in Chinese,
// nothing made in their place (#12 item 4).
func TestDataFolderThatIsNotAFolder(t *testing.T) {
	t.Setenv("FRONTDESK_USER", "clerk")
	t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
	file := filepath.Join(t.TempDir(), "notafolder")
	os.WriteFile(file, []byte("x"), 0o600)
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, store.DBFileName), 0o700)
	for _, d := range []string{file, dir} {
		for _, args := range [][]string{{"list", "visitor"}, {"check"}} {
			code, _, e := ctl(t, "", append([]string{"-data", d}, args...)...)
			if code == 0 || e == "" || strings.ContainsAny(e, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("%s %v: exit %d, %q", d, args, code, e)
			}
		}
	}
	if b, _ := os.ReadFile(file); string(b) != "x" {
		t.Error("the file in the data folder's place changed")
	}
}

var (
	damagedOnce sync.Once
	damagedBase []byte
)

// A data file cut anywhere or with any byte changed never crashes a command: it answers, or says the
// file is damaged in Chinese, never with a stack trace (#12 item 4).
func FuzzDamagedDataFile(f *testing.F) {
	for _, s := range []struct {
		cut  uint32
		at   uint32
		flip byte
	}{{0, 0, 0}, {4096, 0, 0}, {100 << 10, 0, 0}, {0, 16, 0xff}, {0, 4096 + 40, 1}, {0, 3 * 4096, 0x55}, {0, 20 * 4096, 0xff}, {0, 8 * 4096, 0x80}} {
		f.Add(s.cut, s.at, s.flip)
	}
	f.Fuzz(func(t *testing.T, cut, at uint32, flip byte) {
		damagedOnce.Do(func() {
			dir, _ := os.MkdirTemp("", "frontdesk-fuzz-")
			defer os.RemoveAll(dir)
			t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
			if code, _, e := ctl(t, "", "-data", dir, "demo", "-seed", "2", "-days", "2", "-end", "2026-11-27"); code != 0 {
				t.Fatalf("demo: %s", e)
			}
			damagedBase, _ = os.ReadFile(filepath.Join(dir, store.DBFileName))
		})
		b := append([]byte{}, damagedBase...)
		if cut > 0 {
			b = b[:int(cut)%len(b)]
		}
		if len(b) > 0 {
			b[int(at)%len(b)] ^= flip
		}
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, store.DBFileName), b, 0o600)
		t.Setenv("FRONTDESK_USER", "manager")
		t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
		for _, args := range [][]string{{"list", "visitor", "-q", "张"}, {"check"}, {"due"}} {
			_, _, e := ctl(t, "", append([]string{"-data", dir}, args...)...)
			if strings.Contains(e, "goroutine") || strings.Contains(e, "panic") {
				t.Fatalf("%v: %s", args, e)
			}
		}
	})
}

// The monthly report prints the audit chain's head; check -anchor compares the file with a printed one
// (#12 item 17).
func TestCheckAgainstAPrintedAnchor(t *testing.T) {
	dir := accountsDir(t)
	_, ex, _ := ctl(t, "", "-data", dir, "example", "visitor")
	ctl(t, ex, "-data", dir, "add", "visitor", "-json", "-")
	t.Setenv("FRONTDESK_USER", "manager")
	code, out, e := ctl(t, "", "-data", dir, "report")
	i := strings.Index(out, "审计记录校验码：")
	if code != 0 || i < 0 {
		t.Fatalf("report: %d %q %q", code, out, e)
	}
	printed := strings.SplitN(out[i+len("审计记录校验码："):], "（", 2)[0]
	if code, out, e := ctl(t, "", "-data", dir, "check", "-anchor", printed); code != 0 || !strings.Contains(out, "检查通过") {
		t.Errorf("check -anchor %q: %d %q %q", printed, code, out, e)
	}
	a, _ := store.ParseAnchor(printed)
	other := fmt.Sprintf("%d:%s", a.Seq, strings.Repeat("0", 16))
	if code, _, e := ctl(t, "", "-data", dir, "check", "-anchor", other); code != 1 || !strings.Contains(e, "改写") {
		t.Errorf("check -anchor with another hash: %d %q", code, e)
	}
	later := fmt.Sprintf("%d:%s", a.Seq+50, a.Hash)
	if code, _, e := ctl(t, "", "-data", dir, "check", "-anchor", later); code != 1 || !strings.Contains(e, "截尾") {
		t.Errorf("check -anchor beyond the file: %d %q", code, e)
	}
	if code, _, e := ctl(t, "", "-data", dir, "check", "-anchor", "abc"); code != 2 || !strings.Contains(e, "格式") {
		t.Errorf("check -anchor abc: %d %q", code, e)
	}
}

// A branch page whose child pointer is damaged to point at itself makes bbolt's descent go round for
// ever, until the Go runtime ends the process (what the damaged-file fuzzer met about once in 100 s):
// every command says the file is damaged instead (#12 item 4).
func TestAPageCycleIsDamageNotAHang(t *testing.T) {
	src := t.TempDir()
	t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
	if code, _, e := ctl(t, "", "-data", src, "demo", "-seed", "2", "-days", "2", "-end", "2026-11-27"); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	b, _ := os.ReadFile(filepath.Join(src, store.DBFileName))
	le := binary.LittleEndian
	t.Setenv("FRONTDESK_USER", "manager")
	damaged := 0
	for id := 2; (id+1)*4096 <= len(b); id++ {
		p := b[id*4096:]
		if le.Uint16(p[8:]) != 0x01 || le.Uint64(p) != uint64(id) {
			continue // not a branch page
		}
		c := append([]byte{}, b...)
		le.PutUint64(c[id*4096+16+8:], uint64(id)) // its first child: itself
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, store.DBFileName), c, 0o600)
		for _, args := range [][]string{{"check"}, {"list", "visitor", "-q", "张"}, {"due"}, {"add", "visitor", "-json", "-"}} {
			code, _, e := ctl(t, "", append([]string{"-data", dir}, args...)...)
			if strings.Contains(e, "goroutine") || strings.Contains(e, "panic") {
				t.Fatalf("page %d %v: %s", id, args, e)
			}
			if code == 1 && strings.Contains(e, "损坏") && args[0] == "check" {
				damaged++
			}
		}
	}
	// Branch pages that are free (an old copy) change nothing when damaged; those in the tree must be
	// said to be damage.
	if damaged == 0 {
		t.Error("no self-pointing branch page was reported as damage")
	}
	t.Logf("%d damaged stores reported", damaged)
}

// Read-only media (a write-protected stick): reading commands work, writing ones say in Chinese that
// the media is read-only (#12 item 4). The test runs as root, where file permissions do not hold, so the
// store is put on a file system mounted read-only.
func TestReadOnlyMedia(t *testing.T) {
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, out)
	}
	defer exec.Command("umount", "-l", mnt).Run()
	dir := filepath.Join(mnt, "data")
	t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
	if code, _, e := ctl(t, "", "-data", dir, "demo", "-seed", "2", "-days", "2", "-end", "2026-11-27"); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	t.Setenv("FRONTDESK_USER", "clerk")
	_, ex, _ := ctl(t, "", "-data", dir, "example", "visitor")
	if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only (%v: %s)", err, out)
	}
	t.Setenv("FRONTDESK_USER", "manager")
	for _, args := range [][]string{{"list", "visitor", "-q", "张"}, {"check"}, {"due"}, {"report", "-month", "2026-11"}} {
		if code, out, e := ctl(t, "", append([]string{"-data", dir}, args...)...); code != 0 || out == "" {
			t.Errorf("%v on read-only media: %d %q", args, code, e)
		}
	}
	t.Setenv("FRONTDESK_USER", "clerk")
	code, _, e := ctl(t, ex, "-data", dir, "add", "visitor", "-json", "-")
	if code != 1 || !strings.Contains(e, "只读") {
		t.Errorf("add on read-only media: %d %q", code, e)
	}
	for _, english := range []string{"read-only file system", "invalid", "permission denied", "goroutine"} {
		if strings.Contains(strings.ToLower(e), english) {
			t.Errorf("add on read-only media says %q: %q", english, e)
		}
	}
}

// reanchor is the administrator's: a clerk is refused, the administrator's is said and audited.
func TestReanchorCommand(t *testing.T) {
	dir := accountsDir(t)
	if code, _, e := ctl(t, "", "-data", dir, "reanchor"); code != 1 || !strings.Contains(e, "没有权限") {
		t.Errorf("clerk reanchors: %d %q", code, e)
	}
	t.Setenv("FRONTDESK_USER", "admin")
	if code, out, e := ctl(t, "", "-data", dir, "reanchor"); code != 0 || !strings.Contains(out, "已重新记下审计记录校验码") {
		t.Errorf("admin reanchors: %d %q %q", code, out, e)
	}
	if code, out, _ := ctl(t, "", "-data", dir, "check"); code != 0 {
		t.Errorf("check after reanchor: %d %q", code, out)
	}
}

// The flag package's errors are said in Chinese.
func TestFlagErrorsInChinese(t *testing.T) {
	dir := accountsDir(t)
	for args, want := range map[string]string{"-bogus": "没有这个选项：-bogus", "-limit abc": "选项 -limit 的值不对", "-limit": "选项后面缺少值"} {
		code, _, e := ctl(t, "", append([]string{"-data", dir, "list", "visitor"}, strings.Fields(args)...)...)
		if code != 2 || !strings.Contains(e, want) || strings.Contains(e, "flag") {
			t.Errorf("list visitor %s: %d %q", args, code, e)
		}
	}
}

// A complaint's life driven from the console: on the due list with its 2-hour reply clock, answered,
// done, refused a close without its revisit, revisited; a repair priced from the approved schedule.
func TestServiceLivesAtTheConsole(t *testing.T) {
	dir := accountsDir(t)
	now := time.Now().In(data.Shanghai)
	recv := now.Add(-30 * time.Minute).Format(data.LayoutDateTime)
	c := addFrom(t, dir, "complaint", map[string]any{"validity": service.ComplaintValid, "received": recv})
	next := now.Add(26 * time.Hour).Format(data.LayoutDateTime)
	reply := fmt.Sprintf(`{"reply_time": %q, "reply_way": "电话", "reply_content": "已通知工程部", "next_reply": %q}`, now.Format(data.LayoutDateTime), next)
	fees := addFrom(t, dir, "fees", map[string]any{"effective": now.AddDate(0, 0, -1).Format(data.LayoutDate),
		"items": []map[string]any{{"item": "更换水龙头", "unit": "次", "price": "30.00"}}})
	wx := addFrom(t, dir, "repair", map[string]any{"report_time": recv, "appointment": now.Format(data.LayoutDateTime)})
	// Completed at the moment of the step: never before the dispatch, however long the steps before took.
	done := func() string {
		return fmt.Sprintf(`{"done_time": %q, "charges": [{"item": "更换水龙头", "qty": "3"}]}`, time.Now().In(data.Shanghai).Format(data.LayoutDateTime))
	}
	// Revisited at the moment of the step too: a slow run (the race detector) crosses a minute between
	// the finish and the revisit, and a revisit may not come before the work was done.
	revisit := func() string {
		return fmt.Sprintf(`{"revisit_time": %q, "satisfaction": "满意"}`, time.Now().In(data.Shanghai).Format(data.LayoutDateTime))
	}
	xlsx := filepath.Join(t.TempDir(), "月报.xlsx")
	defer func() {
		b, err := os.ReadFile(xlsx)
		if err != nil || !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			t.Errorf("the month report's spreadsheet: %v", err)
		}
	}()
	runCases(t, dir, []ctlCase{
		{name: "due: the reply clock", args: []string{"due"}, out: []string{c, "待答复", "答复", "剩余 1:"}},
		{name: "steps of a new complaint", args: []string{"steps", c}, out: []string{"reply", "答复", "next_reply 约定下次回复时间", "escalate"}},
		{name: "a clerk cannot decide validity", args: []string{"step", c, "decide", "-json", "-"}, stdin: `{"validity": "无效投诉", "validity_reason": "x"}`,
			code: 1, err: []string{"没有权限"}},
		{name: "answered without the next reply time", args: []string{"step", c, "reply", "-json", "-"},
			stdin: `{"reply_way": "电话", "reply_content": "处理中", "reply_time": "` + now.Format(data.LayoutDateTime) + `"}`, code: 1, err: []string{"约定下次回复时间"}},
		{name: "answered", args: []string{"step", c, "reply", "-json", "-"}, stdin: reply, out: []string{c + " 跟进中"}},
		{name: "due: the agreed next reply", args: []string{"due"}, out: []string{c, "跟进中", "约定回复"}},
		{name: "closing without the revisit", args: []string{"step", c, "close"}, code: 1, err: []string{"须回访后才能关闭"}},
		{name: "done", args: []string{"step", c, "finish", "-json", "-"}, stdin: `{"result": "已修复"}`, out: []string{c + " 待回访"}},
		{name: "revisited", args: []string{"step", c, "revisit", "-json", "-"}, stdinAt: revisit, out: []string{c + " 已关闭"}},
		{name: "the fee schedule is the manager's to approve", args: []string{"step", fees, "approve"}, code: 1, err: []string{"没有权限批准收费价格一览表"}},
		{name: "approved", user: "manager", args: []string{"step", fees, "approve"}, out: []string{fees + " 已批准"}},
		{name: "dispatched", args: []string{"step", wx, "dispatch", "-json", "-"}, stdin: `{"worker": "张师傅"}`, out: []string{wx + " 已派工"}},
		{name: "an item not in the schedule", args: []string{"step", wx, "complete", "-json", "-"},
			stdin: `{"done_time": "` + now.Format(data.LayoutDateTime) + `", "charges": [{"item": "换灯泡", "qty": "1"}]}`, code: 1, err: []string{"收费项目：请从列表中选择：更换水龙头"}},
		{name: "completed and priced", args: []string{"step", wx, "complete", "-json", "-"}, stdinAt: done, out: []string{wx + " 待回访"}},
		{name: "the fee", args: []string{"show", wx}, out: []string{`"fee": "90.00"`, `"price": "30.00"`}},
		{name: "due: the revisit by 2 working days", args: []string{"due"}, out: []string{wx, "待回访", "回访"}},
		{name: "the month report, computed", user: "supervisor", args: []string{"add", "complaint_month", "-json", "-"},
			stdin: `{"month": "` + now.Format(data.LayoutMonth) + `", "author": "王主管"}`, out: []string{"YB-"}},
		{name: "the month report for Excel", user: "supervisor", args: []string{"print", "YB-" + now.Format("20060102") + "-001", "-o", xlsx},
			out: []string{xlsx}},
	})
}

// ctlCase is one console command of a table test: who runs it with what input, the exit code, and
// what must appear on stdout and stderr.
type ctlCase struct {
	name, user, stdin string
	stdinAt           func() string // the input made when the command runs (a time of now)
	args              []string
	code              int
	out, err          []string // each must appear
	check             func(*testing.T, string)
}

// runCases runs console commands on a data folder in order, each as a subtest.
func runCases(t *testing.T, dir string, cases []ctlCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"-data", dir}
			if tc.user != "" {
				args = append(args, "-user", tc.user)
			}
			stdin := tc.stdin
			if tc.stdinAt != nil {
				stdin = tc.stdinAt()
			}
			code, out, e := ctl(t, stdin, append(args, tc.args...)...)
			if code != tc.code {
				t.Fatalf("%v: exit %d, want %d\nstdout %s\nstderr %s", tc.args, code, tc.code, out, e)
			}
			for _, w := range tc.out {
				if !strings.Contains(out, w) {
					t.Errorf("%v: stdout lacks %q:\n%s", tc.args, w, out)
				}
			}
			for _, w := range tc.err {
				if !strings.Contains(e, w) {
					t.Errorf("%v: stderr lacks %q:\n%s", tc.args, w, e)
				}
			}
			if tc.check != nil {
				tc.check(t, out)
			}
		})
	}
}

// The duty log's reading through the console: an entry makes the day due for the supervisor (a dash
// for its serial, 新建 for its step), not for the clerk; the clerk hands the day in, the supervisor
// signs it with `step`, and the day leaves the list.
func TestDutyLogReadingByConsole(t *testing.T) {
	dir := accountsDir(t)
	now := func() time.Time { return time.Now().In(data.Shanghai) }
	entry := func() string {
		return `{"time": "` + now().Format(data.LayoutDateTime) + `", "shift": "` + duty.ShiftOf(nil, "", now()) + `", "event_type": "报修", "urgency": "一般",
			"summary": "2-1-802 漏水，已通知工程部", "status": "跟进中", "clerk": "陈佳"}`
	}
	day := func() string { return `{"day": "` + now().Format(data.LayoutDate) + `"}` }
	var reading string
	runCases(t, dir, []ctlCase{
		{name: "an entry", stdinAt: entry, args: []string{"add", "duty_log", "-json", "-"}, out: []string{"ZB-"}},
		{name: "the supervisor's due", user: "supervisor", args: []string{"due"}, out: []string{"—", "《值班记录查阅》", "待查阅（", "1条）", "新建", "前查阅"}},
		{name: "not the clerk's", args: []string{"due"}, check: func(t *testing.T, out string) {
			if strings.Contains(out, "值班记录查阅") {
				t.Errorf("the clerk is asked to read the log:\n%s", out)
			}
		}},
		{name: "handed in", stdinAt: day, args: []string{"add", "log_read", "-json", "-"}, out: []string{"CY-"}, check: func(t *testing.T, out string) {
			reading = strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
		}},
		{name: "twice", stdinAt: day, args: []string{"add", "log_read", "-json", "-"}, code: 1, err: []string{"已送阅", "不要重复"}},
	})
	runCases(t, dir, []ctlCase{
		{name: "the clerk cannot sign", args: []string{"step", reading, "read"}, code: 1, err: []string{"没有权限查阅值班记录并签字"}},
		{name: "the supervisor signs", user: "supervisor", args: []string{"step", reading, "read", "-json", "-"}, stdin: `{"entry_1": "已阅"}`, out: []string{reading + " 已查阅"}},
		{name: "read", user: "supervisor", args: []string{"due"}, check: func(t *testing.T, out string) {
			if strings.Contains(out, "值班记录查阅") {
				t.Errorf("a day read is still due:\n%s", out)
			}
		}},
	})
}

// export and register write what list shows (the same dates and search) to a spreadsheet and a
// register; a wrong date, a missing or wrong output file and a clerk's export of the duty log are
// refused in Chinese, and nothing is written.
func TestExportAndRegisterCommands(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
	if code, _, e := ctl(t, "", "-data", dir, "demo", "-seed", "3", "-days", "5", "-end", "2026-11-27"); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	_, listed, _ := ctl(t, "", "-data", dir, "-user", "supervisor", "list", "visitor", "-from", "2026-11-26", "-csv", "-limit", "100000")
	want := strings.Count(listed, "\n") - 1
	xlsx := filepath.Join(out, "v.xlsx")
	code, o, e := ctl(t, "", "-data", dir, "-user", "supervisor", "export", "visitor", "-from", "2026-11-26", "-o", xlsx)
	if code != 0 || strings.TrimSpace(o) != xlsx || !strings.Contains(e, fmt.Sprintf("共 %d 条", want)) {
		t.Fatalf("export: %d %q %q (list has %d)", code, o, e, want)
	}
	pdf := filepath.Join(out, "d.pdf")
	if code, _, e := ctl(t, "", "-data", dir, "-user", "supervisor", "register", "duty_log", "-from", "2026-11-23", "-to", "2026-11-27", "-o", pdf); code != 0 {
		t.Fatalf("register: %d %s", code, e)
	}
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("register wrote %v", err)
	}
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-user", "clerk", "export", "duty_log", "-o", filepath.Join(out, "x.xlsx")}, "没有权限导出内部保密的记录"},
		{[]string{"-user", "supervisor", "export", "visitor", "-from", "2026-13-01", "-o", filepath.Join(out, "x.xlsx")}, "-from"},
		{[]string{"-user", "supervisor", "export", "visitor", "-from", "2026-11-27", "-to", "2026-11-01", "-o", filepath.Join(out, "x.xlsx")}, "-to 不能早于 -from"},
		{[]string{"-user", "supervisor", "export", "visitor", "-o", filepath.Join(out, "x.pdf")}, "用法"},
		{[]string{"-user", "supervisor", "register", "visitor"}, "用法"},
		{[]string{"-user", "supervisor", "export", "nosuch", "-o", filepath.Join(out, "x.xlsx")}, "没有表单"},
	} {
		code, _, e := ctl(t, "", append([]string{"-data", dir}, tt.args...)...)
		if code == 0 || !strings.Contains(e, tt.msg) {
			t.Errorf("%v: %d %q; want %q", tt.args, code, e, tt.msg)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 2 {
		t.Errorf("refused commands wrote files: %d in the folder", len(entries))
	}
}

// compliance prints the month's board, as a table or JSON with every rule's key, figure, target and
// verdict and the serials behind a red one; month-pack writes the PDF and the spreadsheet; a clerk
// has neither.
func TestComplianceAndMonthPackCommands(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	t.Setenv("FRONTDESK_PASSWORD", demo.DemoPassword)
	if code, _, e := ctl(t, "", "-data", dir, "demo", "-seed", "3", "-days", "30", "-end", "2026-11-27"); code != 0 {
		t.Fatalf("demo: %d %s", code, e)
	}
	code, o, e := ctl(t, "", "-data", dir, "-user", "supervisor", "compliance", "-month", "2026-11", "-json")
	var board struct {
		Month string
		Rows  []struct {
			Key, Name, Value, Target, Verdict string
			Serials                           []string
		}
	}
	if code != 0 || json.Unmarshal([]byte(o), &board) != nil || board.Month != "2026-11" || len(board.Rows) < 15 {
		t.Fatalf("compliance -json: %d %s %s", code, e, o)
	}
	verdicts := map[string]bool{}
	for _, r := range board.Rows {
		if r.Key == "" || r.Name == "" || r.Value == "" || r.Target == "" {
			t.Errorf("row %+v", r)
		}
		verdicts[r.Verdict] = true
		if r.Verdict == string(data.VerdictMissed) {
			for _, s := range r.Serials {
				if c, _, e := ctl(t, "", "-data", dir, "-user", "supervisor", "show", s); c != 0 {
					t.Errorf("%s behind %s does not show: %s", s, r.Key, e)
				}
			}
		}
	}
	// The demo month, over, is met or missed rule by rule: amber is only for a month under way.
	for _, v := range []data.Verdict{data.VerdictMet, data.VerdictMissed} {
		if !verdicts[string(v)] {
			t.Errorf("the demo month has no %s row", v)
		}
	}
	if verdicts[string(data.VerdictNear)] {
		t.Error("a month that is over has an undecided (amber) row")
	}
	code, o, _ = ctl(t, "", "-data", dir, "-user", "supervisor", "compliance", "-month", "2026-11")
	if code != 0 || !strings.Contains(o, "2026年11月 本月达标") || !strings.Contains(o, "未达标") {
		t.Errorf("compliance table: %s", o)
	}
	code, o, e = ctl(t, "", "-data", dir, "-user", "manager", "month-pack", "-month", "2026-11", "-o", out)
	if code != 0 || !strings.Contains(o, "2026-11 月度资料包.pdf") || !strings.Contains(o, "2026-11 月度资料包.xlsx") {
		t.Fatalf("month-pack: %d %s %s", code, o, e)
	}
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-user", "clerk", "compliance"}, "没有权限"},
		{[]string{"-user", "clerk", "month-pack", "-o", out}, "没有权限"},
		{[]string{"-user", "manager", "month-pack", "-month", "2026-13", "-o", out}, "-month"},
		{[]string{"-user", "manager", "month-pack"}, "用法"},
		{[]string{"-user", "manager", "month-pack", "-o", filepath.Join(dir, "sub")}, "数据文件夹"},
	} {
		code, _, e := ctl(t, "", append([]string{"-data", dir}, tt.args...)...)
		if code == 0 || !strings.Contains(e, tt.msg) {
			t.Errorf("%v: %d %q; want %q", tt.args, code, e, tt.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "sub")); err == nil {
		t.Error("a refused month pack made a folder in the data folder")
	}
}
