package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Accounts, settings and the household registry are under the audit chain as records are. Every
// change of one of their entries is audited with a seal: the entry's hash before and after. The chain
// also keeps a running digest of the three (State, the sum of the hashes of every entry, carried by
// each entry that seals), so the start-up check compares the digest of what is in the file with the
// newest one in a single read, and check names the entry that differs from its last seal: a role
// changed in the file, an account deleted, a setting written by a tool.

// Seal is the hash of one entry of a sealed bucket before and after an audited change ("" when absent).
type Seal struct {
	Bucket string `json:"b"`
	Key    string `json:"k"`
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
}

// ActionSeal is the audit entry that first sealed what a store of an earlier version held.
const ActionSeal = "seal"

// ErrAccountsTampered means the accounts (or settings, or registry) differ from what the audit chain
// sealed: setting up a new administrator is refused, as the old ones were removed outside the program.
var ErrAccountsTampered = errors.New("accounts changed outside the program")

var keySealSeq = []byte("seal_seq") // meta: the sequence of the newest audit entry that seals

// sealSchema is the schema that brought the seals: a store with the seal mark is at least at it.
const sealSchema = 6

// ErrSerialTaken means the next serial of a counter was issued already: the counter was set back.
var ErrSerialTaken = errors.New("serial issued already")

// ErrSchemaSetBack means a sealed store whose schema version says it is older than the seals.
var ErrSchemaSetBack = errors.New("schema version set back")

// sealsApply says whether the seals are checked: at this schema, or wherever the seal mark is (a
// version set back does not turn them off).
func sealsApply(tx *bolt.Tx) bool {
	return schemaCurrent(tx) || sealMarked(tx)
}

// sealMarked says whether the store has the seal mark.
func sealMarked(tx *bolt.Tx) bool {
	meta := tx.Bucket(bucketMeta)
	return meta != nil && meta.Get(keySealSeq) != nil
}

// auditHasAccounts says whether the audit trail ever recorded an account (read from the oldest entry,
// where the first account is, so a store with accounts answers at once).
func auditHasAccounts(tx *bolt.Tx) bool {
	c := tx.Bucket(bucketAudit).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var e struct {
			Action string `json:"action"`
			Seals  []Seal `json:"seals"`
		}
		if json.Unmarshal(v, &e) != nil {
			continue
		}
		if e.Action == ActionAccount || e.Action == ActionPassword {
			return true
		}
		for _, sl := range e.Seals {
			if sl.Bucket == string(bucketAccounts) {
				return true
			}
		}
	}
	return false
}

// sealedBuckets are the buckets under seal, with the words check uses for their entries.
var sealedBuckets = []struct {
	name  []byte
	place string
}{{bucketAccounts, "账户"}, {bucketSettings, "设置"}, {bucketHouseholds, "业户档案"}}

// sealHash hashes one entry of a sealed bucket. An account's count of wrong passwords and its lockout
// change at every failed login without an audit entry: they are left out.
func sealHash(bucket, key, value []byte) string {
	if value == nil {
		return ""
	}
	if bytes.Equal(bucket, bucketAccounts) {
		var a Account
		if json.Unmarshal(value, &a) == nil {
			a.Failed, a.LockedUntil = 0, nil
			value, _ = json.Marshal(a)
		}
	}
	h := sha256.New()
	h.Write(bucket)
	h.Write([]byte{0})
	h.Write(key)
	h.Write([]byte{0})
	h.Write(value)
	return hex.EncodeToString(h.Sum(nil))
}

// sealOf is the seal of a change of bucket's key whose value was old (nil: it was absent), read after
// the change inside the transaction that made it.
func sealOf(tx *bolt.Tx, bucket, key, old []byte) Seal {
	return Seal{Bucket: string(bucket), Key: string(key), Old: sealHash(bucket, key, old), New: sealHash(bucket, key, tx.Bucket(bucket).Get(key))}
}

// digest is a sum of 256-bit hashes, modulo 2^256: an entry's hash is added when it appears and taken
// away when it changes, in any order.
type digest [4]uint64

func (d *digest) add(h string, sign int) {
	if h == "" {
		return
	}
	b, err := hex.DecodeString(h)
	if err != nil || len(b) != 32 {
		return
	}
	var x digest
	for i := range x {
		x[i] = binary.BigEndian.Uint64(b[24-8*i:])
	}
	if sign < 0 { // two's complement: -x = ^x + 1
		carry := uint64(1)
		for i := range x {
			x[i] = ^x[i] + carry
			if x[i] != 0 {
				carry = 0
			}
		}
	}
	var carry uint64
	for i := range d {
		s := d[i] + x[i]
		c1 := s < d[i]
		s2 := s + carry
		c2 := s2 < s
		d[i] = s2
		carry = 0
		if c1 || c2 {
			carry = 1
		}
	}
}

// sealState is a digest for each sealed bucket, in sealedBuckets' order: the accounts' alone are
// compared at every login.
type sealState [3]digest

func (s *sealState) apply(sl Seal) {
	for i, sb := range sealedBuckets {
		if sl.Bucket == string(sb.name) {
			s[i].add(sl.Old, -1)
			s[i].add(sl.New, 1)
		}
	}
}

