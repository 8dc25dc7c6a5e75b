package cmd

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/prose"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/assess/view"
)

type historyOptions struct {
	f      *Factory
	Output string
}

func newHistoryCmd(f *Factory, runF func(*historyOptions) error) *cobra.Command {
	opts := &historyOptions{f: f}
	c := &cobra.Command{
		Use:   "history",
		Short: "List saved results, newest first, and when the next one is due",
		Args:  maxArgs(0),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runHistory(opts)
		},
	}
	addLegacyOutputFlag(f, c, &opts.Output, "writes none")
	return c
}

// loadResults reads every saved result, oldest first. A file that cannot
// be read is named in a warning and left out; the rest go on.
func loadResults(f *Factory) (*store.Store, []*assess.Result, error) {
	st, entries, err := listResults(f)
	if err != nil {
		return nil, nil, err
	}
	warnBroken(f, st, entries)
	return st, readable(entries), nil
}

// listResults reads every saved result file, oldest first, readable or
// not, without a word: callers warn (warnBroken) once they know which
// files the user named.
func listResults(f *Factory) (*store.Store, []store.Entry, error) {
	st, err := f.Store()
	if err != nil {
		return nil, nil, err
	}
	entries, err := st.List()
	if err != nil {
		return nil, nil, err
	}
	if entries == nil {
		// Not nil, so that ResolveIn does not list them again.
		entries = []store.Entry{}
	}
	return st, entries, nil
}

// readable is the results among entries that could be read.
func readable(entries []store.Entry) []*assess.Result {
	var out []*assess.Result
	for _, e := range entries {
		if e.Err == nil {
			out = append(out, e.Result)
		}
	}
	return out
}

type historyItem struct {
	ID            string                 `json:"id" yaml:"id"`
	TakenAt       time.Time              `json:"taken_at" yaml:"taken_at"`
	Questionnaire view.QuestionnaireData `json:"questionnaire" yaml:"questionnaire"`
	People        int                    `json:"people" yaml:"people"`
	// The headline scores; null for a result saved before they existed.
	ProfessionalCoverage *float64 `json:"professional_coverage" yaml:"professional_coverage"`
	OutsideConfidants    *float64 `json:"outside_confidants" yaml:"outside_confidants"`
	Balance              *float64 `json:"balance" yaml:"balance"`
	BalanceWords         string   `json:"balance_words" yaml:"balance_words"`
	Gaps                 []string `json:"gaps" yaml:"gaps"`
	Warnings             []string `json:"warnings" yaml:"warnings"`
	NetworkType          *string  `json:"network_type" yaml:"network_type"`
}

type historyView struct {
	Results []historyItem `json:"results" yaml:"results"`
	// LastTaken and NextDue are null with no results.
	LastTaken *time.Time `json:"last_taken" yaml:"last_taken"`
	NextDue   *time.Time `json:"next_due" yaml:"next_due"`
}

