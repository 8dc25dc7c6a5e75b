package cmd_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
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
			"corrupt":    cmdCorrupt,
			"countfiles": cmdCountfiles,
			"inclear":    cmdInclear,
			"exits":      cmdExits,
			"fields":     cmdFields,
			"keys":       cmdKeys,
			"leaks":      cmdLeaks,
		},
	})
}

// v1Results is the directory of results written by circle's first release.
var v1Results = func() string {
	dir, err := filepath.Abs(filepath.Join("..", "assess", "testdata", "v1"))
	if err != nil {
		panic(err)
	}
	return dir
}()

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
		// Results written by circle's first release, kept byte for byte
		// (assess/testdata/v1), for scripts to copy into a store.
		"V1_RESULTS": v1Results,
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

// inclear DIR WORDS succeeds when some byte of a file under DIR (every
// file, hidden ones and temporary copies too) holds one of the lines of
// the file WORDS, ignoring case; `! inclear` fails naming each file and
// word found:
//
//	! inclear $CIRCLE_HOME names.txt
func cmdInclear(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: inclear DIR WORDS")
	}
	var words []string
	for _, w := range strings.Split(ts.ReadFile(args[1]), "\n") {
		if w = strings.TrimSpace(w); w != "" {
			words = append(words, strings.ToLower(w))
		}
	}
	var found []string
	files := 0
	err := filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, err := os.ReadFile(p)
		for _, w := range words {
			if strings.Contains(strings.ToLower(string(data)), w) {
				found = append(found, fmt.Sprintf("%s holds %q", p, w))
			}
		}
		return err
	})
	ts.Check(err)
	if files == 0 {
		ts.Fatalf("inclear: no files under %s", args[0])
	}
	switch {
	case neg && len(found) > 0:
		ts.Fatalf("in the clear:\n\t%s", strings.Join(found, "\n\t"))
	case !neg && len(found) == 0:
		ts.Fatalf("none of the words is in the clear under %s", args[0])
	}
}

// corrupt flip|cut FILE damages a file: flip changes one bit near its end,
// cut drops its second half.
func cmdCorrupt(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 || (args[0] != "flip" && args[0] != "cut") {
		ts.Fatalf("usage: corrupt flip|cut FILE")
	}
	p := ts.MkAbs(args[1])
	data, err := os.ReadFile(p)
	ts.Check(err)
	if args[0] == "flip" {
		data[len(data)-10] ^= 1
	} else {
		data = data[:len(data)/2]
	}
	ts.Check(os.WriteFile(p, data, 0o600))
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

// leaks NAMES FILE BASE fails unless FILE shows a piece of one of the names
// in NAMES (a file, one name a line) more often than BASE does; `! leaks`
// fails if it does, naming each piece. A piece is three characters in a
// row of a name, or the whole of a shorter one (李明), compared ignoring
// case and after decoding character references (&#235;), so that an SVG or
// HTML file cannot hide one. BASE is the same output made from the same
// answers with every name replaced: text that circle shows for everyone
// ("bar" of a CSS class, "ill" of "still") counts only where FILE has it
// more often. A PNG is searched in every chunk but its compressed pixels
// (IDAT, where three bytes in a row match by chance), with zTXt and iTXt
// text decompressed: everywhere a name could be kept as text.
//
//	! leaks names.txt redacted.svg baseline.svg
func cmdLeaks(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: leaks NAMES FILE BASE")
	}
	got, base := leakText(ts, args[1]), leakText(ts, args[2])
	var found []string
	for _, name := range strings.Split(ts.ReadFile(args[0]), "\n") {
		rs := []rune(strings.ToLower(strings.TrimSpace(name)))
		n := min(3, len(rs))
		for i := 0; n > 0 && i+n <= len(rs); i++ {
			piece := string(rs[i : i+n])
			if g, b := strings.Count(got, piece), strings.Count(base, piece); g > b {
				found = append(found, fmt.Sprintf("%q of %q: %d times, %d in %s", piece, strings.TrimSpace(name), g, b, args[2]))
			}
		}
	}
	switch {
	case neg && len(found) > 0:
		ts.Fatalf("%s shows names:\n\t%s", args[1], strings.Join(found, "\n\t"))
	case !neg && len(found) == 0:
		ts.Fatalf("%s shows no piece of any name in %s", args[1], args[0])
	}
}

// leakText is the text of a file as leaks searches it.
func leakText(ts *testscript.TestScript, file string) string {
	data := []byte(ts.ReadFile(file))
	if sig := "\x89PNG\r\n\x1a\n"; bytes.HasPrefix(data, []byte(sig)) {
		data = pngText(ts, file, data[len(sig):])
	}
	return strings.ToLower(html.UnescapeString(string(data)))
}

// pngText joins the data of every chunk of a PNG but IDAT, with the text of
// zTXt and compressed iTXt chunks inflated.
func pngText(ts *testscript.TestScript, file string, p []byte) []byte {
	inflate := func(z []byte) []byte {
		r, err := zlib.NewReader(bytes.NewReader(z))
		if err == nil {
			z, err = io.ReadAll(r)
		}
		if err != nil {
			ts.Fatalf("%s: a compressed text chunk: %v", file, err)
		}
		return z
	}
	var out [][]byte
	for len(p) > 0 {
		if len(p) < 12 || uint64(binary.BigEndian.Uint32(p))+12 > uint64(len(p)) {
			ts.Fatalf("%s: a PNG chunk runs past the end of the file", file)
		}
		n := binary.BigEndian.Uint32(p)
		kind, body := string(p[4:8]), p[8:8+n]
		p = p[12+n:]
		key, rest, ok := bytes.Cut(body, []byte{0})
		switch {
		case kind == "IDAT":
			continue
		case kind == "zTXt" && ok && len(rest) > 0: // keyword 0 method text
			body = bytes.Join([][]byte{key, inflate(rest[1:])}, []byte{'\n'})
		case kind == "iTXt" && ok && len(rest) > 1 && rest[0] == 1: // keyword 0 compressed method language 0 keyword 0 text
			lang, rest, _ := bytes.Cut(rest[2:], []byte{0})
			tkey, text, _ := bytes.Cut(rest, []byte{0})
			body = bytes.Join([][]byte{key, lang, tkey, inflate(text)}, []byte{'\n'})
		}
		out = append(out, body)
	}
	return bytes.Join(out, []byte{'\n'})
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
