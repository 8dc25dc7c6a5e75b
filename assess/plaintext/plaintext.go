// Package plaintext says which characters circle never shows as they are:
// the one definition behind refusing them in names and questionnaires,
// stripping them from terminal output, escaping them in error messages and
// dropping them from map labels.
package plaintext

import (
	"strings"
	"unicode/utf8"
)

// IsControl reports a rune that can steer a terminal or change how the text
// around it reads: C0 and C1 control characters (ESC among them) and DEL,
// the line and paragraph separators, and the direction controls (see
// IsDirectionControl).
func IsControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || IsDirectionControl(r)
}

// IsDirectionControl reports the bidi embeddings, overrides and isolates
// (U+202A–202E, U+2066–2069), which can make a name display as something
// else.
func IsDirectionControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// HasControl reports whether s holds any rune IsControl reports.
func HasControl(s string) bool {
	for _, r := range s {
		if IsControl(r) {
			return true
		}
	}
	return false
}

// Strip returns s with every rune IsControl reports removed, and any bytes
// that are not UTF-8 dropped: text from a file name or a hand-edited file,
// made safe to show anywhere.
func Strip(s string) string {
	if utf8.ValidString(s) && !HasControl(s) {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "") {
		if !IsControl(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ShellQuote quotes s for a POSIX shell when it needs it, so that a
// command in a message can be pasted as it is.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+~", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
