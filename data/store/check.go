package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"frontdesk/data"
	"os"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Problem is one finding of Check, in Chinese, with the place it was found.
type Problem struct {
	Place   string
	Message string
}

func (p Problem) String() string { return p.Place + "：" + p.Message }

// Check verifies the store: bbolt's own consistency, the audit hash chain, that every record's bytes are
// the ones its last audit entry recorded (so a record altered outside the program is found), and that the
// serial, time and search indexes agree with the records. It reads only: the named checks of
// storeChecks run in order in one read transaction, each adding what it finds.
func (s *Store) Check() (probs []Problem, err error) {
	defer survivingFaults(&err)()
	add := func(place, format string, a ...any) {
		if len(probs) < 100 {
			probs = append(probs, Problem{place, fmt.Sprintf(format, a...)})
		}
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		c := &checkRun{s: s, tx: tx, add: add}
		for _, ch := range storeChecks {
			if err := ch.run(c); err != nil {
				if errors.Is(err, errStopChecks) {
					return nil
				}
				return fmt.Errorf("%s: %w", ch.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return probs, fmt.Errorf("check store: %w", err)
	}
	return probs, nil
}

// storeChecks are the parts of Check, in the order they run: the later ones read what the audit chain
// recorded (each record's last hash, the seals, the last entry's number).
var storeChecks = []struct {
	name string
	run  func(c *checkRun) error
}{
	{"structure", (*checkRun).structure},
	{"audit chain", (*checkRun).auditChain},
	{"schema version", (*checkRun).schemaVersion},
	{"seals", (*checkRun).seals},
	{"anchor", (*checkRun).anchor},
	{"records", (*checkRun).records},
	{"open matters", (*checkRun).openMatters},
	{"serials", (*checkRun).serials},
}

// errStopChecks ends Check early without an error: the file's page tree cannot be walked safely, and
// what it found says so.
var errStopChecks = errors.New("the store's structure stops the check")

// checkRun is one Check: its transaction, where findings go, and what the audit chain told the checks
// after it.
type checkRun struct {
	s   *Store
	tx  *bolt.Tx
	add func(place, format string, a ...any)
	// lastHash is each record's hash in its last audit entry (by idxKey of kind and ID); sealLast each
	// sealed entry's last value; sealSeq the audit entry that last changed a seal; lastSeq the last entry.
	lastHash         map[string]string
	sealLast         map[[2]string]string
	sealSeq, lastSeq uint64
	// current says the store has this version's layout (an earlier one's indexes are written anew at
	// its next open, so they are not held against it).
	current bool
}

// structure walks the file's page tree and bbolt's own check.
func (c *checkRun) structure() error {
	// Every page is first reached by this goroutine's own walk, where a damaged page number becomes
	// an error; bbolt's Check reads pages in a goroutine of its own, where it would end the program.
	// A page reached twice (a cycle) would send that walk round for ever: the tree is walked from
	// the file first.
	cyc, reached, err := treeFaults(c.tx, c.s.path, true)
	if err != nil {
		return err
	}
	if len(cyc) > 0 {
		for _, id := range cyc {
			c.add("数据文件", "结构损坏（第 %d 页的位置不对，页面之间的指向成环或重复）", id)
		}
		return errStopChecks
	}
	if err := c.tx.ForEach(func(_ []byte, b *bolt.Bucket) error { walkBucket(b); return nil }); err != nil {
		return err
	}
	// The pages of this transaction's tree only: those stay as they are while it is open, whatever
	// this process writes meanwhile; a free page may be written at any moment.
	pageSize := uint64(c.tx.DB().Info().PageSize)
	bad, err := badPages(c.s.path, pageSize, uint64(c.tx.Size())/pageSize, reached)
	if err != nil || len(bad) > 0 {
		for _, id := range bad {
			c.add("数据文件", "结构损坏（第 %d 页）", id)
		}
		if err != nil {
			c.add("数据文件", "无法读取：%v", err)
		}
	} else if c.s.ReadOnly() {
		// bbolt's own check compares the tree with the store's free list as it is now, which a
		// writer in this process changes meanwhile (it then names pages in use as freed): it runs
		// where no writer can be, a store opened for reading (the console's check, verify, every
		// backup's check). The walk above covers the rest: every page once, elements in the page,
		// keys in order.
		for e := range c.tx.Check() {
			// bbolt's own words are English and internal: the place is what a person can act on.
			c.add("数据文件", "结构损坏（%s）", structurePlace(e))
		}
	}
	return nil
}

// auditChain follows the audit trail entry by entry: numbers without a gap, each hashing the one
// before, each hash its content's, the seals each following on from the last.
func (c *checkRun) auditChain() error {
	c.lastHash = map[string]string{}
	c.sealLast = map[[2]string]string{}
	var state sealState
	prev := ""
	var seq uint64
	cur := c.tx.Bucket(bucketAudit).Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		seq++
		place := fmt.Sprintf("审计记录 #%d", binary.BigEndian.Uint64(k))
		if binary.BigEndian.Uint64(k) != seq {
			c.add(place, "审计记录编号不连续（缺少 #%d），有记录被删除", seq)
			seq = binary.BigEndian.Uint64(k)
		}
		var e AuditEntry
		if err := json.Unmarshal(v, &e); err != nil {
			c.add(place, "无法读取：%v", err)
			prev = ""
			continue
		}
		if e.Prev != prev {
			c.add(place, "审计记录断开：与上一条记录不衔接")
		}
		if e.computeHash() != e.Hash {
			c.add(place, "审计记录内容被改动（哈希不符）")
		}
		prev = e.Hash
		if e.Kind != "" && e.RecordID != 0 && e.RecordHash != "" {
			c.lastHash[string(idxKey([]byte(e.Kind), e.RecordID))] = e.RecordHash
		}
		if len(e.Seals) > 0 {
			for _, sl := range e.Seals {
				key := [2]string{sl.Bucket, sl.Key}
				if sl.Old != c.sealLast[key] {
					c.add(place, "账户、设置或业户档案的变更与上一次记录不衔接（%s）", sl.Key)
				}
				c.sealLast[key] = sl.New
				state.apply(sl)
			}
			if e.State != state.String() {
				c.add(place, "封存摘要不符")
			}
			c.sealSeq = e.Seq
		}
		c.lastSeq = binary.BigEndian.Uint64(k)
	}
	return nil
}

// schemaVersion: a store (or a backup) written by an earlier version has the search indexes of its
// time, and the upgrade at its next open writes them anew; a sealed store whose version was set back
// is damage.
func (c *checkRun) schemaVersion() error {
	if meta := c.tx.Bucket(bucketMeta); meta != nil {
		if b := meta.Get(keySchema); len(b) == 8 && binary.BigEndian.Uint64(b) == uint64(len(migrations)) {
			c.current = true
		}
	}
	if !c.current && sealMarked(c.tx) {
		c.add("数据结构版本", "版本号与内容不符（被改回或改坏），而数据已按新版本封存：数据文件在程序外被改动")
	}
	return nil
}

// seals: the accounts, settings and registry are what their last audit entries say.
func (c *checkRun) seals() error {
	if sealsApply(c.tx) {
		checkSealed(c.tx, c.sealLast, c.add)
		if _, seq, err := sealedState(c.tx); err != nil || seq != c.sealSeq {
			c.add("账户、设置和业户档案", "封存标记与审计记录不符")
		}
	}
	return nil
}

// anchor: the chain's head kept outside the file is still in it.
func (c *checkRun) anchor() error {
	if a := c.s.keptAnchor(); a != nil {
		checkAnchor(c.tx, *a, c.lastSeq, c.add)
	}
	c.s.checkAnchorFile(c.add)
	return nil
}

// records reads every record of every form against its last audit entry and its indexes.
func (c *checkRun) records() error {
	forms := c.tx.Bucket(bucketForms)
	for _, f := range data.Forms() {
		fb := forms.Bucket([]byte(f.Key))
		if fb == nil {
			c.add(f.Title(), "缺少数据分区")
			continue
		}
		fc := formCheck{checkRun: c, f: f, fb: fb, upto: tokUpTo(fb), indexed: c.current && fb.Get(keyRebuild) == nil}
		if err := fb.Bucket(bucketRec).ForEach(fc.record); err != nil {
			return err
		}
		if fc.indexed {
			checkZones(fb, f, c.add)
		}
	}
	return nil
}

// formCheck is the check of one form's records.
type formCheck struct {
	*checkRun
	f  *data.Form
	fb *bolt.Bucket
	// upto is the newest record whose search tokens are written (newer ones are fresh); indexed says
	// the form's indexes are of this version.
	upto    uint64
	indexed bool
}

// record checks one record: its bytes against its last audit entry, its place, and each index.
func (fc formCheck) record(k, raw []byte) error {
	f, id := fc.f, binary.BigEndian.Uint64(k)
	place := fmt.Sprintf("%s 第%d条", f.Title(), id)
	want, ok := fc.lastHash[string(idxKey([]byte(f.Key), id))]
	if !ok {
		fc.add(place, "记录没有审计记录（可能被程序外写入）")
	} else if hashBytes(raw) != want {
		fc.add(place, "记录内容在程序外被改动（与审计记录的哈希不符）")
	}
	var r data.Record
	if err := json.Unmarshal(raw, &r); err != nil {
		fc.add(place, "无法读取：%v", err)
		return nil
	}
	place = f.Title() + " " + r.Serial
	if r.ID != id || r.Kind != f.Key {
		fc.add(place, "记录编号或类别与存放位置不符")
	}
	if v := fc.tx.Bucket(bucketSerialIndex).Get([]byte(r.Serial)); !bytes.Equal(v, idxKey([]byte(f.Key), id)) {
		fc.add(place, "编号索引缺失或指向别的记录")
	}
	if fc.fb.Bucket(bucketTime).Get(idxKey(timeKey(r.Date(f)), id)) == nil {
		fc.add(place, "日期索引缺失")
	}
	if t := fc.fb.Bucket(bucketText).Get(k); len(t) < 16 || string(t[16:]) != searchText(f, &r) {
		fc.add(place, "搜索索引与记录不符")
	}
	fc.openEntry(place, id, &r)
	if fc.indexed && id <= fc.upto {
		tok := fc.fb.Bucket(bucketTok)
		for _, t := range recordTokens(f, &r) {
			if tok.Get(idxKey([]byte(t), id)) == nil {
				fc.add(place, "搜索词索引缺失（“%s”）", t)
				break
			}
		}
	}
	return nil
}

// openEntry: a record still open is in the open matters' index as it is now, and a closed one is not.
func (fc formCheck) openEntry(place string, id uint64, r *data.Record) {
	if fc.f.Flow == nil {
		return
	}
	got := fc.tx.Bucket(bucketOpen).Get(openKey(fc.f.Key, id))
	want, open := fc.f.Open(r)
	switch {
	case open && got == nil:
		fc.add(place, "待办索引缺少这件未办结事项")
	case !open && got != nil:
		fc.add(place, "待办索引仍列着已办结的记录")
	case open:
		e, err := decodeOpen(got)
		if err != nil || e.Serial != want.Serial || e.State != want.State || !e.Start.Equal(want.Start) || e.Who != want.Who {
			fc.add(place, "待办索引与记录不符")
		}
	}
}

// openMatters: every entry of the open matters' index points at a record.
func (c *checkRun) openMatters() error {
	forms := c.tx.Bucket(bucketForms)
	return c.tx.Bucket(bucketOpen).ForEach(func(k, _ []byte) error {
		if len(k) < 10 {
			c.add("待办索引", "条目损坏")
			return nil
		}
		fb := forms.Bucket(k[:len(k)-9])
		if fb == nil || fb.Bucket(bucketRec).Get(k[len(k)-8:]) == nil {
			c.add("待办索引", "条目指向不存在的记录")
		}
		return nil
	})
}

// serials: every serial issued points at its record, and the day's counter has issued at least that
// number (a counter set back would issue it again).
func (c *checkRun) serials() error {
	forms, counters := c.tx.Bucket(bucketForms), c.tx.Bucket(bucketSerials)
	return c.tx.Bucket(bucketSerialIndex).ForEach(func(k, v []byte) error {
		if len(v) < 10 {
			c.add("编号 "+string(k), "编号索引损坏")
			return nil
		}
		fb := forms.Bucket(v[:len(v)-9])
		if fb == nil || fb.Bucket(bucketRec).Get(v[len(v)-8:]) == nil {
			c.add("编号 "+string(k), "编号指向不存在的记录")
		}
		if key, n, ok := counterOf(string(v[:len(v)-9]), string(k)); ok {
			cnt := counters.Get(key)
			if len(cnt) != 8 || binary.BigEndian.Uint64(cnt) < n {
				c.add("编号 "+string(k), "当天的编号计数器小于已发出的编号（计数器被改回，会重复发号）")
			}
		}
		return nil
	})
}

// Counts returns the number of records of every form kind, for summaries and backups.
func (s *Store) Counts() (map[string]int, error) {
	out := map[string]int{}
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, f := range data.Forms() {
			if fb := tx.Bucket(bucketForms).Bucket([]byte(f.Key)); fb != nil {
				out[f.Key] = fb.Bucket(bucketRec).Stats().KeyN
			}
		}
		return nil
	})
	return out, err
}

