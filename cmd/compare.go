package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/prose"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/assess/view"
)

type compareOptions struct {
	f        *Factory
	From, To string
	Output   string
	Redact   bool
	// File is -o/--out and MapFile its older name --map: the change map.
	File    string
	MapFile string
}

func newCompareCmd(f *Factory, runF func(*compareOptions) error) *cobra.Command {
	opts := &compareOptions{f: f}
	c := &cobra.Command{
		Use:   "compare [FROM] [TO]",
		Short: "Show what changed between two results",
		Long: `Show what changed between two results: every score with its change (and,
where more or less is better in itself, whether it is better or worse), gaps
closed and opened and warnings cleared and raised, each apart, people gained,
lost, moved between rings or sides and changed (every answer about them that
changed, then and now), how much of the circle stayed, who knows whom
among them (ties gained and lost), the network type, your guess against
the measurement then and now, and what became of the plan you made last
time.

FROM and TO are result ids (or a unique prefix), paths, latest or previous.
With no arguments, previous is compared with latest; with one, it is compared
with latest.

With -o FILE (.svg, .png or .dot), also draw a change map: the later circle,
with the people gained, lost and moved marked, and on a person's box any drop
in candour ("candour 4→2") and the support they no longer give ("no
longer: thinking partner").

--output json (or yaml) prints:
  from, to, same_questionnaire, evaluated_with
  scores       {name: {from, to, delta, direction}}; sources is an object
               of three such. direction is better, worse or same for
               professional_coverage, outside_confidants, effective_size
               and efficiency (up is better), isolation, filtering and
               constraint (down is better); up, down or unchanged for
               every other score; new when it was null (a tie measure
               the earlier result was never asked); null when it is
               null now.
  stability    |A∩B|/|A|, with A the earlier circle and B the later
               (null when A is empty)
  turnover     (|A−B| + |B−A|)/|A∪B|      (null when both are empty)
  jaccard      |A∩B|/|A∪B|               (null when both are empty)
  gaps_closed, gaps_opened            gaps only: [{id, title, severity, people}]
  warnings_cleared, warnings_raised   warnings only, alike
  new_to_comparison                   findings neither opened nor closed
  people       {gained, lost: [{name, relationship, side, ring}],
                moved: [{name, from_ring, to_ring, from_side, to_side}],
                changed: [{name, changes: [{field, from, to}]}]}
               field is relationship, was_peer, ring, frequency, candour or
               functions; a functions change also has added and removed.
  ties         {gained, lost: [{a, b}]}: the pairs of people who know each
               other now and did not then, and the other way round; null
               unless both results were asked who knows whom
  network_type {from, to}; calibration {from, to: {predicted, measured}}
  plan         FROM's plan beside TO's follow-up: [{finding, title,
               severity, step, by, status, still_open}]
  followup     TO's follow-up as saved: [{finding, status}], with step, by
               and planned where it recorded them
  notes        what the comparison needs you to know
  reflections  the notes you wrote then and now: [{result, taken_at, text}]
Scores and the three circle measures are rounded to 3 decimals.

The notes you wrote to your future self then and now close the comparison,
each with its date. --redact shows initials instead of names and leaves out
the notes and the words of your plan's steps.` + notEncrypted,
		Example: `  circle compare
  circle compare 2026-03 2026-09 -o change.png
  circle compare previous latest --output json`,
		Args: resultArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.From, opts.To = "previous", "latest"
			if len(args) > 0 {
				opts.From = args[0]
			}
			if len(args) > 1 {
				opts.To = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return runCompare(opts)
		},
	}
	c.Flags().BoolVar(&opts.Redact, "redact", false, "show initials instead of names")
	c.Flags().StringVarP(&opts.File, "out", "o", "", "also draw a change map to `FILE` (.svg, .png or .dot)")
	c.Flags().StringVar(&opts.MapFile, "map", "", "the same as --out `FILE`")
	_ = c.MarkFlagFilename("out", "svg", "png", "dot")
	_ = c.MarkFlagFilename("map", "svg", "png", "dot")
	c.ValidArgsFunction = completeResults(f, 2)
	// Before -o FILE, -o was --output: -o json (text, yaml) keeps that
	// meaning for one release.
	addLegacyOutputFlag(f, c, &opts.Output, "")
	return c
}

// resolveResults finds the results that RESULT arguments name. A file that
// cannot be read is the error when it is one of them; among the others, it
// is named in a warning and passed over.
func resolveResults(f *Factory, refs ...string) ([]*assess.Result, error) {
	st, entries, err := listResults(f)
	if err != nil {
		return nil, err
	}
	return resolveResultsIn(f, st, entries, refs...)
}

// resolveResultsIn is resolveResults over results already listed.
func resolveResultsIn(f *Factory, st *store.Store, entries []store.Entry, refs ...string) ([]*assess.Result, error) {
	var out []*assess.Result
	for _, ref := range refs {
		e, err := st.ResolveIn(entries, ref)
		if err != nil {
			if e.Path == "" {
				// Nothing found: the files passed over may be why
				// ("no saved results yet" when all of them are broken).
				warnBroken(f, st, entries)
			}
			return nil, err
		}
		out = append(out, e.Result)
	}
	warnBroken(f, st, entries)
	return out, nil
}

