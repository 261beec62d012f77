package main

import (
	"flag"
	"fmt"
	"os"

	"frontdesk/data/store"
)

// moveData moves the data from the old per-user folder (or -from) into the data folder, as the window
// offers at its first start: copied whole, checked, then used; the old folder kept with a note.
func (c *cli) moveData(args []string) error {
	fs := flag.NewFlagSet("move-data", flag.ContinueOnError)
	from := fs.String("from", store.OldDataDir(), "")
	if _, err := parse(fs, args, 0, "move-data [-from 原数据文件夹]"); err != nil {
		return err
	}
	if *from == "" {
		return usageErr("请用 -from 指定原来的数据文件夹")
	}
	if !store.DataToMove(*from, c.dir) {
		return &exitError{1, fmt.Sprintf("没有需要迁移的数据：%s 中没有未迁移的数据文件，或 %s 中已有数据文件", *from, c.dir)}
	}
	fmt.Fprintf(c.out, "正在把 %s 中的数据迁移到 %s……\n", *from, c.dir)
	if err := store.MoveData(*from, c.dir, nil); err != nil {
		return err
	}
	_, err := fmt.Fprintf(c.out, "迁移完成，数据已检查无误，以后使用：%s\n原来的文件夹保留未删，其中的“%s”写明了数据的去向。\n", c.dir, store.MovedNoteName)
	return err
}

// dataLeftBehind is the refusal of a command run on the new default folder while the data is still in
// the old one: it would begin an empty store there, and the move would no longer be offered.
func dataLeftBehind(dataFlag, dir string) error {
	old := store.OldDataDir()
	if dataFlag != "" || os.Getenv("FRONTDESK_DATA") != "" || !store.DataToMove(old, dir) {
		return nil
	}
	return &exitError{1, fmt.Sprintf("数据还在原来的文件夹 %s 中，新的数据文件夹 %s 中还没有数据。\n请先运行 frontdeskctl move-data 迁移（窗口程序启动时也会询问），或用 -data \"%s\" 继续使用原来的文件夹。", old, dir, old)}
}
