package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/ordered"
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
		Long: `Show what changed between two results: every score with its change, gaps
closed and opened, people gained, lost and moved between rings or sides, the
network type, and your guess against the measurement then and now.

FROM and TO are result ids (or a unique prefix), paths, latest or previous.
With no arguments, previous is compared with latest; with one, it is compared
with latest.

With -o FILE (.svg, .png or .dot), also draw a change map: the later circle,
with the people gained, lost and moved marked.

The notes you wrote to your future self then and now close the comparison,
each with its date (in JSON and YAML: reflections, each with result,
taken_at and text). --redact shows initials instead of names and leaves the
notes out.` + notEncrypted,
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
	if opts.Output != outputText {
		return writeData(f.IO.Out, opts.Output, newComparisonView(c))
	}
	writeComparison(f.IO.Out, c, summaryOptions{width: f.IO.Width(), cs: colorScheme{f.IO.ColorEnabled()}})
	return nil
}

type comparisonView struct {
	From              string           `json:"from" yaml:"from"`
	To                string           `json:"to" yaml:"to"`
	SameQuestionnaire bool             `json:"same_questionnaire" yaml:"same_questionnaire"`
	Scores            ordered.Map[any] `json:"scores" yaml:"scores"`
	// EvaluatedWith names the questionnaire both results were evaluated
	// with when they used different versions of a built-in one; null when
	// they are compared as saved.
	EvaluatedWith   *questionnaireRef       `json:"evaluated_with" yaml:"evaluated_with"`
	GapsClosed      []gapRef                `json:"gaps_closed" yaml:"gaps_closed"`
	GapsOpened      []gapRef                `json:"gaps_opened" yaml:"gaps_opened"`
	NewToComparison []gapRef                `json:"new_to_comparison" yaml:"new_to_comparison"`
	People          peopleChangeView        `json:"people" yaml:"people"`
	NetworkType     fromTo[*string]         `json:"network_type" yaml:"network_type"`
	Calibration     fromTo[calibrationView] `json:"calibration" yaml:"calibration"`
	Notes           []string                `json:"notes" yaml:"notes"`
	// Reflections are the notes the leader wrote to their future self,
	// FROM's then TO's, each with its result and date; those without one
	// are left out, and --redact leaves out all.
	Reflections []view.Note `json:"reflections" yaml:"reflections"`
}

type scoreDeltaView struct {
	From  *float64 `json:"from" yaml:"from"`
	To    *float64 `json:"to" yaml:"to"`
	Delta *float64 `json:"delta" yaml:"delta"`
}

type gapRef struct {
	ID       string   `json:"id" yaml:"id"`
	Title    string   `json:"title" yaml:"title"`
	Severity string   `json:"severity" yaml:"severity"`
	People   []string `json:"people" yaml:"people"`
}

type questionnaireRef struct {
	ID      string `json:"id" yaml:"id"`
	Version int    `json:"version" yaml:"version"`
}

type personRef struct {
	Name         string      `json:"name" yaml:"name"`
	Relationship string      `json:"relationship" yaml:"relationship"`
	Side         assess.Side `json:"side" yaml:"side"`
	Ring         assess.Ring `json:"ring" yaml:"ring"`
}

type moveView struct {
	Name     string      `json:"name" yaml:"name"`
	FromRing assess.Ring `json:"from_ring" yaml:"from_ring"`
	ToRing   assess.Ring `json:"to_ring" yaml:"to_ring"`
	FromSide assess.Side `json:"from_side" yaml:"from_side"`
	ToSide   assess.Side `json:"to_side" yaml:"to_side"`
}

type peopleChangeView struct {
	Gained []personRef `json:"gained" yaml:"gained"`
	Lost   []personRef `json:"lost" yaml:"lost"`
	Moved  []moveView  `json:"moved" yaml:"moved"`
}

type fromTo[T any] struct {
	From T `json:"from" yaml:"from"`
	To   T `json:"to" yaml:"to"`
}

type calibrationView struct {
	Predicted *float64 `json:"predicted" yaml:"predicted"`
	Measured  *float64 `json:"measured" yaml:"measured"`
}

