// Package demo makes realistic, deterministic records from the form declarations: one example of a
// kind (the `example` command, tests) and a month of front-desk work over a household registry.
package demo

import (
	"fmt"
	"math/rand"
	"strconv"
	"time"

	"frontdesk/data"
	_ "frontdesk/data/forms" // the demo makes records of every form
	"frontdesk/data/forms/desk"
	dutyforms "frontdesk/data/forms/duty"
	"frontdesk/data/forms/service"
	"frontdesk/data/forms/supervision"
	"frontdesk/data/store"
)

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	given    = []string{"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "建国", "红梅", "志强", "海燕", "晓东", "雪", "子涵", "浩然", "欣怡", "梓轩", "一鸣", "思远", "佳琪", "宇航"}
	regions  = []string{"440305", "440304", "440106", "110105", "310104", "510107", "330106", "420106", "430104", "350203"}
	plates   = []string{"粤B", "粤B", "粤B", "粤A", "湘A", "赣B", "桂A", "京N"}
)

// Gen makes values from a seeded source, so the same seed gives the same records.
type Gen struct {
	R     *rand.Rand
	Units []store.Household // the registry to draw units and owners from; may be empty
	// Env, when set, is the store an example is for: a handover is then one its roster allows.
	Env data.Env
	// covering are the covers the demo's approvals have taken, by day and person, so one day's
	// approvals (saved together) never book one person twice.
	covering map[string]bool
}

// New returns a generator for a seed.
func New(seed int64, units []store.Household) *Gen {
	return &Gen{R: rand.New(rand.NewSource(seed)), Units: units}
}

func (g *Gen) pick(s []string) string { return s[g.R.Intn(len(s))] }

// Name is a plausible Chinese name.
func (g *Gen) Name() string {
	return string(surnames[g.R.Intn(len(surnames))]) + g.pick(given)
}

// Phone is a valid mobile number.
func (g *Gen) Phone() string {
	p := []string{"13", "15", "18", "17", "19"}[g.R.Intn(5)]
	return fmt.Sprintf("%s%09d", p, g.R.Intn(1000000000))
}

// ResidentID is an 18-digit 居民身份证 number with a valid birth date and check digit.
func (g *Gen) ResidentID() string {
	birth := time.Date(1955+g.R.Intn(50), time.Month(1+g.R.Intn(12)), 1+g.R.Intn(28), 0, 0, 0, 0, time.UTC)
	s := fmt.Sprintf("%s%s%03d", g.pick(regions), birth.Format("20060102"), g.R.Intn(1000))
	return s + string(data.IDCheckDigit(s))
}

// Plate is a plausible plate number.
func (g *Gen) Plate() string {
	const al = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	b := []byte{}
	for i := 0; i < 5; i++ {
		b = append(b, al[g.R.Intn(len(al))])
	}
	return g.pick(plates) + string(b)
}

// Household draws a unit of the registry (or a made-up one when there is none).
func (g *Gen) Household() store.Household {
	if len(g.Units) > 0 {
		return g.Units[g.R.Intn(len(g.Units))]
	}
	return store.Household{Unit: fmt.Sprintf("%d-%d-%d%02d", 1+g.R.Intn(8), 1+g.R.Intn(2), 1+g.R.Intn(11), 1+g.R.Intn(2)), Owner: g.Name(), OwnerPhone: g.Phone(), Occupied: true}
}

