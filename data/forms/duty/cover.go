package duty

import (
	"fmt"
	"time"

	"frontdesk/data"
)

// Who may cover a request's hours (D8, R7): the desk's people and the support staff, those free by the
// approved roster of the day first, as the approval's check will judge them.

// coverHours are the hours a request leaves to its cover: a stand-in's own, else the whole shift; false
// when its day or shift cannot be read.
func coverHours(env data.Env, v func(string) string) (day, from, to time.Time, ok bool) {
	day, okD := data.ParseLocal(data.TypeDate, v("date"))
	sh, okS := ShiftNamed(env, v("shift"))
	if !okD || !okS {
		return day, from, to, false
	}
	from, to = sh.On(day)
	if v("kind") == LeaveKindStand {
		if f, ok1 := parseClock(v("stand_from")); ok1 {
			if t, ok2 := parseClock(v("stand_to")); ok2 {
				from, to = sh.At(day, f), sh.At(day, t)
			}
		}
	}
	return day, from, to, true
}

// busyDuring is the shift a person is on that day, by the day's duty, that overlaps from–to.
func busyDuring(env data.Env, duty DutyDay, day time.Time, person string, from, to time.Time) (Shift, bool) {
	for _, other := range ShiftsOf(env) {
		if !duty.Has(other.Name, person) {
			continue
		}
		if s, e := other.On(day); s.Before(to) && from.Before(e) {
			return other, true
		}
	}
	return Shift{}, false
}

// CoverOptions are the colleagues who may cover a request (its person, day, shift and hours): those
// free for the hours covered by the approved roster of the month first (resting, or on a shift that
// does not overlap), then those on an overlapping shift or on leave that day, each with why.
func CoverOptions(env data.Env, in data.Input) []data.Option {
	if env == nil {
		return nil
	}
	person := data.Normalize(data.TypePerson, in.Get("person"))
	var people []string
	for _, p := range rosterPeople(env) {
		if p != person {
			people = append(people, p)
		}
	}
	day, from, to, ok := coverHours(env, in.Get)
	if !ok {
		return optionsNoted(people, "先填日期和班次，才能看出谁有空")
	}
	duty, err := DutyOn(env, day)
	if err != nil {
		return optionsNoted(people, "无法读取排班表，请稍后再试")
	}
	if !duty.Rostered {
		return optionsNoted(people, day.Format("2006年1月")+"没有批准的排班表，无法判断")
	}
	onLeave := map[string]string{}
	if leaves, err := env.Records(keyLeave, data.DayStart(day), data.DayStart(day).AddDate(0, 0, 1)); err == nil {
		for _, l := range leaves {
			if l.State == "approved" && l.Values["kind"] == LeaveKindLeave {
				onLeave[l.Values["person"]] = l.Serial
			}
		}
	}
	var free, busy []data.Option
	for _, p := range people {
		if serial, ok := onLeave[p]; ok {
			busy = append(busy, data.Option{Value: p, Note: "当天已请假（" + serial + "）"})
			continue
		}
		if sh, ok := busyDuring(env, duty, day, p, from, to); ok {
			busy = append(busy, data.Option{Value: p, Note: fmt.Sprintf("当天%s %s，时间重叠", sh.Name, sh.Hours())})
			continue
		}
		note := "当天休息"
		for _, sh := range ShiftsOf(env) {
			if duty.Has(sh.Name, p) {
				note = fmt.Sprintf("当天%s %s，时间不重叠", sh.Name, sh.Hours())
				break
			}
		}
		free = append(free, data.Option{Value: p, Note: note, Fits: true})
	}
	return append(free, busy...)
}

// optionsNoted are people offered with one note and no judgement.
func optionsNoted(people []string, note string) []data.Option {
	out := make([]data.Option, len(people))
	for i, p := range people {
		out[i] = data.Option{Value: p, Note: note, Fits: true}
	}
	return out
}

// coverField is the cover the approval of a request names.
var coverField = data.Field{Key: "cover", Label: "顶班人员", Type: data.TypePerson}

// coverFields are the approval's fields for this request: the cover, offered from those free for its
// hours.
func coverFields(_ data.Env, r *data.Record, _ time.Time) []data.Field {
	fl := coverField
	in := r.Input()
	fl.Options = func(env data.Env, _ data.Input) []data.Option { return CoverOptions(env, in) }
	return []data.Field{fl}
}

// rosterGrid is how the roster is printed for the wall and entered: a row a person, a column a day, a
// cell the shift by its first character, picked by its pinyin's first letter (zǎo, wǎn, yè; 中 takes
// m, for z is 早's).
var rosterGrid = &data.Grid{Month: "month", Table: "lines", Date: "date", Keys: []string{"z", "m", "w", "y"}, People: rosterPeople}

// rosterPeople are the rows a roster's grid offers: the desk's people, then the support staff.
func rosterPeople(env data.Env) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range append(env.Staff(), SupportStaff(env)...) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
