package view

import (
	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/ordered"
)

// ComparisonData is the shape of `compare --output json|yaml`: what
// scripts rely on. README documents it.
type ComparisonData struct {
	From              string `json:"from" yaml:"from"`
	To                string `json:"to" yaml:"to"`
	SameQuestionnaire bool   `json:"same_questionnaire" yaml:"same_questionnaire"`
	// Scores are per score {from, to, delta, direction}; the sources are
	// one object of three, as in a result's scores.
	Scores ordered.Map[any] `json:"scores" yaml:"scores"`
	// EvaluatedWith names the questionnaire both results were evaluated
	// with when they used different versions of a built-in one; null when
	// they are compared as saved.
	EvaluatedWith *QuestionnaireData `json:"evaluated_with" yaml:"evaluated_with"`
	Stability     *float64           `json:"stability" yaml:"stability"`
	Turnover      *float64           `json:"turnover" yaml:"turnover"`
	Jaccard       *float64           `json:"jaccard" yaml:"jaccard"`
	// Gaps and warnings apart.
	GapsClosed      []FindingRef `json:"gaps_closed" yaml:"gaps_closed"`
	GapsOpened      []FindingRef `json:"gaps_opened" yaml:"gaps_opened"`
	WarningsCleared []FindingRef `json:"warnings_cleared" yaml:"warnings_cleared"`
	WarningsRaised  []FindingRef `json:"warnings_raised" yaml:"warnings_raised"`
	NewToComparison []FindingRef `json:"new_to_comparison" yaml:"new_to_comparison"`
	People          PeopleData   `json:"people" yaml:"people"`
	// Ties are the ties among people gained and lost; null unless both
	// results were asked who knows whom.
	Ties        *TiesData               `json:"ties" yaml:"ties"`
	NetworkType FromTo[*string]         `json:"network_type" yaml:"network_type"`
	Calibration FromTo[CalibrationData] `json:"calibration" yaml:"calibration"`
	// Plan is the earlier result's plan beside the later one's follow-up;
	// FollowUp the later result's follow-up as saved.
	Plan     []PlanOutcome     `json:"plan" yaml:"plan"`
	FollowUp []assess.FollowUp `json:"followup" yaml:"followup"`
	Notes    []string          `json:"notes" yaml:"notes"`
	// Reflections are the notes the leader wrote to their future self,
	// FROM's then TO's, each with its result and date; those without one
	// are left out, and --redact leaves out all.
	Reflections []Note `json:"reflections" yaml:"reflections"`
}

// ScoreChangeData is one score then and now: the change is null when
// either is, and the direction null when the score has no value now.
type ScoreChangeData struct {
	From      *float64 `json:"from" yaml:"from"`
	To        *float64 `json:"to" yaml:"to"`
	Delta     *float64 `json:"delta" yaml:"delta"`
	Direction *string  `json:"direction" yaml:"direction"`
}

// FindingRef names a finding that closed, opened or is new to the
// comparison, with the people it names.
type FindingRef struct {
	ID       string   `json:"id" yaml:"id"`
	Title    string   `json:"title" yaml:"title"`
	Severity string   `json:"severity" yaml:"severity"`
	People   []string `json:"people" yaml:"people"`
}

// PeopleData is who joined, left, moved and changed.
type PeopleData struct {
	Gained  []PersonRef        `json:"gained" yaml:"gained"`
	Lost    []PersonRef        `json:"lost" yaml:"lost"`
	Moved   []MoveData         `json:"moved" yaml:"moved"`
	Changed []PersonChangeData `json:"changed" yaml:"changed"`
}

// PersonRef is someone who joined or left the circle.
type PersonRef struct {
	Name         string      `json:"name" yaml:"name"`
	Relationship string      `json:"relationship" yaml:"relationship"`
	Side         assess.Side `json:"side" yaml:"side"`
	Ring         assess.Ring `json:"ring" yaml:"ring"`
}

// MoveData is someone who moved to another ring or side.
type MoveData struct {
	Name     string      `json:"name" yaml:"name"`
	FromRing assess.Ring `json:"from_ring" yaml:"from_ring"`
	ToRing   assess.Ring `json:"to_ring" yaml:"to_ring"`
	FromSide assess.Side `json:"from_side" yaml:"from_side"`
	ToSide   assess.Side `json:"to_side" yaml:"to_side"`
}

// PersonChangeData is someone in both results whose answers changed.
type PersonChangeData struct {
	Name    string       `json:"name" yaml:"name"`
	Changes []ChangeData `json:"changes" yaml:"changes"`
}

// ChangeData is one changed answer: field is relationship, was_peer,
// ring, frequency, candour or functions; from and to are its values then
// and now (a string, a boolean, a number, or for functions a list), and
// for functions only, added and removed list what came and went.
type ChangeData struct {
	Field   string    `json:"field" yaml:"field"`
	From    any       `json:"from" yaml:"from"`
	To      any       `json:"to" yaml:"to"`
	Added   *[]string `json:"added,omitempty" yaml:"added,omitempty"`
	Removed *[]string `json:"removed,omitempty" yaml:"removed,omitempty"`
}

