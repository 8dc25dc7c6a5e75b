// Package view turns a saved result, or a comparison of two, into what
// every output shows: the scores with their labels, values, words and
// meanings, the findings with the people they name, what already works.
// The text summary, the JSON and YAML output, the HTML report and the
// map's title all render a view, so that each word is written once.
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
	// Short is the label where a table has little room (compare, trend).
	Short string
	// Meaning says in one sentence what the score measures.
	Meaning string
	// format writes a value as the summary shows it.
	format func(float64) string
	// decimals is how many decimals the shown value has (of a share: of
	// the share, not of the percentage), so that a change can be computed
	// from the values as shown.
	decimals int
	// gloss is a subscale's meaning in a few words.
	gloss string
	// pct is a share shown as a percentage.
	pct bool
	// halfUp rounds the value as saved (3 decimals) half up to the
	// decimals shown, as a reader works it out: an efficiency of 0.625
	// is 0.63, not Go's half-even 0.62. The measures of who knows whom
	// land on such halves often (a circle of four: multiples of 1/8).
	halfUp bool
	// Better is which way the score is better in itself, where circle
	// may say so (DESIGN.md, "Comparing two results"); most scores are
	// neither.
	Better Better
	// subscale marks an entry that only says which way a Likert subscale
	// is better: its words come from the questionnaire.
	subscale bool
}

// Better is which way a score is better in itself.
type Better int

// The ways a score can be better.
const (
	// Neither: more or less is not better in itself (balance, diversity,
	// concentration…): a change is only up or down.
	Neither Better = iota
	// Up: more is better (professional coverage, outside confidants).
	Up
	// Down: less is better (isolation, filtering).
	Down
)

// The directions of a change in a score, as JSON and YAML write them.
// Better, worse and same are said only of a score that is better one way
// (Def.Better); every other score goes up or down or is unchanged. A
// score that was null and has a value now is new.
const (
	DirBetter    = "better"
	DirWorse     = "worse"
	DirSame      = "same"
	DirUp        = "up"
	DirDown      = "down"
	DirUnchanged = "unchanged"
	DirNew       = "new"
)

// defs is the registry of core score definitions. A Likert subscale,
// which a questionnaire brings, is defined by Lookup from the
// questionnaire's words.
var defs = map[string]Def{
	assess.ScoreSourcesInside: {
		Label: "Inside the organization", Short: "Inside", pct: true,
		Meaning: "The share of your support, each person weighed by how strong the tie is, that comes from people inside your organization.",
	},
	assess.ScoreSourcesProfessional: {
		Label: "Outside, at a professional distance", Short: "Outside, professional", pct: true,
		Meaning: "The share of your support from people outside your organization who are not part of your personal life: coaches, mentors, peer groups, former colleagues.",
	},
	assess.ScoreSourcesPersonal: {
		Label: "Your personal life", Short: "Personal life", pct: true,
		Meaning: "The share of your support from family and friends: outside the organization, and living with the consequences of your decisions.",
	},
	assess.ScoreProfessionalCoverage: {
		Label: "Professional coverage", decimals: 2, Better: Up,
		Meaning: "The share of the kinds of support a role like yours needs (all but life outside work) that someone at a professional distance gives you, someone you talk to more than once a year.",
	},
	assess.ScoreOutsideConfidants: {
		Label: "Outside confidants", decimals: 0, Better: Up,
		Meaning: "How many people at a professional distance you think out loud with or confide in, unfiltered (candour 4 or 5), more than once a year.",
	},
	assess.ScoreBalance: {
		Label: "Balance", decimals: 2, format: func(v float64) string { return Signed(v, 2) },
		Meaning: "Each person weighed by how strong the tie is, from −1 (all inside the organization) to +1 (all outside, family and friends included).",
	},
	assess.ScoreExternalCoverage: {
		Label: "External coverage", decimals: 2,
		Meaning: "The share of the kinds of support in this questionnaire that at least one person outside your organization gives you, family and friends included.",
	},
	assess.ScoreConcentration: {
		Label: "Concentration", decimals: 2,
		Meaning: "How much of your support runs through a few people: 1 when one person carries it all, lower as it spreads.",
	},
	assess.ScoreDiversity: {
		Label: "Diversity", decimals: 2,
		Meaning: "How varied your relationships are, from 0 (all one kind) to 1 (as varied as the questionnaire allows).",
	},
	assess.ScoreCalibrationGap: {
		Label: "Calibration gap", decimals: 0, format: func(v float64) string { return Signed(v, 0) },
		Meaning: "Your guess of the share of support from outside, minus what you described, in points.",
	},
	// The two subscales of the default questionnaire that are better
	// lower; their words come from the questionnaire.
	"isolation": {subscale: true, Better: Down},
	"filtering": {subscale: true, Better: Down},
	// The measures of the ties among people (questionnaire version 3):
	// null, and not shown, when who knows whom was not asked.
	assess.ScoreEffectiveSize: {
		Label: "Effective size", decimals: 2, halfUp: true, Better: Up,
		Meaning: "How many of the people in your circle bring something the others do not: the number of people, less the overlap where they know each other (Borgatti's effective size).",
	},
	assess.ScoreEfficiency: {
		Label: "Efficiency", decimals: 2, halfUp: true, Better: Up,
		Meaning: "Effective size as a share of everyone in your circle: 1 when nobody in it knows anyone else in it, lower the more of them know each other.",
	},
	assess.ScoreConstraint: {
		Label: "Constraint", decimals: 2, halfUp: true, Better: Down,
		Meaning: "How much of what you hear runs through a few people who know each other (Burt's constraint): lower with more people, and with people who do not know each other.",
	},
	assess.ScoreTieDensity: {
		Label: "Tie density", decimals: 2, halfUp: true,
		Meaning: "The share of the pairs of people in your circle who know each other.",
	},
}

