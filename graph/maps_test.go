package graph

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var mapsDir = flag.String("maps", "", "write every fixture's map as SVG and PNG into this directory, to look at")

// TestWriteMaps draws every fixture in every layout and format, and checks
// that each one comes out as what it claims to be. It is also the way to
// look at the pictures: go test ./graph -run TestWriteMaps -maps
// /tmp/circle-maps keeps them there, with each fixture as a saved result
// (.yaml).
func TestWriteMaps(t *testing.T) {
	dir := *mapsDir
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := NewRenderer()
	defer r.Close()
	for _, name := range fixtureNames {
		y, err := fixture(t, name).Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".yaml"), y, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, l := range Layouts {
			res := fixture(t, name)
			for _, f := range Formats {
				b, err := r.Map(context.Background(), res, f, Options{Layout: l}, 0)
				if err != nil {
					t.Fatalf("%s %s %s: %v", name, l, f, err)
				}
				if !looksLike(f, b) {
					t.Errorf("%s %s: the %s output does not start as a %s file should", name, l, f, f)
				}
				if err := os.WriteFile(filepath.Join(dir, name+"-"+string(l)+"."+string(f)), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// looksLike checks the start of a rendered file against its format.
func looksLike(f Format, b []byte) bool {
	switch f {
	case FormatPNG:
		return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n"))
	case FormatSVG:
		return bytes.Contains(b[:min(len(b), 512)], []byte("<svg"))
	}
	return bytes.HasPrefix(bytes.TrimSpace(b), []byte("digraph")) || bytes.HasPrefix(bytes.TrimSpace(b), []byte("graph"))
}
