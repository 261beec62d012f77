package idreader

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// errBadExeFormat is ERROR_BAD_EXE_FORMAT: LoadLibrary of a DLL built for the other word size.
const errBadExeFormat = syscall.Errno(193)

// Open finds a reader: the first vendor DLL in the program's folder that loads and finds a port. A
// DLL of the other word size is loaded by the 32-bit helper program instead.
func Open() (Driver, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("找不到程序所在文件夹：%w", err)
	}
	dir := filepath.Dir(exe)
	var errs []string
	for _, name := range DLLs {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err != nil {
			continue
		}
		d, err := OpenDLL(path)
		if errors.Is(err, ErrWrongBits) {
			d, err = OpenHelper(filepath.Join(dir, HelperName), name)
		}
		if err == nil {
			return d, nil
		}
		errs = append(errs, err.Error())
	}
	if len(errs) == 0 {
		return nil, fmt.Errorf("%w（程序文件夹中没有 sdtapi.dll 或 termb.dll）", ErrNoReader)
	}
	return nil, kindError{strings.Join(errs, "；"), ErrNoReader}
}

// OpenDLL opens one vendor DLL, by its full path (never the DLL search path), in this process.
func OpenDLL(path string) (Driver, error) {
	dll := syscall.NewLazyDLL(path)
	if err := dll.Load(); err != nil {
		if errors.Is(err, errBadExeFormat) {
			return nil, fmt.Errorf("%w：%s", ErrWrongBits, filepath.Base(path))
		}
		return nil, fmt.Errorf("无法加载 %s：%w", filepath.Base(path), err)
	}
	if strings.EqualFold(filepath.Base(path), "termb.dll") {
		return openTermb(dll)
	}
	return openSDT(dll)
}

// OpenHelper starts the helper program and opens the DLL through it.
func OpenHelper(helper, dll string) (Driver, error) {
	if _, err := os.Stat(helper); err != nil {
		return nil, fmt.Errorf("%s 是32位驱动，需要程序文件夹中的 %s", dll, filepath.Base(helper))
	}
	cmd := exec.Command(helper)
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true}
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("无法启动 %s：%w", filepath.Base(helper), err)
	}
	return newHelperDriver(in, out, dll, func() error { return cmd.Wait() })
}

// procs finds the named functions of a DLL, or says which one is missing.
func procs(dll *syscall.LazyDLL, names ...string) ([]*syscall.LazyProc, error) {
	out := make([]*syscall.LazyProc, len(names))
	for i, n := range names {
		out[i] = dll.NewProc(n)
		if err := out[i].Find(); err != nil {
			return nil, fmt.Errorf("%s 中没有函数 %s，不是支持的读卡器驱动", filepath.Base(dll.Name), n)
		}
	}
	return out, nil
}

// call calls a DLL function that returns a C int.
func call(p *syscall.LazyProc, args ...uintptr) int32 {
	r, _, _ := p.Call(args...)
	return int32(uint32(r))
}
