package interview

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// byText is a Prompter that answers by what a question says, not by its
// place in the interview: each rule answers the first question that
// contains its text, once. A question no rule matches gets the default
// (Enter), which is what a leader pressing Enter through would give.
type byText struct {
	t     *testing.T
	rules []rule
	asked []string
	// options keeps the options of each Select, by question, for checks.
	options map[string][]string
}

type rule struct {
	contains string
	answer   any // int or string (an option's text) for Select, []int for MultiSelect, string for Input, bool for Confirm
	used     bool
}

func (b *byText) answer(msg string) (any, bool) {
	b.asked = append(b.asked, msg)
	if len(b.asked) > 500 {
		b.t.Fatalf("the interview does not end; last question %q", msg)
	}
	for i := range b.rules {
		if r := &b.rules[i]; !r.used && strings.Contains(msg, r.contains) {
			r.used = true
			return r.answer, true
		}
	}
	return nil, false
}

func (b *byText) Select(msg, _ string, options []string, def int) (int, error) {
	if b.options == nil {
		b.options = map[string][]string{}
	}
	b.options[msg] = options
	a, ok := b.answer(msg)
	if !ok {
		return def, nil
	}
	if s, isText := a.(string); isText {
		for i, o := range options {
			if strings.HasPrefix(o, s) {
				return i, nil
			}
		}
		b.t.Fatalf("%q has no option %q: %q", msg, s, options)
	}
	return a.(int), nil
}

func (b *byText) MultiSelect(msg, _ string, _ []string, defaults []int) ([]int, error) {
	if a, ok := b.answer(msg); ok {
		return a.([]int), nil
	}
	return defaults, nil
}

func (b *byText) Input(msg, _, def string, validate func(string) error) (string, error) {
	a, ok := b.answer(msg)
	if !ok {
		return def, nil
	}
	if validate != nil {
		if err := validate(a.(string)); err != nil {
			return "", fmt.Errorf("refused %q: %w", a, err)
		}
	}
	if a.(string) == "" {
		return def, nil // Enter on an empty line takes the default, as survey does
	}
	return a.(string), nil
}

func (b *byText) Confirm(msg, _ string, def bool) (bool, error) {
	if a, ok := b.answer(msg); ok {
		return a.(bool), nil
	}
	return def, nil
}

func (b *byText) count(text string) int {
	n := 0
	for _, m := range b.asked {
		if strings.Contains(m, text) {
			n++
		}
	}
	return n
}

