package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"frontdesk/data"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Household is one unit of the registry (业户档案): who owns it, who lives there, whether it is occupied.
type Household struct {
	Unit           string `json:"unit"` // 楼栋-单元-房号, normalised
	Owner          string `json:"owner"`
	OwnerPhone     string `json:"owner_phone"`
	Residents      string `json:"residents,omitempty"`       // names, separated by 、
	ResidentPhones string `json:"resident_phones,omitempty"` // phones, separated by 、
	Occupied       bool   `json:"occupied"`
	Note           string `json:"note,omitempty"`
}

// Building, entrance and room parts of the unit.
func (h Household) Parts() (building, entrance, room string) {
	p := strings.SplitN(h.Unit, "-", 3)
	for len(p) < 3 {
		p = append(p, "")
	}
	return p[0], p[1], p[2]
}

var householdFields = []data.Field{
	{Key: "unit", Label: "房号", Type: data.TypeUnit, Required: true},
	{Key: "owner", Label: "业主姓名", Type: data.TypePerson, Required: true},
	{Key: "owner_phone", Label: "业主电话", Type: data.TypePhone},
	{Key: "residents", Label: "住户姓名", Type: data.TypeText, Max: 100},
	{Key: "resident_phones", Label: "住户电话", Type: data.TypeText, Max: 100},
	{Key: "note", Label: "备注", Type: data.TypeText, Max: 100},
}

// HouseholdFields are the registry's fields, for the edit screen.
func HouseholdFields() []data.Field { return householdFields }

// ValidateHousehold normalises a household and returns its field errors.
func ValidateHousehold(h Household) (Household, data.FieldErrors) {
	in := data.NewInput()
	in.Values = map[string]string{"unit": h.Unit, "owner": h.Owner, "owner_phone": h.OwnerPhone,
		"residents": h.Residents, "resident_phones": h.ResidentPhones, "note": h.Note}
	errs := data.FieldErrors{}
	out := h
	for _, f := range householdFields {
		v, msg := data.CheckValue(f, data.Normalize(f.Type, in.Values[f.Key]), "", time.Now())
		if msg != "" {
			errs[f.Key] = msg
		}
		switch f.Key {
		case "unit":
			out.Unit = v
		case "owner":
			out.Owner = v
		case "owner_phone":
			out.OwnerPhone = v
		case "residents":
			out.Residents = v
		case "resident_phones":
			out.ResidentPhones = v
		case "note":
			out.Note = v
		}
	}
	for _, p := range splitList(out.ResidentPhones) {
		if _, msg := data.CheckValue(data.Field{Type: data.TypePhone, Label: "住户电话"}, p, "", time.Now()); msg != "" {
			errs["resident_phones"] = "电话 " + p + "：" + msg
			break
		}
	}
	return out, errs
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == ' ' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// PutHousehold adds or changes one household.
func (s *Store) PutHousehold(by data.Actor, h Household) (Household, error) {
	if err := by.Need(data.PermHouseholdEdit); err != nil {
		return h, err
	}
	h, errs := ValidateHousehold(h)
	if len(errs) > 0 {
		return h, errs
	}
	err := s.db.Update(func(tx *bolt.Tx) error { return putHousehold(tx, by, h, s.now()) })
	if err != nil {
		return h, fmt.Errorf("save household %s: %w", h.Unit, err)
	}
	return h, nil
}

func putHousehold(tx *bolt.Tx, by data.Actor, h Household, now time.Time) error {
	b := tx.Bucket(bucketHouseholds)
	raw, err := json.Marshal(h)
	if err != nil {
		return err
	}
	old := bytes.Clone(b.Get([]byte(h.Unit)))
	if old != nil && string(old) == string(raw) {
		return nil
	}
	if err := b.Put([]byte(h.Unit), raw); err != nil {
		return err
	}
	return appendAudit(tx, AuditEntry{Time: now.UTC(), User: by.Name, Login: by.Login, Action: ActionHouse, Serial: h.Unit,
		Changes: []data.Change{{Field: "household", Old: string(old), New: string(raw)}},
		Seals:   []Seal{sealOf(tx, bucketHouseholds, []byte(h.Unit), old)}})
}

// Household returns one unit of the registry.
func (s *Store) Household(unit string) (Household, bool) {
	var h Household
	ok := false
	_ = s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketHouseholds).Get([]byte(data.NormalizeUnit(unit))); v != nil {
			ok = json.Unmarshal(v, &h) == nil
		}
		return nil
	})
	return h, ok
}

