package forms

import (
	"frontdesk/data"
)

func visitorInput() data.Input {
	in := data.NewInput()
	in.Values = map[string]string{
		"visitor_name": "张伟", "doc_type": data.DocResidentID, "doc_no": "11010519491231002X",
		"phone": "13812345678", "plate": "粤B12345", "host_unit": "3-2-1201", "host_name": "李娜",
		"purpose": "探亲访友", "consent_by": "李娜", "consent_way": "电话", "consent_time": "2026-11-27 09:28",
		"entry_time": "2026-11-27 09:30", "clerk": "陈佳",
	}
	return in
}
