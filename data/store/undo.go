package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// ActionUndo is a step of a record's life taken back by the person who took it, moments after.
const ActionUndo = "undo"

// UndoWithin is how long a step may be taken back: a slip of the key (F2 on the wrong line), not a
// change of mind.
const UndoWithin = time.Minute

// UndoRefusedError is a step that cannot be taken back, and why, in Chinese.
type UndoRefusedError struct{ Reason string }

func (e *UndoRefusedError) Error() string   { return "undo refused: " + e.Reason }
func (e *UndoRefusedError) Chinese() string { return "不能撤销：" + e.Reason }

// UndoStep takes back the last step of a record's life: the record's fields, life and state are put
// back as they were before it, and the trail keeps both the step and its undoing (an ActionUndo entry
// that lists what was put back). Only the person who took the step may, within UndoWithin, while it is
// still the record's last change (version is the record as the step left it), and not a step that
// fixed the record (an approval stands once given).
func (s *Store) UndoStep(by data.Actor, serial string, version int) (*data.Record, error) {
	if err := by.Need(data.PermRecordRead); err != nil {
		return nil, err
	}
	return s.modify(serial, func(f *data.Form, r *data.Record, now time.Time, env data.Env) (string, []data.Change, error) {
		if !f.MayRead(by, r) {
			return "", nil, readRefused(f, by)
		}
		if r.Version != version {
			return "", nil, ErrConflict
		}
		te, ok := env.(txEnv)
		if !ok {
			return "", nil, fmt.Errorf("undo %s: no transaction", r.Serial)
		}
		last, err := lastAuditOf(te.tx, f.Key, r.ID)
		if err != nil {
			return "", nil, err
		}
		if err := undoable(f, last, by, now); err != nil {
			return "", nil, err
		}
		changes, err := putBack(f, r, last.Changes)
		if err != nil {
			return "", nil, err
		}
		return ActionUndo, changes, nil
	}, by)
}

// undoable says why an audit entry is not a step this person may take back now, or nil.
func undoable(f *data.Form, e AuditEntry, by data.Actor, now time.Time) error {
	if f.Flow == nil {
		return &UndoRefusedError{"这条记录没有办理步骤。"}
	}
	st, ok := f.Flow.StepByKey(e.Action)
	if !ok {
		return &UndoRefusedError{"这条记录最后一次变动不是办理步骤。"}
	}
	if to, ok := f.Flow.StateByKey(st.To); ok && to.Fixed {
		return &UndoRefusedError{"“" + st.Name + "”后记录已定稿。"}
	}
	if e.Login != by.Login {
		return &UndoRefusedError{"“" + st.Name + "”不是您办理的。"}
	}
	if now.Sub(e.Time) > UndoWithin {
		return &UndoRefusedError{fmt.Sprintf("“%s”已办理超过%d分钟。", st.Name, int(UndoWithin/time.Minute))}
	}
	return nil
}

// putBack undoes a step's changes on the record (its fields, its life, its state) and returns the
// changes of the undoing. A step that rewrote a table is not taken back: the trail keeps the table as
// text only.
func putBack(f *data.Form, r *data.Record, changes []data.Change) ([]data.Change, error) {
	var out []data.Change
	for _, c := range changes {
		fl, isField := f.Field(c.Field)
		switch {
		case isField && fl.Type == data.TypeTable:
			return nil, &UndoRefusedError{"这一步改动了“" + fl.Label + "”表格。"}
		case c.Field == stateChange:
			st, ok := stateNamed(f.Flow, c.Old)
			if !ok {
				return nil, &UndoRefusedError{"找不到之前的状态“" + c.Old + "”。"}
			}
			r.State = st.Key
		case isField:
			setOrDelete(r.Values, c.Field, c.Old)
		default:
			if r.Life == nil {
				r.Life = map[string]string{}
			}
			setOrDelete(r.Life, c.Field, c.Old)
		}
		out = append(out, data.Change{Field: c.Field, Old: c.New, New: c.Old})
	}
	return out, nil
}

// stateChange is the field under which a step's change of state is audited (data.TakeStep).
const stateChange = "状态"

func stateNamed(fl *data.Flow, name string) (data.State, bool) {
	for _, st := range fl.States {
		if st.Name == name {
			return st, true
		}
	}
	return data.State{}, false
}

func setOrDelete(m map[string]string, k, v string) {
	if strings.TrimSpace(v) == "" {
		delete(m, k)
		return
	}
	m[k] = v
}

// lastAuditOf is a record's newest audit entry, inside the caller's transaction.
func lastAuditOf(tx *bolt.Tx, kind string, id uint64) (AuditEntry, error) {
	prefix := auditRecKey(kind, id, 0)[:len(kind)+9]
	c := tx.Bucket(bucketAuditRec).Cursor()
	var seq []byte
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		seq = k[len(k)-8:]
	}
	var e AuditEntry
	if seq == nil {
		return e, fmt.Errorf("audit of %s %d: %w", kind, id, ErrNotFound)
	}
	if err := json.Unmarshal(tx.Bucket(bucketAudit).Get(seq), &e); err != nil {
		return e, fmt.Errorf("read audit entry %d: %w", binary.BigEndian.Uint64(seq), err)
	}
	return e, nil
}
