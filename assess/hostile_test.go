package assess_test

// Hostile inputs: what a careless script, a wrong file, a hand edit or a
// malicious file hands circle. Every case says what the user should see: a
// clear error (file, line where it makes sense, what to do) or the right
// result. The whole table runs in well under 5 seconds.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/assess/strictyaml"
	"github.com/circle-cli/circle/questionnaires"
)

// hostileBase is a valid answers file; hostileAnswers appends the scales.
// Its line numbers are the ones the cases below expect:
//
//	1 questionnaire, 2 people, 3-8 Dana Reyes (name, relationship, ring,
//	frequency, candour, functions), 9-14 Alex Kim, 15 calibration,
//	16 reflection, 17 scales.
const hostileBase = `questionnaire: leadership-support
people:
  - name: Dana Reyes
    relationship: supervisor
    ring: middle
    frequency: weekly
    candour: 2
    functions: [strategic_advice]
  - name: Alex Kim
    relationship: coach
    ring: inner
    frequency: monthly
    candour: 5
    functions: [thinking_partner, sounding_board]
calibration: 40
reflection: A quiet quarter.
`

type hostileCase struct {
	name string
	// kind is what reads the input: "answers" (LoadAnswers), "answers-file"
	// (ReadAnswersFile on path), "questionnaire" or "result".
	kind  string
	input []byte
	// flag is --questionnaire, for answers.
	flag string
	// file is the name the input goes by in messages; path, when set, is
	// the file on disk that kind "answers-file" reads.
	file, path string
	// want are the texts the error must hold; nil means the input is
	// accepted, and accept then checks what came out.
	want []string
	// wantLine: every problem has a line number.
	wantLine bool
	// maxLines bounds the lines of the error, when not 0.
	maxLines int
	// alsoFiles may start lines of the message too: the questionnaire an
	// answers file names, quoted in its one problem.
	alsoFiles []string
	accept    func(o hostileOutcome) string
	// limit is how long the input may take; 2 s unless set.
	limit time.Duration
}

type hostileOutcome struct {
	q   *assess.Questionnaire
	a   *assess.Answers
	r   *assess.Result
	err error
}

func TestHostileInputs(t *testing.T) {
	start := time.Now()
	for _, c := range hostileCases(t) {
		t.Run(c.name, func(t *testing.T) {
			if fails := runHostile(c); len(fails) > 0 {
				t.Error(strings.Join(fails, "\n"))
			}
		})
	}
	t.Logf("%v for every case", time.Since(start).Round(time.Millisecond))
}

// runHostile reads the input as its kind says and returns what is wrong
// with the outcome; nothing when it is what the case wants.
func runHostile(c hostileCase) []string {
	file := c.file
	if file == "" {
		file = map[string]string{"answers": "answers.yaml", "questionnaire": "questionnaire.yaml", "result": "result.yaml", "answers-file": c.path}[c.kind]
	}
	limit := c.limit
	if limit == 0 {
		limit = 2 * time.Second
	}
	done := make(chan hostileOutcome, 1)
	began := time.Now()
	go func() {
		var o hostileOutcome
		switch c.kind {
		case "answers":
			o.q, o.a, o.err = assess.LoadAnswers(file, c.input, c.flag)
		case "answers-file":
			o.q, o.a, o.err = assess.ReadAnswersFile(c.path, c.flag)
		case "questionnaire":
			o.q, o.err = assess.ParseQuestionnaire(file, c.input)
		case "result":
			o.r, o.err = assess.ParseResult(file, c.input)
		default:
			panic("unknown kind " + c.kind)
		}
		done <- o
	}()
	var o hostileOutcome
	select {
	case o = <-done:
	case <-time.After(limit):
		return []string{fmt.Sprintf("no answer after %v", limit)}
	}
	took := time.Since(began)

	var fails []string
	failf := func(format string, args ...any) { fails = append(fails, fmt.Sprintf(format, args...)) }
	if c.want == nil {
		if o.err != nil {
			failf("refused, want accepted:\n%s", clipLines(o.err.Error()))
		} else if c.accept != nil {
			if f := c.accept(o); f != "" {
				failf("%s", f)
			}
		}
		return fails
	}
	if o.err == nil {
		return []string{fmt.Sprintf("accepted (in %v), want an error holding %q", took, c.want)}
	}
	msg := o.err.Error()
	for _, w := range c.want {
		if !strings.Contains(msg, w) {
			failf("the error does not hold %q:\n%s", w, clipLines(msg))
		}
	}
	var se *strictyaml.Error
	if !errors.As(o.err, &se) {
		failf("error of type %T, want a *strictyaml.Error: %s", o.err, clipLines(msg))
		return fails
	}
	for _, p := range se.Problems {
		if strings.TrimSpace(p.Msg) == "" {
			failf("a problem without a message at line %d, field %s", p.Line, p.Field)
		}
		if c.wantLine && p.Line == 0 {
			failf("a problem without a line: %s", p.Format(se.File))
		}
	}
	if n := strings.Count(msg, "\n") + 1; c.maxLines > 0 && n > c.maxLines {
		failf("the error is %d lines long; want at most %d", n, c.maxLines)
	}
	for i, line := range strings.Split(msg, "\n") {
		ok := strings.HasPrefix(line, file+":")
		for _, a := range c.alsoFiles {
			ok = ok || strings.HasPrefix(line, a+":")
		}
		if !ok {
			failf("line %d of the error does not start with %s: %q", i+1, file, line)
			break
		}
	}
	return fails
}

