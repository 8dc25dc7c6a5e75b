package view

import (
	"fmt"
	"strings"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
)

// PlanOutcome sets one step of an earlier result's plan beside what the
// leader said became of it and what actually changed: "Your step for “No
// one outside to think out loud with”: Ask two peers … (by 15 Jan 2027):
// done. That gap has closed."
type PlanOutcome struct {
	Finding string `json:"finding" yaml:"finding"`
	// Title is the finding's title as the earlier result showed it.
	Title    string      `json:"title" yaml:"title"`
	Severity string      `json:"severity" yaml:"severity"`
	Step     string      `json:"step" yaml:"step"`
	By       assess.Date `json:"by" yaml:"by"`
	// Status is the follow-up answer in the later result; "" when it was
	// not asked (a backfilled quarter without followup).
	Status string `json:"status" yaml:"status"`
	// StillOpen is whether the finding is open in the later result.
	StillOpen bool `json:"still_open" yaml:"still_open"`
	// Text says all of it in a sentence or two.
	Text string `json:"-" yaml:"-"`
}

// PlanOutcomes sets each step of earlier's plan beside later's follow-up
// of it and whether its finding is still open in later. Both are shown
// as given: redact them first to leave the steps' words out.
func PlanOutcomes(earlier, later *assess.Result) []PlanOutcome {
	if earlier == nil || later == nil {
		return nil
	}
	var out []PlanOutcome
	for _, s := range earlier.Plan {
		o := PlanOutcome{Finding: s.Finding, Title: plaintext.Strip(earlier.FindingTitle(s.Finding)), Severity: assess.SeverityGap, Step: plaintext.Strip(s.Step), By: s.By, StillOpen: later.OpenIn(s.Finding)}
		if g, ok := earlier.FindingOf(s.Finding); ok {
			o.Severity = g.Severity
		}
		for _, f := range later.FollowUp {
			if f.Finding == s.Finding {
				o.Status = f.Status
			}
		}
		o.Text = o.sentence()
		out = append(out, o)
	}
	return out
}

func (o PlanOutcome) sentence() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Your step for “%s”", o.Title)
	if o.Step != "" {
		fmt.Fprintf(&b, ": %s", strings.TrimSuffix(o.Step, "."))
	}
	fmt.Fprintf(&b, " (by %s): ", o.By.Format("2 Jan 2006"))
	if o.Status == "" {
		b.WriteString("not asked about.")
	} else {
		b.WriteString(assess.StatusWords(o.Status) + ".")
	}
	kind, closed, open := "gap", "has closed", "is still open"
	if o.Severity == assess.SeverityWarning {
		kind, closed, open = "warning", "has cleared", "still stands"
	}
	if o.StillOpen {
		fmt.Fprintf(&b, " The %s %s.", kind, open)
	} else {
		fmt.Fprintf(&b, " The %s %s.", kind, closed)
	}
	return b.String()
}
