package graph

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain doubles as the probe that TestCacheDir starts in a child
// process: it reports what the process saw after start-up, when go-graphviz
// has already compiled its WebAssembly, and exits.
func TestMain(m *testing.M) {
	if os.Getenv("CIRCLE_TEST_CACHE_PROBE") != "" {
		dir, err := CacheDir()
		r := NewRenderer()
		_, rerr := r.Render(context.Background(), []byte(`graph { a -- b }`), FormatSVG, 0)
		r.Close()
		fmt.Printf("dir=%s\nerr=%v\ntmpdir=%s\nrender=%v\n", dir, err, os.Getenv("TMPDIR"), rerr)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestCacheDir starts the test binary afresh with CIRCLE_CACHE_DIR set,
// because the cache is chosen before main. go-graphviz's compiled code must
// land in the private directory, never in $TMPDIR, and $TMPDIR must be
// back as it was for the rest of the program.
func TestCacheDir(t *testing.T) {
	probe := func(t *testing.T, cache string) map[string]string {
		t.Helper()
		tmp := t.TempDir()
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "CIRCLE_TEST_CACHE_PROBE=1", "TMPDIR="+tmp, CacheEnv+"="+cache)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("probe: %v\n%s", err, out)
		}
		got := map[string]string{"tmp": tmp}
		for _, line := range strings.Split(string(out), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				got[k] = v
			}
		}
		if got["tmpdir"] != tmp {
			t.Errorf("TMPDIR is %q after start-up, want %q put back", got["tmpdir"], tmp)
		}
		if got["render"] != "<nil>" {
			t.Errorf("rendering failed: %s", got["render"])
		}
		if _, err := os.Stat(filepath.Join(tmp, "go-graphviz")); err == nil {
			t.Errorf("go-graphviz cached its code in the shared temporary directory")
		}
		return got
	}

	t.Run("private", func(t *testing.T) {
		cache := filepath.Join(t.TempDir(), "circle")
		got := probe(t, cache)
		if got["dir"] != filepath.Join(cache, "go-graphviz") || got["err"] != "<nil>" {
			t.Errorf("CacheDir = %q, %s; want %s", got["dir"], got["err"], filepath.Join(cache, "go-graphviz"))
		}
		files, _ := filepath.Glob(filepath.Join(cache, "go-graphviz", "wazero-*", "*"))
		if len(files) == 0 {
			t.Error("nothing was cached in the private directory")
		}
		if st, err := os.Stat(cache); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("the cache directory is %v (%v), want mode 0700", st.Mode().Perm(), err)
		}
	})
	t.Run("off", func(t *testing.T) {
		got := probe(t, "off")
		if got["dir"] != "" || got["err"] != "<nil>" {
			t.Errorf("CacheDir = %q, %s; want the cache off", got["dir"], got["err"])
		}
	})
	t.Run("shared directory refused", func(t *testing.T) {
		shared := t.TempDir()
		if err := os.Chmod(shared, 0o777); err != nil {
			t.Fatal(err)
		}
		got := probe(t, shared)
		if got["dir"] != "" || !strings.Contains(got["err"], "can be written by others") {
			t.Errorf("CacheDir = %q, %s; want it refused", got["dir"], got["err"])
		}
		if _, err := os.Stat(filepath.Join(shared, "go-graphviz")); err == nil {
			t.Error("go-graphviz cached its code in a directory others can write to")
		}
	})
}
