package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"frontdesk/data"
	"slices"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Zones: what a search needs to stop early and still be exact.
//
// A list is newest first by the record's date, but the posting lists of the search index are in ID
// order (the order records were saved). For a desk the two orders nearly agree: a visit is saved when
// it happens. So a search walks the candidates from the highest ID down and stops as soon as no record
// not yet passed can be newer than the last of the page it has. What "can be newer" means comes from
// the zones: the IDs are cut into blocks of zoneSize, and each block keeps the earliest and latest
// record date in it, and the earliest and latest day its serials were issued on. A block's zone only
// ever widens (an edit moving a date widens it; a purge leaves it), so it is always a true bound.
//
// A late registration of an old visit (a low date at a high ID) costs nothing; a record dated far
// ahead of its save keeps the walk going down to its block, so such a record is slower to step over,
// never missed.

// ErrIndexIncomplete means a search index of the store is missing or was not finished being written
// (an upgrade cut short): nothing recorded is lost, and opening the store again completes it.
var ErrIndexIncomplete = errors.New("search index incomplete")

var errNoZones = fmt.Errorf("search zones missing: %w", ErrIndexIncomplete)

// zoneShift makes a block of 256 IDs: about a day of visitors at a busy desk, 4,300 blocks in ten years.
const zoneShift = 8

var bucketZone = []byte("zone") // block (8 bytes) → zone (zoneLen bytes)

// A zone holds two fixed-width ranges: record dates (time keys) and serial days (YYYYMMDD).
const zoneLen = 2*16 + 2*8

type zone struct {
	minTK, maxTK   [16]byte
	minDay, maxDay [8]byte
}

func block(id uint64) uint64 { return id >> zoneShift }

func decodeZone(v []byte) (zone, bool) {
	var z zone
	if len(v) != zoneLen {
		return z, false
	}
	copy(z.minTK[:], v[0:16])
	copy(z.maxTK[:], v[16:32])
	copy(z.minDay[:], v[32:40])
	copy(z.maxDay[:], v[40:48])
	return z, true
}

func (z zone) encode() []byte {
	out := make([]byte, 0, zoneLen)
	out = append(out, z.minTK[:]...)
	out = append(out, z.maxTK[:]...)
	out = append(out, z.minDay[:]...)
	return append(out, z.maxDay[:]...)
}

// serialDay is the day in a normalised serial (lf20261127003 → 20261127): the digits after the
// form's letters. A serial of another shape has no day, and its zone takes every day.
func serialDay(norm string) (string, bool) {
	rest := strings.TrimLeft(norm, "abcdefghijklmnopqrstuvwxyz")
	if len(rest) < 8 {
		return "", false
	}
	for i := 0; i < 8; i++ {
		if rest[i] < '0' || rest[i] > '9' {
			return "", false
		}
	}
	return rest[:8], true
}

// widenZone makes the zone of a record's block take in its date and serial day.
func widenZone(fb *bolt.Bucket, id uint64, tk []byte, serial string) error {
	zb := fb.Bucket(bucketZone)
	if zb == nil {
		return errNoZones
	}
	key := u64(block(id))
	z, ok := decodeZone(zb.Get(key))
	before := z
	z.take(tk, searchNormalize(serial), !ok)
	if ok && z == before {
		return nil
	}
	zb.FillPercent = appendOnly // blocks grow at the end
	return zb.Put(key, z.encode())
}

// rezone computes one block's zone and bits anew from its records' search-text entries (a widened
// zone only ever grows; a date moved back must not keep it wide).
func rezone(fb *bolt.Bucket, b uint64) error {
	zb, gb := fb.Bucket(bucketZone), fb.Bucket(bucketGrams)
	if zb == nil || gb == nil {
		return errNoZones
	}
	var z zone
	var g grams
	n := 0
	c := fb.Bucket(bucketText).Cursor()
	for k, v := c.Seek(u64(b << zoneShift)); k != nil && len(k) == 8 && block(binary.BigEndian.Uint64(k)) == b; k, v = c.Next() {
		if len(v) < 16 {
			continue
		}
		serial, _, _ := strings.Cut(string(v[16:]), "\x1f")
		z.take(v[:16], serial, n == 0)
		g.add(string(v[16:]))
		n++
	}
	if n == 0 {
		return nil
	}
	if err := zb.Put(u64(b), z.encode()); err != nil {
		return err
	}
	return gb.Put(u64(b), g[:])
}

