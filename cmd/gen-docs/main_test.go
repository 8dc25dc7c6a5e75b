package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The committed docs must be what the commands say now: a flag added
// without `make docs` would leave the man pages telling users something
// else.
func TestDocsAreCurrent(t *testing.T) {
	fresh := t.TempDir()
	if err := generate(fresh); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"man", "cli"} {
		want, _ := filepath.Glob(filepath.Join(fresh, sub, "*"))
		have, _ := filepath.Glob(filepath.Join("..", "..", "docs", sub, "*"))
		if len(want) != len(have) {
			t.Errorf("docs/%s has %d files, the commands make %d; run make docs", sub, len(have), len(want))
		}
		for _, w := range want {
			name := filepath.Base(w)
			got, err := os.ReadFile(filepath.Join("..", "..", "docs", sub, name))
			if err != nil {
				t.Errorf("docs/%s/%s is missing; run make docs", sub, name)
				continue
			}
			exp, _ := os.ReadFile(w)
			if !bytes.Equal(got, exp) {
				t.Errorf("docs/%s/%s is out of date; run make docs", sub, name)
			}
		}
	}
}
