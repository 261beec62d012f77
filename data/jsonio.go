package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
)

// ParseFlatJSON reads a record as a flat JSON object keyed by field key: scalars as strings (numbers and
// booleans are accepted too), table fields as arrays of objects. This is what `frontdeskctl add` takes
// and `frontdeskctl example` prints.
func ParseFlatJSON(f *Form, b []byte) (Input, error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&raw); err != nil {
		return Input{}, fmt.Errorf("JSON格式有误：%v", err)
	}
	in := NewInput()
	errs := FieldErrors{}
	for k, v := range raw {
		fl, ok := f.Field(k)
		if !ok {
			errs[k] = fmt.Sprintf("表单%s没有字段 %s", f.Title(), k)
			continue
		}
		if fl.Type == TypeTable {
			var rows []map[string]json.RawMessage
			if err := json.Unmarshal(v, &rows); err != nil {
				errs[k] = fl.Label + "：应为对象数组"
				continue
			}
			for i, r := range rows {
				row := Row{}
				for ck, cv := range r {
					s, err := scalar(cv)
					if err != nil {
						errs[RowKey(k, i, ck)] = fmt.Sprintf("%s 第%d行 %s：%v", fl.Label, i+1, ck, err)
					}
					row[ck] = s
				}
				in.Tables[k] = append(in.Tables[k], row)
			}
			continue
		}
		s, err := scalar(v)
		if err != nil {
			errs[k] = fl.Label + "：" + err.Error()
		}
		in.Values[k] = s
	}
	if len(errs) > 0 {
		return in, errs
	}
	return in, nil
}

func scalar(v json.RawMessage) (string, error) {
	var x any
	if err := json.Unmarshal(v, &x); err != nil {
		return "", err
	}
	switch t := x.(type) {
	case nil:
		return "", nil
	case string:
		return t, nil
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), nil
	case bool:
		if t {
			return "是", nil
		}
		return "否", nil
	}
	return "", fmt.Errorf("应为文字或数字")
}

// FlatJSON writes an input as the flat JSON object ParseFlatJSON reads, keys in the form's order.
func FlatJSON(f *Form, in Input) []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	first := true
	for _, fl := range f.Fields {
		var v any
		if fl.Type == TypeTable {
			rows, ok := in.Tables[fl.Key]
			if !ok {
				continue
			}
			v = rows
		} else {
			s, ok := in.Values[fl.Key]
			if !ok {
				continue
			}
			v = s
		}
		if !first {
			b.WriteString(",\n")
		}
		first = false
		k, _ := json.Marshal(fl.Key)
		val, _ := json.Marshal(v)
		fmt.Fprintf(&b, "  %s: %s", k, val)
	}
	b.WriteString("\n}\n")
	return b.Bytes()
}

// SortedKeys returns a map's keys in order (stable output for humans and tests).
func SortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