func loadDefault(t *testing.T) *assess.Questionnaire {
	t.Helper()
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// The first question names two people; everything else is Enter, except
// what the test's rules say.
func twoPeople(extra ...rule) []rule {
	return append([]rule{
		{contains: "(1/6)", answer: "Ana Silva"},
		{contains: "Anyone else?", answer: "Ben Okafor"},
		{contains: "What is Ana Silva to you?", answer: "Executive coach"},
		{contains: "What is Ben Okafor to you?", answer: "Your manager"},
	}, extra...)
}

// On the review screen, a mis-keyed answer is given again: the finished
// answers hold the new one, and nothing else changed.
func TestReviewChangesOneAnswer(t *testing.T) {
	q := loadDefault(t)
	p := &byText{t: t, rules: twoPeople(
		rule{contains: "How close is Ben Okafor", answer: "Outer"},
		rule{contains: "Save, or change something first?", answer: "Change an answer about Ben Okafor"},
		rule{contains: "What about Ben Okafor?", answer: "How close"},
		rule{contains: "How close is Ben Okafor", answer: "Inner"},
		rule{contains: "Save, or change something first?", answer: "Change your answer to a statement"},
		rule{contains: "Which statement?", answer: 1},
		rule{contains: "(2/12)", answer: 4},
	)}
	var saves int
	iv := &Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now, Save: func(*Draft) error { saves++; return nil }}
	a, err := iv.Run(NewDraft(q, "", time.Now(), nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.People) != 2 || a.People[1].Name != "Ben Okafor" || a.People[1].Ring != assess.Inner {
		t.Fatalf("Ben's ring after the review: %+v, want inner", a.People)
	}
	// Ben's other answers are as first given: manager, the defaults.
	if a.People[1].Relationship != "supervisor" || a.People[1].Frequency != assess.Monthly {
		t.Errorf("Ben's other answers changed: %+v", a.People[1])
	}
	item := q.Likert.Items[1].ID
	if a.Scales[item] != 5 {
		t.Errorf("statement 2 = %d, want 5 (strongly agree) after the review", a.Scales[item])
	}
	if n := p.count("How close is Ben Okafor"); n != 2 {
		t.Errorf("Ben's ring asked %d times, want twice (once, then on the review)", n)
	}
	if n := p.count("How close is Ana Silva"); n != 1 {
		t.Errorf("Ana's ring asked %d times, want once", n)
	}
	if err := a.Check(q, "draft", nil); err != nil {
		t.Errorf("the reviewed answers do not pass their check: %v", err)
	}
}

// A person added on the review screen is asked about; one taken out is gone.
func TestReviewAddsAndRemovesSomeone(t *testing.T) {
	q := loadDefault(t)
	p := &byText{t: t, rules: twoPeople(
		rule{contains: "Save, or change something first?", answer: "Add someone you left out"},
		rule{contains: "Who else?", answer: "Kim Park"},
		rule{contains: "What is Kim Park to you?", answer: "Mentor outside"},
		rule{contains: "Save, or change something first?", answer: "Change an answer about Ana Silva"},
		rule{contains: "What about Ana Silva?", answer: "Take Ana Silva out"},
	)}
	iv := &Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now}
	a, err := iv.Run(NewDraft(q, "", time.Now(), nil))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range a.People {
		names = append(names, p.Name+" "+p.Relationship)
	}
	if got := strings.Join(names, ", "); got != "Ben Okafor supervisor, Kim Park mentor" {
		t.Errorf("circle after the review: %s", got)
	}
	if err := a.Check(q, "draft", nil); err != nil {
		t.Errorf("the reviewed answers do not pass their check: %v", err)
	}
}

// lastQuarter is a saved result: three people, every statement answered
// away from the middle, a guess and a note.
func lastQuarter(t *testing.T, q *assess.Questionnaire) *assess.Result {
	t.Helper()
	a := &assess.Answers{People: []assess.Person{
		{Name: "Dana Reyes", Relationship: "supervisor", Ring: assess.Middle, Frequency: assess.Weekly, Candour: 2, Functions: []string{"strategic_advice"}},
		{Name: "Sam Ortiz", Relationship: "direct_report", WasPeer: true, Ring: assess.Inner, Frequency: assess.Weekly, Candour: 4, Functions: []string{"thinking_partner", "sounding_board"}},
		{Name: "Alex Kim", Relationship: "family", Ring: assess.Inner, Frequency: assess.Weekly, Candour: 5, Functions: []string{"emotional_support", "life_outside_work"}},
	}, Scales: map[string]int{}, Reflection: "Quieter than I expected.", TiesAsked: true}
	for i, it := range q.Likert.Items {
		a.Scales[it.ID] = []int{1, 2, 4, 5}[i%4]
	}
	guess := 35.0
	a.Calibration = &guess
	if err := a.Check(q, "last quarter", nil); err != nil {
		t.Fatal(err)
	}
	return assess.NewResult(q, a, time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC))
}

