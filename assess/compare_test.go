package assess

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// A gap open now whose rule the earlier questionnaire did not have is not
// "opened": nothing was compared. Likewise, the other way round, a gap
// whose rule is gone is not "closed".
func TestCompareAcrossQuestionnaireVersions(t *testing.T) {
	at := time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)
	from := &Result{ID: "a", TakenAt: at, Questionnaire: QuestionnaireRef{ID: "q", Version: 1},
		RulesChecked: []string{"old-rule", "shared"},
		Findings:     []Finding{{ID: "old-rule", Title: "Old", Severity: SeverityGap}}}
	to := &Result{ID: "b", TakenAt: at.AddDate(0, 3, 0), Questionnaire: QuestionnaireRef{ID: "q", Version: 2},
		RulesChecked: []string{"shared", "new-rule"},
		Findings:     []Finding{{ID: "new-rule", Title: "New", Severity: SeverityGap}, {ID: "shared", Title: "Shared", Severity: SeverityGap}}}
	c := Compare(from, to)
	ids := func(gs []Finding) string {
		var s []string
		for _, g := range gs {
			s = append(s, g.ID)
		}
		return strings.Join(s, ",")
	}
	if got := ids(c.GapsOpened); got != "shared" {
		t.Errorf("opened = %q, want shared (checked both times, open only now)", got)
	}
	if got := ids(c.GapsClosed); got != "" {
		t.Errorf("closed = %q, want none", got)
	}
	if ids(c.GapsNew) != "new-rule" || ids(c.GapsUnchecked) != "old-rule" {
		t.Errorf("not compared: new %q, unchecked %q", ids(c.GapsNew), ids(c.GapsUnchecked))
	}
	notes := strings.Join(c.Notes, "\n")
	if !strings.Contains(notes, `"New" is open now; the earlier questionnaire did not check it.`) ||
		!strings.Contains(notes, `"Old" was open the first time`) {
		t.Errorf("the notes do not say what was not compared:\n%s", notes)
	}
}

// Every answer about a person who is in both results is compared, and a
// change is reported with its old and new value: a former peer whose
// candour fell and who stopped being a thinking partner and sounding
// board is more than a move between rings.
func TestComparePeopleChanged(t *testing.T) {
	at := time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)
	from := &Result{ID: "a", TakenAt: at, People: []ResultPerson{
		{Name: "Priya Shah", Relationship: "other_internal", WasPeer: true, Ring: Middle, Frequency: Weekly, Candour: 4,
			Functions: []string{"thinking_partner", "sounding_board", "honest_feedback"}},
		{Name: "Dana Reyes", Relationship: "supervisor", Ring: Middle, Frequency: Monthly, Candour: 2, Functions: []string{"strategic_advice", "honest_feedback"}},
		{Name: "Tom Hale", Relationship: "peer", WasPeer: true, Ring: Inner, Frequency: Weekly, Candour: 3},
		{Name: "Alex Kim", Relationship: "friend", Ring: Inner, Frequency: Weekly, Candour: 5},
	}}
	to := &Result{ID: "b", TakenAt: at.AddDate(0, 3, 0), People: []ResultPerson{
		// The same functions in another order are no change.
		{Name: "dana  reyes", Relationship: "supervisor", Ring: Middle, Frequency: Monthly, Candour: 2, Functions: []string{"honest_feedback", "strategic_advice"}},
		{Name: "Priya Shah", Relationship: "other_internal", WasPeer: true, Ring: Outer, Frequency: Weekly, Candour: 2,
			Functions: []string{"honest_feedback", "emotional_support"}},
		{Name: "Tom Hale", Relationship: "former_colleague", Ring: Inner, Frequency: Monthly, Candour: 3},
		{Name: "Kim Park", Relationship: "coach", Ring: Inner, Frequency: Monthly, Candour: 5},
	}}
	c := Compare(from, to)
	if len(c.Changed) != 2 || c.Changed[0].Name != "Priya Shah" || c.Changed[1].Name != "Tom Hale" {
		t.Fatalf("changed = %+v, want Priya Shah then Tom Hale (the later result's order; Dana did not change)", c.Changed)
	}
	got := func(pc PersonChange) string {
		var s []string
		for _, ch := range pc.Changes {
			s = append(s, fmt.Sprintf("%s %v→%v +%v -%v", ch.Field, ch.From, ch.To, ch.Added, ch.Removed))
		}
		return strings.Join(s, "; ")
	}
	want := "ring middle→outer +[] -[]; candour 4→2 +[] -[]; " +
		"functions [thinking_partner sounding_board honest_feedback]→[honest_feedback emotional_support] +[emotional_support] -[thinking_partner sounding_board]"
	if g := got(c.Changed[0]); g != want {
		t.Errorf("Priya:\n got %s\nwant %s", g, want)
	}
	want = "relationship peer→former_colleague +[] -[]; was_peer true→false +[] -[]; frequency weekly→monthly +[] -[]"
	if g := got(c.Changed[1]); g != want {
		t.Errorf("Tom:\n got %s\nwant %s", g, want)
	}

	// A = {Priya, Dana, Tom, Alex}, B = {Dana, Priya, Tom, Kim}: A∩B = 3,
	// A∪B = 5, A−B = {Alex}, B−A = {Kim}.
	//   stability 3/4 = 0.75; turnover (1 + 1)/5 = 0.4; Jaccard 3/5 = 0.6
	if *c.Stability != 0.75 || *c.Turnover != 0.4 || *c.Jaccard != 0.6 {
		t.Errorf("stability %v, turnover %v, jaccard %v; want 0.75, 0.4, 0.6", *c.Stability, *c.Turnover, *c.Jaccard)
	}
}

