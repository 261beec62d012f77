package duty

import (
	"fmt"
	"slices"
	"time"

	"frontdesk/data"
)

// Arrival at the desk (D9–D11): the person arriving logs in at the desk, and the login is the arrival.
// Fifteen minutes before the shift is on time for the handover (D11); later is late; nobody by the
// shift's start is a no-show, on the supervisor's due list until recorded (D9). The login records the
// arrival as it happens and it is fixed: only the supervisor corrects it, with a reason, in the audit
// trail. An arrival a clerk types afterwards is a claim the supervisor confirms or corrects; the
// supervisor records a no-show, or an arrival nobody logged.

// ArrivalLead is how long before the shift the incoming person arrives for the handover (D11).
const ArrivalLead = 15 * time.Minute

// The results of an arrival.
const (
	ArrivedOnTime = "准时"
	ArrivedLate   = "迟到"
	ArrivedNot    = "未到岗"
)

// KeyAttendance names the form where its own rules read the arrivals before.
const KeyAttendance = "attendance"

// arrivalWindow is how early a login counts as the arrival for a shift.
const arrivalWindow = 3 * time.Hour

// NoShowDays is how many days back a no-show nobody recorded stays on the supervisor's due list.
const NoShowDays = 3

// attendanceAccess: a clerk records only their own arrival (the login does it) and sees only their
// own; lateness and no-shows of others are the supervisor's to record and to see.
var attendanceAccess = &data.Access{
	ReadAll: data.PermAttendance,
	Read:    func(a data.Actor, r *data.Record) bool { return r.Values["person"] == a.Name },
	Write: func(a data.Actor, in data.Input) error {
		if err := a.Need(data.PermRecordWrite); err != nil {
			return err
		}
		if a.Can(data.PermAttendance) {
			return nil
		}
		if p := data.Normalize(data.TypePerson, in.Get("person")); p != "" && p != a.Name {
			return data.FieldErrors{"person": fmt.Sprintf("只能登记本人的到岗（现在登录的是 %s）；他人的迟到、未到岗由主管登记", a.Name)}
		}
		if in.Get("arrived") == "" {
			return data.FieldErrors{"arrived": "未到岗由主管登记"}
		}
		return nil
	},
	Own: func(a data.Actor, in *data.Input) { in.Values["person"] = a.Name },
}

// arrivalOf grades an arrival for a shift on a day: the result and the minutes late. The person's
// start is the shift's, or the hours of an approved stand-in (the colleague covering the first hours
// arrives for them, the person covered for at their end).
func arrivalOf(env data.Env, day time.Time, shift, person string, arrived time.Time, came bool) (string, int, bool) {
	sh, ok := ShiftNamed(env, shift)
	if !ok {
		return "", 0, false
	}
	start, _ := sh.On(day)
	if duty, err := DutyOn(env, day); err == nil {
		start = duty.Start(sh, day, person)
	}
	mark := start.Add(-ArrivalLead)
	switch {
	case !came:
		return ArrivedNot, 0, true
	case !arrived.After(mark):
		return ArrivedOnTime, 0, true
	default:
		return ArrivedLate, int((arrived.Sub(mark) + time.Minute - 1) / time.Minute), true
	}
}

