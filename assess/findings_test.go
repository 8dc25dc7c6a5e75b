package assess

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// Who almost counts for outside-thinking-partner, whose filter is {system:
// [coaching, professional], candour_min: 4, frequency: [weekly, monthly],
// functions_any: [thinking_partner]} and whose almost keys are system,
// candour_min and frequency: everyone who passes functions_any (the one
// key not listed) and fails one or more of the listed keys, with the keys
// they fail in filter order (system, candour_min, frequency).
func TestAlmostPassesUnlistedKeysAndNamesMissedKeysInOrder(t *testing.T) {
	q := defaultQuestionnaire(t)
	a := &Answers{Scales: likert(q, 3, nil), People: []Person{
		// fails system only: family
		person("Tom", "family", Inner, Weekly, 5, "thinking_partner"),
		// fails candour (3) and frequency (quarterly), in that order
		person("Alan", "mentor", Middle, Quarterly, 3, "thinking_partner"),
		// fails all three listed keys: inside, careful, rarely
		person("Dev", "direct_report", Outer, Rarely, 2, "thinking_partner"),
		// passes every listed key but not functions_any (unlisted): not
		// almost, however close otherwise
		person("Kim", "coach", Inner, Weekly, 5, "sounding_board"),
		// fails functions_any and system: still not almost
		person("Sue", "peer", Inner, Weekly, 5, "honest_feedback"),
	}}
	var got []string
	for _, f := range Compute(q, a).Findings {
		if f.ID != "outside-thinking-partner" {
			continue
		}
		if len(f.People) != 0 {
			t.Errorf("people %q, want none: nobody matched", f.People)
		}
		for _, al := range f.Almost {
			got = append(got, al.Name+":"+strings.Join(al.Unmet, ","))
		}
	}
	want := "Tom:system Alan:candour_min,frequency Dev:system,candour_min,frequency"
	if strings.Join(got, " ") != want {
		t.Errorf("almost %q\nwant   %q", strings.Join(got, " "), want)
	}
}

// A rule that holds names who satisfies it, as a strength, and has no
// almost; one that names nobody because nobody matched still says who
// almost counted (an empty list, never nil) so a saved result says so.
func TestStrengthsAndAlmostWhenTheRuleHolds(t *testing.T) {
	q := defaultQuestionnaire(t)
	a := &Answers{Scales: likert(q, 3, nil), People: []Person{
		person("Kim", "coach", Inner, Monthly, 5, "thinking_partner", "sounding_board"),
		person("Ruth", "peer_group", Middle, Monthly, 4, "thinking_partner", "been_there"),
	}}
	o := Compute(q, a)
	got := map[string]string{}
	for _, s := range o.Strengths {
		got[s.ID] = strings.Join(s.People, ",")
		if !strings.Contains(s.Text, "{names}") {
			t.Errorf("strength %s: text %q has no {names} to fill", s.ID, s.Text)
		}
	}
	// Kim and Ruth both think out loud with the leader at a professional
	// distance, monthly, candour 4+; only Kim is a sounding board; Ruth has
	// been there; Kim is the inner ring.
	for id, want := range map[string]string{
		"outside-thinking-partner":    "Kim,Ruth",
		"confidential-sounding-board": "Kim",
		"been-there":                  "Ruth",
		"outside-inner-circle":        "Kim",
		"life-outside-work":           "", // holds for nobody: not a strength
	} {
		if got[id] != want {
			t.Errorf("strength %s: %q, want %q", id, got[id], want)
		}
	}
	for _, f := range o.Findings {
		if f.ID == "life-outside-work" && (f.Almost == nil || len(f.Almost) != 0) {
			t.Errorf("life-outside-work almost %#v, want an empty list", f.Almost)
		}
	}
}

