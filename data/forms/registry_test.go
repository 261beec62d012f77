package forms

import (
	"errors"
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/formtest"
)

// Forms without a registry check are not looked up at all.
func TestFormsWithoutRegistryCheck(t *testing.T) {
	for _, f := range data.Forms() {
		if f.Registry != nil {
			for _, k := range append([]string{f.Registry.Unit, f.Registry.Reason}, f.Registry.Fields...) {
				if _, ok := f.Field(k); !ok {
					t.Errorf("%s: the registry check names %q, which is no field", f.Key, k)
				}
			}
			if fl, _ := f.Field(f.Registry.Reason); fl.Required {
				t.Errorf("%s: the reason is required only when the record disagrees", f.Key)
			}
			continue
		}
		in := data.NewInput()
		if errs := f.RegistryErrors(formtest.RegistryEnv{Err: errors.New("must not be read")}, in, nil); errs != nil {
			t.Errorf("%s: %v", f.Key, errs)
		}
	}
}
