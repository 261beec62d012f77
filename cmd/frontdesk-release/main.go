// Command frontdesk-release packs the Windows build of `make windows` (frontdesk.exe, frontdeskctl.exe,
// frontdesk-idreader.exe) into the installer frontdesk-<version>.msi, built on Linux with msitools'
// wixl, and the portable frontdesk-<version>-portable.zip. With SIGN_CERT (a .pfx file) and SIGN_PASS
// in the environment it signs the three programs before packing and the installer after, with
// osslsigncode (SIGN_TIMESTAMP, a timestamp server's address, is added when set); without them it says
// that the build is unsigned. `make release` runs it.
package main

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/template"

	"frontdesk/assets"
)

const (
	productName = "小区客服前台"
	description = "小区物业客服中心前台台账"
	publisher   = "Frontdesk"
	// upgradeCode ties every version of the installer together (MajorUpgrade finds the installed
	// one by it): it never changes.
	upgradeCode = "6F1C3D2A-8B4E-4C57-9A1D-2E7F5B3C9D10"
	// msiCodepage is the codepage of the tables' strings: GBK, the Simplified Chinese Windows
	// codepage, which Windows Installer supports everywhere (UTF-8 only unofficially).
	msiCodepage = 936
)

// program is one of the installed files. Short is its 8.3 name, which Windows Installer's file names
// carry before the long one; GUID is its component's, the same in every version.
type program struct{ ID, Short, Name, GUID string }

var programs = []program{
	{"FrontdeskExe", "FRONTDSK.EXE", "frontdesk.exe", "0E79B2B0-43C7-452C-92E3-6843FEE0B9BA"},
	{"ConsoleExe", "FDCTL.EXE", "frontdeskctl.exe", "4ABF591E-D61F-4DC1-A345-2A7E5D9D2E95"},
	{"IDReaderExe", "FDIDREAD.EXE", "frontdesk-idreader.exe", "ECCDE2DD-8603-4DD3-B907-823AB1F85B40"},
}

// The shortcuts to the window program, on the common Start menu and desktop.
var shortcuts = []wxsShortcut{
	{ID: "MenuShortcut", Folder: "ProgramMenuFolder", Name: "XQKFQT|" + productName, Target: "frontdesk.exe", GUID: "C2E6D2D1-FEF9-4A68-8B5E-3AC43571E114"},
	{ID: "DesktopShortcut", Folder: "DesktopFolder", Name: "XQKFQT|" + productName, Target: "frontdesk.exe", GUID: "95AF4B56-66FC-4C0E-9C0E-F3F8A152677F"},
}

//go:embed frontdesk.wxs.tmpl
var wxsTemplate string

type wxsFile struct{ ID, Name, Source, GUID string }

type wxsShortcut struct{ ID, Folder, Name, Target, GUID string }

type wxsData struct {
	Name, Description, Publisher, Version, UpgradeCode, Dir, Icon string
	Files                                                         []wxsFile
	Shortcuts                                                     []wxsShortcut
}

