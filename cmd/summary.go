package cmd

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/prose"
	"github.com/circle-cli/circle/assess/view"
)

// summaryOptions says how a summary is written.
type summaryOptions struct {
	width int
	cs    colorScheme
	// q is the questionnaire the result was taken with, when the caller
	// has it (see view.NewWith); nil otherwise.
	q *assess.Questionnaire
}

// emptyAdvice is the one sentence an empty circle gets on where to start.
const emptyAdvice = "Start with one conversation outside your organization, with an executive coach, a peer advisory group or a mentor who has done a job like yours: the rest of the circle grows from there."

// writeSummary writes the text summary of a result, the way a coach would
// read it back: where the support comes from, what already works, where to
// start, the other gaps with who almost counted, what is worth watching,
// and the numbers behind it.
func writeSummary(w io.Writer, r *assess.Result, o summaryOptions) {
	v := view.NewWith(r, o.q)
	s := &summaryWriter{w: w, cs: o.cs, width: textWidth(o.width)}
	s.header(v)
	if v.Empty {
		s.empty(v)
		return
	}
	s.headline(v)
	s.strengths(v)
	s.findings(v)
	s.numbers(v)
}

// summaryWriter writes the parts of a summary at one width.
type summaryWriter struct {
	w     io.Writer
	cs    colorScheme
	width int
}

func (s *summaryWriter) para(text, indent string) {
	fmt.Fprintln(s.w, prose.Wrap(sanitize(text), s.width, indent))
}

// hanging writes text after a mark, wrapped under the text: "  ● title".
func (s *summaryWriter) hanging(indent, mark, text string, style func(string) string) {
	body := strings.TrimLeft(prose.Wrap(sanitize(text), s.width, indent+"  "), " ")
	fmt.Fprintf(s.w, "%s%s %s\n", indent, mark, style(body))
}

func plain(s string) string { return s }

func (s *summaryWriter) header(v *view.Result) {
	r := v.R
	fmt.Fprintf(s.w, "%s · %s\n", s.cs.bold("Your support circle"), r.TakenAt.Local().Format("2 Jan 2006"))
	// Wrapped as plain text first, so that colour codes do not count
	// towards the width.
	sub := prose.Wrap(fmt.Sprintf("%s v%d · %s", r.Questionnaire.ID, r.Questionnaire.Version, v.PeopleLine), s.width, "")
	fmt.Fprintf(s.w, "%s\n\n", s.cs.dim(sub))
}

// empty is the summary of a circle with nobody in it: the findings by title
// only, under one sentence on where to start.
func (s *summaryWriter) empty(v *view.Result) {
	fmt.Fprintln(s.w, s.cs.bold("Nobody is in your circle yet."))
	s.para(emptyAdvice, "  ")
	fmt.Fprintln(s.w)
	for _, f := range v.Gaps {
		s.hanging("  ", s.cs.red("●"), f.Title, plain)
	}
	for _, f := range v.Warnings {
		s.hanging("  ", s.cs.yellow("▲"), f.Title, plain)
	}
	fmt.Fprintln(s.w)
}