// take widens z to a record's date key and serial day; first starts it.
func (z *zone) take(tk []byte, normSerial string, first bool) {
	lowDay, highDay := "00000000", "99999999"
	if d, ok := serialDay(normSerial); ok {
		lowDay, highDay = d, d
	}
	if first {
		copy(z.minTK[:], tk)
		copy(z.maxTK[:], tk)
		copy(z.minDay[:], lowDay)
		copy(z.maxDay[:], highDay)
		return
	}
	if bytes.Compare(tk, z.minTK[:]) < 0 {
		copy(z.minTK[:], tk)
	}
	if bytes.Compare(tk, z.maxTK[:]) > 0 {
		copy(z.maxTK[:], tk)
	}
	if lowDay < string(z.minDay[:]) {
		copy(z.minDay[:], lowDay)
	}
	if highDay > string(z.maxDay[:]) {
		copy(z.maxDay[:], highDay)
	}
}

// buildZones writes the zones of a form's records from their search-text entries (migration 4→5).
func buildZones(fb *bolt.Bucket) error {
	zb, err := fb.CreateBucketIfNotExists(bucketZone)
	if err != nil {
		return err
	}
	gb, err := fb.CreateBucketIfNotExists(bucketGrams)
	if err != nil {
		return err
	}
	gb.FillPercent = appendOnly
	bits := map[uint64]*grams{}
	zb.FillPercent = appendOnly
	zones := map[uint64]zone{}
	var order []uint64
	c := fb.Bucket(bucketText).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 || len(v) < 16 {
			continue
		}
		id := binary.BigEndian.Uint64(k)
		serial, _, _ := strings.Cut(string(v[16:]), "\x1f")
		b := block(id)
		if bits[b] == nil {
			bits[b] = &grams{}
		}
		bits[b].add(string(v[16:]))
		z, ok := zones[b]
		if !ok {
			order = append(order, b)
		}
		z.take(v[:16], serial, !ok)
		zones[b] = z
	}
	for _, b := range order {
		if err := zb.Put(u64(b), zones[b].encode()); err != nil {
			return err
		}
		if err := gb.Put(u64(b), bits[b][:]); err != nil {
			return err
		}
	}
	return nil
}

// zoneMap is a form's zones as a search reads them: for each block, the latest date of any record in
// it or below it, and the block's own ranges. A block with no zone (which check reports) is taken to
// hold any date, so a damaged zone costs speed, never a record.
type zoneMap struct {
	zones   []zone // by block
	has     []bool
	ceiling [][16]byte // latest date in blocks 0..b
}

var maxTK = [16]byte{'9', '9', '9', '9', '9', '9', '9', '9', 'T', '9', '9', '9', '9', '9', '9', 'Z'}

// ceilingAt is the latest date any record with an ID up to id can have.
func (m *zoneMap) ceilingAt(id uint64) []byte {
	b := block(id)
	if b >= uint64(len(m.ceiling)) {
		return maxTK[:]
	}
	return m.ceiling[b][:]
}

// zoneCache keeps each form's zone map for the last committed transaction that read it: a search
// while nothing is saved reads the zones once.
type zoneCache struct {
	mu   sync.Mutex
	maps map[string]cachedZones
}

type cachedZones struct {
	txid int
	m    *zoneMap
}

