package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/prose"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/assess/view"
)

type lockOptions struct {
	f        *Factory
	Identity string
	Yes      bool
}

func newLockCmd(f *Factory, runF func(*lockOptions) error) *cobra.Command {
	opts := &lockOptions{f: f}
	c := &cobra.Command{
		Use:   "lock",
		Short: "Encrypt everything circle keeps on this machine",
		Long: `Encrypt every result and the unfinished interview with age, and keep them so
from now on. circle makes one key for the data directory and keeps it only
wrapped: under a passphrase of yours, or encrypted to an age or SSH identity
of yours (--identity FILE). Writing, the draft after every answer among it,
needs nothing; a command that reads asks for the passphrase once.

The passphrase comes from the file CIRCLE_PASSPHRASE_FILE names, or the
identity from CIRCLE_IDENTITY, when set; else circle asks for it twice on
the terminal. Nothing can recover a lost passphrase or identity: without it
nothing circle kept can be read again.

circle says what it will encrypt and asks first; --yes skips the question.
Killed at any moment, the data directory is left as it was or wholly
locked: the next circle command finishes or undoes the job.

Maps, reports, exports, calendars and other files you write with -o are
not encrypted: they are written as you asked. To send your circle to a
coach, use 'circle share'. See SECURITY.md for what this protects against,
and what it does not.`,
		Example: `  circle lock
  circle lock --identity ~/.ssh/id_ed25519
  CIRCLE_PASSPHRASE_FILE=pass.txt circle lock --yes`,
		Args: maxArgs(0),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runLock(opts)
		},
	}
	c.Flags().StringVar(&opts.Identity, "identity", "", "wrap the key to this age or SSH identity `FILE` instead of a passphrase")
	c.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	_ = c.MarkFlagFilename("identity")
	return c
}

func runLock(opts *lockOptions) error {
	f := opts.f
	st, err := f.Store()
	if err != nil {
		return err
	}
	if locked, _, err := st.Locked(); err != nil {
		return err
	} else if locked {
		return fmt.Errorf("%s is locked already; 'circle unlock' turns it off", oneLine(st.Root))
	}
	conv, err := st.Convertible(true)
	if err != nil {
		return err
	}

	// What opens the key: an identity, or a passphrase from a file or the
	// terminal.
	identity := opts.Identity
	if identity == "" {
		identity = f.Getenv(envIdentity)
	}
	var wrap []age.Recipient
	passFile := f.Getenv(envPassphraseFile)
	switch {
	case identity != "":
		_, rs, err := store.ReadIdentityFile(identity)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return fmt.Errorf("identity file %s holds no identity circle can encrypt to", oneLine(identity))
		}
		wrap = rs
	case passFile == "" && !f.IO.CanPrompt():
		return usageErrorf("no terminal to ask for a passphrase on; set %s to a file that holds it, or give --identity FILE", envPassphraseFile)
	}

	// Lines that name a path are not wrapped: a path broken across lines
	// cannot be copied.
	w := &prosePrinter{w: f.IO.ErrOut, width: f.IO.Width()}
	fmt.Fprintf(f.IO.ErrOut, "circle lock encrypts everything circle keeps in %s: %s.\n", oneLine(st.Root), conversionWords(conv, "nothing yet"))
	fmt.Fprintln(w, "From then on every result and draft is written encrypted, and each command that reads them opens the key once.")
	fmt.Fprintln(w, "Maps, reports, exports and calendars you write with -o are not encrypted.")
	if identity != "" {
		fmt.Fprintf(f.IO.ErrOut, "The key opens only with %s: if it is lost, nothing circle kept can be read again.\n", oneLine(identity))
	} else {
		fmt.Fprintln(w, "A lost passphrase cannot be recovered: without it, nothing circle kept can be read again. Keep it somewhere safe, such as a password manager.")
	}
	if ok, err := confirmed(f, w, opts.Yes, "lock"); !ok || err != nil {
		return err
	}
	var key *store.Key
	if wrap != nil {
		key, err = store.NewKey(store.KeyIdentity, wrap...)
	} else {
		var pass string
		if pass, err = newPassphrase(f, passFile); err != nil {
			return err
		}
		key, err = store.PassphraseKey(pass)
	}
	if err != nil {
		return err
	}
	if conv, err = st.Lock(key); err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "Locked %s: encrypted %s. The key is in %s.\n", oneLine(st.Root), conversionWords(conv, "no files yet"), oneLine(st.KeyPath()))
	if conv.Leftovers > 0 {
		fmt.Fprintf(w, "Deleted %s left by an interrupted save.\n", view.Plural(conv.Leftovers, "temporary copy", "temporary copies"))
	}
	return nil
}

