// Package calendar writes circle's dates as an RFC 5545 calendar (.ics):
// the next check-in, with a reminder a week before, and the day of each
// step of the latest plan, each an all-day event.
//
// A calendar rarely stays on the machine: it is imported into an account
// that syncs, often to an employer's server. So by default the events say
// only that something is planned that day ("circle check-in", "A step you
// planned"): no names, no findings, no step words. With Details the step
// events carry the finding's title and the step's words; the names of the
// people in the circle never appear, not even where the leader wrote them
// into a step (assess.RedactText puts initials in their place).
//
// The text is built by github.com/arran4/golang-ical, which escapes, folds
// and terminates lines as RFC 5545 asks.
package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/plaintext"
)

// What the events say without Details: nothing a colleague who can see
// the calendar should learn from.
const (
	CheckInSummary     = "circle check-in"
	CheckInDescription = "Run circle assess: ten minutes to see what changed since last quarter."
	AlarmDescription   = "circle check-in in a week"
	StepSummary        = "A step you planned"
	StepDescription    = "See circle show."
)

// ReminderBefore is how long before the check-in its reminder goes off,
// as an RFC 5545 duration before the start.
const ReminderBefore = "-P7D"

// Options say what goes into a calendar.
type Options struct {
	// Key names the data directory the results come from (StoreKey); every
	// UID carries it.
	Key string
	// Details adds each step's finding title and words to its event.
	Details bool
	// Now is the time of the export: DTSTAMP, LAST-MODIFIED and SEQUENCE.
	Now time.Time
	// Location decides the day of the check-in, as circle history shows
	// it; nil is time.Local.
	Location *time.Location
	// Earlier are the results before the latest: the names of their people
	// are kept out of the step words too.
	Earlier []*assess.Result
}

// StoreKey is the part of every UID that says which data directory the
// calendar came from: a hash of root, the directory's path.
//
// The check-in's UID must stay the same from one export to the next, and
// after a new result is saved, so that importing again moves the check-in
// instead of adding a second one. It cannot come from a result (each
// quarter's has a new id) nor from the date (which is what moves). What
// stays is the data directory, and it tells apart two of them (a trial run
// under another CIRCLE_HOME, two people at one computer) whose check-ins
// would otherwise overwrite each other in one calendar. It is hashed so
// that the calendar does not show the path, which often holds a login
// name. A random id kept in a file of its own would survive a move of the
// directory, but would be one more file for the store to own and forget;
// after a move, the next import adds a new check-in beside the old one,
// which is deleted by hand once.
func StoreKey(root string) string {
	return hash("circle data directory", root)[:16]
}

// CheckInUID is the UID of the check-in event of the data directory key.
func CheckInUID(key string) string { return key + "-check-in@circle" }

// StepUID is the UID of the event of a plan step: from the id of the
// result whose plan it is and the id of its finding, hashed, because a
// finding's id says what the finding is (outside-thinking-partner) and the
// UID is in the calendar with or without Details. A later result's plan
// has new steps with new UIDs; the events of an earlier plan stay in the
// calendar as they were.
func StepUID(key, resultID, finding string) string {
	return key + "-step-" + hash(resultID, finding)[:16] + "@circle"
}

func hash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sequenceEpoch is where SEQUENCE starts counting.
var sequenceEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Sequence is the SEQUENCE of every event of an export made at now: the
// minutes since 2020. A calendar takes an event whose UID it has when the
// SEQUENCE is higher (RFC 5546, 2.1.5), and every export is a revision:
// the check-in moved by a new result, and as much an export without
// Details after one with, which must take the words back out. Counting
// minutes keeps it far below 2^31 for centuries; within one minute the
// later DTSTAMP decides.
func Sequence(now time.Time) int {
	return max(0, int(now.Sub(sequenceEpoch)/time.Minute))
}

// Build returns the calendar of latest, the newest result: its check-in,
// NextDue of when it was taken, and a day for each step of its plan.
func Build(latest *assess.Result, opt Options) []byte {
	loc := opt.Location
	if loc == nil {
		loc = time.Local
	}
	cal := ics.NewCalendar()
	cal.SetProductId("-//circle-cli//circle//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)

	due := assess.NextDue(latest.TakenAt).In(loc)
	ev := addDay(cal, CheckInUID(opt.Key), due, opt.Now)
	ev.SetSummary(CheckInSummary)
	ev.SetDescription(CheckInDescription)
	alarm := ev.AddAlarm()
	alarm.SetAction(ics.ActionDisplay)
	alarm.SetTrigger(ReminderBefore)
	alarm.SetDescription(AlarmDescription)

	named := append([]*assess.Result{latest}, opt.Earlier...)
	names := assess.RedactNames(named...)
	clean := func(text string) string { return assess.RedactText(plaintext.Strip(text), names, named...) }
	for _, s := range latest.Plan {
		ev := addDay(cal, StepUID(opt.Key, latest.ID, s.Finding), s.By.Time, opt.Now)
		summary, desc := StepSummary, StepDescription
		if opt.Details {
			if words := clean(s.Step); strings.TrimSpace(words) != "" {
				summary = words
			}
			for _, g := range latest.Findings {
				if g.ID == s.Finding {
					desc = "Your first step for “" + clean(g.Title) + "”. " + desc
				}
			}
		}
		ev.SetSummary(summary)
		ev.SetDescription(desc)
	}
	// RFC 5545 ends every line in CRLF; golang-ical defaults to the
	// platform's line ending, "\n" everywhere but on Windows.
	return []byte(cal.Serialize(ics.WithNewLineWindows))
}

// addDay adds an all-day event on the day of t (as t's location has it),
// private and shown as free: a reminder, not a meeting.
func addDay(cal *ics.Calendar, uid string, t, now time.Time) *ics.VEvent {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	ev := cal.AddEvent(uid)
	ev.SetDtStampTime(now)
	ev.SetLastModifiedAt(now)
	ev.SetSequence(Sequence(now))
	ev.SetAllDayStartAt(day)
	ev.SetAllDayEndAt(day.AddDate(0, 0, 1))
	ev.SetClass(ics.ClassificationPrivate)
	ev.SetTimeTransparency(ics.TransparencyTransparent)
	return ev
}