// Lookup returns the definition of a score: a core score's, or for any
// other name a Likert subscale's (whole points of 100), in the words q
// gives it. With q nil, or a q without words for it, the default
// questionnaire's words are used.
func Lookup(name string, q *assess.Questionnaire) Def {
	d := lookup(name, q)
	if d.Short == "" {
		d.Short = d.Label
	}
	return d
}

func lookup(name string, q *assess.Questionnaire) Def {
	if d, ok := defs[name]; ok && !d.subscale {
		d.Name = name
		if d.pct {
			d.format = func(v float64) string { return fmt.Sprintf("%d%%", percentOf(v)) }
		}
		if d.format == nil {
			decimals, up := d.decimals, d.halfUp
			d.format = func(v float64) string {
				if up {
					v = halfUp(v, decimals)
				}
				return fmt.Sprintf("%.*f", decimals, v)
			}
		}
		return d
	}
	d := Def{Name: name, Label: Capitalize(strings.ReplaceAll(name, "_", " ")), format: func(v float64) string { return Trim(v, 0) }}
	d.Meaning = "From your answers to the statements of this subscale, 0 to 100."
	sub, ok := assess.Subscale{}, false
	if q != nil {
		sub, ok = q.Subscale(name)
	}
	if !ok {
		if def := assess.Current(assess.DefaultQuestionnaire); def != nil {
			sub, ok = def.Subscale(name)
		}
	}
	if ok {
		d.Label = sub.Label
		d.Meaning = fmt.Sprintf("From your answers to the statements: %s, 0 to 100.", sub.Meaning)
		d.gloss = sub.Meaning
	}
	d.Better = defs[name].Better
	return d
}

// Direction says which way a score moved from one value to the other:
// better, worse or same (a change that rounds to 0 at 3 decimals, as
// JSON keeps it) for a score that is better one way; up, down or
// unchanged for every other; new when it was null and has a value now.
// "" when it had a value and has none now: no direction can be given.
func (d Def) Direction(from, to *float64) string {
	switch {
	case from == nil && to == nil:
		if d.Better == Neither {
			return DirUnchanged
		}
		return DirSame
	case from == nil:
		return DirNew
	case to == nil:
		return ""
	}
	diff := assess.Round3(*to - *from)
	switch d.Better {
	case Up, Down:
		if diff == 0 {
			return DirSame
		}
		if (diff > 0) == (d.Better == Up) {
			return DirBetter
		}
		return DirWorse
	}
	switch {
	case diff > 0:
		return DirUp
	case diff < 0:
		return DirDown
	}
	return DirUnchanged
}

