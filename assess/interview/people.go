package interview

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/prose"
)

// generator asks one name generator: first which of the people named so far
// belong here, then for new names, one at a time.
func (iv *Interview) generator(d *Draft, i int, g assess.Generator) error {
	q := iv.Q
	question := fmt.Sprintf("(%d/%d) %s", i+1, len(q.Generators), g.Question)
	already := d.Named[g.ID]
	// Offered again: the people named earlier in this interview. People
	// carried from last time were described already.
	var offered []int
	for _, j := range d.currentIndex() {
		if j >= d.Carried {
			offered = append(offered, j)
		}
	}
	if len(offered) > 0 {
		names := make([]string, len(offered))
		var ticked []int
		for k, j := range offered {
			names[k] = d.Answers.People[j].Name
			if containsKey(already, names[k]) {
				ticked = append(ticked, k)
			}
		}
		picked, err := iv.P.MultiSelect(question, "Tick anyone already named (space), then Enter. New names come next.", names, ticked)
		if err != nil {
			return err
		}
		for _, k := range picked {
			iv.link(d, g, offered[k])
		}
		if err := iv.save(d); err != nil {
			return err
		}
		question = "Anyone else? (a new name, or Enter to go on)"
	}
	for {
		added, err := iv.newName(d, question, g.Help, &g)
		if err != nil || !added {
			return err
		}
		question = "Anyone else? (a new name, or Enter to go on)"
	}
}

// newName asks for one name and puts them in the circle, named by
// generator g when it is not nil. It reports false when the leader
// pressed Enter on an empty line, or the circle is full.
func (iv *Interview) newName(d *Draft, question, help string, g *assess.Generator) (bool, error) {
	name, err := iv.P.Input(question, help, "", validName)
	if err != nil {
		return false, err
	}
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return false, nil
	}
	j := d.find(name)
	switch {
	case j >= 0 && d.dropped(j):
		// Back after all: undo "no longer", and ask about them afresh.
		d.undrop(j)
		fmt.Fprintf(iv.Out, "  %s is back in your circle.\n", d.Answers.People[j].Name)
	case j >= 0:
		fmt.Fprintf(iv.Out, "  %s is already in your circle; noted here too.\n", d.Answers.People[j].Name)
	case len(d.currentIndex()) >= assess.MaxPeople:
		fmt.Fprintf(iv.Out, "  That is %d people, as many as circle takes.\n", assess.MaxPeople)
		return false, nil
	default:
		j = d.add(assess.Person{Name: name})
	}
	if g != nil {
		iv.link(d, *g, j)
	}
	return true, iv.save(d)
}

// link records that generator g named person j, and pre-ticks the
// generator's functions for them.
func (iv *Interview) link(d *Draft, g assess.Generator, j int) {
	p := &d.Answers.People[j]
	if d.Named == nil {
		d.Named = map[string][]string{}
	}
	if !containsKey(d.Named[g.ID], p.Name) {
		d.Named[g.ID] = append(d.Named[g.ID], p.Name)
	}
	for _, f := range g.Functions {
		if !slices.Contains(p.Functions, f) {
			p.Functions = append(p.Functions, f)
		}
	}
	p.Functions = iv.inOrder(p.Functions)
}

// inOrder sorts function ids in the questionnaire's order.
func (iv *Interview) inOrder(fns []string) []string {
	var out []string
	for _, f := range iv.Q.Functions {
		if slices.Contains(fns, f.ID) {
			out = append(out, f.ID)
		}
	}
	return out
}

