// Package data is the engine of the front desk's records: how a paper form is declared (its fields,
// its life as a flow of states and steps, its clocks, rules, measures, settings and print), records,
// validation, permissions, the working-day calendar and the errors a clerk reads. It names no form:
// the rules' forms are declared in the packages under data/forms, which register with it (Register),
// and everything else (the store, the screens, the reports, the console) works from the registry.
// It links no database, encryption or spreadsheet library (the store in data/store implements what it
// declares) and no GUI package, so it builds and tests without cgo.
package data

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// FieldType names the kind of value a form field holds. The names are part of the `forms -json` contract.
type FieldType string

const (
	TypeText      FieldType = "text"      // one line of free text
	TypeMultiline FieldType = "multiline" // several lines of free text
	TypePerson    FieldType = "person"    // a person's name
	TypePhone     FieldType = "phone"     // mobile or landline number
	TypeIDNumber  FieldType = "idnumber"  // a document number; a 居民身份证 is checked (GB 11643)
	TypeUnit      FieldType = "unit"      // 楼栋-单元-房号, autocompleted from the household registry
	TypePlate     FieldType = "plate"     // vehicle plate
	TypeDate      FieldType = "date"      // 2006-01-02
	TypeTime      FieldType = "time"      // 15:04
	TypeDateTime  FieldType = "datetime"  // 2006-01-02 15:04
	TypeMonth     FieldType = "month"     // 2006-01
	TypeMoney     FieldType = "money"     // yuan with at most two decimals
	TypeInt       FieldType = "int"       // whole number within Min..Max
	TypeChoice    FieldType = "choice"    // one of Choices
	TypeBool      FieldType = "bool"      // 是 / 否
	TypeTable     FieldType = "table"     // rows of Columns (items, workers, schedule lines)
)

// Defaults a field can take when a new record is opened.
const (
	DefaultNow   = "now"   // current date and time
	DefaultToday = "today" // current date
	DefaultMonth = "month" // current month
	DefaultUser  = "user"  // the person at the desk (经办人): only a supervisor may name another

)

// What a field takes from the household registry when the unit is chosen.
const (
	FillOwner      = "owner"
	FillOwnerPhone = "owner_phone"
)

// Field declares one field of a paper form.
type Field struct {
	Key      string    `json:"key"`
	Label    string    `json:"label"`
	Type     FieldType `json:"type"`
	Required bool      `json:"required"`
	Choices  []string  `json:"choices,omitempty"`
	// Max is the longest text in characters (text kinds) or the largest value (int); 0 means the type's default.
	Max int `json:"max,omitempty"`
	Min int `json:"min,omitempty"`
	// Columns are the columns of a table field; MinRows the fewest rows it needs.
	Columns []Field `json:"columns,omitempty"`
	MinRows int     `json:"min_rows,omitempty"`
	// Default is filled into a new record: DefaultNow, DefaultToday, DefaultMonth, DefaultUser or a literal.
	Default string `json:"default,omitempty"`
	// Hint is shown as the entry's placeholder.
	Hint string `json:"hint,omitempty"`
	// Search puts the field into the search index (names, phones, units, plates).
	Search bool `json:"search,omitempty"`
	// DocTypeKey names the choice field that says which document an idnumber field holds.
	DocTypeKey string `json:"doc_type_key,omitempty"`
	// Fill names what the household registry fills in when the form's unit is chosen: FillOwner or
	// FillOwnerPhone (only into an empty field: what the clerk typed wins).
	Fill string `json:"fill,omitempty"`
	// Past marks a moment that has happened when it is recorded (a complaint's receipt): it may not
	// lie ahead of the clock.
	Past bool `json:"past,omitempty"`
	// Auto marks a field the record's life or the program fills (a reply's time, a fee worked out from
	// the schedule, a month's figures), never typed on the entry screen: the screen shows it read-only,
	// an edit keeps it as it is, and the paper prints it.
	Auto bool `json:"auto,omitempty"`
	// ChangedBy names the step of the record's life that alone changes the field once the record is
	// saved (the validity of a complaint the clerk proposed: the supervisor's 认定性质, with the reason).
	ChangedBy string `json:"changed_by,omitempty"`
	// Samples feed the example and demo generators with realistic values.
	Samples []string `json:"-"`
	// Sum marks a money total over a table's column (a plan's 总预算 over its lines): left empty it is
	// worked out when the record is saved, typed it must agree.
	Sum *Sum `json:"sum,omitempty"`
	// Picks are the common values offered under a free-text field as quick picks (来访事由: 访友, 快递,
	// 外卖…); a pick fills the field, which still takes any text.
	Picks []string `json:"picks,omitempty"`
	// Options, when set, are the values the field is best filled with now, worked out from the store
	// and what is already typed (the colleagues free for the hours a leave leaves), those that fit
	// first: the entry screen lists them under the field, which still takes any value its rules allow.
	Options func(env Env, in Input) []Option `json:"-"`
	// Grid, on a table field, has the table entered as a month grid (a row a person, a column a day, a
	// cell the person's column that day): the entry screen draws the grid and writes the lines from it.
	Grid *Grid `json:"-"`
}

