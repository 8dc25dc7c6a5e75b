package interview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// script is a Prompter that answers from a list and fails the test on a
// question nobody expected.
type script struct {
	t       *testing.T
	answers []any // int for Select, []int for MultiSelect, string for Input, bool for Confirm
	asked   []string
}

func (s *script) next(msg string) any {
	s.t.Helper()
	s.asked = append(s.asked, msg)
	if len(s.answers) == 0 {
		s.t.Fatalf("unexpected question %q", msg)
	}
	a := s.answers[0]
	s.answers = s.answers[1:]
	return a
}

func (s *script) Select(msg, _ string, _ []string, _ int) (int, error) {
	return s.next(msg).(int), nil
}

func (s *script) MultiSelect(msg, _ string, _ []string, _ []int) ([]int, error) {
	return s.next(msg).([]int), nil
}

func (s *script) Input(msg, _, _ string, validate func(string) error) (string, error) {
	a := s.next(msg).(string)
	if validate != nil {
		if err := validate(a); err != nil {
			return "", fmt.Errorf("refused %q: %w", a, err)
		}
	}
	return a, nil
}

func (s *script) Confirm(msg, _ string, _ bool) (bool, error) {
	return s.next(msg).(bool), nil
}

func TestValidShareRefusesNaN(t *testing.T) {
	// "nan" parses as a float, and NaN is neither below 0 nor above 100:
	// accepted, it once made a result that could not be read back.
	for _, in := range []string{"nan", "NaN", "inf", "-1", "101", "forty"} {
		if validShare(in) == nil {
			t.Errorf("validShare(%q) accepted it", in)
		}
	}
	for _, in := range []string{"", "0", "40", "55.5", "100", "40%"} {
		if err := validShare(in); err != nil {
			t.Errorf("validShare(%q) = %v", in, err)
		}
	}
}

func TestValidNameRefusesInvisibleDirectionMarks(t *testing.T) {
	// Names pasted from chat apps often carry U+2068/U+2069; refused at
	// the prompt, the leader can type again; accepted, the finished
	// interview would fail its final check on every resume.
	if validName("Dana \u2068Reyes\u2069") == nil {
		t.Error("a name with direction isolates was accepted")
	}
	if err := validName("Zoë Müller"); err != nil {
		t.Errorf("a plain accented name was refused: %v", err)
	}
}

// A person carried from a result taken with a questionnaire that had
// another function keeps only the functions this one defines, so that
// "as before" (one keystroke) gives answers that pass the final check.
func TestCarriedPersonDropsUnknownFunctions(t *testing.T) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	prev := &assess.Result{ID: "2026-06-30T090000Z", TakenAt: time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC), People: []assess.ResultPerson{
		{Name: "Kim Park", Relationship: "coach", Ring: assess.Inner, Frequency: assess.Monthly, Candour: 5, Functions: []string{"thinking_partner", "extra_fn"}},
	}}
	d := NewDraft(q, "", time.Now(), prev)
	if got := strings.Join(d.Answers.People[0].Functions, ","); got != "thinking_partner" {
		t.Fatalf("carried functions = %s, want thinking_partner", got)
	}

	// The whole re-run: keep Kim as before, name nobody new, answer the
	// statements, skip the guess and the note.
	answers := []any{0} // Kim: as before
	for range q.Generators {
		answers = append(answers, "") // no new names
	}
	for range q.Likert.Items {
		answers = append(answers, 2)
	}
	answers = append(answers, "", "", 0) // no guess, no note, save
	p := &script{t: t, answers: answers}
	iv := &Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now}
	a, err := iv.Run(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Check(q, "draft", nil); err != nil {
		t.Errorf("the finished re-run does not pass its check: %v", err)
	}
	if len(a.People) != 1 || a.People[0].Candour != 5 {
		t.Errorf("Kim was not kept as before: %+v", a.People)
	}
}

