package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/armor"
	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/safefile"
)

// A locked data directory has one X25519 identity of its own. Its public
// half (the recipient) is kept in the clear in key.yaml, so that every
// write, a draft after every answer among them, encrypts without asking
// for anything. Its private half is kept in key.yaml only wrapped: by age's
// scrypt under the leader's passphrase, or encrypted to an identity of
// theirs (an age or SSH key). Reading unwraps it once per command.

// keyName is the key of a locked data directory, in the data directory.
const keyName = "key.yaml"

// ScryptWorkFactor is the scrypt work factor (log2 N) that wraps a
// passphrase-locked key: age's own default, about a second and 256 MiB of
// memory on a laptop, once per command that reads. Every guess at the
// passphrase costs whoever holds a copy of the disk as much.
const ScryptWorkFactor = 18

// KeyKind is what opens a locked data directory's key.
type KeyKind string

// What opens a key.
const (
	KeyPassphrase KeyKind = "passphrase"
	KeyIdentity   KeyKind = "identity"
)

// keyHeader opens key.yaml.
const keyHeader = "# The key of this circle data directory (circle lock). Without this file and\n# your passphrase or identity, nothing here can be read: do not edit or delete it.\n"

// Key is a data directory's key: the identity, and the same wrapped.
type Key struct {
	SchemaVersion int     `yaml:"schema_version"`
	Recipient     string  `yaml:"recipient"`
	OpensWith     KeyKind `yaml:"opens_with"`
	// Identity is the private key, age-encrypted (armored) to what opens
	// it.
	Identity string `yaml:"identity"`

	recipient *age.X25519Recipient
}

// NewKey makes a new identity for a data directory, wrapped to wrap: one
// scrypt recipient (kind KeyPassphrase), or the recipients of an identity
// (KeyIdentity).
func NewKey(kind KeyKind, wrap ...age.Recipient) (*Key, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	aw := armor.NewWriter(&b)
	w, err := age.Encrypt(aw, wrap...)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(w, id.String()+"\n"); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if err := aw.Close(); err != nil {
		return nil, err
	}
	return &Key{SchemaVersion: 1, Recipient: id.Recipient().String(), OpensWith: kind, Identity: b.String() + "\n", recipient: id.Recipient()}, nil
}

// PassphraseKey makes a new key wrapped under passphrase, at
// ScryptWorkFactor.
func PassphraseKey(passphrase string) (*Key, error) {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(ScryptWorkFactor)
	return NewKey(KeyPassphrase, r)
}

func (k *Key) marshal() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(keyHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(k); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// KeyPath is where a locked data directory keeps its key.
func (s *Store) KeyPath() string { return filepath.Join(s.Root, keyName) }

// readKey reads key.yaml: nil when the directory is not locked.
func (s *Store) readKey() (*Key, error) {
	data, err := safefile.Read(s.KeyPath(), 64<<10)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.KeyPath(), unwrap(err))
	}
	var k Key
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&k); err != nil {
		return nil, fmt.Errorf("%s: damaged, so this locked data directory can be neither read nor written (%v); restore it from a backup", s.KeyPath(), err)
	}
	if k.SchemaVersion != 1 || (k.OpensWith != KeyPassphrase && k.OpensWith != KeyIdentity) {
		return nil, fmt.Errorf("%s: written by a newer circle, or damaged (schema_version %d, opens_with %q); update circle", s.KeyPath(), k.SchemaVersion, k.OpensWith)
	}
	if k.recipient, err = age.ParseX25519Recipient(k.Recipient); err != nil {
		return nil, fmt.Errorf("%s: damaged: its recipient does not read (%v); restore it from a backup", s.KeyPath(), err)
	}
	return &k, nil
}

// Locked reports whether the data directory is locked, and with what.
func (s *Store) Locked() (bool, KeyKind, error) {
	k, err := s.readKey()
	if k == nil || err != nil {
		return false, "", err
	}
	return true, k.OpensWith, nil
}

// identity unwraps the data directory's identity, once per Store: it asks
// s.Keys for what opens it.
func (s *Store) identity() (age.Identity, error) {
	s.idOnce.Do(func() {
		s.id, s.idErr = s.unwrapIdentity()
		if s.idErr != nil {
			s.idErr = &KeyError{s.idErr}
		}
	})
	return s.id, s.idErr
}

// KeyError is a locked data directory whose key could not be opened: a
// wrong passphrase, an identity that does not fit, nothing given. No file
// can be read, so it ends the command.
type KeyError struct{ Err error }

func (e *KeyError) Error() string { return e.Err.Error() }
func (e *KeyError) Unwrap() error { return e.Err }

