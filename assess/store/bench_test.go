package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/circle-cli/circle/assess"
)

// benchDraft is a draft of the size an interview keeps after every answer
// halfway through: a dozen people with their answers.
func benchDraft() []byte {
	var b strings.Builder
	b.WriteString(assess.DraftHeader + "schema_version: 2\nsource: leadership-support\npeople:\n")
	for i := range 12 {
		fmt.Fprintf(&b, "  - id: p%d\n    name: Person Number %d\n    relationship: peer\n    ring: middle\n    frequency: monthly\n    candour: 4\n    functions: [thinking_partner, sounding_board]\n", i, i)
	}
	return []byte(b.String())
}

// The draft is written after every answer of an interview: locked, it is
// encrypted to the directory's recipient (no passphrase, no scrypt), beside
// the same write in the clear.
func BenchmarkDraftWrite(b *testing.B) {
	draft := benchDraft()
	for _, locked := range []bool{false, true} {
		name := "unlocked"
		if locked {
			name = "locked"
		}
		b.Run(name, func(b *testing.B) {
			s := New(filepath.Join(b.TempDir(), "circle"))
			if locked {
				id, _ := age.GenerateX25519Identity()
				k, _ := NewKey(KeyIdentity, id.Recipient())
				if _, err := s.Lock(k); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(len(draft)))
			for b.Loop() {
				if err := s.SaveDraft(draft); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
