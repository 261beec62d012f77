package formtest

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

func Day(s string) time.Time {
	t, err := time.ParseInLocation(data.LayoutDate, s, data.Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// MemEnv is the store as the rules see it, with records to compute from and price by.
type MemEnv struct {
	FakeEnv
	Recs map[string][]*data.Record
}

func (e MemEnv) Records(kind string, from, to time.Time) ([]*data.Record, error) {
	f, _ := data.FormByKey(kind)
	var out []*data.Record
	for _, r := range e.Recs[kind] {
		d := r.Date(f)
		if (from.IsZero() || !d.Before(from)) && d.Before(to) && !r.Voided() {
			out = append(out, r)
		}
	}
	return out, nil
}

func (e MemEnv) Has(kind string, from, to time.Time) (bool, error) {
	rs, err := e.Records(kind, from, to)
	return len(rs) > 0, err
}

func Complaint(validity, received string) *data.Record {
	return &data.Record{Kind: "complaint", Serial: "TS-20261127-001", Status: data.StatusActive, State: "reply",
		Values: map[string]string{"unit": "3-2-1201", "complainant": "张伟", "received": received, "validity": validity,
			"channel": "电话", "category": "噪音", "urgency": "一般", "content": "楼上夜间装修噪音。"}}
}

// Take runs a step and fails the test if it is refused.
func Take(t *testing.T, f *data.Form, r *data.Record, step string, in data.Input, a data.Actor, now string, env data.Env) *data.Record {
	t.Helper()
	nr, _, err := f.TakeStep(r, step, in, a, At(now), env)
	if err != nil {
		t.Fatalf("%s at %s by %s: %v", step, now, a.Name, err)
	}
	return nr
}

func Values(fe data.FieldErrors) []string {
	var out []string
	for _, m := range fe {
		out = append(out, m)
	}
	return out
}

// RecEnv is the store as the measures see it: records by form, dated as the store dates them, and a
// registry of units.
type RecEnv struct {
	FakeEnv
	Recs     map[string][]*data.Record
	UnitList []data.Unit
}

func (e *RecEnv) Records(kind string, from, to time.Time) ([]*data.Record, error) {
	f, _ := data.FormByKey(kind)
	var out []*data.Record
	for _, r := range e.Recs[kind] {
		d := r.Date(f)
		if (from.IsZero() || !d.Before(from)) && d.Before(to) && !r.Voided() {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date(f).Before(out[j].Date(f)) })
	return out, nil
}

func (e *RecEnv) Units() ([]data.Unit, error) { return e.UnitList, nil }

func (e *RecEnv) Timings(kind string, from, to time.Time) ([]data.Timing, error) {
	recs, err := e.Records(kind, from, to)
	var out []data.Timing
	f, _ := data.FormByKey(kind)
	for _, r := range recs {
		out = append(out, data.Timing{Serial: r.Serial, At: r.Date(f), Seconds: r.EntrySeconds, By: r.CreatedBy})
	}
	return out, err
}

func (e *RecEnv) Has(kind string, from, to time.Time) (bool, error) {
	recs, err := e.Records(kind, from, to)
	return len(recs) > 0, err
}

// Add files a record of kind with the values given as key, value pairs; its serial numbers it.
func (e *RecEnv) Add(kind string, kv ...string) *data.Record {
	if e.Recs == nil {
		e.Recs = map[string][]*data.Record{}
	}
	f, _ := data.FormByKey(kind)
	r := &data.Record{Kind: kind, Status: data.StatusActive, Values: map[string]string{}, CreatedAt: At("2026-11-01 08:00")}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Values[kv[i]] = kv[i+1]
	}
	r.Serial = fmt.Sprintf("%s-%03d", f.Prefix, len(e.Recs[kind])+1)
	e.Recs[kind] = append(e.Recs[kind], r)
	return r
}

func MeasureNamed(t *testing.T, key string) data.Measure {
	t.Helper()
	for _, m := range data.Measures() {
		if m.Key == key {
			return m
		}
	}
	t.Fatalf("no measure %s", key)
	return data.Measure{}
}

func SerialsOf(b []data.Behind) string {
	var s []string
	for _, x := range b {
		if x.Serial != "" {
			s = append(s, x.Serial)
		} else {
			s = append(s, x.Text)
		}
	}
	return strings.Join(s, ",")
}

var November = data.Month{From: At("2026-11-01 00:00"), To: At("2026-12-01 00:00"), Now: At("2026-12-02 09:00")}

// FakeEnv is the store as the rules see it: settings and a fixed secret.
type FakeEnv map[string]string

func (e FakeEnv) Setting(k, def string) string {
	if v, ok := e[k]; ok {
		return v
	}
	return def
}

// FirstRecord is the desk's first record's date: the "first_record" setting (2006-01-02), else none.
func (e FakeEnv) FirstRecord() (time.Time, bool) {
	return data.ParseLocal(data.TypeDate, e["first_record"])
}

func (e FakeEnv) Secret(string) ([]byte, error) {
	return []byte("0123456789abcdef0123456789abcdef"), nil
}

func (e FakeEnv) Records(string, time.Time, time.Time) ([]*data.Record, error) { return nil, nil }

func (e FakeEnv) Open(time.Time) ([]data.Matter, error) { return nil, nil }

func (e FakeEnv) Has(string, time.Time, time.Time) (bool, error) { return false, nil }

func (e FakeEnv) Units() ([]data.Unit, error) { return nil, nil }

func (e FakeEnv) Owner(string) (data.Owner, bool, error) { return data.Owner{}, false, nil }

func (e FakeEnv) Timings(string, time.Time, time.Time) ([]data.Timing, error) { return nil, nil }

func (e FakeEnv) Staff() []string {
	if v, ok := e["staff"]; ok {
		return strings.Split(v, ",")
	}
	return nil
}

var (
	TClerk      = data.Actor{Login: "c", Name: "陈佳", Role: data.RoleClerk}
	TSupervisor = data.Actor{Login: "s", Name: "王主管", Role: data.RoleSupervisor}
	TManager    = data.Actor{Login: "m", Name: "刘经理", Role: data.RoleManager}
	TAdmin      = data.Actor{Login: "a", Name: "管理员", Role: data.RoleAdmin}
)

func At(s string) time.Time {
	t, ok := data.ParseLocal(data.TypeDateTime, s)
	if !ok {
		panic(s)
	}
	return t
}

func Permit(start, end string) *data.Record {
	return &data.Record{Kind: "hotwork", Serial: "DH-20261127-001", Status: data.StatusActive, State: "applied",
		Values: map[string]string{"start": start, "end": end},
		Tables: map[string][]data.Row{"workers": {{"name": "赵六", "cert_expiry": "2027-06-30"}}}}
}

func Fields(kv ...string) data.Input {
	in := data.NewInput()
	for i := 0; i+1 < len(kv); i += 2 {
		in.Values[kv[i]] = kv[i+1]
	}
	return in
}

func ErrText(err error, key string) string {
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		return fe[key]
	}
	return ""
}

// RegistryEnv is a store whose household registry holds the owners given.
type RegistryEnv struct {
	FakeEnv
	Owners map[string]data.Owner
	Err    error
}

func (e RegistryEnv) Owner(unit string) (data.Owner, bool, error) {
	o, ok := e.Owners[unit]
	return o, ok, e.Err
}

var Today = time.Date(2026, 11, 27, 12, 0, 0, 0, data.Shanghai)
