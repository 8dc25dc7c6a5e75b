package assess

import (
	"slices"
	"sort"
)

// Gap is an open finding of a gap rule: a gap, or a warning.
type Gap struct {
	ID          string    `yaml:"id" json:"id"`
	Title       string    `yaml:"title" json:"title"`
	Severity    string    `yaml:"severity" json:"severity"`
	Advice      string    `yaml:"advice" json:"advice"`
	Placeholder Placement `yaml:"placeholder" json:"-"`
}

// evaluateRules runs every rule and returns the open findings ranked: gaps
// before warnings, then in the questionnaire's order.
func evaluateRules(q *Questionnaire, people []ScoredPerson, scores Scores) []Gap {
	var gaps []Gap
	for _, r := range q.Rules {
		if r.fires(people, scores) {
			gaps = append(gaps, Gap{ID: r.ID, Title: r.Title, Severity: r.Severity, Advice: r.Advice, Placeholder: r.Placeholder})
		}
	}
	sort.SliceStable(gaps, func(i, j int) bool {
		return gaps[i].Severity == SeverityGap && gaps[j].Severity != SeverityGap
	})
	return gaps
}

func (r Rule) fires(people []ScoredPerson, scores Scores) bool {
	switch r.Kind {
	case KindRequire:
		min := 1
		if r.MinCount != nil {
			min = *r.MinCount
		}
		return r.Match.count(people) < min
	case KindForbid:
		return r.Match.count(people) > 0
	case KindScore:
		v, ok := scores.Get(r.Score)
		if !ok || v == nil {
			return false
		}
		return (r.Above != nil && *v > *r.Above) || (r.Below != nil && *v < *r.Below)
	}
	return false
}

func (f *Filter) count(people []ScoredPerson) int {
	n := 0
	for _, p := range people {
		if f.matches(p) {
			n++
		}
	}
	return n
}

func (f *Filter) matches(p ScoredPerson) bool {
	if f.Power != nil && *f.Power != p.Power {
		return false
	}
	if f.CandourMin != nil && p.Candour < *f.CandourMin {
		return false
	}
	if !anyOf(f.Side, string(p.Side)) || !anyOf(f.System, p.System) || !anyOf(f.Relationship, p.Relationship) ||
		!anyOf(f.Ring, string(p.Ring)) || !anyOf(f.Frequency, string(p.Frequency)) {
		return false
	}
	if len(f.FunctionsAny) > 0 {
		for _, fn := range p.Functions {
			if slices.Contains(f.FunctionsAny, fn) {
				return true
			}
		}
		return false
	}
	return true
}

// anyOf holds when the filter list is empty (not tested) or contains v.
func anyOf(list []string, v string) bool {
	return len(list) == 0 || slices.Contains(list, v)
}
