package assess

// Fuzz targets for everything circle reads from outside: questionnaires,
// answers files and saved results. Run one with, for example,
//
//	go test ./assess/ -run '^$' -fuzz FuzzAnswers -fuzztime 3m
//
// Plain `go test` runs the seeds below and every input kept under
// testdata/fuzz/<FuzzName>/.
//
// Each target checks the same contract: the reader never panics; a rejection
// is an error with a message, and when it is a *strictyaml.Error every
// problem is one line that starts with the file name; an accepted input
// survives being written out and read back. An input that only trips a bug
// already reported (fzKnownBugs) is skipped with the bug's description, so
// that the fuzzer goes on looking for new ones and the kept inputs stay as
// regression tests that pass once the bug is fixed.

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/circle-cli/circle/assess/strictyaml"
)

// fzTime is the clock the fuzzers score with: fixed, so that every run of an
// input is the same.
var fzTime = time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC)

// fzRead reads a file of the repository for a seed, relative to this
// package's directory.
func fzRead(f *testing.F, path string) []byte {
	f.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// fzNasty are inputs that are hostile to any of the three readers.
func fzNasty() []string {
	return []string{
		"",
		"   \n\t\n",
		"# only a comment\n",
		"\x00\x01\x02\xff\xfe",
		"\xef\xbb\xbf",
		"\xff\xfei\x00d\x00:\x00 \x00x\x00\n\x00",
		"---\n---\n",
		"a: 1\n---\nb: 2\n",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
		"a: &a [x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\npeople: *c\n",
		"&a [*a]",
		"people: &p [*p]\n",
		"<<: {people: []}\n",
		"people:\n\t- name: x\n",
		"people: []\npeople: []\n",
		"\"a\\nb\": 1\n",
		"candour: !!int \"1\\n2\"\n",
		"schema_version: !!int \"1\\n2\"\n",
		"? [a, b]\n: c\n",
		"!!binary aGVsbG8=\n",
		"people: !!map {}\n",
		"version: 99999999999999999999\n",
		"calibration: 1e400\n",
		"calibration: .nan\n",
		"taken_at: 2026-02-30T10:00:00Z\n",
		"taken_at: 0001-01-01T00:00:00Z\n",
	}
}

// fzCheckRejection checks the contract every error meets: a message, and
// for a *strictyaml.Error one line per problem, each starting with file.
// Lines that come from another file (a questionnaire an answers file names,
// quoted in its problem) may start with that file's name instead, given in
// also.
func fzCheckRejection(t *testing.T, file string, err error, also ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("rejected with a nil error")
	}
	msg := err.Error()
	if strings.TrimSpace(msg) == "" {
		t.Fatalf("rejected with an empty message (%T)", err)
	}
	var se *strictyaml.Error
	if !errors.As(err, &se) {
		return
	}
	if se.File != file {
		t.Errorf("the error names %q, want %q", se.File, file)
	}
	if len(se.Problems) == 0 {
		t.Fatalf("a *strictyaml.Error with no problems: %q", msg)
	}
	for i, p := range se.Problems {
		if strings.TrimSpace(p.Msg) == "" {
			t.Errorf("problem %d (%s, line %d) has no message", i, p.Field, p.Line)
		}
		if p.Line < 0 {
			t.Errorf("problem %d has line %d", i, p.Line)
		}
	}
	for i, line := range strings.Split(msg, "\n") {
		ok := strings.HasPrefix(line, file+":")
		for _, a := range also {
			ok = ok || strings.HasPrefix(line, strictyaml.OneLine(a)+":")
		}
		if !ok {
			t.Errorf("line %d of the message does not start with %s: %q\nwhole message:\n%s", i+1, file, line, msg)
		}
	}
}

