package demo

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"frontdesk/data"
	"frontdesk/data/forms/building"
	"frontdesk/data/forms/desk"
	dutyforms "frontdesk/data/forms/duty"
	"frontdesk/data/forms/outreach"
	"frontdesk/data/forms/service"
	"frontdesk/data/forms/supervision"
	"frontdesk/data/store"
)

// Households makes a registry of an estate: 8 buildings, 2 entrances, 11 floors, 2 flats a floor
// (352 units), about nine in ten occupied.
func (g *Gen) Households() []store.Household {
	var out []store.Household
	for b := 1; b <= 8; b++ {
		for e := 1; e <= 2; e++ {
			for fl := 1; fl <= 11; fl++ {
				for r := 1; r <= 2; r++ {
					h := store.Household{Unit: fmt.Sprintf("%d-%d-%d%02d", b, e, fl, r), Owner: g.Name(), OwnerPhone: g.Phone(), Occupied: g.R.Intn(10) > 0}
					if h.Occupied && g.R.Intn(3) == 0 {
						h.Residents = g.Name()
						h.ResidentPhones = g.Phone()
					}
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// DemoPassword is the password of every demo account. Demo data only: a real store's accounts are made
// by its administrator.
const DemoPassword = "demo123456"

// staff are the people of the demo desk; the first of each role has a demo account.
var staff = map[string]data.Actor{
	"陈佳":  {Login: "clerk", Name: "陈佳", Role: data.RoleClerk},
	"李晓梅": {Login: "lixiaomei", Name: "李晓梅", Role: data.RoleClerk},
	"王丽君": {Login: "wanglijun", Name: "王丽君", Role: data.RoleClerk},
	"周敏":  {Login: "zhoumin", Name: "周敏", Role: data.RoleClerk},
	"赵静":  {Login: "zhaojing", Name: "赵静", Role: data.RoleClerk},
	"孙磊":  {Login: "sunlei", Name: "孙磊", Role: data.RoleClerk},
	"王主管": {Login: "supervisor", Name: "王主管", Role: data.RoleSupervisor},
	"刘经理": {Login: "manager", Name: "刘经理", Role: data.RoleManager},
}

// Accounts creates the demo accounts admin, manager, supervisor, clerk and the other clerks (password DemoPassword) in a
// store that has none yet; a store with accounts is left as it is.
func Accounts(s *store.Store) error {
	if s.HasAccounts() {
		return nil
	}
	admin, err := s.SetupAdmin("admin", "管理员", DemoPassword)
	if err != nil {
		return fmt.Errorf("demo accounts: %w", err)
	}
	// Every person of the demo desk has an account (the roster's people are the accounts).
	var logins []string
	for _, a := range staff {
		logins = append(logins, a.Login)
	}
	sort.Strings(logins)
	for _, login := range logins {
		for _, a := range staff {
			if a.Login == login {
				if _, err := s.CreateAccount(admin, a.Login, a.Name, a.Role, DemoPassword); err != nil {
					return fmt.Errorf("demo account %s: %w", login, err)
				}
				// The demo's people log in with the published demo password, not asked for their own.
				if err := s.SetMustChangePassword(admin, a.Login, false); err != nil {
					return fmt.Errorf("demo account %s: %w", login, err)
				}
			}
		}
	}
	return nil
}

// perDay is how many records of each kind a day at a busy front desk brings, on average (a value
// below 1 is a chance a day); monthly and annual forms are made on their own days below.
var perDay = map[string]float64{
	"visitor": 28, "duty_log": 6, "release": 3, "repair": 3, "message": 2,
	"complaint": 0.8, "workers": 1.5, "construction": 0.4, "hotwork": 0.2, "reno_ext": 0.15,
	"cleaning": 0.8, "special": 0.15, "hh_visit": 0.7, "leave": 0.25,
}

// Busy is the scale of a busy estate's desk (about 300 visitors a day), for ten-year stores; Fill's
// default scale (1) is a quieter month that reads well in the window.
const Busy = 10.7

// Fill writes a registry and `days` days of records ending on end into the store, one transaction a day.
// The same seed and end give the same data. progress, if not nil, is told each finished day.
func Fill(s *store.Store, seed int64, end time.Time, days int, progress func(day, days int)) (int, error) {
	return FillScaled(s, seed, end, days, 1, progress)
}

// FillScaled is Fill with every daily count multiplied by scale (Busy for a busy estate): visitors in
// full, the other forms by the square root, as a desk's paperwork grows slower than its visitors.
func FillScaled(s *store.Store, seed int64, end time.Time, days int, scale float64, progress func(day, days int)) (int, error) {
	g := New(seed, nil)
	g.Env = s // the examples that depend on the store (a leave for a shift on the roster) read it
	hs := g.Households()
	if err := Accounts(s); err != nil {
		return 0, err
	}
	if _, err := s.ImportHouseholds(data.System, hs); err != nil {
		return 0, fmt.Errorf("demo households: %w", err)
	}
	g.Units = hs
	// Returning visitors: a pool drawn from again and again, so search-and-pick has something to find.
	pool := make([]data.Input, 150)
	vf, _ := data.FormByKey("visitor")
	for i := range pool {
		pool[i] = g.Example(vf, end, "", 0.5)
	}
	end = end.In(data.Shanghai)
	start := time.Date(end.Year(), end.Month(), end.Day(), 0, 0, 0, 0, data.Shanghai).AddDate(0, 0, -days+1)
	// The fee schedules in force from before the first day, approved by the manager; the year's
	// culture plan, made last December; the last questionnaire round, when none falls in the days.
	before := append(feeSchedules(start.AddDate(0, 0, -30)), culturePlan(g, start, end))
	if round, ok := lastSurvey(start, end); ok {
		before = append(before, surveyRound(g, round.Add(10*time.Hour), end))
	}
	if err := s.CreateBatch(before); err != nil {
		return 0, fmt.Errorf("demo records before the first day: %w", err)
	}
	fl := &filler{g: g, s: s, start: start, end: end, scale: scale, pool: pool,
		counts: map[string]int{"对讲机": 2, "钥匙": 12, "备用金": 500, "代收快递": 3}}
	total := 2
	for d := 0; d < days; d++ {
		day := start.AddDate(0, 0, d)
		drafts := fl.day(day, d, d == days-1)
		if err := s.CreateBatch(drafts); err != nil {
			return total, fmt.Errorf("demo day %s: %w", day.Format(data.LayoutDate), err)
		}
		total += len(drafts)
		if progress != nil {
			progress(d+1, days)
		}
	}
	return total, nil
}

// demoClerks take the desk's shifts in turn: four shifts a day, day and night, and two resting.
var demoClerks = []string{"李晓梅", "陈佳", "王丽君", "周敏", "赵静", "孙磊"}

// rosterKeys are the roster's shift columns, in order: early, middle, late, night.
var rosterKeys = []string{"early", "middle", "late", "night"}

// rotation is who works the k-th shift on a day by the demo's rosters: each moves on a shift a day
// (early, middle, late, night) and rests two days after the night.
func rotation(day time.Time, k int) string {
	d := day.In(data.Shanghai)
	days := int(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
	n := len(demoClerks)
	return demoClerks[((days-k)%n+n)%n]
}

// filler makes the demo's records day by day.
type filler struct {
	g          *Gen
	s          *store.Store
	start, end time.Time
	scale      float64
	pool       []data.Input // returning visitors
	counts     map[string]int
	drafts     []store.Draft // the day's
}

// day is one day's records: each form's usual number at random times of the desk's hours, the
// handovers, readings and arrivals, the month's and the year's records on their days.
func (fl *filler) day(day time.Time, d int, last bool) []store.Draft {
	g, end := fl.g, fl.end
	fl.drafts = nil
	for _, f := range data.Forms() {
		n := perDay[f.Key]
		if f.Key == "visitor" {
			n *= fl.scale
		} else {
			n *= math.Sqrt(fl.scale)
		}
		count := int(n)
		if g.R.Float64() < n-float64(count) {
			count++
		}
		for i := 0; i < count; i++ {
			// Office hours mostly, a few in the evening; the duty log day and night (R4.3), written by
			// the one on duty.
			at := day.Add(7*time.Hour + 30*time.Minute + time.Duration(g.R.Intn(12*60+30))*time.Minute)
			user := demoClerks[(d+at.Hour()/8)%len(demoClerks)]
			if f.Key == "duty_log" {
				if g.R.Intn(5) == 0 {
					at = day.Add(20*time.Hour + time.Duration(g.R.Intn(11*60+30))*time.Minute)
				}
				user = dutyClerk(fl.s, at)
			}
			if at.After(end) {
				continue // later today: nothing is recorded ahead of the clock
			}
			fl.add(f.Key, at, user)
		}
	}
	fl.drafts = append(fl.drafts, handovers(g, fl.s, day, end, fl.counts)...)
	fl.drafts = append(fl.drafts, logReadings(g, day, end)...)
	if day.Day() == 3 && fl.start.Before(day.AddDate(0, 0, -2)) {
		// Last month's spot check, where the demo holds any of last month.
		fl.drafts = append(fl.drafts, monthSample(g, day, end)...)
	}
	fl.drafts = append(fl.drafts, arrivals(g, fl.s, day, end)...)
	switch {
	case day.Day() == 1:
		fl.drafts = append(fl.drafts, trainingMonth(g, day.Add(9*time.Hour), end))
		fl.add("complaint_month", day.Add(10*time.Hour), "王主管")
		fl.add("served", day.Add(10*time.Hour+30*time.Minute), demoClerks[d%len(demoClerks)])
	case day.Day() == 20:
		fl.add("roster", day.Add(15*time.Hour), "王主管")
	case surveyDay(day):
		fl.drafts = append(fl.drafts, surveyRound(g, day.Add(10*time.Hour), end))
	case day.Month() == time.December && day.Day() == 5:
		// Next year's culture plan, made in December (R8.1), for the owners' committee to confirm.
		fl.add("culture", day.Add(9*time.Hour), "王主管")
	}
	if last {
		// Forms kept rarely still appear once in any demo month: a fee schedule the supervisor
		// drafted, for the manager to approve.
		fl.add("fees", day.Add(8*time.Hour), "王主管")
	}
	fl.drafts = append(fl.drafts, handoverCheck(g, day, end)...)
	fl.drafts = append(fl.drafts, fl.spotChecks(day)...)
	followUps(g, fl.drafts, end)
	sortDrafts(fl.drafts)
	return fl.drafts
}

// add makes one record of the form at the time, by the user, with the steps of its life that have
// happened by the end of the demo.
func (fl *filler) add(kind string, at time.Time, user string) {
	g, end := fl.g, fl.end
	f, _ := data.FormByKey(kind)
	in := g.Example(f, at, user, 0.7)
	if kind == "visitor" && g.R.Intn(3) == 0 {
		// a returning visitor: same person, new visit
		p := fl.pool[g.R.Intn(len(fl.pool))]
		for _, k := range []string{"visitor_name", "doc_type", "doc_no", "phone", "plate"} {
			if v, ok := p.Values[k]; ok {
				in.Values[k] = v
			} else {
				delete(in.Values, k)
			}
		}
	}
	if kind == "visitor" && in.Values["exit_time"] == "" && at.Before(end.Add(-4*time.Hour)) {
		// Visitors leave: only those of the last hours are still on site, not one in three of
		// the month (an open matter on the desk's due list).
		in.Values["exit_time"] = at.Add(time.Duration(20+g.R.Intn(150)) * time.Minute).Format(data.LayoutDateTime)
	}
	d := store.Draft{Kind: kind, Input: in, At: at, By: staff[user]}
	if life, ok := lives[kind]; ok {
		for _, st := range life(g, in, at, staff[user], end) {
			if st.At.After(end) {
				break
			}
			d.Steps = append(d.Steps, st)
		}
	}
	if kind == "visitor" {
		// A returning visitor picked from the list takes a few seconds, a new one typed in full
		// longer; now and then one takes over a minute (a queue, a question).
		d.Took = time.Duration(8+g.R.Intn(40)) * time.Second
		if g.R.Intn(25) == 0 {
			d.Took += 45 * time.Second
		}
	}
	fl.drafts = append(fl.drafts, d)
}

func stepFields(kv ...string) data.Input {
	in := data.NewInput()
	for i := 0; i+1 < len(kv); i += 2 {
		in.Values[kv[i]] = kv[i+1]
	}
	return in
}

// handoverCheck is the supervisor's check at the morning handover (D19), most days.
func handoverCheck(g *Gen, day, end time.Time) []store.Draft {
	at := day.Add(8*time.Hour + time.Duration(5+g.R.Intn(20))*time.Minute)
	if at.After(end) || g.R.Intn(10) == 0 {
		return nil
	}
	in := stepFields("time", at.Format(data.LayoutDateTime), "kind", "交接班检查", "inspector", "王主管",
		"checked_staff", sampleDeskClerk(g), "item", "交接班情况", "result", supervision.CheckPass)
	return []store.Draft{{Kind: "quality", Input: in, At: at, By: staff["王主管"]}}
}

// spotChecks are the day's quality checks besides the handover's: the supervisor's, three a week
// (D18); the manager's, twice a month, a nonconformity with its cause analysed (D17); now and then a
// clerk's check of their own work.
func (fl *filler) spotChecks(day time.Time) []store.Draft {
	g, end := fl.g, fl.end
	var out []store.Draft
	check := func(kind string, by data.Actor, checked string, at time.Time) {
		f, _ := data.FormByKey("quality")
		in := g.Example(f, at, by.Name, 0.7)
		in.Values["time"], in.Values["kind"], in.Values["inspector"], in.Values["checked_staff"] = at.Format(data.LayoutDateTime), kind, by.Name, checked
		if kind == supervision.ManagerCheck && in.Values["result"] == supervision.CheckFail {
			in.Values["cause"] = g.pick([]string{"交班前未核对当班记录", "忙时多项事务并行，漏记后未补", "新员工对流程不熟悉，带班未到位"})
			if in.Values["correction"] == "" {
				in.Values["correction"] = "交班前逐条核对值班记录，主管每日交接班时抽查"
			}
		}
		if !at.After(end) {
			out = append(out, store.Draft{Kind: "quality", Input: in, At: at, By: by})
		}
	}
	switch day.Weekday() {
	case time.Monday, time.Wednesday, time.Friday:
		check("主管抽查", staff["王主管"], sampleDeskClerk(g), day.Add(10*time.Hour+time.Duration(g.R.Intn(360))*time.Minute))
	}
	if day.Day() == 9 || day.Day() == 23 {
		check(supervision.ManagerCheck, staff["刘经理"], sampleDeskClerk(g), day.Add(14*time.Hour+time.Duration(g.R.Intn(180))*time.Minute))
	}
	if g.R.Intn(10) == 0 {
		c := sampleDeskClerk(g)
		check(supervision.SelfCheck, staff[c], c, day.Add(16*time.Hour+time.Duration(g.R.Intn(120))*time.Minute))
	}
	return out
}

// followUps records the supervisor's follow-up of each nonconformity found that day, a day or two
// later (now and then after the three working days).
func followUps(g *Gen, drafts []store.Draft, end time.Time) {
	for i := range drafts {
		d := &drafts[i]
		if d.Kind != "quality" || d.Input.Values["result"] != supervision.CheckFail || d.Input.Values["kind"] == supervision.SelfCheck {
			continue
		}
		at := d.At.AddDate(0, 0, 1+g.R.Intn(2))
		if g.R.Intn(8) == 0 {
			at = at.AddDate(0, 0, 5)
		}
		if at.After(end) {
			continue
		}
		d.Steps = append(d.Steps, store.DraftStep{Key: "follow", At: at, By: staff["王主管"],
			Input: stepFields("follow_up", g.pick([]string{"已补记，复查合格。", "已整改，交班时复查合格。", "已清理工作台，复查合格。"}))})
	}
}

// trainingMonth is the month's training plan, made on the 1st, and each session of it recorded when
// held: the desk's four clerks attend; now and then one has to sit the test again.
func trainingMonth(g *Gen, at, end time.Time) store.Draft {
	f, _ := data.FormByKey("training")
	d := store.Draft{Kind: "training", Input: g.Example(f, at, "王主管", 1), At: at, By: staff["王主管"]}
	for _, row := range d.Input.Tables["sessions"] {
		day, ok := data.ParseLocal(data.TypeDate, row["date"])
		held := day.Add(16 * time.Hour)
		if !ok || held.After(end) {
			continue
		}
		failed := ""
		if g.R.Intn(6) == 0 {
			failed = sampleDeskClerk(g)
		}
		d.Steps = append(d.Steps, store.DraftStep{Key: "session", At: held, By: staff["王主管"],
			Input: stepFields("day", row["date"], "topic", row["topic"], "attended", strings.Join(demoClerks, "、"), "failed", failed)})
	}
	return d
}

// surveyRound is a half-year's questionnaire round: handed out to every occupied unit, the returns
// recorded in four batches over the 15 working days (now and then fewer than half come back), and
// counted question by question after the collection day.
func surveyRound(g *Gen, at, end time.Time) store.Draft {
	f, _ := data.FormByKey("survey")
	d := store.Draft{Kind: "survey", Input: g.Example(f, at, "王主管", 1), At: at, By: staff["王主管"]}
	var occupied []string
	if g.Env != nil {
		if units, err := g.Env.Units(); err == nil {
			for _, u := range units {
				if u.Occupied {
					occupied = append(occupied, u.Unit)
				}
			}
		}
	}
	share := 55 + g.R.Intn(30)
	if g.R.Intn(4) == 0 {
		share = 35 + g.R.Intn(12) // a round that falls short of half
	}
	g.R.Shuffle(len(occupied), func(i, j int) { occupied[i], occupied[j] = occupied[j], occupied[i] })
	back := occupied[:len(occupied)*share/100]
	collect, _ := outreach.SurveyCollectDate(at)
	for i := 0; i < 4; i++ {
		part := back[i*len(back)/4 : (i+1)*len(back)/4]
		when := at.Add(time.Duration(i+1) * (collect.Sub(at) / 5)).Add(time.Duration(g.R.Intn(120)) * time.Minute)
		if len(part) == 0 || when.After(end) {
			break
		}
		d.Steps = append(d.Steps, store.DraftStep{Key: "return", At: when, By: staff[sampleDeskClerk(g)], Input: stepFields("units", strings.Join(part, " "))})
	}
	tally := collect.Add(33 * time.Hour)
	if len(d.Steps) == 4 && !tally.After(end) {
		in := stepFields("findings", g.pick([]string{"停车位紧张；绿化养护需加强。", "希望增加儿童游乐设施；夜间巡逻可再加强。", "对保洁和维修服务总体满意。"}))
		n := len(back)
		for _, q := range []string{"物业服务总体评价", "保洁服务", "秩序维护", "维修服务", "客服前台接待"} {
			good := n * (60 + g.R.Intn(30)) / 100
			fair := (n - good) * (50 + g.R.Intn(40)) / 100
			in.Tables["questions"] = append(in.Tables["questions"], data.Row{"question": q, "satisfied": strconv.Itoa(good), "fair": strconv.Itoa(fair), "unsatisfied": strconv.Itoa(n - good - fair)})
		}
		d.Steps = append(d.Steps, store.DraftStep{Key: "tally", At: tally, By: staff["王主管"], Input: in})
	}
	return d
}

// surveyDay says whether a questionnaire round is handed out that day: before June and before
// December (R5.3).
func surveyDay(day time.Time) bool {
	return day.Day() == 5 && (day.Month() == time.May || day.Month() == time.November)
}

// lastSurvey is the day of the last round before start, when the days from start to end hold none.
func lastSurvey(start, end time.Time) (time.Time, bool) {
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		if surveyDay(d) {
			return time.Time{}, false
		}
	}
	for d := data.DayStart(start).AddDate(0, 0, -1); ; d = d.AddDate(0, 0, -1) {
		if surveyDay(d) {
			return d, true
		}
	}
}

// demoActivities are the culture plan's activities: month, name, budget.
var demoActivities = [][3]string{{"2", "新春游园会", "3000.00"}, {"5", "亲子运动会", "2000.00"}, {"6", "端午包粽子", "1500.00"},
	{"9", "中秋晚会", "5000.00"}, {"10", "重阳敬老", "1200.00"}, {"12", "迎新年联欢会", "3000.00"}}

// culturePlan is the plan of the year under way at start, made by the supervisor the December before
// (R8.1), its costs confirmed by the owners' committee (R8.3), each activity held evaluated a few days
// after (R8.4), but the latest, still to evaluate.
func culturePlan(g *Gen, start, end time.Time) store.Draft {
	year := start.In(data.Shanghai).Year()
	made := time.Date(year-1, time.December, 15, 10, 0, 0, 0, data.Shanghai)
	in := stepFields("year", strconv.Itoa(year), "plan_date", made.Format(data.LayoutDate), "author", "王主管")
	total := 0.0
	for _, a := range demoActivities {
		in.Tables["activities"] = append(in.Tables["activities"], data.Row{"month": a[0], "name": a[1], "budget": a[2]})
		v, _ := strconv.ParseFloat(a[2], 64)
		total += v
	}
	in.Values["budget"] = fmt.Sprintf("%.2f", total)
	d := store.Draft{Kind: "culture", Input: in, At: made, By: staff["王主管"],
		Steps: []store.DraftStep{{Key: "confirm", At: made.AddDate(0, 0, 13), By: staff["刘经理"], Input: stepFields("committee_by", "业委会主任")}}}
	var evals []store.DraftStep
	for _, a := range demoActivities {
		m, _ := strconv.Atoi(a[0])
		held := time.Date(year, time.Month(m), 15, 19, 0, 0, 0, data.Shanghai)
		at := held.AddDate(0, 0, 2).Add(-4 * time.Hour)
		if at.After(end) {
			break
		}
		evals = append(evals, store.DraftStep{Key: "evaluate", At: at, By: staff["王主管"], Input: stepFields("activity", a[1],
			"held_on", held.Format(data.LayoutDate), "people", strconv.Itoa(60+g.R.Intn(200)), "effect", g.pick([]string{"参与踊跃，业户反映良好", "参加人数少于预期，宣传需提前", "老人参与多，建议增加亲子项目"}))})
	}
	if len(evals) > 0 {
		evals = evals[:len(evals)-1] // the latest held is still to evaluate
	}
	d.Steps = append(d.Steps, evals...)
	return d
}

// sampleDeskClerk is one of the desk's clerks, at random.
func sampleDeskClerk(g *Gen) string {
	return g.pick(demoClerks)
}

// demoFees are the items of the demo's two fee schedules: repairs and cleaning.
var demoFees = map[string][][3]string{
	"有偿维修服务收费标准": {{"更换水龙头", "次", "30.00"}, {"疏通下水道", "次", "50.00"}, {"更换灯具", "个", "20.00"}, {"更换门锁", "次", "40.00"},
		{"更换插座", "个", "15.00"}, {"维修马桶", "次", "35.00"}},
	"家政保洁服务收费标准": {{"日常保洁", "小时", "40.00"}, {"开荒保洁", "平方米", "6.00"}, {"玻璃清洗", "平方米", "5.00"}, {"油烟机清洗", "台", "120.00"},
		{"地毯清洗", "平方米", "12.00"}},
}

// feeSchedules are the demo's schedules, effective from the day given and approved by the manager.
func feeSchedules(effective time.Time) []store.Draft {
	var out []store.Draft
	for _, title := range []string{"有偿维修服务收费标准", "家政保洁服务收费标准"} {
		in := stepFields("title", title, "effective", effective.Format(data.LayoutDate))
		for _, it := range demoFees[title] {
			in.Tables["items"] = append(in.Tables["items"], data.Row{"item": it[0], "unit": it[1], "price": it[2]})
		}
		at := effective.Add(-48 * time.Hour).Add(9 * time.Hour)
		out = append(out, store.Draft{Kind: "fees", Input: in, At: at, By: staff["王主管"],
			Steps: []store.DraftStep{{Key: "approve", At: at.Add(3 * time.Hour), By: staff["刘经理"], Input: data.NewInput()}}})
	}
	return out
}

// workingDaysLater is a moment h working hours' worth later: the demo's revisits come within the 2
// working days of R5.2, mostly, so across a holiday they wait for it to end.
func workingDaysLater(t time.Time, days int, hour int) time.Time {
	d := t.In(data.Shanghai)
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, data.Shanghai)
	for days > 0 {
		day = day.AddDate(0, 0, 1)
		if data.Workday(day) {
			days--
		}
	}
	return day.Add(time.Duration(hour) * time.Hour)
}

// serviceLife is the demo's life of a service order: dispatched, done (paid from the schedule now and
// then), revisited within 2 working days mostly, a few late, one in thirty unsatisfied and redone.
func serviceLife(items, workers []string, appt string) func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
	return func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
		visit, _ := data.ParseLocal(data.TypeDateTime, in.Values[appt])
		worker := g.pick(workers)
		complete := func(at time.Time) store.DraftStep {
			st := store.DraftStep{Key: "complete", At: at, By: by, Input: stepFields("done_time", at.Format(data.LayoutDateTime))}
			if g.R.Intn(5) < 2 {
				st.Input.Tables["charges"] = []data.Row{{"item": g.pick(items), "qty": fmt.Sprint(1 + g.R.Intn(3))}}
			}
			return st
		}
		revisit := func(done time.Time, sat string) store.DraftStep {
			when := workingDaysLater(done, 1+g.R.Intn(2), 9+g.R.Intn(8))
			if g.R.Intn(15) == 0 {
				when = workingDaysLater(done, 3+g.R.Intn(3), 10) // a revisit that came late
			}
			return store.DraftStep{Key: "revisit", At: when, By: by,
				Input: stepFields("revisit_time", when.Format(data.LayoutDateTime), "satisfaction", sat, "revisit", map[string]string{"满意": "业主满意", "基本满意": "基本满意，希望更快", "不满意": "问题未解决"}[sat])}
		}
		done := visit.Add(time.Duration(40+g.R.Intn(150)) * time.Minute)
		out := []store.DraftStep{
			{Key: "dispatch", At: at.Add(time.Duration(5+g.R.Intn(50)) * time.Minute), By: by, Input: stepFields("worker", worker)},
			complete(done),
		}
		if g.R.Intn(30) == 0 {
			first := revisit(done, service.Unsatisfied)
			again := first.At.Add(time.Duration(20+g.R.Intn(20)) * time.Hour)
			return append(out, first, complete(again), revisit(again, "满意"))
		}
		return append(out, revisit(done, g.pick([]string{"满意", "满意", "满意", "基本满意"})))
	}
}

func feeItems(title string) []string {
	var out []string
	for _, it := range demoFees[title] {
		out = append(out, it[0])
	}
	return out
}

// lives give the demo's records the lives they have at a desk: most slips come back from the gate and
// are filed, some are never used; permits are approved (by the manager where the rules say), worked,
// and closed after the fire watch, a few turned down; complaints are answered (most within 2 hours),
// followed up and revisited; orders are dispatched, done and revisited; messages delivered.
var lives = map[string]func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep{
	"repair":   serviceLife(feeItems("有偿维修服务收费标准"), []string{"张师傅", "李师傅", "王师傅"}, "appointment"),
	"cleaning": serviceLife(feeItems("家政保洁服务收费标准"), []string{"保洁员赵阿姨", "保洁员钱阿姨"}, "service_time"),
	"complaint": func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
		recv, _ := data.ParseLocal(data.TypeDateTime, in.Values["received"])
		reply := recv.Add(time.Duration(10+g.R.Intn(100)) * time.Minute)
		if g.R.Intn(12) == 0 {
			reply = recv.Add(time.Duration(150+g.R.Intn(200)) * time.Minute) // answered late
		}
		valid := in.Values["validity"] == service.ComplaintValid
		way := g.pick([]string{"电话", "电话", "当面", "微信"})
		if !valid {
			return []store.DraftStep{{Key: "reply", At: reply, By: by, Input: stepFields("reply_time", reply.Format(data.LayoutDateTime), "reply_way", way,
				"reply_content", "经核实不属于物业服务范围，已向业户解释并告知相关部门联系方式。")}}
		}
		var out []store.DraftStep
		var done time.Time
		if g.R.Intn(3) == 0 {
			out = append(out, store.DraftStep{Key: "reply", At: reply, By: by, Input: stepFields("reply_time", reply.Format(data.LayoutDateTime), "reply_way", way,
				"reply_content", "已当场协调处理完毕。", "settled", "是")})
			done = reply
		} else {
			next := reply.Add(time.Duration(20+g.R.Intn(28)) * time.Hour)
			out = append(out, store.DraftStep{Key: "reply", At: reply, By: by, Input: stepFields("reply_time", reply.Format(data.LayoutDateTime), "reply_way", way,
				"reply_content", "已通知相关部门处理，将按约定时间回复。", "next_reply", next.Format(data.LayoutDateTime))})
			if g.R.Intn(15) == 0 {
				esc := reply.Add(30 * time.Minute)
				out = append(out,
					store.DraftStep{Key: "escalate", At: esc, By: by, Input: stepFields("escalated_to", data.RoleSupervisor.Chinese(), "escalate_reason", "需协调施工单位，超出前台权限")},
					store.DraftStep{Key: "accept", At: esc.Add(40 * time.Minute), By: staff["王主管"], Input: stepFields("accept_note", "由主管协调施工单位，明日回复业户")})
			}
			if g.R.Intn(3) == 0 {
				later := next.Add(-time.Duration(1+g.R.Intn(3)) * time.Hour)
				next = later.Add(24 * time.Hour)
				out = append(out, store.DraftStep{Key: "follow", At: later, By: by, Input: stepFields("follow_note", "工程部已到场查看，需订购配件。", "next_reply", next.Format(data.LayoutDateTime))})
			}
			done = next.Add(-time.Duration(g.R.Intn(4)) * time.Hour)
			out = append(out, store.DraftStep{Key: "finish", At: done, By: by, Input: stepFields("result", "已处理完毕，业户确认。")})
		}
		when := workingDaysLater(done, 1+g.R.Intn(2), 9+g.R.Intn(8))
		sat := g.pick([]string{"满意", "满意", "满意", "基本满意"})
		if g.R.Intn(25) == 0 {
			sat = service.Unsatisfied
		}
		out = append(out, store.DraftStep{Key: "revisit", At: when, By: by, Input: stepFields("revisit_time", when.Format(data.LayoutDateTime), "satisfaction", sat, "revisit", "业户意见已记录")})
		if sat == service.Unsatisfied {
			re := when.Add(2 * time.Hour)
			next := re.Add(24 * time.Hour)
			out = append(out,
				store.DraftStep{Key: "reopen", At: re, By: staff["王主管"], Input: stepFields("reopen_reason", "安排工程部再次上门", "next_reply", next.Format(data.LayoutDateTime))},
				store.DraftStep{Key: "finish", At: next, By: by, Input: stepFields("result", "再次上门处理完毕。")})
			again := workingDaysLater(next, 1, 10)
			out = append(out, store.DraftStep{Key: "revisit", At: again, By: by, Input: stepFields("revisit_time", again.Format(data.LayoutDateTime), "satisfaction", "基本满意", "revisit", "问题已解决")})
		}
		return out
	},
	"message": func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
		when := at.Add(time.Duration(10+g.R.Intn(300)) * time.Minute)
		if g.R.Intn(10) == 0 {
			when = at.Add(time.Duration(20+g.R.Intn(10)) * time.Hour) // delivered only the next day
		}
		return []store.DraftStep{{Key: "deliver", At: when, By: by, Input: stepFields("delivered_time", when.Format(data.LayoutDateTime),
			"delivered_way", g.pick([]string{"电话", "当面", "短信/微信", "张贴/投递"}))}}
	},
	"special": func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
		when := at.Add(time.Duration(1+g.R.Intn(20)) * time.Hour)
		return []store.DraftStep{{Key: "ack", At: when, By: staff["刘经理"], Input: stepFields("instruction", "同意处理措施，请跟进并报告结果。")}}
	},
	"duty_log": func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
		if in.Values["status"] == "已处理" {
			return nil
		}
		// Followed up by the next shift, closed within a day or two; one in ten asked of the supervisor.
		var out []store.DraftStep
		t := at.Add(time.Duration(2+g.R.Intn(6)) * time.Hour)
		if g.R.Intn(10) == 0 {
			out = append(out,
				store.DraftStep{Key: "escalate", At: at.Add(20 * time.Minute), By: by, Input: stepFields("escalated_to", data.RoleSupervisor.Chinese(), "question", "需协调工程部加急处理")},
				store.DraftStep{Key: "answer", At: at.Add(80 * time.Minute), By: staff["王主管"], Input: stepFields("answer", "同意加急，已通知工程部")})
		}
		out = append(out, store.DraftStep{Key: "follow", At: t, By: by, Input: stepFields("follow_note", "已电话跟进，工程部安排明日处理。")})
		return append(out, store.DraftStep{Key: "close", At: t.Add(time.Duration(6+g.R.Intn(30)) * time.Hour), By: by,
			Input: stepFields("result", "已处理完毕，业户确认。")})
	},
	"leave": func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
		when := at.Add(time.Duration(1+g.R.Intn(6)) * time.Hour)
		if g.R.Intn(8) == 0 {
			return []store.DraftStep{{Key: "refuse", At: when, By: staff["王主管"], Input: stepFields("refused_reason", "当天人手不足，请改期")}}
		}
		// The cover is a colleague off duty that day (every shift overlaps the others): the partner of
		// a swap or stand-in if free, else anyone free; nobody free, the request is refused.
		date := in.Values["date"]
		busy := map[string]bool{in.Values["person"]: true}
		if day, ok := data.ParseLocal(data.TypeDate, date); ok && g.Env != nil {
			if duty, err := dutyforms.DutyOn(g.Env, day); err == nil {
				for _, people := range duty.On {
					for _, p := range people {
						busy[p] = true
					}
				}
			}
		}
		if g.covering == nil {
			g.covering = map[string]bool{}
		}
		free := func(p string) bool { return p != "" && !busy[p] && !g.covering[date+"|"+p] }
		cover := in.Values["partner"]
		if !free(cover) {
			cover = ""
			if in.Values["partner"] == "" {
				for _, p := range demoClerks {
					if free(p) {
						cover = p
						break
					}
				}
			}
		}
		if cover == "" {
			return []store.DraftStep{{Key: "refuse", At: when, By: staff["王主管"], Input: stepFields("refused_reason", "当天没有可顶班的同事，请改期")}}
		}
		g.covering[date+"|"+cover] = true
		return []store.DraftStep{{Key: "approve", At: when, By: staff["王主管"], Input: stepFields("cover", cover)}}
	},
	"roster": func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
		return []store.DraftStep{
			{Key: "submit", At: at.Add(30 * time.Minute), By: by, Input: data.NewInput()},
			{Key: "approve", At: at.Add(26 * time.Hour), By: staff["刘经理"], Input: data.NewInput()},
		}
	},
	"complaint_month": func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
		return []store.DraftStep{{Key: "sign", At: at.Add(26 * time.Hour), By: staff["王主管"], Input: data.NewInput()}}
	},
	"release": func(g *Gen, in data.Input, at time.Time, by data.Actor, end time.Time) []store.DraftStep {
		if g.R.Intn(12) == 0 && end.Sub(at) < 30*24*time.Hour {
			// The owner did not move the goods after all. Only in the last month: a desk voids such slips soon
			// after, which the demo does not model, so older ones come back from the gate like the rest.
			return nil
		}
		out := at.Add(time.Duration(20+g.R.Intn(300)) * time.Minute)
		guard := g.pick([]string{"门卫老张", "门卫小李", "保安王强"})
		return []store.DraftStep{
			{Key: "release", At: out, By: by, Fields: func(r *data.Record, env data.Env) data.Input {
				code, _ := desk.SlipCode(env, r)
				return stepFields("released_by", guard, "code", code)
			}},
			{Key: "archive", At: out.Add(time.Duration(1+g.R.Intn(30)) * time.Hour), By: by, Input: data.NewInput()},
		}
	},
	"hotwork": func(g *Gen, in data.Input, at time.Time, by data.Actor, _ time.Time) []store.DraftStep {
		approver := staff["王主管"]
		if building.HotWorkNeedsManager(&data.Record{Values: in.Values}) != "" {
			approver = staff["刘经理"]
		}
		if g.R.Intn(15) == 0 {
			return []store.DraftStep{{Key: "reject", At: at.Add(30 * time.Minute), By: staff["王主管"],
				Input: stepFields("rejected_reason", g.pick([]string{"现场未配备灭火器", "作业人员证件不全", "监火人未到岗"}))}}
		}
		end, _ := data.ParseLocal(data.TypeDateTime, in.Values["end"])
		approved := at.Add(20 * time.Minute)
		ended := end.Add(-time.Duration(g.R.Intn(40)) * time.Minute)
		if ended.Before(approved) {
			ended = approved.Add(time.Duration(60+g.R.Intn(120)) * time.Minute) // applied late in the day: the work ran later
		}
		approval := data.NewInput()
		if start, _ := data.ParseLocal(data.TypeDateTime, in.Values["start"]); approved.After(start) {
			approval = stepFields("late_reason", "作业推迟，经核实尚未动火")
		}
		return []store.DraftStep{
			{Key: "approve", At: approved, By: approver, Input: approval},
			{Key: "end_work", At: ended, By: by, Input: data.NewInput()},
			{Key: "close", At: ended.Add(time.Duration(30+g.R.Intn(60)) * time.Minute), By: by,
				Input: stepFields("closed_by", "王主管", "no_embers", "是")},
		}
	},
}

