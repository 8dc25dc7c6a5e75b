package assess

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

var quarter = time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)

// finding returns the open finding id of r, or nil.
func finding(r *Result, id string) *Finding {
	for i := range r.Findings {
		if r.Findings[i].ID == id {
			return &r.Findings[i]
		}
	}
	return nil
}

// confidantCircle is Jo Mensah, a coach confided in every month (candour
// 5, sounding board: a confidant at a professional distance), who knows
// Dana Reyes, the leader's manager, and Priya Shah, who reports to the
// leader; Alex Kim, a mentor confided in too, knows nobody here.
func confidantCircle(q *Questionnaire) *Answers {
	jo := person("Jo Mensah", "coach", Inner, Monthly, 5, "sounding_board")
	jo.Knows = []string{"Dana Reyes", "Priya Shah"}
	alex := person("Alex Kim", "mentor", Middle, Quarterly, 4, "thinking_partner")
	alex.Knows = []string{}
	return &Answers{People: []Person{
		person("Dana Reyes", "supervisor", Middle, Weekly, 2, "strategic_advice"),
		jo,
		person("Priya Shah", "direct_report", Inner, Weekly, 4),
		alex,
	}, Scales: likert(q, 3, nil), TiesAsked: true}
}

// confidant-knows-power names the confidant at a professional distance who
// knows someone with power over the leader, and the tie: Jo knows Dana
// (power over), not Priya (under); Alex, a confidant too, knows nobody.
// The pair's text says what each is to the leader; the names wait for
// when it is shown.
func TestConfidantKnowsPower(t *testing.T) {
	q := defaultQuestionnaire(t)
	a := confidantCircle(q)
	r := NewResult(q, a, quarter)
	f := finding(r, "confidant-knows-power")
	if f == nil {
		t.Fatalf("confidant-knows-power not open: %v", r.Findings)
	}
	if f.Kind != KindKnows || f.Severity != SeverityWarning || fmt.Sprint(f.People) != "[Jo Mensah]" {
		t.Errorf("finding %s %s names %v, want a knows warning naming Jo Mensah", f.Kind, f.Severity, f.People)
	}
	want := Pair{Name: "Jo Mensah", Knows: "Dana Reyes", Text: "{name}, your coach, knows {knows}, your manager."}
	if len(f.Pairs) != 1 || f.Pairs[0] != want {
		t.Errorf("pairs %+v, want %+v", f.Pairs, want)
	}
	if strings.Contains(f.Title+f.Advice+f.Pairs[0].Text, "Jo") {
		t.Error("a finding's words hold a name")
	}

	// The tie asked from Dana's side only is the same tie.
	b := confidantCircle(q)
	b.People[1].Knows = []string{"Priya Shah"}
	b.People[0].Knows = []string{"Jo Mensah"}
	if f := finding(NewResult(q, b, quarter), "confidant-knows-power"); f == nil || len(f.Pairs) != 1 || f.Pairs[0].Name != "Jo Mensah" {
		t.Errorf("from Dana's side: %+v", f)
	}
	// Jo seen once a year is no confidant: nothing open.
	b.People[1].Frequency = Rarely
	if f := finding(NewResult(q, b, quarter), "confidant-knows-power"); f != nil {
		t.Errorf("a confidant seen rarely is named: %+v", f)
	}
	// Never asked who knows whom: the same knows lists mean nothing, and
	// nothing opens.
	a.TiesAsked = false
	for i := range a.People {
		a.People[i].Knows = nil
	}
	if f := finding(NewResult(q, a, quarter), "confidant-knows-power"); f != nil {
		t.Errorf("ties never asked, yet %+v", f)
	}
}

// closed-circle opens when efficiency is below 0.5 with at least four
// people. Efficiency is (n − 2t/n)/n:
//   - four who all know each other: (4 − 12/4)/4 = 1/4 → open
//   - a triangle plus one: (4 − 6/4)/4 = 0.625 → not
//   - three who all know each other: (3 − 6/3)/3 = 1/3 < 0.5, but only
//     three people (min_people 4) → not
//   - four with a path of three ties, A–B–C–D: 0.625 → not; with five ties
//     (all but C–D): (4 − 10/4)/4 = 0.375 → open
func TestClosedCircle(t *testing.T) {
	q := defaultQuestionnaire(t)
	for _, c := range []struct {
		people []Person
		open   bool
	}{
		{circleOf("A:B,C,D", "B:C,D", "C:D", "D"), true},
		{circleOf("A:B,C", "B:C", "C", "D"), false},
		{circleOf("A:B,C", "B:C", "C"), false},
		{circleOf("A:B", "B:C", "C:D", "D"), false},
		{circleOf("A:B,C,D", "B:C,D", "C", "D"), true},
	} {
		r := NewResult(q, &Answers{People: c.people, Scales: likert(q, 3, nil), TiesAsked: true}, quarter)
		if got := finding(r, "closed-circle") != nil; got != c.open {
			t.Errorf("%d people, efficiency %v: open %v, want %v", len(c.people), *r.Score(ScoreEfficiency), got, c.open)
		}
	}
}