// FuzzQuestionnaire: ParseQuestionnaire on arbitrary bytes.
func FuzzQuestionnaire(f *testing.F) {
	f.Add(fzRead(f, "../questionnaires/leadership-support.yaml"))
	f.Add([]byte(customQuestionnaire))
	for _, s := range fzNasty() {
		f.Add([]byte(s))
	}
	f.Add([]byte("id: x\nversion: 1\ntitle: T\nrelationships: []\n"))
	f.Add([]byte(strings.Replace(customQuestionnaire, "above: 60", "above: .inf", 1)))
	f.Add([]byte(strings.Replace(customQuestionnaire, "min_count: 2", "min_count: 0", 1)))
	f.Add([]byte(strings.Replace(customQuestionnaire, "subscale: isolation", "subscale: balance", 1)))

	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "questionnaire.yaml"
		q, err := ParseQuestionnaire(file, data)
		if err != nil {
			if q != nil {
				t.Error("rejected, yet a questionnaire came back")
			}
			fzCheckRejection(t, file, err)
			return
		}
		fzCheckQuestionnaire(t, q)

		// Written out and read back, it is the same questionnaire.
		out, err := yaml.Marshal(q)
		if err != nil {
			t.Fatalf("accepted, but cannot be written back: %v", err)
		}
		q2, err := ParseQuestionnaire(file, out)
		if err != nil {
			t.Fatalf("accepted, but refused once written back: %v\n--- written:\n%s", err, out)
		}
		if out2, _ := yaml.Marshal(q2); string(out2) != string(out) {
			t.Fatalf("changed when written back:\n--- first:\n%s\n--- second:\n%s", out, out2)
		}

		// Scoring a circle with one person of every relationship (the rules
		// and their filters are the fuzzer's) gives a result that is saved and
		// read back unchanged.
		a := &Answers{Scales: map[string]int{}, Calibration: ptr(50.0)}
		for i, r := range q.Relationships {
			if i == 20 {
				break
			}
			var fns []string
			for j, fn := range q.Functions {
				if j == (i%4)+1 {
					break
				}
				fns = append(fns, fn.ID)
			}
			rings := []Ring{Inner, Middle, Outer}
			freqs := []Frequency{Weekly, Monthly, Quarterly, Rarely}
			a.People = append(a.People, Person{
				Name: fmt.Sprintf("Person %d", i), Relationship: r.ID,
				Ring: rings[i%3], Frequency: freqs[i%4], Candour: i%5 + 1, Functions: fns,
			})
		}
		for i, it := range q.Likert.Items {
			a.Scales[it.ID] = i%5 + 1
		}
		if err := a.Check(q, "answers.yaml", nil); err != nil {
			t.Fatalf("answers built from the questionnaire's own ids are refused: %v", err)
		}
		fzCheckResultRoundTrip(t, NewResult(q, a, fzTime))
	})
}

// fzCheckQuestionnaire checks what an accepted questionnaire promises the
// rest of circle.
func fzCheckQuestionnaire(t *testing.T, q *Questionnaire) {
	t.Helper()
	if !idRE.MatchString(q.ID) || q.Version < 1 {
		t.Errorf("accepted with id %q, version %d", q.ID, q.Version)
	}
	if len(q.Relationships) == 0 || len(q.Functions) == 0 || len(q.Generators) == 0 {
		t.Errorf("accepted with %d relationships, %d functions, %d generators", len(q.Relationships), len(q.Functions), len(q.Generators))
	}
	for _, r := range q.Relationships {
		if !validSide(string(r.Side)) || r.System == "" {
			t.Errorf("accepted relationship %+v", r)
		}
	}
	for _, r := range q.Rules {
		if !validSide(string(r.Placeholder.Side)) || !validRing(string(r.Placeholder.Ring)) {
			t.Errorf("accepted rule %s placed at %+v", r.ID, r.Placeholder)
		}
		for _, b := range []*float64{r.Above, r.Below} {
			if b != nil && (math.IsNaN(*b) || math.IsInf(*b, 0)) {
				t.Errorf("accepted rule %s with bound %v", r.ID, *b)
			}
		}
	}
}

