package desk

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"frontdesk/data"
)

// FormRelease declares 《物品放行条》.
var FormRelease = &data.Form{
	Key: "release", Name: "物品放行条", Short: "放行条", Prefix: "FX", Group: data.GroupDesk, Rule: "R1.1 R1.2",
	DateKey: "issue_date", Retention: "1年", Stamp: true, Flow: releaseFlow, Print: releasePrint,
	Settings:    []data.Setting{settingSlipCopies},
	Signatures:  []string{"业主（签字）", "经办人（值班员）", "门岗核验（签字/时间）"},
	ListColumns: []string{"unit", "owner_name", "carrier", "plate", "issue_date", "gate"},
	// R1.1: the owner's identity is confirmed against the registry before the slip is issued; a slip
	// that does not agree with it is issued only with the reason written down.
	Registry: &data.RegistryCheck{Unit: "unit", Fields: []string{"owner_name", "owner_phone"}, Reason: "registry_note"},
	Fields: []data.Field{
		{Key: "unit", Label: "房号", Type: data.TypeUnit, Required: true, Search: true},
		{Key: "owner_name", Label: "业主姓名", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleNames, Fill: data.FillOwner},
		{Key: "owner_phone", Label: "业主电话", Type: data.TypePhone, Required: true, Search: true, Fill: data.FillOwnerPhone},
		{Key: "identity_check", Label: "身份核实方式", Type: data.TypeChoice, Required: true, Choices: []string{"核对业户档案及证件", "业主本人到场", AgentCheck, "电话向业主确认"}},
		// Written only when the slip does not agree with the registry, and then required (Registry).
		{Key: "registry_note", Label: "核对说明", Type: data.TypeText, Max: 40, Hint: "与业户档案不符时必填：写明原因，如房屋已过户、档案未更新",
			Samples: []string{"新购房业主，出示购房合同，档案待更新", "业主已更换手机号，本人到场核实", "房屋已过户，档案尚未更新，核对房产证"}},
		{Key: "agent_name", Label: "受托人姓名", Type: data.TypePerson, Samples: data.SampleNames},
		{Key: "agent_doc", Label: "受托人身份证号", Type: data.TypeIDNumber},
		{Key: "items", Label: "放行物品", Type: data.TypeTable, Required: true, Max: 12, Columns: []data.Field{
			{Key: "name", Label: "名称", Type: data.TypeText, Required: true, Max: 30, Samples: []string{"旧沙发", "冰箱", "纸箱", "床垫", "办公椅", "自行车", "衣柜"}},
			{Key: "spec", Label: "规格/说明", Type: data.TypeText, Max: 40, Samples: []string{"三人位", "双门", "搬家杂物", "1.8米", "旧件"}},
			{Key: "qty", Label: "数量", Type: data.TypeInt, Required: true, Min: 1, Max: 999},
		}},
		{Key: "carrier", Label: "搬运人/公司", Type: data.TypeText, Required: true, Max: 40, Search: true, Samples: []string{"蚂蚁搬家", "货拉拉", "业主自行搬运", "顺心搬家公司"}},
		{Key: "plate", Label: "车牌号", Type: data.TypePlate, Search: true},
		{Key: "gate", Label: "出口", Type: data.TypeChoice, Required: true, Choices: []string{"东门", "南门", "西门", "北门", "地库出口"}},
		{Key: "issue_date", Label: "开具日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
		{Key: "valid_until", Label: "有效期至", Type: data.TypeDate, Required: true, Default: data.DefaultToday},
		{Key: "clerk", Label: "经办人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
		{Key: "note", Label: "备注", Type: data.TypeText, Max: 100},
	},
	Check: data.Combine(
		data.EndNotBefore(data.TypeDate, "issue_date", "valid_until", "有效期不能早于开具日期"),
		func(in data.Input) data.FieldErrors {
			errs := data.FieldErrors{}
			is, ok1 := data.ParseLocal(data.TypeDate, in.Get("issue_date"))
			vu, ok2 := data.ParseLocal(data.TypeDate, in.Get("valid_until"))
			if ok1 && ok2 && vu.After(is.AddDate(0, 0, MaxSlipDays)) {
				errs["valid_until"] = fmt.Sprintf("放行条有效期最长%d天", MaxSlipDays)
			}
			// R1.1: an agent needs the owner's written authorisation and their own ID.
			if in.Get("identity_check") == AgentCheck {
				if in.Get("agent_name") == "" {
					errs["agent_name"] = "凭委托书办理时，请填写受托人姓名"
				}
				if in.Get("agent_doc") == "" {
					errs["agent_doc"] = "凭委托书办理时，请填写受托人身份证号"
				}
			}
			return errs
		}),
}

// AgentCheck is the identity check of an agent sent by the owner with a written authorisation (委托书).
const AgentCheck = "业主委托书及受托人证件"

// MaxSlipDays is the longest a release slip may stay valid; by default it is valid on its issue day only.
const MaxSlipDays = 7

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
func SlipStatus(r *data.Record, now time.Time) string {
	st, _ := FormRelease.Status(r, now, nil)
	return st
}

// SettingSlipCopies says how many copies of a slip share a page: 3 (the three on one A4 page) or 1.
const SettingSlipCopies = "release_copies_per_page"

var settingSlipCopies = data.Setting{Key: SettingSlipCopies, Label: "放行条每页联数（3 或 1）", Unit: "联", Default: "3", Min: 1, Max: 3,
	Check: func(v string) string {
		if strings.TrimSpace(data.Normalize(data.TypeInt, v)) == "2" {
			return "应为 3 或 1"
		}
		return ""
	}}

// slipSecret names the store's secret that signs the slips' verification codes.
const slipSecret = "slip_key"

// SlipCode is the short verification code printed on a slip: derived from what the slip says (serial,
// unit, owner, dates, carrier, plate, gate, items) with the store's secret, so a slip altered by hand,
// or made up, does not match when it comes back. Eight letters and digits, as XXXX-XXXX.
func SlipCode(env data.Env, r *data.Record) (string, error) {
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
	return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(data.ToHalfWidth(c)))
}

// The slip's life (R1.2): issued → back from the gate with the guard's name and the code read off the
// paper, which must match the slip as issued → archived; or voided. An issued slip past the end of its
// validity is 已过期 (it may still come back released: the gate let it through on the day).
var releaseFlow = &data.Flow{
	States: []data.State{
		{Key: "issued", Name: SlipIssued, Open: true, Who: data.Who{Perm: data.PermRecordWrite}, Late: SlipExpired},
		{Key: "released", Name: SlipReleased, Open: true, Who: data.Who{Perm: data.PermRecordWrite}},
		{Key: "archived", Name: SlipArchived},
	},
	Initial: "issued",
	Steps: []data.Step{
		{Key: "release", Name: "放行登记", From: []string{"issued"}, To: "released", Perm: data.PermRecordWrite, At: "released_at",
			Hint: "放行条从门岗交回时登记。",
			Fields: []data.Field{
				{Key: "released_by", Label: "门岗核验人", Type: data.TypePerson, Required: true, Hint: "门卫姓名"},
				{Key: "code", Label: "放行条上印的核验码", Type: data.TypeText, Required: true, Max: 20, Hint: "如 K7QX-3M9P"},
			},
			Check: func(c *data.StepContext) error {
				want, err := SlipCode(c.Env, c.Record)
				if err != nil {
					return err
				}
				if normCode(c.Values.Get("code")) != normCode(want) {
					return fmt.Errorf("release %s: %w", c.Record.Serial, ErrSlipCode)
				}
				return nil
			}},
		{Key: "archive", Name: "回收", From: []string{"released"}, To: "archived", Perm: data.PermRecordWrite, By: "archived_by", At: "archived_at"},
	},
	// A slip is valid to the end of its 有效期至 day.
	Clocks: []data.Clock{{States: []string{"issued"}, Label: "放行", From: "valid_until", Length: 24 * time.Hour,
		Reads: "有效期还剩 %s", ReadsToday: "当日有效，还剩 %s"}},
	Derive: func(r *data.Record) string {
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

var releasePrint = &data.Print{
	Layout: data.PrintSlip,
	PerPage: func(env data.Env) int {
		if env != nil && env.Setting(SettingSlipCopies, "") == "1" {
			return 1
		}
		return 3
	},
	Code: SlipCode,
}
