package view

import (
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// A note is shown with its day, keeps the lines the leader wrote, never
// carries an escape sequence to a terminal, and is gone after --redact.
func TestNotesKeepTheirDateAndLinesOnly(t *testing.T) {
	taken := time.Date(2026, 9, 30, 9, 30, 0, 0, time.UTC)
	r := &assess.Result{ID: "2026-09-30T093000Z", TakenAt: taken,
		Reflection: "  Ask Sam to lunch.\x1b[2J\n\nNext quarter:\u202e a peer group.\t\n"}
	n := NoteOf(r)
	if n == nil {
		t.Fatal("no note")
	}
	if want := "Ask Sam to lunch.[2J\n\nNext quarter: a peer group."; n.Text != want {
		t.Errorf("text %q, want %q", n.Text, want)
	}
	if n.Result != r.ID || !n.TakenAt.Equal(taken) {
		t.Errorf("note of %s at %v, want %s at %v", n.Result, n.TakenAt, r.ID, taken)
	}
	blank := &assess.Result{ID: "2026-06-30T093000Z", Reflection: " \n\t"}
	if got := Notes(blank, assess.Redact(r), nil, r); len(got) != 1 || got[0].Result != r.ID {
		t.Errorf("Notes = %+v, want only %s's", got, r.ID)
	}
	if got := Notes(); got == nil {
		t.Error("Notes() is nil; JSON would say null, not []")
	}
}
