package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/safefile"
	"github.com/circle-cli/circle/assess/strictyaml"
)

// Lock and unlock convert every result and draft in one step that cannot
// lose data. Each goes in three moves:
//
//  1. write the journal (converting.yaml): the direction, and every file to
//     convert as it is now;
//  2. write the converted copy of each file beside it (X.yaml.age beside
//     X.yaml, or the other way round), each atomically;
//  3. commit: lock writes key.yaml, unlock deletes it; then delete the
//     files as they were, and the journal.
//
// Whatever moment a conversion is killed at, the next command that opens
// the store (Recover) finds the journal and goes on from it: before the
// commit it deletes the copies (the directory is as before), after it the
// originals (the directory is converted). Neither needs the passphrase.
// The whole conversion, and the recovery, hold the data directory's lock
// alone, so no write lands in the middle of one.

// journalName is the journal of a conversion, in the data directory.
const journalName = "converting.yaml"

const journalHeader = "# circle was locking or unlocking this data directory when it stopped. The next\n# circle command finishes or undoes that, from this list: do not edit or delete it.\n"

// The two directions of a conversion.
const (
	toLocked   = "locked"
	toUnlocked = "unlocked"
)

type journal struct {
	To string `yaml:"to"`
	// Files are the files to convert as they were, relative to the data
	// directory.
	Files []string `yaml:"files"`
}

// Conversion says what lock or unlock converts.
type Conversion struct {
	Results int // results
	Draft   bool
	Kept    int // drafts set aside
	// Leftovers are temporary copies an interrupted save left behind,
	// deleted rather than converted: circle never reads them.
	Leftovers int

	files []string // relative to the data directory
}

// crashPoint, when set by a test, is called after every change a
// conversion or a recovery makes on disk: the moments a killed process
// would leave behind.
var crashPoint func()

func point() {
	if crashPoint != nil {
		crashPoint()
	}
}

// Convertible says what Lock (toLock) or Unlock would convert now.
func (s *Store) Convertible(toLock bool) (Conversion, error) {
	c, err := s.convertible(toLock)
	if errors.Is(err, fs.ErrNotExist) {
		return Conversion{}, nil
	}
	return c, err
}

func (s *Store) convertible(toLock bool) (Conversion, error) {
	var c Conversion
	err := s.walk(func(r *os.Root, path, name string, inResults bool) error {
		if !ownName(name, inResults) || strings.HasSuffix(untemp(name), ageExt) == toLock {
			return nil
		}
		if !owns(r, name, inResults) {
			return nil
		}
		if tempName.MatchString(name) {
			c.Leftovers++
			return nil
		}
		rel, _ := filepath.Rel(s.Root, path)
		other := otherForm(name)
		if _, err := r.Lstat(other); err == nil {
			return fmt.Errorf("%s and %s are both there; circle converts neither: move one of them aside and run again", path, filepath.Join(filepath.Dir(path), other))
		}
		switch {
		case inResults:
			c.Results++
		case logical(name) == draftName:
			c.Draft = true
		default:
			c.Kept++
		}
		c.files = append(c.files, rel)
		return nil
	})
	return c, err
}

// otherForm is the name of a file in the other codec: X.yaml.age for
// X.yaml, and the other way round.
func otherForm(name string) string {
	if strings.HasSuffix(name, ageExt) {
		return strings.TrimSuffix(name, ageExt)
	}
	return name + ageExt
}

// Lock encrypts every result and draft of the data directory to k, which
// it then keeps as the directory's key: from then on every file is written
// encrypted. Temporary copies a killed save left in the clear are deleted.
func (s *Store) Lock(k *Key) (Conversion, error) {
	if err := MkdirAll(s.Root); err != nil {
		return Conversion{}, fmt.Errorf("cannot create %s: %w", s.Root, unwrap(err))
	}
	release, err := s.flock(true)
	if err != nil {
		return Conversion{}, err
	}
	defer release()
	if _, err := s.recoverLocked(); err != nil {
		return Conversion{}, err
	}
	if s.keyFileExists() {
		return Conversion{}, fmt.Errorf("%s is locked already (its key is %s)", s.Root, s.KeyPath())
	}
	c, err := s.convertible(true)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Conversion{}, err
	}
	keyData, err := k.marshal()
	if err != nil {
		return c, err
	}
	if err := s.writeJournal(toLocked, c.files); err != nil {
		return c, err
	}
	point()
	ac := &ageCodec{to: k.recipient}
	for _, rel := range c.files {
		p := filepath.Join(s.Root, rel)
		data, err := safefile.Read(p, 4*strictyaml.MaxFileSize)
		if err == nil {
			var sealed []byte
			if sealed, err = ac.seal(data); err == nil {
				err = CreateFile(p+ageExt, sealed)
			}
		}
		if err != nil {
			return c, s.undo(fmt.Errorf("cannot encrypt %s: %w", p, unwrap(err)))
		}
		point()
	}
	if err := CreateFile(s.KeyPath(), keyData); err != nil {
		return c, s.undo(fmt.Errorf("cannot write %s: %w", s.KeyPath(), unwrap(err)))
	}
	point()
	j := journal{To: toLocked, Files: c.files}
	return c, s.finish(&j)
}