// headline is where the support comes from, the professional coverage and
// the outside confidants; for a result saved before those existed, the
// balance it was saved with.
func (s *summaryWriter) headline(v *view.Result) {
	cs := s.cs
	if v.Sources == nil {
		fmt.Fprintln(s.w, cs.bold("Where your support sits"))
		if v.Balance != nil {
			fmt.Fprintln(s.w, balanceBar(*v.Balance, s.width, cs))
			fmt.Fprintf(s.w, "  Balance %s: %s\n", view.Signed(*v.Balance, 2), cs.bold(v.BalanceWords))
		}
		if len(v.Inside) > 0 {
			s.para("Inside: "+oneLineList(v.Inside), "  ")
		}
		if len(v.Outside) > 0 {
			s.para("Outside: "+oneLineList(v.Outside), "  ")
		}
		fmt.Fprintln(s.w)
		return
	}
	fmt.Fprintln(s.w, cs.bold("Where your support comes from"))
	fmt.Fprintln(s.w, "  "+sourcesBar(v.Sources, s.width, cs))
	// The long labels where there is room, the short ones on a narrow
	// terminal.
	label := func(src view.Source) string {
		if s.width < 72 {
			return v.Def(src.Name).Short
		}
		return src.Label
	}
	labelWidth := 0
	for _, src := range v.Sources {
		labelWidth = max(labelWidth, len([]rune(label(src))))
	}
	for i, src := range v.Sources {
		line := fmt.Sprintf("  %s %-*s %4s  ", sourceMark(i, cs), labelWidth, label(src), fmt.Sprint(src.Pct)+"%")
		names := oneLineList(src.People)
		if names == "" {
			fmt.Fprintln(s.w, line+cs.dim("no one"))
			continue
		}
		indent := strings.Repeat(" ", len([]rune(line)))
		if s.width-len(indent) < 24 {
			// Too narrow for a column of names: they go under the label.
			fmt.Fprintln(s.w, strings.TrimRight(line, " "))
			indent = "      "
			fmt.Fprintln(s.w, prose.Wrap(names, s.width, indent))
			continue
		}
		fmt.Fprintln(s.w, line+strings.TrimLeft(prose.Wrap(names, s.width, indent), " "))
	}
	fmt.Fprintln(s.w)
	row := func(sc *view.Score) {
		if sc == nil {
			return
		}
		// Wrapped as plain text with a hanging indent, then the label made
		// bold, so that colour codes do not count towards the width.
		head := sc.Label + " " + sc.Value + ":"
		text := prose.Wrap(head+" "+sanitize(sc.Words), s.width, "    ")
		fmt.Fprintln(s.w, "  "+cs.bold(head)+strings.TrimPrefix(strings.TrimLeft(text, " "), head))
	}
	row(v.Coverage)
	row(v.Confidants)
	// The balance and the network type are kept for the field, beside the
	// headline, never as the verdict.
	var secondary []string
	if v.Balance != nil {
		secondary = append(secondary, fmt.Sprintf("Balance %s (%s, family and friends counted as outside)", view.Signed(*v.Balance, 2), v.BalanceWords))
	}
	if v.Network != "" {
		secondary = append(secondary, fmt.Sprintf("Network: %s, %s", v.Network, strings.TrimSuffix(v.NetworkSentence, ".")))
	}
	if len(secondary) > 0 {
		fmt.Fprintln(s.w, cs.dim(prose.Wrap(strings.Join(secondary, ". ")+".", s.width, "  ")))
	}
	fmt.Fprintln(s.w)
}

// strengths is what already works.
func (s *summaryWriter) strengths(v *view.Result) {
	if len(v.Strengths) == 0 {
		return
	}
	fmt.Fprintln(s.w, s.cs.bold("What already works"))
	for _, st := range v.Strengths {
		s.hanging("  ", s.cs.green("✓"), st.Text, plain)
	}
	fmt.Fprintln(s.w)
}

// findings is where to start, the other open gaps and what is worth
// watching. A person warnings are about alone is spoken of in one place,
// under their name: the warnings, then why they almost counted for a gap,
// which the gaps then leave out.
func (s *summaryWriter) findings(v *view.Result) {
	cs := s.cs
	if len(v.Gaps) == 0 && len(v.Warnings) == 0 {
		fmt.Fprintln(s.w, cs.bold("No gaps open."))
		s.para("Your circle has everything this questionnaire looks for. Keep the conversations going; re-run it next quarter to see that it holds.", "  ")
		fmt.Fprintln(s.w)
		return
	}
	grouped := v.Grouped()
	gap := func(f view.Finding, mark string) {
		s.hanging("  ", mark, f.Title, cs.bold)
		for _, a := range f.Almost {
			if !grouped[assess.NameKey(a.Name)] {
				s.hanging("    ", "·", a.Text, plain)
			}
		}
		for _, p := range f.Pairs {
			s.hanging("    ", "·", p.Text, plain)
		}
		s.para(f.Advice, "    ")
	}
	if start := v.StartHere(); start != nil {
		fmt.Fprintln(s.w, cs.bold("Start here"))
		gap(*start, cs.red("●"))
		fmt.Fprintln(s.w)
		if rest := v.Gaps[1:]; len(rest) > 0 {
			fmt.Fprintf(s.w, "%s (%d)\n", cs.bold("Also open"), len(rest))
			for _, f := range rest {
				gap(f, cs.red("●"))
			}
			fmt.Fprintln(s.w)
		}
	}
	if len(v.Warnings) == 0 {
		return
	}
	if len(v.Gaps) == 0 {
		fmt.Fprintln(s.w, cs.bold("No gaps open."))
		s.para("Every kind of support this questionnaire looks for is there. A few things are worth watching:", "  ")
		fmt.Fprintln(s.w)
	}
	fmt.Fprintf(s.w, "%s (%d)\n", cs.bold("Worth watching"), len(v.Warnings))
	for _, g := range v.WarningGroups() {
		indent := "  "
		if g.Person != "" {
			fmt.Fprintf(s.w, "  %s\n", cs.bold(oneLine(g.Person)))
			indent = "    "
		}
		for _, f := range g.Warnings {
			title := f.Title
			if g.Person == "" && f.Names != "" {
				title += ": " + oneLine(f.Names)
			}
			s.hanging(indent, cs.yellow("▲"), title, cs.bold)
			for _, a := range f.Almost {
				if !grouped[assess.NameKey(a.Name)] {
					s.hanging(indent+"  ", "·", a.Text, plain)
				}
			}
			// Who knows whom, one tie a line.
			for _, p := range f.Pairs {
				s.hanging(indent+"  ", "·", p.Text, plain)
			}
			s.para(f.Advice, indent+"  ")
		}
		almostIndent := indent
		if g.Person == "" {
			almostIndent += "  "
		}
		for _, a := range g.Almost {
			s.hanging(almostIndent, "·", a.Text, plain)
		}
	}
	fmt.Fprintln(s.w)
}

