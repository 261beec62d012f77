package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"frontdesk/data"
	"io/fs"
	"strings"
	"syscall"
)

// Message turns any error of the store into one Chinese sentence for a clerk. The wrapped English
// context stays in logs; this is what the person at the desk reads: an error's own Chinese() if it has
// one, else the first of sentences that matches.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var ch interface{ Chinese() string }
	if errors.As(err, &ch) {
		return ch.Chinese()
	}
	for _, st := range sentences {
		if st.match(err) {
			return st.say(err)
		}
	}
	msg := err.Error()
	if strings.Contains(msg, "no space left") || strings.Contains(msg, "not enough space") || strings.Contains(msg, "disk is full") {
		return "磁盘（或U盘）空间不足，操作未完成。请清理空间后重试。"
	}
	return fmt.Sprintf("操作失败：%s", msg)
}

// sentence is what a clerk reads for the errors it matches.
type sentence struct {
	match func(error) bool
	say   func(error) string
}

// said is the sentence of one sentinel error.
func said(target error, text string) sentence {
	return sentence{func(err error) bool { return errors.Is(err, target) }, func(error) string { return text }}
}

// as is the sentence of an error type, worded from the error itself.
func as[E error](say func(E) string) sentence {
	return sentence{
		func(err error) bool { var e E; return errors.As(err, &e) },
		func(err error) string { var e E; errors.As(err, &e); return say(e) }}
}