// Example makes one valid record of a form, dated at base. Optional fields are filled with probability
// fill (0..1); the example command uses 1 so every field shows.
func (g *Gen) Example(f *data.Form, base time.Time, user string, fill float64) data.Input {
	base = base.In(data.Shanghai)
	in := data.NewInput()
	h := g.Household()
	dateStep, timeStep := 0, 0
	for _, fl := range f.Fields {
		if fl.Auto || fl.Sum != nil {
			continue // the record's life or the program fills it
		}
		if f.Registry != nil && fl.Key == f.Registry.Reason {
			continue // written only when the record does not agree with the registry: below
		}
		if fl.Type == data.TypeTable {
			rows := fl.MinRows
			if rows == 0 {
				rows = 1 + g.R.Intn(3)
			}
			if !fl.Required && fl.MinRows == 0 && g.R.Float64() > fill {
				continue
			}
			for i := 0; i < rows; i++ {
				r := data.Row{}
				for _, c := range fl.Columns {
					if c.Required || g.R.Float64() < fill {
						r[c.Key] = g.value(c, base.AddDate(0, 0, i*7), base, user, h, nil, nil)
					}
				}
				in.Tables[fl.Key] = append(in.Tables[fl.Key], r)
			}
			continue
		}
		if !fl.Required && g.R.Float64() > fill {
			continue
		}
		v := g.value(fl, base, base, user, h, &dateStep, &timeStep)
		if fl.Key == f.DateKey {
			v = g.value(fl, base, base, user, h, nil, nil)
		}
		if v != "" {
			in.Values[fl.Key] = v
		}
	}
	if fix := fixups[f.Key]; fix != nil {
		fix(g, &in, base)
	}
	if f.OnePer != nil && g.Env != nil {
		g.freePeriod(f, &in, base)
	}
	if rc := f.Registry; rc != nil && len(g.Units) == 0 {
		// A made-up household is in no registry: the example says why it is saved all the same, as
		// the desk writes it when the registry is behind.
		if fl, ok := f.Field(rc.Reason); ok && len(fl.Samples) > 0 {
			in.Values[rc.Reason] = g.pick(fl.Samples)
		}
	}
	return in
}

// freePeriod moves a record of a form that is one a period to the nearest period its rules accept
// (one that has no record yet, none ahead of the clock where the form says so): the period made
// first, then the ones before it, then the ones after, up to a year (or twelve years) each way.
func (g *Gen) freePeriod(f *data.Form, in *data.Input, base time.Time) {
	key := f.OnePer.Key
	fl, _ := f.Field(key)
	first := in.Values[key]
	ok := func() bool {
		if f.PeriodErrors(g.Env, *in)[key] != "" {
			return false
		}
		if f.CheckAt != nil && f.CheckAt(g.Env, *in, base)[key] != "" {
			return false
		}
		return f.Rules == nil || f.Rules(g.Env, *in)[key] == ""
	}
	for _, n := range []int{0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12} {
		v, moved := shiftPeriod(fl, first, n)
		if !moved {
			return
		}
		in.Values[key] = v
		if ok() {
			return
		}
	}
	in.Values[key] = first
}

// shiftPeriod is the period n months, days or years from v, by the field's type.
func shiftPeriod(fl data.Field, v string, n int) (string, bool) {
	switch fl.Type {
	case data.TypeMonth:
		t, ok := data.ParseLocal(data.TypeMonth, v)
		return t.AddDate(0, n, 0).Format(data.LayoutMonth), ok
	case data.TypeDate:
		t, ok := data.ParseLocal(data.TypeDate, v)
		return t.AddDate(0, 0, n).Format(data.LayoutDate), ok
	case data.TypeInt:
		y, err := strconv.Atoi(v)
		return strconv.Itoa(y + n), err == nil
	}
	return v, false
}

