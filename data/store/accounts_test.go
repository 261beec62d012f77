package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/supervision"
)

// The permission table, role by role: what the issue asks for, written out so a change to the table is
// a deliberate change to this test.
func TestPermissionTable(t *testing.T) {
	want := map[data.Perm]string{ // roles in order clerk, supervisor, manager, admin
		data.PermRecordRead: "YYYN", data.PermRecordWrite: "YYYN", data.PermRecordAmend: "YYYN", data.PermRecordPrint: "YYYN",
		data.PermVoidOwnUnsealed: "YYYN", data.PermVoidAny: "NYYN", data.PermEnterForOthers: "NYYN", data.PermQualityWrite: "NYYN", data.PermQualitySelf: "YYYN", data.PermQualityReadAll: "NYYN",
		data.PermApproveLeave: "NYYN", data.PermApproveRoster: "NNYN", data.PermApproveHotWork: "NYYN", data.PermApproveHotOOH: "NNYN",
		data.PermViewPersonal: "NYYN", data.PermHouseholdEdit: "YYYN", data.PermHouseholdImport: "NNYY", data.PermSettings: "NNYY",
		data.PermRetention: "NNYN", data.PermBackup: "NNYY", data.PermRestore: "NNNY", data.PermAccounts: "NNNY",
		data.PermComplaintDecide: "NYYN", data.PermMajorMatter: "NNYN", data.PermApproveFees: "NNYN", data.PermSignReport: "NYYN",
		data.PermReadDutyLog: "NYNN", data.PermAttendance: "NYYN", data.PermExportInternal: "NYYN", data.PermCompliance: "NYYN", data.PermSampleLog: "NNYN",
		data.PermMakeRoster: "NYYN", data.PermPlanTraining: "NYYN", data.PermPlanCulture: "NYYN", data.PermConfirmCulture: "NNYN",
	}
	if len(want) != len(data.Perms()) {
		t.Fatalf("table has %d permissions, test %d", len(data.Perms()), len(want))
	}
	for _, p := range data.Perms() {
		got := ""
		for _, r := range data.Roles {
			if (data.Actor{Role: r}).Can(p) {
				got += "Y"
			} else {
				got += "N"
			}
		}
		if got != want[p] {
			t.Errorf("%s (%s): roles %s; want %s", p, p.Chinese(), got, want[p])
		}
		if p.Chinese() == "" {
			t.Errorf("%s has no Chinese name", p)
		}
	}
	if (data.Actor{Role: "nobody"}).Can(data.PermRecordRead) {
		t.Error("an unknown role may read")
	}
}

func TestEnforcedInTheStore(t *testing.T) {
	s, _ := openTemp(t)
	quality := data.NewInput()
	quality.Values = map[string]string{"time": "2026-11-27 09:00", "kind": "主管抽查", "inspector": "王主管", "checked_staff": "周敏", "item": "值班记录", "result": "合格"}
	self := data.NewInput()
	self.Values = map[string]string{"time": "2026-11-27 09:00", "kind": supervision.SelfCheck, "inspector": "陈佳", "checked_staff": "周敏", "item": "值班记录", "result": "合格"}
	tests := []struct {
		name string
		do   func() error
		perm data.Perm
	}{
		{"clerk records a quality check", func() error { _, err := s.Create(clerk, "quality", quality); return err }, data.PermQualityWrite},
		{"clerk self-checks another", func() error { _, err := s.Create(clerk, "quality", self); return err }, data.PermQualityWrite},
		{"admin records a visitor", func() error { _, err := s.Create(admin, "visitor", visitorInput()); return err }, data.PermRecordWrite},
		{"clerk changes settings", func() error { return s.SetSetting(clerk, SettingPropertyName, "x") }, data.PermSettings},
		{"clerk imports households", func() error { _, err := s.ImportHouseholdFile(clerk, "a.csv", []byte(goodCSV)); return err }, data.PermHouseholdImport},
		{"manager creates an account", func() error { _, err := s.CreateAccount(manager, "x", "某", data.RoleClerk, "12345678"); return err }, data.PermAccounts},
		{"supervisor purges", func() error { _, err := s.Purge(supervisor); return err }, data.PermRetention},
		{"admin lists records", func() error { _, err := s.List(admin, Query{Kind: "visitor"}); return err }, data.PermRecordRead},
	}
	for _, tt := range tests {
		err := tt.do()
		var fe *data.ForbiddenError
		if !errors.As(err, &fe) || fe.Perm != tt.perm {
			t.Errorf("%s: err = %v; want forbidden %s", tt.name, err, tt.perm)
			continue
		}
		if m := Message(err); !strings.Contains(m, "没有权限") {
			t.Errorf("%s: message %q", tt.name, m)
		}
	}
	if n, _ := s.Count("quality"); n != 0 {
		t.Errorf("refused writes stored %d quality records", n)
	}
	self.Values["checked_staff"] = "陈佳"
	if _, err := s.Create(clerk, "quality", self); err != nil {
		t.Errorf("clerk's own self-check: %v", err)
	}
}

