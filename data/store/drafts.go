package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// Drafts: the window writes each entry screen's unsaved work to the data folder's 草稿 (ui/drafts.go),
// typed personal data in plain JSON. A draft is kept a week for its typist's next login, no longer:
// the window removes older ones at its start, and the purge of expired personal data removes them too,
// with every draft of a record whose personal data it clears (restored, it would put them back).

// DraftsFolder is the drafts' folder inside the data folder.
const DraftsFolder = "草稿"

// DraftKeep is how long a draft waits for its typist.
const DraftKeep = 7 * 24 * time.Hour

// DraftHead is what the store reads of a draft file: whose, of which form and record, and when saved.
type DraftHead struct {
	Login   string    `json:"login"`
	Form    string    `json:"form"`
	Serial  string    `json:"serial,omitempty"`
	SavedAt time.Time `json:"saved_at"`
	Path    string    `json:"-"`
}

// Expires is when the draft is removed.
func (d DraftHead) Expires() time.Time { return d.SavedAt.Add(DraftKeep) }

// DraftsDir is the drafts' folder of the data folder dataDir.
func DraftsDir(dataDir string) string { return filepath.Join(dataDir, DraftsFolder) }

// drafts reads the drafts of the data folder; files that are not drafts are left out.
func drafts(dataDir string) []DraftHead {
	files, _ := filepath.Glob(filepath.Join(DraftsDir(dataDir), "*.json"))
	var out []DraftHead
	for _, p := range files {
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() > 4<<20 {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var d DraftHead
		if json.Unmarshal(b, &d) != nil || d.SavedAt.IsZero() {
			continue
		}
		d.Path = p
		out = append(out, d)
	}
	return out
}

// RemoveOldDrafts removes the drafts of the data folder saved longer than DraftKeep before now, and
// says how many.
func RemoveOldDrafts(dataDir string, now time.Time) int {
	n := 0
	for _, d := range drafts(dataDir) {
		if !now.Before(d.Expires()) && os.Remove(d.Path) == nil {
			n++
		}
	}
	return n
}

// DraftsToPurge counts the drafts a purge now removes: those older than DraftKeep, and those of records
// whose personal data is cleared (already, or by this purge).
func (s *Store) DraftsToPurge(by data.Actor) (int, error) {
	if err := by.Need(data.PermRetention); err != nil {
		return 0, err
	}
	purging := map[string]bool{}
	if err := s.db.View(func(tx *bolt.Tx) error {
		for _, f := range data.Forms() {
			if _, err := s.purgeKind(tx, f, nil, purging); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return 0, err
	}
	list, err := s.purgedDrafts(purging)
	return len(list), err
}

// purgedDrafts are the drafts a purge removes, the records in purging being cleared by it.
func (s *Store) purgedDrafts(purging map[string]bool) ([]DraftHead, error) {
	now := s.now()
	var out []DraftHead
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, d := range drafts(filepath.Dir(s.path)) {
			if !now.Before(d.Expires()) || d.Serial != "" && (purging[d.Serial] || purgedRecord(tx, d.Serial)) {
				out = append(out, d)
			}
		}
		return nil
	})
	return out, err
}

// purgedRecord says whether the record of a serial has had its personal data cleared.
func purgedRecord(tx *bolt.Tx, serial string) bool {
	v := tx.Bucket(bucketSerialIndex).Get([]byte(strings.ToUpper(serial)))
	if len(v) < 10 {
		return false
	}
	fb := tx.Bucket(bucketForms).Bucket(v[:len(v)-9])
	if fb == nil {
		return false
	}
	raw := fb.Bucket(bucketRec).Get(v[len(v)-8:])
	var r struct {
		Purged bool `json:"purged"`
	}
	return raw != nil && json.Unmarshal(raw, &r) == nil && r.Purged
}
