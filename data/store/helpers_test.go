package store

import (
	"errors"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
)

// openTemp opens a store in a temp folder with a fixed clock and checks it when the test ends.
func openTemp(t *testing.T) (*Store, *time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 27, 9, 30, 0, 0, data.Shanghai)
	s, err := Open(t.TempDir(), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		probs, err := s.Check()
		if err != nil || len(probs) > 0 {
			t.Errorf("store check at end of test: %v %v", err, probs)
		}
		s.Close()
	})
	return s, &now
}

// One person of each role, as the tests act.
var (
	clerk      = data.Actor{Login: "chenjia", Name: "陈佳", Role: data.RoleClerk}
	clerk2     = data.Actor{Login: "zhoumin", Name: "周敏", Role: data.RoleClerk}
	supervisor = data.Actor{Login: "wang", Name: "王主管", Role: data.RoleSupervisor}
	manager    = data.Actor{Login: "liu", Name: "刘经理", Role: data.RoleManager}
	admin      = data.Actor{Login: "admin", Name: "管理员", Role: data.RoleAdmin}
)

func visitorInput() data.Input {
	in := data.NewInput()
	in.Values = map[string]string{
		"visitor_name": "张伟", "doc_type": data.DocResidentID, "doc_no": "11010519491231002X",
		"phone": "13812345678", "plate": "粤B12345", "host_unit": "3-2-1201", "host_name": "李娜",
		"purpose": "探亲访友", "consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 09:28",
		"entry_time": "2026-11-27 09:30", "clerk": "陈佳",
	}
	return in
}

var (
	testFormVisitor = mustForm("visitor")
	testFormRelease = mustForm("release")
	testToday       = time.Date(2026, 11, 27, 12, 0, 0, 0, data.Shanghai)
)

func mustForm(key string) *data.Form {
	f, ok := data.FormByKey(key)
	if !ok {
		panic("no form " + key)
	}
	return f
}

// step takes a step of a record's life with its fields given as key, value pairs.
func step(s *Store, by data.Actor, serial, key string, kv ...string) (*data.Record, error) {
	in := data.NewInput()
	for i := 0; i+1 < len(kv); i += 2 {
		in.Values[kv[i]] = kv[i+1]
	}
	return s.Step(by, serial, key, in)
}

func hasFieldError(err error, key string) bool {
	var fe data.FieldErrors
	return errors.As(err, &fe) && fe[key] != ""
}

// mustCreate saves a record or fails the test there, so one refusal does not turn into a panic that
// hides every later test of the package.
func mustCreate(t *testing.T, s *Store, by data.Actor, kind string, in data.Input) *data.Record {
	t.Helper()
	r, err := s.Create(by, kind, in)
	if err != nil {
		t.Fatalf("create %s: %v", kind, err)
	}
	return r
}

// deskAccounts sets up the administrator and the desk's people (and any more given), each with the
// password pass-1234; it returns the administrator.
func deskAccounts(t *testing.T, s *Store, more ...data.Actor) data.Actor {
	t.Helper()
	adm, err := s.SetupAdmin("admin", "管理员", "pass-1234")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range append([]data.Actor{clerk, clerk2, supervisor, manager}, more...) {
		if _, err := s.CreateAccount(adm, a.Login, a.Name, a.Role, "pass-1234"); err != nil {
			t.Fatal(err)
		}
	}
	return adm
}

// rosterFillers are the back-office people who take every shift a test's roster leaves empty, one a
// shift: a roster is submitted only with every shift of every day staffed.
var rosterFillers = map[string]string{"early": "后台甲", "middle": "后台乙", "late": "后台丙", "night": "后台丁"}

// approveRoster makes the month's roster with these lines, every shift they leave empty taken by the
// back-office fillers, the supervisor submits it and the manager approves it.
func approveRoster(t *testing.T, s *Store, month string, lines ...data.Row) *data.Record {
	t.Helper()
	in := data.NewInput()
	in.Values["month"], in.Values["author"] = month, "王主管"
	in.Tables["lines"] = staffedLines(t, s, month, lines...)
	r := mustCreate(t, s, supervisor, "roster", in)
	for _, st := range []struct {
		by  data.Actor
		key string
	}{{supervisor, "submit"}, {manager, "approve"}} {
		if _, err := step(s, st.by, r.Serial, st.key); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// staffedLines are a line for every day of the month: the lines given, every shift they leave empty
// taken by the back-office fillers (set as the desk's support staff).
func staffedLines(t *testing.T, s *Store, month string, lines ...data.Row) []data.Row {
	t.Helper()
	if err := s.SetSetting(manager, duty.SettingSupportStaff, "后台甲、后台乙、后台丙、后台丁"); err != nil {
		t.Fatal(err)
	}
	m, _ := data.ParseLocal(data.TypeMonth, month)
	byDate := map[string]data.Row{}
	for _, l := range lines {
		byDate[l["date"]] = l
	}
	var full []data.Row
	for d := m; d.Before(m.AddDate(0, 1, 0)); d = d.AddDate(0, 0, 1) {
		row := data.Row{"date": d.Format(data.LayoutDate)}
		for k, v := range byDate[row["date"]] {
			row[k] = v
		}
		for k, p := range rosterFillers {
			if row[k] == "" {
				row[k] = p
			}
		}
		full = append(full, row)
	}
	return full
}