// FuzzAnswers: LoadAnswers against the default questionnaire.
//
// An answers file may name its questionnaire, as an id or a path, and
// LoadAnswers then reads that file. The fuzzer must not make it read
// anything of the machine that matters (the fuzzing engine's own pipes
// under /dev/fd or /proc/self/fd, a FIFO that would block, a device): so
// the answers file lives in a sandbox directory holding two questionnaires,
// and an input is skipped when its questionnaire path is absolute or climbs
// out with "..". Paths are resolved against the answers file's directory,
// or (for a bare name, and for the --questionnaire cross-check) the current
// directory, this package's own: filepath.IsLocal keeps both inside.
func FuzzAnswers(f *testing.F) {
	sandbox := f.TempDir()
	custom := filepath.Join(sandbox, "custom.yaml")
	broken := filepath.Join(sandbox, "broken.yaml")
	if err := os.WriteFile(custom, []byte(customQuestionnaire), 0o600); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(broken, []byte("id: Broken Id\nversion: 0\ncolour: blue\n"), 0o600); err != nil {
		f.Fatal(err)
	}
	file := filepath.Join(sandbox, "answers.yaml")

	example := fzRead(f, "../examples/answers.yaml")
	f.Add(example)
	quarters, _ := filepath.Glob("../examples/quarters/*.yaml")
	for _, q := range quarters {
		f.Add(fzRead(f, q))
	}
	for _, s := range fzNasty() {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"questionnaire: custom.yaml\npeople:\n  - {name: A, relationship: pal, ring: inner, frequency: weekly, candour: 5, functions: [talk]}\nscales: {alone: 2}\n",
		"questionnaire: ./broken.yaml\npeople: []\n",
		"questionnaire: no-such-one\npeople: []\n",
		"questionnaire: ../escape.yaml\n",
		"questionnaire: /dev/fd/3\n",
		"taken_at: 2026-03-31\npeople: []\nscales: {}\n",
	} {
		f.Add([]byte(s))
	}
	ex := string(example)
	for _, r := range [][2]string{
		{"name: Dana Reyes", "name: \"Dana\\e[31mReyes\""},
		{"name: Dana Reyes", "name: \"Dana\\u202eReyes\""},
		{"name: Dana Reyes", "name: " + strings.Repeat("D", MaxNameLength+1)},
		{"name: Sam Ortiz", "name: dana  REYES"},
		{"candour: 2", "candour: -1"},
		{"candour: 2", "candour: 99999999999999999999"},
		{"candour: 2", "candour: [2]"},
		{"functions: [strategic_advice]", "functions: {a: b}"},
		{"functions: [strategic_advice]", "functions: [strategic_advice, strategic_advice]"},
		{"calibration: 40", "calibration: -0"},
		{"calibration: 40", "calibration: 100.5"},
		{"reflection: Six", "reflection: \"\\0\\e \\u2028\"\nx: Six"},
		{"questionnaire: leadership-support", "questionnaire: custom.yaml"},
	} {
		f.Add([]byte(strings.Replace(ex, r[0], r[1], 1)))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		// See what the file names as its questionnaire before LoadAnswers
		// goes to read it.
		var named []string
		if a, root, _ := parseAnswers(data); root != nil && a.Questionnaire != "" {
			if !filepath.IsLocal(a.Questionnaire) {
				// It would read a file of this machine (or the fuzzer's own
				// pipes, /proc/self/fd/N): out of the sandbox, so out of
				// this target's reach. TestHostileInputs covers such paths.
				return
			}
			named = append(named, a.Questionnaire, relativeTo(file, a.Questionnaire))
		}

		q, a, err := LoadAnswers(file, data, "")
		if err != nil {
			if q != nil || a != nil {
				t.Error("rejected, yet answers came back")
			}
			fzCheckRejection(t, file, err, named...)
		} else {
			fzCheckAnswers(t, file, q, a)
		}

		// The same file with --questionnaire leadership-support: accepted
		// only when it was accepted against that questionnaire before.
		q2, a2, err2 := LoadAnswers(file, data, DefaultQuestionnaire)
		if err2 != nil {
			fzCheckRejection(t, file, err2, named...)
		} else {
			if q2.ID != DefaultQuestionnaire {
				t.Errorf("--questionnaire %s gave %s", DefaultQuestionnaire, q2.ID)
			}
			if err == nil && !reflect.DeepEqual(a, a2) {
				t.Errorf("the answers differ with --questionnaire:\n%+v\n%+v", a, a2)
			}
			fzCheckAnswers(t, file, q2, a2)
		}
	})
}

