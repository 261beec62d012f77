package data

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
	"time"
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

// ErrSlipCode is the gate's code that does not match the slip: what the desk reads is its Chinese().
var ErrSlipCode error = slipCodeError{}

type slipCodeError struct{}

func (slipCodeError) Error() string { return "verification code does not match" }
func (slipCodeError) Chinese() string {
	return "核验码不符：这张放行条与开具时的内容不一致，可能被涂改或伪造，请核实后再放行。"
}

// SlipStatus is the slip's state now, as its list shows it (已过期 once its validity has passed).
func SlipStatus(r *Record, now time.Time) string {
	st, _ := formRelease.Status(r, now, nil)
	return st
}

// SettingSlipCopies says how many copies of a slip share a page: 3 (the three on one A4 page) or 1.
const SettingSlipCopies = "release_copies_per_page"

var settingSlipCopies = Setting{Key: SettingSlipCopies, Label: "放行条每页联数（3 或 1）", Unit: "联", Default: "3", Min: 1, Max: 3,
	Check: func(v string) string {
		if strings.TrimSpace(Normalize(TypeInt, v)) == "2" {
			return "应为 3 或 1"
		}
		return ""
	}}

// slipSecret names the store's secret that signs the slips' verification codes.
const slipSecret = "slip_key"

// SlipCode is the short verification code printed on a slip: derived from what the slip says (serial,
// unit, owner, dates, carrier, plate, gate, items) with the store's secret, so a slip altered by hand,
// or made up, does not match when it comes back. Eight letters and digits, as XXXX-XXXX.
func SlipCode(env Env, r *Record) (string, error) {
	key, err := env.Secret(slipSecret)
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

func normCode(c string) string {
	return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(ToHalfWidth(c)))
}

// The slip's life (R1.2): issued → back from the gate with the guard's name and the code read off the
// paper, which must match the slip as issued → archived; or voided. An issued slip past the end of its
// validity is 已过期 (it may still come back released: the gate let it through on the day).
var releaseFlow = &Flow{
	States: []State{
		{Key: "issued", Name: SlipIssued, Open: true, Who: Who{Perm: PermRecordWrite}, Late: SlipExpired},
		{Key: "released", Name: SlipReleased, Open: true, Who: Who{Perm: PermRecordWrite}},
		{Key: "archived", Name: SlipArchived},
	},
	Initial: "issued",
	Steps: []Step{
		{Key: "release", Name: "放行登记", From: []string{"issued"}, To: "released", Perm: PermRecordWrite, At: "released_at",
			Hint: "放行条从门岗交回时登记。",
			Fields: []Field{
				{Key: "released_by", Label: "门岗核验人", Type: TypePerson, Required: true, Hint: "门卫姓名"},
				{Key: "code", Label: "放行条上印的核验码", Type: TypeText, Required: true, Max: 20, Hint: "如 K7QX-3M9P"},
			},
			Check: func(c *StepContext) error {
				want, err := SlipCode(c.Env, c.Record)
				if err != nil {
					return err
				}
				if normCode(c.Values.Get("code")) != normCode(want) {
					return fmt.Errorf("release %s: %w", c.Record.Serial, ErrSlipCode)
				}
				return nil
			}},
		{Key: "archive", Name: "回收", From: []string{"released"}, To: "archived", Perm: PermRecordWrite, By: "archived_by", At: "archived_at"},
	},
	// A slip is valid to the end of its 有效期至 day.
	Clocks: []Clock{{States: []string{"issued"}, Label: "放行", From: "valid_until", Length: 24 * time.Hour}},
	Derive: func(r *Record) string {
		switch {
		case r.Life["archived_at"] != "":
			return "archived"
		case r.Life["released_at"] != "":
			return "released"
		}
		return "issued"
	},
	OpenFilter: "只看未回收",
	Handover:   true,
}

var releasePrint = &Print{
	Layout: PrintSlip,
	PerPage: func(env Env) int {
		if env != nil && env.Setting(SettingSlipCopies, "") == "1" {
			return 1
		}
		return 3
	},
	Code: SlipCode,
}
