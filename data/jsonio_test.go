package data

import (
	"strings"
	"testing"
)

// A record's JSON with a key written twice is refused: which of the two was meant, nobody can say.
func TestParseFlatJSONRefusesAKeyTwice(t *testing.T) {
	f := &Form{Key: "t", Name: "测试表", Fields: []Field{
		{Key: "name", Label: "姓名", Type: TypePerson},
		{Key: "items", Label: "物品", Type: TypeTable, Columns: []Field{{Key: "name", Label: "名称", Type: TypeText}, {Key: "qty", Label: "数量", Type: TypeInt}}},
	}}
	for _, tt := range []struct {
		json, want string
	}{
		{`{"name": "张三", "name": "李四"}`, "“name”写了两次"},
		{`{"items": [{"name": "纸箱", "qty": 1}, {"name": "床", "name": "桌", "qty": 2}]}`, "items 第2行的字段“name”写了两次"},
		{`{"items": [{"name": "纸箱"}], "items": []}`, "“items”写了两次"},
	} {
		if _, err := ParseFlatJSON(f, []byte(tt.json)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseFlatJSON(%s) = %v; want %q", tt.json, err, tt.want)
		}
	}
	in, err := ParseFlatJSON(f, []byte(`{"name": "张三", "items": [{"name": "纸箱", "qty": 1}, {"name": "床", "qty": 2}]}`))
	if err != nil || in.Values["name"] != "张三" || len(in.Tables["items"]) != 2 {
		t.Errorf("a record with each key once: %v %v", in, err)
	}
}