var tmpl = template.Must(template.New("wxs").Funcs(template.FuncMap{"xml": xmlEscape}).Parse(wxsTemplate))

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// writeWXS fills the template: src gives each program's source path as wixl reads it (relative to
// the folder wixl runs in), icon the icon's.
func writeWXS(w io.Writer, version string, src func(name string) string, icon string) error {
	d := wxsData{Name: productName, Description: description, Publisher: publisher, Version: version,
		UpgradeCode: upgradeCode, Dir: "FRONTDSK|Frontdesk", Icon: icon, Shortcuts: shortcuts}
	for _, p := range programs {
		d.Files = append(d.Files, wxsFile{ID: p.ID, Name: p.Short + "|" + p.Name, Source: src(p.Name), GUID: p.GUID})
	}
	return tmpl.Execute(w, d)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("frontdesk-release", flag.ContinueOnError)
	fs.SetOutput(stderr)
	version := fs.String("version", "", "版本号，如 0.1.0")
	in := fs.String("dist", "dist", "make windows 生成的程序所在的文件夹")
	out := fs.String("out", "", "安装包和便携版的输出文件夹（默认同 -dist）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" {
		*out = *in
	}
	if err := release(*version, *in, *out, os.Getenv("SIGN_CERT"), os.Getenv("SIGN_PASS"), os.Getenv("SIGN_TIMESTAMP"), stdout); err != nil {
		fmt.Fprintln(stderr, "发布失败：", err)
		return 1
	}
	return 0
}

func release(version, in, out, cert, pass, timestamp string, stdout io.Writer) error {
	if !validVersion(version) {
		return fmt.Errorf("版本号 %q 不对：应为 主.次.修订，如 0.1.0", version)
	}
	for _, p := range programs {
		if _, err := os.Stat(filepath.Join(in, p.Name)); err != nil {
			return fmt.Errorf("缺少 %s：请先运行 make windows", filepath.Join(in, p.Name))
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var s *signer
	if cert != "" {
		s = &signer{cert: cert, pass: pass, timestamp: timestamp}
		for _, p := range programs {
			if err := s.sign(filepath.Join(in, p.Name)); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "已签名：%s\n", programNames())
	} else {
		fmt.Fprintln(stdout, "未签名：没有给出 SIGN_CERT 和 SIGN_PASS，程序和安装包都没有数字签名（Windows 会提示“未知发布者”）")
	}
	msi := filepath.Join(out, "frontdesk-"+version+".msi")
	if err := buildMSI(version, in, msi); err != nil {
		return err
	}
	if s != nil {
		if err := s.sign(msi); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "已签名：%s\n", filepath.Base(msi))
	}
	zip := filepath.Join(out, "frontdesk-"+version+"-portable.zip")
	if err := writePortable(zip, version, in); err != nil {
		return err
	}
	for _, f := range []string{msi, zip} {
		st, err := os.Stat(f)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "已生成 %s（%.1f MB）\n", f, float64(st.Size())/(1<<20))
	}
	return nil
}

func programNames() string {
	var n []string
	for _, p := range programs {
		n = append(n, p.Name)
	}
	return strings.Join(n, "、")
}

// validVersion accepts what Windows Installer compares: three numbers, the first two at most 255.
func validVersion(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return false
	}
	for i, p := range parts {
		n := 0
		if p == "" || len(p) > 5 {
			return false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return false
			}
			n = n*10 + int(c-'0')
		}
		if (i < 2 && n > 255) || n > 65535 {
			return false
		}
	}
	return true
}

