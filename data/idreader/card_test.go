package idreader

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"frontdesk/data"
)

var today = time.Date(2026, 11, 27, 10, 0, 0, 0, data.Shanghai)

func TestParseCardTypes(t *testing.T) {
	cases := []struct {
		name string
		msg  []byte
		want Card
	}{
		{"resident", residentCard("张伟", "11010519491231002x", "20350101"), Card{Type: TypeResident,
			DocType: data.DocResidentID, Name: "张伟", Sex: "男", Birth: "1949-12-31", Number: "11010519491231002X",
			ValidFrom: "2015-01-01", ValidTo: "2035-01-01"}},
		{"resident long-term", residentCard("欧阳娜娜", "11010519491231002X", "长期"), Card{Type: TypeResident,
			DocType: data.DocResidentID, Name: "欧阳娜娜", Sex: "男", Birth: "1949-12-31", Number: "11010519491231002X",
			ValidFrom: "2015-01-01", ValidTo: "长期"}},
		{"NUL padding", withoutPadding(residentCard("李娜", "11010519491231002X", "长期")), Card{Type: TypeResident,
			DocType: data.DocResidentID, Name: "李娜", Sex: "男", Birth: "1949-12-31", Number: "11010519491231002X",
			ValidFrom: "2015-01-01", ValidTo: "长期"}},
		{"residence permit J", permitCard(), Card{Type: TypePermit, DocType: data.DocResidencePermit,
			Name: "陈家明", Sex: "男", Birth: "1988-08-08", Number: "810000198808080013",
			ValidFrom: "2020-01-01", ValidTo: "2025-01-01", PassNumber: "H12345678"}},
		{"foreigner I", foreignerCard(), Card{Type: TypeForeigner, DocType: data.DocForeignPR,
			Name: "史密斯", EnglishName: "SMITH, JOHN PAUL", Sex: "男", Birth: "1979-05-21",
			Number: "USA110079052112", ValidFrom: "2017-06-15", ValidTo: "2027-06-14", Nationality: "USA"}},
		{"longer buffer", append(residentCard("王芳", "11010519491231002X", "长期"), make([]byte, 1024)...),
			Card{Type: TypeResident, DocType: data.DocResidentID, Name: "王芳", Sex: "男", Birth: "1949-12-31",
				Number: "11010519491231002X", ValidFrom: "2015-01-01", ValidTo: "长期"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.msg, today)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got != tc.want {
				t.Fatalf("got  %+v\nwant %+v", got, tc.want)
			}
			// The address is on the card but never in what the desk keeps.
			js, _ := json.Marshal(got)
			for _, s := range []string{"幸福路", "深圳", "公安局"} {
				if strings.Contains(string(js), s) {
					t.Fatalf("card keeps %q: %s", s, js)
				}
			}
		})
	}
}

func TestParseRefusals(t *testing.T) {
	good := residentCard("张伟", "11010519491231002X", "长期")
	noName := residentCard("", "11010519491231002X", "长期")
	badCheck := residentCard("张伟", "110105194912310021", "长期")
	badDate := residentCard("张伟", "11010519491231002X", "2035 1 1")
	odd := message(slot{resName, "张伟"}, slot{cardType, "Y"})
	badPermit := message(slot{resName, "陈家明"}, slot{resSex, "1"}, slot{resBirth, "19880808"},
		slot{resNumber, "11010519491231002X"}, slot{resFrom, "20200101"}, slot{resTo, "20250101"}, slot{cardType, "J"})
	badSex := message(slot{resName, "张伟"}, slot{resSex, "9"}, slot{resBirth, "19491231"},
		slot{resNumber, "11010519491231002X"}, slot{resFrom, "20150101"}, slot{resTo, "长期"})
	cases := []struct {
		name string
		msg  []byte
		want string
	}{
		{"empty", nil, "不完整（0字节"},
		{"short", good[:200], "不完整（200字节"},
		{"one byte short", good[:255], "不完整（255字节"},
		{"no name", noName, "没有读到姓名"},
		{"check digit", badCheck, "校验位错误"},
		{"end date", badDate, "有效期截止日期格式不对"},
		{"unknown type", odd, "不支持的证件类型“Y”"},
		{"permit number", badPermit, "810000"},
		{"sex", badSex, "性别无法识别"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.msg, today)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}

func TestCardExpiredAndMasked(t *testing.T) {
	c, err := Parse(permitCard(), today)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Expired(today) {
		t.Fatal("a permit valid to 2025-01-01 is expired on 2026-11-27")
	}
	c.ValidTo = "长期"
	if c.Expired(today) {
		t.Fatal("长期 never expires")
	}
	if m := c.Masked(); strings.Contains(m, "198808080013") || !strings.HasSuffix(m, "0013") {
		t.Fatalf("masked = %q", m)
	}
}

// FuzzParse: whatever a reader returns, Parse answers a card or an error, never a panic, and a card
// it answers has a valid number.
func FuzzParse(f *testing.F) {
	f.Add(residentCard("张伟", "11010519491231002X", "长期"))
	f.Add(permitCard())
	f.Add(foreignerCard())
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(b, today)
		if err != nil {
			return
		}
		if c.Name == "" || c.Number == "" || c.DocType == "" {
			t.Fatalf("card without name/number/type: %+v", c)
		}
	})
}
