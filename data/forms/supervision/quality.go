package supervision

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
)

var qcItems = []string{"仪容仪表行为规范", "值班记录", "前台环境", "服务意识及服务技能", "交接班情况", "客户信息处理情况", "客户投诉、意见处理情况", "待跟进事项处理情况", "有偿服务、便民服务情况", "其它临时性事项处理情况"}

// SelfCheck is the quality-check kind a clerk records of their own work.
const SelfCheck = "值班员自查"

// checkKinds are the kinds of quality check; checkKindRoles the role a kind is named after, whose own
// check it is (D17: the manager's spot check; D18: the supervisor's).
var (
	checkKinds     = []string{"主管抽查", "交接班检查", ManagerCheck, SelfCheck}
	checkKindRoles = map[string]data.Role{"主管抽查": data.RoleSupervisor, ManagerCheck: data.RoleManager}
)

// Quality checks of others are the supervisors' (D18, D19); a clerk may record a self-check of their own
// work, and sees the checks of their own work only, not other shifts' results.
var qualityAccess = &data.Access{
	ReadAll: data.PermQualityReadAll,
	Read:    func(a data.Actor, r *data.Record) bool { return r.Values["checked_staff"] == a.Name },
	Write: func(a data.Actor, in data.Input) error {
		kind := data.Normalize(data.TypeChoice, in.Get("kind"))
		if !slices.Contains(checkKinds, kind) {
			return nil // not a kind at all: the field's own check says so
		}
		if a.Can(data.PermQualityWrite) {
			if r, ok := checkKindRoles[kind]; ok && a.Role != r {
				// The check a kind is named after is that role's own: its inspector is who records it.
				return &data.RefusedError{Text: kind + "须由" + r.Chinese() + "本人检查并记录，" + a.Name + "（" + a.Role.Chinese() + "）不能记录" + kind}
			}
			return a.Need(data.PermRecordWrite)
		}
		self := data.Normalize(data.TypeChoice, in.Get("kind")) == SelfCheck && data.Normalize(data.TypePerson, in.Get("checked_staff")) == a.Name
		if self && a.Can(data.PermQualitySelf) {
			return nil
		}
		return &data.ForbiddenError{Actor: a, Perm: data.PermQualityWrite}
	},
	Own: func(a data.Actor, in *data.Input) {
		if !a.Can(data.PermQualityWrite) {
			in.Values["kind"], in.Values["inspector"], in.Values["checked_staff"] = SelfCheck, a.Name, a.Name
			return
		}
		// A kind named after another role is not this person's to record: their own role's kind.
		if r, ok := checkKindRoles[in.Values["kind"]]; ok && r != a.Role {
			for kind, role := range checkKindRoles {
				if role == a.Role {
					in.Values["kind"] = kind
				}
			}
			in.Values["inspector"] = a.Name
		}
	},
}

// A quality check (D16–D19): the supervisor's spot check goes through the checklist of D16's items
// a)–j) and the staff rules of R7, each 合格 or 不合格; a nonconformity names the person checked, the
// correction required, and stays open until its follow-up is recorded. Each counts in the person's
// appraisal (个人考核).

// Results of a checklist line.
const (
	CheckPass = "合格"
	CheckFail = "不合格"
	CheckSkip = "未查"
)

// qcStaffRules are the staff rules of R7 the checklist goes through after D16's items.
var qcStaffRules = []string{"文明用语（您好、请、谢谢、对不起、再见）", "熟悉辖区、岗位职责和常用电话", "工作台无无关物品、工作间整洁", "在岗不睡岗、不打私人电话、不闲聊、不看书报"}

// QualityWholeCheck is the 检查项目 of a check that went through the whole checklist.
const QualityWholeCheck = "按检查清单逐项检查"

// QualityChecklist is the checklist's lines: D16's items a)–j), then the staff rules of R7.
func QualityChecklist() []string {
	return append(append([]string{}, qcItems...), qcStaffRules...)
}

