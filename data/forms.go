package data

import (
	"fmt"
	"strconv"
	"time"
)

// The declarations of every record the front desk keeps (REQUIREMENTS.md R10.1–R10.3, plus the roster,
// the shift handover and the quality check of D1, D12–D14 and D18–D19). The entry screens, lists,
// search, export and the default print layout are all derived from these.

// Common choices, named once.
var yesNoNA = []string{"是", "否", "不适用"}
var urgency = []string{"一般", "紧急", "特急"}
var shifts = []string{"早班", "中班", "晚班"}
var consentWays = []string{"电话", "当面", "业主陪同", "预约"}
var hotMethods = []string{"电焊", "气割", "切割打磨", "熔焊", "其他"}
var qcItems = []string{"仪容仪表行为规范", "值班记录", "前台环境", "服务意识及服务技能", "交接班情况", "客户信息处理情况", "客户投诉、意见处理情况", "待跟进事项处理情况", "有偿服务、便民服务情况", "其它临时性事项处理情况"}
var sampleNames = []string{"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴霞", "徐强", "孙丽", "马超", "朱琳", "胡军", "郭婷", "何涛", "林晓燕", "罗成", "高秀英"}
var sampleClerks = []string{"李晓梅", "陈佳", "王丽君", "周敏"}

// endNotBefore is the cross-field rule "the end is not before the start" for date or datetime pairs.
func endNotBefore(t FieldType, startKey, endKey, msg string) func(Input) FieldErrors {
	return func(in Input) FieldErrors {
		s, ok1 := ParseLocal(t, in.Get(startKey))
		e, ok2 := ParseLocal(t, in.Get(endKey))
		if ok1 && ok2 && e.Before(s) {
			return FieldErrors{endKey: msg}
		}
		return nil
	}
}

// notLaterThan is the rule "the end is at most years and months after the start" for datetimes.
func notLaterThan(startKey, endKey string, years, months int, msg string) func(Input) FieldErrors {
	return func(in Input) FieldErrors {
		s, ok1 := ParseLocal(TypeDateTime, in.Get(startKey))
		e, ok2 := ParseLocal(TypeDateTime, in.Get(endKey))
		if ok1 && ok2 && e.After(s.AddDate(years, months, 0)) {
			return FieldErrors{endKey: msg}
		}
		return nil
	}
}

func combine(checks ...func(Input) FieldErrors) func(Input) FieldErrors {
	return func(in Input) FieldErrors {
		out := FieldErrors{}
		for _, c := range checks {
			for k, m := range c(in) {
				out[k] = m
			}
		}
		return out
	}
}