func (g *Gen) value(fl data.Field, day, base time.Time, user string, h store.Household, dateStep, timeStep *int) string {
	next := func(p *int) int {
		if p == nil {
			return 0
		}
		*p++
		return *p
	}
	switch fl.Type {
	case data.TypePerson:
		if fl.Default == data.DefaultUser && user != "" {
			return user
		}
		switch fl.Key {
		case "owner_name", "host_name", "name", "owner":
			return h.Owner
		}
		if len(fl.Samples) > 0 && g.R.Intn(3) > 0 {
			return g.pick(fl.Samples)
		}
		return g.Name()
	case data.TypePhone:
		if (fl.Key == "owner_phone") && h.OwnerPhone != "" {
			return h.OwnerPhone
		}
		return g.Phone()
	case data.TypeIDNumber:
		return g.ResidentID()
	case data.TypeUnit:
		return h.Unit
	case data.TypePlate:
		return g.Plate()
	case data.TypeDate:
		return day.AddDate(0, 0, next(dateStep)).Format(data.LayoutDate)
	case data.TypeTime:
		return fmt.Sprintf("%02d:%02d", 8+g.R.Intn(10), 10*g.R.Intn(6))
	case data.TypeDateTime:
		return base.Add(time.Duration(next(timeStep)) * 90 * time.Minute).Format(data.LayoutDateTime)
	case data.TypeMonth:
		return day.Format(data.LayoutMonth)
	case data.TypeMoney:
		return fmt.Sprintf("%d.00", 10*(1+g.R.Intn(30)))
	case data.TypeInt:
		if fl.Default != "" {
			return fl.Default
		}
		hi := fl.Max
		if hi == 0 || hi-fl.Min > 9 {
			hi = fl.Min + 9
		}
		lo := max(fl.Min, 1)
		if hi < lo {
			return strconv.Itoa(fl.Min)
		}
		return strconv.Itoa(lo + g.R.Intn(hi-lo+1))
	case data.TypeChoice:
		if fl.Default != "" && g.R.Intn(3) > 0 {
			return fl.Default
		}
		return g.pick(fl.Choices)
	case data.TypeBool:
		if fl.Default != "" {
			return fl.Default
		}
		return "是"
	}
	if len(fl.Samples) > 0 {
		return g.pick(fl.Samples)
	}
	if fl.Default != "" {
		return fl.Default
	}
	if !fl.Required {
		return "" // no realistic sample: leave the optional field blank rather than print its label
	}
	return fl.Label
}

