package store

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/circle-cli/circle/assess"
)

const (
	childCrashAt   = "CIRCLE_STORE_TEST_CRASH_AT"
	childIdentity  = "CIRCLE_STORE_TEST_IDENTITY"
	crashedCode    = 4
	secretNote     = "I do not trust my manager with the hard things"
	secretDraftBit = "Morgan Ashcroft"
)

// runConvertChild locks or unlocks the store at childRoot with the
// identity in childIdentity, and dies at the childCrashAt-th change it
// makes on disk (0: never).
func runConvertChild(mode string) error {
	s := New(os.Getenv(childRoot))
	id, err := age.ParseX25519Identity(os.Getenv(childIdentity))
	if err != nil {
		return err
	}
	s.Keys = func(KeyKind) ([]age.Identity, error) { return []age.Identity{id}, nil }
	at, _ := strconv.Atoi(os.Getenv(childCrashAt))
	n := 0
	crash := func() {
		if n++; n == at {
			os.Exit(crashedCode)
		}
	}
	crashPoint = crash
	beforeRename = func(string) error { crash(); return nil }
	switch mode {
	case "convert-lock":
		k, err := NewKey(KeyIdentity, id.Recipient())
		if err != nil {
			return err
		}
		_, err = s.Lock(k)
		return err
	case "convert-unlock":
		_, err := s.Unlock()
		return err
	case "convert-recover":
		_, err := s.Recover()
		return err
	}
	return fmt.Errorf("unknown child mode %q", mode)
}

// identityStore is a store whose key opens with id.
func identityStore(root string, id *age.X25519Identity) *Store {
	s := New(root)
	s.Keys = func(KeyKind) ([]age.Identity, error) { return []age.Identity{id}, nil }
	return s
}

// fillStore saves three results, a draft (an interview stopped halfway),
// a draft set aside and a temporary copy a killed save left, each holding
// names and the leader's own words, and returns the plain bytes of each
// file by its path relative to root.
func fillStore(t *testing.T, s *Store) map[string][]byte {
	t.Helper()
	mustSave(t, s, "2026-01-15T09:00:00Z", secretNote)
	mustSave(t, s, "2026-04-15T09:00:00Z", "second quarter, "+secretNote)
	mustSave(t, s, "2026-04-15T09:00:00Z", "same second")
	draft := assess.DraftHeader + "schema_version: 2\npeople:\n  - name: " + secretDraftBit + "\n"
	if err := s.SaveDraft([]byte(draft)); err != nil {
		t.Fatal(err)
	}
	plant(t, filepath.Join(s.Root, "draft-kept-2026-02-01T100000Z.yaml"), assess.KeptDraftHeader+"people: [Dana Reyes]\n")
	return snapshot(t, s.Root)
}

// snapshot is every regular file under root, by relative path.
func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// secrets are the words of the circle that must never be found in the
// clear under a locked data directory.
var secrets = []string{"Dana Reyes", "Alex Kim", "Dana", "Reyes", secretNote, "trust my manager", secretDraftBit, "Ashcroft", "second quarter", "strategic_advice", "thinking_partner"}

// grepClear fails for every secret found in any byte under root.
func grepClear(t *testing.T, root string) {
	t.Helper()
	for rel, data := range snapshot(t, root) {
		for _, w := range secrets {
			if bytes.Contains(bytes.ToLower(data), bytes.ToLower([]byte(w))) {
				t.Errorf("%s holds %q in the clear", rel, w)
			}
		}
	}
}

