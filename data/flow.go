package data

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A form's life, declared beside its fields: the states a record passes through, the steps between
// them (who may take each, what it asks, what it checks, what it records), who acts next on an open
// record, and the clocks that give it a deadline. The store runs a step in one transaction with its
// audit entry, the window builds buttons and dialogs from the steps, the console drives them, and the
// open-matter index and the due lists read the deadlines. Nothing outside a declaration names a form.

// Flow is the life of one form.
type Flow struct {
	States  []State
	Initial string // the state of a new record
	Steps   []Step
	Clocks  []Clock
	// Derive gives the state a record's content implies: for records saved before the form had a flow
	// (they keep their state without being rewritten), and for a life that follows a field the clerk
	// may also type (a visitor's 离开时间). Nil: the state changes only by steps.
	Derive func(r *Record) string
	// Show refines a state's name by the clock on the wall (an approved permit is 作业中 once work began).
	Show func(r *Record, st State, now time.Time) string
	// OpenFilter is the list's check box that shows only the open records (只看在场).
	OpenFilter string
	// Start, when set, chooses the state a new record starts in from what was typed at intake (a duty
	// log entry already dealt with, or one to follow up).
	Start func(r *Record) string
	// StepsOnly says the state changes by steps alone once a record has one: Derive then serves only
	// records saved before the form had a flow, and an edit of the fields leaves the state as it is.
	StepsOnly bool
	// Handover says the form's open matters are handed over at every shift change (D12): the
	// handover gathers them.
	Handover bool
}

// State is one stage of a record's life.
type State struct {
	Key  string
	Name string
	// Open marks an open matter: somebody still has to act, and Who says who.
	Open bool
	Who  Who
	// Late is the name shown once the state's deadline has passed (已过期); empty shows Name and 超时.
	Late string
	// Fixed says a record in this state is no longer edited (an approved fee schedule): a change is a
	// new record, and a mistake is voided.
	Fixed bool
	// VoidBy is the permission alone that withdraws a record in this state (a draw that is only the
	// manager's to withdraw, or anyone could draw again until it suits them).
	VoidBy Perm
}

// FixedError refuses an edit of a record in a Fixed state.
type FixedError struct{ State, Form string }

func (e *FixedError) Error() string { return "record in state " + e.State + " is fixed" }

// Chinese is the sentence the clerk reads.
func (e *FixedError) Chinese() string {
	return fmt.Sprintf("这份%s已“%s”，不能再修改；如需变更，请新建一份。", e.Form, e.State)
}

// FixedBy is the permission of the step that fixed the record (an approved fee schedule: the manager's
// approval), "" when it is not in a fixed state: voiding it needs that permission too.
func (f *Form) FixedBy(r *Record) Perm {
	if f.Flow == nil {
		return ""
	}
	st := f.State(r)
	if st.VoidBy != "" {
		return st.VoidBy
	}
	if !st.Fixed {
		return ""
	}
	for _, s := range f.Flow.Steps {
		if s.To == st.Key {
			return s.Perm
		}
	}
	return ""
}

// Untouched says whether the record is still in the state it started in: no step of its life has
// moved it on (a decision, a signature), so its maker may still withdraw it.
func (f *Form) Untouched(r *Record) bool {
	return f.Flow == nil || r.State == "" || r.State == f.NewState(r)
}

// NewState is the state a new record starts in: the flow's start, or for a life that follows its
// fields, what they imply.
func (f *Form) NewState(r *Record) string {
	if f.Flow == nil {
		return ""
	}
	if f.Flow.Start != nil {
		if s := f.Flow.Start(r); s != "" {
			return s
		}
	}
	if f.Flow.StepsOnly || f.Flow.Derive == nil {
		return f.Flow.Initial
	}
	return f.State(r).Key
}

// Who names who acts next on an open matter: every role that holds a permission, or the person a field
// (or a step's record) names.
type Who struct {
	Perm  Perm
	Field string
}

