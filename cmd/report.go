package cmd

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/view"
	"github.com/circle-cli/circle/graph"
	"github.com/circle-cli/circle/graph/chart"
)

type reportOptions struct {
	f      *Factory
	Ref    string
	File   string
	Redact bool
}

func newReportCmd(f *Factory, runF func(*reportOptions) error) *cobra.Command {
	opts := &reportOptions{f: f}
	c := &cobra.Command{
		Use:   "report [RESULT] -o FILE.html",
		Short: "Write a report to read quietly or bring to a coach",
		Long: `Write one self-contained HTML file about a result (default: latest): the
support map, every score with its words and what it means, the gaps with
their advice, and, when there is history, what changed since the result
before it and the trend over time; last, the note you wrote that day and the
one you wrote the time before, each with its date.

The file needs nothing else: no network, no scripts, no fonts from
elsewhere; it reads on a phone and prints cleanly. --redact replaces every
name by initials and leaves out your notes.` + notEncrypted,
		Example: `  circle report -o circle.html
  circle report latest -o for-my-coach.html --redact`,
		Args: resultArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Ref = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runReport(opts)
		},
	}
	c.Flags().StringVarP(&opts.File, "out", "o", "", "write the report to `FILE` (.html)")
	c.Flags().BoolVar(&opts.Redact, "redact", false, "replace names by initials and leave out your notes")
	c.ValidArgsFunction = completeResults(f, 1)
	_ = c.MarkFlagFilename("out", "html")
	return c
}

//go:embed report.html.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct":     func(v float64) string { return fmt.Sprintf("%.0f", v) },
	"namekey": assess.NameKey,
}).Parse(reportTemplate))

func runReport(opts *reportOptions) error {
	f := opts.f
	ext := strings.ToLower(filepath.Ext(opts.File))
	if opts.File == "" || (ext != ".html" && ext != ".htm") {
		return usageErrorf("name the report file with -o FILE.html")
	}
	st, entries, err := listResults(f)
	if err != nil {
		return err
	}
	rs, err := resolveResultsIn(f, st, entries, opts.Ref)
	if err != nil {
		return err
	}
	results := readable(entries)
	r := rs[0]
	// The result before this one, and everything up to it, for the
	// comparison and the trend.
	// results are in the store's order, so those before r are the ones
	// listed before it; a result named by a path outside the store has the
	// ones taken before it.
	var upto []*assess.Result
	if i := slices.IndexFunc(results, func(x *assess.Result) bool { return x.ID == r.ID }); i >= 0 {
		upto = append(upto, results[:i]...)
	} else {
		for _, x := range results {
			if x.TakenAt.Before(r.TakenAt) {
				upto = append(upto, x)
			}
		}
	}
	upto = append(upto, r)
	var prev *assess.Result
	if len(upto) > 1 {
		prev = upto[len(upto)-2]
	}

	shown, shownPrev := r, prev
	if opts.Redact {
		names := assess.RedactNames(upto...)
		shown = assess.RedactWith(r, names)
		if prev != nil {
			shownPrev = assess.RedactWith(prev, names)
		}
	}

	html, err := renderReport(shown, shownPrev, upto, f.Now())
	if err != nil {
		return err
	}
	if err := writeOut(opts.f, opts.File, html, false); err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "Report written to %s\n", oneLine(opts.File))
	return nil
}