// sortDrafts orders a day's records by time, so serial numbers rise through the day as at a real desk.
func sortDrafts(ds []store.Draft) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].At.Before(ds[j-1].At); j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// demoShifts are the four handovers of a demo day, each a few minutes before the outgoing shift ends:
// the night begun the evening before to the 早班, 早班 to 中班, 中班 to 晚班, the evening to the night.
var demoShifts = []struct {
	from, to string
	at       time.Duration
	night    bool // the outgoing shift began the day before
}{{"夜班", "早班", 7*time.Hour + 20*time.Minute, true}, {"早班", "中班", 15*time.Hour + 20*time.Minute, false},
	{"中班", "晚班", 17*time.Hour + 20*time.Minute, false}, {"晚班", "夜班", 19*time.Hour + 50*time.Minute, false}}

// onDuty is who works a shift on a day: the approved roster with its approved changes, or before the
// first roster the rotation the demo's rosters follow.
func onDuty(s *store.Store, day time.Time, shift string) string {
	if d, err := dutyforms.DutyOn(s, day); err == nil && d.Rostered {
		if p := d.On[shift]; len(p) > 0 {
			return p[0]
		}
	}
	for k, sh := range dutyforms.ShiftsOf(s) {
		if sh.Name == shift {
			return rotation(day, k)
		}
	}
	return demoClerks[0]
}

