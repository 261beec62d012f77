package ui

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/forms/building"
	"frontdesk/data/forms/service"
)

// topDialog is the dialog in front, or a failure when none is open.
func (h *harness) topDialog() *openDialog {
	h.t.Helper()
	if len(h.sh.dialogs) == 0 || h.win.Canvas().Overlays().Top() == nil {
		h.t.Fatal("no dialog is open")
	}
	return h.sh.dialogs[len(h.sh.dialogs)-1]
}

// windowKey is a key pressed with the keyboard on no widget (the person clicked beside the buttons).
func (h *harness) windowKey(name fyne.KeyName) {
	h.win.Canvas().Unfocus()
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// A print on a PC with no PDF viewer says so in its title and where the file is; Enter and Esc close
// the notice, on its button or with the keyboard on none, and while it is open neither Esc nor Ctrl+N
// reaches the visitor form behind it.
func TestTheNoViewerNoticeTakesEnterAndEscAndKeepsKeysFromTheForm(t *testing.T) {
	h := newHarness(t)
	h.sh.openURL = func(*url.URL) error { return errors.New("no program for .pdf") }
	rec := savedRecord(t, h)
	l := h.list("visitor")
	h.shortcut(fyne.KeyN)
	e := l.editor
	if e == nil {
		t.Fatal("Ctrl+N opened no visitor form")
	}
	h.typeText("张")
	for i, press := range []func(){
		func() { h.key(fyne.KeyReturn) },       // on 知道了
		func() { h.key(fyne.KeyEscape) },       // on 知道了
		func() { h.windowKey(fyne.KeyEscape) }, // on nothing
		func() { h.windowKey(fyne.KeyReturn) }, // on nothing
	} {
		h.sh.printRecord(rec)
		d := h.topDialog()
		if d.title != "没有找到PDF阅读器" {
			t.Errorf("title %q; want 没有找到PDF阅读器", d.title)
		}
		text := labelsIn(d.body)
		if !strings.Contains(text, rec.Serial+".pdf") {
			t.Errorf("the notice does not say where the file is: %q", text)
		}
		for _, line := range strings.Split(text, "\n") {
			if r := []rune(line); len(r) > 0 && strings.ContainsRune(closingMarks, r[0]) {
				t.Errorf("a line of the notice starts with %q: %q", string(r[0]), line)
			}
		}
		h.shortcut(fyne.KeyN) // kept from the list behind
		h.windowKey(fyne.KeyEscape)
		if l.editor != e || len(h.sh.dialogs) != 0 {
			t.Fatalf("press %d: a key reached the form behind the notice, or Esc left the notice open (dialogs %d)", i, len(h.sh.dialogs))
		}
		h.sh.printRecord(rec)
		press()
		if len(h.sh.dialogs) != 0 || h.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("press %d did not close the notice", i)
		}
		if l.editor != e || e.inputs["visitor_name"].get() != "张" {
			t.Fatalf("press %d reached the form behind the notice", i)
		}
	}
}

// No dialog is shown but through the shell's dialogs (so every one takes Enter and Esc and keeps keys
// from the screen behind it): Fyne's ready-made dialogs, whose buttons ignore Enter, are not used.
func TestEveryDialogGoesThroughTheShell(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	ready := regexp.MustCompile(`dialog\.(Show\w*|NewConfirm|NewCustomConfirm|NewInformation|NewError|NewCustom)\(`)
	shown := regexp.MustCompile(`\b(d|\w+\.d)\.Show\(\)`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "dialogs.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range []*regexp.Regexp{ready, shown} {
			if m := re.Find(b); m != nil {
				t.Errorf("%s: %s; show dialogs with the shell's choose, inform, confirm or showDialog", f, m)
			}
		}
	}
}