// Option is one of a field's Options: the value, a word on it (当天休息; 当天早班，时间重叠), and whether
// it fits.
type Option struct {
	Value, Note string
	Fits        bool
}

// Sum names the table and its money column a total adds up.
type Sum struct {
	Table  string `json:"table"`
	Column string `json:"column"`
}

// Form declares one kind of record: a paper form of the service centre's rules.
type Form struct {
	Key    string  `json:"key"`
	Name   string  `json:"name"` // 物品放行条; Title() adds the book-title marks
	Short  string  `json:"-"`    // 投诉处理: the name where a line has little room (今日待办); "" uses Name
	Prefix string  `json:"prefix"`
	Group  string  `json:"group"`
	Rule   string  `json:"rule"` // the REQUIREMENTS.md IDs the form serves
	Fields []Field `json:"fields"`
	// DateKey names the field whose value dates the record for lists and date filters;
	// empty means the time the record was created.
	DateKey string `json:"date_key,omitempty"`
	// DateKeyWas is the field that dated the form's records before DateKey did: the store dates its
	// records anew when it upgrades (records without DateKey are dated by it still).
	DateKeyWas string `json:"-"`
	// ListColumns are the field keys shown in the list, after the serial.
	ListColumns []string `json:"list_columns"`
	// ScreenColumns, when set, are the fewer columns the window's list shows, so that they fit a
	// 1366-pixel screen beside the navigation (the printed register, on A4 landscape, keeps ListColumns;
	// the rest is on the record).
	ScreenColumns []string `json:"screen_columns,omitempty"`
	// Signatures are the signature lines printed at the foot of the form.
	Signatures []string `json:"signatures,omitempty"`
	// Stamp marks forms that are stamped (盖章) by hand, so the print leaves a stamp zone.
	Stamp bool `json:"stamp,omitempty"`
	// Retention is how long the record is kept, as the service centre's practice says.
	Retention string `json:"retention"`
	// Recall lists the fields a returning person's previous record fills in when the clerk picks them
	// (visitor log: type 2–3 characters of a name, phone or plate, pick, done).
	Recall []string `json:"recall,omitempty"`
	// Card names the fields an ID card placed on the desk's reader fills (the visitor log, R1.3).
	Card *CardFill `json:"card,omitempty"`
	// Notice is the personal-information notice shown on the entry screen and printed on the form.
	Notice string `json:"notice,omitempty"`
	// Check carries the rules across fields that a single field cannot express (an end before its start).
	Check func(in Input) FieldErrors `json:"-"`
	// CheckAt holds the rules that depend on the moment of saving and the settings (leave asked at
	// least a day before the shift begins, by the shift hours set).
	CheckAt func(env Env, in Input, now time.Time) FieldErrors `json:"-"`
	// Rules are cross-field rules that depend on the manager's settings (a permit's longest run).
	Rules func(env Env, in Input) FieldErrors `json:"-"`
	// Flow is the form's life (flow.go); nil for a record that is simply kept.
	Flow *Flow `json:"-"`
	// Print chooses the form's printed layout and what it prints besides the fields; nil: the generic
	// layout, one copy.
	Print *Print `json:"-"`
	// Access narrows who may write and read the form's records beyond the permission table.
	Access *Access `json:"-"`
	// Timed marks a form whose registrations are timed and shown against the 60-second rule (R1.3).
	Timed bool `json:"-"`
	// Summarize adds one of the form's records to the month's figures (summary.go).
	Summarize func(r *Record, sum *Summary) `json:"-"`
	// Compute fills the form's Auto fields from other records when it is saved (a month report's
	// figures from the month's complaints); a FieldErrors names what is missing to compute them.
	Compute func(env Env, in *Input, now time.Time) error `json:"-"`
	// Expected lists the records the rules expect by now that are not there yet (next month's roster
	// from the 20th, a day's duty log not yet read): the due lists show them beside the open records.
	Expected func(env Env, now time.Time) ([]Expected, error) `json:"-"`
	// ExpectedBy is the permission of those who make the expected records: nobody else's due list
	// asks for them.
	ExpectedBy Perm `json:"-"`
	// AtLogin gives the records a person's login at the desk makes (their arrival for the shift, D9).
	AtLogin func(env Env, a Actor, now time.Time) ([]Input, error) `json:"-"`
	// Prefill fills a new record's entry screen from the store, beyond the fields' defaults (a
	// handover's shifts, the incoming person on the roster, the items as last counted).
	Prefill func(env Env, in *Input, now time.Time) `json:"-"`
	// Internal marks a form whose records are for the centre's staff only (the duty log): every
	// export and register of them carries this line, and only PermExportInternal exports them.
	Internal string `json:"internal,omitempty"`
	// RegisterSign is who signs a printed register of the form's records for review; empty: 审阅人.
	RegisterSign string `json:"register_sign,omitempty"`
	// Measures are the numeric rules the form's records are measured by each month (compliance.go).
	Measures []Measure `json:"-"`
	// Repeat warns of a new record that repeats an open one (a visitor registered again while the earlier
	// visit is still on site) and offers the step that closes the earlier one.
	Repeat *Repeat `json:"-"`
	// Registry checks the record against the household registry before it is saved (registry.go).
	Registry *RegistryCheck `json:"registry,omitempty"`
	// MadeBy, when set, is the permission of the people whose record this is to make, as the rules name
	// them (the manager's monthly sample, the supervisor's training plan): nobody else adds or changes one.
	MadeBy Perm `json:"-"`
	// OnePer says the form is one record a period (a month's training plan, a year's culture plan): a
	// second one for the same period is refused unless it revises the first (period.go).
	OnePer *OnePer `json:"-"`
	// Settings are the manager's settings the form's rules read (settings.go): the settings screen and
	// the console list them, and the store holds them to their limits.
	Settings []Setting `json:"-"`
	// Pack says what the manager's month pack holds of the form: PackRecord prints the month's record
	// whole (the complaint report, the training plan), PackList lists the month's records (the quality
	// checks, the household visits); empty: nothing.
	Pack string `json:"-"`
}