// dutyClerk is who writes the duty log at a moment: the one on the latest begun of the shifts under way.
func dutyClerk(s *store.Store, at time.Time) string {
	name := dutyforms.ShiftOf(s, "", at)
	if sh, ok := dutyforms.ShiftNamed(s, name); ok {
		if day, ok := sh.DayOf(at); ok {
			return onDuty(s, day, name)
		}
	}
	return demoClerks[0]
}

// handovers are the day's handovers: signed by the incoming person a few minutes later (now and then
// late), a question asked now and then, a refusal once in a while settled by the supervisor; the items
// counted, the parcels changing with a note.
func handovers(g *Gen, s *store.Store, day, end time.Time, counts map[string]int) []store.Draft {
	var out []store.Draft
	for _, sh := range demoShifts {
		at := day.Add(sh.at)
		if at.After(end) {
			break
		}
		outDay := day
		if sh.night {
			outDay = day.AddDate(0, 0, -1)
		}
		outgoing, incoming := onDuty(s, outDay, sh.from), onDuty(s, day, sh.to)
		if outgoing == incoming {
			continue // a stand-in covering both: nothing to hand over
		}
		if outgoing == "陈佳" && end.Sub(day) < 72*time.Hour {
			continue // 陈佳 has not handed over her last shifts yet: the demo's handover still to do
		}
		in := stepFields("time", at.Format(data.LayoutDateTime), "from_shift", sh.from, "outgoing", outgoing,
			"to_shift", sh.to, "incoming", incoming, "pending", g.pick([]string{"无", "见遗留事项", "工程部明早回复2-1-802漏水"}))
		for _, item := range []string{"对讲机", "钥匙", "备用金", "代收快递"} {
			note := ""
			if item == "代收快递" {
				if n := counts[item] + g.R.Intn(5) - 2; n >= 0 && n != counts[item] {
					note = fmt.Sprintf("新到%d件", n-counts[item])
					if n < counts[item] {
						note = fmt.Sprintf("业户取走%d件", counts[item]-n)
					}
					counts[item] = n
				}
			}
			in.Tables["items"] = append(in.Tables["items"], data.Row{"item": item, "qty": fmt.Sprint(counts[item]), "note": note})
		}
		signAt := at.Add(time.Duration(3+g.R.Intn(10)) * time.Minute)
		if g.R.Intn(15) == 0 {
			signAt = at.Add(time.Duration(25+g.R.Intn(30)) * time.Minute) // the incoming person was late
		}
		d := store.Draft{Kind: "handover", Input: in, At: at, By: staff[outgoing]}
		if signAt.Before(end) {
			if g.R.Intn(60) == 0 {
				d.Steps = append(d.Steps, store.DraftStep{Key: "refuse", At: signAt, By: staff[incoming],
					Input: stepFields("refuse_reason", g.pick([]string{"备用金与记录不符，交班人未说明", "遗留事项交代不清，交班人已离开"}))})
				if settle := day.AddDate(0, 0, 1).Add(9 * time.Hour); settle.Before(end) {
					d.Steps = append(d.Steps, store.DraftStep{Key: "settle", At: settle, By: staff["王主管"], Input: stepFields("settlement", "已与双方核实，差额已补齐")})
				}
			} else {
				ask := g.R.Intn(10) == 0
				d.Steps = append(d.Steps, store.DraftStep{Key: "sign", At: signAt, By: staff[incoming], Fields: func(r *data.Record, _ data.Env) data.Input {
					f := stepFields("log_read", "是", "desk_ok", "是")
					for i := range r.Tables["matters"] {
						f.Values[fmt.Sprintf("ack_%d", i+1)] = dutyforms.AckOK
					}
					if ask && len(r.Tables["matters"]) > 0 {
						f.Values["ack_1"], f.Values["questions"] = dutyforms.AckQuestion, r.Tables["matters"][0]["m_no"]+" 何时处理完？交班人答：工程部明早上门"
					}
					return f
				}})
			}
		}
		out = append(out, d)
	}
	return out
}