// QuickCheckEntries is how many of the newest audit entries the start-up check follows.
const QuickCheckEntries = 2000

// QuickCheck is the start-up check: bounded work whatever the store's size. It follows the newest audit
// entries back along the hash chain and checks that the records they wrote still have the bytes they
// wrote and their indexes, which is where a power cut or a failing disk during recent work would show.
// The full Check reads everything; the settings screen, frontdeskctl check and every backup run it.
func (s *Store) QuickCheck() (probs []Problem, err error) {
	defer survivingFaults(&err)()
	add := func(place, format string, a ...any) {
		probs = append(probs, Problem{place, fmt.Sprintf(format, a...)})
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		var newer *AuditEntry
		checked := map[string]bool{}
		n := 0
		for k, v := c.Last(); k != nil && n < QuickCheckEntries; k, v = c.Prev() {
			n++
			place := fmt.Sprintf("审计记录 #%d", binary.BigEndian.Uint64(k))
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				add(place, "无法读取：%v", err)
				return nil
			}
			if e.computeHash() != e.Hash {
				add(place, "审计记录内容被改动（哈希不符）")
			}
			if newer != nil && newer.Prev != e.Hash {
				add(fmt.Sprintf("审计记录 #%d", newer.Seq), "审计记录断开：与上一条记录不衔接")
			}
			newer = &e
			key := string(idxKey([]byte(e.Kind), e.RecordID))
			if e.Kind == "" || e.RecordID == 0 || e.RecordHash == "" || checked[key] {
				continue
			}
			checked[key] = true // the newest entry of a record holds its current hash
			f, ok := data.FormByKey(e.Kind)
			fb := tx.Bucket(bucketForms).Bucket([]byte(e.Kind))
			if !ok || fb == nil {
				add(place, "指向不存在的表单 %s", e.Kind)
				continue
			}
			raw := fb.Bucket(bucketRec).Get(u64(e.RecordID))
			rp := fmt.Sprintf("%s 第%d条", f.Title(), e.RecordID)
			if raw == nil {
				add(rp, "记录缺失")
				continue
			}
			if hashBytes(raw) != e.RecordHash {
				add(rp, "记录内容在程序外被改动（与审计记录的哈希不符）")
				continue
			}
			var r data.Record
			if err := json.Unmarshal(raw, &r); err != nil {
				add(rp, "无法读取：%v", err)
				continue
			}
			if fb.Bucket(bucketTime).Get(idxKey(timeKey(r.Date(f)), r.ID)) == nil {
				add(rp, "日期索引缺失")
			}
			if t := fb.Bucket(bucketText).Get(u64(r.ID)); len(t) < 16 || string(t[16:]) != searchText(f, &r) {
				add(rp, "搜索索引与记录不符")
			}
		}
		if sealsApply(tx) {
			quickCheckSealed(tx, add)
		}
		quickCheckCounters(tx, s.now(), add)
		if a := s.keptAnchor(); a != nil {
			checkAnchor(tx, *a, headOf(tx).Seq, add)
		}
		s.checkAnchorFile(add)
		return nil
	})
	return probs, err
}

