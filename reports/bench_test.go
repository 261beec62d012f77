package reports

import (
	"io"
	"testing"

	"frontdesk/data"
)

// BenchmarkReleaseSlipPDF: one release slip rendered, after the first (the font's glyph table is read
// once per process; `frontdeskctl print` reports the first one's time).
func BenchmarkReleaseSlipPDF(b *testing.B) {
	f, _ := data.FormByKey("release")
	rec := exampleRecord(f, 2)
	if err := RecordPDF(io.Discard, rec, Options{PrintedAt: printedAt}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := RecordPDF(io.Discard, rec, Options{PropertyName: "城市假日花园客户服务中心", PrintedAt: printedAt}); err != nil {
			b.Fatal(err)
		}
	}
}