// Repeat names what makes a new record repeat an open one: the same values of Keys (none empty), dated
// within Within before it; Show are the fields that tell the earlier one apart, and Step the step that
// closes it.
type Repeat struct {
	Keys, Show []string
	Within     time.Duration
	Step       string
}

// Repeats are the open records r repeats, by the form's Repeat.
func (f *Form) Repeats(r *Record, open []*Record) []*Record {
	if f.Repeat == nil {
		return nil
	}
	var out []*Record
	for _, o := range open {
		if o.ID == r.ID || o.Voided() || !f.State(o).Open {
			continue
		}
		same := true
		for _, k := range f.Repeat.Keys {
			v := r.Values[k]
			if v == "" || v != o.Values[k] {
				same = false
				break
			}
		}
		if same {
			out = append(out, o)
		}
	}
	return out
}

// What the month pack holds of a form (Form.Pack).
const (
	PackRecord = "record"
	PackList   = "list"
)

// Print is what a form's printed paper needs besides its fields.
type Print struct {
	// Layout names a hand-tuned layout (PrintSlip); empty is the layout derived from the declaration.
	Layout string
	// Grid names the fields of a PrintMonthGrid layout.
	Grid *Grid
	// Copies are printed one after another, each headed by its name (存根, 作业人员执).
	Copies []string
	// PerPage says how many copies share a page (the three copies of a slip on one A4 page, or one).
	PerPage func(env Env) int
	// Code is a verification code printed on the paper, derived from what it says.
	Code func(env Env, r *Record) (string, error)
	// Notes are the lines of the record's life printed under the fields (approvals, close-out).
	Notes func(r *Record, now time.Time) []string
	// Changes are lines from other records that changed what this one says since it was fixed (a
	// roster's approved leave and swaps), printed after the notes.
	Changes func(env Env, r *Record) ([]string, error)
	// Invalid says why a paper printed now must not be taken as valid ("" when it may): printed
	// across every page, with no stamp zone.
	Invalid func(r *Record, now time.Time) string
	// Chart is a chart of the record's figures printed after its fields (a survey's answers per
	// question); nil when there is none yet.
	Chart func(r *Record) *StackedChart
}

// PrintSlip is the hand-tuned layout of a slip in several copies with cut lines (reports/release.go).
const PrintSlip = "slip"

// PrintMonthGrid is a month's table printed as a sheet for the wall: a row a person, a column a day
// (reports/monthgrid.go); the form's Print.Grid names its fields.
const PrintMonthGrid = "month_grid"

// Grid names the fields a month grid is drawn from: the month, the table of days, the table's date
// column; the table's person columns are the shifts, each shown by the first character of its label.
type Grid struct {
	Month, Table, Date string
	// Keys are the letters that pick each of the table's person columns on the entry grid, in the
	// columns' order (z 早班, from the pinyin); the digits 1, 2, 3… pick them too.
	Keys []string
	// People are whom the entry grid has a row for besides those the table already names (the desk's
	// people), in order.
	People func(env Env) []string
}

