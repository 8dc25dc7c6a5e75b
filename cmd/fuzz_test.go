package cmd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/cmd/iostreams"
)

// FuzzResult is assess.FuzzResult carried through every command that reads
// a result: the fuzzed file is saved as the latest result beside a good
// earlier one, and history, show, compare, trend, map, report and export
// (with and without --redact, in every output format) run over it in
// process.
// None may panic, and no output (standard output, standard error, or a
// file written with -o) may hold a raw control byte: an escape sequence,
// a direction override, or bytes that are not UTF-8. Each command may
// refuse the file, with a message.
//
//	go test ./cmd -run '^$' -fuzz '^FuzzResult$' -fuzztime 1m
func FuzzResult(f *testing.F) {
	earlier := fuzzSaved(f, "../examples/quarters/q1.yaml")
	latest := fuzzSaved(f, "../examples/quarters/q2.yaml")
	f.Add(latest)
	s := string(latest)
	for _, r := range [][2]string{
		{"name: ", "name: \"\\e]0;owned\\a\\e[2J"},
		{"name: ", "name: !!binary 4oCuRGFuYQ== #"},
		{"name: ", "name: \"\\u202e"},
		{"  balance: ", "  balance: -1e308 #"},
		{"    inside: ", "    inside: 1e308 #"},
		{"  isolation: ", "  isolation: 1e308 #"},
		{"  outside_confidants: ", "  outside_confidants: 1e9 #"},
		{"taken_at: ", "taken_at: 0001-01-01T00:00:00Z #"},
		{"taken_at: ", "taken_at: 9999-12-31T00:00:00Z #"},
		{"reflection: ", "reflection: \"\\e[31mred\\r\\n\" #"},
		{"    title: ", "    title: \"\\e[5m\" #"},
		{"      - ", "      - \"=cmd|' /C calc'!A0\"\n      - "},
		{"    system: ", "    system: \"@evil\" #"},
		{"questionnaire:\n  id: ", "questionnaire:\n  id: \"\\e[1m\" #"},
		{"schema_version: 2", "schema_version: 1"},
		{"    title: ", "    title: !!binary mzMxbVJFRP8= #"},
		{"reflection: ", "reflection: !!binary bXkg/w== #"},
		{"reflection: ", "reflection: \"plan\\rhidden\" #"},
	} {
		if strings.Contains(s, r[0]) {
			f.Add([]byte(strings.Replace(s, r[0], r[1], 1)))
		}
	}
	f.Add(latest[:len(latest)/2])
	f.Add([]byte("\x1b[2J"))

	f.Fuzz(func(t *testing.T, data []byte) {
		home := t.TempDir()
		if err := os.Chmod(home, 0o700); err != nil {
			t.Fatal(err)
		}
		// A result circle accepts is one every command can show.
		r, perr := assess.ParseResult("fuzzed.yaml", data)
		accepted := perr == nil && !r.TakenAt.After(fuzzNow.Add(24*time.Hour))
		dir := filepath.Join(home, "assessments")
		if err := store.MkdirAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, content := range map[string][]byte{"2026-01-15T090000Z.yaml": earlier, "2026-06-30T090000Z.yaml": data} {
			if err := os.WriteFile(filepath.Join(dir, name), content, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(home, "out")
		for _, args := range fuzzCommands(out) {
			os.Remove(out + ".svg")
			os.Remove(out + ".html")
			code, stdout, stderr := fuzzRun(t, home, args)
			if accepted && code != ExitOK {
				t.Errorf("circle %s exited %d over a result circle accepts:\n%s", strings.Join(args, " "), code, bytes.ToValidUTF8(stderr, nil))
			}
			fuzzClean(t, args, "standard output", stdout)
			fuzzClean(t, args, "standard error", stderr)
			for _, ext := range []string{".svg", ".html"} {
				if written, err := os.ReadFile(out + ext); err == nil {
					fuzzClean(t, args, ext+" file", written)
				}
			}
		}
	})
}

// fuzzCommands are the commands FuzzResult runs, writing files beside
// out. While fuzzing (go test -fuzz), the ones that run Graphviz are left
// out: under the fuzzer's coverage instrumentation its WebAssembly runtime
// is too slow for more than a handful of inputs an hour, and the map's
// text goes through the DOT that is still checked (FuzzLabelEscaping
// fuzzes the labels Graphviz draws). The seeds, run by make test, run
// every command.
func fuzzCommands(out string) [][]string {
	cmds := [][]string{
		{"history"},
		{"history", "--output", "json"},
		{"show"},
		{"show", "--redact"},
		{"show", "previous", "--output", "json"},
		{"show", "--output", "yaml"},
		{"compare"},
		{"compare", "--redact", "--output", "json"},
		{"compare", "--output", "yaml"},
		{"trend"},
		{"trend", "--output", "json"},
		{"map", "-o", "-", "--format", "dot"},
		{"map", "2026-06-30T090000Z", "-o", "-", "--format", "dot", "--redact"},
		{"export", "--format", "csv"},
		{"export", "--format", "graphml", "--redact"},
		{"export", "--format", "json"},
		{"__complete", "map", ""},
	}
	if f := flag.Lookup("test.fuzz"); f != nil && f.Value.String() != "" {
		return cmds
	}
	return append(cmds,
		[]string{"compare", "--map", out + ".svg"},
		[]string{"map", "2026-06-30T090000Z", "-o", out + ".svg", "--redact"},
		[]string{"report", "-o", out + ".html"},
		[]string{"report", "-o", out + ".html", "--redact"},
	)
}

// fuzzNow is the clock the commands run with.
var fuzzNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// fuzzSaved is the saved result of an answers file, as circle writes it.
func fuzzSaved(f *testing.F, answers string) []byte {
	f.Helper()
	q, a, err := assess.ReadAnswersFile(answers, "")
	if err != nil {
		f.Fatal(err)
	}
	data, err := assess.NewResult(q, a, time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC)).Marshal()
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// fuzzRun runs circle in process on the data directory home.
func fuzzRun(t *testing.T, home string, args []string) (code ExitCode, stdout, stderr []byte) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	env := map[string]string{"CIRCLE_HOME": home, "HOME": home, "NO_COLOR": "1"}
	f := &Factory{
		IO:     ios,
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return fuzzNow },
	}
	f.Store = func() (*store.Store, error) {
		st := store.New(home)
		st.Now = f.Now
		return st, nil
	}
	code = Run(f, args)
	return code, out.Bytes(), errOut.Bytes()
}

// fuzzClean fails the test for a raw control byte in an output: any rune
// plaintext.IsControl reports but a line break or tab, and bytes that are
// not UTF-8.
func fuzzClean(t *testing.T, args []string, where string, b []byte) {
	t.Helper()
	if !utf8.Valid(b) {
		t.Errorf("circle %s: %s is not UTF-8", strings.Join(args, " "), where)
		return
	}
	for i, r := range string(b) {
		if plaintext.IsControl(r) && r != '\n' && r != '\t' {
			lo, hi := max(0, i-40), min(len(b), i+40)
			t.Errorf("circle %s: %s holds %U: %q", strings.Join(args, " "), where, r, bytes.ToValidUTF8(b[lo:hi], nil))
			return
		}
	}
}