// Step is one move of a record's life.
type Step struct {
	Key  string // also the audit trail's action
	Name string // the button: 批准, 放行登记
	From []string
	To   string // "" stays in the state it leaves from (a follow-up recorded, a decision changed)
	Perm Perm
	// Person, when set, is the field naming the one person who may take the step, logged in as
	// themselves (the incoming person signs the handover).
	Person string
	// NotBy names who may not take the step: Maker (the person who made the record) and fields naming
	// people (the person asking for leave). Whoever drafts a record that needs an approval does not
	// approve it (D8).
	NotBy []string
	// Fields are asked in the step's dialog, declared and validated like a form's fields; their values
	// are recorded under their keys (in the record's fields where the form has one of that key, else in
	// its life).
	Fields []Field
	// FieldsFor, when set, gives the step's fields as they are for this record now, from what the store
	// holds (the fee items of the schedule in force): it replaces Fields.
	FieldsFor func(env Env, r *Record, now time.Time) []Field
	// By and At are where the step records who took it and when ("" records nothing).
	By, At string
	// Hint is one line the dialog shows above the fields.
	Hint string
	// Shortcut is a key that takes the step from the list at once (F2: the visitor leaves).
	Shortcut string
	// When, if set, offers the step only on the records it is for (an invalid complaint is closed
	// without a revisit; a valid one never is): lists and buttons leave it out elsewhere.
	When func(r *Record) bool
	// Check holds the rules the step must pass; a FieldErrors names the field.
	Check func(c *StepContext) error
	// Next decides the state reached when it depends on the record (the manager's approval still due).
	Next func(c *StepContext) string
	// Apply records more than the fields and By/At (the manager's approval given with the supervisor's).
	Apply func(c *StepContext)
	// Bulk makes the step one the list takes on every open record at once, its fields asked once (the
	// visitors still on site signed out at the end of the day); it is not offered on a single record.
	Bulk bool
	// Decides marks a step that decides for someone else (an approval, a refusal, a record closed):
	// the window asks once more, naming the record, before it takes it with no fields to ask.
	Decides bool
}

// Clock gives a record in some states a deadline: it starts at a field's time or a step's recorded time
// and runs for a length in clock time or in working days; it stops when a step moves the record on.
type Clock struct {
	States []string
	Label  string // what the deadline is for: 离开, 放行, 完工检查
	// From is a form field (a date, or a date and time) or a life key a step recorded its time in.
	From string
	// FromWas is where the clock started before From was recorded: records saved before From had a
	// value keep the start they had.
	FromWas string
	// Length runs in clock time; WorkingDays in working days of the official calendar (to the end of
	// the last one). Setting names a setting that overrides the length, in hours or in working days.
	Length      time.Duration
	WorkingDays int
	Setting     string
	// EndOfDay runs the clock to the end of its start's day, plus Length (a message is delivered the
	// day it was left).
	EndOfDay bool
	// Due, when set, gives the deadline from the start as a date rule (a roster is due before the 25th
	// of the month before its own).
	Due func(start time.Time) time.Time
	// Reads says what the time left counts to, as a format of it ("逗留 %s 后超时": 逗留 3:58 后超时);
	// ReadsToday, when set, is read instead once the deadline falls by the end of today (a slip on
	// its last day: 当日有效，还剩 %s). The words say the state too: a list's status shows them in place
	// of its name. Empty reads 剩余 3:58; an overdue matter reads 超时 0:25.
	Reads, ReadsToday string
}

// StepContext is what a step's rules see.
type StepContext struct {
	Form   *Form
	Record *Record // the record being changed
	// Before is the record as it was before the step, in the state From.
	Before *Record
	From   string
	Values Input // the step's fields, validated
	Actor  Actor
	Now    time.Time
	Env    Env
}

// Env is what a form's rules need from the store: the manager's settings and the store's secrets.
type Env interface {
	Setting(key, def string) string
	// FirstRecord is the date of the desk's earliest record (false when it has none): what the rules
	// expect of a time before it is neither asked for nor counted.
	FirstRecord() (time.Time, bool)
	Secret(name string) ([]byte, error)
	// Records are the records of a form dated from (inclusive) to to (exclusive), voided ones left out,
	// oldest first (a zero from is the beginning): what a report computes from, the schedule an order
	// is priced by.
	Records(kind string, from, to time.Time) ([]*Record, error)
	// Has says whether a form has any record dated in [from, to), voided ones left out: what a rule
	// asks when the records themselves are not needed (a month with any duty log at all).
	Has(kind string, from, to time.Time) (bool, error)
	// Staff are the names of the desk's people: the enabled accounts that keep records (nil when the
	// store has no accounts yet).
	Staff() []string
	// Open are the open matters of every form, as a due list shows them at at, for nobody in
	// particular: what a handover gathers.
	Open(at time.Time) ([]Matter, error)
	// Units are the households of the registry (the visits' 5%, the questionnaires' occupied units).
	Units() ([]Unit, error)
	// Owner is the owner of one unit as the registry records them; false when it has no such unit
	// (what a form's RegistryCheck compares the record with).
	Owner(unit string) (Owner, bool, error)
	// Timings are how long each registration of a timed form dated in [from, to) took, voided ones left
	// out, oldest first: what the 60-second rule counts, read without the rest of each record.
	Timings(kind string, from, to time.Time) ([]Timing, error)
}

