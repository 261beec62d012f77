package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// Every file the program writes beside the store (a print, an export, a register, the month pack, a
// draft, a backup and its key file, the anchor) is written to a temporary file made new in the target's
// own folder, synced, then renamed over the target. Made new (os.CreateTemp opens with O_EXCL): a link
// or a file standing at a name the program might use is never followed nor truncated, so nothing
// planted beside an output can make the program write into the data file. Renamed: the target's name
// never holds half a file, and a link at the target's name is replaced, not followed.
//
// The temporary file is named after its target, this process and a random number
// (.x.pdf.frontdesk-4242-817263.tmp, a backup's .part), so what a killed run left is known for the
// program's own and removed by the next write to that folder, once its process is gone.

// ownTempMark sits between a temporary file's target and its process.
const ownTempMark = ".frontdesk-"

// Temporary files' endings: a backup's part, every other file's tmp.
const (
	tempExt = ".tmp"
	partExt = ".part"
)

var (
	// ownTempName is a temporary file of this version: its process, its random number.
	ownTempName = regexp.MustCompile(`^\..+\.frontdesk-(\d+)-\d+\.(tmp|part)$`)
	// earlierTempName is one of versions before (x.pdf.tmp, .备份….age-123.part, .审计链尾.txt-123.part):
	// no process in its name, it is removed once nothing has written to it for an hour.
	earlierTempName = regexp.MustCompile(`^(.+\.(pdf|xlsx|json)\.tmp|\..+\.(age|txt)-\d+\.part)$`)
)

// leftoverAge bounds how long a temporary file or work folder of a living process is left alone: no
// write or check of the program's takes a day, so one older is a leftover whose process number was
// taken by another program since.
const leftoverAge = 24 * time.Hour

// earlierLeftoverAge is how long a leftover of an earlier version, whose name holds no process, must
// have been still before it is removed.
const earlierLeftoverAge = time.Hour

// createOwnTemp makes the temporary file for target, new, in target's folder.
func createOwnTemp(target, ext string) (*os.File, error) {
	pattern := "." + filepath.Base(target) + ownTempMark + strconv.Itoa(os.Getpid()) + "-*" + ext
	return os.CreateTemp(filepath.Dir(target), pattern)
}

// writeNew writes b to path through a temporary file of its own: written, synced, closed, renamed.
func writeNew(path string, b []byte) error {
	f, err := createOwnTemp(path, tempExt)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// ErrFileInUse is an output file another program holds open (Excel, WPS or a PDF reader on Windows
// will not let it be replaced).
var ErrFileInUse = errors.New("output file in use")

// WriteFile writes a file (a PDF, a spreadsheet, a draft) whole or not at all, through a temporary file
// made new beside it (writeNew); what a killed write left in that folder is removed first. A file of
// that name another program holds open is said as such.
func WriteFile(path string, b []byte) error {
	RemoveTempLeftovers(filepath.Dir(path))
	if err := writeNew(path, b); err != nil {
		if _, statErr := os.Stat(path); statErr == nil && errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("write %s: %w: %v", path, ErrFileInUse, err)
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// RemoveTempLeftovers removes from dir the temporary files the program's killed runs left there: its
// own by their names, once the process named in them is gone (or a day old), and those of earlier
// versions once untouched for an hour. Only files are removed, never a link or a folder.
func RemoveTempLeftovers(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		m := ownTempName.FindStringSubmatch(name)
		if m == nil && !earlierTempName.MatchString(name) {
			continue
		}
		p := filepath.Join(dir, name)
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if m != nil && !ownerGone(m[1], fi.ModTime()) || m == nil && time.Since(fi.ModTime()) < earlierLeftoverAge {
			continue
		}
		os.Remove(p)
	}
}

// ownerGone says whether the process numbered pid in a leftover's name no longer runs, or the
// leftover is too old to be any running process's.
func ownerGone(pid string, mod time.Time) bool {
	if time.Since(mod) >= leftoverAge {
		return true
	}
	n, err := strconv.Atoi(pid)
	if err != nil {
		return true
	}
	if n == os.Getpid() {
		return false // this process's own: another of its writes may be under way
	}
	return !processAlive(n)
}
