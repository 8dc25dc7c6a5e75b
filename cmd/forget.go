package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/assess/view"
)

type forgetOptions struct {
	f    *Factory
	Refs []string
	All  bool
	Yes  bool
}

func newForgetCmd(f *Factory, runF func(*forgetOptions) error) *cobra.Command {
	opts := &forgetOptions{f: f}
	c := &cobra.Command{
		Use:   "forget RESULT... | --all",
		Short: "Delete saved results from this machine",
		Long: `Delete saved results for good, and any temporary copy of them an
interrupted save left behind. circle asks first; --yes skips the question
(for scripts). --all deletes every result, the unfinished interview, drafts
set aside and temporary copies. It lists every file it deleted, and any
file named like one of circle's that it left because circle did not
write it.

circle deletes only files it wrote: named as it names them, starting as it
starts them, regular files of yours. Anything else in the data directory is
left alone, and nothing is deleted through an assessments directory that is
a link to somewhere else. A file that cannot be read can be forgotten when
named; an empty RESULT is refused.`,
		Example: `  circle forget 2026-03-31T090000Z
  circle forget --all --yes`,
		Args: resultArgs(-1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Refs = args
			if opts.All == (len(args) > 0) {
				return usageErrorf("name the results to forget, or give --all")
			}
			if runF != nil {
				return runF(opts)
			}
			return runForget(opts)
		},
	}
	c.Flags().BoolVar(&opts.All, "all", false, "forget every result and the unfinished interview")
	c.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	c.ValidArgsFunction = completeResults(f, -1)
	return c
}

func runForget(opts *forgetOptions) error {
	f := opts.f
	st, err := f.Store()
	if err != nil {
		return err
	}
	// What will go, counted before asking: the question names exactly
	// what the answer deletes.
	var ids, own []string
	results, draft, others := 0, false, 0
	if opts.All {
		own, err = st.Own()
		if err != nil {
			return err
		}
		for _, p := range own {
			switch {
			case st.IsResultPath(p):
				results++
				ids = append(ids, store.IDOf(p))
			case p == st.DraftPath():
				draft = true
			default:
				others++
			}
		}
	} else {
		for _, ref := range opts.Refs {
			e, err := st.Resolve(ref)
			if e.Path == "" {
				return err
			}
			// forget deletes circle's results and nothing else: a path
			// elsewhere (an answers file, say) is refused, however it
			// reads. A result that cannot be read can still be forgotten.
			id, ok := st.ResultIDOf(e.Path)
			if !ok {
				return fmt.Errorf("%s is not one of circle's results (they are in %s); nothing was deleted", oneLine(ref), oneLine(st.Dir()))
			}
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		results = len(ids)
	}
	if results == 0 && !draft && others == 0 {
		fmt.Fprintln(f.IO.ErrOut, "Nothing to forget: there are no saved results.")
		if opts.All {
			lookAlikes(f, st)
		}
		return nil
	}

	var parts []string
	if results > 0 {
		parts = append(parts, view.Plural(results, "result", "results"))
	}
	if draft {
		parts = append(parts, "the unfinished interview")
	}
	if others > 0 {
		parts = append(parts, view.Plural(others, "leftover file", "leftover files"))
	}
	what := assess.JoinAnd(parts)
	if !opts.Yes {
		if !f.IO.CanPrompt() {
			return usageErrorf("forgetting %s cannot be undone; add --yes to confirm without a terminal", what)
		}
		msg := fmt.Sprintf("Delete %s from this machine for good?", what)
		if len(ids) > 0 && len(ids) <= 5 {
			msg = fmt.Sprintf("Delete %s (%s) from this machine for good?", what, strings.Join(ids, ", "))
		}
		ok, err := f.Prompter().Confirm(msg, "", false)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(f.IO.ErrOut, "Nothing was deleted.")
			return nil
		}
	}
	var gone []string
	if opts.All {
		gone, err = st.ForgetAll(own)
	} else {
		gone, err = st.Forget(ids)
	}
	for _, p := range gone {
		fmt.Fprintf(f.IO.ErrOut, "deleted %s\n", oneLine(p))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "Forgot %s.\n", what)
	if opts.All {
		lookAlikes(f, st)
	}
	return nil
}

// lookAlikes names the files forget --all left because circle did not
// write them, though they are named as circle names its own.
func lookAlikes(f *Factory, st *store.Store) {
	for _, p := range st.LookAlikes() {
		fmt.Fprintf(f.IO.ErrOut, "left %s: circle did not write it (delete it yourself if it should go)\n", oneLine(p))
	}
}