// Timing is how long one registration took (R1.3), when it is dated and who made it.
type Timing struct {
	Serial  string
	At      time.Time
	Seconds float64
	By      string
}

// Unit is a household of the registry as the rules count it.
type Unit struct {
	Unit     string
	Occupied bool
}

// StepRefusal refuses a step for a reason that is no one field's (only the incoming person signs).
type StepRefusal struct{ Message string }

func (e *StepRefusal) Error() string { return "step refused: " + e.Message }

// Chinese is the sentence the clerk reads.
func (e *StepRefusal) Chinese() string { return e.Message }

// Maker stands in a step's NotBy for the person who made the record.
const Maker = "@maker"

// StateVoid is the state every voided record is in, whatever its flow.
const StateVoid = "void"

// ErrStepState means the record is not in a state the step leaves from.
var ErrStepState = errors.New("record is not in a state for this step")

// ErrUnknownStep means the form has no such step.
var ErrUnknownStep = errors.New("unknown step")

// StepStateError says which step was refused in which state, for the Chinese message.
type StepStateError struct {
	Step, State string
}

func (e *StepStateError) Error() string { return fmt.Sprintf("step %s in state %s", e.Step, e.State) }
func (e *StepStateError) Unwrap() error { return ErrStepState }

// Chinese is the sentence the clerk reads.
func (e *StepStateError) Chinese() string {
	return fmt.Sprintf("这条记录现在是“%s”，不能进行“%s”。", e.State, e.Step)
}

// StateByKey returns a state of the flow.
func (fl *Flow) StateByKey(key string) (State, bool) {
	for _, s := range fl.States {
		if s.Key == key {
			return s, true
		}
	}
	return State{}, false
}

// StepByKey returns a step of the flow.
func (fl *Flow) StepByKey(key string) (Step, bool) {
	for _, s := range fl.Steps {
		if s.Key == key {
			return s, true
		}
	}
	return Step{}, false
}

// StepNameOf is the Chinese name of a step of one form's life ("" if it has none of that key).
func StepNameOf(kind, key string) string {
	if f, ok := FormByKey(kind); ok && f.Flow != nil {
		if st, ok := f.Flow.StepByKey(key); ok {
			return st.Name
		}
	}
	return ""
}

// StepName is the Chinese name of a step of any form, for the audit trail ("" if none has that key):
// the first form in navigation order that has the step names it (StepNameOf names a form's own).
func StepName(key string) string {
	for _, f := range Forms() {
		if f.Flow == nil {
			continue
		}
		if st, ok := f.Flow.StepByKey(key); ok {
			return st.Name
		}
	}
	return ""
}

// State is the record's state: voided, else as stored, else as its content implies, else the start.
func (f *Form) State(r *Record) State {
	if r.Voided() {
		return State{Key: StateVoid, Name: "作废"}
	}
	if f.Flow == nil {
		return State{Key: "", Name: r.StatusText()}
	}
	key := r.State
	if key == "" && f.Flow.Derive != nil {
		key = f.Flow.Derive(r)
	}
	if key == "" {
		key = f.Flow.Initial
	}
	st, ok := f.Flow.StateByKey(key)
	if !ok {
		return State{Key: key, Name: key}
	}
	return st
}

// Standing is where a record stands at a moment: its state's name as shown, whether its deadline has
// passed, and the deadline with the time left in the clock's words ("逗留 1:12 后超时") or overdue
// ("超时 0:25").
type Standing struct {
	Name     string
	Late     bool
	Deadline *Deadline
	Left     string
	// Worded says Left is in the clock's own words, which say the state too (逗留 3:58 后超时 is 在场).
	Worded bool
}

// Text is the standing as a list's status column says it: the state and the time left (在场 剩余
// 3:58), or the clock's own words alone (逗留 3:58 后超时), or overdue (逗留超时 超时 0:25).
func (s Standing) Text() string {
	switch {
	case s.Left == "":
		return s.Name
	case s.Worded:
		return s.Left
	}
	return s.Name + " " + s.Left
}

// StandingAt is the record's standing at now: what lists, the record and the boards show.
func (f *Form) StandingAt(r *Record, now time.Time, env Env) Standing {
	st := f.State(r)
	out := Standing{Name: st.Name}
	if f.Flow != nil && f.Flow.Show != nil && st.Key != StateVoid {
		out.Name = f.Flow.Show(r, st, now)
	}
	if d, ok := f.Deadline(r, env); ok {
		out.Deadline = &d
		out.Left, out.Late = d.Reading(now)
		out.Worded = !out.Late && (d.Reads != "" || d.ReadsToday != "")
		if out.Late && st.Late != "" {
			out.Name = st.Late
		} else if out.Late {
			out.Name += "·超时"
		}
	}
	return out
}

