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

func visitorInput() Input {
	in := NewInput()
	in.Values = map[string]string{
		"visitor_name": "张伟", "doc_type": DocResidentID, "doc_no": "11010519491231002X",
		"phone": "13812345678", "plate": "粤B12345", "host_unit": "3-2-1201", "host_name": "李娜",
		"purpose": "探亲访友", "consent_by": "李娜", "consent_way": "电话",
		"entry_time": "2026-11-27 09:30", "clerk": "陈佳",
	}
	return in
}