// percentOf is a share as a whole percentage, half up on its three
// decimals as saved: 0.765 is 77%, 0.235 is 24% (floating point, and Go's
// half-even, would make them 76% and 23%).
func percentOf(v float64) int {
	return int(math.Floor(math.Round(v*1000)/10 + 0.5))
}

// halfUp rounds v, as saved to 3 decimals, half up to decimals (at
// most 3): 0.625 is 0.63, 0.145 is 0.15. The thousandths are a whole
// number, and a half of one at the decimals kept is exact in binary, so
// nothing is lost on the way (v·100 would make 0.145 a hair under 14.5).
func halfUp(v float64, decimals int) float64 {
	thousandths := math.Round(v * 1000)
	unit := math.Pow10(3 - decimals)
	return math.Floor(thousandths/unit+0.5) / math.Pow10(decimals)
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
	decimals, unit := d.decimals, ""
	shownAs := func(v float64) float64 {
		if d.halfUp {
			return halfUp(v, decimals)
		}
		x, _ := strconv.ParseFloat(fmt.Sprintf("%.*f", decimals, v), 64)
		return x
	}
	if d.pct {
		// A share is shown, and so changes, in whole percentage points.
		decimals, unit = 0, " pts"
		shownAs = func(v float64) float64 { return float64(percentOf(v)) }
	}
	return delta(shownAs(*to)-shownAs(*from), decimals, unit)
}

// delta writes a change as shown: signed, with its unit and an arrow; "="
// when it shows as none.
func delta(diff float64, decimals int, unit string) string {
	shown := Signed(diff, decimals)
	if strings.Trim(shown, "+−0.") == "" {
		// A change too small to show at this precision is no change.
		return "="
	}
	arrow := "↑"
	if diff < 0 {
		arrow = "↓"
	}
	return shown + unit + " " + arrow
}

// words says what a score's value means for this result; "" where the
// value says it all.
func (d Def) words(v float64, r *assess.Result) string {
	switch d.Name {
	case assess.ScoreExternalCoverage:
		return coverageWords(r)
	case assess.ScoreProfessionalCoverage:
		return professionalCoverageWords(r)
	case assess.ScoreConcentration:
		return concentrationWords(v)
	case assess.ScoreDiversity:
		return diversityWords(v, len(r.People))
	case assess.ScoreEffectiveSize, assess.ScoreEfficiency, assess.ScoreConstraint, assess.ScoreTieDensity:
		return tieWords(d.Name, v, r)
	}
	if def, core := defs[d.Name]; core && !def.subscale {
		return ""
	}
	return subscaleWords(d.gloss, v)
}

// coverageWords says which kinds of support someone outside the
// organization gives, and which not yet.
func coverageWords(r *assess.Result) string {
	return coverageSentence(r, "", "someone outside the organization",
		func(c assess.Coverage) bool { return true }, func(c assess.Coverage) bool { return c.Outside })
}

// professionalCoverageWords says which of the kinds of support a role
// needs (all but life outside work) someone at a professional distance
// gives, and which not yet.
func professionalCoverageWords(r *assess.Result) string {
	return coverageSentence(r, " a role like yours needs", "someone at a professional distance",
		func(c assess.Coverage) bool { return c.Function != assess.FunctionLifeOutsideWork },
		func(c assess.Coverage) bool { return c.Professional })
}

