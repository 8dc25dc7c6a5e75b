package assess

import (
	"fmt"
	"slices"
)

// scoreRule fires when a score passes a bound; a null score never fires.
type scoreRule struct{}

func (scoreRule) validate(v *validator, q *Questionnaire, _ map[string]bool, r *Rule, path ...any) {
	at := func(field string) []any { return append(append([]any{}, path...), field) }
	if scores := q.ScoreNames(); !slices.Contains(scores, r.Score) {
		v.add(fmt.Sprintf("%q is not a score; use one of %s", r.Score, quoteList(scores)), at("score")...)
	}
	if r.Above == nil && r.Below == nil {
		v.add("a score rule needs above or below: the bound that opens it", at("kind")...)
	}
	if r.Match != nil || r.MinCount != nil {
		v.add("match and min_count belong to require and forbid rules, not score rules", at("kind")...)
	}
}

func (scoreRule) evaluate(r *Rule, _ []ScoredPerson, scores Scores) (bool, []ScoredPerson) {
	v, ok := scores.Get(r.Score)
	if !ok || v == nil {
		return false, nil
	}
	return (r.Above != nil && *v > *r.Above) || (r.Below != nil && *v < *r.Below), nil
}
