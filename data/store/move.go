package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Moving the data from the old per-user folder (%AppData%\Frontdesk) into the machine-wide one: the
// whole folder is copied (the store, its anchor, drafts, local backups, whatever else it holds) into a
// work folder inside the new one, the copy is opened and checked, and only then put in place, the store
// file last; the old folder is kept, with a note saying where its data went. A move cut short leaves
// the new folder without a store, so the old one stays in use and the next start offers the move again.

// MovedNoteName is the note left in the old folder once its data was moved and checked; a folder with
// it is not offered for a move again. The old folder is never deleted by the program.
const MovedNoteName = "数据已迁移.txt"

// ErrNoStore means a data folder, opened to be read, that holds no store yet.
var ErrNoStore = errors.New("no store in the data folder")

// ErrMoveNothing means the old folder holds no store to move, or the new one holds one already.
var ErrMoveNothing = errors.New("nothing to move")

// DataToMove says whether oldDir holds a store not yet moved that newDir, which holds none, should
// take: what the first start on the machine-wide folder offers.
func DataToMove(oldDir, newDir string) bool {
	if oldDir == "" || newDir == "" || sameFolder(oldDir, newDir) {
		return false
	}
	if fi, err := os.Stat(filepath.Join(oldDir, DBFileName)); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	if _, err := os.Stat(filepath.Join(oldDir, MovedNoteName)); err == nil {
		return false
	}
	_, err := os.Stat(filepath.Join(newDir, DBFileName))
	return errors.Is(err, fs.ErrNotExist)
}

// MoveData moves the data of oldDir into newDir (DataToMove): copied, checked, put in place, and the
// old folder marked with its note. progress, when set, hears the bytes copied of the total. An error
// leaves the old folder as it was and in use; a check of the copy finding problems is a
// *MoveCheckError.
func MoveData(oldDir, newDir string, progress func(done, total int64)) error {
	return moveData(oldDir, newDir, progress, func(path string) (io.WriteCloser, error) {
		return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	})
}

// moveData is MoveData with the files of the copy made by create (a test's fails midway).
func moveData(oldDir, newDir string, progress func(done, total int64), create func(string) (io.WriteCloser, error)) error {
	if !DataToMove(oldDir, newDir) {
		return fmt.Errorf("move %s to %s: %w", oldDir, newDir, ErrMoveNothing)
	}
	if err := makeDataDir(newDir); err != nil {
		return err
	}
	work, err := makeWorkDir(newDir, "move-")
	if err != nil {
		return fmt.Errorf("move data: %w", err)
	}
	defer os.RemoveAll(work)
	if err := copyDataDir(oldDir, work, progress, create); err != nil {
		return fmt.Errorf("move data: copy %s: %w", oldDir, err)
	}
	if err := checkCopy(work); err != nil {
		return fmt.Errorf("move data: %w", err)
	}
	if err := putInPlace(work, newDir); err != nil {
		return fmt.Errorf("move data: %w", err)
	}
	note := fmt.Sprintf("这个文件夹中的数据已于 %s 迁移到：\r\n%s\r\n\r\n程序现在使用新位置的数据；这里的文件只作为迁移前的原样保留，不再更新。确认新位置的数据无误后，可以由系统管理员手工删除这个文件夹。\r\n",
		time.Now().Format("2006-01-02 15:04"), newDir)
	if err := writeNew(filepath.Join(oldDir, MovedNoteName), []byte(note)); err != nil {
		return fmt.Errorf("move data: the data is in %s, but the note in the old folder: %w", newDir, err)
	}
	return nil
}

// copyDataDir copies the data folder from into the empty folder to: the store through a read
// transaction of its own (a consistent copy, no writer beside it while it runs), every other file as it
// is. Leftovers of killed runs (work folders, temporary files) and a note of an earlier move are not
// copied.
func copyDataDir(from, to string, progress func(done, total int64), create func(string) (io.WriteCloser, error)) error {
	src, err := Open(from, Options{ReadOnly: true, Timeout: 2 * time.Second})
	if err != nil {
		return err
	}
	defer src.Close()
	var files []string
	var total int64
	err = filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != from && (strings.HasPrefix(name, workPrefix) || strings.Contains(name, ownTempMark)) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(from, p)
		switch {
		case d.IsDir():
			if rel != "." {
				return os.MkdirAll(filepath.Join(to, rel), 0o700)
			}
		case d.Type().IsRegular() && rel != DBFileName && rel != MovedNoteName && rel != DBFileName+".lock":
			files = append(files, rel)
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var done int64
	counted := func(n int64) {
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	err = src.db.View(func(tx *bolt.Tx) error {
		total += tx.Size()
		return copyInto(filepath.Join(to, DBFileName), create, func(w io.Writer) (int64, error) { return tx.WriteTo(w) }, counted)
	})
	if err != nil {
		return err
	}
	for _, rel := range files {
		err := copyInto(filepath.Join(to, rel), create, func(w io.Writer) (int64, error) {
			f, err := os.Open(filepath.Join(from, rel))
			if err != nil {
				return 0, err
			}
			defer f.Close()
			return io.Copy(w, f)
		}, counted)
		if err != nil {
			return err
		}
	}
	return nil
}

// copyInto writes a new file at path with what fill writes, synced to disk.
func copyInto(path string, create func(string) (io.WriteCloser, error), fill func(io.Writer) (int64, error), counted func(int64)) error {
	w, err := create(path)
	if err != nil {
		return err
	}
	n, err := fill(w)
	if err == nil {
		if f, ok := w.(*os.File); ok {
			err = f.Sync()
		}
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	counted(n)
	return nil
}

// checkCopy opens the copied store where it lies and checks it whole (Check, against the copied anchor).
func checkCopy(dir string) error {
	s, err := Open(dir, Options{ReadOnly: true, Timeout: 2 * time.Second})
	if err != nil {
		return fmt.Errorf("open the copy: %w", err)
	}
	defer s.Close()
	probs, err := s.Check()
	if err != nil {
		return fmt.Errorf("check the copy: %w", err)
	}
	if len(probs) > 0 {
		return &MoveCheckError{probs}
	}
	return nil
}

// MoveCheckError is a copy whose check found problems: it is not used, and the old folder stays.
type MoveCheckError struct{ Problems []Problem }

func (e *MoveCheckError) Error() string {
	return fmt.Sprintf("the copy's check found %d problems, first %s", len(e.Problems), e.Problems[0])
}

// Chinese says what the check found and that nothing changed.
func (e *MoveCheckError) Chinese() string {
	var b strings.Builder
	fmt.Fprintf(&b, "复制到新位置的数据检查发现问题（共 %d 处），没有使用新位置：", len(e.Problems))
	firstProblems(&b, e.Problems)
	b.WriteString("\n原来的文件夹中的数据没有改动。请先在原来的文件夹上运行“检查数据”（frontdeskctl -data 原文件夹 check），处理后再迁移。")
	return b.String()
}

// putInPlace moves the checked copy's entries from the work folder into dir, the store file last: until
// it is there, dir holds no store and the old folder stays the one in use. An entry of that name in dir
// (what an earlier move cut short put there) is replaced.
func putInPlace(work, dir string) error {
	entries, err := os.ReadDir(work)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == DBFileName {
			continue
		}
		target := filepath.Join(dir, e.Name())
		if err := os.RemoveAll(target); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(work, e.Name()), target); err != nil {
			return err
		}
	}
	return os.Rename(filepath.Join(work, DBFileName), filepath.Join(dir, DBFileName))
}
