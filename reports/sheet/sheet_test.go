package sheet

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"frontdesk/data"
	"frontdesk/data/demo"
	"frontdesk/reports"
)

var printedAt = time.Date(2026, 11, 27, 10, 0, 0, 0, data.Shanghai)

// exampleRecord is a record of the form with every field filled, its life's too.
func exampleRecord(f *data.Form, seed int64) *data.Record {
	return demo.Lived(f, seed, printedAt, "陈佳")
}

// Every form exports as a spreadsheet that Excel reads back with every printed value in it: labels,
// values, each table's header and rows; a phone masked as on paper; a formula typed as text stays its
// text, with no apostrophe.
func TestRecordXLSXHasEveryValue(t *testing.T) {
	for _, f := range data.Forms() {
		rec := exampleRecord(f, 5)
		for _, fl := range f.Fields {
			if fl.Type == data.TypeText && !fl.Auto && rec.Values[fl.Key] != "" {
				rec.Values[fl.Key] = "=1+1"
				break
			}
		}
		var buf bytes.Buffer
		if err := Record(&buf, rec, reports.Options{PropertyName: "城市假日花园客户服务中心", PrintedAt: printedAt}); err != nil {
			t.Fatalf("%s: %v", f.Key, err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("%s: %v", f.Key, err)
		}
		rows, err := x.GetRows(x.GetSheetName(0))
		if err != nil {
			t.Fatalf("%s: %v", f.Key, err)
		}
		var cells []string
		for _, r := range rows {
			cells = append(cells, r...)
		}
		all := "\x00" + strings.Join(cells, "\x00") + "\x00"
		want := []string{f.Title(), rec.Serial}
		for _, fl := range f.Fields {
			if fl.Type == data.TypeTable {
				for _, c := range fl.Columns {
					want = append(want, c.Label)
				}
				for _, r := range rec.Tables[fl.Key] {
					for _, c := range fl.Columns {
						if v := r[c.Key]; v != "" && c.Type != data.TypePhone {
							want = append(want, data.Display(c, v))
						}
					}
				}
				continue
			}
			v := rec.Values[fl.Key]
			if fl.Type == data.TypePhone {
				v = data.MaskPhone(v)
			} else {
				v = data.Display(fl, v)
			}
			want = append(want, fl.Label, v)
		}
		for _, w := range want {
			if w != "" && !strings.Contains(all, "\x00"+w+"\x00") {
				t.Errorf("%s spreadsheet lacks %q", f.Key, w)
			}
		}
		x.Close()
	}
}

// A text longer than a cell holds is cut, and says so.
func TestLongTextIsCutVisibly(t *testing.T) {
	f, _ := data.FormByKey("complaint")
	rec := exampleRecord(f, 1)
	rec.Values["followups"] = strings.Repeat("跟进", 20000)
	var buf bytes.Buffer
	if err := Record(&buf, rec, reports.Options{PrintedAt: printedAt}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(x.GetSheetName(0))
	found := false
	for _, r := range rows {
		if len(r) > 1 && r[0] == "跟进记录（跟进好）" {
			found = strings.HasSuffix(r[1], "（以下略，全文见打印件）") && len([]rune(r[1])) < 32767
		}
	}
	if !found {
		t.Errorf("the long follow-up log is not cut with its mark")
	}
}
