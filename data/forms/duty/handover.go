package duty

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
)

// The shift handover (D10–D15): the outgoing person saves it under their own login, with the open
// matters of every register gathered into it and the items counted; it waits for the incoming person,
// who logs in, acknowledges each matter or asks about it, checks the desk and signs, or refuses to sign
// with a reason that goes to the supervisor.

// Shift times are the manager's settings (D2): the shifts keep their names (the roster's columns),
// their hours may change. The desk is staffed day and night (R4.3): besides the rules' three day
// shifts a night shift runs from the evening to the next morning, and together the shifts cover every
// hour of the day.
const (
	SettingShiftHours    = "shift_hours"
	DefaultShiftHours    = "早班 07:30-15:30；中班 09:30-17:30；晚班 12:00-20:00；夜班 20:00-07:30"
	SettingHandoverItems = "handover_items"
	DefaultHandoverItems = "对讲机、钥匙、备用金、代收快递"
	// SettingSupportStaff names the back-office people who support the desk at busy times (D2): they
	// may be put on the roster and cover a leave without an account of their own.
	SettingSupportStaff = "support_staff"
	// NightShift is the shift that ends the next morning.
	NightShift = "夜班"
)

// SupportStaff are the back-office people who support the desk (none unless set).
func SupportStaff(env data.Env) []string {
	if env == nil {
		return nil
	}
	names, msg := ParseItemList(env.Setting(SettingSupportStaff, ""))
	if msg != "" {
		return nil
	}
	return names
}

// deskPeople says who may be on the roster or cover a shift: the desk's accounts and the support
// staff; nil when the store has no accounts yet (nothing to check against).
func deskPeople(env data.Env) map[string]bool {
	staff := env.Staff()
	if len(staff) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, n := range append(staff, SupportStaff(env)...) {
		out[n] = true
	}
	return out
}

// Shift is one shift's name and hours, in minutes from the midnight of the day it begins (the night's
// end is past 24:00).
type Shift struct {
	Name       string
	Start, End int
}

// On is the shift's start and end when it begins on a day.
func (s Shift) On(day time.Time) (time.Time, time.Time) {
	base := data.DayStart(day)
	return base.Add(time.Duration(s.Start) * time.Minute), base.Add(time.Duration(s.End) * time.Minute)
}

// Hours is the shift as written on the roster: 07:30-15:30, 20:00-07:30.
func (s Shift) Hours() string { return clockOf(s.Start) + "-" + clockOf(s.End) }

