// Package outfile writes the files a leader names with -o (a map, a
// report, a chart, an export, a new questionnaire): the one place that
// decides what circle may do to a path it is given.
//
// The rule, as careful tools have it:
//
//   - A new name, or a regular file of the user's own that they may write,
//     gets the atomic write: a temporary file beside it, fsync, rename. The
//     file is 0600 whatever the umask: it names people.
//   - A character device or a FIFO (-o /dev/stdout, a terminal, a named
//     pipe someone reads) is written to directly, never replaced: circle
//     will not turn /dev/null into a file of names. A FIFO that nobody
//     reads is refused at once rather than waited on.
//   - Anything else is refused, and nothing is written: a directory, a
//     block device, a socket, a read-only file, a file that belongs to
//     someone else (even when circle runs as root).
//
// A symbolic link is followed, and the rule applies to what it names. A
// path that names one of circle's own open descriptors (/dev/stdout,
// /dev/stderr, /dev/fd/N, /proc/self/fd/N) is always written in place and
// appended to, whatever it points at: with 'circle map -o /dev/stdout >
// map.svg' the shell already holds map.svg open, and replacing it would
// send the map nowhere.
package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"syscall"

	"github.com/circle-cli/circle/assess/store"
)

// Write puts data at path by the rule above. Its errors read "cannot
// write PATH: why, and what to do".
func Write(path string, data []byte) error { return wrap(path, write(path, data, false)) }

// Create is Write that never replaces an existing file: it fails with an
// error satisfying errors.Is(err, fs.ErrExist) when path exists.
func Create(path string, data []byte) error { return wrap(path, write(path, data, true)) }

func wrap(path string, err error) error {
	if err == nil {
		return nil
	}
	// The system's errors name the path (or a temporary one beside it);
	// the reason is enough after "cannot write PATH".
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}

func write(path string, data []byte, exclusive bool) error {
	if !exclusive && namesDescriptor(path) {
		return writeInPlace(path, data, true)
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
			return errors.New("it is a link to nothing; name the file itself")
		}
		if exclusive {
			return store.CreateFile(path, data)
		}
		return store.WriteFile(path, data)
	case err != nil:
		return err
	}
	mode := st.Mode()
	switch {
	case exclusive:
		return fs.ErrExist
	case mode.IsRegular():
		if err := mayReplace(path, st); err != nil {
			return err
		}
		// Replace the file the link names, not the link.
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return err
		}
		return store.WriteFile(real, data)
	case mode&fs.ModeCharDevice != 0, mode&fs.ModeNamedPipe != 0:
		return writeInPlace(path, data, false)
	case mode.IsDir():
		return errors.New("it is a directory; name a file in it")
	}
	return errors.New("it is a block device or a socket, not a file circle writes to; name a file")
}

// mayReplace refuses a regular file that is not the user's to replace: one
// that belongs to someone else, or that is read-only.
func mayReplace(path string, st fs.FileInfo) error {
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != os.Geteuid() {
		return errors.New("it belongs to someone else; circle replaces only your own files, so name another")
	}
	if st.Mode().Perm()&0o200 == 0 || syscall.Access(path, 2 /* W_OK */) != nil {
		return errors.New("it is read-only; circle does not replace it (make it writable, or name another file)")
	}
	return nil
}

// descriptorRE matches the names Linux gives a process's open descriptors.
var descriptorRE = regexp.MustCompile(`^/(dev/(stdout|stderr|fd/[0-9]+)|proc/(self|thread-self|[0-9]+)(/task/[0-9]+)?/fd/[0-9]+)$`)

// namesDescriptor reports whether path, or any link on the way from it,
// is a name for an open descriptor.
func namesDescriptor(path string) bool {
	p := path
	for range 40 { // the kernel's own limit on links followed
		if !filepath.IsAbs(p) {
			abs, err := filepath.Abs(p)
			if err != nil {
				return false
			}
			p = abs
		}
		p = filepath.Clean(p)
		if descriptorRE.MatchString(p) {
			return true
		}
		target, err := os.Readlink(p)
		if err != nil {
			return false
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = target
	}
	return false
}

// writeInPlace writes to a device, FIFO or descriptor as it is. Opening
// without blocking makes a FIFO nobody reads an error (ENXIO) instead of a
// hang. A descriptor that is a regular file is appended to, never
// truncated: the shell opened it, and decided.
func writeInPlace(path string, data []byte, descriptor bool) error {
	flags := os.O_WRONLY | syscall.O_NONBLOCK
	if descriptor {
		flags |= os.O_APPEND
	}
	f, err := os.OpenFile(path, flags, 0)
	if errors.Is(err, syscall.ENXIO) {
		return errors.New("it is a pipe nobody is reading; start the reader first")
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	switch m := st.Mode(); {
	case m&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
	case descriptor && m.IsRegular(), descriptor && m&fs.ModeSocket != 0:
	default:
		return errors.New("it changed while circle was opening it; nothing was written")
	}
	// Writes may wait for a slow reader; only the open must not.
	if err := syscall.SetNonblock(int(f.Fd()), false); err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return nil
}
