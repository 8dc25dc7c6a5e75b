package store

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/circle-cli/circle/assess"
)

// Some tests run this test binary again as a child process, to be killed in
// the middle of a save, to save at the same moment as another process, or to
// save under a umask of its own. The child does one thing, chosen by
// childEnv, and exits.
const (
	childEnv   = "CIRCLE_STORE_TEST_CHILD"
	childRoot  = "CIRCLE_STORE_TEST_ROOT"
	childTaken = "CIRCLE_STORE_TEST_TAKEN"
	childNote  = "CIRCLE_STORE_TEST_NOTE"
	childUmask = "CIRCLE_STORE_TEST_UMASK"

	// killedCode is what a child killed between writing and renaming exits
	// with.
	killedCode = 3
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		if err := runChild(mode); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runChild(mode string) error {
	if strings.HasPrefix(mode, "convert-") {
		return runConvertChild(mode)
	}
	s := New(os.Getenv(childRoot))
	taken, err := time.Parse(time.RFC3339, os.Getenv(childTaken))
	if err != nil && mode != "draft-killed" {
		return err
	}
	switch mode {
	case "save-killed", "draft-killed":
		// The process dies where a crash or a kill -9 would hurt most: the
		// temporary file is written and synced, and not yet in place.
		beforeRename = func(string) error {
			os.Exit(killedCode)
			return nil
		}
		if mode == "draft-killed" {
			return s.SaveDraft([]byte(os.Getenv(childNote)))
		}
		r, err := testResult(taken, os.Getenv(childNote))
		if err != nil {
			return err
		}
		_, err = s.Save(r)
		return fmt.Errorf("Save returned (%v) instead of the process dying", err)
	case "save":
		r, err := testResult(taken, os.Getenv(childNote))
		if err != nil {
			return err
		}
		// Say ready, then wait for the parent to close stdin: both children
		// then save at the same moment.
		fmt.Println("ready")
		if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err == nil {
			return errors.New("expected stdin to be closed")
		}
		path, err := s.Save(r)
		if err != nil {
			return err
		}
		fmt.Println(path)
		return nil
	case "umask":
		mask, err := strconv.ParseInt(os.Getenv(childUmask), 8, 32)
		if err != nil {
			return err
		}
		syscall.Umask(int(mask))
		r, err := testResult(taken, "")
		if err != nil {
			return err
		}
		path, err := s.Save(r)
		if err != nil {
			return err
		}
		fmt.Println(path)
		return s.SaveDraft([]byte("draft"))
	}
	return fmt.Errorf("unknown child mode %q", mode)
}

// child runs this test binary as a child process in mode.
func child(t *testing.T, mode, root, taken, note string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, childRoot+"="+root, childTaken+"="+taken, childNote+"="+note)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// testResult is a small, valid result taken at taken; note goes in its
// reflection, so that results of the same second can be told apart.
func testResult(taken time.Time, note string) (*assess.Result, error) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		return nil, err
	}
	a := &assess.Answers{Scales: map[string]int{}, Reflection: note}
	for _, it := range q.Likert.Items {
		a.Scales[it.ID] = 3
	}
	a.People = []assess.Person{
		{Name: "Dana Reyes", Relationship: "supervisor", Ring: assess.Middle, Frequency: assess.Weekly, Candour: 2, Functions: []string{"strategic_advice"}},
		{Name: "Alex Kim", Relationship: "coach", Ring: assess.Inner, Frequency: assess.Monthly, Candour: 5, Functions: []string{"thinking_partner"}},
	}
	return assess.NewResult(q, a, taken), nil
}

