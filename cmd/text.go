package cmd

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/assess/prose"
)

// sanitize removes control characters (escape sequences among them) from
// text that came from a user or a file before it reaches a terminal, so that
// a name cannot move the cursor, change colours or retitle the window.
// Newlines and tabs are kept.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r != '\n' && r != '\t' && isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteRune(r)
		case isControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// oneLine is sanitize that also folds newlines, for names in lists.
func oneLine(s string) string {
	return strings.Join(strings.Fields(sanitize(s)), " ")
}

// isControl is plaintext.IsControl, plus the replacement character that
// stands for invalid UTF-8 (terminals differ in what they make of it).
func isControl(r rune) bool {
	return plaintext.IsControl(r) || r == utf8.RuneError
}

// colorScheme wraps text in ANSI colours, or leaves it alone when colour is
// off (NO_COLOR, a pipe, CLICOLOR=0).
type colorScheme struct{ on bool }

func (c colorScheme) wrap(code, s string) string {
	if !c.on || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (c colorScheme) bold(s string) string    { return c.wrap("1", s) }
func (c colorScheme) dim(s string) string     { return c.wrap("2", s) }
func (c colorScheme) red(s string) string     { return c.wrap("31", s) }
func (c colorScheme) yellow(s string) string  { return c.wrap("33", s) }
func (c colorScheme) green(s string) string   { return c.wrap("32", s) }
func (c colorScheme) blue(s string) string    { return c.wrap("34", s) }
func (c colorScheme) magenta(s string) string { return c.wrap("35", s) }

// textWidth is the width prose is wrapped at: the terminal's, but no wider
// than is comfortable to read.
func textWidth(w int) int {
	if w > 96 {
		return 96
	}
	if w < 40 {
		return 40
	}
	return w
}

// prosePrinter wraps what is written to it between words at the text
// width, one write at a time: for paragraphs said to the leader on the
// terminal (each Fprintln a paragraph).
type prosePrinter struct {
	w     io.Writer
	width int
}

func (p *prosePrinter) Write(b []byte) (int, error) {
	s := strings.TrimSuffix(string(b), "\n")
	wrapped := prose.Wrap(s, textWidth(p.width), "")
	if strings.HasSuffix(string(b), "\n") {
		wrapped += "\n"
	}
	if _, err := io.WriteString(p.w, wrapped); err != nil {
		return 0, err
	}
	return len(b), nil
}

// hanging wraps a line at the text width, indented two, continued at four.
func hanging(s string, width int) string {
	text := prose.Wrap(s, textWidth(width), "    ")
	return "  " + strings.TrimPrefix(text, "    ")
}
