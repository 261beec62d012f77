package data

import (
	"errors"
	"time"
)

// The life of a 物品放行条 (R1.2): 已开具 → 已放行 (the guard's name and time, when the slip comes back
// from the gate) → 已回收 (archived), or 作废. A slip not released by the end of its validity is 已过期.
const (
	SlipIssued   = "已开具"
	SlipReleased = "已放行"
	SlipArchived = "已回收"
	SlipExpired  = "已过期"
	SlipVoid     = "作废"
)

// Errors of the slip's life.
var (
	ErrSlipCode  = errors.New("verification code does not match")
	ErrSlipState = errors.New("slip not in the state for this step")
)

// SlipStatus is the slip's state now.
func SlipStatus(r *Record, now time.Time) string {
	switch {
	case r.Voided():
		return SlipVoid
	case r.Life["archived_at"] != "":
		return SlipArchived
	case r.Life["released_at"] != "":
		return SlipReleased
	}
	if vu, ok := ParseLocal(TypeDate, r.Values["valid_until"]); ok && now.In(Shanghai).After(vu.AddDate(0, 0, 1)) {
		return SlipExpired
	}
	return SlipIssued
}
