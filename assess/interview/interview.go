package interview

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/assess/prose"
	"github.com/circle-cli/circle/assess/view"
)

// Interview asks a questionnaire's questions and fills a Draft.
type Interview struct {
	Q   *assess.Questionnaire
	P   Prompter
	Out io.Writer
	// Width is the terminal's width, for the text around the questions;
	// 0 means 80.
	Width int
	// Save is called after every answer, so that nothing given so far is
	// lost when the interview stops, however it stops.
	Save func(*Draft) error
	Now  func() time.Time
}

// The sections of the interview, as the progress line names them. A
// re-run that starts from an earlier result's people has one more, "Since
// last time", after the welcome.
const (
	secWelcome  = "Welcome"
	secFollowUp = "Your plan from last time"
	secSince    = "Since last time"
	secPeople   = "Your people"
	secPerson   = "About each person"
	secTies     = "Who knows whom"
	secLikert   = "How the role feels"
	secResults  = "Before your results"
	secReview   = "Check your answers"
)

func (iv *Interview) sections(d *Draft) []string {
	all := []string{secWelcome}
	if len(d.LastPlan) > 0 {
		all = append(all, secFollowUp)
	}
	if d.Carried > 0 {
		all = append(all, secSince)
	}
	all = append(all, secPeople, secPerson)
	if iv.asksTies() {
		all = append(all, secTies)
	}
	return append(all, secLikert, secResults, secReview)
}

// Run asks every step the draft has not answered yet, in order, then shows
// the review screen, where any answer can be given again before saving. It
// returns the completed answers, or ErrInterrupted (with the draft saved)
// when the user stops.
func (iv *Interview) Run(d *Draft) (*assess.Answers, error) {
	q := iv.Q
	if len(d.Done) > 0 {
		fmt.Fprintf(iv.Out, "Welcome back. Picking up where you stopped; your earlier answers are kept.\n")
	} else {
		iv.section(d, secWelcome)
		intro := q.Intro
		if d.CarriedFrom != "" && q.RerunIntro != "" {
			intro = q.RerunIntro
		}
		fmt.Fprintf(iv.Out, "%s\n\n%s\n", q.Title, iv.wrap(strings.TrimSpace(intro)))
	}
	if d.LastNote != "" {
		// Read from a saved result, which may have been edited by hand:
		// nothing in it may steer the terminal.
		fmt.Fprintf(iv.Out, "\nLast time (%s) you wrote:\n%s\n", d.CarriedAt.Local().Format("2 Jan 2006"),
			iv.wrapIndent("“"+plaintext.Strip(d.LastNote)+"”", "  "))
	}
	if err := iv.ask(d, false); err != nil {
		return nil, err
	}
	// Reviewed once: an interview stopped while planning, after the
	// summary, resumes at the plan.
	if !d.has(keyReviewed) {
		if err := iv.review(d); err != nil {
			return nil, err
		}
		if err := iv.mark(d, keyReviewed); err != nil {
			return nil, err
		}
	}
	return d.finished(iv.Q), nil
}

// ask asks, in order, every step not yet answered, until none is left.
// During the review the progress lines are left out: the leader is
// changing one answer, not starting a section.
func (iv *Interview) ask(d *Draft, reviewing bool) error {
	section, person := "", ""
	for {
		s, ok := iv.next(d)
		if !ok {
			return nil
		}
		if !reviewing && s.Section != section {
			iv.section(d, s.Section)
			section = s.Section
		}
		if !reviewing && s.Person != "" && s.Person != person {
			iv.personHeader(d, s.Person)
		}
		person = s.Person
		done, err := s.Ask(d)
		if err != nil {
			return err
		}
		if done {
			if err := iv.mark(d, s.Key); err != nil {
				return err
			}
		} else if err := iv.save(d); err != nil {
			return err
		}
	}
}

// next is the first step not yet answered.
func (iv *Interview) next(d *Draft) (Step, bool) {
	for _, s := range iv.Steps(d) {
		if !s.done(d) {
			return s, true
		}
	}
	return Step{}, false
}

// section prints the progress line that opens a section, and what the
// leader needs to know to answer it.
func (iv *Interview) section(d *Draft, name string) {
	all := iv.sections(d)
	for i, s := range all {
		if s == name {
			fmt.Fprintf(iv.Out, "\n── %d of %d · %s ──\n", i+1, len(all), name)
		}
	}
	var text string
	switch name {
	case secFollowUp:
		text = fmt.Sprintf("On %s you chose a first step for %s. What became of it?", d.CarriedAt.Local().Format("2 Jan 2006"), view.Plural(len(d.LastPlan), "finding", "findings"))
		if len(d.LastPlan) > 1 {
			text = strings.Replace(text, "What became of it?", "What became of each?", 1)
		}
	case secSince:
		text = fmt.Sprintf("Last time (%s) these people were in your circle. Enter keeps someone as they were.", d.CarriedAt.Local().Format("2 Jan 2006"))
	case secPeople:
		if d.Carried > 0 {
			text = "Anyone new? The people you kept are already in your circle: name only new ones, one at a time, Enter on an empty line to go on."
		} else {
			text = "Name the people you lean on: one name at a time, Enter on an empty line to go on. Someone you have named already is offered again, so nobody is typed twice."
		}
	case secPerson:
		text = iv.Q.Person.Intro
	case secTies:
		text = "Who in your circle knows whom? For each person, tick the people further down the list they know; each pair is asked once."
		if gone := goneTies(d); len(gone) > 0 {
			text += " Ties to people no longer in your circle are gone: " + strings.Join(gone, "; ") + "."
		}
	case secLikert:
		text = iv.Q.Likert.Intro
		if len(d.LastScales) > 0 {
			text += " Each starts at your answer from last time; Enter keeps it."
		}
	}
	if text = strings.TrimSpace(text); text != "" {
		fmt.Fprintln(iv.Out, iv.wrap(text))
	}
}