// After lock no byte under the data directory holds a name or a word of
// the leader's; everything reads as before, new files are written
// encrypted, and after unlock every file is byte for byte as it was.
func TestLockUnlockRoundTrip(t *testing.T) {
	root := filepath.Join(t.TempDir(), "circle")
	id, _ := age.GenerateX25519Identity()
	s := identityStore(root, id)
	before := fillStore(t, s)
	plant(t, filepath.Join(s.Dir(), ".2026-07-15T090000Z.yaml.123.tmp"), assess.ResultHeader+"people: [Alex Kim]\n")
	listBefore, err := s.List()
	if err != nil {
		t.Fatal(err)
	}

	k, err := NewKey(KeyIdentity, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Lock(k)
	if err != nil {
		t.Fatal(err)
	}
	if c.Results != 3 || !c.Draft || c.Kept != 1 || c.Leftovers != 1 {
		t.Errorf("lock converted %+v, want 3 results, the draft, 1 kept draft and 1 leftover", c)
	}
	want := []string{
		"assessments/2026-01-15T090000Z.yaml.age", "assessments/2026-04-15T090000Z-2.yaml.age", "assessments/2026-04-15T090000Z.yaml.age",
		"draft-kept-2026-02-01T100000Z.yaml.age", "draft.yaml.age", "key.yaml",
	}
	if got := sortedKeys(snapshot(t, root)); !slices.Equal(got, want) {
		t.Errorf("after lock the data directory holds\n  %v\nwant\n  %v", got, want)
	}
	grepClear(t, root)

	// Everything reads as before, through a new store (a new command).
	s = identityStore(root, id)
	listAfter, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(listAfter) != len(listBefore) {
		t.Fatalf("List gives %v, want %v", ids(listAfter), ids(listBefore))
	}
	for i := range listAfter {
		a, b := listAfter[i], listBefore[i]
		if a.Err != nil || a.ID != b.ID || a.Result.Reflection != b.Result.Reflection || len(a.Result.People) != 2 {
			t.Errorf("result %d: %s (%v), want %s", i, a.ID, a.Err, b.ID)
		}
	}
	if d, err := s.ReadDraft(); err != nil || !bytes.Equal(d, before["draft.yaml"]) {
		t.Errorf("the draft reads as %q (%v)", d, err)
	}

	// What is written next is encrypted too: a draft after every answer,
	// a result, a draft set aside, with no passphrase asked.
	w := New(root) // no Keys: writing needs none
	if err := w.SaveDraft([]byte(assess.DraftHeader + "people: [" + secretDraftBit + ", Alex Kim]\n")); err != nil {
		t.Fatal(err)
	}
	path := mustSave(t, w, "2026-07-15T09:00:00Z", secretNote)
	if filepath.Base(path) != "2026-07-15T090000Z.yaml.age" {
		t.Errorf("saved as %s", path)
	}
	if w.DraftPath() != filepath.Join(root, "draft.yaml.age") {
		t.Errorf("DraftPath is %s", w.DraftPath())
	}
	grepClear(t, root)
	if _, err := w.List(); err == nil || !strings.Contains(err.Error(), "is locked, and nothing was given to open it") {
		t.Errorf("reading without a key: %v", err)
	}
	if e, err := s.Resolve("2026-07"); err != nil || e.Result.Reflection != secretNote {
		t.Errorf("the result saved while locked: %v", err)
	}
	if _, err := s.Forget([]string{"2026-07-15T090000Z"}); err != nil {
		t.Fatal(err)
	}
	// A draft that cannot be resumed is set aside encrypted, whether it
	// starts as a draft does or not.
	for i, d := range []string{assess.DraftHeader + "people: [" + secretDraftBit + "]\n", "garbled " + secretDraftBit} {
		if err := w.SaveDraft([]byte(d)); err != nil {
			t.Fatal(err)
		}
		aside, err := s.SetDraftAside(fmt.Sprintf("2026-08-0%dT100000Z", i+1))
		if err != nil || !strings.HasSuffix(aside, ".yaml.age") {
			t.Fatalf("set aside as %s: %v", aside, err)
		}
		if data, err := s.readFile(aside, 1<<20); err != nil || !strings.Contains(string(data), secretDraftBit) {
			t.Errorf("the draft set aside reads %q (%v)", data, err)
		}
		grepClear(t, root)
		if _, err := s.Forget(nil); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(aside); err != nil {
			t.Fatal(err)
		}
	}
	// Nothing may be written over the key or the journal.
	for _, name := range []string{"key.yaml", "converting.yaml", ".key.yaml.123.tmp"} {
		if !s.Reserved(filepath.Join(root, name)) {
			t.Errorf("%s is not reserved for the store", name)
		}
	}
	if err := s.SaveDraft(before["draft.yaml"]); err != nil {
		t.Fatal(err)
	}

	c, err = identityStore(root, id).Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if c.Results != 3 || !c.Draft || c.Kept != 1 {
		t.Errorf("unlock converted %+v", c)
	}
	after := snapshot(t, root)
	delete(before, "assessments/.2026-07-15T090000Z.yaml.123.tmp") // deleted by lock: never read
	if !slices.Equal(sortedKeys(after), sortedKeys(before)) {
		t.Fatalf("after unlock the data directory holds %v, want %v", sortedKeys(after), sortedKeys(before))
	}
	for rel, data := range before {
		if !bytes.Equal(after[rel], data) {
			t.Errorf("%s changed across lock and unlock", rel)
		}
	}
	if _, err := New(root).List(); err != nil {
		t.Errorf("after unlock, reading needs a key: %v", err)
	}
}

func sortedKeys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// A passphrase-locked directory opens with the passphrase only; a wrong
// one is an error that names the key, and changes nothing.
func TestPassphraseLock(t *testing.T) {
	root := filepath.Join(t.TempDir(), "circle")
	s := New(root)
	mustSave(t, s, "2026-01-15T09:00:00Z", secretNote)
	k, err := PassphraseKey("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lock(k); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(snapshot(t, root)["key.yaml"]), "opens_with: passphrase") {
		t.Error("key.yaml does not say it opens with a passphrase")
	}
	was := snapshot(t, root)
	asked := 0
	wrong := New(root)
	wrong.Keys = func(kind KeyKind) ([]age.Identity, error) {
		asked++
		if kind != KeyPassphrase {
			t.Errorf("asked for %s", kind)
		}
		return PassphraseIdentity("wrong horse")
	}
	_, err = wrong.List()
	if err == nil || err.Error() != "wrong passphrase: it does not open the key in "+filepath.Join(root, "key.yaml")+"; nothing was changed" {
		t.Errorf("a wrong passphrase: %v", err)
	}
	if _, err := wrong.Unlock(); err == nil || !strings.Contains(err.Error(), "wrong passphrase") {
		t.Errorf("unlock with a wrong passphrase: %v", err)
	}
	if asked != 1 {
		t.Errorf("the passphrase was asked %d times in one store, want once", asked)
	}
	if now := snapshot(t, root); !mapsEqual(now, was) {
		t.Error("a wrong passphrase changed the data directory")
	}
	right := New(root)
	right.Keys = func(KeyKind) ([]age.Identity, error) { return PassphraseIdentity("correct horse battery staple") }
	if e, err := right.Resolve("latest"); err != nil || e.Result.Reflection != secretNote {
		t.Errorf("with the passphrase: %v", err)
	}
}

func mapsEqual(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// A damaged encrypted result is an error that names it; the others read.
// forget takes a file with a valid age header for circle's, and leaves one
// without.
func TestDamagedEncryptedFiles(t *testing.T) {
	root := filepath.Join(t.TempDir(), "circle")
	id, _ := age.GenerateX25519Identity()
	s := identityStore(root, id)
	mustSave(t, s, "2026-01-15T09:00:00Z", "")
	mustSave(t, s, "2026-04-15T09:00:00Z", "")
	mustSave(t, s, "2026-07-15T09:00:00Z", "")
	k, _ := NewKey(KeyIdentity, id.Recipient())
	if _, err := s.Lock(k); err != nil {
		t.Fatal(err)
	}
	tampered := filepath.Join(s.Dir(), "2026-01-15T090000Z.yaml.age")
	data, _ := os.ReadFile(tampered)
	data[len(data)-20] ^= 1
	plant(t, tampered, string(data))
	truncated := filepath.Join(s.Dir(), "2026-04-15T090000Z.yaml.age")
	data, _ = os.ReadFile(truncated)
	plant(t, truncated, string(data[:len(data)/2]))
	other, _ := age.GenerateX25519Identity()
	foreign := filepath.Join(s.Dir(), "2026-08-15T090000Z.yaml.age")
	sealed, _ := (&ageCodec{to: other.Recipient()}).seal([]byte("hello"))
	plant(t, foreign, string(sealed))
	junk := filepath.Join(s.Dir(), "2026-09-15T090000Z.yaml.age")
	plant(t, junk, "not age at all\n")
	was := snapshot(t, root)

	s = identityStore(root, id)
	entries, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	wantErr := map[string]string{
		"2026-01-15T090000Z": tampered + ": damaged or cut short, so it cannot be decrypted",
		"2026-04-15T090000Z": truncated + ": damaged or cut short, so it cannot be decrypted",
		"2026-07-15T090000Z": "",
		"2026-08-15T090000Z": foreign + ": not encrypted to this data directory's key",
		"2026-09-15T090000Z": junk + ": not an age file",
	}
	for _, e := range entries {
		w, ok := wantErr[e.ID]
		switch {
		case !ok:
			t.Errorf("unexpected entry %s", e.ID)
		case w == "" && e.Err != nil:
			t.Errorf("%s: %v", e.ID, e.Err)
		case w != "" && (e.Err == nil || !strings.HasPrefix(e.Err.Error(), w) || strings.Contains(e.Err.Error(), "\n")):
			t.Errorf("%s: %v, want one line starting %q", e.ID, e.Err, w)
		}
	}
	if !mapsEqual(snapshot(t, root), was) {
		t.Error("reading damaged files changed the data directory")
	}
	// Unlock stops at the first file it cannot decrypt, before changing
	// anything.
	if _, err := s.Unlock(); err == nil || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("unlock over damaged files: %v", err)
	}
	if !mapsEqual(snapshot(t, root), was) {
		t.Error("a refused unlock changed the data directory")
	}
	own, err := s.Own()
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(own, junk) || !slices.Contains(own, tampered) || !slices.Contains(own, foreign) {
		t.Errorf("Own lists %v: want every file with an age header, and not %s", own, junk)
	}
	if look := s.LookAlikes(); !slices.Equal(look, []string{junk}) {
		t.Errorf("look-alikes %v", look)
	}
}

// lock and unlock killed at every change they make on disk, and then at
// random moments: the next command finishes or undoes the job, and every
// result reads, with the right key, once, byte for byte as it was.
func TestLockUnlockKilled(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	env := []string{childIdentity + "=" + id.String()}
	base := t.TempDir()
	var plain map[string][]byte
	{
		s := New(filepath.Join(base, "template"))
		plain = fillStore(t, s)
	}
	fresh := func(t *testing.T, locked bool) string {
		t.Helper()
		root, err := os.MkdirTemp(base, "run")
		if err != nil {
			t.Fatal(err)
		}
		root = filepath.Join(root, "circle")
		if err := os.CopyFS(root, os.DirFS(filepath.Join(base, "template"))); err != nil {
			t.Fatal(err)
		}
		if locked {
			k, _ := NewKey(KeyIdentity, id.Recipient())
			if _, err := New(root).Lock(k); err != nil {
				t.Fatal(err)
			}
		}
		return root
	}
	// check recovers (in a child: a new command) and then checks that the
	// directory is wholly as before or wholly converted.
	check := func(t *testing.T, root, what string) (locked bool) {
		t.Helper()
		if out, err := child(t, "convert-recover", root, "", "", env...).CombinedOutput(); err != nil {
			t.Fatalf("%s: recovering: %v: %s", what, err, out)
		}
		files := snapshot(t, root)
		_, locked = files["key.yaml"]
		delete(files, "key.yaml")
		var want []string
		for rel := range plain {
			if locked {
				rel += ".age"
			}
			want = append(want, rel)
		}
		slices.Sort(want)
		if got := sortedKeys(files); !slices.Equal(got, want) {
			t.Fatalf("%s: after recovery the directory holds\n  %v\nwant (locked %v)\n  %v", what, got, locked, want)
		}
		s := identityStore(root, id)
		for rel, data := range plain {
			got, err := s.readFile(filepath.Join(root, rel+map[bool]string{true: ".age"}[locked]), 1<<20)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("%s: %s reads as %q (%v)", what, rel, got, err)
			}
		}
		if locked {
			grepClear(t, root)
		}
		return locked
	}

	for _, mode := range []string{"convert-lock", "convert-unlock"} {
		t.Run(mode, func(t *testing.T) {
			sawBefore, sawAfter := false, false
			for at := 1; ; at++ {
				root := fresh(t, mode == "convert-unlock")
				out, err := child(t, mode, root, "", "", append(env, childCrashAt+"="+strconv.Itoa(at))...).CombinedOutput()
				code := exitCode(err)
				if code != crashedCode && code != 0 {
					t.Fatalf("crash at %d: the child exited %d: %s", at, code, out)
				}
				locked := check(t, root, fmt.Sprintf("%s killed at change %d", mode, at))
				if locked == (mode == "convert-lock") {
					sawAfter = true
				} else {
					sawBefore = true
				}
				if code == 0 {
					if locked != (mode == "convert-lock") {
						t.Errorf("%s ran to the end but the directory is not converted", mode)
					}
					t.Logf("%s: killed at each of %d changes", mode, at-1)
					break
				}
				if at > 200 {
					t.Fatal("the conversion never ends")
				}
			}
			if !sawBefore || !sawAfter {
				t.Errorf("the kills left the directory only before (%v) or only after (%v) the conversion", sawBefore, sawAfter)
			}
		})
	}

	// Real kills (SIGKILL) at random moments, lock and unlock in turn.
	t.Run("SIGKILL", func(t *testing.T) {
		root := fresh(t, false)
		rng := rand.New(rand.NewPCG(14, uint64(time.Now().UnixNano())))
		for i := range 16 {
			mode := "convert-lock"
			if _, err := os.Stat(filepath.Join(root, "key.yaml")); err == nil {
				mode = "convert-unlock"
			}
			cmd := child(t, mode, root, "", "", env...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Duration(rng.IntN(30_000)) * time.Microsecond)
			_ = cmd.Process.Signal(syscall.SIGKILL)
			_ = cmd.Wait()
			check(t, root, fmt.Sprintf("%s killed at random (%d)", mode, i))
		}
	})
}
