package view

import (
	"testing"

	"github.com/circle-cli/circle/assess"
)

// A step from last quarter's plan is set beside this quarter's follow-up
// and what actually happened to its finding.
func TestPlanOutcomesSayWhatBecameOfEachStep(t *testing.T) {
	by, _ := assess.ParseDate("2027-01-15")
	earlier := &assess.Result{
		Findings: []assess.Finding{
			{ID: "outside-thinking-partner", Title: "No one outside to think out loud with", Severity: assess.SeverityGap},
			{ID: "no-challenger", Title: "No one who tells you what you'd rather not hear", Severity: assess.SeverityWarning},
		},
		Plan: []assess.PlanStep{
			{Finding: "outside-thinking-partner", Step: "Book a first coaching conversation.", By: by},
			{Finding: "no-challenger", Step: "Ask Jo for the hard feedback", By: by},
		},
	}
	later := &assess.Result{
		Findings: []assess.Finding{{ID: "no-challenger", Severity: assess.SeverityWarning}},
		FollowUp: []assess.FollowUp{{Finding: "outside-thinking-partner", Status: assess.StatusDone}, {Finding: "no-challenger", Status: assess.StatusNotYet}},
	}
	got := PlanOutcomes(earlier, later)
	want := []string{
		"Your step for “No one outside to think out loud with”: Book a first coaching conversation (by 15 Jan 2027): done. The gap has closed.",
		"Your step for “No one who tells you what you'd rather not hear”: Ask Jo for the hard feedback (by 15 Jan 2027): not yet. The warning still stands.",
	}
	if len(got) != len(want) {
		t.Fatalf("%d outcomes, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("outcome %d:\n got %s\nwant %s", i, got[i].Text, want[i])
		}
	}
	if got[0].StillOpen || !got[1].StillOpen {
		t.Errorf("still open: %v %v, want false true", got[0].StillOpen, got[1].StillOpen)
	}
	// Redacted, the words of the step go and the rest stays.
	red := PlanOutcomes(assess.Redact(earlier), later)
	if red[0].Text != "Your step for “No one outside to think out loud with” (by 15 Jan 2027): done. The gap has closed." {
		t.Errorf("redacted: %s", red[0].Text)
	}
}
