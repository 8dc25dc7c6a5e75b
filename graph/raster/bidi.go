package raster

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
)

// visualOrder puts one line of text in the order its glyphs are drawn, left
// to right. An SVG viewer does this itself; the text pass has to, or a
// Hebrew or Arabic name would come out backwards.
//
// It is the part of the Unicode bidirectional algorithm a one-line label
// needs: runs of strong right-to-left letters (with the neutrals between
// them) are reversed, and in a line that starts right-to-left the order of
// the runs is reversed too, keeping left-to-right runs (Latin, digits)
// readable. Arabic letters are not joined into their contextual forms;
// they show in their isolated forms.
func visualOrder(s string) string {
	if !hasRTL(s) {
		return s
	}
	runes := []rune(s)
	// dir: +1 strong left-to-right, -1 strong right-to-left, 0 neutral.
	dir := make([]int, len(runes))
	para := 0
	for i, r := range runes {
		dir[i] = strength(r)
		if para == 0 {
			para = dir[i]
		}
	}
	// A neutral takes the direction of the strong letters on both sides
	// when they agree, otherwise the line's direction.
	for i := 0; i < len(runes); {
		if dir[i] != 0 {
			i++
			continue
		}
		j := i
		for j < len(runes) && dir[j] == 0 {
			j++
		}
		before, after := para, para
		if i > 0 {
			before = dir[i-1]
		}
		if j < len(runes) {
			after = dir[j]
		}
		d := para
		if before == after {
			d = before
		}
		for k := i; k < j; k++ {
			dir[k] = d
		}
		i = j
	}
	type run struct {
		rs  []rune
		rtl bool
	}
	var runs []run
	for i := 0; i < len(runes); {
		j := i
		for j < len(runes) && dir[j] == dir[i] {
			j++
		}
		seg := append([]rune(nil), runes[i:j]...)
		if dir[i] < 0 {
			for a, b := 0, len(seg)-1; a < b; a, b = a+1, b-1 {
				seg[a], seg[b] = seg[b], seg[a]
			}
			for k, r := range seg {
				seg[k] = mirror(r)
			}
		}
		runs = append(runs, run{seg, dir[i] < 0})
		i = j
	}
	if para < 0 {
		for a, b := 0, len(runs)-1; a < b; a, b = a+1, b-1 {
			runs[a], runs[b] = runs[b], runs[a]
		}
	}
	out := make([]rune, 0, len(runes))
	for _, r := range runs {
		out = append(out, r.rs...)
	}
	return string(out)
}

func hasRTL(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x0590 && strength(r) < 0 {
			return true
		}
		i += n
	}
	return false
}

// strength classifies a rune as strong left-to-right (+1), strong
// right-to-left (-1) or neither (0). Digits count as left-to-right: they
// are written that way inside right-to-left text as well.
func strength(r rune) int {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.L, bidi.EN, bidi.AN:
		return 1
	case bidi.R, bidi.AL:
		return -1
	}
	return 0
}

// mirror swaps brackets drawn inside right-to-left runs.
func mirror(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	}
	return r
}
