package data

import (
	"errors"
	"fmt"
	"strings"
)

// Role is what a person at the desk is allowed to do.
type Role string

const (
	RoleClerk      Role = "clerk"      // 前台值班员
	RoleSupervisor Role = "supervisor" // 客户服务主管
	RoleManager    Role = "manager"    // 物业服务中心经理
	RoleAdmin      Role = "admin"      // 系统管理员
)

// Roles lists the roles in order of the organisation chart.
var Roles = []Role{RoleClerk, RoleSupervisor, RoleManager, RoleAdmin}

// Chinese is the role's name as the service centre says it.
func (r Role) Chinese() string {
	switch r {
	case RoleClerk:
		return "前台值班员"
	case RoleSupervisor:
		return "客户服务主管"
	case RoleManager:
		return "物业服务中心经理"
	case RoleAdmin:
		return "系统管理员"
	}
	return string(r)
}

// Short is the role's name where a line has little room: 值班员, 主管, 经理.
func (r Role) Short() string {
	switch r {
	case RoleClerk:
		return "值班员"
	case RoleSupervisor:
		return "主管"
	case RoleManager:
		return "经理"
	case RoleAdmin:
		return "管理员"
	}
	return string(r)
}

// ParseRole accepts a role's key or its Chinese name.
func ParseRole(s string) (Role, bool) {
	for _, r := range Roles {
		if s == string(r) || s == r.Chinese() {
			return r, true
		}
	}
	return "", false
}

// Perm is one thing a role may or may not do. The table below is the one place that says who may
// do what; the store checks it on every read and write, the screens only hide what would be refused.
type Perm string

const (
	PermRecordRead      Perm = "record.read"         // read the records (the duty log is for staff only, D6)
	PermRecordWrite     Perm = "record.write"        // create records and correct unsealed ones
	PermRecordAmend     Perm = "record.amend"        // correct a sealed (printed/signed) record by an amendment
	PermRecordPrint     Perm = "record.print"        // print
	PermVoidOwnUnsealed Perm = "record.void_own"     // void one's own record before it is printed or signed
	PermVoidAny         Perm = "record.void"         // void any record, sealed or not
	PermEnterForOthers  Perm = "record.for_others"   // name another person as a record's 经办人
	PermQualityWrite    Perm = "quality.write"       // record quality checks (D18, D19)
	PermQualitySelf     Perm = "quality.self"        // record a self-check (值班员自查) of one's own work
	PermQualityReadAll  Perm = "quality.read_all"    // read every clerk's quality-check results
	PermApproveLeave    Perm = "leave.approve"       // approve leave and shift swaps, make the roster (D1, D8)
	PermApproveRoster   Perm = "roster.approve"      // approve the roster (D1)
	PermApproveHotWork  Perm = "hotwork.approve"     // approve a hot-work permit in working hours
	PermApproveHotOOH   Perm = "hotwork.approve_ooh" // approve out-of-hours or holiday hot work
	PermViewPersonal    Perm = "personal.view"       // see ID numbers and phones unmasked in lists and prints
	PermHouseholdEdit   Perm = "household.edit"      // add and edit units
	PermHouseholdImport Perm = "household.import"    // import the registry
	PermSettings        Perm = "settings"            // change the settings
	PermRetention       Perm = "retention"           // set retention and purge expired personal data
	PermBackup          Perm = "backup"              // back up to a USB stick
	PermRestore         Perm = "restore"             // restore a backup
	PermAccounts        Perm = "accounts"            // manage accounts
	PermComplaintDecide Perm = "complaint.decide"    // decide whether a complaint is valid, and what follows an unsatisfied revisit (R4.5, R4.6)
	PermMajorMatter     Perm = "matter.major"        // take on a major matter: an escalated complaint, a special report (D5)
	PermApproveFees     Perm = "fees.approve"        // approve a fee schedule (R3.2)
	PermSignReport      Perm = "report.sign"         // sign the month's complaint report (R10.2)
	PermReadDutyLog     Perm = "dutylog.read"        // read each day's duty log and sign the month (D7, R2.1)
	PermAttendance      Perm = "attendance.manage"   // see everyone's arrivals, record no-shows, confirm and correct (D9)
	PermExportInternal  Perm = "export.internal"     // export the records for staff only (a form's Internal) to a spreadsheet
	PermCompliance      Perm = "compliance.view"     // see the month's figures against the rules (本月达标) and the month pack
	PermSampleLog       Perm = "dutylog.sample"      // draw and sign the monthly spot check of the duty log (R2.2)
	PermMakeRoster      Perm = "roster.make"         // draft and submit next month's roster (D1)
	PermPlanTraining    Perm = "training.plan"       // make the month's training plan (R9.1)
	PermPlanCulture     Perm = "culture.plan"        // make the year's culture plan (R8.1)
	PermConfirmCulture  Perm = "culture.confirm"     // record the owners' committee's confirmation of a culture plan's costs (R8.3)
)

