package idreader

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// The helper protocol. Vendor DLLs are often 32-bit and a 64-bit program cannot load them, so the
// 32-bit helper program (cmd/frontdesk-idreader) loads the DLL and the desk talks to it over its
// standard input and output, one line a request and one JSON line an answer:
//
//	open sdtapi.dll  → {"name":"sdtapi.dll（端口1001）"} | {"err":"…","code":"noreader"}
//	read             → {"card":{…}} | {"code":"nocard"} | {"err":"…"}
//	close            → {} and the helper ends
type reply struct {
	Name string `json:"name,omitempty"`
	Card *Card  `json:"card,omitempty"`
	Err  string `json:"err,omitempty"`
	Code string `json:"code,omitempty"`
}

// Serve answers requests from r on w with the drivers open finds by DLL name, until close or the end
// of r. Only the masked card crosses into logs; the whole card crosses the pipe to the desk.
func Serve(r io.Reader, w io.Writer, open func(dll string) (Driver, error)) error {
	enc := json.NewEncoder(w)
	sc := bufio.NewScanner(r)
	var drv Driver
	defer func() {
		if drv != nil {
			drv.Close()
		}
	}()
	for sc.Scan() {
		cmd, arg, _ := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		var rep reply
		switch cmd {
		case "open":
			if drv != nil {
				drv.Close()
				drv = nil
			}
			d, err := open(arg)
			if err != nil {
				rep = errReply(err)
			} else {
				drv, rep.Name = d, d.Name()
			}
		case "read":
			if drv == nil {
				rep = errReply(ErrNoReader)
				break
			}
			c, err := drv.Read(time.Now())
			if err != nil {
				rep = errReply(err)
			} else {
				rep.Card = &c
			}
		case "close":
			return enc.Encode(rep)
		default:
			rep.Err = fmt.Sprintf("unknown request %q", cmd)
		}
		if err := enc.Encode(rep); err != nil {
			return err
		}
	}
	return sc.Err()
}

func errReply(err error) reply {
	switch {
	case errors.Is(err, ErrNoCard):
		return reply{Code: "nocard"}
	case errors.Is(err, ErrNoReader):
		return reply{Code: "noreader", Err: err.Error()}
	}
	return reply{Err: err.Error()}
}

// helperDriver is the desk's side of the protocol.
type helperDriver struct {
	mu    sync.Mutex
	name  string
	in    io.WriteCloser
	out   *bufio.Reader
	close func() error // ends the helper process
}

// newHelperDriver opens the DLL through a helper already started on in/out.
func newHelperDriver(in io.WriteCloser, out io.Reader, dll string, close func() error) (Driver, error) {
	h := &helperDriver{in: in, out: bufio.NewReader(out), close: close}
	rep, err := h.ask("open " + dll)
	if err != nil {
		h.Close()
		return nil, err
	}
	h.name = rep.Name + "，32位辅助程序"
	return h, nil
}

func (h *helperDriver) ask(req string) (reply, error) {
	if _, err := io.WriteString(h.in, req+"\n"); err != nil {
		return reply{}, fmt.Errorf("读卡辅助程序已退出：%w", err)
	}
	line, err := h.out.ReadBytes('\n')
	if err != nil {
		return reply{}, fmt.Errorf("读卡辅助程序没有应答：%w", err)
	}
	var rep reply
	if err := json.Unmarshal(line, &rep); err != nil {
		return reply{}, fmt.Errorf("读卡辅助程序应答无法识别：%w", err)
	}
	switch rep.Code {
	case "nocard":
		return rep, ErrNoCard
	case "noreader":
		return rep, kindError{rep.Err, ErrNoReader}
	}
	if rep.Err != "" {
		return rep, errors.New(rep.Err)
	}
	return rep, nil
}

func (h *helperDriver) Name() string { return h.name }

func (h *helperDriver) Read(time.Time) (Card, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	rep, err := h.ask("read")
	if err != nil {
		return Card{}, err
	}
	if rep.Card == nil {
		return Card{}, errors.New("读卡辅助程序没有返回证件")
	}
	return *rep.Card, nil
}

func (h *helperDriver) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.ask("close")
	h.in.Close()
	if h.close != nil {
		return h.close()
	}
	return nil
}

// kindError carries a message from the helper and the kind of error it was on the helper's side.
type kindError struct {
	msg  string
	kind error
}

func (e kindError) Error() string { return e.msg }
func (e kindError) Unwrap() error { return e.kind }