func (zc *zoneCache) get(tx *bolt.Tx, kind string, fb *bolt.Bucket) *zoneMap {
	zc.mu.Lock()
	c, ok := zc.maps[kind]
	zc.mu.Unlock()
	if ok && c.txid == tx.ID() && !tx.Writable() {
		return c.m
	}
	m := readZones(fb)
	if !tx.Writable() {
		zc.mu.Lock()
		if zc.maps == nil {
			zc.maps = map[string]cachedZones{}
		}
		zc.maps[kind] = cachedZones{tx.ID(), m}
		zc.mu.Unlock()
	}
	return m
}

func readZones(fb *bolt.Bucket) *zoneMap {
	top := block(fb.Bucket(bucketRec).Sequence())
	m := &zoneMap{zones: make([]zone, top+1), has: make([]bool, top+1), ceiling: make([][16]byte, top+1)}
	if zb := fb.Bucket(bucketZone); zb != nil {
		c := zb.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(k) != 8 {
				continue
			}
			b := binary.BigEndian.Uint64(k)
			if z, ok := decodeZone(v); ok && b <= top {
				m.zones[b], m.has[b] = z, true
			}
		}
	}
	var ceil [16]byte
	for b := range m.zones {
		switch {
		case !m.has[b]:
			ceil = maxTK
		case bytes.Compare(m.zones[b].maxTK[:], ceil[:]) > 0:
			ceil = m.zones[b].maxTK
		}
		m.ceiling[b] = ceil
	}
	return m
}

// outside says whether every record of block b is dated outside [lo, hi).
func (m *zoneMap) outside(b uint64, lo, hi []byte) bool {
	if b >= uint64(len(m.zones)) || !m.has[b] {
		return false
	}
	z := &m.zones[b]
	return bytes.Compare(z.maxTK[:], lo) < 0 || bytes.Compare(z.minTK[:], hi) >= 0
}

// startBelow is the highest ID a walk for dates before hi has to start from: the top of the highest
// block holding a date before hi (0 when none does).
func (m *zoneMap) startBelow(hi []byte, seq uint64) uint64 {
	for b := len(m.zones) - 1; b >= 0; b-- {
		if !m.has[b] || bytes.Compare(m.zones[b].minTK[:], hi) < 0 {
			return min(seq, uint64(b+1)<<zoneShift-1)
		}
	}
	return 0
}

// dayBlocks are the blocks that may hold a serial issued on a day in [lo, hi], highest first.
func (m *zoneMap) dayBlocks(lo, hi string) []uint64 {
	out := []uint64{}
	for b := len(m.zones) - 1; b >= 0; b-- {
		if z := m.zones[b]; !m.has[b] || string(z.minDay[:]) <= hi && string(z.maxDay[:]) >= lo {
			out = append(out, uint64(b))
		}
	}
	return out
}

// checkZones reports records outside their block's zone.
func checkZones(fb *bolt.Bucket, f *data.Form, add func(place, format string, a ...any)) {
	zb, gb := fb.Bucket(bucketZone), fb.Bucket(bucketGrams)
	if zb == nil || gb == nil {
		add(f.Title(), "缺少搜索分段索引")
		return
	}
	// One pass over the search-text entries checks both the block's ranges and its letter bits.
	c := fb.Bucket(bucketText).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 || len(v) < 16 {
			continue
		}
		id := binary.BigEndian.Uint64(k)
		place := fmt.Sprintf("%s 第%d条", f.Title(), id)
		z, ok := decodeZone(zb.Get(u64(block(id))))
		serial, _, _ := strings.Cut(string(v[16:]), "\x1f")
		day, dok := serialDay(serial)
		if !ok || bytes.Compare(v[:16], z.minTK[:]) < 0 || bytes.Compare(v[:16], z.maxTK[:]) > 0 ||
			dok && (day < string(z.minDay[:]) || day > string(z.maxDay[:])) {
			add(place, "搜索分段索引不含这条记录")
		}
		var r grams
		r.add(string(v[16:]))
		if b := gb.Get(u64(block(id))); len(b) != gramLen || !(*grams)(b).covers(&r) {
			add(place, "搜索分段索引不含这条记录的字母数字")
		}
	}
}