// Status is the state's name as a list shows it now, and whether it is late (shown in red).
func (f *Form) Status(r *Record, now time.Time, env Env) (string, bool) {
	s := f.StandingAt(r, now, env)
	return s.Name, s.Late
}

// Deadline is when an open matter is due, and whether the calendar knew every day it counted.
type Deadline struct {
	At    time.Time
	Label string
	Known bool
	Year  int // the year the calendar did not know, when !Known
	// Reads and ReadsToday are the clock's words for the time left (Clock.Reads).
	Reads, ReadsToday string
}

// ClockText writes a deadline's moment as the desk says it, the same on every screen: 12月8日 10:58,
// and a deadline at midnight as the end of the day before (12月3日 24:00, not 12月4日 00:00).
func ClockText(t time.Time) string {
	t = t.In(Shanghai)
	if t.Hour() == 0 && t.Minute() == 0 {
		return t.AddDate(0, 0, -1).Format("1月2日") + " 24:00"
	}
	return t.Format("1月2日 15:04")
}

// DueText writes a deadline with what it is for, the one way every screen writes one:
// 12月8日 10:58 前答复 (what may be empty: 12月8日 10:58 前).
func DueText(t time.Time, what string) string { return ClockText(t) + " 前" + what }

// Left says how long is left ("剩余 1:12") or how long it is overdue ("超时 0:25") at now.
func (d Deadline) Left(now time.Time) (string, bool) {
	diff := d.At.Sub(now)
	if diff < 0 {
		return "超时 " + spanText(-diff), true
	}
	return "剩余 " + spanText(diff), false
}

// Reading is the time left in the clock's own words ("逗留 3:58 后超时", "当日有效，还剩 18:12"), or
// Left's where the clock has none; overdue reads as Left does.
func (d Deadline) Reading(now time.Time) (string, bool) {
	diff := d.At.Sub(now)
	format := d.Reads
	if d.ReadsToday != "" {
		n := now.In(Shanghai)
		if !d.At.After(time.Date(n.Year(), n.Month(), n.Day()+1, 0, 0, 0, 0, Shanghai)) {
			format = d.ReadsToday
		}
	}
	if diff < 0 || format == "" {
		return d.Left(now)
	}
	return fmt.Sprintf(format, spanText(diff)), false
}

// StatusTexts are the ways a list's status may read for a state (Standing.Text), with the longest
// spans, for a screen to measure.
func (f *Form) StatusTexts(st State) []string {
	out := []string{st.Name}
	c, ok := Clock{}, false
	if f.Flow != nil && st.Open {
		c, ok = f.clock(st.Key)
	}
	if !ok {
		return out
	}
	long, day := spanText(47*time.Hour+59*time.Minute), spanText(23*time.Hour+59*time.Minute)
	late := st.Name + "·超时"
	if st.Late != "" {
		late = st.Late
	}
	out = append(out, late+" 超时 "+long)
	switch {
	case c.Reads != "":
		out = append(out, fmt.Sprintf(c.Reads, long))
	case c.ReadsToday == "":
		out = append(out, st.Name+" 剩余 "+long)
	}
	if c.ReadsToday != "" {
		out = append(out, fmt.Sprintf(c.ReadsToday, day))
	}
	return out
}

// spanText writes a span of time as the desk reads it: hours and minutes (3:58), whole days from two.
func spanText(diff time.Duration) string {
	mins := int(diff / time.Minute)
	if mins >= 48*60 {
		return fmt.Sprintf("%d天", mins/(24*60))
	}
	return fmt.Sprintf("%d:%02d", mins/60, mins%60)
}

// Minutes is the time left in whole minutes (negative when overdue).
func (d Deadline) Minutes(now time.Time) int {
	return int(d.At.Sub(now).Truncate(time.Minute) / time.Minute)
}

// Deadline is the record's deadline in its present state, if a clock runs in it.
func (f *Form) Deadline(r *Record, env Env) (Deadline, bool) {
	st := f.State(r)
	if f.Flow == nil || !st.Open {
		return Deadline{}, false
	}
	start, ok := f.clockStart(st.Key, r)
	if !ok {
		return Deadline{}, false
	}
	return f.DeadlineFrom(st.Key, start, env)
}

func (f *Form) clock(state string) (Clock, bool) {
	for _, c := range f.Flow.Clocks {
		for _, s := range c.States {
			if s == state {
				return c, true
			}
		}
	}
	return Clock{}, false
}

