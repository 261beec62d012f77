package store

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// Gram bits: which letters and digits, alone and in adjacent pairs, the search texts of a block of
// records hold. A query of one or two letters or digits has no token to look up, so it reads search
// texts from the newest; a common one (a digit) fills its page at once, but one that nothing holds
// (I or O, which no plate has) read every record of the form. The bits let that read step over every
// block that cannot hold the query. Like a zone, a block's bits only ever grow.

var bucketGrams = []byte("grams") // block (8 bytes) → gramLen bytes of bits

// 36 letters and digits alone, then every ordered pair of them.
const gramLen = (36 + 36*36 + 7) / 8

type grams [gramLen]byte

func gramIndex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return 10 + int(c-'a')
	}
	return -1
}

// add sets the bits of a normalised text (lower case, half width).
func (g *grams) add(norm string) {
	prev := -1
	for i := 0; i < len(norm); i++ {
		c := gramIndex(norm[i])
		if c >= 0 {
			g.set(c)
			if prev >= 0 {
				g.set(36 + prev*36 + c)
			}
		}
		prev = c
	}
}

func (g *grams) set(bit int) { g[bit/8] |= 1 << (bit % 8) }

// covers says whether g holds every bit of q.
func (g *grams) covers(q *grams) bool {
	for i := range g {
		if q[i]&^g[i] != 0 {
			return false
		}
	}
	return true
}

// widenGrams adds a record's search text to its block's bits.
func widenGrams(fb *bolt.Bucket, id uint64, text string) error {
	gb := fb.Bucket(bucketGrams)
	if gb == nil {
		return errNoZones
	}
	key := u64(block(id))
	var g grams
	old := gb.Get(key)
	copy(g[:], old)
	g.add(text)
	if bytes.Equal(old, g[:]) {
		return nil
	}
	gb.FillPercent = appendOnly
	return gb.Put(key, g[:])
}

// gramFilter is what a scan for a short query keeps: the blocks whose bits cover the query's (a block
// without bits may hold anything). nil when the query has no letter or digit to go by.
func gramFilter(fb *bolt.Bucket, norm string) func(block uint64) bool {
	var q grams
	q.add(norm)
	if q == (grams{}) {
		return nil
	}
	gb := fb.Bucket(bucketGrams)
	if gb == nil {
		return nil
	}
	return func(b uint64) bool {
		v := gb.Get(u64(b))
		if len(v) != gramLen {
			return true
		}
		return (*grams)(v).covers(&q)
	}
}
