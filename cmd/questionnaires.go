package cmd

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/prose"
	"github.com/circle-cli/circle/assess/view"
	"github.com/circle-cli/circle/questionnaires"
)

func newQuestionnairesCmd(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:     "questionnaires",
		Aliases: []string{"questionnaire"},
		Short:   "List, show and check questionnaires",
		Long: `A questionnaire defines everything circle asks and every rule it checks (gaps and warnings).
The built-in one is ` + assess.DefaultQuestionnaire + `; a YAML file of your own works
anywhere an id does (circle assess --questionnaire PATH).`,
		Args: maxArgs(0),
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	c.AddCommand(newQuestionnairesListCmd(f, nil), newQuestionnairesShowCmd(f, nil), newQuestionnairesValidateCmd(f, nil), newQuestionnairesInitCmd(f, nil))
	return c
}

type questionnairesListOptions struct {
	f      *Factory
	Output string
}

func newQuestionnairesListCmd(f *Factory, runF func(*questionnairesListOptions) error) *cobra.Command {
	opts := &questionnairesListOptions{f: f}
	c := &cobra.Command{
		Use:   "list",
		Short: "List the built-in questionnaires",
		Args:  maxArgs(0),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runQuestionnairesList(opts)
		},
	}
	addLegacyOutputFlag(f, c, &opts.Output, "writes none")
	return c
}

type questionnaireSummary struct {
	ID         string `json:"id" yaml:"id"`
	Version    int    `json:"version" yaml:"version"`
	Title      string `json:"title" yaml:"title"`
	Generators int    `json:"generators" yaml:"generators"`
	Statements int    `json:"statements" yaml:"statements"`
	Rules      int    `json:"rules" yaml:"rules"`
}

func (s questionnaireSummary) counts() string {
	return view.Plural(s.Generators, "name question", "name questions") + ", " + view.Plural(s.Statements, "statement", "statements") + ", " + view.Plural(s.Rules, "rule", "rules")
}

func summarize(q *assess.Questionnaire) questionnaireSummary {
	return questionnaireSummary{ID: q.ID, Version: q.Version, Title: q.Title, Generators: len(q.Generators), Statements: len(q.Likert.Items), Rules: len(q.Rules)}
}

func runQuestionnairesList(opts *questionnairesListOptions) error {
	if err := checkOutput(opts.Output, outputText, outputJSON, outputYAML); err != nil {
		return err
	}
	var list []questionnaireSummary
	for _, id := range questionnaires.IDs() {
		q, err := assess.LoadQuestionnaire(id)
		if err != nil {
			return err
		}
		list = append(list, summarize(q))
	}
	if opts.Output != outputText {
		return writeData(opts.f.IO.Out, opts.Output, list)
	}
	tw := tabwriter.NewWriter(opts.f.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tTITLE\tQUESTIONS")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", s.ID, s.Version, s.Title, s.counts())
	}
	return tw.Flush()
}

type questionnairesShowOptions struct {
	f      *Factory
	Ref    string
	Output string
}

func newQuestionnairesShowCmd(f *Factory, runF func(*questionnairesShowOptions) error) *cobra.Command {
	opts := &questionnairesShowOptions{f: f}
	c := &cobra.Command{
		Use:   "show [ID|PATH]",
		Short: "Show a questionnaire: its questions, statements and rules",
		Long: `Show a questionnaire. With --output json or yaml, print its whole definition,
including every statement's id, subscale and reverse flag (the ids an answers
file's scales use).`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Ref = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runQuestionnairesShow(opts)
		},
	}
	addLegacyOutputFlag(f, c, &opts.Output, "writes none")
	c.ValidArgsFunction = func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completeQuestionnaires(c, args, toComplete)
	}
	return c
}

func runQuestionnairesShow(opts *questionnairesShowOptions) error {
	if err := checkOutput(opts.Output, outputText, outputJSON, outputYAML); err != nil {
		return err
	}
	q, err := assess.LoadQuestionnaire(opts.Ref)
	if err != nil {
		return err
	}
	if opts.Output != outputText {
		return writeData(opts.f.IO.Out, opts.Output, q)
	}
	writeQuestionnaire(opts.f.IO.Out, q, textWidth(opts.f.IO.Width()), colorScheme{opts.f.IO.ColorEnabled()})
	return nil
}

func writeQuestionnaire(w io.Writer, q *assess.Questionnaire, width int, cs colorScheme) {
	fmt.Fprintf(w, "%s  %s v%d\n\n", cs.bold(sanitize(q.Title)), q.ID, q.Version)
	if q.Intro != "" {
		fmt.Fprintln(w, prose.Wrap(sanitize(strings.TrimSpace(q.Intro)), width, "  "))
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, cs.bold("Questions that ask for people"))
	for i, g := range q.Generators {
		fmt.Fprintf(w, "  %d. %s\n", i+1, sanitize(g.Question))
		if len(g.Functions) > 0 {
			fmt.Fprintf(w, "     %s\n", cs.dim("suggests: "+strings.Join(g.Functions, ", ")))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, cs.bold("Relationships"))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range q.Relationships {
		power := ""
		if r.Power.HasPower() {
			power = "power " + string(r.Power)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", r.ID, r.Side, power, r.System, sanitize(r.Label))
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, cs.bold("Support functions"))
	for _, fn := range q.Functions {
		fmt.Fprintf(w, "  %-18s %s\n", fn.ID, sanitize(fn.Label))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%s (1 strongly disagree … 5 strongly agree)\n", cs.bold("Statements"))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, it := range q.Likert.Items {
		rev := ""
		if it.Reverse {
			rev = "reverse"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", it.ID, it.Subscale, rev, sanitize(it.Text))
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, cs.bold("Rules"))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range q.Rules {
		fmt.Fprintf(tw, "  %s\t%s (%s, %s)\n", r.ID, sanitize(r.Title), r.Kind, r.Severity)
	}
	tw.Flush()
}

type questionnairesValidateOptions struct {
	f    *Factory
	Path string
}

func newQuestionnairesValidateCmd(f *Factory, runF func(*questionnairesValidateOptions) error) *cobra.Command {
	opts := &questionnairesValidateOptions{f: f}
	return &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a questionnaire file and report every problem in it",
		Args:  exactArgs(1, "the path of one questionnaire file"),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runQuestionnairesValidate(opts)
		},
	}
}

func runQuestionnairesValidate(opts *questionnairesValidateOptions) error {
	q, err := assess.ReadQuestionnaireFile(opts.Path)
	if err != nil {
		return err
	}
	s := summarize(q)
	fmt.Fprintf(opts.f.IO.Out, "%s: ok: %s v%d, %s\n", oneLine(opts.Path), s.ID, s.Version, s.counts())
	return nil
}
