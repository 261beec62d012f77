package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// The anchor: the audit chain's newest entry (its sequence and hash), kept outside the data file, so a
// tail cut off the file (the newest record, its indexes and its audit entry deleted, the counters set
// back) no longer passes check: the chain must still hold the anchored entry. It is written beside the
// automatic backups when the store closes and after every backup, only ever forward along the same
// chain (a store that lost its anchored entry keeps the old anchor, so check goes on saying so); a
// restore starts it anew. Every backup reports the head it holds, and the monthly report prints it, so
// a paper copy can be compared too (check -anchor).

// AnchorFileName is the anchor's file, in the local backup folder (its name kept from before the anchor
// was called 审计记录校验码 on screen, so the stores that have one keep it).
const AnchorFileName = "审计链尾.txt"

// AnchorLabel is how the anchor is named wherever a person reads it: the backup's report, check, the
// console's monthly report.
const AnchorLabel = "审计记录校验码"

const anchorLabel = AnchorLabel + "："

// Anchor is an audit entry's sequence and hash, as kept outside the store.
type Anchor struct {
	Seq  uint64
	Hash string
}

// String is the anchor as printed: 第 12345 条 · 3f9a0c…(16 hex digits).
func (a Anchor) String() string {
	h := a.Hash
	if len(h) > 16 {
		h = h[:16]
	}
	return fmt.Sprintf("第 %d 条 · %s", a.Seq, h)
}

// ParseAnchor reads an anchor as printed ("12345:3f9a0c…" or "第 12345 条 · 3f9a0c…"): the hash may be
// cut to its first 8 digits or more.
func ParseAnchor(s string) (Anchor, bool) {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == ':' || r == '：' || r == '·' || r == ' ' || r == '第' || r == '条'
	})
	if len(f) != 2 {
		return Anchor{}, false
	}
	n, err := strconv.ParseUint(f[0], 10, 64)
	h := strings.ToLower(f[1])
	if err != nil || n == 0 || len(h) < 8 || len(h) > 64 || strings.Trim(h, "0123456789abcdef") != "" {
		return Anchor{}, false
	}
	return Anchor{Seq: n, Hash: h}, true
}

func anchorPath(dataDir string) string { return filepath.Join(LocalBackupDir(dataDir), AnchorFileName) }

// readAnchor reads the anchor kept for the store in dataDir (nil when there is none).
func readAnchor(dataDir string) *Anchor {
	a, _ := readAnchorFile(dataDir)
	return a
}

