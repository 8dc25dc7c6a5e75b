package assess

import (
	"strings"
	"testing"
	"time"
)

// A gap open now whose rule the earlier questionnaire did not have is not
// "opened": nothing was compared. Likewise, the other way round, a gap
// whose rule is gone is not "closed".
func TestCompareAcrossQuestionnaireVersions(t *testing.T) {
	at := time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)
	from := &Result{ID: "a", TakenAt: at, Questionnaire: QuestionnaireRef{ID: "q", Version: 1},
		RulesChecked: []string{"old-rule", "shared"},
		Findings:     []Finding{{ID: "old-rule", Title: "Old", Severity: SeverityGap}}}
	to := &Result{ID: "b", TakenAt: at.AddDate(0, 3, 0), Questionnaire: QuestionnaireRef{ID: "q", Version: 2},
		RulesChecked: []string{"shared", "new-rule"},
		Findings:     []Finding{{ID: "new-rule", Title: "New", Severity: SeverityGap}, {ID: "shared", Title: "Shared", Severity: SeverityGap}}}
	c := Compare(from, to)
	ids := func(gs []Finding) string {
		var s []string
		for _, g := range gs {
			s = append(s, g.ID)
		}
		return strings.Join(s, ",")
	}
	if got := ids(c.GapsOpened); got != "shared" {
		t.Errorf("opened = %q, want shared (checked both times, open only now)", got)
	}
	if got := ids(c.GapsClosed); got != "" {
		t.Errorf("closed = %q, want none", got)
	}
	if ids(c.GapsNew) != "new-rule" || ids(c.GapsUnchecked) != "old-rule" {
		t.Errorf("not compared: new %q, unchecked %q", ids(c.GapsNew), ids(c.GapsUnchecked))
	}
	notes := strings.Join(c.Notes, "\n")
	if !strings.Contains(notes, `"New" is open now; the earlier questionnaire did not check it.`) ||
		!strings.Contains(notes, `"Old" was open the first time`) {
		t.Errorf("the notes do not say what was not compared:\n%s", notes)
	}
}