// permissions is the table: which roles hold each permission.
var permissions = map[Perm][]Role{
	PermRecordRead:      {RoleClerk, RoleSupervisor, RoleManager},
	PermRecordWrite:     {RoleClerk, RoleSupervisor, RoleManager},
	PermRecordAmend:     {RoleClerk, RoleSupervisor, RoleManager},
	PermRecordPrint:     {RoleClerk, RoleSupervisor, RoleManager},
	PermVoidOwnUnsealed: {RoleClerk, RoleSupervisor, RoleManager},
	PermVoidAny:         {RoleSupervisor, RoleManager},
	PermEnterForOthers:  {RoleSupervisor, RoleManager},
	PermQualityWrite:    {RoleSupervisor, RoleManager},
	PermQualitySelf:     {RoleClerk, RoleSupervisor, RoleManager},
	PermQualityReadAll:  {RoleSupervisor, RoleManager},
	PermApproveLeave:    {RoleSupervisor, RoleManager},
	PermApproveRoster:   {RoleManager},
	PermApproveHotWork:  {RoleSupervisor, RoleManager},
	PermApproveHotOOH:   {RoleManager},
	PermViewPersonal:    {RoleSupervisor, RoleManager},
	PermHouseholdEdit:   {RoleClerk, RoleSupervisor, RoleManager},
	PermHouseholdImport: {RoleManager, RoleAdmin},
	PermSettings:        {RoleManager, RoleAdmin},
	PermRetention:       {RoleManager},
	PermBackup:          {RoleManager, RoleAdmin},
	PermRestore:         {RoleAdmin},
	PermAccounts:        {RoleAdmin},
	PermComplaintDecide: {RoleSupervisor, RoleManager},
	PermMajorMatter:     {RoleManager},
	PermApproveFees:     {RoleManager},
	PermSignReport:      {RoleSupervisor, RoleManager},
	PermReadDutyLog:     {RoleSupervisor},
	PermAttendance:      {RoleSupervisor, RoleManager},
	PermExportInternal:  {RoleSupervisor, RoleManager},
	PermCompliance:      {RoleSupervisor, RoleManager},
	PermSampleLog:       {RoleManager},
	PermMakeRoster:      {RoleSupervisor, RoleManager},
	PermPlanTraining:    {RoleSupervisor, RoleManager},
	PermPlanCulture:     {RoleSupervisor, RoleManager},
	PermConfirmCulture:  {RoleManager},
}

var permText = map[Perm]string{
	PermRecordRead: "查阅记录", PermRecordWrite: "登记和修改记录", PermRecordAmend: "更正已签字的记录", PermRecordPrint: "打印",
	PermVoidOwnUnsealed: "作废本人未签字的记录", PermVoidAny: "作废已签字或他人的记录", PermEnterForOthers: "替他人登记（经办人写他人）", PermQualityWrite: "记录质量检查", PermQualitySelf: "记录本人自查",
	PermQualityReadAll: "查阅他人的质量检查结果", PermApproveLeave: "批准请假和调班", PermApproveRoster: "审批排班表",
	PermApproveHotWork: "批准动火作业", PermApproveHotOOH: "批准非工作时间或节假日动火", PermViewPersonal: "查看完整证件号和电话",
	PermHouseholdEdit: "编辑业户档案", PermHouseholdImport: "导入业户档案", PermSettings: "修改设置",
	PermRetention: "设置保存期限和清除个人信息", PermBackup: "备份", PermRestore: "恢复备份", PermAccounts: "管理账户",
	PermComplaintDecide: "认定投诉性质、决定回访不满意的投诉如何处理", PermMajorMatter: "接手重大事项和特别事项报告",
	PermApproveFees: "批准收费价格一览表", PermSignReport: "审核签署投诉工作月报",
	PermReadDutyLog: "查阅值班记录并签字", PermAttendance: "查看、登记和更正他人的到岗记录",
	PermExportInternal: "导出内部保密的记录（值班记录）",
	PermCompliance:     "查看本月达标情况和月度资料包",
	PermSampleLog:      "抽查值班记录并签字",
	PermMakeRoster:     "制订排班表",
	PermPlanTraining:   "制订培训计划",
	PermPlanCulture:    "制订社区文化活动计划",
	PermConfirmCulture: "记录业委会对社区文化活动费用的确认",
}

// Chinese says what the permission allows.
func (p Perm) Chinese() string { return permText[p] }