func mustResult(t *testing.T, taken, note string) *assess.Result {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, taken)
	if err != nil {
		t.Fatal(err)
	}
	r, err := testResult(tm, note)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustSave(t *testing.T, s *Store, taken, note string) string {
	t.Helper()
	path, err := s.Save(mustResult(t, taken, note))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// ids lists the entries' ids, noting the ones that could not be read.
func ids(entries []Entry) []string {
	var out []string
	for _, e := range entries {
		id := e.ID
		if e.Err != nil {
			id += " (unreadable)"
		}
		out = append(out, id)
	}
	return out
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// A save killed between writing its temporary file and putting it in place
// leaves the history as it was: the earlier results load, there is no
// partial result, List passes over the leftover temporary file, and the
// next save works.
func TestSaveKilledMidway(t *testing.T) {
	root := filepath.Join(t.TempDir(), "circle")
	s := New(root)
	mustSave(t, s, "2026-03-31T09:00:00Z", "first quarter")
	mustSave(t, s, "2026-06-30T09:00:00Z", "second quarter")

	out, err := child(t, "save-killed", root, "2026-09-30T09:00:00Z", "killed").CombinedOutput()
	if code := exitCode(err); code != killedCode {
		t.Fatalf("the child exited %d, want %d (killed before the rename): %s", code, killedCode, out)
	}

	var tmps []string
	for _, name := range listDir(t, s.Dir()) {
		switch {
		case name == "2026-09-30T090000Z.yaml":
			t.Errorf("the killed save left a result file %s", name)
		case strings.HasPrefix(name, ".2026-09-30T090000Z.yaml.") && strings.HasSuffix(name, ".tmp"):
			tmps = append(tmps, name)
		}
	}
	if len(tmps) != 1 {
		// Without the leftover the child died somewhere else, and this
		// test would prove nothing.
		t.Fatalf("want one leftover temporary file, found %v in %v", tmps, listDir(t, s.Dir()))
	}
	if st, err := os.Stat(filepath.Join(s.Dir(), tmps[0])); err != nil || st.Mode().Perm() != FileMode {
		t.Errorf("the leftover temporary file is %v (%v), want mode %v: it holds the same names as a result", st.Mode(), err, FileMode)
	}

	entries, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ids(entries), " "); got != "2026-03-31T090000Z 2026-06-30T090000Z" {
		t.Fatalf("after the killed save List gives %s, want the two earlier results", got)
	}
	if e, err := s.Resolve("latest"); err != nil || e.Result.Reflection != "second quarter" {
		t.Errorf("latest after the killed save: %v, %v", e.ID, err)
	}

	// The next save of the same assessment works, under its own name.
	path := mustSave(t, s, "2026-09-30T09:00:00Z", "saved again")
	if filepath.Base(path) != "2026-09-30T090000Z.yaml" {
		t.Errorf("saved again as %s, want 2026-09-30T090000Z.yaml: a leftover temporary file does not take the name", filepath.Base(path))
	}
	entries, err = s.List()
	if err != nil || len(entries) != 3 || entries[2].Err != nil || entries[2].Result.Reflection != "saved again" {
		t.Errorf("after saving again List gives %v (%v)", ids(entries), err)
	}
}

// A draft being replaced when the process dies stays the old draft.
func TestSaveDraftKilledMidway(t *testing.T) {
	root := filepath.Join(t.TempDir(), "circle")
	s := New(root)
	if err := s.SaveDraft([]byte("people: [Dana]\n")); err != nil {
		t.Fatal(err)
	}
	out, err := child(t, "draft-killed", root, "", "people: [Dana, Alex]\n").CombinedOutput()
	if code := exitCode(err); code != killedCode {
		t.Fatalf("the child exited %d, want %d: %s", code, killedCode, out)
	}
	data, err := s.ReadDraft()
	if err != nil || string(data) != "people: [Dana]\n" {
		t.Errorf("after the killed save the draft is %q (%v), want the old draft", data, err)
	}
	if err := s.SaveDraft([]byte("people: [Dana, Alex]\n")); err != nil {
		t.Fatal(err)
	}
	if data, _ := s.ReadDraft(); string(data) != "people: [Dana, Alex]\n" {
		t.Errorf("the draft saved again is %q", data)
	}
}

// Two saves of results taken in the same second both keep their results,
// the second under the -2 suffix, whichever of them wins.
func TestConcurrentSavesSameID(t *testing.T) {
	t.Run("goroutines", func(t *testing.T) {
		for _, n := range []int{2, 8} {
			s := New(filepath.Join(t.TempDir(), "circle"))
			var wg sync.WaitGroup
			start := make(chan struct{})
			paths := make([]string, n)
			errs := make([]error, n)
			for i := range n {
				r := mustResult(t, "2026-09-30T10:00:00Z", fmt.Sprintf("saver %d", i))
				wg.Go(func() {
					<-start
					paths[i], errs[i] = s.Save(r)
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("save %d of %d: %v", i, n, err)
				}
			}
			checkSameSecond(t, s, n, paths)
		}
	})

	t.Run("processes", func(t *testing.T) {
		root := filepath.Join(t.TempDir(), "circle")
		type saver struct {
			cmd    *exec.Cmd
			stdin  io.WriteCloser
			stdout *bufio.Reader
			stderr strings.Builder
		}
		var savers []*saver
		for i := range 2 {
			sv := &saver{cmd: child(t, "save", root, "2026-09-30T10:00:00Z", fmt.Sprintf("saver %d", i))}
			var err error
			if sv.stdin, err = sv.cmd.StdinPipe(); err != nil {
				t.Fatal(err)
			}
			out, err := sv.cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			sv.stdout = bufio.NewReader(out)
			sv.cmd.Stderr = &sv.stderr
			if err := sv.cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				sv.stdin.Close()
				sv.cmd.Wait()
			})
			savers = append(savers, sv)
		}
		// Wait until both children have loaded and are waiting, then let
		// them go at once.
		for i, sv := range savers {
			if line, err := sv.stdout.ReadString('\n'); err != nil || line != "ready\n" {
				t.Fatalf("child %d: %q, %v; stderr: %s", i, line, err, sv.stderr.String())
			}
		}
		for _, sv := range savers {
			sv.stdin.Close()
		}
		var paths []string
		for i, sv := range savers {
			path, _ := sv.stdout.ReadString('\n')
			if err := sv.cmd.Wait(); err != nil {
				t.Fatalf("child %d: %v; stderr: %s", i, err, sv.stderr.String())
			}
			paths = append(paths, strings.TrimSpace(path))
		}
		checkSameSecond(t, New(root), 2, paths)
	})
}

