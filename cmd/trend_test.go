package cmd

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/circle-cli/circle/assess"
)

func ptrs(vs ...float64) []*float64 {
	out := make([]*float64, len(vs))
	for i := range vs {
		out[i] = &vs[i]
	}
	return out
}

// Whatever the numbers, the sparkline stays on its eight steps: the
// extremes of float64 (which the loader refuses, but a drawing must not
// rely on it), infinities and a lone value.
func TestSparklineClamps(t *testing.T) {
	for _, vs := range [][]*float64{
		ptrs(-math.MaxFloat64, 0, math.MaxFloat64),
		ptrs(math.Inf(-1), 1, math.Inf(1)),
		ptrs(1e308, 1e308),
		ptrs(0.5),
		{nil, nil},
	} {
		got := sparkline(vs, 80, 0, 1)
		if utf8.RuneCountInString(got) != len(vs) {
			t.Errorf("sparkline of %d values is %q", len(vs), got)
		}
		for _, r := range got {
			if r != ' ' && !strings.ContainsRune(string(sparks), r) {
				t.Errorf("sparkline drew %q", r)
			}
		}
	}
	// The ends of the scale are the lowest and highest steps: 0.5 of 1 is
	// round(0.5·7) = round(3.5) = 4, ▅.
	if got := sparkline(ptrs(0, 0.5, 1), 80, 0, 1); got != "▁▅█" {
		t.Errorf("sparkline(0, 0.5, 1) = %q, want ▁▅█", got)
	}
	// On a scale of −1 to 1: −1 → 0, 0 → round(3.5) = 4, 1 → 7.
	if got := sparkline(ptrs(-1, 0, 1), 80, -1, 1); got != "▁▅█" {
		t.Errorf("sparkline(−1, 0, 1) on −1…1 = %q, want ▁▅█", got)
	}
}

// Two results whose score went from 0.18 to 0.15 are a small step low on
// the scale of 0 to 1, not a swing from the top to the bottom: 0.18·7 =
// 1.26 → 1 and 0.15·7 = 1.05 → 1, both ▂; drawn between their own
// minimum and maximum they were █ and ▁. trend draws each score on its
// range from the scoring table (assess.DrawRange).
func TestTrendDrawsScoresOnTheirRange(t *testing.T) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	result := func(cov float64, taken time.Time) *assess.Result {
		r := assess.NewResult(q, &assess.Answers{Scales: map[string]int{}}, taken)
		for i, s := range r.Scores {
			if s.Name == assess.ScoreProfessionalCoverage {
				r.Scores[i].Value = &cov
			}
		}
		return r
	}
	at := time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	writeTrend(&b, []*assess.Result{result(0.18, at), result(0.15, at.AddDate(0, 3, 0))}, colorScheme{}, 100)
	var line string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Professional coverage") {
			line = l
		}
	}
	if !strings.Contains(line, " ▂▂ ") {
		t.Errorf("0.18 → 0.15 is drawn as %q, want ▂▂", line)
	}
	// The lo and hi of the scale are the table's, whatever the values.
	lo, hi, _ := assess.DrawRange(assess.ScoreProfessionalCoverage, ptrs(0.18, 0.15))
	if lo != 0 || hi != 1 {
		t.Errorf("professional coverage is drawn on %v…%v, want 0…1", lo, hi)
	}
	// Outside confidants grow with the circle: from 0 to the most among
	// the results, and at least 1.
	if lo, hi, _ := assess.DrawRange(assess.ScoreOutsideConfidants, ptrs(1, 3, 2)); lo != 0 || hi != 3 {
		t.Errorf("outside confidants 1, 3, 2 are drawn on %v…%v, want 0…3", lo, hi)
	}
	if _, hi, _ := assess.DrawRange(assess.ScoreOutsideConfidants, ptrs(0, 0)); hi != 1 {
		t.Errorf("no confidants are drawn on 0…%v, want 0…1", hi)
	}
}

// 2,000 results on a 100-column terminal: every line of trend fits, and
// the sparkline still rises where the scores rose (each column is the
// mean of its run of results). Every statement answered a, isolation's
// four plain and two reverse items sum to 4a + 2(6 − a) = 2a + 12, so it
// is ((2a + 12)/6 − 1)/4·100 = (2a + 6)/24·100: 33.3 for a = 1, 58.3 for
// a = 4; on its scale of 0 to 100, round(2.33) = 2, ▃, and round(4.08) =
// 4, ▅.
func TestTrendFitsTheTerminal(t *testing.T) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	var results []*assess.Result
	for i := range 2000 {
		a := &assess.Answers{Scales: map[string]int{}}
		for _, it := range q.Likert.Items {
			a.Scales[it.ID] = 1 + 4*i/2000 // 1 for the first 500, … 4 for the last 500
		}
		results = append(results, assess.NewResult(q, a, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Hour)))
	}
	var b bytes.Buffer
	writeTrend(&b, results, colorScheme{}, 100)
	for _, line := range strings.Split(b.String(), "\n") {
		if n := utf8.RuneCountInString(line); n > 100 {
			t.Errorf("a line of %d columns on a 100-column terminal: %.60q…", n, line)
		}
	}
	found := false
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "Isolation") {
			found = true
			first := strings.IndexRune(line, '▃')
			last := strings.LastIndex(line, "▅")
			if first < 0 || last < first || strings.ContainsAny(line, "▁▂▆▇█") {
				t.Errorf("isolation rose from 33 to 58 of 100, but its line is %q", line)
			}
		}
	}
	if !found {
		t.Errorf("no Isolation line in:\n%s", b.String())
	}
}

func TestDownsample(t *testing.T) {
	got := downsample(append(ptrs(1, 3), nil, nil), 2)
	if len(got) != 2 || *got[0] != 2 || got[1] != nil {
		t.Errorf("downsample(1, 3, nil, nil) to 2 = %v", got)
	}
}
