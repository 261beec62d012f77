// Package idreader reads second-generation ID cards (二代证) through the vendor readers' Windows DLLs:
// the common sdtapi.dll interface and the 华视 termb.dll interface. It keeps what a visitor
// registration needs (name, sex, birth, document type and number, validity) and drops the photo and
// the address at once: they are never parsed into a Card, so they cannot be stored by mistake.
//
// The package has no GUI; the visitor screen polls it through a Poller.
package idreader

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf16"

	"frontdesk/data"
)

// MessageLen is the length of the text part of a card ("base message"): 128 UCS-2LE characters.
const MessageLen = 256

// Card types, read from the character at byte 248 of the base message.
const (
	TypeResident  = ' ' // 居民身份证
	TypePermit    = 'J' // 港澳台居民居住证
	TypeForeigner = 'I' // 外国人永久居留身份证 (2017 layout)
)

// Card is what the desk keeps of a card: the photo and the address are never read into it.
type Card struct {
	Type        byte   `json:"type"`
	DocType     string `json:"doc_type"` // one of data.DocTypes
	Name        string `json:"name"`     // the Chinese name; a foreigner without one: the English name
	EnglishName string `json:"english_name,omitempty"`
	Sex         string `json:"sex"`   // 男 / 女
	Birth       string `json:"birth"` // 2006-01-02
	Number      string `json:"number"`
	ValidFrom   string `json:"valid_from"`            // 2006-01-02
	ValidTo     string `json:"valid_to"`              // 2006-01-02 or 长期
	Nationality string `json:"nationality,omitempty"` // foreigner: ISO 3166 alpha-3
	PassNumber  string `json:"pass_number,omitempty"` // residence permit: the 通行证 number
}

// Masked is the card as a log line or status shows it: the number masked.
func (c Card) Masked() string {
	return fmt.Sprintf("%s %s %s", c.DocType, c.Name, data.MaskID(c.Number))
}

// Expired reports whether the card's validity ended before the given day.
func (c Card) Expired(today time.Time) bool {
	if c.ValidTo == "" || c.ValidTo == "长期" {
		return false
	}
	return c.ValidTo < today.In(data.Shanghai).Format(data.LayoutDate)
}

// Errors of reading; the poller shows them as one quiet line.
var (
	ErrNoCard   = errors.New("读卡器上没有证件")
	ErrNoReader = errors.New("未检测到身份证读卡器")
	// ErrWrongBits means the vendor DLL is 32-bit and this program 64-bit (or the reverse): the
	// 32-bit helper program reads for it.
	ErrWrongBits = errors.New("读卡器驱动与本程序位数不同")
)

// field is one fixed-width slot of the base message, in bytes.
type field struct{ off, n int }

// Layouts of the 256-byte base message (GA 467 and the 2017 foreigner card). Resident ID and
// residence permit share the first 220 bytes.
var (
	resName, resSex, resBirth = field{0, 30}, field{30, 2}, field{36, 16}
	resNumber                 = field{122, 36}
	resFrom, resTo            = field{188, 16}, field{204, 16}
	permitPass                = field{220, 18}
	cardType                  = field{248, 2}

	forEnglish, forSex, forNumber = field{0, 120}, field{120, 2}, field{122, 30}
	forNation, forChinese         = field{152, 6}, field{158, 30}
	forFrom, forTo, forBirth      = field{188, 16}, field{204, 16}, field{220, 16}
)

// ucs2 decodes a UCS-2LE slot and trims the padding (spaces and NULs).
func ucs2(b []byte, f field) string {
	u := make([]uint16, 0, f.n/2)
	for i := f.off; i+1 < f.off+f.n; i += 2 {
		u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
	}
	return strings.Trim(string(utf16.Decode(u)), " \x00\u3000")
}

var (
	reDigits8  = regexp.MustCompile(`^\d{8}$`)
	reForeign  = regexp.MustCompile(`^[A-Z]{3}\d{12}$`)
	reNation3  = regexp.MustCompile(`^[A-Z]{3}$`)
	sexByCode  = map[string]string{"1": "男", "2": "女", "男": "男", "女": "女", "M": "男", "F": "女"}
	typeByName = map[byte]string{TypeResident: data.DocResidentID, TypePermit: data.DocResidencePermit, TypeForeigner: data.DocForeignPR}
)