// A re-run where the leader presses Enter through everything gives the
// same answers as last time, so every score is unchanged: the statements
// and the guess start at last quarter's answers, not at the middle.
func TestRerunEnterThroughChangesNoScore(t *testing.T) {
	q := loadDefault(t)
	last := lastQuarter(t, q)
	p := &byText{t: t}
	out := &strings.Builder{}
	iv := &Interview{Q: q, P: p, Out: out, Now: time.Now}
	a, err := iv.Run(NewDraft(q, "", time.Now(), last))
	if err != nil {
		t.Fatal(err)
	}
	again := assess.NewResult(q, a, time.Now())
	if len(last.Scores) < 10 {
		t.Fatalf("last quarter has only %d scores", len(last.Scores))
	}
	for _, s := range last.Scores {
		now, _ := again.Scores.Get(s.Name)
		if fmt.Sprint(deref(s.Value)) != fmt.Sprint(deref(now)) {
			t.Errorf("%s moved from %v to %v on an unchanged re-run", s.Name, deref(s.Value), deref(now))
		}
	}
	if again.Calibration == nil || *again.Calibration != 35 {
		t.Errorf("the guess was not kept: %v", again.Calibration)
	}
	if !slices.Equal(namesOf(again), []string{"Dana Reyes", "Sam Ortiz", "Alex Kim"}) || !again.People[1].WasPeer {
		t.Errorf("circle after Enter through: %+v", again.People)
	}
	// Every statement was asked with last time's answer marked.
	first := q.Likert.Items[0]
	opts := p.options["(1/12) "+first.Text]
	if want := assess.LikertLabels[0] + " · last time"; !slices.Contains(opts, want) {
		t.Errorf("statement 1 options %q, want %q among them", opts, want)
	}
	for _, want := range []string{"Welcome back: this is your check-in", "Last time (30 Sep 2026) you wrote:", "“Quieter than I expected.”", "Last time you guessed 35%"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the re-run does not say %q", want)
		}
	}
	if strings.Contains(out.String(), "With six people it takes") {
		t.Error("the re-run repeats the first run's intro")
	}
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func namesOf(r *assess.Result) []string {
	var out []string
	for _, p := range r.People {
		out = append(out, p.Name)
	}
	return out
}

// On a re-run that keeps everyone and adds one person, the one is
// "Person 1 of 1", not "Person 4 of 4".
func TestPersonCounterCountsThosAskedAbout(t *testing.T) {
	q := loadDefault(t)
	p := &byText{t: t, rules: []rule{{contains: "(1/6)", answer: "Kim Park"}}}
	out := &strings.Builder{}
	iv := &Interview{Q: q, P: p, Out: out, Now: time.Now}
	if _, err := iv.Run(NewDraft(q, "", time.Now(), lastQuarter(t, q))); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Person 1 of 1: Kim Park") {
		t.Errorf("the counter for the one new person:\n%s", out)
	}
}

// A kept person changed on the review screen keeps their other answers:
// only the one chosen is asked.
func TestReviewOfAKeptPersonAsksOnlyWhatChanged(t *testing.T) {
	q := loadDefault(t)
	p := &byText{t: t, rules: []rule{
		{contains: "Save, or change something first?", answer: "Change an answer about Dana Reyes"},
		{contains: "What about Dana Reyes?", answer: "How unfiltered"},
		{contains: "How unfiltered can you be with Dana Reyes", answer: 0},
	}}
	a, err := (&Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now}).Run(NewDraft(q, "", time.Now(), lastQuarter(t, q)))
	if err != nil {
		t.Fatal(err)
	}
	if a.People[0].Candour != 1 || a.People[0].Ring != assess.Middle {
		t.Errorf("Dana after the review: %+v, want candour 1, still middle", a.People[0])
	}
	if n := p.count("How close is Dana Reyes"); n != 0 {
		t.Errorf("Dana's ring asked %d times; only candour was to change", n)
	}
}

// A version-1 draft (people keyed by position) resumes under version 2 with
// its answers where they were.
func TestVersionOneDraftKeysMoveToIDs(t *testing.T) {
	data := []byte(assess.DraftHeader + `schema_version: 1
questionnaire: {id: leadership-support, version: 2}
started_at: 2026-11-01T10:00:00Z
updated_at: 2026-11-01T10:05:00Z
done: [gen:think-out-loud, "person:0:relationship", "person:1:relationship", "person:1:ring"]
answers:
  people:
    - {name: Ana Silva, relationship: coach}
    - {name: Ben Okafor, relationship: supervisor, ring: outer}
`)
	d, err := ParseDraft("draft.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"gen:think-out-loud", "person:p1:relationship", "person:p2:relationship", "person:p2:ring"}
	if !slices.Equal(d.Done, want) || !slices.Equal(d.IDs, []string{"p1", "p2"}) || d.SchemaVersion != DraftSchemaVersion {
		t.Errorf("migrated draft: done %q ids %q v%d", d.Done, d.IDs, d.SchemaVersion)
	}
	// And it goes on from Ben's frequency.
	q := loadDefault(t)
	p := &byText{t: t}
	if _, err := (&Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now}).Run(d); err != nil {
		t.Fatal(err)
	}
	if p.count("What is Ben Okafor to you?") != 0 || p.count("How close is Ben Okafor") != 0 || p.count("How often do you have a real conversation with Ben Okafor") != 1 {
		t.Errorf("asked after the migration: %q", p.asked[:8])
	}
}