// Access narrows who may write and read a form's records: the quality checks of D18–D19 are the
// supervisors', and a clerk sees and records only checks of their own work.
type Access struct {
	// ReadAll is the permission to read every record; without it Read decides record by record.
	ReadAll Perm
	Read    func(a Actor, r *Record) bool
	// Write decides whether the actor may save this input (nil error) and why not.
	Write func(a Actor, in Input) error
	// Own fills what makes a new record one the actor may save (a clerk's example is a self-check).
	Own func(a Actor, in *Input)
}

// MayRead says whether the actor may see the record.
func (f *Form) MayRead(a Actor, r *Record) bool {
	if !a.Can(PermRecordRead) {
		return false
	}
	if f.Access == nil || f.Access.Read == nil || a.Can(f.Access.ReadAll) {
		return true
	}
	return f.Access.Read(a, r)
}

// ReadsAll says whether the actor sees every record of the form (no record-by-record filter).
func (f *Form) ReadsAll(a Actor) bool {
	return f.Access == nil || f.Access.Read == nil || a.Can(f.Access.ReadAll)
}

// MayWrite says whether the actor may save this input as a record of the form.
func (f *Form) MayWrite(a Actor, in Input) error {
	if err := f.MayMake(a); err != nil {
		return err
	}
	if f.Access != nil && f.Access.Write != nil {
		return f.Access.Write(a, in)
	}
	return a.Need(PermRecordWrite)
}

// MayMake says whether the actor may make (or change) a record of the form at all: a form whose rules
// name its maker (MadeBy) is refused to everyone else, with the roles that may.
func (f *Form) MayMake(a Actor) error {
	if f.MadeBy != "" {
		return a.Need(f.MadeBy)
	}
	return nil
}

// UnitField is the key of the form's first unit field (the household the record is about), or "".
func (f *Form) UnitField() string {
	for _, fl := range f.Fields {
		if fl.Type == TypeUnit {
			return fl.Key
		}
	}
	return ""
}

// CardFill names the fields of a form that a read ID card fills: the person's name, the document
// type (a choice among DocTypes) and the document number.
type CardFill struct {
	Name    string `json:"name"`
	DocType string `json:"doc_type"`
	Number  string `json:"number"`
}

// Title is the form's name as printed on paper: 《物品放行条》.
func (f *Form) Title() string { return "《" + f.Name + "》" }

// ShortName is the form's name where a line has little room: its Short, else its Name.
func (f *Form) ShortName() string {
	if f.Short != "" {
		return f.Short
	}
	return f.Name
}

// Field returns the declaration of the field with the given key.
func (f *Form) Field(key string) (Field, bool) {
	for _, fl := range f.Fields {
		if fl.Key == key {
			return fl, true
		}
	}
	return Field{}, false
}

// Navigation groups of the main window, in the order the front desk works.
const (
	GroupDesk         = "前台登记"
	GroupConstruction = "施工装修"
	GroupService      = "服务与投诉"
	GroupDuty         = "值班"
	GroupQuality      = "品质检查"
	GroupVisits       = "走访与问卷"
	GroupTraining     = "培训与文化"
)

// Groups lists the navigation groups that hold forms, in display order.
var Groups = []string{GroupDesk, GroupConstruction, GroupService, GroupDuty, GroupQuality, GroupVisits, GroupTraining}

var (
	formList  []*Form
	formByKey = map[string]*Form{}
)

func Register(f *Form) {
	if _, dup := formByKey[f.Key]; dup {
		panic(fmt.Sprintf("form %s declared twice", f.Key))
	}
	formList = append(formList, f)
	formByKey[f.Key] = f
	registerSettings(f)
}

// Forms returns every declared form in navigation order (group, then declaration order).
func Forms() []*Form {
	out := append([]*Form(nil), formList...)
	rank := map[string]int{}
	for i, g := range Groups {
		rank[g] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Group] < rank[out[j].Group] })
	return out
}

// FormByKey returns the declaration of a form kind.
func FormByKey(key string) (*Form, bool) {
	f, ok := formByKey[key]
	return f, ok
}

// FormsInGroup returns the forms of one navigation group.
func FormsInGroup(group string) []*Form {
	var out []*Form
	for _, f := range formList {
		if f.Group == group {
			out = append(out, f)
		}
	}
	return out
}

// Retention is how many months a form's personal fields are kept; 0 means for good (长期).
func (f *Form) DefaultRetentionMonths() int {
	switch f.Retention {
	case "1年":
		return 12
	case "3年":
		return 36
	}
	return 0
}

// ErrUnknownForm means a form kind that is not declared.
var ErrUnknownForm = errors.New("unknown form kind")
