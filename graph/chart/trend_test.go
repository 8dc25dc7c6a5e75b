package chart

import (
	"bytes"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// withScores is a result taken at t with these scores.
func withScores(t time.Time, scores ...assess.NamedScore) *assess.Result {
	return &assess.Result{ID: t.Format(assess.IDFormat), TakenAt: t, Scores: scores}
}

func score(name string, v float64) assess.NamedScore { return assess.NamedScore{Name: name, Value: &v} }

// Each score is drawn on its range from the scoring table, not on the
// range of its values: two results whose professional coverage went from
// 0.18 to 0.15 sit low on a panel of −1 to 1 (with the balance) a step
// apart, where a scale of 0.15 to 0.18 would have drawn a fall from top
// to bottom. Outside confidants, whose range grows with the circle, have
// a panel from 0 to the most among the results; the subscales one of 0 to
// 100.
func TestPanelsUseTheScoringTable(t *testing.T) {
	at := time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)
	results := []*assess.Result{
		withScores(at, score(assess.ScoreProfessionalCoverage, 0.18), score(assess.ScoreBalance, 0.1),
			score(assess.ScoreOutsideConfidants, 1), score("isolation", 40), score(assess.ScoreCalibrationGap, 12)),
		withScores(at.AddDate(0, 3, 0), score(assess.ScoreProfessionalCoverage, 0.15), score(assess.ScoreBalance, 0.12),
			score(assess.ScoreOutsideConfidants, 3), score("isolation", 42), score(assess.ScoreCalibrationGap, 11)),
	}
	ps := panels(results)
	if len(ps) != 3 {
		t.Fatalf("%d panels, want structure, counts and feelings", len(ps))
	}
	want := []struct {
		names  string
		lo, hi float64
	}{
		{"professional_coverage balance", -1, 1},
		{"outside_confidants", 0, 3},
		{"isolation", 0, 100},
	}
	for i, w := range want {
		var names string
		for j, s := range ps[i].series {
			if j > 0 {
				names += " "
			}
			names += s.Name
		}
		if names != w.names || ps[i].lo != w.lo || ps[i].hi != w.hi {
			t.Errorf("panel %d: %s on %v…%v, want %s on %v…%v", i, names, ps[i].lo, ps[i].hi, w.names, w.lo, w.hi)
		}
	}
	// Without the balance the structure panel is 0 to 1.
	for _, r := range results {
		r.Scores = r.Scores[:1]
	}
	if ps := panels(results); len(ps) != 1 || ps[0].lo != 0 || ps[0].hi != 1 {
		t.Errorf("professional coverage alone is drawn on %v…%v, want 0…1", ps[0].lo, ps[0].hi)
	}
	for _, f := range []string{SVG, PNG} {
		b, err := Trend(results, f, 1)
		if err != nil || len(b) == 0 {
			t.Fatalf("%s: %v", f, err)
		}
		if f == PNG && !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Error("not a PNG")
		}
	}
}
