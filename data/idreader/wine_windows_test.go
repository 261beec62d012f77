package idreader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// These tests load the fake vendor DLLs of testdata/ through the real drivers. `make test-wine`
// builds the DLLs with mingw-w64, puts them beside this test binary and runs it under Wine; it sets
// FRONTDESK_WINE_TEST so that a missing DLL fails instead of skipping.

func wineDir(t *testing.T) string {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(exe)
	if _, err := os.Stat(filepath.Join(dir, "sdtapi.dll")); err != nil {
		if os.Getenv("FRONTDESK_WINE_TEST") != "" {
			t.Fatalf("the fake DLLs are not beside the test binary: %v", err)
		}
		t.Skip("the fake DLLs sit beside the test binary only under `make test-wine`")
	}
	return dir
}

// fakeEnv sets the fake reader's environment for one test: the port with the reader, and the card
// on it (nil: none). It answers the log of the DLL's calls and the card file, whose removal takes
// the card away. (Its folder is left to the script: RemoveAll fails under Wine 8.)
func fakeEnv(t *testing.T, port string, card []byte) (logFile, cardFile string) {
	exe, _ := os.Executable()
	dir, err := os.MkdirTemp(filepath.Dir(exe), "fake")
	if err != nil {
		t.Fatal(err)
	}
	logFile, cardFile = filepath.Join(dir, "calls.log"), filepath.Join(dir, "card.bin")
	t.Setenv("FAKE_READER_LOG", logFile)
	t.Setenv("FAKE_READER_PORT", port)
	t.Setenv("FAKE_READER_CARD", cardFile)
	if card != nil {
		if err := os.WriteFile(cardFile, card, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return logFile, cardFile
}

func calls(t *testing.T, logFile string) string {
	b, _ := os.ReadFile(logFile)
	return string(b)
}

func TestSDTAPIUnderWine(t *testing.T) {
	dir := wineDir(t)
	t.Run("read", func(t *testing.T) {
		log, _ := fakeEnv(t, "1001", permitCard())
		d, err := Open()
		if err != nil {
			t.Fatal(err)
		}
		if d.Name() != "sdtapi.dll，USB端口1001" {
			t.Fatalf("name %q", d.Name())
		}
		c, err := d.Read(today)
		if err != nil {
			t.Fatal(err)
		}
		if c.DocType != "港澳台居民居住证" || c.Name != "陈家明" || c.Number != "810000198808080013" {
			t.Fatalf("card %+v", c)
		}
		d.Close()
		if got := calls(t, log); !strings.Contains(got, "SDT_ReadBaseMsg 1001") || !strings.HasSuffix(got, "SDT_ClosePort 1001\n") {
			t.Fatalf("calls:\n%s", got)
		}
	})
	t.Run("serial port after the USB ports", func(t *testing.T) {
		log, _ := fakeEnv(t, "3", residentCard("张伟", "11010519491231002X", "长期"))
		d, err := OpenDLL(filepath.Join(dir, "sdtapi.dll"))
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if d.Name() != "sdtapi.dll，串口COM3" {
			t.Fatalf("name %q", d.Name())
		}
		got := calls(t, log)
		if !strings.HasPrefix(got, "SDT_OpenPort 1001\nSDT_OpenPort 1002\n") || !strings.Contains(got, "SDT_OpenPort 1016\nSDT_OpenPort 1\nSDT_OpenPort 2\nSDT_OpenPort 3\n") {
			t.Fatalf("port order:\n%s", got)
		}
		if c, err := d.Read(today); err != nil || c.Name != "张伟" {
			t.Fatalf("%+v %v", c, err)
		}
	})
	t.Run("no card", func(t *testing.T) {
		fakeEnv(t, "1001", nil)
		d, err := OpenDLL(filepath.Join(dir, "sdtapi.dll"))
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if _, err := d.Read(today); !errors.Is(err, ErrNoCard) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("port failure", func(t *testing.T) {
		fakeEnv(t, "none", nil)
		_, err := Open()
		if !errors.Is(err, ErrNoReader) || !strings.Contains(err.Error(), "COM1–16") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("short message", func(t *testing.T) {
		fakeEnv(t, "1001", residentCard("张伟", "11010519491231002X", "长期")[:100])
		d, err := OpenDLL(filepath.Join(dir, "sdtapi.dll"))
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if _, err := d.Read(today); err == nil || !strings.Contains(err.Error(), "不完整（100字节") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestTermbUnderWine(t *testing.T) {
	dir := wineDir(t)
	log, card := fakeEnv(t, "1002", []byte{1})
	d, err := OpenDLL(filepath.Join(dir, "termb.dll"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Name() != "termb.dll，USB端口1002" {
		t.Fatalf("name %q", d.Name())
	}
	c, err := d.Read(today)
	if err != nil {
		t.Fatal(err)
	}
	want := Card{Type: TypeResident, DocType: "居民身份证", Name: "张伟", Sex: "男", Birth: "1949-12-31",
		Number: "11010519491231002X", ValidFrom: "2015-01-01", ValidTo: "长期"}
	if c != want {
		t.Fatalf("got  %+v\nwant %+v", c, want)
	}
	os.Remove(card)
	if _, err := d.Read(today); !errors.Is(err, ErrNoCard) {
		t.Fatalf("no card: %v", err)
	}
	d.Close()
	got := calls(t, log)
	for _, never := range []string{"GetPeopleAddress", "GetBMPData", "GetDepartment"} {
		if strings.Contains(got, never) {
			t.Fatalf("the driver asked for %s:\n%s", never, got)
		}
	}
	if !strings.HasSuffix(got, "CVR_CloseComm\n") {
		t.Fatalf("calls:\n%s", got)
	}
	fakeEnv(t, "none", nil)
	if _, err := OpenDLL(filepath.Join(dir, "termb.dll")); !errors.Is(err, ErrNoReader) {
		t.Fatalf("port failure: %v", err)
	}
}

// An older termb.dll writes the card's text and photo to files beside itself when it reads: the
// driver removes them, so no address or photo stays on the disk.
func TestOldTermbLeavesNoFilesUnderWine(t *testing.T) {
	dir := filepath.Join(wineDir(t), "old-termb")
	fakeEnv(t, "1001", []byte{1})
	d, err := OpenDLL(filepath.Join(dir, "termb.dll"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c, err := d.Read(today)
	if err != nil || c.Number != "11010519491231002X" {
		t.Fatalf("%+v %v", c, err)
	}
	for _, f := range []string{"wz.txt", "zp.bmp"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s left beside the DLL", f)
		}
	}
}

// TestHelperUnderWine reads through the helper process, as the 64-bit desk does with a 32-bit DLL.
func TestHelperUnderWine(t *testing.T) {
	dir := wineDir(t)
	helper := filepath.Join(dir, HelperName)
	_, card := fakeEnv(t, "1001", foreignerCard())
	d, err := OpenHelper(helper, "sdtapi.dll")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name() != "sdtapi.dll，USB端口1001，32位辅助程序" {
		t.Fatalf("name %q", d.Name())
	}
	c, err := d.Read(today)
	if err != nil || c.Number != "USA110079052112" || c.Nationality != "USA" {
		t.Fatalf("%+v %v", c, err)
	}
	os.Remove(card)
	if _, err := d.Read(today); !errors.Is(err, ErrNoCard) {
		t.Fatalf("no card through the helper: %v", err)
	}
	if err := d.Close(); err != nil {
		t.Fatalf("helper exit: %v", err)
	}
	if _, err := OpenHelper(helper, "../evil.dll"); err == nil || !strings.Contains(err.Error(), "不支持的驱动") {
		t.Fatalf("a DLL not of the known names: %v", err)
	}
}

// TestWrongBitsUnderWine: a DLL of the other word size is recognised, so Open can hand it to the helper.
func TestWrongBitsUnderWine(t *testing.T) {
	dir := wineDir(t)
	other := filepath.Join(dir, "other-bits", "sdtapi.dll")
	if _, err := os.Stat(other); err != nil {
		t.Fatalf("the fake DLL of the other word size is missing: %v", err)
	}
	fakeEnv(t, "1001", nil)
	if _, err := OpenDLL(other); !errors.Is(err, ErrWrongBits) {
		t.Fatalf("err = %v", err)
	}
}