// buildMSI writes the .wxs and the icon into a work folder beside the output, runs wixl there, and
// sets the tables' codepage. wixl stores the tables' strings in the codepage of the build machine's
// Windows language (libgsf reads it from WINDOWS_LANGUAGE, else the locale; Product/@Codepage sets only
// the summary information's), so it builds as if on a Chinese Windows, and msibuild then marks the
// database as GBK; it also puts in the Upgrade table (upgradeTable). The result is read back: a name wixl dropped fails the build.
func buildMSI(version, in, msi string) error {
	work, err := os.MkdirTemp(filepath.Dir(msi), ".msi-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	absIn, err := filepath.Abs(in)
	if err != nil {
		return err
	}
	absWork, err := filepath.Abs(work)
	if err != nil {
		return err
	}
	var ico bytes.Buffer
	if err := writeICO(&ico, assets.IconPNG); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(work, "frontdesk.ico"), ico.Bytes(), 0o644); err != nil {
		return err
	}
	var wxs bytes.Buffer
	// wixl takes only relative source paths, read from the folder it runs in.
	src := func(name string) string {
		r, err := filepath.Rel(absWork, filepath.Join(absIn, name))
		if err != nil {
			return filepath.Join(absIn, name)
		}
		return r
	}
	if err := writeWXS(&wxs, version, src, "frontdesk.ico"); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(work, "frontdesk.wxs"), wxs.Bytes(), 0o644); err != nil {
		return err
	}
	idts := map[string]string{
		"_ForceCodepage.idt": fmt.Sprintf("\r\n\r\n%d\t_ForceCodepage\r\n", msiCodepage),
		"Upgrade.idt":        upgradeTable(version),
	}
	for name, text := range idts {
		if err := os.WriteFile(filepath.Join(work, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	if err := tool(work, "wixl", "-a", "x64", "-o", "frontdesk.msi", "frontdesk.wxs"); err != nil {
		return err
	}
	if err := tool(work, "msibuild", "frontdesk.msi", "-i", "_ForceCodepage.idt", "-i", "Upgrade.idt"); err != nil {
		return err
	}
	props, err := output(work, "msiinfo", "export", "frontdesk.msi", "Property")
	if err != nil {
		return err
	}
	if !strings.Contains(props, "ProductName\t"+productName+"\r\n") {
		return fmt.Errorf("wixl 没有写入中文名称（ProductName）：%q", props)
	}
	return os.Rename(filepath.Join(work, "frontdesk.msi"), msi)
}

// upgradeTable is the Upgrade table MajorUpgrade means, with AllowSameVersionUpgrades, which wixl
// leaves out: an earlier version up to this one included (513: migrate features, maximum inclusive) is
// removed before this one installs, so a rebuild of the same version replaces the installed one instead
// of standing beside it in 应用和功能; a later one is only detected, and refuses the install.
func upgradeTable(version string) string {
	rows := []string{
		"UpgradeCode\tVersionMin\tVersionMax\tLanguage\tAttributes\tRemove\tActionProperty",
		"s38\tS20\tS20\tS255\ti4\tS255\ts72",
		"Upgrade\tUpgradeCode\tVersionMin\tVersionMax\tLanguage\tAttributes",
		"{" + upgradeCode + "}\t\t" + version + "\t\t513\t\tWIX_UPGRADE_DETECTED",
		"{" + upgradeCode + "}\t" + version + "\t\t\t2\t\tWIX_DOWNGRADE_DETECTED",
	}
	return strings.Join(rows, "\r\n") + "\r\n"
}

// tool runs one of msitools' programs in dir, as on a Chinese Windows (see buildMSI).
func tool(dir, name string, args ...string) error {
	_, err := output(dir, name, args...)
	return err
}

func output(dir, name string, args ...string) (string, error) {
	if _, err := exec.LookPath(name); err != nil {
		return "", fmt.Errorf("找不到 %s：请安装 Debian 软件包 wixl 和 msitools（make release 会自动安装）", name)
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WINDOWS_LANGUAGE=zh_CN")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s：%v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String(), nil
}

// signer signs files in place with osslsigncode. The password goes in a file only this user reads,
// never on a command line other users can list.
type signer struct{ cert, pass, timestamp string }

func (s *signer) sign(file string) error {
	if _, err := exec.LookPath("osslsigncode"); err != nil {
		return errors.New("找不到 osslsigncode：请安装 Debian 软件包 osslsigncode")
	}
	pw, err := os.CreateTemp("", "sign-pass-")
	if err != nil {
		return err
	}
	defer os.Remove(pw.Name())
	if _, err := pw.WriteString(s.pass); err != nil {
		pw.Close()
		return err
	}
	if err := pw.Close(); err != nil {
		return err
	}
	signed := file + ".signed"
	args := []string{"sign", "-pkcs12", s.cert, "-readpass", pw.Name(), "-n", productName, "-h", "sha256"}
	if s.timestamp != "" {
		args = append(args, "-t", s.timestamp)
	}
	args = append(args, "-in", file, "-out", signed)
	cmd := exec.Command("osslsigncode", args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Remove(signed)
		return fmt.Errorf("签名 %s 失败：%v\n%s", filepath.Base(file), err, out)
	}
	return os.Rename(signed, file)
}