// personHeader names the person the next questions are about, counted
// among the people asked about in this interview: on a re-run that keeps
// six people and adds one, the one is "Person 1 of 1".
func (iv *Interview) personHeader(d *Draft, id string) {
	asked := d.askedAbout()
	for k, i := range asked {
		if d.id(i) == id {
			fmt.Fprintf(iv.Out, "\nPerson %d of %d: %s\n", k+1, len(asked), d.Answers.People[i].Name)
		}
	}
}

// askedAbout lists the people whose questions this interview asks: everyone
// in the circle but those carried from last time unchanged.
func (d *Draft) askedAbout() []int {
	var out []int
	for _, i := range d.currentIndex() {
		if !d.kept(i) {
			out = append(out, i)
		}
	}
	return out
}

func (iv *Interview) width() int {
	if iv.Width <= 0 {
		return 80
	}
	return iv.Width
}

// wrap breaks prose between words at the terminal's width (at most 100
// columns, which is as long as a line reads well).
func (iv *Interview) wrap(s string) string { return iv.wrapIndent(s, "") }

func (iv *Interview) wrapIndent(s, indent string) string {
	return prose.Wrap(s, min(iv.width(), 100), indent)
}

func (iv *Interview) mark(d *Draft, key string) error {
	d.Done = append(d.Done, key)
	return iv.save(d)
}

func (iv *Interview) save(d *Draft) error {
	if iv.Now != nil {
		d.UpdatedAt = iv.Now().UTC().Truncate(time.Second)
	}
	if iv.Save == nil {
		return nil
	}
	return iv.Save(d)
}

// finishedPeople is the circle as it will be saved, ties joined, for the
// review screen.
func (d *Draft) finishedPeople(q *assess.Questionnaire) []assess.ResultPerson {
	var out []assess.ResultPerson
	for _, p := range assess.JoinTies(d.finished(q).People) {
		out = append(out, assess.ResultPerson{Name: p.Name, Knows: p.Knows})
	}
	return out
}

// finished returns the answers of a finished interview: the people still
// in the circle, and a former peer only where the questionnaire asked.
func (d *Draft) finished(q *assess.Questionnaire) *assess.Answers {
	a := d.Answers
	// The follow-up in the plan's order.
	a.FollowUp = nil
	for _, s := range d.LastPlan {
		for _, f := range d.Answers.FollowUp {
			if f.Finding == s.Finding {
				a.FollowUp = append(a.FollowUp, f)
			}
		}
	}
	a.People = nil
	offered := d.peerCandidates(q)
	inCircle := map[string]bool{}
	for _, i := range d.currentIndex() {
		inCircle[assess.NameKey(d.Answers.People[i].Name)] = true
	}
	for _, i := range d.currentIndex() {
		p := d.Answers.People[i]
		if !slices.Contains(offered, i) || d.Promoted == nil || !*d.Promoted {
			p.WasPeer = false
		}
		// Ties to people who left the circle go with them.
		var knows []string
		for _, k := range p.Knows {
			if inCircle[assess.NameKey(k)] {
				knows = append(knows, k)
			}
		}
		p.Knows = knows
		if q.Ties == nil || q.Ties.Question == "" {
			// Not asked this time: last time's ties are not confirmed.
			p.Knows = nil
		}
		a.People = append(a.People, p)
	}
	a.TiesAsked = q.Ties != nil && q.Ties.Question != ""
	if a.People == nil {
		a.People = []assess.Person{}
	}
	return &a
}

func validName(s string) error {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > assess.MaxNameLength {
		return fmt.Errorf("that is %d characters; use at most %d (initials are fine)", n, assess.MaxNameLength)
	}
	if assess.HasControl(s) {
		// Pasted names often carry invisible direction marks; refuse them
		// here, where the leader can retype, not at the end.
		return fmt.Errorf("that name holds invisible control or direction characters; please type it again")
	}
	return nil
}

// noGuess is what the leader types to give no guess when last time's
// guess is offered as the default.
const noGuess = "none"

func validShare(s string) error {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" || strings.EqualFold(s, noGuess) {
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	// !(in range) rather than (out of range): "nan" parses, and NaN is
	// neither below 0 nor above 100.
	if err != nil || !(v >= 0 && v <= 100) {
		return fmt.Errorf("give a number from 0 to 100, or press Enter to skip")
	}
	return nil
}

func containsKey(names []string, name string) bool {
	for _, n := range names {
		if assess.NameKey(n) == assess.NameKey(name) {
			return true
		}
	}
	return false
}
