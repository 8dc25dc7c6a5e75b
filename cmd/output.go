package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// Output formats of commands that print a result.
const (
	outputText = "text"
	outputJSON = "json"
	outputYAML = "yaml"
)

// addOutputFlag defines --output text|json|yaml, what a command prints,
// bound to output. It has no shorthand: -o names a file to write.
func addOutputFlag(c *cobra.Command, output *string) {
	c.Flags().StringVar(output, "output", outputText, "output format: text, json or yaml")
	_ = c.RegisterFlagCompletionFunc("output", completeWords(outputText, outputJSON, outputYAML))
}

// addLegacyOutputFlag is addOutputFlag on the commands where -o was
// --output's shorthand (assess, compare, history, questionnaires list and
// show). For one release -o text|json|yaml keeps that meaning, with a note
// on standard error; from the next, -o names a file there as everywhere.
//
// Where c already has -o/--out FILE (compare's change map), any other
// value is that file. Elsewhere -o is defined here, hidden from help, and
// any other value is a usage error: writes says what the command writes
// instead ("writes none").
func addLegacyOutputFlag(f *Factory, c *cobra.Command, output *string, writes string) {
	addOutputFlag(c, output)
	out := c.Flags().Lookup("out")
	if out == nil {
		c.Flags().StringP("out", "o", "", "-o text|json|yaml is the old --output (for one release)")
		out = c.Flags().Lookup("out")
		out.Hidden = true
	}
	pre := c.PreRunE
	c.PreRunE = func(c *cobra.Command, args []string) error {
		if pre != nil {
			if err := pre(c, args); err != nil {
				return err
			}
		}
		if !out.Changed {
			return nil
		}
		v := out.Value.String()
		switch v {
		case outputText, outputJSON, outputYAML:
		default:
			if !out.Hidden {
				return nil // the file the command writes
			}
			return usageErrorf("-o %q: -o names a file to write, and '%s' %s; use --output text|json|yaml for what it prints", v, c.CommandPath(), writes)
		}
		if c.Flags().Changed("output") && *output != v {
			return usageErrorf("-o %s and --output %s disagree; give --output alone", v, *output)
		}
		*output = v
		// Not a file, on a command that writes one.
		if err := out.Value.Set(""); err != nil {
			return err
		}
		fmt.Fprintf(f.IO.ErrOut, "note: -o %s is deprecated here; use --output %s (-o names a file to write from the next release)\n", v, v)
		return nil
	}
}

func checkOutput(o string, allowed ...string) error {
	for _, a := range allowed {
		if o == a {
			return nil
		}
	}
	return usageErrorf("--output %q is not a format here; use %s", o, strings.Join(allowed, ", "))
}

// writeData writes v as indented JSON or as YAML.
func writeData(w io.Writer, format string, v any) error {
	if format == outputJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}
