package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
)

// DataDir picks the data folder: the -data flag, else FRONTDESK_DATA, else the per-user config folder
// (%AppData%\Frontdesk on Windows, ~/.config/Frontdesk elsewhere).
func DataDir(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := os.Getenv("FRONTDESK_DATA"); v != "" {
		return v
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "Frontdesk")
	}
	return "Frontdesk"
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
