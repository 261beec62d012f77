package data

import (
	"testing"
	"time"
)

// openTemp opens a store in a temp folder with a fixed clock and checks it when the test ends.
func openTemp(t *testing.T) (*Store, *time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 27, 9, 30, 0, 0, Shanghai)
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
	clerk      = Actor{Login: "chenjia", Name: "陈佳", Role: RoleClerk}
	clerk2     = Actor{Login: "zhoumin", Name: "周敏", Role: RoleClerk}
	supervisor = Actor{Login: "wang", Name: "王主管", Role: RoleSupervisor}
	manager    = Actor{Login: "liu", Name: "刘经理", Role: RoleManager}
	admin      = Actor{Login: "admin", Name: "管理员", Role: RoleAdmin}
)

func visitorInput() Input {
	in := NewInput()
	in.Values = map[string]string{
		"visitor_name": "张伟", "doc_type": DocResidentID, "doc_no": "11010519491231002X",
		"phone": "13812345678", "plate": "粤B12345", "host_unit": "3-2-1201", "host_name": "李娜",
		"purpose": "探亲访友", "consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 09:28",
		"entry_time": "2026-11-27 09:30", "clerk": "陈佳",
	}
	return in
}
