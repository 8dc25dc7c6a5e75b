package assess

import (
	"slices"
	"sort"
)

// Finding is what one rule found open: a gap (support that is missing) or a
// warning (something worth watching). Its texts never hold a name: Almost
// texts carry "{name}", filled in when the finding is shown, so that
// redaction reaches them.
type Finding struct {
	ID          string    `yaml:"id" json:"id"`
	Kind        string    `yaml:"kind,omitempty" json:"kind,omitempty"`
	Title       string    `yaml:"title" json:"title"`
	Severity    string    `yaml:"severity" json:"severity"`
	Advice      string    `yaml:"advice" json:"advice"`
	Placeholder Placement `yaml:"placeholder" json:"-"`
	// People are the people the rule's filter matched, in circle order:
	// for a firing require rule, those who matched but were too few. Nil
	// in a version-1 result, which did not record them.
	People []string `yaml:"people" json:"people"`
	// Almost, for a require rule, are the people who almost counted.
	Almost []Almost `yaml:"almost,omitempty" json:"almost,omitempty"`
	// Pairs, for a knows rule (questionnaire version 3), are the ties it
	// is about: Name, one of the people it names, knows Knows.
	Pairs []Pair `yaml:"pairs,omitempty" json:"pairs,omitempty"`
}

// Pair is a tie a finding is about. Text says it, with "{name}" and
// "{knows}" for the two names: "{name}, your coach, knows {knows}, your
// manager."
type Pair struct {
	Name  string `yaml:"name" json:"name"`
	Knows string `yaml:"knows" json:"knows"`
	Text  string `yaml:"text" json:"text"`
}

// Almost is a person who almost counted for a require rule: they pass every
// key of its filter the rule does not list, and miss the Unmet ones (in
// filter order). Text says so, with "{name}" for their name.
type Almost struct {
	Name  string   `yaml:"name" json:"name"`
	Unmet []string `yaml:"unmet" json:"unmet"`
	Text  string   `yaml:"text" json:"text"`
}

// Strength is a require rule that holds: what already works, and who
// gives it. Text has "{names}" for the people.
type Strength struct {
	ID     string   `yaml:"id" json:"id"`
	People []string `yaml:"people" json:"people"`
	Text   string   `yaml:"text" json:"text"`
}

// ruleKind is what one kind of rule does: check its own fields when the
// questionnaire is loaded, and look at a scored circle. Each kind lives in
// a file of its own (rule_*.go); Rule.kind is the one switch that picks it.
type ruleKind interface {
	// validate reports what is wrong with r's kind-specific fields.
	validate(v *validator, q *Questionnaire, r *Rule, path ...any)
	// evaluate looks at this circle with r.
	evaluate(r *Rule, people []ScoredPerson, scores Scores) evaluation
}

// evaluation is what a rule saw: whether it fires, the people its filter
// matched (none for rules without a filter), and for a knows rule the
// ties it is about.
type evaluation struct {
	fires   bool
	matched []ScoredPerson
	pairs   []Pair
}

// kind returns the implementation of r's kind; nil for an unknown kind,
// which validation has refused.
func (r *Rule) kind() ruleKind {
	switch r.Kind {
	case KindRequire:
		return requireRule{}
	case KindForbid:
		return forbidRule{}
	case KindCount:
		return countRule{}
	case KindScore:
		return scoreRule{}
	case KindKnows:
		return knowsRule{}
	}
	return nil
}

// evaluateRules runs every rule. It returns the open findings ranked (gaps
// before warnings, then in the questionnaire's order) and, for each
// require rule that holds, the strength it shows.
func evaluateRules(q *Questionnaire, people []ScoredPerson, scores Scores) ([]Finding, []Strength) {
	var findings []Finding
	var strengths []Strength
	for i := range q.Rules {
		r := &q.Rules[i]
		k := r.kind()
		if k == nil {
			continue
		}
		e := k.evaluate(r, people, scores)
		if !e.fires {
			if r.Kind == KindRequire {
				strengths = append(strengths, Strength{ID: r.ID, People: names(e.matched), Text: r.Strength})
			}
			continue
		}
		f := Finding{
			ID: r.ID, Kind: r.Kind, Title: r.Title, Severity: r.Severity, Advice: r.Advice, Placeholder: r.Placeholder,
			People: names(e.matched), Pairs: e.pairs,
		}
		if r.Kind == KindRequire {
			f.Almost = r.almost(people, e.matched)
		}
		findings = append(findings, f)
	}
	sort.SliceStable(findings, func(i, j int) bool {
		return findings[i].Severity == SeverityGap && findings[j].Severity != SeverityGap
	})
	return findings, strengths
}

// almost lists, in circle order, the people who almost satisfy r: they
// pass every key of its filter that Almost does not list and miss one or
// more that it does. Never nil, so that a saved require finding always
// says who almost counted, if only nobody.
func (r *Rule) almost(people, matched []ScoredPerson) []Almost {
	out := []Almost{}
	if r.Almost == nil {
		return out
	}
	listed := r.Almost.Keys()
	for _, p := range people {
		unmet := r.Match.failed(p)
		if len(unmet) == 0 || !allIn(unmet, listed) {
			continue
		}
		out = append(out, Almost{Name: p.Name, Unmet: unmet, Text: r.Almost.text(p, unmet)})
	}
	return out
}

func allIn(keys, set []string) bool {
	for _, k := range keys {
		if !slices.Contains(set, k) {
			return false
		}
	}
	return true
}

// names lists people's names in the order given; never nil.
func names(people []ScoredPerson) []string {
	out := []string{}
	for _, p := range people {
		out = append(out, p.Name)
	}
	return out
}