// After the summary, the leader ticks the findings to act on and gives a
// step for each, a suggestion or their own words, with a day; the plan
// comes back in the findings' order.
func TestPlanTakesASuggestionOrOwnWords(t *testing.T) {
	q := loadDefault(t)
	last := lastQuarter(t, q)
	if len(last.Findings) < 2 {
		t.Fatalf("the circle needs two findings, has %d", len(last.Findings))
	}
	first, second := last.Findings[0], last.Findings[1]
	now := func() time.Time { return time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local) }
	p := &byText{t: t, rules: []rule{
		{contains: "Which do you want to act on first?", answer: []int{1, 0}},
		{contains: first.Title + ": a first step?", answer: 1},
		{contains: second.Title + ": a first step?", answer: "In my own words"},
		{contains: "Your first step, in a few words", answer: "Call Jo about the board retreat"},
		{contains: "By which day?", answer: "2027-02-01"},
	}}
	d := NewDraft(q, "", now(), nil)
	steps, err := (&Interview{Q: q, P: p, Out: &strings.Builder{}, Now: now}).Plan(d, last)
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 2 || steps[0].Finding != first.ID || steps[1].Finding != second.ID {
		t.Fatalf("plan %+v, want a step for %s then %s", steps, first.ID, second.ID)
	}
	if want := q.Rule(first.ID).Steps[1]; steps[0].Step != want || steps[0].By.String() != "2027-01-04" {
		t.Errorf("first step %q by %s, want the second suggestion %q by 2027-01-04 (four weeks on, Enter)", steps[0].Step, steps[0].By, want)
	}
	if steps[1].Step != "Call Jo about the board retreat" || steps[1].By.String() != "2027-02-01" {
		t.Errorf("second step %q by %s", steps[1].Step, steps[1].By)
	}
	if err := validDay("2026-12-06", now()); err == nil {
		t.Error("a day that has passed was accepted")
	}
	if err := validDay("7 Dec", now()); err == nil {
		t.Error("a day not written as 2027-01-15 was accepted")
	}
}

// withTies is the default questionnaire with the tie question, as version
// 3 asks it.
func withTies(t *testing.T) *assess.Questionnaire {
	q := loadDefault(t)
	c := *q
	c.Ties = &assess.TiesPrompts{Question: "Who here does {name} know?"}
	return &c
}

// Three people, two ties ticked: n − 1 = 2 questions, each pair asked once,
// and the ties saved both ways.
func TestTiesAskEachPairOnce(t *testing.T) {
	q := withTies(t)
	p := &byText{t: t, rules: []rule{
		{contains: "(1/6)", answer: "Ana Silva"},
		{contains: "Anyone else?", answer: "Ben Okafor"},
		{contains: "Anyone else?", answer: "Cleo Dubois"},
		{contains: "Who here does Ana Silva know?", answer: []int{1}},  // Cleo
		{contains: "Who here does Ben Okafor know?", answer: []int{0}}, // Cleo
	}}
	a, err := (&Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now}).Run(NewDraft(q, "", time.Now(), nil))
	if err != nil {
		t.Fatal(err)
	}
	if n := p.count("Who here does"); n != 2 {
		t.Errorf("%d tie questions for three people, want 2", n)
	}
	if p.count("Who here does Cleo Dubois know?") != 0 {
		t.Error("the last person was asked, with nobody after them")
	}
	r := assess.NewResult(q, a, time.Now())
	got := map[string]string{}
	for _, p := range r.People {
		got[p.Name] = strings.Join(p.Knows, ",")
	}
	want := map[string]string{"Ana Silva": "Cleo Dubois", "Ben Okafor": "Cleo Dubois", "Cleo Dubois": "Ana Silva,Ben Okafor"}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s knows %q, want %q", name, got[name], w)
		}
	}
	if !r.TiesAsked {
		t.Error("the result does not say ties were asked")
	}
}

