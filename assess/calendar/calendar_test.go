package calendar_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/apognu/gocal"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/calendar"
)

// The result a leader might export: a plan whose steps name people of the
// circle in the leader's own words.
const answers = `
taken_at: 2026-06-30T23:30:00Z
people:
  - {name: Dana Reyes, relationship: supervisor, ring: middle, frequency: weekly, candour: 2, functions: [strategic_advice]}
  - {name: Sam Ortiz, relationship: other_internal, was_peer: true, ring: inner, frequency: weekly, candour: 4, functions: [thinking_partner, sounding_board]}
  - {name: Alex Kim, relationship: friend, ring: middle, frequency: monthly, candour: 4, functions: [life_outside_work]}
scales: {fewer-open-conversations: 5, decide-alone: 3, someone-to-call: 1, unseen-demands: 3, understood-outside: 2, on-my-own: 4, careful-words: 2, hide-doubts: 2, say-what-i-think: 5, rehearsed-self: 3, admit-mistakes: 4, hear-what-i-want: 2}
plan:
  - finding: outside-thinking-partner
    step: Ask Dana Reyes which executive coach she trusts, then tell Sam
    by: 2026-08-14
  - finding: confidential-sounding-board
    step: Book a first conversation with a therapist; keep Fridays free
    by: 2026-09-01
`

var exportTime = time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)

func result(t *testing.T) *assess.Result {
	t.Helper()
	q, a, err := assess.LoadAnswers("answers.yaml", []byte(answers), "")
	if err != nil {
		t.Fatal(err)
	}
	return assess.NewResult(q, a, exportTime)
}

// parse reads a calendar back with gocal, a parser that shares nothing
// with the library that wrote it.
func parse(t *testing.T, data []byte) map[string]gocal.Event {
	t.Helper()
	p := gocal.NewParser(bytes.NewReader(data))
	p.SkipBounds = true
	if err := p.Parse(); err != nil {
		t.Fatalf("gocal cannot read the calendar: %v\n%s", err, data)
	}
	events := map[string]gocal.Event{}
	for _, e := range p.Events {
		if _, dup := events[e.Uid]; dup {
			t.Errorf("two events with UID %s", e.Uid)
		}
		events[e.Uid] = e
	}
	return events
}

