package store

import (
	"encoding/binary"
	"os"

	bolt "go.etcd.io/bbolt"
)

// A damaged child pointer can make bbolt's page tree a graph with a cycle: a branch page pointing at
// itself or at a page above it. bbolt descends such a tree recursively and never returns; its stack
// grows until the Go runtime ends the program, which no recover can stop. treeFaults walks the tree
// first, from the file itself, and names the pages that are reached twice or lead too deep.
//
// In every bucket it reads the branch pages; it reads leaf pages (for the buckets nested in them) only
// in the buckets that hold buckets, unless all is set (check reads everything anyway). Opening a
// ten-year store reads a few thousand branch pages.

// maxTreeDepth is far beyond any real store's depth (a billion keys fit in ten levels).
const maxTreeDepth = 48

const (
	pageBranch     = 0x01
	pageLeaf       = 0x02
	leafBucketFlag = 0x01
	pageHeader     = 16
	pageElem       = 16
)

type treeWalk struct {
	f        *os.File
	ps, high uint64
	all      bool
	seen     pageSet
	bad      []uint64
	buf      []byte
}

// treeFaults walks the tree of tx's snapshot (its pages are not reused while tx is open, whatever
// the store's writers do meanwhile) from the file at path. reached has a bit for every page the walk
// reached (only the first page of a page with overflow).
func treeFaults(tx *bolt.Tx, path string, all bool) (bad []uint64, reached pageSet, err error) {
	ps := uint64(tx.DB().Info().PageSize)
	high := uint64(tx.Size()) / ps
	root := uint64(tx.Cursor().Bucket().Root())
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	w := &treeWalk{f: f, ps: ps, high: high, all: all, seen: make(pageSet, high/64+1), buf: make([]byte, ps)}
	w.walk(root, 0, 0, true)
	return w.bad, w.seen, nil
}

// pageSet has a bit a page.
type pageSet []uint64

func (p pageSet) has(id uint64) bool { return id/64 < uint64(len(p)) && p[id/64]&(1<<(id%64)) != 0 }

// leafAt says whether page id is a leaf page, from its header alone.
func (w *treeWalk) leafAt(id uint64) bool {
	if id < 2 || id >= w.high {
		return false
	}
	if _, err := w.f.ReadAt(w.buf[:pageHeader], int64(id*w.ps)); err != nil {
		return false
	}
	return binary.LittleEndian.Uint16(w.buf[8:]) == pageLeaf && binary.LittleEndian.Uint64(w.buf) == id
}

// page reads page id with its overflow; nil when it cannot be read.
func (w *treeWalk) page(id uint64) []byte {
	if cap(w.buf) < int(w.ps) {
		w.buf = make([]byte, w.ps)
	}
	head := w.buf[:w.ps]
	if _, err := w.f.ReadAt(head, int64(id*w.ps)); err != nil {
		return nil
	}
	overflow := uint64(binary.LittleEndian.Uint32(head[12:]))
	if overflow == 0 {
		return append([]byte(nil), head...)
	}
	if id+overflow >= w.high {
		return nil
	}
	p := make([]byte, (1+overflow)*w.ps)
	if _, err := w.f.ReadAt(p, int64(id*w.ps)); err != nil {
		return nil
	}
	return p
}

// mark notes page id as reached: false when it was reached before, or is out of the file.
func (w *treeWalk) mark(id uint64) bool {
	if id < 2 || id >= w.high || w.seen[id/64]&(1<<(id%64)) != 0 {
		return false
	}
	w.seen[id/64] |= 1 << (id % 64)
	return true
}

// walk visits the subtree of page id, depth pages down from the root, in a bucket level buckets down;
// holdsBuckets says the bucket's leaves are to be read for the buckets nested in them.
func (w *treeWalk) walk(id uint64, depth, level int, holdsBuckets bool) {
	if depth > maxTreeDepth || !w.mark(id) {
		w.bad = append(w.bad, id)
		return
	}
	le := binary.LittleEndian
	p := w.page(id)
	if p == nil || le.Uint64(p) != id {
		w.bad = append(w.bad, id)
		return
	}
	flags, n := le.Uint16(p[8:]), uint64(le.Uint16(p[10:]))
	if pageHeader+n*pageElem > uint64(len(p)) {
		w.bad = append(w.bad, id)
		return
	}
	switch flags {
	case pageBranch:
		if !holdsBuckets && !w.all && n > 0 && w.leafAt(le.Uint64(p[pageHeader+8:])) {
			// The level above the leaves (all leaves of a B+tree are on one level): the children are
			// only marked, not read. A child that is an ancestor or another's page was reached before.
			for i := uint64(0); i < n; i++ {
				if child := le.Uint64(p[pageHeader+i*pageElem+8:]); !w.mark(child) {
					w.bad = append(w.bad, child)
				}
			}
			return
		}
		for i := uint64(0); i < n; i++ {
			e := pageHeader + i*pageElem
			w.walk(le.Uint64(p[e+8:]), depth+1, level, holdsBuckets)
		}
	case pageLeaf:
		if !w.leaf(p, n, depth, level) {
			w.bad = append(w.bad, id)
		}
	default:
		w.bad = append(w.bad, id)
	}
}

// leaf follows the buckets nested in a leaf page (or in an inline bucket's page): false when an
// element does not fit the page, or an inline bucket's page is not a leaf. (bbolt reads an inline
// page that says it is a branch as its own child, for ever.)
func (w *treeWalk) leaf(p []byte, n uint64, depth, level int) bool {
	le := binary.LittleEndian
	for i := uint64(0); i < n; i++ {
		e := pageHeader + i*pageElem
		if e+pageElem > uint64(len(p)) {
			return false
		}
		if le.Uint32(p[e:])&leafBucketFlag == 0 {
			continue
		}
		pos := e + uint64(le.Uint32(p[e+4:]))
		ksize, vsize := uint64(le.Uint32(p[e+8:])), uint64(le.Uint32(p[e+12:]))
		if pos+ksize+vsize > uint64(len(p)) || vsize < 16 {
			return false
		}
		key := p[pos : pos+ksize]
		root := le.Uint64(p[pos+ksize:])
		if root != 0 {
			// The buckets that hold buckets: the top level, forms, and each form's.
			w.walk(root, depth+1, level+1, level == 0 && string(key) == string(bucketForms) || level == 1)
			continue
		}
		inline := p[pos+ksize+16 : pos+ksize+vsize]
		if len(inline) < pageHeader || le.Uint16(inline[8:]) != pageLeaf || depth > maxTreeDepth {
			return false
		}
		if !w.leaf(inline, uint64(le.Uint16(inline[10:])), depth+1, level+1) {
			return false
		}
	}
	return true
}
