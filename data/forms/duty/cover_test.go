package duty

import (
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// The colleagues offered to cover a request are those free for the hours covered by the approved
// roster first (resting, or on a shift that does not overlap), then the others with why; with no day,
// shift or roster to judge by, everyone, saying so.
func TestCoverOptionsFreeFirst(t *testing.T) {
	leaveOf := func(person string) *data.Record {
		r := leaveRec("approved", LeaveKindLeave, person, "夜班", "")
		r.Serial = "QB-9"
		return r
	}
	tests := []struct {
		name   string
		leaves []*data.Record
		kv     []string
		want   string // value:fits, in order
		note   string // a word of the first option's note
	}{
		{"leave of the early shift", nil, []string{"person", "陈佳", "date", "2026-12-01", "shift", "早班"},
			"周敏+ 赵静+ 李晓梅- 王丽君-", "休息"},
		{"a stand-in after the early shift's end", nil, []string{"kind", LeaveKindStand, "person", "王丽君", "date", "2026-12-01", "shift", "晚班", "stand_from", "16:00", "stand_to", "20:00"},
			"陈佳+ 周敏+ 赵静+ 李晓梅-", "早班 07:30-15:30，时间不重叠"},
		{"a stand-in in the middle shift's hours", nil, []string{"kind", LeaveKindStand, "person", "王丽君", "date", "2026-12-01", "shift", "晚班", "stand_from", "12:00", "stand_to", "15:00"},
			"周敏+ 赵静+ 陈佳- 李晓梅-", "休息"},
		{"a colleague on leave that day", []*data.Record{leaveOf("赵静")}, []string{"person", "陈佳", "date", "2026-12-01", "shift", "早班"},
			"周敏+ 李晓梅- 王丽君- 赵静-", "休息"},
		{"no day yet", nil, []string{"person", "陈佳", "shift", "早班"},
			"李晓梅+ 王丽君+ 周敏+ 赵静+", "先填日期"},
		{"a month with no approved roster", nil, []string{"person", "陈佳", "date", "2027-01-04", "shift", "早班"},
			"李晓梅+ 王丽君+ 周敏+ 赵静+", "没有批准的排班表"},
	}
	for _, tc := range tests {
		env := dutyEnv(tc.leaves...)
		env.FakeEnv["staff"] = "陈佳,李晓梅,王丽君,周敏,赵静"
		opts := CoverOptions(env, formtest.Fields(append([]string{"kind", LeaveKindLeave}, tc.kv...)...))
		var got []string
		for _, o := range opts {
			got = append(got, o.Value+map[bool]string{true: "+", false: "-"}[o.Fits])
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: CoverOptions = %s; want %s", tc.name, strings.Join(got, " "), tc.want)
		}
		if len(opts) > 0 && !strings.Contains(opts[0].Note, tc.note) {
			t.Errorf("%s: first note %q; want it to say %q", tc.name, opts[0].Note, tc.note)
		}
	}
}

// The approval asks for the cover from the same options, for the request approved: 李晓梅 on the 中班
// is offered after those resting, with why.
func TestApprovalOffersTheFreeCover(t *testing.T) {
	env := dutyEnv()
	env.FakeEnv["staff"] = "陈佳,李晓梅,周敏"
	r := leaveRec("asked", LeaveKindLeave, "陈佳", "早班", "")
	st, _ := formLeave.Flow.StepByKey("approve")
	fields := st.FieldsNow(env, r, formtest.At("2026-11-28 10:00"))
	if len(fields) != 1 || fields[0].Key != "cover" || fields[0].Options == nil {
		t.Fatalf("the approval's fields: %+v", fields)
	}
	opts := fields[0].Options(env, data.NewInput())
	if len(opts) != 2 || opts[0].Value != "周敏" || opts[1].Value != "李晓梅" || !strings.Contains(opts[1].Note, "中班") {
		t.Errorf("the approval offers %+v; want 周敏 then 李晓梅 (中班)", opts)
	}
}

// A roster's message about a person names the day, as the grid and the wall sheet show it, not the
// line's number.
func TestRosterMessagesNameTheDay(t *testing.T) {
	env := formtest.FakeEnv{"staff": "陈佳,周敏"}
	errs := rosterRules(env, rosterInput("2026-12", data.Row{"date": "2026-12-01"}, data.Row{"date": "2026-12-03", "early": "孙磊", "middle": "陈佳", "late": "陈佳"}))
	if got := errs[data.RowKey("lines", 1, "early")]; !strings.HasPrefix(got, "12月3日 孙磊 不是本中心的值班人员") {
		t.Errorf("a stranger on 3 December: %q", got)
	}
	if got := errs[data.RowKey("lines", 1, "late")]; !strings.HasPrefix(got, "12月3日 陈佳 同一天排了中班和晚班") {
		t.Errorf("two shifts on 3 December: %q", got)
	}
}
