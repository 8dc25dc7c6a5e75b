// Package prose shapes the sentences circle prints: the case of a first
// letter, in any script, and lines broken between words, never inside one.
package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// UpperFirst upper-cases the first letter of s, whatever its script and
// however many bytes it takes ("élan" → "Élan"); the rest is unchanged.
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToTitle(r)) + s[n:]
}

// LowerFirst lower-cases the first letter of a label that will sit inside
// a sentence ("Your manager" → "your manager"), unless the label starts
// with an acronym: "HR partner" stays "HR partner", never "hR partner".
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// Wrap breaks s into lines of at most width characters, each starting with
// indent, breaking only between words; a word longer than a whole line
// (a long path) is the one thing split. Line breaks in s are kept.
func Wrap(s string, width int, indent string) string {
	avail := width - utf8.RuneCountInString(indent)
	if avail < 20 {
		avail = 20
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			for utf8.RuneCountInString(w) > avail {
				if line != "" {
					lines = append(lines, line)
					line = ""
				}
				r := []rune(w)
				lines = append(lines, string(r[:avail]))
				w = string(r[avail:])
			}
			switch {
			case line == "":
				line = w
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= avail:
				line += " " + w
			default:
				lines = append(lines, line)
				line = w
			}
		}
		lines = append(lines, line)
	}
	for i, l := range lines {
		if l != "" {
			lines[i] = indent + l
		}
	}
	return strings.Join(lines, "\n")
}

// WrapList writes lead then items joined by sep, broken into lines of at
// most width characters only between items, never inside one (a name
// stays whole); lines after the first start with indent.
func WrapList(lead string, items []string, sep string, width int, indent string) string {
	var lines []string
	line := lead
	for i, it := range items {
		piece := it
		if i < len(items)-1 {
			piece += strings.TrimRight(sep, " ")
		}
		switch {
		case line == "" || line == indent:
			line += piece
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(piece) <= width:
			line += " " + piece
		default:
			lines = append(lines, line)
			line = indent + piece
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// Truncate shortens s to at most width characters, ending in "…" when
// anything was cut, so that one option of a list stays on one line.
func Truncate(s string, width int) string {
	if width < 2 || utf8.RuneCountInString(s) <= width {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:width-1]), " ") + "…"
}
