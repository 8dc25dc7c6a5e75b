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
	"github.com/circle-cli/circle/assess/store"
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
before it and the trend over time.

The file needs nothing else: no network, no scripts, no fonts from
elsewhere; it reads on a phone and prints cleanly. --redact replaces every
name by initials and leaves out your reflection.`,
		Example: `  circle report -o circle.html
  circle report latest -o for-my-coach.html --redact`,
		Args: maxArgs(1),
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
	c.Flags().BoolVar(&opts.Redact, "redact", false, "replace names by initials and leave out the reflection")
	c.ValidArgsFunction = completeResults(f, 1)
	_ = c.MarkFlagFilename("out", "html")
	return c
}

//go:embed report.html.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(v float64) string { return fmt.Sprintf("%.0f", v) },
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
	e, err := st.ResolveIn(entries, opts.Ref)
	if err != nil {
		return err
	}
	warnBroken(f, st, entries)
	results := readable(entries)
	r := e.Result
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

	rd := graph.NewRenderer()
	defer rd.Close()
	mapSVG, err := rd.Map(context.Background(), shown, graph.FormatSVG, graph.Options{Location: time.Local}, 1)
	if err != nil {
		return fmt.Errorf("drawing the map: %w", err)
	}
	var trendSVG []byte
	if len(upto) > 1 {
		if trendSVG, err = chart.Trend(upto, chart.SVG, 1); err != nil {
			return fmt.Errorf("drawing the trend: %w", err)
		}
	}

	page := newReportPage(shown, shownPrev, mapSVG, trendSVG, f.Now())
	var buf bytes.Buffer
	if err := reportTmpl.Execute(&buf, page); err != nil {
		return err
	}
	if err := store.WriteFile(opts.File, buf.Bytes()); err != nil {
		return fmt.Errorf("cannot write %s: %w", opts.File, err)
	}
	fmt.Fprintf(f.IO.ErrOut, "Report written to %s\n", opts.File)
	return nil
}

type reportScore struct {
	Label, Value, Words, Meaning string
}

type reportGap struct {
	Title, Advice string
	Warning       bool
}

type reportChange struct {
	Label, From, To, Delta string
}

type reportPage struct {
	Title, Date, Questionnaire, People string
	InsidePct, OutsidePct              int
	HasBalance                         bool
	Balance, BalanceWords              string
	Map, Trend                         template.HTML
	Scores                             []reportScore
	Network, NetworkSentence           string
	Guess                              string
	Gaps                               []reportGap
	Reflection                         string
	Previous                           *reportComparison
	Generated                          string
}

type reportComparison struct {
	Date           string
	Changes        []reportChange
	Closed, Opened []string
	PeopleLines    []string
	Network        string
}

// scoreMeanings says in one sentence what each score measures.
var scoreMeanings = map[string]string{
	assess.ScoreExternalCoverage: "The share of the kinds of support in this questionnaire that at least one person outside your organization gives you.",
	assess.ScoreConcentration:    "How much of your support runs through a few people: 1 when one person carries it all, lower as it spreads.",
	assess.ScoreDiversity:        "How varied your relationships are, from 0 (all one kind) to 1 (as varied as the questionnaire allows).",
	"isolation":                  "From your answers to the statements: how alone the role feels, 0 to 100.",
	"filtering":                  "From your answers to the statements: how much you edit what you say, 0 to 100.",
}

func newReportPage(r, prev *assess.Result, mapSVG, trendSVG []byte, now time.Time) reportPage {
	inside, outside := 0, 0
	for _, p := range r.People {
		if p.Side == assess.External {
			outside++
		} else {
			inside++
		}
	}
	title := r.Questionnaire.Title
	if title == "" {
		title = "Your support circle"
	}
	page := reportPage{
		Title:         title,
		Date:          r.TakenAt.Local().Format("2 January 2006"),
		Questionnaire: fmt.Sprintf("%s v%d", r.Questionnaire.ID, r.Questionnaire.Version),
		People:        peopleCount(len(r.People), inside, outside),
		Map:           inlineSVG(mapSVG),
		Trend:         inlineSVG(trendSVG),
		Network:       r.NetworkType,
		Reflection:    r.Reflection,
		Generated:     now.Local().Format("2 January 2006, 15:04"),
	}
	if b := r.Score(assess.ScoreBalance); b != nil {
		page.HasBalance = true
		page.InsidePct = int(math.Round((1 - *b) / 2 * 100))
		page.OutsidePct = 100 - page.InsidePct
		page.Balance = signed(*b, 2)
		page.BalanceWords = assess.BalanceWords(b)
	}
	if r.NetworkType != "" {
		page.NetworkSentence = capitalize(networkSentences[r.NetworkType])
	}
	page.Guess = capitalize(calibrationWords(r))
	for _, s := range r.Scores {
		if s.Value == nil || s.Name == assess.ScoreBalance || s.Name == assess.ScoreCalibrationGap {
			continue
		}
		rs := reportScore{Label: scoreLabel(s.Name), Value: scoreValue(s.Name, s.Value), Meaning: scoreMeanings[s.Name]}
		switch s.Name {
		case assess.ScoreExternalCoverage:
			rs.Words = coverageWords(r)
		case assess.ScoreConcentration:
			rs.Words = concentrationWords(*s.Value)
		case assess.ScoreDiversity:
			rs.Words = diversityWords(*s.Value, len(r.People))
		default:
			rs.Words = subscaleWords(s.Name, *s.Value)
			if rs.Meaning == "" {
				rs.Meaning = "From your answers to the statements of this subscale, 0 to 100."
			}
		}
		page.Scores = append(page.Scores, rs)
	}
	for _, g := range r.Findings {
		page.Gaps = append(page.Gaps, reportGap{Title: g.Title, Advice: g.Advice, Warning: g.Severity != assess.SeverityGap})
	}
	if prev != nil {
		c := assess.Compare(prev, r)
		rc := &reportComparison{Date: prev.TakenAt.Local().Format("2 January 2006")}
		for _, s := range c.Scores {
			rc.Changes = append(rc.Changes, reportChange{Label: scoreLabel(s.Name), From: scoreValue(s.Name, s.From), To: scoreValue(s.Name, s.To), Delta: deltaWords(s)})
		}
		for _, g := range c.GapsClosed {
			rc.Closed = append(rc.Closed, g.Title)
		}
		for _, g := range c.GapsOpened {
			rc.Opened = append(rc.Opened, g.Title)
		}
		for _, p := range c.Gained {
			rc.PeopleLines = append(rc.PeopleLines, fmt.Sprintf("%s joined: %s, %s circle", oneLine(p.Name), relationshipWords(p.Relationship), p.Ring))
		}
		for _, p := range c.Lost {
			rc.PeopleLines = append(rc.PeopleLines, fmt.Sprintf("%s is no longer in the circle (was %s, %s circle)", oneLine(p.Name), relationshipWords(p.Relationship), p.Ring))
		}
		for _, m := range c.Moved {
			line := fmt.Sprintf("%s moved from the %s to the %s circle", oneLine(m.Name), m.FromRing, m.ToRing)
			if m.Crossed {
				line = fmt.Sprintf("%s is now %s the organization", oneLine(m.Name), sideWord(m.ToSide))
			}
			rc.PeopleLines = append(rc.PeopleLines, line)
		}
		if c.NetworkFrom != c.NetworkTo {
			rc.Network = fmt.Sprintf("Network type: %s → %s.", orDash(c.NetworkFrom), orDash(c.NetworkTo))
		}
		page.Previous = rc
	}
	return page
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
