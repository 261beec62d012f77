package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BenchmarkPageTreeWalk is what every open adds to find a page cycle before bbolt descends (the
// branch pages of every bucket), and what check adds (every page), on FRONTDESK_BENCH_STORE's store.
func BenchmarkPageTreeWalk(b *testing.B) {
	dir := os.Getenv("FRONTDESK_BENCH_STORE")
	if dir == "" {
		dir = b.TempDir()
		s, err := Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	path := filepath.Join(dir, DBFileName)
	for _, c := range []struct {
		name string
		all  bool
	}{{"open", false}, {"check", true}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				bad, err := walkFile(path, c.all)
				if err != nil || len(bad) > 0 {
					b.Fatal(err, bad)
				}
			}
		})
	}
}

// An inline bucket whose page says it is a branch: bbolt takes the page as its own child and a cursor
// pushes it for ever (what the damaged-file fuzzer found). Open says the file is damaged instead.
func TestAnInlineBranchIsDamage(t *testing.T) {
	s, err := Open(t.TempDir(), Options{Now: func() time.Time { return testToday }})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		mustCreate(t, s, clerk, "visitor", visitorInput())
	}
	path := s.Path()
	s.Close()
	raw, _ := os.ReadFile(path)
	le := binary.LittleEndian
	made := 0
	for id := 2; (id+1)*4096 <= len(raw) && made == 0; id++ {
		p := raw[id*4096 : (id+1)*4096]
		if le.Uint16(p[8:]) != pageLeaf || le.Uint64(p) != uint64(id) {
			continue
		}
		for i := 0; i < int(le.Uint16(p[10:])); i++ {
			e := pageHeader + i*pageElem
			pos := e + int(le.Uint32(p[e+4:]))
			ksize := int(le.Uint32(p[e+8:]))
			if le.Uint32(p[e:])&leafBucketFlag == 0 || pos+ksize+32 > len(p) || le.Uint64(p[pos+ksize:]) != 0 {
				continue
			}
			inline := p[pos+ksize+16:]
			le.PutUint16(inline[8:], pageBranch) // a branch of one element, whose child is page 0
			le.PutUint16(inline[10:], 1)
			le.PutUint64(inline[pageHeader+8:], 0)
			made++
			break
		}
	}
	if made == 0 {
		t.Fatal("no inline bucket in the store")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, DBFileName), raw, 0o600)
	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrStoreDamaged) {
		t.Errorf("open: %v", err)
	}
	if bad, _ := walkFile(filepath.Join(dir, DBFileName), true); len(bad) == 0 {
		t.Error("the walk for check found nothing")
	}
}

// walkFile is treeFaults in a read transaction of the file at path.
func walkFile(path string, all bool) (bad []uint64, err error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		var werr error
		bad, _, werr = treeFaults(tx, path, all)
		return werr
	})
	return bad, err
}

// reachedPages are the pages of the file's tree.
func reachedPages(t *testing.T, path string) pageSet {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var reached pageSet
	db.View(func(tx *bolt.Tx) error {
		_, reached, err = treeFaults(tx, path, true)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return reached
}

// check while the same process saves (the settings screen's check beside the indexer and the desk):
// no page is ever named as damage because a writer reused it meanwhile.
func TestCheckWhileSavingFindsNoDamage(t *testing.T) {
	s, _ := openTemp(t)
	for i := 0; i < 200; i++ {
		mustCreate(t, s, clerk, "visitor", visitorInput())
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
				if _, err := s.Create(clerk, "visitor", visitorInput()); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	for i := 0; i < 15; i++ {
		probs, err := s.Check()
		if err != nil || len(probs) > 0 {
			t.Errorf("check %d while saving: %v %v", i, err, probs)
			break
		}
	}
	close(stop)
	<-done
}
