package graph

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestUnknownFormatRefusedFirst: a format Graphviz lacks would break its
// engine for the rest of the process, so it must be refused before
// Graphviz is even started.
func TestUnknownFormatRefusedFirst(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	dot, err := DOT(fixture(t, "people-5"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{"jpg", "pdf", "", "svgz", "png;rm"} {
		if _, err := r.Render(context.Background(), dot, f, 0); err == nil {
			t.Errorf("Render(%q) rendered", f)
		}
	}
	if r.gv != nil {
		t.Error("a refused format started Graphviz")
	}
	out, err := r.Render(context.Background(), dot, FormatDOT, 0)
	if err != nil || !bytes.Equal(out, dot) {
		t.Errorf("DOT output = %v, %v; want the DOT unchanged", len(out), err)
	}
	if r.gv != nil {
		t.Error("DOT output started Graphviz")
	}
	// Graphviz still works after the refusals.
	if svg, err := r.Render(context.Background(), dot, FormatSVG, 0); err != nil || !bytes.Contains(svg, []byte("<svg")) {
		t.Errorf("SVG after refused formats: %v", err)
	}
}

func TestRenderRefusesForeignLayouts(t *testing.T) {
	r := NewRenderer()
	defer r.Close()
	if _, err := r.Render(context.Background(), []byte(`graph { layout=circo; a -- b }`), FormatSVG, 0); err == nil {
		t.Error("a DOT asking for circo was drawn")
	}
	if _, err := r.Render(context.Background(), []byte(`graph { a -- `), FormatSVG, 0); err == nil {
		t.Error("broken DOT was drawn")
	}
	if _, err := r.Render(context.Background(), []byte(`graph { a -- b }`), FormatSVG, 0); err != nil {
		t.Errorf("Graphviz is broken after bad DOT: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Render(context.Background(), []byte(`graph { a }`), FormatSVG, 0); err == nil {
		t.Error("a closed renderer drew")
	}
}

// pinned maps a rings map's points (y up, leader at the origin) to pixels
// of its PNG, from where Graphviz put the leader in the SVG.
type pinned struct{ x0, y0, scale float64 }

var (
	youRE       = regexp.MustCompile(`<title>you</title>\s*<ellipse[^>]* cx="([-0-9.]+)" cy="([-0-9.]+)"`)
	translateRE = regexp.MustCompile(`class="graph" transform="scale\(1 1\) rotate\(0\) translate\(([-0-9.]+) ([-0-9.]+)\)"`)
)

func newPinned(t *testing.T, svg []byte, scale float64) pinned {
	t.Helper()
	y, tr := youRE.FindSubmatch(svg), translateRE.FindSubmatch(svg)
	if y == nil || tr == nil {
		t.Fatal("cannot find the leader or the graph's transform in the SVG")
	}
	f := func(b []byte) float64 { v, _ := strconv.ParseFloat(string(b), 64); return v }
	return pinned{x0: f(y[1]) + f(tr[1]), y0: f(y[2]) + f(tr[2]), scale: scale}
}

func (p pinned) at(img image.Image, x, y float64) color.RGBA {
	return color.RGBAModel.Convert(img.At(int(math.Round((p.x0+x)*p.scale)), int(math.Round((p.y0-y)*p.scale)))).(color.RGBA)
}

func hexColor(s string) color.RGBA {
	v, _ := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int { return int(math.Abs(float64(int(x) - int(y)))) }
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}

// TestPNGDrawsOutlinesAndLines checks the PNG against what go-graphviz's
// own PNG renderer gets wrong: it fills every shape, so lines become black
// blobs and boxes lose their outlines. Here most of the picture stays
// white, every person's box is their side's fill inside and a dark outline
// at the edge, and the line to them is a thin line with white on both sides.
func TestPNGDrawsOutlinesAndLines(t *testing.T) {
	res := fixture(t, "people-15")
	r := NewRenderer()
	defer r.Close()
	svg, err := r.Map(context.Background(), res, FormatSVG, Options{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Map(context.Background(), res, FormatPNG, Options{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}

	dark, white, total := 0, 0, 0
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			total++
			switch l := (299*int(c.R) + 587*int(c.G) + 114*int(c.B)) / 1000; {
			case l < 100:
				dark++
			case l > 245:
				white++
			}
		}
	}
	// Measured: about 1% dark (text, the leader, power outlines), 80%
	// white. Filled shapes would turn the ring guides into discs.
	if dark*100 > total*4 || white*100 < total*60 {
		t.Errorf("%.1f%% dark and %.1f%% white pixels: shapes are filled that should be outlines", 100*float64(dark)/float64(total), 100*float64(white)/float64(total))
	}

	p := newPinned(t, svg, 2)
	m := newModel(res)
	l := layoutRings(m)
	lines := 0
	for _, s := range l.slots {
		if s.person < 0 {
			continue
		}
		pr := m.people[s.person]
		c := sideColors(pr.side)
		// Inside the box, clear of the text: the side's fill.
		if got := p.at(img, s.x-s.w/2+4, s.y); got != hexColor(c.fill) {
			t.Errorf("%s: inside the box the PNG has %v, want the fill %s", pr.name, got, c.fill)
		}
		// On the box's edge: a line darker than the fill.
		edge := p.at(img, s.x-s.w/2, s.y)
		if lum(edge) > lum(hexColor(c.fill))-30 {
			t.Errorf("%s: no outline at the box's left edge (%v)", pr.name, edge)
		}
		// Half way along the line from the leader: the line's colour, and
		// white a few points either side of it.
		d := math.Hypot(s.x, s.y)
		mx, my := s.x*0.5, s.y*0.5
		nx, ny := -s.y/d*6, s.x/d*6
		if free(l, mx, my, 10) && free(l, mx+nx, my+ny, 2) && free(l, mx-nx, my-ny, 2) {
			on, off1, off2 := p.at(img, mx, my), p.at(img, mx+nx, my+ny), p.at(img, mx-nx, my-ny)
			if near(on, hexColor(c.edge), 40) && lum(off1) > 240 && lum(off2) > 240 {
				lines++
			} else {
				t.Logf("%s: on the line %v, beside it %v and %v", pr.name, on, off1, off2)
			}
		}
	}
	if lines < 5 {
		t.Errorf("only %d lines from the leader look like thin lines", lines)
	}
}

// free reports that (x, y) is at least margin points from every box and
// ring guide, and from every line but the one it may be on.
func free(l *ringsLayout, x, y, margin float64) bool {
	for _, s := range append(l.slots, l.leader) {
		if math.Abs(x-s.x) < s.w/2+margin && math.Abs(y-s.y) < s.h/2+margin {
			return false
		}
	}
	for _, r := range l.radius {
		if math.Abs(math.Hypot(x, y)-r) < 3 {
			return false
		}
	}
	if math.Abs(x) < 4 {
		return false
	}
	return true
}

func lum(c color.RGBA) int { return (299*int(c.R) + 587*int(c.G) + 114*int(c.B)) / 1000 }

// TestRendererConcurrent: go-graphviz has one WebAssembly instance for the
// process; renderers used from several goroutines must take turns, and
// every caller must get its own, whole picture.
func TestRendererConcurrent(t *testing.T) {
	r1, r2 := NewRenderer(), NewRenderer()
	defer r1.Close()
	defer r2.Close()
	want := map[string][]byte{}
	for _, name := range []string{"people-1", "people-5", "every-gap"} {
		svg, err := r1.Map(context.Background(), fixture(t, name), FormatSVG, Options{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		want[name] = svg
	}
	errs := make(chan error, 12)
	for i := 0; i < 12; i++ {
		name := []string{"people-1", "people-5", "every-gap"}[i%3]
		r := []*Renderer{r1, r2}[i%2]
		res := fixture(t, name)
		go func() {
			svg, err := r.Map(context.Background(), res, FormatSVG, Options{}, 0)
			if err == nil && !bytes.Equal(svg, want[name]) {
				err = fmt.Errorf("%s drawn concurrently differs from drawn alone", name)
			}
			errs <- err
		}()
	}
	for i := 0; i < 12; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
