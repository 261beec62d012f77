package data

import (
	"fmt"
	"strings"
	"time"
)

// Guide says in plain Chinese what the rules ask of a form, from its declaration: what must be filled,
// the steps of its life and who takes them, its deadlines, what is signed and stamped, what it is
// measured by and how long it is kept. The help (F1) shows it beside the screen's keys.
func (f *Form) Guide() []string {
	var out []string
	var required []string
	for _, fl := range f.Fields {
		if fl.Required && !fl.Auto {
			required = append(required, fl.Label)
		}
	}
	if len(required) > 0 {
		out = append(out, "必填："+strings.Join(required, "、")+"。")
	}
	if f.Registry != nil {
		out = append(out, "房号和业主信息与业户档案核对；不一致时要写明原因才能保存。")
	}
	if f.Notice != "" {
		out = append(out, "登记前向对方说明个人信息的用途（见登记页上方的告知）。")
	}
	if fl := f.Flow; fl != nil {
		var names []string
		for _, st := range fl.States {
			names = append(names, st.Name)
		}
		out = append(out, "状态："+strings.Join(names, "、")+"。")
		for _, st := range fl.Steps {
			line := st.Name
			var from []string
			for _, k := range st.From {
				if s, ok := fl.StateByKey(k); ok {
					from = append(from, s.Name)
				}
			}
			if len(from) > 0 {
				line += "：" + strings.Join(from, "或") + "时"
			}
			if to, ok := fl.StateByKey(st.To); ok {
				line += "，办理后为“" + to.Name + "”"
			}
			if st.Perm != "" {
				var roles []string
				for _, r := range RolesWith(st.Perm) {
					roles = append(roles, r.Chinese())
				}
				line += "，由" + strings.Join(roles, "、") + "办理"
			}
			if st.Shortcut != "" {
				line += "（快捷键 " + st.Shortcut + "）"
			}
			if st.Bulk {
				line += "（在列表上一次办理所有未结的记录）"
			}
			out = append(out, line+"。")
		}
		for _, c := range fl.Clocks {
			if line := f.clockGuide(c); line != "" {
				out = append(out, line)
			}
		}
	}
	if len(f.Signatures) > 0 {
		out = append(out, "打印后签字："+strings.Join(f.Signatures, "、")+"。")
	}
	if f.Stamp {
		out = append(out, "打印件需加盖印章。")
	}
	if f.Internal != "" {
		out = append(out, f.Internal+"。")
	}
	for _, m := range f.Measures {
		line := "每月考核：" + m.Name
		if m.Target != "" {
			line += "，目标 " + m.Target
		}
		out = append(out, line+"。")
	}
	if f.Retention != "" {
		out = append(out, "保存期限："+f.Retention+"。")
	}
	return out
}

// clockGuide says a deadline of the form's life in words.
func (f *Form) clockGuide(c Clock) string {
	var states []string
	for _, k := range c.States {
		if s, ok := f.Flow.StateByKey(k); ok {
			states = append(states, s.Name)
		}
	}
	from := "开始" // a life key no field or step names
	if fl, ok := f.Field(c.From); ok {
		from = fl.Label
	} else {
		for _, st := range f.Flow.Steps {
			if st.At == c.From {
				from = st.Name
			}
		}
	}
	var span string
	switch {
	case c.Due != nil:
		span = "按规定的日期"
	case c.WorkingDays > 0:
		span = fmt.Sprintf("%d个工作日内", c.WorkingDays)
	case c.EndOfDay && c.Length > 0:
		span = fmt.Sprintf("当天结束后%s内", hoursText(c.Length))
	case c.EndOfDay:
		span = "当天之内"
	case c.Length > 0:
		span = hoursText(c.Length) + "内"
	default:
		return ""
	}
	line := "期限：" + c.Label
	if len(states) > 0 {
		line += "（" + strings.Join(states, "、") + "）"
	}
	if c.Due == nil {
		line += "，自" + from + "起"
	}
	line += span
	if c.Setting != "" {
		line += "（可在设置中调整）"
	}
	return line + "。"
}

func hoursText(d time.Duration) string {
	h := d.Hours()
	if h >= 24 && int(h)%24 == 0 {
		return fmt.Sprintf("%d天", int(h)/24)
	}
	if h == float64(int(h)) {
		return fmt.Sprintf("%d小时", int(h))
	}
	return fmt.Sprintf("%.0f分钟", h*60)
}
