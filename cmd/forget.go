package cmd

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

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
		Long: `Delete saved results for good. circle asks first; --yes skips the question
(for scripts). --all deletes every result and the unfinished interview too.
Files that cannot be read are deleted like any other when named.`,
		Example: `  circle forget 2026-03-31T090000Z
  circle forget --all --yes`,
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
	var targets []store.Entry
	if opts.All {
		if targets, err = st.List(); err != nil {
			return err
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
			if !st.Holds(e.Path) {
				return fmt.Errorf("%s is not one of circle's results (they are in %s); nothing was deleted", oneLine(ref), st.Dir())
			}
			targets = append(targets, e)
		}
	}
	draft := ""
	var leftovers []string
	if opts.All {
		if _, err := os.Stat(st.DraftPath()); err == nil {
			draft = st.DraftPath()
		}
		leftovers = st.Leftovers()
	}
	if len(targets) == 0 && draft == "" && len(leftovers) == 0 {
		fmt.Fprintln(f.IO.ErrOut, "Nothing to forget: there are no saved results.")
		return nil
	}

	what := view.Plural(len(targets), "result", "results")
	switch {
	case draft != "" && len(targets) == 0:
		what = "the unfinished interview"
	case draft != "":
		what += " and the unfinished interview"
	}
	if !opts.Yes {
		if !f.IO.CanPrompt() {
			return usageErrorf("forgetting %s cannot be undone; add --yes to confirm without a terminal", what)
		}
		var ids []string
		for _, t := range targets {
			ids = append(ids, t.ID)
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
	for _, t := range targets {
		if err := os.Remove(t.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("cannot delete %s: %w", t.Path, err)
		}
	}
	if draft != "" {
		if err := st.RemoveDraft(); err != nil {
			return err
		}
	}
	// Set-aside drafts and temporary files hold names too.
	for _, p := range leftovers {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("cannot delete %s: %w", p, err)
		}
	}
	fmt.Fprintf(f.IO.ErrOut, "Forgot %s.\n", what)
	return nil
}