// clockOf writes minutes from a midnight as a time of day.
func clockOf(m int) string { m %= 24 * 60; return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// DayOf is the day the shift began that holds the moment t (its start included, its end not), or
// false when t lies outside the shift: the night after midnight is the day before's.
func (s Shift) DayOf(t time.Time) (time.Time, bool) {
	for _, d := range []time.Time{data.DayStart(t), data.DayStart(t).AddDate(0, 0, -1)} {
		if from, to := s.On(d); !t.Before(from) && t.Before(to) {
			return d, true
		}
	}
	return time.Time{}, false
}

// At is the moment a time of day (12:00) falls within the shift begun on day: for the night, an hour
// before its start is the next morning's.
func (s Shift) At(day time.Time, clock time.Time) time.Time {
	m := clock.Hour()*60 + clock.Minute()
	if s.End > 24*60 && m < s.Start {
		m += 24 * 60
	}
	return data.DayStart(day).Add(time.Duration(m) * time.Minute)
}

// ParseShiftHours reads the setting of the shifts' hours ("早班 07:30-15:30；中班 …；夜班 20:00-07:30"):
// every shift of the roster once, each ending after it starts (the night the next morning), together
// covering the whole day. The message says what is wrong, in the clerk's words.
func ParseShiftHours(v string) ([]Shift, string) {
	out, msg := parseShifts(v, false)
	if msg == "" {
		msg = dayGap(out)
	}
	if msg != "" {
		return nil, msg
	}
	return out, ""
}

// parseShifts reads the shifts' hours; lenient, a setting written before the night shift (the day's
// shifts alone) is read with the night from the last one's end to the first one's start.
func parseShifts(v string, lenient bool) ([]Shift, string) {
	v = strings.NewReplacer("；", ";", "，", ";", ",", ";", "\n", ";", "：", ":", "－", "-", "—", "-", "~", "-", "～", "-", "至", "-").Replace(v)
	got := map[string]Shift{}
	for _, part := range strings.Split(v, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		fields := strings.Fields(part)
		if len(fields) != 2 {
			return nil, fmt.Sprintf("“%s”应写成“早班 07:30-15:30”", part)
		}
		name, span := fields[0], fields[1]
		if !slices.Contains(shifts, name) {
			return nil, fmt.Sprintf("没有“%s”这个班次；班次为%s", name, strings.Join(shifts, "、"))
		}
		if _, twice := got[name]; twice {
			return nil, name + "写了两次"
		}
		from, to, ok := strings.Cut(span, "-")
		a, ok1 := parseClock(strings.TrimSpace(from))
		b, ok2 := parseClock(strings.TrimSpace(to))
		if !ok || !ok1 || !ok2 {
			return nil, fmt.Sprintf("%s的时间“%s”应写成 07:30-15:30", name, span)
		}
		s := Shift{Name: name, Start: a.Hour()*60 + a.Minute(), End: b.Hour()*60 + b.Minute()}
		if name == NightShift && s.End <= s.Start {
			s.End += 24 * 60 // to the next morning
		}
		if s.End <= s.Start {
			return nil, name + "的下班时间应晚于上班时间"
		}
		got[name] = s
	}
	var out []Shift
	for _, name := range shifts {
		s, ok := got[name]
		if !ok && lenient && name == NightShift && len(out) > 0 {
			s = Shift{Name: name, Start: out[0].End, End: out[0].Start + 24*60}
			for _, d := range out {
				s.Start = max(s.Start, d.End)
				s.End = min(s.End, d.Start+24*60)
			}
			ok = s.End > s.Start
		}
		if !ok {
			return nil, "请写明" + name + "的时间"
		}
		out = append(out, s)
	}
	return out, ""
}

// dayGap says which hours of the day no shift covers ("" when every hour is covered): the desk is
// staffed day and night (R4.3).
func dayGap(shifts []Shift) string {
	const day = 24 * 60
	var on [day]bool
	for _, s := range shifts {
		for m := s.Start; m < s.End; m++ {
			on[m%day] = true
		}
	}
	start := slices.Index(on[:], true)
	if start < 0 {
		return "请写明班次时间：前台须24小时有人值班"
	}
	// The first minutes nobody covers after a covered one, from midnight on.
	for i := 1; i < day; i++ {
		if m := (start + i) % day; !on[m] {
			end := m
			for !on[end%day] {
				end++
			}
			return fmt.Sprintf("%s-%s 没有班次：前台须24小时有人值班，请调整班次时间", clockOf(m), clockOf(end))
		}
	}
	return ""
}

// ShiftsOf are the shifts as set, or the rules' own hours when the setting is missing or unreadable.
func ShiftsOf(env data.Env) []Shift {
	if env != nil {
		if s, msg := parseShifts(env.Setting(SettingShiftHours, DefaultShiftHours), true); msg == "" {
			return s
		}
	}
	s, _ := ParseShiftHours(DefaultShiftHours)
	return s
}

// ShiftNamed is one shift by name.
func ShiftNamed(env data.Env, name string) (Shift, bool) {
	for _, s := range ShiftsOf(env) {
		if s.Name == name {
			return s, true
		}
	}
	return Shift{}, false
}

// ParseItemList reads the setting of the items counted at each handover: names separated by 、，; or
// new lines, each at most 20 characters, none twice.
func ParseItemList(v string) ([]string, string) {
	v = strings.NewReplacer("，", "、", ",", "、", "；", "、", ";", "、", "\n", "、").Replace(v)
	var out []string
	for _, p := range strings.Split(v, "、") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if len([]rune(p)) > 20 {
			return nil, "“" + p + "”太长（20字以内）"
		}
		if slices.Contains(out, p) {
			return nil, "“" + p + "”写了两次"
		}
		out = append(out, p)
	}
	return out, ""
}

