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
	// Who knows whom has a panel of its own, from 0 to the constraint's
	// 1.125, once a result was asked; effective size, which grows with
	// the circle, is counted with the outside confidants. Never asked
	// (null in every result), they draw nothing.
	for i, v := range []float64{0.25, 0.583} {
		results[i].Scores = append(results[i].Scores, score(assess.ScoreEffectiveSize, 4-float64(i)*1.5),
			score(assess.ScoreEfficiency, 1-float64(i)*0.375), score(assess.ScoreConstraint, v))
	}
	ps = panels(results)
	if len(ps) != 4 || ps[2].title != "Who knows whom" || len(ps[2].series) != 2 || ps[2].hi != assess.MaxConstraint ||
		len(ps[1].series) != 2 || ps[1].series[1].Name != assess.ScoreEffectiveSize {
		t.Errorf("with ties: %d panels, %+v", len(ps), ps)
	}
	for _, r := range results {
		r.Scores = append(r.Scores[:5], assess.NamedScore{Name: assess.ScoreTieDensity})
	}
	if ps := panels(results); len(ps) != 3 {
		t.Errorf("ties never asked: %d panels, want 3", len(ps))
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
