package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// fyneChinese is the desk's wording of the few texts Fyne itself puts on screen: the buttons of its
// dialogs (是/否, 确定, 取消), the title of an error, the right-click menu of a text field. Fyne's own
// Chinese is used only when the system's language is Chinese, and says 好 and 不 for OK and No.
const fyneChinese = `{
	"Advanced": "高级",
	"Cancel": "取消",
	"Confirm": "确定",
	"Copy": "复制",
	"Create Folder": "建立",
	"Cut": "剪切",
	"Enter filename": "输入文件名",
	"Error": "出错了",
	"Favourites": "常用位置",
	"File": "文件",
	"Folder": "文件夹",
	"New Folder": "新建文件夹",
	"No": "否",
	"OK": "确定",
	"Open": "打开",
	"Paste": "粘贴",
	"Quit": "退出",
	"Redo": "重做",
	"Save": "保存",
	"Select all": "全选",
	"Show Hidden Files": "显示隐藏的文件",
	"Undo": "撤销",
	"Yes": "是",
	"file.name": {"other": "名称"},
	"file.parent": {"other": "上一级"},
	"monday": "星期一", "monday.short": "一",
	"tuesday": "星期二", "tuesday.short": "二",
	"wednesday": "星期三", "wednesday.short": "三",
	"thursday": "星期四", "thursday.short": "四",
	"friday": "星期五", "friday.short": "五",
	"saturday": "星期六", "saturday.short": "六",
	"sunday": "星期日", "sunday.short": "日"
}`

// useChinese makes Fyne's own texts Chinese whatever language the system is set to (a PC bought
// with an English Windows): the wording is added for the system's language, which Fyne then picks.
func useChinese() {
	for _, l := range []fyne.Locale{"zh-Hans", lang.SystemLocale()} {
		if err := lang.AddTranslationsForLocale([]byte(fyneChinese), l); err != nil {
			fyne.LogError("Chinese texts for the dialogs", err)
		}
	}
}

func init() { useChinese() }
