package cmd

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/cmd/iostreams"
)

// legacyCommands builds each command where -o was --output's shorthand
// and writes no file, with a run that records the --output it was given.
var legacyCommands = map[string]func(f *Factory, output *string) *cobra.Command{
	"assess": func(f *Factory, output *string) *cobra.Command {
		return newAssessCmd(f, func(o *assessOptions) error { *output = o.Output; return nil })
	},
	"history": func(f *Factory, output *string) *cobra.Command {
		return newHistoryCmd(f, func(o *historyOptions) error { *output = o.Output; return nil })
	},
	"questionnaires list": func(f *Factory, output *string) *cobra.Command {
		return newQuestionnairesListCmd(f, func(o *questionnairesListOptions) error { *output = o.Output; return nil })
	},
	"questionnaires show": func(f *Factory, output *string) *cobra.Command {
		return newQuestionnairesShowCmd(f, func(o *questionnairesShowOptions) error { *output = o.Output; return nil })
	},
}

// parseFlags builds a command with newCmd on test streams, runs it on args
// and returns the --output its run saw ("" when it did not run), what it
// wrote on standard error, and its error.
func parseFlags(newCmd func(*Factory, *string) *cobra.Command, args ...string) (output, stderr string, err error) {
	ios, _, _, errOut := iostreams.Test()
	c := newCmd(&Factory{IO: ios}, &output)
	c.SetArgs(args)
	c.SetOut(io.Discard)
	c.SetErr(io.Discard)
	err = c.Execute()
	return output, errOut.String(), err
}

// For one release, a script's `-o json` still means --output json on the
// commands where it used to, and says on stderr what to write instead;
// -o with anything else is a usage error there that points to --output,
// since -o names a file to write and these commands write none.
func TestLegacyOutputShorthand(t *testing.T) {
	for name, newCmd := range legacyCommands {
		for _, tc := range []struct {
			args  []string
			want  string // the --output the run sees; "" for a usage error
			note  bool
			usage string
		}{
			{args: nil, want: outputText},
			{args: []string{"--output", "yaml"}, want: outputYAML},
			{args: []string{"-o", "json"}, want: outputJSON, note: true},
			{args: []string{"-o", "text"}, want: outputText, note: true},
			{args: []string{"-o", "yaml", "--output", "yaml"}, want: outputYAML, note: true},
			{args: []string{"-o", "json", "--output", "yaml"}, usage: "-o json and --output yaml disagree"},
			{args: []string{"-o", "results.csv"}, usage: `-o "results.csv": -o names a file to write`},
			{args: []string{"-o", "JSON"}, usage: "use --output text|json|yaml"},
		} {
			got, stderr, err := parseFlags(newCmd, tc.args...)
			what := "circle " + name + " " + strings.Join(tc.args, " ")
			if tc.usage != "" {
				var ue *usageError
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.usage) || strings.Contains(err.Error(), "\n") {
					t.Errorf("%s: error %v, want a one-line usage error with %q", what, err, tc.usage)
				}
				if got != "" {
					t.Errorf("%s: ran with --output %s after a usage error", what, got)
				}
				continue
			}
			if err != nil || got != tc.want {
				t.Errorf("%s: ran with --output %q, error %v; want %q", what, got, err, tc.want)
			}
			wantNote := "note: -o " + tc.want + " is deprecated here; use --output " + tc.want + " (-o names a file to write from the next release)\n"
			if tc.note && stderr != wantNote || !tc.note && stderr != "" {
				t.Errorf("%s: stderr %q, want the note %v", what, stderr, tc.note)
			}
		}
	}
}

// -o is in no help where it names nothing to write: the help shows
// --output alone.
func TestLegacyOutputShorthandIsHidden(t *testing.T) {
	for name, newCmd := range legacyCommands {
		ios, _, _, _ := iostreams.Test()
		usage := newCmd(&Factory{IO: ios}, new(string)).UsageString()
		if strings.Contains(usage, "-o,") || !strings.Contains(usage, "--output string") {
			t.Errorf("circle %s --help shows -o, or not --output:\n%s", name, usage)
		}
	}
}

// On compare -o names the change map's file; for one release -o json (text,
// yaml) is still read as --output, with the note, and is no file.
func TestCompareOut(t *testing.T) {
	for _, tc := range []struct {
		args         []string
		output, file string
		note         bool
	}{
		{args: []string{"-o", "change.png"}, output: outputText, file: "change.png"},
		{args: []string{"--out", "change.svg", "--output", "json"}, output: outputJSON, file: "change.svg"},
		{args: []string{"-o", "json"}, output: outputJSON, note: true},
		{args: []string{"-o", "yaml", "--map", "change.dot"}, output: outputYAML, note: true},
	} {
		var got *compareOptions
		ios, _, _, errOut := iostreams.Test()
		c := newCompareCmd(&Factory{IO: ios}, func(o *compareOptions) error { got = o; return nil })
		c.SetArgs(tc.args)
		c.SetOut(io.Discard)
		c.SetErr(io.Discard)
		what := "circle compare " + strings.Join(tc.args, " ")
		if err := c.Execute(); err != nil || got == nil {
			t.Errorf("%s: %v", what, err)
			continue
		}
		if got.Output != tc.output || got.File != tc.file {
			t.Errorf("%s: --output %q and -o %q, want %q and %q", what, got.Output, got.File, tc.output, tc.file)
		}
		if note := strings.HasPrefix(errOut.String(), "note: -o "); note != tc.note {
			t.Errorf("%s: stderr %q, want the note %v", what, errOut.String(), tc.note)
		}
	}
}
