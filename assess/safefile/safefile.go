// Package safefile reads the files circle is handed without trusting them:
// whatever a path names (a FIFO, a terminal, a device, a directory, a file
// of gigabytes), reading it never blocks and never reads more than a bound.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular is returned for anything but a regular file or a
// directory; ErrDirectory for a directory.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrDirectory  = errors.New("is a directory")
)

// TooLargeError says a file is larger than the bound it was read with.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	size := Size(e.Size)
	if e.Size < e.Limit+e.Limit/10 {
		// "1.0 MB; the limit is 1 MB" would hide the difference.
		size = thousands(e.Size) + " bytes"
	}
	return fmt.Sprintf("the file is %s; the limit is %s", size, Size(e.Limit))
}

// Size writes a number of bytes for a person: "3.4 MB", "4 KB",
// "4,097 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%s bytes", thousands(n))
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// Read returns the contents of the regular file at path, at most limit
// bytes. Anything else (a FIFO, a device, a socket, a directory) is
// refused before it is opened: opening a device can have effects of its
// own (a tape rewinds, a serial line hangs up), and opening a FIFO
// releases a writer waiting on it. The file is then opened without
// blocking and without becoming a controlling terminal, and checked again,
// so that nothing swapped in between the look and the open is read. A
// non-regular file is ErrNotRegular (ErrDirectory for a directory),
// wrapped with the path; a file over limit is a *TooLargeError before
// anything is read.
func Read(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, limit)
}

// Open opens path for reading as Read does, and returns it only when it is
// a regular file.
func Open(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(path, st); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, err
	}
	if st, err = f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	if err := regular(path, st); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func regular(path string, st fs.FileInfo) error {
	switch {
	case st.Mode().IsRegular():
		return nil
	case st.IsDir():
		return &fs.PathError{Op: "open", Path: path, Err: ErrDirectory}
	}
	return &fs.PathError{Op: "open", Path: path, Err: ErrNotRegular}
}

// ReadAll reads an opened regular file, at most limit bytes.
func ReadAll(f *os.File, limit int64) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, &TooLargeError{Size: st.Size(), Limit: limit}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		// It grew while being read.
		return nil, &TooLargeError{Size: int64(len(data)), Limit: limit}
	}
	return data, nil
}