// Perms lists every permission in the table's order of declaration (for tests and the note).
func Perms() []Perm {
	return []Perm{PermRecordRead, PermRecordWrite, PermRecordAmend, PermRecordPrint, PermVoidOwnUnsealed, PermVoidAny, PermEnterForOthers,
		PermQualityWrite, PermQualitySelf, PermQualityReadAll, PermApproveLeave, PermApproveRoster, PermApproveHotWork, PermApproveHotOOH,
		PermViewPersonal, PermHouseholdEdit, PermHouseholdImport, PermSettings, PermRetention, PermBackup, PermRestore, PermAccounts,
		PermComplaintDecide, PermMajorMatter, PermApproveFees, PermSignReport, PermReadDutyLog, PermAttendance, PermExportInternal, PermCompliance, PermSampleLog,
		PermMakeRoster, PermPlanTraining, PermPlanCulture, PermConfirmCulture}
}

// Actor is the person a store operation is done for.
type Actor struct {
	Login string `json:"login"`
	Name  string `json:"name"` // the name written into 经办人 and the audit trail
	Role  Role   `json:"role"`
}

// System is the actor of the program's own work (demo data, migrations): it may do everything.
var System = Actor{Login: "system", Name: "系统", Role: "system"}

// Can says whether the actor holds the permission.
func (a Actor) Can(p Perm) bool {
	if a.Role == System.Role {
		return true
	}
	for _, r := range permissions[p] {
		if r == a.Role {
			return true
		}
	}
	return false
}

// ErrForbidden is returned when the actor's role does not hold the permission.
var ErrForbidden = errors.New("permission denied")

// ForbiddenError names what was refused, for the Chinese message.
type ForbiddenError struct {
	Actor Actor
	Perm  Perm
}

func (e *ForbiddenError) Error() string {
	return fmt.Sprintf("%s (%s) may not %s", e.Actor.Login, e.Actor.Role, e.Perm)
}

func (e *ForbiddenError) Unwrap() error { return ErrForbidden }

// Chinese is the sentence shown to the person refused.
func (e *ForbiddenError) Chinese() string {
	var who []string
	for _, r := range permissions[e.Perm] {
		who = append(who, r.Chinese())
	}
	return fmt.Sprintf("%s（%s）没有权限%s。需要：%s。", e.Actor.Name, e.Actor.Role.Chinese(), e.Perm.Chinese(), strings.Join(who, "或"))
}

// RefusedError is a refusal a form's rule words itself (who alone may record a kind of check): it is
// ErrForbidden, with the sentence the person refused reads.
type RefusedError struct{ Text string }

func (e *RefusedError) Error() string   { return "refused: " + e.Text }
func (e *RefusedError) Unwrap() error   { return ErrForbidden }
func (e *RefusedError) Chinese() string { return e.Text }

// Need returns a ForbiddenError when the actor does not hold the permission.
func (a Actor) Need(p Perm) error {
	if !a.Can(p) {
		return &ForbiddenError{a, p}
	}
	return nil
}

// RolesWith lists the roles that hold a permission, in the organisation chart's order.
func RolesWith(p Perm) []Role {
	var out []Role
	for _, r := range Roles {
		for _, h := range permissions[p] {
			if h == r {
				out = append(out, r)
			}
		}
	}
	return out
}

// HandlerError is refused when a person names someone else as a record's 经办人 (a field that defaults
// to the person at the desk): what is printed and signed must be who entered it. A supervisor entering
// for someone may; the record keeps who entered it beside the name (#12 item 11).
func HandlerError(f *Form, by Actor, old, in Input) FieldErrors {
	if by.Can(PermEnterForOthers) {
		return nil
	}
	errs := FieldErrors{}
	for _, fl := range f.Fields {
		if fl.Default != DefaultUser {
			continue
		}
		v := strings.TrimSpace(in.Values[fl.Key])
		if v == "" || v == by.Name || old.Values != nil && v == old.Values[fl.Key] {
			continue
		}
		errs[fl.Key] = fmt.Sprintf("%s须为登录的本人（%s）；替别人登记请由主管操作", fl.Label, by.Name)
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// GuardError refuses an edit that changes a field only a step of the record's life may change.
func GuardError(f *Form, by Actor, old *Record, in Input) FieldErrors {
	errs := FieldErrors{}
	for _, fl := range f.Fields {
		if fl.ChangedBy == "" || Normalize(fl.Type, in.Values[fl.Key]) == old.Values[fl.Key] {
			continue
		}
		step := fl.ChangedBy
		if f.Flow != nil {
			if st, ok := f.Flow.StepByKey(fl.ChangedBy); ok {
				step = st.Name
				if p := st.Perm; p != "" {
					var who []string
					for _, r := range RolesWith(p) {
						who = append(who, r.Chinese())
					}
					step += "”（" + strings.Join(who, "或") + "）“"
				}
			}
		}
		errs[fl.Key] = strings.ReplaceAll(fmt.Sprintf("“%s”保存后只能通过“%s”更改", fl.Label, step), "“”", "")
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
