package assess

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Every number below is worked out by hand in the comment beside it, from
// DESIGN.md's formulas. Tie strength s is the mean of ring (inner 1, middle
// 2/3, outer 1/3), frequency (weekly 1, monthly 2/3, quarterly 1/3, rarely
// 0), candour (c-1)/4 and functions min(n,4)/4. The default questionnaire
// (version 3, as version 2) defines K = 14 relationship types and 7 functions, so the
// IQV divisor is 1 - 1/14 = 13/14, and professional coverage counts the 6
// functions other than life_outside_work.

func defaultQuestionnaire(t testing.TB) *Questionnaire {
	t.Helper()
	q, err := LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// likert builds scale answers: every item answered v, except overrides.
func likert(q *Questionnaire, v int, overrides map[string]int) map[string]int {
	m := map[string]int{}
	for _, it := range q.Likert.Items {
		m[it.ID] = v
	}
	for k, x := range overrides {
		m[k] = x
	}
	return m
}

func person(name, rel string, ring Ring, freq Frequency, candour int, fns ...string) Person {
	return Person{Name: name, Relationship: rel, Ring: ring, Frequency: freq, Candour: candour, Functions: fns}
}

func f64(v float64) *float64 { return &v }

type circleCase struct {
	name        string
	people      []Person
	scales      map[string]int // nil: every item answered 3
	calibration *float64
	want        map[string]*float64 // nil value: the score is null
	network     string
	gaps        []string
}

func TestScoringHandWorkedCircles(t *testing.T) {
	q := defaultQuestionnaire(t)
	cases := []circleCase{
		{
			name:        "nobody",
			calibration: f64(50),
			want: map[string]*float64{
				// Σs = 0: the three sources are null
				"sources.inside": nil, "sources.outside_professional": nil, "sources.personal": nil,
				"professional_coverage": f64(0), // 0 of 6
				"outside_confidants":    f64(0),
				"balance":               nil, // Σs = 0
				"concentration":         nil, // Σs = 0
				"external_coverage":     f64(0),
				"diversity":             f64(0), // no people
				"calibration_gap":       nil,    // no measured share without people
				// every item 3, reverse ones 6-3 = 3; mean 3; (3-1)/4×100 = 50
				"isolation": f64(50),
				"filtering": f64(50),
			},
			network: "",
			// every require rule fires (no-challenger among them); no
			// confidant is a count of 0; forbid has no one to match; 50 is
			// below both score bounds
			gaps: []string{"outside-thinking-partner", "confidential-sounding-board", "been-there", "life-outside-work", "outside-inner-circle", "no-confidant", "no-challenger"},
		},
		{
			name: "all inside",
			people: []Person{
				// (2/3 + 1 + 1/4 + 1/4)/4 = 13/24 = 26/48
				person("Dana Reyes", "supervisor", Middle, Weekly, 2, "strategic_advice"),
				// (2/3 + 1 + 2/4 + 1/4)/4 = 29/48
				person("Priya Nair", "direct_report", Middle, Weekly, 3, "honest_feedback"),
				// (1/3 + 2/3 + 2/4 + 1/4)/4 = 7/16 = 21/48
				person("Lee Chen", "peer", Outer, Monthly, 3, "sounding_board"),
			},
			scales: likert(q, 3, map[string]int{
				// isolation: 5, 4, reverse 2→4, 4, reverse 1→5, 5: sum 27, mean 4.5
				"fewer-open-conversations": 5, "decide-alone": 4, "someone-to-call": 2,
				"unseen-demands": 4, "understood-outside": 1, "on-my-own": 5,
				// filtering: 5, 5, reverse 3→3, 4, reverse 2→4, 3: sum 24, mean 4
				"careful-words": 5, "hide-doubts": 5, "say-what-i-think": 3,
				"rehearsed-self": 4, "admit-mistakes": 2, "hear-what-i-want": 3,
			}),
			calibration: f64(20),
			want: map[string]*float64{
				// everyone is inside: 76/76, and nothing from outside
				"sources.inside": f64(1), "sources.outside_professional": f64(0), "sources.personal": f64(0),
				"professional_coverage": f64(0), // nobody outside
				"outside_confidants":    f64(0),
				// Σs = 26/48 + 29/48 + 21/48 = 76/48; (0 - 76/48)/(76/48) = -1
				"balance":           f64(-1),
				"external_coverage": f64(0), // nobody outside
				// (26² + 29² + 21²)/76² = (676 + 841 + 441)/5776 = 1958/5776
				"concentration": f64(1958.0 / 5776),
				// three types, a third each: Σp² = 1/3; (2/3)/(13/14) = 28/39
				"diversity": f64(28.0 / 39),
				// predicted 20, measured 0% outside: 20 - 0
				"calibration_gap": f64(20),
				"isolation":       f64(87.5), // (4.5-1)/4×100
				"filtering":       f64(75),   // (4-1)/4×100
			},
			// one system (current_org); mean s = (76/48)/3 = 0.528 < 0.6
			network: NetworkReceptive,
			// nobody outside, nobody who has been there, no personal tie; no
			// one at candour 4+ (no confidant); the only honest feedback is
			// from a direct report (power under: no challenger); isolation
			// 87.5 ≥ 60 and filtering 75 ≥ 65
			gaps: []string{"outside-thinking-partner", "confidential-sounding-board", "been-there", "life-outside-work", "outside-inner-circle", "no-confidant", "no-challenger", "role-feels-lonely", "filtering-everywhere"},
		},
		{
			name: "all outside",
			people: []Person{
				// (1 + 2/3 + 4/4 + 2/4)/4 = 19/24
				person("Kim Park", "coach", Inner, Monthly, 5, "thinking_partner", "sounding_board"),
				// (2/3 + 1/3 + 3/4 + 3/4)/4 = 15/24
				person("Ana Silva", "mentor", Middle, Quarterly, 4, "been_there", "strategic_advice", "honest_feedback"),
				// five functions count as four: (1 + 1 + 1 + 1)/4 = 24/24
				person("Ben Okafor", "friend", Inner, Weekly, 5, "emotional_support", "life_outside_work", "thinking_partner", "sounding_board", "honest_feedback"),
			},
			// every item 1: non-reverse 1, reverse 6-1 = 5; isolation and
			// filtering each have 4 non-reverse and 2 reverse items:
			// (4×1 + 2×5)/6 = 14/6; (14/6 - 1)/4×100 = 100/3
			scales:      likert(q, 1, nil),
			calibration: f64(100),
			want: map[string]*float64{
				// Σs = 58/24; personal Ben 24/58 = 12/29; Kim and Ana 34/58
				"sources.inside": f64(0), "sources.outside_professional": f64(17.0 / 29), "sources.personal": f64(12.0 / 29),
				// at a professional distance, more than rarely: Kim (thinking
				// partner, sounding board), Ana (been there, strategic advice,
				// honest feedback); emotional support only from Ben: 5/6
				"professional_coverage": f64(5.0 / 6),
				// Kim: coaching, candour 5, thinking partner, monthly. Ana
				// serves neither thinking partner nor sounding board.
				"outside_confidants": f64(1),
				"balance":            f64(1),
				"external_coverage":  f64(1), // all 7 functions served by someone outside
				// (19² + 15² + 24²)/58² = (361 + 225 + 576)/3364
				"concentration":   f64(1162.0 / 3364),
				"diversity":       f64(28.0 / 39), // three types, a third each
				"calibration_gap": f64(0),         // 100 - 100
				"isolation":       f64(100.0 / 3),
				"filtering":       f64(100.0 / 3),
			},
			// coaching, professional, personal: range 3; mean s = (58/24)/3 = 0.806
			network: NetworkEntrepreneurial,
			// Kim is the outside thinking partner and sounding board, in the
			// inner ring; Ana has been there and tells the truth; Ben is
			// close, weekly; two confidants (Kim, Ben)
			gaps: nil,
		},
		{
			name: "balanced",
			people: []Person{
				// (1 + 1 + 2/4 + 2/4)/4 = 0.75
				person("Dana Reyes", "supervisor", Inner, Weekly, 3, "strategic_advice", "honest_feedback"),
				// (1 + 1 + 2/4 + 2/4)/4 = 0.75
				person("Mo Haddad", "peer_group", Inner, Weekly, 3, "been_there", "thinking_partner"),
			},
			calibration: f64(30),
			want: map[string]*float64{
				"sources.inside": f64(0.5), "sources.outside_professional": f64(0.5), "sources.personal": f64(0),
				// Mo, weekly: been there, thinking partner: 2/6
				"professional_coverage": f64(1.0 / 3),
				"outside_confidants":    f64(0),       // Mo is at candour 3
				"balance":               f64(0),       // (0.75 - 0.75)/1.5
				"external_coverage":     f64(2.0 / 7), // been_there and thinking_partner
				"concentration":         f64(0.5),     // 0.5² + 0.5²
				// two types, a half each: (1 - 0.5)/(13/14) = 7/13
				"diversity":       f64(7.0 / 13),
				"calibration_gap": f64(-20), // predicted 30, measured 50
				"isolation":       f64(50),
				"filtering":       f64(50),
			},
			// current_org and professional: range 2; mean s 0.75 ≥ 0.6
			network: NetworkTraditional,
			// Mo thinks out loud with the leader but at candour 3, below 4;
			// no sounding board, no personal tie; nobody at candour 4+. Mo
			// has been there and sits in the inner ring; Dana challenges.
			gaps: []string{"outside-thinking-partner", "confidential-sounding-board", "life-outside-work", "no-confidant"},
		},
		{
			name: "one person",
			people: []Person{
				// (2/3 + 2/3 + 4/4 + 2/4)/4 = 17/24
				person("Alex Moreau", "therapist", Middle, Monthly, 5, "sounding_board", "emotional_support"),
			},
			want: map[string]*float64{
				"sources.inside": f64(0), "sources.outside_professional": f64(1), "sources.personal": f64(0),
				"professional_coverage": f64(1.0 / 3), // sounding board, emotional support: 2/6
				"outside_confidants":    f64(1),       // coaching, candour 5, sounding board, monthly
				"balance":               f64(1),
				"external_coverage":     f64(2.0 / 7),
				"concentration":         f64(1), // one person holds every share
				"diversity":             f64(0), // one type: Σp² = 1
				"calibration_gap":       nil,    // no prediction given
				"isolation":             f64(50),
				"filtering":             f64(50),
			},
			// one system (coaching); mean s = 17/24 = 0.708 ≥ 0.6
			network: NetworkTraditional,
			// gaps first, in questionnaire order, then the warnings: one
			// confidant; nobody gives honest feedback
			gaps: []string{"outside-thinking-partner", "been-there", "life-outside-work", "outside-inner-circle", "single-point-of-support", "no-challenger"},
		},
		{
			name: "former peer as thinking partner",
			people: []Person{
				// (1 + 1 + 3/4 + 2/4)/4 = 39/48
				{Name: "Sam Ortiz", Relationship: "other_internal", WasPeer: true, Ring: Inner, Frequency: Weekly, Candour: 4, Functions: []string{"thinking_partner", "sounding_board"}},
				// (1/3 + 1/3 + 3/4 + 1/4)/4 = 20/48
				person("Jo Mensah", "mentor", Outer, Quarterly, 4, "been_there"),
				// (1 + 1 + 4/4 + 2/4)/4 = 42/48
				person("Chris Lee", "family", Inner, Weekly, 5, "life_outside_work", "emotional_support"),
			},
			calibration: f64(70),
			want: map[string]*float64{
				// Σs = 101/48: inside Sam 39, professional Jo 20, personal Chris 42
				"sources.inside": f64(39.0 / 101), "sources.outside_professional": f64(20.0 / 101), "sources.personal": f64(42.0 / 101),
				"professional_coverage": f64(1.0 / 6), // Jo, quarterly: been there
				"outside_confidants":    f64(0),       // Jo serves neither thinking partner nor sounding board
				// outside 62/48, inside 39/48: (62 - 39)/101
				"balance":           f64(23.0 / 101),
				"external_coverage": f64(3.0 / 7), // been_there, life_outside_work, emotional_support
				// (39² + 20² + 42²)/101² = (1521 + 400 + 1764)/10201
				"concentration": f64(3685.0 / 10201),
				"diversity":     f64(28.0 / 39), // three types, a third each
				// measured 62/101×100 = 61.386; 70 - 61.386
				"calibration_gap": f64(70 - 6200.0/101),
				"isolation":       f64(50),
				"filtering":       f64(50),
			},
			// current_org, professional, personal; mean s = (101/48)/3 = 0.701
			network: NetworkEntrepreneurial,
			// Sam is inside: no outside thinking partner or sounding board;
			// Sam is the one confidant (candour 4, weekly), and was a peer;
			// nobody gives honest feedback
			gaps: []string{"outside-thinking-partner", "confidential-sounding-board", "single-point-of-support", "former-peer-reliance", "no-challenger"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := &Answers{People: tc.people, Scales: tc.scales, Calibration: tc.calibration}
			if a.Scales == nil {
				a.Scales = likert(q, 3, nil)
			}
			if err := a.Check(q, "test", nil); err != nil {
				t.Fatalf("answers rejected: %v", err)
			}
			o := Compute(q, a)
			for name, want := range tc.want {
				got, ok := o.Scores.Get(name)
				if !ok {
					t.Errorf("%s: missing", name)
					continue
				}
				switch {
				case want == nil && got != nil:
					t.Errorf("%s = %v, want null", name, *got)
				case want != nil && got == nil:
					t.Errorf("%s = null, want %v", name, *want)
				case want != nil && math.Abs(*got-*want) > 1e-9:
					t.Errorf("%s = %v, want %v", name, *got, *want)
				}
			}
			// These answers never say who knows whom: the four tie
			// measures are null, not zero (see tie_measures_test.go).
			for _, name := range TieScores {
				if got, ok := o.Scores.Get(name); !ok || got != nil {
					t.Errorf("%s = %v (present: %v), want null", name, got, ok)
				}
			}
			if len(o.Scores) != len(tc.want)+len(TieScores) {
				t.Errorf("got %d scores, want %d and the %d tie measures", len(o.Scores), len(tc.want), len(TieScores))
			}
			if o.NetworkType != tc.network {
				t.Errorf("network type = %q, want %q", o.NetworkType, tc.network)
			}
			var ids []string
			for _, g := range o.Findings {
				ids = append(ids, g.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tc.gaps, ",") {
				t.Errorf("gaps = %v\nwant   %v", ids, tc.gaps)
			}
		})
	}
}

func TestStrength(t *testing.T) {
	for _, tc := range []struct {
		p    Person
		want float64
	}{
		// the strongest tie: (1 + 1 + 1 + 1)/4
		{person("a", "coach", Inner, Weekly, 5, "a", "b", "c", "d"), 1},
		// the weakest: (1/3 + 0 + 0 + 0)/4
		{person("b", "coach", Outer, Rarely, 1), 1.0 / 12},
		// (2/3 + 1/3 + 2/4 + 1/4)/4 = 1.75/4
		{person("c", "coach", Middle, Quarterly, 3, "a"), 0.4375},
	} {
		if got := TieStrength(tc.p); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Strength(%s) = %v, want %v", tc.p.Name, got, tc.want)
		}
	}
}

// A custom questionnaire exercises what the default one does not: a
// min_count above 1, a score rule with a lower bound, filters on
// frequency and power, and a warning defined before a gap.
// customQuestionnaire is testdata/custom-questionnaire.yaml, which the
// hostile-input table uses too.
var customQuestionnaire = func() string {
	data, err := os.ReadFile(filepath.Join("testdata", "custom-questionnaire.yaml"))
	if err != nil {
		panic(err)
	}
	return string(data)
}()

// TestRuleKinds runs every rule kind and every bound of the custom
// questionnaire. Its one statement gives isolation (a-1)/4×100: 50 for an
// answer of 3, 75 for 4; its one function gives external coverage 1 when
// a pal talks, else 0. Rules, in order: too-isolated (warning, isolation
// above 50, strict), two-weekly-pals (gap, require 2 weekly pals; almost:
// frequency), boss-confidant (warning, forbid power over/under at candour
// 4+), low-coverage (gap, external_coverage below 0.5), very-isolated
// (warning, isolation at least 75, inclusive, with at least 1 person),
// no-coverage (gap, external_coverage at most 0, inclusive), few-pals
// (warning, count 1 to 2 pals).
func TestRuleKinds(t *testing.T) {
	q, err := ParseQuestionnaire("custom.yaml", []byte(customQuestionnaire))
	if err != nil {
		t.Fatal(err)
	}
	pal := func(name string, f Frequency, fns ...string) Person { return person(name, "pal", Inner, f, 3, fns...) }
	boss := func(c int) Person { return person("B", "boss", Inner, Weekly, c) }
	for _, tc := range []struct {
		name   string
		alone  int
		people []Person
		// want lists the findings in rank order, each with the people it
		// names in brackets and who almost counted after a slash.
		want string
		// strengths: the require rules that hold, with their people.
		strengths string
	}{
		// isolation 75 > 50; 0 weekly pals < 2; coverage 0 < 0.5 and ≤ 0;
		// 75 ≥ 75 but nobody in the circle (min_people 1); 0 pals is not
		// 1 to 2. Gaps first, though a warning is defined before them.
		{"nobody", 4, nil, "two-weekly-pals[]/,low-coverage[],no-coverage[],too-isolated[]", ""},
		// isolation 50 is not above 50 (strict); 1 weekly pal < 2, and P,
		// who matched, is named; coverage 1; 1 pal is 1 to 2.
		{"one pal", 3, []Person{pal("P", Weekly, "talk")}, "two-weekly-pals[P]/,few-pals[P]", ""},
		// Q is a pal seen monthly: passes relationship, misses frequency,
		// which almost lists: almost, with frequency unmet.
		{"monthly pal", 3, []Person{pal("P", Weekly, "talk"), pal("Q", Monthly)}, "two-weekly-pals[P]/Q:frequency,few-pals[P Q]", ""},
		// two weekly pals: the require rule holds, a strength; 2 pals is
		// within 1 to 2.
		{"two pals", 3, []Person{pal("P", Weekly, "talk"), pal("Q", Weekly)}, "few-pals[P Q]", "two-weekly-pals[P Q]"},
		// three pals is above the count's max: nothing open.
		{"three pals", 3, []Person{pal("P", Weekly, "talk"), pal("Q", Weekly), pal("R", Rarely)}, "", "two-weekly-pals[P Q]"},
		// the boss at candour 4 has power over the leader: named; at 3 not.
		{"candid boss", 3, []Person{pal("P", Weekly, "talk"), pal("Q", Weekly), pal("R", Weekly), boss(4)}, "boss-confidant[B]", "two-weekly-pals[P Q R]"},
		{"guarded boss", 3, []Person{pal("P", Weekly, "talk"), pal("Q", Weekly), pal("R", Weekly), boss(3)}, "", "two-weekly-pals[P Q R]"},
		// isolation 75: above 50, and at least 75 (inclusive) with one
		// person in the circle.
		{"very alone", 4, []Person{pal("P", Weekly, "talk")}, "two-weekly-pals[P]/,too-isolated[],very-isolated[],few-pals[P]", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &Answers{People: tc.people, Scales: map[string]int{"alone": tc.alone}}
			if err := a.Check(q, "test", nil); err != nil {
				t.Fatal(err)
			}
			o := Compute(q, a)
			var got []string
			for _, f := range o.Findings {
				s := fmt.Sprintf("%s%v", f.ID, f.People)
				if f.Kind == KindRequire {
					var almost []string
					for _, al := range f.Almost {
						almost = append(almost, al.Name+":"+strings.Join(al.Unmet, "+"))
					}
					s += "/" + strings.Join(almost, " ")
				}
				if f.Kind != KindRequire && f.Almost != nil {
					t.Errorf("%s is a %s rule and has almost: %v", f.ID, f.Kind, f.Almost)
				}
				got = append(got, s)
			}
			if g := strings.Join(got, ","); g != tc.want {
				t.Errorf("findings = %q\nwant       %q", g, tc.want)
			}
			var strengths []string
			for _, s := range o.Strengths {
				if len(s.People) > 0 {
					strengths = append(strengths, fmt.Sprintf("%s%v", s.ID, s.People))
				}
			}
			if g := strings.Join(strengths, ","); g != tc.strengths {
				t.Errorf("strengths = %q, want %q", g, tc.strengths)
			}
		})
	}
}

