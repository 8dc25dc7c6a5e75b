package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/view"
)

type showOptions struct {
	f      *Factory
	Ref    string
	Output string
	Redact bool
}

func newShowCmd(f *Factory, runF func(*showOptions) error) *cobra.Command {
	opts := &showOptions{f: f}
	c := &cobra.Command{
		Use:   "show [RESULT]",
		Short: "Show the summary of a saved result again",
		Long: `Show the summary of a saved result (default: latest) again, as 'circle
assess' printed it when you took it: where your support comes from, what
already works, where to start, what is worth watching and the numbers;
then the note you wrote for your future self that day, with its date.

RESULT is a result id (or a unique prefix), a path, latest or previous.
--output json or yaml prints what 'circle assess --output json' printed.
--redact replaces every name by initials and leaves out your note.`,
		Example: `  circle show
  circle show previous
  circle show 2026-09 --output json
  circle show --redact`,
		Args: resultArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Ref = "latest"
			if len(args) == 1 {
				opts.Ref = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runShow(opts)
		},
	}
	// No -o: elsewhere -o names a file to write.
	addOutputFlag(c, &opts.Output)
	c.Flags().BoolVar(&opts.Redact, "redact", false, "replace names by initials and leave out your note")
	c.ValidArgsFunction = completeResults(f, 1)
	return c
}

func runShow(opts *showOptions) error {
	f := opts.f
	if err := checkOutput(opts.Output, outputText, outputJSON, outputYAML); err != nil {
		return err
	}
	st, entries, err := listResults(f)
	if err != nil {
		return err
	}
	rs, err := resolveResultsIn(f, st, entries, opts.Ref)
	if err != nil {
		return err
	}
	r := rs[0]
	prev := planBefore(entries, r)
	if opts.Redact {
		r = assess.Redact(r)
		if prev != nil {
			prev = assess.Redact(prev)
		}
	}
	if opts.Output != outputText {
		return writeData(f.IO.Out, opts.Output, view.New(r).Data())
	}
	o := summaryOptions{width: f.IO.Width(), cs: colorScheme{f.IO.ColorEnabled()}}
	writeSummary(f.IO.Out, r, o)
	// The note the leader left for this day, which the summary after the
	// interview had no need to repeat.
	writeNotes(f.IO.Out, view.Notes(r), o)
	if len(view.Notes(r)) > 0 && (prev != nil && len(prev.Plan) > 0 || len(r.Plan) > 0) {
		fmt.Fprintln(f.IO.Out)
	}
	writeOutcomes(f.IO.Out, view.PlanOutcomes(prev, r), o.width)
	writePlan(f.IO.Out, r, o.width)
	return nil
}