// sentences are the store's errors in the order Message tries them: the first that matches is said.
var sentences = []sentence{
	as[*data.ForbiddenError](func(e *data.ForbiddenError) string { return e.Chinese() }),
	as[*LockedError](func(e *LockedError) string {
		return fmt.Sprintf("密码连续输错%d次，账户已锁定，请在 %s 后再试，或请系统管理员重置密码。", MaxFailedLogins, e.Until.In(data.Shanghai).Format("15:04"))
	}),
	said(ErrBadLogin, "用户名或密码不正确。"),
	said(ErrExportTooLarge, fmt.Sprintf("要导出的记录超过 %d 条，请缩小日期范围，分几次导出。", ExportMax)),
	said(ErrWeakPassword, fmt.Sprintf("密码至少%d位。", MinPasswordLen)),
	said(ErrAccountExists, "已有这个登录名。"),
	said(ErrSetupDone, "系统管理员已经设置过。"),
	{func(err error) bool { return errors.Is(err, ErrAccountInvalid) }, func(err error) string {
		if _, after, ok := strings.Cut(err.Error(), ErrAccountInvalid.Error()+": "); ok {
			return after
		}
		return "账户信息不完整。"
	}},
	said(ErrNoPassphrase, "尚未设置备份密码：请经理先在“备份与恢复”中设置。"),
	said(ErrWeakPassphrase, fmt.Sprintf("备份密码至少%d位。", minPassphraseLen)),
	said(ErrBadPassphrase, "备份密码不正确，无法解密这个备份。"),
	said(ErrAnchorNotAFile, "数据文件夹 backups 中“"+AnchorFileName+"”的位置上不是一个文件，请先移走它再试。"),
	said(ErrSerialTaken, "未保存：下一个编号已经发出过（编号计数器被改回，数据文件可能在程序外被改动）。请联系管理员运行“检查数据”，并用备份恢复。"),
	said(ErrSchemaSetBack, "数据文件的版本号被改回，与其中的内容不符：数据文件在程序外被改动。请用备份恢复，并请管理员检查电脑。"),
	said(ErrAccountsTampered, "账户、设置或业户档案在程序外被改动（与审计记录不符），不能在此基础上设置管理员或更改。请用备份恢复，并请管理员检查电脑。"),
	said(ErrNotABackup, "这不是备份文件：请选择以“-备份-日期-时间.age”结尾的文件。"),
	said(ErrNoPassphraseGiven, "请输入备份密码。"),
	said(ErrKeyMismatch, "备份旁边的密钥文件不是这个备份的（可能从别的备份拷错了），或备份文件的开头已损坏。请把与备份同名的“-密钥.age”文件放在旁边再试。"),
	said(ErrKeyFileDamaged, "备份旁边的密钥文件（-密钥.age）已损坏，打不开这个备份。请用另一份完好的同名密钥文件（如另一个U盘上的）放在备份旁边再试。"),
	said(ErrIsKeyFile, "这是备份的密钥文件，请选择备份文件本身（名字里没有“-密钥”的那个）。"),
	said(ErrNoBackupKey, "找不到这个备份的密钥文件：请把与备份同名、以“-密钥.age”结尾的文件放在备份文件旁边再试。"),
	said(ErrFileInUse, "同名的文件正被其他程序打开（如 Excel、WPS 或PDF阅读器），请先关闭它再试。"),
	said(ErrStoreDamaged, "数据文件已损坏，无法完整读取。请用最近的备份恢复（设置 → 备份与恢复），并联系管理员检查硬盘。"),
	said(ErrBackupTooNew, "这个备份由更新版本的程序生成，本程序无法使用。请先升级本程序，再核验或恢复。"),
	said(ErrBackupDamaged, "备份文件已损坏或不完整（可能在写入时拔出了U盘），不能使用。"),
	said(ErrRestoreTarget, "目标文件夹中已有数据，恢复只能恢复到空文件夹或新文件夹。"),
	said(ErrSealed, "这条记录已打印签字，不能直接修改，请填写更正原因后以“更正”方式保存。"),
	as[data.FieldErrors](func(e data.FieldErrors) string { return "请更正标出的内容：\n" + e.Error() }),
	as[*ImportError](func(e *ImportError) string { return e.Chinese() }),
	said(ErrLocked, "小区客服前台已在运行（另一个窗口或另一位同事正在使用该数据文件夹），请切换到已打开的窗口。"),
	said(ErrIssuer, "本机的编号代码须为一个大写字母（如 G 表示门岗）。"),
	said(ErrOutputInDataFolder, "不能把打印文件保存到数据文件夹（数据文件和自动备份所在的文件夹）里，请换一个文件夹。"),
	said(ErrOutputNotPDF, "这个文件已经存在，而且不是本程序生成的PDF或表格文件，不会覆盖它。请换一个文件名。"),
	{func(err error) bool { return errors.Is(err, ErrIndexIncomplete) }, func(err error) string {
		if full := strings.Contains(err.Error(), "no space left") || strings.Contains(err.Error(), "not enough space"); full {
			return "磁盘空间不足，数据升级未能完成（记录没有丢失）。请清理空间后重新打开程序，升级会从中断处继续。"
		}
		return "搜索索引尚未写完（记录没有丢失）：请关闭程序后重新打开，程序会从中断处补全；若仍出现，请联系管理员。"
	}},
	said(ErrTooNew, "数据文件由更新版本的程序写入，请升级本程序后再打开。"),
	said(ErrNotFound, "找不到这条记录，请核对编号。"),
	said(data.ErrUnknownForm, "没有这种表单。"),
	said(ErrVoided, "这条记录已作废，不能再修改或作废。"),
	said(ErrReasonNeeded, "请填写作废原因（200字以内）。"),
	said(ErrConflict, "这条记录刚被其他人修改过，请关闭后重新打开再改。"),
	{IsReadOnlyMedia, func(error) string {
		return "数据所在的磁盘或文件夹是只读的（如写保护的U盘、光盘），可以查看，不能保存。"
	}},
	said(ErrNoStore, "这个数据文件夹中还没有数据文件。请先启动前台窗口程序完成首次设置，或检查数据文件夹的位置是否正确。"),
	said(syscall.ENOTDIR, "数据文件夹的位置上是一个文件，不是文件夹。请检查数据文件夹的设置。"),
	said(syscall.EISDIR, "数据文件的位置上是一个文件夹，不是数据文件。"),
	said(fs.ErrPermission, "没有权限读写数据文件夹，请联系管理员。"),
	said(fs.ErrNotExist, "文件或文件夹不存在。"),
	// A stored record or entry that is not what this program wrote: damage, said as such.
	{func(err error) bool {
		var syntaxErr *json.SyntaxError
		var typeErr *json.UnmarshalTypeError
		return errors.As(err, &syntaxErr) || errors.As(err, &typeErr) || errors.Is(err, ErrRecordDamaged)
	}, func(error) string {
		return "数据文件中有内容已损坏，无法读取。请运行“检查数据”（frontdeskctl check）查看是哪一条，并用备份恢复。"
	}},
}