// The search tokens are written anew by migration 4→5, when phones and units came to be found by any
// part of them. On the ten-year store that is some twenty million keys: written in one transaction,
// bbolt would hold them all in memory until the commit. So the migration empties the token bucket and
// leaves a mark (keyRebuild: the first two bytes of the tokens still to write, then the size the old
// index took); Open then writes the tokens in token order, a range at a time, each in transactions of
// rebuildTx keys. A crash leaves the mark, and the next Open goes on from it (writing a key again
// changes nothing).
//
// The new pages are filled so that the new index takes about the room the old one left: a file never
// shrinks, and every page left free would stay on bbolt's free list, which every later commit writes
// out whole (43,000 pages left free made each save on the ten-year store 2 ms slower).
var keyRebuild = []byte("tok_rebuild")

// Variables so a test can make them small.
var (
	rebuildRange = 8 << 20 // keys gathered, sorted and written per pass over the records
	rebuildTx    = 1 << 19 // keys per transaction
)

// startRebuild empties a form's token bucket and marks it for rebuilding (inside the migration). A
// form without records has nothing to rebuild.
func startRebuild(fb *bolt.Bucket, pageSize int) error {
	if k, _ := fb.Bucket(bucketText).Cursor().First(); k == nil {
		return nil
	}
	var old uint64
	if tok := fb.Bucket(bucketTok); tok != nil {
		st := tok.Stats()
		old = uint64(st.BranchPageN+st.BranchOverflowN+st.LeafPageN+st.LeafOverflowN) * uint64(pageSize)
		if err := fb.DeleteBucket(bucketTok); err != nil {
			return err
		}
	}
	if _, err := fb.CreateBucket(bucketTok); err != nil {
		return err
	}
	return fb.Put(keyRebuild, binary.BigEndian.AppendUint64([]byte{0, 0}, old))
}

// rebuildFill is how full to make the new index's pages: its keys over the room the old one took,
// between half (bbolt's own default) and full.
func rebuildFill(keyBytes, oldBytes uint64) float64 {
	if oldBytes == 0 {
		return 1
	}
	return min(1, max(0.5, float64(keyBytes)/float64(oldBytes)))
}

// eachToken calls fn with every token key (token + 0x00 + ID) of a form's records, read from their
// search-text entries.
func eachToken(text *bolt.Bucket, fn func(token string, id []byte)) {
	c := text.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 || len(v) < 16 {
			continue
		}
		_, fields, _ := strings.Cut(string(v[16:]), "\x1f")
		var toks []string
		for _, part := range strings.Split(fields, "\x1f") {
			toks = append(toks, textTokens(part)...)
		}
		for _, t := range dedupe(toks) {
			fn(t, k)
		}
	}
}

// RebuildProgress reports a token rebuild: keys written so far, of all.
type RebuildProgress func(done, total int)

// finishRebuilds writes the tokens of every form marked by the migration.
func (s *Store) finishRebuilds(progress RebuildProgress) error {
	var kinds []string
	var total int
	counts := map[string]map[uint16]int{}
	sizes := map[string]uint64{} // bytes the keys take on leaf pages
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketForms).ForEachBucket(func(k []byte) error {
			fb := tx.Bucket(bucketForms).Bucket(k)
			if fb.Get(keyRebuild) == nil {
				return nil
			}
			kinds = append(kinds, string(k))
			// Count the keys by their first two bytes, to cut the work into ranges that fit in memory.
			n := map[uint16]int{}
			var size uint64
			eachToken(fb.Bucket(bucketText), func(t string, _ []byte) {
				n[prefix2(t)]++
				total++
				size += uint64(len(t)) + 9 + 16 // key, and its element header on the page
			})
			counts[string(k)] = n
			sizes[string(k)] = size
			return nil
		})
	})
	if err != nil || len(kinds) == 0 {
		return err
	}
	done := 0
	for _, kind := range kinds {
		if err := s.rebuildForm(kind, counts[kind], sizes[kind], &done, total, progress); err != nil {
			return fmt.Errorf("rebuild search index of %s: %w: %w", kind, ErrIndexIncomplete, err)
		}
	}
	return nil
}

