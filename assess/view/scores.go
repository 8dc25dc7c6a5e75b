// Package view turns a saved result, or a comparison of two, into what
// every output shows: the scores with their labels, values, words and
// meanings, the findings, the people. The text summary, the JSON and YAML
// output, the HTML report and the map's title all render a view, so that
// each word is written once.
package view

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/circle-cli/circle/assess"
)

// Def is what circle knows about one score: how it is labelled, written
// and explained.
type Def struct {
	Name  string
	Label string
	// Meaning says in one sentence what the score measures.
	Meaning string
	// format writes a value as the summary shows it.
	format func(float64) string
	// decimals is how many decimals the shown value has, so that a change
	// can be computed from the values as shown.
	decimals int
}

// defs is the registry of core score definitions. A Likert subscale,
// which a questionnaire brings, gets Subscale's definition.
var defs = map[string]Def{
	assess.ScoreBalance: {
		Name: assess.ScoreBalance, Label: "Balance", decimals: 2,
		Meaning: "Each person weighed by how strong the tie is, from −1 (all inside the organization) to +1 (all outside).",
		format:  func(v float64) string { return Signed(v, 2) },
	},
	assess.ScoreExternalCoverage: {
		Name: assess.ScoreExternalCoverage, Label: "External coverage", decimals: 2,
		Meaning: "The share of the kinds of support in this questionnaire that at least one person outside your organization gives you.",
	},
	assess.ScoreConcentration: {
		Name: assess.ScoreConcentration, Label: "Concentration", decimals: 2,
		Meaning: "How much of your support runs through a few people: 1 when one person carries it all, lower as it spreads.",
	},
	assess.ScoreDiversity: {
		Name: assess.ScoreDiversity, Label: "Diversity", decimals: 2,
		Meaning: "How varied your relationships are, from 0 (all one kind) to 1 (as varied as the questionnaire allows).",
	},
	assess.ScoreCalibrationGap: {
		Name: assess.ScoreCalibrationGap, Label: "Calibration gap", decimals: 0,
		format: func(v float64) string { return Signed(v, 0) },
	},
}

// subscaleMeanings are the default questionnaire's words for its
// subscales.
var subscaleMeanings = map[string]string{
	"isolation": "how alone the role feels",
	"filtering": "how much you edit yourself",
}

// Lookup returns the definition of a score: a core score's, or a
// subscale's (whole points of 100) for any other name.
func Lookup(name string) Def {
	if d, ok := defs[name]; ok {
		if d.format == nil {
			d.format = func(v float64) string { return fmt.Sprintf("%.*f", d.decimals, v) }
		}
		return d
	}
	d := Def{Name: name, Label: Capitalize(strings.ReplaceAll(name, "_", " ")), decimals: 0}
	d.format = func(v float64) string { return Trim(v, 0) }
	switch name {
	case "isolation":
		d.Meaning = "From your answers to the statements: how alone the role feels, 0 to 100."
	case "filtering":
		d.Meaning = "From your answers to the statements: how much you edit what you say, 0 to 100."
	default:
		d.Meaning = "From your answers to the statements of this subscale, 0 to 100."
	}
	return d
}

// Value writes a value as the summary shows it; "–" for null.
func (d Def) Value(v *float64) string {
	if v == nil {
		return "–"
	}
	return d.format(*v)
}

// Delta writes the change between two values as they are shown, so that a
// row adds up on the screen (−19 → −15 is +4, even if the unrounded change
// is 4.5): "=" when it shows as no change, "–" when either is null.
func (d Def) Delta(from, to *float64) string {
	if from == nil || to == nil {
		return "–"
	}
	shownAs := func(v float64) float64 {
		x, _ := strconv.ParseFloat(fmt.Sprintf("%.*f", d.decimals, v), 64)
		return x
	}
	diff := shownAs(*to) - shownAs(*from)
	shown := Signed(diff, d.decimals)
	if strings.Trim(shown, "+−0.") == "" {
		return "="
	}
	arrow := "↑"
	if diff < 0 {
		arrow = "↓"
	}
	return shown + " " + arrow
}

// words says what a score's value means for this result.
func words(name string, v float64, r *assess.Result) string {
	switch name {
	case assess.ScoreExternalCoverage:
		return coverageWords(r)
	case assess.ScoreConcentration:
		return concentrationWords(v)
	case assess.ScoreDiversity:
		return diversityWords(v, len(r.People))
	}
	return subscaleWords(name, v)
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
	var w string
	switch {
	case h >= 0.5:
		w = "rests on one or two people"
	case h >= 1.0/3:
		w = "rests mostly on a few people"
	case h >= 0.2:
		w = "spread across several people"
	default:
		w = "spread across many people"
	}
	return fmt.Sprintf("%s (like %s equally strong ties)", w, Trim(eff, 1))
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

// subscaleWords reads a 0-100 subscale as low, moderate or high, with its
// meaning where circle knows it.
func subscaleWords(name string, v float64) string {
	level := "low"
	switch {
	case v >= 66.5:
		level = "high"
	case v >= 33.5:
		level = "moderate"
	}
	if gloss := subscaleMeanings[name]; gloss != "" {
		return fmt.Sprintf("of 100, %s: %s", level, gloss)
	}
	return "of 100, " + level
}

// NetworkSentences explain each developmental network type in one
// sentence, after Higgins and Kram.
var NetworkSentences = map[string]string{
	assess.NetworkEntrepreneurial: "strong ties from several different worlds: the kind of circle that both supports you and widens your view.",
	assess.NetworkOpportunistic:   "ties from several different worlds, mostly light ones: the breadth is there, the depth can grow.",
	assess.NetworkTraditional:     "strong ties from only one or two worlds: deep support, from people who may all see things the same way.",
	assess.NetworkReceptive:       "light ties from one or two worlds: a circle with room to grow in both depth and breadth.",
}

// GuessWords sets the leader's guess of the outside share beside what they
// described; "" without a guess or a measurement.
func GuessWords(r *assess.Result) string {
	gap := r.Score(assess.ScoreCalibrationGap)
	if gap == nil || r.Calibration == nil {
		return ""
	}
	predicted := *r.Calibration
	measured := predicted - *gap
	s := fmt.Sprintf("you guessed %s%% of your support comes from outside; what you described puts it at %s%%", Trim(predicted, 0), Trim(measured, 0))
	switch {
	case math.Abs(*gap) < 10:
		return s + ": close."
	case *gap > 0:
		return s + fmt.Sprintf(": %s points less than you thought.", Trim(*gap, 0))
	}
	return s + fmt.Sprintf(": %s points more than you thought.", Trim(-*gap, 0))
}
