package data

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// genericDirs hold the code that serves every form alike: the engine, the store, the console, the print
// dispatcher and the screens. A form's behaviour belongs in its declaration, so none of these may name a form or
// one of its fields: a key written there is a switch on one form that the declaration should carry.
var genericDirs = []string{".", "store", "../ui", "../reports", "../cmd/frontdeskctl", ".."}

// notGeneric are files of those folders that belong to one thing, with why: they may name its keys.
var notGeneric = map[string]string{
	"../reports/release.go":     "the release slip's hand-tuned layout (three copies with cut lines, R1.2)",
	"store/households.go":       "the household registry's own fields (it is not a form; its keys are its own)",
	"store/household_import.go": "the household registry's import columns",
	"../ui/households.go":       "the household registry's screen",
}

// bookkeeping are the names the store gives a record's own bookkeeping that happen to equal a field key
// of some form: the audit trail's "status" and "reason" of a void or an amendment, the "time" index.
var bookkeeping = map[string]bool{
	"store/records.go:status": true,
	"store/records.go:reason": true,
	"store/store.go:time":     true,
}

var flagDecl = map[string]bool{"String": true, "Int": true, "Bool": true, "Duration": true, "Float64": true, "Uint": true}

// declaredKeys returns every form key and every field key (fields, table columns, step fields) that a
// declaration names, with where it is declared.
func declaredKeys() map[string]string {
	keys := map[string]string{}
	var addFields func(f *Form, fields []Field)
	addFields = func(f *Form, fields []Field) {
		for _, fl := range fields {
			keys[fl.Key] = f.Title() + " 的字段"
			addFields(f, fl.Columns)
		}
	}
	for _, f := range Forms() {
		keys[f.Key] = "表单 " + f.Title()
		addFields(f, f.Fields)
		if f.Flow != nil {
			for _, st := range f.Flow.Steps {
				keys[st.Key] = f.Title() + " 的步骤"
				addFields(f, st.Fields)
			}
			for _, st := range f.Flow.States {
				keys[st.Key] = f.Title() + " 的状态"
			}
		}
	}
	return keys
}

// literalsIn lists the string literals of the Go files (tests excluded) of a folder that equal a key.
func literalsIn(t *testing.T, dir string, keys map[string]string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") || notGeneric[path] != "" {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		skip := map[*ast.BasicLit]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Field:
				if n.Tag != nil {
					skip[n.Tag] = true
				}
			case *ast.ImportSpec:
				skip[n.Path] = true
			case *ast.GenDecl:
				// The engine's own vocabulary (field types, defaults, roles, what a month pack holds) is
				// declared as constants, and a form may use the same word for a field: a constant's
				// value is a name the engine gives, not a form it names.
				if n.Tok == token.CONST && dir == "." {
					for _, sp := range n.Specs {
						for _, v := range sp.(*ast.ValueSpec).Values {
							if lit, ok := v.(*ast.BasicLit); ok {
								skip[lit] = true
							}
						}
					}
				}
			case *ast.CallExpr:
				// A console flag's name (-end, -reason, -month) is the command line's word, not a field.
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && flagDecl[sel.Sel.Name] && len(n.Args) > 0 {
					if lit, ok := n.Args[0].(*ast.BasicLit); ok {
						skip[lit] = true
					}
				}
			case *ast.BasicLit:
				if n.Kind != token.STRING || skip[n] {
					return true
				}
				v, err := strconv.Unquote(n.Value)
				if err != nil {
					return true
				}
				if what, ok := keys[v]; ok && !bookkeeping[path+":"+v] {
					found = append(found, fset.Position(n.Pos()).String()+": \""+v+"\" ("+what+")")
				}
			}
			return true
		})
	}
	return found
}

func TestGenericCodeNamesNoFormOrField(t *testing.T) {
	keys := declaredKeys()
	var found []string
	for _, dir := range genericDirs {
		found = append(found, literalsIn(t, dir, keys)...)
	}
	sort.Strings(found)
	for _, f := range found {
		t.Errorf("generic code names a form or field: %s", f)
	}
	t.Logf("%d form or field keys named in generic code", len(found))
}

// No text a user can see carries an internal rule code: "（D12）" in a message means nothing at the desk.
// Every string literal of the program's code (not its tests) is read.
func TestNoRuleCodesInText(t *testing.T) {
	code := regexp.MustCompile(`[（(][RD][0-9]+(\.[0-9]+)?[）)]`)
	for _, dir := range append([]string{"."}, genericDirs...) {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && code.MatchString(s) {
						t.Errorf("%s: %q shows a rule code", path, s)
					}
				}
				return true
			})
		}
	}
}
