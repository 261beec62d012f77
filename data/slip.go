package data

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The life of a 物品放行条 (R1.2): 已开具 → 已放行 (the guard's name and time, when the slip comes back
// from the gate) → 已回收 (archived), or 作废. A slip not released by the end of its validity is 已过期.
const (
	SlipIssued   = "已开具"
	SlipReleased = "已放行"
	SlipArchived = "已回收"
	SlipExpired  = "已过期"
	SlipVoid     = "作废"
)

// Errors of the slip's life.
var (
	ErrSlipCode  = errors.New("verification code does not match")
	ErrSlipState = errors.New("slip not in the state for this step")
)

// SlipStatus is the slip's state now.
func SlipStatus(r *Record, now time.Time) string {
	switch {
	case r.Voided():
		return SlipVoid
	case r.Life["archived_at"] != "":
		return SlipArchived
	case r.Life["released_at"] != "":
		return SlipReleased
	}
	if vu, ok := ParseLocal(TypeDate, r.Values["valid_until"]); ok && now.In(Shanghai).After(vu.AddDate(0, 0, 1)) {
		return SlipExpired
	}
	return SlipIssued
}

const settingSlipKey = "slip_key"

// slipKey is the store's secret for verification codes, made at first use and kept in the store, so a
// code cannot be made up without the desk's data.
func (s *Store) slipKey() ([]byte, error) {
	if k := s.Setting(settingSlipKey, ""); k != "" {
		return hex.DecodeString(k)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		if b.Get([]byte(settingSlipKey)) != nil {
			return nil // another save made it meanwhile
		}
		return b.Put([]byte(settingSlipKey), []byte(hex.EncodeToString(key)))
	})
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(s.Setting(settingSlipKey, ""))
}

// SlipCode is the short verification code printed on a slip: derived from what the slip says (serial,
// unit, owner, dates, carrier, plate, gate, items), so a slip altered by hand, or made up, does not match
// when it comes back. Eight letters and digits, as XXXX-XXXX.
func (s *Store) SlipCode(r *Record) (string, error) {
	key, err := s.slipKey()
	if err != nil {
		return "", fmt.Errorf("slip code of %s: %w", r.Serial, err)
	}
	m := hmac.New(sha256.New, key)
	parts := []string{r.Serial}
	for _, k := range []string{"unit", "owner_name", "issue_date", "valid_until", "carrier", "plate", "gate"} {
		parts = append(parts, r.Values[k])
	}
	for _, it := range r.Tables["items"] {
		parts = append(parts, it["name"]+"/"+it["spec"]+"/"+it["qty"])
	}
	m.Write([]byte(strings.Join(parts, "\x1f")))
	code := base32.StdEncoding.EncodeToString(m.Sum(nil))[:8]
	return code[:4] + "-" + code[4:], nil
}

// ReleaseSlip records that the gate let the goods out: the guard's name and time, and the code read off
// the slip that came back, which must match the slip as issued.
func (s *Store) ReleaseSlip(by Actor, serial, guard, code string, at time.Time) (*Record, error) {
	if err := by.need(PermRecordWrite); err != nil {
		return nil, err
	}
	guard = strings.TrimSpace(guard)
	if guard == "" {
		return nil, fmt.Errorf("release %s: %w", serial, FieldErrors{"guard": "请填写门岗核验人"})
	}
	rec, err := s.bySerial(serial)
	if err != nil {
		return nil, err
	}
	want, err := s.SlipCode(rec)
	if err != nil {
		return nil, err
	}
	if normCode(code) != normCode(want) {
		return nil, fmt.Errorf("release %s: %w", serial, ErrSlipCode)
	}
	return s.modify(serial, func(f *Form, r *Record, now time.Time) (string, []Change, error) {
		if f.Key != "release" || SlipStatus(r, now) != SlipIssued && SlipStatus(r, now) != SlipExpired {
			return "", nil, ErrSlipState
		}
		if r.Life == nil {
			r.Life = map[string]string{}
		}
		r.Life["released_by"], r.Life["released_at"] = guard, at.In(Shanghai).Format(LayoutDateTime)
		return ActionRelease, []Change{{Field: "released_by", New: guard}, {Field: "released_at", New: r.Life["released_at"]}}, nil
	}, by)
}

// ArchiveSlip files a released slip (已回收).
func (s *Store) ArchiveSlip(by Actor, serial string) (*Record, error) {
	if err := by.need(PermRecordWrite); err != nil {
		return nil, err
	}
	return s.modify(serial, func(f *Form, r *Record, now time.Time) (string, []Change, error) {
		if f.Key != "release" || SlipStatus(r, now) != SlipReleased {
			return "", nil, ErrSlipState
		}
		r.Life["archived_by"], r.Life["archived_at"] = by.Name, now.In(Shanghai).Format(LayoutDateTime)
		return ActionArchive, []Change{{Field: "archived_at", New: r.Life["archived_at"]}}, nil
	}, by)
}

func normCode(c string) string {
	return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(toHalfWidth(c)))
}
