package assess

import (
	"strconv"
	"strings"
	"unicode"
)

// Redact returns a copy of r that is safe to show or share: every name
// becomes initials, in the people and in every finding and strength that
// names them, and the free-text reflection, which may mention people, is
// left out. Nothing else in a result is the user's own words: titles,
// advice and the texts of findings come from the questionnaire, with
// {name} where a name is filled in when shown. r itself is not changed.
//
// Initials are the first letter of the first and of the last word of the
// name, upper-cased: "Dana Reyes" is DR, "María José Núñez" MN, "Madonna" M,
// "李明" 李 (a name written without spaces gives its first character). A
// name with no letter at all becomes "?". When two people share initials,
// the second is DR2, the third DR3, in the order they were entered.
//
// Initials are never more than two letters, so they cannot contain a
// three-letter piece of anyone's name; a numbered form such as DR2 is
// skipped for the next number in the rare case that it appears in some
// name (Dr2 Smith), so no output shows three or more characters in a row of
// a name.
func Redact(r *Result) *Result {
	if r == nil {
		return nil
	}
	return RedactWith(r, RedactNames(r))
}

// RedactNames maps each person of the given results (by NameKey) to their
// redacted name, numbering shared initials across all of them, so that a
// comparison of two results redacts the same person alike in both.
func RedactNames(rs ...*Result) map[string]string {
	// Every three characters in a row of every name, once: a numbered
	// label is checked against this set, not against every name, so that
	// many people sharing initials cost no more than many who do not.
	pieces := map[string]bool{}
	for _, r := range rs {
		for _, p := range r.People {
			rs := []rune(strings.ToLower(p.Name))
			for i := 0; i+3 <= len(rs); i++ {
				pieces[string(rs[i:i+3])] = true
			}
		}
	}
	m := map[string]string{}
	used := map[string]bool{}
	next := map[string]int{} // the next number to try after each initials
	for _, r := range rs {
		for _, p := range r.People {
			key := NameKey(p.Name)
			if _, ok := m[key]; ok {
				continue
			}
			base := initials(p.Name)
			label := base
			if used[label] {
				n := max(next[base], 2)
				for {
					label = base + strconv.Itoa(n)
					n++
					if !used[label] && !leaks(label, pieces) {
						break
					}
				}
				next[base] = n
			}
			used[label] = true
			m[key] = label
		}
	}
	return m
}

// RedactWith returns a copy of r with names replaced through m (from
// RedactNames) and the reflection left out. A name m lacks becomes "?".
func RedactWith(r *Result, m map[string]string) *Result {
	c := *r
	c.Reflection = ""
	// Plan steps are the leader's own words, like the note: the finding
	// and the day stay, the words go.
	c.Plan = nil
	for _, s := range r.Plan {
		s.Step = ""
		c.Plan = append(c.Plan, s)
	}
	c.FollowUp = nil
	for _, f := range r.FollowUp {
		f.Step = ""
		c.FollowUp = append(c.FollowUp, f)
	}
	c.People = make([]ResultPerson, len(r.People))
	for i, p := range r.People {
		p.Functions = append([]string(nil), p.Functions...)
		if v, ok := m[NameKey(p.Name)]; ok {
			p.Name = v
		} else {
			p.Name = "?"
		}
		c.People[i] = p
	}
	c.Scales = make(map[string]int, len(r.Scales))
	for k, v := range r.Scales {
		c.Scales[k] = v
	}
	c.Scores = append(Scores(nil), r.Scores...)
	c.Coverage = append([]Coverage(nil), r.Coverage...)
	rename := func(names []string) []string {
		if names == nil {
			return nil
		}
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = "?"
			if v, ok := m[NameKey(n)]; ok {
				out[i] = v
			}
		}
		return out
	}
	c.Findings = make([]Finding, len(r.Findings))
	for i, f := range r.Findings {
		f.People = rename(f.People)
		if f.Almost != nil {
			almost := make([]Almost, len(f.Almost))
			for j, a := range f.Almost {
				a.Name = rename([]string{a.Name})[0]
				a.Unmet = append([]string(nil), a.Unmet...)
				almost[j] = a
			}
			f.Almost = almost
		}
		c.Findings[i] = f
	}
	if r.Strengths != nil {
		c.Strengths = make([]Strength, len(r.Strengths))
		for i, s := range r.Strengths {
			s.People = rename(s.People)
			c.Strengths[i] = s
		}
	}
	return &c
}

// initials is the first letter of the first and the last word of a name.
func initials(name string) string {
	var letters []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters = append(letters, unicode.ToUpper(r))
				break
			}
		}
	}
	switch len(letters) {
	case 0:
		return "?"
	case 1:
		return string(letters)
	}
	return string([]rune{letters[0], letters[len(letters)-1]})
}

// leaks reports whether any three characters in a row of label are among
// the pieces of names (lower-cased, see RedactNames).
func leaks(label string, pieces map[string]bool) bool {
	rs := []rune(strings.ToLower(label))
	for i := 0; i+3 <= len(rs); i++ {
		if pieces[string(rs[i:i+3])] {
			return true
		}
	}
	return false
}
