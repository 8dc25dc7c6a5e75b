package assess

import "fmt"

// requireRule fires when fewer than min_count (default 1) people match.
type requireRule struct{}

func (requireRule) validate(v *validator, q *Questionnaire, systems map[string]bool, r *Rule, path ...any) {
	validateFilterRule(v, q, systems, r, path...)
}

func (requireRule) evaluate(r *Rule, people []ScoredPerson, _ Scores) (bool, []ScoredPerson) {
	matched := r.Match.matching(people)
	return len(matched) < r.minCount(), matched
}

// minCount is min_count, 1 when it is not given.
func (r *Rule) minCount() int {
	if r.MinCount != nil {
		return *r.MinCount
	}
	return 1
}

// validateFilterRule checks the fields a rule with a filter has.
func validateFilterRule(v *validator, q *Questionnaire, systems map[string]bool, r *Rule, path ...any) {
	at := func(field string) []any { return append(append([]any{}, path...), field) }
	if r.Match == nil {
		v.add(fmt.Sprintf("a %s rule needs match: the people it looks for", r.Kind), at("kind")...)
	} else {
		v.filter(q, systems, r.Match, at("match")...)
	}
	if r.Score != "" || r.Above != nil || r.Below != nil {
		v.add(fmt.Sprintf("score, above and below belong to score rules, not %s rules", r.Kind), at("kind")...)
	}
	if r.MinCount != nil && (r.Kind != KindRequire || *r.MinCount < 1) {
		v.add("min_count is a whole number of 1 or more, and only for require rules", at("min_count")...)
	}
}
