package cmd

import (
	"os"
	"time"

	"github.com/circle-cli/circle/assess/interview"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/cmd/iostreams"
	"github.com/circle-cli/circle/cmd/prompter"
)

// Factory carries what commands need from the world outside them, so that
// tests can hand in buffers, a scripted prompter, a temporary store and a
// clock ("a quarter later" is then just a test input).
type Factory struct {
	IO     *iostreams.IOStreams
	Getenv func(string) string
	Now    func() time.Time
	// Prompter returns the interview's prompter; it is only called when
	// IO.CanPrompt() is true.
	Prompter func() interview.Prompter
	// Store returns the results store, found from the environment.
	Store func() (*store.Store, error)
}

// NewFactory returns the factory of a real run: the process's streams and
// environment, the wall clock, survey on the terminal.
func NewFactory() *Factory {
	f := &Factory{Getenv: os.Getenv, Now: time.Now}
	f.IO = iostreams.System(f.Getenv)
	f.Prompter = func() interview.Prompter {
		return prompter.New(os.Stdin, os.Stdout, os.Stderr, f.IO.ColorEnabled())
	}
	f.Store = func() (*store.Store, error) {
		root, err := store.RootFromEnv(f.Getenv)
		if err != nil {
			return nil, err
		}
		return store.New(root), nil
	}
	return f
}
