// Package raster turns the SVG that Graphviz writes into a PNG, in pure Go.
//
// go-graphviz has a PNG renderer of its own, but in v0.2.10 it draws every
// shape filled (a 32-bit WebAssembly value is read with junk in its upper
// bits), so edges become black blobs and outlines vanish. This package
// draws the shapes of the SVG with oksvg and rasterx instead, and the text
// itself, because oksvg skips <text>: with embedded Liberation fonts
// (metric-compatible with the Helvetica and Times that Graphviz sizes labels
// for) and a per-glyph fallback to Droid Sans Fallback for Chinese,
// Japanese and Korean. See fonts.go for why those fonts.
//
// It reads what Graphviz writes (paths, polygons, ellipses, polylines,
// dashes, group transforms, text with anchors, weights and colours), not
// every SVG: there are no gradients in the text pass, rotated text is drawn
// unrotated at its anchor, and emoji have no glyphs (they show as boxes).
package raster

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

// DefaultScale is the pixels per SVG point when a caller gives none: twice
// the 72 points per inch Graphviz lays out in, sharp on a high-density
// screen and when printed.
const DefaultScale = 2

// DefaultPixels bounds the default scale: a map that at DefaultScale would
// be larger than 9 megapixels (3000 pixels square, more than any screen
// shows at once: about 40 people) is drawn at the scale that fits, so that
// a large circle takes a third of a second and a modest amount of memory
// rather than more. Sixty people come out at about 1.6×, 2950 pixels wide.
// An explicit scale is kept.
const DefaultPixels = 9 << 20

// MaxPixels bounds the size of an image: far beyond any support map, and
// small enough that a malformed SVG cannot make the process allocate
// gigabytes.
const MaxPixels = 64 << 20

// Rasterize draws an SVG document on its page colour (white if it has
// none) at scale pixels per SVG unit. 0 means DefaultScale, reduced for a
// picture so large that it would pass DefaultPixels; a scale given explicitly
// is never changed, and one too large for the picture is an error.
func Rasterize(svg []byte, scale float64) (img *image.RGBA, err error) {
	defer catch(&err)
	p, err := newPage(svg, scale)
	if err != nil {
		return nil, err
	}
	img = image.NewRGBA(image.Rect(0, 0, p.w, p.h))
	if err := p.draw(img); err != nil {
		return nil, err
	}
	return img, nil
}

// PNG draws an SVG document as a PNG at scale pixels per SVG unit, as
// Rasterize does. The picture is drawn and compressed a band of rows at a
// time, so a large map never has all its pixels in memory at once.
func PNG(svg []byte, scale float64) (out []byte, err error) {
	defer catch(&err)
	p, err := newPage(svg, scale)
	if err != nil {
		return nil, err
	}
	var b sliceWriter
	if err := encodePNG(&b, p); err != nil {
		return nil, err
	}
	return b, nil
}

// catch turns a panic in oksvg or rasterx, which were written for trusted
// icons, into the error it is.
func catch(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("drawing the SVG: %v", p)
	}
}

// page is an SVG document read and ready to draw, any region at a time.
type page struct {
	w, h    int // pixels
	color   color.Color
	texts   []textItem // in pixels
	painter textPainter
	scanner *boxScanner // holds the shapes, recorded
}

func newPage(svg []byte, scale float64) (*page, error) {
	if math.IsNaN(scale) || math.IsInf(scale, 0) || scale != 0 && (scale < 0.1 || scale > 16) {
		return nil, fmt.Errorf("scale %g is out of range; use a number from 0.1 to 16 (2 is sharp on most screens)", scale)
	}
	info, err := readSVG(svg)
	if err != nil {
		return nil, err
	}
	if !(info.vbW > 0 && info.vbH > 0) {
		return nil, errors.New("reading the SVG: it has no size")
	}
	if scale == 0 {
		// The default scale, or as much of it as a huge map allows.
		scale = math.Min(DefaultScale, 0.999*math.Sqrt(DefaultPixels/(info.vbW*info.vbH)))
		scale = math.Min(scale, (1<<15)/math.Max(info.vbW, info.vbH))
		scale = math.Max(scale, 0.1)
	}
	fw, fh := info.vbW*scale, info.vbH*scale
	if fw*fh > MaxPixels || fw > 1<<15 || fh > 1<<15 {
		return nil, fmt.Errorf("the image would be %.0f×%.0f pixels, too large to draw; use a smaller scale", fw, fh)
	}
	p := &page{w: int(math.Ceil(fw)), h: int(math.Ceil(fh)), color: color.White}
	// Paint the page with Graphviz's background colour and leave its
	// background polygon out: the biggest shape of the picture, for
	// nothing.
	shapes := svg
	if info.page != nil && info.pageEnd > info.pageStart {
		p.color = info.page
		shapes = append(append([]byte(nil), svg[:info.pageStart]...), svg[info.pageEnd:]...)
	}
	// oksvg does not know the SVG colour keyword "transparent", which
	// Graphviz writes for invisible pens; to it, "none" means the same.
	shapes = bytes.ReplaceAll(shapes, []byte(`"transparent"`), []byte(`"none"`))
	icon, err := oksvg.ReadIconStream(bytes.NewReader(shapes), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil, fmt.Errorf("reading the SVG: %w", err)
	}
	icon.SetTarget(0, 0, fw, fh)
	// Flatten, stroke and dash every shape once and keep the outlines:
	// each band of the picture then only fills the ones that reach it.
	p.scanner = newBoxScanner(nil)
	p.scanner.recording = true
	icon.Draw(rasterx.NewDasher(p.w, p.h, p.scanner), 1)
	p.scanner.recording = false

	fs, err := loadFonts()
	if err != nil {
		return nil, fmt.Errorf("loading the embedded fonts: %w", err)
	}
	p.painter = textPainter{sh: shaper{fs: fs}, faces: map[faceKey]fontFace{}}
	sx, sy := fw/info.vbW, fh/info.vbH
	for _, t := range info.texts {
		t.x = (t.x - info.vbX) * sx
		t.y = (t.y - info.vbY) * sy
		t.size *= sx
		p.texts = append(p.texts, t)
	}
	return p, nil
}

// draw paints the part of the page that dst covers; dst's bounds are in
// the page's pixels.
func (p *page) draw(dst *image.RGBA) error {
	fillImage(dst, p.color)
	r := dst.Bounds()
	p.scanner.replay(dst)
	for _, t := range p.texts {
		// A line of text reaches about a size above its baseline and a
		// third of a size below.
		if t.y+t.size/2 < float64(r.Min.Y) || t.y-1.2*t.size > float64(r.Max.Y) {
			continue
		}
		if err := p.painter.draw(dst, t); err != nil {
			return err
		}
	}
	return nil
}

// fillImage paints every pixel c by doubling copies, several times faster
// than draw.Draw on a large image.
func fillImage(img *image.RGBA, c color.Color) {
	if len(img.Pix) < 4 {
		return
	}
	r, g, b, a := c.RGBA()
	copy(img.Pix, []byte{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)})
	for n := 4; n < len(img.Pix); n *= 2 {
		copy(img.Pix[n:], img.Pix[:n])
	}
}

// sliceWriter keeps what is written to it. encodePNG writes its whole,
// freshly made file in one call, so the first slice is kept as it is
// rather than copied: a large PNG is tens of megabytes.
type sliceWriter []byte

func (w *sliceWriter) Write(p []byte) (int, error) {
	if *w == nil {
		*w = p
	} else {
		*w = append(*w, p...)
	}
	return len(p), nil
}