// TiesData is the ties among people that came and went, each pair in
// its result's circle order.
type TiesData struct {
	Gained []TieData `json:"gained" yaml:"gained"`
	Lost   []TieData `json:"lost" yaml:"lost"`
}

// TieData is two people who know each other.
type TieData struct {
	A string `json:"a" yaml:"a"`
	B string `json:"b" yaml:"b"`
}

// FromTo is a value then and now.
type FromTo[T any] struct {
	From T `json:"from" yaml:"from"`
	To   T `json:"to" yaml:"to"`
}

// CalibrationData is the guess of the outside share beside the
// measurement, in percent.
type CalibrationData struct {
	Predicted *float64 `json:"predicted" yaml:"predicted"`
	Measured  *float64 `json:"measured" yaml:"measured"`
}

// Data returns the machine-readable form of the comparison: every list
// whole, never null.
func (v *Comparison) Data() ComparisonData {
	c := v.C
	d := ComparisonData{
		From: c.From.ID, To: c.To.ID, SameQuestionnaire: c.SameQuestionnaire,
		Stability: v.Stability, Turnover: v.Turnover, Jaccard: v.Jaccard,
		GapsClosed: refs(v.GapsClosed), GapsOpened: refs(v.GapsOpened),
		WarningsCleared: refs(v.WarningsCleared), WarningsRaised: refs(v.WarningsRaised),
		NewToComparison: refs(v.NewToComparison),
		People: PeopleData{
			Gained: []PersonRef{}, Lost: []PersonRef{}, Moved: []MoveData{}, Changed: []PersonChangeData{},
		},
		NetworkType: FromTo[*string]{From: optional(c.NetworkFrom), To: optional(c.NetworkTo)},
		Calibration: FromTo[CalibrationData]{
			From: CalibrationData{Predicted: c.PredictedFrom, Measured: c.MeasuredFrom},
			To:   CalibrationData{Predicted: c.PredictedTo, Measured: c.MeasuredTo},
		},
		Plan:        append([]PlanOutcome{}, v.Plan...),
		FollowUp:    append([]assess.FollowUp{}, v.FollowUp...),
		Notes:       append([]string{}, v.Notes...),
		Reflections: append([]Note{}, v.Reflections...),
	}
	var scores ordered.Map[ScoreChangeData]
	for _, row := range v.Scores {
		s := ScoreChangeData{From: row.Change.From, To: row.Change.To, Delta: row.Change.Delta}
		if row.Direction != "" {
			dir := row.Direction
			s.Direction = &dir
		}
		scores = append(scores, ordered.Entry[ScoreChangeData]{Key: row.Name, Value: s})
	}
	d.Scores = ordered.Nest(scores, nil)
	if e := c.EvaluatedWith; e != nil {
		d.EvaluatedWith = &QuestionnaireData{ID: e.ID, Version: e.Version}
	}
	person := func(p assess.ResultPerson) PersonRef {
		return PersonRef{Name: p.Name, Relationship: p.Relationship, Side: p.Side, Ring: p.Ring}
	}
	for _, p := range v.Gained {
		d.People.Gained = append(d.People.Gained, person(p))
	}
	for _, p := range v.Lost {
		d.People.Lost = append(d.People.Lost, person(p))
	}
	for _, m := range v.Moved {
		d.People.Moved = append(d.People.Moved, MoveData{Name: m.Name, FromRing: m.FromRing, ToRing: m.ToRing, FromSide: m.FromSide, ToSide: m.ToSide})
	}
	if c.TiesCompared {
		d.Ties = &TiesData{Gained: []TieData{}, Lost: []TieData{}}
		for _, t := range c.TiesGained {
			d.Ties.Gained = append(d.Ties.Gained, TieData{A: t.A, B: t.B})
		}
		for _, t := range c.TiesLost {
			d.Ties.Lost = append(d.Ties.Lost, TieData{A: t.A, B: t.B})
		}
	}
	for _, pc := range c.Changed {
		pd := PersonChangeData{Name: pc.Name, Changes: []ChangeData{}}
		for _, ch := range pc.Changes {
			cd := ChangeData{Field: ch.Field, From: ch.From, To: ch.To}
			if ch.Field == assess.ChangeFunctions {
				added, removed := append([]string{}, ch.Added...), append([]string{}, ch.Removed...)
				cd.Added, cd.Removed = &added, &removed
			}
			pd.Changes = append(pd.Changes, cd)
		}
		d.People.Changed = append(d.People.Changed, pd)
	}
	return d
}

func refs(fs []assess.Finding) []FindingRef {
	out := []FindingRef{}
	for _, f := range fs {
		out = append(out, FindingRef{ID: f.ID, Title: f.Title, Severity: f.Severity, People: f.People})
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