// HandoverItems are the items every handover counts.
func HandoverItems(env data.Env) []string {
	v := DefaultHandoverItems
	if env != nil {
		v = env.Setting(SettingHandoverItems, DefaultHandoverItems)
	}
	items, msg := ParseItemList(v)
	if msg != "" {
		items, _ = ParseItemList(DefaultHandoverItems)
	}
	return items
}

// The duty desk's text settings, in the order the settings screen shows them.
var (
	settingShiftHours = data.Setting{Key: SettingShiftHours, Label: "班次时间", Default: DefaultShiftHours, Hint: "各班次的上下班时间，合起来须覆盖全天24小时，如“" + DefaultShiftHours + "”",
		Check: func(v string) string { _, msg := ParseShiftHours(v); return msg }}
	settingHandoverItems = data.Setting{Key: SettingHandoverItems, Label: "交接班清点物品", Default: DefaultHandoverItems, Hint: "每次交接班都要清点的物品，用顿号分隔",
		Check: func(v string) string {
			items, msg := ParseItemList(v)
			if msg == "" && len(items) == 0 {
				msg = "至少写一样物品"
			}
			return msg
		}}
	settingSupportStaff = data.Setting{Key: SettingSupportStaff, Label: "后台支援人员", Default: "", Hint: "忙时支援前台的后台同事（可排班、可顶班，没有账户也可），用顿号分隔；没有就空着",
		Check: func(v string) string {
			names, msg := ParseItemList(v)
			if msg == "" {
				for _, n := range names {
					if len([]rune(n)) > 10 {
						return "“" + n + "”不像人名（10字以内）"
					}
				}
			}
			return msg
		}}
)

// DutyDay is who is on each shift of a day: the approved roster, changed by the approved leave and
// swaps (D8: a swap nobody approved changes nothing).
type DutyDay struct {
	// Rostered is false when the month has no approved roster: nobody can be checked against it.
	Rostered bool
	On       map[string][]string // shift name → people
	// Starts are when a person begins a shift, where it is not the shift's start: the colleague who
	// stands in begins with the hours they cover, and the person they cover for, when those hours are
	// the shift's first, at their end. Keyed shift + "|" + person.
	Starts map[string]time.Time
}

// Has says whether the person is on the shift that day.
func (d DutyDay) Has(shift, person string) bool { return slices.Contains(d.On[shift], person) }

// Start is when the person begins the shift that day: the shift's start, or a stand-in's hours.
func (d DutyDay) Start(sh Shift, day time.Time, person string) time.Time {
	if t, ok := d.Starts[sh.Name+"|"+person]; ok {
		return t
	}
	start, _ := sh.On(day)
	return start
}

// DutyOn works out the day's duty from the store.
func DutyOn(env data.Env, day time.Time) (DutyDay, error) {
	d := day.In(data.Shanghai)
	month := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, data.Shanghai)
	rosters, err := env.Records(KeyRoster, month, month.AddDate(0, 1, 0))
	if err != nil {
		return DutyDay{}, err
	}
	out := DutyDay{On: map[string][]string{}}
	var roster *data.Record
	for _, r := range rosters {
		if r.State == "approved" {
			roster = r // the latest approved one
		}
	}
	if roster == nil {
		return out, nil
	}
	out.Rostered = true
	date := d.Format(data.LayoutDate)
	for _, line := range roster.Tables["lines"] {
		if line["date"] != date {
			continue
		}
		for _, sh := range rosterShifts {
			if p := line[sh.Key]; p != "" {
				name := sh.Label[:strings.Index(sh.Label, " ")]
				out.On[name] = append(out.On[name], p)
			}
		}
	}
	day0 := data.DayStart(d)
	leaves, err := env.Records(keyLeave, day0, day0.AddDate(0, 0, 1))
	if err != nil {
		return DutyDay{}, err
	}
	for _, l := range leaves {
		if l.State != "approved" {
			continue
		}
		shift, person, cover := l.Values["shift"], l.Values["person"], l.Values["cover"]
		if l.Values["kind"] != LeaveKindStand {
			// Leave and swaps take the person off the shift; a stand-in covers hours of it, and both
			// are on it that day.
			out.On[shift] = remove(out.On[shift], person)
		}
		if cover != "" && !slices.Contains(out.On[shift], cover) {
			out.On[shift] = append(out.On[shift], cover)
		}
		if l.Values["kind"] == LeaveKindStand && cover != "" {
			sh, okS := ShiftNamed(env, shift)
			from, ok1 := parseClock(l.Values["stand_from"])
			to, ok2 := parseClock(l.Values["stand_to"])
			if !okS || !ok1 || !ok2 {
				continue
			}
			if out.Starts == nil {
				out.Starts = map[string]time.Time{}
			}
			out.Starts[shift+"|"+cover] = sh.At(day0, from)
			if start, _ := sh.On(d); !sh.At(day0, from).After(start) {
				out.Starts[shift+"|"+person] = sh.At(day0, to)
			}
		}
	}
	return out, nil
}