// checkSameSecond checks that n results of 2026-09-30T10:00:00Z were all
// kept, one without a suffix and the others with -2, -3….
func checkSameSecond(t *testing.T, s *Store, n int, paths []string) {
	t.Helper()
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	sort.Strings(names)
	want := []string{"2026-09-30T100000Z.yaml"}
	for i := 2; i <= n; i++ {
		want = append(want, fmt.Sprintf("2026-09-30T100000Z-%d.yaml", i))
	}
	sort.Strings(want)
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("saved as %v, want %v", names, want)
	}
	entries, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != n {
		t.Fatalf("List gives %v, want %d results", ids(entries), n)
	}
	notes := map[string]bool{}
	for _, e := range entries {
		if e.Err != nil {
			t.Errorf("%s: %v", e.ID, e.Err)
			continue
		}
		notes[e.Result.Reflection] = true
	}
	for i := range n {
		if !notes[fmt.Sprintf("saver %d", i)] {
			t.Errorf("the result of saver %d was lost: %v", i, notes)
		}
	}
	if got := listDir(t, s.Dir()); len(got) != n {
		t.Errorf("the directory holds %v: a temporary file was left behind", got)
	}
}

// Results are 0600 and directories 0700 whatever the umask, so that nobody
// else on the machine can read who is in someone's circle.
func TestModesUnderUmask(t *testing.T) {
	for _, mask := range []string{"000", "022", "077"} {
		t.Run("umask "+mask, func(t *testing.T) {
			base := t.TempDir()
			root := filepath.Join(base, "home", "circle")
			out, err := child(t, "umask", root, "2026-09-30T10:00:00Z", "", childUmask+"="+mask).CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v: %s", err, out)
			}
			result := strings.TrimSpace(string(out))
			for path, want := range map[string]fs.FileMode{
				filepath.Join(base, "home"):        DirMode,
				root:                               DirMode,
				filepath.Join(root, "assessments"): DirMode,
				result:                             FileMode,
				filepath.Join(root, "draft.yaml"):  FileMode,
			} {
				st, err := os.Stat(path)
				if err != nil {
					t.Errorf("%v", err)
					continue
				}
				if got := st.Mode().Perm(); got != want {
					t.Errorf("%s is %04o under umask %s, want %04o", path, got, mask, want)
				}
			}
		})
	}
}