// Parse reads a base message. It checks every field it keeps, so a card that reads wrong is refused
// here rather than filling the form with nonsense.
func Parse(b []byte, today time.Time) (Card, error) {
	if len(b) < MessageLen {
		return Card{}, fmt.Errorf("证件信息不完整（%d字节，应为%d字节），请重新放卡", len(b), MessageLen)
	}
	b = b[:MessageLen]
	t := ucs2(b, cardType)
	var c Card
	switch {
	case t == "" || t == " ":
		c.Type = TypeResident
	case t == "J" || t == "I":
		c.Type = t[0]
	default:
		return Card{}, fmt.Errorf("不支持的证件类型“%s”，请手工登记", t)
	}
	c.DocType = typeByName[c.Type]
	var birth, from, to string
	if c.Type == TypeForeigner {
		c.EnglishName = strings.Join(strings.Fields(ucs2(b, forEnglish)), " ")
		c.Name = ucs2(b, forChinese)
		if c.Name == "" {
			c.Name = c.EnglishName
		}
		c.Sex = sexByCode[ucs2(b, forSex)]
		c.Number = strings.ToUpper(ucs2(b, forNumber))
		c.Nationality = ucs2(b, forNation)
		birth, from, to = ucs2(b, forBirth), ucs2(b, forFrom), ucs2(b, forTo)
	} else {
		c.Name = ucs2(b, resName)
		c.Sex = sexByCode[ucs2(b, resSex)]
		c.Number = strings.ToUpper(ucs2(b, resNumber))
		birth, from, to = ucs2(b, resBirth), ucs2(b, resFrom), ucs2(b, resTo)
		if c.Type == TypePermit {
			c.PassNumber = ucs2(b, permitPass)
		}
	}
	return finish(c, birth, from, to, today)
}

// finish normalises dates and checks the fields, for both drivers.
func finish(c Card, birth, from, to string, today time.Time) (Card, error) {
	var err error
	if c.Name == "" {
		return Card{}, errors.New("证件上没有读到姓名，请重新放卡")
	}
	if c.Sex == "" {
		return Card{}, errors.New("证件上的性别无法识别，请重新放卡")
	}
	if c.Birth, err = cardDate(birth, false); err != nil {
		return Card{}, fmt.Errorf("出生日期%w", err)
	}
	if c.ValidFrom, err = cardDate(from, false); err != nil {
		return Card{}, fmt.Errorf("有效期起始日期%w", err)
	}
	if c.ValidTo, err = cardDate(to, true); err != nil {
		return Card{}, fmt.Errorf("有效期截止日期%w", err)
	}
	var msg string
	switch c.Type {
	case TypeResident:
		c.Number, _, msg = data.CheckResidentID(c.Number, today)
	case TypePermit:
		c.Number, msg = data.CheckResidencePermit(c.Number, today)
	case TypeForeigner:
		if !reForeign.MatchString(c.Number) {
			msg = "外国人永久居留身份证号码应为3个字母加12位数字"
		} else if c.Nationality != "" && !reNation3.MatchString(c.Nationality) {
			msg = "国籍代码应为3个大写字母"
		}
	}
	if msg != "" {
		return Card{}, fmt.Errorf("读到的%s", msg)
	}
	return c, nil
}

// cardDate turns the card's YYYYMMDD (or 长期 for the end of validity) into 2006-01-02.
func cardDate(s string, mayBeLong bool) (string, error) {
	s = strings.NewReplacer("-", "", ".", "", " ", "").Replace(s)
	if mayBeLong && s == "长期" {
		return s, nil
	}
	if !reDigits8.MatchString(s) {
		return "", fmt.Errorf("格式不对（“%s”）", s)
	}
	d, err := time.ParseInLocation("20060102", s, data.Shanghai)
	if err != nil {
		return "", fmt.Errorf("无效（“%s”）", s)
	}
	return d.Format(data.LayoutDate), nil
}

// typeOfNumber tells the card type from its number, for DLLs without GetCertType.
func typeOfNumber(n string) byte {
	switch {
	case reForeign.MatchString(n):
		return TypeForeigner
	case len(n) == 18 && (strings.HasPrefix(n, "810000") || strings.HasPrefix(n, "820000") || strings.HasPrefix(n, "830000")):
		return TypePermit
	}
	return TypeResident
}
