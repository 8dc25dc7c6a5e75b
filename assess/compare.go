package assess

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Comparison is what changed between two results.
type Comparison struct {
	From, To *Result

	// Scores holds every score both results have, in To's order.
	Scores []ScoreChange
	// OnlyFrom and OnlyTo name the scores one result has and the other
	// lacks (their questionnaires differ), so nothing is silently dropped.
	OnlyFrom, OnlyTo []string

	GapsClosed, GapsOpened []Finding
	// GapsUnchecked are gaps open in From whose rule To's questionnaire no
	// longer has: neither closed nor still open, just not compared.
	GapsUnchecked []Finding
	// GapsNew are findings new to this comparison: open in To under a
	// rule From's questionnaire did not have, or open on one side only
	// under a rule that depends on an answer one side was never asked
	// (was_peer across versions; who knows whom across versions or when
	// one result was not asked it). Never opened or closed.
	GapsNew []Finding

	// EvaluatedWith is set when the two results used different versions of
	// a built-in questionnaire: both were then evaluated with this one,
	// today's, from their saved answers.
	EvaluatedWith *QuestionnaireRef

	Gained, Lost []ResultPerson
	Moved        []Move
	// Changed are the people in both results whose answers about them
	// changed, in To's order: each changed answer with its old and new
	// value (a move between rings is one of them).
	Changed []PersonChange

	// TiesCompared is whether both results were asked who knows whom;
	// only then are TiesGained and TiesLost said: the ties among people
	// in To and not in From, and in From and not in To, matched by name,
	// each in its own result's circle order.
	TiesCompared         bool
	TiesGained, TiesLost []Tie

	// Stability, Turnover and Jaccard say how much of the circle stayed,
	// with A the earlier circle's people and B the later's, matched by
	// name: stability |A∩B|/|A| (nil when A is empty), turnover
	// (|A−B|+|B−A|)/|A∪B| and Jaccard |A∩B|/|A∪B| (both nil when both
	// are empty); rounded to 3 decimals, like scores.
	Stability, Turnover, Jaccard *float64

	NetworkFrom, NetworkTo string
	// Outside shares, predicted and measured, then and now (nil when not
	// known).
	PredictedFrom, PredictedTo *float64
	MeasuredFrom, MeasuredTo   *float64

	// SameQuestionnaire is false when the two results used different
	// questionnaires or versions; Notes then says what that means.
	SameQuestionnaire bool
	Notes             []string
}

// ScoreChange is one score then and now. Delta is nil when either is null.
type ScoreChange struct {
	Name     string
	From, To *float64
	Delta    *float64
}

// Move is a person who is in both results on another ring or side.
type Move struct {
	Name               string
	FromRing, ToRing   Ring
	FromSide, ToSide   Side
	From, To           ResultPerson
	RingMoved, Crossed bool
}

// PersonChange is someone named in both results whose answers about them
// changed.
type PersonChange struct {
	// Name is as the later result has it.
	Name     string
	From, To ResultPerson
	// Changes are the answers that changed, in the order of the
	// Change* fields.
	Changes []AnswerChange
}

// The answers about a person that a comparison looks at, in the order
// the interview asks them.
const (
	ChangeRelationship = "relationship"
	ChangeWasPeer      = "was_peer"
	ChangeRing         = "ring"
	ChangeFrequency    = "frequency"
	ChangeCandour      = "candour"
	ChangeFunctions    = "functions"
)

// AnswerChange is one answer about a person, then and now. From and To
// are a string (relationship, ring, frequency), a bool (was_peer), an int
// (candour) or, for functions, the []string of each side; Added and
// Removed then list the functions that came and went.
type AnswerChange struct {
	Field          string
	From, To       any
	Added, Removed []string
}

// Compare works out what changed from one result to another. People are
// matched by name, ignoring case and spacing.
//
// When the two used different versions of a built-in questionnaire, both
// are first evaluated with the version circle ships today, from their
// saved answers, so that a change of rules alone opens or closes nothing;
// a finding whose rule depends on an answer the older version never asked
// is new to the comparison. Otherwise they are compared as saved.
func Compare(from, to *Result) *Comparison {
	q := spansVersions(from, to)
	if q == nil {
		return compare(from, to, nil)
	}
	f, err1 := Reevaluate(from, q)
	t, err2 := Reevaluate(to, q)
	if err := errors.Join(err1, err2); err != nil {
		c := compare(from, to, nil)
		c.Notes = append([]string{fmt.Sprintf("The two results used %s v%d and v%d, and could not both be evaluated with v%d (%s); they are compared as saved, so a change of questionnaire may show as a change here.",
			q.ID, from.Questionnaire.Version, to.Questionnaire.Version, q.Version, FirstLine(err.Error()))}, c.Notes...)
		return c
	}
	c := compare(f, t, notAsked(q, from, to))
	c.EvaluatedWith = &QuestionnaireRef{ID: q.ID, Version: q.Version, Title: q.Title}
	c.SameQuestionnaire = false
	c.Notes = append([]string{fmt.Sprintf("The two results used %s v%d and v%d; both are evaluated here with v%d, from their saved answers, so that a change of questionnaire alone opens or closes nothing.",
		q.ID, from.Questionnaire.Version, to.Questionnaire.Version, q.Version)}, c.Notes...)
	return c
}