// attendanceRules: the person is on the shift that day by the approved roster and its approved
// changes, an arrival is on the day and not after the shift ended, and there is one record for a
// person's shift.
func attendanceRules(env data.Env, in data.Input, now time.Time) data.FieldErrors {
	errs := data.FieldErrors{}
	day, okD := data.ParseLocal(data.TypeDate, in.Get("date"))
	sh, okS := ShiftNamed(env, in.Get("shift"))
	if !okD || !okS {
		return nil
	}
	person := data.Normalize(data.TypePerson, in.Get("person"))
	if duty, err := DutyOn(env, day); err == nil && duty.Rostered && person != "" && !duty.Has(sh.Name, person) {
		errs["person"] = fmt.Sprintf("%s 不在 %s %s的排班上（以批准的排班表和批准的请假、调班为准）", person, day.Format("1月2日"), sh.Name)
	}
	if t, ok := data.ParseLocal(data.TypeDateTime, in.Get("arrived")); ok {
		for k, m := range arrivalWindowRule(env, in.Get("date"), sh.Name, t) {
			errs[k] = m
		}
	} else if start, _ := sh.On(day); in.Get("arrived") == "" && now.Before(start) {
		errs["arrived"] = fmt.Sprintf("%s %s还没有开始（%s），不能登记未到岗", day.Format("1月2日"), sh.Name, start.Format("15:04"))
	}
	if seen, err := arrivalsOn(env, day); err == nil {
		if serial := seen[sh.Name+"|"+person]; serial != "" {
			errs["person"] = fmt.Sprintf("%s %s %s 已有到岗记录（%s）；如有出入请主管更正", day.Format("1月2日"), sh.Name, person, serial)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func computeAttendance(env data.Env, in *data.Input, _ time.Time) error {
	day, ok := data.ParseLocal(data.TypeDate, in.Get("date"))
	if !ok {
		return nil
	}
	t, came := data.ParseLocal(data.TypeDateTime, in.Get("arrived"))
	res, late, ok := arrivalOf(env, day, in.Get("shift"), data.Normalize(data.TypePerson, in.Get("person")), t, came)
	if !ok {
		return nil
	}
	in.Values["result"], in.Values["late_min"] = res, ""
	if late > 0 {
		in.Values["late_min"] = fmt.Sprint(late)
	}
	return nil
}

// arrivalsOn are the arrivals recorded on a day: shift + "|" + person → serial.
func arrivalsOn(env data.Env, day time.Time) (map[string]string, error) {
	d := data.DayStart(day)
	recs, err := env.Records(KeyAttendance, d, d.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range recs {
		out[r.Values["shift"]+"|"+r.Values["person"]] = r.Serial
	}
	return out, nil
}

// arriveAtLogin is the arrival a login records: for each shift the person is on, starting within three
// hours and not yet over (the night begun yesterday too), and not yet recorded.
func arriveAtLogin(env data.Env, a data.Actor, now time.Time) ([]data.Input, error) {
	var out []data.Input
	for _, day := range []time.Time{data.DayStart(now).AddDate(0, 0, -1), data.DayStart(now)} {
		duty, err := DutyOn(env, day)
		if err != nil {
			return nil, err
		}
		if !duty.Rostered {
			continue
		}
		var seen map[string]string
		for _, sh := range ShiftsOf(env) {
			start, end := sh.On(day)
			if !duty.Has(sh.Name, a.Name) || now.Before(start.Add(-arrivalWindow)) || !now.Before(end) {
				continue
			}
			if seen == nil {
				if seen, err = arrivalsOn(env, day); err != nil {
					return nil, err
				}
			}
			if seen[sh.Name+"|"+a.Name] != "" {
				continue
			}
			in := data.NewInput()
			in.Values["date"], in.Values["shift"], in.Values["person"], in.Values["arrived"] = day.Format(data.LayoutDate), sh.Name, a.Name, now.In(data.Shanghai).Format(data.LayoutDateTime)
			out = append(out, in)
		}
	}
	return out, nil
}

// expectArrivals are the people on the roster of the last days whose shift has started with no
// arrival: no-shows until the supervisor records them (or they log in late, which records the
// lateness while the shift lasts).
func expectArrivals(env data.Env, now time.Time) ([]data.Expected, error) {
	var out []data.Expected
	for back := NoShowDays - 1; back >= 0; back-- {
		day := data.DayStart(now).AddDate(0, 0, -back)
		duty, err := DutyOn(env, day)
		if err != nil {
			return nil, err
		}
		if !duty.Rostered {
			continue
		}
		seen, err := arrivalsOn(env, day)
		if err != nil {
			return nil, err
		}
		for _, sh := range ShiftsOf(env) {
			for _, p := range duty.On[sh.Name] {
				if !logsIn(env, p) {
					continue // back-office support with no account: their arrival is not a login
				}
				start := duty.Start(sh, day, p)
				if now.Before(start) {
					continue
				}
				if seen[sh.Name+"|"+p] == "" {
					out = append(out, data.Expected{State: fmt.Sprintf("未到岗（%s %s %s）", day.Format("1月2日"), sh.Name, p), Who: data.Who{Perm: data.PermAttendance}, Label: "到岗", At: start,
						Fill: map[string]string{"date": day.Format(data.LayoutDate), "shift": sh.Name, "person": p}})
				}
			}
		}
	}
	return out, nil
}

// logsIn says whether the person arrives by logging in: one of the desk's accounts (everyone, when the
// store has none yet).
func logsIn(env data.Env, person string) bool {
	staff := env.Staff()
	return len(staff) == 0 || slices.Contains(staff, person)
}

// loggedArrival says whether the record is an arrival as it happened: recorded by the person at the
// moment they arrived (the login), or by the supervisor for someone else.
func loggedArrival(r *data.Record) string {
	if r.CreatedBy != r.Values["person"] {
		return "recorded"
	}
	t, ok := data.ParseLocal(data.TypeDateTime, r.Values["arrived"])
	if at := r.CreatedAt; ok && !t.Before(at.Add(-2*time.Minute)) && !t.After(at.Add(time.Minute)) {
		return "recorded"
	}
	return "claimed"
}

var attendanceFlow = &data.Flow{
	States: []data.State{
		{Key: "claimed", Name: "待主管确认", Open: true, Who: data.Who{Perm: data.PermAttendance}, Fixed: true},
		{Key: "recorded", Name: "已登记", Fixed: true},
	},
	Initial: "recorded", StepsOnly: true, Start: loggedArrival,
	Steps: []data.Step{
		{Key: "confirm", Name: "确认", Decides: true, From: []string{"claimed"}, To: "recorded", Perm: data.PermAttendance, By: "confirmed_by", At: "confirmed_at",
			Hint: "本人事后补登的到岗时间，经主管核实后确认"},
		{Key: "correct", Name: "更正", From: []string{"claimed", "recorded"}, To: "recorded", Perm: data.PermAttendance, By: "confirmed_by", At: "confirmed_at",
			Hint: "更正到岗时间（未到岗的清空），写明依据",
			// The time as recorded stands in the dialog: a correction changes it, never wipes it unseen.
			FieldsFor: func(_ data.Env, r *data.Record, _ time.Time) []data.Field {
				return []data.Field{
					{Key: "arrived", Label: "到岗时间", Type: data.TypeDateTime, Past: true, Hint: "未到岗的清空", Default: r.Values["arrived"]},
					{Key: "correction", Label: "更正依据", Type: data.TypeText, Required: true, Max: 200},
				}
			},
			Check: func(c *data.StepContext) error {
				if t, ok := data.ParseLocal(data.TypeDateTime, c.Values.Get("arrived")); ok {
					if errs := arrivalWindowRule(c.Env, c.Record.Values["date"], c.Record.Values["shift"], t); errs != nil {
						return errs
					}
				}
				return nil
			},
			Apply: func(c *data.StepContext) {
				// An empty time is a no-show: the time the record held goes.
				if v := c.Values.Get("arrived"); v != "" {
					c.Record.Values["arrived"] = v
				} else {
					delete(c.Record.Values, "arrived")
				}
				data.RecountStep(computeAttendance)(c)
			}},
	},
	// Arrivals saved before they had a life: as recorded.
	Derive: func(*data.Record) string { return "recorded" },
}

// formAttendance declares 《到岗记录》.
var formAttendance = &data.Form{
	Pack:     data.PackList,
	Measures: attendanceMeasures,
	Key:      KeyAttendance, Name: "到岗记录", Prefix: "KQ", Group: data.GroupDuty, Rule: "D9–D11",
	DateKey: "date", Retention: "3年", Access: attendanceAccess, Flow: attendanceFlow,
	CheckAt: attendanceRules, Compute: computeAttendance, ExpectedBy: data.PermAttendance,
	ListColumns: []string{"date", "shift", "person", "arrived", "result", "late_min"},
	Fields: []data.Field{
		{Key: "date", Label: "日期", Type: data.TypeDate, Required: true, Default: data.DefaultToday, Past: true},
		{Key: "shift", Label: "班次", Type: data.TypeChoice, Required: true, Choices: shifts},
		{Key: "person", Label: "值班人", Type: data.TypePerson, Required: true, Default: data.DefaultUser, Samples: data.SampleClerks},
		{Key: "arrived", Label: "到岗时间", Type: data.TypeDateTime, Past: true, Hint: "登录即到岗；未到岗不填"},
		{Key: "result", Label: "结果", Type: data.TypeText, Auto: true},
		{Key: "late_min", Label: "迟到分钟", Type: data.TypeInt, Auto: true},
		{Key: "note", Label: "说明", Type: data.TypeMultiline, Max: 300, Samples: []string{"公交晚点", "家中有事，已电话告知主管"}},
		{Key: "correction", Label: "更正依据", Type: data.TypeText, Auto: true},
		{Key: "confirmed_by", Label: "确认人", Type: data.TypePerson, Auto: true},
		{Key: "confirmed_at", Label: "确认时间", Type: data.TypeDateTime, Auto: true},
	},
}

func init() {
	formAttendance.Expected = expectArrivals
	formAttendance.AtLogin = arriveAtLogin
	data.Register(formAttendance)
}

// arrivalWindowRule: an arrival for a shift is on its day, from three hours before it to its end.
func arrivalWindowRule(env data.Env, date, shift string, t time.Time) data.FieldErrors {
	day, okD := data.ParseLocal(data.TypeDate, date)
	sh, okS := ShiftNamed(env, shift)
	if !okD || !okS {
		return nil
	}
	start, end := sh.On(day)
	if t.Before(start.Add(-arrivalWindow)) || !t.Before(end) {
		return data.FieldErrors{"arrived": fmt.Sprintf("到岗时间应在%s %s的%s前3小时至下班（%s）之间", day.Format("1月2日"), sh.Name, start.Format("15:04"), end.Format("15:04"))}
	}
	return nil
}
