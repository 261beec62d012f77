package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"frontdesk/data"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Audit actions.
const (
	ActionCreate   = "create"
	ActionUpdate   = "update"
	ActionVoid     = "void"
	ActionPrint    = "print"
	ActionSetting  = "setting"
	ActionHouse    = "household"
	ActionImport   = "import"
	ActionAmend    = "amend"
	ActionPurge    = "purge"
	ActionAccount  = "account"
	ActionPassword = "password"
	ActionLockout  = "lockout"
	ActionCompact  = "compact"  // a plaintext copy of the store was written
	ActionReanchor = "reanchor" // the chain's head kept outside the file was set anew
	ActionExport   = "export"   // a list's records were written to a spreadsheet
	ActionRegister = "register" // a list's records were printed as a register
)

// ActionText is an audit action in Chinese.
func ActionText(a string) string {
	switch a {
	case ActionCreate:
		return "新建"
	case ActionUpdate:
		return "修改"
	case ActionVoid:
		return "作废"
	case ActionPrint:
		return "打印"
	case ActionSetting:
		return "设置"
	case ActionHouse:
		return "业户档案"
	case ActionImport:
		return "导入业户"
	case ActionAmend:
		return "更正"
	case ActionPurge:
		return "清除过期个人信息"
	case ActionAccount:
		return "账户"
	case ActionPassword:
		return "修改密码"
	case ActionLockout:
		return "账户锁定"
	case ActionCompact:
		return "复制数据文件（压缩）"
	case ActionReanchor:
		return "重新记下" + AnchorLabel
	case ActionExport:
		return "导出Excel"
	case ActionRegister:
		return "打印登记簿"
	case ActionSeal:
		return "封存账户、设置和业户档案"
	case ActionUndo:
		return "撤销上一步办理"
	}
	// The steps of the forms' lives are audited under their keys.
	if n := data.StepName(a); n != "" {
		return n
	}
	return a
}

// ActionTextOf is ActionText for an entry of a record of one form: a step is named as that form names
// it (关闭 of a complaint, not another form's step of the same key).
func ActionTextOf(kind, a string) string {
	if n := data.StepNameOf(kind, a); n != "" {
		return n
	}
	return ActionText(a)
}

// AuditEntry is one line of the append-only audit trail. Each entry's Hash covers the entry and the
// previous entry's hash, so an entry altered or removed outside the program breaks the chain; RecordHash
// is the hash of the record's stored bytes after the change, so a record edited directly is found too.
type AuditEntry struct {
	Seq        uint64        `json:"seq"`
	Time       time.Time     `json:"time"`
	User       string        `json:"user"`
	Login      string        `json:"login,omitempty"`
	Action     string        `json:"action"`
	Kind       string        `json:"kind,omitempty"`
	RecordID   uint64        `json:"record_id,omitempty"`
	Serial     string        `json:"serial,omitempty"`
	Changes    []data.Change `json:"changes,omitempty"`
	RecordHash string        `json:"record_hash,omitempty"`
	// Seals are the changes of accounts, settings and registry entries (seal.go); State is the digest
	// of all three after them.
	Seals []Seal `json:"seals,omitempty"`
	State string `json:"state,omitempty"`
	Prev  string `json:"prev"`
	Hash  string `json:"hash"`
}

func (e AuditEntry) computeHash() string {
	e.Hash = ""
	b, _ := json.Marshal(e)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// appendAudit adds an entry to the chain inside the caller's write transaction.
func appendAudit(tx *bolt.Tx, e AuditEntry) error {
	b := tx.Bucket(bucketAudit)
	b.FillPercent = appendOnly
	if _, last := b.Cursor().Last(); last != nil {
		var prev struct {
			Hash string `json:"hash"`
		}
		if err := json.Unmarshal(last, &prev); err != nil {
			return fmt.Errorf("read last audit entry: %w", err)
		}
		e.Prev = prev.Hash
	}
	seq, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("audit sequence: %w", err)
	}
	e.Seq = seq
	if len(e.Seals) > 0 {
		state, _, err := sealedState(tx)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrAccountsTampered, err)
		}
		for _, sl := range e.Seals {
			state.apply(sl)
		}
		e.State = state.String()
		if err := tx.Bucket(bucketMeta).Put(keySealSeq, u64(seq)); err != nil {
			return fmt.Errorf("seal mark: %w", err)
		}
	}
	e.Hash = e.computeHash()
	v, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode audit entry: %w", err)
	}
	if err := b.Put(u64(seq), v); err != nil {
		return fmt.Errorf("write audit entry: %w", err)
	}
	if e.Kind != "" && e.RecordID != 0 {
		ar := tx.Bucket(bucketAuditRec)
		ar.FillPercent = appendOnly
		if err := ar.Put(auditRecKey(e.Kind, e.RecordID, seq), nil); err != nil {
			return fmt.Errorf("index audit entry: %w", err)
		}
	}
	return nil
}

func auditRecKey(kind string, id, seq uint64) []byte {
	k := make([]byte, 0, len(kind)+17)
	k = append(k, kind...)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint64(k, id)
	return binary.BigEndian.AppendUint64(k, seq)
}

// History returns a record's audit entries, oldest first.
func (s *Store) History(kind string, id uint64) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		prefix := auditRecKey(kind, id, 0)[:len(kind)+9]
		c := tx.Bucket(bucketAuditRec).Cursor()
		audit := tx.Bucket(bucketAudit)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var e AuditEntry
			if err := json.Unmarshal(audit.Get(k[len(k)-8:]), &e); err != nil {
				return fmt.Errorf("read audit entry: %w", err)
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// AuditTail returns the newest n audit entries, newest first.
func (s *Store) AuditTail(n int) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		for k, v := c.Last(); k != nil && len(out) < n; k, v = c.Prev() {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("read audit entry %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// diff lists the changed fields between two inputs, in the form's field order.
func diff(f *data.Form, old, nu data.Input) []data.Change {
	var out []data.Change
	for _, fl := range f.Fields {
		if fl.Type == data.TypeTable {
			o, _ := json.Marshal(old.Tables[fl.Key])
			n, _ := json.Marshal(nu.Tables[fl.Key])
			if !bytes.Equal(o, n) {
				out = append(out, data.Change{Field: fl.Key, Old: string(o), New: string(n)})
			}
			continue
		}
		o, n := old.Values[fl.Key], nu.Values[fl.Key]
		if o != n {
			if fl.Type == data.TypeIDNumber { // the trail is read by supervisors: keep ID numbers masked
				o, n = data.MaskID(o), data.MaskID(n)
			}
			out = append(out, data.Change{Field: fl.Key, Old: o, New: n})
		}
	}
	return out
}
