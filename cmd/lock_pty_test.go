package cmd_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/circle-cli/circle/assess/store"
)

// The leader's side of circle lock on a terminal: the passphrase asked
// twice after the warning, an interview stopped and resumed in the locked
// directory with nothing of it in the clear, the passphrase asked once per
// command that reads.
func TestTerminalLockedInterview(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "circle")
	const pass = "a long walk on a quiet beach"
	const note = "Nobody at work knows I am thinking of leaving"

	s := startTerminal(t, dir, "lock")
	s.expect("A lost passphrase cannot be recovered")
	s.expect("Lock it now?")
	s.line("y")
	s.expect("New passphrase:")
	s.line(pass)
	s.expect("The same passphrase again:")
	s.line(pass)
	s.expect("Locked ")
	if code := s.wait(); code != 0 {
		t.Fatalf("lock exited %d", code)
	}

	// Writing needs no passphrase: the interview starts without one.
	s = startTerminal(t, dir, "assess")
	s.answerNames()
	s.person("Ana Silva", "coach", "inner", "monthly", "completely")
	s.expect("What is Ben Okafor to you?")
	s.interrupt()
	s.expect("draft.yaml.age")
	if code := s.wait(); code != 2 {
		t.Fatalf("exit code %d after Ctrl-C, want 2", code)
	}
	if strings.Contains(s.raw.String(), "Passphrase") {
		t.Error("the interview asked for the passphrase before it had anything to read")
	}
	noneInClear(t, root, "Ana Silva", "Ben Okafor", "Okafor")

	// Resuming reads the draft: the passphrase, once.
	s = startTerminal(t, dir, "assess")
	s.expect("Passphrase for ")
	s.line(pass)
	s.expect("You have an unfinished assessment")
	s.send(keyEnter)
	s.expect("What is Ben Okafor to you?")
	s.line("mentor")
	s.expect("How close is Ben Okafor")
	s.line("outer")
	s.expect("How often do you have a real conversation with Ben Okafor")
	s.line(bands["quarterly"])
	s.expect("How unfiltered can you be with Ben Okafor")
	s.line("fairly open")
	s.expect("What does Ben Okafor give you?")
	s.send(keyEnter)
	s.census("Ana Silva")
	s.expect("How true is each of these for you lately?")
	s.likert(make([]int, 12))
	s.expect("Before you see your results")
	s.line("")
	s.expect("Anything you want to remember")
	s.line(note)
	s.saveWithoutPlan()
	if n := strings.Count(s.raw.String(), "Passphrase for "); n != 1 {
		t.Errorf("the passphrase was asked %d times in one command, want once", n)
	}
	noneInClear(t, root, "Ana Silva", "Ben Okafor", "Okafor", note, "thinking of leaving")

	st := store.New(root)
	st.Keys = func(store.KeyKind) ([]age.Identity, error) { return store.PassphraseIdentity(pass) }
	e, err := st.Resolve("latest")
	if err != nil || e.Result.Reflection != note || len(e.Result.People) != 2 || !strings.HasSuffix(e.Path, ".yaml.age") {
		t.Fatalf("the saved result: %+v, %v", e, err)
	}
}

// noneInClear fails for every word found in any byte under root.
func noneInClear(t *testing.T, root string, words ...string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		data, err := os.ReadFile(p)
		for _, w := range words {
			if bytes.Contains(bytes.ToLower(data), bytes.ToLower([]byte(w))) {
				t.Errorf("%s holds %q in the clear", p, w)
			}
		}
		return err
	})
	if err != nil || n == 0 {
		t.Fatalf("nothing to search under %s (%v)", root, err)
	}
}

// A re-run in a locked directory starts from the last result, which needs
// the key: a wrong passphrase stops it before the first question, with
// nothing saved, rather than quietly making it a first interview.
func TestTerminalWrongPassphraseStopsTheRerun(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "circle")
	backfill(t, dir, lastQuarter)
	right, wrong := filepath.Join(dir, "right"), filepath.Join(dir, "wrong")
	os.WriteFile(right, []byte("a long walk on a quiet beach\n"), 0o600)
	os.WriteFile(wrong, []byte("a short walk\n"), 0o600)
	lock := exec.Command("circle", "lock", "--yes")
	lock.Env = append(os.Environ(), "CIRCLE_HOME="+root, "CIRCLE_PASSPHRASE_FILE="+right, "CIRCLE_CACHE_DIR="+testCacheDir())
	if out, err := lock.CombinedOutput(); err != nil {
		t.Fatalf("lock: %v\n%s", err, out)
	}

	s := startTerminal(t, dir, "assess")
	s.expect("Passphrase for ")
	s.line("a short walk")
	s.expect("nothing was asked or saved")
	if code := s.wait(); code != 1 {
		t.Errorf("exit code %d after a wrong passphrase, want 1", code)
	}
	if strings.Contains(s.raw.String(), "(1/6)") {
		t.Error("the interview went on after a wrong passphrase")
	}
	results, _ := filepath.Glob(filepath.Join(root, "assessments", "*"))
	if len(results) != 1 {
		t.Errorf("%d results after a wrong passphrase, want the one there was: %q", len(results), results)
	}
	if _, err := os.Stat(filepath.Join(root, "draft.yaml.age")); err == nil {
		t.Error("a draft was started after a wrong passphrase")
	}
}