// prefillQuality lists the checklist, every line 合格 to begin with: the inspector marks what fails.
func prefillQuality(_ data.Env, in *data.Input, _ time.Time) {
	if len(in.Tables["checklist"]) > 0 {
		return
	}
	var rows []data.Row
	for _, item := range QualityChecklist() {
		rows = append(rows, data.Row{"item": item, "result": CheckPass})
	}
	in.Tables["checklist"] = rows
	if in.Values["item"] == "" {
		in.Values["item"] = QualityWholeCheck
	}
}

// checkQuality: the checklist goes with a whole check; a failed line fails the check and a failed
// check names its failed line; a failed check says what was found and (on the checklist) the
// correction required.
func checkQuality(in data.Input) data.FieldErrors {
	list := in.Tables["checklist"]
	var failed []string
	for _, r := range list {
		if r["result"] == CheckFail {
			failed = append(failed, r["item"])
		}
	}
	switch {
	case len(list) > 0 && in.Get("item") != QualityWholeCheck:
		return data.FieldErrors{"item": "填写了检查清单的，检查项目请选“" + QualityWholeCheck + "”；只查一项的，请删去清单"}
	case len(failed) > 0 && in.Get("result") != CheckFail:
		return data.FieldErrors{"result": "检查清单中有不合格项（" + strings.Join(failed, "、") + "），检查结果应为不合格"}
	case len(list) > 0 && len(failed) == 0 && in.Get("result") == CheckFail:
		return data.FieldErrors{"checklist": "请在检查清单中标出不合格的项目"}
	case in.Get("result") == CheckFail && in.Get("finding") == "":
		return data.FieldErrors{"finding": "不合格项须写明发现的问题"}
	case in.Get("result") == CheckFail && in.Get("kind") == ManagerCheck && strings.TrimSpace(in.Get("cause")) == "":
		// D17: the manager's spot check analyses the causes and requires improvements.
		return data.FieldErrors{"cause": "经理抽查发现的不合格项须分析原因"}
	case in.Get("result") == CheckFail && (len(list) > 0 || in.Get("kind") == ManagerCheck) && in.Get("correction") == "" && in.Get("kind") != SelfCheck:
		return data.FieldErrors{"correction": "不合格项须写明要求的纠正及改进措施"}
	}
	return nil
}

// ManagerCheck is the quality-check kind of the manager's spot check of the desk (D17).
const ManagerCheck = "经理抽查"

// expectManagerCheck: a month with no spot check of the manager's yet is on his due list, to the
// month's end (D17: the manager checks at random; the program prompts him once a month).
func expectManagerCheck(env data.Env, now time.Time) ([]data.Expected, error) {
	month := data.MonthStart(now)
	recs, err := env.Records("quality", month, month.AddDate(0, 1, 0))
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if r.Values["kind"] == ManagerCheck {
			return nil, nil
		}
	}
	return []data.Expected{{State: "待经理抽查（" + month.Format("2006年1月") + "，本月尚未抽查）", Who: data.Who{Perm: data.PermSampleLog},
		Label: "经理抽查", At: month.AddDate(0, 1, 0), Fill: map[string]string{"kind": ManagerCheck}}}, nil
}

