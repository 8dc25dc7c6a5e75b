package assess

import (
	"fmt"
	"slices"
)

// Answers returns the answers a result was taken with, as they read in q:
// relationships q no longer has become what q's earlier section says they
// are now (former_peer: other_internal, was a peer), functions and
// statements q does not have are left out. An answer q cannot read at all
// (a relationship it neither has nor maps) is an error: it is never scored
// as something else.
func (r *Result) Answers(q *Questionnaire) (*Answers, error) {
	a := &Answers{
		Questionnaire: q.ID,
		TakenAt:       r.TakenAt,
		Scales:        map[string]int{},
		Calibration:   r.Calibration,
		Reflection:    r.Reflection,
		TiesAsked:     r.TiesAsked,
	}
	for _, p := range r.People {
		now, ok := q.MapRelationship(p.Relationship)
		if !ok {
			return nil, fmt.Errorf("%s: %q is not a relationship %s version %d can read", r.ID, p.Relationship, q.ID, q.Version)
		}
		person := Person{
			Name: p.Name, Relationship: now.Relationship, WasPeer: p.WasPeer || now.WasPeer,
			Ring: p.Ring, Frequency: p.Frequency, Candour: p.Candour, Functions: []string{},
			Knows: p.Knows,
		}
		if rel, _ := q.Relationship(now.Relationship); rel.Side == External {
			person.WasPeer = false
		}
		for _, f := range p.Functions {
			if q.HasFunction(f) {
				person.Functions = append(person.Functions, f)
			}
		}
		a.People = append(a.People, person)
	}
	for _, it := range q.Likert.Items {
		if v, ok := r.Scales[it.ID]; ok {
			a.Scales[it.ID] = v
		}
	}
	return a, nil
}

// Reevaluate scores a result's saved answers again with q: the same
// result, id and time, with q's scores and findings. The saved result is
// not changed.
func Reevaluate(r *Result, q *Questionnaire) (*Result, error) {
	a, err := r.Answers(q)
	if err != nil {
		return nil, err
	}
	out := NewResult(q, a, r.TakenAt)
	out.ID = r.ID
	return out, nil
}

// spansVersions reports the built-in questionnaire that results of more
// than one of its versions share, evaluated at today's version: nil when
// the results all have one version, or are not of a built-in
// questionnaire.
func spansVersions(results ...*Result) *Questionnaire {
	if len(results) == 0 {
		return nil
	}
	id := results[0].Questionnaire.ID
	versions := map[int]bool{}
	for _, r := range results {
		if r.Questionnaire.ID != id {
			return nil
		}
		versions[r.Questionnaire.Version] = true
	}
	if len(versions) < 2 {
		return nil
	}
	return Current(id)
}

// EvaluateAlike returns results that can be set side by side: when they
// span versions of one built-in questionnaire, every one evaluated with the
// version circle ships today, from its saved answers (with evaluatedWith
// that version); otherwise the results as saved and nil.
func EvaluateAlike(results []*Result) (out []*Result, evaluatedWith *Questionnaire) {
	q := spansVersions(results...)
	if q == nil {
		return results, nil
	}
	out = make([]*Result, len(results))
	for i, r := range results {
		e, err := Reevaluate(r, q)
		if err != nil {
			return results, nil
		}
		out[i] = e
	}
	return out, q
}

// notAsked lists the answers that some version among results never asked,
// as today's q records them (its earlier section).
func notAsked(q *Questionnaire, results ...*Result) []string {
	var out []string
	for _, r := range results {
		if e := q.EarlierVersion(r.Questionnaire.Version); e != nil {
			for _, a := range e.NotAsked {
				if !slices.Contains(out, a) {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// dependsOn reports whether rule r looks at an answer in keys: a filter
// key (was_peer), or who knows whom, which a knows rule looks at and a
// score rule on a tie measure too.
func (r *Rule) dependsOn(keys []string) bool {
	for _, k := range keys {
		switch {
		case k == AnswerKnows && (r.Kind == KindKnows || slices.Contains(TieScores, r.Score)):
			return true
		case r.Match != nil && r.Match.uses(k), r.Knows != nil && r.Knows.uses(k):
			return true
		}
	}
	return false
}
