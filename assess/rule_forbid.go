package assess

// forbidRule fires when anyone matches, and names them.
type forbidRule struct{}

func (forbidRule) validate(v *validator, q *Questionnaire, r *Rule, path ...any) {
	validateFilterRule(v, q, r, path...)
}

func (forbidRule) evaluate(r *Rule, people []ScoredPerson, _ Scores) evaluation {
	matched := r.Match.matching(people)
	return evaluation{fires: len(matched) > 0, matched: matched}
}
