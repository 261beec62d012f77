package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"unicode/utf8"
)

// ParseFlatJSON reads a record as a flat JSON object keyed by field key: scalars as strings (numbers and
// booleans are accepted too), table fields as arrays of objects. This is what `frontdeskctl add` takes
// and `frontdeskctl example` prints.
func ParseFlatJSON(f *Form, b []byte) (Input, error) {
	// A byte-order mark is what Windows Notepad writes first: not part of the record.
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		// Decoding would silently turn the bad bytes into U+FFFD in a name.
		return Input{}, ErrJSONEncoding
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&raw); err != nil {
		return Input{}, jsonError(b, err)
	}
	if raw == nil {
		return Input{}, fmt.Errorf("JSON格式有误：应为一个对象 {\"字段\": \"值\", …}")
	}
	if _, err := dec.Token(); err != io.EOF {
		return Input{}, fmt.Errorf("JSON格式有误：对象结束后还有多余的内容，一次只能提交一条记录")
	}
	if key, where, ok := duplicateKey(b); ok {
		// Decoding keeps the last of two values silently: which one was meant, nobody can say.
		return Input{}, fmt.Errorf("JSON格式有误：%s字段“%s”写了两次，请只保留一个", where, key)
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
				errs[k] = "应为对象数组"
				continue
			}
			for i, r := range rows {
				row := Row{}
				for ck, cv := range r {
					s, err := scalar(cv)
					if err != nil {
						name := ck
						if c, ok := columnOf(fl, ck); ok {
							name = c.Label
						}
						errs[RowKey(k, i, ck)] = fmt.Sprintf("第%d行 %s：%v", i+1, name, err)
					}
					row[ck] = s
				}
				in.Tables[k] = append(in.Tables[k], row)
			}
			continue
		}
		s, err := scalar(v)
		if err != nil {
			errs[k] = err.Error() // Describe puts the label before it
		}
		in.Values[k] = s
	}
	if len(errs) > 0 {
		return in, errs
	}
	return in, nil
}

// duplicateKey finds a key written twice in one object of the JSON (already known to be valid): the
// key and where (the table row it is in, "" at the top).
func duplicateKey(b []byte) (key, where string, found bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var walk func(table string, row int) bool
	walk = func(table string, row int) bool {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		switch t {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return false
				}
				k, _ := kt.(string)
				if seen[k] {
					key, found = k, true
					if table != "" {
						where = fmt.Sprintf("%s 第%d行的", table, row+1)
					}
					return true
				}
				seen[k] = true
				next := table
				if table == "" {
					next = k
				}
				if walk(next, row) {
					return true
				}
			}
			dec.Token() // }
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if walk(table, i) {
					return true
				}
			}
			dec.Token() // ]
		}
		return false
	}
	walk("", 0)
	return key, where, found
}

// ErrJSONEncoding means input that is not UTF-8 (a file saved as GBK/ANSI).
var ErrJSONEncoding = errors.New("JSON格式有误：文件不是UTF-8编码（请在记事本中另存为“UTF-8”）")

// jsonError words a JSON decoding error in Chinese, with where it happened.
func jsonError(b []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("JSON格式有误：内容不完整（缺少结尾的括号或引号）")
	case errors.As(err, &se):
		line := 1 + bytes.Count(b[:min(int(se.Offset), len(b))], []byte("\n"))
		return fmt.Errorf("JSON格式有误：第%d行附近有不合语法的字符", line)
	case errors.As(err, &te):
		return fmt.Errorf("JSON格式有误：应为一个对象 {\"字段\": \"值\", …}")
	}
	return fmt.Errorf("JSON格式有误")
}

func scalar(v json.RawMessage) (string, error) {
	var x any
	if err := json.Unmarshal(v, &x); err != nil {
		return "", errors.New("应为文字或数字")
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
	return "", errors.New("应为文字或数字")
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
