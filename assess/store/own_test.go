package store

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// plant writes a file as some other program, or a hand, might have.
func plant(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// tree lists every name under dir, relative, sorted, with a / after
// directories, so a test can say exactly what is left.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			rel += "/"
		}
		out = append(out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// forget --all beside files that are not circle's: it deletes exactly
// what circle wrote, lists each one, and leaves every look-alike.
func TestForgetAllDeletesOnlyOwnFiles(t *testing.T) {
	root := t.TempDir()
	s := New(root)
	mustSave(t, s, "2026-01-15T09:00:00Z", "")
	mustSave(t, s, "2026-04-15T09:00:00Z", "")
	dir := s.Dir()
	if err := s.SaveDraft([]byte(assess.DraftHeader + "\nschema_version: 2\n")); err != nil {
		t.Fatal(err)
	}
	// circle's own leftovers: a draft set aside, temporary copies a
	// killed save left (one written, one empty).
	plant(t, filepath.Join(root, "draft-kept-2026-02-01T100000Z.yaml"), assess.DraftHeader+"\n")
	plant(t, filepath.Join(dir, ".2026-07-15T090000Z.yaml.123456.tmp"), assess.ResultHeader+"\npeople: [half")
	plant(t, filepath.Join(dir, ".2026-07-16T090000Z.yaml.99.tmp"), "")
	plant(t, filepath.Join(root, ".draft.yaml.4242.tmp"), assess.DraftHeader+"\n")

	// Not circle's: named like its files but not starting as circle
	// starts them, or named otherwise, or not regular files.
	plant(t, filepath.Join(dir, "2026-09-01T000000Z.yaml"), "my own notes, named to sort with the results\n")
	plant(t, filepath.Join(dir, "notes.yaml"), assess.ResultHeader+"\n")
	plant(t, filepath.Join(dir, "editor.tmp"), "swap")
	plant(t, filepath.Join(dir, ".vim.yaml.swp"), "swap")
	plant(t, filepath.Join(dir, ".notes.txt.1.tmp"), "someone else's temp")
	plant(t, filepath.Join(root, "draft-kept-by-hand.yaml"), assess.DraftHeader+"\n")
	plant(t, filepath.Join(root, "draft-kept-2026-02-02T100000Z.yaml"), "a look-alike draft\n")
	plant(t, filepath.Join(root, "draft.yaml.bak"), assess.DraftHeader+"\n")
	plant(t, filepath.Join(root, ".other.tmp"), "")
	if err := os.Mkdir(filepath.Join(dir, "2026-10-01T000000Z.yaml"), 0o700); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(t.TempDir(), "precious.yaml")
	plant(t, elsewhere, assess.ResultHeader+"\n")
	if err := os.Symlink(elsewhere, filepath.Join(dir, "2026-11-01T000000Z.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "2026-11-02T000000Z.yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", filepath.Join(dir, ".2026-11-03T000000Z.yaml.1.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if os.Geteuid() == 0 {
		// A result-shaped file of another user's is not ours to delete.
		p := filepath.Join(dir, "2026-11-04T000000Z.yaml")
		plant(t, p, assess.ResultHeader+"\n")
		if err := os.Chown(p, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}

	before := tree(t, root)
	done := make(chan struct{})
	var gone []string
	go func() {
		defer close(done)
		var plan []string
		if plan, err = s.Own(); err == nil {
			gone, err = s.ForgetAll(plan)
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("forget --all hung (on the FIFO?)")
	}
	if err != nil {
		t.Fatal(err)
	}

	wantGone := []string{
		"assessments/.2026-07-15T090000Z.yaml.123456.tmp",
		"assessments/.2026-07-16T090000Z.yaml.99.tmp",
		"assessments/2026-01-15T090000Z.yaml",
		"assessments/2026-04-15T090000Z.yaml",
		".draft.yaml.4242.tmp",
		"draft-kept-2026-02-01T100000Z.yaml",
		"draft.yaml",
	}
	var rel []string
	for _, p := range gone {
		r, _ := filepath.Rel(root, p)
		rel = append(rel, r)
	}
	if !slices.Equal(rel, wantGone) {
		t.Errorf("deleted (and listed):\n  %s\nwant exactly:\n  %s", strings.Join(rel, "\n  "), strings.Join(wantGone, "\n  "))
	}
	var wantLeft []string
	for _, n := range before {
		if !slices.Contains(wantGone, n) {
			wantLeft = append(wantLeft, n)
		}
	}
	if left := tree(t, root); !slices.Equal(left, wantLeft) {
		t.Errorf("left behind:\n  %s\nwant:\n  %s", strings.Join(left, "\n  "), strings.Join(wantLeft, "\n  "))
	}
	if _, err := os.Stat(elsewhere); err != nil {
		t.Errorf("the file a result-named link pointed to is gone: %v", err)
	}
}

// An assessments/ that is a link to another directory: forget deletes
// nothing through it, and says why.
func TestForgetRefusesLinkedDirectory(t *testing.T) {
	other := t.TempDir()
	plant(t, filepath.Join(other, "2026-01-15T090000Z.yaml"), assess.ResultHeader+"\n")
	plant(t, filepath.Join(other, "thesis.yaml"), "years of work\n")
	root := t.TempDir()
	if err := os.Symlink(other, filepath.Join(root, "assessments")); err != nil {
		t.Fatal(err)
	}
	s := New(root)
	for name, forget := range map[string]func() ([]string, error){
		"--all": func() ([]string, error) {
			return s.ForgetAll([]string{filepath.Join(root, "assessments", "2026-01-15T090000Z.yaml")})
		},
		"ID": func() ([]string, error) { return s.Forget([]string{"2026-01-15T090000Z"}) },
	} {
		gone, err := forget()
		if err == nil || !strings.Contains(err.Error(), "not a directory of circle's own") {
			t.Errorf("forget %s through a linked assessments/: err %v, want a refusal", name, err)
		}
		if len(gone) > 0 {
			t.Errorf("forget %s deleted %v through the link", name, gone)
		}
	}
	if got := tree(t, other); !slices.Equal(got, []string{"2026-01-15T090000Z.yaml", "thesis.yaml"}) {
		t.Errorf("the linked directory now holds %v", got)
	}
	if n := s.CleanStale(); n != 0 {
		t.Errorf("CleanStale deleted %d files through the link", n)
	}
}

// forget ID deletes the result and the temporary copies of it that a
// killed save left, and nothing of any other result.
func TestForgetTakesTempCopiesAlong(t *testing.T) {
	s := New(t.TempDir())
	mustSave(t, s, "2026-01-15T09:00:00Z", "")
	mustSave(t, s, "2026-04-15T09:00:00Z", "")
	dir := s.Dir()
	plant(t, filepath.Join(dir, ".2026-01-15T090000Z.yaml.111.tmp"), assess.ResultHeader+"\n")
	plant(t, filepath.Join(dir, ".2026-01-15T090000Z.yaml.222.tmp"), "")
	plant(t, filepath.Join(dir, ".2026-04-15T090000Z.yaml.333.tmp"), assess.ResultHeader+"\n")
	plant(t, filepath.Join(dir, ".2026-01-15T090000Z.yaml.444.tmp.bak"), assess.ResultHeader+"\n")

	gone, err := s.Forget([]string{"2026-01-15T090000Z"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(dir, ".2026-01-15T090000Z.yaml.111.tmp"),
		filepath.Join(dir, ".2026-01-15T090000Z.yaml.222.tmp"),
		filepath.Join(dir, "2026-01-15T090000Z.yaml"),
	}
	if !slices.Equal(gone, want) {
		t.Errorf("deleted %v, want %v", gone, want)
	}
	left := tree(t, dir)
	if !slices.Equal(left, []string{".2026-01-15T090000Z.yaml.444.tmp.bak", ".2026-04-15T090000Z.yaml.333.tmp", "2026-04-15T090000Z.yaml"}) {
		t.Errorf("left %v", left)
	}

	// A file named like a result but not written by circle is refused by
	// name, not deleted.
	plant(t, filepath.Join(dir, "2026-05-01T000000Z.yaml"), "not circle's\n")
	if _, err := s.Forget([]string{"2026-05-01T000000Z"}); err == nil || !strings.Contains(err.Error(), "does not look like a file circle wrote") {
		t.Errorf("forget of a look-alike: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "2026-05-01T000000Z.yaml")); err != nil {
		t.Error("the look-alike was deleted")
	}
}

// Temporary copies a killed save left are cleaned once they are stale;
// one a save may be writing now, and anyone else's, are left.
func TestCleanStale(t *testing.T) {
	s := New(t.TempDir())
	mustSave(t, s, "2026-01-15T09:00:00Z", "")
	dir := s.Dir()
	old := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return old.Add(time.Hour) }
	files := map[string]string{
		".2026-01-15T090000Z.yaml.1.tmp": assess.ResultHeader + "\n", // stale, own
		".2026-01-16T090000Z.yaml.2.tmp": "",                         // stale, own, empty
		".2026-01-17T090000Z.yaml.3.tmp": assess.ResultHeader + "\n", // fresh: a save in progress
		".2026-01-18T090000Z.yaml.4.tmp": "someone else's\n",         // stale, not circle's
	}
	for n, c := range files {
		p := filepath.Join(dir, n)
		plant(t, p, c)
		at := old
		if strings.Contains(n, "01-17") {
			at = old.Add(55 * time.Minute)
		}
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	if n := s.CleanStale(); n != 2 {
		t.Errorf("cleaned %d, want 2", n)
	}
	want := []string{".2026-01-17T090000Z.yaml.3.tmp", ".2026-01-18T090000Z.yaml.4.tmp", "2026-01-15T090000Z.yaml"}
	if left := tree(t, dir); !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}

// A FIFO, a device link or a directory named like a result, or as the
// draft, is reported, never opened in a way that waits.
func TestSpecialFilesDoNotHang(t *testing.T) {
	s := New(t.TempDir())
	mustSave(t, s, "2026-01-15T09:00:00Z", "")
	if err := syscall.Mkfifo(filepath.Join(s.Dir(), "2026-02-01T000000Z.yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(s.Dir(), "2026-03-01T000000Z.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(s.DraftPath(), 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var entries []Entry
	var listErr, draftErr, loadErr error
	go func() {
		defer close(done)
		entries, listErr = s.List()
		_, draftErr = s.ReadDraft()
		loadErr = s.Load(filepath.Join(s.Dir(), "2026-02-01T000000Z.yaml")).Err
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("reading the store hung on a FIFO")
	}
	if listErr != nil {
		t.Fatal(listErr)
	}
	if got := ids(entries); !slices.Equal(got, []string{"2026-01-15T090000Z", "2026-02-01T000000Z (unreadable)", "2026-03-01T000000Z (unreadable)"}) {
		t.Errorf("List: %v", got)
	}
	for _, e := range entries[1:] {
		if !strings.Contains(e.Err.Error(), "not a regular file") {
			t.Errorf("%s: %v, want it said to be no regular file", e.ID, e.Err)
		}
	}
	if draftErr == nil || !strings.Contains(draftErr.Error(), "not a regular file") {
		t.Errorf("ReadDraft of a FIFO: %v", draftErr)
	}
	if loadErr == nil {
		t.Error("Load of a FIFO: no error")
	}
}

// CIRCLE_HOME='~/circle' (quoted, so no shell expanded it) is the home
// directory's circle, not a directory named "~" in the working directory.
func TestRootFromEnvExpandsHome(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	for in, want := range map[string]string{
		"~/circ":       "/home/dana/circ",
		"~":            "/home/dana",
		"~/":           "/home/dana",
		"/data/circle": "/data/circle",
		"/data/~/x":    "/data/~/x",
		"~/a/../b":     "/home/dana/b",
	} {
		got, err := RootFromEnv(env(map[string]string{"CIRCLE_HOME": in, "HOME": "/home/dana"}))
		if err != nil || got != want {
			t.Errorf("CIRCLE_HOME=%s: %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := RootFromEnv(env(map[string]string{"CIRCLE_HOME": "~dana/circ", "HOME": "/home/dana"})); err == nil || !strings.Contains(err.Error(), "give the full path") {
		t.Errorf("CIRCLE_HOME=~dana/circ: %v, want a refusal", err)
	}
	if got, _ := RootFromEnv(env(map[string]string{"XDG_DATA_HOME": "/x", "HOME": "/home/dana"})); got != "/x/circle" {
		t.Errorf("XDG_DATA_HOME: %q", got)
	}
}

// A result dated in the future (a hand edit, a clock that was wrong) is
// not "latest": the newer real result is, and history says why the other
// is skipped.
func TestFutureResultIsNotLatest(t *testing.T) {
	s := New(t.TempDir())
	s.Now = func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }
	mustSave(t, s, "2026-01-15T09:00:00Z", "")
	mustSave(t, s, "2031-01-01T00:00:00Z", "")
	mustSave(t, s, "2026-11-29T11:00:00Z", "")
	latest, err := s.Resolve("latest")
	if err != nil || latest.ID != "2026-11-29T110000Z" {
		t.Errorf("latest is %q (%v), want the newest real result", latest.ID, err)
	}
	entries, _ := s.List()
	for _, e := range entries {
		if e.ID == "2031-01-01T000000Z" && (e.Err == nil || !strings.Contains(e.Err.Error(), "is in the future")) {
			t.Errorf("the future result is listed without saying why it is skipped: %v", e.Err)
		}
	}
}

// A draft circle could not resume is set aside, and stays circle's own
// even when it was cut short before its first line: forget --all then
// deletes it like any draft, and its bytes are kept as they were.
func TestGarbledDraftSetAsideIsOwn(t *testing.T) {
	s := New(t.TempDir())
	if err := MkdirAll(s.Root); err != nil {
		t.Fatal(err)
	}
	garbled := "schema_version: 1\npeople: [cut off"
	plant(t, s.DraftPath(), garbled)
	kept, err := s.SetDraftAside("2026-11-29T164100Z")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != assess.KeptDraftHeader+garbled {
		t.Errorf("kept draft holds %q", data)
	}
	if _, err := os.Lstat(s.DraftPath()); err == nil {
		t.Error("the draft is still in place")
	}
	own, err := s.Own()
	if err != nil || !slices.Contains(own, kept) {
		t.Errorf("Own() = %v, %v; want it to hold %s", own, err, kept)
	}

	// A draft circle wrote is renamed as it is.
	whole := assess.DraftHeader + "schema_version: 2\n"
	plant(t, s.DraftPath(), whole)
	kept, err = s.SetDraftAside("2026-11-29T164200Z")
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(kept); string(data) != whole {
		t.Errorf("kept draft holds %q, want it unchanged", data)
	}
}
