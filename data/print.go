package data

// PrintDetails is what a record's print needs from the store besides the record: the estate's name,
// how often it was printed, whether this person sees personal data in full, and what its form's own
// layout asks for (a slip's verification code and copies a page; a permit's copies and life lines).
// The window and the console both print through it, so their papers cannot differ.
type PrintDetails struct {
	PropertyName string
	// Layout is the form's hand-tuned layout, if it has one (PrintSlip).
	Layout       string
	Reprint      int
	ShowPersonal bool
	// Code is the verification code printed on the paper (Print.Code), PerPage how many of its copies
	// share a page (Print.PerPage).
	Code    string
	PerPage int
	Copies  []string
	Notes   []string
	// Invalid, when set, is printed across every page (未批准·不得动火) and the stamp zone is left off:
	// a paper that must not be taken for a valid one.
	Invalid string
}

// StackedChart is a chart of counts per label, each split into parts (a survey's answers per question).
type StackedChart struct {
	Title  string
	Axis   string // what the bars count (份数); empty: 份数
	Labels []string
	Parts  []string
	Values [][]float64 // per label, per part
}