// schemaCurrent says whether the store is at this program's schema (a backup of an earlier version
// is checked by the rules of its time).
func schemaCurrent(tx *bolt.Tx) bool {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return false
	}
	b := meta.Get(keySchema)
	return len(b) == 8 && binary.BigEndian.Uint64(b) == uint64(len(migrations))
}

// structurePlace names where bbolt found its structure broken: the page, when its message gives one.
func structurePlace(e error) string {
	if m := regexp.MustCompile(`page (\d+)`).FindStringSubmatch(e.Error()); m != nil {
		return "第 " + m[1] + " 页"
	}
	return "数据页之间不一致"
}

// walkBucket reads every key of a bucket and its nested buckets, so every page of it is touched.
func walkBucket(b *bolt.Bucket) {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil {
			if sub := b.Bucket(k); sub != nil {
				walkBucket(sub)
			}
		}
	}
}

// ErrStoreDamaged means a check met pages it could not read: the data file is damaged.
var ErrStoreDamaged = errors.New("data file damaged")

// survivingFaults turns what a damaged file does to a check into an error: bbolt follows page
// numbers before it checks them, so a damaged page number reads past the mapped file, which without
// SetPanicOnFault ends the program instead of letting the check report it. Use as
// defer survivingFaults(&err)().
func survivingFaults(err *error) func() {
	old := debug.SetPanicOnFault(true)
	return func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			*err = fmt.Errorf("check store: %w: %v", ErrStoreDamaged, r)
		}
	}
}

