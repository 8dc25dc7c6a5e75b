package assess

import "testing"

func TestRedactInitials(t *testing.T) {
	names := []string{"Dana Reyes", "Daniel Ruiz", "dana rossi", "María José Núñez", "Madonna", "李明", "Jean-Luc Picard", "🙂", "✨", "Dr2 Smith", "Diego Rivera"}
	// DR2 is skipped: it is a piece of "Dr2 Smith".
	want := []string{"DR", "DR3", "DR4", "MN", "M", "李", "JP", "?", "?2", "DS", "DR5"}
	r := &Result{Reflection: "Talked to Dana about it."}
	for _, n := range names {
		r.People = append(r.People, ResultPerson{Name: n, Functions: []string{"thinking_partner"}})
	}
	red := Redact(r)
	for i := range names {
		if got := red.People[i].Name; got != want[i] {
			t.Errorf("Redact(%q) = %q, want %q", names[i], got, want[i])
		}
	}
	if red.Reflection != "" {
		t.Errorf("the reflection %q survived", red.Reflection)
	}
	if r.People[0].Name != "Dana Reyes" || r.Reflection == "" {
		t.Error("Redact changed the result it was given")
	}
	red.People[0].Functions[0] = "x"
	if r.People[0].Functions[0] != "thinking_partner" {
		t.Error("the redacted copy shares memory with the original")
	}
}