// warnBroken names each saved file that cannot be read, once.
func warnBroken(f *Factory, st *store.Store, entries []store.Entry) {
	if w := st.Check(); w != "" {
		fmt.Fprintln(f.IO.ErrOut, w)
	}
	for _, e := range entries {
		if e.Err != nil {
			fmt.Fprintf(f.IO.ErrOut, "warning: skipping %s\n", sanitize(assess.FirstLine(e.Err.Error())))
		}
	}
}

func runCompare(opts *compareOptions) error {
	f := opts.f
	if err := checkOutput(opts.Output, outputText, outputJSON, outputYAML); err != nil {
		return err
	}
	file, flag := opts.File, "-o"
	switch {
	case file == "":
		file, flag = opts.MapFile, "--map"
	case opts.MapFile != "" && opts.MapFile != file:
		return usageErrorf("-o %s and --map %s name two files for one change map; give -o alone", file, opts.MapFile)
	}
	var mapReq *mapRequest
	if file == "-" {
		return usageErrorf("%s needs a file name: the comparison already goes to standard output", flag)
	}
	if file != "" {
		var err error
		if mapReq, err = newMapRequest(file, "", "", 0, false); err != nil {
			return err
		}
	}
	rs, err := resolveResults(f, opts.From, opts.To)
	if err != nil {
		return err
	}
	if rs[0].ID == rs[1].ID {
		return usageErrorf("%s and %s are the same result (%s); name two different ones", opts.From, opts.To, rs[0].ID)
	}
	from, to := rs[0], rs[1]
	if opts.Redact {
		// Both results through one mapping, so a person keeps their
		// initials from one to the other.
		names := assess.RedactNames(from, to)
		from, to = assess.RedactWith(from, names), assess.RedactWith(to, names)
	}
	c := assess.Compare(from, to)
	if mapReq != nil {
		if err := mapReq.drawChange(f, c); err != nil {
			return err
		}
	}
	v := view.NewComparison(c, nil)
	if opts.Output != outputText {
		return writeData(f.IO.Out, opts.Output, v.Data())
	}
	writeComparison(f.IO.Out, v, summaryOptions{width: f.IO.Width(), cs: colorScheme{f.IO.ColorEnabled()}})
	return nil
}