func TestBreakLinesSetsChineseMarks(t *testing.T) {
	runes := func(s string) float32 { return float32(len([]rune(s))) }
	for _, tc := range []struct {
		text  string
		width float32
		want  []string
	}{
		{"请用PDF阅读器打开，打印时选“实际大小”。", 8, []string{"请用PDF阅读器", "打开，打印时选", "“实际大小”。"}},
		{"文件在这里。", 5, []string{"文件在这里。"}},                                        // the full stop hangs
		{"编号 FX-20261127-001 已打印", 16, []string{"编号", "FX-20261127-001", "已打印"}}, // a code kept whole
		{"FX-20261127-001", 10, []string{"FX-2026112", "7-001"}},                 // unless it is longer than a line
		{"一二\n三四五六", 3, []string{"一二", "三四五", "六"}},
		{"最早 2026-11-26", 10, []string{"最早", "2026-11-26"}}, // the space at the break goes
		{"最早 2026", 2, []string{"最早", "20", "26"}},
	} {
		if got := breakLines(tc.text, tc.width, runes); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("breakLines(%q, %v) = %q; want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

// A step that decides for someone and asks nothing (the manager's approval of hot work out of hours)
// is asked once more, naming the record: Esc leaves the permit as it was, Enter approves it.
func TestADecisionIsConfirmedNamingTheRecord(t *testing.T) {
	h := newHarnessAs(t, "liu")
	in := permitInput()
	in.Values["start"], in.Values["end"] = "2026-11-27 18:30", "2026-11-27 20:30" // after hours: the manager's too
	rec, err := h.store.Create(deskClerk, "hotwork", in)
	if err != nil {
		t.Fatal(err)
	}
	sup := data.Actor{Login: "wang", Name: "王主管", Role: data.RoleSupervisor}
	if rec, err = h.store.Step(sup, rec.Serial, "approve", data.NewInput()); err != nil || rec.State != "manager" {
		t.Fatalf("the supervisor's approval: %v, state %s", err, rec.State)
	}
	l := h.list("hotwork")
	l.open(rec)
	approve := findButton(l.editor.life, "经理批准")
	if approve == nil {
		t.Fatal("no 经理批准 on the permit")
	}
	state := func() string { got, _ := h.store.BySerial(h.sh.actor, rec.Serial); return got.State }
	test.Tap(approve)
	d := h.topDialog()
	if !strings.Contains(d.title, rec.Serial) || !strings.Contains(labelsIn(d.body), rec.Serial) || state() != "manager" {
		t.Fatalf("no confirmation naming the record: %q %q, state %s", d.title, labelsIn(d.body), state())
	}
	h.key(fyne.KeyEscape)
	if len(h.sh.dialogs) != 0 || state() != "manager" {
		t.Fatalf("Esc: dialogs %d, state %s", len(h.sh.dialogs), state())
	}
	test.Tap(findButton(l.editor.life, "经理批准"))
	h.key(fyne.KeyReturn)
	if got, _ := h.store.BySerial(h.sh.actor, rec.Serial); building.HotWorkStatus(got, testNow) != building.HotApproved {
		t.Errorf("Enter did not approve: state %s", got.State)
	}
}

// buttonTexts is the text of every button under o.
func buttonTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case nil:
			return
		case *widget.Button:
			out = append(out, w.Text)
		case *okButton:
			out = append(out, w.Text)
		case *tipButton:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// A step the person logged in may not take is not a button, on any list or on the record (F1 still
// says who takes it): the clerk is offered neither 认定性质 nor an approval.
func TestStepsOneMayNotTakeAreNoButtons(t *testing.T) {
	h := newHarness(t) // the clerk
	in := data.NewInput()
	in.Values = map[string]string{"unit": "3-2-1201", "complainant": "李娜", "phone": "13812345678", "channel": "电话", "category": "服务态度",
		"received": "2026-11-27 08:30", "content": "前台接待不耐烦", "validity": service.ComplaintValid, "urgency": "一般", "clerk": "陈佳"}
	rec, err := h.store.Create(h.sh.actor, "complaint", in)
	if err != nil {
		t.Fatal(err)
	}
	offered := func(where string, o fyne.CanvasObject, f *data.Form) {
		for _, b := range buttonTexts(o) {
			for _, st := range f.Flow.Steps {
				if strings.HasPrefix(b, st.Name) && st.Perm != "" && !h.sh.actor.Can(st.Perm) {
					t.Errorf("%s: the clerk is offered %q", where, b)
				}
			}
		}
	}
	for _, f := range data.Forms() {
		if f.Flow == nil || !h.sh.allowed("form:"+f.Key) {
			continue
		}
		l := h.list(f.Key)
		offered(f.Title()+"的列表", l.view(), f)
	}
	l := h.list("complaint")
	l.open(rec)
	offered("投诉记录", h.win.Content(), l.form)
}

// An approved permit's fields are read-only on screen, with the reason on the status line and the way
// to change it (a new one); typing changes nothing and Ctrl+S saves nothing.
func TestAFixedRecordIsReadOnlyOnScreen(t *testing.T) {
	h := newHarnessAs(t, "wang")
	rec, err := h.store.Create(deskClerk, "hotwork", permitInput())
	if err != nil {
		t.Fatal(err)
	}
	if rec, err = h.store.Step(h.sh.actor, rec.Serial, "approve", data.NewInput()); err != nil || rec.State != "approved" {
		t.Fatalf("approval: %v, state %s", err, rec.State)
	}
	l := h.list("hotwork")
	l.open(rec)
	e := l.editor
	if !strings.Contains(e.status.Text, "不能再修改") || !strings.Contains(e.status.Text, "新建") {
		t.Errorf("status line %q; want why it is read-only and what to do", e.status.Text)
	}
	for key, in := range e.inputs {
		if d, ok := in.focusable().(fyne.Disableable); !ok || !d.Disabled() {
			t.Errorf("field %s takes typing on an approved permit", key)
		}
	}
	for key, tb := range e.tables {
		for _, cell := range tb.focusables() {
			if d, ok := cell.focusable().(fyne.Disableable); !ok || !d.Disabled() {
				t.Errorf("a cell of %s takes typing on an approved permit", key)
			}
		}
	}
	// A reading sent (fixed while it waits) keeps its multi-line note read-only too.
	read := data.NewInput()
	read.Values = map[string]string{"day": "2026-11-27", "note": "今日记录共一页"}
	sent, err := h.store.Create(h.sh.actor, "log_read", read)
	if err != nil {
		t.Fatal(err)
	}
	rl := h.list("log_read")
	rl.open(sent)
	if d, ok := rl.editor.inputs["note"].focusable().(fyne.Disableable); !ok || !d.Disabled() {
		t.Error("the reading's note takes typing once sent")
	}
	l = h.list("hotwork")
	l.open(rec)
	e = l.editor
	c := e.inputs["content"].focusable()
	test.Type(c, "改")
	h.win.Canvas().Focus(c)
	h.shortcut(fyne.KeyS)
	if got, _ := h.store.BySerial(h.sh.actor, rec.Serial); got.Version != rec.Version || got.Values["content"] != rec.Values["content"] {
		t.Errorf("the approved permit changed: %q (version %d → %d)", got.Values["content"], rec.Version, got.Version)
	}
}
