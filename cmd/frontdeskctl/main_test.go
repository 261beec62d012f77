package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"frontdesk/data/demo"
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
	dir := t.TempDir()
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
	if code != 0 || json.Unmarshal([]byte(out), &forms) != nil || len(forms) != 22 {
		t.Fatalf("forms -json: code %d, %d forms", code, len(forms))
	}
	for _, f := range forms {
		if f.Fields[0].Required == nil || f.Fields[0].Type == "" {
			t.Errorf("%s: field without type or required", f.Key)
		}
		code, ex, e := ctl(t, "", "-data", dir, "-user", "clerk", "example", f.Key)
		if code != 0 {
			t.Fatalf("example %s: %s", f.Key, e)
		}
		user := "clerk"
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
		if code != 0 || err != nil || len(rows) < 2 || rows[0][0] != "编号" || !strings.Contains(out, serial) {
			t.Errorf("list %s -csv: code %d, %d rows, has serial %v", f.Key, code, len(rows), strings.Contains(out, serial))
		}
		pdf := filepath.Join(dir, f.Key+".pdf")
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
	ctl(t, "", "-data", dir, "print", serial, "-o", filepath.Join(dir, "x.pdf"))
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

func TestImportHouseholdsCommand(t *testing.T) {
	dir := accountsDir(t)
	t.Setenv("FRONTDESK_USER", "manager")
	good := filepath.Join(dir, "业户.csv")
	os.WriteFile(good, []byte("楼栋,单元,房号,业主姓名,业主电话\n1,1,101,张伟,13812345678\n"), 0o600)
	if code, out, e := ctl(t, "", "-data", dir, "import-households", good); code != 0 || !strings.Contains(out, "已导入 1 户") {
		t.Errorf("import: %d %q %q", code, out, e)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("楼栋,单元,房号,业主姓名,业主电话\n1,1,102,李四,123\n"), 0o600)
	if code, _, e := ctl(t, "", "-data", dir, "import-households", bad); code != 1 || !strings.Contains(e, "第2行") {
		t.Errorf("bad import: %d %q", code, e)
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
	code, out, e := ctl(t, "", "-data", dir, "backup", "-to", usb)
	if code != 0 || !strings.Contains(out, "备份完成") || !strings.Contains(out, "记录共 1 条") {
		t.Fatalf("backup: %d %q %q", code, out, e)
	}
	files, _ := store.Backups(usb)
	if len(files) != 1 {
		t.Fatalf("backups on the stick: %v", files)
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
	if code, _, e := ctl(t, "", "verify", cut); code == 0 || !strings.Contains(e, "损坏") {
		t.Errorf("verify a cut file: %d %q", code, e)
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