// renderReport is the HTML report of shown (the result as it is to be
// shown: redacted, perhaps), beside shownPrev, the result before it (nil
// for none), with the trend over upto (the results up to it, oldest
// first) when there are two or more.
func renderReport(shown, shownPrev *assess.Result, upto []*assess.Result, now time.Time) ([]byte, error) {
	rd := graph.NewRenderer()
	defer rd.Close()
	mapSVG, err := rd.Map(context.Background(), shown, graph.FormatSVG, graph.Options{Location: time.Local}, 1)
	if err != nil {
		return nil, fmt.Errorf("drawing the map: %w", err)
	}
	var trendSVG []byte
	if len(upto) > 1 {
		if trendSVG, err = chart.Trend(upto, chart.SVG, 1); err != nil {
			return nil, fmt.Errorf("drawing the trend: %w", err)
		}
	}
	page := newReportPage(shown, shownPrev, mapSVG, trendSVG, now)
	var buf bytes.Buffer
	if err := reportTmpl.Execute(&buf, page); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type reportChange struct {
	Label, From, To, Delta string
}

// reportPage is what the report template renders: the view of the result,
// and what only the report has.
type reportPage struct {
	*view.Result
	Date, Questionnaire    string
	InsidePct, OutsidePct  int
	Balance                string
	Map, Trend             template.HTML
	NetworkSentence, Guess string
	SourceShares           []reportSource
	StartHereFinding       *view.Finding
	OtherGaps              []view.Finding
	// Note is what the leader wrote that day; LastNote what they wrote
	// the time before, when there was a time before. Nil when there is
	// none (or --redact).
	Note, LastNote *reportNote
	// Outcomes set each step of the previous result's plan beside what
	// the leader said became of it and what changed; Plan is this
	// result's own first steps.
	Outcomes    []reportOutcome
	Plan        []reportStep
	Previous    *reportComparison
	Generated   string
	EmptyAdvice string
	Grouped     map[string]bool
}

// reportSource is one source as a bar segment: its share in whole percent.
type reportSource struct {
	view.Source
	Class string
	Names string
}

// reportOutcome is one row of "Last time's plan".
type reportOutcome struct {
	Finding, Step, By, Status, Change string
	// Good is a step whose finding has closed.
	Good bool
}

// reportStep is one of this result's first steps.
type reportStep struct {
	Finding, Step, By string
}

// reportNote is a note with the day it was written.
type reportNote struct {
	Date, Text string
}

func newReportNote(r *assess.Result) *reportNote {
	n := view.NoteOf(r)
	if n == nil {
		return nil
	}
	return &reportNote{Date: n.Date("2 January 2006"), Text: n.Text}
}

type reportComparison struct {
	Date            string
	Changes         []reportChange
	Closed, Opened  []string
	Cleared, Raised []string
	New             []string
	PeopleLines     []string
	// TieLines are the ties among people gained and lost; TiesNote says
	// when only one of the two results was asked who knows whom.
	TieLines []string
	TiesNote string
	Network  string
	Note     string
}

func newReportPage(r, prev *assess.Result, mapSVG, trendSVG []byte, now time.Time) reportPage {
	v := view.New(r)
	page := reportPage{
		Result:           v,
		Date:             r.TakenAt.Local().Format("2 January 2006"),
		Questionnaire:    fmt.Sprintf("%s v%d", r.Questionnaire.ID, r.Questionnaire.Version),
		Map:              inlineSVG(mapSVG),
		Trend:            inlineSVG(trendSVG),
		Note:             newReportNote(r),
		LastNote:         newReportNote(prev),
		Generated:        now.Local().Format("2 January 2006, 15:04"),
		EmptyAdvice:      emptyAdvice,
		StartHereFinding: v.StartHere(),
	}
	if len(v.Gaps) > 1 {
		page.OtherGaps = v.Gaps[1:]
	}
	page.Grouped = v.Grouped()
	if b := v.Balance; b != nil {
		page.InsidePct = int(math.Round((1 - *b) / 2 * 100))
		page.OutsidePct = 100 - page.InsidePct
		page.Balance = view.Signed(*b, 2)
	}
	for i, src := range v.Sources {
		page.SourceShares = append(page.SourceShares, reportSource{
			Source: src, Class: []string{"in", "out", "personal"}[i%3],
			Names: strings.Join(src.People, ", "),
		})
	}
	page.NetworkSentence = view.Capitalize(v.NetworkSentence)
	page.Guess = view.Capitalize(v.Guess)
	for _, o := range view.PlanOutcomes(prev, r) {
		status := "not asked"
		if o.Status != "" {
			status = view.Capitalize(assess.StatusWords(o.Status))
		}
		change := "That gap has closed."
		switch {
		case o.StillOpen && o.Severity == assess.SeverityWarning:
			change = "The warning still stands."
		case o.StillOpen:
			change = "The gap is still open."
		case o.Severity == assess.SeverityWarning:
			change = "That warning has cleared."
		}
		page.Outcomes = append(page.Outcomes, reportOutcome{Finding: o.Title, Step: o.Step, By: o.By.Format("2 January 2006"),
			Status: status, Change: change, Good: !o.StillOpen})
	}
	for _, s := range r.Plan {
		page.Plan = append(page.Plan, reportStep{Finding: r.FindingTitle(s.Finding), Step: s.Step, By: s.By.Format("2 January 2006")})
	}
	if prev != nil {
		cv := view.NewComparison(assess.Compare(prev, r), v.Q)
		c := cv.C
		rc := &reportComparison{Date: prev.TakenAt.Local().Format("2 January 2006")}
		for _, row := range cv.Scores {
			if !row.Shown() {
				continue
			}
			delta := row.Delta
			if row.Verdict != "" {
				delta += " " + row.Verdict
			}
			rc.Changes = append(rc.Changes, reportChange{Label: row.Label, From: row.From, To: row.To, Delta: delta})
		}
		for _, g := range cv.GapsClosed {
			rc.Closed = append(rc.Closed, g.Title)
		}
		for _, g := range cv.WarningsCleared {
			rc.Cleared = append(rc.Cleared, titleWithNames(g))
		}
		for _, g := range cv.GapsOpened {
			rc.Opened = append(rc.Opened, titleWithNames(g))
		}
		for _, g := range cv.WarningsRaised {
			rc.Raised = append(rc.Raised, titleWithNames(g))
		}
		for _, g := range cv.NewToComparison {
			rc.New = append(rc.New, titleWithNames(g))
		}
		if c.EvaluatedWith != nil && len(c.Notes) > 0 {
			rc.Note = c.Notes[0]
		}
		for _, p := range cv.Gained {
			rc.PeopleLines = append(rc.PeopleLines, fmt.Sprintf("%s joined: %s, %s circle", oneLine(p.Name), relationshipWords(p.Relationship), p.Ring))
		}
		for _, p := range cv.Lost {
			rc.PeopleLines = append(rc.PeopleLines, fmt.Sprintf("%s is no longer in the circle (was %s, %s circle)", oneLine(p.Name), relationshipWords(p.Relationship), p.Ring))
		}
		for _, p := range cv.Changed {
			rc.PeopleLines = append(rc.PeopleLines, oneLine(p.Name)+": "+strings.Join(p.Parts, "; "))
		}
		for _, t := range cv.Ties {
			rc.TieLines = append(rc.TieLines, oneLine(t.Text))
		}
		rc.TiesNote = cv.TiesNote
		if c.NetworkFrom != c.NetworkTo {
			rc.Network = fmt.Sprintf("Network type: %s → %s.", orDash(c.NetworkFrom), orDash(c.NetworkTo))
		}
		page.Previous = rc
	}
	return page
}

// titleWithNames is a finding's title with the people it names.
func titleWithNames(f assess.Finding) string {
	if names := view.ShortList(f.People); names != "" {
		return f.Title + ": " + names
	}
	return f.Title
}

var (
	xmlProlog = regexp.MustCompile(`(?s)^\s*(<\?xml.*?\?>\s*)?(<!DOCTYPE.*?>\s*)?(<!--.*?-->\s*)*`)
	svgSize   = regexp.MustCompile(`(<svg[^>]*?)\s(width|height)="[^"]*"`)
)

// inlineSVG prepares an SVG produced by circle itself (Graphviz's or the
// chart's) for inlining in HTML: without its XML prolog, doctype and leading
// comments, and without a fixed size, so CSS can scale it to the page. Its
// text was escaped by the program that wrote it; it carries no scripts.
func inlineSVG(svg []byte) template.HTML {
	if len(svg) == 0 {
		return ""
	}
	s := xmlProlog.ReplaceAllString(string(svg), "")
	for svgSize.MatchString(s) {
		s = svgSize.ReplaceAllString(s, "$1")
	}
	return template.HTML(s) //nolint:gosec // circle's own SVG, see above
}
