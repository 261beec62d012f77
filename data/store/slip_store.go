package store

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"frontdesk/data"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

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
func (s *Store) SlipCode(r *data.Record) (string, error) {
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
func (s *Store) ReleaseSlip(by data.Actor, serial, guard, code string, at time.Time) (*data.Record, error) {
	if err := by.Need(data.PermRecordWrite); err != nil {
		return nil, err
	}
	guard = strings.TrimSpace(guard)
	if guard == "" {
		return nil, fmt.Errorf("release %s: %w", serial, data.FieldErrors{"guard": "请填写门岗核验人"})
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
		return nil, fmt.Errorf("release %s: %w", serial, data.ErrSlipCode)
	}
	return s.modify(serial, func(f *data.Form, r *data.Record, now time.Time) (string, []data.Change, error) {
		if f.Key != "release" || data.SlipStatus(r, now) != data.SlipIssued && data.SlipStatus(r, now) != data.SlipExpired {
			return "", nil, data.ErrSlipState
		}
		if r.Life == nil {
			r.Life = map[string]string{}
		}
		r.Life["released_by"], r.Life["released_at"] = guard, at.In(data.Shanghai).Format(data.LayoutDateTime)
		return ActionRelease, []data.Change{{Field: "released_by", New: guard}, {Field: "released_at", New: r.Life["released_at"]}}, nil
	}, by)
}

// ArchiveSlip files a released slip (已回收).
func (s *Store) ArchiveSlip(by data.Actor, serial string) (*data.Record, error) {
	if err := by.Need(data.PermRecordWrite); err != nil {
		return nil, err
	}
	return s.modify(serial, func(f *data.Form, r *data.Record, now time.Time) (string, []data.Change, error) {
		if f.Key != "release" || data.SlipStatus(r, now) != data.SlipReleased {
			return "", nil, data.ErrSlipState
		}
		r.Life["archived_by"], r.Life["archived_at"] = by.Name, now.In(data.Shanghai).Format(data.LayoutDateTime)
		return ActionArchive, []data.Change{{Field: "archived_at", New: r.Life["archived_at"]}}, nil
	}, by)
}

func normCode(c string) string {
	return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(data.ToHalfWidth(c)))
}
