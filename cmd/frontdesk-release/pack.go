package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/image/draw"
)

// writeICO writes the icon the installer shows in 应用和功能 (Add/Remove programs): the PNG scaled to
// the sizes Windows asks for, each stored as an 8-bit RGBA PNG (an .ico may hold PNGs since Vista).
func writeICO(w io.Writer, pngBytes []byte) error {
	src, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		return err
	}
	sizes := []int{256, 48, 32, 16}
	var images [][]byte
	for _, n := range sizes {
		dst := image.NewNRGBA(image.Rect(0, 0, n, n))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		var b bytes.Buffer
		if err := png.Encode(&b, dst); err != nil {
			return err
		}
		images = append(images, b.Bytes())
	}
	var out bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&out, le, [3]uint16{0, 1, uint16(len(images))})
	offset := 6 + 16*len(images)
	for i, n := range sizes {
		dim := uint8(n)
		if n == 256 {
			dim = 0 // 0 means 256
		}
		binary.Write(&out, le, struct {
			W, H, Colors, Reserved uint8
			Planes, Bits           uint16
			Size, Offset           uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, b := range images {
		out.Write(b)
	}
	_, err = w.Write(out.Bytes())
	return err
}

// portableReadme is the note in the portable zip (Windows Notepad: UTF-8 with its mark, CRLF).
const portableReadme = `小区客服前台 便携版 {{version}}

不需要安装：把整个文件夹放到本机任意位置（例如 D:\小区客服前台），双击 frontdesk.exe 打开。
三个程序要放在同一个文件夹里：
  frontdesk.exe           窗口程序（前台台账）
  frontdeskctl.exe        控制台程序（检查、备份、导入等，在命令提示符中运行）
  frontdesk-idreader.exe  身份证读卡器的 32 位辅助程序（读卡器驱动是 32 位时用）

数据不在这个文件夹里：默认在本机的 %ProgramData%\Frontdesk，本机每个 Windows 账户共用。
要用别的数据文件夹，启动时加 -data 文件夹，或设置环境变量 FRONTDESK_DATA。
删除这个文件夹不会删除数据。

需要 OpenGL 2.1（很旧的集成显卡和部分远程桌面没有）。
多台电脑统一安装时，建议使用安装包 frontdesk-{{version}}.msi。
`

// writePortable writes the zip: one folder frontdesk-<version> with the three programs and the note.
func writePortable(path, version, in string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	zw := zip.NewWriter(f)
	dir := "frontdesk-" + version + "/"
	now := time.Now()
	add := func(name string, r io.Reader) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: dir + name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		_, err = io.Copy(w, r)
		return err
	}
	for _, p := range programs {
		exe, err := os.Open(filepath.Join(in, p.Name))
		if err != nil {
			f.Close()
			return err
		}
		err = add(p.Name, exe)
		exe.Close()
		if err != nil {
			f.Close()
			return err
		}
	}
	note := "\ufeff" + strings.ReplaceAll(strings.ReplaceAll(portableReadme, "{{version}}", version), "\n", "\r\n")
	if err := add("使用说明.txt", strings.NewReader(note)); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