// fzCheckAnswers checks accepted answers: they hold what Check promises,
// they are the same once written out and read back, and their result is
// saved and read back unchanged.
func fzCheckAnswers(t *testing.T, file string, q *Questionnaire, a *Answers) {
	t.Helper()
	if len(a.People) > MaxPeople {
		t.Errorf("accepted %d people", len(a.People))
	}
	names := map[string]bool{}
	for i, p := range a.People {
		switch {
		case strings.TrimSpace(p.Name) == "", HasControl(p.Name), len([]rune(p.Name)) > MaxNameLength:
			t.Errorf("accepted people[%d].name %q", i, p.Name)
		case names[NameKey(p.Name)]:
			t.Errorf("accepted %q twice", p.Name)
		}
		names[NameKey(p.Name)] = true
		if _, ok := q.Relationship(p.Relationship); !ok || !validRing(string(p.Ring)) || !validFrequency(string(p.Frequency)) || p.Candour < MinAnswer || p.Candour > MaxAnswer {
			t.Errorf("accepted people[%d] %+v", i, p)
		}
		for _, fn := range p.Functions {
			if !q.HasFunction(fn) {
				t.Errorf("accepted people[%d].functions %q", i, fn)
			}
		}
		if rel, _ := q.Relationship(p.Relationship); p.WasPeer && rel.Side == External {
			t.Errorf("accepted people[%d] as a former peer from outside the organization", i)
		}
	}
	for _, it := range q.Likert.Items {
		if v, ok := a.Scales[it.ID]; !ok || v < MinAnswer || v > MaxAnswer {
			t.Errorf("accepted scales.%s = %d (given: %v)", it.ID, v, ok)
		}
	}
	if c := a.Calibration; c != nil && !(*c >= 0 && *c <= 100) {
		t.Errorf("accepted calibration %v", *c)
	}

	out, err := yaml.Marshal(a)
	if err != nil {
		t.Fatalf("accepted answers cannot be written back: %v", err)
	}
	_, back, err := LoadAnswers(file, out, "")
	if err != nil {
		t.Fatalf("accepted answers are refused once written back: %v\n--- written:\n%s", err, out)
	}
	if !reflect.DeepEqual(fzNormalAnswers(a), fzNormalAnswers(back)) {
		t.Fatalf("answers changed when written back:\n%+v\n%+v\n--- written:\n%s", a, back, out)
	}

	r := NewResult(q, a, fzTime)
	saved := fzCheckResultRoundTrip(t, r)
	if saved.Reflection != a.Reflection {
		t.Errorf("reflection %q saved as %q", a.Reflection, saved.Reflection)
	}
	if !reflect.DeepEqual(saved.Calibration, a.Calibration) {
		t.Errorf("calibration %v saved as %v", a.Calibration, saved.Calibration)
	}
	want := fzTime
	if !a.TakenAt.IsZero() {
		want = a.TakenAt.Truncate(time.Second)
	}
	if !saved.TakenAt.Equal(want) {
		t.Errorf("taken at %v, saved as %v", want, saved.TakenAt)
	}
	for i, p := range saved.People {
		ap := a.People[i]
		if p.Name != ap.Name || p.Relationship != ap.Relationship || p.Ring != ap.Ring || p.Frequency != ap.Frequency || p.Candour != ap.Candour || !reflect.DeepEqual(fzStrings(p.Functions), fzStrings(ap.Functions)) {
			t.Errorf("people[%d] %+v saved as %+v", i, ap, p)
		}
	}
}

// fzNormalAnswers makes empty and missing lists compare equal.
func fzNormalAnswers(a *Answers) Answers {
	n := *a
	n.takenAtLine, n.followUpLines = 0, nil // where it was written, not what
	n.Notes = nil                           // how it was written, not what
	n.People = nil
	for _, p := range a.People {
		p.Functions = fzStrings(p.Functions)
		n.People = append(n.People, p)
	}
	if len(n.Scales) == 0 {
		n.Scales = nil
	}
	return n
}

func fzStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// FuzzResult: ParseResult on arbitrary bytes.
func FuzzResult(f *testing.F) {
	add := func(a []byte) {
		q, ans, err := LoadAnswers("answers.yaml", a, "")
		if err != nil {
			f.Fatal(err)
		}
		data, err := NewResult(q, ans, fzTime).Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	example := fzRead(f, "../examples/answers.yaml")
	add(example)
	quarters, _ := filepath.Glob("../examples/quarters/*.yaml")
	for _, q := range quarters {
		add(fzRead(f, q))
	}
	add([]byte("people: []\nscales: {fewer-open-conversations: 1, decide-alone: 1, someone-to-call: 1, unseen-demands: 1, understood-outside: 1, on-my-own: 1, careful-words: 1, hide-doubts: 1, say-what-i-think: 1, rehearsed-self: 1, admit-mistakes: 1, hear-what-i-want: 1}\n"))
	for _, s := range fzNasty() {
		f.Add([]byte(s))
	}
	q, ans, err := LoadAnswers("answers.yaml", example, "")
	if err != nil {
		f.Fatal(err)
	}
	saved, err := NewResult(q, ans, fzTime).Marshal()
	if err != nil {
		f.Fatal(err)
	}
	s := string(saved)
	for _, r := range [][2]string{
		{"schema_version: 2", "schema_version: 99"},
		{"schema_version: 2", "schema_version: 0"},
		{"schema_version: 2", "schema_version: one"},
		{"schema_version: 2", "schema_version: 1"},
		{"schema_version: 2\n", ""},
		{"ring: inner", "ring: innermost"},
		{"power: over", "power: sideways"},
		{"was_peer: false", "was_peer: maybe"},
		{"unmet:\n", "unmet:\n          - feelings\n"},
		{"\n  balance: ", "\n  balance: .nan\n  was: "},
		{"  sources:\n", "  sources: null\n  was_sources:\n"},
		{"scores:", "scores: [1]\nx:"},
		{"strength: 0.875", "strength: 7"},
		{"severity: gap", "severity: fatal"},
		{"taken_at: 2026-09-30T10:00:00Z", "taken_at: yesterday"},
	} {
		f.Add([]byte(strings.Replace(s, r[0], r[1], 1)))
	}
	f.Add(saved[:len(saved)/2])
	f.Add(saved[:strings.Index(s, "scales:")])

	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "result.yaml"
		r, err := ParseResult(file, data)
		if err != nil {
			if r != nil {
				t.Error("rejected, yet a result came back")
			}
			fzCheckRejection(t, file, err)
			return
		}
		if r.SchemaVersion < 1 || r.SchemaVersion > SchemaVersion {
			t.Errorf("accepted schema_version %d", r.SchemaVersion)
		}
		for i, p := range r.People {
			if !validSide(string(p.Side)) || !validRing(string(p.Ring)) || !validFrequency(string(p.Frequency)) || p.Candour < MinAnswer || p.Candour > MaxAnswer || !(p.Strength >= 0 && p.Strength <= 1) {
				t.Errorf("accepted people[%d] %+v", i, p)
			}
		}
		if r.SchemaVersion == SchemaVersion {
			fzCheckResultRoundTrip(t, r)
		}
		// An older result is migrated in memory and never written again:
		// what it became must still be something circle can show.
		for i, p := range r.People {
			if !validPower(string(p.Power)) && p.Power != PowerFormal {
				t.Errorf("people[%d].power %q after reading", i, p.Power)
			}
			if p.WasPeer && p.Side == External {
				t.Errorf("accepted people[%d] as a former peer from outside", i)
			}
		}
		for i, g := range r.Findings {
			for _, a := range g.Almost {
				for _, k := range a.Unmet {
					if !slices.Contains(FilterKeys, k) {
						t.Errorf("accepted gaps[%d].almost unmet key %q", i, k)
					}
				}
			}
		}
		for _, n := range r.Scores {
			if n.Value != nil && (math.IsNaN(*n.Value) || math.IsInf(*n.Value, 0)) {
				t.Errorf("accepted scores.%s = %v", n.Name, *n.Value)
			}
		}
	})
}

// fzCheckResultRoundTrip saves r as circle does and reads it back: the
// scores, people and gaps must be the same. It returns what was read back.
func fzCheckResultRoundTrip(t *testing.T, r *Result) *Result {
	t.Helper()
	data, err := r.Marshal()
	if err != nil {
		t.Fatalf("the result cannot be saved: %v", err)
	}
	back, err := ParseResult("result.yaml", data)
	if err != nil {
		t.Fatalf("the saved result is refused when read back: %v\n--- saved:\n%s", err, data)
	}
	if !fzSameScores(r.Scores, back.Scores) {
		t.Errorf("scores changed when saved and read back:\n%v\n%v\n--- saved:\n%s", fzScores(r.Scores), fzScores(back.Scores), data)
	}
	if !reflect.DeepEqual(fzPeople(r.People), fzPeople(back.People)) {
		t.Errorf("people changed when saved and read back:\n%+v\n%+v\n--- saved:\n%s", r.People, back.People, data)
	}
	if len(r.Findings) != len(back.Findings) || (len(r.Findings) > 0 && !reflect.DeepEqual(r.Findings, back.Findings)) {
		t.Errorf("gaps changed when saved and read back:\n%+v\n%+v", r.Findings, back.Findings)
	}
	if !r.TakenAt.Equal(back.TakenAt) || r.NetworkType != back.NetworkType || r.Questionnaire != back.Questionnaire {
		t.Errorf("the result's header changed when saved and read back: %v %q %+v, then %v %q %+v",
			r.TakenAt, r.NetworkType, r.Questionnaire, back.TakenAt, back.NetworkType, back.Questionnaire)
	}
	return back
}

func fzSameScores(a, b Scores) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || (a[i].Value == nil) != (b[i].Value == nil) {
			return false
		}
		if a[i].Value != nil && math.Float64bits(*a[i].Value) != math.Float64bits(*b[i].Value) &&
			!(math.IsNaN(*a[i].Value) && math.IsNaN(*b[i].Value)) {
			return false
		}
	}
	return true
}

func fzScores(s Scores) string {
	var parts []string
	for _, n := range s {
		v := "null"
		if n.Value != nil {
			v = fmt.Sprint(*n.Value)
		}
		parts = append(parts, n.Name+"="+v)
	}
	return strings.Join(parts, " ")
}

func fzPeople(ps []ResultPerson) []ResultPerson {
	var out []ResultPerson
	for _, p := range ps {
		p.Functions = fzStrings(p.Functions)
		out = append(out, p)
	}
	return out
}
