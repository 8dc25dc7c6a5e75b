package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"time"
)

// The store's one list of the names it gives files. It deletes nothing
// else, and nothing that does not also start as circle starts its files
// (see owns). Once the data directory is locked every one of them ends in
// .age as well, and starts as age starts its files.
var (
	// resultName is a result in assessments/: its id, the UTC time taken,
	// with -2, -3… for a second in which there were several.
	resultName = regexp.MustCompile(`^(\d{4}-\d\d-\d\dT\d{6}Z(?:-\d+)?)\.yaml(?:\.age)?$`)
	// keptDraftName is a draft set aside (unreadable, or of another
	// questionnaire), in the data directory.
	keptDraftName = regexp.MustCompile(`^draft-kept-\d{4}-\d\d-\d\dT\d{6}Z(?:-\d+)?\.yaml(?:\.age)?$`)
	// tempName is a temporary copy of any of them that a killed write left
	// behind: "." + the name + "." + digits + ".tmp" (os.CreateTemp).
	tempName = regexp.MustCompile(`^\.(.+\.yaml(?:\.age)?)\.\d+\.tmp$`)
)

// draftName is the unfinished interview, in the data directory.
const draftName = "draft.yaml"

// IsResultID reports whether id is one circle gives a result.
func IsResultID(id string) bool { return resultName.MatchString(id + ".yaml") }

// ownName reports whether a file named name in the data directory (in
// assessments/ when inResults) is one circle writes there.
func ownName(name string, inResults bool) bool {
	if m := tempName.FindStringSubmatch(name); m != nil {
		name = m[1]
	}
	if inResults {
		return resultName.MatchString(name)
	}
	return name == draftName || name == draftName+ageExt || keptDraftName.MatchString(name)
}

// lockName reports the files of a locked data directory that are not
// results or drafts: its key and the journal of a conversion, and their
// temporary copies. No -o may write over them; forget leaves them.
func lockName(name string) bool {
	if m := tempName.FindStringSubmatch(name); m != nil {
		name = m[1]
	}
	return name == keyName || name == journalName
}

// owns reports whether the file name, under root, is circle's own: named
// as circle names its files, a regular file (not a link, not a device),
// belonging to this user, and starting with circle's own first line (a
// temporary copy may also be empty: a write killed before it began).
func owns(root *os.Root, name string, inResults bool) bool {
	if !ownName(filepath.Base(name), inResults) {
		return false
	}
	st, err := root.Lstat(name)
	if err != nil || !st.Mode().IsRegular() || !OwnedByMe(st) {
		return false
	}
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if n == 0 {
		return tempName.MatchString(filepath.Base(name))
	}
	return startsOwn(name, head)
}

// OwnedByMe reports whether the file belongs to the user running circle.
func OwnedByMe(st fs.FileInfo) bool {
	sys, ok := st.Sys().(*syscall.Stat_t)
	return !ok || int(sys.Uid) == os.Geteuid()
}

// openResults opens the data directory and its assessments/ as roots that
// nothing can be deleted outside of: assessments/ must be a directory of
// its own, not a link to one elsewhere. results is nil when there is no
// assessments/ yet.
func (s *Store) openRoots() (root, results *os.Root, err error) {
	root, err = os.OpenRoot(s.Root)
	if err != nil {
		return nil, nil, err
	}
	st, err := root.Lstat("assessments")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return root, nil, nil
	case err != nil:
		root.Close()
		return nil, nil, err
	case st.Mode()&fs.ModeSymlink != 0 || !st.IsDir():
		root.Close()
		return nil, nil, fmt.Errorf("%s is not a directory of circle's own (a link, or a file); circle deletes nothing through it: move it aside and run again", s.Dir())
	}
	results, err = root.OpenRoot("assessments")
	if err != nil {
		root.Close()
		return nil, nil, err
	}
	return root, results, nil
}

// Forget deletes the results with the given ids, and the temporary copies
// of them a killed save left behind: only files circle wrote (see owns).
// It returns the paths it deleted.
func (s *Store) Forget(ids []string) ([]string, error) {
	named := map[string]bool{}
	for _, id := range ids {
		named[id+".yaml"] = true
		named[id+".yaml"+ageExt] = true
	}
	release, err := s.flock(false)
	if err != nil {
		return nil, err
	}
	defer release()
	var gone []string
	err = s.walk(func(r *os.Root, path, name string, inResults bool) error {
		file := name
		if m := tempName.FindStringSubmatch(name); m != nil {
			file = m[1]
		}
		if !inResults || !named[file] {
			return nil
		}
		if !owns(r, name, true) {
			if file == name {
				return fmt.Errorf("%s does not look like a file circle wrote, so circle leaves it alone", path)
			}
			return nil // another's file named like a temporary copy
		}
		if err := r.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot delete %s: %w", path, unwrap(err))
		}
		gone = append(gone, path)
		return nil
	})
	return gone, err
}

