package raster

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/srwiley/oksvg"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// textItem is one <text> element, in SVG user units after its transforms.
type textItem struct {
	x, y   float64
	size   float64
	anchor string // start, middle or end
	style  style
	fill   color.Color
	text   string
}

// affine is a 2D transform [a c e; b d f].
type affine struct{ a, b, c, d, e, f float64 }

var identity = affine{a: 1, d: 1}

// mul composes two transforms the way an SVG transform list does:
// m.mul(t) maps p to m(t(p)).
func (m affine) mul(t affine) affine {
	return affine{
		a: m.a*t.a + m.c*t.b, b: m.b*t.a + m.d*t.b,
		c: m.a*t.c + m.c*t.d, d: m.b*t.c + m.d*t.d,
		e: m.a*t.e + m.c*t.f + m.e, f: m.b*t.e + m.d*t.f + m.f,
	}
}

func (m affine) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// scale is the factor by which m stretches lengths, used for font sizes.
func (m affine) scale() float64 { return math.Sqrt(math.Abs(m.a*m.d - m.b*m.c)) }

// parseTransform reads an SVG transform list: translate, scale, rotate and
// matrix, which is everything Graphviz writes.
func parseTransform(s string) (affine, error) {
	m := identity
	for {
		s = strings.TrimLeft(s, " ,\t\n")
		if s == "" {
			return m, nil
		}
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			return m, fmt.Errorf("bad transform %q", s)
		}
		name := strings.TrimSpace(s[:open])
		var args []float64
		for _, f := range strings.FieldsFunc(s[open+1:end], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return m, fmt.Errorf("bad transform %q", s)
			}
			args = append(args, v)
		}
		s = s[end+1:]
		arg := func(i int, def float64) float64 {
			if i < len(args) {
				return args[i]
			}
			return def
		}
		var t affine
		switch name {
		case "translate":
			t = affine{a: 1, d: 1, e: arg(0, 0), f: arg(1, 0)}
		case "scale":
			sx := arg(0, 1)
			t = affine{a: sx, d: arg(1, sx)}
		case "rotate":
			r := arg(0, 0) * math.Pi / 180
			cx, cy := arg(1, 0), arg(2, 0)
			t = affine{a: math.Cos(r), b: math.Sin(r), c: -math.Sin(r), d: math.Cos(r)}
			t = affine{a: 1, d: 1, e: cx, f: cy}.mul(t).mul(affine{a: 1, d: 1, e: -cx, f: -cy})
		case "matrix":
			if len(args) != 6 {
				return m, fmt.Errorf("bad transform %q", s)
			}
			t = affine{args[0], args[1], args[2], args[3], args[4], args[5]}
		default:
			return m, fmt.Errorf("unknown transform %q", name)
		}
		m = m.mul(t)
	}
}

// svgInfo is what the text pass needs from an SVG document besides its
// text: the viewBox that maps user units to pixels.
type svgInfo struct {
	vbX, vbY, vbW, vbH float64
	texts              []textItem
	// page is Graphviz's background: the first polygon of the graph's
	// group, which covers the whole canvas. Its byte range lets Rasterize
	// paint the canvas that colour directly instead of rasterizing the
	// biggest shape of the picture.
	page               color.Color
	pageStart, pageEnd int64
}

// readSVG walks the document once, collecting the viewBox and every text
// element with its inherited transform and style. oksvg draws the shapes
// but skips text, so this is the other half of the picture.
func readSVG(data []byte) (*svgInfo, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	type frame struct {
		m      affine
		family string
		size   string
		weight string
		fill   string
		anchor string
	}
	stack := []frame{{m: identity, family: "Times,serif", size: "14", fill: "black", anchor: "start"}}
	info := &svgInfo{}
	var cur *textItem
	var text strings.Builder
	sawSVG := false
	graphDepth, shapes := -1, 0
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			top := stack[len(stack)-1]
			f := top
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "transform":
					m, err := parseTransform(a.Value)
					if err != nil {
						return nil, err
					}
					f.m = top.m.mul(m)
				case "font-family":
					f.family = a.Value
				case "font-size":
					f.size = a.Value
				case "font-weight":
					f.weight = a.Value
				case "fill":
					f.fill = a.Value
				case "text-anchor":
					f.anchor = a.Value
				}
			}
			stack = append(stack, f)
			switch t.Name.Local {
			case "svg":
				if !sawSVG {
					sawSVG = true
					if err := info.readViewBox(t.Attr); err != nil {
						return nil, err
					}
				}
			case "g":
				if graphDepth < 0 && attrValue(t.Attr, "class") == "graph" {
					graphDepth = len(stack)
				}
			case "polygon", "path", "ellipse", "polyline", "rect":
				shapes++
				if shapes == 1 && len(stack)-1 == graphDepth && t.Name.Local == "polygon" &&
					attrValue(t.Attr, "stroke") == "none" && opaque(f.fill) {
					info.page, info.pageStart = textColor(f.fill), start
				}
			case "text":
				item := textItem{anchor: f.anchor}
				x, y := attrFloat(t.Attr, "x"), attrFloat(t.Attr, "y")
				item.x, item.y = f.m.apply(x, y)
				size, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(f.size), "px"), 64)
				item.size = size * f.m.scale()
				item.style = styleFor(f.family, isBold(f.weight))
				item.fill = textColor(f.fill)
				cur = &item
				text.Reset()
			}
		case xml.CharData:
			if cur != nil {
				text.Write(t)
			}
		case xml.EndElement:
			if info.page != nil && info.pageEnd == 0 && t.Name.Local == "polygon" {
				info.pageEnd = d.InputOffset()
			}
			if t.Name.Local == "text" && cur != nil {
				cur.text = text.String()
				info.texts = append(info.texts, *cur)
				cur = nil
			}
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if !sawSVG {
		return nil, errors.New("reading the SVG: no <svg> element")
	}
	return info, nil
}