// clockStart is the time the clock of a state starts for a record.
func (f *Form) clockStart(state string, r *Record) (time.Time, bool) {
	c, ok := f.clock(state)
	if !ok {
		return time.Time{}, false
	}
	at := func(key string) (time.Time, bool) {
		if fl, ok := f.Field(key); ok {
			return ParseLocal(fl.Type, r.Values[key])
		}
		return ParseLocal(TypeDateTime, r.Life[key])
	}
	if t, ok := at(c.From); ok || c.FromWas == "" {
		return t, ok
	}
	return at(c.FromWas)
}

// DeadlineFrom is the deadline of a clock of a state that started at start: what the due lists compute
// from the open-matter index without reading the record.
func (f *Form) DeadlineFrom(state string, start time.Time, env Env) (Deadline, bool) {
	c, ok := f.clock(state)
	if !ok || start.IsZero() {
		return Deadline{}, false
	}
	d := c.deadline(start, env)
	d.Reads, d.ReadsToday = c.Reads, c.ReadsToday
	return d, true
}

// deadline is when the clock started at start runs out, by its length, working days or date rule.
func (c Clock) deadline(start time.Time, env Env) Deadline {
	n := -1
	if c.Setting != "" && env != nil {
		if v, err := strconv.Atoi(env.Setting(c.Setting, "")); err == nil && v > 0 {
			n = v
		}
	}
	if c.Due != nil {
		return Deadline{At: c.Due(start), Label: c.Label, Known: true}
	}
	if c.WorkingDays > 0 {
		days := c.WorkingDays
		if n > 0 {
			days = n
		}
		at, known := AddWorkingDays(start, days)
		d := Deadline{At: at, Label: c.Label, Known: known}
		if !known {
			d.Year = firstUnknownYear(start, at)
		}
		return d
	}
	length := c.Length
	if n > 0 {
		length = time.Duration(n) * time.Hour
	}
	if c.EndOfDay {
		d := start.In(Shanghai)
		start = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, Shanghai)
	}
	return Deadline{At: start.Add(length), Label: c.Label, Known: true}
}

func firstUnknownYear(from, to time.Time) int {
	for y := from.In(Shanghai).Year(); y <= to.In(Shanghai).Year(); y++ {
		if !CalendarKnows(y) {
			return y
		}
	}
	return to.Year()
}

// Text says who acts next on the record, in Chinese: the person a field names, or the roles.
func (w Who) Text(r *Record) string {
	if w.Field != "" {
		if v := r.Values[w.Field]; v != "" {
			return v
		}
		if v := r.Life[w.Field]; v != "" {
			return v
		}
	}
	if w.Perm == "" {
		return ""
	}
	var names []string
	for _, role := range RolesWith(w.Perm) {
		names = append(names, role.Chinese())
	}
	return strings.Join(names, "或")
}

// Short says who acts next where a line has little room: the person a field names, or else the first
// role that may (whose work it is: those above it may stand in), by its short name (值班员, 主管).
func (w Who) Short(r *Record) string {
	if w.Field != "" {
		if v := w.Text(r); v != "" && (r.Values[w.Field] != "" || r.Life[w.Field] != "") {
			return v
		}
	}
	if roles := RolesWith(w.Perm); w.Perm != "" && len(roles) > 0 {
		return roles[0].Short()
	}
	return ""
}

// StepsNow lists the steps that leave from the record's state and that the actor's role may take,
// in declaration order.
func (f *Form) StepsNow(r *Record, a Actor) []Step {
	if f.Flow == nil || r.Voided() {
		return nil
	}
	st := f.State(r).Key
	var out []Step
	for _, s := range f.Flow.Steps {
		if !s.Bulk && s.leavesFrom(st) && s.offered(r) && (s.Perm == "" || a.Can(s.Perm)) && f.personRefusal(s, r, a) == nil && f.notByRefusal(s, r, a) == nil {
			out = append(out, s)
		}
	}
	return out
}

// Refusal is why the actor may not take the step on the record as it is (nil when they may): the
// record's state, the role's permission, the one person the step is for. A screen asks it before it
// asks for anything, so nobody fills a dialog only to be refused.
func (f *Form) Refusal(r *Record, s Step, a Actor) error {
	from := f.State(r)
	if r.Voided() || !s.leavesFrom(from.Key) {
		return &StepStateError{Step: s.Name, State: from.Name}
	}
	if s.Perm != "" {
		if err := a.Need(s.Perm); err != nil {
			return err
		}
	}
	if err := f.personRefusal(s, r, a); err != nil {
		return err
	}
	return f.notByRefusal(s, r, a)
}

