package cmd

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/view"
)

// summaryOptions says how a summary is written.
type summaryOptions struct {
	width int
	cs    colorScheme
}

// writeSummary writes the text summary of a result: the balance as a bar,
// each score with its words, the network type, prediction against
// measurement, and the gaps with their advice.
func writeSummary(w io.Writer, r *assess.Result, o summaryOptions) {
	v := view.New(r)
	cs := o.cs
	width := textWidth(o.width)
	fmt.Fprintf(w, "%s · %s\n", cs.bold("Your support circle"), r.TakenAt.Local().Format("2 Jan 2006"))
	// Wrapped as plain text first, so that colour codes do not count
	// towards the width.
	sub := wrapText(fmt.Sprintf("%s v%d · %s", r.Questionnaire.ID, r.Questionnaire.Version, v.PeopleLine), width, "")
	fmt.Fprintf(w, "%s\n\n", cs.dim(sub))

	fmt.Fprintln(w, cs.bold("Where your support sits"))
	if v.Balance == nil {
		fmt.Fprintln(w, wrapText("Nobody is in your circle yet, so there is no balance to show. The gaps below say where to start.", width, "  "))
	} else {
		fmt.Fprintln(w, balanceBar(*v.Balance, width, cs))
		fmt.Fprintf(w, "  Balance %s: %s\n", view.Signed(*v.Balance, 2), cs.bold(v.BalanceWords))
	}
	if len(v.Inside) > 0 {
		fmt.Fprintln(w, wrapText("Inside: "+oneLineList(v.Inside), width, "  "))
	}
	if len(v.Outside) > 0 {
		fmt.Fprintln(w, wrapText("Outside: "+oneLineList(v.Outside), width, "  "))
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, cs.bold("Scores"))
	const labelWidth = 19
	row := func(label, value, words string) {
		line := fmt.Sprintf("  %-*s %6s  ", labelWidth, label, value)
		fmt.Fprintln(w, line+strings.TrimLeft(wrapText(words, width, strings.Repeat(" ", len(line))), " "))
	}
	for _, s := range v.Scores {
		row(s.Label, s.Value, s.Words)
	}
	if v.Network != "" {
		row("Network type", "", v.Network+": "+v.NetworkSentence)
	}
	if v.Guess != "" {
		row("Your guess", "", v.Guess)
	}
	fmt.Fprintln(w)

	if len(v.Gaps) == 0 && len(v.Warnings) == 0 {
		fmt.Fprintln(w, cs.bold("No gaps open."))
		fmt.Fprintln(w, wrapText("Your circle has everything this questionnaire looks for. Keep the conversations going; re-run it next quarter to see that it holds.", width, "  "))
		return
	}
	block := func(head string, list []assess.Finding, mark string) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d)\n", cs.bold(head), len(list))
		for _, g := range list {
			title := strings.TrimLeft(wrapText(sanitize(g.Title), width, "    "), " ")
			fmt.Fprintf(w, "  %s %s\n", mark, cs.bold(title))
			fmt.Fprintln(w, wrapText(sanitize(g.Advice), width, "    "))
		}
		fmt.Fprintln(w)
	}
	block("Open gaps", v.Gaps, cs.red("●"))
	block("Worth watching", v.Warnings, cs.yellow("▲"))
}

// oneLineList joins names for a list, each folded onto one line.
func oneLineList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = oneLine(n)
	}
	return strings.Join(out, ", ")
}

// balanceBar draws the inside and outside shares of tie strength as one
// bar. The inside share is (1 - balance) / 2, since balance is the
// strength-weighted E-I index.
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