func (s sealState) String() string {
	return s[0].String() + "," + s[1].String() + "," + s[2].String()
}

func parseState(text string) (sealState, bool) {
	var s sealState
	parts := strings.Split(text, ",")
	if len(parts) != len(s) {
		return s, false
	}
	for i, p := range parts {
		d, ok := parseDigest(p)
		if !ok {
			return s, false
		}
		s[i] = d
	}
	return s, true
}

func (d digest) String() string {
	b := make([]byte, 32)
	for i := range d {
		binary.BigEndian.PutUint64(b[24-8*i:], d[i])
	}
	return hex.EncodeToString(b)
}

func parseDigest(s string) (digest, bool) {
	var d digest
	if s == "" {
		return d, true
	}
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 {
		return d, false
	}
	for i := range d {
		d[i] = binary.BigEndian.Uint64(b[24-8*i:])
	}
	return d, true
}

// stateNow is the digest of the sealed buckets as the file holds them.
func stateNow(tx *bolt.Tx) sealState {
	var s sealState
	for i := range sealedBuckets {
		s[i] = bucketDigest(tx, i)
	}
	return s
}

func bucketDigest(tx *bolt.Tx, i int) digest {
	var d digest
	name := sealedBuckets[i].name
	if b := tx.Bucket(name); b != nil {
		b.ForEach(func(k, v []byte) error {
			d.add(sealHash(name, k, v), 1)
			return nil
		})
	}
	return d
}

// accountsSealed says whether the accounts are as the audit chain sealed them.
func accountsSealed(tx *bolt.Tx) bool {
	want, _, err := sealedState(tx)
	return err == nil && bucketDigest(tx, 0) == want[0]
}

// sealedState is the digest of the newest sealing audit entry (zero when nothing was sealed yet).
func sealedState(tx *bolt.Tx) (d sealState, seq uint64, err error) {
	var v []byte
	if meta := tx.Bucket(bucketMeta); meta != nil {
		v = meta.Get(keySealSeq)
	}
	if v == nil {
		return d, 0, nil
	}
	if len(v) != 8 {
		return d, 0, errors.New("封存标记长度不对")
	}
	seq = binary.BigEndian.Uint64(v)
	raw := tx.Bucket(bucketAudit).Get(v)
	var e AuditEntry
	if raw == nil || json.Unmarshal(raw, &e) != nil || e.State == "" {
		return d, seq, fmt.Errorf("封存标记指向的审计记录 #%d 缺失或没有封存摘要", seq)
	}
	d, ok := parseState(e.State)
	if !ok {
		return d, seq, fmt.Errorf("审计记录 #%d 的封存摘要损坏", seq)
	}
	return d, seq, nil
}

// sealBaseline seals everything the sealed buckets hold, in one audit entry: the upgrade of a store
// from before the seals. Nothing to seal, nothing written.
func sealBaseline(tx *bolt.Tx, now time.Time) error {
	if tx.Bucket(bucketMeta).Get(keySealSeq) != nil {
		return nil // sealed already
	}
	var seals []Seal
	for _, sb := range sealedBuckets {
		b := tx.Bucket(sb.name)
		if b == nil {
			continue
		}
		b.ForEach(func(k, v []byte) error {
			seals = append(seals, Seal{Bucket: string(sb.name), Key: string(k), New: sealHash(sb.name, k, v)})
			return nil
		})
	}
	if len(seals) == 0 {
		return nil
	}
	return appendAudit(tx, AuditEntry{Time: now.UTC(), User: "程序升级", Action: ActionSeal, Seals: seals})
}

// checkSealed is check's part for the sealed buckets: last holds each entry's newest sealed hash as
// the audit chain gave it.
func checkSealed(tx *bolt.Tx, last map[[2]string]string, add func(place, format string, a ...any)) {
	for _, sb := range sealedBuckets {
		b := tx.Bucket(sb.name)
		if b == nil {
			continue
		}
		seen := map[string]bool{}
		b.ForEach(func(k, v []byte) error {
			seen[string(k)] = true
			place := sb.place + " " + string(k)
			want, ok := last[[2]string{string(sb.name), string(k)}]
			switch {
			case !ok || want == "":
				add(place, "没有审计记录（可能被程序外写入）")
			case sealHash(sb.name, k, v) != want:
				add(place, "在程序外被改动（与审计记录不符）")
			}
			return nil
		})
		for key, h := range last {
			if key[0] == string(sb.name) && h != "" && !seen[key[1]] {
				add(sb.place+" "+key[1], "在程序外被删除（审计记录中有，数据文件中没有）")
			}
		}
	}
}

// quickCheckSealed compares the digest of the sealed buckets with the newest sealed one.
func quickCheckSealed(tx *bolt.Tx, add func(place, format string, a ...any)) {
	want, _, err := sealedState(tx)
	if err != nil {
		add("账户、设置和业户档案", "%v", err)
		return
	}
	if stateNow(tx) != want {
		add("账户、设置和业户档案", "在程序外被改动（与审计记录不符）；运行“检查数据”可查看是哪一项")
	}
}