func newComparisonView(c *assess.Comparison) comparisonView {
	v := comparisonView{
		From: c.From.ID, To: c.To.ID, SameQuestionnaire: c.SameQuestionnaire,
		GapsClosed: []gapRef{}, GapsOpened: []gapRef{}, NewToComparison: []gapRef{},
		People:      peopleChangeView{Gained: []personRef{}, Lost: []personRef{}, Moved: []moveView{}},
		NetworkType: fromTo[*string]{From: optional(c.NetworkFrom), To: optional(c.NetworkTo)},
		Calibration: fromTo[calibrationView]{
			From: calibrationView{Predicted: c.PredictedFrom, Measured: c.MeasuredFrom},
			To:   calibrationView{Predicted: c.PredictedTo, Measured: c.MeasuredTo},
		},
		Notes:       append([]string{}, c.Notes...),
		Reflections: view.Notes(c.From, c.To),
	}
	var scores ordered.Map[scoreDeltaView]
	for _, s := range c.Scores {
		scores = append(scores, ordered.Entry[scoreDeltaView]{Key: s.Name, Value: scoreDeltaView{From: s.From, To: s.To, Delta: s.Delta}})
	}
	v.Scores = ordered.Nest(scores, nil)
	if e := c.EvaluatedWith; e != nil {
		v.EvaluatedWith = &questionnaireRef{ID: e.ID, Version: e.Version}
	}
	ref := func(g assess.Finding) gapRef {
		return gapRef{ID: g.ID, Title: g.Title, Severity: g.Severity, People: g.People}
	}
	for _, g := range c.GapsClosed {
		v.GapsClosed = append(v.GapsClosed, ref(g))
	}
	for _, g := range c.GapsOpened {
		v.GapsOpened = append(v.GapsOpened, ref(g))
	}
	for _, g := range c.GapsNew {
		v.NewToComparison = append(v.NewToComparison, ref(g))
	}
	person := func(p assess.ResultPerson) personRef {
		return personRef{Name: p.Name, Relationship: p.Relationship, Side: p.Side, Ring: p.Ring}
	}
	for _, p := range c.Gained {
		v.People.Gained = append(v.People.Gained, person(p))
	}
	for _, p := range c.Lost {
		v.People.Lost = append(v.People.Lost, person(p))
	}
	for _, m := range c.Moved {
		v.People.Moved = append(v.People.Moved, moveView{Name: m.Name, FromRing: m.FromRing, ToRing: m.ToRing, FromSide: m.FromSide, ToSide: m.ToSide})
	}
	return v
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// writeComparison writes the text form of a comparison.
func writeComparison(w io.Writer, c *assess.Comparison, o summaryOptions) {
	cs := o.cs
	width := textWidth(o.width)
	fmt.Fprintf(w, "%s %s → %s\n", cs.bold("What changed:"), c.From.TakenAt.Local().Format("2 Jan 2006"), c.To.TakenAt.Local().Format("2 Jan 2006"))
	fmt.Fprintf(w, "%s\n\n", cs.dim(fmt.Sprintf("%s → %s", c.From.ID, c.To.ID)))
	for _, n := range c.Notes {
		fmt.Fprintln(w, prose.Wrap(sanitize(n), width, "  "))
	}
	if len(c.Notes) > 0 {
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "%s%s\n", cs.bold("Scores"), fmt.Sprintf("%*s %7s %7s  %s", 23-len("Scores"), "", "then", "now", "change"))
	for _, row := range view.ChangeRows(c, nil) {
		fmt.Fprintf(w, "  %-21s %7s %7s  %s\n", row.Short, row.From, row.To, row.Delta)
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

	gapList := func(head, mark string, gaps []assess.Finding, always bool) {
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
	gapList("Gaps closed", cs.green("✓"), c.GapsClosed, true)
	gapList("Gaps opened", cs.red("●"), c.GapsOpened, true)
	gapList("New to this comparison", cs.dim("○"), c.GapsNew, false)
	fmt.Fprintln(w)

	fmt.Fprintln(w, cs.bold("People"))
	if len(c.Gained)+len(c.Lost)+len(c.Moved) == 0 {
		fmt.Fprintln(w, "  The same people, on the same rings.")
	}
	for _, p := range c.Gained {
		fmt.Fprintf(w, "  %s %s joined: %s, %s circle\n", cs.green("+"), oneLine(p.Name), relationshipWords(p.Relationship), p.Ring)
	}
	for _, p := range c.Lost {
		fmt.Fprintf(w, "  %s %s is no longer in the circle (was %s, %s circle)\n", cs.dim("−"), oneLine(p.Name), relationshipWords(p.Relationship), p.Ring)
	}
	for _, m := range c.Moved {
		var parts []string
		if m.RingMoved {
			parts = append(parts, fmt.Sprintf("%s → %s circle", m.FromRing, m.ToRing))
		}
		if m.Crossed {
			parts = append(parts, fmt.Sprintf("now %s the organization", sideWord(m.ToSide)))
		}
		fmt.Fprintf(w, "  %s %s: %s\n", cs.blue("→"), oneLine(m.Name), strings.Join(parts, "; "))
	}
	if notes := view.Notes(c.From, c.To); len(notes) > 0 {
		fmt.Fprintln(w)
		writeNotes(w, notes, o)
	}
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
