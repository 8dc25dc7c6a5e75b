package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// flock locks the data directory itself, shared (every write) or alone
// (lock, unlock, and finishing one of them), and returns the function that
// lets it go. The kernel lets go of it when the process dies, so a killed
// command never leaves the directory locked. Shared locks never wait for
// each other; nothing that holds one may ask for it alone.
func (s *Store) flock(alone bool) (func(), error) {
	d, err := os.Open(s.Root)
	if errors.Is(err, fs.ErrNotExist) {
		// Nothing there yet to keep apart: lock creates the directory
		// before it locks it, and writes create it first.
		return func() {}, nil
	}
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if alone {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(d.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("cannot lock %s: %w", s.Root, err)
	}
	return func() { d.Close() }, nil
}
