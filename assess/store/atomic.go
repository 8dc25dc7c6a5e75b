package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FileMode and DirMode are the only modes circle creates: its files hold
// names of people in the user's life, so only the user may read them.
const (
	FileMode fs.FileMode = 0o600
	DirMode  fs.FileMode = 0o700
)

// beforeRename, when set by a test, runs between writing the temporary file
// and putting it in place: the moment a killed process would leave behind.
var beforeRename func(tmp string) error

// WriteFile writes data to path atomically: a temporary file in the same
// directory, fsync, rename, fsync of the directory. A crash leaves the old
// file or the new one, never a mix. The file is 0600 whatever the umask.
func WriteFile(path string, data []byte) error {
	return write(path, data, false)
}

// CreateFile is WriteFile that refuses to replace an existing file; it
// returns an error satisfying errors.Is(err, fs.ErrExist) when path exists.
// Two processes creating the same path cannot both succeed.
func CreateFile(path string, data []byte) error {
	return write(path, data, true)
}

func write(path string, data []byte, exclusive bool) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
	}()
	// CreateTemp makes the file 0600 already; Chmod says so explicitly and
	// holds whatever the umask was.
	if err = tmp.Chmod(FileMode); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if beforeRename != nil {
		if err = beforeRename(name); err != nil {
			return err
		}
	}
	if exclusive {
		// link(2) fails when the target exists, which rename(2) would not:
		// this is what keeps two saves in the same second apart.
		if err = os.Link(name, path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s: %w", path, fs.ErrExist)
			}
			// Some file systems (exFAT, some network and FUSE mounts)
			// have no hard links. Claim the name with O_EXCL instead,
			// then rename the finished file over the empty claim.
			if err = claimAndRename(name, path); err != nil {
				return err
			}
		} else {
			os.Remove(name)
		}
	} else if err = os.Rename(name, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// claimAndRename creates path exclusively, so that a concurrent save gets
// ErrExist, then renames tmp over it. A crash between the two leaves an
// empty file, which readers report as empty, never a half-written one.
func claimAndRename(tmp, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, fs.ErrExist)
		}
		return err
	}
	f.Close()
	return os.Rename(tmp, path)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	// Some file systems cannot sync a directory; the rename is still atomic.
	_ = d.Sync()
	return nil
}

// MkdirAll creates dir and its missing parents as 0700, whatever the
// umask. Directories that already exist keep their mode: changing a mode the
// user chose is not circle's to do (Store.Check warns instead).
func MkdirAll(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	parent := filepath.Dir(dir)
	if parent != dir {
		if err := MkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, DirMode); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil
		}
		return err
	}
	return os.Chmod(dir, DirMode)
}
