package view

import (
	"strings"
	"time"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
)

// Note is what the leader wrote to their future self when they took a
// result (its reflection), with the result and its time, so that it is
// never shown without its date. It is the user's own text: the text of a
// redacted result has none (assess.Redact leaves the reflection out).
type Note struct {
	Result  string    `json:"result" yaml:"result"`
	TakenAt time.Time `json:"taken_at" yaml:"taken_at"`
	// Text keeps the line breaks the leader wrote; every other control
	// character is left out.
	Text string `json:"text" yaml:"text"`
}

// NoteOf is r's note; nil when r has none, or r is nil.
func NoteOf(r *assess.Result) *Note {
	if r == nil {
		return nil
	}
	lines := strings.Split(r.Reflection, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(plaintext.Strip(l))
	}
	text := strings.TrimSpace(strings.Join(lines, "\n"))
	if text == "" {
		return nil
	}
	return &Note{Result: r.ID, TakenAt: r.TakenAt, Text: text}
}

// Notes are the notes of results, in the order given, leaving out those
// that have none; never nil.
func Notes(rs ...*assess.Result) []Note {
	out := []Note{}
	for _, r := range rs {
		if n := NoteOf(r); n != nil {
			out = append(out, *n)
		}
	}
	return out
}

// Date is the day the note was written, in the local time zone.
func (n Note) Date(layout string) string { return n.TakenAt.Local().Format(layout) }
