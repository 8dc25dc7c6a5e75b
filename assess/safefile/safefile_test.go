package safefile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess/safefile"
)

// Whatever a path names, Read returns at once: a FIFO nobody writes to, a
// directory, a device, a file over the bound.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 1<<20+1), 0o600); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(dir, "small")
	if err := os.WriteFile(small, []byte("people: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		path string
		want error
		says string
	}{
		{fifo, safefile.ErrNotRegular, "not a regular file"},
		{link, safefile.ErrNotRegular, "not a regular file"},
		{dir, safefile.ErrDirectory, "is a directory"},
		{big, nil, "the file is 1,048,577 bytes; the limit is 1 MB"},
	}
	for _, c := range cases {
		done := make(chan error, 1)
		go func() {
			_, err := safefile.Read(c.path, 1<<20)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), c.says) {
				t.Errorf("Read(%s): %v, want %q", filepath.Base(c.path), err, c.says)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("Read(%s): %v is not %v", filepath.Base(c.path), err, c.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Read(%s) hung", filepath.Base(c.path))
		}
	}
	tooBig := &safefile.TooLargeError{Size: 20 << 20, Limit: 1 << 20}
	if got := tooBig.Error(); got != "the file is 20 MB; the limit is 1 MB" {
		t.Errorf("far over the limit: %q", got)
	}
	if data, err := safefile.Read(small, 1<<20); err != nil || string(data) != "people: []\n" {
		t.Errorf("Read of a plain file: %q, %v", data, err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{
		12:      "12 bytes",
		4096:    "4 KB",
		1 << 20: "1 MB",
		5 << 19: "2.5 MB",
		4097:    "4,097 bytes",
		3 << 20: "3 MB",
	} {
		if got := safefile.Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// A FIFO is refused before it is opened: a writer waiting on it is not
// released (and then killed by SIGPIPE when circle closed it).
func TestFIFONotOpened(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	opened := make(chan *os.File, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // blocks until a reader opens
		if err == nil {
			opened <- w
		}
	}()
	if _, err := safefile.Read(fifo, 1<<20); !errors.Is(err, safefile.ErrNotRegular) {
		t.Fatalf("Read(fifo) = %v", err)
	}
	select {
	case w := <-opened:
		w.Close()
		t.Fatal("reading the FIFO's name released the writer waiting on it")
	case <-time.After(200 * time.Millisecond):
	}
	// Release the writer so that the test leaves nothing behind.
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err == nil {
		(<-opened).Close()
		r.Close()
	}
}
