// Package store keeps circle's results on this machine: one YAML file per
// completed assessment under assessments/, and the unfinished interview in
// draft.yaml. Every write is atomic, files are 0600 and directories 0700.
// Nothing here talks to a network.
package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"filippo.io/age"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/assess/strictyaml"
)

// Store is the directory that holds one user's results. It owns every
// byte under it: it reads, writes and deletes its files itself, and
// deletes only files it wrote (see own.go).
type Store struct {
	Root string
	// Now is the clock: a result dated more than a day after it is not
	// taken for the latest. Nil is the wall clock.
	Now func() time.Time
	// Keys gives what opens a locked data directory's key (a passphrase
	// or an identity, as kind says). It is called at most once, the first
	// time an encrypted file must be read; nil when nothing can be given.
	Keys func(kind KeyKind) ([]age.Identity, error)

	idOnce sync.Once
	id     age.Identity
	idErr  error
}

// Entry is one saved result, or a file that should be one but cannot be
// read (Err is then set and Result is nil).
type Entry struct {
	ID     string
	Path   string
	Result *assess.Result
	Err    error
}

// RootFromEnv finds the data directory: $CIRCLE_HOME when set, else
// $XDG_DATA_HOME/circle, else ~/.local/share/circle.
//
// A CIRCLE_HOME that starts with ~ (quoted in a script, or set in a file
// no shell expands) means the home directory, as it would in a shell;
// ~user is refused rather than made into a directory named "~user".
func RootFromEnv(getenv func(string) string) (string, error) {
	if d := getenv("CIRCLE_HOME"); d != "" {
		if strings.HasPrefix(d, "~") {
			rest, ok := strings.CutPrefix(d[1:], "/")
			if !ok && d != "~" {
				return "", fmt.Errorf("CIRCLE_HOME=%s: circle expands ~ only as your own home (~/…); give the full path", shown(d))
			}
			home, err := homeDir(getenv)
			if err != nil {
				return "", fmt.Errorf("CIRCLE_HOME=%s starts with ~, but there is no home directory to put in its place; give the full path", shown(d))
			}
			d = filepath.Join(home, rest)
		}
		return filepath.Abs(d)
	}
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "circle"), nil
	}
	home, err := homeDir(getenv)
	if err != nil {
		return "", errors.New("cannot find a place for circle's data: set CIRCLE_HOME to a directory of your own")
	}
	return filepath.Join(home, ".local", "share", "circle"), nil
}

// homeDir is $HOME, or the system's idea of the user's home without it.
func homeDir(getenv func(string) string) (string, error) {
	if home := getenv("HOME"); home != "" {
		return home, nil
	}
	return os.UserHomeDir()
}

// New returns the store rooted at root; nothing is created until a save.
func New(root string) *Store { return &Store{Root: root} }

// Dir is the directory of saved results.
func (s *Store) Dir() string { return filepath.Join(s.Root, "assessments") }

// DraftPath is where the unfinished interview is kept: draft.yaml, or
// draft.yaml.age once the data directory is locked.
func (s *Store) DraftPath() string {
	p := filepath.Join(s.Root, draftName)
	if s.keyFileExists() {
		return p + ageExt
	}
	return p
}

// maxSameSecond bounds how many results one second can hold; reaching it
// means something is looping, not a person taking assessments.
const maxSameSecond = 100

