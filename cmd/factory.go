package cmd

import (
	"fmt"
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
	// Store returns the results store, found from the environment: one
	// store per command, so that a locked one is opened once.
	Store func() (*store.Store, error)
	// Passphrase reads a passphrase on the terminal without showing it,
	// after saying prompt; only called when IO.CanPrompt() is true.
	Passphrase func(prompt string) (string, error)
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
	f.Passphrase = readPassphrase
	var st *store.Store
	f.Store = func() (*store.Store, error) {
		if st != nil {
			return st, nil
		}
		s, err := openStore(f)
		if err != nil {
			return nil, err
		}
		st = s
		return st, nil
	}
	return f
}

// openStore finds the data directory from the environment, says how to
// open it should it be locked (storeKeys), and first finishes or undoes a
// lock or unlock that was interrupted, saying which.
func openStore(f *Factory) (*store.Store, error) {
	root, err := store.RootFromEnv(f.Getenv)
	if err != nil {
		return nil, err
	}
	st := store.New(root)
	st.Now = f.Now
	st.Keys = storeKeys(f, root, true)
	msg, err := st.Recover()
	if err != nil {
		return nil, err
	}
	if msg != "" {
		fmt.Fprintln(f.IO.ErrOut, oneLine(msg))
	}
	return st, nil
}

// readPassphrase implements Factory.Passphrase on the process's terminal.
func readPassphrase(prompt string) (string, error) {
	fmt.Fprint(os.Stderr, prompt)
	b, err := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(os.Stderr)
	if err != nil {
		return "", err
	}
	return string(b), nil
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
