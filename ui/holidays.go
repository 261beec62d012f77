package ui

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/data/store"
)

// holidayPanel is 设置 → 节假日安排 (the manager): each year's holidays and make-up workdays in force,
// shipped with the program or entered by the manager, and the entry of a year from the State Council's
// notice as a CSV file (日期,类型,名称).
type holidayPanel struct {
	shell *Shell
	year  *widget.Select
	days  *widget.Label
	msg   *widget.Label
	box   *fyne.Container
}

func newHolidayPanel(sh *Shell) *holidayPanel {
	p := &holidayPanel{shell: sh, days: widget.NewLabel(""), msg: widget.NewLabel("")}
	p.days.Wrapping, p.msg.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	this := sh.store.Now().In(data.Shanghai).Year()
	var years []string
	for y := this - 1; y <= this+2; y++ {
		years = append(years, strconv.Itoa(y))
	}
	p.year = widget.NewSelect(years, func(string) { p.show() })
	p.year.PlaceHolder = "选择年份"
	p.year.SetSelected(strconv.Itoa(this))
	importBtn := widget.NewButtonWithIcon("从CSV文件录入一年…", theme.FolderOpenIcon(), p.chooseFile)
	hint := widget.NewLabel("国务院每年11月前后公布次年的放假安排：按通知逐日写成三列（日期,类型,名称；类型为 休 或 班），一年一个文件。录入的年份取代程序内置的安排。")
	hint.Wrapping = fyne.TextWrapWord
	p.box = container.NewVBox(bold("节假日安排"), hint, container.NewHBox(widget.NewLabel("年份"), p.year, importBtn), p.msg, p.days)
	return p
}

// show lists the chosen year's schedule in force and where it comes from.
func (p *holidayPanel) show() {
	if p.days == nil || p.year == nil {
		return
	}
	y, _ := strconv.Atoi(p.year.Selected)
	days, source := data.ShippedYear(y), "程序内置"
	entered, err := p.shell.store.HolidayYears()
	if err != nil {
		p.days.SetText(store.Message(err))
		return
	}
	for _, e := range entered {
		if e.Year == y {
			days, source = e.Days, fmt.Sprintf("手工录入（%s，%s）", e.By, e.At.In(data.Shanghai).Format(data.LayoutDateTime))
		}
	}
	if len(days) == 0 {
		p.days.SetText(data.CalendarGap(y))
		return
	}
	var lines []string
	for _, d := range days {
		kind := "休"
		if !d.Rest {
			kind = "班（调休上班）"
		}
		lines = append(lines, d.Date+"  "+d.Name+"  "+kind)
	}
	p.days.SetText(fmt.Sprintf("%d年：%s，共 %d 天\n%s", y, source, len(days), strings.Join(lines, "\n")))
}

func (p *holidayPanel) chooseFile() {
	p.shell.pickFile("选择节假日安排文件（CSV）", withExt(".csv"), func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			p.showError("读取文件失败：" + folderError(err))
			return
		}
		p.enter(b)
	})
}

// enter enters a year from a file's bytes: all of it, or nothing with every wrong line named.
func (p *holidayPanel) enter(b []byte) {
	y, err := data.ParseHolidays(b)
	if err == nil {
		err = p.shell.store.EnterHolidays(p.shell.actor, y)
	}
	if err != nil {
		p.showError(store.Message(err))
		return
	}
	p.msg.Importance = widget.SuccessImportance
	p.msg.SetText(fmt.Sprintf("已录入%d年的节假日安排，共 %d 天", y.Year, len(y.Days)))
	p.year.SetSelected(strconv.Itoa(y.Year))
	p.show()
}

func (p *holidayPanel) showError(text string) {
	p.msg.Importance = widget.DangerImportance
	p.msg.SetText(text)
}