func TestQualityResultsPrivateToTheClerk(t *testing.T) {
	s, _ := openTemp(t)
	for _, who := range []string{"陈佳", "周敏", "陈佳"} {
		in := data.NewInput()
		in.Values = map[string]string{"time": "2026-11-27 09:00", "kind": "主管抽查", "inspector": "王主管", "checked_staff": who, "item": "值班记录", "result": "不合格", "finding": "漏记", "correction": "补记"}
		if _, err := s.Create(supervisor, "quality", in); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		who  data.Actor
		want int
	}{{clerk, 2}, {clerk2, 1}, {supervisor, 3}, {manager, 3}} {
		page, err := s.List(tt.who, Query{Kind: "quality"})
		if err != nil || len(page.Records) != tt.want {
			t.Errorf("%s sees %d quality checks (%v); want %d", tt.who.Name, len(page.Records), err, tt.want)
		}
	}
	if _, err := s.BySerial(clerk2, "ZJ-20261127-001"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk reads another's result by serial: %v", err)
	}
}

func TestSealingAmendmentAndVoidRules(t *testing.T) {
	s, _ := openTemp(t)
	rec := mustCreate(t, s, clerk, "visitor", visitorInput())
	other := mustCreate(t, s, clerk, "visitor", visitorInput())
	// Before printing the clerk may correct and even void their own record.
	in := rec.Input()
	in.Values["purpose"] = "送货"
	rec, err := s.Update(clerk, "visitor", rec.ID, rec.Version, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Void(clerk2, other.Serial, "不是我的"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk voids another's record: %v", err)
	}
	if _, err := s.Void(clerk, other.Serial, "填错了"); err != nil {
		t.Errorf("clerk voids own unsealed record: %v", err)
	}
	// Printing seals it.
	rec, err = s.MarkPrinted(clerk, rec.Serial)
	if err != nil || !rec.Sealed {
		t.Fatalf("MarkPrinted: %+v %v", rec, err)
	}
	in = rec.Input()
	in.Values["purpose"] = "看房"
	if _, err := s.Update(clerk, "visitor", rec.ID, rec.Version, in); !errors.Is(err, ErrSealed) {
		t.Fatalf("update of sealed: %v; want ErrSealed", err)
	}
	if _, err := s.Amend(clerk, "visitor", rec.ID, rec.Version, in, " "); !errors.Is(err, ErrReasonNeeded) {
		t.Errorf("amend without reason: %v", err)
	}
	am, err := s.Amend(clerk, "visitor", rec.ID, rec.Version, in, "访客更正来访事由")
	if err != nil {
		t.Fatal(err)
	}
	if am.Values["purpose"] != "看房" || len(am.Amendments) != 1 {
		t.Fatalf("amended = %+v", am)
	}
	a := am.Amendments[0]
	if a.Reason != "访客更正来访事由" || a.By != "陈佳" || len(a.Changes) != 1 || a.Changes[0].Old != "送货" || a.Changes[0].New != "看房" {
		t.Errorf("amendment = %+v; want the original 送货 kept", a)
	}
	if _, err := s.Void(clerk, rec.Serial, "作废"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk voids a sealed record: %v", err)
	}
	if v, err := s.Void(supervisor, rec.Serial, "重复登记"); err != nil || v.VoidedBy != "王主管" {
		t.Errorf("supervisor voids: %+v %v", v, err)
	}
	hist, _ := s.History("visitor", rec.ID)
	var acts []string
	for _, h := range hist {
		acts = append(acts, h.Action+":"+h.Login)
	}
	if got := strings.Join(acts, " "); got != "create:chenjia update:chenjia print:chenjia amend:chenjia void:wang" {
		t.Errorf("history = %s", got)
	}
}

func TestMaskingByRole(t *testing.T) {
	id, _ := testFormVisitor.Field("doc_no")
	ph, _ := testFormVisitor.Field("phone")
	if got := data.DisplayFor(clerk, id, "11010519491231002X") + " " + data.DisplayFor(clerk, ph, "13812345678"); got != "110105********002X 138****5678" {
		t.Errorf("clerk sees %q", got)
	}
	if got := data.DisplayFor(manager, ph, "13812345678"); got != "13812345678" {
		t.Errorf("manager sees %q", got)
	}
}

func TestAccountsLoginAndLockout(t *testing.T) {
	s, now := openTemp(t)
	if s.HasAccounts() {
		t.Fatal("new store has accounts")
	}
	if _, err := s.SetupAdmin("admin", "管理员", "short"); !errors.Is(err, ErrWeakPassword) {
		t.Errorf("weak password: %v", err)
	}
	adm, err := s.SetupAdmin("admin", "管理员", "admin-pass-1")
	if err != nil || adm.Role != data.RoleAdmin {
		t.Fatalf("SetupAdmin: %+v %v", adm, err)
	}
	if _, err := s.SetupAdmin("admin2", "又一个", "admin-pass-1"); !errors.Is(err, ErrSetupDone) {
		t.Errorf("second setup: %v", err)
	}
	if _, err := s.CreateAccount(adm, "chenjia", "陈佳", data.RoleClerk, "clerk-pass-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAccount(adm, "chenjia", "陈佳", data.RoleClerk, "clerk-pass-1"); !errors.Is(err, ErrAccountExists) {
		t.Errorf("duplicate login: %v", err)
	}
	a, err := s.Authenticate("chenjia", "clerk-pass-1")
	if err != nil || a.Name != "陈佳" || a.Role != data.RoleClerk {
		t.Fatalf("login: %+v %v", a, err)
	}
	if _, err := s.Authenticate("nobody", "x"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("unknown name: %v", err)
	}
	for i := 1; i <= MaxFailedLogins; i++ {
		_, err = s.Authenticate("chenjia", "wrong")
	}
	if !errors.Is(err, ErrAccountLocked) {
		t.Fatalf("after %d wrong passwords: %v", MaxFailedLogins, err)
	}
	if _, err := s.Authenticate("chenjia", "clerk-pass-1"); !errors.Is(err, ErrAccountLocked) {
		t.Errorf("right password while locked: %v", err)
	}
	if !strings.Contains(Message(err), "已锁定") {
		t.Errorf("message %q", Message(err))
	}
	*now = now.Add(LockoutDuration + time.Second)
	if _, err := s.Authenticate("chenjia", "clerk-pass-1"); err != nil {
		t.Errorf("after the lockout: %v", err)
	}
	// Change and reset.
	if err := s.ChangePassword(a, "wrong", "new-pass-123"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("change with wrong old password: %v", err)
	}
	if err := s.ChangePassword(a, "clerk-pass-1", "new-pass-123"); err != nil {
		t.Fatal(err)
	}
	if err := s.ResetPassword(a, "admin", "hijack-123"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("clerk resets admin: %v", err)
	}
	if err := s.ResetPassword(adm, "chenjia", "reset-pass-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("chenjia", "reset-pass-1"); err != nil {
		t.Errorf("after reset: %v", err)
	}
	if err := s.SetAccountDisabled(adm, "chenjia", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("chenjia", "reset-pass-1"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("disabled account logs in: %v", err)
	}
	list, _ := s.Accounts(adm)
	if len(list) != 2 || list[0].Hash != nil {
		t.Errorf("Accounts = %+v", list)
	}
}

func TestLockoutSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir, Options{})
	s.SetupAdmin("admin", "管理员", "admin-pass-1")
	for i := 0; i < MaxFailedLogins; i++ {
		s.Authenticate("admin", "wrong")
	}
	s.Close()
	s, _ = Open(dir, Options{})
	defer s.Close()
	if _, err := s.Authenticate("admin", "admin-pass-1"); !errors.Is(err, ErrAccountLocked) {
		t.Errorf("lockout lost on restart: %v", err)
	}
}