// notByRefusal refuses a step to the people its NotBy names: the record's maker, or the person a field
// names (D8).
func (f *Form) notByRefusal(s Step, r *Record, a Actor) error {
	for _, k := range s.NotBy {
		who, label := r.CreatedBy, "填写人"
		if k != Maker {
			who, label = r.Values[k], k
			if who == "" {
				who = r.Life[k]
			}
			if fl, ok := f.Field(k); ok {
				label = fl.Label
			}
		}
		if who != "" && who == a.Name {
			return &StepRefusal{Message: fmt.Sprintf("%s 是这份%s的%s，不能自己“%s”；请由其他有权限的人办理", a.Name, f.Title(), label, s.Name)}
		}
	}
	return nil
}

// personRefusal refuses a step that is one named person's to anyone else.
func (f *Form) personRefusal(s Step, r *Record, a Actor) error {
	if s.Person == "" {
		return nil
	}
	p := r.Values[s.Person]
	if p == a.Name {
		return nil
	}
	label := s.Person
	if fl, ok := f.Field(s.Person); ok {
		label = fl.Label
	}
	return &StepRefusal{Message: fmt.Sprintf("“%s”须由%s %s 本人登录后操作（现在登录的是 %s）", s.Name, label, p, a.Name)}
}

// NextSteps lists the steps that leave from the record's state, whoever may take them.
func (f *Form) NextSteps(r *Record) []Step {
	if f.Flow == nil || r.Voided() {
		return nil
	}
	st := f.State(r).Key
	var out []Step
	for _, s := range f.Flow.Steps {
		if !s.Bulk && s.leavesFrom(st) && s.offered(r) {
			out = append(out, s)
		}
	}
	return out
}

func (s Step) offered(r *Record) bool { return s.When == nil || s.When(r) }

func (s Step) leavesFrom(state string) bool {
	for _, f := range s.From {
		if f == state {
			return true
		}
	}
	return false
}

// BulkSteps are the steps the list takes on all its open records at once that the actor may take.
func (f *Form) BulkSteps(a Actor) []Step {
	if f.Flow == nil {
		return nil
	}
	var out []Step
	for _, s := range f.Flow.Steps {
		if s.Bulk && (s.Perm == "" || a.Can(s.Perm)) {
			out = append(out, s)
		}
	}
	return out
}

// FieldsNow are the fields the step asks for this record now.
func (s Step) FieldsNow(env Env, r *Record, now time.Time) []Field {
	if s.FieldsFor != nil {
		return s.FieldsFor(env, r, now)
	}
	return s.Fields
}

// StepForm is the step's fields as a form, so they are validated, shown and asked like any form's.
func (s Step) StepForm(f *Form, fields []Field) *Form {
	return &Form{Key: f.Key, Name: f.Name + "·" + s.Name, Fields: fields}
}

// TakeStep takes a step of a record's life: it checks the state, the permission, the step's fields and
// rules, and returns the changed copy of the record with what changed. The caller stores it whole or
// not at all.
func (f *Form) TakeStep(r *Record, key string, in Input, a Actor, now time.Time, env Env) (*Record, []Change, error) {
	if f.Flow == nil {
		return nil, nil, fmt.Errorf("%s: %w", f.Key, ErrUnknownStep)
	}
	step, ok := f.Flow.StepByKey(key)
	if !ok {
		return nil, nil, fmt.Errorf("%s %s: %w", f.Key, key, ErrUnknownStep)
	}
	if err := f.Refusal(r, step, a); err != nil {
		return nil, nil, err
	}
	from := f.State(r)
	fields := step.FieldsNow(env, r, now)
	vals, errs := Validate(step.StepForm(f, fields), in, now)
	if len(errs) > 0 {
		return nil, nil, errs
	}
	nr := r.clone()
	if nr.Life == nil {
		nr.Life = map[string]string{}
	}
	c := &StepContext{Form: f, Record: nr, Before: r, From: from.Key, Values: vals, Actor: a, Now: now, Env: env}
	if step.Check != nil {
		if err := step.Check(c); err != nil {
			return nil, nil, err
		}
	}
	changes := recordStep(f, step, fields, vals, nr, a, now)
	if step.Apply != nil {
		beforeLife, beforeVals := maps.Clone(nr.Life), maps.Clone(nr.Values)
		step.Apply(c)
		changes = append(changes, mapChanges(beforeVals, nr.Values)...)
		changes = append(changes, mapChanges(beforeLife, nr.Life)...)
	}
	changes = append(changes, tableChanges(r.Tables, nr.Tables)...)
	to := step.To
	if to == "" {
		to = from.Key
	}
	if step.Next != nil {
		if n := step.Next(c); n != "" {
			to = n
		}
	}
	nr.State = to
	if ns, ok := f.Flow.StateByKey(to); ok && to != from.Key {
		changes = append(changes, Change{Field: "状态", Old: from.Name, New: ns.Name})
	}
	return nr, changes, nil
}

