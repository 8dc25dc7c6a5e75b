package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/graph/raster"
)

// Label text on the map. A name reaches the DOT only through cleanText and
// one of the two escapers below, so that nothing in a name (quotes,
// backslashes, braces, angle brackets, newlines, entities, Graphviz's own
// \N and \G) can change the graph or its layout.

// The fonts labels are set in. Helvetica is what Liberation Sans is
// metric-compatible with, so Graphviz, an SVG viewer and the PNG agree on
// widths.
const (
	fontRegular = "Helvetica"
	fontBold    = "Helvetica-Bold"
)

// Sizes, in points, of the label text.
const (
	nameSize     = 11
	relationSize = 9
	gapSize      = 9.5
)

// maxNameWidth is the widest a name is shown, in points at nameSize in
// bold: about 24 Latin letters or 14 Chinese characters. Longer names end in
// an ellipsis, so one pasted paragraph cannot push everyone else off the map.
const maxNameWidth = 150

// maxRunes bounds the text measured for one label; anything longer is cut
// before measuring, because it will be cut to maxNameWidth anyway.
const maxRunes = 80

// cleanText makes one line of display text out of anything: invalid UTF-8
// becomes U+FFFD; control characters, line and paragraph separators become
// spaces (a label is one line; Graphviz would also read a raw newline inside
// a quoted string as a line continuation); bidi embeddings, overrides and
// isolates are dropped, so a name cannot reorder the text drawn around it;
// Unicode noncharacters, which XML forbids in the SVG, become U+FFFD; runs
// of white space become one space.
func cleanText(s string) string {
	if len(s) > maxRunes*utf8.UTFMax*2 {
		s = s[:maxRunes*utf8.UTFMax*2]
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for _, r := range s {
		switch {
		case plaintext.IsDirectionControl(r):
		case plaintext.IsControl(r):
			b.WriteRune(' ')
		case r >= '\uFDD0' && r <= '\uFDEF', r&0xFFFE == 0xFFFE:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// fit cuts text to at most width points in the given font, ending it with
// an ellipsis when anything was cut.
func fit(text, font string, size, width float64) string {
	bold := font == fontBold
	if raster.MeasureText(text, fontRegular, bold, size) <= width && utf8.RuneCountInString(text) <= maxRunes {
		return text
	}
	rs := []rune(text)
	if len(rs) > maxRunes {
		rs = rs[:maxRunes]
	}
	ell := raster.MeasureText("…", fontRegular, bold, size)
	// Drop runes from the end until the rest and the ellipsis fit.
	for len(rs) > 0 && raster.MeasureText(string(rs), fontRegular, bold, size)+ell > width {
		rs = rs[:len(rs)-1]
	}
	// Do not leave a dangling space, joiner or combining mark before the
	// ellipsis.
	for len(rs) > 0 && (unicode.IsSpace(rs[len(rs)-1]) || unicode.Is(unicode.Cf, rs[len(rs)-1]) || unicode.Is(unicode.Mn, rs[len(rs)-1])) {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// DisplayName is a person's name as the map shows it: cleaned to one line
// of printable text (see the package documentation) and cut with an
// ellipsis when it is wider than about 24 letters. A name with nothing
// printable left shows as "?".
func DisplayName(name string) string {
	s := cleanText(name)
	if s == "" {
		return "?"
	}
	return fit(s, fontBold, nameSize, maxNameWidth)
}

// wrap breaks text into at most maxLines lines of at most width points,
// at spaces where it can; the last line ends in an ellipsis when text is
// left over.
func wrap(text string, size, width float64, maxLines int) []string {
	words := strings.Fields(cleanText(text))
	var lines []string
	cur := ""
	for i, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if raster.MeasureText(try, fontRegular, false, size) <= width || cur == "" {
			cur = try
			continue
		}
		lines = append(lines, cur)
		cur = w
		if len(lines) == maxLines-1 {
			// Last line: take the rest and cut it to fit.
			cur = strings.Join(words[i:], " ")
			break
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		lines[i] = fit(l, fontRegular, size, width)
	}
	return lines
}

// quote makes a DOT double-quoted string of a plain label: backslashes are
// doubled (Graphviz reads \N, \G, \n and \l inside labels as escapes, and
// \\ as one backslash), double quotes are escaped, and & becomes &amp;
// (Graphviz decodes HTML entities in plain labels too). lines are joined
// with Graphviz's centred line break \n; each must come from cleanText, so
// holds no raw newline.
func quote(lines ...string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, l := range lines {
		if i > 0 {
			b.WriteString(`\n`)
		}
		for _, r := range l {
			switch r {
			case '\\':
				b.WriteString(`\\`)
			case '"':
				b.WriteString(`\"`)
			case '&':
				b.WriteString("&amp;")
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// htmlText escapes text for a Graphviz HTML-like label: the XML specials become
// entities, and backslashes are doubled because Graphviz applies its \N-style
// escapes to HTML label text as well. text must come from cleanText.
func htmlText(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '\\':
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// relationWords are short names for the default questionnaire's
// relationship ids, to fit under a name. Other ids are shown with their
// underscores and hyphens as spaces.
var relationWords = map[string]string{
	"supervisor":       "manager",
	"board":            "board",
	"direct_report":    "direct report",
	"hr":               "HR",
	"peer":             "peer",
	"former_peer":      "former peer",
	"other_internal":   "colleague",
	"coach":            "coach",
	"therapist":        "therapist",
	"mentor":           "mentor",
	"peer_group":       "peer group",
	"former_colleague": "former colleague",
	"other_external":   "outside contact",
	"friend":           "friend",
	"family":           "family",
}

// relationText is the second line of a person's label; "?" for a blank
// relationship, because go-graphviz shows an empty label as the node's id.
func relationText(id string) string {
	if w, ok := relationWords[id]; ok {
		return w
	}
	s := cleanText(strings.NewReplacer("_", " ", "-", " ").Replace(id))
	if s == "" {
		return "?"
	}
	return fit(s, fontRegular, relationSize, maxNameWidth)
}
