package assess

import (
	"fmt"
	"strings"
	"unicode"
)

// Redact returns a copy of r in which every person's name is replaced by
// their initials ("Dana Reyes" → "DR"), numbered when two people share them
// ("DR", "DR2"), and the free-text reflection, which may name people, is
// left out. Nothing else in a result is the user's own words: titles and
// advice come from the questionnaire.
//
// Initials take one character per word of the name, so no run of three or
// more characters of a name survives; the rare name whose initials happen
// to spell part of it becomes "Person N".
func Redact(r *Result) *Result {
	out := *r
	out.Reflection = ""
	out.People = make([]ResultPerson, len(r.People))
	taken := map[string]bool{}
	for i, p := range r.People {
		p.Functions = append([]string(nil), p.Functions...)
		p.Name = uniqueLabel(redactedName(p.Name, i), taken)
		out.People[i] = p
	}
	return &out
}

// RedactNames maps each name of r to its redacted form, for outputs that
// show people of several results (a comparison) and must redact them alike.
func RedactNames(rs ...*Result) map[string]string {
	m := map[string]string{}
	taken := map[string]bool{}
	i := 0
	for _, r := range rs {
		for _, p := range r.People {
			key := NameKey(p.Name)
			if _, ok := m[key]; ok {
				continue
			}
			m[key] = uniqueLabel(redactedName(p.Name, i), taken)
			i++
		}
	}
	return m
}

// RedactWith returns a copy of r with names replaced through m (from
// RedactNames) and the reflection left out.
func RedactWith(r *Result, m map[string]string) *Result {
	out := *r
	out.Reflection = ""
	out.People = make([]ResultPerson, len(r.People))
	for i, p := range r.People {
		p.Functions = append([]string(nil), p.Functions...)
		if v, ok := m[NameKey(p.Name)]; ok {
			p.Name = v
		} else {
			p.Name = fmt.Sprintf("Person %d", i+1)
		}
		out.People[i] = p
	}
	return &out
}

func redactedName(name string, i int) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '.' }) {
		for _, r := range word {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToUpper(r))
				break
			}
		}
	}
	initials := b.String()
	if initials == "" || leaks(initials, name) {
		return fmt.Sprintf("Person %d", i+1)
	}
	return initials
}

// leaks reports whether s contains three or more consecutive characters of
// name, ignoring case.
func leaks(s, name string) bool {
	rs, n := []rune(strings.ToLower(s)), strings.ToLower(name)
	for i := 0; i+3 <= len(rs); i++ {
		if strings.Contains(n, string(rs[i:i+3])) {
			return true
		}
	}
	return false
}

func uniqueLabel(label string, taken map[string]bool) string {
	candidate := label
	for n := 2; taken[candidate]; n++ {
		candidate = fmt.Sprintf("%s%d", label, n)
	}
	taken[candidate] = true
	return candidate
}
