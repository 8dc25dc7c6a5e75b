package interview

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
)

// The plan comes after the summary: the leader has seen their findings,
// and may choose a first step for any of them, each with a day. It is
// part of the draft like every other answer, so that stopping while
// planning loses nothing; the result is written once, after it.

const (
	keyPlanPick = "plan"
	ownWords    = "In my own words…"
	// planAhead is the day offered for a step: four weeks on, soon enough
	// to matter, far enough to be done.
	planAhead = 28 * 24 * time.Hour
)

func planKey(finding string) string { return "plan:" + finding }

// Plan asks, for the open findings of r, which the leader wants to act on,
// and for each a first step (a suggestion of the finding's rule, or their
// own words) and a day. It returns the plan, in the findings' order; an
// empty plan when they choose none.
func (iv *Interview) Plan(d *Draft, r *assess.Result) ([]assess.PlanStep, error) {
	if len(r.Findings) == 0 {
		return nil, nil
	}
	if !d.has(keyPlanPick) {
		fmt.Fprintf(iv.Out, "\n%s\n", iv.wrap("A finding is worth most when something follows from it. You can choose a first step for any of them now; the next check-in will ask how it went."))
		titles := make([]string, len(r.Findings))
		for i, g := range r.Findings {
			titles[i] = plaintext.Strip(g.Title)
		}
		picked, err := iv.P.MultiSelect("Which do you want to act on first? (space to tick, Enter to go on; none is fine)", "", titles, nil)
		if err != nil {
			return nil, err
		}
		d.Planning = nil
		for _, k := range picked {
			d.Planning = append(d.Planning, r.Findings[k].ID)
		}
		if err := iv.mark(d, keyPlanPick); err != nil {
			return nil, err
		}
	}
	for _, id := range d.Planning {
		if d.has(planKey(id)) {
			continue
		}
		if err := iv.planStep(d, r, id); err != nil {
			return nil, err
		}
		if err := iv.mark(d, planKey(id)); err != nil {
			return nil, err
		}
	}
	// In the findings' order, whatever order they were answered in.
	var plan []assess.PlanStep
	for _, g := range r.Findings {
		for _, s := range d.Answers.Plan {
			if s.Finding == g.ID && slices.Contains(d.Planning, g.ID) {
				plan = append(plan, s)
			}
		}
	}
	return plan, nil
}

// planStep asks for one finding's first step and its day.
func (iv *Interview) planStep(d *Draft, r *assess.Result, id string) error {
	title := plaintext.Strip(r.FindingTitle(id))
	var steps []string
	if rule := iv.Q.Rule(id); rule != nil {
		steps = rule.Steps
	}
	options := append(append([]string(nil), steps...), ownWords)
	n, err := iv.P.Select(fmt.Sprintf("%s: a first step?", title), "", options, 0)
	if err != nil {
		return err
	}
	step := ""
	if n < len(steps) {
		step = steps[n]
	} else {
		s, err := iv.P.Input("Your first step, in a few words:", "", "", validStep)
		if err != nil {
			return err
		}
		step = strings.TrimSpace(plaintext.Strip(s))
	}
	now := time.Now
	if iv.Now != nil {
		now = iv.Now
	}
	today := now().Local()
	def := today.Add(planAhead).Format(assess.DateFormat)
	s, err := iv.P.Input("By which day? (Enter keeps the one offered, four weeks on)", "", def, func(s string) error { return validDay(s, today) })
	if err != nil {
		return err
	}
	by, _ := assess.ParseDate(s)
	d.Answers.Plan = append(slices.DeleteFunc(d.Answers.Plan, func(s assess.PlanStep) bool { return s.Finding == id }), assess.PlanStep{Finding: id, Step: step, By: by})
	return nil
}

func validStep(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return fmt.Errorf("say the step in a few words, or press Ctrl-C and choose a suggestion")
	case utf8.RuneCountInString(s) > assess.MaxStepLength:
		return fmt.Errorf("that is %d characters; say it in at most %d", utf8.RuneCountInString(s), assess.MaxStepLength)
	}
	return nil
}

// validDay accepts a day from today on, written as 2027-01-15.
func validDay(s string, today time.Time) error {
	d, err := assess.ParseDate(s)
	if err != nil {
		return err
	}
	if d.Before(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
		return fmt.Errorf("%s has passed; give a day from today on", d)
	}
	return nil
}

// followUp asks what became of one step of the last result's plan.
func (iv *Interview) followUp(d *Draft, s assess.PlanStep) error {
	options := []string{"Done", "Started", "Not yet", "Dropped: it no longer fits"}
	// Enter means "nothing has happened": not yet, unless this interview
	// has an answer already (the review).
	def := slices.Index(assess.FollowUpStatuses, assess.StatusNotYet)
	for _, f := range d.Answers.FollowUp {
		if i := slices.Index(assess.FollowUpStatuses, f.Status); f.Finding == s.Finding && i >= 0 {
			def = i
		}
	}
	msg := fmt.Sprintf("You planned: %s (by %s). How did it go?", strings.TrimSuffix(plaintext.Strip(s.Step), "."), s.By.Format("2 Jan 2006"))
	n, err := iv.P.Select(msg, "", options, def)
	if err != nil {
		return err
	}
	by := s.By
	f := assess.FollowUp{Finding: s.Finding, Status: assess.FollowUpStatuses[n], Step: s.Step, By: &by, Planned: d.CarriedFrom}
	d.Answers.FollowUp = append(slices.DeleteFunc(d.Answers.FollowUp, func(g assess.FollowUp) bool { return g.Finding == s.Finding }), f)
	return nil
}
