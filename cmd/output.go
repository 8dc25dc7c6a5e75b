package cmd

import (
	"encoding/json"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// Output formats of commands that print a result.
const (
	outputText = "text"
	outputJSON = "json"
	outputYAML = "yaml"
)

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
