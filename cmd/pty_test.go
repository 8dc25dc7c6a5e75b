package cmd_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	expect "github.com/Netflix/go-expect"
	"github.com/creack/pty"
	"github.com/hinshun/vt10x"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/store"
)

// These tests drive the real binary on a pseudo-terminal, as a person
// would: survey's own approach. vt10x emulates the terminal, so that the
// cursor-position queries survey sends get answers; without it an Input
// prompt would wait for one forever.

const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
	keyUp    = "\x1b[A"
	keyCtrlC = "\x03"
)

type terminalSession struct {
	t   *testing.T
	c   *expect.Console
	cmd *exec.Cmd
	raw *bytes.Buffer
}

// startTerminal runs `circle args…` on a fresh pseudo-terminal with home
// directories inside dir.
func startTerminal(t *testing.T, dir string, args ...string) *terminalSession {
	t.Helper()
	return startTerminalCols(t, dir, 120, args...)
}

// startTerminalCols is startTerminal on a terminal cols wide.
func startTerminalCols(t *testing.T, dir string, cols int, args ...string) *terminalSession {
	t.Helper()
	bin, err := exec.LookPath("circle")
	if err != nil {
		t.Fatalf("circle is not on PATH (TestMain puts it there): %v", err)
	}
	ptm, pts, err := pty.Open()
	if err != nil {
		t.Fatalf("opening a pseudo-terminal: %v", err)
	}
	vt := vt10x.New(vt10x.WithWriter(pts), vt10x.WithSize(cols, 50))
	raw := &bytes.Buffer{}
	c, err := expect.NewConsole(expect.WithStdin(ptm), expect.WithStdout(vt, raw), expect.WithCloser(ptm, pts),
		expect.WithDefaultTimeout(15*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(c.Tty(), &pty.Winsize{Rows: 50, Cols: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Tty(), c.Tty(), c.Tty()
	cmd.Env = append(os.Environ(),
		"CIRCLE_HOME="+filepath.Join(dir, "circle"), "HOME="+filepath.Join(dir, "home"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"TMPDIR="+dir, "NO_COLOR=1", "TERM=xterm-256color", "CIRCLE_CACHE_DIR="+testCacheDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &terminalSession{t: t, c: c, cmd: cmd, raw: raw}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		c.Close()
	})
	return s
}

// expect waits for text on the terminal; on a time-out it fails the test
// with the screen as it was.
func (s *terminalSession) expect(text string) {
	s.t.Helper()
	if _, err := s.c.ExpectString(text); err != nil {
		s.t.Fatalf("waiting for %q: %v\n--- terminal output so far ---\n%s", text, err, tail(s.raw.String(), 3000))
	}
}

func (s *terminalSession) send(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if _, err := s.c.Send(k); err != nil {
			s.t.Fatal(err)
		}
		// survey redraws after every key; give it the moment a person would.
		time.Sleep(15 * time.Millisecond)
	}
}

// interrupt presses Ctrl-C once the question on screen reads keys: sent
// before survey's raw mode, the terminal would swallow it.
func (s *terminalSession) interrupt() {
	time.Sleep(100 * time.Millisecond)
	s.send(keyCtrlC)
}

// line types an answer and Enter. It waits a moment first: text typed
// before survey has put the terminal in raw mode is echoed twice (once by
// the terminal, once by survey), which a width check would count.
func (s *terminalSession) line(text string) {
	time.Sleep(50 * time.Millisecond)
	s.send(text, keyEnter)
}

// wait waits for circle to exit and returns its exit code.
func (s *terminalSession) wait() int {
	s.t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			s.t.Fatal(err)
		}
		return 0
	case <-time.After(15 * time.Second):
		s.t.Fatalf("circle did not exit\n%s", tail(s.raw.String(), 3000))
	}
	return -1
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// nameGenerator answers one name generator: the earlier names to tick (by their
// position in the list, in order), then new names.
func (s *terminalSession) nameGenerator(question string, offered int, tick []int, names ...string) {
	s.t.Helper()
	s.expect(question)
	if offered > 0 {
		pos := 0
		for _, i := range tick {
			for ; pos < i; pos++ {
				s.send(keyDown)
			}
			s.send(" ")
		}
		s.send(keyEnter)
	}
	for i, n := range names {
		if offered > 0 || i > 0 {
			s.expect("Anyone else?")
		}
		s.line(n)
		// The answer as given, at the end of its line: survey redraws the
		// prompt while the name is typed, so "Anyone else?" alone could
		// be that redraw rather than the next question.
		s.expect(n + "\r\n")
	}
	if offered > 0 || len(names) > 0 {
		s.expect("Anyone else?")
	}
	s.send(keyEnter)
}

// bands are what a person types to pick a frequency band: its count of
// conversations a year.
var bands = map[string]string{"weekly": "20 or more", "monthly": "6 to 19", "quarterly": "2 to 5", "rarely": "once a year"}

// person answers the per-person questions by filtering each list
// with typed words, as a person can, then Enter.
func (s *terminalSession) person(name, relationship, ring, frequency, candour string) {
	s.t.Helper()
	s.expect("What is " + name + " to you?")
	s.line(relationship)
	s.expect("How close is " + name)
	s.line(ring)
	s.expect("How often do you have a real conversation with " + name)
	s.line(bands[frequency])
	s.expect("How unfiltered can you be with " + name)
	s.line(candour)
	s.expect("What does " + name + " give you?")
	s.send(keyEnter) // keep what the name questions pre-ticked
}

// likert answers the statements: each entry is how many steps to move
// from "Neither agree nor disagree" (negative: up).
func (s *terminalSession) likert(steps []int) {
	s.t.Helper()
	for i, st := range steps {
		s.expect(fmt.Sprintf("(%d/%d)", i+1, len(steps)))
		for ; st > 0; st-- {
			s.send(keyDown)
		}
		for ; st < 0; st++ {
			s.send(keyUp)
		}
		s.send(keyEnter)
	}
}

func TestTerminalInterviewSavesTheWholeCircle(t *testing.T) {
	dir := t.TempDir()
	s := startTerminal(t, dir, "assess")

	s.expect("Everything you enter stays on this machine")
	s.nameGenerator("(1/6) Who do you think out loud with", 0, nil, "Ana Silva", "Ben Okafor")
	// Ana is offered again: tick her, and add Cleo.
	s.nameGenerator("(2/6) Who can you tell that you are struggling", 2, []int{0}, "Cleo Dubois")
	// Typing an earlier name again does not create a second person.
	s.expect("(3/6) Who challenges your thinking")
	s.send(keyEnter)
	s.expect("Anyone else?")
	s.line("ben  okafor")
	s.expect("Ben Okafor is already in your circle")
	s.expect("Anyone else?")
	s.send(keyEnter)
	s.nameGenerator("(4/6) Who has held a role like yours", 3, []int{0})
	s.nameGenerator("(5/6) Who are you close to outside work", 3, []int{2})
	s.nameGenerator("(6/6) Who else do you rely on at work", 3, nil)

	s.expect("Person 1 of 3: Ana Silva")
	s.person("Ana Silva", "coach", "inner", "monthly", "completely")
	// A mis-keyed answer, corrected on the review screen below.
	s.person("Ben Okafor", "reports to you", "outer", "weekly", "careful")
	s.person("Cleo Dubois", "friend", "inner", "weekly", "mostly unfiltered")

	// Ben, inside the organization, could have been a peer; Ana and Cleo
	// are outside and are not offered.
	s.expect("Were you promoted into this role from within your organization?")
	s.line("y")
	s.expect("Which of these people were your peers before you took this role?")
	s.send(" ", keyEnter)

	// Who knows whom: Ana is offered Ben and Cleo, and knows Cleo; Ben is
	// offered Cleo only, and knows her. Two questions for three people.
	s.expect("Who knows whom")
	s.expect("Who here does Ana Silva know?")
	s.send(keyDown, " ", keyEnter)
	s.expect("Who here does Ben Okafor know?")
	s.send(" ", keyEnter)

	s.expect("How true is each of these for you lately?")
	s.likert([]int{1, 1, -1, 2, 0, 1, 2, 1, -1, 1, 0, 1})
	s.expect("Before you see your results")
	s.line("40")
	s.expect("Anything you want to remember")
	s.line("Quieter than I expected.")

	// The review: everything said, then Ben's ring put right.
	s.expect("Check your answers")
	s.expect("Ben Okafor: someone who reports to you, once your peer; outer circle")
	s.expect("Save, or change something first?")
	s.line("Ben") // typed words filter the list, as in every question
	s.expect("What about Ben Okafor?")
	s.line("How close")
	s.expect("How close is Ben Okafor")
	s.line("middle")
	s.saveWithoutPlan()

	st := store.New(filepath.Join(dir, "circle"))
	entries, err := st.List()
	if err != nil || len(entries) != 1 || entries[0].Err != nil {
		t.Fatalf("want one saved result, got %v %v", entries, err)
	}
	r := entries[0].Result
	got := map[string]assess.ResultPerson{}
	for _, p := range r.People {
		got[p.Name] = p
	}
	want := []struct {
		name, rel string
		ring      assess.Ring
		freq      assess.Frequency
		candour   int
		functions string
	}{
		// Ana: named for thinking out loud (thinking_partner), struggling
		// (sounding_board, emotional_support) and been-there.
		{"Ana Silva", "coach", assess.Inner, assess.Monthly, 5, "thinking_partner,sounding_board,emotional_support,been_there"},
		// Ben: thinking out loud, then challenges (honest_feedback).
		{"Ben Okafor", "direct_report", assess.Middle, assess.Weekly, 2, "thinking_partner,honest_feedback"},
		// Cleo: struggling, and close outside work.
		{"Cleo Dubois", "friend", assess.Inner, assess.Weekly, 4, "sounding_board,emotional_support,life_outside_work"},
	}
	if len(r.People) != len(want) {
		t.Fatalf("saved %d people, want %d: %+v", len(r.People), len(want), r.People)
	}
	for _, w := range want {
		p, ok := got[w.name]
		if !ok {
			t.Errorf("%s missing from the saved result", w.name)
			continue
		}
		if wasPeer := w.name == "Ben Okafor"; p.WasPeer != wasPeer {
			t.Errorf("%s saved with was_peer %v, want %v", w.name, p.WasPeer, wasPeer)
		}
		if p.Relationship != w.rel || p.Ring != w.ring || p.Frequency != w.freq || p.Candour != w.candour || strings.Join(p.Functions, ",") != w.functions {
			t.Errorf("%s saved as %s %s %s candour %d %v\nwant %s %s %s candour %d %s", w.name,
				p.Relationship, p.Ring, p.Frequency, p.Candour, p.Functions, w.rel, w.ring, w.freq, w.candour, w.functions)
		}
	}
	// The two ties ticked, saved both ways and sorted.
	for name, want := range map[string]string{"Ana Silva": "Cleo Dubois", "Ben Okafor": "Cleo Dubois", "Cleo Dubois": "Ana Silva,Ben Okafor"} {
		if k := strings.Join(got[name].Knows, ","); k != want {
			t.Errorf("%s saved as knowing %q, want %q", name, k, want)
		}
	}
	if !r.TiesAsked {
		t.Error("the result does not say who-knows-whom was asked")
	}
	// Steps from "Neither" (3): 1 → 4, -1 → 2, 2 → 5.
	wantScales := map[string]int{
		"fewer-open-conversations": 4, "decide-alone": 4, "someone-to-call": 2, "unseen-demands": 5,
		"understood-outside": 3, "on-my-own": 4, "careful-words": 5, "hide-doubts": 4,
		"say-what-i-think": 2, "rehearsed-self": 4, "admit-mistakes": 3, "hear-what-i-want": 4,
	}
	for id, v := range wantScales {
		if r.Scales[id] != v {
			t.Errorf("scale %s = %d, want %d", id, r.Scales[id], v)
		}
	}
	if r.Calibration == nil || *r.Calibration != 40 {
		t.Errorf("calibration = %v, want 40", r.Calibration)
	}
	if r.Reflection != "Quieter than I expected." {
		t.Errorf("reflection = %q", r.Reflection)
	}
	if _, err := os.Stat(st.DraftPath()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the draft should be gone once the result is saved: %v", err)
	}
}

// answerNames names two people and ticks nothing else, up to the first
// per-person question.
func (s *terminalSession) answerNames() {
	s.t.Helper()
	s.nameGenerator("(1/6) Who do you think out loud with", 0, nil, "Ana Silva")
	s.nameGenerator("(2/6) Who can you tell that you are struggling", 1, nil, "Ben Okafor")
	for _, q := range []string{"(3/6)", "(4/6)", "(5/6)", "(6/6)"} {
		s.nameGenerator(q, 2, nil)
	}
}

// saveWithoutPlan saves on the review screen, chooses no first step, and
// waits for circle to say where the result went and exit 0.
func (s *terminalSession) saveWithoutPlan() {
	s.t.Helper()
	s.expect("Save, or change something first?")
	s.send(keyEnter)
	s.expect("Which do you want to act on first?")
	s.send(keyEnter) // no plan
	s.expect("Saved as ")
	if code := s.wait(); code != 0 {
		s.t.Fatalf("exit code %d", code)
	}
}

// finish answers what is left after the per-person questions.
func (s *terminalSession) finish(census ...string) {
	s.t.Helper()
	s.census(census...)
	s.expect("How true is each of these for you lately?")
	s.likert(make([]int, 12))
	s.expect("Before you see your results")
	s.line("")
	s.expect("Anything you want to remember")
	s.line("")
	s.saveWithoutPlan()
}

func TestTerminalInterruptKeepsEveryAnswerForResume(t *testing.T) {
	for _, stop := range []string{"ctrl-c", "sigterm", "sighup"} {
		t.Run(stop, func(t *testing.T) {
			dir := t.TempDir()
			s := startTerminal(t, dir, "assess")
			s.answerNames()
			s.person("Ana Silva", "coach", "inner", "monthly", "completely")
			s.expect("What is Ben Okafor to you?")
			s.line("mentor")
			s.expect("How close is Ben Okafor")
			s.line("outer")
			s.expect("How often do you have a real conversation with Ben Okafor")
			switch stop {
			case "ctrl-c":
				s.interrupt()
			case "sigterm":
				s.cmd.Process.Signal(syscall.SIGTERM)
			case "sighup":
				s.cmd.Process.Signal(syscall.SIGHUP)
			}
			s.expect("Your answers so far are kept in")
			if code := s.wait(); code != 2 {
				t.Fatalf("exit code %d after %s, want 2", code, stop)
			}

			s = startTerminal(t, dir, "assess")
			s.expect("You have an unfinished assessment")
			s.send(keyEnter)
			s.expect("Welcome back")
			// It goes on exactly where it stopped: Ben's frequency.
			s.expect("How often do you have a real conversation with Ben Okafor")
			s.line(bands["quarterly"])
			s.expect("How unfiltered can you be with Ben Okafor")
			s.line("fairly open")
			s.expect("What does Ben Okafor give you?")
			s.send(keyEnter)
			s.finish("Ana Silva")

			entries, err := store.New(filepath.Join(dir, "circle")).List()
			if err != nil || len(entries) != 1 || entries[0].Result == nil {
				t.Fatalf("want one saved result, got %+v %v", entries, err)
			}
			var got []string
			for _, p := range entries[0].Result.People {
				got = append(got, fmt.Sprintf("%s %s %s %s %d %v", p.Name, p.Relationship, p.Ring, p.Frequency, p.Candour, p.Functions))
			}
			want := []string{
				"Ana Silva coach inner monthly 5 [thinking_partner]",
				"Ben Okafor mentor outer quarterly 3 [sounding_board emotional_support]",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("saved people:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestTerminalSecondAssessmentCarriesTheCircleForward(t *testing.T) {
	dir := t.TempDir()
	// The first quarter, from an answers file.
	first := exec.Command("circle", "assess", "--answers", "-", "--output", "json")
	first.Env = append(os.Environ(), "CIRCLE_HOME="+filepath.Join(dir, "circle"), "CIRCLE_CACHE_DIR="+testCacheDir())
	first.Stdin = strings.NewReader(`taken_at: 2026-08-27T09:00:00Z
people:
  - {name: Dana Reyes, relationship: supervisor, ring: middle, frequency: weekly, candour: 2, functions: [strategic_advice]}
  - {name: Sam Ortiz, relationship: direct_report, was_peer: true, ring: inner, frequency: weekly, candour: 4, functions: [thinking_partner, sounding_board]}
  - {name: Alex Kim, relationship: family, ring: inner, frequency: weekly, candour: 5, functions: [emotional_support, life_outside_work]}
scales: {fewer-open-conversations: 4, decide-alone: 4, someone-to-call: 3, unseen-demands: 4, understood-outside: 2, on-my-own: 3,
  careful-words: 5, hide-doubts: 4, say-what-i-think: 4, rehearsed-self: 4, admit-mistakes: 2, hear-what-i-want: 3}
`)
	if out, err := first.CombinedOutput(); err != nil {
		t.Fatalf("first quarter: %v\n%s", err, out)
	}

	s := startTerminal(t, dir, "assess")
	s.expect("Since last time")
	s.expect("(1/3) Dana Reyes: your manager")
	s.send(keyEnter) // as before: one keystroke
	s.expect("(2/3) Sam Ortiz")
	s.send(keyDown, keyDown, keyEnter) // no longer in the circle
	s.expect("(3/3) Alex Kim")
	s.send(keyEnter)
	s.nameGenerator("(1/6) Who do you think out loud with", 0, nil, "Kim Park")
	for _, q := range []string{"(2/6)", "(3/6)", "(4/6)", "(5/6)", "(6/6)"} {
		s.nameGenerator(q, 1, nil)
	}
	// Only the new person is asked about; nobody left inside could have
	// been a peer (Dana is the manager), so the was_peer questions are not
	// asked: the statements come next.
	s.expect("Person 1 of 1: Kim Park")
	s.person("Kim Park", "coach", "inner", "monthly", "completely")
	s.finish("Dana Reyes", "Alex Kim")

	st := store.New(filepath.Join(dir, "circle"))
	e, err := st.Resolve("latest")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range e.Result.People {
		got = append(got, fmt.Sprintf("%s %s %s %s %d %v", p.Name, p.Relationship, p.Ring, p.Frequency, p.Candour, p.Functions))
	}
	want := []string{
		"Dana Reyes supervisor middle weekly 2 [strategic_advice]",
		"Alex Kim family inner weekly 5 [emotional_support life_outside_work]",
		"Kim Park coach inner monthly 5 [thinking_partner]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("saved people:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	entries, _ := st.List()
	if len(entries) != 2 {
		t.Errorf("%d results on file, want 2", len(entries))
	}
}

// The was_peer questions are asked once, after the questions about each
// person, of a leader promoted from within; only people inside the
// organization who are not above the leader are offered; a leader who was
// not promoted is not asked who was a peer.
func TestTerminalWasPeerAskedOnceOfAPromotedLeader(t *testing.T) {
	for _, promoted := range []bool{true, false} {
		t.Run(fmt.Sprintf("promoted=%v", promoted), func(t *testing.T) {
			dir := t.TempDir()
			s := startTerminal(t, dir, "assess")
			s.nameGenerator("(1/6) Who do you think out loud with", 0, nil, "Priya Shah", "Tom Castillo", "Martin Hale", "Mark Chen")
			for _, q := range []string{"(2/6)", "(3/6)", "(4/6)", "(5/6)", "(6/6)"} {
				s.nameGenerator(q, 4, nil)
			}
			s.person("Priya Shah", "reports to you", "inner", "weekly", "completely")
			s.person("Tom Castillo", "peer at work", "middle", "monthly", "fairly open")
			s.person("Martin Hale", "your manager", "middle", "weekly", "careful")
			s.person("Mark Chen", "partner or family", "inner", "weekly", "completely")

			s.expect("Were you promoted into this role from within your organization?")
			if !promoted {
				s.line("n")
				s.finish("Priya Shah", "Tom Castillo", "Martin Hale")
			} else {
				s.line("y")
				s.expect("Which of these people were your peers before you took this role?")
				from := s.raw.Len()
				s.expect("Tom Castillo")
				offered := s.raw.String()[from:]
				if !strings.Contains(offered, "Priya Shah") {
					t.Errorf("Priya, a direct report, is not offered as a former peer:\n%s", offered)
				}
				for _, name := range []string{"Martin Hale", "Mark Chen"} {
					if strings.Contains(offered, name) {
						t.Errorf("%s is offered as a former peer (the manager, the partner):\n%s", name, offered)
					}
				}
				s.send(" ", keyEnter) // tick Priya, the first
				s.finish("Priya Shah", "Tom Castillo", "Martin Hale")
			}
			e, err := store.New(filepath.Join(dir, "circle")).Resolve("latest")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range e.Result.People {
				if p.WasPeer {
					got = append(got, p.Name)
				}
			}
			want := ""
			if promoted {
				want = "Priya Shah"
			}
			if strings.Join(got, ",") != want {
				t.Errorf("former peers saved: %q, want %q", got, want)
			}
			// Priya, once a peer and now a report, whom the leader confides
			// in: the summary names her under the former-peer warning.
			if promoted && !strings.Contains(s.raw.String(), "Your confidant used to be your peer") {
				t.Errorf("the summary has no former-peer warning:\n%s", tail(s.raw.String(), 3000))
			}
		})
	}
}

// enter waits for each text in turn and answers it with Enter: the
// default, or last time's answer.
func (s *terminalSession) enter(texts ...string) {
	s.t.Helper()
	for _, text := range texts {
		s.expect(text)
		s.send(keyEnter)
	}
}

// keepLastQuarter keeps lastQuarter's three people as they were and names
// nobody new.
func (s *terminalSession) keepLastQuarter() {
	s.t.Helper()
	s.enter("(1/3) Dana Reyes", "(2/3) Sam Ortiz", "(3/3) Alex Kim")
	s.enter("(1/6)", "(2/6)", "(3/6)", "(4/6)", "(5/6)", "(6/6)")
}

// census answers the tie question for each of these people with Enter:
// the ties ticked at the start (none, or last time's) stand.
func (s *terminalSession) census(names ...string) {
	s.t.Helper()
	for _, n := range names {
		s.enter("Who here does " + n + " know?")
	}
}

// statements answers the twelve statements with Enter each.
func (s *terminalSession) statements() {
	s.t.Helper()
	for i := 1; i <= 12; i++ {
		s.enter(fmt.Sprintf("(%d/12)", i))
	}
}

// backfill saves a result from answers, as `circle assess --answers -`.
func backfill(t *testing.T, dir, answers string) {
	t.Helper()
	c := exec.Command("circle", "assess", "--answers", "-", "--output", "json")
	c.Env = append(os.Environ(), "CIRCLE_HOME="+filepath.Join(dir, "circle"), "CIRCLE_CACHE_DIR="+testCacheDir())
	c.Stdin = strings.NewReader(answers)
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("backfilling a result: %v\n%s", err, out)
	}
}

// lastQuarter is a circle whose statements sit away from the middle, with a
// guess and a note: a re-run that starts at the middle would move them.
const lastQuarter = `taken_at: 2026-08-27T09:00:00Z
people:
  - {name: Dana Reyes, relationship: supervisor, ring: middle, frequency: weekly, candour: 2, functions: [strategic_advice]}
  - {name: Sam Ortiz, relationship: direct_report, was_peer: true, ring: inner, frequency: weekly, candour: 4, functions: [thinking_partner, sounding_board], knows: [Dana Reyes]}
  - {name: Alex Kim, relationship: family, ring: inner, frequency: weekly, candour: 5, functions: [emotional_support, life_outside_work], knows: []}
scales: {fewer-open-conversations: 4, decide-alone: 5, someone-to-call: 2, unseen-demands: 4, understood-outside: 1, on-my-own: 4,
  careful-words: 5, hide-doubts: 4, say-what-i-think: 2, rehearsed-self: 4, admit-mistakes: 2, hear-what-i-want: 3}
calibration: 35
reflection: Quieter than I expected. Book the coach before the board offsite.
`

// A quarter later, pressing Enter through every question keeps every
// answer, so every score is unchanged; the note from last time is shown at
// the start.
func TestTerminalUnchangedRerunKeepsEveryScore(t *testing.T) {
	dir := t.TempDir()
	backfill(t, dir, lastQuarter)

	s := startTerminal(t, dir, "assess")
	s.expect("Welcome back: this is your check-in")
	s.expect("Last time (27 Aug 2026) you wrote:")
	s.expect("“Quieter than I expected. Book the coach before the board offsite.”")
	s.keepLastQuarter()
	s.expect("Were you promoted into this role from within")
	s.send(keyEnter)
	s.expect("Which of these people were your peers")
	s.send(keyEnter)
	s.census("Dana Reyes", "Sam Ortiz")
	for i := 1; i <= 12; i++ {
		s.expect(fmt.Sprintf("(%d/12)", i))
		s.expect("· last time")
		s.send(keyEnter)
	}
	s.expect("Last time you guessed 35%")
	s.send(keyEnter)
	s.expect("Anything you want to remember")
	s.send(keyEnter)
	s.saveWithoutPlan()

	c := exec.Command("circle", "compare", "--output", "json")
	c.Env = append(os.Environ(), "CIRCLE_HOME="+filepath.Join(dir, "circle"), "CIRCLE_CACHE_DIR="+testCacheDir())
	out, err := c.Output()
	if err != nil {
		t.Fatalf("compare: %v", err)
	}
	var cmp struct {
		Scores map[string]struct {
			Delta *float64 `json:"delta"`
		} `json:"scores"`
		People struct {
			Gained, Lost, Moved []any
		} `json:"people"`
	}
	if err := json.Unmarshal(out, &cmp); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(cmp.Scores) < 10 {
		t.Fatalf("compare has %d scores:\n%s", len(cmp.Scores), out)
	}
	for name, sc := range cmp.Scores {
		if sc.Delta != nil && *sc.Delta != 0 {
			t.Errorf("%s moved by %v on a re-run where nothing changed", name, *sc.Delta)
		}
	}
	if n := len(cmp.People.Gained) + len(cmp.People.Lost) + len(cmp.People.Moved); n != 0 {
		t.Errorf("people changed on an unchanged re-run: %s", out)
	}
}

// "Start over" on the resume question asks again before doing anything;
// declined, the interview goes on from the draft; confirmed, the draft is
// set aside, never deleted.
func TestTerminalStartOverAsksAndKeepsTheDraft(t *testing.T) {
	dir := t.TempDir()
	s := startTerminal(t, dir, "assess")
	s.nameGenerator("(1/6) Who do you think out loud with", 0, nil, "Ana Silva")
	s.expect("(2/6)")
	s.expect("Ana Silva")
	s.interrupt()
	s.expect("Your answers so far are kept in")
	s.wait()
	st := store.New(filepath.Join(dir, "circle"))
	kept, err := os.ReadFile(st.DraftPath())
	if err != nil {
		t.Fatal(err)
	}

	// Declined: back to the choice, then on from the draft.
	s = startTerminal(t, dir, "assess")
	s.expect("You have an unfinished assessment")
	s.send(keyDown, keyEnter)
	s.expect("Start over? Your unfinished answers are set aside")
	s.line("n")
	s.expect("You have an unfinished assessment")
	s.send(keyEnter)
	s.expect("Welcome back")
	s.expect("(2/6)")
	s.expect("Ana Silva")
	s.interrupt()
	s.expect("Your answers so far are kept in")
	s.wait()
	if now, err := os.ReadFile(st.DraftPath()); err != nil || !strings.Contains(string(now), "Ana Silva") {
		t.Fatalf("the draft after declining to start over: %v\n%s", err, now)
	}

	// Confirmed: a new interview, and the old answers in a file beside it.
	s = startTerminal(t, dir, "assess")
	s.expect("You have an unfinished assessment")
	s.send(keyDown, keyEnter)
	s.expect("Start over?")
	s.line("y")
	s.expect("The unfinished answers are kept in")
	s.expect("Everything you enter stays on this machine")
	s.expect("(1/6)")
	s.interrupt()
	s.expect("Your answers so far are kept in")
	s.wait()
	aside, _ := filepath.Glob(filepath.Join(dir, "circle", "draft-kept-*.yaml"))
	if len(aside) != 1 {
		t.Fatalf("set-aside drafts: %q, want one", aside)
	}
	if got, _ := os.ReadFile(aside[0]); !bytes.Contains(got, []byte("Ana Silva")) || len(got) < len(kept)/2 {
		t.Errorf("the set-aside draft lost the answers:\n%s", got)
	}
}

// At 80 and 120 columns, no line circle or its prompts write is wider
// than the terminal, so the terminal never breaks a word: every question,
// hint and answer is broken between words by circle itself.
func TestTerminalPromptsFitTheWidth(t *testing.T) {
	for _, cols := range []int{80, 120} {
		t.Run(fmt.Sprint(cols), func(t *testing.T) {
			dir := t.TempDir()
			backfill(t, dir, lastQuarter)
			s := startTerminalCols(t, dir, cols, "assess")
			s.expect("(1/3) Dana Reyes")
			s.send(keyEnter)
			s.expect("(2/3) Sam Ortiz")
			s.send(keyDown, keyEnter) // changed: every question about Sam is asked
			s.expect("(3/3) Alex Kim")
			s.send(keyEnter)
			s.nameGenerator("(1/6) Who do you think out loud with", 0, nil, "Kim Park")
			for _, q := range []string{"(2/6)", "(3/6)", "(4/6)", "(5/6)", "(6/6)"} {
				s.nameGenerator(q, 1, nil)
			}
			s.expect("Person 1 of 2: Sam Ortiz")
			for _, q := range []string{"What is Sam Ortiz", "How close is Sam", "How often", "How unfiltered", "What does Sam"} {
				s.expect(q)
				s.send(keyEnter)
			}
			s.person("Kim Park", "coach", "inner", "monthly", "completely")
			s.expect("Were you promoted")
			s.send(keyEnter)
			s.expect("Which of these people were your peers")
			s.send(keyEnter)
			s.census("Dana Reyes", "Sam Ortiz", "Alex Kim")
			s.statements()
			s.expect("Last time you guessed")
			s.send(keyEnter)
			s.expect("Anything you want to remember")
			s.line("Kim joined; calmer than last time.")
			s.saveWithoutPlan()
			for i, line := range screenLines(s.raw.String()) {
				if w := utf8.RuneCountInString(line); w > cols {
					t.Errorf("line %d is %d wide at %d columns: %q", i, w, cols, line)
				}
			}
		})
	}
}

// screenLines splits what was written to the terminal into the lines it
// shows, escape sequences removed; a carriage return starts the line again.
func screenLines(raw string) []string {
	// Moving to the first column starts the line again; moving up or down
	// leaves it.
	plain := toColumnOne.ReplaceAllString(raw, "\r")
	plain = toOtherLine.ReplaceAllString(plain, "\n")
	plain = ansiSeq.ReplaceAllString(plain, "")
	var out []string
	for _, l := range strings.Split(plain, "\n") {
		if i := strings.LastIndex(strings.TrimRight(l, "\r"), "\r"); i >= 0 {
			l = l[i+1:]
		}
		out = append(out, strings.TrimRight(l, "\r"))
	}
	return out
}

var (
	toColumnOne = regexp.MustCompile(`\x1b\[[01]?G`)
	toOtherLine = regexp.MustCompile(`\x1b\[[0-9]*[ABEF]`)
)

var ansiSeq = regexp.MustCompile(`\x1b(\[[0-9;?]*[A-Za-z]|[78]|\][^\a]*\a)`)

// A re-run starts with last quarter's plan: what became of each step is
// asked and saved with the step's words and day; the summary then sets the
// step beside what changed, and a new first step can be chosen before the
// result is saved.
func TestTerminalRerunFollowsUpThePlan(t *testing.T) {
	dir := t.TempDir()
	backfill(t, dir, lastQuarter+`plan:
  - finding: outside-thinking-partner
    step: Ask two peers which coach they trust
    by: 2026-10-15
`)
	s := startTerminal(t, dir, "assess")
	s.expect("Your plan from last time")
	s.expect("You planned: Ask two peers which coach they trust (by 15 Oct 2026). How did it go?")
	s.line("Not yet")
	s.keepLastQuarter()
	s.expect("Were you promoted")
	s.send(keyEnter)
	s.expect("Which of these people were your peers")
	s.send(keyEnter)
	s.census("Dana Reyes", "Sam Ortiz")
	s.statements()
	s.expect("Last time you guessed")
	s.send(keyEnter)
	s.expect("Anything you want to remember")
	s.send(keyEnter)
	s.expect("Last time's step: Ask two peers which coach they trust (by 15 Oct 2026): not yet")
	s.expect("Save, or change something first?")
	s.send(keyEnter)

	// The summary, then the plan.
	s.expect("Last time's plan")
	s.expect("(by 15 Oct 2026): not yet. The gap is still open.")
	s.expect("Which do you want to act on first?")
	s.send(" ", keyEnter) // the first finding: no outside thinking partner
	s.expect("No one outside to think out loud with: a first step?")
	s.send(keyEnter) // the first suggestion
	s.expect("By which day?")
	s.line("2027-01-15")
	s.expect("Your first steps")
	s.expect("Saved as ")
	if code := s.wait(); code != 0 {
		t.Fatalf("exit code %d", code)
	}

	e, err := store.New(filepath.Join(dir, "circle")).Resolve("latest")
	if err != nil {
		t.Fatal(err)
	}
	r := e.Result
	if len(r.FollowUp) != 1 {
		t.Fatalf("follow-up saved: %+v", r.FollowUp)
	}
	f := r.FollowUp[0]
	if f.Finding != "outside-thinking-partner" || f.Status != assess.StatusNotYet || f.Step != "Ask two peers which coach they trust" ||
		f.By == nil || f.By.String() != "2026-10-15" || f.Planned != "2026-08-27T090000Z" {
		t.Errorf("follow-up saved as %+v (by %v)", f, f.By)
	}
	if len(r.Plan) != 1 || r.Plan[0].Finding != "outside-thinking-partner" || r.Plan[0].By.String() != "2027-01-15" ||
		!strings.HasPrefix(r.Plan[0].Step, "Ask two peers in other companies") {
		t.Errorf("plan saved as %+v", r.Plan)
	}
}
