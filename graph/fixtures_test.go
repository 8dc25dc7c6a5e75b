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
	"people-0":  nil,
	"people-1":  {per("Dana Reyes", "supervisor", mid, wk, 2, "strategic_advice")},
	"people-5":  people5(),
	"people-15": people15(),
	"people-60": sixty(),
	// A former peer who now reports to the leader as the only confidant,
	// and a leader who feels alone and holds back: every rule of the
	// default questionnaire fires but no-confidant (there is one): five
	// gaps on the outside, three warnings beside Tom (one person hears it
	// all, once a peer, across a reporting line), no challenger, and two
	// feelings under the title. Tom almost counts for both outside gaps.
	"every-gap": {was(per("Tom Becker", "direct_report", mid, wk, 4, "thinking_partner", "sounding_board"))},
	// The same circles with who knows whom, at a density a real circle
	// has: clusters (the people at work, the friends and family), not
	// everyone. In the 15 and the 60 the coach knows the manager, and a
	// finding is about that tie (see fixtureFindings).
	"ties-5": withTies(people5(),
		[2]string{"Dana Reyes", "Priya Natarajan"}, [2]string{"Dana Reyes", "Tom Becker"},
		[2]string{"Priya Natarajan", "Tom Becker"}, [2]string{"Marcus Lindqvist", "Dana Reyes"}),
	"ties-15": withTies(people15(),
		[2]string{"Dana Reyes", "Olufemi Adeyemi"}, [2]string{"Dana Reyes", "Sam Okafor"}, [2]string{"Dana Reyes", "Leah Goldberg"},
		[2]string{"Dana Reyes", "Rachel Kim"}, [2]string{"Dana Reyes", "Priya Natarajan"}, [2]string{"Dana Reyes", "Tom Becker"},
		[2]string{"Sam Okafor", "Leah Goldberg"}, [2]string{"Sam Okafor", "Tom Becker"}, [2]string{"Priya Natarajan", "Tom Becker"},
		[2]string{"Rachel Kim", "Sam Okafor"}, [2]string{"Zoë Müller", "Jonas Weber"}, [2]string{"Zoë Müller", "Aiko Tanaka"},
		[2]string{"Jonas Weber", "Aiko Tanaka"}, [2]string{"María José Núñez", "李明"}, [2]string{"Henrik Sørensen", "Tom Becker"},
		[2]string{"Marcus Lindqvist", "Dana Reyes"}),
	"ties-60": sixtyTies(),
}

// fixtureFindings are findings added by hand to a fixture's result when
// the questionnaire's rule does not open them itself: the map must draw
// what a finding says whichever rule made it.
var fixtureFindings = map[string][]assess.Finding{
	"ties-15": {knowsPower("Marcus Lindqvist", "Dana Reyes")},
	"ties-60": {knowsPower(sixty()[11].Name, sixty()[0].Name)},
}

// knowsPower is a warning that a confidant knows someone with power over
// the leader, about the tie between them.
func knowsPower(confidant, power string) assess.Finding {
	return assess.Finding{
		ID: "confidant-knows-power", Kind: assess.KindForbid, Title: "Your confidant knows someone with power over you", Severity: assess.SeverityWarning,
		Placeholder: assess.Placement{Side: assess.External, Ring: assess.Middle},
		People:      []string{confidant}, Pairs: []assess.Pair{{Name: confidant, Knows: power}},
	}
}

// withTies gives people the ties listed, each once; the loader joins them
// both ways.
func withTies(people []pf, pairs ...[2]string) []pf {
	for _, p := range pairs {
		for i := range people {
			if people[i].Name == p[0] {
				people[i].Knows = append(people[i].Knows, p[1])
			}
		}
	}
	return people
}

// people5 and people15 are two circles a real leader could have.
func people5() []pf {
	return []pf{
		per("Dana Reyes", "supervisor", mid, wk, 2, "strategic_advice"),
		per("Priya Natarajan", "peer", mid, mo, 3, "honest_feedback", "thinking_partner"),
		was(per("Tom Becker", "direct_report", in, wk, 4, "thinking_partner", "sounding_board")),
		per("Zoë Müller", "family", in, wk, 5, "emotional_support", "life_outside_work"),
		per("Marcus Lindqvist", "coach", out, qu, 4, "honest_feedback"),
	}
}

func people15() []pf {
	return []pf{
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
	}
}

// sixtyTies is the sixty-person circle with ties drawn from the index, the
// same on every run: people in the same world (work, the outside
// professionals, life outside work) know each other now and then, those
// with the same relationship (the board, the team, the friends) often,
// the manager knows the board and most of the team, and a few ties cross
// worlds. About 130 ties of the 1770 pairs.
func sixtyTies() []pf {
	people := sixty()
	world := func(i int) int {
		switch r := i % 20; {
		case r <= 10:
			return 0 // work
		case r <= 16:
			return 1 // outside, professional
		}
		return 2 // personal
	}
	for i := range people {
		for j := i + 1; j < len(people); j++ {
			h := (i*7919 + j*104729 + i*j*31) % 100
			chance := 2
			switch {
			case i%20 == 0 && j%20 <= 5:
				chance = 80 // the manager knows the board and the team
			case i%20 == j%20 || (i%20 >= 3 && i%20 <= 5 && j%20 >= 3 && j%20 <= 5):
				chance = 45
			case world(i) == world(j):
				chance = 10
			}
			if h < chance {
				people[i].Knows = append(people[i].Knows, people[j].Name)
			}
		}
	}
	return people
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
var fixtureNames = []string{"people-0", "people-1", "people-5", "people-15", "people-60", "every-gap", "ties-5", "ties-15", "ties-60"}

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
	for _, p := range people {
		a.TiesAsked = a.TiesAsked || p.Knows != nil
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
	r := resultAgreeing(t, append([]pf(nil), people...), agreeing[name])
	// Added only where the questionnaire's own rule did not find it: the
	// map draws the finding once, whichever made it.
	for _, f := range fixtureFindings[name] {
		if !r.OpenIn(f.ID) {
			r.Findings = append(r.Findings, f)
		}
	}
	return r
}
