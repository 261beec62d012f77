package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
)

// The handover in the store: the open matters of the registers gathered as it is saved, the roster
// checked, the previous counts compared, signed by the incoming person's login, fixed once signed.
func TestHandoverInStore(t *testing.T) {
	s, now := openTemp(t)
	deskAccounts(t, s)
	// November's roster, approved: 陈佳 early, 周敏 middle on the 27th.
	approveRoster(t, s, "2026-11", data.Row{"date": "2026-11-27", "early": "陈佳", "middle": "周敏"})
	// Open matters: a visitor on site, a duty-log entry to follow; and a leave request, which is the
	// supervisor's and not handed over.
	v := mustCreate(t, s, clerk, "visitor", visitorInput())
	log := data.NewInput()
	log.Values = map[string]string{"time": "2026-11-27 09:00", "shift": "早班", "event_type": "报修", "urgency": "一般",
		"summary": "2-1-802 漏水，已通知工程部", "status": "跟进中", "clerk": "陈佳"}
	dl, err := s.Create(clerk, "duty_log", log)
	if err != nil {
		t.Fatal(err)
	}
	*now = time.Date(2026, 11, 27, 15, 20, 0, 0, data.Shanghai)
	ho := data.NewInput()
	ho.Values = map[string]string{"time": "2026-11-27 15:20", "from_shift": "早班", "outgoing": "陈佳", "to_shift": "中班", "incoming": "周敏"}
	ho.Tables["items"] = []data.Row{{"item": "对讲机", "qty": "2"}, {"item": "钥匙", "qty": "12"}, {"item": "备用金", "qty": "500"}}
	if _, err := s.Create(clerk, "handover", ho); !hasFieldError(err, "items") {
		t.Fatalf("a handover without the parcels counted: %v", err)
	}
	ho.Tables["items"] = append(ho.Tables["items"], data.Row{"item": "代收快递", "qty": "3"})
	if _, err := s.Create(clerk2, "handover", ho); !hasFieldError(err, "outgoing") {
		t.Fatalf("周敏 saved 陈佳's handover: %v", err)
	}
	ho.Values["incoming"] = "王主管"
	if _, err := s.Create(clerk, "handover", ho); !hasFieldError(err, "incoming") {
		t.Fatalf("a handover to someone not on the 中班: %v", err)
	}
	ho.Values["incoming"] = "周敏"
	h := mustCreate(t, s, clerk, "handover", ho)
	var got []string
	for _, m := range h.Tables["matters"] {
		got = append(got, m["m_no"])
	}
	if strings.Join(got, " ") != dl.Serial+" "+v.Serial && strings.Join(got, " ") != v.Serial+" "+dl.Serial {
		t.Fatalf("gathered %v; want the visitor %s and the log entry %s", got, v.Serial, dl.Serial)
	}
	// On the due list, it waits for 周敏.
	due, _ := s.Due(clerk2, *now)
	found := false
	for _, m := range due {
		if m.Serial == h.Serial {
			found = m.Mine && m.Who == "周敏" && m.Label == "接班签名"
		}
	}
	if !found {
		t.Errorf("the handover is not 周敏's on the due list: %+v", due)
	}
	if _, err := step(s, clerk, h.Serial, "sign", "log_read", "是", "desk_ok", "是"); err == nil || !strings.Contains(Message(err), "周敏 本人") {
		t.Fatalf("the outgoing person signed for the incoming: %v", err)
	}
	*now = now.Add(10 * time.Minute)
	signed, err := step(s, clerk2, h.Serial, "sign", "log_read", "是", "desk_ok", "是", "ack_1", duty.AckOK, "ack_2", duty.AckOK)
	if err != nil || signed.Values["in_by"] != "周敏" || signed.Values["in_at"] != "2026-11-27 15:30" {
		t.Fatalf("signed: %v %v", signed, err)
	}
	var fe *data.FixedError
	if _, err := s.Update(clerk, "handover", h.ID, 0, ho); !errors.As(err, &fe) {
		t.Fatalf("a signed handover was edited: %v", err)
	}
	// The next handover compares its counts with this one's.
	*now = time.Date(2026, 11, 27, 17, 20, 0, 0, data.Shanghai)
	next := data.NewInput()
	next.Values = map[string]string{"time": "2026-11-27 17:20", "from_shift": "中班", "outgoing": "周敏", "to_shift": "中班", "incoming": "陈佳"}
	next.Tables["items"] = []data.Row{{"item": "对讲机", "qty": "2"}, {"item": "钥匙", "qty": "11"}, {"item": "备用金", "qty": "500"}, {"item": "代收快递", "qty": "3"}}
	if _, err := s.Create(clerk2, "handover", next); !hasFieldError(err, "items[1].note") {
		t.Fatalf("a key missing with no note: %v", err)
	}
}
