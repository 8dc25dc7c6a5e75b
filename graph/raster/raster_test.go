package raster

import (
	"bytes"
	"fmt"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// textSVG is a page with one line of text, as Graphviz writes it.
func textSVG(text, anchor string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg width="200pt" height="40pt" viewBox="0.00 0.00 200.00 40.00" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 36)">
<polygon fill="white" stroke="none" points="-4,4 -4,-36 196,-36 196,4 -4,4"/>
<text text-anchor="` + anchor + `" x="96" y="-12" font-family="Helvetica,sans-Serif" font-weight="bold" font-size="14.00">` + text + `</text>
</g>
</svg>`)
}

// ink returns how many pixels are not white, and their bounding box.
func ink(img *image.RGBA) (int, image.Rectangle) {
	n := 0
	var box image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			i := img.PixOffset(x, y)
			if img.Pix[i] < 250 || img.Pix[i+1] < 250 || img.Pix[i+2] < 250 {
				n++
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return n, box
}

func render(t *testing.T, svg []byte) *image.RGBA {
	t.Helper()
	img, err := Rasterize(svg, 2)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestNamesInEveryScriptAreGlyphs checks that accented Latin and Chinese,
// Japanese and Korean names are drawn as their letters: every rune has a
// real glyph in the embedded fonts, Chinese needs the fallback font to show
// at all, and each accent adds ink to the plain letter.
func TestNamesInEveryScriptAreGlyphs(t *testing.T) {
	for _, name := range []string{"Zoë Müller", "María José Núñez", "Łukasz Dąbrowski", "李明", "王秀英", "さくら", "김민준"} {
		for _, r := range name {
			if r != ' ' && !HasGlyph(r, "Helvetica,sans-Serif") {
				t.Errorf("%q: no glyph for %q (U+%04X)", name, r, r)
			}
		}
	}

	// Chinese: ink with the fallback, none without it (Liberation has no
	// Chinese glyphs, and its missing-glyph shape is empty).
	withFallback, box := ink(render(t, textSVG("李明", "middle")))
	noFallback = true
	without, _ := ink(render(t, textSVG("李明", "middle")))
	noFallback = false
	if withFallback < 200 || without > withFallback/10 {
		t.Errorf("李明 drew %d ink pixels with the fallback font and %d without; want many, and few", withFallback, without)
	}
	// Two 14-point characters at 2×: about 56 pixels wide, centred.
	if box.Dx() < 40 || box.Dx() > 70 || abs((box.Min.X+box.Max.X)/2-200) > 6 {
		t.Errorf("李明 drawn over %v; want about 56 pixels wide, centred on x=200", box)
	}

	for _, c := range []struct{ accented, plain string }{
		{"Zoë", "Zoe"}, {"Müller", "Muller"}, {"Núñez", "Nunez"}, {"María", "Maria"},
	} {
		a, _ := ink(render(t, textSVG(c.accented, "start")))
		p, _ := ink(render(t, textSVG(c.plain, "start")))
		if a <= p {
			t.Errorf("%s drew %d ink pixels, %s %d: the accents are missing", c.accented, a, c.plain, p)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestTextAnchors checks that text sits where Graphviz put it: a centred
// label is centred on its x, a right-aligned one ends there.
func TestTextAnchors(t *testing.T) {
	for _, c := range []struct {
		anchor string
		check  func(b image.Rectangle) bool
	}{
		{"middle", func(b image.Rectangle) bool { return abs((b.Min.X+b.Max.X)/2-200) <= 3 }},
		{"start", func(b image.Rectangle) bool { return abs(b.Min.X-200) <= 4 }},
		{"end", func(b image.Rectangle) bool { return abs(b.Max.X-200) <= 4 }},
	} {
		_, box := ink(render(t, textSVG("Dana Reyes", c.anchor)))
		if !c.check(box) {
			t.Errorf("text-anchor %s: text drawn over %v, anchored at x=200", c.anchor, box)
		}
	}
}

func TestVisualOrder(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Dana Reyes", "Dana Reyes"},
		{"דוד", "דוד"[4:] + "דוד"[2:4] + "דוד"[:2]},
		{"דוד כהן", "ןהכ דוד"},
		{"Dana (דוד)", "Dana (דוד)"},
		{"דוד 42", "42 דוד"},
	} {
		if got := visualOrder(c.in); got != c.want {
			t.Errorf("visualOrder(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// shapesSVG has what a map has: a page, a large stroked circle, filled and
// dashed boxes, and long diagonal lines.
func shapesSVG() []byte {
	var b strings.Builder
	b.WriteString(`<svg width="400pt" height="300pt" viewBox="0 0 400 300" xmlns="http://www.w3.org/2000/svg"><g id="graph0" class="graph" transform="translate(4 296)">`)
	b.WriteString(`<polygon fill="white" stroke="none" points="-4,4 -4,-296 396,-296 396,4 -4,4"/>`)
	b.WriteString(`<ellipse fill="none" stroke="#c3cad2" stroke-width="1.2" cx="196" cy="-146" rx="140" ry="140"/>`)
	for i := 0; i < 12; i++ {
		x, y := 20+i*30, -20-i*20
		fmt.Fprintf(&b, `<path fill="none" stroke="#7fb1d6" stroke-width="%d" d="M196,-146C%d,%d %d,%d %d,%d"/>`, 1+i%4, (196+x)/2, (y-146)/2, (196+x)/2, (y-146)/2, x, y)
	}
	b.WriteString(`<polygon fill="#dcebf7" stroke="#0072B2" points="150,-20 20,-20 20,-70 150,-70 150,-20"/>`)
	b.WriteString(`<polygon fill="#fce8dc" stroke="#D55E00" stroke-dasharray="5,2" points="380,-200 250,-200 250,-250 380,-250 380,-200"/>`)
	b.WriteString(`</g></svg>`)
	return []byte(b.String())
}

// TestBandsChangeNoPixel checks the banded drawing of large shapes against
// drawing each shape over its whole bounding box.
func TestBandsChangeNoPixel(t *testing.T) {
	svg := shapesSVG()
	banded := render(t, svg)
	wholeBox = true
	whole := render(t, svg)
	wholeBox = false
	worst := 0
	for i := range banded.Pix {
		worst = max(worst, abs(int(banded.Pix[i])-int(whole.Pix[i])))
	}
	// The vector rasterizer uses fixed-point arithmetic for small areas
	// and floating point for large ones, which moves an anti-aliased edge
	// by a few hundredths of a pixel (up to about 25 levels where a line
	// crosses a pixel); a missing stretch of a shape would be well over
	// 100.
	if worst > 40 {
		t.Errorf("banded and whole-box drawing differ by up to %d levels", worst)
	}
	if n, _ := ink(banded); n < 5000 {
		t.Errorf("only %d ink pixels: shapes are missing", n)
	}
}

// TestPNGRoundTrip decodes the PNG, drawn and compressed band by band,
// with image/png and compares it with the picture drawn in one piece.
func TestPNGRoundTrip(t *testing.T) {
	svg := shapesSVG()
	// Taller than one band, so that bands are joined.
	b, err := PNG(svg, 3)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	big := render3(t, svg)
	if dec.Bounds() != big.Bounds() || dec.Bounds().Dy() <= 2*bandRows {
		t.Fatalf("decoded %v, drew %v", dec.Bounds(), big.Bounds())
	}
	exact, worst := 0, 0
	for y := 0; y < big.Bounds().Dy(); y++ {
		for x := 0; x < big.Bounds().Dx(); x++ {
			got := color.RGBAModel.Convert(dec.At(x, y)).(color.RGBA)
			want := big.RGBAAt(x, y)
			d := max(abs(int(got.R)-int(want.R)), abs(int(got.G)-int(want.G)), abs(int(got.B)-int(want.B)))
			if d == 0 {
				exact++
			}
			worst = max(worst, d)
		}
	}
	// A shape cut by a band edge is rasterized in two pieces, which moves
	// anti-aliased edges by hundredths of a pixel (see TestBandsChangeNoPixel).
	total := big.Bounds().Dx() * big.Bounds().Dy()
	if worst > 40 || exact < total*99/100 {
		t.Errorf("PNG differs from the picture: %d of %d pixels exact, worst by %d levels", exact, total, worst)
	}
}

func render3(t *testing.T, svg []byte) *image.RGBA {
	t.Helper()
	img, err := Rasterize(svg, 3)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestAdler32Join(t *testing.T) {
	a := bytes.Repeat([]byte("circle"), 20000)
	b := bytes.Repeat([]byte{0xff, 0, 7}, 50000)
	got := adler32Join(adler32.Checksum(a), adler32.Checksum(b), len(b))
	if want := adler32.Checksum(append(append([]byte(nil), a...), b...)); got != want {
		t.Errorf("adler32Join = %08x, want %08x", got, want)
	}
}

// TestBadInput: whatever it is given, Rasterize answers with an error,
// never a panic or a huge allocation.
func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		name  string
		svg   string
		scale float64
	}{
		{"empty", "", 2},
		{"not svg", "hello", 2},
		{"no size", `<svg xmlns="http://www.w3.org/2000/svg"></svg>`, 2},
		{"huge", `<svg width="100000pt" height="100000pt" viewBox="0 0 100000 100000" xmlns="http://www.w3.org/2000/svg"></svg>`, 2},
		{"bad transform", `<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><g transform="skew(3"><text x="1" y="1">a</text></g></svg>`, 2},
		{"bad scale", `<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"></svg>`, -1},
		{"truncated", string(shapesSVG()[:200]), 2},
	} {
		if _, err := PNG([]byte(c.svg), c.scale); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

// FuzzRasterize checks that no SVG makes the rasterizer panic.
func FuzzRasterize(f *testing.F) {
	f.Add(shapesSVG())
	f.Add(textSVG("李明 Zoë", "middle"))
	f.Fuzz(func(t *testing.T, svg []byte) {
		_, _ = Rasterize(svg, 0.5)
	})
}
