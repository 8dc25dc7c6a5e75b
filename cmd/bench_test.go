package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/cmd/iostreams"
)

// BenchmarkHistory40 is `circle history` over 40 results, in the clear and
// locked: with an identity (age's X25519, per file), and with a passphrase
// (plus one scrypt at store.ScryptWorkFactor to open the key, once per
// command). Each iteration is one whole command on a fresh store.
func BenchmarkHistory40(b *testing.B) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	idFile := filepath.Join(dir, "identity.txt")
	id, _ := age.GenerateX25519Identity()
	passFile := filepath.Join(dir, "pass.txt")
	if err := os.WriteFile(idFile, []byte(id.String()+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(passFile, []byte("correct horse battery staple\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	fill := func(root string) {
		st := store.New(root)
		start := time.Date(2017, 1, 15, 9, 0, 0, 0, time.UTC)
		for i := range 40 {
			a := &assess.Answers{Scales: map[string]int{}, Reflection: "A quarter's note, a sentence or two long."}
			for _, it := range q.Likert.Items {
				a.Scales[it.ID] = 3
			}
			for j := range 8 {
				a.People = append(a.People, assess.Person{Name: fmt.Sprintf("Person %d", j), Relationship: []string{"peer", "coach", "mentor", "friend"}[j%4],
					Ring: assess.Middle, Frequency: assess.Monthly, Candour: 4, Functions: []string{"thinking_partner"}})
			}
			if _, err := st.Save(assess.NewResult(q, a, start.AddDate(0, 3*i, 0))); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name string
		key  func() (*store.Key, error)
		env  map[string]string
	}{
		{"unlocked", nil, nil},
		{"locked-identity", func() (*store.Key, error) { return store.NewKey(store.KeyIdentity, id.Recipient()) },
			map[string]string{envIdentity: idFile}},
		{"locked-passphrase", func() (*store.Key, error) { return store.PassphraseKey("correct horse battery staple") },
			map[string]string{envPassphraseFile: passFile}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			root := filepath.Join(b.TempDir(), "circle")
			fill(root)
			if tc.key != nil {
				k, err := tc.key()
				if err != nil {
					b.Fatal(err)
				}
				if _, err := store.New(root).Lock(k); err != nil {
					b.Fatal(err)
				}
			}
			env := map[string]string{"CIRCLE_HOME": root}
			for k, v := range tc.env {
				env[k] = v
			}
			for b.Loop() {
				f := NewFactory()
				f.Getenv = func(k string) string { return env[k] }
				f.IO, _, _, _ = iostreams.Test()
				if code := Run(f, []string{"history"}); code != ExitOK {
					b.Fatalf("history exited %d", code)
				}
			}
		})
	}
}
