package store

import (
	"bytes"
	"encoding/json"
	"testing"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// A password the administrator gives (a new account, a reset) is a first one, to be changed at the
// next login; the person's own change clears it, and the flag survives closing and reopening the file.
func TestAFirstPasswordIsChangedAtTheNextLogin(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	adm, err := s.SetupAdmin("admin", "管理员", "admin-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	if s.MustChangePassword("admin") {
		t.Error("the administrator's own password (the setup) is asked to be changed")
	}
	if _, err := s.CreateAccount(adm, "chenjia", "陈佳", data.RoleClerk, "first-pass-1"); err != nil {
		t.Fatal(err)
	}
	if !s.MustChangePassword("chenjia") {
		t.Fatal("an account the administrator made has no first password")
	}
	s.Close()
	if s, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.MustChangePassword("chenjia") {
		t.Fatal("the flag was lost when the file was reopened")
	}
	a, err := s.Authenticate("chenjia", "first-pass-1")
	if err != nil {
		t.Fatalf("a first password does not log in: %v", err)
	}
	if err := s.ChangePassword(a, "first-pass-1", "own-pass-12"); err != nil {
		t.Fatal(err)
	}
	if s.MustChangePassword("chenjia") {
		t.Error("still asked after the person's own change")
	}
	if err := s.ResetPassword(adm, "chenjia", "reset-pass-1"); err != nil {
		t.Fatal(err)
	}
	if !s.MustChangePassword("chenjia") {
		t.Error("a reset password is not a first password")
	}
	if err := s.ResetPassword(adm, "admin", "admin-pass-2"); err != nil {
		t.Fatal(err)
	}
	if s.MustChangePassword("admin") {
		t.Error("the administrator resetting their own password is asked to change it")
	}
	if err := s.SetMustChangePassword(a, "chenjia", false); err == nil {
		t.Error("a clerk cleared the flag")
	}
	if err := s.SetMustChangePassword(adm, "chenjia", false); err != nil || s.MustChangePassword("chenjia") {
		t.Errorf("the administrator's clearing: %v", err)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Errorf("check: %v %v", err, probs)
	}
}

// An account stored before the flag existed has no must_change field: it reads as no change asked, and
// an account without a first password is stored without the field, in the bytes it had before (so its
// seal holds, and no migration is needed).
func TestAnAccountStoredBeforeTheFlagAsksNoChange(t *testing.T) {
	s, _ := openTemp(t)
	if _, err := s.SetupAdmin("admin", "管理员", "admin-pass-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAccount(data.System, "chenjia", "陈佳", data.RoleClerk, "clerk-pass-1"); err != nil {
		t.Fatal(err)
	}
	var raw []byte
	_ = s.db.View(func(tx *bolt.Tx) error {
		raw = bytes.Clone(tx.Bucket(bucketAccounts).Get([]byte("chenjia")))
		return nil
	})
	if bytes.Contains(raw, []byte("must_change")) {
		t.Fatalf("an account without a first password stores the field: %s", raw)
	}
	var old struct {
		Login, Name string
		Role        data.Role
	}
	if err := json.Unmarshal(raw, &old); err != nil || old.Login != "chenjia" {
		t.Fatalf("stored account: %s %v", raw, err)
	}
	if s.MustChangePassword("chenjia") {
		t.Error("an account with no field is asked to change its password")
	}
	if _, err := s.Authenticate("chenjia", "clerk-pass-1"); err != nil {
		t.Errorf("login: %v", err)
	}
}
