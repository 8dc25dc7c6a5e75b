package cmd_test

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/cmd"
)

// TestMain lets the test binary double as `circle`: testscript puts it on
// $PATH under that name, so scripts (and other tests in this package) run
// the real command in a real process, with real exit codes and streams.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"circle": func() { os.Exit(int(cmd.Main())) }})
}

// update is -update: `go test ./cmd/ -run TestScripts -update` rewrites the
// golden blocks that `cmp` compares against inside the scripts.
var update = updateFlag()

// updateFlag defines -update, or shares it when another test file in this
// binary (an internal golden-file test, say) has defined it already: the flag
// package panics on a second definition.
func updateFlag() func() bool {
	if f := flag.Lookup("update"); f != nil {
		return func() bool {
			g, ok := f.Value.(flag.Getter)
			if !ok {
				return false
			}
			v, _ := g.Get().(bool)
			return v
		}
	}
	b := flag.Bool("update", false, "rewrite the golden output in testdata/script")
	return func() bool { return *b }
}

// TestScripts runs the end-to-end scripts in testdata/script. Each one is
// hermetic: every place circle or a library might read or write on its own
// (home, the XDG directories, CIRCLE_HOME, the temporary directory) is inside
// the script's $WORK, and colour and width are fixed, so output is the same
// on every machine.
func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		Setup:               setupHermetic,
		UpdateScripts:       update(),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"checkmode":  cmdCheckmode,
			"countfiles": cmdCountfiles,
			"exits":      cmdExits,
			"fields":     cmdFields,
			"keys":       cmdKeys,
		},
	})
}

// setupHermetic points every per-user location inside $WORK. testscript
// passes on only PATH from the outside environment, so NO_COLOR, CLICOLOR
// and the like are already unset; HOME is created, the XDG and circle
// directories are not, so that circle has to create what it needs.
func setupHermetic(e *testscript.Env) error {
	work := e.WorkDir
	home := filepath.Join(work, "home")
	tmp := filepath.Join(work, ".tmp") // testscript's own; kept out of ./... walks
	for _, d := range []string{home, tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	for k, v := range map[string]string{
		"HOME":            home,
		"XDG_DATA_HOME":   filepath.Join(work, "xdg-data"),
		"XDG_CONFIG_HOME": filepath.Join(work, "xdg-config"),
		"XDG_CACHE_HOME":  filepath.Join(work, "xdg-cache"),
		"XDG_STATE_HOME":  filepath.Join(work, "xdg-state"),
		"CIRCLE_HOME":     filepath.Join(work, "circle-home"),
		"TMPDIR":          tmp,
		"TERM":            "dumb",
		"COLUMNS":         "80",
		"TZ":              "UTC",
		// One compiled-Graphviz cache for every script, so that each
		// script's first map does not compile the WebAssembly again.
		"CIRCLE_CACHE_DIR": testCacheDir(),
	} {
		e.Setenv(k, v)
	}
	for _, k := range []string{"NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"} {
		if e.Getenv(k) != "" {
			return fmt.Errorf("%s leaked into the script environment", k)
		}
	}
	return nil
}

// exits CODE PROG ARGS... runs PROG like exec (with stdin, and leaving
// stdout and stderr to check) and fails unless it exits with CODE, or if its
// stderr shows a Go panic or stack trace: `! exec` would accept any failure,
// and circle promises 1 for an error and 2 for a usage error.
//
//	exits 2 circle assess --output xml
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROG ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit code", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
	if stderr := ts.ReadFile("stderr"); panicRE.MatchString(stderr) {
		ts.Fatalf("%s crashed: a panic or stack trace on stderr", args[1])
	}
}

// panicRE spots what the Go runtime prints when a program crashes.
var panicRE = regexp.MustCompile(`(?m)^(panic: |goroutine \d+ \[|fatal error: )`)

// checkmode PATH MODE fails unless the permission bits of PATH (a file or a
// directory, not followed if a symlink) are exactly MODE, in octal:
//
//	checkmode $CIRCLE_HOME/assessments 0700
func cmdCheckmode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: checkmode PATH MODE")
	}
	want, err := strconv.ParseUint(args[1], 8, 32)
	if err != nil {
		ts.Fatalf("checkmode: %q is not an octal mode", args[1])
	}
	st, err := os.Lstat(ts.MkAbs(args[0]))
	ts.Check(err)
	if got := st.Mode().Perm(); got != fs.FileMode(want) {
		ts.Fatalf("%s has mode %04o, want %04o", args[0], got, want)
	}
}

