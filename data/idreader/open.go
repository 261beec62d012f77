package idreader

import (
	"fmt"
)

// DLLs are the vendor interfaces tried, in this order, from the program's folder.
var DLLs = []string{"sdtapi.dll", "termb.dll"}

// HelperName is the 32-bit helper program, beside the desk program, that loads 32-bit vendor DLLs.
const HelperName = "frontdesk-idreader.exe"

// ports are tried in the order of the interfaces' convention: USB 1001–1016, then serial COM1–16.
func ports() []int {
	var p []int
	for i := 1001; i <= 1016; i++ {
		p = append(p, i)
	}
	for i := 1; i <= 16; i++ {
		p = append(p, i)
	}
	return p
}

func portName(p int) string {
	if p >= 1001 {
		return fmt.Sprintf("USB端口%d", p)
	}
	return fmt.Sprintf("串口COM%d", p)
}
