package assess

import (
	"fmt"
	"slices"
	"strings"
)

// knowsRule fires when someone who matches match knows someone who
// matches knows: a confidant at a professional distance who knows the
// leader's manager. It names the people who match and know someone, and
// says each such tie as a pair. A circle whose ties were not asked has
// none, so the rule never fires there.
type knowsRule struct{}

// The placeholders of a pair's text: the two names are filled in when the
// finding is shown (see Pair), the roles when it is found.
const (
	PairName      = "{name}"
	PairKnows     = "{knows}"
	pairNameRole  = "{name_role}"
	pairKnowsRole = "{knows_role}"
)

func (knowsRule) validate(v *validator, q *Questionnaire, r *Rule, path ...any) {
	validateFilterRule(v, q, r, path...)
	at := func(more ...any) []any { return append(append([]any{}, path...), more...) }
	if r.Knows == nil {
		v.add("a knows rule needs knows: whom someone who matches must know for it to open, such as {power: [over]}", at("kind")...)
	} else {
		v.filter(q, r.Knows, at("knows")...)
	}
	p := r.Pair
	if p == nil {
		v.add("a knows rule needs pair: {text}, the words for each tie it finds, with {name} and {knows} for the two names", at("kind")...)
		return
	}
	v.text(p.Text, false, at("pair", "text")...)
	if !strings.Contains(p.Text, PairName) || !strings.Contains(p.Text, PairKnows) {
		v.add("say who knows whom: the text needs {name} (the person the rule names) and {knows} (whom they know)", at("pair", "text")...)
	}
	for _, id := range sortedKeys(p.Roles) {
		where := at("pair", "roles", id)
		if id == "" {
			where = at("pair", "roles")
		}
		v.text(p.Roles[id], false, where...)
		if _, ok := q.Relationship(id); !ok && id != "" && id != OtherAnswer {
			v.add(fmt.Sprintf("%q is not a relationship this questionnaire defines; use one of %s, or other", id, q.relationshipIDs()), where...)
		}
	}
	for _, role := range []struct {
		placeholder string
		f           *Filter
	}{{pairNameRole, r.Match}, {pairKnowsRole, r.Knows}} {
		if !strings.Contains(p.Text, role.placeholder) || role.f == nil {
			continue
		}
		var bare []string
		for _, rel := range q.Relationships {
			if offersRelationship(role.f, rel) && strings.TrimSpace(wordsFor(p.Roles, rel.ID)) == "" {
				bare = append(bare, rel.ID)
			}
		}
		if len(bare) > 0 {
			v.add(fmt.Sprintf("the text says %s, but roles has no words for %s; add them, or other: for every relationship not named", role.placeholder, quoteList(bare)), at("pair")...)
		}
	}
}

// offersRelationship reports whether someone of relationship rel can
// match f: whether rel passes the keys of f that ask what a person is to
// the leader.
func offersRelationship(f *Filter, rel Relationship) bool {
	p := ScoredPerson{Person: Person{Relationship: rel.ID}, Side: rel.Side, Power: rel.Power, System: rel.System}
	for _, k := range []string{KeySide, KeyPower, KeySystem, KeyRelationship} {
		if !f.passes(k, p) {
			return false
		}
	}
	return true
}

func (knowsRule) evaluate(r *Rule, people []ScoredPerson, _ Scores) evaluation {
	index := map[string]int{}
	for i, p := range people {
		index[NameKey(p.Name)] = i
	}
	var e evaluation
	for _, p := range r.Match.matching(people) {
		// Whom they know, in circle order.
		var known []int
		for _, k := range p.Knows {
			if j, ok := index[NameKey(k)]; ok && r.Knows.matches(people[j]) {
				known = append(known, j)
			}
		}
		if len(known) == 0 {
			continue
		}
		slices.Sort(known)
		e.matched = append(e.matched, p)
		for _, j := range known {
			e.pairs = append(e.pairs, Pair{Name: p.Name, Knows: people[j].Name, Text: r.Pair.text(p, people[j])})
		}
	}
	e.fires = len(e.pairs) > 0
	return e
}

// text says one tie: the roles filled in, the names left for when the
// finding is shown.
func (w *PairWords) text(p, knows ScoredPerson) string {
	return strings.NewReplacer(
		pairNameRole, wordsFor(w.Roles, p.Relationship),
		pairKnowsRole, wordsFor(w.Roles, knows.Relationship),
	).Replace(w.Text)
}