// newPassphrase is lock's new passphrase: from the file, or asked twice.
func newPassphrase(f *Factory, file string) (string, error) {
	if file != "" {
		return readPassphraseFile(envPassphraseFile+"=", file)
	}
	p, err := f.Passphrase("New passphrase: ")
	if err != nil {
		return "", fmt.Errorf("reading the passphrase: %w; nothing was changed", err)
	}
	if strings.TrimSpace(p) == "" {
		return "", errors.New("the passphrase is empty; nothing was changed")
	}
	again, err := f.Passphrase("The same passphrase again: ")
	if err != nil {
		return "", fmt.Errorf("reading the passphrase: %w; nothing was changed", err)
	}
	if again != p {
		return "", errors.New("the two passphrases differ; nothing was changed")
	}
	return p, nil
}

// conversionWords says what a conversion touches: "3 results, the
// unfinished interview and 1 draft set aside".
func conversionWords(c store.Conversion, none string) string {
	var parts []string
	if c.Results > 0 {
		parts = append(parts, view.Plural(c.Results, "result", "results"))
	}
	if c.Draft {
		parts = append(parts, "the unfinished interview")
	}
	if c.Kept > 0 {
		parts = append(parts, view.Plural(c.Kept, "draft set aside", "drafts set aside"))
	}
	if len(parts) == 0 {
		return none
	}
	return assess.JoinAnd(parts)
}

type unlockOptions struct {
	f   *Factory
	Yes bool
}

func newUnlockCmd(f *Factory, runF func(*unlockOptions) error) *cobra.Command {
	opts := &unlockOptions{f: f}
	c := &cobra.Command{
		Use:   "unlock",
		Short: "Decrypt everything circle keeps, and stop encrypting",
		Long: `Decrypt every result and the unfinished interview, delete the data
directory's key, and from then on keep files in plain text again (readable
by anyone who gets a copy of this disk, as before 'circle lock').

circle opens the key as every command does: with the identity file
CIRCLE_IDENTITY names, the passphrase in the file CIRCLE_PASSPHRASE_FILE
names, or the passphrase asked on the terminal. It says what it will
decrypt and asks first; --yes skips the question. A file that cannot be
decrypted stops it before anything changes. Killed at any moment, the data
directory is left locked as it was or wholly unlocked: the next circle
command finishes or undoes the job.`,
		Example: `  circle unlock
  CIRCLE_PASSPHRASE_FILE=pass.txt circle unlock --yes`,
		Args: maxArgs(0),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runUnlock(opts)
		},
	}
	c.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	return c
}

func runUnlock(opts *unlockOptions) error {
	f := opts.f
	st, err := f.Store()
	if err != nil {
		return err
	}
	if locked, _, err := st.Locked(); err != nil {
		return err
	} else if !locked {
		return fmt.Errorf("%s is not locked", oneLine(st.Root))
	}
	conv, err := st.Convertible(false)
	if err != nil {
		return err
	}
	w := &prosePrinter{w: f.IO.ErrOut, width: f.IO.Width()}
	fmt.Fprintf(f.IO.ErrOut, "circle unlock decrypts everything circle keeps in %s (%s) and deletes its key.\n", oneLine(st.Root), conversionWords(conv, "nothing yet"))
	fmt.Fprintln(w, "From then on results and drafts are kept in plain text, readable by anyone with a copy of this disk.")
	if ok, err := confirmed(f, w, opts.Yes, "unlock"); !ok || err != nil {
		return err
	}
	if conv, err = st.Unlock(); err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "Unlocked %s: decrypted %s, and deleted the key.\n", oneLine(st.Root), conversionWords(conv, "no files"))
	return nil
}

// notEncrypted ends the help of every command that writes a file the user
// names: circle lock encrypts what circle keeps, not what it is asked to
// write.
const notEncrypted = `

Files written with -o (and --map, --calendar) are written as you ask, not
encrypted, even when circle's data directory is locked (circle lock).`

// confirmed asks "Lock it now?" (or unlock), unless yes: false, with
// "Nothing was changed." said, when the answer is no.
func confirmed(f *Factory, w io.Writer, yes bool, verb string) (bool, error) {
	if yes {
		return true, nil
	}
	if !f.IO.CanPrompt() {
		return false, usageErrorf("add --yes to %s without a terminal to confirm on", verb)
	}
	ok, err := f.Prompter().Confirm(prose.UpperFirst(verb)+" it now?", "", false)
	if err != nil || ok {
		return ok, err
	}
	fmt.Fprintln(w, "Nothing was changed.")
	return false, nil
}
