package data

import (
	"encoding/json"
	"time"
)

// Record statuses.
const (
	StatusActive = "active"
	StatusVoid   = "void"
)

// Record is one stored form: what was typed, plus who and when.
type Record struct {
	ID     uint64            `json:"id"`
	Kind   string            `json:"kind"`
	Serial string            `json:"serial"`
	Values map[string]string `json:"values"`
	Tables map[string][]Row  `json:"tables,omitempty"`
	Status string            `json:"status"`
	// State is the stage of the record's life (its form's Flow); empty for a record saved before its
	// form had one, whose state its content implies.
	State      string     `json:"state,omitempty"`
	VoidReason string     `json:"void_reason,omitempty"`
	VoidedBy   string     `json:"voided_by,omitempty"`
	VoidedAt   *time.Time `json:"voided_at,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	CreatedBy  string     `json:"created_by"`
	UpdatedAt  time.Time  `json:"updated_at"`
	UpdatedBy  string     `json:"updated_by"`
	Version    int        `json:"version"`
	// Printed counts the PDFs made of this record, so a reprint can say 补打.
	Printed int `json:"printed,omitempty"`
	// CreatedLogin is the account that made the record (CreatedBy is the name on paper).
	CreatedLogin string `json:"created_login,omitempty"`
	// Sealed is set once the record was printed (and so signed on paper): from then on it is corrected
	// only by an amendment that keeps what it said before.
	Sealed     bool        `json:"sealed,omitempty"`
	Amendments []Amendment `json:"amendments,omitempty"`
	// Life holds the steps of a record's life after it was issued (a slip released at the gate and
	// archived, a permit approved and closed): who and when, by step.
	Life map[string]string `json:"life,omitempty"`
	// EntrySeconds is how long the registration took, from the entry screen opening to the save (R1.3).
	EntrySeconds float64 `json:"entry_seconds,omitempty"`
	// Purged is set when the personal fields were removed at the end of the retention period.
	Purged bool `json:"purged,omitempty"`
}

// Amendment is a correction of a sealed record: what changed from what, why, by whom, when.
type Amendment struct {
	At      time.Time `json:"at"`
	By      string    `json:"by"`
	Login   string    `json:"login"`
	Reason  string    `json:"reason"`
	Changes []Change  `json:"changes"`
}

// Input returns the record's values as an editable input.
func (r *Record) Input() Input {
	in := NewInput()
	for k, v := range r.Values {
		in.Values[k] = v
	}
	for k, rows := range r.Tables {
		cp := make([]Row, len(rows))
		for i, row := range rows {
			nr := Row{}
			for c, v := range row {
				nr[c] = v
			}
			cp[i] = nr
		}
		in.Tables[k] = cp
	}
	return in
}

// Voided says whether the record was voided (作废).
func (r *Record) Voided() bool { return r.Status == StatusVoid }

// StatusText is the record's status in Chinese.
func (r *Record) StatusText() string {
	if r.Voided() {
		return "作废"
	}
	return "有效"
}

// Date is the time the record is filed under: its DateKey field, else its creation.
func (r *Record) Date(f *Form) time.Time {
	if f.DateKey != "" {
		fl, _ := f.Field(f.DateKey)
		if t, ok := ParseLocal(fl.Type, r.Values[f.DateKey]); ok {
			return t
		}
	}
	if f.DateKeyWas != "" {
		fl, _ := f.Field(f.DateKeyWas)
		if t, ok := ParseLocal(fl.Type, r.Values[f.DateKeyWas]); ok {
			return t
		}
	}
	return r.CreatedAt
}

// Display returns a field's value as lists and prints show it to everyone: document numbers masked.
func Display(fl Field, v string) string {
	if v == "" {
		return ""
	}
	if fl.Type == TypeIDNumber {
		return MaskID(v)
	}
	return v
}

// DisplayFor returns a field's value as a list shows it to this person: ID numbers and phones masked
// unless the role needs them (PIPL; the entry screen shows them in full to whoever types them).
func DisplayFor(a Actor, fl Field, v string) string {
	if v == "" || a.Can(PermViewPersonal) {
		return v
	}
	switch fl.Type {
	case TypeIDNumber:
		return MaskID(v)
	case TypePhone:
		return MaskPhone(v)
	}
	return v
}

// Change is one field's old and new value.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// MaskedFor is a copy of a record as a person sees it: phones and ID numbers masked for a role that
// may not see them, in its values, its table rows and the changes of its amendments (#12 item 9).
func (f *Form) MaskedFor(a Actor, r *Record) *Record {
	if a.Can(PermViewPersonal) {
		return r
	}
	c := *r
	c.Values = map[string]string{}
	for k, v := range r.Values {
		if fl, ok := f.Field(k); ok {
			v = DisplayFor(a, fl, v)
		}
		c.Values[k] = v
	}
	if r.Tables != nil {
		c.Tables = map[string][]Row{}
		for k, rows := range r.Tables {
			fl, _ := f.Field(k)
			c.Tables[k] = maskRows(a, fl, rows)
		}
	}
	c.Amendments = nil
	for _, am := range r.Amendments {
		am.Changes = f.MaskChanges(a, am.Changes)
		c.Amendments = append(c.Amendments, am)
	}
	return &c
}

// MaskChanges masks the old and new values of a record's changes by the same rule as lists and
// prints: the history shows a phone changed, not the phone.
func (f *Form) MaskChanges(a Actor, cs []Change) []Change {
	if a.Can(PermViewPersonal) || len(cs) == 0 {
		return cs
	}
	out := make([]Change, len(cs))
	for i, c := range cs {
		if fl, ok := f.Field(c.Field); ok {
			if fl.Type == TypeTable {
				c.Old, c.New = maskRowsJSON(a, fl, c.Old), maskRowsJSON(a, fl, c.New)
			} else {
				c.Old, c.New = DisplayFor(a, fl, c.Old), DisplayFor(a, fl, c.New)
			}
		}
		out[i] = c
	}
	return out
}

func maskRows(a Actor, table Field, rows []Row) []Row {
	out := make([]Row, len(rows))
	for i, row := range rows {
		m := Row{}
		for k, v := range row {
			for _, col := range table.Columns {
				if col.Key == k {
					v = DisplayFor(a, col, v)
				}
			}
			m[k] = v
		}
		out[i] = m
	}
	return out
}

func maskRowsJSON(a Actor, table Field, s string) string {
	var rows []Row
	if json.Unmarshal([]byte(s), &rows) != nil {
		return s
	}
	b, _ := json.Marshal(maskRows(a, table, rows))
	return string(b)
}
