package store

import (
	"os"
	"os/user"
	"path/filepath"
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
