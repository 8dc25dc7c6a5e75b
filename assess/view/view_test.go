package view

import (
	"fmt"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// withShares is a result whose three source shares are in, pro, per.
func withShares(in, pro, per float64, taken time.Time) *assess.Result {
	return &assess.Result{
		TakenAt:       taken,
		Questionnaire: assess.QuestionnaireRef{ID: "leadership-support", Version: 2},
		Scores: assess.Scores{
			{Name: assess.ScoreSourcesInside, Value: &in},
			{Name: assess.ScoreSourcesProfessional, Value: &pro},
			{Name: assess.ScoreSourcesPersonal, Value: &per},
		},
	}
}

// The same share is the same percentage in the headline, in compare and
// in the report: shares of 0.335, 0.335 and 0.33 are 33.5, 33.5 and 33
// points; rounded one by one (half up) they would show as 34%, 34%, 33%,
// which add up to 101. Rounded together, as the headline rounds them, each
// goes down to 33 and the one point left goes to the first of the two
// largest remainders (.5): 34%, 33%, 33%.
func TestChangeRowsShowSharesAsTheHeadline(t *testing.T) {
	from := withShares(0.335, 0.335, 0.33, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	to := withShares(0.2, 0.4, 0.4, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	c := assess.Compare(from, to)
	head := New(from)
	rows := map[string]ChangeRow{}
	for _, r := range ChangeRows(c, nil) {
		rows[r.Name] = r
	}
	want := map[string][3]string{
		assess.ScoreSourcesInside:       {"34%", "20%", "−14 pts ↓"},
		assess.ScoreSourcesProfessional: {"33%", "40%", "+7 pts ↑"},
		assess.ScoreSourcesPersonal:     {"33%", "40%", "+7 pts ↑"},
	}
	for i, src := range head.Sources {
		w := want[src.Name]
		if got := fmt.Sprintf("%d%%", src.Pct); got != w[0] {
			t.Errorf("headline %s: %s, want %s", src.Name, got, w[0])
		}
		r := rows[src.Name]
		if [3]string{r.From, r.To, r.Delta} != w {
			t.Errorf("row %d %s: %s → %s (%s), want %v", i, src.Name, r.From, r.To, r.Delta, w)
		}
	}
	if got := SharePercents(from); got[assess.ScoreSourcesInside] != 34 || got[assess.ScoreSourcesPersonal] != 33 {
		t.Errorf("SharePercents = %v", got)
	}
}
