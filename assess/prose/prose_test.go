package prose

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFirstLetterInAnyScript(t *testing.T) {
	for in, want := range map[string]string{
		"élan":         "Élan",
		"ørsted board": "Ørsted board",
		"ǆungla":       "ǅungla", // a digraph takes its title case, not its upper case
		"network":      "Network",
		"":             "",
		"1 person":     "1 person",
		"σύμβουλος":    "Σύμβουλος",
	} {
		if got := UpperFirst(in); got != want {
			t.Errorf("UpperFirst(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"HR partner":   "HR partner", // once printed as "hR partner"
		"Your manager": "your manager",
		"Élodie's":     "élodie's",
		"CEO":          "CEO",
		"A":            "a",
	} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWrapBreaksOnlyBetweenWords(t *testing.T) {
	s := "Tick anyone already named (space), then Enter. New names come next, and you can move on."
	for _, width := range []int{30, 40, 80} {
		got := Wrap(s, width, "  ")
		for _, line := range strings.Split(got, "\n") {
			if n := utf8.RuneCountInString(line); n > width {
				t.Errorf("width %d: line %q is %d wide", width, line, n)
			}
		}
		if strings.Join(strings.Fields(got), " ") != s {
			t.Errorf("width %d: words changed: %q", width, got)
		}
	}
	if got := Truncate("How unfiltered can you be", 10); got != "How unfil…" {
		t.Errorf("Truncate = %q, want 10 characters ending in …", got)
	}
	if got := Truncate("Short", 10); got != "Short" {
		t.Errorf("Truncate cut a short text: %q", got)
	}
}

// A list of pairs of names breaks between pairs, never inside a name.
func TestWrapListKeepsItemsWhole(t *testing.T) {
	items := []string{"Dana Reyes – Priya Shah", "Dana Reyes – Sam Ortiz", "Priya Shah – Tom Castillo"}
	got := WrapList("Who knows whom:", items, "; ", 40, "  ")
	for _, line := range strings.Split(got, "\n") {
		if n := utf8.RuneCountInString(line); n > 40 {
			t.Errorf("line %q is %d wide", line, n)
		}
	}
	for _, it := range items {
		if !strings.Contains(got, it) {
			t.Errorf("%q was broken: %q", it, got)
		}
	}
}