// coverageSentence counts the kinds of support counted that come from
// whom (those given holds for), and names the ones that do not yet.
func coverageSentence(r *assess.Result, kinds, whom string, counted, given func(assess.Coverage) bool) string {
	var covered, missing []string
	for _, c := range r.Coverage {
		if !counted(c) {
			continue
		}
		label := strings.ReplaceAll(c.Function, "_", " ")
		if given(c) {
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
		return fmt.Sprintf("none of the %d kinds of support%s comes from %s yet", total, kinds, whom)
	case len(missing) == 0:
		return fmt.Sprintf("all %d kinds of support%s come from %s", total, kinds, whom)
	}
	verb := "come"
	if len(covered) == 1 {
		verb = "comes"
	}
	return fmt.Sprintf("%d of %d kinds of support %s from %s; not yet: %s", len(covered), total, verb, whom, strings.Join(missing, ", "))
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
	ties := "ties"
	if Trim(eff, 1) == "1" {
		ties = "tie"
	}
	return fmt.Sprintf("%s (like %s equally strong %s)", w, Trim(eff, 1), ties)
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
// meaning where the questionnaire gives one.
func subscaleWords(gloss string, v float64) string {
	level := "low"
	switch {
	case v >= 66.5:
		level = "high"
	case v >= 33.5:
		level = "moderate"
	}
	if gloss != "" {
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

// ChangeRow is one score of a comparison as compare and the report show
// it: its label, both values and the change, in the summary's own words.
type ChangeRow struct {
	Name, Label, Short string
	From, To, Delta    string
	// Direction is the change as JSON says it (see Def.Direction); ""
	// when the score has no value now.
	Direction string
	// Verdict is "better" or "worse" where the score is better one way
	// and the change shows at the precision shown; "" otherwise.
	Verdict string
	// Change is the score then and now, as saved, and the change.
	Change assess.ScoreChange
}

// Shown reports whether the row says anything in text: a score null then
// and now (a measure of who knows whom, never asked) is left out of
// compare's text and the report. JSON and YAML keep every score.
func (r ChangeRow) Shown() bool { return r.Change.From != nil || r.Change.To != nil }

// ChangeRows writes the scores of a comparison. The three source shares
// are rounded together, as the headline rounds them (see Percentages), so
// each side's shares add up to 100% and match its summary; the change is
// the difference of the percentages shown. q names custom subscales (nil:
// the built-in questionnaire of c.To, if any).
func ChangeRows(c *assess.Comparison, q *assess.Questionnaire) []ChangeRow {
	if q == nil {
		q = assess.Builtin(c.To.Questionnaire.ID, c.To.Questionnaire.Version)
	}
	byName := map[string]assess.ScoreChange{}
	for _, s := range c.Scores {
		byName[s.Name] = s
	}
	from := sharePercents(func(name string) *float64 { return byName[name].From })
	to := sharePercents(func(name string) *float64 { return byName[name].To })
	var rows []ChangeRow
	for _, s := range c.Scores {
		d := Lookup(s.Name, q)
		row := ChangeRow{Name: s.Name, Label: d.Label, Short: d.Short, From: d.Value(s.From), To: d.Value(s.To), Delta: d.Delta(s.From, s.To),
			Direction: d.Direction(s.From, s.To), Change: s}
		if row.Direction == DirNew {
			row.Delta = DirNew
		}
		f, fok := from[s.Name]
		t, tok := to[s.Name]
		if fok {
			row.From = fmt.Sprintf("%d%%", f)
		}
		if tok {
			row.To = fmt.Sprintf("%d%%", t)
		}
		if fok && tok {
			row.Delta = delta(float64(t-f), 0, " pts")
		}
		if (row.Direction == DirBetter || row.Direction == DirWorse) && row.Delta != "=" {
			row.Verdict = row.Direction
		}
		rows = append(rows, row)
	}
	return rows
}

// SharePercents is how r's summary shows its three source shares (name →
// whole percent, adding up to 100); empty when they are null.
func SharePercents(r *assess.Result) map[string]int { return sharePercents(r.Score) }

// sharePercents rounds the three source shares together, as the headline
// does (Percentages); empty when any of them is null.
func sharePercents(share func(name string) *float64) map[string]int {
	shares := make([]float64, len(assess.SourceScores))
	for i, name := range assess.SourceScores {
		v := share(name)
		if v == nil {
			return nil
		}
		shares[i] = *v
	}
	out := map[string]int{}
	for i, p := range Percentages(shares) {
		out[assess.SourceScores[i]] = p
	}
	return out
}