// Stability, turnover and Jaccard on the edges: an empty earlier circle
// has no stability; two empty circles have none of the three. Thirds are
// rounded to 3 decimals like scores.
func TestCompareOverlapEdges(t *testing.T) {
	p := func(names ...string) []ResultPerson {
		var out []ResultPerson
		for _, n := range names {
			out = append(out, ResultPerson{Name: n})
		}
		return out
	}
	show := func(v *float64) string {
		if v == nil {
			return "null"
		}
		return fmt.Sprint(*v)
	}
	for _, c := range []struct {
		from, to []ResultPerson
		want     string
	}{
		{nil, nil, "null null null"},
		// A empty, B = {X}: |A∪B| = 1, nobody stayed: turnover 1/1, Jaccard 0/1.
		{nil, p("X"), "null 1 0"},
		// A = {X}, B empty: stability 0/1; turnover 1/1; Jaccard 0.
		{p("X"), nil, "0 1 0"},
		// A = {X, Y, Z}, B = {x, Y}: A∩B = 2, A∪B = 3: stability 2/3 =
		// 0.667, turnover 1/3 = 0.333, Jaccard 2/3 = 0.667.
		{p("X", "Y", "Z"), p("x", "Y"), "0.667 0.333 0.667"},
	} {
		s, tu, j := overlap(c.from, c.to)
		if got := show(s) + " " + show(tu) + " " + show(j); got != c.want {
			t.Errorf("overlap(%v, %v) = %s, want %s", c.from, c.to, got, c.want)
		}
	}
}

// Ties gained and lost are matched by name, whichever way round and in
// whatever spelling of case and spaces, and said only when both results
// were asked who knows whom.
func TestCompareTiesGainedAndLost(t *testing.T) {
	q := defaultQuestionnaire(t)
	at := time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)
	before := NewResult(q, &Answers{People: circleOf("A:B", "B:C", "C", "D"), Scales: likert(q, 3, nil), TiesAsked: true}, at)
	// B and A still know each other (said from B's side, in other case),
	// B and C no longer; C and D now do; D and E too (E is new); C–D
	// is in the later circle's order.
	after := NewResult(q, &Answers{People: circleOf("b:a", "a", "D:c,E", "C", "E"), Scales: likert(q, 3, nil), TiesAsked: true}, at.AddDate(0, 3, 0))
	c := Compare(before, after)
	if !c.TiesCompared || fmt.Sprint(c.TiesGained) != "[{D C} {D E}]" || fmt.Sprint(c.TiesLost) != "[{B C}]" {
		t.Errorf("compared %v, gained %v, lost %v", c.TiesCompared, c.TiesGained, c.TiesLost)
	}
	unasked := *before
	unasked.TiesAsked = false
	if c := Compare(&unasked, after); c.TiesCompared || c.TiesGained != nil || c.TiesLost != nil {
		t.Errorf("one side never asked, yet compared: %v %v", c.TiesGained, c.TiesLost)
	}
}
