package view

import (
	"strings"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// tied is a result of the default questionnaire whose people are given as
// "Name:Knows,Knows", asked who knows whom.
func tied(t *testing.T, specs ...string) *assess.Result {
	t.Helper()
	q := assess.Current(assess.DefaultQuestionnaire)
	a := &assess.Answers{Scales: map[string]int{}, TiesAsked: true}
	for _, it := range q.Likert.Items {
		a.Scales[it.ID] = 3
	}
	for _, s := range specs {
		name, knows, _ := strings.Cut(s, ":")
		p := assess.Person{Name: name, Relationship: "peer", Ring: assess.Middle, Frequency: assess.Monthly, Candour: 3, Functions: []string{}}
		if knows != "" {
			p.Knows = strings.Split(knows, ",")
		}
		a.People = append(a.People, p)
	}
	return assess.NewResult(q, a, time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC))
}

// Each measure of who knows whom has a sentence that says what it means
// for this circle, in the summary's numbers.
func TestTieMeasuresInWords(t *testing.T) {
	words := func(r *assess.Result) map[string]string {
		m := map[string]string{}
		for _, s := range New(r).Scores {
			m[s.Name] = s.Value + " " + s.Words
		}
		return m
	}
	// A star of four: nobody knows anybody.
	star := words(tied(t, "A", "B", "C", "D"))
	// A triangle plus one: efficiency 2.5/4 = 0.625, constraint 7/12.
	tri := words(tied(t, "A:B,C", "B:C", "C", "D"))
	// A complete circle of five: efficiency 1/5, density 1.
	all := words(tied(t, "A:B,C,D,E", "B:C,D,E", "C:D,E", "D:E", "E"))
	// A path of four, A–B–C–D: constraint 370/576 = 0.642, 2.57 times 1/4.
	path := words(tied(t, "A:B", "B:C", "C:D", "D"))
	// Six people, one tie A–B: constraint 2 · (1/6 + 1/6 · 1/2)² + 4 ·
	// (1/6)² = 1/8 + 1/9 = 0.236, 1.42 times 1/6.
	one := words(tied(t, "A:B", "B", "C", "D", "E", "F"))
	for _, c := range []struct{ got, want string }{
		{path[assess.ScoreConstraint], "0.64 high for a circle of 4: much of what you hear runs through people who know each other"},
		{one[assess.ScoreConstraint], "0.24 a little above the lowest a circle of 6 allows (0.17): few of your people know each other"},
		{one[assess.ScoreEfficiency], "0.94 your people mostly do not know each other: each brings a world of their own"},
		{star[assess.ScoreEfficiency], "1.00 your people do not know each other: each brings a world of their own"},
		{star[assess.ScoreEffectiveSize], "4.00 all 4 of your people are separate contacts: none knows another"},
		{star[assess.ScoreConstraint], "0.25 as low as a circle of 4 allows: none of your people knows another"},
		{star[assess.ScoreTieDensity], "0.00 0 of the 6 pairs of your people know each other"},
		// 0.625 shows as 0.63, half up as a reader rounds it.
		{tri[assess.ScoreEfficiency], "0.63 some of your people know each other: a few worlds, partly overlapping"},
		{tri[assess.ScoreEffectiveSize], "2.50 of 4 people: the rest overlap, because some of them know each other"},
		// 7/12 is 2.33 times the 1/4 of four people who do not know each
		// other.
		{tri[assess.ScoreConstraint], "0.58 well above the lowest a circle of 4 allows (0.25): what you hear often runs through people who know each other"},
		{all[assess.ScoreConstraint], "0.65 as high as a circle of 5 can be: everyone in it knows everyone else"},
		{tri[assess.ScoreTieDensity], "0.50 3 of the 6 pairs of your people know each other"},
		{all[assess.ScoreEfficiency], "0.20 everyone in your circle knows everyone else: one closely knit world"},
		{all[assess.ScoreTieDensity], "1.00 10 of the 10 pairs of your people know each other"},
	} {
		if c.got != c.want {
			t.Errorf("got  %q\nwant %q", c.got, c.want)
		}
	}
	// Never asked: no number, no words.
	r := tied(t, "A", "B")
	r.TiesAsked = false
	for _, name := range assess.TieScores {
		for i := range r.Scores {
			if r.Scores[i].Name == name {
				r.Scores[i].Value = nil
			}
		}
	}
	if w := words(r); w[assess.ScoreEfficiency] != "" || w[assess.ScoreConstraint] != "" {
		t.Errorf("never asked, yet shown: %q", w)
	}
}

// The measures of who knows whom are shown rounded half up, as a reader
// rounds them, and a change is the difference of the values shown: an
// efficiency of 0.625 → 0.375 is 0.63 → 0.38, a change of −0.25 (Go's
// half-even would show 0.62 → 0.38 and −0.24).
func TestTieMeasuresRoundHalfUp(t *testing.T) {
	d := Lookup(assess.ScoreEfficiency, nil)
	from, to := 0.625, 0.375
	if got := d.Value(&from) + " " + d.Value(&to) + " " + d.Delta(&from, &to); got != "0.63 0.38 −0.25 ↓" {
		t.Errorf("got %q", got)
	}
	for _, c := range []struct {
		v    float64
		want float64
	}{{0.145, 0.15}, {0.144, 0.14}, {2.5, 2.5}, {0.735, 0.74}, {1.125, 1.13}} {
		if got := halfUp(c.v, 2); got != c.want {
			t.Errorf("halfUp(%v, 2) = %v, want %v", c.v, got, c.want)
		}
	}
}