func remove(list []string, s string) []string {
	var out []string
	for _, v := range list {
		if v != s {
			out = append(out, v)
		}
	}
	return out
}

// HandoverMatters are the open matters of every register a shift hands over (the forms whose life says
// so), overdue first.
func HandoverMatters(env data.Env, now time.Time) ([]data.Matter, error) {
	all, err := env.Open(now)
	if err != nil {
		return nil, err
	}
	var out []data.Matter
	for _, m := range all {
		if f, ok := data.FormByKey(m.Kind); ok && f.Flow != nil && f.Flow.Handover {
			out = append(out, m)
		}
	}
	data.SortMatters(out)
	return out, nil
}

// Acknowledgements of a matter by the incoming person (D12).
const (
	AckOK       = "已确认"
	AckQuestion = "有疑问"
)

// computeHandover gathers the open matters into the handover as it is saved, and when the incoming
// shift takes over (from which it waits for their signature).
func computeHandover(env data.Env, in *data.Input, now time.Time) error {
	if at, ok := takeover(env, *in); ok {
		in.Values["takeover"] = at.Format(data.LayoutDateTime)
	} else {
		delete(in.Values, "takeover")
	}
	ms, err := HandoverMatters(env, now)
	if err != nil {
		return err
	}
	rows := make([]data.Row, 0, len(ms))
	for _, m := range ms {
		due := ""
		if !m.Deadline.IsZero() {
			due = data.ClockText(m.Deadline)
			if m.Overdue {
				due += "（已超时）"
			}
		}
		who := m.Who
		if first, _, more := strings.Cut(who, "或"); more {
			who = first + "等" // the roles that act, shortened to the first: 前台值班员等
		}
		rows = append(rows, data.Row{"m_no": m.Serial, "m_form": strings.Trim(m.Form, "《》"), "m_state": m.State, "m_who": who, "m_due": due})
	}
	if len(rows) == 0 {
		delete(in.Tables, "matters")
		return nil
	}
	if in.Tables == nil {
		in.Tables = map[string][]data.Row{}
	}
	in.Tables["matters"] = rows
	return nil
}