// logReadings are the supervisor's readings of the duty log: each day's at the end of the afternoon
// (now and then a day is missed and stays on the due list), and on the 1st last month's, signed.
func logReadings(g *Gen, day, end time.Time) []store.Draft {
	var out []store.Draft
	read := func(kind string, at time.Time, step, opinion string, kv ...string) {
		if at.After(end) {
			return
		}
		d := store.Draft{Kind: kind, Input: stepFields(kv...), At: at, By: staff["王主管"]}
		d.Steps = []store.DraftStep{{Key: step, At: at.Add(time.Duration(2+g.R.Intn(10)) * time.Minute), By: staff["王主管"],
			Fields: func(r *data.Record, env data.Env) data.Input {
				in := stepFields("opinion", opinion)
				if kind == supervision.KeyLogRead {
					// Each of the day's entries read, as the signature asks.
					recs, _ := env.Records(dutyforms.FormDutyLog.Key, day, day.AddDate(0, 0, 1))
					for i := range recs {
						in.Values[fmt.Sprintf("entry_%d", i+1)] = supervision.LogSeen
					}
				}
				return in
			}}}
		if !d.Steps[0].At.After(end) {
			out = append(out, d)
		}
	}
	if g.R.Intn(20) != 0 {
		at := day.Add(17*time.Hour + time.Duration(g.R.Intn(150))*time.Minute)
		if g.R.Intn(8) == 0 {
			at = day.AddDate(0, 0, 1).Add(8*time.Hour + time.Duration(g.R.Intn(60))*time.Minute) // read the next morning: late
		}
		read(supervision.KeyLogRead, at, "read", g.pick([]string{"已阅", "已阅，跟进事项请下一班继续落实。", "记录完整。"}), "day", day.Format(data.LayoutDate))
	}
	if day.Day() == 1 {
		last := day.AddDate(0, -1, 0)
		read("log_sign", day.Add(10*time.Hour+40*time.Minute), "sign", "本月值班记录已查阅，个别跟进事项已督促办结。", "month", last.Format(data.LayoutMonth))
	}
	return out
}