// Save writes r as a new result file and returns its path. A result taken in
// the same second as an existing one gets the next free suffix (-2, -3…),
// so concurrent saves both keep their results; r.ID is updated to match.
func (s *Store) Save(r *assess.Result) (string, error) {
	if err := MkdirAll(s.Dir()); err != nil {
		return "", fmt.Errorf("cannot create %s: %w", s.Dir(), unwrap(err))
	}
	release, err := s.flock(false)
	if err != nil {
		return "", err
	}
	defer release()
	base := r.ID
	for n := 1; n <= maxSameSecond; n++ {
		if n > 1 {
			r.ID = fmt.Sprintf("%s-%d", base, n)
		}
		data, err := r.Marshal()
		if err != nil {
			return "", err
		}
		// Read it back before it is kept: a result that could not be read
		// later must not be saved (and its draft then deleted) now.
		if _, err := assess.ParseResult(r.ID+".yaml", data); err != nil {
			// %v, not %w: the problems are in the result circle made, not
			// in a file the user can fix, and must be said as such.
			return "", fmt.Errorf("internal error: the result would not read back, so it was not saved (the draft is kept): %v", err)
		}
		path := filepath.Join(s.Dir(), r.ID+".yaml")
		if _, err := os.Lstat(path + ageExt); err == nil {
			continue // taken, encrypted
		} else if _, err := os.Lstat(path); err == nil {
			continue // taken, in the clear
		}
		path, err = s.writeLocked(path, data, true)
		if err == nil {
			return path, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("cannot save %s: %w", path, unwrap(err))
		}
	}
	r.ID = base
	return "", fmt.Errorf("cannot save: %d results already exist for %s", maxSameSecond, base)
}

// List reads every saved result, oldest first. Files that cannot be read
// are returned as entries with Err set, in their place, so that callers can
// warn about them and go on with the rest: a file named like no result
// circle writes, one that is not a regular file (a pipe, a link to a
// device), one that does not parse, one dated in the future.
func (s *Store) List() ([]Entry, error) {
	des, err := os.ReadDir(s.Dir())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", s.Dir(), unwrap(err))
	}
	// A locked directory is opened once, before any file is read: a
	// passphrase that does not open it is one error, not one a file.
	for _, de := range des {
		if strings.HasSuffix(de.Name(), ".yaml"+ageExt) && resultName.MatchString(de.Name()) {
			if _, err := s.identity(); err != nil {
				return nil, err
			}
			break
		}
	}
	release, err := s.flock(false)
	if err != nil {
		return nil, err
	}
	defer release()
	var entries []Entry
	for _, de := range des {
		name := de.Name()
		if de.IsDir() || strings.HasPrefix(name, ".") || !strings.HasSuffix(logical(name), ".yaml") {
			continue
		}
		path := filepath.Join(s.Dir(), name)
		if !resultName.MatchString(name) {
			entries = append(entries, Entry{ID: fileID(path), Path: path,
				Err: fmt.Errorf("%s: not named as circle names its results (such as 2026-09-30T100000Z.yaml); circle leaves it alone", shown(path))})
			continue
		}
		e := s.Load(path)
		if e.Err == nil && e.Result.TakenAt.After(s.now().Add(24*time.Hour)) {
			e.Err = fmt.Errorf("%s: taken_at %s is in the future; circle skips it until then (correct taken_at if it is wrong)", shown(path), e.Result.TakenAt.Format(time.RFC3339))
			e.Result = nil
		}
		entries = append(entries, e)
	}
	sort.SliceStable(entries, func(i, j int) bool { return less(entries[i], entries[j]) })
	return entries, nil
}

// fileID is the id of the result file at path: its base name without
// extension (.yaml, or .yaml.age), stripped of anything that could steer a
// terminal.
func fileID(path string) string {
	name := logical(filepath.Base(path))
	return plaintext.Strip(strings.TrimSuffix(name, filepath.Ext(name)))
}

// IDOf is the id of the result file at path (see fileID).
func IDOf(path string) string { return fileID(path) }

// less orders by time taken, then id; an unreadable file sorts by its id.
func less(a, b Entry) bool {
	if a.Result != nil && b.Result != nil && !a.Result.TakenAt.Equal(b.Result.TakenAt) {
		return a.Result.TakenAt.Before(b.Result.TakenAt)
	}
	return idLess(a.ID, b.ID)
}

// idLess sorts 2026-01-01T000000Z-10 after -9.
func idLess(a, b string) bool {
	ab, an := splitSuffix(a)
	bb, bn := splitSuffix(b)
	if ab != bb {
		return ab < bb
	}
	return an < bn
}