func runHistory(opts *historyOptions) error {
	f := opts.f
	if err := checkOutput(opts.Output, outputText, outputJSON, outputYAML); err != nil {
		return err
	}
	st, results, err := loadResults(f)
	if err != nil {
		return err
	}
	// A save killed between writing and renaming leaves a temporary copy
	// full of names that nothing else would ever remove.
	if n := st.CleanStale(); n > 0 {
		fmt.Fprintf(f.IO.ErrOut, "Removed %s left by an interrupted save.\n", view.Plural(n, "temporary copy", "temporary copies"))
	}
	hv := historyView{Results: []historyItem{}}
	for i := len(results) - 1; i >= 0; i-- {
		r := results[i]
		item := historyItem{ID: r.ID, TakenAt: r.TakenAt, Questionnaire: view.QuestionnaireData{ID: r.Questionnaire.ID, Version: r.Questionnaire.Version}, People: len(r.People), Balance: r.Score(assess.ScoreBalance),
			BalanceWords: assess.BalanceWords(r.Score(assess.ScoreBalance)), Gaps: []string{}, Warnings: []string{}}
		item.ProfessionalCoverage = r.Score(assess.ScoreProfessionalCoverage)
		item.OutsideConfidants = r.Score(assess.ScoreOutsideConfidants)
		for _, g := range r.Findings {
			if g.Severity == assess.SeverityGap {
				item.Gaps = append(item.Gaps, g.ID)
			} else {
				item.Warnings = append(item.Warnings, g.ID)
			}
		}
		if r.NetworkType != "" {
			nt := r.NetworkType
			item.NetworkType = &nt
		}
		hv.Results = append(hv.Results, item)
	}
	if len(results) > 0 {
		last := results[len(results)-1].TakenAt
		due := assess.NextDue(last)
		hv.LastTaken, hv.NextDue = &last, &due
	}
	if opts.Output != outputText {
		return writeData(f.IO.Out, opts.Output, hv)
	}

	w := f.IO.Out
	cs := colorScheme{f.IO.ColorEnabled()}
	if len(results) == 0 {
		fmt.Fprintf(w, "No saved results yet in %s.\nRun 'circle assess' to take the first one.\n", st.Dir())
		return nil
	}
	// The table is laid out first, then a line is put in where the
	// questionnaire changed (newest first), so that it does not upset the
	// columns.
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTAKEN\tPEOPLE\tPROFESSIONAL COVERAGE\tOUTSIDE CONFIDANTS\tOPEN")
	for _, it := range hv.Results {
		coverage, confidants := "–", "–"
		if it.ProfessionalCoverage != nil {
			coverage = fmt.Sprintf("%.2f", *it.ProfessionalCoverage)
		}
		if it.OutsideConfidants != nil {
			confidants = view.Trim(*it.OutsideConfidants, 0)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", it.ID, it.TakenAt.Local().Format("2 Jan 2006"), it.People, coverage, confidants, openWords(len(it.Gaps), len(it.Warnings)))
	}
	tw.Flush()
	lines := strings.SplitAfter(table.String(), "\n")
	fmt.Fprint(w, lines[0])
	for i, it := range hv.Results {
		if i > 0 {
			if newer := hv.Results[i-1].Questionnaire; newer != it.Questionnaire {
				fmt.Fprintln(w, cs.dim(fmt.Sprintf("── above: %s v%d · below: %s v%d ──", newer.ID, newer.Version, it.Questionnaire.ID, it.Questionnaire.Version)))
			}
		}
		fmt.Fprint(w, lines[i+1])
	}
	fmt.Fprintln(w)
	writeDue(w, *hv.LastTaken, f.Now(), f.IO.Width())
	return nil
}

func openWords(gaps, warnings int) string {
	s := view.Plural(gaps, "gap", "gaps")
	if warnings > 0 {
		s += ", " + view.Plural(warnings, "warning", "warnings")
	}
	return s
}

// writeDue says when the last result was taken and when the next is due,
// wrapped at width.
func writeDue(w io.Writer, last, now time.Time, width int) {
	due := assess.NextDue(last)
	next := fmt.Sprintf("Next check-in due %s (%s).", due.Local().Format("2 Jan 2006"), relativeDays(due, now))
	if due.Before(now) {
		next = fmt.Sprintf("The next check-in was due %s (%s): run 'circle assess' when you have ten minutes.", due.Local().Format("2 Jan 2006"), relativeDays(due, now))
	}
	line := fmt.Sprintf("Last taken %s (%s). %s", last.Local().Format("2 Jan 2006"), relativeDays(last, now), next)
	fmt.Fprintln(w, prose.Wrap(line, textWidth(width), ""))
}

// relativeDays says how far t is from now in days, in words.
func relativeDays(t, now time.Time) string {
	days := int(math.Round(t.Sub(now).Hours() / 24))
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days == -1:
		return "yesterday"
	case days > 0:
		return fmt.Sprintf("in %d days", days)
	}
	return fmt.Sprintf("%d days ago", -days)
}
