package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"frontdesk/data"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/bcrypt"
)

var bucketAccounts = []byte("accounts") // login → account JSON

// Account is one person's login. Only a slow salted hash of the password is kept.
type Account struct {
	Login       string     `json:"login"`
	Name        string     `json:"name"`
	Role        data.Role  `json:"role"`
	Hash        []byte     `json:"hash"`
	Failed      int        `json:"failed,omitempty"`
	LockedUntil *time.Time `json:"locked_until,omitempty"`
	Disabled    bool       `json:"disabled,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	// MustChange marks a first password, one the administrator gave (a new account, a reset): the
	// person sets their own at the next login. Absent in accounts stored before it (and omitted when
	// false, so their bytes and seals stay as they were): no change asked.
	MustChange bool `json:"must_change,omitempty"`
}

// Actor is the account acting.
func (a Account) Actor() data.Actor { return data.Actor{Login: a.Login, Name: a.Name, Role: a.Role} }

// Login rules.
const (
	MaxFailedLogins = 5
	LockoutDuration = 5 * time.Minute
	MinPasswordLen  = 8
	bcryptCost      = 10
)

// Errors of logging in and managing accounts.
var (
	ErrBadLogin       = errors.New("wrong name or password")
	ErrAccountLocked  = errors.New("account locked after too many wrong passwords")
	ErrAccountExists  = errors.New("account exists")
	ErrWeakPassword   = errors.New("password too short")
	ErrSetupDone      = errors.New("the administrator exists already")
	ErrAccountInvalid = errors.New("account fields invalid")
)

// LockedError says until when an account is locked.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string { return "account locked until " + e.Until.Format(time.RFC3339) }
func (e *LockedError) Unwrap() error { return ErrAccountLocked }

func checkPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen {
		return ErrWeakPassword
	}
	return nil
}

func validAccount(login, name string, role data.Role) error {
	login = strings.TrimSpace(login)
	if login == "" || utf8.RuneCountInString(login) > 30 || strings.ContainsAny(login, " \t\n") {
		return fmt.Errorf("%w: 登录名应为1–30个字符，不含空格", ErrAccountInvalid)
	}
	if strings.TrimSpace(name) == "" || utf8.RuneCountInString(name) > 30 {
		return fmt.Errorf("%w: 请填写姓名（30字以内）", ErrAccountInvalid)
	}
	if _, ok := data.ParseRole(string(role)); !ok {
		return fmt.Errorf("%w: 没有这个角色", ErrAccountInvalid)
	}
	return nil
}

// HasAccounts says whether the first-start setup was done.
func (s *Store) HasAccounts() bool {
	n := 0
	_ = s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketAccounts); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n > 0
}

// SetupAdmin creates the first account, the administrator; it is refused once any account exists.
func (s *Store) SetupAdmin(login, name, password string) (data.Actor, error) {
	acc, err := s.createAccount(data.System, login, name, data.RoleAdmin, password, true)
	return acc.Actor(), err
}

// CreateAccount adds an account (administrator only).
func (s *Store) CreateAccount(by data.Actor, login, name string, role data.Role, password string) (Account, error) {
	if err := by.Need(data.PermAccounts); err != nil {
		return Account{}, err
	}
	return s.createAccount(by, login, name, role, password, false)
}

func (s *Store) createAccount(by data.Actor, login, name string, role data.Role, password string, first bool) (Account, error) {
	login, name = strings.TrimSpace(login), strings.TrimSpace(name)
	if err := validAccount(login, name, role); err != nil {
		return Account{}, err
	}
	if err := checkPassword(password); err != nil {
		return Account{}, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcryptCost)
	if err != nil {
		return Account{}, fmt.Errorf("hash password: %w", err)
	}
	// A password the administrator gives is a first password; the administrator's own (the setup) and
	// the program's (data.System: imports, demos) are not.
	acc := Account{Login: login, Name: name, Role: role, Hash: hash, CreatedAt: s.now().UTC(), MustChange: !first && by.Login != data.System.Login}
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		if first && b.Stats().KeyN > 0 {
			return ErrSetupDone
		}
		if first {
			// No account, yet the audit chain sealed some: they were removed outside the program, and
			// whoever removed them does not become the administrator.
			if !accountsSealed(tx) || auditHasAccounts(tx) {
				return ErrAccountsTampered
			}
		}
		if b.Get([]byte(login)) != nil {
			return ErrAccountExists
		}
		if err := putAccount(b, acc); err != nil {
			return err
		}
		return appendAudit(tx, AuditEntry{Time: acc.CreatedAt, User: by.Name, Login: by.Login, Action: ActionAccount,
			Serial: login, Changes: []data.Change{{Field: "account", New: name + " " + string(role)}},
			Seals: []Seal{sealOf(tx, bucketAccounts, []byte(login), nil)}})
	})
	if err != nil {
		return Account{}, fmt.Errorf("create account %s: %w", login, err)
	}
	return acc, nil
}

func putAccount(b *bolt.Bucket, a Account) error {
	raw, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return b.Put([]byte(a.Login), raw)
}

func getAccount(b *bolt.Bucket, login string) (Account, bool) {
	var a Account
	v := b.Get([]byte(login))
	if v == nil || json.Unmarshal(v, &a) != nil {
		return Account{}, false
	}
	return a, true
}

// Authenticate checks a login and returns the actor. Five wrong passwords in a row lock the account
// for a while; the lock and the count are stored, so restarting the program does not reset them. A
// right password with nothing to reset is only a read: logging in to look something up leaves the
// data file as it was.
func (s *Store) Authenticate(login, password string) (data.Actor, error) {
	login = strings.TrimSpace(login)
	now := s.now().UTC()
	var a Account
	ok, sealed := false, true
	if err := s.db.View(func(tx *bolt.Tx) error {
		a, ok = getAccount(tx.Bucket(bucketAccounts), login)
		sealed = !sealsApply(tx) || accountsSealed(tx)
		return nil
	}); err != nil {
		return data.Actor{}, fmt.Errorf("log in %s: %w", login, err)
	}
	if !sealed {
		// An account changed in the file (a role raised, a password hash replaced) grants nothing.
		return data.Actor{}, ErrAccountsTampered
	}
	if !ok || a.Disabled {
		// Spend the same time as a real check, so names cannot be probed by timing.
		bcrypt.CompareHashAndPassword([]byte("$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3HqK7yXsQK1d0lLhRRZVTLe"), []byte(password))
		return data.Actor{}, ErrBadLogin
	}
	if a.LockedUntil != nil && now.Before(*a.LockedUntil) {
		return data.Actor{}, &LockedError{*a.LockedUntil}
	}
	right := bcrypt.CompareHashAndPassword(a.Hash, []byte(password)) == nil
	if right && a.Failed == 0 && a.LockedUntil == nil {
		return a.Actor(), nil
	}
	// A wrong try to count, or the count of earlier ones to clear: written against the account as it
	// stands now (another try may have counted meanwhile).
	var authErr error
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		cur, ok := getAccount(b, login)
		if !ok || cur.Disabled || !bytes.Equal(cur.Hash, a.Hash) {
			// Gone, disabled or given a new password since the check: the password checked is not its.
			authErr = ErrBadLogin
			return nil
		}
		if cur.LockedUntil != nil && now.Before(*cur.LockedUntil) {
			authErr = &LockedError{*cur.LockedUntil}
			return nil
		}
		if right {
			cur.Failed, cur.LockedUntil = 0, nil
			a = cur
			return putAccount(b, cur)
		}
		cur.Failed++
		authErr = ErrBadLogin
		if cur.Failed >= MaxFailedLogins {
			until := now.Add(LockoutDuration)
			cur.LockedUntil, cur.Failed = &until, 0
			authErr = &LockedError{until}
			if err := appendAudit(tx, AuditEntry{Time: now, User: cur.Name, Login: cur.Login, Action: ActionLockout, Serial: cur.Login}); err != nil {
				return err
			}
		}
		return putAccount(b, cur)
	})
	if err != nil {
		return data.Actor{}, fmt.Errorf("log in %s: %w", login, err)
	}
	if authErr != nil {
		return data.Actor{}, authErr
	}
	return a.Actor(), nil
}

// AccountName returns the name and role of a login, without a password: what the console's example
// needs to fill in 经办人. Nothing secret is returned.
func (s *Store) AccountName(login string) (string, data.Role, bool) {
	var a Account
	ok := false
	_ = s.db.View(func(tx *bolt.Tx) error {
		a, ok = getAccount(tx.Bucket(bucketAccounts), strings.TrimSpace(login))
		return nil
	})
	return a.Name, a.Role, ok && !a.Disabled
}

// ChangePassword lets a person change their own password, proving the old one; a first password
// changed is no longer asked to be changed.
func (s *Store) ChangePassword(by data.Actor, old, nu string) error {
	if _, err := s.Authenticate(by.Login, old); err != nil {
		return err
	}
	return s.setPassword(by, by.Login, nu, false)
}

// ResetPassword sets another person's password and lifts a lockout (administrator only). The password
// given is a first one: the person is asked for their own at the next login (the administrator's own,
// reset by themself, is not).
func (s *Store) ResetPassword(by data.Actor, login, nu string) error {
	if err := by.Need(data.PermAccounts); err != nil {
		return err
	}
	return s.setPassword(by, login, nu, login != by.Login)
}

// MustChangePassword says whether a login holds a first password, to be changed before the desk opens.
func (s *Store) MustChangePassword(login string) bool {
	var a Account
	_ = s.db.View(func(tx *bolt.Tx) error {
		a, _ = getAccount(tx.Bucket(bucketAccounts), strings.TrimSpace(login))
		return nil
	})
	return a.MustChange
}

// SetMustChangePassword says whether a person is asked for a new password at the next login
// (administrator only): false when the person chose the password with the administrator.
func (s *Store) SetMustChangePassword(by data.Actor, login string, must bool) error {
	if err := by.Need(data.PermAccounts); err != nil {
		return err
	}
	return s.updateAccount(by, login, ActionAccount, func(a *Account) []data.Change {
		a.MustChange = must
		return []data.Change{{Field: "must_change", New: fmt.Sprint(must)}}
	})
}

func (s *Store) setPassword(by data.Actor, login, nu string, must bool) error {
	if err := checkPassword(nu); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(nu), bcryptCost)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	return s.updateAccount(by, login, ActionPassword, func(a *Account) []data.Change {
		a.Hash, a.Failed, a.LockedUntil, a.MustChange = hash, 0, nil, must
		return nil // the trail says the password changed, never anything of it
	})
}

// updateAccount changes one account and records it in the audit trail, in one transaction.
func (s *Store) updateAccount(by data.Actor, login, action string, change func(*Account) []data.Change) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		a, ok := getAccount(b, login)
		if !ok {
			return ErrNotFound
		}
		old := bytes.Clone(b.Get([]byte(login)))
		changes := change(&a)
		if err := putAccount(b, a); err != nil {
			return err
		}
		return appendAudit(tx, AuditEntry{Time: s.now().UTC(), User: by.Name, Login: by.Login, Action: action, Serial: login, Changes: changes,
			Seals: []Seal{sealOf(tx, bucketAccounts, []byte(login), old)}})
	})
}

// SetAccountDisabled stops or restarts an account (administrator only). Accounts are never deleted:
// the records keep the names of those who made them.
func (s *Store) SetAccountDisabled(by data.Actor, login string, disabled bool) error {
	if err := by.Need(data.PermAccounts); err != nil {
		return err
	}
	if login == by.Login && disabled {
		return fmt.Errorf("%w: 不能停用自己的账户", ErrAccountInvalid)
	}
	return s.updateAccount(by, login, ActionAccount, func(a *Account) []data.Change {
		a.Disabled = disabled
		return []data.Change{{Field: "disabled", New: fmt.Sprint(disabled)}}
	})
}

// Accounts lists the accounts by login (administrator only); hashes are left out.
func (s *Store) Accounts(by data.Actor) ([]Account, error) {
	if err := by.Need(data.PermAccounts); err != nil {
		return nil, err
	}
	var out []Account
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAccounts).ForEach(func(k, v []byte) error {
			var a Account
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			a.Hash = nil
			out = append(out, a)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Login < out[j].Login })
	return out, err
}
