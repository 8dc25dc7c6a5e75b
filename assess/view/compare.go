package view

import (
	"fmt"
	"strings"

	"github.com/circle-cli/circle/assess"
)

// Comparison is what changed between two results as every output shows
// it: compare's text and its JSON and YAML render this one view.
type Comparison struct {
	// C is the comparison shown: of results already redacted when names
	// and the leader's own words are not to be shown.
	C *assess.Comparison

	// Scores are every score both results have, with its change and its
	// direction, in the later result's order.
	Scores []ChangeRow

	// Gaps and warnings apart: a warning that cleared is not a gap that
	// closed. Findings new to the comparison are neither opened nor
	// closed, whatever their severity.
	GapsClosed, GapsOpened          []assess.Finding
	WarningsCleared, WarningsRaised []assess.Finding
	NewToComparison                 []assess.Finding

	Gained, Lost []assess.ResultPerson
	Moved        []assess.Move
	// Changed are the people in both results whose answers changed, or
	// who moved: one line each.
	Changed []PersonChangeLine

	// Ties are the ties among people gained, then lost, in words, when
	// both results were asked who knows whom; TiesNote says so when only
	// one of them was ("" otherwise).
	Ties     []TieLine
	TiesNote string

	// Stability, Turnover and Jaccard: see assess.Comparison.
	Stability, Turnover, Jaccard *float64
	// Stayed is how many of the earlier circle's people are still in it,
	// of Before.
	Stayed, Before int

	// Plan is each step of the earlier result's plan beside the later
	// result's follow-up of it and whether its finding is still open;
	// FollowUp is the later result's follow-up as saved.
	Plan     []PlanOutcome
	FollowUp []assess.FollowUp

	Notes       []string
	Reflections []Note
}

// TieLine is a tie among people gained or lost, in words: "Jo Mensah and
// Dana Reyes know each other", "Alex Kim and Dana Reyes: Alex Kim is no
// longer in your circle".
type TieLine struct {
	assess.Tie
	Gained bool
	Text   string
}

// PersonChangeLine is someone in both results whose answers changed, in
// words: "inner → outer circle", "candour 4 → 2", "no longer thinking
// partner, sounding board".
type PersonChangeLine struct {
	Name string
	// Move is set when they moved to another ring or side.
	Move *assess.Move
	// Changes are the answers that changed, as assess compares them.
	Changes []assess.AnswerChange
	// Parts say each change in a few words, the move first.
	Parts []string
}

// Line is the person's changes in one line of text: "Priya Shah: candour
// 4 → 2; no longer thinking partner, sounding board".
func (p PersonChangeLine) Line() string { return p.Name + ": " + strings.Join(p.Parts, "; ") }

// NewComparison builds the view of c. Redact both results first (as
// compare does, through one mapping) when names and the leader's own
// words must not be shown. q names custom subscales (nil: the built-in
// questionnaire of c.To, if any).
func NewComparison(c *assess.Comparison, q *assess.Questionnaire) *Comparison {
	v := &Comparison{
		C:      c,
		Scores: ChangeRows(c, q),
		Gained: c.Gained, Lost: c.Lost, Moved: c.Moved,
		NewToComparison: c.GapsNew,
		Stability:       c.Stability, Turnover: c.Turnover, Jaccard: c.Jaccard,
		Plan:     PlanOutcomes(c.From, c.To),
		FollowUp: c.To.FollowUp,
		Notes:    c.Notes,
		// A redacted result has no note.
		Reflections: Notes(c.From, c.To),
	}
	split := func(fs []assess.Finding) (gaps, warnings []assess.Finding) {
		for _, f := range fs {
			if f.Severity == assess.SeverityWarning {
				warnings = append(warnings, f)
			} else {
				gaps = append(gaps, f)
			}
		}
		return gaps, warnings
	}
	v.Ties, v.TiesNote = tieLines(c)
	v.GapsClosed, v.WarningsCleared = split(c.GapsClosed)
	v.GapsOpened, v.WarningsRaised = split(c.GapsOpened)

	before := map[string]bool{}
	for _, p := range c.From.People {
		before[assess.NameKey(p.Name)] = true
	}
	v.Before = len(before)
	for _, p := range c.To.People {
		if key := assess.NameKey(p.Name); before[key] {
			v.Stayed++
			delete(before, key) // a name given twice stays once
		}
	}

	moves := map[string]int{}
	for i, m := range c.Moved {
		moves[assess.NameKey(m.Name)] = i
	}
	changes := map[string]int{}
	for i, pc := range c.Changed {
		changes[assess.NameKey(pc.Name)] = i
	}
	seen := map[string]bool{}
	for _, p := range c.To.People {
		key := assess.NameKey(p.Name)
		mi, moved := moves[key]
		ci, changed := changes[key]
		if (!moved && !changed) || seen[key] {
			continue
		}
		seen[key] = true
		line := PersonChangeLine{Name: p.Name}
		if moved {
			m := c.Moved[mi]
			line.Move = &m
			line.Parts = append(line.Parts, moveWords(m)...)
		}
		if changed {
			line.Changes = c.Changed[ci].Changes
			for _, ch := range line.Changes {
				if ch.Field == assess.ChangeRing && moved {
					continue // the move says it
				}
				line.Parts = append(line.Parts, changeWords(ch)...)
			}
		}
		v.Changed = append(v.Changed, line)
	}
	return v
}

