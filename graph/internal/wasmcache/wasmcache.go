// Package wasmcache chooses where go-graphviz keeps the machine code it
// compiles from Graphviz's WebAssembly, before go-graphviz starts.
//
// go-graphviz (v0.2.10) compiles and instantiates its WebAssembly module in
// a package init function, when the program starts, whether or not it ever
// draws anything. It caches the compiled code in filepath.Join(os.TempDir(),
// "go-graphviz"), creating that directory 0755 if it is missing, and offers
// no option to change it. On a shared machine that is /tmp/go-graphviz, one
// directory for every user: whoever creates it first owns it, the others
// silently get no cache (0.7 s more at every start), and a user who can
// write there can plant code that another user's circle then runs, because
// the cache entries carry only a CRC, not a signature.
//
// os.TempDir reads $TMPDIR (on Windows, %TMP%), so this package's init sets
// that variable to a private directory, and the graph package's init puts
// it back once go-graphviz has read it. Go initializes packages in import
// path order among those whose imports are ready; this package imports
// only what go-graphviz's internal/wasm package imports too, and
// "github.com/circle-cli/..." sorts before "github.com/goccy/...", so this
// init runs first. A test in the graph package checks that it did.
//
// Because it all happens before main, the choice is read from the
// environment:
//
//   - CIRCLE_CACHE_DIR unset or empty: the user's cache directory, such as
//     $XDG_CACHE_HOME/circle or ~/.cache/circle (os.UserCacheDir).
//   - CIRCLE_CACHE_DIR=off: no cache; every start compiles afresh.
//   - CIRCLE_CACHE_DIR=PATH: that directory.
//
// The directory is created 0700. If it is not a directory, is not owned by
// the user, or others can write to it, the cache is switched off rather than
// trusted, and Dir reports why.
package wasmcache

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/circle-cli/circle/assess/plaintext"
)

// EnvVar names the environment variable that chooses the cache.
const EnvVar = "CIRCLE_CACHE_DIR"

// Off is the value of EnvVar that switches the cache off.
const Off = "off"

var (
	dir      string
	dirErr   error
	tmpEnv   = "TMPDIR"
	prevTmp  string
	hadTmp   bool
	restored bool
)

func init() {
	if runtime.GOOS == "windows" {
		tmpEnv = "TMP"
	}
	prevTmp, hadTmp = os.LookupEnv(tmpEnv)
	base, err := choose()
	if err != nil || base == "" {
		dirErr = err
		// go-graphviz gives up on its cache when it cannot create
		// <tmp>/go-graphviz; nothing can be created under the null device.
		os.Setenv(tmpEnv, os.DevNull)
		return
	}
	dir = filepath.Join(base, "go-graphviz")
	if err := private(dir); err != nil {
		dir, dirErr = "", err
		os.Setenv(tmpEnv, os.DevNull)
		return
	}
	os.Setenv(tmpEnv, base)
}

// choose returns the base directory for the cache, "" when it is off.
func choose() (string, error) {
	v := os.Getenv(EnvVar)
	switch v {
	case Off:
		return "", nil
	case "":
		c, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no cache directory for compiled Graphviz (%v); set %s to a private directory", err, EnvVar)
		}
		v = filepath.Join(c, "circle")
	}
	abs, err := filepath.Abs(v)
	if err != nil {
		return "", fmt.Errorf("%s=%s: %v", EnvVar, v, err)
	}
	if err := private(abs); err != nil {
		return "", err
	}
	return abs, nil
}

// private makes sure path is a directory only this user can write to,
// creating it 0700 when missing.
func private(path string) error {
	if err := os.MkdirAll(path, 0o700); err != nil {
		return fmt.Errorf("no cache for compiled Graphviz, so circle starts about 0.5 s slower: %v; set %s to a directory of your own", err, EnvVar)
	}
	st, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("no cache for compiled Graphviz, so circle starts about 0.5 s slower: %v; set %s to a directory of your own", err, EnvVar)
	}
	if !st.IsDir() {
		return fmt.Errorf("the cache for compiled Graphviz, %s, is not a directory, so circle does not use it and starts about 0.5 s slower; move it aside (or set %s to a directory of your own)", path, EnvVar)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("the cache for compiled Graphviz, %s, can be written by others (mode %v), so circle does not use it and starts about 0.5 s slower; run: chmod go-w %s (or set %s to a directory of your own)", path, st.Mode().Perm(), plaintext.ShellQuote(path), EnvVar)
	}
	if !ownedByMe(st) {
		return fmt.Errorf("the cache for compiled Graphviz, %s, belongs to another user, so circle does not use it and starts about 0.5 s slower; set %s to a directory of your own", path, EnvVar)
	}
	return nil
}

// Restore puts $TMPDIR back as it was. The graph package calls it from its
// own init, which runs after go-graphviz's.
func Restore() {
	if restored {
		return
	}
	restored = true
	if hadTmp {
		os.Setenv(tmpEnv, prevTmp)
	} else {
		os.Unsetenv(tmpEnv)
	}
}

// Dir returns the directory that holds go-graphviz's compiled code, or ""
// when the cache is off. err says why a cache that was wanted could not be
// used; it is nil when the cache was switched off on purpose.
func Dir() (string, error) {
	return dir, dirErr
}