func splitSuffix(id string) (string, int) {
	if i := strings.LastIndexByte(id, '-'); i > 0 && strings.HasSuffix(id[:i], "Z") {
		n := 0
		if _, err := fmt.Sscanf(id[i+1:], "%d", &n); err == nil {
			return id[:i], n
		}
	}
	return id, 1
}

// Load reads one result file through the store's codec: a regular file
// only, read without blocking (see safefile). The id is the file's name
// without extension, without any control character a name can hold: it is
// shown everywhere.
func (s *Store) Load(path string) Entry {
	e := Entry{ID: fileID(path), Path: path}
	data, err := s.readFile(path, strictyaml.MaxFileSize)
	var oe *OpenError
	if errors.As(err, &oe) {
		e.Err = err
		return e
	}
	if err != nil {
		e.Err = assess.InputError(path, "give a result's id or the path of a result file", err)
		return e
	}
	r, err := assess.ParseResult(path, data)
	if err != nil {
		e.Err = err
		return e
	}
	r.ID = e.ID
	e.Result = r
	return e
}

// Resolve finds the result a RESULT argument names: "latest", "previous",
// a path to a file, an id, or a unique prefix of one. An empty ref is
// "latest". The entry's Err is returned as the error when the file it
// names cannot be read.
func (s *Store) Resolve(ref string) (Entry, error) {
	return s.ResolveIn(nil, ref)
}

// ResolveIn is Resolve over entries already listed (nil: list them now),
// for commands that resolve several RESULTs and warn about the rest: every
// file is then read once.
func (s *Store) ResolveIn(entries []Entry, ref string) (Entry, error) {
	if ref == "" {
		ref = "latest"
	}
	if strings.ContainsRune(ref, filepath.Separator) || strings.HasSuffix(logical(ref), ".yaml") {
		if _, err := os.Stat(ref); err == nil {
			e := s.Load(ref)
			return e, e.Err
		}
	}
	if entries == nil {
		var err error
		if entries, err = s.List(); err != nil {
			return Entry{}, err
		}
	}
	if ref == "latest" || ref == "previous" {
		var good []Entry
		for _, e := range entries {
			if e.Err == nil {
				good = append(good, e)
			}
		}
		want := 1
		if ref == "previous" {
			want = 2
		}
		if len(good) < want {
			if len(good) == 0 {
				return Entry{}, fmt.Errorf("no saved results yet in %s; run `circle assess` first", s.Dir())
			}
			return Entry{}, errors.New("there is only one saved result, so there is no previous one yet")
		}
		return good[len(good)-want], nil
	}
	var matches []Entry
	for _, e := range entries {
		if e.ID == ref {
			return e, e.Err
		}
		if strings.HasPrefix(e.ID, ref) {
			matches = append(matches, e)
		}
	}
	switch len(matches) {
	case 0:
		return Entry{}, fmt.Errorf("no result %q: give an id from `circle history`, latest, previous, or a file path", ref)
	case 1:
		return matches[0], matches[0].Err
	}
	ids := make([]string, len(matches))
	for i, m := range matches {
		ids[i] = m.ID
	}
	return Entry{}, fmt.Errorf("%q matches %d results (%s); give more of the id", ref, len(matches), strings.Join(ids, ", "))
}

// ResultIDOf is the id of the result that path is, after its links are
// followed: a file named as circle names results, directly in the results
// directory. ok is false for any other path. forget deletes by this id, so
// a link named like one result but pointing at another forgets the one it
// points at, or nothing.
func (s *Store) ResultIDOf(path string) (id string, ok bool) {
	real, err := realPath(path)
	if err != nil {
		return "", false
	}
	dir, err := realPath(s.Dir())
	if err != nil || filepath.Dir(real) != dir || !resultName.MatchString(filepath.Base(real)) {
		return "", false
	}
	return fileID(real), true
}

