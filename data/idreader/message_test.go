package idreader

import (
	"unicode/utf16"
)

// slot is one field of a synthetic base message.
type slot struct {
	f field
	v string
}

// message builds a 256-byte base message the way a card reader returns it: UCS-2LE, each field
// padded with spaces to its width.
func message(slots ...slot) []byte {
	b := make([]byte, MessageLen)
	for i := 0; i < MessageLen; i += 2 {
		b[i] = ' '
	}
	for _, s := range slots {
		u := utf16.Encode([]rune(s.v))
		if len(u)*2 > s.f.n {
			panic("field too long: " + s.v)
		}
		for i, c := range u {
			b[s.f.off+2*i] = byte(c)
			b[s.f.off+2*i+1] = byte(c >> 8)
		}
	}
	return b
}

// address is where a resident card keeps the address: tests put one there to prove it is dropped.
var address = field{52, 70}

func residentCard(name, number, to string) []byte {
	return message(slot{resName, name}, slot{resSex, "1"}, slot{field{32, 4}, "01"},
		slot{resBirth, "19491231"}, slot{address, "北京市朝阳区幸福路1号院3号楼2单元101室"},
		slot{resNumber, number}, slot{field{158, 30}, "北京市公安局朝阳分局"},
		slot{resFrom, "20150101"}, slot{resTo, to})
}

func permitCard() []byte {
	return message(slot{resName, "陈家明"}, slot{resSex, "1"}, slot{resBirth, "19880808"},
		slot{address, "广东省深圳市福田区"}, slot{resNumber, "810000198808080013"},
		slot{resFrom, "20200101"}, slot{resTo, "20250101"},
		slot{permitPass, "H12345678"}, slot{field{238, 4}, "01"}, slot{cardType, "J"})
}

func foreignerCard() []byte {
	return message(slot{forEnglish, "SMITH,  JOHN  PAUL"}, slot{forSex, "1"},
		slot{forNumber, "usa110079052112"}, slot{forNation, "USA"}, slot{forChinese, "史密斯"},
		slot{forFrom, "20170615"}, slot{forTo, "20270614"}, slot{forBirth, "19790521"},
		slot{field{236, 4}, "02"}, slot{field{240, 8}, "1100"}, slot{cardType, "I"})
}

// withoutPadding turns the spaces of a message into NULs, as some readers pad.
func withoutPadding(b []byte) []byte {
	out := append([]byte(nil), b...)
	for i := 0; i+1 < len(out); i += 2 {
		if out[i] == ' ' && out[i+1] == 0 {
			out[i] = 0
		}
	}
	return out
}