// monthSample is the manager's spot check of last month's duty log (R2.2): drawn on the 3rd, checked
// and signed a few days later, as a rule by the 10th, now and then after it.
func monthSample(g *Gen, day, end time.Time) []store.Draft {
	at := day.Add(9*time.Hour + time.Duration(g.R.Intn(60))*time.Minute)
	if at.After(end) {
		return nil
	}
	d := store.Draft{Kind: "log_sample", Input: stepFields("month", day.AddDate(0, -1, 0).Format(data.LayoutMonth)), At: at, By: staff["刘经理"]}
	signed := at.AddDate(0, 0, 1+g.R.Intn(5))
	if g.R.Intn(6) == 0 {
		signed = signed.AddDate(0, 0, 8) // a busy month: signed late
	}
	conclusion, findings := supervision.SampleConforming, ""
	if g.R.Intn(3) == 0 {
		conclusion = supervision.SampleNonconforming
	}
	if !signed.After(end) {
		d.Steps = []store.DraftStep{{Key: "sign", At: signed, By: staff["刘经理"], Fields: func(r *data.Record, _ data.Env) data.Input {
			if conclusion == supervision.SampleNonconforming && len(r.Tables["sample"]) > 0 {
				findings = r.Tables["sample"][0]["record"] + " 处理结果记录不完整，要求值班员补记并在交班时说明。"
			}
			return stepFields("conclusion", conclusion, "findings", findings)
		}}}
	}
	return []store.Draft{d}
}

