package interview

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/assess/prose"
	"github.com/circle-cli/circle/assess/view"
)

// reviewSave is the first option of the review screen, and Enter's.
const reviewSave = "Save these answers"

// review shows everything answered, then lets the leader change any answer
// before the result is saved: pick a person (and one of their answers), a
// statement, the guess or the note, and answer again. Each change is kept
// in the draft at once, like every other answer.
func (iv *Interview) review(d *Draft) error {
	iv.section(d, secReview)
	iv.overview(d)
	for {
		type choice struct {
			label string
			do    func() error
		}
		choices := []choice{{reviewSave, nil}}
		if len(d.LastPlan) > 0 {
			choices = append(choices, choice{"Change what you said about last time's plan", func() error {
				d.unmark(func(k string) bool { return strings.HasPrefix(k, "followup:") })
				return nil
			}})
		}
		for _, i := range d.currentIndex() {
			choices = append(choices, choice{"Change an answer about " + d.Answers.People[i].Name, func() error { return iv.reviewPerson(d, i) }})
		}
		choices = append(choices, choice{"Add someone you left out", func() error {
			_, err := iv.newName(d, "Who else? (a name, or Enter to go back)", "", nil)
			return err
		}})
		if len(d.peerCandidates(iv.Q)) > 0 && iv.Q.WasPeer != nil {
			choices = append(choices, choice{"Change who was once your peer", func() error {
				d.unmark(func(k string) bool { return k == keyPromoted || k == keyFormerPeers })
				return nil
			}})
		}
		if iv.asksTies() && len(d.currentIndex()) > 1 {
			choices = append(choices, choice{"Change who knows whom", func() error {
				d.unmark(func(k string) bool { return strings.HasPrefix(k, "ties:") })
				return nil
			}})
		}
		if len(iv.Q.Likert.Items) > 0 {
			choices = append(choices, choice{"Change your answer to a statement", func() error { return iv.reviewStatement(d) }})
		}
		if iv.Q.Calibration.Question != "" {
			choices = append(choices, choice{"Change your guess (" + iv.guessWords(d) + ")", func() error {
				d.unmark(func(k string) bool { return k == keyCalibration })
				return nil
			}})
		}
		if iv.Q.Reflection.Question != "" {
			choices = append(choices, choice{"Change your note", func() error {
				d.unmark(func(k string) bool { return k == keyReflection })
				return nil
			}})
		}
		labels := make([]string, len(choices))
		for i, c := range choices {
			labels[i] = prose.Truncate(c.label, iv.width()-4)
		}
		n, err := iv.P.Select("Save, or change something first?", "", labels, 0)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		people, candidates := len(d.currentIndex()), len(d.peerCandidates(iv.Q))
		if err := choices[n].do(); err != nil {
			return err
		}
		// Whatever the change left unanswered is asked now: the step
		// chosen, or the questions about someone just added; then what
		// the new answers make incomplete.
		if err := iv.ask(d, true); err != nil {
			return err
		}
		iv.afterChange(d, people, candidates)
		if err := iv.ask(d, true); err != nil {
			return err
		}
		if err := iv.save(d); err != nil {
			return err
		}
	}
}

// afterChange asks again what a change on the review screen makes
// incomplete: someone added means a new pair with everyone before them,
// so the tie questions are asked again (last answers ticked); someone who
// could have been a peer, of a leader promoted from within, means the
// former-peer question is.
func (iv *Interview) afterChange(d *Draft, people, candidates int) {
	if len(d.currentIndex()) > people {
		d.unmark(func(k string) bool { return strings.HasPrefix(k, "ties:") })
	}
	if d.Promoted != nil && *d.Promoted && len(d.peerCandidates(iv.Q)) > candidates {
		d.unmark(func(k string) bool { return k == keyFormerPeers })
	}
}