// numbers is every other score, with its words.
func (s *summaryWriter) numbers(v *view.Result) {
	fmt.Fprintln(s.w, s.cs.bold("The numbers"))
	const labelWidth = 19
	row := func(label, value, words string) {
		line := fmt.Sprintf("  %-*s %6s  ", labelWidth, label, value)
		fmt.Fprintln(s.w, line+strings.TrimLeft(prose.Wrap(sanitize(words), s.width, strings.Repeat(" ", len(line))), " "))
	}
	for _, sc := range v.Scores {
		row(sc.Label, sc.Value, sc.Words)
	}
	if v.Sources == nil && v.Network != "" {
		row("Network type", "", v.Network+": "+v.NetworkSentence)
	}
	if v.Guess != "" {
		row("Your guess", "", v.Guess)
	}
	fmt.Fprintln(s.w)
}

// oneLineList joins names for a list, each folded onto one line.
func oneLineList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = oneLine(n)
	}
	return strings.Join(out, ", ")
}

// The marks of the three sources, the same in the bar and beside each.
var sourceRunes = []string{"█", "▓", "░"}

func sourceMark(i int, cs colorScheme) string {
	return sourceColor(i, cs)(sourceRunes[i%len(sourceRunes)])
}

func sourceColor(i int, cs colorScheme) func(string) string {
	return []func(string) string{cs.blue, cs.green, cs.magenta}[i%3]
}

// sourcesBar draws the three sources as one bar, each its share of the
// cells (largest remainders, so the cells add up).
func sourcesBar(sources []view.Source, width int, cs colorScheme) string {
	cells := min(width-4, 48)
	shares := make([]float64, len(sources))
	for i, src := range sources {
		shares[i] = src.Share
	}
	counts := view.Apportion(shares, cells)
	var b strings.Builder
	for i, n := range counts {
		b.WriteString(sourceColor(i, cs)(strings.Repeat(sourceRunes[i%len(sourceRunes)], n)))
	}
	return b.String()
}

// balanceBar draws the inside and outside shares of tie strength as one
// bar, for a result saved before there were three sources. The inside
// share is (1 - balance) / 2, since balance is the strength-weighted E-I
// index.
func balanceBar(balance float64, width int, cs colorScheme) string {
	cells := width - 2 - len("Inside ") - len(" Outside")
	if cells > 40 {
		cells = 40
	}
	in := int(math.Round((1 - balance) / 2 * float64(cells)))
	bar := cs.blue(strings.Repeat("█", in)) + cs.green(strings.Repeat("░", cells-in))
	inPct := int(math.Round((1 - balance) / 2 * 100))
	shares := fmt.Sprintf("%-*s%4s", cells-4, fmt.Sprintf("%d%%", inPct), fmt.Sprintf("%d%%", 100-inPct))
	return fmt.Sprintf("  Inside %s Outside\n         %s", bar, shares)
}

// writeNotes writes the notes that results carry forward, each with the
// day it was written, under one heading; nothing when there are none.
func writeNotes(w io.Writer, notes []view.Note, o summaryOptions) {
	if len(notes) == 0 {
		return
	}
	head := "Your note"
	if len(notes) > 1 {
		head = "Your notes"
	}
	fmt.Fprintln(w, o.cs.bold(head))
	for _, n := range notes {
		// A hanging indent, so that each note starts at its date.
		fmt.Fprintln(w, hanging(fmt.Sprintf("On %s you wrote: “%s”", n.Date("2 Jan 2006"), sanitize(n.Text)), o.width))
	}
}