// compare compares two results as they are. A finding of a rule that looks
// at an answer in unasked is new to the comparison when it is open on one
// side only.
func compare(from, to *Result, unasked []string) *Comparison {
	c := &Comparison{
		From: from, To: to,
		NetworkFrom: from.NetworkType, NetworkTo: to.NetworkType,
		SameQuestionnaire: from.Questionnaire.ID == to.Questionnaire.ID && from.Questionnaire.Version == to.Questionnaire.Version,
	}
	fromScores := map[string]*float64{}
	for _, s := range from.Scores {
		fromScores[s.Name] = s.Value
	}
	seen := map[string]bool{}
	for _, s := range to.Scores {
		seen[s.Name] = true
		f, ok := fromScores[s.Name]
		if !ok {
			c.OnlyTo = append(c.OnlyTo, s.Name)
			continue
		}
		ch := ScoreChange{Name: s.Name, From: f, To: s.Value}
		if f != nil && s.Value != nil {
			ch.Delta = ptr(Round3(*s.Value - *f))
		}
		c.Scores = append(c.Scores, ch)
	}
	for _, s := range from.Scores {
		if !seen[s.Name] {
			c.OnlyFrom = append(c.OnlyFrom, s.Name)
		}
	}

	open := func(r *Result) map[string]bool {
		m := map[string]bool{}
		for _, g := range r.Findings {
			m[g.ID] = true
		}
		return m
	}
	fromOpen, toOpen := open(from), open(to)
	checked := map[string]bool{}
	for _, id := range to.RulesChecked {
		checked[id] = true
	}
	// The rules of to's questionnaire that depend on an answer never asked,
	// each with why: an earlier version never asked it, or who knows whom
	// was asked of one result only (one taken before version 3, or from
	// an answers file without knows), so that a finding about ties is new
	// to the comparison, never opened or closed.
	fresh := map[string]string{}
	tiesOnce := from.TiesAsked != to.TiesAsked
	if len(unasked) > 0 || tiesOnce {
		if q := Builtin(to.Questionnaire.ID, to.Questionnaire.Version); q != nil {
			for i := range q.Rules {
				switch r := &q.Rules[i]; {
				case r.dependsOn(unasked):
					fresh[r.ID] = "an answer the earlier version never asked"
				case tiesOnce && r.dependsOn([]string{AnswerKnows}):
					fresh[r.ID] = "who knows whom, which only one of the two results was asked"
				}
			}
		}
	}
	for _, g := range from.Findings {
		switch {
		case toOpen[g.ID]:
		case fresh[g.ID] != "":
			c.GapsNew = append(c.GapsNew, g)
		case checked[g.ID] || to.RulesChecked == nil:
			c.GapsClosed = append(c.GapsClosed, g)
		default:
			c.GapsUnchecked = append(c.GapsUnchecked, g)
		}
	}
	checkedBefore := map[string]bool{}
	for _, id := range from.RulesChecked {
		checkedBefore[id] = true
	}
	for _, g := range to.Findings {
		switch {
		case fromOpen[g.ID]:
		case fresh[g.ID] != "":
			c.GapsNew = append(c.GapsNew, g)
		case checkedBefore[g.ID] || from.RulesChecked == nil:
			c.GapsOpened = append(c.GapsOpened, g)
		default:
			// The earlier questionnaire did not look for this: new to the
			// comparison, not newly open.
			c.GapsNew = append(c.GapsNew, g)
		}
	}

	before := map[string]ResultPerson{}
	for _, p := range from.People {
		before[NameKey(p.Name)] = p
	}
	after := map[string]bool{}
	for _, p := range to.People {
		key := NameKey(p.Name)
		after[key] = true
		old, ok := before[key]
		if !ok {
			c.Gained = append(c.Gained, p)
			continue
		}
		if changes := answerChanges(old, p); len(changes) > 0 {
			c.Changed = append(c.Changed, PersonChange{Name: p.Name, From: old, To: p, Changes: changes})
		}
		if old.Ring != p.Ring || old.Side != p.Side {
			c.Moved = append(c.Moved, Move{
				Name: p.Name, FromRing: old.Ring, ToRing: p.Ring, FromSide: old.Side, ToSide: p.Side,
				From: old, To: p, RingMoved: old.Ring != p.Ring, Crossed: old.Side != p.Side,
			})
		}
	}
	for _, p := range from.People {
		if !after[NameKey(p.Name)] {
			c.Lost = append(c.Lost, p)
		}
	}

	c.Stability, c.Turnover, c.Jaccard = overlap(from.People, to.People)
	if from.TiesAsked && to.TiesAsked {
		c.TiesCompared = true
		before, after := Ties(from.People), Ties(to.People)
		c.TiesGained, c.TiesLost = tieDiff(after, before), tieDiff(before, after)
	}

	c.PredictedFrom, c.PredictedTo = from.Calibration, to.Calibration
	c.MeasuredFrom, c.MeasuredTo = from.OutsideShare(), to.OutsideShare()

	for _, g := range c.GapsNew {
		if why := fresh[g.ID]; why != "" {
			c.Notes = append(c.Notes, fmt.Sprintf("%q is new to this comparison: it depends on %s.", g.Title, why))
		}
	}
	if !c.SameQuestionnaire {
		c.Notes = append(c.Notes, fmt.Sprintf("The two results used different questionnaires (%s v%d, then %s v%d); they are compared on what they share.",
			from.Questionnaire.ID, from.Questionnaire.Version, to.Questionnaire.ID, to.Questionnaire.Version))
		for _, s := range c.OnlyFrom {
			c.Notes = append(c.Notes, fmt.Sprintf("%s was only scored the first time.", s))
		}
		for _, s := range c.OnlyTo {
			c.Notes = append(c.Notes, fmt.Sprintf("%s is new this time, with nothing to compare it to.", s))
		}
		for _, g := range c.GapsUnchecked {
			c.Notes = append(c.Notes, fmt.Sprintf("%q was open the first time; the later questionnaire no longer checks it.", g.Title))
		}
		for _, g := range c.GapsNew {
			if fresh[g.ID] == "" {
				c.Notes = append(c.Notes, fmt.Sprintf("%q is open now; the earlier questionnaire did not check it.", g.Title))
			}
		}
	}
	return c
}

