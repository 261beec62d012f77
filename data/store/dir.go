package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"

	"frontdesk/data/sharedir"
)

// DataDir picks the data folder: the -data flag, else FRONTDESK_DATA, else the default folder
// (DefaultDataDir).
func DataDir(flagValue string) string {
	return dataDir(flagValue, runtime.GOOS, os.Getenv, os.UserConfigDir)
}

// DefaultDataDir is the data folder when neither -data nor FRONTDESK_DATA chooses one: on Windows the
// machine-wide %ProgramData%\Frontdesk, shared by every Windows account of the PC (a desk PC used
// under two accounts keeps one set of records, and a roaming profile does not carry the store); elsewhere
// the user's config folder, ~/.config/Frontdesk.
func DefaultDataDir() string {
	return dataDir("", runtime.GOOS, func(k string) string {
		if k == "FRONTDESK_DATA" {
			return ""
		}
		return os.Getenv(k)
	}, os.UserConfigDir)
}

// OldDataDir is where the program kept its data before it was machine-wide: the Windows user's roaming
// %AppData%\Frontdesk ("" where the default did not change).
func OldDataDir() string {
	return oldDataDir(runtime.GOOS, os.UserConfigDir)
}

func dataDir(flagValue, goos string, getenv func(string) string, userConfig func() (string, error)) string {
	if flagValue != "" {
		return flagValue
	}
	if v := getenv("FRONTDESK_DATA"); v != "" {
		return v
	}
	if goos == "windows" {
		pd := getenv("ProgramData")
		if pd == "" {
			pd = `C:\ProgramData`
		}
		return joinFor(goos, pd, "Frontdesk")
	}
	if d, err := userConfig(); err == nil && d != "" {
		return filepath.Join(d, "Frontdesk")
	}
	return "Frontdesk"
}

func oldDataDir(goos string, userConfig func() (string, error)) string {
	if goos != "windows" {
		return ""
	}
	d, err := userConfig()
	if err != nil || d == "" {
		return ""
	}
	return joinFor(goos, d, "Frontdesk")
}

// joinFor joins a folder and a name with the separator of goos (a Windows path built in a test on
// Linux reads as one on Windows).
func joinFor(goos, dir, name string) string {
	if goos == "windows" {
		return strings.TrimRight(dir, `\/`) + `\` + name
	}
	return filepath.Join(dir, name)
}

// makeDataDir creates the data folder when it is missing. The machine-wide default folder, when the
// program creates it, is opened to every user of the PC (sharedir.WithUsers: on Windows only); a folder that
// is there already keeps the access it has, and so does one chosen by -data or FRONTDESK_DATA. Opening
// the folder to the PC's users failing leaves it the creator's, which is said but does not stop the desk.
func makeDataDir(dir string) error {
	_, err := os.Stat(dir)
	if err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data folder %s: %w", dir, err)
	}
	if sameFolder(dir, DefaultDataDir()) {
		if err := sharedir.WithUsers(dir); err != nil {
			log.Printf("data folder: %v", err)
		}
	}
	return nil
}

// sameFolder says whether a and b name one folder (without case on Windows).
func sameFolder(a, b string) bool {
	a, b = filepath.Clean(realPath(a)), filepath.Clean(realPath(b))
	if runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// SystemUser is the name of the logged-in operating-system user, the actor of console commands until
// accounts exist.
func SystemUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return filepath.Base(u.Username)
	}
	return "系统"
}

// ErrOutputInDataFolder and ErrOutputNotPDF refuse a place to write a printed PDF: nothing the program
// prints goes into the data folder (the store, its lock, its local backups), and no file that is not
// a PDF is ever overwritten by one (a backup on a USB stick, the store itself by another path).
var (
	ErrOutputInDataFolder = errors.New("output inside the data folder")
	ErrOutputNotPDF       = errors.New("output would overwrite a file that is not a PDF")
)

// CheckOutput says whether a PDF may be written at path, for the store in dataDir.
func CheckOutput(dataDir, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("output %s: %w", path, err)
	}
	if inside(realPath(filepath.Dir(abs)), realPath(dataDir)) {
		return fmt.Errorf("output %s: %w", path, ErrOutputInDataFolder)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("output %s: %w", path, err)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("output %s: %w", path, ErrOutputNotPDF)
	}
	f, err := os.Open(abs)
	if err != nil {
		return fmt.Errorf("output %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 5)
	n, _ := io.ReadFull(f, head)
	if strings.EqualFold(filepath.Ext(abs), ".xlsx") {
		// A spreadsheet the program wrote before is a zip file; anything else is not overwritten.
		if n < 4 || string(head[:4]) != "PK\x03\x04" {
			return fmt.Errorf("output %s: %w", path, ErrOutputNotPDF)
		}
		return nil
	}
	if n != 5 || string(head) != "%PDF-" {
		return fmt.Errorf("output %s: %w", path, ErrOutputNotPDF)
	}
	return nil
}

// realPath is a folder's absolute path with its links followed, as far as it exists.
func realPath(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

// inside says whether dir is root or below it (names compared without case on Windows).
func inside(dir, root string) bool {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" {
		rel2, err := filepath.Rel(strings.ToLower(root), strings.ToLower(dir))
		if err == nil {
			rel = rel2
		}
	}
	return rel == "." || rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
