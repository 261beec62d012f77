package data

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Owner is a unit's owner as the household registry (业户档案) records them: what a form declaring a
// RegistryCheck is checked against before its record is saved.
type Owner struct {
	Unit  string
	Name  string // one name, or the co-owners' names separated by 、
	Phone string // empty when the registry has none
}

// RegistryCheck declares that a form's record agrees with the household registry before it is saved
// (the owner's identity confirmed before a release slip is issued): the unit field Unit names a unit of
// the registry, and each of Fields holds what the registry holds for it, as that field's Fill says (the
// owner's name, the owner's phone). A record that does not agree is saved only with the reason written
// in the field Reason, which becomes required then; the reason stays on the record and goes into the
// audit entry of its saving.
type RegistryCheck struct {
	Unit   string   `json:"unit"`
	Fields []string `json:"fields"`
	Reason string   `json:"reason"`
}

// MinReasonRunes is the fewest characters a reason for saving a record that does not agree with the
// registry takes: "无" or "1" says nothing a supervisor can follow up.
const MinReasonRunes = 4

// Mismatches are the fields of the input that do not agree with the registry, each with what the desk
// is told: the unit not in the registry, or what the registry records instead (its names and phones
// masked, as the person at the desk may read the screen). Empty or malformed values are left to the
// fields' own checks; nil when everything agrees or the form checks nothing against the registry.
func (f *Form) Mismatches(env Env, in Input) (FieldErrors, error) {
	rc := f.Registry
	if rc == nil {
		return nil, nil
	}
	unitFl, _ := f.Field(rc.Unit)
	unit, msg := CheckValue(unitFl, Normalize(TypeUnit, in.Get(rc.Unit)), "", time.Time{})
	if unit == "" || msg != "" {
		return nil, nil
	}
	o, ok, err := env.Owner(unit)
	if err != nil {
		return nil, fmt.Errorf("registry entry of %s: %w", unit, err)
	}
	if !ok {
		return FieldErrors{rc.Unit: "档案中没有这个房号"}, nil
	}
	out := FieldErrors{}
	for _, k := range rc.Fields {
		fl, ok := f.Field(k)
		if !ok {
			continue
		}
		v := Normalize(fl.Type, in.Get(k))
		if v == "" {
			continue
		}
		switch fl.Fill {
		case FillOwner:
			if !sameName(v, o.Name) {
				out[k] = "与业户档案不符：档案登记的业主是 " + maskNames(o.Name)
			}
		case FillOwnerPhone:
			if o.Phone != "" && !samePhone(v, o.Phone) {
				out[k] = "与业户档案不符：档案登记的业主电话是 " + maskPhones(o.Phone)
			}
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// RegistryErrors is the save rule of the form's RegistryCheck: a record that does not agree with the
// registry is refused, each mismatch said on its field, unless the reason is written. old is the record
// as saved before an edit (nil for a new one): an edit that leaves the checked fields as they were, on a
// record saved without a reason, is not checked again (the registry may have changed since; the
// identity was confirmed when the record was made), but a reason once given is not taken away while
// the record still disagrees.
func (f *Form) RegistryErrors(env Env, in Input, old *Record) FieldErrors {
	rc := f.Registry
	if rc == nil {
		return nil
	}
	if old != nil && old.Values[rc.Reason] == "" && !f.registryEdited(in, old) {
		return nil
	}
	mis, err := f.Mismatches(env, in)
	if err != nil {
		return FieldErrors{rc.Unit: "业户档案读取失败，请稍后再试；仍不行请联系管理员"}
	}
	if len(mis) == 0 {
		return nil
	}
	reasonFl, _ := f.Field(rc.Reason)
	reason := Normalize(reasonFl.Type, in.Get(rc.Reason))
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		mis[rc.Reason] = "与业户档案不符：核实无误仍要保存的，请在此写明原因（如房屋已过户、档案未更新）"
	case n < MinReasonRunes:
		mis[rc.Reason] = fmt.Sprintf("请把不符的原因写清楚，至少%d个字", MinReasonRunes)
	default:
		return nil
	}
	return mis
}

// RegistryOverride is the reason a record that does not agree with the registry was saved with, as
// the input gives it ("" when the form checks nothing or no reason is written).
func (f *Form) RegistryOverride(in Input) string {
	if f.Registry == nil {
		return ""
	}
	return in.Get(f.Registry.Reason)
}

// registryEdited says whether an edit changes the unit or a field checked against the registry.
func (f *Form) registryEdited(in Input, old *Record) bool {
	for _, k := range append([]string{f.Registry.Unit}, f.Registry.Fields...) {
		fl, _ := f.Field(k)
		if Normalize(fl.Type, in.Get(k)) != old.Values[k] {
			return true
		}
	}
	return false
}

// sameName says whether a typed name is the registry's owner, or one of its co-owners: spaces and the
// middle dot of a transcribed name (in whichever of its forms an IME or a paste gives) do not count.
func sameName(typed, registered string) bool {
	t := squeezeName(typed)
	if t == squeezeName(registered) {
		return true
	}
	for _, n := range SplitList(registered, squeezeName) {
		if n != "" && n == t {
			return true
		}
	}
	return false
}

func squeezeName(s string) string {
	return strings.ToLower(strings.NewReplacer(" ", "", "\u3000", "", "·", "", "•", "", ".", "", "・", "", "･", "", "‧", "", "∙", "").Replace(ToHalfWidth(s)))
}

// samePhone compares phones by their digits: 0755-8321 2345 is 075583212345.
func samePhone(typed, registered string) bool {
	t := phoneDigits(Normalize(TypePhone, typed))
	if t == phoneDigits(Normalize(TypePhone, registered)) {
		return true
	}
	for _, p := range SplitList(registered, func(s string) string { return phoneDigits(Normalize(TypePhone, s)) }) {
		if p != "" && p == t {
			return true
		}
	}
	return false
}

func phoneDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// MaskName shows a name by its first character: 张** for 张伟明.
func MaskName(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", max(len(r)-1, 1))
}

func maskNames(s string) string {
	var out []string
	for _, n := range SplitList(s, strings.TrimSpace) {
		out = append(out, MaskName(n))
	}
	return strings.Join(out, "、")
}

func maskPhones(s string) string {
	var out []string
	for _, p := range SplitList(s, strings.TrimSpace) {
		out = append(out, MaskPhone(p))
	}
	return strings.Join(out, "、")
}

// SplitList reads values typed one after another, separated by spaces, commas, 、, semicolons or lines,
// each as norm writes it.
func SplitList(s string, norm func(string) string) []string {
	var out []string
	for _, v := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" \t\r\n,，、;；", r) }) {
		out = append(out, norm(v))
	}
	return out
}
