package graph

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestDOTGolden pins the DOT of every fixture in both layouts. A change in
// the picture shows up here as a diff to review; rewrite the files with
// go test ./graph -run TestDOTGolden -update.
func TestDOTGolden(t *testing.T) {
	for _, name := range fixtureNames {
		for _, l := range Layouts {
			t.Run(name+"/"+string(l), func(t *testing.T) {
				got, err := DOT(fixture(t, name), Options{Layout: l})
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("testdata", name+"-"+string(l)+".dot"), got)
			})
		}
	}
}

// checkGolden compares DOT with its golden file (see sameDOT), or with
// -update rewrites the file.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !sameDOT(got, want) {
		t.Errorf("DOT differs from %s; if the change is intended, run with -update and review the diff\n%s", path, firstDiff(got, want))
	}
}

// firstDiff shows the first line that differs.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}

var number = regexp.MustCompile(`-?[0-9]+(\.[0-9]+)?`)

// sameDOT compares two DOTs, allowing numbers to differ in the last
// decimal: where the compiler fuses a multiply and an add (arm64 does), a
// position can round the other way.
func sameDOT(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	if !bytes.Equal(number.ReplaceAll(a, []byte("#")), number.ReplaceAll(b, []byte("#"))) {
		return false
	}
	na, nb := number.FindAll(a, -1), number.FindAll(b, -1)
	for i := range na {
		x, _ := strconv.ParseFloat(string(na[i]), 64)
		y, _ := strconv.ParseFloat(string(nb[i]), 64)
		if math.Abs(x-y) > 0.011 {
			return false
		}
	}
	return true
}