// recordStep writes into the record what the step records: who took it and when, and the fields it
// asked (a field of the form into its values, one of the step's own into its life), with the changes.
func recordStep(f *Form, step Step, fields []Field, vals Input, nr *Record, a Actor, now time.Time) []Change {
	var changes []Change
	set := func(k, v string) {
		if fl, ok := f.Field(k); ok {
			if fl.Type == TypeDate {
				if t, ok := ParseLocal(TypeDateTime, v); ok {
					v = t.Format(LayoutDate)
				}
			}
			changes = append(changes, Change{Field: k, Old: nr.Values[k], New: v})
			nr.Values[k] = v
			return
		}
		changes = append(changes, Change{Field: k, Old: nr.Life[k], New: v})
		nr.Life[k] = v
	}
	if step.By != "" {
		set(step.By, a.Name)
	}
	if step.At != "" {
		set(step.At, now.In(Shanghai).Format(LayoutDateTime))
	}
	for _, fl := range fields {
		if fl.Type == TypeTable {
			if rows := vals.Tables[fl.Key]; len(rows) > 0 {
				if _, ok := f.Field(fl.Key); ok {
					if nr.Tables == nil {
						nr.Tables = map[string][]Row{}
					}
					nr.Tables[fl.Key] = rows
				}
			}
			continue
		}
		if v := vals.Get(fl.Key); v != "" {
			set(fl.Key, v)
		}
	}
	return changes
}

// tableChanges lists the tables a step changed, each written out whole (what was charged, line by
// line), for the audit trail.
func tableChanges(before, after map[string][]Row) []Change { return changesOf(before, after, rowsText) }

// mapChanges lists what differs between two maps, by key.
func mapChanges(before, after map[string]string) []Change {
	return changesOf(before, after, func(v string) string { return v })
}