// personField asks one per-person question about person i, starting at
// their current answer.
func (iv *Interview) personField(d *Draft, i int, field string) error {
	q := iv.Q
	p := &d.Answers.People[i]
	name := func(prompt string) string { return strings.ReplaceAll(prompt, "{name}", p.Name) }
	switch field {
	case fieldRelationship:
		rel, err := choose(iv.P, name(q.Person.Relationship), "", q.Relationships, func(r assess.Relationship) string {
			if r.Label == "" {
				return r.ID
			}
			return r.Label
		}, func(r assess.Relationship) bool { return r.ID == p.Relationship }, 0)
		if err != nil {
			return err
		}
		p.Relationship = rel.ID
		if rel.Side == assess.External {
			// Only someone inside can have been a peer.
			p.WasPeer = false
		}
	case fieldRing:
		r, err := choose(iv.P, name(q.Person.Ring), "", assess.Rings, q.RingLabel, func(r assess.Ring) bool { return r == p.Ring }, 1)
		if err != nil {
			return err
		}
		p.Ring = r
	case fieldFrequency:
		f, err := choose(iv.P, name(q.Person.Frequency), "", assess.Frequencies, q.FrequencyLabel, func(f assess.Frequency) bool { return f == p.Frequency }, 1)
		if err != nil {
			return err
		}
		p.Frequency = f
	case fieldCandour:
		labels := q.CandourLabels()
		// The help is part of the question, not behind "?": the leader
		// should see who counts as a confidant while choosing.
		msg := name(q.Person.Candour)
		if help := strings.TrimSpace(q.CandourHelp()); help != "" {
			msg += " (" + strings.TrimSuffix(help, ".") + ".)"
		}
		c, err := choose(iv.P, msg, "", []int{1, 2, 3, 4, 5}, func(c int) string { return labels[c-1] },
			func(c int) bool { return c == p.Candour }, 2)
		if err != nil {
			return err
		}
		p.Candour = c
	case fieldFunctions:
		labels := make([]string, len(q.Functions))
		var ticked []int
		for j, f := range q.Functions {
			labels[j] = q.FunctionLabel(f.ID)
			if slices.Contains(p.Functions, f.ID) {
				ticked = append(ticked, j)
			}
		}
		picked, err := iv.P.MultiSelect(name(q.Person.Functions), "", labels, ticked)
		if err != nil {
			return err
		}
		p.Functions = []string{}
		for _, j := range picked {
			p.Functions = append(p.Functions, q.Functions[j].ID)
		}
	}
	return nil
}

// describe sums up a person's answers in a few words: "your manager, the
// person you report to; middle circle; 20 or more times a year; candour 2 ·
// careful".
func (iv *Interview) describe(p assess.Person) string {
	return strings.Join([]string{iv.fieldWords(p, fieldRelationship), iv.fieldWords(p, fieldRing) + " circle",
		iv.fieldWords(p, fieldFrequency), "candour " + iv.fieldWords(p, fieldCandour)}, "; ")
}

// fieldWords is one answer about a person in words that sit inside a
// sentence.
func (iv *Interview) fieldWords(p assess.Person, field string) string {
	q := iv.Q
	switch field {
	case fieldRelationship:
		rel := p.Relationship
		if r, ok := q.Relationship(p.Relationship); ok && r.Label != "" {
			rel = prose.LowerFirst(r.Label)
		}
		if p.WasPeer {
			rel += ", once your peer"
		}
		return rel
	case fieldRing:
		return string(p.Ring)
	case fieldFrequency:
		freq, _, _ := strings.Cut(q.FrequencyLabel(p.Frequency), " (")
		return prose.LowerFirst(freq)
	case fieldCandour:
		candour := strconv.Itoa(p.Candour)
		if labels := q.CandourLabels(); p.Candour >= assess.MinAnswer && p.Candour <= len(labels) {
			// "3 · Fairly open: …" reads "3 · fairly open" inside a sentence.
			candour, _, _ = strings.Cut(labels[p.Candour-1], ":")
			if n, words, ok := strings.Cut(candour, " · "); ok {
				candour = n + " · " + prose.LowerFirst(words)
			}
		}
		return candour
	case fieldFunctions:
		var words []string
		for _, f := range p.Functions {
			words = append(words, prose.LowerFirst(q.FunctionLabel(f)))
		}
		if len(words) == 0 {
			return "nothing ticked"
		}
		return strings.Join(words, ", ")
	}
	return ""
}