func TestPurgeRemovesExpiredPersonalData(t *testing.T) {
	s, now := openTemp(t)
	old := visitorInput()
	old.Values["entry_time"] = "2025-10-01 10:00"
	rec, err := s.Create(clerk, "visitor", old)
	if err != nil {
		t.Fatal(err)
	}
	recent := mustCreate(t, s, clerk, "visitor", visitorInput())
	prev, err := s.PurgePreview(manager)
	if err != nil || len(prev) != 1 || prev[0].Kind != "visitor" || prev[0].Count != 1 {
		t.Fatalf("preview = %+v %v", prev, err)
	}
	if n, _ := s.Count("visitor"); n != 2 {
		t.Fatal("preview changed something")
	}
	done, err := s.Purge(manager)
	if err != nil || len(done) != 1 || done[0].Count != 1 {
		t.Fatalf("purge = %+v %v", done, err)
	}
	got, _ := s.BySerial(manager, rec.Serial)
	for _, k := range []string{"visitor_name", "doc_no", "phone", "plate", "host_name", "consent_by"} {
		if got.Values[k] != "" {
			t.Errorf("purged record keeps %s = %q", k, got.Values[k])
		}
	}
	if !got.Purged || got.Values["host_unit"] != "3-2-1201" || got.Values["clerk"] != "陈佳" {
		t.Errorf("purged record = %+v", got)
	}
	if p, _ := s.List(manager, Query{Kind: "visitor", Text: "张伟"}); len(p.Records) != 1 || p.Records[0].Serial != recent.Serial {
		t.Errorf("purged name still found: %+v", p.Records)
	}
	tail, _ := s.AuditTail(1)
	if tail[0].Action != ActionPurge || tail[0].Changes[0].New != "1" {
		t.Errorf("audit of purge = %+v", tail[0])
	}
	// A second purge finds nothing; setting retention to 0 keeps for good.
	if again, _ := s.Purge(manager); len(again) != 0 {
		t.Errorf("second purge = %+v", again)
	}
	*now = now.AddDate(2, 0, 0)
	s.SetRetentionMonths(manager, "visitor", 0)
	if prev, _ := s.PurgePreview(manager); len(prev) != 0 {
		t.Errorf("retention 0 still purges: %+v", prev)
	}
}

// Retention keeps the cut-off day itself and purges the day before it, never a day early (#12 item 25).
func TestPurgeKeepsTheCutOffDay(t *testing.T) {
	s, _ := openTemp(t) // 2026-11-27: a visit is kept a year, from 2025-11-27 on
	for _, entry := range []string{"2025-11-26 23:59", "2025-11-27 00:00", "2025-11-27 08:00"} {
		in := visitorInput()
		in.Values["entry_time"], in.Values["consent_time"] = entry, entry
		if _, err := s.Create(clerk, "visitor", in); err != nil {
			t.Fatal(err)
		}
	}
	done, err := s.Purge(manager)
	if err != nil || len(done) != 1 || done[0].Count != 1 {
		t.Fatalf("purge = %+v %v", done, err)
	}
	p, _ := s.List(manager, Query{Kind: "visitor"})
	for _, r := range p.Records {
		if want := r.Values["entry_time"] < "2025-11-27"; r.Purged != want {
			t.Errorf("%s entered %s: purged %v", r.Serial, r.Values["entry_time"], r.Purged)
		}
	}
}
