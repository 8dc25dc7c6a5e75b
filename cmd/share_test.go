package cmd_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/agessh"
)

// shareRun runs circle with CIRCLE_HOME at home and the given extra
// environment, and fails the test unless it exits 0.
func shareRun(t *testing.T, home string, env []string, args ...string) string {
	t.Helper()
	c := exec.Command("circle", args...)
	c.Env = append(os.Environ(), append([]string{"CIRCLE_HOME=" + home, "TZ=UTC", "CIRCLE_CACHE_DIR=" + testCacheDir()}, env...)...)
	c.Dir = filepath.Dir(home)
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("circle %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// unpack decrypts a packet with ids and returns its files by name.
func unpack(t *testing.T, packet []byte, ids ...age.Identity) map[string]string {
	t.Helper()
	r, err := age.Decrypt(bytes.NewReader(packet), ids...)
	if err != nil {
		t.Fatalf("the packet does not decrypt: %v", err)
	}
	z, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return unzip(t, z)
}

func unzip(t *testing.T, z []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatalf("the packet is not a zip: %v", err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(data)
	}
	return files
}

func names(files map[string]string) []string {
	var out []string
	for n := range files {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

const (
	shareQ1 = `taken_at: 2026-06-30T10:00:00Z
people:
  - {name: Dana Reyes, relationship: supervisor, ring: middle, frequency: weekly, candour: 2, functions: [strategic_advice]}
  - {name: Alex Kim, relationship: family, ring: inner, frequency: weekly, candour: 5, functions: [emotional_support, life_outside_work]}
scales: {fewer-open-conversations: 4, decide-alone: 4, someone-to-call: 3, unseen-demands: 4, understood-outside: 2, on-my-own: 3,
  careful-words: 5, hide-doubts: 4, say-what-i-think: 4, rehearsed-self: 4, admit-mistakes: 2, hear-what-i-want: 3}
reflection: The first quarter was the loneliest.
`
	shareQ2 = `taken_at: 2026-09-30T10:00:00Z
people:
  - {name: Dana Reyes, relationship: supervisor, ring: middle, frequency: weekly, candour: 2, functions: [strategic_advice]}
  - {name: Wilhelmina Okonkwo, relationship: coach, ring: middle, frequency: monthly, candour: 5, functions: [thinking_partner]}
scales: {fewer-open-conversations: 4, decide-alone: 4, someone-to-call: 3, unseen-demands: 4, understood-outside: 2, on-my-own: 3,
  careful-words: 5, hide-doubts: 4, say-what-i-think: 4, rehearsed-self: 4, admit-mistakes: 2, hear-what-i-want: 3}
reflection: Wilhelmina asked what I am avoiding with Dana.
plan:
  - {finding: been-there, step: Have lunch with the retired finance director, by: 2026-11-15}
`
)

// A share packet decrypts with the age library (and the age command where
// it is installed), and holds exactly what the leader chose: by default one
// result's report and JSON, with initials, no note and no plan.
func TestSharePacket(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "circle")
	for i, q := range []string{shareQ1, shareQ2} {
		p := filepath.Join(dir, "q"+string(rune('1'+i))+".yaml")
		if err := os.WriteFile(p, []byte(q), 0o600); err != nil {
			t.Fatal(err)
		}
		shareRun(t, home, nil, "assess", "--answers", p)
	}
	id, _ := age.GenerateX25519Identity()
	secret := []string{"Dana Reyes", "Reyes", "Wilhelmina", "Okonkwo", "Alex Kim", "loneliest", "what I am avoiding", "retired finance director"}

	// The defaults.
	packet := filepath.Join(dir, "for-my-coach.age")
	out := shareRun(t, home, nil, "share", "-o", packet, "--to", id.Recipient().String(), "--yes")
	for _, w := range []string{"names:     initials only", "your note: left out", "your plan: left out", "Packet written to"} {
		if !strings.Contains(out, w) {
			t.Errorf("share did not say %q:\n%s", w, out)
		}
	}
	data, err := os.ReadFile(packet)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range secret {
		if bytes.Contains(data, []byte(w)) {
			t.Errorf("the packet holds %q unencrypted", w)
		}
	}
	files := unpack(t, data, id)
	if got := names(files); !slices.Equal(got, []string{"2026-09-30T100000Z.json", "report.html"}) {
		t.Errorf("the packet holds %v, want the report and one export", got)
	}
	for name, text := range files {
		for _, w := range secret {
			if strings.Contains(text, w) {
				t.Errorf("%s holds %q: by default names are initials and the note and plan are left out", name, w)
			}
		}
		if !strings.Contains(text, "WO") || !strings.Contains(text, "DR") {
			t.Errorf("%s does not show the initials WO and DR", name)
		}
		if strings.Contains(text, "2026-06-30") {
			t.Errorf("%s mentions the earlier result, which was not chosen", name)
		}
	}

	t.Run("age command", func(t *testing.T) {
		if _, err := exec.LookPath("age"); err != nil {
			t.Skip("the age command is not installed (Debian: apt-get install age); the library check above ran")
		}
		key := filepath.Join(dir, "coach-key.txt")
		if err := os.WriteFile(key, []byte(id.String()+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		z, err := exec.Command("age", "-d", "-i", key, packet).Output()
		if err != nil {
			t.Fatalf("age -d: %v", err)
		}
		if got := names(unzip(t, z)); !slices.Equal(got, []string{"2026-09-30T100000Z.json", "report.html"}) {
			t.Errorf("age -d gives %v", got)
		}
	})

	// Everything chosen, to an SSH key and an age key at once.
	t.Run("everything, to an SSH key", func(t *testing.T) {
		sshKey := []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDDrdmMSa7rTi/Dyra4dQrqc5ckhEIfQJ3fCAm4CmCp2gAAAJAqcyg7KnMo\nOwAAAAtzc2gtZWQyNTUxOQAAACDDrdmMSa7rTi/Dyra4dQrqc5ckhEIfQJ3fCAm4CmCp2g\nAAAEDY6Mc/+3dritgoV5JrCCkLEI6cu+0s87rdxHLXjpj42MOt2YxJrutOL8PKtrh1Cupz\nlySEQh9And8ICbgKYKnaAAAACnRlc3QtY29hY2gBAgM=\n-----END OPENSSH PRIVATE KEY-----\n")
		sshID, err := agessh.ParseIdentity(sshKey)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "all.age")
		shareRun(t, home, nil, "share", "latest", "-o", p, "--yes", "--names", "--note", "--plan", "--earlier",
			"--to", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMOt2YxJrutOL8PKtrh1CupzlySEQh9And8ICbgKYKna coach", "--to", id.Recipient().String())
		data, _ := os.ReadFile(p)
		files := unpack(t, data, sshID)
		if got := names(files); !slices.Equal(got, []string{"2026-09-30T100000Z.json", "earlier/2026-06-30T100000Z.json", "report.html"}) {
			t.Errorf("the packet holds %v", got)
		}
		all := files["report.html"] + files["2026-09-30T100000Z.json"] + files["earlier/2026-06-30T100000Z.json"]
		for _, w := range secret {
			if !strings.Contains(all, w) {
				t.Errorf("the packet with everything chosen lacks %q", w)
			}
		}
		unpack(t, data, id) // the second recipient opens it too
	})

	// Initials, with the note and plan in: their words keep no name.
	t.Run("note and plan, initials", func(t *testing.T) {
		p := filepath.Join(dir, "note.age")
		shareRun(t, home, nil, "share", "-o", p, "--yes", "--note", "--plan", "--to", id.Recipient().String())
		data, _ := os.ReadFile(p)
		files := unpack(t, data, id)
		j := files["2026-09-30T100000Z.json"] + files["report.html"]
		if !strings.Contains(files["report.html"], "WO asked what I am avoiding with DR.") || !strings.Contains(j, "Have lunch with the retired finance director") {
			t.Errorf("the note and the step are not in, with initials for names:\n%s", j)
		}
		if strings.Contains(j, "Wilhelmina") || strings.Contains(j, "Dana") {
			t.Error("a name is in the note or the plan")
		}
	})

	// A passphrase of the packet's own; never the lock's.
	t.Run("passphrase", func(t *testing.T) {
		pass := filepath.Join(dir, "packet-pass.txt")
		os.WriteFile(pass, []byte("tell the coach by phone\n"), 0o600)
		p := filepath.Join(dir, "pass.age")
		shareRun(t, home, nil, "share", "-o", p, "--yes", "--passphrase-file", pass)
		data, _ := os.ReadFile(p)
		sid, _ := age.NewScryptIdentity("tell the coach by phone")
		if got := names(unpack(t, data, sid)); len(got) != 2 {
			t.Errorf("the packet holds %v", got)
		}

		lockPass := filepath.Join(dir, "lock-pass.txt")
		os.WriteFile(lockPass, []byte("the lock's own\n"), 0o600)
		shareRun(t, home, []string{"CIRCLE_PASSPHRASE_FILE=" + lockPass}, "lock", "--yes")
		c := exec.Command("circle", "share", "-o", filepath.Join(dir, "no.age"), "--yes", "--passphrase-file", lockPass)
		c.Env = append(os.Environ(), "CIRCLE_HOME="+home, "CIRCLE_PASSPHRASE_FILE="+lockPass, "CIRCLE_CACHE_DIR="+testCacheDir())
		out, err := c.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "holds the passphrase of circle lock; give the packet a passphrase of its own") {
			t.Errorf("sharing under the lock's passphrase: %v\n%s", err, out)
		}
		if _, err := os.Stat(filepath.Join(dir, "no.age")); err == nil {
			t.Error("the packet was written")
		}
		// From a locked directory, the packet is the same as before.
		p = filepath.Join(dir, "locked.age")
		shareRun(t, home, []string{"CIRCLE_PASSPHRASE_FILE=" + lockPass}, "share", "-o", p, "--yes", "--to", id.Recipient().String())
		data, _ = os.ReadFile(p)
		if got := names(unpack(t, data, id)); !slices.Equal(got, []string{"2026-09-30T100000Z.json", "report.html"}) {
			t.Errorf("the packet from a locked directory holds %v", got)
		}
	})
}
