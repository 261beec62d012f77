package idreader

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// termb is a 华视 (Chinese Vision) reader behind termb.dll: CVR_InitComm opens a port,
// CVR_Authenticate finds a card, a read fills the DLL's own memory, and GetPeople* hand out the
// fields as GBK text. The address and photo functions are never called.
type termb struct {
	mu                  sync.Mutex
	dll                 *syscall.LazyDLL
	closeComm, auth     *syscall.LazyProc
	readFP, readContent *syscall.LazyProc
	name                string
	texts               map[string]*syscall.LazyProc // the GetPeople* functions, found once; nil: absent
}

func openTermb(dll *syscall.LazyDLL) (Driver, error) {
	p, err := procs(dll, "CVR_InitComm", "CVR_CloseComm", "CVR_Authenticate",
		"GetPeopleName", "GetPeopleSex", "GetPeopleBirthday", "GetPeopleIDCode", "GetStartDate", "GetEndDate")
	if err != nil {
		return nil, err
	}
	d := &termb{dll: dll, closeComm: p[1], auth: p[2]}
	// CVR_Read_FPContent reads into the DLL's memory; older DLLs have only CVR_Read_Content, which
	// also writes the text and photo to files, removed again after each read.
	if fp := dll.NewProc("CVR_Read_FPContent"); fp.Find() == nil {
		d.readFP = fp
	} else if rc := dll.NewProc("CVR_Read_Content"); rc.Find() == nil {
		d.readContent = rc
	} else {
		return nil, fmt.Errorf("termb.dll 中没有 CVR_Read_FPContent 或 CVR_Read_Content")
	}
	for _, port := range ports() {
		if call(p[0], uintptr(port)) == 1 {
			d.name = "termb.dll，" + portName(port)
			return d, nil
		}
	}
	return nil, fmt.Errorf("%w（termb.dll 在USB端口1001–1016和串口COM1–16上都没有找到读卡器）", ErrNoReader)
}

func (d *termb) Name() string { return d.name }

func (d *termb) Read(today time.Time) (Card, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if call(d.auth) != 1 {
		return Card{}, ErrNoCard
	}
	if d.readFP != nil {
		if r := call(d.readFP); r != 1 {
			return Card{}, fmt.Errorf("读卡失败（返回码%d），请把证件放稳", r)
		}
	} else {
		r := call(d.readContent, 4)
		removeLeftovers(filepath.Dir(d.dll.Name))
		if r != 1 {
			return Card{}, fmt.Errorf("读卡失败（返回码%d），请把证件放稳", r)
		}
	}
	get := func(fn string) string { return d.text(fn) }
	c := Card{Name: get("GetPeopleName"), Sex: sexByCode[get("GetPeopleSex")], Number: strings.ToUpper(get("GetPeopleIDCode"))}
	c.Type = TypeResident
	if t := d.text("GetCertType"); t == "J" || t == "I" {
		c.Type = t[0]
	} else if t == "" {
		c.Type = typeOfNumber(c.Number)
	}
	if c.Type == TypeForeigner {
		c.EnglishName = c.Name
		if cn := d.text("GetPeopleChineseName"); cn != "" {
			c.Name = cn
		}
	}
	c.DocType = typeByName[c.Type]
	return finish(c, get("GetPeopleBirthday"), get("GetStartDate"), get("GetEndDate"), today)
}

// text calls a GetPeople*-style function, int fn(char *buf, int *len), and decodes its GBK answer.
// A function the DLL lacks answers "".
func (d *termb) text(fn string) string {
	p, known := d.texts[fn]
	if !known {
		p = d.dll.NewProc(fn)
		if p.Find() != nil {
			p = nil
		}
		if d.texts == nil {
			d.texts = map[string]*syscall.LazyProc{}
		}
		d.texts[fn] = p
	}
	if p == nil {
		return ""
	}
	buf := make([]byte, 512)
	n := int32(len(buf))
	if call(p, uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n))) != 1 {
		return ""
	}
	if n < 0 || int(n) > len(buf) {
		n = int32(len(buf))
	}
	b := buf[:n]
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	s, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(s))
}

// removeLeftovers deletes the files CVR_Read_Content writes (text with the address, photo), so that
// no address or photo stays on the disk.
func removeLeftovers(dir string) {
	wd, _ := os.Getwd()
	for _, d := range []string{dir, wd} {
		for _, f := range []string{"wz.txt", "xp.wlt", "zp.bmp", "zp.jpg", "fp.dat"} {
			os.Remove(filepath.Join(d, f))
		}
	}
}

func (d *termb) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	call(d.closeComm)
	return nil
}
