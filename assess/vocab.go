// Package assess holds the support-circle assessment: the questionnaire
// model and its strict loader, the answers a leader gives, the scoring and
// gap rules, and the result that is saved and compared.
//
// The words it uses (person, relationship, ring, frequency, candour,
// functions) are the ones DESIGN.md defines; this file holds the fixed part
// of that vocabulary. Relationship types and support functions are not fixed:
// each questionnaire defines its own.
package assess

import (
	"slices"
	"strings"
)

// Side says whether a tie sits inside or outside the leader's organization.
type Side string

// The two sides of the circle.
const (
	Internal Side = "internal"
	External Side = "external"
)

// Sides lists the valid sides in the order they are shown.
var Sides = []Side{Internal, External}

// Ring is how close a person is, after the convoy model's three circles.
type Ring string

// The three rings, closest first.
const (
	Inner  Ring = "inner"
	Middle Ring = "middle"
	Outer  Ring = "outer"
)

// Rings lists the rings, closest first.
var Rings = []Ring{Inner, Middle, Outer}

// RingLabels are the words used when asking for a ring: they carry the
// convoy model's definitions, because "inner" alone means different things
// to different people.
var RingLabels = map[Ring]string{
	Inner:  "Inner: so close it is hard to imagine life without them",
	Middle: "Middle: not quite that close, but still important",
	Outer:  "Outer: close and important enough to belong in your circle",
}

// Frequency is how often the leader has a real conversation with a person.
type Frequency string

// The four frequencies, most often first.
const (
	Weekly    Frequency = "weekly"
	Monthly   Frequency = "monthly"
	Quarterly Frequency = "quarterly"
	Rarely    Frequency = "rarely"
)

// Frequencies lists the frequencies, most often first.
var Frequencies = []Frequency{Weekly, Monthly, Quarterly, Rarely}

// FrequencyLabels are the words used when asking for a frequency.
var FrequencyLabels = map[Frequency]string{
	Weekly:    "Weekly or more",
	Monthly:   "Monthly or so",
	Quarterly: "Quarterly: a few times a year",
	Rarely:    "Rarely",
}

// CandourLabels are the five steps of candour, 1 to 5.
var CandourLabels = []string{
	"1: I choose my words carefully",
	"2: mostly guarded",
	"3: fairly open",
	"4: very open",
	"5: completely unfiltered",
}

// LikertLabels are the five answers to a Likert item, 1 to 5.
var LikertLabels = []string{
	"Strongly disagree",
	"Disagree",
	"Neither agree nor disagree",
	"Agree",
	"Strongly agree",
}

// Candour and Likert answers run from 1 to 5.
const (
	MinAnswer = 1
	MaxAnswer = 5
)

// Score names the core scores. Each Likert subscale adds one more score,
// named after the subscale.
const (
	ScoreBalance          = "balance"
	ScoreExternalCoverage = "external_coverage"
	ScoreConcentration    = "concentration"
	ScoreDiversity        = "diversity"
	ScoreCalibrationGap   = "calibration_gap"
)

// CoreScores lists the core scores in the order they are shown.
var CoreScores = []string{ScoreBalance, ScoreExternalCoverage, ScoreConcentration, ScoreDiversity, ScoreCalibrationGap}

// validSide, validRing and validFrequency check words against the lists
// above, so that each list is written once.
func validSide(s string) bool      { return slices.Contains(Sides, Side(s)) }
func validRing(s string) bool      { return slices.Contains(Rings, Ring(s)) }
func validFrequency(s string) bool { return slices.Contains(Frequencies, Frequency(s)) }

// quoteList renders ids as "a, b or c" for error messages that say what to use.
func quoteList[T ~string](ids []T) string {
	var parts []string
	seen := map[T]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			parts = append(parts, string(id))
		}
	}
	switch len(parts) {
	case 0:
		return "(none)"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}
