package assess

// countRule fires when the number of people who match lies within its
// count (min and max inclusive, either left out), and names them.
type countRule struct{}

func (countRule) validate(v *validator, q *Questionnaire, r *Rule, path ...any) {
	validateFilterRule(v, q, r, path...)
	at := func(more ...any) []any { return append(append([]any{}, path...), more...) }
	c := r.Count
	switch {
	case c == nil || (c.Min == nil && c.Max == nil):
		v.add("a count rule needs count: {min, max}, the numbers of matching people that open it (either may be left out)", at("count")...)
	case c.Min != nil && *c.Min < 0:
		v.add("min is a whole number of 0 or more", at("count", "min")...)
	case c.Max != nil && *c.Max < 0:
		v.add("max is a whole number of 0 or more", at("count", "max")...)
	case c.Min != nil && c.Max != nil && *c.Min > *c.Max:
		v.add("min is larger than max, so the rule could never fire", at("count")...)
	}
}

func (countRule) evaluate(r *Rule, people []ScoredPerson, _ Scores) evaluation {
	matched := r.Match.matching(people)
	n := len(matched)
	c := r.Count
	fires := (c.Min == nil || n >= *c.Min) && (c.Max == nil || n <= *c.Max)
	return evaluation{fires: fires, matched: matched}
}