// badPages reads every page of the tree treeFaults reached and returns those whose elements point
// outside the page or at a page past the end. bbolt's own check reads keys where such
// elements point, in a goroutine of its own, where a fault would end the program: a page found here
// is reported instead, and bbolt's check is not run on the file.
func badPages(path string, ps, count uint64, reached pageSet) ([]uint64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	const branch, leaf, head, elem = pageBranch, pageLeaf, pageHeader, pageElem
	le := binary.LittleEndian
	var bad []uint64
	buf := make([]byte, ps)
	for id := uint64(2); id < count; id++ {
		if !reached.has(id) {
			continue
		}
		if _, err := f.ReadAt(buf[:ps], int64(id*ps)); err != nil {
			return append(bad, id), nil
		}
		flags, n, overflow := le.Uint16(buf[8:]), uint64(le.Uint16(buf[10:])), uint64(le.Uint32(buf[12:]))
		if flags != branch && flags != leaf {
			continue // meta, free list, or a page not in use
		}
		size := (1 + overflow) * ps
		if le.Uint64(buf[0:]) != id || id+overflow >= count || head+n*elem > size {
			bad = append(bad, id)
			id += min(overflow, count)
			continue
		}
		page := buf
		if overflow > 0 {
			page = make([]byte, size)
			if _, err := f.ReadAt(page, int64(id*ps)); err != nil {
				return append(bad, id), nil
			}
		}
		var prev []byte
		for i := uint64(0); i < n; i++ {
			e := head + i*elem
			var pos, end, ksize uint64
			if flags == branch {
				ksize = uint64(le.Uint32(page[e+4:]))
				pos, end = e+uint64(le.Uint32(page[e:])), e+uint64(le.Uint32(page[e:]))+ksize
				if child := le.Uint64(page[e+8:]); child < 2 || child >= count {
					end = size + 1
				}
			} else {
				ksize = uint64(le.Uint32(page[e+8:]))
				pos = e + uint64(le.Uint32(page[e+4:]))
				end = pos + ksize + uint64(le.Uint32(page[e+12:]))
			}
			if pos > size || end > size {
				bad = append(bad, id)
				break
			}
			// Keys in order, as bbolt's own check has them: a cursor relies on it.
			key := page[pos : pos+ksize]
			if i > 0 && bytes.Compare(prev, key) >= 0 {
				bad = append(bad, id)
				break
			}
			prev = key
		}
		id += overflow
	}
	return bad, nil
}

