package data

import (
	"fmt"
	"strings"
	"time"
)

// Document types a visitor may show (issue: visitor log).
const (
	DocResidentID = "居民身份证"
	DocHKMacau    = "港澳居民来往内地通行证"
	DocTaiwan     = "台湾居民来往大陆通行证"
	// DocResidencePermit is the 港澳台居民居住证 (card type 'J' on the reader): an 18-digit number
	// beginning 81 (Hong Kong), 82 (Macau) or 83 (Taiwan), with the same check digit as the resident ID.
	DocResidencePermit = "港澳台居民居住证"
	DocPassport        = "护照"
	DocForeignPR       = "外国人永久居留身份证"
	DocOther           = "其他"
)

// DocTypes lists the document types in the order the choice shows them.
var DocTypes = []string{DocResidentID, DocHKMacau, DocTaiwan, DocResidencePermit, DocPassport, DocForeignPR, DocOther}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// IDCheckDigit computes the GB 11643-1999 check character of the first 17 digits.
func IDCheckDigit(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// CheckResidentID validates a 居民身份证 number: 18 digits with a valid birth date and check digit,
// or the legacy 15-digit form. It returns the normalised number, a note for the legacy form, and a
// Chinese message when the number is wrong.
func CheckResidentID(s string, today time.Time) (norm, note, msg string) {
	s = strings.ToUpper(s)
	switch len(s) {
	case 18:
		for i := 0; i < 17; i++ {
			if s[i] < '0' || s[i] > '9' {
				return s, "", "身份证号前17位必须是数字"
			}
		}
		if c := s[17]; !(c >= '0' && c <= '9') && c != 'X' {
			return s, "", "身份证号最后一位应为数字或X"
		}
		if m := checkBirth(s[6:14], today); m != "" {
			return s, "", m
		}
		if want := IDCheckDigit(s[:17]); s[17] != want {
			return s, "", fmt.Sprintf("身份证号校验位错误（按前17位应为 %c），请核对号码", want)
		}
		return s, "", ""
	case 15:
		for i := 0; i < 15; i++ {
			if s[i] < '0' || s[i] > '9' {
				return s, "", "15位旧身份证号必须全是数字"
			}
		}
		if m := checkBirth("19"+s[6:12], today); m != "" {
			return s, "", m
		}
		return s, "15位旧版身份证号（无校验位）", ""
	default:
		return s, "", fmt.Sprintf("身份证号应为18位（旧版15位），现为%d位", len(s))
	}
}

// CheckResidencePermit validates a 港澳台居民居住证 number: a resident-ID-shaped number whose
// region code is 810000, 820000 or 830000.
func CheckResidencePermit(s string, today time.Time) (norm, msg string) {
	s = strings.ToUpper(s)
	if len(s) != 18 {
		return s, fmt.Sprintf("居住证号码应为18位，现为%d位", len(s))
	}
	if p := s[:6]; p != "810000" && p != "820000" && p != "830000" {
		return s, "港澳台居民居住证号码以810000、820000或830000开头"
	}
	norm, _, msg = CheckResidentID(s, today)
	return norm, strings.ReplaceAll(msg, "身份证号", "居住证号码")
}

func checkBirth(yyyymmdd string, today time.Time) string {
	b, err := time.ParseInLocation("20060102", yyyymmdd, time.UTC)
	if err != nil {
		return "身份证号中的出生日期无效"
	}
	if b.Year() < 1900 || b.After(today) {
		return "身份证号中的出生日期不合理"
	}
	return ""
}

// MaskID shows the first 6 and last 4 characters of a document number and stars in between.
func MaskID(s string) string {
	r := []rune(s)
	if len(r) <= 10 {
		if len(r) <= 4 {
			return strings.Repeat("*", len(r))
		}
		return strings.Repeat("*", len(r)-4) + string(r[len(r)-4:])
	}
	return string(r[:6]) + strings.Repeat("*", len(r)-10) + string(r[len(r)-4:])
}

// MaskPhone shows a mobile number as 138****5678.
func MaskPhone(s string) string {
	r := []rune(s)
	if len(r) < 7 {
		return s
	}
	return string(r[:3]) + "****" + string(r[len(r)-4:])
}
