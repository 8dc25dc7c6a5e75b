package raster

import (
	"cmp"
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// boxScanner is a rasterx.Scanner that rasterizes each path only where it
// can have ink. rasterx's ScannerGV sizes its rasterizer to the whole image
// and draws the whole image for every path, so a map of a few hundred
// shapes at 2× took seconds; here the cost of a shape is about its outline.
//
// While recording, it keeps each path (as rasterx flattened, stroked and
// dashed it) with its paint instead of drawing it; replay then paints the
// recorded paths that reach into one band of the picture at a time.
type boxScanner struct {
	dst      *image.RGBA
	z        vector.Rasterizer
	ops      []pathOp // the path being built
	min, max fixed.Point26_6
	src      image.Image
	clip     image.Rectangle
	mask     image.Alpha // coverage of the stretch being drawn, reused
	segs     []segment   // the edges of the path being painted
	active   []segment   // edges reaching into the current band
	band     []segment   // the edges of the current band, cut to it
	bandBuf  []segment   // scratch for band
	flat     []segment   // the flat edges in the current band
	xr       [][2]int    // scratch for spans

	recording bool
	calls     []drawCall
}

type pathOp struct {
	move bool
	p    fixed.Point26_6
}

var _ rasterx.Scanner = (*boxScanner)(nil)

func newBoxScanner(dst *image.RGBA) *boxScanner {
	s := &boxScanner{dst: dst, src: image.NewUniform(color.Black)}
	s.Clear()
	return s
}

func (s *boxScanner) grow(p fixed.Point26_6) {
	s.min.X, s.min.Y = min(s.min.X, p.X), min(s.min.Y, p.Y)
	s.max.X, s.max.Y = max(s.max.X, p.X), max(s.max.Y, p.Y)
}

// Start begins a new subpath at a.
func (s *boxScanner) Start(a fixed.Point26_6) {
	s.grow(a)
	s.ops = append(s.ops, pathOp{move: true, p: a})
}

// Line adds a segment to b.
func (s *boxScanner) Line(b fixed.Point26_6) {
	s.grow(b)
	s.ops = append(s.ops, pathOp{p: b})
}

// Draw fills the accumulated path with the current colour or, while
// recording, keeps it to be replayed.
func (s *boxScanner) Draw() {
	if len(s.ops) == 0 {
		return
	}
	segs := s.segments(nil)
	// Sorted by their top, for the band sweep in paint.
	slices.SortFunc(segs, func(a, b segment) int { return cmp.Compare(min(a.ay, a.by), min(b.ay, b.by)) })
	if s.recording {
		s.calls = append(s.calls, drawCall{segs: segs, min: s.min, max: s.max, src: s.src})
		return
	}
	s.segs = segs
	s.paint()
}

// paint fills s.segs, a path's edges sorted by their top, into dst.
//
// A large path is drawn in horizontal bands, and in each band only over
// the stretches its edges cross, plus the stretches between them that are
// inside the shape. The long diagonal line to a person in the far corner
// then costs its length, not the rectangle it spans, and a ring guide
// costs its outline, not its disc.
func (s *boxScanner) paint() {
	box := image.Rect(s.min.X.Floor(), s.min.Y.Floor(), s.max.X.Ceil()+1, s.max.Y.Ceil()+1)
	box = box.Intersect(s.dst.Bounds())
	if s.clip != (image.Rectangle{}) {
		box = box.Intersect(s.clip)
	}
	if box.Empty() {
		return
	}
	if box.Dx()*box.Dy() <= smallPath || wholeBox {
		s.band = s.segs
		s.fill(box)
		return
	}
	// Sweep the bands top to bottom, keeping the edges that reach into
	// the current band.
	next := 0
	s.active = s.active[:0]
	for y0 := box.Min.Y; y0 < box.Max.Y; y0 += bandHeight {
		band := image.Rect(box.Min.X, y0, box.Max.X, min(y0+bandHeight, box.Max.Y))
		top, bottom := float32(band.Min.Y), float32(band.Max.Y)
		for next < len(s.segs) && min(s.segs[next].ay, s.segs[next].by) < bottom {
			s.active = append(s.active, s.segs[next])
			next++
		}
		keep := s.active[:0]
		// Not s.band[:0]: after a small path, s.band is that path's
		// recorded edges.
		s.band, s.flat = s.bandBuf[:0], s.flat[:0]
		for _, g := range s.active {
			if max(g.ay, g.by) < top {
				continue
			}
			keep = append(keep, g)
			if c, ok := g.clipY(top, bottom); ok {
				s.band = append(s.band, c)
			} else if g.ay == g.by && g.ay <= bottom {
				// A flat edge adds no coverage, but it bounds the
				// shape: spans must not take its stretch for a gap.
				s.flat = append(s.flat, g)
			}
		}
		s.active, s.bandBuf = keep, s.band
		for _, r := range s.spans(band) {
			s.fill(r)
		}
	}
}

// wholeBox turns banding off, for the test that checks banding changes no
// pixel.
var wholeBox = false

// smallPath is the area, in pixels, up to which a path is drawn over its
// whole bounding box: for a box or a word, sorting edges into bands costs
// more than it saves.
const smallPath = 128 * 128

// bandHeight is the height, in pixels, of the bands a large path is drawn
// in: small enough that a diagonal line's stretch in one band is short,
// large enough that the per-band work stays small.
const bandHeight = 16

// segment is one edge of the path, in pixels.
type segment struct{ ax, ay, bx, by float32 }

// segments lists the path's edges. Subpaths are not closed here: rasterx
// closes a fill itself, and builds a stroke from open pieces that together
// enclose the stroke, as the vector rasterizer expects.
func (s *boxScanner) segments(out []segment) []segment {
	var pen fixed.Point26_6
	for _, op := range s.ops {
		if !op.move {
			out = append(out, seg(pen, op.p))
		}
		pen = op.p
	}
	return out
}

func seg(a, b fixed.Point26_6) segment {
	return segment{float32(a.X) / 64, float32(a.Y) / 64, float32(b.X) / 64, float32(b.Y) / 64}
}

// clipY returns the part of g between the rows y0 and y1, and whether
// there is one with any height (a flat edge adds no coverage).
func (g segment) clipY(y0, y1 float32) (segment, bool) {
	if g.ay == g.by {
		return g, false
	}
	lo, hi := min(g.ay, g.by), max(g.ay, g.by)
	if hi <= y0 || lo >= y1 {
		return g, false
	}
	at := func(y float32) float32 { return g.ax + (g.bx-g.ax)*(y-g.ay)/(g.by-g.ay) }
	c := g
	if c.ay < y0 {
		c.ax, c.ay = at(y0), y0
	} else if c.ay > y1 {
		c.ax, c.ay = at(y1), y1
	}
	if c.by < y0 {
		c.bx, c.by = at(y0), y0
	} else if c.by > y1 {
		c.bx, c.by = at(y1), y1
	}
	return c, c.ay != c.by
}

// spans returns the parts of band to draw: the x-ranges that the path's
// edges (flat ones included) cover within the band, joined across any gap
// that lies inside the shape. No edge touches a gap, so the whole gap is
// either inside or outside, and one winding test at its middle says which.
func (s *boxScanner) spans(band image.Rectangle) []image.Rectangle {
	y0, y1 := float32(band.Min.Y), float32(band.Max.Y)
	s.xr = s.xr[:0]
	for _, list := range [][]segment{s.band, s.flat} {
		for _, c := range list {
			lo, hi := int(math.Floor(float64(min(c.ax, c.bx))))-1, int(math.Ceil(float64(max(c.ax, c.bx))))+1
			s.xr = append(s.xr, [2]int{max(lo, band.Min.X), min(hi, band.Max.X)})
		}
	}
	if len(s.xr) == 0 {
		return nil
	}
	slices.SortFunc(s.xr, func(a, b [2]int) int { return a[0] - b[0] })
	var out []image.Rectangle
	cur := s.xr[0]
	ym := (y0 + y1) / 2
	for _, r := range s.xr[1:] {
		if r[0] <= cur[1] || s.winding(float32(cur[1]+r[0])/2, ym) != 0 {
			cur[1] = max(cur[1], r[1])
			continue
		}
		out = append(out, image.Rect(cur[0], band.Min.Y, cur[1], band.Max.Y))
		cur = r
	}
	return append(out, image.Rect(cur[0], band.Min.Y, cur[1], band.Max.Y))
}

// winding is the non-zero winding number of the path around (x, y).
// Only the current band's edges can cross the row y, which lies in it.
func (s *boxScanner) winding(x, y float32) int {
	w := 0
	for _, g := range s.band {
		if (g.ay <= y) == (g.by <= y) {
			continue
		}
		if g.ax+(g.bx-g.ax)*(y-g.ay)/(g.by-g.ay) < x {
			if g.by > g.ay {
				w++
			} else {
				w--
			}
		}
	}
	return w
}

// fill rasterizes the path over r only. Edges outside r's rows are cut
// away; edges left or right of r are clamped by the rasterizer onto r's
// first column or past its last, which keeps the coverage of the pixels in
// r exact.
func (s *boxScanner) fill(r image.Rectangle) {
	if r.Empty() {
		return
	}
	w, h := r.Dx(), r.Dy()
	s.z.Reset(w, h)
	s.z.DrawOp = draw.Src
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	for _, g := range s.band {
		c, ok := g.clipY(oy, float32(r.Max.Y))
		if !ok {
			continue
		}
		s.z.MoveTo(c.ax-ox, c.ay-oy)
		s.z.LineTo(c.bx-ox, c.by-oy)
	}
	if cap(s.mask.Pix) < w*h {
		s.mask.Pix = make([]uint8, w*h)
	}
	s.mask.Pix, s.mask.Stride, s.mask.Rect = s.mask.Pix[:w*h], w, image.Rect(0, 0, w, h)
	s.z.Draw(&s.mask, s.mask.Rect, image.Opaque, image.Point{})
	if u, ok := s.src.(*image.Uniform); ok {
		composite(s.dst, r, &s.mask, u.C)
		return
	}
	draw.DrawMask(s.dst, r, s.src, r.Min, &s.mask, image.Point{}, draw.Over)
}

// composite paints c through mask onto dst at r, source over. It is
// image/draw's arithmetic with two shortcuts that cover most pixels of a
// map: nothing to do where the mask is empty, a plain store where both the
// mask and the colour are opaque.
func composite(dst *image.RGBA, r image.Rectangle, mask *image.Alpha, c color.Color) {
	sr, sg, sb, sa := c.RGBA()
	if sa == 0 {
		return
	}
	r8, g8, b8, a8 := uint8(sr>>8), uint8(sg>>8), uint8(sb>>8), uint8(sa>>8)
	for y := 0; y < r.Dy(); y++ {
		mrow := mask.Pix[y*mask.Stride : y*mask.Stride+r.Dx()]
		i := dst.PixOffset(r.Min.X, r.Min.Y+y)
		pix := dst.Pix[i : i+4*r.Dx()]
		for x, m := range mrow {
			if m == 0 {
				continue
			}
			p := pix[4*x : 4*x+4 : 4*x+4]
			if m == 0xff && sa == 0xffff {
				p[0], p[1], p[2], p[3] = r8, g8, b8, a8
				continue
			}
			ma := uint32(m) * 0x101
			a := 0xffff - sa*ma/0xffff
			p[0] = uint8((uint32(p[0])*0x101*a + sr*ma) / 0xffff >> 8)
			p[1] = uint8((uint32(p[1])*0x101*a + sg*ma) / 0xffff >> 8)
			p[2] = uint8((uint32(p[2])*0x101*a + sb*ma) / 0xffff >> 8)
			p[3] = uint8((uint32(p[3])*0x101*a + sa*ma) / 0xffff >> 8)
		}
	}
}

// drawCall is one recorded fill: the path as rasterx flattened and
// stroked it, its bounds and its paint.
type drawCall struct {
	segs     []segment // sorted by their top
	min, max fixed.Point26_6
	src      image.Image
}

// bounds is the pixels the call may touch.
func (c *drawCall) bounds() image.Rectangle {
	return image.Rect(c.min.X.Floor(), c.min.Y.Floor(), c.max.X.Ceil()+1, c.max.Y.Ceil()+1)
}

// replay paints the recorded calls that reach into dst, in order.
func (s *boxScanner) replay(dst *image.RGBA) {
	s.dst = dst
	r := dst.Bounds()
	for i := range s.calls {
		c := &s.calls[i]
		if !c.bounds().Overlaps(r) {
			continue
		}
		s.segs, s.min, s.max, s.src = c.segs, c.min, c.max, c.src
		s.paint()
	}
	s.segs = nil
}

// GetPathExtent returns the bounds of the accumulated path.
func (s *boxScanner) GetPathExtent() fixed.Rectangle26_6 {
	return fixed.Rectangle26_6{Min: s.min, Max: s.max}
}

// SetBounds is part of rasterx.Scanner; the bounds are the target's.
func (s *boxScanner) SetBounds(int, int) {}

// SetColor sets the paint: a color.Color or a rasterx.ColorFunc (gradients).
func (s *boxScanner) SetColor(c interface{}) {
	switch c := c.(type) {
	case color.Color:
		s.src = image.NewUniform(c)
	case rasterx.ColorFunc:
		s.src = funcImage(c)
	}
}

// SetWinding is part of rasterx.Scanner; the vector rasterizer fills by
// non-zero winding only, as ScannerGV does.
func (s *boxScanner) SetWinding(bool) {}

// Clear drops the accumulated path.
func (s *boxScanner) Clear() {
	s.ops = s.ops[:0]
	const big = fixed.Int26_6(math.MaxInt32)
	s.min = fixed.Point26_6{X: big, Y: big}
	s.max = fixed.Point26_6{X: -big, Y: -big}
}

// SetClip restricts drawing to rect; the zero rectangle clears it.
func (s *boxScanner) SetClip(rect image.Rectangle) { s.clip = rect }

// funcImage paints with a colour function, for gradients.
type funcImage rasterx.ColorFunc

func (f funcImage) ColorModel() color.Model { return color.RGBAModel }
func (f funcImage) Bounds() image.Rectangle {
	return image.Rect(-1<<30, -1<<30, 1<<30, 1<<30)
}
func (f funcImage) At(x, y int) color.Color { return f(x, y) }