// Unlock decrypts every result and draft of the data directory and deletes
// its key: from then on every file is written in the clear. Every file is
// decrypted in memory first: one that cannot be read stops it before
// anything changes.
func (s *Store) Unlock() (Conversion, error) {
	k, err := s.readKey()
	if err != nil {
		return Conversion{}, err
	}
	if k == nil {
		return Conversion{}, fmt.Errorf("%s is not locked", s.Root)
	}
	id, err := s.identity()
	if err != nil {
		return Conversion{}, err
	}
	release, err := s.flock(true)
	if err != nil {
		return Conversion{}, err
	}
	defer release()
	if _, err := s.recoverLocked(); err != nil {
		return Conversion{}, err
	}
	if !s.keyFileExists() {
		return Conversion{}, fmt.Errorf("%s is not locked", s.Root)
	}
	c, err := s.convertible(false)
	if err != nil {
		return c, err
	}
	ac := &ageCodec{identity: func() (age.Identity, error) { return id, nil }}
	plain := make([][]byte, len(c.files))
	for i, rel := range c.files {
		p := filepath.Join(s.Root, rel)
		data, err := safefile.Read(p, ac.limit(4*strictyaml.MaxFileSize))
		if err != nil {
			return c, fmt.Errorf("%s: %w; nothing was changed", p, unwrap(err))
		}
		if plain[i], err = ac.open(p, data); err != nil {
			return c, fmt.Errorf("%w; nothing was changed (move the file aside to unlock the rest)", err)
		}
	}
	if err := s.writeJournal(toUnlocked, c.files); err != nil {
		return c, err
	}
	point()
	for i, rel := range c.files {
		p := strings.TrimSuffix(filepath.Join(s.Root, rel), ageExt)
		if err := CreateFile(p, plain[i]); err != nil {
			return c, s.undo(fmt.Errorf("cannot write %s: %w", p, unwrap(err)))
		}
		point()
	}
	if err := os.Remove(s.KeyPath()); err != nil {
		return c, s.undo(fmt.Errorf("cannot delete %s: %w", s.KeyPath(), unwrap(err)))
	}
	if err := syncDir(s.Root); err != nil {
		return c, err
	}
	point()
	j := journal{To: toUnlocked, Files: c.files}
	return c, s.finish(&j)
}

// undo rolls back a conversion that failed before its commit, and returns
// err with what became of the directory.
func (s *Store) undo(err error) error {
	j, jerr := s.readJournal()
	if jerr == nil && j != nil {
		jerr = s.rollback(j)
	}
	if jerr != nil {
		return fmt.Errorf("%w; and undoing it failed too (%v): the next circle command tries again", err, jerr)
	}
	return fmt.Errorf("%w; nothing was changed", err)
}

// Recover finishes or undoes a lock or unlock that was interrupted, and
// says which it did ("" when there was none). Every command that opens the
// store calls it first; it needs no passphrase.
func (s *Store) Recover() (string, error) {
	names, err := os.ReadDir(s.Root)
	if err != nil {
		return "", nil // no data directory: nothing to recover
	}
	pending := false
	for _, de := range names {
		if de.Name() == journalName || (lockName(de.Name()) && tempName.MatchString(de.Name())) {
			pending = true
		}
	}
	if !pending {
		return "", nil
	}
	release, err := s.flock(true)
	if err != nil {
		return "", err
	}
	defer release()
	return s.recoverLocked()
}

