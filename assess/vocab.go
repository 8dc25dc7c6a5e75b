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

// Power is the formal power in a tie, seen from the leader: the person has
// power over the leader (a manager, the board, HR), the leader has power
// over them (a direct report), or neither.
type Power string

// The three directions of formal power.
const (
	PowerOver  Power = "over"
	PowerUnder Power = "under"
	PowerNone  Power = "none"
	// PowerFormal is only ever read from a version-1 result of a custom
	// questionnaire: version 1 recorded that there was a formal power
	// relation, not which way it ran.
	PowerFormal Power = "formal"
)

// Powers lists the directions a questionnaire can give a relationship.
var Powers = []Power{PowerOver, PowerUnder, PowerNone}

// HasPower reports whether there is any formal power relation.
func (p Power) HasPower() bool { return p != PowerNone && p != "" }

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
// named after the subscale. The three sources are one object in JSON and
// YAML (see Scores); inside circle they are three scores named with a dot.
const (
	ScoreSources              = "sources"
	ScoreSourcesInside        = "sources.inside"
	ScoreSourcesPersonal      = "sources.personal"
	ScoreSourcesProfessional  = "sources.outside_professional"
	ScoreProfessionalCoverage = "professional_coverage"
	ScoreOutsideConfidants    = "outside_confidants"
	ScoreBalance              = "balance"
	ScoreExternalCoverage     = "external_coverage"
	ScoreConcentration        = "concentration"
	ScoreDiversity            = "diversity"
	ScoreCalibrationGap       = "calibration_gap"
	// The measures of the ties among people (questionnaire version 3):
	// see TieMeasures.
	ScoreEffectiveSize = "effective_size"
	ScoreEfficiency    = "efficiency"
	ScoreConstraint    = "constraint"
	ScoreTieDensity    = "tie_density"
)

// CoreScores lists the core scores in the order they are shown: the
// headline first (where the support comes from, the professional coverage,
// the outside confidants), then the rest, then the measures of the ties
// among people.
var CoreScores = append(append(append([]string(nil), SourceScores...),
	ScoreProfessionalCoverage, ScoreOutsideConfidants,
	ScoreBalance, ScoreExternalCoverage, ScoreConcentration, ScoreDiversity, ScoreCalibrationGap,
), TieScores...)

// TieScores are the measures of the ties among people, in the order they
// are shown: null when who knows whom was not asked.
var TieScores = []string{ScoreEffectiveSize, ScoreEfficiency, ScoreConstraint, ScoreTieDensity}

// SourceScores are the three sources, as scores, in the order the
// headline shows them.
var SourceScores = []string{ScoreSourcesInside, ScoreSourcesProfessional, ScoreSourcesPersonal}

// SystemPersonal is the system of ties from the leader's life outside
// work: an external tie of any other system has professional distance.
const SystemPersonal = "personal"

// FunctionLifeOutsideWork is the one function professional coverage leaves
// out: it is what friends and family give, not what the role needs from
// someone outside.
const FunctionLifeOutsideWork = "life_outside_work"

// validSide, validRing and validFrequency check words against the lists
// above, so that each list is written once.
func validSide(s string) bool      { return slices.Contains(Sides, Side(s)) }
func validRing(s string) bool      { return slices.Contains(Rings, Ring(s)) }
func validFrequency(s string) bool { return slices.Contains(Frequencies, Frequency(s)) }
func validPower(s string) bool     { return slices.Contains(Powers, Power(s)) }

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
	if len(parts) == 0 {
		return "(none)"
	}
	return joinWords(parts, "or")
}
