package data

import (
	"testing"
)

func TestMaskName(t *testing.T) {
	for in, want := range map[string]string{"张伟明": "张**", "李娜": "李*", "王": "王*", " 欧阳秘密 ": "欧***", "": ""} {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q; want %q", in, got, want)
		}
	}
}
