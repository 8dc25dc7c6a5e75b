package assess

import (
	"slices"
	"sort"
)

// Finding is what one rule found open: a gap (support that is missing) or a
// warning (something worth watching).
type Finding struct {
	ID          string    `yaml:"id" json:"id"`
	Title       string    `yaml:"title" json:"title"`
	Severity    string    `yaml:"severity" json:"severity"`
	Advice      string    `yaml:"advice" json:"advice"`
	Placeholder Placement `yaml:"placeholder" json:"-"`
}

// ruleKind is what one kind of rule does: check its own fields when the
// questionnaire is loaded, and look at a scored circle. Each kind lives in
// a file of its own (rule_*.go); Rule.kind is the one switch that picks it.
type ruleKind interface {
	// validate reports what is wrong with r's kind-specific fields.
	validate(v *validator, q *Questionnaire, systems map[string]bool, r *Rule, path ...any)
	// evaluate reports whether r fires on this circle, and the people its
	// filter matched (none for rules without a filter).
	evaluate(r *Rule, people []ScoredPerson, scores Scores) (fires bool, matched []ScoredPerson)
}

// kind returns the implementation of r's kind; nil for an unknown kind,
// which validation has refused.
func (r *Rule) kind() ruleKind {
	switch r.Kind {
	case KindRequire:
		return requireRule{}
	case KindForbid:
		return forbidRule{}
	case KindScore:
		return scoreRule{}
	}
	return nil
}

// evaluateRules runs every rule and returns the open findings ranked: gaps
// before warnings, then in the questionnaire's order.
func evaluateRules(q *Questionnaire, people []ScoredPerson, scores Scores) []Finding {
	var out []Finding
	for i := range q.Rules {
		r := &q.Rules[i]
		k := r.kind()
		if k == nil {
			continue
		}
		if fires, _ := k.evaluate(r, people, scores); !fires {
			continue
		}
		out = append(out, Finding{ID: r.ID, Title: r.Title, Severity: r.Severity, Advice: r.Advice, Placeholder: r.Placeholder})
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Severity == SeverityGap && out[j].Severity != SeverityGap
	})
	return out
}

// matching returns the people f matches, in circle order.
func (f *Filter) matching(people []ScoredPerson) []ScoredPerson {
	var out []ScoredPerson
	for _, p := range people {
		if f.matches(p) {
			out = append(out, p)
		}
	}
	return out
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
