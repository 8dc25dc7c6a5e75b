package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/assess/view"
)

// writePlan writes the first steps the leader chose in r: "Your first
// steps", each with its finding and its day. A redacted result has no
// words for its steps, and says so.
func writePlan(w io.Writer, r *assess.Result, width int) {
	if len(r.Plan) == 0 {
		return
	}
	fmt.Fprintln(w, "Your first steps")
	for _, s := range r.Plan {
		title := r.FindingTitle(s.Finding)
		step := strings.TrimSuffix(plaintext.Strip(s.Step), ".")
		if step == "" {
			step = "a step (left out)"
		}
		line := fmt.Sprintf("For “%s”: %s, by %s.", sanitize(title), sanitize(step), s.By.Format("2 Jan 2006"))
		fmt.Fprintln(w, hanging(line, width))
	}
	fmt.Fprintln(w)
}

// writeOutcomes writes what became of the previous plan beside what
// actually changed.
func writeOutcomes(w io.Writer, outcomes []view.PlanOutcome, width int) {
	if len(outcomes) == 0 {
		return
	}
	fmt.Fprintln(w, "Last time's plan")
	for _, o := range outcomes {
		fmt.Fprintln(w, hanging(sanitize(o.Text), width))
	}
	fmt.Fprintln(w)
}

// planBefore is the result whose plan r followed up: the one its
// follow-up names, else the latest result taken before r; nil when there
// is none.
func planBefore(entries []store.Entry, r *assess.Result) *assess.Result {
	want := ""
	if len(r.FollowUp) > 0 {
		want = r.FollowUp[0].Planned
	}
	var before *assess.Result
	for _, e := range entries {
		if e.Result == nil {
			continue
		}
		if want != "" && e.Result.ID == want {
			return e.Result
		}
		if e.Result.TakenAt.Before(r.TakenAt) && (before == nil || e.Result.TakenAt.After(before.TakenAt)) {
			before = e.Result
		}
	}
	return before
}