// A directory the user made already keeps its mode; Check warns about it.
func TestExistingDirectoryKeepsItsMode(t *testing.T) {
	root := filepath.Join(t.TempDir(), "circle")
	if err := os.Mkdir(root, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	s := New(root)
	mustSave(t, s, "2026-09-30T10:00:00Z", "")
	if st, _ := os.Stat(root); st.Mode().Perm() != 0o755 {
		t.Errorf("Save changed the mode of an existing directory to %04o", st.Mode().Perm())
	}
	if st, _ := os.Stat(s.Dir()); st.Mode().Perm() != DirMode {
		t.Errorf("assessments/ is %04o, want %04o", st.Mode().Perm(), DirMode)
	}
}

func TestCheck(t *testing.T) {
	base := t.TempDir()
	for _, tc := range []struct {
		name string
		root string
		mode fs.FileMode // 0: do not create
		want string      // "" for no warning
	}{
		{"absent", filepath.Join(base, "absent"), 0, ""},
		{"private", filepath.Join(base, "private"), 0o700, ""},
		{"readable by all", filepath.Join(base, "open"), 0o755,
			"warning: " + filepath.Join(base, "open") + " can be read by other users of this machine (mode 0755); run: chmod 700 " + filepath.Join(base, "open")},
		{"readable by the group", filepath.Join(base, "group"), 0o750,
			"(mode 0750); run: chmod 700 " + filepath.Join(base, "group")},
		{"a path with a space and a quote", filepath.Join(base, "Dana's data"), 0o755,
			"run: chmod 700 '" + base + "/Dana'\\''s data'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.mode != 0 {
				if err := os.Mkdir(tc.root, 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(tc.root, tc.mode); err != nil {
					t.Fatal(err)
				}
			}
			got := New(tc.root).Check()
			switch {
			case tc.want == "" && got != "":
				t.Errorf("warned %q, want no warning", got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Errorf("warned %q, want it to hold %q", got, tc.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	s := New(filepath.Join(dir, "circle"))

	if _, err := s.Resolve("latest"); err == nil || err.Error() != "no saved results yet in "+s.Dir()+"; run `circle assess` first" {
		t.Errorf("latest with no results: %v", err)
	}
	mustSave(t, s, "2026-03-31T09:00:00Z", "q1")
	if _, err := s.Resolve("previous"); err == nil || err.Error() != "there is only one saved result, so there is no previous one yet" {
		t.Errorf("previous with one result: %v", err)
	}
	mustSave(t, s, "2026-06-30T09:00:00Z", "q2")
	mustSave(t, s, "2026-09-30T09:00:00Z", "q3")
	mustSave(t, s, "2026-09-30T09:00:00Z", "q3 again")
	// A broken file sorts last by its id, and is not the latest.
	broken := filepath.Join(s.Dir(), "2027-01-01T000000Z.yaml")
	if err := os.WriteFile(broken, []byte("schema_version: 1\npeople: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(dir, "copied.yaml")
	data, err := os.ReadFile(filepath.Join(s.Dir(), "2026-06-30T090000Z.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(outside, data, 0o600); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		ref, wantID, wantNote, wantErr string
	}{
		{ref: "", wantID: "2026-09-30T090000Z-2", wantNote: "q3 again"},
		{ref: "latest", wantID: "2026-09-30T090000Z-2", wantNote: "q3 again"},
		{ref: "previous", wantID: "2026-09-30T090000Z", wantNote: "q3"},
		{ref: "2026-03-31T090000Z", wantID: "2026-03-31T090000Z", wantNote: "q1"},
		// An id that is also a prefix of another is that id, not ambiguous.
		{ref: "2026-09-30T090000Z", wantID: "2026-09-30T090000Z", wantNote: "q3"},
		{ref: "2026-06", wantID: "2026-06-30T090000Z", wantNote: "q2"},
		{ref: "2026-09-30T090000Z-", wantID: "2026-09-30T090000Z-2", wantNote: "q3 again"},
		{ref: "2026-09", wantErr: `"2026-09" matches 2 results (2026-09-30T090000Z, 2026-09-30T090000Z-2); give more of the id`},
		{ref: "2026", wantErr: `"2026" matches 4 results (2026-03-31T090000Z, 2026-06-30T090000Z, 2026-09-30T090000Z, 2026-09-30T090000Z-2); give more of the id`},
		{ref: "2025", wantErr: "no result \"2025\": give an id from `circle history`, latest, previous, or a file path"},
		{ref: "2027", wantErr: broken + ":2: not valid YAML"},
		{ref: filepath.Join(s.Dir(), "2026-03-31T090000Z.yaml"), wantID: "2026-03-31T090000Z", wantNote: "q1"},
		{ref: outside, wantID: "copied", wantNote: "q2"},
		{ref: broken, wantErr: broken + ":2: not valid YAML"},
	} {
		name := tc.ref
		if name == "" {
			name = "empty"
		}
		t.Run(strings.ReplaceAll(name, "/", "|"), func(t *testing.T) {
			e, err := s.Resolve(tc.ref)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("Resolve(%q) = %s, %v; want the error %q", tc.ref, e.ID, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Resolve(%q): %v", tc.ref, err)
			}
			if e.ID != tc.wantID || e.Result == nil || e.Result.Reflection != tc.wantNote {
				t.Errorf("Resolve(%q) = %s (%v), want %s (%s)", tc.ref, e.ID, e.Result != nil, tc.wantID, tc.wantNote)
			}
		})
	}
}

// One second can hold a bounded number of results: reaching the bound
// means a script is looping, and Save says so instead of going on.
func TestSaveSameSecondBound(t *testing.T) {
	s := New(filepath.Join(t.TempDir(), "circle"))
	mustSave(t, s, "2026-09-30T10:00:00Z", "")
	// The other results of that second, made quickly: Save only needs
	// their names to be taken.
	for i := 2; i <= maxSameSecond; i++ {
		if err := os.WriteFile(filepath.Join(s.Dir(), fmt.Sprintf("2026-09-30T100000Z-%d.yaml", i)), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := mustResult(t, "2026-09-30T10:00:00Z", "")
	_, err := s.Save(r)
	if err == nil || err.Error() != fmt.Sprintf("cannot save: %d results already exist for 2026-09-30T100000Z", maxSameSecond) {
		t.Errorf("save %d of one second: %v", maxSameSecond+1, err)
	}
	if r.ID != "2026-09-30T100000Z" {
		t.Errorf("a refused save left the id as %s", r.ID)
	}
	if n := len(listDir(t, s.Dir())); n != maxSameSecond {
		t.Errorf("the directory holds %d files after the refused save, want %d: a temporary file was left behind", n, maxSameSecond)
	}
}