// statementAnswers are "neither agree nor disagree" for every statement,
// then no guess and no note, then "save" on the review screen.
func statementAnswers(q *assess.Questionnaire) []any {
	var out []any
	for range q.Likert.Items {
		out = append(out, 2)
	}
	return append(out, "", "", 0)
}

// A leader who names nobody is asked whether that is how it is; "no" asks
// the name questions again, "yes" goes on to an empty circle.
func TestNobodyNamedIsAskedWhetherThatWasMeant(t *testing.T) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	var answers []any
	for range q.Generators {
		answers = append(answers, "") // nobody
	}
	answers = append(answers, false) // not meant: ask again
	answers = append(answers, "Kim Park", "")
	for range q.Generators[1:] {
		answers = append(answers, []int{}, "") // Kim offered, not ticked; nobody new
	}
	// Kim: coach, inner, 6 to 19 a year, mostly unfiltered, what the first
	// question pre-ticked.
	answers = append(answers, 6, 0, 1, 3, []int{0})
	answers = append(answers, statementAnswers(q)...)
	p := &script{t: t, answers: answers}
	d := NewDraft(q, "", time.Now(), nil)
	a, err := (&Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now}).Run(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.People) != 1 || a.People[0].Relationship != "coach" || a.People[0].Candour != 4 {
		t.Errorf("people %+v, want Kim, a coach, candour 4", a.People)
	}
	asked := 0
	for _, m := range p.asked {
		if strings.Contains(m, "You have not named anyone") {
			asked++
		}
	}
	if asked != 1 {
		t.Errorf("asked %d times whether nobody was meant, want once", asked)
	}

	// Yes: an empty circle, and the statements come next.
	answers = nil
	for range q.Generators {
		answers = append(answers, "")
	}
	answers = append(answers, true)
	answers = append(answers, statementAnswers(q)...)
	p = &script{t: t, answers: answers}
	a, err = (&Interview{Q: q, P: p, Out: &strings.Builder{}, Now: time.Now}).Run(NewDraft(q, "", time.Now(), nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.People) != 0 {
		t.Errorf("people %+v, want nobody", a.People)
	}
}

// A draft begun with version 1 of the questionnaire goes on under version
// 2: a former_peer already answered is read as other_internal, once a
// peer, and is not asked again.
func TestVersionOneDraftResumesUnderVersionTwo(t *testing.T) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	d := &Draft{
		SchemaVersion: DraftSchemaVersion,
		Questionnaire: assess.QuestionnaireRef{ID: q.ID, Version: 1},
		Done:          []string{"gen:think-out-loud", "person:p1:relationship"},
		IDs:           []string{"p1"},
		Answers: assess.Answers{People: []assess.Person{
			{Name: "Sam Ortiz", Relationship: "former_peer", Functions: []string{"thinking_partner"}},
		}, Scales: map[string]int{}},
	}
	if !d.Upgrade(q) {
		t.Fatal("a version-1 draft cannot be carried over")
	}
	p := d.Answers.People[0]
	if !d.Matches(q) || p.Relationship != "other_internal" || !p.WasPeer {
		t.Errorf("after the upgrade: v%d, %+v", d.Questionnaire.Version, p)
	}
	// A draft of another questionnaire, or with a relationship that maps
	// to nothing, is not carried over: it is set aside, never changed.
	other := &Draft{Questionnaire: assess.QuestionnaireRef{ID: "team", Version: 1}}
	if other.Upgrade(q) {
		t.Error("a draft of another questionnaire was carried over")
	}
	odd := &Draft{Questionnaire: assess.QuestionnaireRef{ID: q.ID, Version: 1}, Answers: assess.Answers{People: []assess.Person{{Name: "X", Relationship: "guru"}}}}
	if odd.Upgrade(q) || odd.Questionnaire.Version != 1 || odd.Answers.People[0].Relationship != "guru" {
		t.Errorf("a draft that cannot be read was changed: %+v", odd)
	}
}
