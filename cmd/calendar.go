package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/calendar"
	"github.com/circle-cli/circle/assess/view"
)

type calendarOptions struct {
	f       *Factory
	File    string
	Details bool
}

func newCalendarCmd(f *Factory, runF func(*calendarOptions) error) *cobra.Command {
	opts := &calendarOptions{f: f}
	c := &cobra.Command{
		Use:   "calendar -o FILE.ics",
		Short: "Put the next check-in and your plan's days in your calendar",
		Long: `Write a calendar file (.ics) to import into your calendar app: the next
check-in, 90 days after your latest result, with a reminder a week before,
and the day of each step of that result's plan. Each is an all-day event,
marked private and shown as free.

Calendars are often synced to a server, your employer's among them, so the
events say only "circle check-in" and "A step you planned": no names, no
findings, no steps. --details adds the finding and your own words to each
step's event. The names of the people in your circle never appear, not
even where you wrote them into a step: their initials stand in.

Import the file again after your next assessment: each event keeps its UID,
so a calendar app that updates on import moves the check-in to its new day
instead of adding a second one, and replaces what it imported before
(leaving out --details takes the words back out). An app that only adds on
import needs the old events deleted first. A new plan's steps are added; the
events of an earlier plan stay as they were. The check-in's UID comes from
the data directory: after moving it, or with another CIRCLE_HOME, the next
import adds a second check-in.

-o - writes the calendar to standard output. 'circle assess --calendar FILE'
writes the same calendar, without --details, once the result is saved.` + notEncrypted,
		Example: `  circle calendar -o circle.ics
  circle calendar --details -o ~/private/circle.ics
  circle assess --calendar circle.ics`,
		Args: maxArgs(0),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runCalendar(opts)
		},
	}
	c.Flags().StringVarP(&opts.File, "out", "o", "", "write the calendar to `FILE` (.ics; - for standard output)")
	c.Flags().BoolVar(&opts.Details, "details", false, "name each step's finding and say the step in your words (never names of people)")
	_ = c.MarkFlagFilename("out", "ics")
	return c
}

func runCalendar(opts *calendarOptions) error {
	req, err := newCalendarRequest(opts.File, "-o", opts.Details)
	if err != nil {
		return err
	}
	return req.write(opts.f, true)
}

// calendarRequest is a calendar to write and where: shared by calendar and
// assess --calendar, which checks it before asking any question.
type calendarRequest struct {
	file    string
	details bool
}

// newCalendarRequest checks the file named with flag (-o, or assess's
// --calendar, which has refused - already).
func newCalendarRequest(file, flag string, details bool) (*calendarRequest, error) {
	if file != "-" && !strings.EqualFold(filepath.Ext(file), ".ics") {
		if flag != "-o" {
			return nil, usageErrorf("name the calendar file with %s FILE.ics", flag)
		}
		return nil, usageErrorf("name the calendar file with -o FILE.ics, or -o - for standard output")
	}
	return &calendarRequest{file: file, details: details}, nil
}

// check refuses, before the interview, a file that could not be written
// after it: one in circle's own data directory, or in a directory that
// does not exist.
func (req *calendarRequest) check(f *Factory) error {
	if st, err := f.Store(); err == nil && st.Reserved(req.file) {
		return fmt.Errorf("cannot write %s: circle keeps its results and drafts there (%s); name a file elsewhere", oneLine(req.file), oneLine(st.Root))
	}
	dir := filepath.Dir(req.file)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("cannot write %s: there is no directory %s", oneLine(req.file), oneLine(dir))
	}
	return nil
}

// write builds the calendar of the latest saved result and writes it;
// warn names the saved files that cannot be read (assess has said what
// it has to say about the store already).
func (req *calendarRequest) write(f *Factory, warn bool) error {
	st, entries, err := listResults(f)
	if err != nil {
		return err
	}
	if warn {
		warnBroken(f, st, entries)
	}
	e, err := st.ResolveIn(entries, "latest")
	if err != nil {
		return err
	}
	latest := e.Result
	var earlier []*assess.Result
	for _, r := range readable(entries) {
		if r.ID != latest.ID {
			earlier = append(earlier, r)
		}
	}
	root := st.Root
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	data := calendar.Build(latest, calendar.Options{
		Key:      calendar.StoreKey(root),
		Details:  req.details,
		Now:      f.Now(),
		Location: time.Local,
		Earlier:  earlier,
	})
	if req.details && len(latest.Plan) > 0 {
		fmt.Fprintln(f.IO.ErrOut, "note: the calendar names your findings and says your steps in your words (never the names of people); it may sync to a server you do not control, such as your employer's")
	}
	if req.file == "-" {
		_, err := f.IO.Out.Write(data)
		return err
	}
	if err := writeOut(f, req.file, data, false); err != nil {
		return err
	}
	due := assess.NextDue(latest.TakenAt)
	what := "the check-in on " + due.Local().Format("2 January 2006")
	if due.Before(f.Now()) {
		what += " (already past: run 'circle assess' when you have ten minutes)"
	}
	if n := len(latest.Plan); n > 0 {
		what += " and " + view.Plural(n, "planned step", "planned steps")
	}
	fmt.Fprintf(f.IO.ErrOut, "Calendar written to %s: %s.\n", oneLine(req.file), what)
	return nil
}
