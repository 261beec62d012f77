package store

import (
	"fmt"
	"frontdesk/data"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// CompactTo writes a compacted copy of the store into dir (which must hold no store): every bucket
// rewritten with full pages, and the space freed by corrections and purges given back. The running
// store is only read; to use the copy, the manager replaces the data folder's file with it while the
// program is closed (or restores a backup made from it). The copy is not encrypted, so only a person
// who may read the records and back them up takes it, and the audit trail says who, when and where.
func (s *Store) CompactTo(by data.Actor, dir string) (before, after int64, err error) {
	if err := by.Need(data.PermBackup); err != nil {
		return 0, 0, err
	}
	if err := by.Need(data.PermRecordRead); err != nil {
		return 0, 0, err
	}
	target := filepath.Join(dir, DBFileName)
	if _, err := os.Stat(target); err == nil {
		return 0, 0, fmt.Errorf("compact into %s: %w", dir, ErrRestoreTarget)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, 0, err
	}
	// Audited before the copy is taken, so the copy holds its own audit entry: put in place of the
	// file, its audit trail ends where the store's did, and the chain's head kept outside the file
	// (anchor.go) still holds.
	abs, _ := filepath.Abs(target)
	err = s.db.Update(func(tx *bolt.Tx) error {
		return appendAudit(tx, AuditEntry{Time: s.now().UTC(), User: by.Name, Login: by.Login, Action: ActionCompact,
			Changes: []data.Change{{Field: "to", New: abs}}})
	})
	if err != nil {
		return 0, 0, err
	}
	dst, err := bolt.Open(target, 0o600, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("compact into %s: %w", dir, err)
	}
	defer dst.Close()
	if err := bolt.Compact(dst, s.db, 64<<20); err != nil {
		return 0, 0, fmt.Errorf("compact into %s: %w", dir, err)
	}
	if st, err := os.Stat(s.path); err == nil {
		before = st.Size()
	}
	if st, err := os.Stat(target); err == nil {
		after = st.Size()
	}
	return before, after, dst.Sync()
}
