package interview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/circle-cli/circle/assess"
)

// The tie question (questionnaire version 3): who among the people knows
// whom. Each person is asked about the people after them only, so that
// each pair is asked once: n − 1 questions, not n(n − 1)/2.

func tiesKey(id string) string { return "ties:" + id }

// asksTies reports whether the questionnaire asks who knows whom.
func (iv *Interview) asksTies() bool { return iv.Q.Ties != nil && iv.Q.Ties.Question != "" }

// tiesSteps are the tie questions for the circle as it stands: one per
// person but the last.
func (iv *Interview) tiesSteps(d *Draft) []Step {
	if !iv.asksTies() {
		return nil
	}
	current := d.currentIndex()
	var steps []Step
	for k := 0; k+1 < len(current); k++ {
		i, later := current[k], current[k+1:]
		steps = append(steps, Step{Key: tiesKey(d.id(i)), Section: secTies, Ask: func(d *Draft) (bool, error) {
			return true, iv.knows(d, i, later)
		}})
	}
	return steps
}

// knows asks which of the later people person i knows. Last time's ties
// (or this interview's answer, on the review) are ticked at the start.
func (iv *Interview) knows(d *Draft, i int, later []int) error {
	p := d.Answers.People[i]
	names := make([]string, len(later))
	var ticked []int
	for k, j := range later {
		names[k] = d.Answers.People[j].Name
		if containsKey(p.Knows, names[k]) || containsKey(d.Answers.People[j].Knows, p.Name) {
			ticked = append(ticked, k)
		}
	}
	msg := strings.ReplaceAll(iv.Q.Ties.Question, "{name}", p.Name)
	picked, err := iv.P.MultiSelect(msg, iv.Q.Ties.Help, names, ticked)
	if err != nil {
		return err
	}
	for k, j := range later {
		setTie(d, i, j, slices.Contains(picked, k))
	}
	return nil
}

// setTie records (or removes) the tie between persons i and j, both ways.
func setTie(d *Draft, i, j int, known bool) {
	a, b := &d.Answers.People[i], &d.Answers.People[j]
	a.Knows = withoutName(a.Knows, b.Name)
	b.Knows = withoutName(b.Knows, a.Name)
	if known {
		a.Knows = append(a.Knows, b.Name)
		b.Knows = append(b.Knows, a.Name)
	}
}

func withoutName(names []string, name string) []string {
	var out []string
	for _, n := range names {
		if assess.NameKey(n) != assess.NameKey(name) {
			out = append(out, n)
		}
	}
	return out
}

// goneTies says which ties from last time went with the people who left
// the circle: "Sam Ortiz knew Dana Reyes and Alex Kim". Empty when none.
func goneTies(d *Draft) []string {
	var out []string
	for i, p := range d.Answers.People {
		if !d.dropped(i) || len(p.Knows) == 0 {
			continue
		}
		var stayed []string
		for _, j := range d.currentIndex() {
			if containsKey(p.Knows, d.Answers.People[j].Name) {
				stayed = append(stayed, d.Answers.People[j].Name)
			}
		}
		if len(stayed) > 0 {
			out = append(out, fmt.Sprintf("%s knew %s", p.Name, assess.JoinAnd(stayed)))
		}
	}
	return out
}
