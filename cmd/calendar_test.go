package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apognu/gocal"

	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/cmd/iostreams"
)

// Two quarters of a leader whose plans name people of the circle in
// their own words.
const (
	calendarQ1 = `taken_at: 2026-03-31T09:30:00Z
people:
  - {name: Dana Reyes, relationship: supervisor, ring: middle, frequency: weekly, candour: 2, functions: [strategic_advice]}
  - {name: Sam Ortiz, relationship: other_internal, was_peer: true, ring: inner, frequency: weekly, candour: 4, functions: [thinking_partner, sounding_board]}
  - {name: Alex Kim, relationship: friend, ring: middle, frequency: monthly, candour: 4, functions: [life_outside_work]}
scales: {fewer-open-conversations: 5, decide-alone: 3, someone-to-call: 1, unseen-demands: 3, understood-outside: 2, on-my-own: 4, careful-words: 2, hide-doubts: 2, say-what-i-think: 5, rehearsed-self: 3, admit-mistakes: 4, hear-what-i-want: 2}
plan:
  - finding: outside-thinking-partner
    step: Ask Dana Reyes which executive coach she trusts
    by: 2026-05-15
  - finding: confidential-sounding-board
    step: Tell Sam Ortiz I am looking for a therapist
    by: 2026-06-01
`
	calendarQ2 = `taken_at: 2026-06-30T09:30:00Z
people:
  - {name: Dana Reyes, relationship: supervisor, ring: middle, frequency: weekly, candour: 2, functions: [strategic_advice]}
  - {name: Sam Ortiz, relationship: other_internal, was_peer: true, ring: inner, frequency: weekly, candour: 4, functions: [thinking_partner, sounding_board]}
  - {name: Morgan Lee, relationship: coach, ring: inner, frequency: weekly, candour: 5, functions: [thinking_partner, sounding_board, honest_feedback]}
scales: {fewer-open-conversations: 4, decide-alone: 3, someone-to-call: 2, unseen-demands: 3, understood-outside: 2, on-my-own: 4, careful-words: 2, hide-doubts: 2, say-what-i-think: 5, rehearsed-self: 3, admit-mistakes: 4, hear-what-i-want: 2}
plan:
  - finding: been-there
    step: Ask Morgan Lee to introduce me to a peer group
    by: 2026-08-20
`
)