// reviewPerson asks which of a person's answers to give again, or whether
// to take them out of the circle.
func (iv *Interview) reviewPerson(d *Draft, i int) error {
	p := d.Answers.People[i]
	questions := map[string]string{
		fieldRelationship: "What they are to you",
		fieldRing:         "How close",
		fieldFrequency:    "How often you talk",
		fieldCandour:      "How unfiltered you can be",
		fieldFunctions:    "What they give you",
	}
	var labels []string
	for _, f := range personFields {
		labels = append(labels, prose.Truncate(questions[f]+": "+iv.fieldWords(p, f), iv.width()-4))
	}
	remove := len(labels)
	labels = append(labels, "Take "+p.Name+" out of the circle", "Nothing: go back")
	n, err := iv.P.Select("What about "+p.Name+"?", "", labels, len(labels)-1)
	if err != nil || n == len(labels)-1 {
		return err
	}
	if n == remove {
		d.Dropped = append(d.Dropped, p.Name)
		return nil
	}
	id := d.id(i)
	if d.kept(i) {
		// Kept as before: their other answers stay given.
		d.Kept = slices.DeleteFunc(d.Kept, func(k string) bool { return k == id })
		for _, f := range personFields {
			d.Done = append(d.Done, personKey(id, f))
		}
	}
	key := personKey(id, personFields[n])
	d.unmark(func(k string) bool { return k == key })
	return nil
}

// reviewStatement asks which statement to answer again.
func (iv *Interview) reviewStatement(d *Draft) error {
	items := iv.Q.Likert.Items
	var labels []string
	for _, it := range items {
		labels = append(labels, prose.Truncate(iv.likertWords(d, it.ID)+" · "+it.Text, iv.width()-4))
	}
	labels = append(labels, "Nothing: go back")
	n, err := iv.P.Select("Which statement?", "", labels, 0)
	if err != nil || n == len(items) {
		return err
	}
	key := likertKey(items[n].ID)
	d.unmark(func(k string) bool { return k == key })
	return nil
}

// overview prints every answer of the interview, compactly, before the
// review question.
func (iv *Interview) overview(d *Draft) {
	w := iv.Out
	people := d.currentIndex()
	fmt.Fprintf(w, "Your circle: %s\n", view.Plural(len(people), "person", "people"))
	for _, i := range people {
		p := d.Answers.People[i]
		fmt.Fprintln(w, iv.wrapIndent(p.Name+": "+iv.describe(p)+"; "+iv.fieldWords(p, fieldFunctions), "  "))
	}
	if iv.asksTies() && len(people) > 1 {
		var pairs []string
		for _, t := range assess.Ties(d.finishedPeople(iv.Q)) {
			pairs = append(pairs, t.A+" – "+t.B)
		}
		if len(pairs) == 0 {
			pairs = []string{"none of them know each other"}
		}
		fmt.Fprintln(w, prose.WrapList("Who knows whom:", pairs, "; ", min(iv.width(), 100), "  "))
	}
	if items := iv.Q.Likert.Items; len(items) > 0 {
		n := len(assess.LikertLabels)
		fmt.Fprintf(w, "How the role feels (1 %s … %d %s):\n", prose.LowerFirst(assess.LikertLabels[0]), n, prose.LowerFirst(assess.LikertLabels[n-1]))
		for _, it := range items {
			mark := "?"
			if v, ok := d.Answers.Scales[it.ID]; ok {
				mark = strconv.Itoa(v)
			}
			// The answer in a column of its own, the statement wrapped
			// beside it.
			text := iv.wrapIndent(it.Text, "     ")
			fmt.Fprintln(w, "  "+mark+strings.Repeat(" ", max(1, 3-len(mark)))+text[5:])
		}
	}
	for _, s := range d.LastPlan {
		for _, f := range d.Answers.FollowUp {
			if f.Finding == s.Finding {
				fmt.Fprintln(w, iv.wrap(fmt.Sprintf("Last time's step: %s (by %s): %s", strings.TrimSuffix(plaintext.Strip(s.Step), "."), s.By.Format("2 Jan 2006"), assess.StatusWords(f.Status))))
			}
		}
	}
	if iv.Q.Calibration.Question != "" {
		fmt.Fprintf(w, "Your guess at outside support: %s\n", iv.guessWords(d))
	}
	if iv.Q.Reflection.Question != "" {
		note := "none"
		if d.Answers.Reflection != "" {
			note = "“" + plaintext.Strip(d.Answers.Reflection) + "”"
		}
		fmt.Fprintln(w, iv.wrap("Your note: "+note))
	}
	fmt.Fprintln(w)
}

func (iv *Interview) likertWords(d *Draft, item string) string {
	v, ok := d.Answers.Scales[item]
	if !ok || v < assess.MinAnswer || v > len(assess.LikertLabels) {
		return "not answered"
	}
	return assess.LikertLabels[v-1]
}

func (iv *Interview) guessWords(d *Draft) string {
	if d.Answers.Calibration == nil {
		return "none"
	}
	return formatShare(*d.Answers.Calibration) + "%"
}
