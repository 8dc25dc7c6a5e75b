package cmd

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess"
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

// resultView is the shape of `--output json|yaml`: what scripts rely on.
type resultView struct {
	ID            string                `json:"id" yaml:"id"`
	TakenAt       time.Time             `json:"taken_at" yaml:"taken_at"`
	Questionnaire questionnaireView     `json:"questionnaire" yaml:"questionnaire"`
	People        []assess.ResultPerson `json:"people" yaml:"people"`
	Scores        assess.Scores         `json:"scores" yaml:"scores"`
	NetworkType   *string               `json:"network_type" yaml:"network_type"`
	Gaps          []gapView             `json:"gaps" yaml:"gaps"`
}

type questionnaireView struct {
	ID      string `json:"id" yaml:"id"`
	Version int    `json:"version" yaml:"version"`
}

type gapView struct {
	ID       string `json:"id" yaml:"id"`
	Title    string `json:"title" yaml:"title"`
	Severity string `json:"severity" yaml:"severity"`
	Advice   string `json:"advice" yaml:"advice"`
}

func newResultView(r *assess.Result) resultView {
	v := resultView{
		ID:            r.ID,
		TakenAt:       r.TakenAt,
		Questionnaire: questionnaireView{ID: r.Questionnaire.ID, Version: r.Questionnaire.Version},
		People:        r.People,
		Scores:        r.Scores,
		Gaps:          []gapView{},
	}
	if v.People == nil {
		v.People = []assess.ResultPerson{}
	}
	if r.NetworkType != "" {
		nt := r.NetworkType
		v.NetworkType = &nt
	}
	for _, g := range r.Findings {
		v.Gaps = append(v.Gaps, gapView{ID: g.ID, Title: g.Title, Severity: g.Severity, Advice: g.Advice})
	}
	return v
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
