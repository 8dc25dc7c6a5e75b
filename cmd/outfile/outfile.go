// Package outfile writes the files a leader names with -o (a map, a
// report, a chart, an export, a new questionnaire): the one place that
// decides what circle may do to a path it is given.
//
// The rule, as careful tools have it:
//
//   - A new name, or a regular file of the user's own that they may write,
//     gets the atomic write: a temporary file beside it, fsync, rename. The
//     file is 0600 whatever the umask: it names people.
//   - A character device or a FIFO (a terminal, a named pipe someone
//     reads) is written to directly, never replaced: circle will not turn
//     /dev/null into a file of names. A FIFO that nobody reads is refused
//     at once rather than waited on.
//   - A name for one of circle's own open descriptors (/dev/stdout,
//     /dev/stderr, /dev/fd/N, /proc/self/fd/N) is written to through that
//     descriptor, whatever it is (a terminal, a pipe, a socket, the file a
//     shell opened with > or >>): with 'circle map -o /dev/stdout >
//     map.svg' the shell already holds map.svg open, and replacing it
//     would send the map nowhere.
//   - Anything else is refused, and nothing is written: a directory, a
//     block device, a socket, a read-only file, a file that belongs to
//     someone else (even when circle runs as root), a link to nothing.
//
// A symbolic link is followed only when it is the user's own: a link that
// someone else placed (in a shared directory, say) could otherwise aim the
// write at any file circle may replace, and, run as root, that is every
// file. The rule then applies to what the link names.
package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/circle-cli/circle/assess/store"
)

// Write puts data at path by the rule above. Its errors read "cannot
// write PATH: why, and what to do".
func Write(path string, data []byte) error { return wrap(path, write(path, data, false)) }

// Create is Write that never replaces an existing regular file: it fails
// with an error satisfying errors.Is(err, fs.ErrExist) when path is one.
// A device, FIFO or descriptor is written to as Write does.
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
	real, fd, err := resolve(path)
	if err != nil {
		return err
	}
	if fd >= 0 {
		return writeDescriptor(fd, data)
	}
	st, err := os.Lstat(real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if real != filepath.Clean(absolute(path)) {
			return errors.New("it is a link to nothing; name the file itself")
		}
		if exclusive {
			return store.CreateFile(real, data)
		}
		return store.WriteFile(real, data)
	case err != nil:
		return err
	}
	mode := st.Mode()
	switch {
	case mode.IsRegular() && exclusive:
		return fs.ErrExist
	case mode.IsRegular():
		if err := mayReplace(real, st); err != nil {
			return err
		}
		return store.WriteFile(real, data)
	case mode&fs.ModeCharDevice != 0, mode&fs.ModeNamedPipe != 0:
		return writeInPlace(real, mode, data)
	case mode.IsDir():
		return errors.New("it is a directory; name a file in it")
	}
	return errors.New("it is a block device or a socket, not a file circle writes to; name a file")
}

// resolve follows path's links, one at a time, to the name they end at.
// It refuses a link that belongs to someone else, and stops at a name for
// one of circle's own descriptors (fd is then its number, else -1).
// Directories on the way are the kernel's to follow.
func resolve(path string) (real string, fd int, err error) {
	p := filepath.Clean(absolute(path))
	for range 40 { // the kernel's own limit on links followed
		if n, ok := ownDescriptor(p); ok {
			return p, n, nil
		}
		st, err := os.Lstat(p)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return p, -1, nil
		}
		// The system's own links to descriptors (/dev/stdout, /dev/fd)
		// belong to root; any other link must be the user's.
		if !store.OwnedByMe(st) && !systemLink(p) {
			return "", -1, errors.New("it is a link that belongs to someone else; circle writes only through your own links, so name the file itself")
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", -1, err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = filepath.Clean(target)
	}
	return "", -1, errors.New("it is a chain of links too long to follow")
}

// descriptorRE matches the names Linux gives circle's own open
// descriptors; another process's (/proc/PID/fd/N) is not circle's to
// write to.
var descriptorRE = regexp.MustCompile(`^/(?:dev/(stdout|stderr|fd/([0-9]+))|proc/(?:self|thread-self)/fd/([0-9]+))$`)

// ownDescriptor reports whether p names one of circle's own descriptors,
// and which.
func ownDescriptor(p string) (int, bool) {
	m := descriptorRE.FindStringSubmatch(p)
	switch {
	case m == nil:
		return -1, false
	case m[1] == "stdout":
		return 1, true
	case m[1] == "stderr":
		return 2, true
	}
	n, err := strconv.Atoi(m[2] + m[3])
	return n, err == nil
}

// systemLink reports the links a Linux system makes to a process's own
// descriptors, which belong to root.
func systemLink(p string) bool {
	switch p {
	case "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/fd", "/proc/self", "/proc/thread-self":
		return true
	}
	return false
}

func absolute(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// mayReplace refuses a regular file that is not the user's to replace: one
// that belongs to someone else, or that is read-only.
func mayReplace(path string, st fs.FileInfo) error {
	if !store.OwnedByMe(st) {
		return errors.New("it belongs to someone else; circle replaces only your own files, so name another")
	}
	if st.Mode().Perm()&0o200 == 0 || syscall.Access(path, 2 /* W_OK */) != nil {
		return errors.New("it is read-only; circle does not replace it (make it writable, or name another file)")
	}
	return nil
}

// writeDescriptor writes through circle's own descriptor fd as it is, at
// its own offset and flags (so a shell's >> appends), without closing it.
func writeDescriptor(fd int, data []byte) error {
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return fmt.Errorf("descriptor %d is not open", fd)
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err == syscall.EAGAIN {
			// A non-blocking descriptor that is full: wait for room.
			waitWritable(fd)
			continue
		}
		if err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

// waitWritable blocks until fd can take more bytes.
func waitWritable(fd int) {
	_, _ = unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}, -1)
}

// writeInPlace writes to a device or FIFO as it is. Opening without
// blocking makes a FIFO nobody reads an error (ENXIO) instead of a hang.
func writeInPlace(path string, mode fs.FileMode, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if errors.Is(err, syscall.ENXIO) && mode&fs.ModeNamedPipe != 0 {
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
	if st.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) == 0 {
		return errors.New("it changed while circle was opening it; nothing was written")
	}
	// Writes may wait for a slow reader; only the open must not.
	if err := syscall.SetNonblock(int(f.Fd()), false); err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}
