package cmd

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/term"

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
	// OnTerminate arranges for stop to run when the process is told to end
	// (SIGTERM) or loses its terminal (SIGHUP), with the terminal put back
	// as it was first; the process then exits with ExitInterrupt. It returns
	// a function that undoes the arrangement. Nil in tests that run
	// in-process.
	OnTerminate func(stop func()) (cancel func())
}

// NewFactory returns the factory of a real run: the process's streams and
// environment, the wall clock, survey on the terminal.
func NewFactory() *Factory {
	f := &Factory{Getenv: os.Getenv, Now: time.Now}
	f.IO = iostreams.System(f.Getenv)
	f.Prompter = func() interview.Prompter {
		return prompter.New(os.Stdin, os.Stdout, os.Stderr, f.IO.ColorEnabled())
	}
	f.OnTerminate = onTerminate
	f.Store = func() (*store.Store, error) {
		root, err := store.RootFromEnv(f.Getenv)
		if err != nil {
			return nil, err
		}
		st := store.New(root)
		st.Now = f.Now
		return st, nil
	}
	return f
}

// onTerminate implements Factory.OnTerminate for a real process. survey
// puts the terminal in raw mode while it asks; a signal would otherwise
// leave it that way.
func onTerminate(stop func()) func() {
	fd := int(os.Stdin.Fd())
	state, _ := term.GetState(fd)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			if state != nil {
				_ = term.Restore(fd, state)
			}
			stop()
			os.Exit(int(ExitInterrupt))
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
