package ui

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/service"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// 本月达标 in the window: the supervisor sees each rule's figure with its colour; a red row lists the
// records behind it, and one opens on its form's screen; the charts draw; a clerk has no board.
func TestBoardShowsTheMonthAndOpensWhatIsBehind(t *testing.T) {
	h := newHarnessAs(t, "wang")
	complaint := func(received, reply string) string {
		in := data.NewInput()
		in.Values = map[string]string{"unit": "3-2-1201", "complainant": "李娜", "phone": "13812345678", "channel": "电话", "category": "服务态度",
			"received": received, "content": "前台接待不耐烦", "validity": service.ComplaintValid, "urgency": "一般", "clerk": "王主管"}
		r, err := h.store.Create(h.sh.actor, "complaint", in)
		if err != nil {
			t.Fatal(err)
		}
		if reply != "" {
			st := data.NewInput()
			st.Values = map[string]string{"reply_time": reply, "reply_way": "电话", "reply_content": "已致歉并说明处理安排", "settled": "是"}
			if _, err := h.store.Step(h.sh.actor, r.Serial, "reply", st); err != nil {
				t.Fatal(err)
			}
		}
		return r.Serial
	}
	onTime := complaint("2026-11-20 09:00", "2026-11-20 10:00")
	late := complaint("2026-11-21 09:00", "2026-11-21 12:00")
	_ = onTime
	h.sh.Show(navBoard)
	b, ok := h.sh.Current().(*boardScreen)
	if !ok {
		t.Fatalf("the board did not open: %T", h.sh.Current())
	}
	row := -1
	for i, r := range b.rows {
		if r.Measure.Key == "complaint_reply" {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("no complaint row on the board: %d rows", len(b.rows))
	}
	value := b.table.CreateCell().(*widget.Label)
	b.updateCell(widget.TableCellID{Row: row, Col: 1}, value)
	verdict := b.table.CreateCell().(*widget.Label)
	b.updateCell(widget.TableCellID{Row: row, Col: 3}, verdict)
	if value.Text != "50.0%" || verdict.Text != "未达标" || verdict.Importance != widget.DangerImportance {
		t.Errorf("complaint row: %q %q (importance %v)", value.Text, verdict.Text, verdict.Importance)
	}
	if !b.next.Disabled() {
		t.Error("下月 is offered on the month under way")
	}
	if !strings.Contains(b.info.Text, "未达标") || !strings.Contains(b.monthLbl.Text, "2026年11月") {
		t.Errorf("board heading %q, %q", b.monthLbl.Text, b.info.Text)
	}
	// The appraisal tab counts the late reply against the person who took the complaint.
	col := -1
	for i, c := range b.appraisal.Columns {
		if c == "投诉超时答复" {
			col = i
		}
	}
	if col < 0 || b.appraisal.Counts["王主管"][col] != 1 || b.appraisal.Counts["陈佳"][col] != 0 {
		t.Errorf("appraisal %+v", b.appraisal)
	}
	b.table.Select(widget.TableCellID{Row: row, Col: 0})
	if len(b.items) != 1 || b.items[0].Serial != late || !strings.Contains(b.detail.Text, "未达标涉及") {
		t.Fatalf("behind the red figure: %+v; %q", b.items, b.detail.Text)
	}
	b.behind.Select(0)
	l, ok := h.sh.Current().(*listScreen)
	if !ok || l.form.Key != "complaint" || l.editor == nil || l.editor.rec == nil || l.editor.rec.Serial != late {
		t.Fatalf("the late complaint did not open: %T", h.sh.Current())
	}

	// The charts: the registration times, the complaints by week and the year's key rates.
	h.sh.Show(navBoard)
	b.tabs.SelectIndex(1)
	images := 0
	for _, o := range b.charts.Objects {
		if _, ok := o.(*canvas.Image); ok {
			images++
		} else if lb, ok := o.(*widget.Label); ok {
			t.Errorf("chart tab says %q", lb.Text)
		}
	}
	if images != 3 {
		t.Errorf("%d charts drawn; want 3", images)
	}
	// Last month: nothing recorded, nothing red from these complaints.
	findButton(b.box, "上月").OnTapped()
	if !strings.Contains(b.monthLbl.Text, "2026年10月") || b.next.Disabled() {
		t.Errorf("上月 shows %q (下月 disabled %v)", b.monthLbl.Text, b.next.Disabled())
	}
	for _, r := range b.rows {
		if r.Measure.Key == "complaint_reply" && r.Figure.Verdict != data.VerdictNone {
			t.Errorf("October's complaints: %+v", r.Figure)
		}
	}

	// The month pack, from the board's button: a PDF and a spreadsheet in the export folder, the PDF
	// opened.
	h.sh.exportDir = t.TempDir()
	var opened []string
	h.sh.openFileHook = func(p string) { opened = append(opened, p) }
	b.month = testNow
	findButton(b.box, "月度资料包").OnTapped()
	if len(opened) != 1 || !strings.HasSuffix(opened[0], "2026-11 月度资料包.pdf") {
		t.Fatalf("the month pack opened %v", opened)
	}
	if _, err := os.Stat(strings.TrimSuffix(opened[0], ".pdf") + ".xlsx"); err != nil {
		t.Errorf("no spreadsheet beside the pack: %v", err)
	}
	out, err := exec.Command("pdftotext", opened[0], "-").Output()
	if err != nil || !strings.Contains(string(out), "2026年11月 月度资料包") || !strings.Contains(string(out), late) {
		t.Errorf("month pack: %v\n%s", err, out)
	}

	c := newHarness(t)
	if c.sh.allowed(navBoard) {
		t.Error("a clerk may open the board")
	}
}
