package view

import (
	"encoding/json"
	"testing"

	"github.com/circle-cli/circle/assess"
)

func f(v float64) *float64 { return &v }

// Better, worse and same are said only where more or less is better in
// itself (DESIGN.md): isolation and filtering down, professional
// coverage and outside confidants up, and the tie measures to come.
// Every other score goes only up or down.
func TestDirection(t *testing.T) {
	for _, c := range []struct {
		name     string
		from, to *float64
		want     string
	}{
		{"isolation", f(45.833), f(29.167), DirBetter},
		{"isolation", f(29.167), f(45.833), DirWorse},
		{"filtering", f(25), f(70.833), DirWorse},
		{assess.ScoreProfessionalCoverage, f(0), f(0.833), DirBetter},
		{assess.ScoreProfessionalCoverage, f(0.833), f(0.667), DirWorse},
		{assess.ScoreOutsideConfidants, f(2), f(2), DirSame},
		{assess.ScoreOutsideConfidants, f(2), f(1), DirWorse},
		{"constraint", f(0.5), f(0.4), DirBetter},
		{"effective_size", f(2.5), f(3), DirBetter},
		{"efficiency", f(0.6), f(0.5), DirWorse},
		// Up is not better for these: only up, down or unchanged.
		{assess.ScoreBalance, f(-0.53), f(0.158), DirUp},
		{assess.ScoreSourcesInside, f(0.456), f(0.421), DirDown},
		{assess.ScoreConcentration, f(0.182), f(0.228), DirUp},
		{assess.ScoreDiversity, f(0.862), f(0.862), DirUnchanged},
		{assess.ScoreCalibrationGap, f(12.105), f(0.596), DirDown},
		{assess.ScoreExternalCoverage, f(1), f(0.714), DirDown},
		{"tie_density", f(0.2), f(0.3), DirUp},
		// A custom subscale is neither.
		{"courage", f(20), f(40), DirUp},
		// 0.18 → 0.1804 rounds to a change of 0 at 3 decimals: same.
		{assess.ScoreProfessionalCoverage, f(0.18), f(0.1804), DirSame},
		{assess.ScoreBalance, f(0.18), f(0.1804), DirUnchanged},
		// Null before, a value now: new; a value before, null now: none.
		{assess.ScoreBalance, nil, f(0.1), DirNew},
		{"isolation", nil, f(10), DirNew},
		{assess.ScoreBalance, f(0.1), nil, ""},
		{assess.ScoreBalance, nil, nil, DirUnchanged},
		{"isolation", nil, nil, DirSame},
	} {
		if got := Lookup(c.name, nil).Direction(c.from, c.to); got != c.want {
			t.Errorf("%s %v → %v: %q, want %q", c.name, show(c.from), show(c.to), got, c.want)
		}
	}
	// The subscales keep the questionnaire's words.
	if d := Lookup("isolation", nil); d.Label == "" || d.Label == "Isolation " || d.Better != Down || d.Meaning == "" {
		t.Errorf("isolation is %+v", d)
	}
}

func show(v *float64) string {
	if v == nil {
		return "null"
	}
	b, _ := json.Marshal(*v)
	return string(b)
}