// writeComparison writes the text form of a comparison.
func writeComparison(w io.Writer, v *view.Comparison, o summaryOptions) {
	c := v.C
	cs := o.cs
	width := textWidth(o.width)
	fmt.Fprintf(w, "%s %s → %s\n", cs.bold("What changed:"), c.From.TakenAt.Local().Format("2 Jan 2006"), c.To.TakenAt.Local().Format("2 Jan 2006"))
	fmt.Fprintf(w, "%s\n\n", cs.dim(fmt.Sprintf("%s → %s", c.From.ID, c.To.ID)))
	for _, n := range v.Notes {
		fmt.Fprintln(w, prose.Wrap(sanitize(n), width, "  "))
	}
	if len(v.Notes) > 0 {
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "%s%s\n", cs.bold("Scores"), fmt.Sprintf("%*s %7s %7s  %s", 23-len("Scores"), "", "then", "now", "change"))
	for _, row := range v.Scores {
		if !row.Shown() {
			continue
		}
		change := row.Delta
		switch row.Verdict {
		case view.DirBetter:
			change += " " + cs.green(row.Verdict)
		case view.DirWorse:
			change += " " + cs.red(row.Verdict)
		}
		fmt.Fprintf(w, "  %-21s %7s %7s  %s\n", row.Short, row.From, row.To, change)
	}
	fmt.Fprintln(w)

	if c.NetworkFrom != c.NetworkTo {
		fmt.Fprintln(w, prose.Wrap(fmt.Sprintf("Network type: %s → %s. %s", orDash(c.NetworkFrom), orDash(c.NetworkTo), view.Capitalize(view.NetworkSentences[c.NetworkTo])), width, ""))
	} else if c.NetworkTo != "" {
		fmt.Fprintf(w, "Network type: still %s.\n", c.NetworkTo)
	}
	if line := guessLine("then", c.PredictedFrom, c.MeasuredFrom) + guessLine("now", c.PredictedTo, c.MeasuredTo); line != "" {
		fmt.Fprintln(w, prose.Wrap("Your guess of the outside share:"+strings.TrimSuffix(line, ";")+".", width, ""))
	}
	fmt.Fprintln(w)

	findings := func(head, mark string, gaps []assess.Finding, always bool) {
		if len(gaps) == 0 && !always {
			return
		}
		fmt.Fprintf(w, "%s (%d)\n", cs.bold(head), len(gaps))
		for _, g := range gaps {
			line := sanitize(g.Title)
			if names := view.ShortList(g.People); names != "" {
				line += ": " + oneLine(names)
			}
			fmt.Fprintf(w, "  %s %s\n", mark, strings.TrimLeft(prose.Wrap(line, width, "    "), " "))
		}
	}
	findings("Gaps closed", cs.green("✓"), v.GapsClosed, true)
	findings("Gaps opened", cs.red("●"), v.GapsOpened, true)
	findings("Warnings cleared", cs.green("✓"), v.WarningsCleared, false)
	findings("Warnings raised", cs.red("●"), v.WarningsRaised, false)
	findings("New to this comparison", cs.dim("○"), v.NewToComparison, false)
	fmt.Fprintln(w)

	if len(v.Plan) > 0 {
		fmt.Fprintf(w, "%s %s\n", cs.bold("Your plan"), cs.dim("(from "+c.From.TakenAt.Local().Format("2 Jan 2006")+")"))
		for _, p := range v.Plan {
			fmt.Fprintf(w, "  • %s\n", strings.TrimLeft(prose.Wrap(sanitize(p.Text), width, "    "), " "))
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintln(w, cs.bold("People"))
	if line := stayedLine(v); line != "" {
		fmt.Fprintln(w, prose.Wrap(line, width, "  "))
	}
	if len(v.Gained)+len(v.Lost)+len(v.Changed) == 0 {
		fmt.Fprintln(w, "  The same people, with the same answers.")
	}
	for _, p := range v.Gained {
		fmt.Fprintf(w, "  %s %s joined: %s, %s circle\n", cs.green("+"), oneLine(p.Name), relationshipWords(p.Relationship), p.Ring)
	}
	for _, p := range v.Lost {
		fmt.Fprintf(w, "  %s %s is no longer in the circle (was %s, %s circle)\n", cs.dim("−"), oneLine(p.Name), relationshipWords(p.Relationship), p.Ring)
	}
	for _, p := range v.Changed {
		line := oneLine(p.Name) + ": " + strings.Join(p.Parts, "; ")
		fmt.Fprintf(w, "  %s %s\n", cs.blue("→"), strings.TrimLeft(prose.Wrap(line, width, "    "), " "))
	}
	if v.C.TiesCompared || v.TiesNote != "" {
		fmt.Fprintln(w)
		fmt.Fprintln(w, cs.bold("Who knows whom"))
	}
	if v.TiesNote != "" {
		fmt.Fprintln(w, prose.Wrap(sanitize(v.TiesNote), width, "  "))
	} else if v.C.TiesCompared && len(v.Ties) == 0 {
		fmt.Fprintln(w, "  The same ties as then.")
	}
	for _, t := range v.Ties {
		mark := cs.green("+")
		if !t.Gained {
			mark = cs.dim("−")
		}
		fmt.Fprintf(w, "  %s %s\n", mark, strings.TrimLeft(prose.Wrap(oneLine(t.Text), width, "    "), " "))
	}
	if len(v.Reflections) > 0 {
		fmt.Fprintln(w)
		writeNotes(w, v.Reflections, o)
	}
}

// stayedLine says how much of the circle stayed, with the three measures
// of JSON: "3 of the 4 people in your circle then are still in it
// (stability 0.75, turnover 0.5, Jaccard 0.5)."; "" when neither circle
// has anyone.
func stayedLine(v *view.Comparison) string {
	if v.Turnover == nil || v.Jaccard == nil {
		return ""
	}
	measures := fmt.Sprintf("turnover %s, Jaccard %s", view.Trim(*v.Turnover, 3), view.Trim(*v.Jaccard, 3))
	if v.Stability == nil {
		return fmt.Sprintf("Nobody was in your circle then (%s).", measures)
	}
	var s string
	switch {
	case v.Before == 1 && v.Stayed == 1:
		s = "The one person in your circle then is still in it"
	case v.Before == 1:
		s = "The one person in your circle then is no longer in it"
	case v.Stayed == v.Before:
		s = fmt.Sprintf("All %d people in your circle then are still in it", v.Before)
	case v.Stayed == 0:
		s = fmt.Sprintf("None of the %d people in your circle then is still in it", v.Before)
	case v.Stayed == 1:
		s = fmt.Sprintf("1 of the %d people in your circle then is still in it", v.Before)
	default:
		s = fmt.Sprintf("%d of the %d people in your circle then are still in it", v.Stayed, v.Before)
	}
	return fmt.Sprintf("%s (stability %s, %s).", s, view.Trim(*v.Stability, 3), measures)
}

func guessLine(when string, predicted, measured *float64) string {
	if predicted == nil && measured == nil {
		return ""
	}
	s := " " + when + " "
	if predicted != nil {
		s += view.Trim(*predicted, 0) + "% guessed"
		if measured != nil {
			s += ", "
		}
	}
	if measured != nil {
		s += view.Trim(*measured, 0) + "% measured"
	}
	return s + ";"
}

func relationshipWords(id string) string { return strings.ReplaceAll(id, "_", " ") }

func sideWord(s assess.Side) string {
	if s == assess.External {
		return "outside"
	}
	return "inside"
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
