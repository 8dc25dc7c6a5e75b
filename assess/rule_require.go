package assess

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// requireRule fires when fewer than min_count (default 1) people match.
// When it holds, it is a strength: the people who satisfy it; when it
// fires, it says who almost counted (see Rule.almost).
type requireRule struct{}

func (requireRule) validate(v *validator, q *Questionnaire, r *Rule, path ...any) {
	validateFilterRule(v, q, r, path...)
	at := func(more ...any) []any { return append(append([]any{}, path...), more...) }
	if r.MinCount != nil && *r.MinCount < 1 {
		v.add("min_count is a whole number of 1 or more", at("min_count")...)
	}
	if r.Almost != nil && r.Match != nil {
		used := r.Match.Keys()
		for _, k := range r.Almost.Keys() {
			if !slices.Contains(used, k) {
				v.add(fmt.Sprintf("%s is not a key of this rule's match; almost can only name keys the rule tests (%s)", k, strings.Join(used, ", ")), at("almost", k)...)
				continue
			}
			v.almostWords(q, r.Match, k, r.Almost.words(k), at("almost", k)...)
		}
	}
}

func (requireRule) evaluate(r *Rule, people []ScoredPerson, _ Scores) evaluation {
	matched := r.Match.matching(people)
	return evaluation{fires: len(matched) < r.minCount(), matched: matched}
}

// minCount is min_count, 1 when it is not given.
func (r *Rule) minCount() int {
	if r.MinCount != nil {
		return *r.MinCount
	}
	return 1
}

// validateFilterRule checks what every rule with a filter (require, forbid,
// count, knows) has, and that it has nothing that belongs to another kind.
func validateFilterRule(v *validator, q *Questionnaire, r *Rule, path ...any) {
	at := func(field string) []any { return append(append([]any{}, path...), field) }
	if r.Match == nil {
		v.add(fmt.Sprintf("a %s rule needs match: the people it looks for", r.Kind), at("kind")...)
	} else {
		v.filter(q, r.Match, at("match")...)
	}
	if r.Score != "" || r.Above != nil || r.Below != nil || r.AtLeast != nil || r.AtMost != nil || r.MinPeople != nil {
		v.add(fmt.Sprintf("score, above, below, at_least, at_most and min_people belong to score rules, not %s rules", r.Kind), at("kind")...)
	}
	if r.MinCount != nil && r.Kind != KindRequire {
		v.add("min_count is only for require rules", at("min_count")...)
	}
	if r.Count != nil && r.Kind != KindCount {
		v.add("count is only for count rules", at("count")...)
	}
	if r.Almost != nil && r.Kind != KindRequire {
		v.add("almost is only for require rules: who almost counted for something required", at("almost")...)
	}
	if r.Strength != "" && r.Kind != KindRequire {
		v.add("strength is only for require rules: what is said when the rule holds", at("strength")...)
	}
	if r.Knows != nil && r.Kind != KindKnows {
		v.add("knows is only for knows rules: whom someone who matches must know", at("knows")...)
	}
	if r.Pair != nil && r.Kind != KindKnows {
		v.add("pair is only for knows rules: the words for each tie the rule finds", at("pair")...)
	}
}

// almostWords checks the words an almost key gives: that they are plain
// text, that each answer they name is one the key can fail on, and that
// every answer that fails the key has words.
func (v *validator) almostWords(q *Questionnaire, f *Filter, key string, w map[string]string, path ...any) {
	failing := failingAnswers(q, f, key)
	for _, a := range sortedKeys(w) {
		at := append(append([]any{}, path...), a)
		if a == "" {
			at = path
		}
		v.text(w[a], false, at...)
		if a != "" && a != OtherAnswer && !slices.Contains(failing, a) {
			v.add(fmt.Sprintf("%q is not an answer that misses %s here; name one of %s, or use other", a, key, quoteList(failing)), at...)
		}
	}
	if key == KeyFunctionsAny && w[""] == "" {
		v.add("functions_any has no single answer: give one text", path...)
		return
	}
	var bare []string
	for _, a := range failing {
		if strings.TrimSpace(wordsFor(w, a)) == "" {
			bare = append(bare, a)
		}
	}
	if len(bare) > 0 {
		v.add(fmt.Sprintf("no words for a person whose answer is %s; add them, or other: for every answer not named", quoteList(bare)), path...)
	}
}

// failingAnswers lists the answers that fail key in f; functions_any has
// one, "", since a person's functions are not one answer.
func failingAnswers(q *Questionnaire, f *Filter, key string) []string {
	not := func(all, in []string) []string {
		var out []string
		for _, a := range all {
			if !slices.Contains(in, a) {
				out = append(out, a)
			}
		}
		return out
	}
	strs := func(xs ...string) []string { return xs }
	switch key {
	case KeySide:
		return not(strs(string(Internal), string(External)), f.Side)
	case KeyPower:
		return not(strs(string(PowerOver), string(PowerUnder), string(PowerNone)), f.Power)
	case KeySystem:
		var systems []string
		for _, r := range q.Relationships {
			if !slices.Contains(systems, r.System) {
				systems = append(systems, r.System)
			}
		}
		return not(systems, f.System)
	case KeyRelationship:
		var ids []string
		for _, r := range q.Relationships {
			ids = append(ids, r.ID)
		}
		return not(ids, f.Relationship)
	case KeyWasPeer:
		if f.WasPeer == nil {
			return nil
		}
		return strs(strconv.FormatBool(!*f.WasPeer))
	case KeyRing:
		return not(strs(string(Inner), string(Middle), string(Outer)), f.Ring)
	case KeyCandourMin:
		var out []string
		for c := MinAnswer; f.CandourMin != nil && c < *f.CandourMin; c++ {
			out = append(out, strconv.Itoa(c))
		}
		return out
	case KeyFrequency:
		return not(strs(string(Weekly), string(Monthly), string(Quarterly), string(Rarely)), f.Frequency)
	}
	return strs("")
}
