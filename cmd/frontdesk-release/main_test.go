package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"frontdesk/assets"
)

func TestTheInstallerSourceIsWellFormedAndInstallsEveryProgramPerMachine(t *testing.T) {
	var b bytes.Buffer
	if err := writeWXS(&b, "1.2.3", func(n string) string { return "../a&b/" + n }, "frontdesk.ico"); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(b.Bytes()))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, b.String())
		}
	}
	wxs := b.String()
	for _, want := range []string{
		`Name="小区客服前台"`, `Version="1.2.3"`, `UpgradeCode="` + upgradeCode + `"`, `InstallScope="perMachine"`,
		`<MajorUpgrade `, `Id="ProgramFiles64Folder"`, `Name="FRONTDSK|Frontdesk"`,
		`Name="FRONTDSK.EXE|frontdesk.exe" Source="../a&amp;b/frontdesk.exe"`,
		`Name="FDCTL.EXE|frontdeskctl.exe"`, `Name="FDIDREAD.EXE|frontdesk-idreader.exe"`,
		`<DirectoryRef Id="ProgramMenuFolder">`, `<DirectoryRef Id="DesktopFolder">`,
		`<Shortcut Id="MenuShortcut" Name="XQKFQT|小区客服前台"`, `Target="[INSTALLDIR]frontdesk.exe"`,
		`Id="ARPPRODUCTICON" Value="frontdesk.ico"`, `Manufacturer="Frontdesk"`,
	} {
		if !strings.Contains(wxs, want) {
			t.Errorf("the .wxs lacks %s", want)
		}
	}
	authored := regexp.MustCompile(`(?s)<!--.*?-->`).ReplaceAllString(wxs, "")
	for _, data := range []string{"ProgramData", "CommonAppDataFolder", "RemoveFolder", "CreateFolder", "RemoveFile"} {
		if strings.Contains(authored, data) {
			t.Errorf("the installer must neither make nor remove the data folder: it names %s", data)
		}
	}
	for _, id := range []string{"FrontdeskExe", "ConsoleExe", "IDReaderExe", "MenuShortcut", "DesktopShortcut"} {
		if !strings.Contains(wxs, `<ComponentRef Id="`+id+`"/>`) {
			t.Errorf("the feature lacks %s", id)
		}
	}
}

func TestTheIconHoldsTheSizesWindowsAsksFor(t *testing.T) {
	var b bytes.Buffer
	if err := writeICO(&b, assets.IconPNG); err != nil {
		t.Fatal(err)
	}
	ico := b.Bytes()
	le := binary.LittleEndian
	if le.Uint16(ico[0:]) != 0 || le.Uint16(ico[2:]) != 1 || le.Uint16(ico[4:]) != 4 {
		t.Fatalf("header % x", ico[:6])
	}
	for i, want := range []int{256, 48, 32, 16} {
		e := ico[6+16*i:]
		size, off := le.Uint32(e[8:]), le.Uint32(e[12:])
		img, err := png.Decode(bytes.NewReader(ico[off : off+size]))
		if err != nil {
			t.Fatalf("image %d: %v", i, err)
		}
		if img.Bounds().Dx() != want || img.Bounds().Dy() != want {
			t.Errorf("image %d is %v, want %d", i, img.Bounds(), want)
		}
	}
}

func TestOnlyVersionsWindowsInstallerComparesAreTaken(t *testing.T) {
	for v, ok := range map[string]bool{"0.1.0": true, "1.2.3": true, "255.255.65535": true,
		"": false, "1.2": false, "1.2.3.4": false, "256.0.0": false, "1.x.0": false, "v1.2.3": false, "1..3": false} {
		if validVersion(v) != ok {
			t.Errorf("validVersion(%q) = %v", v, !ok)
		}
	}
}

func TestAReleaseWithoutTheProgramsSaysToBuildThemFirst(t *testing.T) {
	var out bytes.Buffer
	err := release("0.1.0", t.TempDir(), t.TempDir(), "", "", "", &out)
	if err == nil || !strings.Contains(err.Error(), "请先运行 make windows") {
		t.Fatalf("err = %v", err)
	}
}

// The release from stand-in programs (wixl does not read them): the installer keeps its Chinese names,
// upgrades over the same version, and the zip holds the programs; unsigned, it says so.
// .ci/test-install builds the real one, signs it and installs it under Wine.
func TestAnUnsignedReleaseKeepsTheChineseNamesAndSaysItIsUnsigned(t *testing.T) {
	for _, tool := range []string{"wixl", "msibuild", "msiinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (Debian packages wixl, msitools; make test installs them)", tool)
		}
	}
	in, out := t.TempDir(), t.TempDir()
	for _, p := range programs {
		if err := os.WriteFile(filepath.Join(in, p.Name), []byte("MZ stand-in for "+p.Name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var say bytes.Buffer
	if err := release("0.9.1", in, out, "", "", "", &say); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(say.String(), "未签名") {
		t.Errorf("an unsigned build must say so: %s", say.String())
	}
	msi := filepath.Join(out, "frontdesk-0.9.1.msi")
	export := func(table string) string {
		b, err := exec.Command("msiinfo", "export", msi, table).Output()
		if err != nil {
			t.Fatal(table, err)
		}
		return strings.ReplaceAll(string(b), "\r", "")
	}
	for table, wants := range map[string][]string{
		"Property":        {"ProductName\t小区客服前台\n", "ProductVersion\t0.9.1\n", "Manufacturer\tFrontdesk\n", "ALLUSERS\t1\n"},
		"Shortcut":        {"MenuShortcut\tProgramMenuFolder\tXQKFQT|小区客服前台\t", "DesktopShortcut\tDesktopFolder\tXQKFQT|小区客服前台\t"},
		"Upgrade":         {"\t\t0.9.1\t\t513\t\tWIX_UPGRADE_DETECTED\n", "\t0.9.1\t\t\t2\t\tWIX_DOWNGRADE_DETECTED\n"},
		"File":            {"FRONTDSK.EXE|frontdesk.exe", "FDCTL.EXE|frontdeskctl.exe", "FDIDREAD.EXE|frontdesk-idreader.exe"},
		"LaunchCondition": {"NOT WIX_DOWNGRADE_DETECTED\t本机已安装更新版本的小区客服前台"},
	} {
		got := export(table)
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q:\n%s", table, w, got)
			}
		}
	}
	zr, err := zip.OpenReader(filepath.Join(out, "frontdesk-0.9.1-portable.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	want := "frontdesk-0.9.1/frontdesk.exe frontdesk-0.9.1/frontdeskctl.exe frontdesk-0.9.1/frontdesk-idreader.exe frontdesk-0.9.1/使用说明.txt"
	if strings.Join(names, " ") != want {
		t.Errorf("zip holds %v", names)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 2 {
		t.Errorf("the output folder holds more than the two files: %v", entries)
	}
}