// Own lists every file circle wrote in the data directory, as ForgetAll
// would delete them: results (and their temporary copies) first, then the
// draft, drafts set aside and their temporary copies.
func (s *Store) Own() ([]string, error) {
	var own []string
	err := s.eachOwn(func(_ *os.Root, path, _ string) error {
		own = append(own, path)
		return nil
	})
	return own, err
}

// walk calls fn for every entry of assessments/ (inResults) and then of
// the data directory, sorted, with the root it is in, its path and its
// name there. It reads nothing through an assessments/ that is a link
// (see openRoots).
func (s *Store) walk(fn func(r *os.Root, path, name string, inResults bool) error) error {
	root, results, err := s.openRoots()
	if err != nil {
		return err
	}
	defer root.Close()
	each := func(r *os.Root, dir string, inResults bool) error {
		names, err := dirNames(r)
		if err != nil {
			return err
		}
		for _, n := range names {
			if err := fn(r, filepath.Join(dir, n), n, inResults); err != nil {
				return err
			}
		}
		return nil
	}
	if results != nil {
		defer results.Close()
		if err := each(results, s.Dir(), true); err != nil {
			return err
		}
	}
	return each(root, s.Root, false)
}

// eachOwn calls fn for every file circle wrote in the data directory, in
// Own's order, with the root it is in and its name there.
func (s *Store) eachOwn(fn func(r *os.Root, path, name string) error) error {
	err := s.walk(func(r *os.Root, path, name string, inResults bool) error {
		if !owns(r, name, inResults) {
			return nil
		}
		return fn(r, path, name)
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no data directory: nothing of circle's
	}
	return err
}

// LookAlikes lists the files in the data directory that are named as
// circle names its files but that circle did not write (another owner, no
// circle first line, not a regular file): what forget leaves, and says so.
func (s *Store) LookAlikes() []string {
	var out []string
	_ = s.walk(func(r *os.Root, path, name string, inResults bool) error {
		if ownName(name, inResults) && !owns(r, name, inResults) {
			out = append(out, path)
		}
		return nil
	})
	return out
}

// ForgetAll deletes the files of plan (from Own, listed when the user was
// asked) that are still circle's own: a result saved since then was not
// asked about, and stays. Files of any other name or content are left
// where they are. It returns the paths it deleted.
func (s *Store) ForgetAll(plan []string) ([]string, error) {
	asked := map[string]bool{}
	for _, p := range plan {
		asked[p] = true
	}
	release, err := s.flock(false)
	if err != nil {
		return nil, err
	}
	defer release()
	var gone []string
	err = s.eachOwn(func(r *os.Root, path, name string) error {
		if !asked[path] {
			return nil
		}
		if err := r.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot delete %s: %w", path, unwrap(err))
		}
		gone = append(gone, path)
		return nil
	})
	return gone, err
}

// IsResultPath reports whether path names a result file (not a temporary
// copy, not a draft) in the store.
func (s *Store) IsResultPath(path string) bool {
	return filepath.Dir(path) == s.Dir() && resultName.MatchString(filepath.Base(path))
}

// staleAfter is how old a temporary copy must be before it is taken for
// one a killed save left behind, rather than one a save is writing now.
const staleAfter = 10 * time.Minute

// CleanStale deletes the temporary copies of results, drafts and set-aside
// drafts that a killed save left behind (older than staleAfter, and
// circle's own), and returns how many it deleted.
func (s *Store) CleanStale() int {
	release, err := s.flock(false)
	if err != nil {
		return 0
	}
	defer release()
	n := 0
	_ = s.walk(func(r *os.Root, _, name string, inResults bool) error {
		if !tempName.MatchString(name) {
			return nil
		}
		st, err := r.Lstat(name)
		if err != nil || s.now().Sub(st.ModTime()) < staleAfter || !owns(r, name, inResults) {
			return nil
		}
		if r.Remove(name) == nil {
			n++
		}
		return nil
	})
	return n
}

// dirNames lists a root's entries, sorted.
func dirNames(r *os.Root) ([]string, error) {
	d, err := r.Open(".")
	if err != nil {
		return nil, err
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	sort.Strings(names)
	return names, err
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// shown is a file name as it may be printed: escaped, never raw.
func shown(name string) string {
	return strings.TrimSuffix(fmt.Sprintf("%q", name)[1:], `"`)
}
