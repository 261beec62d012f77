package sharedir

import (
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The folder's access, read back with GetNamedSecurityInfo: an entry allowing the PC's Users to modify,
// inherited by files and subfolders; a file made in it afterwards carries it.
func TestWithUsersLetsThePCsUsersModifyTheFolderAndWhatItHolds(t *testing.T) {
	// Not t.TempDir: Go's removal of a folder fails under Wine 8 ("Invalid function"), which would fail
	// the test there after its checks.
	dir, err := os.MkdirTemp("", "Frontdesk")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := WithUsers(dir); err != nil {
		t.Fatal(err)
	}
	if underWine() {
		// Wine 8 takes the new access without an error but keeps a file's access from its Unix mode:
		// what is read back is not what was set, so only the calls are checked there.
		t.Skip("under Wine: WithUsers ran without an error; the access it set is not kept by Wine")
	}
	flags, mask, ok := usersEntry(t, dir)
	if !ok {
		t.Fatal("no entry for the Users group on the folder")
	}
	if mask&modifyAccess != modifyAccess {
		t.Errorf("Users' rights %#x; want modify %#x", mask, modifyAccess)
	}
	if flags&(windows.OBJECT_INHERIT_ACE|windows.CONTAINER_INHERIT_ACE) != windows.OBJECT_INHERIT_ACE|windows.CONTAINER_INHERIT_ACE {
		t.Errorf("the entry's flags %#x: not inherited by files and subfolders", flags)
	}
	file := filepath.Join(dir, "frontdesk.db")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	flags, mask, ok = usersEntry(t, file)
	if !ok || mask&modifyAccess != modifyAccess || flags&windows.INHERITED_ACE == 0 {
		t.Errorf("a file made in the folder: Users entry %v, rights %#x, flags %#x; want the inherited modify entry", ok, mask, flags)
	}
}

// usersEntry is the Users group's allowing entry on path: its flags and rights.
func usersEntry(t *testing.T, path string) (flags uint8, mask windows.ACCESS_MASK, ok bool) {
	t.Helper()
	users, err := windows.CreateWellKnownSid(windows.WinBuiltinUsersSid)
	if err != nil {
		t.Fatal(err)
	}
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	acl, _, err := sd.DACL()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < int(acl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(acl, uint32(i), &ace); err != nil {
			t.Fatal(err)
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE {
			continue
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if sid.Equals(users) {
			return ace.Header.AceFlags, ace.Mask, true
		}
	}
	return 0, 0, false
}

// underWine says whether the test runs under Wine (its ntdll has wine_get_version).
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
