package graph

import (
	"context"
	"testing"
)

// The benchmarks time each step for the 15- and 60-person circles:
//
//	go test ./graph -run '^$' -bench . -benchmem
//
// Whole-process targets (README): SVG within 2× of native dot -Tsvg, PNG
// under 300 ms for 60 people, peak memory under 60 MB.

func benchFixtures() []string { return []string{"people-15", "people-60", "ties-15", "ties-60"} }

func BenchmarkDOT(b *testing.B) {
	for _, name := range benchFixtures() {
		res := fixture(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := DOT(res, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchRender(b *testing.B, f Format) {
	r := NewRenderer()
	defer r.Close()
	for _, name := range benchFixtures() {
		dot, err := DOT(fixture(b, name), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Render(context.Background(), dot, f, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSVG(b *testing.B) { benchRender(b, FormatSVG) }

func BenchmarkPNG(b *testing.B) { benchRender(b, FormatPNG) }
