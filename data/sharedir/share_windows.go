package sharedir

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// modifyAccess is Windows' "Modify" right on a file or folder: read, write, run and delete
// (FILE_GENERIC_READ | FILE_GENERIC_WRITE | FILE_GENERIC_EXECUTE | DELETE), but not change its access.
const modifyAccess windows.ACCESS_MASK = 0x120089 | 0x120116 | 0x1200A0 | windows.DELETE

// WithUsers lets every user of the PC (the built-in Users group, S-1-5-32-545) read and write the
// data folder, its files and subfolders, those made later included: the folder under ProgramData is
// shared by every Windows account of the desk PC, and the store's own accounts decide who may do what.
// The folder's other entries stay.
func WithUsers(dir string) error {
	users, err := windows.CreateWellKnownSid(windows.WinBuiltinUsersSid)
	if err != nil {
		return fmt.Errorf("share data folder %s: %w", dir, err)
	}
	sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return fmt.Errorf("share data folder %s: read its access: %w", dir, err)
	}
	old, _, err := sd.DACL()
	if err != nil {
		old = nil // no list yet: the new one holds the Users entry alone
	}
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{{
		AccessPermissions: modifyAccess,
		AccessMode:        windows.GRANT_ACCESS,
		Inheritance:       windows.SUB_CONTAINERS_AND_OBJECTS_INHERIT,
		Trustee: windows.TRUSTEE{
			TrusteeForm:  windows.TRUSTEE_IS_SID,
			TrusteeType:  windows.TRUSTEE_IS_WELL_KNOWN_GROUP,
			TrusteeValue: windows.TrusteeValueFromSID(users),
		},
	}}, old)
	if err != nil {
		return fmt.Errorf("share data folder %s: %w", dir, err)
	}
	if err := windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION, nil, nil, acl, nil); err != nil {
		return fmt.Errorf("share data folder %s: %w", dir, err)
	}
	return nil
}
