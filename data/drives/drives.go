// Package drives lists the drives a backup can go to: on Windows the removable drives (USB sticks) and
// the fixed drives other than the system drive, with their label and free space. Elsewhere it lists
// none, and the backup screen asks for a folder instead.
package drives

import "fmt"

// Drive is one place a backup can be written.
type Drive struct {
	Root      string // E:\
	Label     string
	Removable bool
	Free      uint64
	Total     uint64
}

// String is how the backup screen shows the drive.
func (d Drive) String() string {
	kind := "本地磁盘"
	if d.Removable {
		kind = "U盘/移动磁盘"
	}
	label := d.Label
	if label == "" {
		label = "无卷标"
	}
	return fmt.Sprintf("%s  %s（%s）  可用 %.1f GB / 共 %.1f GB", d.Root, label, kind, float64(d.Free)/1e9, float64(d.Total)/1e9)
}
