// Package prompter puts the interview's Prompter on a real terminal. It is
// the only place that knows about github.com/AlecAivazis/survey (archived
// upstream), so that replacing it means replacing this one file.
package prompter

import (
	"errors"
	"io"
	"syscall"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/core"
	"github.com/AlecAivazis/survey/v2/terminal"
	"golang.org/x/term"

	"github.com/circle-cli/circle/assess/interview"
	"github.com/circle-cli/circle/assess/prose"
)

// Survey asks questions with survey on a terminal.
type Survey struct {
	stdio terminal.Stdio
}

// New returns a Prompter on the given terminal streams. color false turns
// survey's own colours off, to match the rest of circle's output.
func New(in terminal.FileReader, out terminal.FileWriter, errOut io.Writer, color bool) *Survey {
	core.DisableColor = !color
	install()
	return &Survey{stdio: terminal.Stdio{In: in, Out: out, Err: errOut}}
}

// opts are survey's options for one question; taking them also reads the
// terminal's width now, so that a resized window is wrapped for.
func (s *Survey) opts(extra ...survey.AskOpt) []survey.AskOpt {
	cols, _, err := term.GetSize(int(s.stdio.Out.Fd()))
	if err != nil {
		cols = 80
	}
	setWidth(cols)
	return append([]survey.AskOpt{survey.WithStdio(s.stdio.In, s.stdio.Out, s.stdio.Err), survey.WithRemoveSelectAll(), survey.WithRemoveSelectNone()}, extra...)
}

// fit truncates options to one line each: the marker and the tick box
// take six columns.
func fit(options []string) []string {
	out := make([]string, len(options))
	for i, o := range options {
		out[i] = prose.Truncate(o, cols()-6)
	}
	return out
}

// pageSize shows every option of the short lists circle asks, and pages
// only the long ones.
func pageSize(n int) int {
	if n > 15 {
		return 15
	}
	return n
}

// Select implements interview.Prompter.
func (s *Survey) Select(msg, help string, options []string, def int) (int, error) {
	var idx int
	o := s.opts()
	p := &survey.Select{Message: wrapMessage(msg), Help: help, Options: fit(options), PageSize: pageSize(len(options))}
	if def >= 0 && def < len(options) {
		p.Default = def
	}
	err := survey.AskOne(p, &idx, o...)
	return idx, mapErr(err)
}

// MultiSelect implements interview.Prompter.
func (s *Survey) MultiSelect(msg, help string, options []string, defaults []int) ([]int, error) {
	var idx []int
	o := s.opts()
	p := &survey.MultiSelect{Message: wrapMessage(msg), Help: help, Options: fit(options), PageSize: pageSize(len(options))}
	if len(defaults) > 0 {
		p.Default = defaults
	}
	err := survey.AskOne(p, &idx, o...)
	return idx, mapErr(err)
}

// Input implements interview.Prompter.
func (s *Survey) Input(msg, help, def string, validate func(string) error) (string, error) {
	var ans string
	var extra []survey.AskOpt
	if validate != nil {
		extra = append(extra, survey.WithValidator(func(v any) error {
			str, _ := v.(string)
			return validate(str)
		}))
	}
	o := s.opts(extra...)
	err := survey.AskOne(&survey.Input{Message: wrapMessage(msg), Help: help, Default: def}, &ans, o...)
	return ans, mapErr(err)
}

// Confirm implements interview.Prompter.
func (s *Survey) Confirm(msg, help string, def bool) (bool, error) {
	var ans bool
	o := s.opts()
	err := survey.AskOne(&survey.Confirm{Message: wrapMessage(msg), Help: help, Default: def}, &ans, o...)
	return ans, mapErr(err)
}

// mapErr turns survey's ways of being stopped (Ctrl-C; Ctrl-D, which reads
// as end of input; a terminal that went away, which reads as EIO) into
// ErrInterrupted.
func mapErr(err error) error {
	if errors.Is(err, terminal.InterruptErr) || errors.Is(err, io.EOF) || errors.Is(err, syscall.EIO) {
		return interview.ErrInterrupted
	}
	return err
}