// fixups satisfy the cross-field rules a generic generator cannot know.
var fixups = map[string]func(g *Gen, in *data.Input, base time.Time){
	"visitor": func(g *Gen, in *data.Input, base time.Time) {
		// A non-owner is admitted after the household agreed (R1.4).
		in.Values["consent_by"] = in.Values["host_name"]
		if in.Values["consent_by"] == "" {
			in.Values["consent_by"] = g.Name()
		}
		in.Values["consent_way"] = g.pick([]string{"电话", "电话", "当面", "业主陪同", "预约"})
		in.Values["consent_time"] = base.Add(-time.Duration(g.R.Intn(5)) * time.Minute).Format(data.LayoutDateTime)
		switch in.Values["doc_type"] {
		case data.DocResidentID:
		case data.DocResidencePermit:
			id := g.ResidentID()
			s := []string{"810000", "820000", "830000"}[g.R.Intn(3)] + id[6:17]
			in.Values["doc_no"] = s + string(data.IDCheckDigit(s))
		default:
			in.Values["doc_no"] = fmt.Sprintf("H%08d", g.R.Intn(100000000))
		}
		if _, ok := in.Values["exit_time"]; ok {
			in.Values["exit_time"] = base.Add(time.Duration(20+g.R.Intn(150)) * time.Minute).Format(data.LayoutDateTime)
		}
	},
	"hotwork": func(g *Gen, in *data.Input, base time.Time) {
		day := time.Date(base.Year(), base.Month(), base.Day(), 9, 0, 0, 0, data.Shanghai)
		in.Values["start"] = day.Format(data.LayoutDateTime)
		in.Values["end"] = day.Add(3 * time.Hour).Format(data.LayoutDateTime)
		// Each worker once, with a certificate of their own.
		names := g.R.Perm(len(data.SampleNames))
		for i, w := range in.Tables["workers"] {
			w["name"] = data.SampleNames[names[i%len(names)]]
			w["cert_no"] = fmt.Sprintf("T%s%03d", g.ResidentID()[:14], i+1)
			w["cert_expiry"] = base.AddDate(1+g.R.Intn(3), 0, 0).Format(data.LayoutDate)
		}
		in.Values["cleared"] = "是"
		for _, k := range []string{"cylinders", "sparks", "isolated", "ppe"} {
			if in.Values[k] == "否" || in.Values[k] == "" {
				in.Values[k] = "是"
			}
		}
	},
	"complaint_month": func(g *Gen, in *data.Input, base time.Time) {
		in.Values["month"] = base.AddDate(0, -1, 0).Format(data.LayoutMonth)
		in.Values["analysis"] = g.pick([]string{"本月投诉以装修噪音为主，已加强装修巡查并张贴施工时间告示。",
			"维修类投诉较上月增加，已要求工程部缩短派工时间，超时答复的已逐件复盘。", "停车投诉集中在晚高峰，已与秩序部调整巡逻路线。"})
	},
	"served": func(g *Gen, in *data.Input, base time.Time) {
		month := time.Date(base.Year(), base.Month()-1, 1, 0, 0, 0, 0, data.Shanghai)
		in.Values["month"] = month.Format(data.LayoutMonth)
		for i, r := range in.Tables["manual"] {
			r["service_date"] = month.AddDate(0, 0, 3+7*i).Format(data.LayoutDate)
			delete(r, "revisit_date")
			delete(r, "satisfaction")
		}
	},
	"leave": func(g *Gen, in *data.Input, base time.Time) {
		// Asked a few days ahead; a swap or stand-in with a colleague, a stand-in of a few hours.
		clerks := demoClerks
		in.Values["date"] = base.AddDate(0, 0, 2+g.R.Intn(8)).Format(data.LayoutDate)
		delete(in.Values, "emergency")
		delete(in.Values, "stand_from")
		delete(in.Values, "stand_to")
		delete(in.Values, "partner")
		if p := in.Values["person"]; !contains(clerks, p) {
			in.Values["person"] = clerks[g.R.Intn(len(clerks))]
		}
		// A shift the person is on by the approved roster (any shift of a day no roster covers), on
		// the first such day from two days ahead that the demo has not asked for already.
		if g.Env != nil {
			if g.covering == nil {
				g.covering = map[string]bool{}
			}
		search:
			for ahead := 2; ahead < 40; ahead++ {
				day := base.AddDate(0, 0, ahead)
				duty, err := dutyforms.DutyOn(g.Env, day)
				if err != nil {
					break
				}
				for _, sh := range dutyforms.ShiftsOf(g.Env) {
					k := "asked|" + in.Values["person"] + "|" + day.Format(data.LayoutDate)
					if (!duty.Rostered || duty.Has(sh.Name, in.Values["person"])) && !g.covering[k] {
						in.Values["date"], in.Values["shift"] = day.Format(data.LayoutDate), sh.Name
						g.covering[k] = true
						break search
					}
				}
			}
		}
		if in.Values["kind"] != dutyforms.LeaveKindLeave {
			for in.Values["partner"] == "" || in.Values["partner"] == in.Values["person"] {
				in.Values["partner"] = clerks[g.R.Intn(len(clerks))]
			}
		}
		if in.Values["kind"] == dutyforms.LeaveKindStand {
			in.Values["stand_from"], in.Values["stand_to"] = "12:00", fmt.Sprintf("%d:00", 13+g.R.Intn(3))
		}
	},
	"fees": func(g *Gen, in *data.Input, base time.Time) {
		// An item is priced once in a schedule.
		seen := map[string]bool{}
		var rows []data.Row
		for _, r := range in.Tables["items"] {
			if !seen[r["item"]] {
				seen[r["item"]] = true
				rows = append(rows, r)
			}
		}
		in.Tables["items"] = rows
	},
	"cleaning": func(g *Gen, in *data.Input, base time.Time) {
		in.Values["order_time"] = base.Format(data.LayoutDateTime)
		b := base.In(data.Shanghai)
		in.Values["service_time"] = time.Date(b.Year(), b.Month(), b.Day()+1+g.R.Intn(2), 9+g.R.Intn(8), 0, 0, 0, data.Shanghai).Format(data.LayoutDateTime)
	},
	"release": func(g *Gen, in *data.Input, base time.Time) {
		// An agent comes with the owner's 委托书 and their own ID; otherwise there is no agent.
		if in.Values["identity_check"] == desk.AgentCheck {
			in.Values["agent_name"], in.Values["agent_doc"] = g.Name(), g.ResidentID()
		} else {
			delete(in.Values, "agent_name")
			delete(in.Values, "agent_doc")
		}
	},
	"complaint": func(g *Gen, in *data.Input, base time.Time) {
		// Most complaints are valid; the desk proposes, the supervisor decides.
		if g.R.Intn(7) == 0 {
			in.Values["validity"] = service.ComplaintInvalid
		} else {
			in.Values["validity"] = service.ComplaintValid
		}
	},
	"repair": func(g *Gen, in *data.Input, base time.Time) {
		// The visit agreed with the household: later the same day, or the next, in working hours.
		b := base.In(data.Shanghai)
		visit := time.Date(b.Year(), b.Month(), b.Day(), 9+g.R.Intn(9), 30*g.R.Intn(2), 0, 0, data.Shanghai)
		if !visit.After(base.Add(time.Hour)) {
			visit = visit.AddDate(0, 0, 1)
		}
		in.Values["appointment"] = visit.Format(data.LayoutDateTime)
	},
	"training": func(g *Gen, in *data.Input, base time.Time) {
		// A session each Thursday of the month, at least four.
		m := time.Date(base.Year(), base.Month(), 1, 0, 0, 0, 0, data.Shanghai)
		topics := []string{"规范用语与接待礼仪", "投诉处理流程", "《物品放行条》开具要点", "消防知识与动火管理", "常用电话与应急预案"}
		in.Tables["sessions"] = nil
		for d := m; d.Month() == m.Month(); d = d.AddDate(0, 0, 1) {
			if d.Weekday() == time.Thursday {
				in.Tables["sessions"] = append(in.Tables["sessions"], data.Row{"date": d.Format(data.LayoutDate),
					"topic": topics[len(in.Tables["sessions"])%len(topics)], "trainer": "王主管"})
			}
		}
	},
	"survey": func(g *Gen, in *data.Input, base time.Time) {
		// Handed out to every occupied unit of the registry.
		occ := 0
		if g.Env != nil {
			if units, err := g.Env.Units(); err == nil {
				for _, u := range units {
					if u.Occupied {
						occ++
					}
				}
			}
		}
		if occ == 0 {
			occ = 300
		}
		in.Values["distributed"] = strconv.Itoa(occ)
	},
	"handover":   handoverExample,
	"attendance": attendanceExample,
	"log_sign":   logSignExample,
	"log_sample": logSampleExample,
	"log_read":   logReadExample,
	"roster": func(g *Gen, in *data.Input, base time.Time) {
		next := time.Date(base.Year(), base.Month()+1, 1, 0, 0, 0, 0, data.Shanghai)
		in.Values["month"] = next.Format(data.LayoutMonth)
		in.Tables["lines"] = nil
		for d := next; d.Month() == next.Month(); d = d.AddDate(0, 0, 1) {
			row := data.Row{"date": d.Format(data.LayoutDate)}
			for k, key := range rosterKeys {
				row[key] = rotation(d, k)
			}
			in.Tables["lines"] = append(in.Tables["lines"], row)
		}
	},
	"quality": func(g *Gen, in *data.Input, base time.Time) {
		// The whole checklist as a rule, each line 合格; a check failed (one in six) has one line
		// failed, what was found and the correction asked for.
		in.Tables["checklist"] = nil
		in.Values["result"] = supervision.CheckPass
		if g.R.Intn(6) == 0 {
			in.Values["result"] = supervision.CheckFail
		}
		if g.R.Intn(4) != 0 {
			in.Values["item"] = supervision.QualityWholeCheck
			for _, item := range supervision.QualityChecklist() {
				in.Tables["checklist"] = append(in.Tables["checklist"], data.Row{"item": item, "result": supervision.CheckPass})
			}
		}
		if in.Values["result"] != supervision.CheckFail {
			return
		}
		if rows := in.Tables["checklist"]; len(rows) > 0 {
			i := g.R.Intn(len(rows))
			rows[i]["result"], rows[i]["note"] = supervision.CheckFail, "现场指出"
		}
		if in.Values["finding"] == "" {
			in.Values["finding"] = g.pick([]string{"值班记录有漏记", "工作台摆放私人物品", "接听电话未使用文明用语"})
		}
		if in.Values["correction"] == "" {
			in.Values["correction"] = g.pick([]string{"现场纠正，要求补记", "三日内整改完毕", "交班前整改并复查"})
		}
		if in.Values["kind"] == supervision.ManagerCheck && in.Values["cause"] == "" {
			in.Values["cause"] = g.pick([]string{"交班前未核对当班记录", "新员工对流程不熟悉"}) // D17: the cause analysed
		}
	},
	"duty_log": func(g *Gen, in *data.Input, base time.Time) {
		// Written in the shift under way: the writer's by the roster, else the latest begun.
		if t, ok := data.ParseLocal(data.TypeDateTime, in.Values["time"]); ok {
			in.Values["shift"] = dutyforms.ShiftOf(g.Env, in.Values["clerk"], t)
		}
	},
	"culture": func(g *Gen, in *data.Input, base time.Time) {
		// Next year's plan in December (R8.1); in another month the plan of the year under way, late.
		in.Values["year"] = strconv.Itoa(base.Year())
		if base.Month() == time.December {
			in.Values["year"] = strconv.Itoa(base.Year() + 1)
		}
		// A plan for that year already made: this one revises it.
		if g.Env != nil {
			recs, _ := g.Env.Records("culture", time.Time{}, base.AddDate(1, 0, 0))
			for _, r := range recs {
				if r.Values["year"] == in.Values["year"] {
					in.Values["revises"] = r.Serial
				}
			}
		}
	},
	"reno_ext": func(g *Gen, in *data.Input, base time.Time) {
		in.Values["orig_end"] = base.AddDate(0, 0, 3).Format(data.LayoutDate)
		in.Values["new_end"] = base.AddDate(0, 0, 3+7+g.R.Intn(20)).Format(data.LayoutDate)
	},
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// attendanceExample is the person's arrival for their latest shift that has begun and has no arrival
// yet (by the store's roster, if it has one): typed afterwards, so a claim for the supervisor to
// confirm; on time mostly, now and then late.
func attendanceExample(g *Gen, in *data.Input, base time.Time) {
	user := in.Values["person"]
	if user == "" {
		user = g.pick(demoClerks)
		in.Values["person"] = user
	}
	shifts := dutyforms.ShiftsOf(g.Env)
	for back := 0; back < 14; back++ {
		day := base.AddDate(0, 0, -back)
		duty := dutyforms.DutyDay{}
		if g.Env != nil {
			duty, _ = dutyforms.DutyOn(g.Env, day)
		}
		for i := len(shifts) - 1; i >= 0; i-- {
			sh := shifts[i]
			start, _ := sh.On(day)
			arrived := start.Add(-dutyforms.ArrivalLead - time.Duration(g.R.Intn(10))*time.Minute)
			if g.R.Intn(8) == 0 {
				arrived = start.Add(time.Duration(g.R.Intn(20)) * time.Minute)
			}
			// A minute before now at the latest: the example is saved a moment after it is made.
			if arrived.After(base.Add(-time.Minute)) || duty.Rostered && !duty.Has(sh.Name, user) || recorded(g.Env, day, sh.Name, user) {
				continue
			}
			in.Values["date"], in.Values["shift"], in.Values["arrived"] = day.Format(data.LayoutDate), sh.Name, arrived.Format(data.LayoutDateTime)
			if arrived.After(start.Add(-dutyforms.ArrivalLead)) {
				in.Values["note"] = g.pick([]string{"公交晚点", "路上堵车，已电话告知主管"})
			}
			return
		}
	}
}

// handoverExample is a handover the person may save now: ten minutes before the end of their latest
// shift that has ended (by the store's roster, if it has one), to whoever is on the next shift; every
// item counted, each with a note (so a count differing from the last handover is explained).
// handedOver says whether the shift ending near at was handed over already: an example is of one that
// was not.
func handedOver(env data.Env, shift string, at time.Time) bool {
	if env == nil {
		return false
	}
	recs, err := env.Records("handover", at.Add(-3*time.Hour), at.Add(3*time.Hour))
	if err != nil {
		return false
	}
	for _, r := range recs {
		if r.Values["from_shift"] == shift {
			return true
		}
	}
	return false
}

func handoverExample(g *Gen, in *data.Input, base time.Time) {
	// The last shift of the person's that was not handed over yet; for someone the roster does not
	// name (the manager), the last shift of anyone's, or the one under way, handed over now.
	if !handoverOf(g, in, base, true, false) && !handoverOf(g, in, base, false, false) {
		handoverOf(g, in, base, false, true)
	}
}

// handoverOf fills a handover of a shift that ended (or, with now, the one under way, at base): one
// the person was on when onRoster. It says whether it found one.
func handoverOf(g *Gen, in *data.Input, base time.Time, onRoster, now bool) bool {
	clerks := demoClerks
	user := in.Values["outgoing"]
	shifts := dutyforms.ShiftsOf(g.Env)
	for back := 0; back < 14; back++ {
		day := base.AddDate(0, 0, -back)
		duty := dutyforms.DutyDay{}
		if g.Env != nil {
			duty, _ = dutyforms.DutyOn(g.Env, day)
		}
		for i := len(shifts) - 1; i >= 0; i-- {
			sh := shifts[i]
			start, end := sh.On(day)
			at := end.Add(-10 * time.Minute)
			if now && !base.Before(start) && base.Before(end) {
				at = base
			}
			if at.After(base) || onRoster && duty.Rostered && !duty.Has(sh.Name, user) || handedOver(g.Env, sh.Name, at) {
				continue
			}
			to, toDay := shifts[0], day.AddDate(0, 0, 1)
			if i+1 < len(shifts) {
				to, toDay = shifts[i+1], day
			}
			incoming := ""
			if g.Env != nil {
				if next, err := dutyforms.DutyOn(g.Env, toDay); err == nil {
					for _, p := range next.On[to.Name] {
						if p != user {
							incoming = p
							break
						}
					}
				}
			}
			for incoming == "" || incoming == user {
				incoming = g.pick(clerks)
			}
			in.Values["time"], in.Values["from_shift"], in.Values["to_shift"], in.Values["incoming"] = at.Format(data.LayoutDateTime), sh.Name, to.Name, incoming
			in.Tables["items"] = nil
			for _, item := range dutyforms.HandoverItems(g.Env) {
				in.Tables["items"] = append(in.Tables["items"], data.Row{"item": item, "qty": strconv.Itoa(1 + g.R.Intn(20)), "note": "已核对"})
			}
			return true
		}
	}
	return false
}

// recorded says whether the store holds an arrival of the person for the shift that day.
func recorded(env data.Env, day time.Time, shift, person string) bool {
	if env == nil {
		return false
	}
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, data.Shanghai)
	recs, err := env.Records("attendance", d, d.AddDate(0, 0, 1))
	if err != nil {
		return true
	}
	for _, r := range recs {
		if r.Values["shift"] == shift && r.Values["person"] == person {
			return true
		}
	}
	return false
}

