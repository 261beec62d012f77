package idreader

import (
	"fmt"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// Return codes of the sdtapi.dll interface.
const (
	sdtOK     = 0x90
	sdtFound  = 0x9F
	sdtNoCard = 0x80
)

// sdt is a reader behind the common sdtapi.dll interface (the 公安部 reference API most vendors
// ship): open a port once, then find, select and read the card on every poll.
type sdt struct {
	mu                               sync.Mutex
	open, close, find, sel, readBase *syscall.LazyProc
	port                             int
	name                             string
}

func openSDT(dll *syscall.LazyDLL) (Driver, error) {
	p, err := procs(dll, "SDT_OpenPort", "SDT_ClosePort", "SDT_StartFindIDCard", "SDT_SelectIDCard", "SDT_ReadBaseMsg")
	if err != nil {
		return nil, err
	}
	d := &sdt{open: p[0], close: p[1], find: p[2], sel: p[3], readBase: p[4]}
	for _, port := range ports() {
		if call(d.open, uintptr(port)) == sdtOK {
			d.port, d.name = port, "sdtapi.dll，"+portName(port)
			return d, nil
		}
	}
	return nil, fmt.Errorf("%w（sdtapi.dll 在USB端口1001–1016和串口COM1–16上都没有找到读卡器）", ErrNoReader)
}

func (d *sdt) Name() string { return d.name }

func (d *sdt) Read(today time.Time) (Card, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	// The buffers are larger than the interface needs: vendor DLLs differ in how much they write.
	var mana, sn [64]byte
	switch r := call(d.find, uintptr(d.port), uintptr(unsafe.Pointer(&mana[0])), 0); r {
	case sdtFound:
	case sdtNoCard:
		return Card{}, ErrNoCard
	default:
		return Card{}, fmt.Errorf("找卡失败（返回码0x%02X）", r)
	}
	if r := call(d.sel, uintptr(d.port), uintptr(unsafe.Pointer(&sn[0])), 0); r != sdtOK {
		return Card{}, fmt.Errorf("选卡失败（返回码0x%02X），请把证件放稳", r)
	}
	text := make([]byte, 1024)
	photo := make([]byte, 4096)
	var textLen, photoLen uint32
	r := call(d.readBase, uintptr(d.port), uintptr(unsafe.Pointer(&text[0])), uintptr(unsafe.Pointer(&textLen)),
		uintptr(unsafe.Pointer(&photo[0])), uintptr(unsafe.Pointer(&photoLen)), 0)
	clear(photo) // the photo is never kept, not even in memory longer than the call
	if r != sdtOK {
		return Card{}, fmt.Errorf("读卡失败（返回码0x%02X），请把证件放稳", r)
	}
	if int(textLen) > len(text) {
		textLen = uint32(len(text))
	}
	c, err := Parse(text[:textLen], today)
	clear(text) // the address was in it
	return c, err
}

func (d *sdt) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	call(d.close, uintptr(d.port))
	return nil
}
