package data

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	bolterrors "go.etcd.io/bbolt/errors"
)

// Message turns any error of the store into one Chinese sentence for a clerk. The wrapped English
// context stays in logs; this is what the person at the desk reads.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var fe FieldErrors
	var ie *ImportError
	switch {
	case errors.As(err, &fe):
		return "请更正标出的内容：\n" + fe.Error()
	case errors.As(err, &ie):
		return ie.Chinese()
	case errors.Is(err, ErrLocked):
		return "小区客服前台已在运行（另一个窗口或另一位同事正在使用该数据文件夹），请切换到已打开的窗口。"
	case errors.Is(err, ErrTooNew):
		return "数据文件由更新版本的程序写入，请升级本程序后再打开。"
	case errors.Is(err, ErrNotFound):
		return "找不到这条记录，请核对编号。"
	case errors.Is(err, ErrUnknownForm):
		return "没有这种表单。"
	case errors.Is(err, ErrVoided):
		return "这条记录已作废，不能再修改或作废。"
	case errors.Is(err, ErrReasonNeeded):
		return "请填写作废原因（200字以内）。"
	case errors.Is(err, ErrConflict):
		return "这条记录刚被其他人修改过，请关闭后重新打开再改。"
	case errors.Is(err, bolterrors.ErrDatabaseReadOnly):
		return "数据文件以只读方式打开，不能保存。"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限读写数据文件夹，请联系管理员。"
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在。"
	}
	msg := err.Error()
	if strings.Contains(msg, "no space left") || strings.Contains(msg, "not enough space") {
		return "磁盘空间不足，记录未保存。请清理磁盘后重试。"
	}
	return fmt.Sprintf("操作失败：%s", msg)
}
