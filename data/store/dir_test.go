package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The data folder: -data first, then FRONTDESK_DATA, then the default, which on Windows is the PC's
// %ProgramData%\Frontdesk (C:\ProgramData when the variable is missing), not the user's roaming
// %AppData%; elsewhere the user's config folder as before.
func TestTheDataFolderIsMachineWideOnWindowsUnlessChosen(t *testing.T) {
	appData := func() (string, error) { return `C:\Users\chen\AppData\Roaming`, nil }
	home := func() (string, error) { return "/root/.config", nil }
	none := func() (string, error) { return "", errors.New("no home") }
	for _, tt := range []struct {
		name, flag, goos string
		env              map[string]string
		config           func() (string, error)
		want             string
	}{
		{"windows default", "", "windows", map[string]string{"ProgramData": `C:\ProgramData`}, appData, `C:\ProgramData\Frontdesk`},
		{"windows ProgramData elsewhere", "", "windows", map[string]string{"ProgramData": `D:\ProgramData\`}, appData, `D:\ProgramData\Frontdesk`},
		{"windows without ProgramData", "", "windows", nil, appData, `C:\ProgramData\Frontdesk`},
		{"windows FRONTDESK_DATA", "", "windows", map[string]string{"ProgramData": `C:\ProgramData`, "FRONTDESK_DATA": `E:\前台数据`}, appData, `E:\前台数据`},
		{"windows -data over FRONTDESK_DATA", `F:\desk`, "windows", map[string]string{"FRONTDESK_DATA": `E:\前台数据`}, appData, `F:\desk`},
		{"linux default", "", "linux", map[string]string{"ProgramData": `C:\ProgramData`}, home, "/root/.config/Frontdesk"},
		{"linux FRONTDESK_DATA", "", "linux", map[string]string{"FRONTDESK_DATA": "/srv/desk"}, home, "/srv/desk"},
		{"linux -data", "/mnt/usb/desk", "linux", nil, home, "/mnt/usb/desk"},
		{"linux without a home", "", "linux", nil, none, "Frontdesk"},
	} {
		getenv := func(k string) string { return tt.env[k] }
		if got := dataDir(tt.flag, tt.goos, getenv, tt.config); got != tt.want {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
	}
	if got := oldDataDir("windows", appData); got != `C:\Users\chen\AppData\Roaming\Frontdesk` {
		t.Errorf("the old folder on Windows: %q", got)
	}
	if got := oldDataDir("linux", home); got != "" {
		t.Errorf("the old folder on Linux: %q; want none (the default did not move)", got)
	}
}

// A data folder the program creates is made (with its parents); one that is there keeps what it has.
func TestOpenCreatesAMissingDataFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "Frontdesk")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, DBFileName)); err != nil {
		t.Fatal(err)
	}
}