func (info *svgInfo) readViewBox(attrs []xml.Attr) error {
	for _, a := range attrs {
		if a.Name.Local != "viewBox" {
			continue
		}
		var v []float64
		for _, f := range strings.FieldsFunc(a.Value, func(r rune) bool { return r == ',' || r == ' ' }) {
			n, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return fmt.Errorf("reading the SVG: bad viewBox %q", a.Value)
			}
			v = append(v, n)
		}
		if len(v) != 4 {
			return fmt.Errorf("reading the SVG: bad viewBox %q", a.Value)
		}
		info.vbX, info.vbY, info.vbW, info.vbH = v[0], v[1], v[2], v[3]
		return nil
	}
	// Without a viewBox the width and height are the user space.
	info.vbW, info.vbH = attrFloat(attrs, "width"), attrFloat(attrs, "height")
	return nil
}

// attrFloat reads a number attribute, ignoring a unit suffix such as "pt";
// a missing or unreadable one is 0, as SVG treats it.
func attrFloat(attrs []xml.Attr, name string) float64 {
	for _, a := range attrs {
		if a.Name.Local == name {
			v := strings.TrimRight(strings.TrimSpace(a.Value), "abcdefghijklmnopqrstuvwxyz%")
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return 0
			}
			return f
		}
	}
	return 0
}

func attrValue(attrs []xml.Attr, name string) string {
	for _, a := range attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// opaque reports a fill colour without transparency.
func opaque(fill string) bool {
	c := textColor(fill)
	if c == nil {
		return false
	}
	_, _, _, a := c.RGBA()
	return a == 0xffff
}

func isBold(weight string) bool {
	switch strings.TrimSpace(strings.ToLower(weight)) {
	case "bold", "bolder", "600", "700", "800", "900":
		return true
	}
	return false
}

func textColor(s string) color.Color {
	c, err := oksvg.ParseSVGColor(strings.TrimSpace(s))
	if err != nil || c == nil {
		if strings.EqualFold(strings.TrimSpace(s), "none") || strings.EqualFold(strings.TrimSpace(s), "transparent") {
			return nil
		}
		return color.Black
	}
	return c
}

// fontFace is a font at one size, ready to draw glyphs.
type fontFace = font.Face

// faceKey names one font at one pixel size.
type faceKey struct {
	f    *sfnt.Font
	size float64
}

// textPainter draws text items onto an image, caching faces for the run.
type textPainter struct {
	sh    shaper
	faces map[faceKey]fontFace
}

func (p *textPainter) face(f *sfnt.Font, size float64) (fontFace, error) {
	k := faceKey{f, size}
	if fc, ok := p.faces[k]; ok {
		return fc, nil
	}
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	p.faces[k] = fc
	return fc, nil
}

// draw paints one item. x, y and size are already in pixels. Text is put in
// visual order first, so that right-to-left names read the right way.
func (p *textPainter) draw(dst draw.Image, it textItem) error {
	if it.fill == nil || it.size <= 0 || it.size > 2000 {
		return nil
	}
	s := visualOrder(it.text)
	w := p.sh.width(it.style, s, it.size)
	x := it.x
	switch it.anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	src := image.NewUniform(it.fill)
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(it.y * 64))}
	for _, r := range s {
		f := p.sh.pick(it.style, r)
		if f == nil {
			continue
		}
		fc, err := p.face(f, it.size)
		if err != nil {
			return err
		}
		dr, mask, mp, adv, ok := fc.Glyph(dot, r)
		if ok {
			draw.DrawMask(dst, dr, src, image.Point{}, mask, mp, draw.Over)
		}
		dot.X += adv
	}
	return nil
}