func prefix2(t string) uint16 {
	if len(t) == 1 {
		return uint16(t[0]) << 8
	}
	return uint16(t[0])<<8 | uint16(t[1])
}

// rebuildForm writes one form's search tokens anew, a range of two-byte prefixes a pass (about
// rebuildRange keys), each pass sorted and written in transactions of rebuildTx keys; a run cut short
// goes on from the range it had reached.
func (s *Store) rebuildForm(kind string, counts map[uint16]int, size uint64, done *int, total int, progress RebuildProgress) error {
	var from uint32
	fill := 1.0
	err := s.db.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket(bucketForms).Bucket([]byte(kind)).Get(keyRebuild); len(m) == 10 {
			from = uint32(m[0])<<8 | uint32(m[1])
			fill = rebuildFill(size, binary.BigEndian.Uint64(m[2:]))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for p, n := range counts {
		if uint32(p) < from {
			*done += n // written before a cut-short run
		}
	}
	for from <= 0xffff {
		to, n := from, 0
		for to <= 0xffff && (n == 0 || n+counts[uint16(to)] <= rebuildRange) {
			n += counts[uint16(to)]
			to++
		}
		pass, err := s.tokensBetween(kind, from, to)
		if err != nil {
			return err
		}
		for i := 0; i < len(pass.keys) || i == 0; i += rebuildTx {
			batch := pass.keys[i:min(len(pass.keys), i+rebuildTx)]
			if err := s.writeTokens(kind, pass, batch, fill, to, i+rebuildTx >= len(pass.keys)); err != nil {
				return err
			}
			*done += len(batch)
			if progress != nil && total > 0 {
				progress(*done, total)
			}
		}
		from = to
	}
	return nil
}

// tokenPass holds one pass's token keys, sorted: each key an offset and length into arena.
type tokenPass struct {
	arena []byte
	keys  []uint64
}

func (p *tokenPass) key(x uint64) []byte { return p.arena[x>>8 : x>>8+x&0xff] }

// tokensBetween reads the form's tokens whose two-byte prefix lies in [from, to), sorted.
func (s *Store) tokensBetween(kind string, from, to uint32) (*tokenPass, error) {
	p := &tokenPass{}
	err := s.db.View(func(tx *bolt.Tx) error {
		eachToken(tx.Bucket(bucketForms).Bucket([]byte(kind)).Bucket(bucketText), func(t string, id []byte) {
			if pre := uint32(prefix2(t)); pre < from || pre >= to || len(t) > 200 {
				return
			}
			p.keys = append(p.keys, uint64(len(p.arena))<<8|uint64(len(t)+9))
			p.arena = append(append(append(p.arena, t...), 0), id...)
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(p.keys, func(a, b uint64) int { return bytes.Compare(p.key(a), p.key(b)) })
	return p, nil
}

// writeTokens writes a batch of a pass in one transaction; the pass's last batch also records how far
// the rebuild has got (to), or, past the last prefix, that it is done.
func (s *Store) writeTokens(kind string, p *tokenPass, batch []uint64, fill float64, to uint32, last bool) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		fb := tx.Bucket(bucketForms).Bucket([]byte(kind))
		tok := fb.Bucket(bucketTok)
		tok.FillPercent = fill
		for _, x := range batch {
			if err := tok.Put(p.key(x), nil); err != nil {
				return err
			}
		}
		if !last {
			return nil
		}
		if to > 0xffff {
			if err := fb.Delete(keyRebuild); err != nil {
				return err
			}
			return fb.Put(keyTokUpTo, u64(fb.Bucket(bucketRec).Sequence()))
		}
		m := binary.BigEndian.AppendUint64([]byte{byte(to >> 8), byte(to)}, 0)
		if old := fb.Get(keyRebuild); len(old) == 10 {
			copy(m[2:], old[2:])
		}
		return fb.Put(keyRebuild, m)
	})
}
