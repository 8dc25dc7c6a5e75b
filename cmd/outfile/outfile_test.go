package outfile_test

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/circle-cli/circle/cmd/outfile"
)

const names = "graph circle { Maria; Tomas }\n"

// The -o rule, case by case, for whoever runs the tests. Cases that need
// root (a device node of one's own, a file of someone else's) skip with
// the reason when run as a normal user; TestRulesAsNormalUser runs the
// whole table again as "nobody" when the tests run as root, so both
// sides are covered on any machine that can.
func TestRules(t *testing.T) {
	root := os.Geteuid() == 0

	t.Run("a new name gets a 0600 file", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "map.dot")
		must(t, outfile.Write(p, []byte(names)))
		st := stat(t, p)
		if st.Mode() != 0o600 {
			t.Errorf("mode %v, want -rw-------: a map names people", st.Mode())
		}
		if got := read(t, p); got != names {
			t.Errorf("content %q", got)
		}
	})

	t.Run("an own regular file is replaced, 0600", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "map.dot")
		writeFile(t, p, "old", 0o644)
		must(t, outfile.Write(p, []byte(names)))
		if got := read(t, p); got != names {
			t.Errorf("content %q, want the map", got)
		}
		if m := stat(t, p).Mode(); m != 0o600 {
			t.Errorf("mode %v, want -rw-------", m)
		}
	})

	t.Run("a read-only file is refused and kept, even for root", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "keep.txt")
		writeFile(t, p, "keep", 0o444)
		refused(t, outfile.Write(p, []byte(names)), "read-only")
		if got := read(t, p); got != "keep" {
			t.Errorf("read-only file now holds %q", got)
		}
	})

	t.Run("someone else's file is refused", func(t *testing.T) {
		if !root {
			t.Skip("only root can make a file that belongs to someone else")
		}
		p := filepath.Join(t.TempDir(), "theirs.txt")
		writeFile(t, p, "theirs", 0o666)
		must(t, os.Chown(p, 65534, 65534))
		refused(t, outfile.Write(p, []byte(names)), "belongs to someone else")
		if got := read(t, p); got != "theirs" {
			t.Errorf("their file now holds %q", got)
		}
	})

	t.Run("a directory is refused", func(t *testing.T) {
		d := t.TempDir()
		refused(t, outfile.Write(d, []byte(names)), "is a directory")
	})

	t.Run("a dangling link is refused", func(t *testing.T) {
		d := t.TempDir()
		p := filepath.Join(d, "link")
		must(t, os.Symlink(filepath.Join(d, "nowhere"), p))
		refused(t, outfile.Write(p, []byte(names)), "link to nothing")
		if _, err := os.Lstat(filepath.Join(d, "nowhere")); err == nil {
			t.Error("the link's target was created")
		}
	})

	t.Run("a link to an own file replaces the file and keeps the link", func(t *testing.T) {
		d := t.TempDir()
		target := filepath.Join(d, "map.dot")
		writeFile(t, target, "old", 0o600)
		link := filepath.Join(d, "latest.dot")
		must(t, os.Symlink("map.dot", link))
		must(t, outfile.Write(link, []byte(names)))
		if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the link is gone: %v %v", st, err)
		}
		if got := read(t, target); got != names {
			t.Errorf("target holds %q", got)
		}
	})

	t.Run("a FIFO nobody reads is refused at once", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "pipe")
		must(t, syscall.Mkfifo(p, 0o600))
		done := make(chan error, 1)
		go func() { done <- outfile.Write(p, []byte(names)) }()
		select {
		case err := <-done:
			refused(t, err, "nobody is reading")
		case <-time.After(10 * time.Second):
			t.Fatal("-o onto a FIFO nobody reads hung")
		}
		if st, _ := os.Lstat(p); st.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced: %v", st.Mode())
		}
	})

	t.Run("a FIFO with a reader gets the bytes and stays a FIFO", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "pipe")
		must(t, syscall.Mkfifo(p, 0o600))
		r, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		must(t, err)
		defer r.Close()
		must(t, outfile.Write(p, []byte(names)))
		got, _ := io.ReadAll(io.LimitReader(r, int64(len(names))))
		if string(got) != names {
			t.Errorf("reader got %q", got)
		}
		if st, _ := os.Lstat(p); st.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced: %v", st.Mode())
		}
	})

	t.Run("a character device is written to, never replaced", func(t *testing.T) {
		p := "/dev/null"
		if root {
			// Never aim a test at the machine's own /dev/null as root:
			// the bug this guards against replaced it once. A node of
			// our own with the same numbers is as good a target.
			p = filepath.Join(t.TempDir(), "null")
			must(t, syscall.Mknod(p, syscall.S_IFCHR|0o666, int(mkdev(1, 3))))
		}
		must(t, outfile.Write(p, []byte(names)))
		if st, _ := os.Lstat(p); st.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("%s is no longer a character device: %v", p, st.Mode())
		}
	})

	t.Run("a block device is refused", func(t *testing.T) {
		if !root {
			t.Skip("only root can make a block device node")
		}
		p := filepath.Join(t.TempDir(), "loop")
		must(t, syscall.Mknod(p, syscall.S_IFBLK|0o600, int(mkdev(7, 200))))
		refused(t, outfile.Write(p, []byte(names)), "block device")
		if st, _ := os.Lstat(p); st.Mode()&fs.ModeDevice == 0 {
			t.Errorf("the device node was replaced: %v", st.Mode())
		}
	})

	t.Run("a socket is refused", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "s")
		l, err := net.Listen("unix", p)
		must(t, err)
		defer l.Close()
		refused(t, outfile.Write(p, []byte(names)), "socket")
		if st, _ := os.Lstat(p); st.Mode()&fs.ModeSocket == 0 {
			t.Errorf("the socket was replaced: %v", st.Mode())
		}
	})

	t.Run("a descriptor name appends to what the shell opened", func(t *testing.T) {
		// What 'circle map -o /dev/stdout >> maps.txt' does, with an
		// fd of our own: the file keeps its inode and its first line.
		p := filepath.Join(t.TempDir(), "maps.txt")
		f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		must(t, err)
		defer f.Close()
		_, err = f.WriteString("first\n")
		must(t, err)
		before := stat(t, p).Sys().(*syscall.Stat_t).Ino
		must(t, outfile.Write("/proc/self/fd/"+strconv.Itoa(int(f.Fd())), []byte(names)))
		if got := read(t, p); got != "first\n"+names {
			t.Errorf("file holds %q, want the first line and the map", got)
		}
		if after := stat(t, p).Sys().(*syscall.Stat_t).Ino; after != before {
			t.Error("the file the shell holds open was replaced: the map went nowhere")
		}
	})

	t.Run("a link someone else placed is not followed", func(t *testing.T) {
		if !root {
			t.Skip("only root can make a link that belongs to someone else")
		}
		// In a shared directory, another user points map.dot at a file
		// of ours (as root: any file). circle must not replace it.
		d := t.TempDir()
		secret := filepath.Join(d, "secret")
		writeFile(t, secret, "keep", 0o640)
		link := filepath.Join(d, "map.dot")
		must(t, os.Symlink(secret, link))
		must(t, os.Lchown(link, 65534, 65534))
		refused(t, outfile.Write(link, []byte(names)), "a link that belongs to someone else")
		if got := read(t, secret); got != "keep" {
			t.Errorf("the link's target now holds %q", got)
		}
		if m := stat(t, secret).Mode(); m != 0o640 {
			t.Errorf("the link's target is now %v", m)
		}
	})

	t.Run("a descriptor that is a socket is written through", func(t *testing.T) {
		// -o /dev/stdout under a service manager: standard output is a
		// socket, which cannot be opened again by name.
		fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
		must(t, err)
		defer syscall.Close(fds[0])
		defer syscall.Close(fds[1])
		must(t, outfile.Write("/dev/fd/"+strconv.Itoa(fds[0]), []byte(names)))
		buf := make([]byte, len(names))
		n, err := syscall.Read(fds[1], buf)
		must(t, err)
		if string(buf[:n]) != names {
			t.Errorf("the other end read %q", buf[:n])
		}
	})

	t.Run("Create writes to a descriptor", func(t *testing.T) {
		r, w, err := os.Pipe()
		must(t, err)
		defer r.Close()
		defer w.Close()
		must(t, outfile.Create("/proc/self/fd/"+strconv.Itoa(int(w.Fd())), []byte(names)))
		w.Close()
		got, _ := io.ReadAll(r)
		if string(got) != names {
			t.Errorf("the pipe got %q", got)
		}
	})

	t.Run("Create never replaces", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "q.yaml")
		writeFile(t, p, "mine", 0o600)
		if err := outfile.Create(p, []byte(names)); !errors.Is(err, fs.ErrExist) {
			t.Fatalf("Create over a file: %v, want ErrExist", err)
		}
		if got := read(t, p); got != "mine" {
			t.Errorf("file now holds %q", got)
		}
	})
}

