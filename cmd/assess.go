package cmd

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sync"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/interview"
	"github.com/circle-cli/circle/assess/store"
	"github.com/circle-cli/circle/assess/strictyaml"
	"github.com/circle-cli/circle/assess/view"
)

type assessOptions struct {
	f *Factory

	AnswersFile   string
	Questionnaire string
	Output        string
	NoSave        bool
	DiscardDraft  bool
	MapFile       string
	CalendarFile  string
	Redact        bool
}

func newAssessCmd(f *Factory, runF func(*assessOptions) error) *cobra.Command {
	opts := &assessOptions{f: f}
	c := &cobra.Command{
		Use:   "assess",
		Short: "Take the assessment and see your support circle",
		Long: `Take the assessment in this terminal: name the people you lean on, say a
little about each, and react to a few statements about how the role feels.
The result is saved on this machine and summarised.

Every answer is kept in a draft as you go; if you stop, the next
'circle assess' offers to continue where you left off.

With --answers, no questions are asked: the answers come from a YAML file
(or standard input), for scripts and for recording an earlier quarter.

--map FILE also draws the support map; --calendar FILE.ics also writes the
next check-in and your plan's days for your calendar, as 'circle calendar'
does (without names, findings or steps).` + notEncrypted,
		Example: `  circle assess
  circle assess --answers answers.yaml
  circle assess --answers - --no-save --output json < answers.yaml
  circle assess --map circle.png --calendar circle.ics`,
		Args: maxArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runAssess(opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.AnswersFile, "answers", "", "read answers from `FILE` (- for standard input) instead of asking")
	fl.StringVarP(&opts.Questionnaire, "questionnaire", "q", "", "questionnaire `ID or PATH` (default "+assess.DefaultQuestionnaire+")")
	fl.BoolVar(&opts.NoSave, "no-save", false, "do not save the result (nor a draft)")
	fl.BoolVar(&opts.DiscardDraft, "discard-draft", false, "delete an unfinished interview and start over")
	fl.StringVar(&opts.MapFile, "map", "", "also draw the support map to `FILE` (.svg, .png or .dot)")
	fl.StringVar(&opts.CalendarFile, "calendar", "", "also write the next check-in and the plan's days to `FILE` (.ics), as circle calendar does")
	fl.BoolVar(&opts.Redact, "redact", false, "show initials instead of names in the summary and the map (the saved result keeps the names)")
	_ = c.MarkFlagFilename("map", "svg", "png", "dot")
	_ = c.MarkFlagFilename("calendar", "ics")
	_ = c.RegisterFlagCompletionFunc("questionnaire", completeQuestionnaires)
	_ = c.MarkFlagFilename("answers", "yaml", "yml")
	addLegacyOutputFlag(f, c, &opts.Output, "draws its map with --map FILE")
	return c
}

func runAssess(opts *assessOptions) error {
	f := opts.f
	if err := checkOutput(opts.Output, outputText, outputJSON, outputYAML); err != nil {
		return err
	}
	// A map request is checked now, not after ten minutes of questions.
	var mapReq *mapRequest
	if opts.MapFile == "-" {
		return usageErrorf("--map needs a file name: the summary already goes to standard output (use 'circle map -o -' for a map there)")
	}
	if opts.MapFile != "" {
		var err error
		if mapReq, err = newMapRequest(opts.MapFile, "", "", 0, opts.Redact); err != nil {
			return err
		}
	}
	// So is a calendar: the latest saved result's, so there must be one.
	var calReq *calendarRequest
	switch {
	case opts.CalendarFile == "-":
		return usageErrorf("--calendar needs a file name: the summary already goes to standard output (use 'circle calendar -o -' for a calendar there)")
	case opts.CalendarFile != "" && opts.NoSave:
		return usageErrorf("--calendar writes the dates of the saved result, and --no-save saves none; leave out one of them")
	case opts.CalendarFile != "":
		var err error
		if calReq, err = newCalendarRequest(opts.CalendarFile, "--calendar", false); err != nil {
			return err
		}
		if err := calReq.check(f); err != nil {
			return err
		}
	}
	var (
		q    *assess.Questionnaire
		a    *assess.Answers
		plan *planner
		err  error
	)
	if opts.AnswersFile != "" {
		q, a, err = readAnswers(opts)
	} else {
		if !f.IO.CanPrompt() {
			return usageErrorf("no terminal to ask questions on; give the answers with --answers FILE (or --answers - for standard input)")
		}
		q, a, plan, err = interviewAnswers(opts)
	}
	if err != nil {
		return err
	}
	if plan != nil {
		defer plan.release()
	}

	r := assess.NewResult(q, a, f.Now())
	// The newest result before this one, read once: its plan is set beside
	// this result's follow-up, and the next check-in is due from the newer
	// of the two.
	var prev *assess.Result
	if st, err := f.Store(); err == nil && (plan != nil || !opts.NoSave) {
		prev, _ = latestResult(st)
	}
	shown := func() *assess.Result {
		if opts.Redact {
			return assess.Redact(r)
		}
		return r
	}
	out := f.IO.Out
	if plan != nil {
		// The summary comes before saving: the plan is chosen with the
		// findings in view, and the result is written once, with it.
		// With --output json|yaml the data goes to standard output at
		// the end, so the summary the plan needs goes to the terminal's
		// error stream.
		sumOut := out
		if opts.Output != outputText {
			sumOut = f.IO.ErrOut
		}
		fmt.Fprintln(sumOut)
		writeSummary(sumOut, shown(), summaryOptions{width: f.IO.Width(), cs: colorScheme{f.IO.ColorEnabled()}, q: q})
		if prev != nil {
			before, now := prev, r
			if opts.Redact {
				before, now = assess.Redact(prev), shown()
			}
			writeOutcomes(sumOut, view.PlanOutcomes(before, now), f.IO.Width())
		}
		steps, err := plan.ask(r)
		if err != nil {
			return err
		}
		a.Plan, r.Plan = steps, steps
	}

	savedTo := ""
	if !opts.NoSave {
		st, err := f.Store()
		if err != nil {
			return err
		}
		save := func() error {
			var err error
			if savedTo, err = st.Save(r); err != nil {
				return err
			}
			if opts.AnswersFile == "" {
				// Only now that the result is safely on disk may the draft go.
				if err := st.RemoveDraft(); err != nil {
					fmt.Fprintf(f.IO.ErrOut, "warning: the result is saved, but the draft could not be removed: %v\n", err)
				}
			}
			return nil
		}
		if plan != nil {
			// A signal now waits for the save, and then finds nothing
			// left to keep.
			err = plan.guard(save)
			plan.release()
		} else {
			err = save()
		}
		if err != nil {
			return err
		}
		if w := st.Check(); w != "" {
			fmt.Fprintln(f.IO.ErrOut, w)
		}
	}

	if mapReq != nil {
		if err := mapReq.draw(f, r); err != nil {
			if savedTo == "" {
				return fmt.Errorf("the map could not be drawn: %w", err)
			}
			return fmt.Errorf("the result is saved, but the map could not be drawn: %w", err)
		}
	}
	if calReq != nil {
		if err := calReq.write(f, false); err != nil {
			return fmt.Errorf("the result is saved, but the calendar could not be written: %w", err)
		}
	}
	if opts.Output != outputText {
		if err := writeData(f.IO.Out, opts.Output, view.NewWith(shown(), q).Data()); err != nil {
			return err
		}
		if savedTo != "" {
			fmt.Fprintf(f.IO.ErrOut, "Saved as %s in %s\n", r.ID, oneLine(savedTo))
		}
		return nil
	}
	if plan == nil {
		// An interview showed it before the plan.
		writeSummary(out, shown(), summaryOptions{width: f.IO.Width(), cs: colorScheme{f.IO.ColorEnabled()}, q: q})
	}
	if len(r.Plan) > 0 {
		fmt.Fprintln(out)
		writePlan(out, shown(), f.IO.Width())
	}
	if savedTo != "" {
		// Not wrapped: a path broken across lines cannot be copied.
		fmt.Fprintf(out, "Saved as %s (%s).\n", r.ID, oneLine(savedTo))
		// Due from the newest result on file: backfilling an old quarter
		// does not move the next check-in.
		latest := r
		if prev != nil && prev.TakenAt.After(r.TakenAt) {
			latest = prev
		}
		writeDue(out, latest.TakenAt, f.Now(), f.IO.Width())
	} else {
		fmt.Fprintln(out, "Not saved (--no-save).")
	}
	return nil
}

// planner carries an interview past its last question: it asks for the
// plan once the summary has been shown, and keeps the interview's signal
// handling until the result is saved.
type planner struct {
	ask func(*assess.Result) ([]assess.PlanStep, error)
	// guard runs fn with the draft's write lock held, so that a signal
	// arriving then waits for it to finish.
	guard func(fn func() error) error
	// release ends the signal handling; calling it again does nothing.
	release func()
}

// readAnswers reads and checks the answers file named by --answers.
func readAnswers(opts *assessOptions) (*assess.Questionnaire, *assess.Answers, error) {
	file := opts.AnswersFile
	var (
		q   *assess.Questionnaire
		a   *assess.Answers
		err error
	)
	if file != "-" {
		q, a, err = assess.ReadAnswersFile(file, opts.Questionnaire)
	} else {
		file = "stdin"
		data, rerr := io.ReadAll(io.LimitReader(opts.f.IO.In, strictyaml.MaxFileSize+1))
		if rerr != nil {
			return nil, nil, fmt.Errorf("reading answers from standard input: %w", rerr)
		}
		q, a, err = assess.LoadAnswers(file, data, opts.Questionnaire)
	}
	if err != nil {
		return nil, nil, err
	}
	if err := a.CheckTakenAt(file, opts.f.Now()); err != nil {
		return nil, nil, err
	}
	if len(a.FollowUp) > 0 {
		// A follow-up answers the plan of the latest result before these
		// answers, whose step it keeps.
		_, entries, err := listResults(opts.f)
		if err != nil {
			return nil, nil, err
		}
		at := a.TakenAt
		if at.IsZero() {
			at = opts.f.Now()
		}
		if err := a.LinkFollowUp(file, planBefore(entries, &assess.Result{TakenAt: at})); err != nil {
			return nil, nil, err
		}
	}
	for _, n := range a.Notes {
		fmt.Fprintln(opts.f.IO.ErrOut, sanitize(n))
	}
	return q, a, nil
}

// interviewAnswers runs the interview on the terminal, resuming a draft
// when there is one and the user wants to.
func interviewAnswers(opts *assessOptions) (_ *assess.Questionnaire, _ *assess.Answers, _ *planner, err error) {
	f := opts.f
	st, err := f.Store()
	if err != nil {
		return nil, nil, nil, err
	}
	p := f.Prompter()

	var d *interview.Draft
	if !opts.NoSave {
		if opts.DiscardDraft {
			if err := st.RemoveDraft(); err != nil {
				return nil, nil, nil, err
			}
		} else if d, err = loadDraft(f, st); err != nil {
			return nil, nil, nil, err
		}
	}

	source := opts.Questionnaire
	fromDraft := false
	if d != nil && source == "" {
		source, fromDraft = d.Source, true
	}
	q, err := assess.LoadQuestionnaire(source)
	if err != nil && fromDraft {
		// The draft's questionnaire has gone (moved or deleted): keep the
		// draft, and say how to go on.
		return nil, nil, nil, fmt.Errorf("the unfinished assessment was started with %s, which cannot be read now (%v); give it again with --questionnaire, or start over with --discard-draft (the answers so far are in %s)", oneLine(source), err, st.DraftPath())
	}
	if err != nil {
		return nil, nil, nil, err
	}
	if d != nil {
		resume := false
		// A draft of an earlier version of this questionnaire is carried
		// over when the questionnaire says how its answers read now.
		if d.Upgrade(q) {
			if resume, err = askResume(p, d); err != nil {
				return nil, nil, nil, stopped(f, st, opts, err)
			}
			if !resume {
				// Never deleted: a mis-key on this screen must not cost
				// ten minutes of answers.
				aside, err := st.SetDraftAside(f.Now().UTC().Format(assess.IDFormat))
				if err != nil {
					return nil, nil, nil, fmt.Errorf("the unfinished assessment in %s could not be set aside, so nothing was changed: %w", st.DraftPath(), err)
				}
				fmt.Fprintf(f.IO.ErrOut, "The unfinished answers are kept in %s.\n", oneLine(aside))
			}
		} else {
			// Never overwrite answers: keep the other draft beside it.
			aside, err := st.SetDraftAside(f.Now().UTC().Format(assess.IDFormat))
			if err != nil {
				return nil, nil, nil, fmt.Errorf("the unfinished assessment in %s used %s v%d, not %s v%d, and could not be set aside: %w", st.DraftPath(), d.Questionnaire.ID, d.Questionnaire.Version, q.ID, q.Version, err)
			}
			fmt.Fprintf(f.IO.ErrOut, "The unfinished assessment used %s v%d, not %s v%d; it is kept as %s and a new one starts.\n",
				oneLine(d.Questionnaire.ID), d.Questionnaire.Version, q.ID, q.Version, aside)
		}
		if !resume {
			d = nil
		}
	}
	if d == nil {
		prev, err := latestResult(st)
		if err != nil {
			// A re-run starts from the last result: one that cannot be
			// read (a locked directory's key not opened) must not make
			// it a first interview in silence.
			return nil, nil, nil, fmt.Errorf("%w; nothing was asked or saved", err)
		}
		d = interview.NewDraft(q, absSource(opts.Questionnaire), f.Now(), prev)
	}

	// saving is held while the draft is written, so that a signal arriving
	// then waits for the write to finish rather than leave a temporary file.
	var saving sync.Mutex
	release := func() {}
	if f.OnTerminate != nil {
		cancel := f.OnTerminate(func() {
			saving.Lock()
			_ = stopped(f, st, opts, interview.ErrInterrupted)
		})
		var once sync.Once
		release = func() { once.Do(cancel) }
	}
	// On any return but the planner's, the signal handling ends here.
	defer func() {
		if err != nil {
			release()
		}
	}()
	iv := &interview.Interview{
		Q:     q,
		P:     p,
		Out:   f.IO.Out,
		Width: f.IO.Width(),
		Now:   f.Now,
		Save: func(d *interview.Draft) error {
			if opts.NoSave {
				return nil
			}
			data, err := d.Marshal()
			if err != nil {
				return err
			}
			saving.Lock()
			defer saving.Unlock()
			return st.SaveDraft(data)
		},
	}
	a, err := iv.Run(d)
	if err != nil {
		return nil, nil, nil, stopped(f, st, opts, err)
	}
	if err := a.Check(q, st.DraftPath(), nil); err != nil {
		return nil, nil, nil, err
	}
	plan := &planner{
		ask: func(r *assess.Result) ([]assess.PlanStep, error) {
			steps, err := iv.Plan(d, r)
			if err != nil {
				return nil, stopped(f, st, opts, err)
			}
			return steps, nil
		},
		guard: func(fn func() error) error {
			saving.Lock()
			defer saving.Unlock()
			return fn()
		},
		release: release,
	}
	return q, a, plan, nil
}

// askResume asks whether to continue an unfinished interview; starting
// over needs a second yes, and sets the unfinished answers aside.
func askResume(p interview.Prompter, d *interview.Draft) (bool, error) {
	for {
		n, err := p.Select(fmt.Sprintf("You have an unfinished assessment (%s).", d.Describe()), "",
			[]string{"Continue where I stopped", "Start over"}, 0)
		if err != nil || n == 0 {
			return true, err
		}
		sure, err := p.Confirm("Start over? Your unfinished answers are set aside in a file, not used.", "", false)
		if err != nil || sure {
			return false, err
		}
	}
}

// absSource makes a questionnaire path absolute, so that a draft can be
// resumed from another directory; built-in ids are kept as they are.
func absSource(ref string) string {
	if !assess.IsQuestionnairePath(ref) {
		return ref
	}
	if abs, err := filepath.Abs(ref); err == nil {
		return abs
	}
	return ref
}

// latestResult is the newest readable saved result, which a new interview
// starts from; nil when there is none. A locked directory whose key could
// not be opened is an error, never "none".
func latestResult(st *store.Store) (*assess.Result, error) {
	e, err := st.Resolve("latest")
	var ke *store.KeyError
	if errors.As(err, &ke) {
		return nil, err
	}
	if err != nil {
		return nil, nil // none yet, or none readable: the warnings say which
	}
	return e.Result, nil
}

// stopped says what was kept when the interview ends early.
func stopped(f *Factory, st *store.Store, opts *assessOptions, err error) error {
	if !errors.Is(err, interview.ErrInterrupted) {
		return err
	}
	if opts.NoSave {
		fmt.Fprintln(f.IO.ErrOut, "\nStopped. Nothing was kept (--no-save).")
	} else {
		fmt.Fprintf(f.IO.ErrOut, "\nStopped. Your answers so far are kept in %s; run 'circle assess' to continue.\n", st.DraftPath())
	}
	return err
}

// loadDraft reads the saved draft. One that cannot be read is set aside
// (never deleted) with a warning, and the interview starts afresh.
func loadDraft(f *Factory, st *store.Store) (*interview.Draft, error) {
	data, err := st.ReadDraft()
	if err != nil || data == nil {
		return nil, err
	}
	d, err := interview.ParseDraft(st.DraftPath(), data)
	if err == nil {
		return d, nil
	}
	aside, rerr := st.SetDraftAside(f.Now().UTC().Format(assess.IDFormat))
	if rerr != nil {
		return nil, fmt.Errorf("%v\nand it could not be set aside: %v; move it away and run again", err, rerr)
	}
	fmt.Fprintf(f.IO.ErrOut, "warning: %s\nThe unfinished assessment could not be read, so it was kept as %s and a new one starts.\n", sanitize(assess.FirstLine(err.Error())), aside)
	return nil, nil
}
