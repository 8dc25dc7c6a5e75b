package cmd

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/ordered"
	"github.com/circle-cli/circle/assess/view"
	"github.com/circle-cli/circle/graph/chart"
)

type trendOptions struct {
	f      *Factory
	File   string
	Scale  float64
	Output string
}

func newTrendCmd(f *Factory, runF func(*trendOptions) error) *cobra.Command {
	opts := &trendOptions{f: f}
	c := &cobra.Command{
		Use:   "trend",
		Short: "Show every score over time, with a chart if you want one",
		Long: `Show every saved result over time: one row per score with a sparkline, first
and latest values. With -o FILE.svg or FILE.png, also draw a chart with the
dates along the bottom and a line per score.

Sparklines and chart draw each score on its range from the scoring table
(0 to 1 for shares and coverage, −1 to 1 for the balance, 0 to 100 for a
subscale, 0 to 1.125 for the constraint), so that a small change looks
small; a count that grows with the circle (outside confidants, effective
size, people, open gaps) from 0 to the most among the results. A measure of
who knows whom that no result was asked is left out.` + notEncrypted,
		Example: `  circle trend
  circle trend -o trend.png`,
		Args: maxArgs(0),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runTrend(opts)
		},
	}
	c.Flags().StringVarP(&opts.File, "out", "o", "", "also draw a chart to `FILE` (.svg or .png)")
	c.Flags().Float64Var(&opts.Scale, "scale", 2, "pixel density of a PNG chart (1 to 4)")
	addOutputFlag(c, &opts.Output)
	_ = c.MarkFlagFilename("out", "svg", "png")
	return c
}

func runTrend(opts *trendOptions) error {
	f := opts.f
	if err := checkOutput(opts.Output, outputText, outputJSON, outputYAML); err != nil {
		return err
	}
	format := ""
	if opts.File != "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(opts.File)), ".")
		if format != chart.SVG && format != chart.PNG {
			return usageErrorf("cannot tell the chart format from %q; end the file name in .svg or .png", opts.File)
		}
		if opts.Scale < 1 || opts.Scale > 4 {
			return usageErrorf("--scale %g is out of range; use 1 to 4", opts.Scale)
		}
	}
	_, results, err := loadResults(f)
	if err != nil {
		return err
	}
	if len(results) == 0 {
		return fmt.Errorf("no saved results yet; run 'circle assess' first")
	}
	// Across versions of a built-in questionnaire, every result is scored
	// with today's version, so that a line moves only when the circle did.
	results, q := assess.EvaluateAlike(results)
	if q != nil {
		fmt.Fprintf(f.IO.ErrOut, "note: your results span versions of %s; every one is evaluated here with v%d, from its saved answers.\n", q.ID, q.Version)
	}
	if opts.Output != outputText {
		if err := writeData(f.IO.Out, opts.Output, trendView(results)); err != nil {
			return err
		}
	} else {
		writeTrend(f.IO.Out, results, colorScheme{f.IO.ColorEnabled()}, f.IO.Width())
	}
	if opts.File == "" {
		return nil
	}
	data, err := chart.Trend(results, format, opts.Scale)
	if err != nil {
		return err
	}
	if err := writeOut(f, opts.File, data, false); err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "Chart written to %s\n", oneLine(opts.File))
	return nil
}

type trendPoint struct {
	ID      string    `json:"id" yaml:"id"`
	TakenAt time.Time `json:"taken_at" yaml:"taken_at"`
	Value   *float64  `json:"value" yaml:"value"`
}

// trendView is `--output json`: per score, its value at every result; the
// sources are one object of three series, as in a result's scores.
func trendView(results []*assess.Result) ordered.Map[any] {
	return ordered.Nest(trendSeries(results), nil)
}

// trendSeries is per score, its value at every result, in the order the
// scores first appear.
func trendSeries(results []*assess.Result) ordered.Map[[]trendPoint] {
	var m ordered.Map[[]trendPoint]
	index := map[string]int{}
	for _, r := range results {
		for _, s := range r.Scores {
			i, ok := index[s.Name]
			if !ok {
				i = len(m)
				index[s.Name] = i
				m = append(m, ordered.Entry[[]trendPoint]{Key: s.Name})
			}
			m[i].Value = append(m[i].Value, trendPoint{ID: r.ID, TakenAt: r.TakenAt, Value: s.Value})
		}
	}
	return m
}