func (s *Store) unwrapIdentity() (age.Identity, error) {
	k, err := s.readKey()
	if err != nil {
		return nil, err
	}
	if k == nil {
		return nil, fmt.Errorf("this data directory is not locked (there is no %s), so its encrypted files cannot be read", s.KeyPath())
	}
	if s.Keys == nil {
		return nil, fmt.Errorf("%s is locked, and nothing was given to open it", s.Root)
	}
	ids, err := s.Keys(k.OpensWith)
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(armor.NewReader(strings.NewReader(k.Identity)), ids...)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch) && k.OpensWith == KeyPassphrase:
		return nil, fmt.Errorf("wrong passphrase: it does not open the key in %s; nothing was changed", s.KeyPath())
	case errors.As(err, &noMatch):
		return nil, fmt.Errorf("the identity given does not open the key in %s; nothing was changed", s.KeyPath())
	case err != nil:
		return nil, fmt.Errorf("%s: the key cannot be unwrapped (%v); restore it from a backup", s.KeyPath(), err)
	}
	data, err := io.ReadAll(io.LimitReader(r, 4096))
	if err != nil {
		return nil, fmt.Errorf("%s: the key cannot be unwrapped (%v); restore it from a backup", s.KeyPath(), err)
	}
	id, err := age.ParseX25519Identity(strings.TrimSpace(string(data)))
	if err != nil || id.Recipient().String() != k.Recipient {
		return nil, fmt.Errorf("%s: the key does not match its recipient; restore it from a backup", s.KeyPath())
	}
	return id, nil
}

// PassphraseIdentity is what opens a key wrapped under passphrase.
func PassphraseIdentity(passphrase string) ([]age.Identity, error) {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, err
	}
	return []age.Identity{id}, nil
}

// ReadIdentityFile reads an identity file: age identities (one
// AGE-SECRET-KEY-1… a line, # comments) or an unencrypted SSH private key
// (ed25519 or RSA). It returns the identities and their recipients, to
// wrap a key to.
func ReadIdentityFile(path string) ([]age.Identity, []age.Recipient, error) {
	data, err := safefile.Read(path, 1<<20)
	if err != nil {
		return nil, nil, fmt.Errorf("identity file %s: %w", shown(path), unwrap(err))
	}
	if bytes.Contains(data, []byte("PRIVATE KEY-----")) {
		id, err := agessh.ParseIdentity(data)
		if err != nil {
			return nil, nil, fmt.Errorf("identity file %s: not an SSH private key circle can use (%v); give an unencrypted ed25519 or RSA key, or an age identity (age-keygen)", shown(path), err)
		}
		switch id := id.(type) {
		case *agessh.Ed25519Identity:
			return []age.Identity{id}, []age.Recipient{id.Recipient()}, nil
		case *agessh.RSAIdentity:
			return []age.Identity{id}, []age.Recipient{id.Recipient()}, nil
		}
		return nil, nil, fmt.Errorf("identity file %s: an SSH key circle cannot use; give an ed25519 or RSA key, or an age identity (age-keygen)", shown(path))
	}
	ids, err := age.ParseIdentities(bytes.NewReader(data))
	if err != nil {
		return nil, nil, fmt.Errorf("identity file %s: %v; give an age identity (age-keygen) or an SSH private key", shown(path), err)
	}
	var rs []age.Recipient
	for _, id := range ids {
		switch id := id.(type) {
		case *age.X25519Identity:
			rs = append(rs, id.Recipient())
		case *age.HybridIdentity:
			rs = append(rs, id.Recipient())
		}
	}
	return ids, rs, nil
}

// ParseRecipient reads a recipient as given on a command line: an age
// public key (age1…) or an SSH public key (ssh-ed25519 AAAA…, ssh-rsa
// AAAA…).
func ParseRecipient(s string) (age.Recipient, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "age1pq1"):
		return age.ParseHybridRecipient(s)
	case strings.HasPrefix(s, "age1"):
		return age.ParseX25519Recipient(s)
	case strings.HasPrefix(s, "ssh-"):
		return agessh.ParseRecipient(s)
	}
	return nil, errors.New("not an age public key (age1…) or an SSH public key (ssh-ed25519 …)")
}

// keyFileExists reports whether there is a key.yaml, readable or not.
func (s *Store) keyFileExists() bool {
	_, err := os.Lstat(s.KeyPath())
	return err == nil
}

// OpensWith reports whether passphrase opens the data directory's key: a
// passphrase meant for someone else must not be the lock's. It costs one
// scrypt, and only for a directory locked with a passphrase.
func (s *Store) OpensWith(passphrase string) bool {
	k, err := s.readKey()
	if err != nil || k == nil || k.OpensWith != KeyPassphrase {
		return false
	}
	ids, err := PassphraseIdentity(passphrase)
	if err != nil {
		return false
	}
	_, err = age.Decrypt(armor.NewReader(strings.NewReader(k.Identity)), ids...)
	return err == nil
}
