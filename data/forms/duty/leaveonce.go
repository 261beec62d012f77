package duty

import (
	"fmt"

	"frontdesk/data"
)

// leaveStateName is how the due list names a request's state.
func leaveStateName(key string) string {
	if st, ok := leaveFlow.StateByKey(key); ok {
		return st.Name
	}
	return "待审批"
}

// leaveOnce: one request a person's shift (D8): a second while the first waits or was approved is the
// same request again, and would count the shift twice.
func leaveOnce(env data.Env, in data.Input) data.FieldErrors {
	day, ok := data.ParseLocal(data.TypeDate, in.Get("date"))
	person, shift := data.Normalize(data.TypePerson, in.Get("person")), in.Get("shift")
	if !ok || person == "" || shift == "" || env == nil {
		return nil
	}
	recs, err := env.Records(keyLeave, day, day.AddDate(0, 0, 1))
	if err != nil {
		return data.FieldErrors{"shift": "无法读取已有的申请，请稍后再试"}
	}
	for _, r := range recs {
		if r.Values["person"] == person && r.Values["shift"] == shift && r.State != "refused" {
			return data.FieldErrors{"shift": fmt.Sprintf("%s %s%s已有申请 %s（%s），不能重复申请", person, day.Format("1月2日"), shift, r.Serial, leaveStateName(r.State))}
		}
	}
	return nil
}
