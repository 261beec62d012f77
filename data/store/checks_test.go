package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"frontdesk/data"
)

// findingsOf runs Check's named checks up to the one named, and returns what that one found.
func findingsOf(t *testing.T, dir, name string) string {
	t.Helper()
	s, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		// A file whose start-up check refuses it is read as it is, as the console's check reads it.
		db, berr := bolt.Open(filepath.Join(dir, DBFileName), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if berr != nil {
			t.Fatal(err, berr)
		}
		s = &Store{db: db, path: filepath.Join(dir, DBFileName)}
	}
	defer s.db.Close()
	var got []string
	known := false
	err = s.db.View(func(tx *bolt.Tx) error {
		collect := false
		c := &checkRun{s: s, tx: tx, add: func(place, format string, a ...any) {
			if collect {
				got = append(got, place+"："+fmt.Sprintf(format, a...))
			}
		}}
		for _, ch := range storeChecks {
			collect = ch.name == name
			if err := ch.run(c); err != nil && !collect {
				return err
			} else if collect {
				known = true
				if err != nil && err != errStopChecks {
					return err
				}
				return nil
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !known {
		t.Fatalf("no check named %q", name)
	}
	return strings.Join(got, "\n")
}

// Each of Check's named checks finds the damage that is its own, and nothing in an untouched store.
func TestEachCheck(t *testing.T) {
	editRecord := func(tx *bolt.Tx, edit func(r *data.Record)) error {
		b := tx.Bucket(bucketForms).Bucket([]byte("visitor")).Bucket(bucketRec)
		var r data.Record
		if err := json.Unmarshal(b.Get(u64(2)), &r); err != nil {
			return err
		}
		edit(&r)
		raw, _ := json.Marshal(r)
		return b.Put(u64(2), raw)
	}
	tests := []struct {
		check string
		// damage changes the file as a tool outside the program would; nil damages the file's bytes.
		damage func(t *testing.T, dir string)
		want   string
	}{
		{"structure", func(t *testing.T, dir string) {
			path := filepath.Join(dir, DBFileName)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// A leaf page of the tree says it is another page: the walk names it.
			le := binary.LittleEndian
			reached, made := reachedPages(t, path), false
			for id := 2; (id+1)*4096 <= len(raw) && !made; id++ {
				p := raw[id*4096 : (id+1)*4096]
				if le.Uint16(p[8:]) == pageLeaf && le.Uint64(p) == uint64(id) && reached.has(uint64(id)) {
					le.PutUint64(p, uint64(id+1000))
					made = true
				}
			}
			if !made {
				t.Fatal("no leaf page in the tree")
			}
			if err := os.WriteFile(path, raw, 0o600); err != nil {
				t.Fatal(err)
			}
		}, "结构损坏"},
		{"audit chain", func(t *testing.T, dir string) {
			rawEdit(t, dir, func(tx *bolt.Tx) error {
				a := tx.Bucket(bucketAudit)
				var e AuditEntry
				json.Unmarshal(a.Get(u64(1)), &e)
				e.User = "别人"
				raw, _ := json.Marshal(e)
				return a.Put(u64(1), raw)
			})
		}, "审计记录 #1：审计记录内容被改动"},
		{"schema version", func(t *testing.T, dir string) {
			rawEdit(t, dir, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(keySchema, u64(1))
			})
		}, "版本号与内容不符"},
		{"seals", func(t *testing.T, dir string) {
			rawEdit(t, dir, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketSettings).Put([]byte(SettingPropertyName), []byte("别的小区"))
			})
		}, "设置"},
		{"anchor", func(t *testing.T, dir string) { cutTail(t, dir) }, "截尾"},
		{"records", func(t *testing.T, dir string) {
			rawEdit(t, dir, func(tx *bolt.Tx) error {
				return editRecord(tx, func(r *data.Record) { r.Values["purpose"] = "改过的事由" })
			})
		}, "第2条：记录内容在程序外被改动"},
		{"open matters", func(t *testing.T, dir string) {
			rawEdit(t, dir, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketOpen).Put(openKey("visitor", 99), []byte("{}"))
			})
		}, "待办索引：条目指向不存在的记录"},
		{"serials", func(t *testing.T, dir string) {
			rawEdit(t, dir, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketSerials).Put([]byte("visitor|"+data.SerialDay(testToday)), u64(1))
			})
		}, "计数器被改回"},
	}
	if len(tests) != len(storeChecks) {
		t.Fatalf("%d checks tested, %d declared", len(tests), len(storeChecks))
	}
	for i, tt := range tests {
		t.Run(tt.check, func(t *testing.T) {
			if storeChecks[i].name != tt.check {
				t.Fatalf("check %d is %q, tested as %q", i, storeChecks[i].name, tt.check)
			}
			dir := sealedStore(t)
			if got := findingsOf(t, dir, tt.check); got != "" {
				t.Fatalf("untouched store:\n%s", got)
			}
			tt.damage(t, dir)
			if got := findingsOf(t, dir, tt.check); !strings.Contains(got, tt.want) {
				t.Errorf("after the damage: %q; want %q", got, tt.want)
			}
		})
	}
}
