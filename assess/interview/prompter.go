// Package interview runs the assessment as a conversation: it asks the
// questionnaire's questions through a Prompter, keeps a draft after every
// answer, and returns the same Answers an answers file would give.
package interview

import "errors"

// Prompter asks one question at a time. It uses plain types only, so that
// the terminal library behind it (survey today) is one file to swap, and
// tests can answer from a script.
type Prompter interface {
	// Select asks for one of options and returns its index; def is the
	// index chosen when the user just presses Enter.
	Select(msg, help string, options []string, def int) (int, error)
	// MultiSelect asks for any number of options and returns their indices
	// in order; defaults are ticked at the start.
	MultiSelect(msg, help string, options []string, defaults []int) ([]int, error)
	// Input asks for a line of text; validate, when not nil, is run on
	// every attempt and its error shown until the answer is acceptable.
	Input(msg, help, def string, validate func(string) error) (string, error)
	// Confirm asks a yes/no question.
	Confirm(msg, help string, def bool) (bool, error)
}

// ErrInterrupted is returned by a Prompter when the user stops the
// interview (Ctrl-C, Ctrl-D, or the terminal going away).
var ErrInterrupted = errors.New("interrupted")