// arrivals are the day's arrivals, recorded by each person's login: a quarter of an hour early or more
// as a rule, now and then late; once in a long while nobody comes and the supervisor records it.
func arrivals(g *Gen, s *store.Store, day, end time.Time) []store.Draft {
	var out []store.Draft
	for _, sh := range dutyforms.ShiftsOf(s) {
		start, _ := sh.On(day)
		person := onDuty(s, day, sh.Name)
		arrived := start.Add(-dutyforms.ArrivalLead - time.Duration(g.R.Intn(20))*time.Minute)
		in := stepFields("date", day.Format(data.LayoutDate), "shift", sh.Name, "person", person)
		by := staff[person]
		switch n := g.R.Intn(400); {
		case n >= 390:
			// Forgot to log in: typed an hour or two later, confirmed by the supervisor the next
			// morning.
			in.Values["arrived"] = arrived.Format(data.LayoutDateTime)
			in.Values["note"] = "到岗时忘记登录，事后补登"
			d := store.Draft{Kind: "attendance", Input: in, At: arrived.Add(time.Duration(60+g.R.Intn(60)) * time.Minute), By: by}
			if confirm := day.AddDate(0, 0, 1).Add(9 * time.Hour); confirm.Before(end) {
				d.Steps = []store.DraftStep{{Key: "confirm", At: confirm, By: staff["王主管"], Input: data.NewInput()}}
			}
			if !d.At.After(end) {
				out = append(out, d)
			}
			continue
		case n == 0:
			arrived = start.Add(45 * time.Minute) // recorded by the supervisor, once the shift has begun
			by = staff["王主管"]
			in.Values["note"] = g.pick([]string{"未请假未到岗，电话未接通，已安排顶岗", "家中急事未到岗，事后补请假"})
		case n < 16:
			arrived = start.Add(time.Duration(-14+g.R.Intn(40)) * time.Minute)
			in.Values["arrived"] = arrived.Format(data.LayoutDateTime)
			in.Values["note"] = g.pick([]string{"公交晚点", "路上堵车，已电话告知主管"})
		default:
			in.Values["arrived"] = arrived.Format(data.LayoutDateTime)
		}
		if arrived.After(end) {
			continue
		}
		out = append(out, store.Draft{Kind: "attendance", Input: in, At: arrived, By: by})
	}
	return out
}