// tieLines says the ties gained and lost; or, when only one result was
// asked who knows whom, that there is nothing to compare them to.
func tieLines(c *assess.Comparison) ([]TieLine, string) {
	switch {
	case c.TiesCompared:
	case c.To.TiesAsked:
		return nil, fmt.Sprintf("Who knows whom was asked this time only (%s among your people), so there is nothing to compare it to; its measures are new.",
			Plural(len(assess.Ties(c.To.People)), "tie", "ties"))
	case c.From.TiesAsked:
		return nil, "Who knows whom was asked last time only, so it is not compared."
	default:
		return nil, ""
	}
	inTo := map[string]bool{}
	for _, p := range c.To.People {
		inTo[assess.NameKey(p.Name)] = true
	}
	var out []TieLine
	for _, t := range c.TiesGained {
		out = append(out, TieLine{Tie: t, Gained: true, Text: t.A + " and " + t.B + " know each other"})
	}
	for _, t := range c.TiesLost {
		text := t.A + " and " + t.B + " no longer know each other"
		for _, name := range []string{t.A, t.B} {
			if !inTo[assess.NameKey(name)] {
				text = t.A + " and " + t.B + ": " + name + " is no longer in your circle"
				break
			}
		}
		out = append(out, TieLine{Tie: t, Text: text})
	}
	return out, ""
}

// moveWords says where someone moved: "inner → outer circle", "now
// outside the organization".
func moveWords(m assess.Move) []string {
	var parts []string
	if m.RingMoved {
		parts = append(parts, fmt.Sprintf("%s → %s circle", m.FromRing, m.ToRing))
	}
	if m.Crossed {
		side := "inside"
		if m.ToSide == assess.External {
			side = "outside"
		}
		parts = append(parts, "now "+side+" the organization")
	}
	return parts
}

// changeWords says one changed answer in a few words.
func changeWords(ch assess.AnswerChange) []string {
	switch ch.Field {
	case assess.ChangeFunctions:
		var parts []string
		if len(ch.Removed) > 0 {
			parts = append(parts, "no longer "+Words(ch.Removed))
		}
		if len(ch.Added) > 0 {
			parts = append(parts, "now also "+Words(ch.Added))
		}
		return parts
	case assess.ChangeWasPeer:
		if to, _ := ch.To.(bool); to {
			return []string{"now noted as once a peer"}
		}
		return []string{"no longer noted as once a peer"}
	case assess.ChangeRing:
		return []string{fmt.Sprintf("%v → %v circle", ch.From, ch.To)}
	}
	return []string{fmt.Sprintf("%s %s → %s", ch.Field, Words([]string{fmt.Sprint(ch.From)}), Words([]string{fmt.Sprint(ch.To)}))}
}

// Words writes ids as words, joined by commas: "thinking partner,
// sounding board".
func Words(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strings.ReplaceAll(id, "_", " ")
	}
	return strings.Join(out, ", ")
}
