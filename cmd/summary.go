package cmd

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/circle-cli/circle/assess"
)

// networkSentences explains each developmental network type in one
// sentence, after Higgins and Kram.
var networkSentences = map[string]string{
	assess.NetworkEntrepreneurial: "strong ties from several different worlds: the kind of circle that both supports you and widens your view.",
	assess.NetworkOpportunistic:   "ties from several different worlds, mostly light ones: the breadth is there, the depth can grow.",
	assess.NetworkTraditional:     "strong ties from only one or two worlds: deep support, from people who may all see things the same way.",
	assess.NetworkReceptive:       "light ties from one or two worlds: a circle with room to grow in both depth and breadth.",
}

// summaryOptions says how a summary is written.
type summaryOptions struct {
	width int
	cs    colorScheme
}

// writeSummary writes the text summary of a result: the balance as a bar,
// each score with its words, the network type, prediction against
// measurement, and the gaps with their advice.
func writeSummary(w io.Writer, r *assess.Result, o summaryOptions) {
	cs := o.cs
	width := textWidth(o.width)
	inside, outside := 0, 0
	var inNames, outNames []string
	for _, p := range r.People {
		if p.Side == assess.External {
			outside++
			outNames = append(outNames, oneLine(p.Name))
		} else {
			inside++
			inNames = append(inNames, oneLine(p.Name))
		}
	}

	fmt.Fprintf(w, "%s · %s\n", cs.bold("Your support circle"), r.TakenAt.Local().Format("2 Jan 2006"))
	// Wrapped as plain text first, so that colour codes do not count
	// towards the width.
	sub := wrapText(fmt.Sprintf("%s v%d · %s", r.Questionnaire.ID, r.Questionnaire.Version, peopleCount(len(r.People), inside, outside)), width, "")
	fmt.Fprintf(w, "%s\n\n", cs.dim(sub))

	balance := r.Score(assess.ScoreBalance)
	fmt.Fprintln(w, cs.bold("Where your support sits"))
	if balance == nil {
		fmt.Fprintln(w, wrapText("Nobody is in your circle yet, so there is no balance to show. The gaps below say where to start.", width, "  "))
	} else {
		fmt.Fprintln(w, balanceBar(*balance, width, cs))
		fmt.Fprintf(w, "  Balance %s: %s\n", signed(*balance, 2), cs.bold(assess.BalanceWords(balance)))
	}
	if len(inNames) > 0 {
		fmt.Fprintln(w, wrapText("Inside: "+strings.Join(inNames, ", "), width, "  "))
	}
	if len(outNames) > 0 {
		fmt.Fprintln(w, wrapText("Outside: "+strings.Join(outNames, ", "), width, "  "))
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, cs.bold("Scores"))
	const labelWidth = 19
	row := func(label, value, words string) {
		line := fmt.Sprintf("  %-*s %6s  ", labelWidth, label, value)
		fmt.Fprintln(w, line+strings.TrimLeft(wrapText(words, width, strings.Repeat(" ", len(line))), " "))
	}
	if v := r.Score(assess.ScoreExternalCoverage); v != nil {
		row("External coverage", fmt.Sprintf("%.2f", *v), coverageWords(r))
	}
	if v := r.Score(assess.ScoreConcentration); v != nil {
		row("Concentration", fmt.Sprintf("%.2f", *v), concentrationWords(*v))
	}
	if v := r.Score(assess.ScoreDiversity); v != nil {
		row("Diversity", fmt.Sprintf("%.2f", *v), diversityWords(*v, len(r.People)))
	}
	for _, s := range r.Scores {
		if assess.IsCoreScore(s.Name) || s.Value == nil {
			continue
		}
		row(title(s.Name), fmt.Sprintf("%.0f", *s.Value), subscaleWords(s.Name, *s.Value))
	}
	if r.NetworkType != "" {
		row("Network type", "", r.NetworkType+": "+networkSentences[r.NetworkType])
	}
	if line := calibrationWords(r); line != "" {
		row("Your guess", "", line)
	}
	fmt.Fprintln(w)

	var gaps, warnings []assess.Finding
	for _, g := range r.Findings {
		if g.Severity == assess.SeverityGap {
			gaps = append(gaps, g)
		} else {
			warnings = append(warnings, g)
		}
	}
	if len(gaps) == 0 && len(warnings) == 0 {
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
	block("Open gaps", gaps, cs.red("●"))
	block("Worth watching", warnings, cs.yellow("▲"))
}

func peopleCount(n, inside, outside int) string {
	switch n {
	case 0:
		return "nobody named"
	case 1:
		if inside == 1 {
			return "1 person, inside the organization"
		}
		return "1 person, outside the organization"
	}
	return fmt.Sprintf("%d people: %d inside, %d outside the organization", n, inside, outside)
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

func signed(v float64, decimals int) string {
	s := fmt.Sprintf("%+.*f", decimals, v)
	if strings.Trim(s, "+-0.") == "" {
		return fmt.Sprintf("%.*f", decimals, 0.0)
	}
	return strings.Replace(s, "-", "−", 1)
}

func coverageWords(r *assess.Result) string {
	var covered, missing []string
	for _, c := range r.Coverage {
		label := strings.ReplaceAll(c.Function, "_", " ")
		if c.Outside {
			covered = append(covered, label)
		} else {
			missing = append(missing, label)
		}
	}
	total := len(covered) + len(missing)
	switch {
	case total == 0:
		return ""
	case len(covered) == 0:
		return fmt.Sprintf("none of the %d kinds of support has someone outside the organization", total)
	case len(missing) == 0:
		return fmt.Sprintf("all %d kinds of support have someone outside the organization", total)
	}
	verb := "have"
	if len(covered) == 1 {
		verb = "has"
	}
	return fmt.Sprintf("%d of %d kinds of support %s someone outside the organization; not yet: %s", len(covered), total, verb, strings.Join(missing, ", "))
}

func concentrationWords(h float64) string {
	eff := 1 / h
	var words string
	switch {
	case h >= 0.5:
		words = "rests on one or two people"
	case h >= 1.0/3:
		words = "rests mostly on a few people"
	case h >= 0.2:
		words = "spread across several people"
	default:
		words = "spread across many people"
	}
	return fmt.Sprintf("%s (like %s equally strong ties)", words, trimFloat(eff, 1))
}

func diversityWords(d float64, n int) string {
	switch {
	case n == 0:
		return "no relationships yet"
	case d < 1.0/3:
		return "a narrow mix of relationships"
	case d < 2.0/3:
		return "some mix of relationships"
	}
	return "a wide mix of relationships"
}

// subscaleWords reads a 0-100 subscale as low, moderate or high, with a
// gloss for the default questionnaire's subscales.
func subscaleWords(name string, v float64) string {
	level := "low"
	switch {
	case v >= 66.5:
		level = "high"
	case v >= 33.5:
		level = "moderate"
	}
	gloss := map[string]string{
		"isolation": "how alone the role feels",
		"filtering": "how much you edit yourself",
	}[name]
	if gloss != "" {
		return fmt.Sprintf("of 100, %s: %s", level, gloss)
	}
	return "of 100, " + level
}

func calibrationWords(r *assess.Result) string {
	gap := r.Score(assess.ScoreCalibrationGap)
	if gap == nil || r.Calibration == nil {
		return ""
	}
	predicted := *r.Calibration
	measured := predicted - *gap
	s := fmt.Sprintf("you guessed %s%% of your support comes from outside; what you described puts it at %s%%", trimFloat(predicted, 0), trimFloat(measured, 0))
	switch {
	case math.Abs(*gap) < 10:
		return s + ": close."
	case *gap > 0:
		return s + fmt.Sprintf(": %s points less than you thought.", trimFloat(*gap, 0))
	}
	return s + fmt.Sprintf(": %s points more than you thought.", trimFloat(-*gap, 0))
}

func trimFloat(v float64, decimals int) string {
	s := fmt.Sprintf("%.*f", decimals, v)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// title turns a score id into a label: isolation → Isolation.
func title(id string) string { return capitalize(strings.ReplaceAll(id, "_", " ")) }
