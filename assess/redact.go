package assess

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
	c.People = make([]ResultPerson, len(r.People))
	for i, p := range r.People {
		p.Functions = append([]string(nil), p.Functions...)
		// Ties name people too, in the same initials, so that they still
		// join the same people.
		p.Knows = rename(p.Knows)
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
	c.Findings = make([]Finding, len(r.Findings))
	for i, f := range r.Findings {
		f.People = rename(f.People)
		if f.Pairs != nil {
			pairs := make([]Pair, len(f.Pairs))
			for j, pr := range f.Pairs {
				pairs[j] = Pair{Name: rename([]string{pr.Name})[0], Knows: rename([]string{pr.Knows})[0]}
			}
			f.Pairs = pairs
		}
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

// RedactText returns s, the leader's own words (a plan step, say), with
// every mention of a person of rs replaced by their redacted name from m
// (RedactNames); a person m lacks becomes "?". A mention is the whole name
// (with any run of spaces between its words) or any single word of it of
// two letters or more, in any case, standing as a word of its own: "ask
// Dana Reyes" and "ask dana" both become "ask DR", while "Danae" is left as
// it is. In a script written without spaces between words (Chinese,
// Japanese, Thai…) a name is replaced wherever it stands.
//
// It errs on the side of replacing too much: a name that is also a word
// ("Will", "Grant") is replaced wherever that word stands. Text that spells
// a name differently (a nickname, a typo) is beyond it.
func RedactText(s string, m map[string]string, rs ...*Result) string {
	type mention struct {
		re    *regexp.Regexp
		size  int
		label string
	}
	var mentions []mention
	seen := map[string]bool{}
	add := func(words []string, label string) {
		key := NameKey(strings.Join(words, " "))
		if seen[key] {
			return // a word two people share: the first one's initials
		}
		seen[key] = true
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = regexp.QuoteMeta(w)
		}
		re := regexp.MustCompile(`^(?i:` + strings.Join(quoted, `\s+`) + `)`)
		mentions = append(mentions, mention{re: re, size: utf8.RuneCountInString(key), label: label})
	}
	for _, r := range rs {
		if r == nil {
			continue
		}
		for _, p := range r.People {
			label, ok := m[NameKey(p.Name)]
			if !ok {
				label = "?"
			}
			words := strings.Fields(p.Name)
			if len(words) == 0 {
				continue
			}
			add(words, label)
			for _, w := range strings.FieldsFunc(p.Name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
				if letters(w) >= 2 {
					add([]string{w}, label)
				}
			}
		}
	}
	if len(mentions) == 0 {
		return s
	}
	// The longest first, so that "Dana Reyes" is one mention, not two.
	slices.SortStableFunc(mentions, func(a, b mention) int { return cmp.Compare(b.size, a.size) })

	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		matched := false
		for _, mn := range mentions {
			loc := mn.re.FindStringIndex(s[i:])
			if loc == nil || !standsAlone(s, i, i+loc[1]) {
				continue
			}
			b.WriteString(s[done:i])
			b.WriteString(mn.label)
			i += loc[1]
			done, matched = i, true
			break
		}
		if !matched {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	b.WriteString(s[done:])
	return b.String()
}

// standsAlone reports whether s[start:end] is a word of its own: no letter
// or digit runs on from it on either side, unless the side is in a script
// written without spaces between words.
func standsAlone(s string, start, end int) bool {
	inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
	if start > 0 {
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		first, _ := utf8.DecodeRuneInString(s[start:])
		if inWord(before) && !unspaced(first) && !unspaced(before) {
			return false
		}
	}
	if end < len(s) {
		after, _ := utf8.DecodeRuneInString(s[end:])
		last, _ := utf8.DecodeLastRuneInString(s[:end])
		if inWord(after) && !unspaced(last) && !unspaced(after) {
			return false
		}
	}
	return true
}

// unspaced reports a letter of a script written without spaces between
// words, where a name can stand between two other letters.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// letters counts the letters in s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