// formQualityCheck declares 《质量检查记录》.
var formQualityCheck = &data.Form{
	Pack:     data.PackList,
	Measures: qualityMeasures,
	Key:      "quality", Name: "质量检查记录", Short: "质量检查", Prefix: "ZJ", Group: data.GroupQuality, Rule: "D16–D19",
	DateKey: "time", Retention: "3年", Prefill: prefillQuality, ExpectedBy: data.PermSampleLog,
	Signatures:  []string{"检查人", "被检查人"},
	ListColumns: []string{"time", "inspector", "checked_staff", "item", "result"},
	Fields: []data.Field{
		{Key: "time", Label: "检查时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow},
		{Key: "kind", Label: "检查类型", Type: data.TypeChoice, Required: true, Choices: checkKinds},
		{Key: "inspector", Label: "检查人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: []string{"王主管", "刘经理"}},
		{Key: "checked_staff", Label: "被检查人", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleClerks},
		{Key: "item", Label: "检查项目", Type: data.TypeChoice, Required: true, Choices: append(append([]string{}, qcItems...), QualityWholeCheck)},
		{Key: "checklist", Label: "检查清单", Type: data.TypeTable, Max: 20, Columns: []data.Field{
			{Key: "item", Label: "项目", Type: data.TypeText, Required: true, Max: 40},
			{Key: "result", Label: "结果", Type: data.TypeChoice, Required: true, Choices: []string{CheckPass, CheckFail, CheckSkip}},
			{Key: "note", Label: "说明", Type: data.TypeText, Max: 100},
		}},
		{Key: "result", Label: "检查结果", Type: data.TypeChoice, Required: true, Choices: []string{CheckPass, CheckFail}},
		{Key: "finding", Label: "发现问题", Type: data.TypeMultiline, Max: 500, Samples: []string{"值班记录有漏记", "工作台摆放私人物品"}},
		{Key: "cause", Label: "原因分析", Type: data.TypeMultiline, Max: 500, Hint: "经理抽查不合格的须分析原因",
			Samples: []string{"交班前未核对当班记录", "新员工对流程不熟悉"}},
		{Key: "correction", Label: "纠正及改进措施", Type: data.TypeMultiline, Max: 500, Samples: []string{"现场纠正，要求补记", "三日内整改完毕"}},
		{Key: "follow_up", Label: "整改跟进情况", Type: data.TypeMultiline, Auto: true},
		{Key: "followed_by", Label: "跟进验证人", Type: data.TypePerson, Auto: true},
		{Key: "followed_at", Label: "验证时间", Type: data.TypeDateTime, Auto: true},
	},
	Access: qualityAccess,
	Check:  checkQuality,
	Flow: &data.Flow{
		States: []data.State{
			{Key: "correcting", Name: "待整改", Open: true, Who: data.Who{Perm: data.PermQualityWrite}, Late: "整改逾期"},
			{Key: "closed", Name: "已完成"},
		},
		Initial: "closed", StepsOnly: true,
		// A nonconformity stays open until its follow-up; a check passed is done when recorded.
		Start: func(r *data.Record) string {
			if r.Values["result"] == CheckFail && r.Values["kind"] != SelfCheck {
				return "correcting"
			}
			return "closed"
		},
		Steps: []data.Step{{Key: "follow", Name: "整改跟进", From: []string{"correcting"}, To: "closed", Perm: data.PermQualityWrite, By: "followed_by", At: "followed_at",
			Hint: "核实被检查人是否已按要求整改，写明整改情况",
			Fields: []data.Field{{Key: "follow_up", Label: "整改跟进情况", Type: data.TypeMultiline, Required: true, Max: 500,
				Samples: []string{"已补记，交班时已说明。", "已清理工作台，复查合格。"}}}}},
		Clocks: []data.Clock{{States: []string{"correcting"}, Label: "整改跟进", From: "time", WorkingDays: 3}},
		// Checks recorded before the form had a life were followed up on paper.
		Derive: func(r *data.Record) string { return "closed" },
	},
}

// handoverCheckMeasure: the supervisor checks at each daily handover (D19): the days of the month with
// a handover against the days with a 交接班检查.
func handoverCheckMeasure() data.Measure {
	return data.Measure{Key: "quality_handover_daily", Name: "每日交接班时主管检查", Rule: "D19", Target: "每天",
		Of: func(env data.Env, m data.Month) (data.Figure, error) {
			until := m.To
			if today := data.DayStart(m.Now); today.Before(until) {
				until = today
			}
			handovers, err := env.Records(duty.HandoverKey, m.From, until)
			if err != nil {
				return data.Figure{}, err
			}
			checks, err := env.Records("quality", m.From, until)
			if err != nil {
				return data.Figure{}, err
			}
			days := map[string]bool{}
			for _, r := range handovers {
				if t, ok := r.At("time"); ok {
					days[t.In(data.Shanghai).Format(data.LayoutDate)] = true
				}
			}
			checked := map[string]bool{}
			for _, r := range checks {
				if t, ok := r.At("time"); ok && r.Values["kind"] == "交接班检查" {
					checked[t.In(data.Shanghai).Format(data.LayoutDate)] = true
				}
			}
			return data.DayFigure(days, checked, 0.8,
				func(total, met int) string {
					return fmt.Sprintf("有交接班的 %d 天中有检查记录 %d 天（不含今天）", total, met)
				},
				func(d string) string { return d + " 交接班时没有主管检查记录" }), nil
		}}
}