// writeTrend writes one row per score: a sparkline across every result,
// then the first and latest values, in lines that fit width columns (more
// results than fit share a column; see sparkline).
func writeTrend(w io.Writer, results []*assess.Result, cs colorScheme, width int) {
	first, last := results[0], results[len(results)-1]
	fmt.Fprintf(w, "%s · %s, %s to %s\n\n", cs.bold("Your circle over time"), view.Plural(len(results), "result", "results"),
		first.TakenAt.Local().Format("2 Jan 2006"), last.TakenAt.Local().Format("2 Jan 2006"))
	// "  " + name (21) + " " + first (7) + "  " … "  " + latest (up to 7).
	cols := min(len(results), max(10, width-(2+21+1+7+2)-(2+7)))
	fmt.Fprintf(w, "  %-21s %7s  %-*s  %s\n", "", "first", cols, "", "latest")

	// Each row on its own fixed scale (assess.DrawRange), so that a small
	// change looks small.
	row := func(name string, values []*float64, lo, hi float64, format func(v *float64, r *assess.Result) string) {
		fmt.Fprintf(w, "  %-21s %7s  %-*s  %s\n", name, format(values[0], first), cols, sparkline(values, cols, lo, hi), format(values[len(values)-1], last))
	}
	// The same series as --output json, laid out by result: a score a
	// result lacks is a gap in its row.
	pos := map[string]int{}
	for i, r := range results {
		pos[r.ID] = i
	}
	for _, e := range trendSeries(results) {
		values := make([]*float64, len(results))
		shown := false
		for _, p := range e.Value {
			values[pos[p.ID]] = p.Value
			shown = shown || p.Value != nil
		}
		if !shown {
			// Null in every result (a measure of who knows whom, never
			// asked): a row of dashes says nothing. JSON keeps it.
			continue
		}
		d := view.Lookup(e.Key, nil)
		lo, hi, ok := assess.DrawRange(e.Key, values)
		if !ok {
			lo, hi = dataRange(values)
		}
		row(d.Short, values, lo, hi, func(v *float64, r *assess.Result) string {
			// A source share is shown as that result's summary shows it,
			// rounded with the other two (view.SharePercents).
			if p, ok := view.SharePercents(r)[e.Key]; ok && v != nil {
				return fmt.Sprintf("%d%%", p)
			}
			return d.Value(v)
		})
	}
	count := func(get func(*assess.Result) int) []*float64 {
		out := make([]*float64, len(results))
		for i, r := range results {
			v := float64(get(r))
			out[i] = &v
		}
		return out
	}
	whole := func(v *float64, _ *assess.Result) string { return view.Trim(*v, 0) }
	// Counts grow with the circle: from 0 to the most among the results.
	countRow := func(name string, values []*float64) {
		_, hi := dataRange(values)
		row(name, values, 0, max(hi, 1), whole)
	}
	countRow("People", count(func(r *assess.Result) int { return len(r.People) }))
	countRow("Open gaps", count(func(r *assess.Result) int {
		n := 0
		for _, g := range r.Findings {
			if g.Severity == assess.SeverityGap {
				n++
			}
		}
		return n
	}))
}

// dataRange is the smallest and largest of values; 0, 0 when all are
// null.
func dataRange(values []*float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if v != nil {
			lo, hi = math.Min(lo, *v), math.Max(hi, *v)
		}
	}
	if lo > hi {
		return 0, 0
	}
	return lo, hi
}

var sparks = []rune("▁▂▃▄▅▆▇█")

// sparkline draws values as block characters on the scale lo to hi (the
// lowest block is lo, the highest hi), in at most cols characters: when
// there are more values than that, each character stands for a run of
// neighbours and shows their mean. A null (or a run of nulls) is a space;
// with no scale (lo = hi) every value sits mid-height; and whatever the
// numbers, a value off the scale is drawn at its end.
func sparkline(values []*float64, cols int, lo, hi float64) string {
	values = downsample(values, cols)
	var b strings.Builder
	for _, v := range values {
		switch {
		case v == nil:
			b.WriteRune(' ')
		case !(hi-lo > 1e-9) || math.IsInf(hi-lo, 0):
			b.WriteRune(sparks[3])
		default:
			at := (*v - lo) / (hi - lo)
			if math.IsNaN(at) {
				at = 0.5
			}
			at = math.Max(0, math.Min(1, at))
			b.WriteRune(sparks[int(math.Round(at*float64(len(sparks)-1)))])
		}
	}
	return b.String()
}

// downsample groups values into at most n runs of neighbours, each the
// mean of its non-null values (null when it has none).
func downsample(values []*float64, n int) []*float64 {
	if n <= 0 || len(values) <= n {
		return values
	}
	out := make([]*float64, n)
	for i := range n {
		from, to := i*len(values)/n, (i+1)*len(values)/n
		sum, k := 0.0, 0
		for _, v := range values[from:to] {
			if v != nil {
				sum += *v
				k++
			}
		}
		if k > 0 {
			mean := sum / float64(k)
			out[i] = &mean
		}
	}
	return out
}
