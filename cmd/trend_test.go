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
		got := sparkline(vs, 80)
		if utf8.RuneCountInString(got) != len(vs) {
			t.Errorf("sparkline of %d values is %q", len(vs), got)
		}
		for _, r := range got {
			if r != ' ' && !strings.ContainsRune(string(sparks), r) {
				t.Errorf("sparkline drew %q", r)
			}
		}
	}
	// The ends of a plain series are the lowest and highest steps.
	if got := sparkline(ptrs(0, 0.5, 1), 80); got != "▁▅█" {
		t.Errorf("sparkline(0, 0.5, 1) = %q, want ▁▅█", got)
	}
}

// 2,000 results on a 100-column terminal: every line of trend fits, and
// the sparkline still rises where the scores rose (each column is the
// mean of its run of results).
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
			first := strings.IndexRune(line, '▁')
			last := strings.LastIndex(line, "█")
			if first < 0 || last < first {
				t.Errorf("isolation rose from 0 to 75, but its line is %q", line)
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