// TestRulesAsNormalUser runs TestRules again as "nobody" when the tests
// run as root: the device cases differ by who runs them.
func TestRulesAsNormalUser(t *testing.T) {
	if os.Getenv("OUTFILE_AS_NOBODY") != "" {
		t.Skip("already the child run as nobody")
	}
	if os.Geteuid() != 0 {
		t.Skip("already a normal user: TestRules ran as one")
	}
	// The test binary lives in root's private build cache; give nobody a
	// copy it may run, in a directory it may read.
	dir := t.TempDir()
	must(t, os.Chmod(filepath.Dir(dir), 0o755)) // the test's own parent is 0700
	must(t, os.Chmod(dir, 0o755))
	bin := filepath.Join(dir, "outfile.test")
	data, err := os.ReadFile(os.Args[0])
	must(t, err)
	must(t, os.WriteFile(bin, data, 0o755))
	tmp := filepath.Join(dir, "tmp")
	must(t, os.Mkdir(tmp, 0o777))
	must(t, os.Chmod(tmp, 0o777))

	cmd := exec.Command(bin, "-test.run", "^TestRules$", "-test.v")
	cmd.Dir = tmp
	cmd.Env = []string{"OUTFILE_AS_NOBODY=1", "TMPDIR=" + tmp, "HOME=" + tmp, "PATH=/usr/bin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	t.Logf("as nobody:\n%s", out.String())
	if err != nil {
		t.Fatalf("TestRules as nobody: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "--- PASS: TestRules/a_character_device_is_written_to,_never_replaced") {
		t.Errorf("the character-device case did not run as nobody:\n%s", out.String())
	}
}

func mkdev(major, minor uint32) uint64 {
	return uint64(major)<<8 | uint64(minor)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func refused(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("written; want refused (%s)", want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
}

func stat(t *testing.T, p string) fs.FileInfo {
	t.Helper()
	st, err := os.Stat(p)
	must(t, err)
	return st
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	must(t, err)
	return string(b)
}

func writeFile(t *testing.T, p, s string, mode fs.FileMode) {
	t.Helper()
	must(t, os.WriteFile(p, []byte(s), mode))
	must(t, os.Chmod(p, mode))
}