// A knows rule says whom, and how to say each tie; every mistake in one is
// reported with its line.
func TestKnowsRuleValidation(t *testing.T) {
	rule := func(body string) string {
		return strings.Replace(customQuestionnaire, "rules:\n", "rules:\n"+body, 1)
	}
	for _, c := range []struct{ name, body, want string }{
		{"no knows", `  - {id: k, kind: knows, severity: warning, title: T, advice: A, match: {power: [none]}, pair: {text: "{name} knows {knows}"}, placeholder: {side: external, ring: outer}}
`, "a knows rule needs knows:"},
		{"no pair", `  - {id: k, kind: knows, severity: warning, title: T, advice: A, match: {power: [none]}, knows: {power: [over]}, placeholder: {side: external, ring: outer}}
`, "a knows rule needs pair:"},
		{"no names", `  - {id: k, kind: knows, severity: warning, title: T, advice: A, match: {power: [none]}, knows: {power: [over]}, pair: {text: "They know each other"}, placeholder: {side: external, ring: outer}}
`, "pair.text: say who knows whom"},
		{"unknown role", `  - {id: k, kind: knows, severity: warning, title: T, advice: A, match: {power: [none]}, knows: {power: [over]}, pair: {text: "{name} knows {knows}", roles: {guru: a guru}}, placeholder: {side: external, ring: outer}}
`, `pair.roles.guru: "guru" is not a relationship`},
		{"role missing", `  - {id: k, kind: knows, severity: warning, title: T, advice: A, match: {power: [none]}, knows: {power: [over]}, pair: {text: "{name} knows {knows}, {knows_role}"}, placeholder: {side: external, ring: outer}}
`, `roles has no words for boss`},
		{"knows on a forbid rule", `  - {id: k, kind: forbid, severity: warning, title: T, advice: A, match: {power: [none]}, knows: {power: [over]}, placeholder: {side: external, ring: outer}}
`, "knows is only for knows rules"},
		{"knows filter checked", `  - {id: k, kind: knows, severity: warning, title: T, advice: A, match: {power: [none]}, knows: {power: [sideways]}, pair: {text: "{name} knows {knows}"}, placeholder: {side: external, ring: outer}}
`, `knows.power[0]: "sideways" is not a power`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseQuestionnaire("q.yaml", []byte(rule(c.body)))
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "q.yaml:") {
				t.Errorf("got %v\nwant %q with its line", err, c.want)
			}
		})
	}
}

// Who knows whom asked of one result only (an answers file without knows,
// then one with them; or a result of version 2): the finding about ties is
// new to the comparison, never opened or closed, with a note that says why.
func TestTieFindingsNewAcrossTheBoundary(t *testing.T) {
	q := defaultQuestionnaire(t)
	asked := NewResult(q, confidantCircle(q), quarter.AddDate(0, 3, 0))
	before := confidantCircle(q)
	before.TiesAsked = false
	for i := range before.People {
		before.People[i].Knows = nil
	}
	unasked := NewResult(q, before, quarter)
	c := Compare(unasked, asked)
	var fresh []string
	for _, f := range c.GapsNew {
		fresh = append(fresh, f.ID)
	}
	if fmt.Sprint(fresh) != "[confidant-knows-power]" || len(c.GapsOpened) != 0 {
		t.Errorf("new %v, opened %v; want confidant-knows-power new", fresh, c.GapsOpened)
	}
	if !strings.Contains(strings.Join(c.Notes, " "), "it depends on who knows whom, which only one of the two results was asked") {
		t.Errorf("notes %q", c.Notes)
	}
	// And back: asked, then not, is not a warning cleared.
	if c := Compare(asked, NewResult(q, before, quarter.AddDate(0, 6, 0))); len(c.GapsClosed) != 0 || len(c.GapsNew) != 1 {
		t.Errorf("asked then not: closed %v, new %v", c.GapsClosed, c.GapsNew)
	}
	// Both asked: a tie that appears opens the warning.
	none := confidantCircle(q)
	none.People[1].Knows = []string{}
	if c := Compare(NewResult(q, none, quarter), asked); len(c.GapsOpened) != 1 || c.GapsOpened[0].ID != "confidant-knows-power" || len(c.GapsNew) != 0 {
		t.Errorf("both asked: opened %v, new %v", c.GapsOpened, c.GapsNew)
	}
	// A result of version 2, evaluated with version 3: never asked, so new.
	v2 := *unasked
	v2.Questionnaire.Version = 2
	c = Compare(&v2, asked)
	if c.EvaluatedWith == nil || len(c.GapsNew) != 1 || c.GapsNew[0].ID != "confidant-knows-power" || len(c.GapsOpened) != 0 {
		t.Errorf("from version 2: evaluated with %v, new %v, opened %v", c.EvaluatedWith, c.GapsNew, c.GapsOpened)
	}
}

// --redact reaches whom each person knows and every pair of a finding.
func TestRedactCoversTiesOfTheRule(t *testing.T) {
	q := defaultQuestionnaire(t)
	r := Redact(NewResult(q, confidantCircle(q), quarter))
	f := finding(r, "confidant-knows-power")
	if f == nil || len(f.Pairs) != 1 || f.Pairs[0].Name != "JM" || f.Pairs[0].Knows != "DR" {
		t.Errorf("pairs %+v", f)
	}
	if fmt.Sprint(r.People[1].Knows) != "[DR PS]" || fmt.Sprint(r.People[0].Knows) != "[JM]" {
		t.Errorf("knows %v, %v", r.People[0].Knows, r.People[1].Knows)
	}
}

// A saved pair names people of the result, as every finding does: one
// edited to name someone else is refused with its line.
func TestSavedPairsNamePeopleOfTheResult(t *testing.T) {
	q := defaultQuestionnaire(t)
	data, err := NewResult(q, confidantCircle(q), quarter).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseResult("r.yaml", data); err != nil {
		t.Fatalf("as saved: %v", err)
	}
	edited := strings.Replace(string(data), "knows: Dana Reyes", "knows: Morgan Lee", 1)
	_, err = ParseResult("r.yaml", []byte(edited))
	if err == nil || !strings.Contains(err.Error(), "pairs[0].knows: names someone who is not in this result's people") {
		t.Errorf("edited pair: %v", err)
	}
}
