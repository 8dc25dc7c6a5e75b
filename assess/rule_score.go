package assess

import (
	"fmt"
	"slices"
)

// scoreRule fires when a score passes a bound: above or below it strictly
// (as in version 1), or at least or at most it. A null score never fires,
// nor a circle of fewer than min_people.
type scoreRule struct{}

func (scoreRule) validate(v *validator, q *Questionnaire, r *Rule, path ...any) {
	at := func(field string) []any { return append(append([]any{}, path...), field) }
	if scores := q.ScoreNames(); !slices.Contains(scores, r.Score) {
		v.add(fmt.Sprintf("%q is not a score; use one of %s", r.Score, quoteList(scores)), at("score")...)
	}
	if r.Above == nil && r.Below == nil && r.AtLeast == nil && r.AtMost == nil {
		v.add("a score rule needs a bound that opens it: above, below, at_least or at_most", at("kind")...)
	}
	if r.Match != nil || r.MinCount != nil || r.Count != nil || r.Almost != nil || r.Strength != "" || r.Knows != nil || r.Pair != nil {
		v.add("match, min_count, count, almost, strength, knows and pair belong to rules about people, not score rules", at("kind")...)
	}
	if r.MinPeople != nil && *r.MinPeople < 1 {
		v.add("min_people is a whole number of 1 or more", at("min_people")...)
	}
}

func (scoreRule) evaluate(r *Rule, people []ScoredPerson, scores Scores) evaluation {
	v, ok := scores.Get(r.Score)
	if !ok || v == nil {
		return evaluation{}
	}
	if r.MinPeople != nil && len(people) < *r.MinPeople {
		return evaluation{}
	}
	x := *v
	return evaluation{fires: (r.Above != nil && x > *r.Above) || (r.Below != nil && x < *r.Below) ||
		(r.AtLeast != nil && x >= *r.AtLeast) || (r.AtMost != nil && x <= *r.AtMost)}
}