// The three sources add up to 1 before rounding, whatever the circle, and
// are null only with no strength at all: nobody in the circle (the
// weakest tie, outer and rarely at candour 1 with nothing, is still 1/12).
func TestSourcesAddUpToOne(t *testing.T) {
	q := defaultQuestionnaire(t)
	rng := rand.New(rand.NewSource(7))
	for round := 0; round < 300; round++ {
		a := &Answers{Scales: likert(q, 3, nil)}
		for i := rng.Intn(12); i >= 0; i-- {
			rel := q.Relationships[rng.Intn(len(q.Relationships))]
			fns := []string{}
			for _, f := range q.Functions {
				if rng.Intn(3) == 0 {
					fns = append(fns, f.ID)
				}
			}
			a.People = append(a.People, Person{Name: fmt.Sprint("P", i), Relationship: rel.ID, Ring: Rings[rng.Intn(3)],
				Frequency: Frequencies[rng.Intn(4)], Candour: 1 + rng.Intn(5), Functions: fns})
		}
		o := Compute(q, a)
		sum := 0.0
		for _, n := range []string{ScoreSourcesInside, ScoreSourcesProfessional, ScoreSourcesPersonal} {
			v, _ := o.Scores.Get(n)
			if v == nil || *v < 0 || *v > 1 {
				t.Fatalf("round %d: %s = %v", round, n, v)
			}
			sum += *v
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Fatalf("round %d: sources add up to %.15f", round, sum)
		}
	}
	o := Compute(q, &Answers{Scales: likert(q, 3, nil)})
	for _, n := range []string{ScoreSourcesInside, ScoreSourcesProfessional, ScoreSourcesPersonal} {
		if v, ok := o.Scores.Get(n); !ok || v != nil {
			t.Errorf("nobody: %s = %v, want null", n, v)
		}
	}
	// The weakest tie there is: (1/3 + 0 + 0 + 0)/4.
	if s := TieStrength(person("W", "coach", Outer, Rarely, 1)); s != 1.0/12 {
		t.Errorf("the weakest tie is %v, want 1/12", s)
	}
}

// Professional coverage counts only people at a professional distance
// (outside, not family or friends) talked to more than rarely, and leaves
// life outside work out of the count; outside confidants are the
// confidants among them.
func TestProfessionalCoverageAndOutsideConfidants(t *testing.T) {
	q := defaultQuestionnaire(t)
	a := &Answers{Scales: likert(q, 3, nil), People: []Person{
		// a friend gives everything: counts for neither
		person("Ben", "friend", Inner, Weekly, 5, "thinking_partner", "sounding_board", "emotional_support", "honest_feedback", "been_there", "life_outside_work", "strategic_advice"),
		// a mentor seen once a year: counts for neither
		person("Jo", "mentor", Outer, Rarely, 5, "strategic_advice", "been_there", "thinking_partner"),
		// a former colleague seen quarterly, candour 4, sounding board:
		// covers sounding board and life outside work (not counted), and is
		// an outside confidant
		person("Ola", "former_colleague", Middle, Quarterly, 4, "sounding_board", "life_outside_work"),
		// a coach, monthly, candour 3: covers honest feedback, no confidant
		person("Kim", "coach", Middle, Monthly, 3, "honest_feedback", "thinking_partner"),
	}}
	o := Compute(q, a)
	// sounding_board (Ola), honest_feedback and thinking_partner (Kim): 3 of 6
	if v, _ := o.Scores.Get(ScoreProfessionalCoverage); v == nil || math.Abs(*v-0.5) > 1e-12 {
		t.Errorf("professional coverage %v, want 3/6", v)
	}
	if v, _ := o.Scores.Get(ScoreOutsideConfidants); v == nil || *v != 1 {
		t.Errorf("outside confidants %v, want 1 (Ola)", v)
	}
	// external coverage, for comparison, counts the friend: all 7 of 7
	if v, _ := o.Scores.Get(ScoreExternalCoverage); v == nil || *v != 1 {
		t.Errorf("external coverage %v, want 1", v)
	}
}
