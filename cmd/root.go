// Package cmd holds circle's commands. Each command has an options struct,
// a newXCmd that only parses flags into it, and a runX that does the work,
// so that flag parsing and behaviour are tested apart.
package cmd

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess/interview"
	"github.com/circle-cli/circle/assess/strictyaml"
	"github.com/circle-cli/circle/cmd/outfile"
	"github.com/circle-cli/circle/graph"
)

// ExitCode is what the process exits with.
type ExitCode int

// The exit codes scripts can rely on.
const (
	ExitOK        ExitCode = 0
	ExitError     ExitCode = 1
	ExitUsage     ExitCode = 2 // a usage error, or the user stopped the interview
	ExitInterrupt ExitCode = 2
)

// These are set by `make build` with -ldflags -X; without them the version
// comes from the module's build information.
var (
	version = ""
	commit  = ""
)

// Main runs circle with the process's arguments and environment.
func Main() ExitCode {
	return Run(NewFactory(), os.Args[1:])
}

// Run runs circle with the given factory and arguments; end-to-end tests
// call it in-process.
func Run(f *Factory, args []string) ExitCode {
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	warnCache(f, args)
	c, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	var ue *usageError
	var pe *strictyaml.Error
	switch {
	case errors.Is(err, interview.ErrInterrupted):
		// The command has said what was kept.
		return ExitInterrupt
	case errors.As(err, &ue) || isCobraUsage(err):
		fmt.Fprintf(f.IO.ErrOut, "circle: %s\n", sanitize(err.Error()))
		if c != nil && c.Name() != "help" {
			fmt.Fprintf(f.IO.ErrOut, "Run '%s --help' for usage.\n", c.CommandPath())
		}
		return ExitUsage
	case errors.As(err, &pe):
		fmt.Fprintln(f.IO.ErrOut, sanitize(pe.Error()))
		if len(pe.Problems) > 1 {
			fmt.Fprintf(f.IO.ErrOut, "circle: %d problems in %s; fix them and run again\n", len(pe.Problems), oneLine(pe.File))
		}
		return ExitError
	}
	fmt.Fprintf(f.IO.ErrOut, "circle: %s\n", sanitize(err.Error()))
	return ExitError
}

// writeOut writes a file the user named with -o, by outfile's rule, and
// never over the store's own files (store.Reserved). create is
// questionnaires init's never-replace.
func writeOut(f *Factory, path string, data []byte, create bool) error {
	if st, err := f.Store(); err == nil && st.Reserved(path) {
		return fmt.Errorf("cannot write %s: circle keeps its results and drafts there (%s); name a file elsewhere", oneLine(path), oneLine(st.Root))
	}
	if create {
		return outfile.Create(path, data)
	}
	return outfile.Write(path, data)
}

// warnCache says, once per run, why the compiled-Graphviz cache is not
// used: without it every command starts about 0.5 s slower, and the user
// can fix that. Shell completion stays quiet.
func warnCache(f *Factory, args []string) {
	if len(args) > 0 && strings.HasPrefix(args[0], "__complete") {
		return
	}
	if _, err := graph.CacheDir(); err != nil {
		fmt.Fprintf(f.IO.ErrOut, "warning: %s\n", sanitize(err.Error()))
	}
}

// usageError is a mistake in how circle was called: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// isCobraUsage recognises the argument errors cobra makes itself.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires ", "invalid argument", "flag needs an argument"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// NewRootCmd builds the command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "circle",
		Short: "See who you lean on as a leader, and where that support sits",
		Long: `circle is a private self-assessment for senior leaders. It asks who you lean
on, scores how much of that support sits inside your organization versus
outside it, names the gaps, and keeps every result on this machine so that a
quarterly re-run shows what changed.

Start with:  circle assess`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("circle {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &usageError{msg: err.Error()}
	})
	root.SetHelpCommand(newHelpCmd())
	root.AddCommand(
		newAssessCmd(f, nil),
		newShowCmd(f, nil),
		newMapCmd(f, nil),
		newReportCmd(f, nil),
		newHistoryCmd(f, nil),
		newCompareCmd(f, nil),
		newTrendCmd(f, nil),
		newExportCmd(f, nil),
		newCalendarCmd(f, nil),
		newForgetCmd(f, nil),
		newLockCmd(f, nil),
		newUnlockCmd(f, nil),
		newShareCmd(f, nil),
		newQuestionnairesCmd(f),
	)
	// cobra adds its completion command at Execute; add it now so that it
	// can be made runnable. Then an unknown shell (circle completion tcsh)
	// is a usage error, not help text on stdout with exit 0 that a shell
	// would source at every start.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = func(_ *cobra.Command, args []string) error {
				if len(args) > 0 {
					return usageErrorf("no completion for %q; circle completes in bash, zsh, fish and powershell", args[0])
				}
				return nil
			}
			c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
		}
	}
	return root
}

// newHelpCmd is cobra's help command, except that an unknown topic is a
// usage error (exit 2) rather than help text and exit 0.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cmd, _, err := c.Root().Find(args)
			if err != nil || cmd == nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if err != nil || cmd == nil || len(rest) > 0 {
				return usageErrorf("no help topic %q; run 'circle help' for the commands", strings.Join(args, " "))
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

// versionString reports the stamped version, or what the Go build
// recorded when circle was built with `go install` or `go build`.
func versionString() string {
	v, c := version, commit
	info, ok := debug.ReadBuildInfo()
	goVersion := ""
	if ok {
		goVersion = info.GoVersion
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && c == "" && len(s.Value) >= 12 {
				c = s.Value[:12]
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	s := v
	if c != "" {
		s += " (" + c + ")"
	}
	if goVersion != "" {
		s += " " + goVersion
	}
	return s
}

// resultArgs checks RESULT arguments: at most n (any number when n < 0),
// and none empty or blank. An empty RESULT (an unset script variable) is a
// usage error, never "latest": forget "" must not forget the latest result.
func resultArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if n >= 0 {
			if err := maxArgs(n)(c, args); err != nil {
				return err
			}
		}
		return checkResultArgs(args)
	}
}

func checkResultArgs(args []string) error {
	for _, a := range args {
		if strings.TrimSpace(a) == "" {
			return usageErrorf("a RESULT argument is empty; give a result's id (see 'circle history'), latest, previous or a file's path")
		}
	}
	return nil
}

// exactArgs and maxArgs are cobra's argument checks with usage errors.
func maxArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErrorf("expected at most %d argument(s), got %d: %s", n, len(args), strings.Join(args, " "))
		}
		return nil
	}
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("expected %s", what)
		}
		return nil
	}
}
