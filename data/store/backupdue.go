package store

import (
	"fmt"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// A store with no backup of the last day says so where the manager looks: a red line first on the
// 今日待办 of whoever may back up, and a red row on the month's board. Until the passphrase is set there
// is no backup at all, automatic or by hand; the line says that, and what to do.

// BackupMatterKind is the kind of the due-list line about backups: no form's, the backup screen's.
const BackupMatterKind = "backup"

// BackupEvery is how old the newest backup may be before the store says it has none of the last day.
const BackupEvery = 24 * time.Hour

// keyLastBackup, in the meta bucket, is when the newest backup of the store was written, to any folder.
var keyLastBackup = []byte("last_backup")

// noteBackup records that a backup was written now. The backup itself, a copy from before, does not
// hold the note; a store on read-only media cannot keep one (its local folder still says).
func (s *Store) noteBackup() {
	if s.ReadOnly() {
		return
	}
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyLastBackup, []byte(s.now().UTC().Format(time.RFC3339)))
	})
}

// backupState is what the store knows of its backups: whether a passphrase is set, and when the newest
// backup was written (zero for none): the note the store keeps, or the newest backup in the local
// folder (a store of an earlier version kept no note).
type backupState struct {
	keyed bool
	last  time.Time
}

func (s *Store) backupState(tx *bolt.Tx) backupState {
	st := backupState{keyed: len(tx.Bucket(bucketSettings).Get([]byte(settingBackupRecipient))) > 0}
	if v := tx.Bucket(bucketMeta).Get(keyLastBackup); v != nil {
		st.last, _ = time.Parse(time.RFC3339, string(v))
	}
	if list, err := Backups(LocalBackupDir(filepath.Dir(s.path))); err == nil && len(list) > 0 {
		if t, ok := backupTime(list[0]); ok && t.After(st.last) {
			st.last = t
		}
	}
	return st
}

// backupTime is the time in a backup's name.
func backupTime(path string) (time.Time, bool) {
	stamp := backupStamp(path)
	if len(stamp) < 15 {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("20060102-150405", stamp[:15], data.Shanghai)
	return t, err == nil
}

// stale says whether the store has no backup of the day before at.
func (b backupState) stale(at time.Time) bool {
	return b.last.IsZero() || at.Sub(b.last) >= BackupEvery
}

// lastText is the newest backup as the line says it: 11月27日 09:30.
func (b backupState) lastText() string { return b.last.In(data.Shanghai).Format("1月2日 15:04") }

// matter is the due-list line of a store with no backup of the last day.
func (b backupState) matter(at time.Time) data.Matter {
	m := data.Matter{Kind: BackupMatterKind, Form: "数据备份", Who: "经理", Mine: true, Overdue: true}
	switch {
	case !b.keyed:
		m.State, m.Next = "尚未设置备份密码，没有任何备份", []string{"设置备份密码"}
	case b.last.IsZero():
		m.State, m.Next = "还没有备份", []string{"备份"}
	default:
		m.State, m.Next = "超过一天没有备份（最近一次 "+b.lastText()+"）", []string{"备份"}
	}
	if b.last.IsZero() {
		m.Left = "无备份"
		return m
	}
	d := data.Deadline{At: b.last.Add(BackupEvery), Label: "备份", Known: true}
	mins := d.Minutes(at)
	m.Deadline, m.Label, m.Minutes = d.At, d.Label, &mins
	m.Left, _ = d.Left(at)
	return m
}

// backupMeasure is the board's row about backups: the rule the row is measured by.
var backupMeasure = data.Measure{Key: "backup", Name: "数据备份（每天至少一次）", Target: "最近24小时内有备份"}

// row is the board's row about backups at the moment of asking.
func (b backupState) row(at time.Time) data.BoardRow {
	fig := data.Figure{Rate: 1, Verdict: data.VerdictMet}
	switch {
	case !b.keyed:
		fig = data.Figure{Value: "尚未设置备份密码", Detail: "没有任何备份（自动备份和U盘备份都要先设置备份密码）", Rate: 0, Verdict: data.VerdictMissed,
			Behind: []data.Behind{{Text: "请经理在“设置 → 备份与恢复”中设置备份密码，设置后立即备份一次"}}}
	case b.last.IsZero():
		fig = data.Figure{Value: "还没有备份", Rate: 0, Verdict: data.VerdictMissed,
			Behind: []data.Behind{{Text: "请在“设置 → 备份与恢复”中备份到U盘，或重新启动程序进行自动备份"}}}
	case b.stale(at):
		fig = data.Figure{Value: "超过一天未备份", Detail: "最近一次备份 " + b.lastText(), Rate: 0, Verdict: data.VerdictMissed,
			Behind: []data.Behind{{Text: "请在“设置 → 备份与恢复”中备份到U盘，或重新启动程序进行自动备份"}}}
	default:
		fig.Value = b.last.In(data.Shanghai).Format("01-02 15:04") + " 已备份"
		fig.Detail = fmt.Sprintf("最近一次备份 %s", b.lastText())
	}
	return data.BoardRow{Measure: backupMeasure, Figure: fig}
}
