package graph

import (
	"fmt"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// The fixtures are circles a real leader could have, built through the
// same path as a saved result (Check, then NewResult) so that strengths,
// scores and gaps are the real ones.

var fixtureTime = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

type pf = assess.Person

func per(name, rel string, ring assess.Ring, freq assess.Frequency, candour int, fns ...string) pf {
	if fns == nil {
		fns = []string{}
	}
	return pf{Name: name, Relationship: rel, Ring: ring, Frequency: freq, Candour: candour, Functions: fns}
}

const (
	in  = assess.Inner
	mid = assess.Middle
	out = assess.Outer
	wk  = assess.Weekly
	mo  = assess.Monthly
	qu  = assess.Quarterly
	ra  = assess.Rarely
)

// fixtures maps a fixture's name to its people. The golden files are named
// after them.
var fixtures = map[string][]pf{
	"people-0": nil,
	"people-1": {per("Dana Reyes", "supervisor", mid, wk, 2, "strategic_advice")},
	"people-5": {
		per("Dana Reyes", "supervisor", mid, wk, 2, "strategic_advice"),
		per("Priya Natarajan", "peer", mid, mo, 3, "honest_feedback", "thinking_partner"),
		was(per("Tom Becker", "direct_report", in, wk, 4, "thinking_partner", "sounding_board")),
		per("Zoë Müller", "family", in, wk, 5, "emotional_support", "life_outside_work"),
		per("Marcus Lindqvist", "coach", out, qu, 4, "honest_feedback"),
	},
	"people-15": {
		per("Dana Reyes", "supervisor", mid, wk, 2, "strategic_advice"),
		per("Olufemi Adeyemi", "board", out, qu, 2, "strategic_advice"),
		per("Sam Okafor", "direct_report", mid, wk, 3, "honest_feedback"),
		per("Leah Goldberg", "direct_report", out, mo, 3),
		per("Rachel Kim", "hr", out, mo, 2),
		per("Priya Natarajan", "peer", mid, mo, 3, "honest_feedback", "thinking_partner"),
		was(per("Tom Becker", "peer", in, wk, 4, "emotional_support")),
		per("Marcus Lindqvist", "coach", in, mo, 5, "thinking_partner", "sounding_board", "honest_feedback"),
		per("李明", "mentor", mid, qu, 4, "been_there", "strategic_advice"),
		per("María José Núñez", "peer_group", mid, mo, 4, "thinking_partner", "been_there"),
		per("Henrik Sørensen", "former_colleague", out, ra, 3, "strategic_advice"),
		per("Zoë Müller", "family", in, wk, 5, "emotional_support", "life_outside_work", "sounding_board"),
		per("Jonas Weber", "friend", mid, mo, 5, "life_outside_work", "emotional_support"),
		per("Aiko Tanaka", "friend", out, qu, 4, "life_outside_work"),
		per("Fatima Al-Sayed", "therapist", mid, mo, 5, "sounding_board", "emotional_support"),
	},
	"people-60": sixty(),
	// A former peer who now reports to the leader as the only confidant,
	// and a leader who feels alone and holds back: every rule of the
	// default questionnaire fires but no-confidant (there is one): five
	// gaps on the outside, three warnings beside Tom (one person hears it
	// all, once a peer, across a reporting line), no challenger, and two
	// feelings under the title. Tom almost counts for both outside gaps.
	"every-gap": {was(per("Tom Becker", "direct_report", mid, wk, 4, "thinking_partner", "sounding_board"))},
}

// agreeing are the fixtures whose leader agrees with every statement (4,
// reverse ones 2): isolation and filtering 75, so both open.
var agreeing = map[string]bool{"every-gap": true}

// was marks a person as once the leader's peer.
func was(p pf) pf {
	p.WasPeer = true
	return p
}

// fixtureNames lists the fixtures in a fixed order.
var fixtureNames = []string{"people-0", "people-1", "people-5", "people-15", "people-60", "every-gap"}

// sixty is a large circle: a leader of a big organization with a board, a
// wide team and a long list of outside ties. Every value comes from the
// index, so the fixture is the same on every run.
func sixty() []pf {
	first := []string{"Amara", "Ben", "Chiara", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ines", "Jakub",
		"Kwame", "Lucía", "Mateo", "Nadia", "Oskar", "Paulina", "Quentin", "Rosa", "Stefan", "Tanvi"}
	last := []string{"Abebe", "Brennan", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ivanova",
		"Jensen", "Kowalski", "Lefèvre", "Moreau", "Nakamura", "O'Brien", "Petrov", "Quinn", "Rossi", "Schmidt"}
	rels := []string{"supervisor", "board", "board", "direct_report", "direct_report", "direct_report", "hr", "peer",
		"peer", "peer", "other_internal", "coach", "mentor", "peer_group", "peer_group", "former_colleague",
		"other_external", "friend", "friend", "family"}
	rings := []assess.Ring{in, mid, mid, out, out}
	freqs := []assess.Frequency{wk, mo, mo, qu, ra}
	fns := []string{"thinking_partner", "sounding_board", "emotional_support", "strategic_advice", "honest_feedback", "been_there", "life_outside_work"}
	var people []pf
	for i := 0; i < 60; i++ {
		name := first[i%len(first)] + " " + last[(i*7)%len(last)]
		if i >= 20 {
			name = fmt.Sprintf("%s %s", first[(i*3)%len(first)], last[(i*5+3)%len(last)])
		}
		var f []string
		for j := 0; j < i%4; j++ {
			f = append(f, fns[(i+j*3)%len(fns)])
		}
		p := per(name, rels[i%len(rels)], rings[(i*3)%len(rings)], freqs[i%len(freqs)], 1+i%5, f...)
		// The second peer of every twenty was one before the promotion.
		p.WasPeer = i%len(rels) == 9
		people = append(people, p)
	}
	return dedupe(people)
}

// dedupe gives repeated names a middle initial, as a leader would.
func dedupe(people []pf) []pf {
	seen := map[string]int{}
	for i, p := range people {
		k := assess.NameKey(p.Name)
		if n := seen[k]; n > 0 {
			people[i].Name = fmt.Sprintf("%s %c.", p.Name, 'A'+n)
		}
		seen[k]++
	}
	return people
}

// result builds the saved result of a fixture, with every statement
// answered 3.
func result(t testing.TB, people []pf) *assess.Result { return resultAgreeing(t, people, false) }

// resultAgreeing builds a saved result; agree answers every statement 4
// (reverse ones 2) instead of 3.
func resultAgreeing(t testing.TB, people []pf, agree bool) *assess.Result {
	t.Helper()
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	a := &assess.Answers{People: people, Scales: map[string]int{}}
	for _, it := range q.Likert.Items {
		a.Scales[it.ID] = 3
		if agree {
			a.Scales[it.ID] = 4
			if it.Reverse {
				a.Scales[it.ID] = 2
			}
		}
	}
	if err := a.Check(q, "fixture", nil); err != nil {
		t.Fatal(err)
	}
	return assess.NewResult(q, a, fixtureTime)
}

func fixture(t testing.TB, name string) *assess.Result {
	t.Helper()
	people, ok := fixtures[name]
	if !ok {
		t.Fatalf("no fixture %q", name)
	}
	return resultAgreeing(t, append([]pf(nil), people...), agreeing[name])
}