// countfiles DIR N fails unless DIR holds exactly N result files: regular
// files named *.yaml that are not hidden (an atomic write's leftover temporary
// file is hidden). A DIR that does not exist holds 0.
func cmdCountfiles(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: countfiles DIR N")
	}
	want, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("countfiles: %q is not a number", args[1])
	}
	des, err := os.ReadDir(ts.MkAbs(args[0]))
	if err != nil && !os.IsNotExist(err) {
		ts.Fatalf("countfiles: %v", err)
	}
	var names []string
	for _, de := range des {
		if de.Type().IsRegular() && strings.HasSuffix(de.Name(), ".yaml") && !strings.HasPrefix(de.Name(), ".") {
			names = append(names, de.Name())
		}
	}
	if len(names) != want {
		ts.Fatalf("%s holds %d result files, want %d: %s", args[0], len(names), want, strings.Join(names, " "))
	}
}

// fields FILE PATH NAME=VALUE... reads FILE (stdout, stderr or a path) as
// JSON or YAML and fails unless each NAME, a dotted path below PATH, holds
// the scalar VALUE. Paths step through mapping keys and list indices
// (people.0.name); "." is the top; a final "len" is a list's or mapping's
// length. null matches a null; numbers compare as numbers, so 0.2 matches
// 0.20 but not 0.2000001 (scores are rounded to 3 decimals):
//
//	fields stdout . scores.balance=0.2 scores.concentration=null gaps.len=3
func cmdFields(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: fields FILE PATH NAME=VALUE...")
	}
	base := lookup(ts, parseData(ts, args[0]), args[1])
	for _, a := range args[2:] {
		name, want, ok := strings.Cut(a, "=")
		if !ok {
			ts.Fatalf("fields: %q is not NAME=VALUE", a)
		}
		got, tag := scalar(ts, lookup(ts, base, name), name)
		if !sameScalar(got, tag, want) {
			ts.Fatalf("%s: %s.%s is %s, want %s", args[0], args[1], name, got, want)
		}
	}
}

// keys FILE PATH KEY... fails unless the mapping at PATH in FILE (JSON or
// YAML) has exactly these keys, in this order:
//
//	keys stdout questionnaire id version
func cmdKeys(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: keys FILE PATH KEY...")
	}
	n := lookup(ts, parseData(ts, args[0]), args[1])
	if n.Kind != yaml.MappingNode {
		ts.Fatalf("%s: %s is not a mapping", args[0], args[1])
	}
	var got []string
	for i := 0; i < len(n.Content); i += 2 {
		got = append(got, n.Content[i].Value)
	}
	if strings.Join(got, " ") != strings.Join(args[2:], " ") {
		ts.Fatalf("%s: %s has keys\n\t%s\nwant\n\t%s", args[0], args[1], strings.Join(got, " "), strings.Join(args[2:], " "))
	}
}

// parseData reads a file as YAML, of which JSON is a subset.
func parseData(ts *testscript.TestScript, file string) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(ts.ReadFile(file)), &doc); err != nil {
		ts.Fatalf("%s: not JSON or YAML: %v", file, err)
	}
	if len(doc.Content) == 0 {
		ts.Fatalf("%s is empty", file)
	}
	return doc.Content[0]
}

// lookup follows a dotted path from n; "len" as the last step yields the
// length of a list or mapping as an !!int node.
func lookup(ts *testscript.TestScript, n *yaml.Node, path string) *yaml.Node {
	if path == "." || path == "" {
		return n
	}
	steps := strings.Split(path, ".")
	for i, step := range steps {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if step == "len" && i == len(steps)-1 && n.Kind != yaml.ScalarNode {
			size := len(n.Content)
			switch n.Kind {
			case yaml.MappingNode:
				size /= 2
			}
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(size)}
		}
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == step {
					next = n.Content[j+1]
				}
			}
		case yaml.SequenceNode:
			if k, err := strconv.Atoi(step); err == nil && k >= 0 && k < len(n.Content) {
				next = n.Content[k]
			}
		}
		if next == nil {
			ts.Fatalf("no %s (at %q)", path, step)
		}
		n = next
	}
	return n
}

// scalar renders a scalar node's value and tag; null is "null".
func scalar(ts *testscript.TestScript, n *yaml.Node, path string) (string, string) {
	if n.Kind != yaml.ScalarNode {
		ts.Fatalf("%s is not a single value", path)
	}
	if n.Tag == "!!null" {
		return "null", n.Tag
	}
	return n.Value, n.Tag
}

func sameScalar(got, tag, want string) bool {
	if tag == "!!int" || tag == "!!float" {
		g, err1 := strconv.ParseFloat(got, 64)
		w, err2 := strconv.ParseFloat(want, 64)
		if err1 == nil && err2 == nil {
			return g == w
		}
	}
	return got == want
}

// testCacheDir is a private directory, kept between test runs, for the
// machine code go-graphviz compiles at every start of circle. Without it a
// hermetic $HOME means a second of compiling for each circle run.
func testCacheDir() string {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("circle-test-cache-%d", os.Getuid()))
	_ = os.MkdirAll(dir, 0o700)
	return dir
}
