package raster

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The embedded fonts. Graphviz sizes every label with the metrics of the
// PostScript fonts Helvetica and Times; Liberation Sans and Liberation Serif
// have the same advance widths, so text drawn here fills the boxes Graphviz
// made for it. Both are SIL OFL 1.1 (fonts/LICENSE-Liberation.txt).
//
// Droid Sans Fallback is the per-glyph fallback for what Liberation lacks:
// Chinese, Japanese kana and Korean Hangul. It was chosen over the
// alternatives Debian offers because it is one file of 3.4 MB under
// Apache-2.0 (fonts/LICENSE-DroidSansFallback.txt) that covers all three
// scripts: Noto Sans CJK covers more but is a 20 MB collection per weight;
// DroidSansFallbackFull.ttf from the same package trades the 11,172 Hangul
// syllables for rare Han extension-A characters, and Korean names are the
// more common need. Looking fonts up on the system was rejected because a
// fresh machine has none, and the PNG must read the same everywhere.
var (
	//go:embed fonts/LiberationSans-Regular.ttf
	sansRegularTTF []byte
	//go:embed fonts/LiberationSans-Bold.ttf
	sansBoldTTF []byte
	//go:embed fonts/LiberationSerif-Regular.ttf
	serifRegularTTF []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	serifBoldTTF []byte
	//go:embed fonts/DroidSansFallback.ttf
	fallbackTTF []byte
)

// style picks one of the embedded Latin fonts.
type style int

const (
	sansRegular style = iota
	sansBold
	serifRegular
	serifBold
	numStyles
)

// fontSet holds the parsed fonts. Parsing is deferred to first use so that
// a process that only writes DOT never pays for it.
type fontSet struct {
	primary  [numStyles]*opentype.Font
	fallback *opentype.Font
}

var (
	fontsOnce sync.Once
	fonts     fontSet
	fontsErr  error
)

func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		for i, b := range [numStyles][]byte{sansRegularTTF, sansBoldTTF, serifRegularTTF, serifBoldTTF} {
			if fonts.primary[i], fontsErr = opentype.Parse(b); fontsErr != nil {
				return
			}
		}
		fonts.fallback, fontsErr = opentype.Parse(fallbackTTF)
	})
	return &fonts, fontsErr
}

// styleFor maps an SVG font-family list and weight to an embedded font.
// Graphviz writes "Helvetica,sans-Serif" or "Times,serif"; anything that
// is not recognisably sans-serif falls back to the serif face, as Graphviz's
// own default (Times) does. Courier has no embedded face and is drawn sans.
func styleFor(family string, bold bool) style {
	f := strings.ToLower(family)
	sans := strings.Contains(f, "sans") || strings.Contains(f, "helvetica") || strings.Contains(f, "arial") ||
		strings.Contains(f, "courier") || strings.Contains(f, "mono")
	switch {
	case sans && bold:
		return sansBold
	case sans:
		return sansRegular
	case bold:
		return serifBold
	}
	return serifRegular
}

// ignorable reports runes that have no glyph of their own and must not be
// drawn as a missing-glyph box: joiners, variation selectors, bidi marks.
func ignorable(r rune) bool {
	return unicode.Is(unicode.Cf, r) || (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) || unicode.IsControl(r)
}

// noFallback turns the fallback font off, for the test that shows it is
// what draws Chinese, Japanese and Korean.
var noFallback = false

// shaper lays out text with per-glyph fallback: each rune comes from the
// primary font when it has a glyph, else from the fallback font, else it is
// the primary font's missing-glyph shape (blank in Liberation). One shaper
// serves one goroutine.
type shaper struct {
	fs  *fontSet
	buf sfnt.Buffer
}

// pick returns the font that draws r, or nil when r is not drawn at all.
func (s *shaper) pick(st style, r rune) *sfnt.Font {
	p := s.fs.primary[st]
	if i, err := p.GlyphIndex(&s.buf, r); err == nil && i != 0 {
		return p
	}
	if i, err := s.fs.fallback.GlyphIndex(&s.buf, r); err == nil && i != 0 && !noFallback {
		return s.fs.fallback
	}
	if ignorable(r) {
		return nil
	}
	return p
}

// advance is the width of r at size pixels per em, from the font pick chose.
func (s *shaper) advance(st style, r rune, size float64) fixed.Int26_6 {
	f := s.pick(st, r)
	if f == nil {
		return 0
	}
	i, err := f.GlyphIndex(&s.buf, r)
	if err != nil {
		return 0
	}
	a, err := f.GlyphAdvance(&s.buf, i, fixed.Int26_6(size*64), font.HintingNone)
	if err != nil {
		return 0
	}
	return a
}

func (s *shaper) width(st style, text string, size float64) float64 {
	var w fixed.Int26_6
	for _, r := range text {
		w += s.advance(st, r, size)
	}
	return float64(w) / 64
}

// MeasureText returns the width, in the units of size, that text takes when
// this package draws it in the given SVG font family (such as "Helvetica"),
// weight and size. The graph package sizes its nodes with it, so that a
// label's box fits the text the PNG shows even where Graphviz's own width
// estimate is wrong (it guesses for Chinese, Japanese and Korean).
func MeasureText(text, family string, bold bool, size float64) float64 {
	fs, err := loadFonts()
	if err != nil || size <= 0 {
		return 0
	}
	s := shaper{fs: fs}
	return s.width(styleFor(family, bold), text, size)
}

// HasGlyph reports whether the embedded fonts have a real glyph for r in
// the given family, rather than the missing-glyph shape (which in
// Liberation is blank).
func HasGlyph(r rune, family string) bool {
	fs, err := loadFonts()
	if err != nil {
		return false
	}
	s := shaper{fs: fs}
	st := styleFor(family, false)
	if i, err := fs.primary[st].GlyphIndex(&s.buf, r); err == nil && i != 0 {
		return true
	}
	i, err := fs.fallback.GlyphIndex(&s.buf, r)
	return err == nil && i != 0
}
