//go:build windows

package drives

import (
	"os"
	"strings"

	"golang.org/x/sys/windows"
)

// List returns the removable drives first, then the fixed drives that are not the system drive.
func List() ([]Drive, error) {
	mask, err := windows.GetLogicalDrives()
	if err != nil {
		return nil, err
	}
	system := strings.ToUpper(os.Getenv("SystemDrive")) // C:
	var removable, fixed []Drive
	for i := 0; i < 26; i++ {
		if mask&(1<<uint(i)) == 0 {
			continue
		}
		root := string(rune('A'+i)) + `:\`
		p, _ := windows.UTF16PtrFromString(root)
		t := windows.GetDriveType(p)
		if t != windows.DRIVE_REMOVABLE && t != windows.DRIVE_FIXED {
			continue
		}
		if t == windows.DRIVE_FIXED && strings.EqualFold(root[:2], system) {
			continue
		}
		d := Drive{Root: root, Removable: t == windows.DRIVE_REMOVABLE}
		label := make([]uint16, windows.MAX_PATH+1)
		if windows.GetVolumeInformation(p, &label[0], uint32(len(label)), nil, nil, nil, nil, 0) == nil {
			d.Label = windows.UTF16ToString(label)
		}
		var free, total, totalFree uint64
		if windows.GetDiskFreeSpaceEx(p, &free, &total, &totalFree) != nil {
			continue // no medium in the drive (an empty card reader)
		}
		d.Free, d.Total = free, total
		if d.Removable {
			removable = append(removable, d)
		} else {
			fixed = append(fixed, d)
		}
	}
	return append(removable, fixed...), nil
}
