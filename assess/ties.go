package assess

import (
	"slices"
	"strings"
)

// Ties are who knows whom among the people in the circle (questionnaire
// version 3). Each person's knows lists others by name, matched as names
// are everywhere (case and spaces aside); a tie is symmetric, so the
// loader joins both directions and saves both, sorted.

// AnswerKnows is who knows whom, as an earlier version's not_asked names
// it: a version that never asked it.
const AnswerKnows = "knows"

// NotAskedAnswers are the answers an earlier version may have never
// asked: a finding that depends on one is new to a comparison across
// the versions.
var NotAskedAnswers = []string{KeyWasPeer, AnswerKnows}

// ties checks the words of the question who knows whom.
func (v *validator) ties(q *Questionnaire) {
	t := q.Ties
	if t == nil {
		return
	}
	if strings.TrimSpace(t.Question) == "" {
		v.add("missing; ask, for each person, which of the others they know ({name} stands for their name)", "ties", "question")
	}
	v.text(t.Question, false, "ties", "question")
	v.text(t.Help, true, "ties", "help")
}

// checkTies reports a knows entry that names no one in the circle, the
// person themselves, or someone twice.
func (a *Answers) checkTies(v *validator) {
	names := map[string]string{}
	for _, p := range a.People {
		names[NameKey(p.Name)] = p.Name
	}
	for i, p := range a.People {
		seen := map[string]bool{}
		for j, k := range p.Knows {
			key := NameKey(k)
			switch {
			case key == NameKey(p.Name):
				v.add("a person cannot know themselves; list the others in this circle they know", "people", i, "knows", j)
			case names[key] == "":
				// Not repeated: the name may be one the leader redacts.
				v.add("names no one in this circle; list people named under people, as they are written there", "people", i, "knows", j)
			case seen[key]:
				v.add("listed twice; list each person once", "people", i, "knows", j)
			}
			seen[key] = true
		}
	}
}

// JoinTies returns people with their ties made symmetric (if A knows B,
// B knows A), each list in the names' circle spelling and sorted, and
// names no one in the circle dropped. The input is not changed.
func JoinTies(people []Person) []Person {
	index := map[string]int{}
	for i, p := range people {
		index[NameKey(p.Name)] = i
	}
	knows := make([]map[int]bool, len(people))
	for i := range people {
		knows[i] = map[int]bool{}
	}
	for i, p := range people {
		for _, k := range p.Knows {
			if j, ok := index[NameKey(k)]; ok && j != i {
				knows[i][j], knows[j][i] = true, true
			}
		}
	}
	out := make([]Person, len(people))
	for i, p := range people {
		p.Knows = nil
		for j := range knows[i] {
			p.Knows = append(p.Knows, people[j].Name)
		}
		slices.SortFunc(p.Knows, func(x, y string) int { return strings.Compare(NameKey(x), NameKey(y)) })
		out[i] = p
	}
	return out
}

// Tie is one pair of people who know each other, in circle order.
type Tie struct{ A, B string }

// Ties lists every tie among people once, the earlier person first, in
// circle order.
func Ties(people []ResultPerson) []Tie {
	index := map[string]int{}
	for i, p := range people {
		index[NameKey(p.Name)] = i
	}
	var out []Tie
	for i, p := range people {
		for _, k := range p.Knows {
			if j, ok := index[NameKey(k)]; ok && j > i {
				out = append(out, Tie{A: p.Name, B: people[j].Name})
			}
		}
	}
	slices.SortFunc(out, func(x, y Tie) int {
		if c := index[NameKey(x.A)] - index[NameKey(y.A)]; c != 0 {
			return c
		}
		return index[NameKey(x.B)] - index[NameKey(y.B)]
	})
	return out
}

// checkKnows checks a saved result's ties: names in the circle, never the
// person themselves.
func (v *validator) checkKnows(r *Result, names map[string]bool) {
	for i, p := range r.People {
		for j, k := range p.Knows {
			switch {
			case NameKey(k) == NameKey(p.Name):
				v.add("a person cannot know themselves; circle never writes this, so the file was edited by hand", "people", i, "knows", j)
			case !names[k]:
				v.add("names someone who is not in this result's people", "people", i, "knows", j)
			}
		}
	}
}