// A re-run offers last quarter's ties ticked; a person who left takes
// their ties with them, and the interview says so.
func TestTiesCarriedAndDroppedWithANote(t *testing.T) {
	q := withTies(t)
	last := lastQuarter(t, q)
	// Last quarter: Dana knows Sam; Sam knows Alex.
	last.People[0].Knows = []string{"Sam Ortiz"}
	last.People[1].Knows = []string{"Alex Kim", "Dana Reyes"}
	last.People[2].Knows = []string{"Sam Ortiz"}
	p := &byText{t: t, rules: []rule{
		{contains: "(2/3) Sam Ortiz", answer: "No longer in my circle"},
	}}
	out := &strings.Builder{}
	a, err := (&Interview{Q: q, P: p, Out: out, Now: time.Now}).Run(NewDraft(q, "", time.Now(), last))
	if err != nil {
		t.Fatal(err)
	}
	if said := strings.Join(strings.Fields(out.String()), " "); !strings.Contains(said, "Ties to people no longer in your circle are gone: Sam Ortiz knew Dana Reyes and Alex Kim.") {
		t.Errorf("no note about Sam's ties:\n%s", out)
	}
	for _, person := range a.People {
		if len(person.Knows) != 0 {
			t.Errorf("%s still knows %v after Sam left", person.Name, person.Knows)
		}
	}
	if err := a.Check(q, "draft", nil); err != nil {
		t.Errorf("the answers do not pass their check: %v", err)
	}
}

// Someone added on the review screen forms a new pair with everyone
// already named: the tie questions are asked again, with the ties given
// ticked; a direct report added by a leader promoted from within is
// offered as a former peer.
func TestReviewAddAsksTheNewPairsAndPeers(t *testing.T) {
	q := withTies(t)
	p := &byText{t: t, rules: []rule{
		{contains: "(1/6)", answer: "Ana Silva"},
		{contains: "Anyone else?", answer: "Ben Okafor"},
		{contains: "What is Ana Silva to you?", answer: "A peer at work"},
		{contains: "What is Ben Okafor to you?", answer: "Executive coach"},
		{contains: "Were you promoted", answer: true},
		{contains: "Which of these people were your peers", answer: []int{0}},
		{contains: "Save, or change something first?", answer: "Add someone you left out"},
		{contains: "Who else?", answer: "Kim Park"},
		{contains: "What is Kim Park to you?", answer: "Someone who reports to you"},
		{contains: "Who here does Ana Silva know?", answer: []int{0}},    // Ben, first time
		{contains: "Who here does Ana Silva know?", answer: []int{0, 1}}, // Ben and now Kim
		{contains: "Which of these people were your peers", answer: []int{0, 1}},
	}}
	a, err := (&Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now}).Run(NewDraft(q, "", time.Now(), nil))
	if err != nil {
		t.Fatal(err)
	}
	if n := p.count("Who here does Ana Silva know?"); n != 2 {
		t.Errorf("Ana's ties asked %d times, want twice (again once Kim was added)", n)
	}
	if n := p.count("Who here does Ben Okafor know?"); n != 2 {
		t.Errorf("Ben's ties asked %d times, want twice", n)
	}
	r := assess.NewResult(q, a, time.Now())
	if got := strings.Join(r.People[0].Knows, ","); got != "Ben Okafor,Kim Park" {
		t.Errorf("Ana knows %q, want Ben Okafor,Kim Park", got)
	}
	if !r.People[2].WasPeer {
		t.Errorf("Kim, added on the review and ticked as a former peer, saved as %+v", r.People[2])
	}
}

// Changing the guess on the review screen starts at this interview's
// guess, not last quarter's.
func TestReviewGuessStartsAtThisTimesAnswer(t *testing.T) {
	q := loadDefault(t)
	p := &byText{t: t, rules: []rule{
		{contains: "Before you see your results", answer: "80"},
		{contains: "Save, or change something first?", answer: "Change your guess"},
	}}
	a, err := (&Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now}).Run(NewDraft(q, "", time.Now(), lastQuarter(t, q)))
	if err != nil {
		t.Fatal(err)
	}
	if a.Calibration == nil || *a.Calibration != 80 {
		t.Errorf("the guess after Enter on the review: %v, want 80 (this time's), not 35 (last time's)", deref(a.Calibration))
	}
}