// clipLines keeps a flood of problems readable in a failure.
func clipLines(s string) string {
	lines := strings.Split(s, "\n")
	if len(lines) > 12 {
		return strings.Join(lines[:10], "\n") + fmt.Sprintf("\n… and %d more lines", len(lines)-10)
	}
	return s
}

func hostileCases(t *testing.T) []hostileCase {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	var scales strings.Builder
	scales.WriteString("scales:\n")
	for _, it := range q.Likert.Items {
		fmt.Fprintf(&scales, "  %s: 3\n", it.ID)
	}
	base := hostileBase + scales.String()
	edit := func(old, new string) []byte {
		t.Helper()
		if strings.Count(base, old) < 1 {
			t.Fatalf("%q is not in the base answers", old)
		}
		return []byte(strings.Replace(base, old, new, 1))
	}
	people := func(n int) []byte {
		var b strings.Builder
		b.WriteString("people:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - {name: Person %03d, relationship: peer, ring: outer, frequency: rarely, candour: 3}\n", i+1)
		}
		return []byte(b.String() + scales.String())
	}
	accepted := func(wantPeople int) func(o hostileOutcome) string {
		return func(o hostileOutcome) string {
			if len(o.a.People) != wantPeople {
				return fmt.Sprintf("%d people, want %d", len(o.a.People), wantPeople)
			}
			return ""
		}
	}
	sameAsBase := func(o hostileOutcome) string {
		if len(o.a.People) != 2 || o.a.People[0].Name != "Dana Reyes" || o.a.People[1].Name != "Alex Kim" || o.a.People[1].Candour != 5 {
			return fmt.Sprintf("read as %+v, want the base answers", o.a.People)
		}
		return ""
	}
	nested := func(open, close string, n int) string {
		return strings.Repeat(open, n) + strings.Repeat(close, n)
	}

	// Files on disk, for the cases that go through the file system.
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, append([]byte("people: []\nreflection: "), bytes.Repeat([]byte("a"), 10<<20)...), 0o600); err != nil {
		t.Fatal(err)
	}
	custom := filepath.Join(dir, "custom.yaml")
	// A valid questionnaire of another id: the one score_test.go uses.
	hostileCustom, err := os.ReadFile(filepath.Join("testdata", "custom-questionnaire.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(custom, hostileCustom, 0o600); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(broken, []byte("id: Broken Id\nversion: 0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Let a reader still blocked on the FIFO go: open it for writing
		// and close it, which gives the reader an end of file.
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	customAnswers := []byte("questionnaire: custom.yaml\npeople:\n  - {name: Kim, relationship: pal, ring: inner, frequency: weekly, candour: 5, functions: [talk]}\nscales: {alone: 3}\n")

	// The saved result the result cases start from.
	qq, aa, err := assess.LoadAnswers("answers.yaml", []byte(base), "")
	if err != nil {
		t.Fatal(err)
	}
	saved, err := assess.NewResult(qq, aa, time.Date(2026, 9, 30, 10, 0, 0, 0, time.UTC)).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	result := string(saved)
	editResult := func(old, new string) []byte {
		t.Helper()
		if !strings.Contains(result, old) {
			t.Fatalf("%q is not in the saved result:\n%s", old, result)
		}
		return []byte(strings.Replace(result, old, new, 1))
	}
	lineOf := func(text, s string) int { return strings.Count(text[:strings.Index(text, s)], "\n") + 1 }

	questionnaireYAML, err := os.ReadFile("../questionnaires/leadership-support.yaml")
	if err != nil {
		t.Fatal(err)
	}
	qText := string(questionnaireYAML)
	relStart := strings.Index(qText, "\nrelationships:\n") + 1
	relEnd := strings.Index(qText, "\nfunctions:\n") + 1
	noRelationships := qText[:relStart] + "relationships: []\n\n" + qText[relEnd:]

	return []hostileCase{
		// Not an answers file at all.
		{name: "empty file", kind: "answers", input: nil, want: []string{"answers.yaml: the file is empty"}},
		{name: "only whitespace", kind: "answers", input: []byte("  \n\n     \n"), want: []string{"answers.yaml: the file is empty"}},
		{name: "only a comment", kind: "answers", input: []byte("# to be filled in\n# later\n"), want: []string{"answers.yaml: the file is empty"}},
		{name: "binary junk", kind: "answers", input: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66"),
			want: []string{"answers.yaml: not valid YAML: "}},
		{name: "NUL bytes", kind: "answers", input: edit("A quiet quarter.", "A quiet\x00\x00 quarter."),
			want: []string{"answers.yaml: not valid YAML: control characters are not allowed"}},
		{name: "invalid UTF-8", kind: "answers", input: edit("A quiet quarter.", "A quiet \xc3\x28 quarter."),
			want: []string{"answers.yaml: not valid YAML: ", "UTF-8"}},
		{name: "UTF-16 LE with a BOM", kind: "answers", input: utf16File([]byte(base), binary.LittleEndian, 0xff, 0xfe), accept: sameAsBase},
		{name: "UTF-16 BE with a BOM", kind: "answers", input: utf16File([]byte(base), binary.BigEndian, 0xfe, 0xff), accept: sameAsBase},
		{name: "UTF-8 with a BOM", kind: "answers", input: append([]byte("\xef\xbb\xbf"), base...), accept: sameAsBase},
		{name: "answers file is a list", kind: "answers", input: []byte("- name: Dana\n- name: Alex\n"),
			want: []string{"answers.yaml:1: want a mapping of fields (name: value), not a list"}},

		// Too big or too deep to be a hand-written file.
		{name: "YAML bomb (billion laughs)", kind: "answers", input: []byte(billionLaughs("people")),
			want: []string{"answers.yaml:6: with its aliases written out the file would be more than 4 MB (the limit); write the repeated text out once, or use fewer aliases"}, wantLine: true, limit: time.Second},
		{name: "one long string aliased from every rule's advice", kind: "questionnaire", input: amplifiedQuestionnaire(t),
			want: []string{"questionnaire.yaml:", "with its aliases written out the file would be more than 4 MB (the limit); write the repeated text out once, or use fewer aliases"}, wantLine: true, limit: time.Second},
		{name: "YAML bomb in unknown fields", kind: "answers", input: []byte(billionLaughs("lol")),
			want: []string{"answers.yaml:6: with its aliases written out the file would be more than 4 MB"}, limit: time.Second},
		{name: "10 MB in memory", kind: "answers", input: append([]byte("people: []\nreflection: "), bytes.Repeat([]byte("a"), 10<<20)...),
			want: []string{"answers.yaml: the file is 10.0 MB; the limit is 1 MB, so this is probably not the file you meant"}, limit: time.Second},
		{name: "10 MB on disk", kind: "answers-file", path: big,
			want: []string{big + ": the file is 10.0 MB; the limit is 1 MB, so this is probably not the file you meant"}, limit: time.Second},
		{name: "10,000 nested lists", kind: "answers", input: []byte(nested("[", "]", 10000)),
			want: []string{"answers.yaml:1: want a mapping of fields (name: value), not a list"}, limit: time.Second},
		{name: "10,000 nested lists for people", kind: "answers", input: []byte("questionnaire: leadership-support\npeople: " + nested("[", "]", 10000) + "\n" + scales.String()),
			want: []string{"answers.yaml:2: people[0]: want a mapping of fields (name: value), not a list"}, limit: time.Second},
		{name: "10,000 nested mappings for the reflection", kind: "answers", input: edit("reflection: A quiet quarter.", "reflection: "+nested("{a: ", "}", 10000)),
			want: []string{"answers.yaml:16: reflection: want text, not a mapping"}, limit: time.Second},
		{name: "20,000 wrong list items", kind: "answers", input: []byte("people: [" + strings.Repeat("1, ", 20000) + "1]\n" + scales.String()),
			want: []string{"answers.yaml:1: people[0]: want a mapping of fields (name: value), not \"1\""}, maxLines: 200, limit: time.Second},
		{name: "3,000 incomplete people", kind: "answers", input: []byte("people:\n" + strings.Repeat("  - {name: a}\n", 3000)),
			want: []string{"answers.yaml:2: people[0].relationship: missing"}, limit: 500 * time.Millisecond},

		// Wrong types everywhere.
		{name: "people is text", kind: "answers", input: edit("people:\n", "people: Dana and Alex\nothers:\n"),
			want: []string{`answers.yaml:2: people: want a list (lines starting with "- ")`}},
		{name: "people is a mapping", kind: "answers", input: []byte("people: {Dana: supervisor}\n" + scales.String()),
			want: []string{`answers.yaml:1: people: want a list (lines starting with "- ")`}},
		{name: "a person is a list", kind: "answers", input: []byte("people:\n  - [Dana, supervisor, middle]\n" + scales.String()),
			want: []string{"answers.yaml:2: people[0]: want a mapping of fields (name: value), not a list"}},
		{name: "functions is a mapping", kind: "answers", input: edit("functions: [strategic_advice]", "functions: {strategic_advice: yes}"),
			want: []string{`answers.yaml:8: people[0].functions: want a list (lines starting with "- ")`}},
		{name: "candour is text", kind: "answers", input: edit("candour: 2", "candour: high"),
			want: []string{`answers.yaml:7: people[0].candour: want a whole number, not "high"`}},
		{name: "candour is a list", kind: "answers", input: edit("candour: 2", "candour: [2, 3]"),
			want: []string{"answers.yaml:7: people[0].candour: want a whole number, not a list"}},
		{name: "scales is a list", kind: "answers", input: []byte(hostileBase + "scales: [3, 3, 3]\n"),
			want: []string{"answers.yaml:17: scales: want a mapping of names to values"}},
		{name: "calibration is true", kind: "answers", input: edit("calibration: 40", "calibration: true"),
			want: []string{`answers.yaml:15: calibration: want a number, not "true"`}},
		{name: "taken_at is not a date", kind: "answers", input: edit("calibration: 40", "taken_at: last spring\ncalibration: 40"),
			want: []string{`answers.yaml:15: taken_at: "last spring" is not a date and time; write it as 2026-09-30T10:00:00Z`}},

		// Numbers out of range.
		{name: "calibration 1e400", kind: "answers", input: edit("calibration: 40", "calibration: 1e400"),
			want: []string{"answers.yaml:15: calibration: ", "too large"}},
		{name: "candour 99999999999999999999", kind: "answers", input: edit("candour: 2", "candour: 99999999999999999999"),
			want: []string{"answers.yaml:7: people[0].candour: ", "too large"}},
		{name: "calibration 101", kind: "answers", input: edit("calibration: 40", "calibration: 101"),
			want: []string{"answers.yaml:15: calibration: 101 is out of range; give a share from 0 to 100"}},
		{name: "negative candour", kind: "answers", input: edit("candour: 2", "candour: -3"),
			want: []string{"answers.yaml:7: people[0].candour: -3 is out of range; candour is 1 (guarded) to 5 (completely unfiltered)"}},
		{name: "scale answer 0", kind: "answers", input: []byte(strings.Replace(base, ": 3\n", ": 0\n", 1)),
			want: []string{"answers.yaml:18: scales." + q.Likert.Items[0].ID + ": 0 is out of range; answer 1 (strongly disagree) to 5 (strongly agree)"}},

		// Names.
		{name: "name with an escape sequence", kind: "answers", input: edit("name: Dana Reyes", `name: "Dana \e[31mReyes\e[0m"`),
			want: []string{"answers.yaml:3: people[0].name: the name contains a control character (a tab, newline, escape or direction override); write it on one line as plain text"}},
		{name: "name with a newline", kind: "answers", input: edit("name: Dana Reyes", `name: "Dana\nReyes"`),
			want: []string{"answers.yaml:3: people[0].name: the name contains a control character"}},
		{name: "name with a C1 control (CSI)", kind: "answers", input: edit("name: Dana Reyes", `name: "Dana \u009b31mReyes"`),
			want: []string{"answers.yaml:3: people[0].name: the name contains a control character"}},
		{name: "name with a right-to-left override", kind: "answers", input: edit("name: Dana Reyes", `name: "Dana \u202eseyeR"`),
			want: []string{"answers.yaml:3: people[0].name: ", "control character"}},
		{name: "5,000-character name", kind: "answers", input: edit("name: Dana Reyes", "name: "+strings.Repeat("D", 5000)),
			want: []string{"answers.yaml:3: people[0].name: the name is 5000 characters long; use at most 200 (initials are fine)"}},
		{name: "5,000-character name in two-byte letters", kind: "answers", input: edit("name: Dana Reyes", "name: "+strings.Repeat("é", 5000)),
			want: []string{"answers.yaml:3: people[0].name: the name is 5000 characters long"}},
		{name: "the same person twice", kind: "answers", input: edit("name: Alex Kim", "name: \"  dana   REYES \""),
			want: []string{`answers.yaml:9: people[1].name: the same name as people[0] (case and spaces aside); give each person once, or tell them apart (Sam K., Sam L.)`}},

		// How many people.
		{name: "500 people", kind: "answers", input: people(500), accept: accepted(500)},
		{name: "501 people", kind: "answers", input: people(501),
			want: []string{"answers.yaml:1: people: 501 people; circle takes at most 500"}},

		// YAML that is valid but not what was meant.
		{name: "two documents", kind: "answers", input: []byte(base + "---\n" + base),
			want: []string{"answers.yaml", "document"}},
		{name: "a tab indenting a list item", kind: "answers", input: edit("  - name: Dana Reyes", "\t- name: Dana Reyes"),
			want: []string{"answers.yaml:3: ", "tab"}},
		// yaml.v3 names this tab, though it gives the line before it.
		{name: "a tab indenting a field", kind: "answers", input: edit("  - name: Dana Reyes\n    relationship: supervisor", "  - name: Dana Reyes\n\trelationship: supervisor"),
			want: []string{"answers.yaml:", "not valid YAML: found a tab character that violates indentation"}, wantLine: true},
		{name: "only whitespace, with a tab", kind: "answers", input: []byte("  \n\t\n"),
			want: []string{"answers.yaml: the file is empty"}},
		{name: "duplicate top-level key", kind: "answers", input: edit("reflection: A quiet quarter.", "reflection: A quiet quarter.\ncalibration: 60"),
			want: []string{"answers.yaml:17: calibration: given twice (first on line 15); keep one"}},
		{name: "duplicate key in a person", kind: "answers", input: edit("    ring: middle\n", "    ring: middle\n    ring: outer\n"),
			want: []string{"answers.yaml:6: people[0].ring: given twice (first on line 5); keep one"}},
		{name: "duplicate scale", kind: "answers", input: []byte(base + "  " + q.Likert.Items[0].ID + ": 4\n"),
			want: []string{fmt.Sprintf("answers.yaml:%d: scales.%s: given twice (first on line 18); keep one", 18+len(q.Likert.Items), q.Likert.Items[0].ID)}},
		{name: "unknown field in a person", kind: "answers", input: edit("    ring: middle\n", "    ring: middle\n    closeness: 3\n"),
			want: []string{"answers.yaml:6: people[0].closeness: unknown field; known fields here: name, relationship, was_peer, ring, frequency, candour, functions"}},
		{name: "unknown field whose name holds a newline", kind: "answers", input: edit("    ring: middle\n", "    ring: middle\n    \"close\\nness\": 3\n"),
			want: []string{"answers.yaml:6: people[0]."}},
		{name: "candour tagged !!int holding a newline", kind: "answers", input: edit("candour: 2", `candour: !!int "2\n3"`),
			want: []string{"answers.yaml:7: people[0].candour: "}},
		{name: "names a questionnaire whose path holds a newline", kind: "answers", input: edit("questionnaire: leadership-support", `questionnaire: "no\nsuch.yaml"`),
			want: []string{"answers.yaml:1: questionnaire: ", "no such file or directory"}},
		{name: "unknown relationship", kind: "answers", input: edit("relationship: coach", "relationship: guru"),
			want: []string{`answers.yaml:10: people[1].relationship: "guru" is not a relationship in leadership-support; use one of supervisor, `}},

		// The questionnaire an answers file names.
		{name: "names a questionnaire that does not exist", kind: "answers", input: edit("questionnaire: leadership-support", "questionnaire: nope"),
			want: []string{`answers.yaml:1: questionnaire: no questionnaire "nope": the built-in ones are `, "; or give the path of a YAML file"}},
		{name: "names a broken questionnaire file", kind: "answers", file: filepath.Join(dir, "answers.yaml"), input: []byte("questionnaire: broken.yaml\npeople: []\n"),
			want: []string{filepath.Join(dir, "answers.yaml") + ":1: questionnaire: " + broken + ":1: id: \"Broken Id\" is not a usable id"}, alsoFiles: []string{broken}},
		{name: "names a questionnaire beside it", kind: "answers", file: filepath.Join(dir, "answers.yaml"), input: customAnswers,
			accept: func(o hostileOutcome) string {
				if o.q.ID != "custom" {
					return "scored against " + o.q.ID + ", want custom"
				}
				return ""
			}},
		{name: "names a questionnaire beside it, given again by --questionnaire", kind: "answers", file: filepath.Join(dir, "answers.yaml"), input: customAnswers, flag: custom,
			accept: func(o hostileOutcome) string {
				if o.q.ID != "custom" {
					return "scored against " + o.q.ID + ", want custom"
				}
				return ""
			}},
		{name: "names one questionnaire, --questionnaire another", kind: "answers", file: filepath.Join(dir, "answers.yaml"), input: customAnswers, flag: "leadership-support",
			want: []string{filepath.Join(dir, "answers.yaml") + `:1: questionnaire: the file says "custom.yaml" but --questionnaire says "leadership-support"; remove one of them`}},
		{name: "names a FIFO as its questionnaire", kind: "answers", input: []byte("questionnaire: " + fifo + "\npeople: []\n"),
			want: []string{"answers.yaml:1: questionnaire: "}, limit: 500 * time.Millisecond},

		// Questionnaires.
		{name: "questionnaire with no relationships", kind: "questionnaire", input: []byte(noRelationships),
			want: []string{fmt.Sprintf("questionnaire.yaml:%d: relationships: missing; define at least one relationship type (id, label, side, power, system)", lineOf(noRelationships, "relationships: []"))}},
		{name: "questionnaire that is one word", kind: "questionnaire", input: []byte("leadership-support\n"),
			want: []string{`questionnaire.yaml:1: want a mapping of fields (name: value), not "leadership-support"`}},

		// Saved results.
		{name: "result with schema_version 99", kind: "result", input: editResult("schema_version: 2", "schema_version: 99"),
			want: []string{"result.yaml:2: schema_version: 99 is newer than this circle understands (2); update circle to read this result"}},
		{name: "result without schema_version", kind: "result", input: editResult("schema_version: 2\n", ""),
			want: []string{"result.yaml:", "schema_version: missing or not a number; this does not look like a circle result"}},
		{name: "answers file given as a result", kind: "result", input: []byte(base),
			want: []string{"result.yaml:1: schema_version: missing or not a number; this does not look like a circle result"}},
		{name: "result cut mid-line", kind: "result", input: saved[:strings.Index(result, "advice: ")+20],
			want: []string{"result.yaml:", "not valid YAML: "}, wantLine: true},
		{name: "result cut after its people", kind: "result", input: saved[:strings.Index(result, "\nscales:")+1],
			want: []string{"result.yaml:", "scores: missing; circle always writes it, so the file was cut short or edited by hand"}},
		{name: "hand-edited result with a bad ring", kind: "result", input: editResult("ring: inner", "ring: innermost"),
			want: []string{fmt.Sprintf(`result.yaml:%d: people[1].ring: "innermost" is not a ring; use inner, middle or outer`, lineOf(result, "ring: inner"))}},
		{name: "hand-edited result with a strength of 7", kind: "result", input: editResult("strength: ", "strength: 7\n    was: "),
			want: []string{"result.yaml:", "people[0].was: unknown field"}},
		// Version 2's own fields, hand-edited.
		{name: "result whose power is neither over, under nor none", kind: "result", input: editResult("power: over", "power: formal"),
			want: []string{"result.yaml:", `people[0].power: "formal" is not a power; use over, under or none`}},
		{name: "result with a former peer outside the organization", kind: "result", input: editResult("relationship: coach\n    was_peer: false", "relationship: coach\n    was_peer: true"),
			want: []string{"result.yaml:", "people[1].was_peer: true for someone outside the organization"}},
		{name: "result whose person is from neither version", kind: "result", input: editResult("relationship: coach", "relationship: guru"),
			want: []string{"result.yaml:", `people[1].relationship: "guru" is not a relationship of leadership-support version 3`}},
		{name: "result without the people of a finding", kind: "result", input: editResult("    people: []\n", ""),
			want: []string{"result.yaml:", "people: missing; circle always writes it"}},
		{name: "result whose almost missed a key no filter has", kind: "result", input: editResult("    people: []\n", "    people: []\n    almost:\n      - name: Dana Reyes\n        unmet: [feelings]\n        text: \"{name} almost.\"\n"),
			want: []string{"result.yaml:", `"feelings" is not a filter key`}},
		{name: "answers with a former peer outside the organization", kind: "answers", input: edit("    relationship: coach\n", "    relationship: coach\n    was_peer: true\n"),
			want: []string{"answers.yaml:11: people[1].was_peer: true for someone outside your organization (coach); was_peer is only for people inside it who used to be your peers"}},
		{name: "questionnaire whose almost names a key its match lacks", kind: "questionnaire", input: []byte(strings.Replace(qText, "    almost:\n      lead: \"{name} is someone you think out loud with\"\n", "    almost:\n      lead: \"{name} is someone you think out loud with\"\n      ring: too far\n", 1)),
			want: []string{"questionnaire.yaml:", "rules[0].almost.ring: ring is not a key of this rule's match; almost can only name keys the rule tests (system, candour_min, frequency, functions_any)"}},
		{name: "questionnaire whose almost words leave an answer without words", kind: "questionnaire", input: []byte(strings.Replace(qText, "        other: you still choose your words with them\n", "", 1)),
			want: []string{"questionnaire.yaml:", "rules[0].almost.candour_min: no words for a person whose answer is 1 or 2; add them, or other: for every answer not named"}},
		{name: "questionnaire whose count can never fire", kind: "questionnaire", input: []byte(strings.Replace(qText, "count: {min: 1, max: 1}", "count: {min: 2, max: 1}", 1)),
			want: []string{"questionnaire.yaml:", "rules[6].count: min is larger than max, so the rule could never fire"}},
		// Finite numbers outside a score's range (DESIGN.md's scoring table).
		{name: "result with a share of 1e308", kind: "result", input: editResult("    inside: 0.406", "    inside: 1e308"),
			want: []string{fmt.Sprintf("result.yaml:%d: scores.sources.inside: 1e+308 is out of range 0 to 1; circle never writes it, so the file was edited by hand", lineOf(result, "inside: 0.406"))}},
		{name: "result with a balance of -1e308", kind: "result", input: editResult("  balance: 0.188", "  balance: -1e308"),
			want: []string{fmt.Sprintf("result.yaml:%d: scores.balance: -1e+308 is out of range -1 to 1", lineOf(result, "balance: 0.188"))}},
		{name: "result with a subscale of 101", kind: "result", input: editResult("  isolation: 50", "  isolation: 101"),
			want: []string{"result.yaml:", "scores.isolation: 101 is out of range 0 to 100"}},
		{name: "result with a calibration gap of 250", kind: "result", input: editResult("  calibration_gap: -19.375", "  calibration_gap: 250"),
			want: []string{"result.yaml:", "scores.calibration_gap: 250 is out of range -100 to 100"}},
		{name: "result with more outside confidants than people", kind: "result", input: editResult("  outside_confidants: 1", "  outside_confidants: 3"),
			want: []string{"result.yaml:", "scores.outside_confidants: 3 is out of range 0 to 2"}},
		{name: "result with half an outside confidant", kind: "result", input: editResult("  outside_confidants: 1", "  outside_confidants: 0.5"),
			want: []string{"result.yaml:", "scores.outside_confidants: 0.5 is not a whole number of people"}},
		{name: "result with a fourth source", kind: "result", input: editResult("    personal: 0\n", "    personal: 0\n    bogus: 0\n"),
			want: []string{"result.yaml:", "scores.sources.bogus: not a score; the sources are inside, outside_professional and personal"}},
		{name: "result with a score given twice", kind: "result", input: editResult("  balance: 0.188", "  balance: 0.188\n  balance: 0.2"),
			want: []string{"result.yaml:", "balance"}},
		{name: "result with a calibration of 1e9", kind: "result", input: editResult("calibration: 40", "calibration: 1e9"),
			want: []string{"result.yaml:", "calibration: 1e+09 is out of range 0 to 100 (a percentage)"}},
		{name: "result with a statement answered 9", kind: "result", input: editResult("  fewer-open-conversations: 3", "  fewer-open-conversations: 9"),
			want: []string{"result.yaml:", "scales.fewer-open-conversations: 9 is out of range 1 to 5"}},
		{name: "result taken in year 1", kind: "result", input: editResult("taken_at: 2026-09-30T10:00:00Z", "taken_at: 0001-01-01T00:00:00Z"),
			want: []string{"result.yaml:", "taken_at: "}},
		{name: "answers taken in year 1", kind: "answers", input: []byte("taken_at: 0001-01-01T00:00:00Z\n" + base),
			want: []string{"answers.yaml:1: taken_at: 0001-01-01T00:00:00Z is before 2000; give the day the assessment was taken, or leave taken_at out for now"}},
		{name: "result with 501 people", kind: "result", input: editResult("people:\n", "people:\n"+strings.Repeat("  - {name: X, relationship: coach, was_peer: false, side: external, power: none, system: coaching, ring: outer, frequency: rarely, candour: 1, functions: [], strength: 0}\n", 501)),
			want: []string{"result.yaml:", "people: 503 people; circle saves at most 500, so the file was edited by hand"}},
		// Text from a hand-edited result is shown as it is: it must be
		// plain, and a finding names only people in the circle.
		{name: "result with an escape sequence in a name", kind: "result", input: editResult("  - name: Dana Reyes", `  - name: "Dana \e[2JReyes"`),
			want: []string{"result.yaml:", "people[0].name: holds a control character or escape sequence"}},
		{name: "result with a name given as !!binary", kind: "result", input: editResult("  - name: Dana Reyes", "  - name: !!binary RGFuYf8="),
			want: []string{"result.yaml:", "people[0].name: not valid UTF-8 text"}},
		{name: "result with a direction override in a gap title", kind: "result", input: editResult("    title: No one you named has held a role like yours", `    title: "No one \u202Eyou named"`),
			want: []string{"result.yaml:", "gaps[0].title: holds a control character or escape sequence"}},
		{name: "result whose finding names a stranger", kind: "result", input: editResult("    people:\n      - Alex Kim\n  - id: no-challenger", "    people:\n      - Mallory\n  - id: no-challenger"),
			want: []string{"result.yaml:", "gaps[2].people[0]: names someone who is not in this result's people"}},
		{name: "result with a formula for a function id", kind: "result", input: editResult("      - strategic_advice\n    strength", "      - '=HYPERLINK(1)'\n    strength"),
			want: []string{"result.yaml:", "people[0].functions[0]: not a function id"}},
		{name: "answers whose reflection holds an escape sequence", kind: "answers", input: edit("reflection: A quiet quarter.", `reflection: "my \e[31m note"`),
			want: []string{"answers.yaml:16: reflection: holds a control character or escape sequence; write plain text"}},
		{name: "answers whose reflection is !!binary", kind: "answers", input: edit("reflection: A quiet quarter.", "reflection: !!binary bXkg/w=="),
			want: []string{"answers.yaml:16: reflection: not valid UTF-8 text"}},
		{name: "result whose reflection has a lone carriage return", kind: "result", input: editResult("reflection: A quiet quarter.", `reflection: "plan\rhidden"`),
			want: []string{"result.yaml:", "reflection: holds a control character or escape sequence"}},
		{name: "result whose gap title is !!binary", kind: "result", input: editResult("    title: No one you named has held a role like yours", "    title: !!binary mzMxbVJFRP8="),
			want: []string{"result.yaml:", "gaps[0].title: not valid UTF-8 text"}},
		{name: "answers with a name given as !!binary", kind: "answers", input: edit("  - name: Dana Reyes", "  - name: !!binary RGFuYf8="),
			want: []string{"answers.yaml:3: people[0].name: the name is not valid UTF-8 text (a !!binary value, or a file in another encoding); write it as plain text and save the file as UTF-8"}},
		{name: "hand-edited result with a NaN score", kind: "result", input: editResult("\n  balance: ", "\n  balance: .nan\n  was: "),
			want: []string{"result.yaml:", "balance"}},
	}
}

// amplifiedQuestionnaire is the default questionnaire, valid in every
// field, with 600 KB of intro anchored and aliased as every rule's advice:
// 0.6 MB on disk, 8 MB once read. Each value is fine; the whole is not.
func amplifiedQuestionnaire(tb testing.TB) []byte {
	tb.Helper()
	data, err := questionnaires.Open(questionnaires.Default)
	if err != nil {
		tb.Fatal(err)
	}
	long := strings.Repeat("Think it through with someone outside. ", 600<<10/40)
	s := regexp.MustCompile(`(?m)^intro: \|\n(?:  .*\n|\n)+`).ReplaceAllString(string(data), "intro: &long "+strconv.Quote(long)+"\n")
	s = regexp.MustCompile(`(?m)^    advice: >-\n(?:      .*\n)+`).ReplaceAllString(s, "    advice: *long\n")
	if n := strings.Count(s, "*long"); n < 12 || len(s) > 700<<10 {
		tb.Fatalf("the amplified questionnaire has %d aliases in %d bytes", n, len(s))
	}
	return []byte(s)
}

// billionLaughs is the classic YAML bomb: nine levels of nine aliases, a
// billion leaves once expanded, under key.
func billionLaughs(key string) string {
	var b strings.Builder
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, k := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		fmt.Fprintf(&b, "%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", k, k, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = k
	}
	fmt.Fprintf(&b, "%s: *i\n", key)
	return b.String()
}

// utf16File encodes text as UTF-16 with a byte order mark.
func utf16File(text []byte, order binary.AppendByteOrder, bom ...byte) []byte {
	out := append([]byte{}, bom...)
	for _, u := range utf16.Encode([]rune(string(text))) {
		out = order.AppendUint16(out, u)
	}
	return out
}

// TestHostileHistory: a long history with a broken file among the results
// loads fast, and the broken file is an entry that names it.
func TestHostileHistory(t *testing.T) {
	q, err := assess.LoadQuestionnaire("")
	if err != nil {
		t.Fatal(err)
	}
	a := &assess.Answers{Scales: map[string]int{}}
	for _, it := range q.Likert.Items {
		a.Scales[it.ID] = 3
	}
	a.People = []assess.Person{
		{Name: "Dana Reyes", Relationship: "supervisor", Ring: assess.Middle, Frequency: assess.Weekly, Candour: 2, Functions: []string{"strategic_advice"}},
		{Name: "Alex Kim", Relationship: "coach", Ring: assess.Inner, Frequency: assess.Monthly, Candour: 5, Functions: []string{"thinking_partner"}},
	}
	s := store.New(t.TempDir())
	if err := os.MkdirAll(s.Dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	first := time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 199 {
		r := assess.NewResult(q, a, first.AddDate(0, 0, 7*i))
		data, err := r.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(s.Dir(), r.ID+".yaml"), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// One result is broken, in the middle of the history; a leftover
	// temporary file and a note are not results at all.
	brokenPath := filepath.Join(s.Dir(), "2021-06-15T090000Z.yaml")
	if err := os.WriteFile(brokenPath, []byte("schema_version: 1\npeople: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".2021-06-16T090000Z.yaml.123.tmp", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(s.Dir(), name), []byte("junk"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	start := time.Now()
	entries, err := s.List()
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 200 {
		t.Fatalf("List gave %d entries, want 200 (199 results and the broken file)", len(entries))
	}
	if took > 2*time.Second {
		t.Errorf("List took %v for 200 results", took)
	}
	t.Logf("List read 200 results in %v", took.Round(time.Millisecond))
	broken := 0
	for i, e := range entries {
		if e.Err == nil {
			if e.Result == nil || len(e.Result.People) != 2 {
				t.Errorf("entry %d (%s) has no result", i, e.ID)
			}
			if i > 0 && entries[i-1].Result != nil && !entries[i-1].Result.TakenAt.Before(e.Result.TakenAt) {
				t.Errorf("entry %d (%s) is not after entry %d (%s): List is oldest first", i, e.ID, i-1, entries[i-1].ID)
			}
			continue
		}
		broken++
		if e.Path != brokenPath || e.ID != "2021-06-15T090000Z" || e.Result != nil {
			t.Errorf("broken entry: id %s, path %s, result %v", e.ID, e.Path, e.Result)
		}
		if msg := e.Err.Error(); !strings.HasPrefix(msg, brokenPath+":") || !strings.Contains(msg, "not valid YAML") {
			t.Errorf("the broken entry's error does not name its file and what is wrong: %q", msg)
		}
	}
	if broken != 1 {
		t.Errorf("%d broken entries, want 1", broken)
	}
	latest, err := s.Resolve("latest")
	if err != nil || latest.Result == nil || !latest.Result.TakenAt.Equal(first.AddDate(0, 0, 7*198)) {
		t.Errorf("latest is %+v (%v), want the result of %v", latest, err, first.AddDate(0, 0, 7*198))
	}
}