// The words of an almost: the lead, then what each unmet key misses, for
// the person's own answer or else "other".
func TestAlmostText(t *testing.T) {
	q, err := ParseQuestionnaire("custom.yaml", []byte(customQuestionnaire))
	if err != nil {
		t.Fatal(err)
	}
	a := &Answers{People: []Person{person("Q", "pal", Inner, Monthly, 3), person("R", "pal", Inner, Rarely, 3)}, Scales: map[string]int{"alone": 3}}
	o := Compute(q, a)
	var texts []string
	for _, f := range o.Findings {
		for _, al := range f.Almost {
			texts = append(texts, al.Text)
		}
	}
	want := []string{"{name} is a pal, but you see them only monthly.", "{name} is a pal, but you rarely see them."}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("almost texts %q, want %q", texts, want)
	}
}

func TestNewResultRoundsToThreeDecimals(t *testing.T) {
	q := defaultQuestionnaire(t)
	a := &Answers{
		People: []Person{
			// 39/48 = 0.8125 and 20/48 = 0.41666… → 0.417
			person("Sam", "other_internal", Inner, Weekly, 4, "thinking_partner", "sounding_board"),
			person("Jo", "mentor", Outer, Quarterly, 4, "been_there"),
		},
		Scales: likert(q, 3, nil),
	}
	r := NewResult(q, a, mustTime(t, "2026-09-30T10:00:00Z"))
	if r.People[1].Strength != 0.417 {
		t.Errorf("strength = %v, want 0.417", r.People[1].Strength)
	}
	// balance (20 - 39)/59 = -0.32203… → -0.322
	if b := r.Score(ScoreBalance); b == nil || *b != -0.322 {
		t.Errorf("balance = %v, want -0.322", b)
	}
	if r.ID != "2026-09-30T100000Z" {
		t.Errorf("id = %q, want 2026-09-30T100000Z", r.ID)
	}
}

func TestBalanceWords(t *testing.T) {
	for _, tc := range []struct {
		b    *float64
		want string
	}{
		{nil, "no one named yet"},
		{f64(-1), "leans inside"},
		{f64(-0.33), "leans inside"}, // the bound belongs to "leans"
		{f64(-0.329), "balanced"},
		{f64(0.329), "balanced"},
		{f64(0.33), "leans outside"},
	} {
		if got := BalanceWords(tc.b); got != tc.want {
			t.Errorf("BalanceWords(%v) = %q, want %q", tc.b, got, tc.want)
		}
	}
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
