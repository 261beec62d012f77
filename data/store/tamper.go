package store

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// TamperForTest changes one value of a stored record directly in bbolt, bypassing validation, indexes
// and the audit trail, as a tool outside the program would. Tests use it to prove that check finds such
// edits; the program itself never calls it.
func TamperForTest(dir, kind string, id uint64, key, value string) error {
	db, err := bolt.Open(filepath.Join(dir, DBFileName), 0o600, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketForms).Bucket([]byte(kind)).Bucket(bucketRec)
		var r map[string]any
		if err := json.Unmarshal(b.Get(u64(id)), &r); err != nil {
			return fmt.Errorf("tamper %s %d: %w", kind, id, err)
		}
		r["values"].(map[string]any)[key] = value
		raw, _ := json.Marshal(r)
		return b.Put(u64(id), raw)
	})
}