// handoverRules: the time within the shift handed over; both people on the roster for their shifts that
// day (or covering by an approved request); every item of the settings counted; a count that differs
// from the last handover's explained.
func handoverRules(env data.Env, in data.Input) data.FieldErrors {
	errs := data.FieldErrors{}
	t, okT := data.ParseLocal(data.TypeDateTime, in.Get("time"))
	from, okF := ShiftNamed(env, in.Get("from_shift"))
	var fromDay time.Time
	if okT && okF {
		var ok bool
		if fromDay, ok = handedOver(from, t); !ok {
			errs["time"] = fmt.Sprintf("%s为 %s，交接时间应在这个班内或下班后两小时内", from.Name, from.Hours())
			fromDay = data.DayStart(t)
		}
	}
	if okT {
		for _, c := range []struct{ field, shift string }{{"outgoing", in.Get("from_shift")}, {"incoming", in.Get("to_shift")}} {
			p := in.Get(c.field)
			if p == "" || c.shift == "" {
				continue
			}
			// The shift handed over is the one begun that day (the night, the evening before); the one
			// taken over is the next of its name that has not ended (the evening hands over to the
			// night, the night to the morning).
			day := fromDay
			if sh, ok := ShiftNamed(env, c.shift); ok && c.field == "incoming" {
				day = takenOver(sh, t)
			} else if !okF {
				day = data.DayStart(t)
			}
			duty, err := DutyOn(env, day)
			if err == nil && duty.Rostered && !duty.Has(c.shift, p) {
				errs[c.field] = fmt.Sprintf("%s %s没有排%s，也没有经批准的调班、顶岗（当班：%s）", p, day.Format("1月2日"), c.shift, orNobody(duty.On[c.shift]))
			}
		}
	}
	if okT && okF {
		// One handover of a shift: a refused one is settled by the supervisor, and the shift handed
		// over again. (A shift handed over late is still recorded, at its time.)
		if recs, err := env.Records(HandoverKey, fromDay, fromDay.AddDate(0, 0, 2)); err == nil {
			for _, r := range recs {
				rt, _ := data.ParseLocal(data.TypeDateTime, r.Values["time"])
				if d, ok := handedOver(from, rt); ok && d.Equal(fromDay) && r.State != "refused" && r.State != "settled" && r.Values["from_shift"] == from.Name {
					errs["from_shift"] = fmt.Sprintf("%s%s已交接（%s）", fromDay.Format("1月2日"), from.Name, r.Serial)
				}
			}
		}
	}
	prev := lastCounts(env, t, okT)
	counted := map[string]bool{}
	for i, row := range in.Tables["items"] {
		counted[row["item"]] = true
		q, ok := prev[row["item"]]
		if ok && q != row["qty"] && strings.TrimSpace(row["note"]) == "" {
			errs[data.RowKey("items", i, "note")] = fmt.Sprintf("第%d行 %s 上次交接为 %s，这次为 %s：请在“说明”写明原因", i+1, row["item"], q, row["qty"])
		}
	}
	var missing []string
	for _, it := range HandoverItems(env) {
		if !counted[it] {
			missing = append(missing, it)
		}
	}
	if len(missing) > 0 {
		errs["items"] = "请清点：" + strings.Join(missing, "、")
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// handedOver is the day the shift handed over at t began: t lies within it or up to two hours after
// its end (false when it lies in neither today's nor the night's before).
func handedOver(sh Shift, t time.Time) (time.Time, bool) {
	for _, d := range []time.Time{data.DayStart(t), data.DayStart(t).AddDate(0, 0, -1)} {
		if from, to := sh.On(d); !t.Before(from) && !t.After(to.Add(2*time.Hour)) {
			return d, true
		}
	}
	return time.Time{}, false
}

// takenOver is the day the shift taken over at t begins: the next of its name that has not ended.
func takenOver(sh Shift, t time.Time) time.Time {
	d := data.DayStart(t).AddDate(0, 0, -1)
	for i := 0; i < 2; i++ {
		if _, to := sh.On(d); to.After(t) {
			return d
		}
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// takeover is when the incoming shift takes the desk over: at the handover, or at the start of its
// shift when that is later (the evening handed over to the next morning's 早班).
func takeover(env data.Env, in data.Input) (time.Time, bool) {
	t, ok := data.ParseLocal(data.TypeDateTime, in.Get("time"))
	sh, okS := ShiftNamed(env, in.Get("to_shift"))
	if !ok || !okS {
		return time.Time{}, false
	}
	if start, _ := sh.On(takenOver(sh, t)); start.After(t) {
		return start, true
	}
	return t, true
}

func orNobody(people []string) string {
	if len(people) == 0 {
		return "无人"
	}
	return strings.Join(people, "、")
}

// lastCounts are the item counts of the last handover before t (signed or waiting, not voided).
func lastCounts(env data.Env, t time.Time, ok bool) map[string]string {
	if !ok {
		return nil
	}
	recs, err := env.Records(HandoverKey, t.AddDate(0, 0, -31), t)
	if err != nil || len(recs) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, row := range recs[len(recs)-1].Tables["items"] {
		out[row["item"]] = row["qty"]
	}
	return out
}

// prefillHandover fills a new handover as the desk would: the shift ending now, the one taking over and
// who is on it by the roster, and each item with the count of the last handover.
func prefillHandover(env data.Env, in *data.Input, now time.Time) {
	shifts := ShiftsOf(env)
	days := []time.Time{data.DayStart(now).AddDate(0, 0, -1), data.DayStart(now)}
	// The shift ending nearest to now, of those begun and not ended more than an hour ago (the
	// night begun yesterday too).
	var from *Shift
	var fromEnd time.Time
	for i, sh := range shifts {
		for _, d := range days {
			start, end := sh.On(d)
			if !now.Before(start) && !now.After(end.Add(time.Hour)) && (from == nil || absDur(end.Sub(now)) < absDur(fromEnd.Sub(now))) {
				from, fromEnd = &shifts[i], end
			}
		}
	}
	if from != nil {
		in.Values["from_shift"] = from.Name
		// The shift that ends next after it takes over: a later one of the day, or the next morning's.
		var to *Shift
		var toDay, toEnd time.Time
		for i, sh := range shifts {
			for _, d := range append(days, days[1].AddDate(0, 0, 1)) {
				if _, end := sh.On(d); sh.Name != from.Name && end.After(fromEnd) && (to == nil || end.Before(toEnd)) {
					to, toDay, toEnd = &shifts[i], d, end
				}
			}
		}
		in.Values["to_shift"] = to.Name
		if duty, err := DutyOn(env, toDay); err == nil {
			for _, p := range duty.On[to.Name] {
				if p != in.Values["outgoing"] {
					in.Values["incoming"] = p
					break
				}
			}
		}
	}
	last := lastCounts(env, now, true)
	rows := []data.Row{}
	for _, item := range HandoverItems(env) {
		rows = append(rows, data.Row{"item": item, "qty": last[item]})
	}
	if in.Tables == nil {
		in.Tables = map[string][]data.Row{}
	}
	in.Tables["items"] = rows
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// The handover's life: saved by the outgoing person, waiting for the incoming one.
var handoverFlow = &data.Flow{
	States: []data.State{
		{Key: "waiting", Name: "待接班签名", Open: true, Who: data.Who{Field: "incoming"}, Late: "接班人未到"},
		{Key: "done", Name: "已交接", Fixed: true},
		{Key: "refused", Name: "接班人拒签", Open: true, Who: data.Who{Perm: data.PermApproveLeave}},
		{Key: "settled", Name: "主管已处理", Fixed: true},
	},
	Initial:   "waiting",
	StepsOnly: true,
	// Handovers saved before they had a life were signed on paper.
	Derive: func(r *data.Record) string { return "done" },
	Steps: []data.Step{
		{Key: "sign", Name: "接班签名", From: []string{"waiting"}, To: "done", Perm: data.PermRecordWrite, By: "in_by", At: "in_at",
			Hint:   "接班人本人登录后签名：逐项确认遗留事项，有疑问的写明；检查前台环境。",
			Person: "incoming", FieldsFor: signFields, Check: checkSign, Apply: applySign},
		{Key: "refuse", Name: "拒绝签名", From: []string{"waiting"}, To: "refused", Perm: data.PermRecordWrite, By: "in_by", At: "in_at",
			Hint:   "拒签的原因会交客户服务主管处理。",
			Fields: []data.Field{{Key: "refuse_reason", Label: "拒签原因", Type: data.TypeMultiline, Required: true, Max: 500}},
			Person: "incoming"},
		{Key: "settle", Name: "主管处理", From: []string{"refused"}, To: "settled", Perm: data.PermApproveLeave, By: "settled_by", At: "settled_at",
			Fields: []data.Field{{Key: "settlement", Label: "处理意见", Type: data.TypeMultiline, Required: true, Max: 500}}},
	},
	// The incoming person signs within half an hour of taking over; a handover saved before the
	// take-over was recorded counts from its time.
	Clocks:     []data.Clock{{States: []string{"waiting"}, Label: "接班签名", From: "takeover", FromWas: "time", Length: 30 * time.Minute}},
	OpenFilter: "只看待接班",
}

// signFields are the sign step's fields: one acknowledgement per matter handed over.
func signFields(_ data.Env, r *data.Record, _ time.Time) []data.Field {
	fields := []data.Field{
		{Key: "log_read", Label: "已阅读上一班的值班记录", Type: data.TypeBool, Required: true},
		{Key: "desk_ok", Label: "前台环境符合标准", Type: data.TypeBool, Required: true, Default: "是"},
	}
	for i, m := range r.Tables["matters"] {
		fields = append(fields, data.Field{Key: ackKey(i), Label: fmt.Sprintf("%s %s %s", m["m_no"], m["m_form"], m["m_state"]),
			Type: data.TypeChoice, Required: true, Choices: []string{AckOK, AckQuestion}, Default: AckOK})
	}
	return append(fields, data.Field{Key: "questions", Label: "询问事项（有疑问的逐项写明）", Type: data.TypeMultiline, Max: 1000})
}

func ackKey(i int) string { return "ack_" + strconv.Itoa(i+1) }

func checkSign(c *data.StepContext) error {
	if c.Values.Get("log_read") != "是" {
		return data.FieldErrors{"log_read": "接班人须先阅读上一班的值班记录"}
	}
	asked := false
	for i := range c.Record.Tables["matters"] {
		asked = asked || c.Values.Get(ackKey(i)) == AckQuestion
	}
	if asked && strings.TrimSpace(c.Values.Get("questions")) == "" {
		return data.FieldErrors{"questions": "有疑问的事项请写明问了什么"}
	}
	return nil
}

// applySign writes each acknowledgement into the matter's line; the step's per-line keys are not kept.
func applySign(c *data.StepContext) {
	rows := c.Record.Tables["matters"]
	out := make([]data.Row, len(rows))
	for i, m := range rows {
		n := data.Row{}
		for k, v := range m {
			n[k] = v
		}
		n["m_ack"] = c.Values.Get(ackKey(i))
		out[i] = n
		delete(c.Record.Life, ackKey(i))
	}
	if len(out) > 0 {
		c.Record.Tables["matters"] = out
	}
}

// handoverAccess: the outgoing person saves the handover under their own login (D14: both sign by
// logging in).
var handoverAccess = &data.Access{
	Write: func(a data.Actor, in data.Input) error {
		if err := a.Need(data.PermRecordWrite); err != nil {
			return err
		}
		if p := data.Normalize(data.TypePerson, in.Get("outgoing")); p != "" && p != a.Name {
			return data.FieldErrors{"outgoing": fmt.Sprintf("交班人须本人登录后保存（现在登录的是 %s）", a.Name)}
		}
		return nil
	},
}

func handoverNotes(r *data.Record, _ time.Time) []string {
	var out []string
	if r.CreatedBy != "" && r.Values["outgoing"] == r.CreatedBy {
		out = append(out, fmt.Sprintf("交班人 %s 于 %s 登录签名", r.CreatedBy, r.CreatedAt.In(data.Shanghai).Format(data.LayoutDateTime)))
	}
	if by, at := r.Values["in_by"], r.Values["in_at"]; by != "" {
		word := "登录签名"
		if r.State == "refused" || r.State == "settled" {
			word = "拒绝签名：" + r.Values["refuse_reason"]
		}
		out = append(out, fmt.Sprintf("接班人 %s 于 %s %s", by, at, word))
	}
	if q := r.Values["questions"]; q != "" {
		out = append(out, "接班人询问："+q)
	}
	if by := r.Values["settled_by"]; by != "" {
		out = append(out, fmt.Sprintf("客户服务主管 %s 于 %s 处理：%s", by, r.Values["settled_at"], r.Values["settlement"]))
	}
	return out
}

// HandoverKey names the form where its own rules read the handovers before.
const HandoverKey = "handover"

// formHandover declares 《交接班记录》.
var formHandover = &data.Form{
	Key: HandoverKey, Name: "交接班记录", Prefix: "JJ", Group: data.GroupDuty, Rule: "D10–D15 D19",
	DateKey: "time", Retention: "3年", Flow: handoverFlow, Access: handoverAccess,
	Settings: []data.Setting{settingShiftHours, settingHandoverItems},
	Rules:    handoverRules, Compute: computeHandover, Prefill: prefillHandover,
	Print:       &data.Print{Notes: handoverNotes},
	Signatures:  []string{"交班人", "接班人"},
	ListColumns: []string{"time", "from_shift", "outgoing", "incoming", "in_at"},
	Fields: []data.Field{
		{Key: "time", Label: "交接时间", Type: data.TypeDateTime, Required: true, Default: data.DefaultNow, Past: true},
		{Key: "from_shift", Label: "交班班次", Type: data.TypeChoice, Required: true, Choices: shifts},
		{Key: "outgoing", Label: "交班人", Type: data.TypePerson, Required: true, Search: true, Default: data.DefaultUser, Samples: data.SampleClerks},
		{Key: "to_shift", Label: "接班班次", Type: data.TypeChoice, Required: true, Choices: shifts},
		{Key: "incoming", Label: "接班人", Type: data.TypePerson, Required: true, Search: true, Samples: data.SampleClerks},
		{Key: "matters", Label: "遗留待跟进事项（自动汇总各登记表）", Type: data.TypeTable, Auto: true, Columns: []data.Field{
			{Key: "m_no", Label: "编号", Type: data.TypeText},
			{Key: "m_form", Label: "登记表", Type: data.TypeText},
			{Key: "m_state", Label: "状态", Type: data.TypeText},
			{Key: "m_who", Label: "待办", Type: data.TypeText},
			{Key: "m_due", Label: "期限", Type: data.TypeText},
			{Key: "m_ack", Label: "接班确认", Type: data.TypeText},
		}},
		{Key: "pending", Label: "交班说明", Type: data.TypeMultiline, Max: 1000, Samples: []string{"2-1-802 漏水待工程部回复", "无"}},
		{Key: "items", Label: "物品交接", Type: data.TypeTable, Max: 30, Columns: []data.Field{
			{Key: "item", Label: "物品", Type: data.TypeText, Required: true, Max: 20, Samples: []string{"对讲机", "钥匙", "备用金", "代收快递", "雨伞"}},
			{Key: "qty", Label: "数量", Type: data.TypeInt, Required: true, Max: 100000},
			{Key: "note", Label: "说明", Type: data.TypeText, Max: 40, Samples: []string{"完好", "已核对"}},
		}},
		{Key: "note", Label: "备注", Type: data.TypeText, Max: 200},
		{Key: "takeover", Label: "接班时间", Type: data.TypeDateTime, Auto: true},
		{Key: "log_read", Label: "接班人已阅读上班值班记录", Type: data.TypeBool, Auto: true},
		{Key: "desk_ok", Label: "前台环境符合标准", Type: data.TypeBool, Auto: true},
		{Key: "questions", Label: "接班询问", Type: data.TypeMultiline, Auto: true},
		{Key: "in_by", Label: "接班签名人", Type: data.TypePerson, Auto: true},
		{Key: "in_at", Label: "接班签名时间", Type: data.TypeDateTime, Auto: true},
		{Key: "refuse_reason", Label: "拒签原因", Type: data.TypeMultiline, Auto: true},
		{Key: "settlement", Label: "主管处理意见", Type: data.TypeMultiline, Auto: true},
		{Key: "settled_by", Label: "处理人", Type: data.TypePerson, Auto: true},
		{Key: "settled_at", Label: "处理时间", Type: data.TypeDateTime, Auto: true},
	},
	Check: func(in data.Input) data.FieldErrors {
		if in.Get("outgoing") != "" && in.Get("outgoing") == in.Get("incoming") {
			return data.FieldErrors{"incoming": "接班人不能与交班人相同"}
		}
		return nil
	},
}