// readAnchorFile reads the anchor file: bad when it is there but not an anchor (emptied, garbled, a
// folder in its place), which is said and never written over but by reanchor.
func readAnchorFile(dataDir string) (a *Anchor, bad bool) {
	fi, err := os.Lstat(anchorPath(dataDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > 4096 {
		return nil, true
	}
	b, err := os.ReadFile(anchorPath(dataDir))
	if err != nil {
		return nil, true
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		for _, label := range []string{anchorLabel, "审计链尾："} { // the words of files written before
			line = strings.TrimPrefix(line, label)
		}
		if a, ok := ParseAnchor(strings.TrimSpace(line)); ok {
			return &a, false
		}
	}
	return nil, true
}

func writeAnchor(dataDir string, a Anchor, now time.Time) error {
	dir := LocalBackupDir(dataDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	text := fmt.Sprintf("小区客服前台 数据文件的审计记录校验码（检查数据时与数据文件核对，请勿修改）\n%s%d:%s\n记于 %s\n",
		anchorLabel, a.Seq, a.Hash, now.In(data.Shanghai).Format(data.LayoutDateTime))
	return writeWhole(anchorPath(dataDir), []byte(text))
}

// Head is the audit chain's newest entry.
func (s *Store) Head() (Anchor, error) {
	var a Anchor
	err := s.db.View(func(tx *bolt.Tx) error {
		a = headOf(tx)
		return nil
	})
	return a, err
}

func headOf(tx *bolt.Tx) Anchor {
	k, v := tx.Bucket(bucketAudit).Cursor().Last()
	if k == nil {
		return Anchor{}
	}
	var e struct {
		Hash string `json:"hash"`
	}
	json.Unmarshal(v, &e)
	return Anchor{Seq: binary.BigEndian.Uint64(k), Hash: e.Hash}
}

// holds says whether the chain has the anchored entry.
func holds(tx *bolt.Tx, a Anchor) bool {
	v := tx.Bucket(bucketAudit).Get(u64(a.Seq))
	if v == nil {
		return false
	}
	var e struct {
		Hash string `json:"hash"`
	}
	return json.Unmarshal(v, &e) == nil && strings.HasPrefix(e.Hash, a.Hash)
}

// keptAnchor is the anchor as last read or written (nil when none is kept).
func (s *Store) keptAnchor() *Anchor {
	s.anchorMu.Lock()
	defer s.anchorMu.Unlock()
	return s.anchor
}

// advanceAnchor moves the kept anchor to the chain's head, if the chain still holds the one kept.
// One at a time: a backup and the close, or two backups, never write it out of order.
func (s *Store) advanceAnchor() error {
	s.anchorMu.Lock()
	defer s.anchorMu.Unlock()
	dir := filepath.Dir(s.path)
	kept, bad := readAnchorFile(dir)
	if bad {
		return nil // only reanchor writes over an anchor file that is not one
	}
	var head Anchor
	ok := true
	if err := s.db.View(func(tx *bolt.Tx) error {
		head = headOf(tx)
		ok = kept == nil || holds(tx, *kept)
		return nil
	}); err != nil {
		return err
	}
	if !ok || head.Seq == 0 || kept != nil && kept.Seq == head.Seq {
		return nil
	}
	if err := writeAnchor(dir, head, s.now()); err != nil {
		return err
	}
	s.anchor = &head
	return nil
}

// Reanchor makes the chain's present head the anchor, with an audit entry that says which one it
// replaces: for an administrator who put an earlier data file in place on purpose (a copy decrypted
// by hand, the file kept aside before a restore), after which check would go on reporting a cut.
func (s *Store) Reanchor(by data.Actor) (old, now Anchor, err error) {
	if err := by.Need(data.PermRestore); err != nil {
		return old, now, err
	}
	s.anchorMu.Lock()
	defer s.anchorMu.Unlock()
	dir := filepath.Dir(s.path)
	if kept := readAnchor(dir); kept != nil {
		old = *kept
	}
	// A file that cannot be written (a folder in its place) is said before anything is audited.
	if fi, err := os.Lstat(anchorPath(dir)); err == nil && !fi.Mode().IsRegular() {
		return old, now, fmt.Errorf("reanchor: %s is not a file: %w", AnchorFileName, ErrAnchorNotAFile)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return appendAudit(tx, AuditEntry{Time: s.now().UTC(), User: by.Name, Login: by.Login, Action: ActionReanchor,
			Changes: []data.Change{{Field: "anchor", Old: old.String(), New: headOf(tx).String()}}})
	})
	if err != nil {
		return old, now, err
	}
	if err := s.db.View(func(tx *bolt.Tx) error { now = headOf(tx); return nil }); err != nil {
		return old, now, err
	}
	if err := writeAnchor(dir, now, s.now()); err != nil {
		return old, now, err
	}
	s.anchor, s.anchorBad = &now, false
	return old, now, nil
}

// ErrAnchorNotAFile means something other than a file stands where the anchor file goes.
var ErrAnchorNotAFile = errors.New("the anchor's place holds no file")

// checkAnchorFile is check's part for the anchor itself: one that is there but unreadable is said.
func (s *Store) checkAnchorFile(add func(place, format string, a ...any)) {
	s.anchorMu.Lock()
	bad := s.anchorBad
	s.anchorMu.Unlock()
	if bad {
		add(AnchorLabel+"（backups/"+AnchorFileName+"）", "文件被清空、改乱或换成了别的东西，无法与数据文件核对。若是有意更换，请系统管理员运行 frontdeskctl reanchor")
	}
}

// checkAnchor is check's comparison of the chain with an anchor kept outside the file.
func checkAnchor(tx *bolt.Tx, a Anchor, lastSeq uint64, add func(place, format string, a ...any)) {
	compareAnchor(tx, a, lastSeq, "记在文件外（backups/"+AnchorFileName+"）", "若是有意换用，请系统管理员运行 frontdeskctl reanchor", add)
}

func compareAnchor(tx *bolt.Tx, a Anchor, lastSeq uint64, where, then string, add func(place, format string, a ...any)) {
	place := AnchorLabel + "（" + a.String() + "）"
	switch {
	case lastSeq < a.Seq:
		add(place, "数据文件的审计记录只到第 %d 条，比%s的少：最新的记录连同审计记录被删除（截尾），或换用了较早的数据文件。%s", lastSeq, where, then)
	case !holds(tx, a):
		add(place, "审计记录第 %d 条与%s的不符：审计记录被改写，或换用了别的数据文件。%s", a.Seq, where, then)
	}
}

// CheckAgainst compares the chain with an anchor from elsewhere (a printed monthly report, a backup's
// report): problems when the file no longer holds it.
func (s *Store) CheckAgainst(a Anchor) ([]Problem, error) {
	var probs []Problem
	err := s.db.View(func(tx *bolt.Tx) error {
		compareAnchor(tx, a, headOf(tx).Seq, "打印或抄下的"+AnchorLabel, "", func(place, format string, args ...any) {
			probs = append(probs, Problem{place, fmt.Sprintf(format, args...)})
		})
		return nil
	})
	return probs, err
}
