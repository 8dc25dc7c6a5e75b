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

// A plan step is in the leader's own words and may name someone; where
// those words leave the machine (a calendar), the names must not.
func TestRedactTextReplacesMentions(t *testing.T) {
	r := &Result{}
	for _, n := range []string{"Dana Reyes", "Sam Ortiz", "Jean-Luc Picard", "李明", "Sam Lee", "Ana Ng"} {
		r.People = append(r.People, ResultPerson{Name: n})
	}
	m := RedactNames(r)
	for _, tc := range []struct{ in, want string }{
		{"Ask Dana Reyes about the board", "Ask DR about the board"},
		{"ask dana  REYES, then Reyes again", "ask DR, then DR again"},
		{"Lunch with Sam (not Samantha) and Ortiz's team", "Lunch with SO (not Samantha) and SO's team"},
		{"Call Jean about Picard's offer", "Call JP about JP's offer"},
		{"找李明谈谈", "找李谈谈"},
		{"Danae and Dana-Reyes", "Danae and DR-DR"},
		{"Manage the agenda; ask Ana", "Manage the agenda; ask AN"},
		{"No one named here", "No one named here"},
		{"", ""},
	} {
		if got := RedactText(tc.in, m, r); got != tc.want {
			t.Errorf("RedactText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Someone of an earlier result, and someone m does not know.
	earlier := &Result{People: []ResultPerson{{Name: "Morgan Lee"}}}
	if got := RedactText("Thank Morgan", m, r, earlier); got != "Thank ?" {
		t.Errorf("a name m lacks: %q", got)
	}
}

// Ties and the pairs a finding is about name people: redacted, they name
// them in the same initials, so a redacted map or export still joins the
// same people, and no full name is left in them.
func TestRedactCoversTies(t *testing.T) {
	r := &Result{
		People: []ResultPerson{
			{Name: "Dana Reyes", Knows: []string{"Jo Mensah"}},
			{Name: "Jo Mensah", Knows: []string{"Dana Reyes"}},
			{Name: "Sam Lee"},
		},
		Findings: []Finding{{ID: "confidant-knows-power", People: []string{"Jo Mensah"}, Pairs: []Pair{{Name: "Jo Mensah", Knows: "Dana Reyes"}}}},
	}
	red := Redact(r)
	if got := red.People[0].Knows; len(got) != 1 || got[0] != "JM" {
		t.Errorf("Dana's ties redacted to %q, want [JM]", got)
	}
	if got := Ties(red.People); len(got) != 1 || got[0] != (Tie{A: "DR", B: "JM"}) {
		t.Errorf("the redacted ties are %v, want DR and JM", got)
	}
	if got := red.Findings[0].Pairs; len(got) != 1 || got[0] != (Pair{Name: "JM", Knows: "DR"}) {
		t.Errorf("the redacted pairs are %v, want JM knows DR", got)
	}
	if r.People[0].Knows[0] != "Jo Mensah" || r.Findings[0].Pairs[0].Knows != "Dana Reyes" {
		t.Error("Redact changed the result it was given")
	}
}