// unfold joins RFC 5545's folded lines and undoes its text escapes: what
// a calendar shows, so that neither can hide a word from a search.
func unfold(data []byte) string {
	s := strings.ReplaceAll(string(data), "\r\n ", "")
	s = strings.ReplaceAll(s, "\r\n\t", "")
	return strings.NewReplacer(`\\`, `\`, `\n`, "\n", `\N`, "\n", `\;`, ";", `\,`, ",").Replace(s)
}

func TestCalendarEventsDatesAndReminder(t *testing.T) {
	r := result(t)
	key := calendar.StoreKey("/home/leader/.local/share/circle")
	data := calendar.Build(r, calendar.Options{Key: key, Now: exportTime, Location: time.UTC})
	events := parse(t, data)
	if len(events) != 3 {
		t.Fatalf("%d events, want the check-in and a step each for two steps", len(events))
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		uid, summary, desc string
		on                 time.Time
	}{
		// Taken 30 June, 23:30 UTC: due 90 days later, 28 September.
		{calendar.CheckInUID(key), "circle check-in", calendar.CheckInDescription, day(2026, 9, 28)},
		{calendar.StepUID(key, r.ID, "outside-thinking-partner"), "A step you planned", "See circle show.", day(2026, 8, 14)},
		{calendar.StepUID(key, r.ID, "confidential-sounding-board"), "A step you planned", "See circle show.", day(2026, 9, 1)},
	} {
		e, ok := events[tc.uid]
		if !ok {
			t.Errorf("no event %s", tc.uid)
			continue
		}
		if e.Summary != tc.summary || e.Description != tc.desc {
			t.Errorf("%s says %q / %q, want %q / %q", tc.uid, e.Summary, e.Description, tc.summary, tc.desc)
		}
		// All day: DATE values, the end the next day (exclusive).
		if e.RawStart.Params["VALUE"] != "DATE" || e.RawEnd.Params["VALUE"] != "DATE" {
			t.Errorf("%s: DTSTART %v %q, DTEND %v %q: want DATE values", tc.uid, e.RawStart.Params, e.RawStart.Value, e.RawEnd.Params, e.RawEnd.Value)
		}
		if e.RawStart.Value != tc.on.Format("20060102") || e.RawEnd.Value != tc.on.AddDate(0, 0, 1).Format("20060102") {
			t.Errorf("%s: from %s to %s, want the day %s", tc.uid, e.RawStart.Value, e.RawEnd.Value, tc.on.Format("2006-01-02"))
		}
		if !e.Start.Equal(tc.on) {
			t.Errorf("%s starts %v, want %v", tc.uid, e.Start, tc.on)
		}
		if e.Stamp == nil || !e.Stamp.Equal(exportTime) || e.LastModified == nil || !e.LastModified.Equal(exportTime) {
			t.Errorf("%s: DTSTAMP %v, LAST-MODIFIED %v, want the export time", tc.uid, e.Stamp, e.LastModified)
		}
		if e.Sequence != calendar.Sequence(exportTime) || e.Sequence <= 0 {
			t.Errorf("%s: SEQUENCE %d", tc.uid, e.Sequence)
		}
		if e.Class != "PRIVATE" {
			t.Errorf("%s: CLASS %q, want PRIVATE", tc.uid, e.Class)
		}
	}

	// The reminder, a week before the check-in: gocal skips alarms, so
	// they are read from the unfolded lines of each event.
	alarms := alarmsByEvent(t, data)
	want := []string{"ACTION:DISPLAY", "TRIGGER:-P7D", "DESCRIPTION:circle check-in in a week"}
	if got := alarms[calendar.CheckInUID(key)]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("check-in alarm %q, want %q", got, want)
	}
	if len(alarms) != 1 {
		t.Errorf("alarms on %d events, want the check-in's only: %v", len(alarms), alarms)
	}

	// RFC 5545 lines: CRLF, at most 75 octets.
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") || len(line) > 75 {
			t.Errorf("line %d is not an RFC 5545 line: %q", i+1, line)
		}
	}
}

// alarmsByEvent returns the lines inside each VALARM, in their order, by
// the UID of the event that holds it.
func alarmsByEvent(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	var uid string
	var in bool
	for _, line := range strings.Split(unfold(data), "\r\n") {
		switch {
		case line == "BEGIN:VEVENT":
			uid = ""
		case strings.HasPrefix(line, "UID:") && !in:
			uid = strings.TrimPrefix(line, "UID:")
		case line == "BEGIN:VALARM":
			in = true
		case line == "END:VALARM":
			in = false
		case in:
			out[uid] = append(out[uid], line)
		}
	}
	return out
}

// Without Details the file says nothing a colleague who sees the calendar
// should learn: no name, no finding, no step, not even a finding's id in a
// UID. With Details the titles and steps are there, the names still not.
func TestCalendarPrivacy(t *testing.T) {
	r := result(t)
	key := calendar.StoreKey("/home/leader/.local/share/circle")
	secrets := []string{"think out loud", "Nowhere outside to speak", "executive coach", "trusts", "therapist", "Fridays",
		"outside-thinking-partner", "confidential-sounding-board"}
	for _, f := range r.Findings {
		secrets = append(secrets, f.Title)
	}
	for _, s := range r.Plan {
		secrets = append(secrets, s.Step)
	}
	plain := calendar.Build(r, calendar.Options{Key: key, Now: exportTime})
	detailed := calendar.Build(r, calendar.Options{Key: key, Now: exportTime, Details: true})
	for _, text := range []string{string(plain), unfold(plain)} {
		for _, s := range secrets {
			if strings.Contains(strings.ToLower(text), strings.ToLower(s)) {
				t.Errorf("without details the calendar shows %q", s)
			}
		}
	}
	for _, data := range [][]byte{plain, detailed} {
		for _, text := range []string{string(data), unfold(data)} {
			for _, p := range r.People {
				for _, w := range append(strings.Fields(p.Name), p.Name) {
					if regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(w) + `\b`).MatchString(text) {
						t.Errorf("the calendar shows %q of %s", w, p.Name)
					}
				}
			}
		}
	}

	events := parse(t, detailed)
	step := events[calendar.StepUID(key, r.ID, "outside-thinking-partner")]
	if want := "Ask DR which executive coach she trusts, then tell SO"; step.Summary != want {
		t.Errorf("with details the step says %q, want %q", step.Summary, want)
	}
	if want := "Your first step for “No one outside to think out loud with”. See circle show."; step.Description != want {
		t.Errorf("with details the step's description is %q, want %q", step.Description, want)
	}
	step = events[calendar.StepUID(key, r.ID, "confidential-sounding-board")]
	if want := "Book a first conversation with a therapist; keep Fridays free"; step.Summary != want {
		t.Errorf("with details the step says %q, want %q", step.Summary, want)
	}
	if c := events[calendar.CheckInUID(key)]; c.Summary != calendar.CheckInSummary || c.Description != calendar.CheckInDescription {
		t.Errorf("with details the check-in says %q / %q; it has nothing more to say", c.Summary, c.Description)
	}
}

// Importing again must update, never duplicate: the check-in keeps its
// UID whatever result it comes from, two data directories never share
// one, and a later export has a higher SEQUENCE.
func TestCalendarUIDsAndSequence(t *testing.T) {
	r := result(t)
	key := calendar.StoreKey("/home/leader/.local/share/circle")
	if key != calendar.StoreKey("/home/leader/.local/share/circle") || key == calendar.StoreKey("/tmp/trial") {
		t.Error("StoreKey is not a function of the path alone")
	}
	later := *r
	later.ID, later.TakenAt, later.Plan = "2026-09-30T090000Z", time.Date(2026, 9, 30, 9, 0, 0, 0, time.UTC), nil
	first := parse(t, calendar.Build(r, calendar.Options{Key: key, Now: exportTime}))
	again := parse(t, calendar.Build(r, calendar.Options{Key: key, Now: exportTime.Add(time.Hour), Details: true}))
	next := parse(t, calendar.Build(&later, calendar.Options{Key: key, Now: exportTime.AddDate(0, 3, 0)}))
	for uid := range first {
		if _, ok := again[uid]; !ok {
			t.Errorf("%s is gone from the second export", uid)
		}
	}
	c1, c2, c3 := first[calendar.CheckInUID(key)], again[calendar.CheckInUID(key)], next[calendar.CheckInUID(key)]
	if c3.Uid == "" || len(next) != 1 {
		t.Fatalf("after a later result: %d events, check-in %q", len(next), c3.Uid)
	}
	if !(c1.Sequence < c2.Sequence && c2.Sequence < c3.Sequence) {
		t.Errorf("SEQUENCE %d, %d, %d: want each export higher than the one before", c1.Sequence, c2.Sequence, c3.Sequence)
	}
	if c3.RawStart.Value != "20261229" {
		t.Errorf("the later check-in is on %s, want 29 December", c3.RawStart.Value)
	}
}