// changesOf lists, by key in order, what differs between two maps once each value is written out.
func changesOf[V any](before, after map[string]V, text func(V) string) []Change {
	keys := slices.Sorted(maps.Keys(after))
	for k := range before {
		if _, ok := after[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []Change
	for _, k := range keys {
		if o, n := text(before[k]), text(after[k]); o != n {
			out = append(out, Change{Field: k, Old: o, New: n})
		}
	}
	return out
}

func rowsText(rows []Row) string {
	var lines []string
	for _, r := range rows {
		var cells []string
		for _, k := range slices.Sorted(maps.Keys(r)) {
			cells = append(cells, k+"="+r[k])
		}
		lines = append(lines, strings.Join(cells, " "))
	}
	return strings.Join(lines, "\n")
}

// clone is a deep copy of the record's values, tables and life.
func (r *Record) clone() *Record {
	nr := *r
	in := r.Input()
	nr.Values, nr.Tables = in.Values, in.Tables
	if len(nr.Tables) == 0 {
		nr.Tables = nil
	}
	if r.Life != nil {
		nr.Life = make(map[string]string, len(r.Life))
		for k, v := range r.Life {
			nr.Life[k] = v
		}
	}
	return &nr
}

// Matter is an open matter as the due lists show it.
type Matter struct {
	Serial   string    `json:"serial"`
	Kind     string    `json:"kind"`
	Form     string    `json:"form"`
	State    string    `json:"state"`
	Next     []string  `json:"next"`
	Who      string    `json:"who"`
	WhoShort string    `json:"-"` // who, where a line has little room: a person's name, or 值班员, 主管
	Mine     bool      `json:"mine"`
	Deadline time.Time `json:"deadline,omitzero"`
	Label    string    `json:"deadline_for,omitempty"`
	Minutes  *int      `json:"minutes_left,omitempty"`
	Left     string    `json:"left,omitempty"`
	Overdue  bool      `json:"overdue"`
	Warning  string    `json:"warning,omitempty"`
	// Fill are the values a new record starts with when the line is a record expected and not yet
	// made (the day to read, the shift and person of a no-show).
	Fill map[string]string `json:"fill,omitempty"`
}

// OpenEntry is what the open-matter index keeps of an open record, so the due lists need not read it:
// its serial, state, the start of the state's clock and who acts next.
type OpenEntry struct {
	Serial string
	State  string
	Start  time.Time
	Who    string
	// WhoPerson is set when Who names a person (from a field), not roles.
	WhoPerson bool
}

// Open returns the record's entry in the open-matter index, if it is an open matter.
func (f *Form) Open(r *Record) (OpenEntry, bool) {
	st := f.State(r)
	if f.Flow == nil || !st.Open {
		return OpenEntry{}, false
	}
	e := OpenEntry{Serial: r.Serial, State: st.Key, Who: st.Who.Text(r)}
	if st.Who.Field != "" && (r.Values[st.Who.Field] != "" || r.Life[st.Who.Field] != "") {
		e.WhoPerson = true
	}
	if t, ok := f.clockStart(st.Key, r); ok {
		e.Start = t.UTC()
	}
	return e, true
}

// Matter turns an index entry into the line a due list shows at now.
func (f *Form) Matter(e OpenEntry, a Actor, now time.Time, env Env) Matter {
	st, _ := f.Flow.StateByKey(e.State)
	m := Matter{Serial: e.Serial, Kind: f.Key, Form: f.Title(), State: st.Name, Who: e.Who, WhoShort: e.Who}
	if e.WhoPerson {
		m.Mine = e.Who == a.Name
	} else {
		m.Mine = st.Who.Perm == "" || a.Can(st.Who.Perm)
		m.WhoShort = st.Who.Short(&Record{})
	}
	// The next steps are those the person may take; a line that is someone else's names theirs.
	var all []string
	for _, s := range f.Flow.Steps {
		if !s.Bulk && s.leavesFrom(e.State) {
			all = append(all, s.Name)
			if s.Perm == "" || a.Can(s.Perm) {
				m.Next = append(m.Next, s.Name)
			}
		}
	}
	if len(m.Next) == 0 {
		m.Next = all
	}
	if d, ok := f.DeadlineFrom(e.State, e.Start, env); ok {
		m.Deadline, m.Label = d.At, d.Label
		mins := d.Minutes(now)
		m.Minutes = &mins
		m.Left, m.Overdue = d.Left(now)
		if m.Overdue && st.Late != "" {
			m.State = st.Late
		}
		if !d.Known {
			m.Warning = CalendarGap(d.Year)
		}
	}
	return m
}

// Expected is a record the rules expect by a deadline that nobody has made yet.
type Expected struct {
	State string // what the due list says: 待查阅（12月1日，6条）
	Who   Who    // who makes it (a permission)
	Label string // what the deadline is for: 查阅, 报经理
	At    time.Time
	Fill  map[string]string // the values the new record starts with
	// Serial, when set, is a record already made that something is expected of (an activity of the
	// year's plan to evaluate): the line opens it, and Step is the step it waits for.
	Serial, Step string
}

// ExpectedMatters are the form's expected records as due-list lines for the person at now: no serial
// yet, the step is making the record.
func (f *Form) ExpectedMatters(env Env, a Actor, now time.Time) ([]Matter, error) {
	if f.Expected == nil || f.ExpectedBy != "" && !a.Can(f.ExpectedBy) {
		return nil, nil
	}
	exp, err := f.Expected(env, now)
	if err != nil {
		return nil, fmt.Errorf("%s expected: %w", f.Key, err)
	}
	var out []Matter
	for _, e := range exp {
		if _, to, ok := f.PeriodOf(e.Fill); ok && BeforeFirstRecord(env, to) {
			continue // a period before the desk kept any record: nothing is asked of it
		}
		m := Matter{Kind: f.Key, Form: f.Title(), State: e.State, Next: []string{"新建"}, Who: e.Who.Text(&Record{}), WhoShort: e.Who.Short(&Record{}),
			Mine: e.Who.Perm == "" || a.Can(e.Who.Perm), Deadline: e.At, Label: e.Label, Fill: e.Fill}
		if e.Serial != "" {
			m.Serial, m.Next = e.Serial, []string{e.Step}
		}
		d := Deadline{At: e.At, Label: e.Label, Known: true}
		mins := d.Minutes(now)
		m.Minutes = &mins
		m.Left, m.Overdue = d.Left(now)
		out = append(out, m)
	}
	return out, nil
}

// SortMatters puts overdue matters first (the longest overdue first), then those with a deadline
// (the nearest first), then those without.
func SortMatters(ms []Matter) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if (a.Minutes != nil) != (b.Minutes != nil) {
			return a.Minutes != nil
		}
		if a.Minutes != nil && *a.Minutes != *b.Minutes {
			return *a.Minutes < *b.Minutes
		}
		return a.Serial < b.Serial
	})
}