// recoverLocked is Recover for a caller that holds the lock alone.
func (s *Store) recoverLocked() (string, error) {
	j, err := s.readJournal()
	if err != nil {
		return "", err
	}
	if j == nil {
		// A journal or a key whose writing was killed before it was in
		// place: nothing else was changed.
		return "", s.removeTemps(false)
	}
	committed := s.keyFileExists() == (j.To == toLocked)
	if committed {
		if err := s.finish(j); err != nil {
			return "", err
		}
		if j.To == toLocked {
			return fmt.Sprintf("An interrupted `circle lock` was finished: %s is locked.", s.Root), nil
		}
		return fmt.Sprintf("An interrupted `circle unlock` was finished: %s is no longer locked.", s.Root), nil
	}
	if err := s.rollback(j); err != nil {
		return "", err
	}
	if j.To == toLocked {
		return fmt.Sprintf("An interrupted `circle lock` was undone: %s is as it was, not locked; run `circle lock` again.", s.Root), nil
	}
	return fmt.Sprintf("An interrupted `circle unlock` was undone: %s is as it was, still locked; run `circle unlock` again.", s.Root), nil
}

// finish completes a committed conversion: the files as they were go, and
// the journal last.
func (s *Store) finish(j *journal) error {
	var ac *ageCodec
	if j.To == toLocked {
		k, err := s.readKey()
		if err != nil {
			return err
		}
		ac = &ageCodec{to: k.recipient}
	}
	for _, rel := range j.Files {
		was := filepath.Join(s.Root, rel)
		now := filepath.Join(s.Root, otherForm(rel))
		if !exists(now) {
			if !exists(was) || ac == nil {
				// Gone (forgotten by hand), or encrypted and no longer
				// openable without the key: left as it is.
				continue
			}
			// Never so after a commit; encrypted now all the same.
			data, err := safefile.Read(was, 4*strictyaml.MaxFileSize)
			if err != nil {
				return err
			}
			sealed, err := ac.seal(data)
			if err != nil {
				return err
			}
			if err := CreateFile(now, sealed); err != nil {
				return err
			}
		}
		if err := os.Remove(was); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot delete %s: %w", was, unwrap(err))
		}
		point()
	}
	return s.endJournal()
}

// rollback undoes a conversion that was not committed: the copies go, the
// files as they were stay.
func (s *Store) rollback(j *journal) error {
	for _, rel := range j.Files {
		was := filepath.Join(s.Root, rel)
		copied := filepath.Join(s.Root, otherForm(rel))
		if !exists(was) || !exists(copied) {
			continue
		}
		if err := os.Remove(copied); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot delete %s: %w", copied, unwrap(err))
		}
		point()
	}
	return s.endJournal()
}

// endJournal deletes every temporary copy left behind (nothing is being
// written: the lock is held alone), then the journal.
func (s *Store) endJournal() error {
	if err := s.removeTemps(true); err != nil {
		return err
	}
	for _, dir := range []string{s.Dir(), s.Root} {
		_ = syncDir(dir)
	}
	if err := os.Remove(filepath.Join(s.Root, journalName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	point()
	return syncDir(s.Root)
}

// removeTemps deletes the temporary copies of circle's key and journal,
// and with all those of its results and drafts too: only while the lock is
// held alone, when none is being written.
func (s *Store) removeTemps(all bool) error {
	err := s.walk(func(r *os.Root, path, name string, inResults bool) error {
		if !tempName.MatchString(name) {
			return nil
		}
		if (all && owns(r, name, inResults)) || (!inResults && lockName(name)) {
			if err := r.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("cannot delete %s: %w", path, unwrap(err))
			}
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func (s *Store) writeJournal(to string, files []string) error {
	var b bytes.Buffer
	b.WriteString(journalHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(journal{To: to, Files: files}); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return CreateFile(filepath.Join(s.Root, journalName), b.Bytes())
}

// readJournal reads the journal of an interrupted conversion: nil when
// there is none.
func (s *Store) readJournal() (*journal, error) {
	path := filepath.Join(s.Root, journalName)
	data, err := safefile.Read(path, 1<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	var j journal
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&j); err != nil || (j.To != toLocked && j.To != toUnlocked) {
		return nil, fmt.Errorf("%s: damaged, so circle cannot tell how far a lock or unlock got; nothing was changed", path)
	}
	for _, f := range j.Files {
		dir, name := filepath.Split(f)
		if (dir != "" && dir != "assessments/") || !ownName(name, dir != "") || tempName.MatchString(name) {
			return nil, fmt.Errorf("%s: names %q, which is not one of circle's files; nothing was changed", path, f)
		}
	}
	return &j, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// untemp is the name of the file a temporary copy is of; name itself when
// it is none.
func untemp(name string) string {
	if m := tempName.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	return name
}