// counterOf is the counter a serial was issued from (kind|day[|issuer]) and its number:
// FX-20261127-003 and FX-20261127-G003.
func counterOf(kind, serial string) ([]byte, uint64, bool) {
	i := strings.LastIndexByte(serial, '-')
	if i < 9 || serial[i-9] != '-' {
		return nil, 0, false
	}
	day, num := serial[i-8:i], serial[i+1:]
	issuer := ""
	if num != "" && num[0] >= 'A' && num[0] <= 'Z' {
		issuer, num = num[:1], num[1:]
	}
	n, err := strconv.ParseUint(num, 10, 64)
	if err != nil {
		return nil, 0, false
	}
	key := kind + "|" + day
	if issuer != "" {
		key += "|" + issuer
	}
	return []byte(key), n, true
}

// quickCheckCounters finds today's counters set back: the next serial one would issue was issued
// already (the save would be refused; said at start-up instead of at the first save).
func quickCheckCounters(tx *bolt.Tx, now time.Time, add func(place, format string, a ...any)) {
	day := data.SerialDay(now)
	idx, counters := tx.Bucket(bucketSerialIndex), tx.Bucket(bucketSerials)
	for _, f := range data.Forms() {
		prefix := []byte(f.Key + "|" + day)
		c := counters.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			issuer := strings.TrimPrefix(string(k[len(prefix):]), "|")
			if len(v) != 8 || !data.ValidIssuer(issuer) {
				continue
			}
			at, _ := time.ParseInLocation("20060102", day, data.Shanghai)
			if next := data.FormatSerial(f, at, issuer, binary.BigEndian.Uint64(v)+1); idx.Get([]byte(next)) != nil {
				add("编号 "+next, "今天的编号计数器被改回：下一个编号已经发出过，保存会被拒绝")
			}
		}
	}
}