// Owner is a unit's owner as the registry records them (data.Env), read in the transaction of the save
// that checks a record against it.
func (e txEnv) Owner(unit string) (data.Owner, bool, error) {
	v := e.tx.Bucket(bucketHouseholds).Get([]byte(data.NormalizeUnit(unit)))
	if v == nil {
		return data.Owner{}, false, nil
	}
	var h Household
	if err := json.Unmarshal(v, &h); err != nil {
		return data.Owner{}, false, fmt.Errorf("decode household %s: %w", unit, err)
	}
	return data.Owner{Unit: h.Unit, Name: h.Owner, Phone: h.OwnerPhone}, true, nil
}

// Owner is a unit's owner as the registry records them (data.Env): what the entry screen shows a
// record's mismatches against before it is saved.
func (s *Store) Owner(unit string) (data.Owner, bool, error) {
	var (
		o  data.Owner
		ok bool
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		o, ok, err = txEnv{tx}.Owner(unit)
		return err
	})
	return o, ok, err
}

// Households lists the registry, filtered by any part of unit, names or phones; sorted by unit.
// The registry of an estate is a few thousand units, so a scan is cheap.
func (s *Store) Households(query string, limit int) ([]Household, error) {
	q := searchNormalize(query)
	var out []Household
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketHouseholds).ForEach(func(k, v []byte) error {
			var h Household
			if err := json.Unmarshal(v, &h); err != nil {
				return fmt.Errorf("decode household %s: %w", k, err)
			}
			if q == "" || strings.Contains(searchNormalize(strings.Join([]string{h.Unit, h.Owner, h.OwnerPhone, h.Residents, h.ResidentPhones}, "\x1f")), q) {
				out = append(out, h)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return unitLess(out[i].Unit, out[j].Unit) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}

// SuggestUnits completes what a clerk typed into a unit field: units that start with it (3-2 → 3-2-101,
// 3-2-102 …, not 13-2-…), or, when Chinese is typed, units whose owner or residents have it in their name.
func (s *Store) SuggestUnits(typed string, limit int) ([]Household, error) {
	t := data.NormalizeUnit(typed)
	name := strings.TrimSpace(typed)
	byName := strings.ContainsFunc(t, isHan) // 3栋2单元 normalises to 3-2; a name stays Chinese
	var out []Household
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketHouseholds).Cursor()
		if !byName {
			// Unit keys are stored normalised, so a prefix is a cursor range.
			for k, v := c.Seek([]byte(t)); k != nil && strings.HasPrefix(string(k), t); k, v = c.Next() {
				var h Household
				if err := json.Unmarshal(v, &h); err != nil {
					return fmt.Errorf("decode household %s: %w", k, err)
				}
				out = append(out, h)
			}
			return nil
		}
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var h Household
			if err := json.Unmarshal(v, &h); err != nil {
				return fmt.Errorf("decode household %s: %w", k, err)
			}
			if strings.Contains(h.Owner, name) || strings.Contains(h.Residents, name) {
				out = append(out, h)
			}
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return unitLess(out[i].Unit, out[j].Unit) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}

// HouseholdCount returns how many units the registry holds, and how many are occupied.
func (s *Store) HouseholdCount() (total, occupied int) {
	_ = s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketHouseholds).ForEach(func(k, v []byte) error {
			total++
			var h Household
			if json.Unmarshal(v, &h) == nil && h.Occupied {
				occupied++
			}
			return nil
		})
	})
	return total, occupied
}

// unitLess orders 2-1-302 before 10-1-101: numeric parts compare as numbers.
func unitLess(a, b string) bool {
	pa, pb := strings.Split(a, "-"), strings.Split(b, "-")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, nb := data.AtoiOr0(pa[i]), data.AtoiOr0(pb[i])
		if na != nb && na > 0 && nb > 0 {
			return na < nb
		}
		if len(pa[i]) != len(pb[i]) {
			return len(pa[i]) < len(pb[i])
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

// HouseholdRows is the registry as a table in the columns its import reads, under their names, so
// that an exported registry can be imported again as it is.
func HouseholdRows(hs []Household) (header []string, rows [][]string) {
	header = []string{"楼栋", "单元", "房号", "业主姓名", "业主电话", "住户姓名", "住户电话", "是否入住", "备注"}
	for _, h := range hs {
		b, e, r := h.Parts()
		occupied := "否"
		if h.Occupied {
			occupied = "是"
		}
		rows = append(rows, []string{b, e, r, h.Owner, h.OwnerPhone, h.Residents, h.ResidentPhones, occupied, h.Note})
	}
	return header, rows
}
