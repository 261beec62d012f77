package store

import (
	"bytes"
	"container/heap"
	"context"
	"encoding/binary"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// A search walks candidate IDs from the highest down (zones.go says why that is exact). Candidates come
// from streams: a stream gives the largest candidate at or below a bound, and the search text entry
// when it read it on the way.
type stream interface {
	next(le uint64) (uint64, []byte)
}

// postingList is one token's posting list, walked downwards.
type postingList struct {
	c      *bolt.Cursor
	prefix []byte // token + 0x00
	cur    uint64 // the ID the cursor stands on, 0 before the first move
	done   bool
}

func newPostingList(tok *bolt.Bucket, t string) *postingList {
	return &postingList{c: tok.Cursor(), prefix: append([]byte(t), 0)}
}

func (p *postingList) id(k []byte) uint64 {
	if k == nil || len(k) != len(p.prefix)+8 || !bytes.HasPrefix(k, p.prefix) {
		return 0
	}
	return binary.BigEndian.Uint64(k[len(p.prefix):])
}

// largestLE is the largest ID of the list not above x, or 0. A few steps back cost less than a seek,
// so a near target is reached by stepping.
func (p *postingList) largestLE(x uint64) uint64 {
	if p.done || x == 0 {
		return 0
	}
	if p.cur != 0 && p.cur <= x {
		return p.cur
	}
	if p.cur != 0 {
		for i := 0; i < 4; i++ {
			k, _ := p.c.Prev()
			p.cur = p.id(k)
			if p.cur == 0 {
				p.done = true
				return 0
			}
			if p.cur <= x {
				return p.cur
			}
		}
	}
	k, _ := p.c.Seek(binary.BigEndian.AppendUint64(append([]byte{}, p.prefix...), x+1))
	if k == nil {
		k, _ = p.c.Last()
	} else {
		k, _ = p.c.Prev()
	}
	p.cur = p.id(k)
	if p.cur == 0 {
		p.done = true
	}
	return p.cur
}

// allOf is the IDs on every one of its lists: a leapfrog over them from the top. A list that lowers
// the bound moves to the front, so the sparse lists (a rare trigram) lead and a dense one (a common
// surname) is asked only about the IDs all the sparser ones agree on.
type allOf []*postingList

func (a allOf) next(le uint64) (uint64, []byte) {
	x, agreed := le, 0
	for i := 0; agreed < len(a); {
		y := a[i].largestLE(x)
		if y == 0 {
			return 0, nil
		}
		if y < x {
			x, agreed = y, 1
			a[0], a[i] = a[i], a[0]
			i = 1 % len(a)
			continue
		}
		agreed++
		i = (i + 1) % len(a)
	}
	return x, nil
}

// idList is a few known IDs (the fresh records, a serial typed in full), ascending.
type idList []uint64

func (l idList) next(le uint64) (uint64, []byte) {
	i := sort.Search(len(l), func(i int) bool { return l[i] > le })
	if i == 0 {
		return 0, nil
	}
	return l[i-1], nil
}

// serialsUnder are the records of a kind whose serials start with key, from the serial index.
func serialsUnder(tx *bolt.Tx, kind, key string) idList {
	var ids idList
	c := tx.Bucket(bucketSerialIndex).Cursor()
	for k, v := c.Seek([]byte(key)); k != nil && bytes.HasPrefix(k, []byte(key)); k, v = c.Next() {
		if len(v) > 9 && string(v[:len(v)-9]) == kind {
			ids = append(ids, binary.BigEndian.Uint64(v[len(v)-8:]))
		}
	}
	slices.Sort(ids)
	return ids
}

// textScan is every record, read from the search-text entries downwards; with blocks set, only the
// records of those blocks (descending), reached by a seek each; with keep set, only the blocks it
// keeps, asked once a block.
type textScan struct {
	c      *bolt.Cursor
	blocks []uint64 // nil: every block
	keep   func(block uint64) bool
	cur    uint64
	val    []byte
	asked  uint64 // the block keep last said yes to, plus one (0: none)
}

func (s *textScan) next(le uint64) (uint64, []byte) {
	if s.cur != 0 && s.cur <= le {
		return s.cur, s.val
	}
	for le > 0 {
		if s.blocks != nil {
			// The highest kept block at or below le's.
			i := sort.Search(len(s.blocks), func(i int) bool { return s.blocks[i] <= block(le) })
			if i == len(s.blocks) {
				break
			}
			if b := s.blocks[i]; b < block(le) {
				le = (b+1)<<zoneShift - 1
			}
		}
		if s.keep != nil && s.asked != block(le)+1 {
			if !s.keep(block(le)) {
				s.cur = 0
				if block(le) == 0 {
					break
				}
				le = block(le)<<zoneShift - 1
				continue
			}
			s.asked = block(le) + 1
		}
		var k, v []byte
		if s.cur != 0 && s.cur == le+1 {
			k, v = s.c.Prev()
		} else if k, v = s.c.Seek(u64(le + 1)); k == nil {
			k, v = s.c.Last()
		} else {
			k, v = s.c.Prev()
		}
		if k == nil {
			break
		}
		id := binary.BigEndian.Uint64(k)
		if block(id) == block(le) {
			s.cur, s.val = id, v
			return id, v
		}
		// Nothing left in this block: go on from the record found, below it.
		s.cur = 0
		le = id
	}
	s.cur, s.val = 0, nil
	return 0, nil
}

// anyOf is the union of its streams, each asked again only when its last answer is above the bound.
type anyOf struct {
	subs []stream
	ids  []uint64
	vals [][]byte
	init bool
}

func (a *anyOf) next(le uint64) (uint64, []byte) {
	if !a.init {
		a.ids, a.vals, a.init = make([]uint64, len(a.subs)), make([][]byte, len(a.subs)), true
		for i, s := range a.subs {
			a.ids[i], a.vals[i] = s.next(le)
		}
	}
	var best uint64
	var val []byte
	for i, s := range a.subs {
		if a.ids[i] > le {
			a.ids[i], a.vals[i] = s.next(le)
		}
		if a.ids[i] > best {
			best, val = a.ids[i], a.vals[i]
		} else if a.ids[i] == best && val == nil {
			val = a.vals[i]
		}
	}
	return best, val
}

// hit is a record found, with its date key; hits is a min-heap of the best limit+1 of them, the
// worst (oldest) on top.
type hit struct {
	tk []byte
	id uint64
}

func newer(a, b hit) bool {
	if c := bytes.Compare(a.tk, b.tk); c != 0 {
		return c > 0
	}
	return a.id > b.id
}

type hits []hit

func (h hits) Len() int           { return len(h) }
func (h hits) Less(i, j int) bool { return newer(h[j], h[i]) }
func (h hits) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hits) Push(x any)        { *h = append(*h, x.(hit)) }
func (h *hits) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// walk takes candidates from s downwards from start and keeps the newest want of those whose date is
// in [lo, hi) and whose search text matches norm. It stops when no candidate left can be newer than
// the page it has, by the zones.
func walk(ctx context.Context, text *bolt.Bucket, zm *zoneMap, s stream, start uint64, lo, hi []byte, norm string, want int) ([]uint64, error) {
	var h hits
	le := start
	for n := 0; le > 0; n++ {
		if n&1023 == 1023 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		id, v := s.next(le)
		if id == 0 {
			break
		}
		ceil := zm.ceilingAt(id)
		if bytes.Compare(ceil, lo) < 0 || len(h) == want && bytes.Compare(ceil, h[0].tk) <= 0 {
			break
		}
		if b := block(id); zm.outside(b, lo, hi) {
			// Nothing in this block is dated in the range: on below it.
			if b == 0 {
				break
			}
			le = b<<zoneShift - 1
			continue
		}
		if v == nil {
			v = text.Get(u64(id))
		}
		le = id - 1
		if len(v) < 16 || bytes.Compare(v[:16], lo) < 0 || bytes.Compare(v[:16], hi) >= 0 || !matches(string(v[16:]), norm) {
			continue
		}
		c := hit{tk: v[:16:16], id: id}
		if len(h) < want {
			heap.Push(&h, c)
		} else if newer(c, h[0]) {
			h[0] = c
			heap.Fix(&h, 0)
		}
	}
	sort.Slice(h, func(i, j int) bool { return newer(h[i], h[j]) })
	ids := make([]uint64, len(h))
	for i, x := range h {
		ids[i] = x.id
	}
	return ids, nil
}
