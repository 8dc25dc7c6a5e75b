package assess

import (
	"slices"
	"strconv"
	"strings"

	"github.com/circle-cli/circle/assess/prose"
	"github.com/circle-cli/circle/assess/strictyaml"
)

// The keys of a filter, in the order findings list them.
const (
	KeySide         = "side"
	KeyPower        = "power"
	KeySystem       = "system"
	KeyRelationship = "relationship"
	KeyWasPeer      = "was_peer"
	KeyRing         = "ring"
	KeyCandourMin   = "candour_min"
	KeyFrequency    = "frequency"
	KeyFunctionsAny = "functions_any"
)

// FilterKeys lists a filter's keys in filter order: the order in which a
// finding lists the keys a person missed.
var FilterKeys = []string{KeySide, KeyPower, KeySystem, KeyRelationship, KeyWasPeer, KeyRing, KeyCandourMin, KeyFrequency, KeyFunctionsAny}

// uses reports whether the filter tests key.
func (f *Filter) uses(key string) bool {
	switch key {
	case KeySide:
		return len(f.Side) > 0
	case KeyPower:
		return len(f.Power) > 0
	case KeySystem:
		return len(f.System) > 0
	case KeyRelationship:
		return len(f.Relationship) > 0
	case KeyWasPeer:
		return f.WasPeer != nil
	case KeyRing:
		return len(f.Ring) > 0
	case KeyCandourMin:
		return f.CandourMin != nil
	case KeyFrequency:
		return len(f.Frequency) > 0
	case KeyFunctionsAny:
		return len(f.FunctionsAny) > 0
	}
	return false
}

// Keys lists the keys the filter tests, in filter order.
func (f *Filter) Keys() []string {
	var out []string
	for _, k := range FilterKeys {
		if f.uses(k) {
			out = append(out, k)
		}
	}
	return out
}

// passes reports whether p passes the test of one key; a key the filter
// does not use always passes.
func (f *Filter) passes(key string, p ScoredPerson) bool {
	switch key {
	case KeySide:
		return anyOf(f.Side, string(p.Side))
	case KeyPower:
		return anyOf(f.Power, string(p.Power))
	case KeySystem:
		return anyOf(f.System, p.System)
	case KeyRelationship:
		return anyOf(f.Relationship, p.Relationship)
	case KeyWasPeer:
		return f.WasPeer == nil || *f.WasPeer == p.WasPeer
	case KeyRing:
		return anyOf(f.Ring, string(p.Ring))
	case KeyCandourMin:
		return f.CandourMin == nil || p.Candour >= *f.CandourMin
	case KeyFrequency:
		return anyOf(f.Frequency, string(p.Frequency))
	case KeyFunctionsAny:
		if len(f.FunctionsAny) == 0 {
			return true
		}
		for _, fn := range p.Functions {
			if slices.Contains(f.FunctionsAny, fn) {
				return true
			}
		}
		return false
	}
	return true
}

// Offers reports whether the filter selects p, with p's relationship's
// tags from q: for filters that only ask what a person is to the leader
// (side, power, system, relationship), such as who is offered as a former
// peer.
func (f *Filter) Offers(q *Questionnaire, p Person) bool {
	rel, ok := q.Relationship(p.Relationship)
	if !ok {
		return false
	}
	return f.matches(ScoredPerson{Person: p, Side: rel.Side, Power: rel.Power, System: rel.System})
}

// failed lists the keys p fails, in filter order; none when p matches.
func (f *Filter) failed(p ScoredPerson) []string {
	var out []string
	for _, k := range FilterKeys {
		if !f.passes(k, p) {
			out = append(out, k)
		}
	}
	return out
}

func (f *Filter) matches(p ScoredPerson) bool {
	for _, k := range FilterKeys {
		if !f.passes(k, p) {
			return false
		}
	}
	return true
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

// anyOf holds when the filter list is empty (not tested) or contains v.
func anyOf(list []string, v string) bool {
	return len(list) == 0 || slices.Contains(list, v)
}

// answer is p's answer for a filter key, as the words of an almost key
// are keyed: "personal", "quarterly", "3", "true". functions_any has no
// single answer.
func answer(key string, p ScoredPerson) string {
	switch key {
	case KeySide:
		return string(p.Side)
	case KeyPower:
		return string(p.Power)
	case KeySystem:
		return p.System
	case KeyRelationship:
		return p.Relationship
	case KeyWasPeer:
		return strconv.FormatBool(p.WasPeer)
	case KeyRing:
		return string(p.Ring)
	case KeyCandourMin:
		return strconv.Itoa(p.Candour)
	case KeyFrequency:
		return string(p.Frequency)
	}
	return ""
}

// words returns the almost words for key.
func (a *AlmostWords) words(key string) strictyaml.Words {
	switch key {
	case KeySide:
		return a.Side
	case KeyPower:
		return a.Power
	case KeySystem:
		return a.System
	case KeyRelationship:
		return a.Relationship
	case KeyWasPeer:
		return a.WasPeer
	case KeyRing:
		return a.Ring
	case KeyCandourMin:
		return a.CandourMin
	case KeyFrequency:
		return a.Frequency
	case KeyFunctionsAny:
		return a.FunctionsAny
	}
	return nil
}

// Keys lists the keys the almost words are given for, in filter order.
func (a *AlmostWords) Keys() []string {
	var out []string
	for _, k := range FilterKeys {
		if a.words(k) != nil {
			out = append(out, k)
		}
	}
	return out
}

// OtherAnswer is the key of the words said for every answer the words do
// not name.
const OtherAnswer = "other"

// wordsFor picks the words for one answer: its own, else "other", else the
// single text.
func wordsFor(w strictyaml.Words, answer string) string {
	if s, ok := w[answer]; ok && answer != "" {
		return s
	}
	if s, ok := w[OtherAnswer]; ok {
		return s
	}
	return w[""]
}

// text says why p almost counts: the lead, then what each unmet key
// misses, joined as one sentence. "{name}" stays in it, for the name to be
// filled in when the finding is shown.
func (a *AlmostWords) text(p ScoredPerson, unmet []string) string {
	var clauses []string
	for _, k := range unmet {
		if c := strings.TrimSpace(wordsFor(a.words(k), answer(k, p))); c != "" {
			clauses = append(clauses, strings.TrimRight(c, "."))
		}
	}
	// Clauses with commas of their own are kept apart with semicolons.
	missing := JoinAnd(clauses)
	if strings.Contains(strings.Join(clauses, ""), ",") && len(clauses) > 1 {
		missing = strings.Join(clauses[:len(clauses)-1], "; ") + "; and " + clauses[len(clauses)-1]
	}
	lead := strings.TrimRight(strings.TrimSpace(a.Lead), ".")
	switch {
	case lead == "":
		return prose.UpperFirst(missing) + "."
	case missing == "":
		return lead + "."
	}
	return lead + ", but " + missing + "."
}

// JoinAnd joins words as "a", "a and b", "a, b and c".
func JoinAnd(items []string) string { return joinWords(items, "and") }

// joinWords joins words as "a", "a and b", "a, b and c", with conj for
// "and".
func joinWords(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}
