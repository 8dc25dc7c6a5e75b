package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"filippo.io/age"

	"github.com/circle-cli/circle/assess/safefile"
	"github.com/circle-cli/circle/assess/store"
)

// The environment that opens a locked data directory without a terminal
// (scripts, tests), and the one that gives lock its new passphrase.
const (
	envPassphraseFile = "CIRCLE_PASSPHRASE_FILE"
	envIdentity       = "CIRCLE_IDENTITY"
)

// storeKeys says how a locked data directory at root is opened: with the
// identity file CIRCLE_IDENTITY names, or the passphrase in the file
// CIRCLE_PASSPHRASE_FILE names, else the passphrase asked once on the
// terminal (when ask is true and there is one).
func storeKeys(f *Factory, root string, ask bool) func(store.KeyKind) ([]age.Identity, error) {
	return func(kind store.KeyKind) ([]age.Identity, error) {
		switch kind {
		case store.KeyIdentity:
			file := f.Getenv(envIdentity)
			if file == "" {
				return nil, fmt.Errorf("%s is locked with an identity: set %s to the file that holds it", oneLine(root), envIdentity)
			}
			ids, _, err := store.ReadIdentityFile(file)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", envIdentity, err)
			}
			return ids, nil
		}
		if file := f.Getenv(envPassphraseFile); file != "" {
			p, err := readPassphraseFile(envPassphraseFile+"=", file)
			if err != nil {
				return nil, err
			}
			return store.PassphraseIdentity(p)
		}
		if !ask || !f.IO.CanPrompt() || f.Passphrase == nil {
			return nil, fmt.Errorf("%s is locked: run circle on a terminal to give the passphrase, or set %s to a file that holds it", oneLine(root), envPassphraseFile)
		}
		p, err := f.Passphrase(fmt.Sprintf("Passphrase for %s: ", oneLine(root)))
		if err != nil {
			return nil, fmt.Errorf("reading the passphrase: %w", err)
		}
		if p == "" {
			return nil, errors.New("no passphrase given; nothing was read")
		}
		return store.PassphraseIdentity(p)
	}
}

// readPassphraseFile reads a passphrase from the first line of a file;
// what (CIRCLE_PASSPHRASE_FILE=, say) names where the file was given.
func readPassphraseFile(what, file string) (string, error) {
	data, err := safefile.Read(file, 64<<10)
	if err != nil {
		return "", fmt.Errorf("%s%s: %w", what, oneLine(file), unwrapPath(err))
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	p := strings.TrimSuffix(string(line), "\r")
	if p == "" {
		return "", fmt.Errorf("%s%s: the file is empty; its first line is the passphrase", what, oneLine(file))
	}
	return p, nil
}

// unwrapPath is the error of a *fs.PathError without its path, which the
// message names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