// logSignExample is the latest month that may be signed and has no signature yet.
func logSignExample(g *Gen, in *data.Input, base time.Time) {
	m := time.Date(base.Year(), base.Month(), 1, 0, 0, 0, 0, data.Shanghai)
	if base.Day() < supervision.MonthSignFrom {
		m = m.AddDate(0, -1, 0)
	}
	m = g.latestFree("log_sign", m, 24, func(t time.Time, n int) time.Time { return t.AddDate(0, n, 0) })
	in.Values["month"] = m.Format(data.LayoutMonth)
}

// logSampleExample is the latest month over with no spot check yet.
func logSampleExample(g *Gen, in *data.Input, base time.Time) {
	m := time.Date(base.Year(), base.Month(), 1, 0, 0, 0, 0, data.Shanghai).AddDate(0, -1, 0)
	m = g.latestFree("log_sample", m, 24, func(t time.Time, n int) time.Time { return t.AddDate(0, n, 0) })
	in.Values["month"] = m.Format(data.LayoutMonth)
}

// logReadExample is the latest day of the last weeks with no reading yet.
func logReadExample(g *Gen, in *data.Input, base time.Time) {
	d := time.Date(base.Year(), base.Month(), base.Day(), 0, 0, 0, 0, data.Shanghai)
	d = g.latestFree("log_read", d, 60, func(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) })
	in.Values["day"] = d.Format(data.LayoutDate)
}

// latestFree walks back from start, a period at a time (add moves by n periods), to the latest
// period with no record of the form, trying at most tries periods; start when the store is not known.
func (g *Gen) latestFree(kind string, start time.Time, tries int, add func(time.Time, int) time.Time) time.Time {
	t := start
	for i := 0; i < tries && g.Env != nil; i++ {
		if has, err := g.Env.Has(kind, t, add(t, 1)); err == nil && !has {
			break
		}
		t = add(t, -1)
	}
	return t
}