var formVisitor = &Form{
	Measures: visitorMeasures,
	Key:      "visitor", Name: "来人来访登记表", Prefix: "LF", Group: GroupDesk, Rule: "R1.3 R1.4",
	Settings: []Setting{settingOverstayHours},
	DateKey:  "entry_time", Retention: "1年",
	Repeat: &Repeat{Keys: []string{"doc_type", "doc_no"}, Show: []string{"visitor_name", "entry_time", "host_unit"},
		Within: 24 * time.Hour, Step: "checkout"},
	ListColumns:   []string{"visitor_name", "doc_type", "doc_no", "phone", "host_unit", "purpose", "entry_time", "exit_time"},
	ScreenColumns: []string{"visitor_name", "host_unit", "entry_time", "exit_time", "purpose"},
	Fields: []Field{
		{Key: "visitor_name", Label: "来访人姓名", Type: TypePerson, Required: true, Search: true, Samples: sampleNames},
		{Key: "doc_type", Label: "证件类型", Type: TypeChoice, Required: true, Choices: DocTypes, Default: DocResidentID},
		{Key: "doc_no", Label: "证件号码", Type: TypeIDNumber, Required: true, DocTypeKey: "doc_type"},
		{Key: "phone", Label: "联系电话", Type: TypePhone, Required: true, Search: true},
		{Key: "plate", Label: "车牌号", Type: TypePlate, Search: true},
		{Key: "visitors", Label: "同行人数", Type: TypeInt, Min: 1, Max: 50, Default: "1"},
		{Key: "host_unit", Label: "被访房号", Type: TypeUnit, Required: true, Search: true},
		{Key: "host_name", Label: "被访业户", Type: TypePerson, Search: true, Samples: sampleNames, Fill: FillOwner},
		{Key: "purpose", Label: "来访事由", Type: TypeText, Required: true, Max: 50, Samples: []string{"探亲访友", "送货", "维修上门", "看房", "家政服务", "快递"},
			Picks: []string{"访友", "快递", "外卖", "装修", "看房", "维修", "家政服务"}},
		{Key: "consent_by", Label: "业户确认人", Type: TypePerson, Required: true, Samples: sampleNames, Fill: FillOwner},
		{Key: "consent_way", Label: "确认方式", Type: TypeChoice, Required: true, Choices: consentWays},
		{Key: "consent_time", Label: "确认时间", Type: TypeDateTime, Required: true, Default: DefaultNow},
		{Key: "entry_time", Label: "进入时间", Type: TypeDateTime, Required: true, Default: DefaultNow},
		{Key: "exit_time", Label: "离开时间", Type: TypeDateTime},
		{Key: "clerk", Label: "经办人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
		{Key: "note", Label: "备注", Type: TypeText, Max: 100},
	},
	// R1.4: a visitor is admitted only after the household agreed, so who agreed and how are required.
	Recall:    []string{"visitor_name", "doc_type", "doc_no", "phone", "plate", "host_unit", "host_name", "purpose"},
	Check:     endNotBefore(TypeDateTime, "entry_time", "exit_time", "离开时间不能早于进入时间"),
	Flow:      visitorFlow,
	Summarize: summarizeVisitor,
	Timed:     true,
	Card:      &CardFill{Name: "visitor_name", DocType: "doc_type", Number: "doc_no"},
	// Two lines, each short enough for one line of the entry screen.
	Notice: "个人信息告知：依据《居民身份证法》第十三条、《个人信息保护法》第二十八和二十九条，经来访人同意读取证件。\n" +
		"证件信息仅用于来访登记和小区安全管理；不读取、不保存照片和住址，证件号码除登记时外一律打码，保存1年。",
}

// checkoutAt refuses a leaving time before the visitor came in or still to come.
func checkoutAt(c *StepContext) error {
	exit, _ := ParseLocal(TypeDateTime, c.Values.Get("exit_time"))
	if entry, ok := ParseLocal(TypeDateTime, c.Before.Values["entry_time"]); ok && exit.Before(entry) {
		return FieldErrors{"exit_time": "离开时间早于 " + c.Before.Values["visitor_name"] + " 的进入时间 " + c.Before.Values["entry_time"] + "，请填之后的时间"}
	}
	if exit.After(c.Now.Add(time.Minute)) {
		return FieldErrors{"exit_time": "离开时间不能晚于现在"}
	}
	return nil
}

// SettingOverstayHours is how long a visitor may stay before the list shows 逗留超时.
const (
	SettingOverstayHours = "overstay_hours"
	DefaultOverstayHours = 4
)

var settingOverstayHours = Setting{Key: SettingOverstayHours, Label: "访客逗留超过（小时）标红", Unit: "小时",
	Default: strconv.Itoa(DefaultOverstayHours), Min: 1, Max: 72}

// A visitor is on site from entry until the leaving is recorded (F2 at the list, or 离开时间 typed).
var visitorFlow = &Flow{
	States: []State{
		{Key: "on_site", Name: "在场", Open: true, Who: Who{Perm: PermRecordWrite}, Late: "逗留超时"},
		{Key: "left", Name: "已离开"},
	},
	Initial: "on_site",
	Steps: []Step{{Key: "checkout", Name: "离开登记", From: []string{"on_site"}, To: "left", Perm: PermRecordWrite,
		At: "exit_time", Shortcut: "F2"},
		// At the end of the day the desk signs out, in one action, every visitor it saw leave without a
		// word; the trail records each under this step's name.
		{Key: "checkout_all", Name: "全部离场", From: []string{"on_site"}, To: "left", Perm: PermRecordWrite, Bulk: true,
			Hint:   "把仍在场的访客一次登记为已离开，每条记录的历史中记为“全部离场”。离开时间填访客离开或最后确认不在场的时间。",
			Fields: []Field{{Key: "exit_time", Label: "离开时间", Type: TypeDateTime, Required: true, Default: DefaultNow}},
			Check:  checkoutAt}},
	Clocks: []Clock{{States: []string{"on_site"}, Label: "离开", From: "entry_time", Length: DefaultOverstayHours * time.Hour,
		Setting: SettingOverstayHours}},
	Derive: func(r *Record) string {
		if r.Values["exit_time"] != "" {
			return "left"
		}
		return "on_site"
	},
	OpenFilter: "只看在场",
	Handover:   true,
}

var formRelease = &Form{
	Key: "release", Name: "物品放行条", Prefix: "FX", Group: GroupDesk, Rule: "R1.1 R1.2",
	DateKey: "issue_date", Retention: "1年", Stamp: true, Flow: releaseFlow, Print: releasePrint,
	Settings:    []Setting{settingSlipCopies},
	Signatures:  []string{"业主（签字）", "经办人（值班员）", "门岗核验（签字/时间）"},
	ListColumns: []string{"unit", "owner_name", "carrier", "plate", "issue_date", "gate"},
	// R1.1: the owner's identity is confirmed against the registry before the slip is issued; a slip
	// that does not agree with it is issued only with the reason written down.
	Registry: &RegistryCheck{Unit: "unit", Fields: []string{"owner_name", "owner_phone"}, Reason: "registry_note"},
	Fields: []Field{
		{Key: "unit", Label: "房号", Type: TypeUnit, Required: true, Search: true},
		{Key: "owner_name", Label: "业主姓名", Type: TypePerson, Required: true, Search: true, Samples: sampleNames, Fill: FillOwner},
		{Key: "owner_phone", Label: "业主电话", Type: TypePhone, Required: true, Search: true, Fill: FillOwnerPhone},
		{Key: "identity_check", Label: "身份核实方式", Type: TypeChoice, Required: true, Choices: []string{"核对业户档案及证件", "业主本人到场", AgentCheck, "电话向业主确认"}},
		// Written only when the slip does not agree with the registry, and then required (Registry).
		{Key: "registry_note", Label: "核对说明", Type: TypeText, Max: 40, Hint: "与业户档案不符时必填：写明原因，如房屋已过户、档案未更新",
			Samples: []string{"新购房业主，出示购房合同，档案待更新", "业主已更换手机号，本人到场核实", "房屋已过户，档案尚未更新，核对房产证"}},
		{Key: "agent_name", Label: "受托人姓名", Type: TypePerson, Samples: sampleNames},
		{Key: "agent_doc", Label: "受托人身份证号", Type: TypeIDNumber},
		{Key: "items", Label: "放行物品", Type: TypeTable, Required: true, Max: 12, Columns: []Field{
			{Key: "name", Label: "名称", Type: TypeText, Required: true, Max: 30, Samples: []string{"旧沙发", "冰箱", "纸箱", "床垫", "办公椅", "自行车", "衣柜"}},
			{Key: "spec", Label: "规格/说明", Type: TypeText, Max: 40, Samples: []string{"三人位", "双门", "搬家杂物", "1.8米", "旧件"}},
			{Key: "qty", Label: "数量", Type: TypeInt, Required: true, Min: 1, Max: 999},
		}},
		{Key: "carrier", Label: "搬运人/公司", Type: TypeText, Required: true, Max: 40, Search: true, Samples: []string{"蚂蚁搬家", "货拉拉", "业主自行搬运", "顺心搬家公司"}},
		{Key: "plate", Label: "车牌号", Type: TypePlate, Search: true},
		{Key: "gate", Label: "出口", Type: TypeChoice, Required: true, Choices: []string{"东门", "南门", "西门", "北门", "地库出口"}},
		{Key: "issue_date", Label: "开具日期", Type: TypeDate, Required: true, Default: DefaultToday},
		{Key: "valid_until", Label: "有效期至", Type: TypeDate, Required: true, Default: DefaultToday},
		{Key: "clerk", Label: "经办人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
		{Key: "note", Label: "备注", Type: TypeText, Max: 100},
	},
	Check: combine(
		endNotBefore(TypeDate, "issue_date", "valid_until", "有效期不能早于开具日期"),
		func(in Input) FieldErrors {
			errs := FieldErrors{}
			is, ok1 := ParseLocal(TypeDate, in.Get("issue_date"))
			vu, ok2 := ParseLocal(TypeDate, in.Get("valid_until"))
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

var formMessage = &Form{
	Key: "message", Name: "留言条", Prefix: "LY", Group: GroupDesk, Rule: "R10.1",
	DateKey: "time", Retention: "1年",
	ListColumns: []string{"from_name", "to_name", "unit", "time", "delivered_time"},
	Fields: []Field{
		{Key: "from_name", Label: "留言人", Type: TypePerson, Required: true, Search: true, Samples: sampleNames},
		{Key: "from_phone", Label: "留言人电话", Type: TypePhone, Search: true},
		{Key: "to_name", Label: "收件人", Type: TypePerson, Required: true, Search: true, Samples: sampleNames},
		{Key: "unit", Label: "收件人房号", Type: TypeUnit, Search: true},
		{Key: "content", Label: "留言内容", Type: TypeMultiline, Required: true, Max: 500, Samples: []string{"快递已放前台，请下班后来取。", "请回电确认周六上门维修时间。", "您的钥匙已交前台保管。"}},
		{Key: "time", Label: "留言时间", Type: TypeDateTime, Required: true, Default: DefaultNow, Past: true},
		{Key: "clerk", Label: "经办人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
		{Key: "delivered", Label: "是否已转达", Type: TypeBool, Auto: true},
		{Key: "delivered_time", Label: "转达时间", Type: TypeDateTime, Auto: true},
		{Key: "delivered_way", Label: "转达方式", Type: TypeText, Auto: true},
		{Key: "delivered_by", Label: "转达人", Type: TypePerson, Auto: true},
	},
	Flow: messageFlow,
}

var formConstruction = &Form{
	Key: "construction", Name: "施工许可证", Prefix: "SX", Group: GroupConstruction, Rule: "R10.1",
	DateKey: "start_date", Retention: "长期", Stamp: true,
	Signatures:  []string{"业主（签字）", "施工负责人（签字）", "客服中心审批（签字）"},
	ListColumns: []string{"unit", "owner_name", "company", "start_date", "end_date"},
	Fields: []Field{
		{Key: "unit", Label: "房号", Type: TypeUnit, Required: true, Search: true},
		{Key: "owner_name", Label: "业主姓名", Type: TypePerson, Required: true, Search: true, Samples: sampleNames, Fill: FillOwner},
		{Key: "owner_phone", Label: "业主电话", Type: TypePhone, Required: true, Search: true, Fill: FillOwnerPhone},
		{Key: "company", Label: "施工单位", Type: TypeText, Required: true, Max: 50, Search: true, Samples: []string{"鑫家装饰工程有限公司", "美居装修队", "业主自行装修", "恒泰建筑装饰公司"}},
		{Key: "leader", Label: "施工负责人", Type: TypePerson, Required: true, Search: true, Samples: sampleNames},
		{Key: "leader_phone", Label: "负责人电话", Type: TypePhone, Required: true},
		{Key: "content", Label: "施工内容", Type: TypeMultiline, Required: true, Max: 500, Samples: []string{"厨房卫生间防水及墙面翻新", "全屋水电改造及吊顶", "更换入户门及窗户"}},
		{Key: "start_date", Label: "施工开始日期", Type: TypeDate, Required: true, Default: DefaultToday},
		{Key: "end_date", Label: "施工结束日期", Type: TypeDate, Required: true},
		{Key: "hours", Label: "施工时间", Type: TypeText, Default: "08:00-12:00, 14:00-18:00", Max: 40},
		{Key: "deposit", Label: "装修押金（元）", Type: TypeMoney},
		{Key: "clerk", Label: "经办人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
	},
	Check: endNotBefore(TypeDate, "start_date", "end_date", "结束日期不能早于开始日期"),
}

var formWorkers = &Form{
	Key: "workers", Name: "施工人员登记本", Prefix: "SG", Group: GroupConstruction, Rule: "R10.1",
	DateKey: "date", Retention: "长期",
	ListColumns: []string{"worker_name", "id_no", "phone", "unit", "company", "date"},
	Fields: []Field{
		{Key: "worker_name", Label: "施工人员姓名", Type: TypePerson, Required: true, Search: true, Samples: sampleNames},
		{Key: "id_no", Label: "身份证号", Type: TypeIDNumber, Required: true},
		{Key: "phone", Label: "联系电话", Type: TypePhone, Required: true, Search: true},
		{Key: "unit", Label: "施工房号", Type: TypeUnit, Required: true, Search: true},
		{Key: "company", Label: "施工单位", Type: TypeText, Required: true, Max: 50, Search: true, Samples: []string{"鑫家装饰工程有限公司", "美居装修队", "恒泰建筑装饰公司"}},
		{Key: "trade", Label: "工种", Type: TypeChoice, Required: true, Choices: []string{"水电工", "木工", "泥瓦工", "油漆工", "电焊工", "杂工", "其他"}},
		{Key: "pass_no", Label: "出入证号", Type: TypeText, Max: 20, Samples: []string{"C-0012", "C-0045", "C-0101"}},
		{Key: "date", Label: "登记日期", Type: TypeDate, Required: true, Default: DefaultToday},
		{Key: "valid_until", Label: "出入证有效期至", Type: TypeDate},
		{Key: "clerk", Label: "经办人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
	},
	Check: endNotBefore(TypeDate, "date", "valid_until", "有效期不能早于登记日期"),
}

var formRenoExtension = &Form{
	Key: "reno_ext", Name: "装修延期申请表", Prefix: "YQ", Group: GroupConstruction, Rule: "R10.1",
	DateKey: "apply_date", Retention: "长期", Stamp: true,
	Signatures:  []string{"业主（签字）", "施工单位（签字）", "客服中心意见（签字）"},
	ListColumns: []string{"unit", "owner_name", "orig_end", "new_end", "approval"},
	Fields: []Field{
		{Key: "unit", Label: "房号", Type: TypeUnit, Required: true, Search: true},
		{Key: "owner_name", Label: "业主姓名", Type: TypePerson, Required: true, Search: true, Samples: sampleNames, Fill: FillOwner},
		{Key: "owner_phone", Label: "业主电话", Type: TypePhone, Required: true, Search: true, Fill: FillOwnerPhone},
		{Key: "company", Label: "施工单位", Type: TypeText, Required: true, Max: 50, Samples: []string{"鑫家装饰工程有限公司", "美居装修队"}},
		{Key: "orig_end", Label: "原定完工日期", Type: TypeDate, Required: true},
		{Key: "new_end", Label: "申请延期至", Type: TypeDate, Required: true},
		{Key: "reason", Label: "延期原因", Type: TypeMultiline, Required: true, Max: 300, Samples: []string{"定制橱柜到货延迟", "春节停工", "防水闭水试验未通过需返工"}},
		{Key: "apply_date", Label: "申请日期", Type: TypeDate, Required: true, Default: DefaultToday},
		{Key: "approval", Label: "审批结果", Type: TypeChoice, Choices: []string{"待审批", "同意", "不同意"}, Default: "待审批"},
		{Key: "clerk", Label: "经办人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
	},
	Check: func(in Input) FieldErrors {
		s, ok1 := ParseLocal(TypeDate, in.Get("orig_end"))
		e, ok2 := ParseLocal(TypeDate, in.Get("new_end"))
		if ok1 && ok2 && !e.After(s) {
			return FieldErrors{"new_end": "延期日期应晚于原定完工日期"}
		}
		return nil
	},
}

var formHotWork = &Form{
	Key: "hotwork", Name: "动火许可证", Prefix: "DH", Group: GroupConstruction, Rule: "R10.1",
	DateKey: "start", Retention: "长期", Stamp: true, Flow: hotWorkFlow, Rules: checkHotWorkLength,
	Settings:      []Setting{settingHotWorkMaxHours},
	Signatures:    []string{"申请人", "审批人", "监火人", "完工检查人"},
	ListColumns:   []string{"unit", "company", "method", "start", "end", "watcher"},
	ScreenColumns: []string{"unit", "company", "start", "end"},
	Fields: []Field{
		{Key: "unit", Label: "动火房号", Type: TypeUnit, Required: true, Search: true},
		{Key: "company", Label: "施工单位", Type: TypeText, Required: true, Max: 50, Search: true, Samples: []string{"鑫家装饰工程有限公司", "恒泰建筑装饰公司"}},
		{Key: "leader", Label: "现场负责人", Type: TypePerson, Required: true, Search: true, Samples: sampleNames},
		{Key: "leader_phone", Label: "负责人电话", Type: TypePhone, Required: true},
		{Key: "location", Label: "动火部位", Type: TypeText, Required: true, Max: 50, Samples: []string{"阳台护栏", "厨房燃气管道", "防盗网"}},
		{Key: "content", Label: "作业内容", Type: TypeText, Required: true, Max: 100, Samples: []string{"焊接阳台护栏", "切割旧防盗网", "打磨钢结构"}},
		{Key: "method", Label: "动火方式", Type: TypeChoice, Required: true, Choices: hotMethods},
		{Key: "workers", Label: "作业人员", Type: TypeTable, Required: true, Max: 10, Columns: []Field{
			{Key: "name", Label: "姓名", Type: TypePerson, Required: true, Samples: sampleNames},
			{Key: "cert_no", Label: "特种作业操作证号", Type: TypeText, Required: true, Max: 30, Samples: []string{"T440301198805123456", "T440303199001012345"}},
			{Key: "cert_expiry", Label: "证件有效期至", Type: TypeDate, Required: true},
		}},
		{Key: "watcher", Label: "监火人", Type: TypePerson, Required: true, Samples: sampleNames},
		{Key: "extinguishers", Label: "现场灭火器（具）", Type: TypeInt, Required: true, Min: 1, Max: 20, Default: "2"},
		{Key: "extinguisher_kg", Label: "灭火器规格（公斤）", Type: TypeInt, Required: true, Min: 3, Max: 50, Default: "4"},
		{Key: "cleared", Label: "10米内可燃物已清理", Type: TypeBool, Required: true},
		{Key: "cylinders", Label: "气瓶间距≥5米、距动火点≥10米", Type: TypeChoice, Required: true, Choices: yesNoNA, Default: "是"},
		{Key: "sparks", Label: "下方及周边已设防火花飞溅措施", Type: TypeChoice, Required: true, Choices: yesNoNA, Default: "是"},
		{Key: "isolated", Label: "相关燃气、电源已切断", Type: TypeChoice, Required: true, Choices: yesNoNA, Default: "是"},
		{Key: "ppe", Label: "作业人员已穿戴防护用品", Type: TypeChoice, Required: true, Choices: yesNoNA, Default: "是"},
		{Key: "start", Label: "动火开始", Type: TypeDateTime, Required: true},
		{Key: "end", Label: "动火结束", Type: TypeDateTime, Required: true},
		{Key: "clerk", Label: "经办人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
	},
	Check: combine(
		endNotBefore(TypeDateTime, "start", "end", "动火结束时间不能早于开始时间"),
		func(in Input) FieldErrors {
			errs := FieldErrors{}
			if in.Get("cleared") != "是" {
				errs["cleared"] = "10米内可燃物未清理，不能动火"
			}
			for _, k := range []string{"cylinders", "sparks", "isolated", "ppe"} {
				if in.Get(k) == "否" {
					errs[k] = "此项未落实，不能动火"
				}
			}
			end, ok := ParseLocal(TypeDateTime, in.Get("end"))
			for i, w := range in.Tables["workers"] {
				exp, ok2 := ParseLocal(TypeDate, w["cert_expiry"])
				if ok && ok2 && exp.AddDate(0, 0, 1).Before(end) {
					errs[RowKey("workers", i, "cert_expiry")] = fmt.Sprintf("第%d行 %s：特种作业操作证在动火期间已过期", i+1, w["name"])
				}
			}
			return errs
		}),
}

var formRepair = &Form{
	Measures: serviceMeasures("repair", "维修"),
	Key:      "repair", Name: "维修单", Prefix: "WX", Group: GroupService, Rule: "R3.1 R3.2 R5.2",
	Settings: []Setting{settingRevisitWorkingDays},
	DateKey:  "report_time", Retention: "3年", Flow: serviceFlow("report_time", "appointment"),
	Signatures:  []string{"维修人员", "业主验收（签字）"},
	ListColumns: []string{"unit", "contact", "category", "appointment", "worker", "fee"},
	Fields: append([]Field{
		{Key: "unit", Label: "房号", Type: TypeUnit, Required: true, Search: true},
		{Key: "contact", Label: "联系人", Type: TypePerson, Required: true, Search: true, Samples: sampleNames, Fill: FillOwner},
		{Key: "phone", Label: "联系电话", Type: TypePhone, Required: true, Search: true, Fill: FillOwnerPhone},
		{Key: "category", Label: "维修类别", Type: TypeChoice, Required: true, Choices: []string{"水", "电", "门窗", "燃气", "管道疏通", "公共设施", "其他"}},
		{Key: "description", Label: "报修内容", Type: TypeMultiline, Required: true, Max: 500, Samples: []string{"厨房水龙头漏水", "卫生间地漏堵塞", "客厅插座无电", "入户门锁芯损坏"}},
		{Key: "report_time", Label: "报修时间", Type: TypeDateTime, Required: true, Default: DefaultNow, Past: true},
		{Key: "appointment", Label: "约定上门时间", Type: TypeDateTime, Required: true, Hint: "与业户约定的上门时间，如 2026-11-27 14:00"},
		{Key: "clerk", Label: "经办人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
	}, serviceLife...),
	Check: combine(
		endNotBefore(TypeDateTime, "report_time", "appointment", "约定上门时间不能早于报修时间"),
		notLaterThan("report_time", "appointment", 0, 6, "约定上门时间不能晚于报修时间半年以上")),
}

var formCleaning = &Form{
	Measures: serviceMeasures("cleaning", "清洁服务"),
	Key:      "cleaning", Name: "清洁服务委托单", Prefix: "QJ", Group: GroupService, Rule: "R3.1 R3.2 R5.2",
	Settings: []Setting{settingRevisitWorkingDays},
	DateKey:  "service_time", Retention: "3年", Flow: serviceFlow("order_time", "service_time"),
	Signatures:  []string{"委托人（签字）", "服务人员", "经办人"},
	ListColumns: []string{"unit", "contact", "service", "service_time", "worker", "fee"},
	Fields: append([]Field{
		{Key: "unit", Label: "房号", Type: TypeUnit, Required: true, Search: true},
		{Key: "contact", Label: "委托人", Type: TypePerson, Required: true, Search: true, Samples: sampleNames, Fill: FillOwner},
		{Key: "phone", Label: "联系电话", Type: TypePhone, Required: true, Search: true, Fill: FillOwnerPhone},
		{Key: "service", Label: "服务项目", Type: TypeChoice, Required: true, Choices: []string{"日常保洁", "开荒保洁", "玻璃清洗", "地毯清洗", "油烟机清洗", "其他"}},
		{Key: "area", Label: "面积（平方米）", Type: TypeInt, Min: 1, Max: 2000},
		{Key: "order_time", Label: "委托时间", Type: TypeDateTime, Required: true, Default: DefaultNow, Past: true},
		{Key: "service_time", Label: "约定服务时间", Type: TypeDateTime, Required: true},
		{Key: "requirements", Label: "具体要求", Type: TypeMultiline, Max: 300, Samples: []string{"重点清洁厨房", "需自带清洁工具"}},
		{Key: "clerk", Label: "经办人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
	}, serviceLife...),
	Check: combine(
		endNotBefore(TypeDateTime, "order_time", "service_time", "约定服务时间不能早于委托时间"),
		notLaterThan("order_time", "service_time", 0, 6, "约定服务时间不能晚于委托时间半年以上")),
}

var formFees = &Form{
	Key: "fees", Name: "收费价格一览表", Prefix: "SF", Group: GroupService, Rule: "R3.2",
	DateKey: "effective", Retention: "长期", Stamp: true,
	Signatures:  []string{"编制", "审核", "物业服务中心经理"},
	ListColumns: []string{"title", "effective", "approved_by"},
	Fields: []Field{
		{Key: "title", Label: "价目表名称", Type: TypeText, Required: true, Max: 50, Search: true, Samples: []string{"有偿维修服务收费标准", "家政保洁服务收费标准"}},
		{Key: "effective", Label: "执行日期", Type: TypeDate, Required: true, Default: DefaultToday},
		{Key: "items", Label: "收费项目", Type: TypeTable, Required: true, Max: 60, Columns: []Field{
			{Key: "item", Label: "服务项目", Type: TypeText, Required: true, Max: 30, Samples: []string{"更换水龙头", "疏通下水道", "更换灯具", "更换门锁", "日常保洁"}},
			{Key: "unit", Label: "计价单位", Type: TypeText, Required: true, Max: 10, Samples: []string{"次", "个", "小时", "平方米"}},
			{Key: "price", Label: "单价（元）", Type: TypeMoney, Required: true},
			{Key: "note", Label: "说明", Type: TypeText, Max: 40, Samples: []string{"不含材料费", "材料业主自备"}},
		}},
		{Key: "approved_by", Label: "批准人", Type: TypePerson, Auto: true},
		{Key: "approved_at", Label: "批准时间", Type: TypeDateTime, Auto: true},
	},
	Flow:  feesFlow,
	Check: uniqueFeeItems,
}

var formComplaint = &Form{
	Measures: complaintMeasures,
	Key:      "complaint", Name: "顾客投诉处理记录表", Prefix: "TS", Group: GroupService, Rule: "R4.1–R4.6",
	Settings: []Setting{settingComplaintReplyHours, settingRevisitWorkingDays},
	DateKey:  "received", Retention: "3年", Summarize: summarizeComplaint, Flow: complaintFlow,
	Signatures:    []string{"记录人", "处理人", "客户服务主管"},
	ListColumns:   []string{"unit", "complainant", "category", "urgency", "received", "validity", "handler"},
	ScreenColumns: []string{"unit", "complainant", "category", "urgency", "received", "validity"},
	Fields:        complaintFields,
}

var formSpecialReport = &Form{
	Key: "special", Name: "特别事项报告", Prefix: "TB", Group: GroupDuty, Rule: "D5 R10.1",
	DateKey: "time", Retention: "3年", Settings: []Setting{settingSpecialAckHours},
	Signatures:    []string{"报告人", "客户服务主管", "物业服务中心经理"},
	ListColumns:   []string{"time", "title", "location", "level", "reporter"},
	ScreenColumns: []string{"time", "title", "location", "level"},
	Fields: []Field{
		{Key: "title", Label: "事项", Type: TypeText, Required: true, Max: 50, Search: true, Samples: []string{"地库积水", "电梯困人", "高空抛物", "消防报警误报"}},
		{Key: "time", Label: "发生时间", Type: TypeDateTime, Required: true, Default: DefaultNow, Past: true},
		{Key: "location", Label: "地点", Type: TypeText, Required: true, Max: 50, Samples: []string{"3栋地下车库", "5栋2单元电梯", "中心花园"}},
		{Key: "level", Label: "级别", Type: TypeChoice, Required: true, Choices: []string{"一般", "较大", "重大"}},
		{Key: "description", Label: "经过", Type: TypeMultiline, Required: true, Max: 2000, Samples: []string{"暴雨导致地库入口积水约10厘米，已设置围挡并抽水。"}},
		{Key: "measures", Label: "已采取措施", Type: TypeMultiline, Required: true, Max: 2000, Samples: []string{"通知工程部抽水，秩序部引导车辆绕行。"}},
		{Key: "reported_to", Label: "报告对象", Type: TypeChoice, Required: true, Choices: []string{"客户服务主管", "物业服务中心经理", "公司"}},
		{Key: "reporter", Label: "报告人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
		{Key: "instruction", Label: "经理批示", Type: TypeMultiline, Auto: true},
		{Key: "ack_by", Label: "批示人", Type: TypePerson, Auto: true},
		{Key: "ack_at", Label: "批示时间", Type: TypeDateTime, Auto: true},
	},
	Flow: specialFlow,
}

// SelfCheck is the quality-check kind a clerk records of their own work.
const SelfCheck = "值班员自查"

// Quality checks of others are the supervisors' (D18, D19); a clerk may record a self-check of their own
// work, and sees the checks of their own work only, not other shifts' results.
var qualityAccess = &Access{
	ReadAll: PermQualityReadAll,
	Read:    func(a Actor, r *Record) bool { return r.Values["checked_staff"] == a.Name },
	Write: func(a Actor, in Input) error {
		if a.Can(PermQualityWrite) {
			return a.Need(PermRecordWrite)
		}
		self := Normalize(TypeChoice, in.Get("kind")) == SelfCheck && Normalize(TypePerson, in.Get("checked_staff")) == a.Name
		if self && a.Can(PermQualitySelf) {
			return nil
		}
		return &ForbiddenError{Actor: a, Perm: PermQualityWrite}
	},
	Own: func(a Actor, in *Input) {
		if !a.Can(PermQualityWrite) {
			in.Values["kind"], in.Values["inspector"], in.Values["checked_staff"] = SelfCheck, a.Name, a.Name
		}
	},
}

var formHouseholdVisit = &Form{
	Pack:     PackList,
	Measures: householdVisitMeasures,
	Key:      "hh_visit", Name: "业户访问记录表", Prefix: "ZF", Group: GroupVisits, Rule: "R5.1",
	DateKey: "date", Retention: "3年",
	ListColumns: []string{"unit", "name", "date", "way", "visitor"},
	Fields: []Field{
		{Key: "unit", Label: "房号", Type: TypeUnit, Required: true, Search: true},
		{Key: "name", Label: "受访业户", Type: TypePerson, Required: true, Search: true, Samples: sampleNames, Fill: FillOwner},
		{Key: "date", Label: "走访日期", Type: TypeDate, Required: true, Default: DefaultToday},
		{Key: "way", Label: "走访方式", Type: TypeChoice, Required: true, Choices: []string{"上门", "电话", "约见"}},
		{Key: "opinions", Label: "业户意见及建议", Type: TypeMultiline, Max: 1000, Samples: []string{"希望增加儿童游乐设施", "对保洁服务满意", "建议夜间加强巡逻"}},
		{Key: "follow_up", Label: "跟进情况", Type: TypeText, Max: 200, Samples: []string{"已反馈至工程部", "无需跟进"}},
		{Key: "visitor", Label: "走访人", Type: TypePerson, Required: true, Default: DefaultUser, Samples: sampleClerks},
	},
}

func AtoiOr0(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
