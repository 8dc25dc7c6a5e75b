package assess

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// The four tie measures on hand-worked networks. The leader is at the
// centre of every network, tied to each of the n people; t ties join the
// people among themselves. With p = 1/n the leader's share of attention
// on each person and deg(q) = 1 + the ties q has among the people:
//
//	effective size  n − 2t/n                      (Borgatti 1997)
//	efficiency      effective size / n
//	constraint      Σ_j (p + Σ_{q knows j} p · 1/deg(q))²   (Burt 1992)
//	tie density     t / (n(n−1)/2)
//
// The networkx figures beside each case are what networkx 3.6.1 gives
// for the leader's node (nx.effective_size, nx.constraint, and
// nx.density of the people's subgraph), on the same graph: they were run,
// and agree with the arithmetic to the last digit shown.
func TestTieMeasuresHandWorked(t *testing.T) {
	cases := []struct {
		name   string
		people []Person
		// effective size, efficiency, constraint, tie density; NaN: null.
		want [4]float64
	}{
		{
			// Nobody: every measure is undefined (networkx: nan, nan).
			name: "nobody", people: nil,
			want: [4]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()},
		},
		{
			// One person, n = 1, t = 0.
			//   effective size 1 − 0 = 1; efficiency 1/1 = 1
			//   constraint (1/1)² = 1
			//   density: no pair, null
			// networkx: effective_size 1.0, constraint 1.0.
			name: "one person", people: circleOf("A"),
			want: [4]float64{1, 1, 1, math.NaN()},
		},
		{
			// A star of four: nobody knows anybody. n = 4, t = 0.
			//   effective size 4 − 0 = 4; efficiency 4/4 = 1
			//   constraint 4 · (1/4)² = 1/4 = 0.25 (1/n: as low as four allows)
			//   density 0 / 6 = 0
			// networkx: effective_size 4.0, constraint 0.25, density 0.
			name: "star of four", people: circleOf("A", "B", "C", "D"),
			want: [4]float64{4, 1, 0.25, 0},
		},
		{
			// A triangle plus one: A, B and C know each other, D knows
			// nobody. n = 4, t = 3; deg(A) = deg(B) = deg(C) = 1 + 2 = 3.
			//   effective size 4 − 6/4 = 2.5; efficiency 2.5/4 = 0.625
			//   constraint, A (and B, C alike): 1/4 + 2 · (1/4 · 1/3)
			//     = 1/4 + 1/6 = 5/12, squared 25/144; D: (1/4)² = 9/144
			//     3 · 25/144 + 9/144 = 84/144 = 7/12 = 0.58333…
			//   density 3 / 6 = 0.5
			// networkx: effective_size 2.5, constraint 0.5833333333333333,
			// density 0.5.
			name: "triangle plus one", people: circleOf("A:B,C", "B:C", "C", "D"),
			want: [4]float64{2.5, 0.625, 7.0 / 12, 0.5},
		},
		{
			// A path of four, A–B–C–D: the same n and t as the triangle
			// plus one, so the same effective size, but another
			// constraint. deg(A) = deg(D) = 2, deg(B) = deg(C) = 3.
			//   effective size 4 − 6/4 = 2.5; efficiency 0.625
			//   constraint, A: 1/4 + 1/4 · 1/3 = 1/3, squared 1/9 = 64/576
			//     B: 1/4 + 1/4 · 1/2 (via A) + 1/4 · 1/3 (via C) = 11/24,
			//     squared 121/576; C as B, D as A
			//     (64 + 121 + 121 + 64)/576 = 370/576 = 0.642361…
			//   density 3 / 6 = 0.5
			// networkx: effective_size 2.5, constraint 0.6423611111111112.
			name: "path of four", people: circleOf("A:B", "B:C", "C:D", "D"),
			want: [4]float64{2.5, 0.625, 370.0 / 576, 0.5},
		},
		{
			// A complete circle of five: everyone knows everyone. n = 5,
			// t = 10; every deg = 1 + 4 = 5.
			//   effective size 5 − 20/5 = 1; efficiency 1/5 = 0.2
			//   constraint, each: 1/5 + 4 · (1/5 · 1/5) = 9/25, squared
			//     81/625; 5 · 81/625 = 405/625 = 0.648
			//   density 10 / 10 = 1
			// networkx: effective_size 1.0, constraint 0.6480000000000001,
			// density 1.0.
			name: "complete circle of five", people: circleOf("A:B,C,D,E", "B:C,D,E", "C:D,E", "D:E", "E"),
			want: [4]float64{1, 0.2, 0.648, 1},
		},
		{
			// Two people who know each other: the most constraint there is.
			// n = 2, t = 1, deg = 2: each 1/2 + 1/2 · 1/2 = 3/4, squared
			// 9/16; twice, 9/8 = 1.125. Effective size 2 − 2/2 = 1.
			// networkx: effective_size 1.0, constraint 1.125.
			name: "a pair", people: circleOf("A:B", "B"),
			want: [4]float64{1, 0.5, MaxConstraint, 1},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := MeasureTies(JoinTies(c.people))
			got := [4]*float64{m.EffectiveSize, m.Efficiency, m.Constraint, m.Density}
			for i, name := range TieScores {
				want := c.want[i]
				switch {
				case math.IsNaN(want) && got[i] != nil:
					t.Errorf("%s = %v, want null", name, *got[i])
				case !math.IsNaN(want) && got[i] == nil:
					t.Errorf("%s is null, want %v", name, want)
				case got[i] != nil && math.Abs(*got[i]-want) > 1e-12:
					t.Errorf("%s = %v, want %v", name, *got[i], want)
				}
			}
		})
	}
}

// circleOf builds people from "Name:Knows,Knows": each tie written once,
// from one end, as an answers file may give it.
func circleOf(specs ...string) []Person {
	var out []Person
	for _, s := range specs {
		name, knows, _ := strings.Cut(s, ":")
		p := person(name, "peer", Middle, Monthly, 3)
		if knows != "" {
			p.Knows = strings.Split(knows, ",")
		}
		out = append(out, p)
	}
	return out
}

// A circle whose ties were never asked has null measures, not zeros; one
// where everyone said "nobody" (knows: []) is a star, with numbers.
func TestTieMeasuresNullUnlessAsked(t *testing.T) {
	q := defaultQuestionnaire(t)
	a := &Answers{People: circleOf("A", "B", "C"), Scales: likert(q, 3, nil)}
	r := NewResult(q, a, time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC))
	for _, name := range TieScores {
		if v, ok := r.Scores.Get(name); !ok || v != nil {
			t.Errorf("never asked: %s = %v (present %v), want null", name, v, ok)
		}
	}
	a.TiesAsked = true
	r = NewResult(q, a, time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC))
	// n = 3, t = 0: effective size 3, efficiency 1, constraint 3 · (1/3)²
	// = 1/3 → 0.333 at 3 decimals, density 0.
	var got []string
	for _, name := range TieScores {
		got = append(got, fmt.Sprint(name, "=", *r.Score(name)))
	}
	if fmt.Sprint(got) != "[effective_size=3 efficiency=1 constraint=0.333 tie_density=0]" {
		t.Errorf("asked, nobody knows anybody: %v", got)
	}
}