// answerChanges lists the answers about one person that differ between
// old and now. Functions are compared as sets: the same functions in
// another order are no change.
func answerChanges(old, now ResultPerson) []AnswerChange {
	var out []AnswerChange
	add := func(field string, from, to any) {
		out = append(out, AnswerChange{Field: field, From: from, To: to})
	}
	if old.Relationship != now.Relationship {
		add(ChangeRelationship, old.Relationship, now.Relationship)
	}
	if old.WasPeer != now.WasPeer {
		add(ChangeWasPeer, old.WasPeer, now.WasPeer)
	}
	if old.Ring != now.Ring {
		add(ChangeRing, string(old.Ring), string(now.Ring))
	}
	if old.Frequency != now.Frequency {
		add(ChangeFrequency, string(old.Frequency), string(now.Frequency))
	}
	if old.Candour != now.Candour {
		add(ChangeCandour, old.Candour, now.Candour)
	}
	added, removed := setDiff(now.Functions, old.Functions), setDiff(old.Functions, now.Functions)
	if len(added)+len(removed) > 0 {
		out = append(out, AnswerChange{
			Field: ChangeFunctions,
			From:  append([]string{}, old.Functions...), To: append([]string{}, now.Functions...),
			Added: added, Removed: removed,
		})
	}
	return out
}

// setDiff is the items of a not in b, in a's order, each once.
func setDiff(a, b []string) []string {
	out := []string{}
	for _, x := range a {
		if !slices.Contains(b, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// tieDiff is the ties of a not in b, matched by name, in a's order.
func tieDiff(a, b []Tie) []Tie {
	key := func(t Tie) string {
		x, y := NameKey(t.A), NameKey(t.B)
		if x > y {
			x, y = y, x
		}
		return x + "\x00" + y
	}
	in := map[string]bool{}
	for _, t := range b {
		in[key(t)] = true
	}
	var out []Tie
	for _, t := range a {
		if !in[key(t)] {
			out = append(out, t)
		}
	}
	return out
}

// overlap compares who is in two circles, matched by name (NameKey); see
// Comparison.Stability.
func overlap(from, to []ResultPerson) (stability, turnover, jaccard *float64) {
	keys := func(people []ResultPerson) map[string]bool {
		m := map[string]bool{}
		for _, p := range people {
			m[NameKey(p.Name)] = true
		}
		return m
	}
	a, b := keys(from), keys(to)
	both := 0
	for k := range a {
		if b[k] {
			both++
		}
	}
	union := len(a) + len(b) - both
	if len(a) > 0 {
		stability = ptr(Round3(float64(both) / float64(len(a))))
	}
	if union > 0 {
		turnover = ptr(Round3(float64(union-both) / float64(union)))
		jaccard = ptr(Round3(float64(both) / float64(union)))
	}
	return stability, turnover, jaccard
}

// OutsideShare is the measured share of support from outside the
// organization, 0 to 100: Σ_external s / Σ s × 100. With a prediction on
// file it is exactly the prediction minus the calibration gap (both kept to
// 3 decimals); without one, it is (1 + balance)/2 × 100, which is the same
// quantity from the balance, to within its rounding. Nil with nobody in the
// circle.
func (r *Result) OutsideShare() *float64 {
	if gap := r.Score(ScoreCalibrationGap); gap != nil && r.Calibration != nil {
		return ptr(Round3(*r.Calibration - *gap))
	}
	b := r.Score(ScoreBalance)
	if b == nil {
		return nil
	}
	return ptr(Round3((1 + *b) / 2 * 100))
}

// NextDue is when the next quarterly check-in falls: 90 days after t.
func NextDue(t time.Time) time.Time { return t.AddDate(0, 0, 90) }

// FirstLine is the first line of s.
func FirstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
