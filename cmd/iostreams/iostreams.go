// Package iostreams carries the standard streams of a command together with
// what is known about them: whether they are terminals, whether colour is
// wanted, how wide the terminal is. Tests build one over buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"
	"strconv"

	"golang.org/x/term"
)

// IOStreams is the input and output of one run of circle.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	inTTY, outTTY, errTTY bool
	color                 bool
	width                 int
}

// fdOf returns the file descriptor behind a stream, if it has one.
func fdOf(v any) (uintptr, bool) {
	if f, ok := v.(interface{ Fd() uintptr }); ok {
		return f.Fd(), true
	}
	return 0, false
}

func isTerminal(v any) bool {
	fd, ok := fdOf(v)
	return ok && term.IsTerminal(int(fd))
}

// System returns the process's own streams, with colour decided by the
// environment: NO_COLOR turns it off, CLICOLOR=0 turns it off,
// CLICOLOR_FORCE (not 0) turns it on even when not a terminal; otherwise it
// is on for a terminal that is not "dumb".
func System(getenv func(string) string) *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	s.inTTY, s.outTTY, s.errTTY = isTerminal(os.Stdin), isTerminal(os.Stdout), isTerminal(os.Stderr)
	s.color = ColorWanted(getenv, s.outTTY)
	s.width = 80
	if s.outTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
			s.width = w
		}
	} else if c, err := strconv.Atoi(getenv("COLUMNS")); err == nil && c > 20 {
		s.width = c
	}
	return s
}

// ColorWanted applies the NO_COLOR / CLICOLOR / CLICOLOR_FORCE conventions.
func ColorWanted(getenv func(string) string, tty bool) bool {
	if getenv("NO_COLOR") != "" {
		return false
	}
	if f := getenv("CLICOLOR_FORCE"); f != "" && f != "0" {
		return true
	}
	if getenv("CLICOLOR") == "0" || getenv("TERM") == "dumb" {
		return false
	}
	return tty
}

// Test returns streams over buffers: stdin, stdout and stderr.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, width: 80}, in, out, errOut
}

// SetTTY marks the streams as terminals or not, for tests.
func (s *IOStreams) SetTTY(in, out bool) { s.inTTY, s.outTTY, s.errTTY = in, out, out }

// SetColor turns colour on or off, for tests.
func (s *IOStreams) SetColor(on bool) { s.color = on }

// CanPrompt is true only when both stdin and stdout are terminals: a prompt
// nobody can see or answer must never be shown.
func (s *IOStreams) CanPrompt() bool { return s.inTTY && s.outTTY }

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.outTTY }

// IsStderrTTY reports whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.errTTY }

// ColorEnabled reports whether output may carry colour escape sequences.
func (s *IOStreams) ColorEnabled() bool { return s.color }

// Width is the terminal width in columns, 80 when unknown.
func (s *IOStreams) Width() int {
	if s.width <= 0 {
		return 80
	}
	return s.width
}