// realPath is path absolute, with every link on it followed.
func realPath(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

// Reserved reports whether path, once its links are followed, is one of
// the store's own places: anything in assessments/, or a name the store
// gives its files in the data directory (the draft, drafts set aside,
// their temporary copies). A -o must never write there: a map written over
// a result destroys it, and leaves a file of names that forget does not
// know. Other files beside the data directory are the user's business.
func (s *Store) Reserved(path string) bool {
	root, err := realPath(s.Root)
	if err != nil {
		return false // no data directory yet: nothing in it to harm
	}
	p, _ := filepath.Abs(path)
	// Follow what exists of the path: the file (a link, perhaps), or
	// else the directory it would be made in.
	if real, err := realPath(p); err == nil {
		p = real
	} else if real, err := realPath(filepath.Dir(p)); err == nil {
		p = filepath.Join(real, filepath.Base(p))
	}
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	first, _, nested := strings.Cut(rel, string(filepath.Separator))
	return first == "assessments" || (!nested && (ownName(rel, false) || lockName(rel)))
}

// Check returns a warning when the data directory can be read by others,
// with the command that fixes it; "" when it is private or absent.
func (s *Store) Check() string {
	st, err := os.Stat(s.Root)
	if err != nil || st.Mode().Perm()&0o077 == 0 {
		return ""
	}
	return fmt.Sprintf("warning: %s can be read by other users of this machine (mode %04o); run: chmod 700 %s", s.Root, st.Mode().Perm(), plaintext.ShellQuote(s.Root))
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadDraft returns the saved draft's bytes, or nil when there is none. A
// draft.yaml that is not a regular file is an error, never read (a FIFO
// would hang the interview).
func (s *Store) ReadDraft() ([]byte, error) {
	data, err := s.readFile(s.DraftPath(), strictyaml.MaxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var oe *OpenError
	var ke *KeyError
	if errors.As(err, &ke) || errors.As(err, &oe) {
		return nil, err // says what, and names the file
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w; move it aside and run again", shown(s.DraftPath()), unwrap(err))
	}
	return data, nil
}

// SaveDraft replaces the draft atomically.
func (s *Store) SaveDraft(data []byte) error {
	if err := MkdirAll(s.Root); err != nil {
		return fmt.Errorf("cannot create %s: %w", s.Root, unwrap(err))
	}
	if path, err := s.writeFile(filepath.Join(s.Root, draftName), data, false); err != nil {
		return fmt.Errorf("cannot keep the draft in %s: %w", path, unwrap(err))
	}
	return nil
}

// RemoveDraft deletes the draft, encrypted or not; no draft is not an
// error. A draft that circle did not write is left alone, with an error.
func (s *Store) RemoveDraft() error {
	root, err := os.OpenRoot(s.Root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer root.Close()
	release, err := s.flock(false)
	if err != nil {
		return err
	}
	defer release()
	for _, name := range []string{draftName, draftName + ageExt} {
		if _, err := root.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if !owns(root, name, false) {
			return fmt.Errorf("%s does not look like a draft circle wrote, so circle leaves it alone; move it aside", shown(filepath.Join(s.Root, name)))
		}
		if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// SetDraftAside renames a draft that cannot be resumed (unreadable, or from
// another questionnaire) out of the way, keeping it for
// the user to look at, and returns its new path.
//
// A draft that does not start as circle starts its drafts (cut short,
// garbled) is kept with circle's kept-draft line above its bytes, so that
// forget --all knows it for circle's own; its bytes are otherwise as they
// were.
func (s *Store) SetDraftAside(now string) (string, error) {
	src := s.DraftPath()
	dst := filepath.Join(s.Root, "draft-kept-"+now+".yaml")
	data, err := s.readFile(src, 4*strictyaml.MaxFileSize)
	if err == nil && !bytes.HasPrefix(data, []byte(assess.DraftHeader)) {
		dst, err := s.writeFile(dst, append([]byte(assess.KeptDraftHeader), data...), true)
		if err != nil {
			return "", err
		}
		return dst, os.Remove(src)
	}
	// Kept as it is, encrypted or not, under the name that says so.
	dst += strings.TrimPrefix(filepath.Base(src), draftName)
	return dst, os.Rename(src, dst)
}