// calendarRun runs circle in process on the data directory home at the
// time now, and fails the test unless it exits 0.
func calendarRun(t *testing.T, home string, now time.Time, args ...string) (stdout, stderr string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	env := map[string]string{"CIRCLE_HOME": home, "HOME": home, "NO_COLOR": "1"}
	f := &Factory{IO: ios, Getenv: func(k string) string { return env[k] }, Now: func() time.Time { return now }}
	f.Store = func() (*store.Store, error) {
		st := store.New(home)
		st.Now = f.Now
		return st, nil
	}
	if code := Run(f, args); code != ExitOK {
		t.Fatalf("circle %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out.String(), errOut.String()
}

type exported struct {
	raw    []byte
	events map[string]gocal.Event // by UID
}

// exportCalendar writes the calendar with `circle calendar` and reads it
// back with gocal, a parser that shares nothing with the writer.
func exportCalendar(t *testing.T, home string, now time.Time, args ...string) exported {
	t.Helper()
	file := filepath.Join(t.TempDir(), "circle.ics")
	calendarRun(t, home, now, append([]string{"calendar", "-o", file}, args...)...)
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p := gocal.NewParser(bytes.NewReader(raw))
	p.SkipBounds = true
	if err := p.Parse(); err != nil {
		t.Fatalf("gocal cannot read the calendar: %v\n%s", err, raw)
	}
	ex := exported{raw: raw, events: map[string]gocal.Event{}}
	for _, e := range p.Events {
		ex.events[e.Uid] = e
	}
	return ex
}

// checkIn is the UID of the one event that says "circle check-in".
func (ex exported) checkIn(t *testing.T) gocal.Event {
	t.Helper()
	var found []gocal.Event
	for _, e := range ex.events {
		if e.Summary == "circle check-in" {
			found = append(found, e)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d check-in events, want 1", len(found))
	}
	return found[0]
}

func (ex exported) uids() []string {
	var out []string
	for uid := range ex.events {
		out = append(out, uid)
	}
	slices.Sort(out)
	return out
}

// Importing again must update what was imported, never add it twice: the
// same UIDs from one export to the next, and the check-in's the same after
// the next quarter's result is saved, only on its new day.
func TestCalendarReimportUpdates(t *testing.T) {
	home := t.TempDir()
	dir := t.TempDir()
	for name, text := range map[string]string{"q1.yaml": calendarQ1, "q2.yaml": calendarQ2} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	april := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	calendarRun(t, home, april, "assess", "--answers", filepath.Join(dir, "q1.yaml"))

	first := exportCalendar(t, home, april)
	again := exportCalendar(t, home, april.Add(time.Hour))
	if len(first.events) != 3 {
		t.Fatalf("%d events, want the check-in and two steps", len(first.events))
	}
	if !slices.Equal(first.uids(), again.uids()) {
		t.Errorf("a second export has other UIDs:\n%v\n%v", first.uids(), again.uids())
	}
	c1, c2 := first.checkIn(t), again.checkIn(t)
	if c1.Sequence >= c2.Sequence || !c1.Stamp.Before(*c2.Stamp) || !c1.LastModified.Before(*c2.LastModified) {
		t.Errorf("the second export is not newer: SEQUENCE %d then %d, DTSTAMP %v then %v", c1.Sequence, c2.Sequence, c1.Stamp, c2.Stamp)
	}
	// 31 March + 90 days, the day circle history gives.
	if c1.RawStart.Value != "20260629" || c1.RawStart.Params["VALUE"] != "DATE" {
		t.Errorf("check-in %v %s, want the date 29 June", c1.RawStart.Params, c1.RawStart.Value)
	}

	july := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
	calendarRun(t, home, july, "assess", "--answers", filepath.Join(dir, "q2.yaml"))
	next := exportCalendar(t, home, july)
	c3 := next.checkIn(t)
	if c3.Uid != c1.Uid {
		t.Errorf("after a new result the check-in's UID is %s, was %s: importing adds a second check-in", c3.Uid, c1.Uid)
	}
	if c3.RawStart.Value != "20260928" || c3.Sequence <= c2.Sequence {
		t.Errorf("after a new result: check-in on %s with SEQUENCE %d; want 28 September, SEQUENCE above %d", c3.RawStart.Value, c3.Sequence, c2.Sequence)
	}
	if len(next.events) != 2 {
		t.Errorf("%d events after the new result, want its check-in and its one step", len(next.events))
	}
	for uid := range next.events {
		if uid != c3.Uid && first.events[uid].Uid != "" {
			t.Errorf("a step of the new plan has the UID of a step of the old one: %s", uid)
		}
	}

	// Another data directory is another leader (or a trial run): its
	// check-in must not replace this one.
	other := t.TempDir()
	calendarRun(t, other, april, "assess", "--answers", filepath.Join(dir, "q1.yaml"))
	if o := exportCalendar(t, other, april); o.checkIn(t).Uid == c1.Uid {
		t.Error("two data directories give their check-ins the same UID")
	}
}

// A calendar may sync to an employer's server: without --details no byte
// of it names a person, a finding or a step; with --details the findings
// and steps are there, the people still not.
func TestCalendarKeepsNamesOut(t *testing.T) {
	home := t.TempDir()
	answers := filepath.Join(t.TempDir(), "q1.yaml")
	if err := os.WriteFile(answers, []byte(calendarQ1), 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	calendarRun(t, home, now, "assess", "--answers", answers)
	plain := exportCalendar(t, home, now)
	detailed := exportCalendar(t, home, now, "--details")

	names := []string{"Dana Reyes", "Dana", "Reyes", "Sam Ortiz", "Sam", "Ortiz", "Alex Kim", "Alex", "Kim"}
	findings := []string{"No one outside to think out loud with", "Nowhere outside to speak in full confidence", "outside-thinking-partner", "confidential-sounding-board"}
	steps := []string{"which executive coach she trusts", "looking for a therapist", "executive coach", "therapist"}
	for _, tc := range []struct {
		ex     exported
		absent []string
	}{
		{plain, slices.Concat(names, findings, steps)},
		{detailed, names},
	} {
		// Every byte as written, and the text as a calendar shows it
		// (lines unfolded, escapes undone), so that a fold cannot split
		// a name past a search.
		shown := strings.NewReplacer("\r\n ", "", `\,`, ",", `\;`, ";", `\n`, "\n", `\\`, `\`).Replace(string(tc.ex.raw))
		for _, text := range []string{string(tc.ex.raw), shown} {
			for _, s := range tc.absent {
				if regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(s) + `\b`).MatchString(text) {
					t.Errorf("the calendar shows %q:\n%s", s, tc.ex.raw)
				}
			}
		}
	}
	var summaries, descriptions []string
	for _, e := range detailed.events {
		summaries = append(summaries, e.Summary)
		descriptions = append(descriptions, e.Description)
	}
	slices.Sort(summaries)
	if want := []string{"Ask DR which executive coach she trusts", "Tell SO I am looking for a therapist", "circle check-in"}; !slices.Equal(summaries, want) {
		t.Errorf("with --details the events say %q, want %q", summaries, want)
	}
	for _, title := range findings[:2] {
		if !slices.ContainsFunc(descriptions, func(d string) bool { return strings.Contains(d, "“"+title+"”") }) {
			t.Errorf("with --details no event names the finding %q: %q", title, descriptions)
		}
	}
	for _, e := range plain.events {
		if e.Summary != "circle check-in" && (e.Summary != "A step you planned" || e.Description != "See circle show.") {
			t.Errorf("without --details an event says %q / %q", e.Summary, e.Description)
		}
	}
}
